"""A tiny, real OpenID Connect provider for tests and local trials (django-oidc-provider).

Not part of eenplan: it stands in for a municipality's identity provider (Entra ID, ADFS, Keycloak).
Started by `python -m eenplan.testing.oidc_provider.serve` (see serve.py). Synthetic accounts only.
"""

import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
SECRET_KEY = "oidc-test-provider-not-secret-" + "x" * 30
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "eenplan.testing.oidc_provider.urls"
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "oidc_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [HERE / "templates"],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": ["django.template.context_processors.request",
                                       "django.contrib.auth.context_processors.auth"]},
}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["OIDC_PROVIDER_DB"]}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
USE_TZ = True
LOGIN_URL = "/login/"
SITE_URL = os.environ["OIDC_PROVIDER_URL"]
# A different cookie name than eenplan's: both run on 127.0.0.1 in tests, and cookies ignore the port.
SESSION_COOKIE_NAME = "idp_sessionid"
CSRF_COOKIE_NAME = "idp_csrftoken"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
OIDC_IDTOKEN_PROCESSING_HOOK = "eenplan.testing.oidc_provider.claims.id_token_claims"
OIDC_USERINFO = "eenplan.testing.oidc_provider.claims.userinfo"
OIDC_IDTOKEN_INCLUDE_CLAIMS = True

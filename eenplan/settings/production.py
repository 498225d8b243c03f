"""Production: PostgreSQL via DATABASE_URL, secrets from the environment, HTTPS only."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import LOG_LEVEL, env_bool

DEBUG = env_bool("DEBUG", False)
EENPLAN_DEMO = False
EENPLAN_DIGID_MOCK = False  # residents log in with the real DigiD (SAML) only
# The demo seed (eenplan.demo: seed_demo, demo_totp) is not installed in production.
INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "eenplan.demo"]  # noqa: F405

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to at least 50 random characters in production.")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
MIDDLEWARE = MIDDLEWARE[:1] + ["whitenoise.middleware.WhiteNoiseMiddleware"] + MIDDLEWARE[1:]  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- ops: observability (docs/operations.md) ---
from eenplan.ops.observability import init_sentry, logging_config  # noqa: E402

LOGGING = logging_config(os.environ.get("LOG_FORMAT", "json"), LOG_LEVEL)
SENTRY_ENABLED = init_sentry()  # only when SENTRY_DSN is set
# Load balancers and monitoring probe these over plain HTTP on the internal address.
SECURE_REDIRECT_EXEMPT = [r"^health/$", r"^ready/$"]
# --- end ops: observability

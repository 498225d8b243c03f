"""Settings read from documented environment variables (see `.env.example`).

Defaults make a newcomer's first run work on SQLite; `eenplan.settings.production`
tightens them for a real deployment.
"""

import json
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from .envfile import load_env_file

# --- ops: the operator's environment file (EENPLAN_ENV_FILE or /etc/eenplan/eenplan.env), never overriding
# variables already set; see eenplan/settings/envfile.py and docs/operations.md.
load_env_file()
# --- end ops

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me-in-production-0123456789")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# Demo helpers (fixed TOTP secrets shown on screen) only exist when both are on.
EENPLAN_DEMO = env_bool("EENPLAN_DEMO", False)

# The municipality's name, where pages name the place (the sociale kaart). The demo town is Eendijk.
MUNICIPALITY_NAME = os.environ.get("MUNICIPALITY_NAME", "Eendijk" if EENPLAN_DEMO else "")

# Persistent connections (a new connection per request costs more than most pages), checked before reuse.


def _database(url: str) -> dict:
    """dj-database-url, plus libpq's multi-host form for a failover pair (docs/resilience.md):
    postgres://user@host1:port1,host2:port2/db?target_session_attrs=read-write — dj-database-url reads one
    host, so the host and port lists are handed to libpq as HOST/PORT ("h1,h2", "p1,p2")."""
    import re

    kwargs = {"conn_max_age": int(os.environ.get("DB_CONN_MAX_AGE", "60")), "conn_health_checks": True}
    m = re.fullmatch(r"(postgres(?:ql)?://(?:[^@/]*@)?)([^/@]*,[^/]*)(/.*)?", url)
    if not m:
        return dj_database_url.parse(url, **kwargs)
    pairs = [h.rsplit(":", 1) if ":" in h else [h, "5432"] for h in m.group(2).split(",")]
    config = dj_database_url.parse(f"{m.group(1)}{pairs[0][0]}{m.group(3) or ''}", **kwargs)
    config["HOST"], config["PORT"] = ",".join(h for h, _ in pairs), ",".join(p for _, p in pairs)
    return config


DATABASES = {"default": _database(os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"))}
# PostgreSQL: the JIT compiles eenplan's short, over-estimated queries at a loss (most of a name search's
# time), so it is off for the app's connections; work_mem lets the sorts and hashes of a page stay in memory;
# random_page_cost 1.1 (Debian's default is 4, for spinning disks) tells the planner that an index probe costs
# about what a sequential read does on SSD or cached data, so it walks a team's cases through their index instead
# of hashing the whole city's rows (the team lead's evaluations: 41 to 3 ms at G4); no parallel workers, since
# starting them costs more than a page's short queries take and concurrent requests already fill the cores.
# All per connection, so no change to the server's postgresql.conf is needed (docs/benchmarks.md).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c jit=off -c work_mem={os.environ.get('DB_WORK_MEM', '16MB')} "
        f"-c random_page_cost={os.environ.get('DB_RANDOM_PAGE_COST', '1.1')} "
        f"-c max_parallel_workers_per_gather={os.environ.get('DB_PARALLEL_WORKERS', '0')}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# SQLite, the embedded default of `./run`, made fit for concurrent writes (docs/adr/0006-sqlite-for-concurrent-writes.md):
# WAL lets readers go on while one writer writes; a write transaction takes the write lock when it begins
# (IMMEDIATE), so it waits for it (busy timeout) instead of failing half-way with "database is locked".
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "transaction_mode": "IMMEDIATE",
        "timeout": int(os.environ.get("SQLITE_BUSY_TIMEOUT_SECONDS", "20")),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY",
    })

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "eenplan.core",
    "eenplan.accounts",
    "eenplan.organisation",
    "eenplan.people",
    "eenplan.cases",
    "eenplan.access",
    "eenplan.intake",
    "eenplan.assessment",
    "eenplan.socialmap",
    "eenplan.plans",
    "eenplan.safety",
    "eenplan.followup",
    "eenplan.insights",
    "eenplan.privacy",
    "eenplan.ops",
    "eenplan.demo",
    "eenplan.partners",
    "eenplan.portal",
    "eenplan.brp",
    "eenplan.zgw",
    # Third-party apps and the admin come after eenplan's apps: the first app's Dutch catalogue wins,
    # and ours must ("Search" is "Zoeken" here, not DRF's "Zoek"; "Log in" is "Inloggen").
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "oauth2_provider",
    "django_htmx",
    # DigiD for the resident portal (ADR 0100): Maykin's library and the apps its configuration models need.
    "solo",
    "privates",
    "simple_certmanager",
    "digid_eherkenning",
    # The ZGW client (ADR 0117): Maykin's zgw-consumers, its Service configured from settings (not its admin).
    "zgw_consumers",
    "eenplan.core.apps.EenplanAdminConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "eenplan.core.csp.SingleSignOnFormActionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "eenplan.core.session.SessionRefreshMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "eenplan.access.middleware.DeclaredAccessMiddleware",
    # A resident (Mijn plan, DigiD) reaches only resident pages; refusals are logged (docs/portal.md).
    "eenplan.portal.middleware.ResidentSessionMiddleware",
    # Resent forms (same one-time token) answered as the first time (docs/adr/0120-idempotent-form-posts.md).
    "eenplan.core.idempotency.IdempotentPostMiddleware",
    # Axes last, as its documentation asks.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "cases:caseload"
LOGOUT_REDIRECT_URL = "accounts:login"

# --- Mijn plan: the resident portal with DigiD (docs/portal.md, ADR 0100) ---
# The DigiD mock (a page where you type a BSN) stands in for DigiD only in development, the demo and tests;
# production.py turns it off. The real SAML configuration is the library's DigiD configuration in the
# management site (certificate, metadata), as its documentation describes.
EENPLAN_DIGID_MOCK = env_bool("EENPLAN_DIGID_MOCK", DEBUG or EENPLAN_DEMO)
DIGID_MOCK_APP_TITLE = "Mijn plan"
DIGID_MOCK_RETURN_URL = "portal:home"
DIGID_MOCK_CANCEL_URL = "portal:login"
DIGID_SESSION_AGE = 15 * 60  # DigiD's maximum session (library default)
# "Wie keek in mijn dossier" names the staff member too, not only role and team: the municipality's choice.
EENPLAN_PORTAL_STAFF_NAMES = env_bool("EENPLAN_PORTAL_STAFF_NAMES", False)
# Two records of one person or household merged (people.merging, ADR 0113) can be undone for this many days.
EENPLAN_MERGE_UNDO_DAYS = int(os.environ.get("EENPLAN_MERGE_UNDO_DAYS", "30"))
PRIVATE_MEDIA_ROOT = os.environ.get("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private_media"))
PRIVATE_MEDIA_URL = "/private-media/"
SENDFILE_BACKEND = "django_sendfile.backends.simple"
SENDFILE_ROOT = PRIVATE_MEDIA_ROOT

ROOT_URLCONF = "eenplan.urls"
WSGI_APPLICATION = "eenplan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "eenplan.core.context_processors.navigation",
            ],
        },
    }
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]

# Idle timeout: 15 minutes without a request ends the session. The session is not written on every request:
# eenplan.core.session.SessionRefreshMiddleware saves it again at most once a minute, so it ends 14-15 minutes
# after the last request (docs/benchmarks.md).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_SECONDS", "900"))
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Failed-login throttling (django-axes): lock a username+IP after 5 failures for 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# The client IP behind a reverse proxy: see eenplan.core.net.client_ip and docs/operations.md.
AXES_CLIENT_IP_CALLABLE = "eenplan.core.net.axes_client_ip"

# Reverse proxies whose X-Forwarded-For is believed (comma-separated addresses or networks).
# Empty (the default): REMOTE_ADDR is the client. Used by the access log, django-axes and the
# public form's rate limit alike (eenplan.core.net.client_ip).
EENPLAN_TRUSTED_PROXIES = env_list("EENPLAN_TRUSTED_PROXIES", "")

OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "eenplan")

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["eenplan.access.api.VerifiedStaff"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
# --- partners: the partner API's OAuth2 server (django-oauth-toolkit, client credentials; ADR 0110) ---
OAUTH2_PROVIDER = {
    "SCOPES": {
        "afspraken:lezen": "Afspraken met de organisatie lezen",
        "afspraken:bijwerken": "Afspraken met de organisatie afvinken",
        "voorzieningen:lezen": "Aanvragen maatwerkvoorziening voor de organisatie lezen",
        "voorzieningen:bijwerken": "De status van die aanvragen bijwerken",
        "signalen:melden": "Nieuwe signalen melden",
        "notificaties:abonneren": "Abonneren op notificaties van wijzigingen die het systeem mag lezen",
        "regie:lezen": "Lezen wie het aanspreekpunt van een casus is (regisseur en team)",
    },
    # Which scopes an application may ask for: those the functional administrator gave its partner system.
    "SCOPES_BACKEND_CLASS": "eenplan.partners.scopes.PartnerScopes",
    "OAUTH2_VALIDATOR_CLASS": "eenplan.partners.oauth.PartnerValidator",  # no token for a deactivated system
    "ACCESS_TOKEN_EXPIRE_SECONDS": int(os.environ.get("PARTNER_TOKEN_SECONDS", "3600")),
    # RFC 9700 (OAuth 2.0 Security BCP), enforced: only client credentials are used, tokens are stored hashed,
    # never taken from a query string; https redirect URIs only (no flow here uses them).
    **{f"COMPLIANT_BCP_RFC9700_{gate}": True for gate in (
        "IMPLICIT_GRANT", "PASSWORD_GRANT", "PKCE_METHOD", "ACCESS_TOKEN_TRANSPORT", "AUTHZ_RESPONSE_ISS", "TOKEN_STORAGE",
        "REFRESH_TOKEN", "REDIRECT_URI_SCHEME", "REDIRECT_URI_MATCHING", "PKCE_REQUIRED")},
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
}
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"  # named, so migrations can refer to it
# Notifications to partner systems (ADR 0116): callback URLs must be https; plain http only for a local demo/test.
EENPLAN_NOTIFICATIONS_ALLOW_HTTP = env_bool("EENPLAN_NOTIFICATIONS_ALLOW_HTTP", False)
# --- end partners

# --- zgw: tailored-provision requests registered as a zaak in the municipality's zaaksysteem (ADR 0117) ---
# The Zaken and Documenten APIs (as Open Zaak serves them), the client id and secret of eenplan's application there
# (ZGW JWT), the municipality's RSIN, the zaaktypen per law and the informatieobjecttype in its Catalogi API, and which
# statustypen mean which request status (JSON: {"https://…/statustypen/…": "toegekend", …}). Empty: the feature is hidden.
ZGW_ZAKEN_API_ROOT = os.environ.get("ZGW_ZAKEN_API_ROOT", "")
ZGW_DOCUMENTEN_API_ROOT = os.environ.get("ZGW_DOCUMENTEN_API_ROOT", "")
ZGW_CLIENT_ID = os.environ.get("ZGW_CLIENT_ID", "")
ZGW_SECRET = os.environ.get("ZGW_SECRET", "")
ZGW_BRONORGANISATIE = os.environ.get("ZGW_BRONORGANISATIE", "")
ZGW_ZAAKTYPE_WMO = os.environ.get("ZGW_ZAAKTYPE_WMO", "")
ZGW_ZAAKTYPE_JEUGDWET = os.environ.get("ZGW_ZAAKTYPE_JEUGDWET", "")
ZGW_INFORMATIEOBJECTTYPE = os.environ.get("ZGW_INFORMATIEOBJECTTYPE", "")
ZGW_STATUSTYPEN = json.loads(os.environ.get("ZGW_STATUSTYPEN", "{}") or "{}")
# The zaaktype's roltype for the resident the request is for (betrokkene, natuurlijk persoon with BSN); empty: no rol.
ZGW_ROLTYPE_AANVRAGER = os.environ.get("ZGW_ROLTYPE_AANVRAGER", "")
# The Authorization header value of eenplan's abonnement at the Notificaties API (kanaal zaken); empty: the
# callback /api/zgw/notificaties refuses everything and the status comes back by polling only.
ZGW_NOTIFICATIONS_AUTH = os.environ.get("ZGW_NOTIFICATIONS_AUTH", "")
# --- end zgw

SPECTACULAR_SETTINGS = {
    "TITLE": "eenplan API",
    "DESCRIPTION": "Case and registration system for a sociaal wijkteam.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "ENUM_NAME_OVERRIDES": {"PhaseEnum": "eenplan.cases.models.Phase"},
    # The partner API: OAuth2 client credentials at its token endpoint (eenplan/partners, docs/api.md).
    "OAUTH2_FLOWS": ["clientCredentials"],
    "OAUTH2_TOKEN_URL": "/api/v1/partners/token",
    "OAUTH2_SCOPES": OAUTH2_PROVIDER["SCOPES"],
}

# Small-cell suppression threshold for aggregate figures.
INSIGHTS_SMALL_CELL_THRESHOLD = int(os.environ.get("INSIGHTS_SMALL_CELL_THRESHOLD", "5"))
INSIGHTS_RECURRING_THEME_MIN = int(os.environ.get("INSIGHTS_RECURRING_THEME_MIN", "5"))

# AVG retention: years a closed case's records are kept, counted from the case's closure, per law that
# applies to the help (docs/privacy.md gives the legal sources). Jeugdwet art. 7.3.8 sets 20 years; for
# Wmo 2015 and Participatiewet the municipality sets the period (selection list): 15 and 5 are common.
RETENTION_YEARS = {
    "jeugdwet": int(os.environ.get("RETENTION_YEARS_JEUGDWET", "20")),
    "wmo": int(os.environ.get("RETENTION_YEARS_WMO", "15")),
    "participatiewet": int(os.environ.get("RETENTION_YEARS_PARTICIPATIEWET", "5")),
}
# A signal that led to no case (withdrawn, or triaged without a case), counted from when it came in.
RETENTION_YEARS_SIGNAL = int(os.environ.get("RETENTION_YEARS_SIGNAL", "2"))
# The access log's own retention (NEN 7513: at least 5 years); the retention job never removes log rows.
RETENTION_YEARS_ACCESS_LOG = int(os.environ.get("RETENTION_YEARS_ACCESS_LOG", "5"))

# The privacy officer's unusual-access report (docs/privacy.md).
PRIVACY_WORKING_HOURS = tuple(int(h) for h in os.environ.get("PRIVACY_WORKING_HOURS", "7-19").split("-"))
PRIVACY_WORKING_DAYS = tuple(int(d) for d in os.environ.get("PRIVACY_WORKING_DAYS", "1,2,3,4,5").split(","))
PRIVACY_BULK_READ_THRESHOLD = int(os.environ.get("PRIVACY_BULK_READ_THRESHOLD", "20"))
# How residents reach the privacy officer (shown on the public informatieprotocol page).
PRIVACY_OFFICER_CONTACT = os.environ.get("PRIVACY_OFFICER_CONTACT", "privacy@eendijk.example")

# --- ops: logging (eenplan/ops/observability.py): LOG_FORMAT text (development) or json (production default),
# each line with the request id. The NEN 7513 access log is in the database, not in these logs.
from eenplan.ops.observability import logging_config  # noqa: E402

LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING")
LOGGING = logging_config(os.environ.get("LOG_FORMAT", "text"), LOG_LEVEL)
MIDDLEWARE.insert(0, "eenplan.ops.observability.RequestIdMiddleware")
# --- end ops: logging

# --- ops: e-mail (notification mails for staff who chose them; docs/operations.md) ---
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "eenplan@example.invalid")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
# The address staff use to reach eenplan; links in mails start with it.
EENPLAN_BASE_URL = os.environ.get("EENPLAN_BASE_URL", "http://127.0.0.1:8000")
# --- end ops: e-mail


# --- ops: scheduled jobs (docs/operations.md, docs/adr/0085-scheduled-jobs-procrastinate.md) ---
# On PostgreSQL the task runner procrastinate is installed (its tables, `manage.py procrastinate worker`);
# on the embedded SQLite default it is not: jobs then run with `manage.py run_job NAME` (cron or by hand).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    INSTALLED_APPS.append("procrastinate.contrib.django")
PROCRASTINATE_ON_APP_READY = None
# --- end ops: scheduled jobs

# --- ops: shared cache (docs/operations.md) ---
# With REDIS_URL (production: Debian's redis-server) the cache is Redis, shared by all gunicorn workers:
# the public form's rate limit, django-axes' failed-login counts and any cached insight figures. Without it
# (the embedded default) each process has its own local-memory cache and axes keeps its counts in the database.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "eenplan"),
            "TIMEOUT": 300,
        }
    }
    AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "eenplan"}}
    AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# --- end ops: shared cache

# --- ops: staff single sign-on over OpenID Connect (eenplan/accounts/oidc.py, docs/operations.md) ---
# Off unless OIDC_RP_CLIENT_ID is set. The IdP's endpoints are given one by one (see .env.example).
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_OP_LOGOUT_ENDPOINT = os.environ.get("OIDC_OP_LOGOUT_ENDPOINT", "")
OIDC_STORE_ID_TOKEN = True  # needed for the IdP logout (id_token_hint)
OIDC_USE_PKCE = True
OIDC_CREATE_USER = env_bool("OIDC_CREATE_USER", False)
OIDC_USERNAME_CLAIM = os.environ.get("OIDC_USERNAME_CLAIM", "preferred_username")
# Roles from the IdP only where configured: OIDC_ROLE_MAP="group-a=professional,group-b=team_lead".
OIDC_ROLE_CLAIM = os.environ.get("OIDC_ROLE_CLAIM", "groups")
OIDC_ROLE_MAP = dict(item.split("=", 1) for item in env_list("OIDC_ROLE_MAP", "") if "=" in item)
# The IdP's second factor counts when amr names one of these, or acr is one of OIDC_MFA_ACR.
OIDC_MFA_AMR = env_list("OIDC_MFA_AMR", "mfa,otp,hwk,swk,sms,fpt,face,pop")
OIDC_MFA_ACR = env_list("OIDC_MFA_ACR", "")
if OIDC_RP_CLIENT_ID:
    AUTHENTICATION_BACKENDS.append("eenplan.accounts.oidc.EenplanOIDCBackend")
# --- end ops: single sign-on
# Content-Security-Policy on every page (django-csp; docs/adr/0081-content-security-policy.md).
# Scripts only from our own static files; <style> elements only from our static files or with the
# request's nonce (the inline SVG charts); style="" attributes inside those SVG charts are allowed
# (style-src-attr), they cannot run code. No frames, no plugins, forms post only to us.
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# With single sign-on, the IdP's origin joins form-action per response (eenplan.core.csp).

# --- brp: Haal Centraal BRP Personen Bevragen (docs/brp.md, ADR 0111). Empty BRP_API_URL: the lookup is hidden.
BRP_API_URL = os.environ.get("BRP_API_URL", "")
BRP_API_KEY = os.environ.get("BRP_API_KEY", "")
BRP_TIMEOUT_SECONDS = float(os.environ.get("BRP_TIMEOUT_SECONDS", "5"))
# --- end brp

"""One settings module, driven by the environment (see README: Configuration)."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("HOABAN_VAR_DIR", PROJECT_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# --- The secret key: from the environment. The embedded demo key is used only when DEBUG is
# on or HOABAN_DEMO=1 says this is the demo on one's own machine (the Makefile, the test run
# and the bench set it); otherwise Hoa Ban refuses to start rather than sign sessions with a
# key everybody knows.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or env_bool("HOABAN_DEMO", False)):
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. In production set SECRET_KEY to a long random value "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))'); for the demo on "
            "your own machine set HOABAN_DEMO=1 (make run does) or DEBUG=1."
        )
    SECRET_KEY = "hoaban-embedded-demo-key-change-me-in-production-0123456789"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Behind a reverse proxy: the one header it sets with the client's address (e.g.
# X-Forwarded-For), and how many proxies append to it. Unset: REMOTE_ADDR (hoaban.core.clientip).
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")
CLIENT_IP_PROXY_COUNT = int(os.environ.get("CLIENT_IP_PROXY_COUNT", "1"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",  # its templates and static files: the API docs work offline (no CDN)
    "axes",
    "csp",
    "hoaban.core",
    "hoaban.places",
    "hoaban.accounts",
    "hoaban.orgs",
    "hoaban.catalog",
    "hoaban.inventory",
    "hoaban.commerce",
    "hoaban.storefront",
    "hoaban.console",
    "hoaban.api",
    "hoaban.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",  # Content-Security-Policy with a per-response nonce
    "hoaban.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "hoaban.core.error_pages.ApiErrorJson",  # under /api/ every error is JSON
    "hoaban.core.compression.GZipMiddleware",  # text only: pictures are compressed already
    # Issue 6 (fuzz): refuse NUL characters and over-deep JSON with a 400 before the session
    # or any view reads them (PostgreSQL refuses NUL in text). See hoaban/core/edge.py.
    "hoaban.core.edge.EdgeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "hoaban.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    # 503 when the database is unreachable from a view (hoaban.core.error_pages).
    "hoaban.core.error_pages.DatabaseOutage",
]

ROOT_URLCONF = "hoaban.urls"
WSGI_APPLICATION = "hoaban.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hoaban.storefront.context_processors.cart",
            ],
            "builtins": ["django.templatetags.i18n", "hoaban.core.templatetags.hoaban"],
        },
    }
]

# Database: SQLite under var/ by default; DATABASE_URL (e.g. postgres://…) for scale-out.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'hoaban.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the demo server and a worker share the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compilation adds ~100 ms to the big list plans and saves nothing on our short queries.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"

# --- periodic jobs (Celery beat: `celery -A hoaban beat`; README "Periodic jobs") -------------
# Housekeeping only: correctness never waits on them (an expired reservation, session or login
# failure is ignored whether or not it has been deleted).
CELERY_BEAT_SCHEDULE = {
    "reservations-expire": {
        "task": "hoaban.commerce.tasks.reservations_expire",
        "schedule": 15 * 60,  # the stock history of holds that ran out
    },
    "reservations-purge": {
        "task": "hoaban.commerce.tasks.reservations_purge",
        "schedule": 60 * 60,  # hourly
    },
    "login-records-purge": {
        "task": "hoaban.accounts.tasks.login_records_purge",
        "schedule": 24 * 60 * 60,  # daily
    },
    "sessions-purge": {
        "task": "hoaban.accounts.tasks.sessions_purge",
        "schedule": 24 * 60 * 60,  # daily
    },
}
# --- end periodic jobs ------------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "storefront:home"

# --- login lock-out (django-axes; hoaban.accounts.throttling) ---------------------------
# A phone is locked after AXES_FAILURE_LIMIT failures from any address; an address after
# LOGIN_ADDRESS_FAILURE_LIMIT failures across phones (higher: a carrier's NAT or a cooperative's
# Wi-Fi puts many people behind one address). Each lock lasts AXES_COOLOFF_TIME after the
# failure that set it; failures while locked do not prolong it. A success clears only the
# failures of that phone from that address. An admin unlocks: `hoaban axes_reset_username +84…`.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "hoaban.accounts.throttling.LockoutHandler"
AXES_CLIENT_IP_CALLABLE = "hoaban.accounts.throttling.axes_client_address"  # via clientip
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "hoaban.accounts.throttling.axes_username"
AXES_LOCKOUT_CALLABLE = "hoaban.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False

# --- joining an organisation by invitation (hoaban.orgs.invitations) ----------------------
INVITATION_LIFETIME_HOURS = 48
INVITATION_MAX_ATTEMPTS = 5
INVITATION_MESSAGES_PER_PHONE_PER_HOUR = 3
INVITATIONS_PER_ORGANISATION_PER_HOUR = int(
    os.environ.get("INVITATIONS_PER_ORGANISATION_PER_HOUR", "20")
)

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "hoaban_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns on every request until collectstatic
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed (gzip + brotli) and cache-busted after collectstatic; unhashed names before it.
    "staticfiles": {"BACKEND": "hoaban.core.storage.StaticStorage"},
    # --- uploads (issue 6): private files (certificate scans) are never under /media/; they
    # are read only through views that check who asks (hoaban.core.uploads).
    "private": {"BACKEND": "hoaban.core.uploads.PrivateFileSystemStorage"},
}
# Private files' folder; empty: `private` next to MEDIA_ROOT (var/private).
PRIVATE_MEDIA_ROOT = os.environ.get("PRIVATE_MEDIA_ROOT", "")
# Media on S3-compatible storage when a bucket is configured (django-storages). Each object
# carries its own Content-Type, Content-Disposition and Cache-Control (hoaban.core.uploads);
# private files go under `private/` with a private ACL.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {"BACKEND": "hoaban.core.uploads.s3.PublicS3Storage"}
    STORAGES["private"] = {"BACKEND": "hoaban.core.uploads.s3.PrivateS3Storage"}
    if os.environ.get("AWS_PRIVATE_STORAGE_BUCKET_NAME"):  # better: a bucket of their own
        STORAGES["private"]["OPTIONS"] = {
            "bucket_name": os.environ["AWS_PRIVATE_STORAGE_BUCKET_NAME"]
        }
    AWS_STORAGE_BUCKET_NAME = os.environ["AWS_STORAGE_BUCKET_NAME"]
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", False)

# Uploads: images larger than this are refused with a clear message.
MAX_IMAGE_UPLOAD_BYTES = int(os.environ.get("MAX_IMAGE_UPLOAD_BYTES", str(5 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# --- HTTPS, from the environment (README: Configuration); all off for the demo over http.
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
# Behind a TLS-terminating proxy: "HTTP_X_FORWARDED_PROTO,https" (the header the proxy sets,
# as Django names it, and the value that means https). Only if the proxy always sets it.
_proxy_ssl_header = env_list("SECURE_PROXY_SSL_HEADER")
if _proxy_ssl_header and len(_proxy_ssl_header) != 2:
    raise ImproperlyConfigured(
        'SECURE_PROXY_SSL_HEADER must be "HEADER,value", e.g. "HTTP_X_FORWARDED_PROTO,https".'
    )
SECURE_PROXY_SSL_HEADER = tuple(_proxy_ssl_header) if _proxy_ssl_header else None
CSRF_FAILURE_VIEW = "hoaban.core.error_pages.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- Orders: caps, stock holds and throttles (issue 6; hoaban.commerce.services.validation,
# hoaban.commerce.stock, hoaban.commerce.throttles). One order may hold at most this many
# units of one product (summed over its lines) and from one seller; bigger purchases are
# business deals (sourcing requests) or arranged with the cooperative.
ORDER_MAX_QUANTITY_PER_PRODUCT = int(os.environ.get("ORDER_MAX_QUANTITY_PER_PRODUCT", "100"))
ORDER_MAX_UNITS_PER_SELLER = int(os.environ.get("ORDER_MAX_UNITS_PER_SELLER", "300"))
# How long an unconfirmed order holds its stock: an unpaid bank transfer 2 hours; cash on
# delivery, cash at pick-up and a transfer seen arriving: until confirmed, at most 24 hours.
ORDER_HOLD_UNPAID_TRANSFER_MINUTES = int(
    os.environ.get("ORDER_HOLD_UNPAID_TRANSFER_MINUTES", "120")
)
ORDER_HOLD_UNCONFIRMED_MINUTES = int(os.environ.get("ORDER_HOLD_UNCONFIRMED_MINUTES", "1440"))
# The site's public address, for links in SMS and Zalo messages (the order's tracking page).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Throttles (hoaban.core.throttle), "events/period" with s, m, h or d; unset names use the
# defaults in hoaban.core.throttle.DEFAULT_RATES.
THROTTLE_RATES = {
    "order_place_address": os.environ.get("THROTTLE_ORDER_PLACE_ADDRESS", "10/10m"),
    "order_place_phone": os.environ.get("THROTTLE_ORDER_PLACE_PHONE", "5/h"),
    "order_track_address": os.environ.get("THROTTLE_ORDER_TRACK_ADDRESS", "30/10m"),
    "order_track_code_failures": os.environ.get("THROTTLE_ORDER_TRACK_CODE_FAILURES", "10/h"),
}
# --- end of orders block

# --- Content-Security-Policy (django-csp) -------------------------------------------------
# Everything from our own origin; inline <style>/<script> only with the response's nonce
# (`{{ request.csp_nonce }}`, `{% inline_css %}`), so an injected tag or attribute never runs.
# No style or on* attributes anywhere. CSP_EXTRA_IMG_SRC: media origins in the S3 mode
# (e.g. https://media.example.org), comma-separated.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:", *env_list("CSP_EXTRA_IMG_SRC")],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Permissions-Policy (hoaban.core.middleware.PermissionsPolicyMiddleware) ---------------
# Every powerful feature off; the camera only on these path prefixes (event check-in, later).
PERMISSIONS_POLICY_CAMERA_PATHS = env_list("PERMISSIONS_POLICY_CAMERA_PATHS", "/meet/checkin/")

# Version of the personal-data consent text shown at sign-up (Law 91/2025/QH15).
CONSENT_VERSION = "2026-01"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "hoaban": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

"""Road Ahead settings, driven by environment variables.

Every variable is documented in docs/admin/configure.md. Malformed values stop start-up with
ImproperlyConfigured rather than being guessed at. Per-school behaviour (phases, pathways, terms,
statutory switches) lives in the database, never here.
"""

from __future__ import annotations

import datetime
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_secret(name: str) -> str:
    """Read a secret from NAME, or from the file named by NAME_FILE (Docker secrets)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return os.environ.get(name, "")


# ## DIRECTORIES ##################################################################################
PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("ROADAHEAD_DATA_DIR", str(Path.cwd() / "data"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = DATA_DIR / "media"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns about a missing folder otherwise

# ## SECURITY #####################################################################################
DEBUG = env_bool("ROADAHEAD_DEBUG", default=False)


def _secret_key() -> str:
    key = env_secret("ROADAHEAD_SECRET_KEY")
    if key:
        # A configured key is a production key: refuse Django's placeholder and short keys outright.
        if key.startswith("django-insecure-") or len(key) < 50:
            raise ImproperlyConfigured("ROADAHEAD_SECRET_KEY must be at least 50 random characters, and not "
                                       "a django-insecure- key (see docs/admin/configure.md).")
        return key
    # Without a configured key (the demo, a developer machine) one is made once and kept in the
    # data folder, so sessions survive a restart and no two installations share a key.
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ROADAHEAD_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("ROADAHEAD_CSRF_TRUSTED_ORIGINS", [])
HTTPS = env_bool("ROADAHEAD_HTTPS", default=False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
# HSTS preload commits the whole registrable domain (often the school's or the trust's) to HTTPS
# in every browser; that is for the domain's owner to decide, not for one app on it (security.md H47).
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Over HTTPS the __Host- prefix makes browsers insist on Secure, Path=/ and no Domain.
SESSION_COOKIE_NAME = "__Host-roadahead_session" if HTTPS else "roadahead_session"
SESSION_COOKIE_PATH = "/"
SESSION_COOKIE_DOMAIN = None
# Sessions are rows that know their user, so deactivating someone ends their sessions at once.
SESSION_ENGINE = "roadahead.accounts.sessions"
# Staff sign out 10 hours after signing in at most, and after 30 idle minutes (see core.middleware).
SESSION_COOKIE_AGE = env_int("ROADAHEAD_SESSION_MAX_SECONDS", 10 * 60 * 60)
SESSION_IDLE_SECONDS = env_int("ROADAHEAD_SESSION_IDLE_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# A strict content security policy: no inline script or style anywhere (templates keep them in
# static files), so injected markup cannot run.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    },
}

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Length and a deny list, no composition rules and no expiry (docs/admin/configure.md, security.md B10).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "roadahead.accounts.validators.MaximumLengthValidator", "OPTIONS": {"max_length": 256}},
    {"NAME": "roadahead.accounts.validators.DenyListValidator"},
    {"NAME": "roadahead.accounts.validators.ContextWordsValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_USER_MODEL = "people.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# ## SIGN-IN SECURITY #############################################################################
# Two-factor sign-in (an authenticator app) for every member of every role.
ROADAHEAD_REQUIRE_TWO_FACTOR = env_bool("ROADAHEAD_REQUIRE_TWO_FACTOR", default=True)
OTP_TOTP_ISSUER = "Road Ahead"
OTP_TOTP_THROTTLE_FACTOR = 1  # after each wrong code the next waits 1, 2, 4, 8 ... seconds
# Wrong passwords: 5 for one email address from one client address pause it for 15 minutes.
ROADAHEAD_TRUSTED_PROXIES = env_int("ROADAHEAD_TRUSTED_PROXIES", 0)
AXES_ENABLED = True
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("ROADAHEAD_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "roadahead.accounts.lockout.client_ip"
AXES_USERNAME_CALLABLE = "roadahead.accounts.lockout.username"
AXES_LOCKOUT_CALLABLE = "roadahead.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_VERBOSE = False

# ## APPLICATIONS #################################################################################
# Listed in dependency order: an app may import only from apps above it (docs/developer/architecture.md).
ROADAHEAD_APPS = [
    "roadahead.core",
    "roadahead.audit",
    "roadahead.schools",
    "roadahead.people",
    "roadahead.accounts",
    "roadahead.providers",
    "roadahead.benchmarks",
    "roadahead.curriculum",
    "roadahead.activities",
    "roadahead.events",
    "roadahead.lmi",
    "roadahead.cpd",
    "roadahead.entitlements",
    "roadahead.standing",
    "roadahead.guidance",
    "roadahead.skills",
    "roadahead.profiles",
    "roadahead.placements",
    "roadahead.transition",
    "roadahead.destinations",
    "roadahead.reviews",
    "roadahead.surveys",
    "roadahead.evaluation",
    "roadahead.public",
    "roadahead.reports",
    "roadahead.programmes",
    "roadahead.imports",
    "roadahead.exports",
    "roadahead.privacy",
    "roadahead.api",
    "roadahead.demo",
]
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_htmx",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    *ROADAHEAD_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "roadahead.core.middleware.SessionTimeoutMiddleware",
    "roadahead.core.middleware.NoStoreMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "roadahead.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "roadahead.people.middleware.SchoolMiddleware",
    "roadahead.api.middleware.ApiTokenMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "roadahead.urls"
WSGI_APPLICATION = "roadahead.wsgi.application"

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
                "roadahead.people.context_processors.school",
            ],
        },
    },
]
FORM_RENDERER = "roadahead.core.forms.GovukFormRenderer"

# ## DATABASE #####################################################################################
# DATABASE_URL selects the database (postgres://user:password@host:port/name for production).
# Without it Road Ahead uses an SQLite file in the data folder.
_database_url = env_str("DATABASE_URL")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # The standing aggregates look expensive to PostgreSQL's planner, which then spends most of
        # each request JIT-compiling them; for short web queries that never pays (docs/performance.md).
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "roadahead.sqlite3",
            "OPTIONS": {
                # WAL lets the web server read while an import writes; immediate transactions stop
                # two writers from deadlocking on lock upgrade.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ## LOCALE AND TIME ##############################################################################
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d/%m/%y"]

# ## STATIC FILES #################################################################################
STATIC_URL = "/static/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve straight from the apps' static folders, so the demo needs no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# ## EMAIL ########################################################################################
EMAIL_BACKEND = env_str("ROADAHEAD_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("ROADAHEAD_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("ROADAHEAD_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("ROADAHEAD_EMAIL_USER")
EMAIL_HOST_PASSWORD = env_secret("ROADAHEAD_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("ROADAHEAD_EMAIL_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("ROADAHEAD_EMAIL_FROM", "Road Ahead <roadahead@localhost>")

# ## UPLOADS ######################################################################################
# Imports are the only uploads; 25 MB covers a whole-school MIS export many times over.
ROADAHEAD_MAX_UPLOAD_BYTES = env_int("ROADAHEAD_MAX_UPLOAD_BYTES", 25 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = ROADAHEAD_MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Every upload form takes one file; a request carrying more is refused (400) before any is read.
DATA_UPLOAD_MAX_NUMBER_FILES = 1
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

# ## LOGGING ######################################################################################
# Logs never carry pupil data: views log identifiers and counts, not names or UPNs.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("ROADAHEAD_LOG_LEVEL", "WARNING")},
}

NINJA_PAGINATION_PER_PAGE = 100

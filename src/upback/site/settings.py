"""upback's one settings file, driven by environment variables (see docs/configuration.md).

The defaults make `make run` work on a single machine: SQLite in the user's data directory, a
secret key generated once, debug off. `DATABASE_URL` switches to PostgreSQL for a clinic.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from upback.site.env import env_bool, env_int, env_list, env_str
from upback.site.paths import data_dir, secret_key

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = data_dir()

SECRET_KEY = env_str("UPBACK_SECRET_KEY") or secret_key(DATA_DIR)
DEBUG = env_bool("UPBACK_DEBUG", False)
ALLOWED_HOSTS = env_list("UPBACK_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

INSTALLED_APPS = [
    # First, so its templates (sign-in, password pages) win over the admin's.
    "upback.coach",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    # The REST API; listed so its docs page uses its own bundled files, not a CDN.
    "ninja",
    # Login throttling: repeated failed sign-ins are locked out for a while.
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page needs login unless its view is marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # A GET reads the person's account, care state and plan once, however many parts need them.
    "upback.coach.middleware.RequestMemoMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks, so it sees the outcome of every sign-in.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out sign-in is refused before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("UPBACK_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("UPBACK_LOGIN_COOLOFF_MINUTES", 15) / 60  # hours
# Lock a username tried from one address, so one person's typos do not lock out a whole clinic.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

ROOT_URLCONF = "upback.site.urls"
WSGI_APPLICATION = "upback.site.wsgi.application"

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
                "upback.coach.context.care",
                "upback.coach.context.nav",
            ]
        },
    }
]

_SQLITE_PATH = DATA_DIR / "upback.sqlite3"
_DATABASE_URL = env_str("DATABASE_URL")
# Each web worker keeps its connection between requests. For SQLite too: opening the file and
# setting its pragmas on every request cost the trivial page about a third of its throughput.
_CONN_MAX_AGE = env_int("UPBACK_DB_CONN_MAX_AGE", 60, minimum=0)
if _DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(_DATABASE_URL, conn_max_age=_CONN_MAX_AGE)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(_SQLITE_PATH),
            "CONN_MAX_AGE": _CONN_MAX_AGE,
            "OPTIONS": {
                # WAL lets readers and one writer work at once; IMMEDIATE transactions take the
                # write lock up front so concurrent writers wait (busy timeout) instead of failing.
                # synchronous=FULL syncs the WAL to disk at every commit: NORMAL already survives
                # a killed process, but may lose the last commits on a power cut or OS crash.
                # For health data a person has been told is saved, that small cost is worth it.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": env_int("UPBACK_SQLITE_TIMEOUT", 20, minimum=1),
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = env_str("UPBACK_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("UPBACK_LOG_LEVEL", "WARNING")},
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "today"
LOGOUT_REDIRECT_URL = "home"

# Password reset mail goes to the console unless SMTP is configured.
EMAIL_HOST = env_str("UPBACK_EMAIL_HOST")
EMAIL_PORT = env_int("UPBACK_EMAIL_PORT", 587, minimum=1, maximum=65535)
EMAIL_HOST_USER = env_str("UPBACK_EMAIL_USER")
EMAIL_HOST_PASSWORD = env_str("UPBACK_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("UPBACK_EMAIL_TLS", True)
DEFAULT_FROM_EMAIL = env_str("UPBACK_EMAIL_FROM", "upback <upback@localhost>")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)

# A strict Content-Security-Policy: only our own scripts and styles, never inline ones.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
    }
}
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Security: cookies, HTTPS and proxies ---------------------------------------------------
# Served only to this machine (every allowed host is a loopback name), plain http is fine and
# `make run` just works. Anywhere else upback holds health data on a network, so HTTPS is on by
# default: secure cookies, a redirect to https and HSTS. UPBACK_HTTPS=1/0 overrides the guess.
_LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}
LOCAL_ONLY = all(host.lower() in _LOOPBACK for host in ALLOWED_HOSTS)
HTTPS = env_bool("UPBACK_HTTPS", not LOCAL_ONLY)

SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = env_int("UPBACK_HSTS_SECONDS", 31_536_000 if HTTPS else 0, minimum=0)
# Subdomains of upback's own host name (not the parent domain) are covered too.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("UPBACK_HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading puts the domain into browsers' built-in lists, hard to undo: the operator's choice.
SECURE_HSTS_PRELOAD = env_bool("UPBACK_HSTS_PRELOAD", False)
# Behind a reverse proxy that ends TLS (see docs/deploy.md) the proxy says whether the request
# came over https. Only trust that header when a proxy sets it: set UPBACK_BEHIND_PROXY=0 when
# gunicorn faces the internet directly, or anyone could claim https.
if env_bool("UPBACK_BEHIND_PROXY", HTTPS):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Login throttling counts by the visitor's address, which only the proxy knows.
    AXES_CLIENT_IP_CALLABLE = "upback.site.proxy.client_ip"

_SAMESITE = env_str("UPBACK_COOKIE_SAMESITE", "Lax").strip().capitalize()
if _SAMESITE not in ("Lax", "Strict"):
    # "None" would send the session cookie on other sites' requests: never wanted here.
    raise ImproperlyConfigured(f"UPBACK_COOKIE_SAMESITE must be Lax or Strict; got {_SAMESITE!r}")
SESSION_COOKIE_SAMESITE = _SAMESITE
CSRF_COOKIE_SAMESITE = _SAMESITE

# Origins (scheme and host) allowed to post forms, e.g. https://upback.example.org when a
# proxy serves upback under a name Django cannot see.
CSRF_TRUSTED_ORIGINS = env_list("UPBACK_CSRF_TRUSTED_ORIGINS", [])
for _origin in CSRF_TRUSTED_ORIGINS:
    if not _origin.startswith(("https://", "http://")):
        raise ImproperlyConfigured(
            f"UPBACK_CSRF_TRUSTED_ORIGINS entries start with https://; got {_origin!r}"
        )

# While sign-in is paused after too many wrong passwords: a calm page saying when to try again,
# answered with 429 (see coach/views/lockout.py).
AXES_LOCKOUT_CALLABLE = "upback.coach.views.lockout.locked_out"

SILENCED_SYSTEM_CHECKS = [
    # HSTS preload is deliberately left to the operator (UPBACK_HSTS_PRELOAD above): once a
    # domain is in the browsers' preload lists it is hard to take out again.
    "security.W021",
]

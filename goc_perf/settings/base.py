"""Settings for every environment, driven by environment variables.

With no DATABASE_URL the app runs on an SQLite file; with no CELERY_BROKER_URL tasks run
in-process (eager). That is the embedded default that `make run` serves on a fresh machine.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
env_file = BASE_DIR / ".env"
if env_file.exists():
    environ.Env.read_env(env_file)

DEBUG = env.bool("DEBUG", default=False)
# The fallback key only serves the embedded default; production.py refuses to start without one.
SECRET_KEY = env("SECRET_KEY", default="insecure-embedded-default-key-change-me")
# load_demo gives the demo users the README's published passwords (production: generated ones).
DEMO_PUBLISHED_PASSWORDS = True
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "accounts.apps.AdminsOnlyAdminConfig",  # django.contrib.admin, open to admins only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tables2",
    "django_filters",
    "django_htmx",
    "django_celery_beat",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "core",
    "accounts",
    "plans",
    "indicators",
    "submissions",
    "budget",
    "reports",
    "imports",
    "dashboards",
    "exports",
    "api",
    "benchmarks",  # make bench: commands only, no models
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.ChosenLanguageMiddleware",
    # A NUL character in the path or query answers 400, before a view hands it to PostgreSQL.
    "core.middleware.NulCharacterMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Ends sessions idle for SESSION_COOKIE_AGE or older than SESSION_ABSOLUTE_AGE (before the login check).
    "core.middleware.SessionTimeoutMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # request.user.is_verified(): the session passed its second step (django-otp); then the two-factor
    # step itself: a signed-in session that still owes its code sees only the code (or enrolment) page.
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a locked-out log-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "goc_perf.urls"
# Django's form templates, the plain inputs written without a template (the Form-3 draws thousands).
FORM_RENDERER = "core.renderers.FastWidgetRenderer"
WSGI_APPLICATION = "goc_perf.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "accounts.context_processors.permissions",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# psycopg's connection pool (PostgreSQL only), e.g. for gunicorn with threads: DATABASE_POOL=true.
if env.bool("DATABASE_POOL", default=False) and DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": env.int("DATABASE_POOL_SIZE", 10),
    }
# The embedded SQLite file under concurrent saves (gunicorn's workers, threads): write-ahead logging
# lets pages read while a save writes; every transaction takes the write lock at BEGIN (IMMEDIATE), so
# two saves queue for it instead of failing "database is locked" when a reader turns writer; a save
# waits up to SQLITE_TIMEOUT_SECONDS for the lock. The later save then meets the version check and
# answers 409 like on PostgreSQL (tests/test_embedded_default.py).
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE",
        timeout=env.int("SQLITE_TIMEOUT_SECONDS", default=20),
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# SQLite cannot enforce "NULLS NOT DISTINCT" (budget_line_unique); PostgreSQL, the production
# database, does, and the importer keys budget lines on the same fields on either database.
SILENCED_SYSTEM_CHECKS = ["models.W047"]

AUTH_USER_MODEL = "accounts.User"
# django-axes first (it refuses a locked-out log-in before any password is checked); then the
# optional LDAP / Active Directory backend (LDAP_SERVER_URI, see docs/security.md); then rules for
# object permissions and the local user table.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    *(["accounts.ldap.UnitLDAPBackend"] if env("LDAP_SERVER_URI", default="") else []),
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.passwords.CharacterClassValidator"},
]
if env("LDAP_SERVER_URI", default=""):
    from .ldap import *  # noqa: F403  (the AUTH_LDAP_* settings, read from the environment)

# Failed log-ins (django-axes): 5 failures of one user name from one IP address lock that pair out
# for 15 minutes; 20 failures from one address, whatever the user names (password spraying), lock the
# address. The lock lifts by itself 15 minutes after the last counted failure: failures while locked
# are not counted, so an attacker cannot hold it for ever (no admin needed at a deadline); a success
# resets the pair's count. No limit on the user name alone: nobody can lock a colleague out from
# another address (docs/security.md, "Log-in").
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_IP_FAILURE_LIMIT = env.int("AXES_IP_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
# The order matters: accounts.lockout reads the pair's attempts first, then the address's.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "accounts.lockout.PairAndAddressLockoutHandler"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
# No "AXES: BEGIN ..." line at every start of every management command; lockouts are still logged.
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "accounts.views.client_ip"
# Two-factor log-in (docs/security.md): every user may turn on a TOTP authenticator app with recovery
# codes; with REQUIRE_2FA=true the admin and strategy-directorate roles (and superusers) must, and
# reach nothing, the Django admin included, before their code of the session.
REQUIRE_2FA = env.bool("REQUIRE_2FA", default=False)
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="goc_perf")
# A wrong code makes the next one wait 1, 2, 4, 8 ... seconds (django-otp's throttling, per device).
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
# Behind a TLS proxy: how many proxies append to X-Forwarded-For (0: the peer address is the client's).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Sessions end after 30 minutes without a request (the cookie and the stored session expire; the
# middleware refreshes them at most once a minute) and 12 hours after log-in whatever happens.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_ABSOLUTE_AGE = env.int("SESSION_ABSOLUTE_SECONDS", default=12 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Secure cookies need HTTPS; the embedded default serves plain HTTP, production.py turns them on.
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=False)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=False)
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy: everything from this site only, no inline script or style, no eval.
# Pages pass data to static/js/*.js through `json_script` blocks and data-* attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],  # Bootstrap draws checkboxes and select arrows as data: SVGs
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
LOGIN_URL = "login"
# People land on the dashboard; the home page lists the whole programme year (Form-3 layout).
# A log-in lands where the person's work is (reports.views.start: İşlerim, or the budget for financial services).
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"

# Turkish first, English available. Numbers are formatted explicitly by core.numbers
# (1.009.098 / 18,99), so the global thousand separator stays off: years and ids print as "2024".
LANGUAGE_CODE = "tr"
LANGUAGES = [("tr", _("Türkçe")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# django-filter's empty choice of every filter list: "all of them", not "---------".
FILTERS_EMPTY_CHOICE_LABEL = _("Tümü")
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Istanbul"
USE_THOUSAND_SEPARATOR = False
# Dates are dd.mm.yyyy in both languages (goc_perf/formats/, docs/security.md "Language").
FORMAT_MODULE_PATH = ["goc_perf.formats"]

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "media/"
# The largest evidence file (kanıt) a unit may attach to an indicator's quarter, in megabytes.
EVIDENCE_MAX_MB = env.int("EVIDENCE_MAX_MB", default=10)
# The Word template of the activity report's DOCX (docs/exports.md); empty: the repository's default.
ANNUAL_REPORT_TEMPLATE = env.str("ANNUAL_REPORT_TEMPLATE", default="")

# Celery: with no broker named, tasks run in-process so the embedded default needs no Redis.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")

# The cache also holds the "recompute already queued" flags, so every process must share it:
# Redis whenever Celery uses Redis, a local memory cache for the embedded default.
if env("CACHE_URL", default=""):
    CACHES = {"default": env.cache("CACHE_URL")}
elif CELERY_BROKER_URL.startswith("redis"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CELERY_BROKER_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or None)
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default="celery")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 25 * 60
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="goc-perf@localhost")
# The site's public address: every e-mail links to the page it is about (SITE_URL + the page's path).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
# Units whose quarterly form is not sent are reminded this many days before the deadline.
REMINDER_DAYS_BEFORE = env.int("REMINDER_DAYS_BEFORE", default=5)
# A quarter's value more than this many times (or under its inverse) the previous quarter's or the
# same quarter's of last year asks the unit to confirm it with a comment (indicators.checks).
ENTRY_OUTLIER_FACTOR = env("ENTRY_OUTLIER_FACTOR", default="3")

DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5.html"

# Every log line (web, worker, beat, commands) with its time in TIME_ZONE and the offset written out.
# The Celery worker logs through this configuration too, instead of its own format.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "local_time": {
            "()": "core.logging.LocalTimeFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s: %(message)s",
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "local_time"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# The read-only JSON API (api app, docs/api.md): token or session, signed in, paginated, JSON only.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",  # first, so that a missing login answers 401
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "goc_perf API",
    "DESCRIPTION": "Read-only: PP indicators, quarterly values and the realization engine's results.",
    "VERSION": "1",
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SERVE_INCLUDE_SCHEMA": False,
    "ENUM_NAME_OVERRIDES": {"StatusEnum": "plans.choices.Status"},
}

"""Summit settings, read from the environment.

Development needs nothing set: debug on, SQLite next to manage.py. With ``DJANGO_DEBUG`` off,
``DJANGO_SECRET_KEY`` and ``DJANGO_ALLOWED_HOSTS`` are required and the secure defaults apply.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {raw!r}.")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}.") from None


def env_required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} must be set when DJANGO_DEBUG is off.")
    return value


DEBUG = env_bool("DJANGO_DEBUG", True)

if DEBUG:
    SECRET_KEY = os.environ.get(
        "DJANGO_SECRET_KEY", "django-insecure-development-only-key-never-use-in-production"
    )
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
else:
    SECRET_KEY = env_required("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", [])
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG is off.")

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "django_q",
    "summit",
    "quiz",
    "seeds",
    "classroom",
    "live",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "summit.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages and /timeline.json compressed when the client accepts it (static files are already
    # compressed by WhiteNoise). Django pads compressed responses against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    # A timeline page already rendered is answered here, with the headers of the middleware
    # below that apply to it, without the session, user and messages it does not read.
    "summit.page_cache.CachedTimelineMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "summit.urls"
WSGI_APPLICATION = "summit.wsgi.application"
ASGI_APPLICATION = "summit.asgi.application"

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
                "summit.context_processors.csrf",
            ],
        },
    },
]

# SQLite by default so that a fresh clone runs with nothing to install. WAL lets readers work
# while a student's answer is written; IMMEDIATE transactions take the write lock up front so
# concurrent writers wait (busy timeout) instead of failing on a lock upgrade.
SQLITE_ENGINE = "summit.backends.sqlite3"
SQLITE_OPTIONS = {
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}

DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
if DATABASE_URL:
    try:
        _database = dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {error}") from None
    if _database["ENGINE"] == "django.db.backends.postgresql":
        # Django's backend, with a health check that needs no query on an idle connection.
        _database["ENGINE"] = "summit.backends.postgresql"
    if _database["ENGINE"] == "django.db.backends.sqlite3":
        # Django's backend, converting each query's placeholders once.
        _database["ENGINE"] = SQLITE_ENGINE
        _database["OPTIONS"] = {**SQLITE_OPTIONS, **_database.get("OPTIONS", {})}
    elif _database["ENGINE"] == "summit.backends.postgresql" and env_bool(
        "DATABASE_PREPARED_STATEMENTS", True
    ):
        # Parameters sent apart from the query, and the queries a connection makes again and
        # again (an attempt's page, an answer) prepared by the server after their fifth run:
        # PostgreSQL then neither parses nor plans them again. Off (false) behind a pooler in
        # transaction mode that cannot keep prepared statements.
        _database["OPTIONS"] = {
            "server_side_binding": True,
            "prepare_threshold": 5,
            **_database.get("OPTIONS", {}),
        }
else:
    _database = {
        "ENGINE": SQLITE_ENGINE,
        "NAME": BASE_DIR / "db.sqlite3",
        "OPTIONS": SQLITE_OPTIONS,
    }
if _database["ENGINE"] == SQLITE_ENGINE:
    # The test database is a file, like the app's: SQLite's default in-memory shared-cache test
    # database makes concurrent writers fail with "table is locked" whatever the busy timeout.
    # One file per process, so that two test runs on the machine do not meet.
    _database.setdefault("TEST", {}).setdefault(
        "NAME", os.path.join(tempfile.gettempdir(), f"summit-test-{os.getpid()}.sqlite3")
    )
DATABASES = {"default": _database}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache: each process's own memory by default (the timeline pages are keyed by the content
# version read from the database, so a change made through any process is seen by all at once).
# Where several servers run, DJANGO_CACHE_URL (or REDIS_URL) points every process at one Redis.
CACHE_URL = (os.environ.get("DJANGO_CACHE_URL") or os.environ.get("REDIS_URL") or "").strip()
if CACHE_URL and not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured(
        "DJANGO_CACHE_URL (or REDIS_URL) must be a redis://, rediss:// or unix:// URL."
    )
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "summit",
        },
        # The progress of the background jobs, written by the worker, read by the web processes.
        "jobs": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "summit-jobs",
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "summit",
            "OPTIONS": {"MAX_ENTRIES": 1000},
        },
        # Files, so that the worker and the web server of one machine share it: the progress cannot
        # go through the database while a bank build holds its write transaction.
        "jobs": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get(
                "DJANGO_JOBS_CACHE_DIR", os.path.join(tempfile.gettempdir(), "summit-jobs")
            ),
            "KEY_PREFIX": hashlib.sha256(str(_database["NAME"]).encode()).hexdigest()[:12],
        },
    }

# The task queue (django-q2): the worker is `manage.py qcluster`. Its queue lives in the database
# by default, so nothing else has to run; REDIS_URL moves it to Redis, shared by several servers.
# A job is tried once: a job cut short by a restart is marked failed, for the teacher to restart.
JOBS_TIMEOUT = env_int("DJANGO_JOBS_TIMEOUT", 1800)
Q_CLUSTER: dict[str, object] = {
    "name": "summit",
    "workers": env_int("DJANGO_JOBS_WORKERS", 1),
    "timeout": JOBS_TIMEOUT,
    "retry": JOBS_TIMEOUT + 60,
    "max_attempts": 1,
    "ack_failures": True,
    "catch_up": False,
    "poll": 1,
    "save_limit": 100,
    "label": _("Tâches"),
}
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"
# An article longer than this (in bytes) is imported by the worker rather than in the request.
JOBS_IMPORT_THRESHOLD = env_int("DJANGO_JOBS_IMPORT_THRESHOLD", 100_000)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
# The interface is French, with a complete English catalog (locale/en); content stays in the
# language it was written in.
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# The seed of the question bank's random choices: the same content and seed give the same bank.
QUIZ_BANK_SEED = env_int("QUIZ_BANK_SEED", 2019)
# When on, questions the bank generates once it exists (from a newly imported or edited fact)
# wait as drafts for a teacher's review (the admin lists them as « nouvelles questions à
# relire »); the first build, from the seeds, publishes at once. Off by default, so that every
# question passing the gates is published and `make run` shows a full bank.
QUIZ_REVIEW_NEW_QUESTIONS = env_bool("QUIZ_REVIEW_NEW_QUESTIONS", False)

# Seconds during which each process keeps the content version it read (summit/versioning.py): the
# public pages cached under it then cost no query. Another process's change shows within that
# time; 0 reads the database on every request.
SUMMIT_CONTENT_VERSION_SECONDS = env_int("SUMMIT_CONTENT_VERSION_SECONDS", 1)
if SUMMIT_CONTENT_VERSION_SECONDS < 0:
    raise ImproperlyConfigured("SUMMIT_CONTENT_VERSION_SECONDS must be 0 or more.")

# Seconds an article's import may spend reading and extracting it before it is refused with a
# clear message (in the admin and in import_article alike).
SUMMIT_IMPORT_TIME_LIMIT = env_int("SUMMIT_IMPORT_TIME_LIMIT", 60)
if SUMMIT_IMPORT_TIME_LIMIT <= 0:
    raise ImproperlyConfigured("SUMMIT_IMPORT_TIME_LIMIT must be a positive number of seconds.")

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Images teachers give events (summit.images checks them): where they are stored and served from.
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", "").strip() or BASE_DIR / "media")
MEDIA_URL = "/media/"
SUMMIT_IMAGE_MAX_BYTES = env_int("SUMMIT_IMAGE_MAX_BYTES", 3 * 1024 * 1024)
SUMMIT_IMAGE_MAX_SIDE = env_int("SUMMIT_IMAGE_MAX_SIDE", 4000)

# Origins (https://ent.example.org) whose pages may show the timeline, its map and its export in a
# frame (summit.embedding); none by default: nothing may frame the site.
SUMMIT_FRAME_ANCESTORS = env_list("SUMMIT_FRAME_ANCESTORS", [])
for _origin in SUMMIT_FRAME_ANCESTORS:
    if not re.fullmatch(r"https?://[A-Za-z0-9.-]+(:\d{1,5})?|https://\*\.[A-Za-z0-9.-]+", _origin):
        raise ImproperlyConfigured(
            f"SUMMIT_FRAME_ANCESTORS must list origins such as https://ent.example.org, "
            f"separated by commas, not {_origin!r}."
        )

# Django's database sessions, checking that a session exists in plain SQL (summit/sessions.py).
SESSION_ENGINE = "summit.sessions"
SESSION_COOKIE_HTTPONLY = True
# No script reads the CSRF cookie: forms carry the token in a hidden field and htmx sends it
# from the page (``data-hx-headers`` on <body>), so the cookie can stay out of JavaScript's reach.
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# The admin is the only place to sign in: where a ``next`` is missing or refused (another site),
# land on its index rather than on Django's default /accounts/profile/, which does not exist.
LOGIN_REDIRECT_URL = "admin:index"

# Admin sign-in throttling (summit.throttle): this many failures for one username from one
# address within the window lock further attempts for that pair until failures age out; an
# address (a classroom behind one router) and a username (from many addresses) have far higher
# limits of their own, so that one shared address does not lock every teacher out.
LOGIN_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_ADDRESS_LIMIT = env_int("DJANGO_LOGIN_FAILURE_ADDRESS_LIMIT", 50)
LOGIN_FAILURE_USERNAME_LIMIT = env_int("DJANGO_LOGIN_FAILURE_USERNAME_LIMIT", 50)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("DJANGO_LOGIN_FAILURE_WINDOW_SECONDS", 15 * 60)
# How many reverse proxies in front of the app append to X-Forwarded-For. With 0 (the default)
# the header is ignored, since any client can send it; the address is REMOTE_ADDR.
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)

if not DEBUG:
    # The same test as check --deploy (security.W009), made fatal: signed cookies and password
    # reset links are only as safe as this key.
    _weak_key = len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5
    if _weak_key or SECRET_KEY.startswith("django-insecure-"):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be a random value of at least 50 characters "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    # A load balancer probes the health check over plain HTTP, inside the private network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# Classroom sessions. Student data (participants, their answers) is removed this many days
# after they joined, by `manage.py classroom_purge`, which a scheduler runs daily.
CLASSROOM_RETENTION_DAYS = env_int("CLASSROOM_RETENTION_DAYS", 365)
if CLASSROOM_RETENTION_DAYS <= 0:
    raise ImproperlyConfigured("CLASSROOM_RETENTION_DAYS must be a positive number of days.")
# Wrong join or resume codes from one address within the window before it is locked out.
CLASSROOM_CODE_FAILURE_LIMIT = env_int("CLASSROOM_CODE_FAILURE_LIMIT", 40)
CLASSROOM_CODE_FAILURE_WINDOW_SECONDS = env_int("CLASSROOM_CODE_FAILURE_WINDOW_SECONDS", 10 * 60)

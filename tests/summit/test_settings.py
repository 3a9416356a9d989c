from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``manage.py`` with ``args`` in a fresh process, with only ``env`` of the settings'
    variables (none of the test run's own)."""
    own = ("DJANGO_", "DATABASE_", "REDIS_URL")
    base = {k: v for k, v in os.environ.items() if not k.startswith(own)}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def run_check(**env: str) -> subprocess.CompletedProcess[str]:
    return manage("check", **env)


def test_development_needs_no_environment():
    assert run_check().returncode == 0


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DJANGO_DEBUG": "0"}, "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off."),
        (
            {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x" * 60},
            "DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG is off.",
        ),
        ({"DJANGO_DEBUG": "maybe"}, "DJANGO_DEBUG must be a boolean"),
        ({"DATABASE_URL": "nosuchdb://x"}, "DATABASE_URL is not a valid database URL"),
        ({"SUMMIT_CONTENT_VERSION_SECONDS": "-1"}, "SUMMIT_CONTENT_VERSION_SECONDS must be 0"),
        ({"SUMMIT_CONTENT_VERSION_SECONDS": "soon"}, "SUMMIT_CONTENT_VERSION_SECONDS must be an"),
    ],
)
def test_production_values_are_required_and_checked(env, message):
    result = run_check(**env)
    assert result.returncode != 0
    assert message in result.stderr


SHOW_CACHES = (
    "from django.conf import settings; "
    "print(settings.CACHES['default']['BACKEND'], settings.CACHES['default'].get('LOCATION')); "
    "print(settings.CACHES['jobs']['BACKEND']); "
    "print(settings.Q_CLUSTER.get('orm'), settings.Q_CLUSTER.get('redis'))"
)


def printed(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    """What ``code`` prints in ``manage.py shell`` with ``env``."""
    return manage("shell", "--no-imports", "-c", code, **env)


def show_caches(**env: str) -> subprocess.CompletedProcess[str]:
    return printed(SHOW_CACHES, **env)


def test_the_cache_and_the_queue_need_nothing_by_default():
    lines = show_caches().stdout.splitlines()
    assert lines == [
        "django.core.cache.backends.locmem.LocMemCache summit",
        "django.core.cache.backends.filebased.FileBasedCache",
        "default None",
    ]


def test_one_variable_shares_the_cache_through_redis():
    lines = show_caches(DJANGO_CACHE_URL="redis://cache.internal:6379/1").stdout.splitlines()
    assert lines == [
        "django.core.cache.backends.redis.RedisCache redis://cache.internal:6379/1",
        "django.core.cache.backends.redis.RedisCache",
        "default None",
    ]


def test_redis_url_moves_the_cache_and_the_queue_to_redis():
    lines = show_caches(REDIS_URL="redis://queue.internal:6379/0").stdout.splitlines()
    assert lines == [
        "django.core.cache.backends.redis.RedisCache redis://queue.internal:6379/0",
        "django.core.cache.backends.redis.RedisCache",
        "None redis://queue.internal:6379/0",
    ]


def test_a_cache_url_that_is_not_redis_is_refused():
    result = show_caches(DJANGO_CACHE_URL="memcached://cache.internal:11211")
    assert result.returncode != 0
    assert "DJANGO_CACHE_URL (or REDIS_URL) must be a redis://" in result.stderr


SHOW_DATABASE = (
    "from django.conf import settings; "
    "database = settings.DATABASES['default']; options = database.get('OPTIONS', {}); "
    "print(options.get('server_side_binding'), options.get('prepare_threshold')); "
    "print(database['ENGINE'], database.get('CONN_HEALTH_CHECKS'))"
)


def show_database(**env: str) -> subprocess.CompletedProcess[str]:
    return printed(SHOW_DATABASE, **env)


POSTGRES = "postgres://summit@db.internal:5432/summit"


def test_postgresql_prepares_the_queries_a_connection_repeats():
    shown = show_database(DATABASE_URL=POSTGRES).stdout.splitlines()
    assert shown[0].split() == ["True", "5"]


def test_postgresql_connections_are_checked_by_the_backend_that_spares_a_query():
    shown = show_database(DATABASE_URL=POSTGRES).stdout.splitlines()
    assert shown[1].split() == ["summit.backends.postgresql", "True"]


def test_prepared_statements_can_be_turned_off_for_a_pooler():
    shown = show_database(DATABASE_URL=POSTGRES, DATABASE_PREPARED_STATEMENTS="false")
    assert shown.stdout.splitlines()[0].split() == ["None", "None"]


def test_prepared_statements_take_a_boolean():
    shown = show_database(DATABASE_URL=POSTGRES, DATABASE_PREPARED_STATEMENTS="sometimes")
    assert shown.returncode != 0
    assert "DATABASE_PREPARED_STATEMENTS must be a boolean" in shown.stderr


def test_sqlite_keeps_its_own_options():
    shown = show_database().stdout.splitlines()
    assert shown[0].split() == ["None", "None"]
    assert shown[1].split()[0] == "summit.backends.sqlite3"

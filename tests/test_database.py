from __future__ import annotations

import os

import pytest
from django.conf import settings
from django.db import connection

from summit.backends.sqlite3.base import DatabaseWrapper

pytestmark = pytest.mark.django_db


def test_the_suite_runs_on_the_database_named_by_database_url():
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected


def test_sqlite_files_open_in_wal_mode_with_a_busy_timeout(tmp_path):
    wrapper = DatabaseWrapper(
        {
            **connection.settings_dict,
            "ENGINE": settings.SQLITE_ENGINE,
            "NAME": str(tmp_path / "db.sqlite3"),
            "OPTIONS": settings.SQLITE_OPTIONS,
        }
    )
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] >= 5000
            # Django's placeholders and escaped percent signs, converted once and kept.
            for _ in range(2):
                cursor.execute("SELECT %s || '%%', %s", ["50", 7])
                assert cursor.fetchone() == ("50%", 7)
            cursor.execute("SELECT %(a)s + %(b)s", {"a": 2, "b": 3})
            assert cursor.fetchone() == (5,)
        assert wrapper.transaction_mode == "IMMEDIATE"
    finally:
        wrapper.close()

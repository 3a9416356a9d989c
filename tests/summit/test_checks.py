"""The deployment checks: what Summit needs of its database."""

from __future__ import annotations

import pytest
from django.core.checks import run_checks

from summit import checks


@pytest.fixture
def on_sqlite(monkeypatch):
    monkeypatch.setattr(checks, "_vendors", lambda: {"sqlite"})


def test_an_sqlite_without_returning_is_refused(monkeypatch, on_sqlite):
    monkeypatch.setattr(checks.sqlite3, "sqlite_version_info", (3, 34, 1))
    monkeypatch.setattr(checks.sqlite3, "sqlite_version", "3.34.1")

    errors = [error for error in run_checks() if error.id == "summit.E001"]

    assert len(errors) == 1
    assert "SQLite 3.34.1 is too old" in errors[0].msg
    assert "3.35.0 or later" in errors[0].msg


def test_an_sqlite_with_returning_passes(monkeypatch, on_sqlite):
    monkeypatch.setattr(checks.sqlite3, "sqlite_version_info", (3, 35, 0))

    assert not [error for error in run_checks() if error.id == "summit.E001"]


def test_an_old_sqlite_library_does_not_matter_on_postgresql(monkeypatch):
    monkeypatch.setattr(checks, "_vendors", lambda: {"postgresql"})
    monkeypatch.setattr(checks.sqlite3, "sqlite_version_info", (3, 31, 1))

    assert not [error for error in run_checks() if error.id == "summit.E001"]

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db import DatabaseError, connection
from django.utils.cache import get_max_age

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


def _assert_not_cacheable(response) -> None:
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-cache", "no-store", "must-revalidate", "private"} <= directives
    assert "public" not in directives
    assert get_max_age(response) == 0


def test_it_says_ok_when_the_database_answers(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response.content == b"ok\n"
    _assert_not_cacheable(response)


def test_it_is_a_503_when_the_database_fails(client):
    with mock.patch.object(connection, "cursor", side_effect=DatabaseError("server closed")):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/plain")
    assert response.content == b"database unavailable\n"
    _assert_not_cacheable(response)


def test_it_is_a_503_when_the_query_fails(client):
    cursor = mock.MagicMock()
    cursor.__enter__.return_value.execute.side_effect = DatabaseError("canceling statement")
    with mock.patch.object(connection, "cursor", return_value=cursor):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.content == b"database unavailable\n"


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_it_rejects_other_methods(client, method):
    response = getattr(client, method)("/healthz")

    assert response.status_code == 405
    assert response["Allow"] == "GET"


def test_it_needs_no_session_nor_cookie(client):
    response = client.get("/healthz")

    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


# Answers a request to /healthz with the database that DATABASE_URL names, in a fresh process
# since settings are read once at import.
PROBE = """
import django
django.setup()
from django.test import Client
response = Client().get("/healthz")
print(response.status_code, response.content.decode().strip())
"""


def _healthz_with(database: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env={
            **os.environ,
            "DATABASE_URL": f"sqlite:///{database}",
            "DJANGO_DEBUG": "1",
            "DJANGO_ALLOWED_HOSTS": "testserver",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


@pytest.mark.django_db(False)
def test_it_is_a_503_when_the_sqlite_file_is_missing_and_does_not_create_it(tmp_path):
    database = tmp_path / "missing.sqlite3"

    assert _healthz_with(database) == "503 database unavailable"
    assert not database.exists()


@pytest.mark.django_db(False)
def test_it_is_a_503_when_the_database_has_no_schema(tmp_path):
    database = tmp_path / "empty.sqlite3"
    sqlite3.connect(database).close()

    assert _healthz_with(database) == "503 database unavailable"

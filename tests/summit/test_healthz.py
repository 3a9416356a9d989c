from __future__ import annotations

from unittest import mock

import pytest
from django.db import DatabaseError, connection
from django.utils.cache import get_max_age

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

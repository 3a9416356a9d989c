"""Django's PostgreSQL backend with a health check that spares a query (summit.backends)."""

from __future__ import annotations

import time
from unittest import mock

import pytest
from django.db import connection

from quiz.models import Question
from summit.backends.postgresql.base import _waiting

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def test_an_idle_connection_is_found_usable_without_a_query():
    connection.ensure_connection()

    with mock.patch.object(connection.connection, "cursor", side_effect=AssertionError("asked")):
        assert connection.is_usable() is True


def test_a_connection_inside_a_transaction_is_asked():
    with connection.cursor() as cursor:
        cursor.execute("BEGIN")
        try:
            with mock.patch.object(
                connection.connection, "cursor", wraps=connection.connection.cursor
            ) as asked:
                assert connection.is_usable() is True
            asked.assert_called_once()
        finally:
            cursor.execute("ROLLBACK")


def test_a_connection_the_server_ended_is_replaced_before_the_next_request_uses_it():
    connection.ensure_connection()
    ended = connection.connection.info.backend_pid
    other = connection.get_new_connection(connection.get_connection_params())
    try:
        other.execute("SELECT pg_terminate_backend(%s)", [ended])
    finally:
        other.close()
    # The server says so before it closes the socket; it may take a moment.
    for _ in range(500):
        if _waiting(connection.connection.fileno()):
            break
        time.sleep(0.01)

    assert connection.is_usable() is False
    # A request starts, then reads the database: the health check replaces the connection.
    connection.close_if_unusable_or_obsolete()
    assert Question.objects.count() == 0
    assert connection.connection.info.backend_pid != ended

"""Django's PostgreSQL backend with a health check that spares a query (summit.backends)."""

from __future__ import annotations

import datetime
import time
from unittest import mock

import pytest
from django.db import connection
from django.db.backends.postgresql.base import TIMESTAMPTZ_OID
from django.db.backends.postgresql.psycopg_any import register_tzloader
from psycopg.pq import Format

from quiz.models import Question
from summit.backends.postgresql.base import IsoTzLoader, _waiting

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


TIMES = (
    "SELECT now(), '2001-02-03 04:05:06+00'::timestamptz, "
    "'1999-12-31 23:59:59.5-05'::timestamptz, '0099-01-01 00:00:00+00'::timestamptz, "
    "%s::timestamptz"
)


SENT = datetime.datetime(2026, 11, 29, 19, 53, 1, 123456, tzinfo=datetime.UTC)


def _times(*, django_loader: bool) -> tuple:
    with connection.cursor() as cursor:
        if django_loader:
            register_tzloader(connection.timezone, cursor.cursor)
        cursor.execute(TIMES, [SENT])
        return cursor.fetchone()


def test_times_are_read_as_django_reads_them():
    ours, django = _times(django_loader=False), _times(django_loader=True)

    assert ours[1:] == django[1:]
    assert ours[-1] == SENT
    assert [value.tzinfo for value in ours] == [value.tzinfo for value in django]
    assert all(value.tzinfo is connection.timezone for value in ours)
    loader = connection.connection.adapters.get_loader(TIMESTAMPTZ_OID, Format.TEXT)
    assert issubclass(loader, IsoTzLoader)


def test_times_in_another_time_zone_are_left_to_djangos_loader():
    # Django sets the connection's time zone to its own; in another, both loaders agree.
    with connection.cursor() as cursor:
        cursor.execute("SET TIME ZONE 'Europe/Paris'")
    try:
        assert _times(django_loader=False)[1:] == _times(django_loader=True)[1:]
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET TIME ZONE 'UTC'")

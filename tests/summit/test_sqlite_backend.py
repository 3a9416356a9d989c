"""Django's SQLite backend, converting each query's placeholders once (summit.backends)."""

from __future__ import annotations

import sqlite3

import pytest
from django.db.backends.sqlite3.base import SQLiteCursorWrapper as DjangoCursor

from summit.backends.sqlite3.base import KEPT_LENGTH, SQLiteCursorWrapper, _qmark

QUERIES = [
    "SELECT 1",
    "SELECT %s",
    "SELECT * FROM t WHERE a = %s AND b LIKE '%%x%%' AND c IN (%s, %s)",
    "SELECT '%%s', %s, '100%%'",
    "UPDATE t SET a = %s WHERE b = %s RETURNING a",
]


@pytest.fixture
def cursors():
    database = sqlite3.connect(":memory:")
    yield database.cursor(factory=SQLiteCursorWrapper), database.cursor(factory=DjangoCursor)
    database.close()


@pytest.mark.parametrize("query", QUERIES)
def test_a_query_is_converted_as_django_converts_it(cursors, query):
    ours, django = cursors

    assert ours.convert_query(query) == django.convert_query(query)
    assert _qmark(query) is _qmark(query)


def test_named_parameters_are_left_to_django(cursors):
    ours, _ = cursors
    assert ours.convert_query("SELECT %(a)s, %(b)s", param_names=["a", "b"]) == "SELECT :a, :b"


def test_a_long_query_is_converted_each_time_and_not_kept(cursors):
    ours, django = cursors
    query = "INSERT INTO t VALUES " + ", ".join(["(%s, '%%')"] * KEPT_LENGTH)
    kept = _qmark.cache_info().currsize

    assert ours.convert_query(query) == django.convert_query(query)
    assert _qmark.cache_info().currsize == kept

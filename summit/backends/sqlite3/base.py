"""Django's SQLite backend, with each query's placeholders converted once, not on every run.

Django writes ``%s`` for a parameter and SQLite reads ``?``: Django's cursor rewrites the query
with a regular expression each time it runs it, which costs in proportion to the query's length.
The plain-SQL reads of a busy page (``summit.rows``) are long and run on every request, always
the same strings: each string's conversion is kept (the most recent ones, in a bounded cache).
A query longer than ``KEPT_LENGTH`` (a bank's inserts of many rows at once) is converted each
time: kept, a thousand of them could take hundreds of megabytes.
"""

from __future__ import annotations

from functools import lru_cache

from django.db.backends.sqlite3 import base

KEPT = 1024
KEPT_LENGTH = 16_384


def _converted(query: str) -> str:
    """``query`` in SQLite's "qmark" style, as ``SQLiteCursorWrapper.convert_query`` gives it."""
    return base.FORMAT_QMARK_REGEX.sub("?", query).replace("%%", "%")


_qmark = lru_cache(maxsize=KEPT)(_converted)


class SQLiteCursorWrapper(base.SQLiteCursorWrapper):
    def convert_query(self, query: str, *, param_names: list[str] | None = None) -> str:
        if param_names is not None:
            return super().convert_query(query, param_names=param_names)
        if len(query) > KEPT_LENGTH:
            return _converted(query)
        return _qmark(query)


class DatabaseWrapper(base.DatabaseWrapper):
    def create_cursor(self, name: str | None = None) -> SQLiteCursorWrapper:
        return self.connection.cursor(factory=SQLiteCursorWrapper)

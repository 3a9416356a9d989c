"""Django's SQLite backend, with each query's placeholders converted once, not on every run.

Django writes ``%s`` for a parameter and SQLite reads ``?``: Django's cursor rewrites the query
with a regular expression each time it runs it, which costs in proportion to the query's length.
The plain-SQL reads of a busy page (``summit.rows``) are long and run on every request, always
the same strings: each string's conversion is kept (the most recent ones, in a bounded cache).
"""

from __future__ import annotations

from functools import lru_cache

from django.db.backends.sqlite3 import base


@lru_cache(maxsize=1024)
def _qmark(query: str) -> str:
    """``query`` in SQLite's "qmark" style, as ``SQLiteCursorWrapper.convert_query`` gives it."""
    return base.FORMAT_QMARK_REGEX.sub("?", query).replace("%%", "%")


class SQLiteCursorWrapper(base.SQLiteCursorWrapper):
    def convert_query(self, query: str, *, param_names: list[str] | None = None) -> str:
        if param_names is None:
            return _qmark(query)
        return super().convert_query(query, param_names=param_names)


class DatabaseWrapper(base.DatabaseWrapper):
    def create_cursor(self, name: str | None = None) -> SQLiteCursorWrapper:
        return self.connection.cursor(factory=SQLiteCursorWrapper)

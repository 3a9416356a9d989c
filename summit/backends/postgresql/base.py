"""Django's PostgreSQL backend with a health check that costs no round trip while the
connection is idle and the server has said nothing, and times read by Python's own parser.

With ``CONN_HEALTH_CHECKS``, Django checks a kept connection at the first query of each request
with ``SELECT 1``: a round trip to the server, and a query for it to run, on every page that
reads the database. A server that ends a connection (a restart, ``pg_terminate_backend``, an
idle timeout) tells the client before it closes the socket, and the socket then has something
to read. So while the connection is idle outside a transaction and nothing waits on its socket,
it is taken as usable without asking; in any other case Django's own ``SELECT 1`` decides.

Django reads each ``timestamp with time zone`` with psycopg's loader written in Python, a
regular expression per value, then sets its time zone: a results page reads about fifty. Here
``datetime.fromisoformat`` (written in C) reads the server's ISO text first; a value it cannot
read, or whose offset is not the time zone's, goes to Django's loader as before.
"""

from __future__ import annotations

import datetime
import select
from functools import lru_cache

from django.db.backends.postgresql import base
from django.db.backends.postgresql.psycopg_any import BaseTzLoader
from psycopg import adapt, pq


def _waiting(fileno: int) -> bool:
    """Whether the socket has something to read (a message, or its end), without waiting."""
    if hasattr(select, "poll"):
        poller = select.poll()
        poller.register(fileno, select.POLLIN | select.POLLPRI)
        return bool(poller.poll(0))
    readable, _, _ = select.select([fileno], [], [], 0)
    return bool(readable)


class IsoTzLoader(BaseTzLoader):
    """Django's loader of ``timestamptz`` (``BaseTzLoader``), reading ISO text with Python's
    parser first."""

    def load(self, data: bytes | bytearray | memoryview) -> datetime.datetime:
        try:
            value = datetime.datetime.fromisoformat(bytes(data).decode())
        except ValueError:  # infinity, a year before 1 or after 9999, another DateStyle
            return super().load(data)
        zone = self.timezone
        if zone is None or value.utcoffset() != zone.utcoffset(value):
            return super().load(data)
        return value.replace(tzinfo=zone)


@lru_cache
def _adapters(template: adapt.AdaptersMap, zone: datetime.tzinfo | None) -> adapt.AdaptersMap:
    """Django's adapters for new connections, with ``IsoTzLoader`` for ``timestamptz``."""
    adapters = adapt.AdaptersMap(template)
    loader = type("IsoTzLoaderFor", (IsoTzLoader,), {"timezone": zone})
    adapters.register_loader("timestamptz", loader)
    return adapters


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self) -> dict:
        params = super().get_connection_params()
        template = params.get("context")
        if template is not None:
            params["context"] = _adapters(template, self.timezone)
        return params

    def is_usable(self) -> bool:
        connection = self.connection
        if connection is None or connection.closed or connection.broken:
            return False
        if (
            connection.pgconn.status == pq.ConnStatus.OK
            and connection.info.transaction_status == pq.TransactionStatus.IDLE
            and not _waiting(connection.fileno())
        ):
            return True
        return super().is_usable()

"""Django's PostgreSQL backend with a health check that costs no round trip while the
connection is idle and the server has said nothing.

With ``CONN_HEALTH_CHECKS``, Django checks a kept connection at the first query of each request
with ``SELECT 1``: a round trip to the server, and a query for it to run, on every page that
reads the database. A server that ends a connection (a restart, ``pg_terminate_backend``, an
idle timeout) tells the client before it closes the socket, and the socket then has something
to read. So while the connection is idle outside a transaction and nothing waits on its socket,
it is taken as usable without asking; in any other case Django's own ``SELECT 1`` decides.
"""

from __future__ import annotations

import select

from django.db.backends.postgresql import base
from psycopg import pq


def _waiting(fileno: int) -> bool:
    """Whether the socket has something to read (a message, or its end), without waiting."""
    if hasattr(select, "poll"):
        poller = select.poll()
        poller.register(fileno, select.POLLIN | select.POLLPRI)
        return bool(poller.poll(0))
    readable, _, _ = select.select([fileno], [], [], 0)
    return bool(readable)


class DatabaseWrapper(base.DatabaseWrapper):
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

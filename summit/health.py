"""Whether the database can serve the site, for ``/healthz``."""

from __future__ import annotations

import os

from django.db import DatabaseError, connection
from django.db.migrations.recorder import MigrationRecorder

from summit.models import Event


def _sqlite_file_missing() -> bool:
    # Connecting to a SQLite file that is not there creates it, empty: the site would then
    # answer 500 everywhere while a bare "SELECT 1" succeeds. Look before connecting.
    if connection.vendor != "sqlite" or connection.connection is not None:
        return False
    if connection.is_in_memory_db():
        return False
    return not os.path.isfile(connection.settings_dict["NAME"])


def database_ready() -> bool:
    """True when the database answers and holds the schema: the migrations table and an app
    table, read in one query that touches no rows."""
    if _sqlite_file_missing():
        return False
    quote = connection.ops.quote_name
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT 1 FROM {quote(MigrationRecorder.Migration._meta.db_table)} WHERE 1 = 0 "
                f"UNION ALL SELECT 1 FROM {quote(Event._meta.db_table)} WHERE 1 = 0"
            )
            cursor.fetchall()
    except DatabaseError:
        return False
    return True

"""System checks on what the deployment provides."""

from __future__ import annotations

import sqlite3
from typing import Any

from django.conf import settings
from django.core.checks import Error, register
from django.db import connections

# Answers are counted with UPDATE … RETURNING and recorded with INSERT … ON CONFLICT DO NOTHING
# RETURNING (summit.rows.insert_new): SQLite has both since 3.35.
SQLITE_NEEDED = (3, 35, 0)


def _vendors() -> set[str]:
    """The kinds of database the settings use ("sqlite", "postgresql"), whatever the backend."""
    return {connections[alias].vendor for alias in settings.DATABASES}


@register()
def sqlite_version_check(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    uses_sqlite = "sqlite" in _vendors()
    if not uses_sqlite or sqlite3.sqlite_version_info >= SQLITE_NEEDED:
        return []
    return [
        Error(
            f"SQLite {sqlite3.sqlite_version} is too old: Summit needs SQLite "
            f"{'.'.join(map(str, SQLITE_NEEDED))} or later (RETURNING).",
            hint="Use a Python built with a newer SQLite, or PostgreSQL (DATABASE_URL).",
            id="summit.E001",
        )
    ]

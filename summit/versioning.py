"""The content version: a token that changes with every change to what the public pages show.

Saves and deletes through the ORM change it by themselves (signals, connected by SummitConfig);
bulk writes (``QuerySet.update``, ``bulk_create``) must call ``content_changed`` afterwards.

Each process reads the version from the database at most once per
``SUMMIT_CONTENT_VERSION_SECONDS`` (one second by default): a cached page then costs no query at
all. A change shows on the pages within that time, and at once to the thread that made it.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save

from summit.models import (
    Actor,
    Citation,
    ContentVersion,
    Event,
    Place,
    Quote,
    Source,
    TimelineSettings,
)

CONTENT_MODELS = (Source, Actor, Place, Event, Quote, Citation, TimelineSettings)


# Tokens older than this many changes are deleted now and then.
KEEP_TOKENS = 100


# (when it was read, by time.monotonic(), and the token); None: to be read again.
_read: tuple[float, str] | None = None


def content_version() -> str:
    """The newest token, or "" while nothing has ever changed (then nothing is cached).

    Read on every timeline request: from this process's memory when it was read from the
    database less than ``SUMMIT_CONTENT_VERSION_SECONDS`` ago, else in plain SQL (the ORM would
    take longer to write the query than the database takes to answer it)."""
    global _read
    read, now = _read, time.monotonic()
    if read is not None and now - read[0] < settings.SUMMIT_CONTENT_VERSION_SECONDS:
        return read[1]
    version = _version_in_database()
    _read = (now, version)
    return version


def forget_content_version() -> None:
    """The next ``content_version`` reads the database."""
    global _read
    _read = None


def _version_in_database() -> str:
    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {table} ORDER BY id DESC LIMIT 1")
        row = cursor.fetchone()
    return row[0] if row else ""


def content_changed() -> None:
    """Add a new token. A random one, not a counter: a rolled-back transaction takes its token
    back with its changes, and a later change can never reuse a token for other content.

    A new row rather than an update of one: a seed or an import changes hundreds of rows in one
    transaction, and PostgreSQL slows down with every update of the same row in a transaction."""
    version = ContentVersion.objects.create(token=uuid.uuid4().hex)
    # Read again by this process's next request, which then sees the change at once if it is
    # the one that made it (or once it is committed).
    forget_content_version()
    if version.pk % KEEP_TOKENS == 0:
        ContentVersion.objects.filter(pk__lte=version.pk - KEEP_TOKENS).delete()


def _changed(sender: type, **kwargs: Any) -> None:
    if kwargs.get("raw") or kwargs.get("action", "post_").startswith("pre_"):
        return  # loaddata; the "before" half of a many-to-many change
    content_changed()


def connect_signals() -> None:
    for model in CONTENT_MODELS:
        post_save.connect(_changed, sender=model, dispatch_uid=f"content-saved-{model.__name__}")
        post_delete.connect(
            _changed, sender=model, dispatch_uid=f"content-deleted-{model.__name__}"
        )
    m2m_changed.connect(_changed, sender=Event.actors.through, dispatch_uid="content-event-actors")

"""The content version: a token that changes with every change to what the public pages show.

Saves and deletes through the ORM change it by themselves (signals, connected by SummitConfig);
bulk writes (``QuerySet.update``, ``bulk_create``) must call ``content_changed`` afterwards.
"""

from __future__ import annotations

import uuid
from typing import Any

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


def content_version() -> str:
    """The newest token, or "" while nothing has ever changed (then nothing is cached).

    Read on every timeline request, so in plain SQL: the ORM would take longer to write the query
    than the database takes to answer it."""
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

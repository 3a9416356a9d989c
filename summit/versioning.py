"""The content version: a token that changes with every change to what the public pages show.

Saves and deletes through the ORM change it by themselves (signals, connected by SummitConfig);
bulk writes (``QuerySet.update``, ``bulk_create``) must call ``content_changed`` afterwards.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save

from summit.models import Actor, Citation, ContentVersion, Event, Place, Quote, Source

CONTENT_MODELS = (Source, Actor, Place, Event, Quote, Citation)


def content_version() -> str:
    """The current token, or "" while nothing has ever changed (then nothing is cached).

    Read on every timeline request, so in plain SQL: the ORM would take longer to write the query
    than the database takes to answer it."""
    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {table} WHERE id = %s", [1])
        row = cursor.fetchone()
    return row[0] if row else ""


def content_changed() -> None:
    """Draw a new token. A random one, not a counter: a rolled-back transaction takes its token
    back with its changes, and a later change can never reuse a token for other content."""
    token = uuid.uuid4().hex
    if not ContentVersion.objects.filter(pk=1).update(token=token):
        ContentVersion.objects.update_or_create(pk=1, defaults={"token": token})


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

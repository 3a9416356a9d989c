"""Remembering the seeded rows a teacher deleted, so that ``seed`` does not bring them back.

The delete signal of each seeded model records the fact, and only that (``tombstone_record``);
what ``seed`` makes of it lives in seeds.loader. The signal is sent for every deletion through
the ORM: the admin's delete page and delete action, a cascade, a shell.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.db.models import Model
from django.db.models.signals import pre_delete
from django.utils import timezone

from summit.models import Actor, Event, Place, Quote, SeedTombstone, Source
from summit.text import normalize

# The kinds, as seeds.loader names them, of the models the corpus seeds. Apps that build on
# summit add theirs with ``tombstone_kind_register`` (the quiz app registers Quiz).
SEEDED_KINDS: dict[type[Model], str] = {
    Actor: "actor",
    Place: "place",
    Source: "source",
    Event: "event",
    Quote: "quote",
}
LABEL_MAX_LENGTH = SeedTombstone._meta.get_field("label").max_length


def quote_seed_key(*, speaker: str, text: str) -> str:
    """A quotation's natural key in the corpus: its speaker's slug and its words, as the loader
    groups occurrences (case, accents and spacing aside)."""
    return f"{speaker}:{hashlib.sha256(normalize(text).encode()).hexdigest()}"


def _key_and_label(instance: Model) -> tuple[str, str]:
    if isinstance(instance, Quote):
        # Before the deletion: the speaker is still there to be read.
        speaker = Actor.objects.values_list("slug", flat=True).get(pk=instance.speaker_id)
        return quote_seed_key(speaker=speaker, text=instance.text), f"« {instance.text} »"
    return instance.slug, instance.slug


def tombstone_record(*, instance: Model) -> None:
    """Remember that ``instance``, a row the seed wrote, was deleted."""
    if not getattr(instance, "seed_hash", ""):
        return  # written by hand or by an import: the corpus would not bring it back
    key, label = _key_and_label(instance)
    if len(label) > LABEL_MAX_LENGTH:
        label = label[: LABEL_MAX_LENGTH - 1] + "…"
    SeedTombstone.objects.update_or_create(
        kind=SEEDED_KINDS[type(instance)],
        key=key,
        defaults={"label": label, "deleted_at": timezone.now()},
    )


def tombstoned_keys() -> dict[str, set[str]]:
    """The natural keys of the deleted seeded rows, by kind."""
    keys: dict[str, set[str]] = {kind: set() for kind in SEEDED_KINDS.values()}
    for kind, key in SeedTombstone.objects.values_list("kind", "key"):
        keys.setdefault(kind, set()).add(key)
    return keys


def _deleted(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    tombstone_record(instance=instance)


def tombstone_kind_register(*, model: type[Model], kind: str) -> None:
    """Remember the deletions of ``model``'s seeded rows under ``kind``."""
    SEEDED_KINDS[model] = kind
    pre_delete.connect(_deleted, sender=model, dispatch_uid=f"seed-tombstone-{model.__name__}")


def connect_signals() -> None:
    for model, kind in list(SEEDED_KINDS.items()):
        tombstone_kind_register(model=model, kind=kind)

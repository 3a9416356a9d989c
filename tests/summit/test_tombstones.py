from __future__ import annotations

import pytest

from summit.models import Actor, Event, Quote, SeedTombstone
from summit.tombstones import quote_seed_key
from tests.factories import ActorFactory, EventFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def test_deleting_a_seeded_row_records_its_natural_key():
    event = EventFactory(slug="sommet-de-hanoi")
    Event.objects.filter(pk=event.pk).update(seed_hash="a" * 64)

    Event.objects.filter(pk=event.pk).delete()

    tombstone = SeedTombstone.objects.get()
    assert (tombstone.kind, tombstone.key, tombstone.label) == (
        "event",
        "sommet-de-hanoi",
        "sommet-de-hanoi",
    )


def test_a_quotation_is_keyed_by_its_speaker_and_words():
    quote = QuoteFactory(text="Nous voulons  la PAIX", speaker=ActorFactory(slug="kim-jong-un"))
    Quote.objects.filter(pk=quote.pk).update(seed_hash="b" * 64)

    Quote.objects.get(pk=quote.pk).delete()

    tombstone = SeedTombstone.objects.get()
    assert tombstone.kind == "quote"
    assert tombstone.key == quote_seed_key(speaker="kim-jong-un", text="nous voulons la paix")
    assert tombstone.key.startswith("kim-jong-un:")
    assert tombstone.label == "« Nous voulons  la PAIX »"


def test_rows_the_seed_did_not_write_leave_no_trace():
    ActorFactory().delete()
    EventFactory().delete()

    assert not SeedTombstone.objects.exists()


def test_deleting_again_a_row_of_the_same_key_keeps_one_record():
    for _ in range(2):
        actor = ActorFactory(slug="kremlin")
        Actor.objects.filter(pk=actor.pk).update(seed_hash="c" * 64)
        Actor.objects.get(pk=actor.pk).delete()

    assert SeedTombstone.objects.filter(kind="actor", key="kremlin").count() == 1

"""Full-text search through the database's engine: the same results on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from summit.models import Event, Quote
from summit.timeline import timeline_events
from tests.factories import ActorFactory, EventFactory, PlaceFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def found(q: str) -> list[str]:
    return list(timeline_events({"q": q}).values_list("slug", flat=True))


@pytest.fixture
def events():
    putin = ActorFactory(name="Vladimir Poutine", aliases="Putin")
    kim = ActorFactory(name="Kim Jong-un", aliases="")
    summit = EventFactory(
        slug="sommet-vladivostok",
        title="Premier sommet à Vladivostok",
        summary="Une rencontre sur l'île Rousski.",
        place=PlaceFactory(name="Vladivostok", aliases="Владивосток"),
        published=True,
    )
    summit.actors.set([putin, kim])
    games = EventFactory(
        slug="jeux-de-pyeongchang",
        title="Jeux olympiques de PyeongChang",
        summary="Une équipe commune défile.",
        fact_check_note="La trêve olympique n'a duré que quelques semaines.",
        published=True,
    )
    QuoteFactory(event=games, text="Nous voulons la paix", published=True)
    QuoteFactory(event=summit, text="Un secret bien gardé", published=False)
    return summit, games


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("poutine", ["sommet-vladivostok"]),  # an actor's name, case ignored
        ("PUTIN", ["sommet-vladivostok"]),  # an alias
        ("jong-un", ["sommet-vladivostok"]),
        ("pyeongchang", ["jeux-de-pyeongchang"]),  # « PyeongChang »
        ("equipe", ["jeux-de-pyeongchang"]),  # « équipe »: accents ignored
        ("Île", ["sommet-vladivostok"]),
        ("treve", ["jeux-de-pyeongchang"]),  # the fact-check note
        ("владивосток", ["sommet-vladivostok"]),  # a place's alias
        ("vladi", ["sommet-vladivostok"]),  # the start of a word
        ("paix", ["jeux-de-pyeongchang"]),  # a published quotation
        ("secret", []),  # an unpublished one is not searched
        ("sommet rousski", ["sommet-vladivostok"]),  # every word, anywhere in the event
        ("sommet paix", []),
        ("« paix »", ["jeux-de-pyeongchang"]),  # punctuation alone adds no condition
        ("pingouin", []),
        ('"', ["sommet-vladivostok", "jeux-de-pyeongchang"]),
        ("n'a", ["jeux-de-pyeongchang"]),
    ],
)
def test_search_semantics(events, q, expected):
    assert sorted(found(q)) == sorted(expected)


def test_the_index_follows_every_write_bulk_ones_included(events):
    summit, games = events
    Event.objects.filter(pk=games.pk).update(title="Jeux d'hiver de Corée")
    assert found("hiver") == ["jeux-de-pyeongchang"]
    assert found("olympiques") == []
    Quote.objects.filter(text="Un secret bien gardé").update(published=True)
    assert found("secret") == ["sommet-vladivostok"]
    Event.objects.bulk_create(
        [EventFactory.build(slug="ajout", title="Ajout massif", place=None, published=True)]
    )
    assert found("massif") == ["ajout"]
    summit.place.name = "Vladivostok (Russie)"
    summit.place.save()
    assert found("russie") == ["sommet-vladivostok"]
    Event.objects.filter(slug="ajout").delete()
    assert found("massif") == []

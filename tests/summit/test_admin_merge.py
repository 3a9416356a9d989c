"""Merging two actors or two places in the admin: everything moves to the one kept, whose
aliases grow; the merged one is deleted and the question bank follows."""

from __future__ import annotations

import random

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from quiz.bank import question_bank_build
from quiz.models import Answer, Question
from summit import editorial
from summit.models import Actor, Citation, Event, Place, Quote
from tests.factories import (
    EventFactory,
    PlaceFactory,
    QuestionFactory,
    QuizFactory,
    QuoteCitationFactory,
    QuoteFactory,
    SourceFactory,
    attempt_with,
)

pytestmark = pytest.mark.django_db

ACTORS = reverse("admin:summit_actor_changelist")
PLACES = reverse("admin:summit_place_changelist")


def build_bank() -> None:
    question_bank_build(rng=random.Random(settings.QUIZ_BANK_SEED))


@pytest.fixture
def duplicate(seeded) -> Actor:
    """« Poutine », a draft actor an import made beside Vladimir Poutine, with a published
    quotation and an event of its own."""
    actor = Actor.objects.create(
        slug="poutine", name="Poutine", aliases="le chef du Kremlin", is_draft=True
    )
    source = SourceFactory(
        text="« Nous irons jusqu'au bout de ce projet », a déclaré Poutine mardi à Moscou."
    )
    quote = QuoteFactory(text="Nous irons jusqu'au bout de ce projet", speaker=actor)
    QuoteCitationFactory(quote=quote, source=source, start=2, end=39)
    EventFactory(title="Discours au Kremlin", actors=[actor])
    build_bank()
    return actor


def merge_post(client, changelist: str, rows: list, **extra: object):
    data = {"action": "merge", "_selected_action": [row.pk for row in rows], **extra}
    return client.post(changelist, data, follow=True)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_the_action_asks_which_one_to_keep_and_changes_nothing(admin_client, duplicate):
    putin = Actor.objects.get(slug="vladimir-poutine")
    response = merge_post(admin_client, ACTORS, [putin, duplicate])
    assert response.status_code == 200
    body = response.content.decode()
    assert "Lequel garder ?" in body
    assert f'name="keep" value="{putin.pk}"' in body
    assert f'name="keep" value="{duplicate.pk}"' in body
    assert 'name="confirm"' in body
    assert Actor.objects.filter(pk=duplicate.pk).exists()


def test_merging_actors_moves_everything_and_the_aliases_grow(admin_client, duplicate):
    putin = Actor.objects.get(slug="vladimir-poutine")
    quiz = QuizFactory()
    quiz.actors.set([duplicate])
    quote = Quote.objects.get(speaker=duplicate)
    event = Event.objects.get(actors=duplicate)
    # A teacher's own question about the duplicate, and a student's past answer to it.
    question = QuestionFactory(stem="Qui a parlé d'aller jusqu'au bout ?", quote=quote)
    question.actors.set([duplicate])
    right = question.choices.get(is_correct=True)
    attempt = attempt_with(quiz, [(question, right)])
    keyed = list(
        Question.objects.published().filter(choices__is_correct=True, choices__text="Poutine")
    )
    putin_quotes = putin.quotes.count()

    response = merge_post(
        admin_client, ACTORS, [putin, duplicate], keep=putin.pk, confirm="Fusionner"
    )

    messages = messages_of(response)
    assert any("Fusionné dans « Vladimir Poutine » : Poutine." in m for m in messages), messages
    assert any(m.startswith("Banque de questions") for m in messages)
    assert not Actor.objects.filter(pk=duplicate.pk).exists()
    putin.refresh_from_db()
    assert "Poutine" in putin.alias_list
    assert "le chef du Kremlin" in putin.alias_list
    assert putin.quotes.count() == putin_quotes + 1
    quote.refresh_from_db()
    assert quote.speaker == putin
    assert putin in event.actors.all()
    assert list(quiz.actors.all()) == [putin]
    assert list(question.actors.all()) == [putin]
    # No generated question keeps the merged name as its key: those that had it are retired.
    assert (
        not Question.objects.published()
        .filter(choices__is_correct=True, choices__text="Poutine")
        .exists()
    )
    for generated in keyed:
        generated.refresh_from_db()
        assert generated.status == Question.Status.RETIRED
    # The past attempt is as it was.
    answer = Answer.objects.get(attempt=attempt)
    assert (answer.question_id, answer.choice_id, answer.is_correct) == (
        question.pk,
        right.pk,
        True,
    )


def test_the_same_words_of_both_become_one_quotation(duplicate):
    putin = Actor.objects.get(slug="vladimir-poutine")
    twin = QuoteFactory(text="Nous irons jusqu'au bout de ce projet", speaker=putin)
    other = SourceFactory(text="Il a redit : « Nous irons jusqu'au bout de ce projet ».")
    QuoteCitationFactory(quote=twin, source=other, start=15, end=52)
    editorial.actor_merge(keep=putin, merged=[duplicate])
    quotes = Quote.objects.filter(text="Nous irons jusqu'au bout de ce projet")
    assert quotes.count() == 1
    assert quotes.get().speaker == putin
    assert Citation.objects.filter(quote=quotes.get()).count() == 2


def test_merging_places_moves_events_and_places_inside(admin_client, seeded):
    kept = PlaceFactory(slug="vladivostok-bis", name="Vladivostok (doublon)", country="")
    merged = PlaceFactory(slug="wladiwostok", name="Wladiwostok", aliases="Vlad", country="Russie")
    island = PlaceFactory(slug="ile", name="Île", part_of=merged)
    event = EventFactory(place=merged)
    response = merge_post(admin_client, PLACES, [kept, merged], keep=kept.pk, confirm="Fusionner")
    assert any("Fusionné dans" in m for m in messages_of(response))
    assert not Place.objects.filter(pk=merged.pk).exists()
    kept.refresh_from_db()
    assert kept.alias_list == ["Wladiwostok", "Vlad"]
    assert kept.country == "Russie"
    event.refresh_from_db()
    island.refresh_from_db()
    assert (event.place, island.part_of) == (kept, kept)


def test_a_place_inside_the_merged_one_is_not_put_inside_itself(seeded):
    country = PlaceFactory(slug="russie", name="Russie")
    city = PlaceFactory(slug="vladi", name="Vladi", part_of=country)
    district = PlaceFactory(slug="quartier", name="Quartier", part_of=city)
    editorial.place_merge(keep=district, merged=[city])
    district.refresh_from_db()
    assert district.part_of == country


def test_one_row_is_not_enough_to_merge(admin_client, duplicate):
    response = merge_post(admin_client, ACTORS, [duplicate])
    assert "Sélectionnez au moins deux éléments à fusionner." in messages_of(response)
    assert Actor.objects.filter(pk=duplicate.pk).exists()


def test_merging_into_itself_is_refused(duplicate):
    with pytest.raises(editorial.MergeError):
        editorial.actor_merge(keep=duplicate, merged=[duplicate])
    with pytest.raises(editorial.MergeError):
        editorial.actor_merge(keep=duplicate, merged=[])


def test_staff_who_may_not_delete_actors_cannot_merge_them(client, duplicate):
    user = get_user_model().objects.create_user("prof", password="motdepasse-solide")
    user.is_staff = True
    user.save()
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_actor", "change_actor"])
    )
    client.force_login(user)
    changelist = client.get(ACTORS).content.decode()
    assert 'value="merge"' not in changelist
    putin = Actor.objects.get(slug="vladimir-poutine")
    client.post(
        ACTORS,
        {
            "action": "merge",
            "_selected_action": [putin.pk, duplicate.pk],
            "keep": putin.pk,
            "confirm": "Fusionner",
        },
    )
    assert Actor.objects.filter(pk=duplicate.pk).exists()

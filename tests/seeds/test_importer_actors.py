"""The people an imported event names: a ``"new:" + name`` actor key becomes the draft actor of
that name (the same one as a new speaker of that name), linked to the event; a known name is the
known actor; ``--publish`` reviews them."""

from __future__ import annotations

import datetime
from dataclasses import replace

import pytest
from django.db import IntegrityError, transaction

from seeds import importer
from seeds.events import ExtractedEvent
from seeds.extract import ExtractedQuote, Extraction
from seeds.importer import UNKNOWN_SPEAKER_NAME, article_prepare, article_store
from seeds.quotes import Speaker
from summit.models import Actor, Event, Quote, Source
from tests.factories import ActorFactory, EventFactory, SourceFactory

pytestmark = pytest.mark.django_db

TEXT = (
    "Championships in Helsinki\n\n"
    "On Monday, Kajsa Bergqvist won the high jump title, ahead of Chaunte Howard. "
    "« I have been close so many times and now it is finally my turn », said Kajsa Bergqvist. "
    "An unnamed official said « the track was wet for most of the evening ». "
    "Ivan Tikhon of Belarus retained his hammer title."
)
DAY = datetime.date(2005, 8, 8)


def _span(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def _event(sentence: str, title: str, actors: tuple[str, ...], matches: str | None = None):
    start, end = _span(sentence)
    return ExtractedEvent(
        date=DAY,
        precision="day",
        end_date=None,
        title=title,
        sentence=sentence,
        start=start,
        end=end,
        actors=actors,
        place=None,
        matches=matches,
    )


def _quote(words: str, speaker: Speaker) -> ExtractedQuote:
    start, end = _span(words)
    return ExtractedQuote(
        text=words,
        start=start,
        end=end,
        kind="statement",
        speaker=speaker,
        said_on=DAY,
        sentence=(start, end),
    )


def _extraction(events: list[ExtractedEvent], kajsa: str = "Kajsa Bergqvist") -> Extraction:
    return Extraction(
        text=TEXT,
        language="en",
        quotes=[
            _quote(
                "I have been close so many times and now it is finally my turn",
                Speaker(new_name=kajsa, reason="No known actor is Kajsa Bergqvist."),
            ),
            _quote("the track was wet for most of the evening", Speaker()),
        ],
        events=events,
    )


HIGH_JUMP = "On Monday, Kajsa Bergqvist won the high jump title, ahead of Chaunte Howard."
HAMMER = "Ivan Tikhon of Belarus retained his hammer title."


@pytest.fixture
def extracted(monkeypatch) -> list[ExtractedEvent]:
    """The events the extraction gives; a test may change them before preparing."""
    events = [
        _event(
            HIGH_JUMP,
            "Kajsa Bergqvist wins the high jump title",
            ("new:Kajsa Bergqvist", "new:Chaunte Howard"),
        ),
        _event(HAMMER, "Ivan Tikhon retains his hammer title", ("new:Ivan  Tikhon",)),
    ]

    def extract(**_options: object) -> Extraction:
        return _extraction(events)

    monkeypatch.setattr(importer, "article_extract", extract)
    return events


def _prepare():
    return article_prepare(data=TEXT.encode(), published_on=datetime.date(2005, 8, 9))


def _store(result, *, publish: bool = False):
    with transaction.atomic():
        return article_store(result, publish=publish)


def _actors_of(title: str) -> list[str]:
    return sorted(Event.objects.get(title=title).actors.values_list("name", flat=True))


def test_new_people_of_an_event_become_draft_actors_linked_to_it(extracted):
    result = _prepare()
    assert result.new_actor_names == ["Kajsa Bergqvist", "Chaunte Howard", "Ivan Tikhon"]
    _store(result)
    assert _actors_of("Kajsa Bergqvist wins the high jump title") == [
        "Chaunte Howard",
        "Kajsa Bergqvist",
    ]
    assert _actors_of("Ivan Tikhon retains his hammer title") == ["Ivan Tikhon"]
    # One actor for the speaker and the event's person of the same name.
    kajsa = Actor.objects.get(name="Kajsa Bergqvist")
    assert Quote.objects.get(text__startswith="I have been close").speaker == kajsa
    assert set(Actor.objects.values_list("name", "is_draft")) == {
        ("Kajsa Bergqvist", True),
        ("Chaunte Howard", True),
        ("Ivan Tikhon", True),
        (UNKNOWN_SPEAKER_NAME, True),
    }
    assert set(result.new_actors) == {
        "Kajsa Bergqvist",
        "Chaunte Howard",
        "Ivan Tikhon",
        UNKNOWN_SPEAKER_NAME,
    }


def test_a_published_import_reviews_its_new_actors_but_not_the_placeholder(extracted):
    _store(_prepare(), publish=True)
    drafts = set(Actor.objects.filter(is_draft=True).values_list("name", flat=True))
    assert drafts == {UNKNOWN_SPEAKER_NAME}
    assert Event.objects.get(title="Ivan Tikhon retains his hammer title").published


def test_a_published_import_reviews_the_known_draft_actors_its_events_name(extracted):
    howard = ActorFactory(slug="chaunte-howard", name="Chaunte Howard", is_draft=True)
    _store(_prepare(), publish=True)
    howard.refresh_from_db()
    assert not howard.is_draft


def test_the_preview_says_why_each_new_actor_is_created(extracted):
    result = _prepare()
    assert result.new_actor_reason("Kajsa Bergqvist") == "No known actor is Kajsa Bergqvist."
    reason = result.new_actor_reason("Ivan Tikhon")
    assert "Ivan Tikhon" in reason
    assert "« Ivan Tikhon retains his hammer title »" in reason
    assert result.new_actor_reason("Nobody") == ""
    events = result.as_json()["events"]
    assert events[0]["actors"] == ["Kajsa Bergqvist", "Chaunte Howard"]
    assert result.actor_label("new:Ivan Tikhon") == "Ivan Tikhon"


def test_a_new_name_that_is_a_known_actors_alias_is_that_actor(extracted):
    known = ActorFactory(slug="tikhon", name="Ivan Tsikhan", aliases="Ivan Tikhon")
    result = _prepare()
    assert "Ivan Tikhon" not in result.new_actor_names
    _store(result)
    assert list(Event.objects.get(title__startswith="Ivan Tikhon").actors.all()) == [known]
    assert not Actor.objects.filter(name="Ivan Tikhon").exists()


def test_a_name_an_actor_took_since_reading_is_reused_not_doubled(extracted):
    result = _prepare()
    taken = ActorFactory(slug="chaunte-howard", name="Chaunte Howard")
    _store(result)
    assert Actor.objects.filter(name="Chaunte Howard").get() == taken
    assert taken in Event.objects.get(title__startswith="Kajsa").actors.all()
    assert "Chaunte Howard" not in result.new_actors


def test_the_people_of_a_candidate_matching_an_existing_event_are_not_created(extracted):
    EventFactory(slug="high-jump-final", title="High jump final", date=DAY)
    extracted[0] = _event(
        HIGH_JUMP,
        "Kajsa Bergqvist wins the high jump title",
        ("new:Chaunte Howard",),
        matches="high-jump-final",
    )
    result = _prepare()
    assert "Chaunte Howard" not in result.new_actor_names
    _store(result)
    assert not Actor.objects.filter(name="Chaunte Howard").exists()
    assert not Event.objects.get(slug="high-jump-final").actors.exists()


def test_unknown_keys_and_the_placeholder_name_link_nobody(extracted):
    extracted[1] = _event(
        HAMMER, "Hammer title", ("new:", "nobody-known", f"new:{UNKNOWN_SPEAKER_NAME}")
    )
    _store(_prepare())
    assert not Event.objects.get(title="Hammer title").actors.exists()


def test_a_new_name_loses_the_country_an_english_text_appends(extracted):
    extracted[1] = _event(HAMMER, "Hammer title", ("new:Ivan Tikhon of Belarus",))
    assert importer.person_name("Kajsa Bergqvist of Sweden") == "Kajsa Bergqvist"
    assert importer.person_name("John Kirby of the NSC") == "John Kirby"
    # A title, not a name, stays as it is.
    assert importer.person_name("Secretary of State") == "Secretary of State"
    _store(_prepare())
    assert _actors_of("Hammer title") == ["Ivan Tikhon"]


@pytest.mark.parametrize("model", [Actor, Event, Source])
def test_a_slug_taken_by_another_import_meanwhile_is_chosen_again(extracted, monkeypatch, model):
    """Two imports may both read a slug as free; the one that writes second picks again."""
    original = importer._unique_slugs
    raced: list[str] = []

    def racing(chosen_for, bases):
        slugs = original(chosen_for, bases)
        if chosen_for is model and not raced:
            # Another import commits the same slug between this one's reading and writing.
            raced.append(slugs[0])
            if model is Actor:
                ActorFactory(slug=slugs[0], name="Someone else")
            elif model is Event:
                EventFactory(slug=slugs[0], title="Another article's event")
            else:
                SourceFactory(slug=slugs[0], title="Another article", text="Another text.")
        return slugs

    monkeypatch.setattr(importer, "_unique_slugs", racing)
    result = _store(_prepare())
    assert raced
    assert result.stored
    assert model.objects.filter(slug=raced[0]).count() == 1
    assert model.objects.filter(slug=f"{raced[0]}-2").exists()


def test_an_integrity_error_other_than_a_taken_slug_is_not_retried(extracted, monkeypatch):
    calls: list[list[str]] = []
    original = importer._unique_slugs

    def counting(model, bases):
        calls.append(bases)
        return original(model, bases)

    def broken(*_args, **_kwargs):
        raise IntegrityError("NOT NULL constraint failed")

    monkeypatch.setattr(importer, "_unique_slugs", counting)
    monkeypatch.setattr(Actor.objects, "bulk_create", broken)
    with pytest.raises(IntegrityError):
        _store(_prepare())
    assert len([bases for bases in calls if "Kajsa Bergqvist" in bases]) == 1


def test_a_title_before_a_name_is_the_same_person(extracted):
    ActorFactory(slug="ivan-tikhon", name="Ivan Tikhon")
    extracted[0] = _event(HIGH_JUMP, "High jump", ("new:Swedish jumper Kajsa Bergqvist",))
    extracted[1] = _event(HAMMER, "Hammer title", ("new:Champion Ivan Tikhon",))
    result = _prepare()
    # The speaker « Kajsa Bergqvist » and the event's « Swedish jumper Kajsa Bergqvist »: one.
    assert result.new_actor_names == ["Kajsa Bergqvist"]
    _store(result)
    assert _actors_of("High jump") == ["Kajsa Bergqvist"]
    assert _actors_of("Hammer title") == ["Ivan Tikhon"]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Open Society Foundations", "institution"),
        ("Ministère de l'Intérieur", "institution"),
        ("UNHCR", "institution"),
        ("Kajsa Bergqvist", "person"),
        ("Gauri van Gulik", "person"),
        ("Jean-Noël Barrot", "person"),
    ],
)
def test_a_new_actor_named_as_a_body_is_an_institution(name, kind):
    assert importer.actor_kind(name) == kind


def test_new_actors_are_stored_with_their_kind(extracted):
    extracted[1] = _event(HAMMER, "Hammer title", ("new:International Athletics Association",))
    _store(_prepare())
    body = Actor.objects.get(name="International Athletics Association")
    assert body.kind == Actor.Kind.INSTITUTION
    assert Actor.objects.get(name="Kajsa Bergqvist").kind == Actor.Kind.PERSON


def test_a_speaker_named_with_and_without_a_title_is_one_actor(monkeypatch):
    text = TEXT.replace("An unnamed official said", "Swedish jumper Kajsa Bergqvist said")
    extraction = _extraction([], kajsa="Swedish jumper Kajsa Bergqvist")
    extraction.text = text
    second = _quote(
        "the track was wet for most of the evening", Speaker(new_name="Kajsa Bergqvist")
    )
    extraction.quotes = [
        replace(extraction.quotes[0]),
        replace(
            second, start=text.index(second.text), end=text.index(second.text) + len(second.text)
        ),
    ]
    monkeypatch.setattr(importer, "article_extract", lambda **_options: extraction)
    result = article_prepare(data=text.encode(), published_on=datetime.date(2005, 8, 9))
    assert [plan.name for plan in result.speakers] == ["Kajsa Bergqvist", "Kajsa Bergqvist"]
    _store(result)
    assert Actor.objects.get().name == "Kajsa Bergqvist"


def test_a_turn_label_is_no_new_actor(extracted):
    assert importer.person_name("R") == ""
    assert importer.person_name("Q.") == ""
    extracted[1] = _event(HAMMER, "Hammer title", ("new:R",))
    _store(_prepare())
    assert not Actor.objects.filter(name="R").exists()
    assert not Event.objects.get(title="Hammer title").actors.exists()

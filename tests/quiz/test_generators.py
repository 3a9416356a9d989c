"""One test per way a generated question went wrong in review: each builds the facts that
tempted the old generators and checks the new ones do not fall for them."""

from __future__ import annotations

import datetime
import itertools
import random

import pytest

from quiz.bank import bank_drafts, question_bank_build
from quiz.gates import FALSE, TRUE, option_failures
from quiz.generators import BLANK, Draft
from quiz.models import Kind, Question
from summit.models import Actor, Event, Place, Precision, Quote
from summit.text import normalize
from tests.factories import (
    ActorFactory,
    EventCitationFactory,
    EventFactory,
    PlaceFactory,
    QuoteCitationFactory,
    SourceFactory,
)

SEED = 2019
LONG = (
    "Je suis sûr que votre visite aujourd'hui nous aidera à mieux comprendre par quels moyens "
    "nous pouvons résoudre la situation"
)


def drafts(kind: str | None = None) -> list[Draft]:
    made = bank_drafts(rng=random.Random(SEED))
    return [d for d in made if kind is None or d.kind == kind]


def texts(draft: Draft) -> list[str]:
    return [o.text for o in draft.options()]


def wrong(draft: Draft) -> list[str]:
    return [o.text for o in draft.options() if not o.is_correct]


def person(slug: str, name: str, aliases: str = "") -> Actor:
    return ActorFactory(slug=slug, name=name, aliases=aliases)


def place(slug: str, name: str, lat: float, lon: float, part_of: Place | None = None) -> Place:
    return PlaceFactory(slug=slug, name=name, latitude=lat, longitude=lon, part_of=part_of)


def event(slug: str, title: str, day: datetime.date, where: Place | None, actors, **extra) -> Event:
    made = EventFactory(slug=slug, title=title, date=day, place=where, actors=actors, **extra)
    EventCitationFactory(event=made)
    return made


def quote(speaker: Actor, text: str, said_on: datetime.date, about: Event | None = None) -> Quote:
    citation = QuoteCitationFactory(
        quote__text=text, quote__speaker=speaker, quote__said_on=said_on, quote__event=about
    )
    return citation.quote


@pytest.fixture
def sequence(db):
    """A small sequence: two leaders meeting in 2019, a third one active then, and a father who
    met one of them twenty years before."""
    putin = person("poutine", "Vladimir Poutine", "Poutine\nle président russe")
    kim = person("kim", "Kim Jong-un", "le dirigeant nord-coréen")
    trump = person("trump", "Donald Trump", "Trump")
    father = person("kim-pere", "Kim Jong-il")
    moon = person("moon", "Moon Jae-in")
    vladivostok = place("vladivostok", "Vladivostok", 43.12, 131.89)
    russky = place("rousski", "île Rousski", 43.03, 131.89, part_of=vladivostok)
    pyongyang = place("pyongyang", "Pyongyang", 39.03, 125.75)
    hanoi = place("hanoi", "Hanoï", 21.03, 105.85)
    singapore = place("singapour", "Singapour", 1.25, 103.83)
    seoul = place("seoul", "Séoul", 37.57, 126.98)
    summit = event(
        "sommet",
        "Premier sommet entre Kim Jong-un et Vladimir Poutine",
        datetime.date(2019, 4, 25),
        russky,
        [kim, putin],
    )
    event(
        "arrivee", "Arrivée du dirigeant en Russie", datetime.date(2019, 4, 24), vladivostok, [kim]
    )
    event(
        "hanoi",
        "Sommet de Hanoï",
        datetime.date(2019, 2, 27),
        hanoi,
        [trump, kim],
        end_date=datetime.date(2019, 2, 28),
    )
    event("singapour", "Sommet de Singapour", datetime.date(2018, 6, 12), singapore, [trump, kim])
    event("inter-coreen", "Sommet inter-coréen", datetime.date(2018, 4, 27), seoul, [kim, moon])
    event(
        "pere",
        "Vladimir Poutine rencontre Kim Jong-il",
        datetime.date(2000, 7, 19),
        pyongyang,
        [putin, father],
        end_date=datetime.date(2000, 7, 20),
    )
    return {
        "putin": putin, "kim": kim, "trump": trump, "father": father, "moon": moon,
        "summit": summit, "vladivostok": vladivostok, "russky": russky, "pyongyang": pyongyang,
    }  # fmt: skip


# Speaker ---------------------------------------------------------------------------------------


def test_a_short_fragment_anyone_could_say_is_never_asked_who_said_it(sequence):
    quote(sequence["putin"], "beaucoup à faire", datetime.date(2019, 4, 25), sequence["summit"])
    fragment = quote(sequence["kim"], "un dialogue significatif", datetime.date(2019, 4, 25))
    fragment.kind = Quote.Kind.FRAGMENT
    fragment.save()
    assert drafts(Kind.SPEAKER) == []


def test_speaker_stems_give_the_date_and_the_place(sequence):
    quote(sequence["putin"], LONG, datetime.date(2019, 4, 25), sequence["summit"])
    (draft,) = drafts(Kind.SPEAKER)
    assert draft.stem.startswith("Le 25 avril 2019, sur l’île Rousski, qui a déclaré : « Je suis")
    assert draft.key.text == "Vladimir Poutine"


def test_a_leader_not_active_at_the_time_is_no_distractor(sequence):
    # Kim Jong-il met Putin in 2000: he is no option for words of 2019.
    quote(sequence["putin"], LONG, datetime.date(2019, 4, 25), sequence["summit"])
    (draft,) = drafts(Kind.SPEAKER)
    assert "Kim Jong-il" not in texts(draft)
    assert set(wrong(draft)) <= {"Kim Jong-un", "Donald Trump", "Moon Jae-in"}


def test_a_person_named_in_the_words_is_no_distractor(sequence):
    words = LONG + " avec le cher président Donald Trump"
    quote(sequence["putin"], words, datetime.date(2019, 4, 25), sequence["summit"])
    (draft,) = drafts(Kind.SPEAKER)
    assert "Donald Trump" not in texts(draft)


def test_a_second_name_of_the_key_is_never_a_distractor(sequence):
    # An import once made « Trump » an actor beside « Donald Trump ».
    twin = person("trump-bis", "Trump")
    quote(twin, LONG, datetime.date(2019, 4, 25), sequence["summit"])
    quote(sequence["trump"], LONG + " encore", datetime.date(2019, 4, 25))
    for draft in drafts(Kind.SPEAKER):
        if draft.key.text in ("Trump", "Donald Trump"):
            assert not {"Trump", "Donald Trump"} <= set(texts(draft)) or draft.failures(
                draft.options()
            )


def test_draft_actors_are_neither_keys_nor_distractors(sequence):
    unchecked = ActorFactory(slug="inconnu", name="Un porte-parole", is_draft=True)
    quote(unchecked, LONG, datetime.date(2019, 4, 25), sequence["summit"])
    quote(sequence["putin"], LONG + " vraiment", datetime.date(2019, 4, 25), sequence["summit"])
    for draft in drafts():
        assert "Un porte-parole" not in texts(draft)
        assert "porte-parole" not in draft.stem


# Quote → event --------------------------------------------------------------------------------


def test_words_said_the_day_before_are_not_asked_as_said_at_the_event(sequence):
    quote(sequence["putin"], LONG, datetime.date(2019, 4, 24), sequence["summit"])
    assert drafts(Kind.QUOTE_EVENT) == []
    (speaker,) = drafts(Kind.SPEAKER)
    assert speaker.stem.startswith("Le 24 avril 2019, qui a déclaré")


def test_the_key_is_not_the_only_event_fitting_a_country_the_words_name(sequence):
    sequence["vladivostok"].country = "Russie"
    sequence["vladivostok"].save()
    words = "Je suis venu en Russie avec les sentiments chaleureux de mon peuple et j'espère que"
    quote(sequence["kim"], words + " cette visite sera utile", datetime.date(2019, 4, 25),
          sequence["summit"])  # fmt: skip
    (draft,) = drafts(Kind.QUOTE_EVENT)
    assert any("russie" in failure for failure in draft.failures(draft.options()))


def test_quote_event_distractors_are_other_events_of_the_speaker(sequence):
    quote(sequence["kim"], LONG, datetime.date(2019, 4, 25), sequence["summit"])
    (draft,) = drafts(Kind.QUOTE_EVENT)
    assert draft.key.text == "Premier sommet entre Kim Jong-un et Vladimir Poutine"
    # The arrival, the day before, could be the occasion as well: never offered.
    assert "Arrivée du dirigeant en Russie" not in texts(draft)
    assert set(wrong(draft)) <= {"Sommet de Hanoï", "Sommet de Singapour", "Sommet inter-coréen"}


# Places ---------------------------------------------------------------------------------------


def test_a_place_inside_the_key_or_containing_it_is_no_distractor(sequence):
    for draft in drafts(Kind.PLACE):
        names = set(texts(draft))
        assert not {"Vladivostok", "île Rousski"} <= names, draft.stem


def test_a_place_with_no_peer_of_its_scale_is_asked_at_the_scale_of_its_city(sequence):
    (draft,) = [d for d in drafts(Kind.PLACE) if d.event == sequence["summit"]]
    assert draft.key.text == "Vladivostok"
    assert "île Rousski (Vladivostok)" in draft.explanation


def test_places_of_the_same_area_are_one_place_even_without_part_of(sequence):
    sequence["russky"].part_of = None
    sequence["russky"].save()
    (draft,) = [d for d in drafts(Kind.PLACE) if d.event == sequence["summit"]]
    assert "Vladivostok" not in texts(draft)


def test_a_place_where_the_same_people_also_met_is_no_distractor(sequence):
    # Putin and Kim Jong-il also met in Vladivostok, in 2002.
    event(
        "pere-2002", "Nouvelle rencontre", datetime.date(2002, 8, 23), sequence["vladivostok"],
        [sequence["putin"], sequence["father"]],
    )  # fmt: skip
    (draft,) = [d for d in drafts(Kind.PLACE) if d.event.slug == "pere"]
    assert "Vladivostok" not in texts(draft)
    assert "île Rousski" not in texts(draft)


def test_the_confusion_a_fact_check_corrects_is_offered_and_explained(sequence):
    pyeongchang = place("pyeongchang", "Pyeongchang", 37.37, 128.39)
    note = "L'article parle des Jeux de Pyongyang : ils se sont tenus à Pyeongchang."
    event(
        "jo", "Les Jeux olympiques d'hiver", datetime.date(2018, 2, 9), pyeongchang,
        [sequence["kim"]], end_date=datetime.date(2018, 2, 25), fact_check_note=note,
    )  # fmt: skip
    (draft,) = [d for d in drafts(Kind.PLACE) if d.event.slug == "jo"]
    assert draft.key.text == "Pyeongchang"
    assert "Pyongyang" in texts(draft)
    assert note in draft.explanation


def test_the_place_is_masked_in_the_title(sequence):
    (draft,) = [d for d in drafts(Kind.PLACE) if d.event.slug == "hanoi"]
    assert "« Sommet de … »" in draft.stem


# Dates ----------------------------------------------------------------------------------------


def test_an_approximate_date_known_exactly_from_a_reference_is_asked_to_the_day(sequence):
    father = Event.objects.get(slug="pere")
    father.precision = Precision.APPROXIMATE
    father.save()
    reference = SourceFactory(
        slug="reperes", is_reference=True,
        text="Les 19 et 20 juillet 2000, Vladimir Poutine rencontre Kim Jong-il à Pyongyang.",
    )  # fmt: skip
    EventCitationFactory(event=father, source=reference)
    (draft,) = [d for d in drafts(Kind.DATE) if d.event == father]
    assert draft.key.text == "du 19 au 20 juillet 2000"
    assert not any(text.startswith("vers") for text in texts(draft))


def test_an_approximate_date_known_no_better_is_not_asked(sequence):
    father = Event.objects.get(slug="pere")
    father.precision = Precision.APPROXIMATE
    father.save()
    assert not [d for d in drafts() if d.event == father and d.kind == Kind.DATE]
    assert not [d for d in drafts(Kind.CHRONOLOGY) if father.title in texts(d)]


def test_date_options_never_overlap(sequence):
    for draft in drafts(Kind.DATE):
        assert len(set(texts(draft))) == len(texts(draft))
    (hanoi,) = [d for d in drafts(Kind.DATE) if d.event.slug == "hanoi"]
    assert hanoi.key.text == "du 27 au 28 février 2019"
    # A two-day summit: every option is two days long, and none shares a day with another.
    for text in wrong(hanoi):
        assert text.startswith("du ")
        assert "27 février 2019" not in text
        assert "28 février 2019" not in text
        assert text not in ("du 26 au 27 février 2019", "du 28 février au 1er mars 2019")


def test_a_year_long_process_is_not_a_point_in_time(sequence):
    event(
        "offensive", "L'offensive diplomatique", datetime.date(2018, 1, 1), None,
        [sequence["kim"]], precision=Precision.YEAR,
    )  # fmt: skip
    for draft in drafts():
        if draft.kind in (Kind.CHRONOLOGY, Kind.ORDERING, Kind.MATCHING, Kind.DATE):
            assert "L'offensive diplomatique" not in texts(draft)
            assert "L'offensive diplomatique" not in draft.stem


def test_chronology_options_are_a_month_apart_at_least(sequence):
    events = {e.title: e for e in Event.objects.all()}
    for draft in drafts(Kind.CHRONOLOGY) + drafts(Kind.ORDERING):
        days = sorted(events[text].date for text in texts(draft))
        assert all((b - a).days >= 30 for a, b in itertools.pairwise(days)), draft.stem


# Cloze ----------------------------------------------------------------------------------------


def test_no_cloze_on_an_ordinary_word(sequence):
    quote(
        sequence["kim"],
        "Cette rencontre sera très utile pour développer les liens historiques entre les deux "
        "pays, qui ont une longue amitié",
        datetime.date(2019, 4, 25),
        sequence["summit"],
    )
    assert drafts(Kind.CLOZE) == []


def test_a_cloze_blanks_a_name_with_people_of_the_time_as_distractors(sequence):
    words = (
        "Nous avons eu au cours des pourparlers avec Vladimir Poutine un dialogue utile et franc"
    )
    quote(sequence["kim"], words, datetime.date(2019, 4, 25), sequence["summit"])
    (draft,) = drafts(Kind.CLOZE)
    assert BLANK in draft.stem
    assert draft.key.text == "Vladimir Poutine"
    assert "Kim Jong-il" not in texts(draft)
    assert draft.failures(draft.options()) == []


# New kinds ------------------------------------------------------------------------------------


def test_several_answers_are_the_events_people_and_others_of_the_time(sequence):
    (draft,) = [d for d in drafts(Kind.MULTIPLE) if d.subject.endswith(f":{sequence['summit'].pk}")]
    right = {o.text for o in draft.options() if o.is_correct}
    assert right == {"Kim Jong-un", "Vladimir Poutine"}
    assert set(wrong(draft)) <= {"Donald Trump", "Moon Jae-in"}
    assert "Kim Jong-un" not in draft.stem
    assert option_failures(draft.stem, draft.options(), kind=Kind.MULTIPLE) == []


def test_a_false_statement_is_surely_false(sequence):
    statements = drafts(Kind.TRUE_FALSE)
    assert {o.text for d in statements for o in d.options()} == {TRUE, FALSE}
    false = [d for d in statements if d.key.text == FALSE]
    assert false
    for draft in false:
        assert draft.notes == []
        assert "Faux" in draft.explanation


def test_matching_pairs_are_distinct_and_ordering_ranks_follow_the_dates(sequence):
    for draft in drafts(Kind.MATCHING):
        assert len({normalize(o.pair) for o in draft.options()}) == len(draft.options())
        assert option_failures(draft.stem, draft.options(), kind=Kind.MATCHING) == []
    events = {e.title: e.date for e in Event.objects.all()}
    (ordering, *_) = drafts(Kind.ORDERING)
    ranked = sorted(ordering.options(), key=lambda o: o.rank)
    assert [events[o.text] for o in ranked] == sorted(events[o.text] for o in ranked)


def test_the_explanation_tells_who_when_where_and_shows_the_source(sequence):
    (draft,) = [d for d in drafts(Kind.DATE) if d.event.slug == "hanoi"]
    assert "du 27 au 28 février 2019, à Hanoï" in draft.explanation
    assert "Résumé de l'événement." in draft.explanation
    assert "Source : « " in draft.explanation


def test_the_bank_built_from_the_sequence_publishes_only_questions_passing_every_gate(sequence):
    quote(sequence["putin"], LONG, datetime.date(2019, 4, 25), sequence["summit"])
    question_bank_build(rng=random.Random(SEED))
    published = Question.objects.published()
    assert published.count() >= 15
    assert not published.exclude(gate_failures="").exists()

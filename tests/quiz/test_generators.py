"""One test per way a generated question went wrong in review: each builds the facts that
tempted the old generators and checks the new ones do not fall for them."""

from __future__ import annotations

import datetime
import itertools
import random
import zlib

import pytest
from django.utils import translation

from quiz.bank import bank_drafts, question_bank_build
from quiz.facts import FactBase, facts_load
from quiz.french import place_phrase
from quiz.gates import FALSE, TRUE, convergence_failures, option_failures
from quiz.generators import (
    BLANK,
    SEPARATOR,
    Chooser,
    Draft,
    PlacePool,
    Shown,
    _title_stands,
    true_false_place_drafts,
)
from quiz.models import Kind, Question
from summit.models import Actor, Event, Place, Precision, Quote, Source
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
    words = (
        "Je pense que cette rencontre sera très utile pour développer les liens historiques "
        "entre nos pays, comme avec le cher président Donald Trump"
    )
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
    # The only other events of the speaker are not in Russia: no question, rather than one
    # where the words point to the key.
    assert drafts(Kind.QUOTE_EVENT) == []
    moscow = place("moscou", "Moscou", 55.75, 37.6)
    event("moscou", "Visite à Moscou", datetime.date(2018, 8, 1), moscow, [sequence["kim"]])
    Place.objects.filter(slug="moscou").update(country="Russie")
    for draft in drafts(Kind.QUOTE_EVENT):
        assert "Visite à Moscou" in wrong(draft)
        assert not any("russie" in failure for failure in draft.failures(draft.options()))


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
    for draft in drafts(Kind.PLACE):
        if draft.event == sequence["summit"]:
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
    # Still not when someone else was there one of the times.
    Event.objects.get(slug="pere").actors.add(sequence["moon"])
    (draft,) = [d for d in drafts(Kind.PLACE) if d.event.slug == "pere"]
    assert "Vladivostok" not in texts(draft)


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
    countries = {
        "kim": "Corée du Nord",
        "putin": "Russie",
        "trump": "États-Unis",
        "moon": "Corée du Sud",
    }
    for who, country in countries.items():
        Actor.objects.filter(pk=sequence[who].pk).update(country=country)
    # A compatriot of a key may have been in the delegation: never offered as wrong.
    ActorFactory(slug="lavrov", name="Sergueï Lavrov", country="Russie")
    event(
        "lavrov",
        "Visite de Lavrov",
        datetime.date(2019, 4, 10),
        None,
        [Actor.objects.get(slug="lavrov")],
    )
    (draft,) = [d for d in drafts(Kind.MULTIPLE) if d.subject.endswith(f":{sequence['summit'].pk}")]
    right = {o.text for o in draft.options() if o.is_correct}
    assert right == {"Kim Jong-un", "Vladimir Poutine"}
    assert set(wrong(draft)) <= {"Donald Trump", "Moon Jae-in"}
    assert "Sergueï Lavrov" not in texts(draft)
    assert "Kim Jong-un" not in draft.stem
    assert draft.stem.startswith("Qui sont les protagonistes de l’événement")
    assert option_failures(draft.stem, draft.options(), kind=Kind.MULTIPLE) == []


def test_a_false_statement_is_surely_false(sequence):
    for number, who in enumerate(["kim", "putin", "kim", "putin"]):
        words = (
            f"Je pense que la rencontre numéro {number} sera très utile pour nos deux pays, amis"
        )
        # Naming the others leaves one wrong speaker only: a statement to judge, no options.
        words += " de longue date, plus que Donald Trump ou Moon Jae-in"
        quote(sequence[who], words, datetime.date(2019, 4, 25), sequence["summit"])
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


# Second review: what a strict grader still caught ----------------------------------------------


def test_date_options_never_let_the_key_be_found_by_crossing_them(sequence):
    dated = drafts(Kind.DATE)
    assert dated
    for draft in dated:
        assert convergence_failures(draft.options()) == [], texts(draft)


@pytest.mark.parametrize(("kind", "statement"), [(Kind.DATE, "date"), (Kind.PLACE, "place")])
def test_what_is_asked_with_options_is_not_also_a_statement_to_judge(sequence, kind, statement):
    asked = {d.event.pk for d in drafts(kind)}
    judged = {
        d.event.pk
        for d in drafts(Kind.TRUE_FALSE)
        if d.subject.startswith(f"true_false:{statement}")
    }
    assert asked
    assert not asked & judged


def test_statements_on_places_are_the_same_without_the_place_questions_made_before(seeded):
    # Run alone, the generator of statements finds again which places were asked with options.
    full = [(d.subject, d.stem) for d in drafts() if d.subject.startswith("true_false:place")]
    with translation.override("fr"):
        chooser = Chooser(random.Random(SEED).getrandbits(64))
        alone = [(d.subject, d.stem) for d in true_false_place_drafts(facts_load(), chooser)]
    assert full
    assert alone == full


def test_wrong_places_are_of_the_keys_form_region_and_people(sequence):
    white_house = PlaceFactory(
        slug="maison-blanche", name="Maison-Blanche", aliases="la Maison-Blanche",
        latitude=38.9, longitude=-77.04,
    )  # fmt: skip
    far = place("stockholm", "Stockholm", 59.33, 18.07)
    event(
        "lettre",
        "Lettre de Donald Trump",
        datetime.date(2018, 5, 24),
        white_house,
        [sequence["trump"]],
    )
    event("suede", "Discussions en Suède", datetime.date(2019, 10, 5), far, [sequence["trump"]])
    # Where Kim Jong-un and Moon Jae-in never went, and in nobody's country here.
    Place.objects.filter(slug__in=["pyongyang"]).update(country="Corée du Nord")
    stranger = place("lima", "Lima", -12.05, -77.04)
    Place.objects.filter(pk=stranger.pk).update(country="Pérou")
    placed = drafts(Kind.PLACE)
    assert placed
    for draft in placed:
        # « la Maison-Blanche » among cities, Stockholm for a summit in Asia, Lima: no.
        assert "Maison-Blanche" not in wrong(draft)
        assert "Lima" not in wrong(draft)
        if draft.key.text in ("Hanoï", "Singapour", "Vladivostok", "Séoul", "Pyongyang"):
            assert "Stockholm" not in wrong(draft)


def test_a_place_the_title_is_about_is_neither_masked_nor_offered(sequence):
    washington = place("washington", "Washington", 38.9, -77.04)
    ottawa = place("ottawa", "Ottawa", 45.42, -75.7)
    boston = place("boston", "Boston", 42.36, -71.06)
    event("lettre", "Donald Trump annule le sommet de Singapour", datetime.date(2018, 5, 24),
          washington, [sequence["trump"]])  # fmt: skip
    event("ottawa", "Donald Trump à Ottawa", datetime.date(2018, 6, 8), ottawa, [sequence["trump"]])
    event("boston", "Donald Trump à Boston", datetime.date(2018, 9, 8), boston, [sequence["trump"]])
    (draft,) = [d for d in drafts(Kind.PLACE) if d.event.slug == "lettre"]
    assert "« Donald Trump annule le sommet de Singapour »" in draft.stem
    assert draft.key.text == "Washington"
    assert "Singapour" not in texts(draft)


def test_chronology_options_come_from_one_sequence_and_each_event_is_asked_once(sequence):
    asked = drafts(Kind.CHRONOLOGY)
    assert asked
    for draft in asked:
        assert "Vladimir Poutine rencontre Kim Jong-il" not in texts(draft)
        assert "Vladimir Poutine rencontre Kim Jong-il" not in draft.stem
    # One question per event: « first » or « next after », not both.
    anchors = [d.subject.rsplit(":", 1)[-1] for d in asked]
    assert len(anchors) == len(set(anchors))


def test_what_came_next_is_not_asked_when_the_words_tell_it(sequence):
    # The arrival in Vladivostok, then the summit there the next day: no question.
    for draft in drafts(Kind.CHRONOLOGY):
        assert "Arrivée du dirigeant en Russie" not in draft.stem


def test_ordering_and_date_matching_sets_stay_in_one_sequence(sequence):
    for draft in [*drafts(Kind.ORDERING), *drafts(Kind.MATCHING)]:
        assert "Vladimir Poutine rencontre Kim Jong-il" not in texts(draft)


def test_place_matching_pairs_only_cities_named_without_article(sequence):
    white_house = PlaceFactory(
        slug="maison-blanche", name="Maison-Blanche", aliases="la Maison-Blanche",
        latitude=38.9, longitude=-77.04,
    )  # fmt: skip
    event("lettre", "Lettre de Donald Trump", datetime.date(2018, 5, 24), white_house,
          [sequence["trump"]])  # fmt: skip
    for draft in drafts(Kind.MATCHING):
        pairs = {o.pair for o in draft.options()}
        assert not pairs & {"Maison-Blanche", "île Rousski"}


def test_no_protagonists_question_when_the_title_says_their_nationality(sequence):
    for who, country in {
        "kim": "Corée du Nord",
        "moon": "Corée du Sud",
        "trump": "États-Unis",
    }.items():
        Actor.objects.filter(pk=sequence[who].pk).update(country=country)
    assert not [d for d in drafts(Kind.MULTIPLE) if "inter-coréen" in d.stem]


def test_words_said_to_someone_are_never_given_to_them(sequence):
    # « votre visite » is said to the visitor: giving the words to him is false by the words.
    quote(sequence["putin"], LONG, datetime.date(2019, 4, 25), sequence["summit"])
    for draft in [*drafts(Kind.SPEAKER), *drafts(Kind.TRUE_FALSE)]:
        assert "Kim Jong-un" not in texts(draft)
        assert "Kim Jong-un a déclaré" not in draft.stem


def test_no_cloze_on_a_name_the_words_before_it_introduce(sequence):
    Actor.objects.filter(pk=sequence["putin"].pk).update(description="Président de la Russie")
    words = (
        "J'espère discuter avec le cher président russe Vladimir Poutine de la péninsule coréenne"
    )
    quote(sequence["kim"], words, datetime.date(2019, 4, 24))
    assert drafts(Kind.CLOZE) == []


def test_a_place_reads_with_its_article_in_sentences(sequence):
    white_house = PlaceFactory(slug="mb", name="Maison-Blanche", aliases="la Maison-Blanche")
    assert place_phrase(white_house) == "la Maison-Blanche"
    assert place_phrase(sequence["russky"]) == "île Rousski"


def test_an_interviewers_question_is_not_asked_and_dateline_words_are_not_given_a_day(sequence):
    question = "Donc il sera fait plus pour protéger ces surveillants et pour mieux encadrer les "
    quote(sequence["kim"], question + "détenus radicalisés aussi, par exemple ?",
          datetime.date(2019, 4, 25), sequence["summit"])  # fmt: skip
    dateline = quote(sequence["putin"], LONG + " et ce que la Russie peut faire",
                     datetime.date(2019, 4, 20))  # fmt: skip
    dateline.said_on_basis = Quote.DateBasis.CONTEXT
    dateline.save()
    asked = [*drafts(Kind.SPEAKER), *[d for d in drafts(Kind.TRUE_FALSE) if d.quote]]
    assert {d.quote for d in asked} <= {dateline}
    for draft in asked:
        # Asked only as reported by its article, never as said on the dateline's day.
        assert draft.stem.startswith("Selon l’article « ")
        assert "20 avril 2019" not in draft.stem


def test_words_dated_by_their_article_only_are_asked_as_reported_by_it(sequence):
    source = SourceFactory(title="Le Kremlin reçoit", outlet="Euronews",
                           published_on=datetime.date(2019, 4, 26))  # fmt: skip
    citation = QuoteCitationFactory(
        source=source,
        quote__text=LONG + " et ce que la Russie peut faire",
        quote__speaker=sequence["putin"],
        quote__said_on=datetime.date(2019, 4, 26),
        quote__said_on_basis=Quote.DateBasis.PUBLICATION,
    )
    quote(sequence["trump"], "Nous avons eu une très bonne rencontre à Hanoï avec le président",
          datetime.date(2019, 2, 28), None)  # fmt: skip
    quote(sequence["moon"], "La paix dans la péninsule coréenne est notre premier objectif à Séoul",
          datetime.date(2019, 4, 26), None)  # fmt: skip
    (draft,) = [d for d in drafts(Kind.SPEAKER) if d.quote == citation.quote]
    assert draft.stem.startswith(
        "Selon l’article « Le Kremlin reçoit » (Euronews, 26 avril 2019), qui a déclaré : « "
    )
    assert "Euronews" in draft.explanation
    assert "a prononcé ces mots le" not in draft.explanation


def test_an_article_title_naming_an_option_is_left_out_of_the_stem(sequence):
    source = SourceFactory(title="Vladimir Poutine reçoit Kim Jong-un", outlet="Euronews",
                           published_on=datetime.date(2019, 4, 26))  # fmt: skip
    QuoteCitationFactory(
        source=source,
        quote__text=LONG + " et ce que la Russie peut faire",
        quote__speaker=sequence["putin"],
        quote__said_on=datetime.date(2019, 4, 26),
        quote__said_on_basis=Quote.DateBasis.CONTEXT,
    )
    quote(sequence["trump"], "Nous avons eu une très bonne rencontre à Hanoï avec le président",
          datetime.date(2019, 2, 28), None)  # fmt: skip
    quote(sequence["moon"], "La paix dans la péninsule coréenne est notre premier objectif à Séoul",
          datetime.date(2019, 4, 26), None)  # fmt: skip
    (draft,) = [d for d in drafts(Kind.SPEAKER) if d.quote.speaker == sequence["putin"]]
    assert draft.stem.startswith("Selon un article (Euronews, 26 avril 2019), qui a déclaré")
    assert not option_failures(draft.stem, draft.options(), kind=Kind.SPEAKER)
    # A surname alone gives the key away too.
    Source.objects.filter(pk=source.pk).update(title="Poutine reçoit son invité")
    (draft,) = [d for d in drafts(Kind.SPEAKER) if d.quote.speaker == sequence["putin"]]
    assert "Poutine" not in draft.stem


def test_a_short_generic_sentence_is_not_asked_who_said_it(sequence):
    words = "Il y a un plan qui est en train d'être mis en oeuvre."
    quote(sequence["putin"], words, datetime.date(2019, 4, 25), sequence["summit"])
    assert drafts(Kind.SPEAKER) == []
    # A name said to someone at the end, or « I », names nothing.
    deflect = "I think I’m just going to leave my comments where they are, Peter."
    quote(sequence["putin"], deflect, datetime.date(2019, 4, 25), sequence["summit"])
    assert drafts(Kind.SPEAKER) == []
    # As short, but naming something: asked.
    named = "Nous sommes prêts à continuer la coopération avec nos amis de Pyongyang"
    quote(sequence["putin"], named, datetime.date(2019, 4, 25), sequence["summit"])
    assert [d.quote.text for d in drafts(Kind.SPEAKER)] == [named]


def test_wrong_speakers_come_from_the_speakers_story(sequence):
    stranger = person("pinter", "Sándor Pintér")
    event("loi", "Vote d'une loi", datetime.date(2019, 4, 20), None, [stranger])
    quote(sequence["putin"], LONG, datetime.date(2019, 4, 25), sequence["summit"])
    (draft,) = drafts(Kind.SPEAKER)
    assert "Sándor Pintér" not in texts(draft)


def test_an_event_with_neither_people_nor_place_or_with_a_broken_title_asks_nothing(sequence):
    event("debat", "Grand débat national", datetime.date(2019, 3, 6), None, [])
    event("audience", "Moscow attends the sixth session", datetime.date(2019, 3, 7),
          sequence["pyongyang"], [])  # fmt: skip
    event("loi", "Le parlement adopte la loi « Stop", datetime.date(2018, 6, 20), None,
          [sequence["moon"]])  # fmt: skip
    for draft in drafts():
        assert "Grand débat national" not in [*texts(draft), draft.stem]
        assert "Moscow attends the sixth session" not in [*texts(draft), draft.stem]
        assert "Stop" not in draft.stem
        assert not any("Stop" in t for t in texts(draft))


def test_words_continuing_a_sentence_not_shown_are_not_asked(sequence):
    words = (
        "Que nous prenons cela extrêmement au sérieux, je sais que la ministre suit la situation"
    )
    quote(sequence["putin"], words + " minute par minute", datetime.date(2019, 4, 25),
          sequence["summit"])  # fmt: skip
    assert drafts(Kind.SPEAKER) == []
    assert not [d for d in drafts(Kind.TRUE_FALSE) if d.quote is not None]


def test_words_said_to_the_other_party_of_a_conversation_are_never_given_to_them(sequence):
    # A transcript of two leaders, no event: « the hospitality you provided » is said to the
    # other one, and giving it to him is false by its words.
    words = "Well, Mr. President, welcome. I am glad to return the hospitality you provided for me"
    said = quote(
        sequence["trump"], words + " in your capital last year", datetime.date(2019, 4, 25)
    )
    answer = quote(sequence["moon"], LONG + " et la suite", datetime.date(2019, 4, 25))
    answer_citation = answer.citations.first()
    answer_citation.source = said.citations.first().source
    answer_citation.save()
    about = [d for d in [*drafts(Kind.SPEAKER), *drafts(Kind.TRUE_FALSE)] if d.quote == said]
    assert about
    for draft in about:
        assert "Moon Jae-in" not in texts(draft)
        assert "Moon Jae-in a déclaré" not in draft.stem


def test_a_quotation_whose_pronouns_point_outside_the_words_shown_is_not_asked():
    from quiz.generators import _self_contained, _shorten

    facts = FactBase(events=[], quotes=[], actors={}, places=[])
    vague = (
        "I think we're making it clear across the national security team that we're serious "
        "about securing their release. I don't have any conversations to speak about today."
    )
    assert not _self_contained(facts, _shorten(vague))
    named = "We are serious about securing the release of Paul Whelan and of their families."
    assert _self_contained(facts, _shorten(named))
    assert _self_contained(facts, "Nous voulons la paix et la sécurité pour toute la péninsule.")


def test_a_long_quotation_is_cut_at_the_end_of_a_sentence_never_after_an_honorific():
    from quiz.generators import STEM_WORDS, _shorten

    first = " ".join(["mot"] * 20) + " fin."
    text = first + " " + " ".join(["suite"] * 20) + " M. Dupont et encore."
    shown = _shorten(text)
    assert shown == first + " …"
    assert len(shown.split()) <= STEM_WORDS + 1


def _countries(sequence, **countries: str) -> None:
    for key, country in countries.items():
        item = sequence[key]
        item.country = country
        item.save()


def test_a_journey_abroad_never_offers_the_travellers_own_country(sequence):
    _countries(sequence, kim="Corée du Nord", pyongyang="Corée du Nord", vladivostok="Russie",
               russky="Russie")  # fmt: skip
    xi = ActorFactory(slug="xi", name="Xi Jinping", country="Chine")
    beijing = PlaceFactory(slug="pekin", name="Pékin", latitude=39.9, longitude=116.4,
                           country="Chine")  # fmt: skip
    Place.objects.exclude(slug__in=["pekin", "pyongyang", "vladivostok", "rousski"]).update(
        country="Autre"
    )
    # A note naming the traveller's capital corrects no confusion with it.
    note = "Pékin et Pyongyang ne confirment la visite qu'une fois Kim Jong-un reparti."
    event("voyage", "Premier voyage à l'étranger de Kim Jong-un", datetime.date(2018, 3, 25),
          beijing, [sequence["kim"], xi], end_date=datetime.date(2018, 3, 28),
          fact_check_note=note)  # fmt: skip
    (draft,) = [d for d in drafts(Kind.PLACE) if d.event.slug == "voyage"]
    assert draft.key.text == "Pékin"
    assert "Pyongyang" not in texts(draft)
    assert note not in draft.explanation
    # A meeting, no journey: Kim Jong-un's capital stays a fair wrong answer elsewhere.
    facts = facts_load()
    pool = PlacePool(facts)
    (hanoi,) = [item for item in facts.events if item.event.slug == "hanoi"]
    assert pool.away_from_home(hanoi, hanoi.event.place, sequence["pyongyang"])


def test_an_event_where_the_speaker_is_only_the_object_is_no_occasion_of_their_words(sequence):
    _countries(sequence, kim="Corée du Nord", pyongyang="Corée du Nord")
    washington = place("washington", "Washington", 38.9, -77.04)
    event("accepte", "Donald Trump accepte de rencontrer Kim Jong-un", datetime.date(2018, 3, 8),
          washington, [sequence["trump"], sequence["kim"]])  # fmt: skip
    event("lettre", "Donald Trump annule le sommet par une lettre", datetime.date(2018, 5, 24),
          washington, [sequence["trump"], sequence["kim"]])  # fmt: skip
    xi = ActorFactory(slug="xi", name="Xi Jinping")
    event("visite-xi", "Visite d'État de Xi Jinping", datetime.date(2019, 6, 20),
          sequence["pyongyang"], [sequence["kim"], xi])  # fmt: skip
    event("entre", "Rencontre entre Donald Trump et Kim Jong-un", datetime.date(2019, 6, 30),
          sequence["pyongyang"], [sequence["trump"], sequence["kim"]])  # fmt: skip
    quote(sequence["kim"], LONG, datetime.date(2019, 4, 25), sequence["summit"])
    seen: set[str] = set()
    for salt in range(12):
        for draft in bank_drafts(rng=random.Random(salt)):
            if draft.kind == Kind.QUOTE_EVENT:
                seen |= set(wrong(draft))
    assert not seen & {
        "Donald Trump accepte de rencontrer Kim Jong-un",
        "Donald Trump annule le sommet par une lettre",
    }
    # He hosted Xi Jinping at home, and met Donald Trump with him: both stay fair.
    assert {"Visite d'État de Xi Jinping", "Rencontre entre Donald Trump et Kim Jong-un"} <= seen


def test_a_statement_to_judge_never_names_the_place_in_the_title_of_its_event(sequence):
    dmz = PlaceFactory(slug="dmz", name="zone démilitarisée", aliases="la zone démilitarisée")
    panmunjom = place("panmunjom", "Panmunjom", 37.95, 126.68, part_of=dmz)
    event("panmunjom", "Sommet de Panmunjom", datetime.date(2018, 4, 27), panmunjom,
          [sequence["kim"], sequence["moon"]])  # fmt: skip
    for draft in drafts(Kind.TRUE_FALSE):
        assert "Panmunjom" not in draft.stem or "zone" not in draft.stem, draft.stem


def test_statements_are_matched_to_speakers_of_one_story_only(sequence):
    for speaker, text in [
        ("kim", "Je suis venu à Vladivostok avec les sentiments chaleureux de mon peuple"),
        ("putin", "Nous avons parlé longuement de la Corée avec notre invité venu de Pyongyang"),
        ("trump", "Nous avons eu une très bonne rencontre à Hanoï avec le dirigeant du Nord"),
    ]:
        quote(sequence[speaker], text, datetime.date(2019, 4, 25), None)
    minister = ActorFactory(slug="pinter", name="Sándor Pintér", country="Hongrie")
    source = SourceFactory(slug="hongrie", title="La Hongrie adopte la loi",
                           published_on=datetime.date(2018, 6, 20))  # fmt: skip
    words = "Les projets de loi Stop Soros servent cet objectif en Hongrie, dit le ministre"
    QuoteCitationFactory(source=source, quote__speaker=minister, quote__text=words,
                         quote__said_on=datetime.date(2018, 6, 20))  # fmt: skip
    matchings = [d for d in drafts(Kind.MATCHING) if d.subject.startswith("matching:speaker:")]
    assert matchings
    for draft in matchings:
        speakers = {actor.slug for actor in draft.actors}
        assert "pinter" not in speakers or speakers == {"pinter"}


def test_an_event_of_another_story_lends_no_date(sequence):
    minister = ActorFactory(slug="pinter", name="Sándor Pintér")
    event("loi", "Le parlement adopte la loi", datetime.date(2019, 3, 15), None, [minister])
    korea = [d for d in drafts(Kind.DATE) if d.event.slug != "loi"]
    assert korea
    for draft in korea:
        assert "15 mars 2019" not in texts(draft)


@pytest.mark.parametrize(
    ("title", "summary", "stands"),
    [
        ("Jimmy Wales dévoile un nouveau projet nommé Wikitribune", "", True),
        ("Maria Mutola wins the women's 800-meters gold medal", "", True),
        ("It is made", "", False),
        ("Ce phénomène est détecté dans le cadre du programme", "", False),
        ("Berkman crée quelques jours auparavant", "", False),
        ("Une conférence a lieu de cette année-là à Harvard", "", False),
        ("We know there's a lot of interest today", "", False),
        ("The Syria regime and Russia are", "", False),
        ("Ivan Tikhon records a championship record toss of 83", "a toss of 83.89 meters", False),
        ("Le parlement adopte le projet de loi « Stop Soros", "", False),
        ("R rencontre le secrétaire d'État Antony Blinken", "", False),
        ("A group of Afghan teenagers is awarded a silver medal", "", True),
    ],
)
def test_an_event_is_asked_only_under_a_title_that_reads_whole_and_alone(title, summary, stands):
    assert _title_stands(title, summary) is stands


def test_an_event_whose_title_needs_a_sentence_not_shown_asks_nothing(sequence):
    event("deictic", "Il est élu deux jours auparavant", datetime.date(2018, 9, 1),
          sequence["pyongyang"], [sequence["kim"]])  # fmt: skip
    assert not [d for d in drafts() if d.event is not None and d.event.slug == "deictic"]


def test_speech_as_it_came_out_is_never_asked_who_said_it(sequence):
    words = ("Wait, wait, wait, wait. So that is number one. Number two, I spoke to the "
             "president of Korea and congratulated him on his new Moscow office")  # fmt: skip
    quote(sequence["trump"], words, datetime.date(2019, 4, 25), None)
    broken = ("Well — you guys are — you guys — you realize that Pyongyang and Moscow are not in "
              "the real world of Washington politics today")  # fmt: skip
    quote(sequence["putin"], broken, datetime.date(2019, 4, 25), None)
    assert drafts(Kind.SPEAKER) == []
    assert not [d for d in drafts(Kind.TRUE_FALSE) if d.quote is not None]


def test_two_names_of_one_person_are_never_key_and_distractor(sequence):
    titled = ActorFactory(slug="titled-putin", name="Président Vladimir Poutine")
    event("titled", "Le président reçoit", datetime.date(2019, 4, 20), sequence["vladivostok"],
          [titled, sequence["kim"]])  # fmt: skip
    quote(sequence["putin"], LONG + " et ce que la Russie peut faire",
          datetime.date(2019, 4, 25), sequence["summit"])  # fmt: skip
    asked = [d for d in drafts() if d.quote is not None]
    assert asked
    for draft in asked:
        names = [o.text for o in draft.options()]
        assert not {"Vladimir Poutine", "Président Vladimir Poutine"} <= set(names)
        if draft.kind == Kind.TRUE_FALSE:
            assert "Président Vladimir Poutine a déclaré" not in draft.stem


def test_a_guest_is_never_received_in_their_own_country(sequence):
    _countries(sequence, kim="Corée du Nord", pyongyang="Corée du Nord", vladivostok="Russie",
               russky="Russie")  # fmt: skip
    lavrov = ActorFactory(slug="lavrov", name="Sergueï Lavrov", country="Russie")
    event("lavrov", "Sergueï Lavrov reçu par Kim Jong-un", datetime.date(2018, 5, 31),
          sequence["pyongyang"], [lavrov, sequence["kim"]])  # fmt: skip
    facts = facts_load()
    pool = PlacePool(facts)
    (item,) = [item for item in facts.events if item.event.slug == "lavrov"]
    assert not pool.away_from_home(item, sequence["pyongyang"], sequence["vladivostok"])
    for draft in drafts(Kind.PLACE):
        if draft.event.slug == "lavrov":
            assert "Vladivostok" not in texts(draft)


def test_words_of_a_visitor_naming_the_country_rule_out_its_people(sequence):
    _countries(sequence, kim="Corée du Nord", putin="Russie", vladivostok="Russie",
               russky="Russie", trump="États-Unis", moon="Corée du Sud")  # fmt: skip
    lavrov = ActorFactory(slug="lavrov", name="Sergueï Lavrov", country="Russie")
    event("lavrov", "Sergueï Lavrov à Pyongyang", datetime.date(2019, 3, 1),
          sequence["pyongyang"], [lavrov, sequence["kim"]])  # fmt: skip
    words = "Je suis venu en Russie avec les sentiments chaleureux de mon peuple et j'espère"
    quote(sequence["kim"], words + " que cette visite sera utile", datetime.date(2019, 4, 24),
          None)  # fmt: skip
    seen: set[str] = set()
    for salt in range(8):
        for draft in bank_drafts(rng=random.Random(salt)):
            if draft.kind == Kind.SPEAKER:
                seen |= set(wrong(draft))
    assert seen
    assert not seen & {"Sergueï Lavrov", "Vladimir Poutine"}


def test_words_asked_who_said_them_are_not_also_a_statement_to_judge(sequence):
    quote(sequence["putin"], LONG + " et ce que la Russie peut faire",
          datetime.date(2019, 4, 25), sequence["summit"])  # fmt: skip
    asked = {d.quote for d in drafts(Kind.SPEAKER)}
    assert asked
    assert not [d for d in drafts(Kind.TRUE_FALSE) if d.quote in asked]


def test_words_opening_on_a_pronoun_or_naming_nothing_but_sentence_starts_are_not_asked(sequence):
    opening = ("It's moving so quickly. And, you know, I'm not being facetious; I'm being very "
               "serious about the whole matter")  # fmt: skip
    quote(sequence["trump"], opening, datetime.date(2019, 4, 25), None)
    they = ("Look, whatever the fighting force needs. First of all, they passed my budget, what I "
            "asked for in defense")  # fmt: skip
    quote(sequence["putin"], they, datetime.date(2019, 4, 25), None)
    assert drafts(Kind.SPEAKER) == []
    assert not [d for d in drafts(Kind.TRUE_FALSE) if d.quote is not None]


def test_an_event_whose_title_says_only_who_asks_nothing(sequence):
    event("runs", "Kim Jong-un runs", datetime.date(2018, 9, 1), sequence["pyongyang"],
          [sequence["kim"]])  # fmt: skip
    event("elected", "Moon Jae-in est élu", datetime.date(2017, 5, 9), None,
          [sequence["moon"]])  # fmt: skip
    asked = {d.event.slug for d in drafts() if d.event is not None}
    assert "runs" not in asked
    assert "elected" in asked


def test_an_event_known_from_one_article_is_dated_as_that_article_tells_it(sequence):
    source = SourceFactory(title="La Hongrie adopte la loi", outlet="Wikinews",
                           published_on=datetime.date(2018, 6, 23))  # fmt: skip
    orban = ActorFactory(slug="orban", name="Viktor Orbán")
    elected = EventFactory(slug="elu", title="Viktor Orbán est élu", date=datetime.date(2018, 4, 1),
                           precision=Precision.MONTH, actors=[orban])  # fmt: skip
    EventCitationFactory(event=elected, source=source)
    (draft,) = [d for d in drafts(Kind.DATE) if d.event == elected]
    # Which election: the one the article tells of; its date is left out (it would be a cue).
    assert draft.stem.startswith(
        "D’après l’article « La Hongrie adopte la loi » (Wikinews), quand a eu lieu"
    )
    assert "2018" not in draft.stem


def hash_order(chooser: Chooser, subject: str, keys: list[str]) -> list[str]:
    """The chooser's documented order, worked out one candidate at a time."""
    question = chooser.rank(subject)

    def rank(index: int) -> tuple[int, int]:
        candidate = zlib.crc32(f"{chooser.salt}{SEPARATOR}{keys[index]}".encode())
        mixed = ((question ^ candidate) * 0x9E3779B1) & 0xFFFFFFFF
        return mixed, index

    return [keys[i] for i in sorted(range(len(keys)), key=rank)]


@pytest.mark.parametrize("size", [0, 1, 7, 300])
def test_the_chooser_takes_candidates_in_hash_order_from_a_list_or_a_pool(size):
    chooser = Chooser(1234)
    keys = [f"candidat-{i}" for i in range(size)]
    expected = hash_order(chooser, "sujet", keys)

    def pick(candidates):
        return chooser.pick("sujet", candidates, count=size, identity=str, valid=lambda c: True)

    assert pick(keys) == expected
    assert pick(chooser.pool(keys, identity=str)) == expected
    # Invalid candidates are passed over, the others keep their order.
    odd = chooser.pick(
        "sujet",
        chooser.pool(keys, identity=str),
        count=3,
        identity=str,
        valid=lambda c: int(c.split("-")[1]) % 2 == 1,
    )
    assert odd == [k for k in expected if int(k.split("-")[1]) % 2 == 1][:3]


def test_the_chooser_puts_what_to_teach_then_what_a_question_shows_first():
    keys = [f"candidat-{i}" for i in range(50)]
    shown = {"sujet": Shown(options={normalize("candidat-40"), normalize("candidat-7")})}
    chooser = Chooser(1234, shown)
    expected = hash_order(chooser, "sujet", keys)
    previous = [k for k in expected if k in ("candidat-40", "candidat-7")]

    picked = chooser.pick(
        "sujet",
        chooser.pool(keys, identity=str),
        count=4,
        identity=str,
        valid=lambda c: True,
        first=["candidat-12"],
    )

    others = [k for k in expected if k not in ("candidat-12", *previous)]
    assert picked == ["candidat-12", *previous, others[0]]


def test_the_fact_base_works_out_what_is_asked_of_an_object_once_per_key():
    facts = FactBase(events=[], quotes=[], actors={}, places=[])
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert facts.memo_for("story", 7, compute) == 1
    assert facts.memo_for("story", 7, compute) == 1
    assert facts.memo_for("story", 8, compute) == 2
    assert facts.memo_for("source line", 7, compute) == 3
    assert len(calls) == 3

from __future__ import annotations

import pytest

from quiz.gates import (
    DATE_PRECISION,
    DISTRACTOR_TRUE,
    DISTRACTOR_TYPE,
    EQUIVALENT,
    LENGTH_CUE,
    MATCHING_PAIRS,
    MULTIPLE_COUNT,
    NOT_ONE_CORRECT,
    ONLY_FITTING,
    OPTION_COUNT,
    OPTION_IN_STEM,
    ORDERING_RANKS,
    OUT_OF_CONTEXT,
    TRUE_FALSE_OPTIONS,
    Option,
    Shown,
    cue_failures,
    fact_asked,
    fact_failures,
    option_failures,
    questions_apart,
    questions_clash,
    typography_failures,
)
from quiz.models import Kind
from tests.factories import ActorFactory, EventFactory, QuestionFactory


def single(*wrong: str, key: str = "Hanoï") -> list[Option]:
    return [Option(key, True, type="place"), *(Option(w, False, type="place") for w in wrong)]


def test_a_question_needs_one_key_and_three_or_four_options():
    assert str(NOT_ONE_CORRECT) in option_failures("Où ?", [Option("a", True), Option("b", True)])
    assert str(OPTION_COUNT) in option_failures("Où ?", single("Singapour"))
    assert option_failures("Où ?", single("Singapour", "Pyongyang")) == []


def test_the_key_or_an_alias_of_it_in_the_stem_is_caught():
    options = [Option("Donald Trump", True, ["Trump"]), Option("A", False), Option("B", False)]
    failures = option_failures("Qu'a dit Trump le 12 juin ?", options)
    assert str(OPTION_IN_STEM) % "Trump" in failures


def test_a_key_much_longer_than_the_others_is_a_cue():
    options = single("Oslo", "Rome", key="Sur l'île Rousski, face au port de Vladivostok")
    assert str(LENGTH_CUE) in option_failures("Où ?", options)


def test_an_alias_of_the_key_offered_as_wrong_is_a_second_right_answer():
    options = [
        Option("Donald Trump", True, ["Trump"], type="person"),
        Option("Trump", False, type="person"),
        Option("Vladimir Poutine", False, type="person"),
    ]
    assert fact_failures(options) == [str(EQUIVALENT) % "Trump"]


def test_a_place_recorded_as_containing_the_key_is_a_second_right_answer():
    options = single("Singapour", "Vladivostok", key="île Rousski")
    options[2].equivalent = True
    assert fact_failures(options) == [str(EQUIVALENT) % "Vladivostok"]


def test_distractors_of_another_type_precision_period_or_truth_are_caught():
    key = Option("25 avril 2019", True, type="date", precision="day")
    other_type = Option("Hanoï", False, type="place")
    other_precision = Option("vers 2000", False, type="date", precision="approximate")
    true_one = Option("24 avril 2019", False, type="date", precision="day", is_false=False)
    off_period = Option("12 juin 1950", False, type="date", precision="day", in_context=False)
    failures = fact_failures([key, other_type, other_precision, true_one, off_period])
    assert str(DISTRACTOR_TYPE) % "Hanoï" in failures
    assert str(DATE_PRECISION) % "vers 2000" in failures
    assert str(DISTRACTOR_TRUE) % "24 avril 2019" in failures
    assert str(OUT_OF_CONTEXT) % "12 juin 1950" in failures


def test_the_key_alone_fitting_what_the_stem_names_is_a_cue():
    key = Option("Arrivée en Russie", True, tags=frozenset({"russie"}))
    others = [Option("Sommet de Hanoï", False, tags=frozenset({"viet nam"})) for _ in range(2)]
    assert cue_failures(["Russie"], [key, *others]) == [str(ONLY_FITTING) % "russie"]
    others[0].tags = frozenset({"russie"})
    assert cue_failures(["Russie"], [key, *others]) == []


@pytest.mark.parametrize(
    ("kind", "options", "message"),
    [
        (
            Kind.MULTIPLE,
            [Option("a", True), Option("b", False), Option("c", False)],
            MULTIPLE_COUNT,
        ),
        (
            Kind.MULTIPLE,
            [Option("a", True), Option("b", False), Option("c", False), Option("d", False)],
            MULTIPLE_COUNT,
        ),
        (Kind.TRUE_FALSE, [Option("Vrai", True), Option("Faux", True)], TRUE_FALSE_OPTIONS),
        (Kind.TRUE_FALSE, [Option("Oui", True), Option("Faux", False)], TRUE_FALSE_OPTIONS),
        (
            Kind.MATCHING,
            [Option("a", True, pair="1"), Option("b", True, pair="1"), Option("c", True, pair="2")],
            MATCHING_PAIRS,
        ),
        (
            Kind.ORDERING,
            [Option("a", True, rank=1), Option("b", True, rank=3), Option("c", True, rank=3)],
            ORDERING_RANKS,
        ),
    ],
)
def test_each_kind_has_its_own_shape(kind, options, message):
    assert str(message) in option_failures("Énoncé.", options, kind=kind)


def test_well_formed_questions_of_the_new_kinds_pass():
    assert (
        option_failures(
            "Qui ?",
            [Option("a", True), Option("b", True), Option("c", False), Option("d", False)],
            kind=Kind.MULTIPLE,
        )
        == []
    )
    assert (
        option_failures("X.", [Option("Vrai", False), Option("Faux", True)], kind=Kind.TRUE_FALSE)
        == []
    )
    pairs = [Option(t, True, pair=p) for t, p in [("a", "1"), ("b", "2"), ("c", "3")]]
    assert option_failures("Associez.", pairs, kind=Kind.MATCHING) == []
    ranks = [Option(t, True, rank=r) for t, r in [("a", 2), ("b", 1), ("c", 3)]]
    assert option_failures("Ordonnez.", ranks, kind=Kind.ORDERING) == []


def test_french_typography_is_checked_outside_the_quoted_words():
    assert typography_failures("Où a eu lieu l’événement « Sommet de Hanoï » (2019) ?") == []
    assert typography_failures("Qui a dit : « de accord » ?") == []
    assert typography_failures("Où a eu lieu le événement ?")
    assert typography_failures("Il parle de le sommet ?")
    assert typography_failures("Qui a dit «Oui» ?")
    assert typography_failures("Qui a dit ça?")


def test_two_questions_on_the_same_fact_clash():
    assert fact_asked("date:event:7") == fact_asked("true_false:date:7") == "date:7"
    assert fact_asked("speaker:quote:3") == fact_asked("quote_event:quote:3") == "quote:3"
    assert fact_asked("true_false:speaker:3") == fact_asked("cloze:quote:3:poutine") == "quote:3"
    assert fact_asked("place:event:7") != fact_asked("date:event:7")
    assert questions_clash(Shown(1, "date:7"), Shown(2, "date:7"))
    assert not questions_clash(Shown(1, "date:7", "a"), Shown(2, "place:7", "b"))


def test_a_question_showing_another_ones_answer_clashes():
    date = Shown(1, "date:7", "quand a eu lieu le sommet ?", ["12 juin 2018"])
    story = Shown(2, "place:8", "le sommet du 12 juin 2018 a ouvert ...", ["Hanoï"])
    assert questions_clash(story, date)
    # Asked after the date question, the story gives nothing away.
    assert not questions_clash(date, story)


def test_questions_apart_keeps_the_first_of_two_clashing_questions(db):
    ActorFactory(slug="poutine", name="Vladimir Poutine", aliases="Poutine")
    who = QuestionFactory(
        fingerprint="generated-1",
        stem="Qui a dit « … » ?",
        event=EventFactory(),
        choices=["Vladimir Poutine", "Kim", "Moon"],
    )
    # « Poutine » is another name of the first question's answer.
    cue = QuestionFactory(
        fingerprint="generated-2",
        stem="Complétez ces mots de Poutine : « … »",
        event=EventFactory(),
        choices=["paix", "guerre", "trêve"],
    )
    other = QuestionFactory(
        fingerprint="generated-3",
        stem="Où ?",
        event=EventFactory(),
        choices=["Hanoï", "Oslo", "Rome"],
    )
    assert questions_apart([cue.pk, who.pk, other.pk], size=3) == [cue.pk, other.pk]
    assert questions_apart([who.pk, cue.pk, other.pk], size=3) == [who.pk, cue.pk, other.pk]

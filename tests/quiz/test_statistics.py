from __future__ import annotations

import csv
import io

import pytest

from quiz.models import Attempt, Question
from quiz.statistics import (
    attempts_csv,
    discrimination_index,
    group_size,
    question_statistics,
    questions_with_answer_counts,
)
from tests.factories import (
    MatchingQuestionFactory,
    MultipleQuestionFactory,
    OrderingQuestionFactory,
    QuestionFactory,
    QuizFactory,
    Response,
    attempt_with,
    options,
)

pytestmark = pytest.mark.django_db


def test_facility_and_each_option_share_count_finished_attempts_only():
    quiz = QuizFactory()
    question = QuestionFactory()
    lyon, nantes, lille, rennes = options(question).values()
    for choice in (lyon, lyon, nantes, lille):
        attempt_with(quiz, [(question, choice)])
    attempt_with(quiz, [(question, rennes)], finished=False)

    stats = question_statistics(questions=[question])[question.pk]

    assert stats.answers == 4
    assert stats.correct == 2
    assert stats.facility == 50.0
    assert [(c.text, c.is_correct, c.count, c.share) for c in stats.choices] == [
        ("Lyon", True, 2, 50.0),
        ("Nantes", False, 1, 25.0),
        ("Lille", False, 1, 25.0),
        ("Rennes", False, 0, 0.0),
    ]


def test_a_question_nobody_answered_has_no_facility_nor_shares():
    question = QuestionFactory()
    stats = question_statistics(questions=[question])[question.pk]
    assert stats.answers == 0
    assert stats.facility is None
    assert stats.discrimination is None
    assert [c.share for c in stats.choices] == [None] * 4


def test_discrimination_compares_the_top_and_bottom_27_percent():
    """Ten attempts scored 10/10 down to 1/10: the groups are the three best and three worst.

    The question was answered right by the attempts scored 10, 9, 7 and 3, skipped by the one
    scored 8 and missed by the others: p(upper) = 2/3 (10 and 9 right, 8 skipped), p(lower) =
    1/3 (3 right, 2 and 1 wrong), so the index is 1/3. Facility counts the nine answers: 4/9.
    """
    quiz = QuizFactory()
    question = QuestionFactory()
    right, wrong = options(question)["Lyon"], options(question)["Nantes"]
    for score in range(10, 0, -1):
        choice = None if score == 8 else right if score in (10, 9, 7, 3) else wrong
        attempt_with(quiz, [(question, choice)], score=score, question_count=10)

    stats = question_statistics(questions=[question])[question.pk]

    assert stats.attempts == 10
    assert stats.answers == 9
    assert stats.facility == pytest.approx(100 * 4 / 9)
    assert stats.discrimination == pytest.approx(1 / 3)


def test_ranking_uses_the_score_percentage_not_the_raw_score():
    """3/4 (75 %) ranks above 5/10 (50 %): a short retry is not a weak attempt."""
    quiz = QuizFactory()
    question = QuestionFactory()
    right, wrong = options(question)["Lyon"], options(question)["Nantes"]
    attempt_with(quiz, [(question, right)], score=3, question_count=4)
    for _ in range(3):
        attempt_with(quiz, [(question, right)], score=4, question_count=10)
    attempt_with(quiz, [(question, wrong)], score=5, question_count=10)

    stats = question_statistics(questions=[question])[question.pk]

    # Five attempts: groups of one. Best 75 % (right), worst 40 % (right): 1 − 1 = 0.
    assert stats.discrimination == 0


def test_discrimination_needs_enough_attempts():
    quiz = QuizFactory()
    question = QuestionFactory()
    for _ in range(4):
        attempt_with(quiz, [(question, options(question)["Lyon"])])
    assert question_statistics(questions=[question])[question.pk].discrimination is None


@pytest.mark.parametrize(
    ("attempts", "size"), [(1, 1), (2, 1), (5, 1), (6, 2), (10, 3), (100, 27), (200, 54)]
)
def test_group_size_is_27_percent_rounded_at_least_one(attempts, size):
    assert group_size(attempts) == size


def test_discrimination_index_of_a_perfectly_discriminating_question():
    assert discrimination_index([True] * 3 + [False] * 4 + [False] * 3) == 1
    assert discrimination_index([False] * 3 + [True] * 4 + [True] * 3) == -1


def make_answered_questions(count: int) -> list[Question]:
    quiz = QuizFactory()
    questions = [QuestionFactory() for _ in range(count)]
    for index in range(count):
        drawn = [
            (questions[(index + k) % count], questions[(index + k) % count].choices.all()[k])
            for k in range(3)
        ]
        attempt_with(quiz, drawn)
    return questions


@pytest.mark.parametrize("count", [3, 12])
def test_statistics_run_three_queries_whatever_the_size(django_assert_num_queries, count):
    questions = make_answered_questions(count)
    with django_assert_num_queries(3):
        stats = question_statistics(questions=questions)
    assert set(stats) == {q.pk for q in questions}
    with django_assert_num_queries(4):
        assert len(question_statistics(questions=Question.objects.all())) == count


def test_answer_counts_annotation_agrees_with_the_statistics():
    questions = make_answered_questions(6)
    stats = question_statistics(questions=questions)
    for question in questions_with_answer_counts(Question.objects.all()):
        assert question.answer_total == stats[question.pk].answers
        if stats[question.pk].facility is None:
            assert question.facility is None
        else:
            assert question.facility == pytest.approx(stats[question.pk].facility)


def read_csv(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


def test_the_csv_has_one_row_per_question_drawn_answered_or_not():
    quiz = QuizFactory(title="Sommet de Vladivostok")
    first = QuestionFactory(stem="Où s'est tenu le sommet ?")
    second = QuestionFactory(stem="Quand ; a-t-il eu lieu ?", choices=["2019", "2018", "2017"])
    attempt = attempt_with(
        quiz,
        [(first, options(first)["Nantes"]), (second, None)],
        display_name='=HYPERLINK("http://x")',
    )

    rows = read_csv("".join(attempts_csv(attempts=Attempt.objects.all())))

    assert rows[0][:7] == [
        "quiz",
        "tentative",
        "nom affiché",
        "commencée le",
        "terminée le",
        "bonnes réponses",
        "questions",
    ]
    assert len(rows) == 3
    answered, skipped = rows[1], rows[2]
    assert answered[0] == "Sommet de Vladivostok"
    assert answered[1] == str(attempt.uuid)
    # A display name a spreadsheet would run as a formula is kept as text.
    assert answered[2] == '\'=HYPERLINK("http://x")'
    assert answered[5:7] == ["0", "2"]
    assert answered[7:12] == [
        str(first.pk),
        "rédigée à la main",
        "Où s'est tenu le sommet ?",
        "Nantes",
        "non",
    ]
    assert answered[12]
    assert skipped[9:13] == ["Quand ; a-t-il eu lieu ?", "", "non", ""]


def test_several_answers_count_how_often_each_option_was_ticked():
    quiz = QuizFactory()
    question = MultipleQuestionFactory()
    dupont, curie, martin, michel = options(question).values()
    for ticked in ([dupont, curie], [dupont, curie], [dupont, martin], [curie]):
        right = {c.pk for c in ticked} == {dupont.pk, curie.pk}
        attempt_with(quiz, [(question, Response(sorted(c.pk for c in ticked), right))])
    attempt_with(quiz, [(question, Response([michel.pk], False))], finished=False)

    stats = question_statistics(questions=[question])[question.pk]

    assert (stats.answers, stats.correct, stats.facility) == (4, 2, 50.0)
    assert stats.form == "multiple"
    assert [(c.text, c.count, c.share) for c in stats.choices] == [
        ("Jean Dupont", 3, 75.0),
        ("Marie Curie", 3, 75.0),
        ("Paul Martin", 1, 25.0),
        ("Louise Michel", 0, 0.0),
    ]


def test_matching_and_ordering_count_fully_right_answers_and_each_item_placed_right():
    quiz = QuizFactory()
    matching = MatchingQuestionFactory()
    ordering = OrderingQuestionFactory()
    a, b, c = options(matching).values()
    by_rank = sorted(ordering.choices.all(), key=lambda choice: choice.rank)
    swapped = [by_rank[1], by_rank[0], *by_rank[2:]]
    attempt_with(
        quiz,
        [
            (matching, Response({str(a.pk): a.pk, str(b.pk): b.pk, str(c.pk): c.pk}, True)),
            (ordering, Response([choice.pk for choice in by_rank], True)),
        ],
    )
    attempt_with(
        quiz,
        [
            (matching, Response({str(a.pk): b.pk, str(b.pk): a.pk, str(c.pk): c.pk}, False)),
            (ordering, Response([choice.pk for choice in swapped], False)),
        ],
    )

    stats = question_statistics(questions=[matching, ordering])

    assert (stats[matching.pk].answers, stats[matching.pk].facility) == (2, 50.0)
    assert [choice.count for choice in stats[matching.pk].choices] == [1, 1, 2]
    assert (stats[ordering.pk].answers, stats[ordering.pk].facility) == (2, 50.0)
    placed = {choice.text: choice.count for choice in stats[ordering.pk].choices}
    assert placed == {
        "Sommet de Lyon": 1,
        "Sommet de Nantes": 1,
        "Sommet de Lille": 2,
        "Sommet de Rennes": 2,
    }


def test_the_csv_writes_the_responses_of_the_new_kinds_readably():
    quiz = QuizFactory()
    multiple = MultipleQuestionFactory()
    matching = MatchingQuestionFactory()
    ordering = OrderingQuestionFactory()
    dupont, _, martin, _ = options(multiple).values()
    lyon, nantes, lille = options(matching).values()
    by_rank = sorted(ordering.choices.all(), key=lambda choice: choice.rank)
    attempt_with(
        quiz,
        [
            (multiple, Response([dupont.pk, martin.pk], False)),
            (
                matching,
                Response(
                    {str(lyon.pk): nantes.pk, str(nantes.pk): lyon.pk, str(lille.pk): lille.pk},
                    False,
                ),
            ),
            (ordering, Response([choice.pk for choice in by_rank], True)),
        ],
    )

    rows = read_csv("".join(attempts_csv(attempts=Attempt.objects.all())))

    assert [row[10:12] for row in rows[1:]] == [
        ["Jean Dupont | Paul Martin", "non"],
        [
            "Sommet de Lyon → 27 février 2019 | Sommet de Nantes → 12 juin 2018 | "
            "Sommet de Lille → 25 avril 2020",
            "non",
        ],
        [
            "1. Sommet de Lyon | 2. Sommet de Nantes | 3. Sommet de Lille | 4. Sommet de Rennes",
            "oui",
        ],
    ]

from __future__ import annotations

import pytest

from quiz.grading import (
    grade_matching,
    grade_multiple,
    grade_ordering,
    response_grade,
    response_pairs,
    response_ranks,
    response_value,
)
from quiz.models import AnswerForm, Choice

pytestmark = pytest.mark.django_db


def _choices(rows: list[dict]) -> list[Choice]:
    return [Choice(pk=index + 1, **row) for index, row in enumerate(rows)]


MULTIPLE = _choices(
    [
        {"text": "a", "is_correct": True},
        {"text": "b", "is_correct": True},
        {"text": "c", "is_correct": False},
        {"text": "d", "is_correct": False},
    ]
)
PAIRS = _choices([{"text": t, "pair": p, "is_correct": True} for t, p in ["a1", "b2", "c3"]])
RANKED = _choices([{"text": t, "rank": r, "is_correct": True} for t, r in [("x", 2), ("y", 1)]])


@pytest.mark.parametrize(
    ("checked", "right", "correct"),
    [([1, 2], 4, True), ([1], 3, False), ([1, 2, 3], 3, False), ([3, 4], 0, False)],
)
def test_several_answers_are_right_only_when_exactly_the_right_set_is_ticked(
    checked, right, correct
):
    grade = grade_multiple(MULTIPLE, checked)
    assert (grade.is_correct, grade.right, grade.total) == (correct, right, 4)


def test_matching_counts_the_pairs_given_right():
    assert grade_matching(PAIRS, {1: 1, 2: 2, 3: 3}).is_correct
    grade = grade_matching(PAIRS, {1: 1, 2: 3, 3: 2})
    assert (grade.is_correct, grade.right, grade.total) == (False, 1, 3)


def test_ordering_counts_the_items_at_their_place():
    assert grade_ordering(RANKED, {1: 2, 2: 1}).is_correct
    grade = grade_ordering(RANKED, {1: 1, 2: 2})
    assert (grade.is_correct, grade.right) == (False, 0)


def test_a_stored_response_reads_back_to_the_same_grade():
    multiple = response_value(form=AnswerForm.MULTIPLE, checked=[2, 1, 2])
    pairs = response_value(form=AnswerForm.MATCHING, pairs={3: 2, 1: 1, 2: 3})
    ranks = response_value(form=AnswerForm.ORDERING, ranks={1: 2, 2: 1})
    assert multiple == [1, 2]
    assert pairs == {"1": 1, "2": 3, "3": 2}
    assert ranks == [2, 1]
    assert response_pairs(pairs) == {1: 1, 2: 3, 3: 2}
    assert response_ranks(ranks) == {2: 1, 1: 2}
    grade = response_grade(form=AnswerForm.MATCHING, choices=PAIRS, choice_id=None, response=pairs)
    assert (grade.is_correct, grade.right) == (False, 1)
    assert response_grade(
        form=AnswerForm.MULTIPLE, choices=MULTIPLE, choice_id=None, response=multiple
    ).is_correct
    assert response_grade(
        form=AnswerForm.ORDERING, choices=RANKED, choice_id=None, response=ranks
    ).is_correct


@pytest.mark.parametrize("response", [None, "x", {"a": 1}, [None, "1"], {"1": "2"}])
def test_a_malformed_stored_response_grades_as_wrong_without_error(response):
    for form, choices in [
        (AnswerForm.MULTIPLE, MULTIPLE),
        (AnswerForm.MATCHING, PAIRS),
        (AnswerForm.ORDERING, RANKED),
    ]:
        grade = response_grade(form=form, choices=choices, choice_id=None, response=response)
        assert not grade.is_correct


def test_a_single_answer_is_graded_by_its_option():
    assert response_grade(
        form=AnswerForm.SINGLE, choices=MULTIPLE, choice_id=1, response=None
    ).is_correct
    assert not response_grade(
        form=AnswerForm.SINGLE, choices=MULTIPLE, choice_id=3, response=None
    ).is_correct
    assert not response_grade(
        form=AnswerForm.SINGLE, choices=MULTIPLE, choice_id=99, response=None
    ).is_correct

"""Grading a student's response to a question, whatever its kind.

A response is right only when it is wholly right: the one right option, exactly the set of right
options, every pair, the whole order. How much of it was right is counted too, for the feedback
(« 2 associations justes sur 3 »). Pure functions over the question's options: the answer service
stores the result, the review reads it again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from quiz.models import AnswerForm, Choice


@dataclass(frozen=True)
class Grade:
    is_correct: bool
    right: int
    """Parts of the response that are right: options ticked or left as they should be, pairs
    matched, items at their place."""
    total: int


def grade_single(choice: Choice) -> Grade:
    return Grade(is_correct=choice.is_correct, right=int(choice.is_correct), total=1)


def grade_multiple(choices: Sequence[Choice], checked: Sequence[int]) -> Grade:
    """Right when exactly the right options are ticked; each option ticked or left as it
    should be counts as a right part."""
    ticked = set(checked)
    right = sum(1 for choice in choices if (choice.pk in ticked) == choice.is_correct)
    return Grade(is_correct=right == len(choices), right=right, total=len(choices))


def grade_matching(choices: Sequence[Choice], pairs: Mapping[int, int]) -> Grade:
    """``pairs``: each option's id → the id of the option whose associated item was given
    to it. Right when every option got its own."""
    right = sum(1 for choice in choices if pairs.get(choice.pk) == choice.pk)
    return Grade(is_correct=right == len(choices), right=right, total=len(choices))


def grade_ordering(choices: Sequence[Choice], ranks: Mapping[int, int]) -> Grade:
    """``ranks``: each option's id → the rank given (1 for the first). Right when every option
    is at its place."""
    right = sum(1 for choice in choices if ranks.get(choice.pk) == choice.rank)
    return Grade(is_correct=right == len(choices), right=right, total=len(choices))


def response_grade(
    *, form: AnswerForm, choices: Sequence[Choice], choice_id: int | None, response: object
) -> Grade:
    """The grade of a stored answer: ``choice_id`` for a single answer, else ``response`` as
    ``Answer.response`` holds it (see ``response_value``)."""
    if form == AnswerForm.MULTIPLE:
        return grade_multiple(choices, [pk for pk in _list(response) if isinstance(pk, int)])
    if form == AnswerForm.MATCHING:
        return grade_matching(choices, response_pairs(response))
    if form == AnswerForm.ORDERING:
        return grade_ordering(choices, response_ranks(response))
    choice = next((choice for choice in choices if choice.pk == choice_id), None)
    if choice is None:
        return Grade(is_correct=False, right=0, total=1)
    return grade_single(choice)


def response_value(
    *,
    form: AnswerForm,
    checked: Sequence[int] = (),
    pairs: Mapping[int, int] | None = None,
    ranks: Mapping[int, int] | None = None,
) -> object:
    """What ``Answer.response`` stores: the ids ticked (in increasing order); option id → the
    id of the option whose item was given to it (keys as strings, JSON's only keys); the option
    ids in the order the student gave."""
    if form == AnswerForm.MULTIPLE:
        return sorted(set(checked))
    if form == AnswerForm.MATCHING:
        return {str(left): right for left, right in sorted((pairs or {}).items())}
    if form == AnswerForm.ORDERING:
        return [pk for pk, _ in sorted((ranks or {}).items(), key=lambda row: row[1])]
    return None


def response_pairs(response: object) -> dict[int, int]:
    """A stored matching response read back: option id → option id."""
    if not isinstance(response, dict):
        return {}
    pairs = {}
    for left, right in response.items():
        if isinstance(left, str) and left.isdigit() and isinstance(right, int):
            pairs[int(left)] = right
    return pairs


def response_ranks(response: object) -> dict[int, int]:
    """A stored ordering response read back: option id → rank given."""
    return {pk: rank for rank, pk in enumerate(_list(response), start=1) if isinstance(pk, int)}


def _list(response: object) -> list[object]:
    return list(response) if isinstance(response, list) else []

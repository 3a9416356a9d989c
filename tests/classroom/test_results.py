from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from classroom.participants import participant_answer, participant_join
from classroom.results import session_results, session_results_csv
from quiz.models import Answer, Attempt, Choice
from tests.factories import Browser, session_with

pytestmark = pytest.mark.django_db


def answer(participant, position: int, *, right: bool, at: datetime.datetime) -> Choice:
    item = participant.attempt.items.get(position=position - 1)
    choice = Choice.objects.filter(question_id=item.question_id, is_correct=right).first()
    participant_answer(participant=participant, position=position, choice_id=choice.pk, now=at)
    return choice


def test_times_run_from_joining_then_from_the_previous_answer() -> None:
    session = session_with(3)
    start = timezone.now()
    participant = participant_join(session, "Léa", Browser().request(), now=start)
    Attempt.objects.filter(pk=participant.attempt_id).update(started_at=start)
    for position, (right, seconds) in enumerate([(True, 12), (False, 30)], start=1):
        choice = answer(participant, position, right=right, at=start)
        Answer.objects.filter(attempt=participant.attempt, question=choice.question_id).update(
            answered_at=start + datetime.timedelta(seconds=seconds)
        )
    row = session_results(session=session).rows[0]
    assert [cell.state for cell in row.cells] == ["right", "wrong", "blank"]
    assert [cell.seconds for cell in row.cells] == [12, 18, None]
    assert (row.score, row.answered, row.seconds) == (1, 2, 30)


def test_distributions_count_each_option_in_the_order_shown() -> None:
    session = session_with(1)
    now = timezone.now()
    players = [participant_join(session, name, Browser().request()) for name in "ABCD"]
    for player, right in zip(players, [True, True, False, True], strict=True):
        answer(player, 1, right=right, at=now)
    summary = session_results(session=session).questions[0]
    assert [option.choice.pk for option in summary.options] == summary.item.choice_order
    counts = {option.choice.is_correct: option for option in summary.options if option.count}
    assert counts[True].count == 3
    assert counts[True].percent == 75
    assert counts[False].count == 1
    assert (summary.right, summary.wrong, summary.blank, summary.percent_right) == (3, 1, 0, 75)


def test_results_take_a_fixed_number_of_queries(django_assert_num_queries) -> None:
    session = session_with(3)
    now = timezone.now()
    for name in ["Léa", "Hugo", "Inès", "Tom"]:
        player = participant_join(session, name, Browser().request())
        answer(player, 1, right=True, at=now)
    with django_assert_num_queries(4):
        results = session_results(session=session)
    assert len(results.rows) == 4


def test_the_csv_neutralises_formulas_in_names() -> None:
    session = session_with(1)
    participant_join(session, "@SOMME(A1)", Browser().request())
    assert "'@SOMME(A1)" in session_results_csv(session_results(session=session))


def test_times_run_from_the_opening_of_each_question_when_it_is_known() -> None:
    """In a live session each question opens on the projector: a student's time on it runs
    from then (or from their joining, if they joined after it opened)."""
    session = session_with(2)
    start = timezone.now()
    early = participant_join(session, "Léa", Browser().request(), now=start)
    late = participant_join(session, "Noé", Browser().request(), now=start)
    Attempt.objects.filter(pk=early.attempt_id).update(started_at=start)
    Attempt.objects.filter(pk=late.attempt_id).update(
        started_at=start + datetime.timedelta(seconds=105)
    )
    opened = {1: 60, 2: 100}
    for position, seconds in opened.items():
        session.questions.filter(position=position).update(
            opened_at=start + datetime.timedelta(seconds=seconds)
        )
    for participant, answered in ((early, {1: 70, 2: 104}), (late, {2: 120})):
        for position, seconds in answered.items():
            choice = answer(participant, position, right=True, at=start)
            Answer.objects.filter(attempt=participant.attempt, question=choice.question_id).update(
                answered_at=start + datetime.timedelta(seconds=seconds)
            )
    rows = {row.participant.display_name: row for row in session_results(session=session).rows}
    assert [cell.seconds for cell in rows["Léa"].cells] == [10, 4]
    assert [cell.seconds for cell in rows["Noé"].cells] == [None, 15]

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from classroom.models import PARTICIPANT_ATTEMPT_KEY, Participant
from classroom.participants import (
    DEADLINE_PASSED,
    JOIN_CLOSED,
    NAME_REQUIRED,
    NAME_TAKEN,
    NOT_A_QUESTION,
    RESUME_CODE_UNKNOWN,
    SESSION_CLOSED,
    ParticipantError,
    participant_answer,
    participant_current,
    participant_join,
    participant_resume,
)
from classroom.sessions import session_close
from quiz.attempts import AnswerStatus, AttemptError
from quiz.models import Choice
from quiz.selectors import attempt_for_session
from tests.factories import Browser, session_with

pytestmark = pytest.mark.django_db


def right_choice(participant: Participant, position: int) -> int:
    item = participant.attempt.items.get(position=position - 1)
    return Choice.objects.get(question_id=item.question_id, is_correct=True).pk


def wrong_choice(participant: Participant, position: int) -> int:
    item = participant.attempt.items.get(position=position - 1)
    return Choice.objects.filter(question_id=item.question_id, is_correct=False).first().pk


def test_joining_gives_the_session_questions_in_the_session_order() -> None:
    session = session_with(3)
    participant = participant_join(session, "  Léa   M. ", Browser().request())
    assert participant.display_name == "Léa M."
    assert len(participant.resume_code) == 8
    items = list(participant.attempt.items.order_by("position"))
    expected = list(session.questions.order_by("position"))
    assert [(i.question_id, i.position + 1, i.choice_order) for i in items] == [
        (q.question_id, q.position, q.choice_order) for q in expected
    ]
    assert participant.attempt.question_count == 3


def test_two_participants_get_the_same_questions_and_option_orders() -> None:
    session = session_with(3)
    first = participant_join(session, "Léa", Browser().request())
    second = participant_join(session, "Hugo", Browser().request())
    orders = [
        list(p.attempt.items.order_by("position").values_list("question_id", "choice_order"))
        for p in (first, second)
    ]
    assert orders[0] == orders[1]


def test_the_same_browser_comes_back_to_its_participant() -> None:
    session = session_with()
    browser = Browser()
    joined = participant_join(session, "Léa", browser.request())
    assert participant_current(browser.request(), session) == joined
    assert participant_join(session, "Autre nom", browser.request()) == joined
    assert participant_current(Browser().request(), session) is None


@pytest.mark.parametrize("taken", ["LEA", "léa", " Lea ", "LÉA"])
def test_a_name_is_unique_in_a_session_whatever_its_case_and_accents(taken: str) -> None:
    session = session_with()
    participant_join(session, "Léa", Browser().request())
    with pytest.raises(ParticipantError) as error:
        participant_join(session, taken, Browser().request())
    assert error.value.message == NAME_TAKEN


def test_the_same_name_may_join_another_session() -> None:
    participant_join(session_with(), "Léa", Browser().request())
    assert participant_join(session_with(), "Léa", Browser().request()).display_name == "Léa"


def test_a_blank_name_is_refused() -> None:
    with pytest.raises(ParticipantError) as error:
        participant_join(session_with(), "   ", Browser().request())
    assert error.value.message == NAME_REQUIRED


def test_a_closed_session_cannot_be_joined() -> None:
    session = session_with()
    session_close(session=session)
    with pytest.raises(ParticipantError) as error:
        participant_join(session, "Léa", Browser().request())
    assert error.value.message == JOIN_CLOSED


def test_the_participant_attempt_is_not_served_by_the_quiz_pages() -> None:
    participant = participant_join(session_with(), "Léa", Browser().request())
    assert participant.attempt.session_key == PARTICIPANT_ATTEMPT_KEY
    assert attempt_for_session(uuid=participant.attempt.uuid, session_key=PARTICIPANT_ATTEMPT_KEY)
    # A cookie naming that key is refused by Django's sessions: too short to be a session key.
    browser = Browser().request()
    browser.session._session_key = PARTICIPANT_ATTEMPT_KEY
    assert browser.session.session_key is None


def test_resuming_moves_the_participant_to_another_browser() -> None:
    session = session_with()
    phone, laptop = Browser(), Browser()
    participant = participant_join(session, "Léa", phone.request())
    code = participant.resume_code
    resumed = participant_resume(session, f"{code[:4].lower()}-{code[4:]}", laptop.request())
    assert resumed.pk == participant.pk
    assert participant_current(laptop.request(), session) == participant
    assert participant_current(phone.request(), session) is None


@pytest.mark.parametrize("code", ["", "ABCDEFGH", "ABC", "x" * 200])
def test_a_wrong_resume_code_is_refused(code: str) -> None:
    session = session_with()
    participant_join(session, "Léa", Browser().request())
    with pytest.raises(ParticipantError) as error:
        participant_resume(session, code, Browser().request())
    assert error.value.message == RESUME_CODE_UNKNOWN


def test_a_resume_code_of_another_session_is_refused() -> None:
    participant = participant_join(session_with(), "Léa", Browser().request())
    with pytest.raises(ParticipantError):
        participant_resume(session_with(), participant.resume_code, Browser().request())


def test_answers_are_graded_and_counted() -> None:
    participant = participant_join(session_with(2), "Léa", Browser().request())
    first = participant_answer(
        participant=participant, position=1, choice_id=right_choice(participant, 1)
    )
    second = participant_answer(
        participant=participant, position=2, choice_id=wrong_choice(participant, 2)
    )
    assert first.recorded
    assert first.answer.is_correct
    assert second.recorded
    assert not second.answer.is_correct
    participant.attempt.refresh_from_db()
    assert participant.attempt.score == 1
    assert participant.attempt.finished_at is not None


def test_a_second_answer_changes_nothing() -> None:
    participant = participant_join(session_with(2), "Léa", Browser().request())
    participant_answer(participant=participant, position=1, choice_id=wrong_choice(participant, 1))
    again = participant_answer(
        participant=participant, position=1, choice_id=right_choice(participant, 1)
    )
    assert again.status is AnswerStatus.ALREADY_ANSWERED
    assert participant.attempt.answers.get().is_correct is False


def test_an_answer_after_the_deadline_is_refused_and_ends_the_attempt() -> None:
    now = timezone.now()
    session = session_with(2, deadline=now + datetime.timedelta(hours=1))
    participant = participant_join(session, "Léa", Browser().request(), now=now)
    late = participant_answer(
        participant=participant,
        position=1,
        choice_id=right_choice(participant, 1),
        now=session.deadline,
    )
    assert late.status is AnswerStatus.TIME_IS_UP
    assert late.message == DEADLINE_PASSED
    assert not participant.attempt.answers.exists()
    participant.attempt.refresh_from_db()
    assert participant.attempt.finished_at == session.deadline


def test_an_answer_after_closure_is_refused() -> None:
    session = session_with(2)
    participant = participant_join(session, "Léa", Browser().request())
    session_close(session=session)
    participant.session.refresh_from_db()
    late = participant_answer(
        participant=participant, position=1, choice_id=right_choice(participant, 1)
    )
    assert late.status is AnswerStatus.FINISHED
    assert late.message == SESSION_CLOSED
    assert not participant.attempt.answers.exists()


def test_a_participant_cannot_answer_with_another_participants_option() -> None:
    session = session_with(2)
    lea = participant_join(session, "Léa", Browser().request())
    hugo = participant_join(session, "Hugo", Browser().request())
    # Same question, same options: but a choice of another question is refused.
    other_question = right_choice(hugo, 2)
    with pytest.raises(AttemptError):
        participant_answer(participant=lea, position=1, choice_id=other_question)
    assert not lea.attempt.answers.exists()
    assert not hugo.attempt.answers.exists()


@pytest.mark.parametrize("position", [0, 3, -1, 99])
def test_a_position_outside_the_session_is_refused(position: int) -> None:
    participant = participant_join(session_with(2), "Léa", Browser().request())
    with pytest.raises(AttemptError) as error:
        participant_answer(participant=participant, position=position, choice_id=1)
    assert error.value.message == NOT_A_QUESTION

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

import live.state
from classroom.models import Session
from live.models import LiveState
from live.state import (
    ALREADY_ANSWERED,
    DEFAULT_SECONDS,
    NOT_LIVE,
    NOT_THIS_QUESTION,
    QUESTION_CLOSED,
    SESSION_OVER,
    LiveError,
    Move,
    live_advance,
    live_answer,
    live_finish,
    live_leaderboard_show,
    live_reveal,
    live_state_get,
)
from quiz.attempts import AttemptError
from quiz.models import Answer
from tests.factories import QuestionFactory, QuizFactory
from tests.live.conftest import choice_at, join, live_session

pytestmark = pytest.mark.django_db

Phase = LiveState.Phase
T0 = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def at(seconds: float) -> datetime.datetime:
    return T0 + datetime.timedelta(seconds=seconds)


def started(session: Session) -> LiveState:
    """The session's state on its first question, opened at T0."""
    state = live_state_get(session)
    assert live_advance(state=state, version=state.version, now=T0) is Move.APPLIED
    return state


def test_the_state_starts_at_the_lobby_with_a_default_countdown() -> None:
    state = live_state_get(live_session())
    assert (state.phase, state.position, state.version) == (Phase.LOBBY, 0, 0)
    assert state.seconds == DEFAULT_SECONDS
    assert live_state_get(state.session).pk == state.pk
    assert LiveState.objects.count() == 1


def test_a_quiz_time_limit_is_shared_out_between_the_questions() -> None:
    quiz = QuizFactory(size=4, time_limit=6)
    QuestionFactory.create_batch(4)
    state = live_state_get(live_session(4, quiz=quiz))
    assert state.seconds == 90


def test_a_self_paced_session_has_no_live_state() -> None:
    session = live_session()
    session.mode = Session.Mode.SELF_PACED
    with pytest.raises(LiveError) as error:
        live_state_get(session)
    assert error.value.message == NOT_LIVE


def test_next_walks_through_every_question_its_correction_and_the_leaderboard() -> None:
    session = live_session(2)
    state = live_state_get(session)
    steps = []
    for second in range(7):
        live_advance(state=state, version=state.version, now=at(second))
        steps.append((state.phase, state.position))
    assert steps == [
        (Phase.QUESTION, 1),
        (Phase.REVEAL, 1),
        (Phase.LEADERBOARD, 1),
        (Phase.QUESTION, 2),
        (Phase.REVEAL, 2),
        (Phase.LEADERBOARD, 2),
        (Phase.FINISHED, 2),
    ]
    assert state.phase_started_at == at(6)
    session.refresh_from_db()
    assert session.closed_at == at(6)


def test_without_the_leaderboard_the_correction_leads_to_the_next_question() -> None:
    session = live_session(2)
    state = live_state_get(session)
    live_leaderboard_show(state=state, show=False)
    for second in range(3):
        live_advance(state=state, version=state.version, now=at(second))
    assert (state.phase, state.position) == (Phase.QUESTION, 2)


def test_a_double_click_moves_once() -> None:
    state = started(live_session(3))
    seen = state.version
    assert live_advance(state=state, version=seen, now=at(1)) is Move.APPLIED
    assert live_advance(state=state, version=seen, now=at(1)) is Move.STALE
    assert (state.phase, state.position, state.version) == (Phase.REVEAL, 1, seen + 1)


def test_a_new_question_starts_its_count_and_countdown_afresh() -> None:
    session = live_session(2)
    state = started(session)
    participant = join(session, "Léa")
    live_answer(
        participant=participant,
        position=1,
        choice_id=choice_at(participant, 1, correct=True),
        now=at(1),
    )
    live_leaderboard_show(state=state, show=False)
    live_advance(state=state, version=state.version, now=at(5))
    state.refresh_from_db()
    assert state.answered == 1
    live_advance(state=state, version=state.version, now=at(9))
    assert (state.phase, state.position, state.answered, state.phase_started_at) == (
        Phase.QUESTION,
        2,
        0,
        at(9),
    )
    # The results count each answer's time from its question's opening.
    assert list(session.questions.order_by("position").values_list("opened_at", flat=True)) == [
        T0,
        at(9),
    ]


def test_reveal_only_closes_a_question() -> None:
    state = live_state_get(live_session())
    assert live_reveal(state=state, version=state.version, now=T0) is Move.STALE
    assert state.phase == Phase.LOBBY
    live_advance(state=state, version=state.version, now=T0)
    assert live_reveal(state=state, version=state.version, now=at(1)) is Move.APPLIED
    assert state.phase == Phase.REVEAL


def test_hiding_the_leaderboard_on_screen_goes_back_to_the_correction() -> None:
    state = started(live_session())
    live_advance(state=state, version=state.version, now=at(1))
    live_advance(state=state, version=state.version, now=at(2))
    assert state.phase == Phase.LEADERBOARD
    before = state.version
    live_leaderboard_show(state=state, show=False)
    assert (state.phase, state.version) == (Phase.REVEAL, before + 1)
    assert Session.objects.get(pk=state.pk).show_leaderboard is False
    live_leaderboard_show(state=state, show=False)
    assert state.phase == Phase.REVEAL


def test_finishing_closes_the_session_and_ends_every_attempt_once() -> None:
    session = live_session()
    participant = join(session, "Léa")
    state = started(session)
    assert live_finish(state=state, version=state.version, now=at(3)) is Move.APPLIED
    assert live_finish(state=state, version=state.version, now=at(4)) is Move.STALE
    session.refresh_from_db()
    participant.attempt.refresh_from_db()
    assert state.phase == Phase.FINISHED
    assert session.closed_at == at(3)
    assert participant.attempt.finished_at == at(3)
    assert live_advance(state=state, version=state.version, now=at(5)) is Move.STALE


# Answers ---------------------------------------------------------------------------------


def test_an_open_question_takes_one_answer_per_student_and_counts_it() -> None:
    session = live_session()
    lea, hugo = join(session, "Léa"), join(session, "Hugo")
    state = started(session)
    right = choice_at(lea, 1, correct=True)
    assert live_answer(participant=lea, position=1, choice_id=right, now=at(5)).recorded
    again = live_answer(participant=lea, position=1, choice_id=right, now=at(6))
    assert (again.recorded, again.message) == (False, ALREADY_ANSWERED)
    wrong = choice_at(hugo, 1, correct=False)
    assert live_answer(participant=hugo, position=1, choice_id=wrong, now=at(7)).recorded
    state.refresh_from_db()
    assert state.answered == 2
    answers = {a.attempt_id: a.is_correct for a in Answer.objects.all()}
    assert answers == {lea.attempt_id: True, hugo.attempt_id: False}


def test_no_answer_after_the_countdown_and_its_grace() -> None:
    session = live_session()
    lea, hugo = join(session, "Léa"), join(session, "Hugo")
    state = started(session)
    closes = state.seconds
    late = live_answer(
        participant=lea, position=1, choice_id=choice_at(lea, 1, correct=True), now=at(closes + 3)
    )
    assert (late.recorded, late.message) == (False, QUESTION_CLOSED)
    just_in = live_answer(
        participant=hugo, position=1, choice_id=choice_at(hugo, 1, correct=True), now=at(closes + 1)
    )
    assert just_in.recorded
    assert Answer.objects.count() == 1


def test_no_answer_once_the_correction_is_shown_or_to_another_question() -> None:
    session = live_session()
    lea = join(session, "Léa")
    state = started(session)
    other = live_answer(
        participant=lea, position=2, choice_id=choice_at(lea, 2, correct=True), now=at(1)
    )
    assert (other.recorded, other.message) == (False, NOT_THIS_QUESTION)
    live_reveal(state=state, version=state.version, now=at(2))
    late = live_answer(
        participant=lea, position=1, choice_id=choice_at(lea, 1, correct=True), now=at(3)
    )
    assert (late.recorded, late.message) == (False, QUESTION_CLOSED)
    assert not Answer.objects.exists()


def test_no_answer_in_the_lobby_or_after_the_end() -> None:
    session = live_session()
    lea = join(session, "Léa")
    state = live_state_get(session)
    early = live_answer(
        participant=lea, position=1, choice_id=choice_at(lea, 1, correct=True), now=T0
    )
    assert (early.recorded, early.message) == (False, NOT_THIS_QUESTION)
    live_advance(state=state, version=state.version, now=T0)
    live_finish(state=state, version=state.version, now=at(1))
    over = live_answer(
        participant=lea, position=1, choice_id=choice_at(lea, 1, correct=True), now=at(2)
    )
    assert (over.recorded, over.message) == (False, SESSION_OVER)
    assert not Answer.objects.exists()


def test_an_option_of_another_question_is_refused() -> None:
    session = live_session()
    lea = join(session, "Léa")
    started(session)
    with pytest.raises(AttemptError):
        live_answer(
            participant=lea, position=1, choice_id=choice_at(lea, 2, correct=True), now=at(1)
        )
    assert not Answer.objects.exists()


def test_an_answer_overtaken_by_the_teachers_move_is_undone(monkeypatch) -> None:
    """The teacher reveals between the answer's checks and its count: the answer goes."""
    session = live_session()
    lea = join(session, "Léa")
    state = started(session)
    record = live.state.participant_answer

    def record_then_reveal(**kwargs):
        outcome = record(**kwargs)
        live_reveal(state=LiveState.objects.get(pk=state.pk), version=state.version, now=at(2))
        return outcome

    monkeypatch.setattr(live.state, "participant_answer", record_then_reveal)
    outcome = live_answer(
        participant=lea, position=1, choice_id=choice_at(lea, 1, correct=True), now=at(1)
    )
    assert (outcome.recorded, outcome.message) == (False, QUESTION_CLOSED)
    assert not Answer.objects.exists()
    lea.attempt.refresh_from_db()
    assert (lea.attempt.answered_count, lea.attempt.score) == (0, 0)
    assert LiveState.objects.get(pk=state.pk).answered == 0


def test_the_quiz_time_limit_does_not_cut_a_live_session_short() -> None:
    quiz = QuizFactory(size=2, time_limit=1)
    QuestionFactory.create_batch(2)
    session = live_session(2, quiz=quiz)
    lea = join(session, "Léa")
    state = live_state_get(session)
    much_later = timezone.now() + datetime.timedelta(hours=2)
    live_advance(state=state, version=state.version, now=much_later)
    outcome = live_answer(
        participant=lea, position=1, choice_id=choice_at(lea, 1, correct=True), now=much_later
    )
    assert outcome.recorded

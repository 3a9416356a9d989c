"""The teacher's moves through a live session, and the students' answers to it.

Every move is a conditional update of the session's ``LiveState`` row: it applies only if the
row is still as the teacher's screen showed it (its ``version``), so a double click, two tabs
or two servers never skip a question. An answer is recorded with
``classroom.participants.participant_answer`` and counted, in the same transaction, by an
update that only matches while the question is open: an answer racing the teacher's « reveal »
is either counted before it or refused, never counted after.
Time is passed in, so that tests need no clock.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from classroom.models import Participant, Session, SessionQuestion
from classroom.participants import participant_answer
from classroom.sessions import session_close
from live.models import LiveState
from quiz.attempts import AnswerStatus

Phase = LiveState.Phase

# Seconds per question when the quiz has no time limit; with one, the limit is shared out
# between the questions, within these bounds.
DEFAULT_SECONDS = 30
MIN_SECONDS = 10
MAX_SECONDS = 300
# An answer sent in the last moment of the countdown still counts when it arrives this late:
# the phone's clock and the network are not exact.
ANSWER_GRACE = datetime.timedelta(seconds=2)

NOT_LIVE = _("Cette session n’est pas une session en direct.")
QUESTION_CLOSED = _("Cette question est close : votre réponse n’a pas été enregistrée.")
NOT_THIS_QUESTION = _(
    "Cette question n’est plus celle du moment : votre réponse n’a pas été enregistrée."
)
ALREADY_ANSWERED = _("Vous avez déjà répondu : votre première réponse est conservée.")
SESSION_OVER = _("Cette session est terminée : votre réponse n’a pas été enregistrée.")
NO_QUESTION = _("Cette session n’a pas de question.")


class LiveError(Exception):
    """A request that cannot be honoured; ``message`` is for the person who made it."""

    def __init__(self, message: str | Promise) -> None:
        super().__init__(str(message))
        self.message = message


def live_seconds(session: Session, *, question_count: int) -> int:
    """Seconds per question: the quiz's time limit shared out between the questions, or
    ``DEFAULT_SECONDS``."""
    limit = session.quiz.time_limit
    if not limit or not question_count:
        return DEFAULT_SECONDS
    return max(MIN_SECONDS, min(MAX_SECONDS, round(limit * 60 / question_count)))


def live_state_get(session: Session) -> LiveState:
    """The session's state, created (at the lobby) the first time it is asked for."""
    if session.mode != Session.Mode.LIVE:
        raise LiveError(NOT_LIVE)
    state = LiveState.objects.filter(pk=session.pk).first()
    if state is not None:
        state.session = session
        if session.closed_at is not None:
            # Closed from the teacher's session page: the live session is over too (shown so,
            # not written: a read does not write).
            state.phase = Phase.FINISHED
        return state
    count = SessionQuestion.objects.filter(session=session).count()
    try:
        with transaction.atomic():
            return LiveState.objects.create(
                session=session, seconds=live_seconds(session, question_count=count)
            )
    except IntegrityError:
        # Another request created it in the meantime.
        return LiveState.objects.get(pk=session.pk)


class Move(enum.Enum):
    APPLIED = "applied"
    STALE = "stale"
    """The state had already moved on (a double click, another tab): nothing changed."""


def _move(
    state: LiveState, *, version: int, phase: str, position: int, now: datetime.datetime
) -> Move:
    """Move to ``phase``/``position`` if the row is still at ``version``; ``state`` follows."""
    changes = {
        "phase": phase,
        "position": position,
        "phase_started_at": now,
        "closes_at": None,
        "version": F("version") + 1,
    }
    if phase == Phase.QUESTION:
        changes["answered"] = 0
        changes["closes_at"] = now + datetime.timedelta(seconds=state.seconds)
    with transaction.atomic():
        updated = LiveState.objects.filter(pk=state.pk, version=version).update(**changes)
        if updated and phase == Phase.QUESTION:
            # The results count each answer's time from here.
            SessionQuestion.objects.filter(session_id=state.pk, position=position).update(
                opened_at=now
            )
    state.refresh_from_db()
    return Move.APPLIED if updated else Move.STALE


def live_advance(*, state: LiveState, version: int, now: datetime.datetime | None = None) -> Move:
    """The teacher's « next » (button, → or space): lobby → first question → its correction →
    the leaderboard (when shown) → the next question …, and after the last one, the end.

    ``version`` is the state the teacher's screen showed: a second click on the same screen
    finds the state moved on and changes nothing.
    """
    now = now or timezone.now()
    state.refresh_from_db()
    if state.version != version or state.phase == Phase.FINISHED or state.session.closed_at:
        return Move.STALE
    count = SessionQuestion.objects.filter(session_id=state.pk).count()
    if count == 0:
        raise LiveError(NO_QUESTION)
    if state.phase == Phase.QUESTION:
        return _move(state, version=version, phase=Phase.REVEAL, position=state.position, now=now)
    if state.phase == Phase.REVEAL and state.session.show_leaderboard:
        return _move(
            state, version=version, phase=Phase.LEADERBOARD, position=state.position, now=now
        )
    if state.position >= count:
        return live_finish(state=state, version=version, now=now)
    return _move(state, version=version, phase=Phase.QUESTION, position=state.position + 1, now=now)


def live_reveal(*, state: LiveState, version: int, now: datetime.datetime | None = None) -> Move:
    """Close the current question and show its correction (a no-op outside a question)."""
    now = now or timezone.now()
    state.refresh_from_db()
    if state.phase != Phase.QUESTION or state.session.closed_at:
        return Move.STALE
    return _move(state, version=version, phase=Phase.REVEAL, position=state.position, now=now)


def live_finish(*, state: LiveState, version: int, now: datetime.datetime | None = None) -> Move:
    """End the session: the final results, and the session closed to answers and joining.

    The state moves first, in its own transaction, then the session closes (idempotent): a
    student's answer never waits on one while holding the other.
    """
    now = now or timezone.now()
    state.refresh_from_db()
    if state.phase == Phase.FINISHED:
        move = Move.STALE
    else:
        move = _move(state, version=version, phase=Phase.FINISHED, position=state.position, now=now)
    if state.phase == Phase.FINISHED:
        session_close(session=state.session, now=now)
    return move


def live_leaderboard_show(*, state: LiveState, show: bool) -> None:
    """Show or hide the leaderboard (the teacher's switch), for this session's next steps.

    Setting a value rather than flipping it makes a repeated click harmless. Hidden while it is
    on the screen, the screen goes back to the correction.
    """
    with transaction.atomic():
        Session.objects.filter(pk=state.pk).update(show_leaderboard=show)
        changes: dict[str, object] = {"version": F("version") + 1}
        if not show:
            LiveState.objects.filter(pk=state.pk, phase=Phase.LEADERBOARD).update(
                phase=Phase.REVEAL
            )
        LiveState.objects.filter(pk=state.pk).update(**changes)
    state.session.show_leaderboard = show
    state.refresh_from_db()


def live_question(state: LiveState) -> SessionQuestion | None:
    """The session's question at the state's position, with what the screens show of it."""
    if state.position < 1:
        return None
    return (
        SessionQuestion.objects.select_related("question__citation__source", "question__event")
        .filter(session_id=state.pk, position=state.position)
        .first()
    )


def question_is_open(state: LiveState, *, now: datetime.datetime) -> bool:
    """Answers are taken: a question is on, and its countdown (plus the grace) has not ended."""
    if state.phase != Phase.QUESTION or state.closes_at is None:
        return False
    return now <= state.closes_at + ANSWER_GRACE


@dataclass(frozen=True)
class LiveAnswer:
    recorded: bool
    message: str | Promise = ""


def live_answer(
    *,
    participant: Participant,
    position: int,
    choice_id: int | None = None,
    checked: Sequence[int] | None = None,
    pairs: Mapping[int, int] | None = None,
    ranks: Mapping[int, int] | None = None,
    now: datetime.datetime | None = None,
) -> LiveAnswer:
    """Record ``participant``'s answer to the question at ``position``, if it is the one on
    the projector and it is still open; graded by ``classroom.participants.participant_answer``.

    A second answer, an answer to another question, after the countdown (and its grace) or
    after the correction is shown changes nothing; the outcome says why. A response that is
    not one of the question's options raises ``quiz.attempts.AttemptError``.
    """
    now = now or timezone.now()
    state = LiveState.objects.filter(pk=participant.session_id).first()
    if state is None or state.phase == Phase.LOBBY:
        return LiveAnswer(False, NOT_THIS_QUESTION)
    if state.phase == Phase.FINISHED:
        return LiveAnswer(False, SESSION_OVER)
    if state.position != position:
        return LiveAnswer(False, NOT_THIS_QUESTION)
    if not question_is_open(state, now=now):
        return LiveAnswer(False, QUESTION_CLOSED)
    # The quiz's own time limit is for students going at their own pace, counted from their
    # start; here the teacher sets the pace and each question has its countdown. The quiz is
    # this request's copy, never saved.
    participant.attempt.quiz.time_limit = None

    class _Closed(Exception):
        pass

    try:
        with transaction.atomic():
            outcome = participant_answer(
                participant=participant,
                position=position,
                choice_id=choice_id,
                checked=checked,
                pairs=pairs,
                ranks=ranks,
                now=now,
            )
            if outcome.status is AnswerStatus.ALREADY_ANSWERED:
                return LiveAnswer(False, ALREADY_ANSWERED)
            if not outcome.recorded:
                return LiveAnswer(False, SESSION_OVER)
            # Counted only while the question is still the open one: this update waits for a
            # concurrent move of the teacher and then matches no row, which undoes the answer.
            counted = LiveState.objects.filter(
                pk=state.pk,
                phase=Phase.QUESTION,
                position=position,
                phase_started_at=state.phase_started_at,
            ).update(answered=F("answered") + 1)
            if not counted:
                raise _Closed
    except _Closed:
        return LiveAnswer(False, QUESTION_CLOSED)
    return LiveAnswer(True)

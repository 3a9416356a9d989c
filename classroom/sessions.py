"""A teacher's sessions: creating one from a quiz, closing it, deleting its students' data."""

from __future__ import annotations

import datetime
import random

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from classroom.codes import code_generate
from classroom.models import (
    JOIN_CODE_LENGTH,
    LIVE_HAS_NO_DEADLINE,
    PARTICIPANT_ATTEMPT_KEY,
    Classroom,
    JoinFailure,
    Participant,
    Session,
    SessionQuestion,
)
from quiz.attempts import AttemptError, attempt_start
from quiz.models import Attempt, Quiz

CODE_ATTEMPTS = 20
DEADLINE_IN_PAST = _("La date limite est déjà passée.")
DEADLINE_FOR_LIVE = LIVE_HAS_NO_DEADLINE
NOT_YOUR_CLASSROOM = _("Cette classe n’est pas la vôtre.")
QUIZ_NOT_PUBLISHED = _("Ce quiz n’est pas publié.")


class SessionError(Exception):
    """A session that cannot be created as asked; ``message`` is for the teacher."""

    def __init__(self, message: object) -> None:
        super().__init__(str(message))
        self.message = message


def session_create(
    *,
    quiz: Quiz,
    teacher: AbstractBaseUser,
    mode: str,
    rng: random.Random,
    title: str = "",
    classroom: Classroom | None = None,
    deadline: datetime.datetime | None = None,
    show_leaderboard: bool = True,
    now: datetime.datetime | None = None,
) -> Session:
    """Create a session with a fresh join code and its questions drawn once for everyone.

    The questions and their option orders are drawn by ``quiz.attempts.attempt_start`` itself,
    on an attempt discarded before the transaction ends (no reader ever sees it): the draw's
    rules (scope, questions kept apart, option shuffles) stay in one place. Raises
    ``SessionError`` (or ``AttemptError`` when the quiz has no question to ask).
    """
    now = now or timezone.now()
    if not quiz.published:
        raise SessionError(QUIZ_NOT_PUBLISHED)
    if classroom is not None and classroom.teacher_id != teacher.pk:
        raise SessionError(NOT_YOUR_CLASSROOM)
    if mode == Session.Mode.LIVE and deadline is not None:
        raise SessionError(DEADLINE_FOR_LIVE)
    if deadline is not None and deadline <= now:
        raise SessionError(DEADLINE_IN_PAST)
    for _attempt in range(CODE_ATTEMPTS):
        try:
            with transaction.atomic():
                draw = attempt_start(quiz=quiz, session_key=PARTICIPANT_ATTEMPT_KEY, rng=rng)
                items = list(draw.items.order_by("position"))
                draw.delete()
                session = Session(
                    quiz=quiz,
                    teacher=teacher,
                    classroom=classroom,
                    title=title.strip() or quiz.title,
                    mode=mode,
                    code=code_generate(JOIN_CODE_LENGTH),
                    deadline=deadline,
                    show_leaderboard=show_leaderboard,
                )
                session.full_clean(exclude=["quiz", "teacher", "classroom", "code"])
                session.save()
                SessionQuestion.objects.bulk_create(
                    SessionQuestion(
                        session=session,
                        question_id=item.question_id,
                        position=item.position + 1,
                        choice_order=item.choice_order,
                        pair_order=item.pair_order,
                    )
                    for item in items
                )
            return session
        except IntegrityError:
            # Another session drew the same code in the meantime: draw again.
            continue
    raise SessionError(_("Aucun code libre n’a pu être tiré : réessayez."))


def session_close(*, session: Session, now: datetime.datetime | None = None) -> None:
    """Close the session: no more joining or answering; unfinished attempts end now."""
    now = now or timezone.now()
    with transaction.atomic():
        updated = Session.objects.filter(pk=session.pk, closed_at__isnull=True).update(
            closed_at=now
        )
        if updated:
            session.closed_at = now
        # Attempts still going end now, or at the deadline if it came first.
        end = min(session.closed_at, session.deadline or session.closed_at)
        Attempt.objects.filter(participant__session=session, finished_at__isnull=True).update(
            finished_at=end
        )


def _with_retries(attempt_ids: set[int]) -> set[int]:
    """The attempts and every « Refaire mes erreurs » attempt started from them (which carry the
    same display name)."""
    found = set(attempt_ids)
    frontier = set(attempt_ids)
    while frontier:
        frontier = (
            set(
                Attempt.objects.filter(retry_of_id__in=frontier)
                .exclude(pk__in=found)
                .values_list("pk", flat=True)
            )
            - found
        )
        found |= frontier
    return found


def participants_delete(participants: Q | None = None, *, session: Session | None = None) -> int:
    """Delete participants (those matching ``participants``, or a session's), with their
    attempts, answers and retries. Returns how many participants were removed."""
    rows = Participant.objects.all()
    if session is not None:
        rows = rows.filter(session=session)
    if participants is not None:
        rows = rows.filter(participants)
    with transaction.atomic():
        attempt_ids = set(rows.values_list("attempt_id", flat=True))
        count = len(attempt_ids)
        # Deleting an attempt deletes its participant, its questions and its answers.
        Attempt.objects.filter(pk__in=_with_retries(attempt_ids)).delete()
    return count


def participant_attempts_delete(*, sender: type, instance: Participant, **kwargs: object) -> None:
    """Connected to ``post_delete`` of ``Participant``: the attempt holding a participant's name
    and answers goes with them, however they were deleted (a session or a teacher deleted, a
    row removed in the admin), since the database cascades only the other way."""
    Attempt.objects.filter(pk__in=_with_retries({instance.attempt_id})).delete()


def session_student_data_delete(*, session: Session) -> int:
    """The teacher's « delete the students' data »: every participant of the session goes."""
    return participants_delete(session=session)


def student_data_purge(*, days: int, now: datetime.datetime | None = None) -> int:
    """Remove participants who joined more than ``days`` days ago, and stale join failures."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=days)
    removed = participants_delete(Q(joined_at__lt=cutoff))
    JoinFailure.objects.filter(at__lt=cutoff).delete()
    return removed


__all__ = [
    "AttemptError",
    "SessionError",
    "participants_delete",
    "session_close",
    "session_create",
    "session_student_data_delete",
    "student_data_purge",
]

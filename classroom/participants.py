"""Students in a session: joining with a display name, coming back, answering.

No account: a participant is bound to the browser (its Django session key) they joined from;
the personal resume code, shown at joining, moves that binding to another browser. Their answers
are quiz answers (``quiz.attempts.attempt_answer`` grades them) on the participant's attempt,
whose questions are the session's, in the session's order (attempt position = session position
- 1). On top of the quiz's rules, no answer is taken once the session is closed or its deadline
has passed.

Interface for the live mode: ``participant_join``, ``participant_current``,
``participant_resume``, ``participant_item`` and ``participant_answer``; a session's page for a
participant is ``classroom:session_play`` (``/sessions/<code>/``), which hands a live session
over to the URL named ``live:play`` (kwargs ``code``) when the live app provides it.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from classroom.codes import code_generate
from classroom.models import (
    DISPLAY_NAME_MAX_LENGTH,
    PARTICIPANT_ATTEMPT_KEY,
    RESUME_CODE_LENGTH,
    Participant,
    Session,
    SessionQuestion,
    code_normalize,
    display_name_key,
)
from quiz.attempts import AnswerOutcome, AnswerStatus, AttemptError, attempt_answer
from quiz.models import Attempt, AttemptQuestion

NAME_REQUIRED = _("Choisissez un nom à afficher.")
NAME_TOO_LONG = _("Ce nom est trop long : %(max)d caractères au plus.")
NAME_TAKEN = _("Ce nom est déjà pris dans cette session : choisissez-en un autre.")
SESSION_CLOSED = _("Cette session est terminée : elle n’accepte plus de réponses.")
DEADLINE_PASSED = _("La date limite est passée : cette réponse n’a pas été enregistrée.")
JOIN_CLOSED = _("Cette session est terminée : on ne peut plus la rejoindre.")
RESUME_CODE_UNKNOWN = _(
    "Ce code personnel ne correspond à personne dans cette session : vérifiez-le."
)
NOT_A_QUESTION = _("Cette question ne fait pas partie de la session.")
CODE_ATTEMPTS = 20


class ParticipantError(Exception):
    """A request that cannot be honoured; ``message`` is for the student."""

    def __init__(self, message: object) -> None:
        super().__init__(str(message))
        self.message = message


def browser_key(request: HttpRequest) -> str:
    """This browser's session key, the session created first if there is none (or if the one
    the cookie names has expired)."""
    session = request.session
    if session.session_key is None or not session.exists(session.session_key):
        session.create()
    return session.session_key


def session_refusal(session: Session, *, now: datetime.datetime) -> AnswerOutcome | None:
    """Why the session takes no answer now (closed, or past its deadline), or None."""
    if session.closed_at is not None and now >= session.closed_at:
        return AnswerOutcome(AnswerStatus.FINISHED, message=SESSION_CLOSED)
    if session.deadline is not None and now >= session.deadline:
        return AnswerOutcome(AnswerStatus.TIME_IS_UP, message=DEADLINE_PASSED)
    return None


def participant_finish_if_due(participant: Participant, *, now: datetime.datetime) -> bool:
    """End the participant's attempt if the session closed or its deadline passed (at that
    moment), so that their results show and « Refaire mes erreurs » opens. True if over."""
    attempt = participant.attempt
    if attempt.finished_at is not None:
        return True
    session = participant.session
    ends = [moment for moment in (session.closed_at, session.deadline) if moment and now >= moment]
    if not ends:
        return False
    end = min(ends)
    Attempt.objects.filter(pk=attempt.pk, finished_at__isnull=True).update(finished_at=end)
    attempt.finished_at = end
    return True


def participant_current(request: HttpRequest, session: Session) -> Participant | None:
    """The participant this browser plays as in the session, if any."""
    key = request.session.session_key
    if not key:
        return None
    return (
        Participant.objects.select_related("attempt__quiz", "session")
        .filter(session=session, session_key=key)
        .first()
    )


def participant_join(
    session: Session,
    display_name: str,
    request: HttpRequest,
    *,
    now: datetime.datetime | None = None,
) -> Participant:
    """Join the session under ``display_name`` from this browser (which comes back to the same
    participant if it joined already). Raises ``ParticipantError`` on a closed session or a
    name that is empty, too long or taken (case, accents and spacing aside)."""
    now = now or timezone.now()
    current = participant_current(request, session)
    if current is not None:
        return current
    if not session.is_open(now=now):
        raise ParticipantError(JOIN_CLOSED)
    name = " ".join(display_name.split())
    if not name:
        raise ParticipantError(NAME_REQUIRED)
    if len(name) > DISPLAY_NAME_MAX_LENGTH:
        raise ParticipantError(NAME_TOO_LONG % {"max": DISPLAY_NAME_MAX_LENGTH})
    key = display_name_key(name)
    if Participant.objects.filter(session=session, name_key=key).exists():
        raise ParticipantError(NAME_TAKEN)
    browser = browser_key(request)
    items = list(SessionQuestion.objects.filter(session=session).order_by("position"))
    for _attempt in range(CODE_ATTEMPTS):
        try:
            with transaction.atomic():
                attempt = Attempt.objects.create(
                    quiz_id=session.quiz_id,
                    session_key=PARTICIPANT_ATTEMPT_KEY,
                    display_name=name,
                    question_count=len(items),
                )
                AttemptQuestion.objects.bulk_create(
                    AttemptQuestion(
                        attempt=attempt,
                        question_id=item.question_id,
                        position=item.position - 1,
                        choice_order=item.choice_order,
                        pair_order=item.pair_order,
                    )
                    for item in items
                )
                participant = Participant.objects.create(
                    session=session,
                    display_name=name,
                    name_key=key,
                    resume_code=code_generate(RESUME_CODE_LENGTH),
                    session_key=browser,
                    joined_at=now,
                    attempt=attempt,
                )
        except IntegrityError:
            # The name was taken in the meantime, or the resume code was drawn twice.
            if Participant.objects.filter(session=session, name_key=key).exists():
                raise ParticipantError(NAME_TAKEN) from None
            continue
        participant.session = session
        return participant
    raise ParticipantError(NAME_TAKEN)


def participant_resume(session: Session, resume_code: str, request: HttpRequest) -> Participant:
    """Move the participant with this personal code to this browser (the other one loses it).
    Raises ``ParticipantError(RESUME_CODE_UNKNOWN)``; the caller throttles such failures."""
    code = code_normalize(resume_code)
    participant = None
    if len(code) == RESUME_CODE_LENGTH:
        participant = (
            Participant.objects.select_related("attempt__quiz")
            .filter(session=session, resume_code=code)
            .first()
        )
    if participant is None:
        raise ParticipantError(RESUME_CODE_UNKNOWN)
    browser = browser_key(request)
    # A browser plays one participant per session: one it held before is left behind.
    Participant.objects.filter(pk=participant.pk).update(session_key=browser)
    participant.session_key = browser
    participant.session = session
    return participant


def participant_item(participant: Participant, *, position: int) -> AttemptQuestion | None:
    """The participant's copy of the session's question at ``position`` (1-based)."""
    return (
        AttemptQuestion.objects.select_related("question")
        .filter(attempt_id=participant.attempt_id, position=position - 1)
        .first()
    )


def participant_answer(
    *,
    participant: Participant,
    position: int,
    choice_id: int | None = None,
    checked: Sequence[int] | None = None,
    pairs: Mapping[int, int] | None = None,
    ranks: Mapping[int, int] | None = None,
    now: datetime.datetime | None = None,
) -> AnswerOutcome:
    """Grade and record the participant's answer to the session's question at ``position``
    (1-based), the response as ``quiz.attempts.attempt_answer`` takes it.

    After the session's closure or deadline nothing is recorded (status ``FINISHED`` or
    ``TIME_IS_UP``, with the reason in ``message``), and the attempt ends. A second answer to
    a question is ``ALREADY_ANSWERED``. Raises ``AttemptError`` for a position outside the
    session or a response that is not made of the question's options.
    """
    now = now or timezone.now()
    session = participant.session
    refusal = session_refusal(session, now=now)
    if refusal is not None:
        participant_finish_if_due(participant, now=now)
        return refusal
    item = participant_item(participant, position=position)
    if item is None:
        raise AttemptError(NOT_A_QUESTION)
    attempt = participant.attempt
    return attempt_answer(
        attempt=attempt,
        item=item,
        choice_id=choice_id,
        checked=checked,
        pairs=pairs,
        ranks=ranks,
        now=now,
    )

from __future__ import annotations

from classroom.models import Participant, Session
from classroom.participants import participant_join
from quiz.models import Choice
from tests.classroom.conftest import Browser
from tests.factories import session_with


def live_session(questions: int = 3, **options: object) -> Session:
    return session_with(questions, mode=Session.Mode.LIVE, **options)


def join(session: Session, name: str) -> Participant:
    return participant_join(session, name, Browser().request())


def choice_at(participant: Participant, position: int, *, correct: bool) -> int:
    """The id of a right (or wrong) option of the session's question at ``position``."""
    item = participant.attempt.items.get(position=position - 1)
    return Choice.objects.filter(question_id=item.question_id, is_correct=correct).first().pk

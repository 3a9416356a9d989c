from __future__ import annotations

from django.conf import settings
from django.test import Client

from classroom.models import Participant, Session
from classroom.participants import participant_join
from quiz.models import Choice, Quiz
from tests.factories import (
    Browser,
    EventCitationFactory,
    QuestionFactory,
    QuizFactory,
    session_with,
)


def live_session(questions: int = 3, **options: object) -> Session:
    return session_with(questions, mode=Session.Mode.LIVE, **options)


def join(session: Session, name: str) -> Participant:
    return participant_join(session, name, Browser().request())


def choice_at(participant: Participant, position: int, *, correct: bool) -> int:
    """The id of a right (or wrong) option of the session's question at ``position``."""
    item = participant.attempt.items.get(position=position - 1)
    return Choice.objects.filter(question_id=item.question_id, is_correct=correct).first().pk


def phone(session: Session, name: str) -> tuple[Client, Participant]:
    """A student's browser that joined the session under ``name``."""
    browser = Browser()
    participant = participant_join(session, name, browser.request())
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = browser.store.session_key
    return client, participant


def cited_quiz(questions: int = 3) -> Quiz:
    """A quiz on ``questions`` questions, each with its explanation and source sentence."""
    quiz = QuizFactory(size=questions)
    for _ in range(questions):
        citation = EventCitationFactory()
        QuestionFactory(citation=citation, event=citation.event)
    return quiz

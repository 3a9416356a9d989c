from __future__ import annotations

import datetime
import random

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from classroom.models import CODE_ALPHABET, JoinFailure, Participant, Session
from classroom.participants import participant_join
from classroom.sessions import (
    DEADLINE_FOR_LIVE,
    DEADLINE_IN_PAST,
    NOT_YOUR_CLASSROOM,
    QUIZ_NOT_PUBLISHED,
    SessionError,
    session_close,
    session_create,
    student_data_purge,
)
from quiz.attempts import attempt_retry_mistakes
from quiz.models import Attempt, Question
from tests.factories import (
    Browser,
    ClassroomFactory,
    QuestionFactory,
    QuizFactory,
    TeacherFactory,
    session_with,
)

pytestmark = pytest.mark.django_db


def test_a_session_gets_a_six_character_code_in_the_unambiguous_alphabet() -> None:
    codes = {session_with(1).code for _ in range(5)}
    assert len(codes) == 5
    for code in codes:
        assert len(code) == 6
        assert set(code) <= set(CODE_ALPHABET)
        assert not set(code) & set("01OIL")


def test_the_questions_are_drawn_within_the_quiz_and_numbered_from_one() -> None:
    quiz = QuizFactory(size=3)
    QuestionFactory.create_batch(5)
    QuestionFactory(status=Question.Status.DRAFT)
    session = session_with(quiz=quiz)
    items = list(session.questions.order_by("position"))
    assert [item.position for item in items] == [1, 2, 3]
    assert all(item.question.status == Question.Status.PUBLISHED for item in items)
    assert all(
        sorted(item.choice_order) == sorted(item.question.choices.values_list("pk", flat=True))
        for item in items
    )
    assert not Attempt.objects.exists()


def test_the_draw_follows_the_injected_generator() -> None:
    quiz = QuizFactory(size=3)
    QuestionFactory.create_batch(8)
    first, second = (session_with(quiz=quiz, seed=7) for _ in range(2))
    assert list(first.questions.values_list("question_id", "choice_order")) == list(
        second.questions.values_list("question_id", "choice_order")
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"deadline": timezone.now() - datetime.timedelta(minutes=1)}, DEADLINE_IN_PAST),
        (
            {"mode": "live", "deadline": timezone.now() + datetime.timedelta(days=1)},
            DEADLINE_FOR_LIVE,
        ),
    ],
)
def test_a_session_refuses_a_wrong_deadline(options: dict, message: object) -> None:
    quiz = QuizFactory(size=1)
    QuestionFactory()
    with pytest.raises(SessionError) as error:
        session_create(
            quiz=quiz,
            teacher=TeacherFactory(),
            rng=random.Random(1),
            **{"mode": "self_paced", **options},
        )
    assert error.value.message == message
    assert not Session.objects.exists()


def test_a_session_refuses_an_unpublished_quiz_or_another_teachers_class() -> None:
    QuestionFactory()
    teacher = TeacherFactory()
    with pytest.raises(SessionError) as error:
        session_create(
            quiz=QuizFactory(published=False),
            teacher=teacher,
            mode="live",
            rng=random.Random(1),
        )
    assert error.value.message == QUIZ_NOT_PUBLISHED
    with pytest.raises(SessionError) as error:
        session_create(
            quiz=QuizFactory(),
            teacher=teacher,
            mode="live",
            rng=random.Random(1),
            classroom=ClassroomFactory(),
        )
    assert error.value.message == NOT_YOUR_CLASSROOM


def test_the_purge_removes_old_participants_with_their_answers_and_retries() -> None:
    now = timezone.now()
    session = session_with(1)
    old = participant_join(
        session, "Ancien", Browser().request(), now=now - datetime.timedelta(days=40)
    )
    recent = participant_join(session, "Récent", Browser().request(), now=now)
    Attempt.objects.filter(pk=old.attempt_id).update(finished_at=now)
    old.attempt.refresh_from_db()
    retry = attempt_retry_mistakes(attempt=old.attempt, session_key="x" * 32, rng=random.Random(1))
    JoinFailure.objects.create(address="10.0.0.1", at=now - datetime.timedelta(days=41))
    assert student_data_purge(days=30, now=now) == 1
    assert list(Participant.objects.all()) == [recent]
    assert not Attempt.objects.filter(pk__in=[old.attempt_id, retry.pk]).exists()
    assert Attempt.objects.filter(pk=recent.attempt_id).exists()
    assert not JoinFailure.objects.exists()
    assert session.questions.count() == 1


def test_deleting_a_session_deletes_its_participants_attempts() -> None:
    session = session_with(1)
    participant = participant_join(session, "Léa", Browser().request())
    other = participant_join(session_with(1), "Hugo", Browser().request())
    session.delete()
    assert not Attempt.objects.filter(pk=participant.attempt_id).exists()
    assert Attempt.objects.filter(pk=other.attempt_id).exists()


def test_deleting_a_teacher_deletes_their_students_attempts() -> None:
    teacher = TeacherFactory()
    participant_join(session_with(1, teacher=teacher), "Léa", Browser().request())
    teacher.delete()
    assert not Attempt.objects.exists()
    assert not Participant.objects.exists()


def test_closing_after_the_deadline_ends_attempts_at_the_deadline() -> None:
    now = timezone.now()
    session = session_with(2, deadline=now + datetime.timedelta(hours=1))
    participant = participant_join(session, "Léa", Browser().request(), now=now)
    session_close(session=session, now=now + datetime.timedelta(hours=3))
    participant.attempt.refresh_from_db()
    assert participant.attempt.finished_at == session.deadline
    assert session.closed_at == now + datetime.timedelta(hours=3)


def test_a_live_session_with_a_deadline_does_not_validate() -> None:
    session = session_with(1, mode="live")
    session.deadline = timezone.now() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert error.value.message_dict["deadline"] == [str(DEADLINE_FOR_LIVE)]

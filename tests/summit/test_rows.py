"""Model instances read with plain SQL are those the ORM would have built."""

from __future__ import annotations

import pytest

from quiz.models import Attempt, Quiz
from summit.rows import Table, select
from tests.factories import QuizFactory

pytestmark = pytest.mark.django_db

ATTEMPT, QUIZ = Table(Attempt, "a"), Table(Quiz, "z")


def joined_sql() -> str:
    return (
        f"SELECT {ATTEMPT.columns()}, {QUIZ.columns()} FROM {ATTEMPT.source()} "
        f"INNER JOIN {QUIZ.source()} ON {QUIZ.column('id')} = {ATTEMPT.column('quiz')} "
        f"WHERE {ATTEMPT.column('uuid')} = %s"
    )


def test_a_joined_row_gives_the_instances_the_orm_gives_with_the_relation_cached(
    django_assert_num_queries,
):
    quiz = QuizFactory(kinds=["date", "place"], time_limit=15)
    made = Attempt.objects.create(quiz=quiz, session_key="k" * 32, question_count=12)
    expected = Attempt.objects.select_related("quiz").get(pk=made.pk)
    rows = select(
        (ATTEMPT, QUIZ),
        joined_sql(),
        [ATTEMPT.prepare("uuid", made.uuid)],
        related=[(0, "quiz", 1)],
    )
    assert len(rows) == 1
    attempt, quiz = rows[0]
    assert quiz is not None
    for field in Attempt._meta.concrete_fields:
        assert getattr(attempt, field.attname) == getattr(expected, field.attname), field.name
    for field in Quiz._meta.concrete_fields:
        assert getattr(quiz, field.attname) == getattr(expected.quiz, field.attname), field.name
    # Converted as the ORM converts: an aware datetime, a UUID, a list from JSON.
    assert attempt.started_at.tzinfo is not None
    assert attempt.uuid == made.uuid
    assert quiz.kinds == ["date", "place"]
    assert not attempt._state.adding
    with django_assert_num_queries(0):
        assert attempt.quiz is quiz


def test_no_row_gives_an_empty_list():
    assert select((ATTEMPT, QUIZ), joined_sql(), [ATTEMPT.prepare("uuid", Attempt().uuid)]) == []

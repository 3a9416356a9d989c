"""Model instances read with plain SQL are those the ORM would have built."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext

from quiz.models import Answer, Attempt, AttemptQuestion, Quiz
from summit.rows import Table, insert_all, insert_new, select
from tests.factories import QuestionFactory, QuizFactory

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


def test_a_new_row_is_inserted_as_save_would_and_gets_its_key():
    quiz = QuizFactory(kinds=["date"])
    attempt = Attempt(quiz=quiz, session_key="k" * 32, question_count=5)

    assert insert_new(attempt) is True

    assert attempt.pk is not None
    assert not attempt._state.adding
    stored = Attempt.objects.get(pk=attempt.pk)
    # The fields' own pre-save work: the start time (auto_now_add) and the default uuid.
    assert stored.started_at == attempt.started_at
    assert stored.started_at is not None
    assert stored.uuid == attempt.uuid
    assert (stored.quiz_id, stored.question_count, stored.finished_at) == (quiz.pk, 5, None)


def test_a_row_that_breaks_a_unique_constraint_is_not_inserted_and_raises_nothing():
    attempt = Attempt.objects.create(quiz=QuizFactory(), session_key="k" * 32, question_count=1)
    question = QuestionFactory()
    Answer.objects.create(attempt=attempt, question=question, response=[1], is_correct=True)
    again = Answer(attempt=attempt, question=question, response=[2], is_correct=False)

    with transaction.atomic():
        assert insert_new(again) is False
        # The transaction goes on: nothing was rolled back, nothing needs to be.
        assert Answer.objects.filter(attempt=attempt).count() == 1

    assert again.pk is None
    assert Answer.objects.get(attempt=attempt).response == [1]


def test_an_instance_is_made_as_the_orm_makes_it_and_through_init_when_someone_listens():
    quiz = QuizFactory(kinds=["date"])
    made = Attempt.objects.create(quiz=quiz, session_key="k" * 32, question_count=3)
    expected = Attempt.objects.get(pk=made.pk)
    params = [ATTEMPT.prepare("uuid", made.uuid)]

    ((attempt, _),) = select((ATTEMPT, QUIZ), joined_sql(), params)

    assert type(attempt) is Attempt
    assert {k: v for k, v in vars(attempt).items() if k != "_state"} == {
        k: v for k, v in vars(expected).items() if k != "_state"
    }
    assert (attempt._state.adding, attempt._state.db) == (False, "default")
    assert attempt == expected

    made_by_init = []

    def listener(sender, instance, **kwargs):
        made_by_init.append(instance)

    post_init.connect(listener, sender=Attempt)
    try:
        ((again, _),) = select((ATTEMPT, QUIZ), joined_sql(), params)
    finally:
        post_init.disconnect(listener, sender=Attempt)
    assert made_by_init == [again]
    assert again.session_key == "k" * 32


def test_new_rows_are_inserted_as_bulk_create_would_in_batches_and_get_their_keys(monkeypatch):
    quiz = QuizFactory()
    attempt = Attempt(quiz=quiz, session_key="k" * 32, question_count=7)
    insert_all([attempt])
    assert attempt.pk is not None
    assert not attempt._state.adding
    questions = QuestionFactory.create_batch(7)
    items = [
        AttemptQuestion(
            attempt_id=attempt.pk,
            question=question,
            position=position,
            choice_order=[position, "x"],
            pair_order=[],
        )
        for position, question in enumerate(questions)
    ]
    # Three rows to a statement: three statements.
    monkeypatch.setattr(connection.ops, "bulk_batch_size", lambda fields, objs: 3)

    with CaptureQueriesContext(connection) as queries:
        insert_all(items)

    assert len(queries) == 3
    stored = {item.pk: item for item in AttemptQuestion.objects.filter(attempt=attempt)}
    assert [item.pk for item in items] == sorted(stored)
    for item in items:
        assert not item._state.adding
        assert stored[item.pk].question_id == item.question_id
        assert stored[item.pk].position == item.position
        assert stored[item.pk].choice_order == [item.position, "x"]
    assert Attempt.objects.get(pk=attempt.pk).started_at == attempt.started_at
    insert_all([])

from __future__ import annotations

import pytest
from django.db import NotSupportedError, connection
from django.utils import timezone

from quiz.models import Attempt, Choice, Kind, Question
from summit.rows import rows_insert
from tests.factories import EventFactory, QuestionFactory, QuizFactory

# Every column the bank writes, in the order rows_insert is given them.
FIELDS = [
    "kind",
    "stem",
    "explanation",
    "status",
    "event",
    "quote",
    "citation",
    "subject",
    "fingerprint",
    "gate_failures",
]
BOOKKEEPING = {"id", "created_at", "updated_at"}


def stored(pks: list[int]) -> list[dict]:
    rows = {row["id"]: row for row in Question.objects.filter(pk__in=pks).values()}
    return [{k: v for k, v in rows[pk].items() if k not in BOOKKEEPING} for pk in pks]


@pytest.mark.django_db
def test_it_stores_the_same_rows_as_bulk_create_and_gives_their_ids_in_order():
    event = EventFactory()
    values = [
        (Kind.DATE, "Quand ?", "Parce que.", Question.Status.PUBLISHED, event.pk, None, None,
         "date:event:1", "a" * 64, ""),
        (Kind.PLACE, "Où ?", "", Question.Status.DRAFT, None, None, None, "place:event:1",
         "b" * 64, "Une option est vide."),
    ]  # fmt: skip
    created = Question.objects.bulk_create(
        [Question(**dict(zip([*FIELDS[:4], "event_id", "quote_id", "citation_id", *FIELDS[7:]],
                             row, strict=True))) for row in values]
    )  # fmt: skip
    before = timezone.now()

    ids = rows_insert(model=Question, fields=FIELDS, rows=values, returning=True)

    assert ids == sorted(ids)
    assert ids[0] > created[-1].pk
    assert stored(ids) == stored([question.pk for question in created])
    for question in Question.objects.filter(pk__in=ids):
        assert question.created_at >= before
        assert question.updated_at >= before
        assert question.edited is False
        assert question.retired_at is None


@pytest.mark.django_db
def test_the_rows_it_inserts_without_ids_are_stored_with_the_database_default():
    question = QuestionFactory()

    assert (
        rows_insert(
            model=Choice,
            fields=["question", "text", "is_correct", "position", "rank"],
            rows=[(question.pk, "Paris", True, 7, None), (question.pk, "Rome", False, 8, 2)],
        )
        == []
    )

    rows = Choice.objects.filter(question=question, position__gte=7).order_by("position")
    assert list(rows.values_list("text", "is_correct", "pair", "rank")) == [
        ("Paris", True, "", None),
        ("Rome", False, "", 2),
    ]


@pytest.mark.django_db
def test_it_inserts_batches_larger_than_the_database_takes_in_one_statement():
    # SQLite takes 999 values in a statement: 76 rows of these 13 columns.
    values = [
        (Kind.DATE, f"Question {n} ?", "", Question.Status.DRAFT, None, None, None, f"s:{n}",
         f"{n:064d}", "")
        for n in range(300)
    ]  # fmt: skip

    ids = rows_insert(model=Question, fields=FIELDS, rows=values, returning=True)

    assert len(ids) == len(values)
    stems = dict(Question.objects.filter(pk__in=ids).values_list("pk", "stem"))
    assert [stems[pk] for pk in ids] == [row[1] for row in values]


@pytest.mark.django_db
def test_rows_without_ids_go_in_statements_of_the_parameters_a_database_takes():
    # 14,000 rows of 5 values are 70,000 values: more than SQLite takes in a statement, and
    # more than PostgreSQL's protocol can count.
    question = QuestionFactory()
    count = 14_000

    rows_insert(
        model=Choice,
        fields=["question", "text", "is_correct", "position", "rank"],
        rows=[(question.pk, f"Option {n}", n == 0, n, None) for n in range(count)],
    )

    stored_rows = Choice.objects.filter(question=question, text__startswith="Option ").order_by(
        "id"
    )
    assert list(stored_rows.values_list("text", "position")) == [
        (f"Option {n}", n) for n in range(count)
    ]


@pytest.mark.django_db
def test_no_rows_insert_nothing():
    assert rows_insert(model=Question, fields=FIELDS, rows=[], returning=True) == []
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_a_field_left_out_with_a_default_for_each_row_is_refused():
    quiz = QuizFactory()

    with pytest.raises(ValueError, match=r"quiz\.Attempt\.uuid"):
        rows_insert(model=Attempt, fields=["quiz", "session_key"], rows=[(quiz.pk, "k")])


@pytest.mark.django_db
def test_ids_are_refused_on_a_database_that_cannot_return_them(monkeypatch):
    monkeypatch.setattr(type(connection.features), "can_return_rows_from_bulk_insert", False)

    with pytest.raises(NotSupportedError):
        rows_insert(
            model=Question,
            fields=FIELDS,
            rows=[(Kind.DATE, "?", "", "draft", None, None, None, "", "", "")],
            returning=True,
        )

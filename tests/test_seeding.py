from __future__ import annotations

import datetime
import random

import pytest
from django.conf import settings
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from quiz.bank import question_bank_build
from seeds.loader import corpus_load
from summit.models import ContentVersion, Event, Quote
from tests import seeding
from tests.factories import ActorFactory, TeacherFactory

pytestmark = pytest.mark.django_db

# FTS5's shadow tables store the index in an order-dependent layout; the virtual table they
# serve is compared instead.
_SHADOW_SUFFIXES = ("_config", "_data", "_docsize", "_idx", "_content")


def _restart_sequences() -> None:
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), seeding._tables()):
            cursor.execute(statement)


def _placeholder(value: object, since: datetime.datetime, now: datetime.datetime) -> object:
    written_now = isinstance(value, datetime.datetime) and since <= value <= now
    return "now" if written_now else value


def _state(since: datetime.datetime) -> dict[str, list[str]]:
    """Every table, the app's and the others (full-text indexes), row by row; the times written
    since ``since`` and the content version's tokens as placeholders."""
    now = timezone.now()
    state = {}
    for label, rows in seeding._dump().items():
        lines = []
        for row in rows.values():
            row = {name: _placeholder(value, since, now) for name, value in row.items()}
            if label == "summit.contentversion":
                row["token"] = "token"
            lines.append(seeding._key(row))
        state[label] = sorted(lines)
    models = {model._meta.db_table for model in seeding._tables()}
    with connection.cursor() as cursor:
        for table in sorted(set(connection.introspection.table_names()) - models):
            if table == "django_migrations" or table.endswith(_SHADOW_SUFFIXES):
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            state[table] = sorted(repr(row) for row in cursor.fetchall())
    return state


def _in_savepoint(function):
    savepoint = transaction.savepoint()
    try:
        return function()
    finally:
        transaction.savepoint_rollback(savepoint)


def test_a_copy_of_the_seeded_corpus_is_the_load_itself(monkeypatch):
    monkeypatch.setattr(seeding, "_recordings", {})
    since = timezone.now()

    def load():
        _restart_sequences()
        report = corpus_load()
        return report, _state(since), set(ContentVersion.objects.values_list("token", flat=True))

    def seed():
        _restart_sequences()
        report = seeding.seeded_load(corpus_load, name="corpus")
        return report, _state(since), set(ContentVersion.objects.values_list("token", flat=True))

    loaded, loaded_state, loaded_tokens = _in_savepoint(load)
    recorded, recorded_state, recorded_tokens = _in_savepoint(seed)
    copied, copied_state, copied_tokens = _in_savepoint(seed)

    assert len(seeding._recordings) == 1
    assert Event.objects.count() == 0  # each step was rolled back
    assert loaded_state["summit.event"]
    assert loaded_state["summit.quote"]
    assert recorded_state == loaded_state
    assert copied_state == loaded_state
    assert copied.lines == recorded.lines == loaded.lines
    assert copied.counts == loaded.counts
    assert copied is not recorded
    # New tokens for each copy, as for each load.
    assert len(copied_tokens) == len(loaded_tokens)
    assert not copied_tokens & recorded_tokens


def test_the_times_the_load_wrote_are_those_of_the_copy(monkeypatch):
    monkeypatch.setattr(seeding, "_recordings", {})
    _in_savepoint(lambda: seeding.seeded_load(corpus_load, name="corpus"))
    recording = next(iter(seeding._recordings.values()))
    monkeypatch.setattr(recording, "started", recording.started - datetime.timedelta(days=3))
    monkeypatch.setattr(recording, "ended", recording.ended - datetime.timedelta(days=3))
    for rows in recording.rows.values():
        for row in rows:
            for name, value in row.items():
                if isinstance(value, datetime.datetime) and value > recording.ended:
                    row[name] = value - datetime.timedelta(days=3)

    before = timezone.now()
    seeding.seeded_load(corpus_load, name="corpus")
    took = recording.ended - recording.started
    for event in Event.objects.all():
        assert before - took <= event.created_at <= event.updated_at <= timezone.now()
    assert Event.objects.filter(date__year__lt=2020).exists()  # the corpus's own dates stay


def test_another_starting_state_is_loaded_and_recorded_for_itself(monkeypatch):
    monkeypatch.setattr(seeding, "_recordings", {})
    _in_savepoint(lambda: seeding.seeded_load(corpus_load, name="corpus"))
    ActorFactory(slug="kim-jong-un", name="Kim")
    seeding.seeded_load(corpus_load, name="corpus")
    assert len(seeding._recordings) == 2
    assert Quote.objects.exists()


def test_a_teacher_signed_up_first_still_gets_a_copy(monkeypatch):
    monkeypatch.setattr(seeding, "_recordings", {})
    _in_savepoint(lambda: seeding.seeded_load(corpus_load, name="corpus"))
    teacher = TeacherFactory(username="mme.durand")
    loads = []
    monkeypatch.setattr(seeding, "_record", lambda *args: loads.append(args))
    seeding.seeded_load(corpus_load, name="corpus")
    assert loads == []
    assert len(seeding._recordings) == 1
    assert Quote.objects.exists()
    assert type(teacher).objects.filter(username="mme.durand").exists()


def test_a_load_that_changes_a_row_is_never_copied(monkeypatch):
    monkeypatch.setattr(seeding, "_recordings", {})
    teacher = TeacherFactory(username="mme.durand", first_name="Anne")
    calls = []

    def load():
        calls.append(teacher.pk)
        type(teacher).objects.filter(pk=teacher.pk).update(first_name="Claire")
        return "report"

    assert _in_savepoint(lambda: seeding.seeded_load(load, name="load")) == "report"
    assert list(seeding._recordings.values()) == [None]
    assert _in_savepoint(lambda: seeding.seeded_load(load, name="load")) == "report"
    assert calls == [teacher.pk, teacher.pk]


def test_the_bank_built_on_a_copied_corpus_is_copied_in_turn(monkeypatch):
    monkeypatch.setattr(seeding, "_recordings", {})
    since = timezone.now()
    builds = []

    def build():
        builds.append(1)
        return question_bank_build(rng=random.Random(settings.QUIZ_BANK_SEED))

    def built():
        _restart_sequences()
        corpus_load()
        report = build()
        return report, _state(since)

    def seed():
        _restart_sequences()
        seeding.seeded_load(corpus_load, name="corpus")
        report = seeding.seeded_load(build, name="bank")
        return report, _state(since)

    report, state = _in_savepoint(built)
    assert state["quiz.question"]
    for _ in range(3):
        copied_report, copied_state = _in_savepoint(seed)
        assert copied_state == state
        assert copied_report == report
    assert len(builds) == 2  # by itself, then once recorded

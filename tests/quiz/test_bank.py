from __future__ import annotations

import datetime
import gc
import random
from collections import Counter

import pytest
from django.db import transaction

from quiz import bank as bank_module
from quiz import facts as facts_module
from quiz import gates as gates_module
from quiz import generators
from quiz.bank import bank_drafts, question_bank_build
from quiz.facts import facts_load
from quiz.gates import Option, option_failures
from quiz.generators import Draft, generator
from quiz.models import GENERATED_KINDS, Answer, Attempt, AttemptQuestion, Kind, Question, Quiz
from summit.models import Actor, Event, Place, Quote
from summit.text import normalize
from tests.factories import (
    EventCitationFactory,
    EventFactory,
    PlaceFactory,
    QuoteCitationFactory,
    bulk_corpus,
)

SEED = 2019
SINGLE = {Kind.SPEAKER, Kind.DATE, Kind.PLACE, Kind.CHRONOLOGY, Kind.CLOZE, Kind.QUOTE_EVENT}


def build(seed: int = SEED):
    return question_bank_build(rng=random.Random(seed))


def snapshot() -> list[tuple]:
    return [
        (
            q.kind,
            q.subject,
            q.status,
            q.stem,
            q.explanation,
            tuple((c.text, c.is_correct, c.pair, c.rank) for c in q.choices.all()),
        )
        for q in Question.objects.prefetch_related("choices").order_by("subject", "pk")
    ]


@pytest.fixture
def bank(seeded):
    """The seeded database, whose ``seed`` also built the bank."""
    build()
    return Question.objects.prefetch_related("choices", "actors").select_related(
        "event", "quote", "citation__source"
    )


def options_of(question: Question) -> list[Option]:
    return [Option(c.text, c.is_correct, pair=c.pair, rank=c.rank) for c in question.choices.all()]


def key_of(question: Question) -> str:
    return next(c.text for c in question.choices.all() if c.is_correct)


def test_the_seeded_corpus_gives_at_least_40_published_questions_of_at_least_6_kinds(bank):
    published = [q for q in bank if q.status == Question.Status.PUBLISHED]
    assert len(published) >= 40
    kinds = Counter(q.kind for q in published)
    assert len(kinds) >= 6
    assert set(kinds) <= set(GENERATED_KINDS)


def test_every_published_question_passes_every_gate_of_its_kind(bank):
    for question in bank.filter(status=Question.Status.PUBLISHED):
        options = options_of(question)
        assert option_failures(question.stem, options, kind=question.kind) == [], question.stem
        assert len({normalize(o.text) for o in options}) == len(options)
        assert question.gate_failures == ""
        if question.kind in SINGLE:
            assert 3 <= len(options) <= 4
            assert sum(o.is_correct for o in options) == 1


def test_no_option_or_alias_appears_in_its_stem(bank):
    actors = {normalize(a.name): a for a in Actor.objects.all()}
    places = {normalize(p.name): p for p in Place.objects.all()}
    for question in bank.filter(status=Question.Status.PUBLISHED, kind__in=SINGLE):
        stem = normalize(question.stem)
        for choice in question.choices.all():
            named = actors.get(normalize(choice.text)) or places.get(normalize(choice.text))
            names = named.all_names if named else [choice.text]
            for name in names:
                assert f" {normalize(name)} " not in f" {stem} ", (question.stem, name)


def test_every_question_has_an_explanation_with_its_source_sentence(bank):
    for question in bank.filter(status=Question.Status.PUBLISHED):
        assert question.citation is not None
        assert question.event is not None or question.quote is not None
        if question.kind not in (Kind.ORDERING, Kind.MATCHING, Kind.MULTIPLE):
            assert "Source : " in question.explanation, question.stem


def test_the_key_position_is_spread_evenly(bank):
    four = [
        q
        for q in bank.filter(status=Question.Status.PUBLISHED, kind__in=SINGLE)
        if len(q.choices.all()) == 4
    ]
    positions = Counter(
        next(i for i, c in enumerate(q.choices.all()) if c.is_correct) for q in four
    )
    assert set(positions) == {0, 1, 2, 3}
    # Positions are balanced when options are drawn, before the gates hold some questions back
    # as drafts: the published ones stay within a few of each other.
    assert max(positions.values()) - min(positions.values()) <= max(2, len(four) // 20)


def test_the_key_is_not_systematically_the_longest_option(bank):
    published = bank.filter(status=Question.Status.PUBLISHED, kind__in=SINGLE)
    longest = sum(
        max(q.choices.all(), key=lambda c: (len(c.text), not c.is_correct)).is_correct
        for q in published
    )
    assert longest / len(published) < 0.5


def test_the_bank_is_identical_when_rebuilt_with_the_same_seed(bank):
    first = snapshot()
    Answer.objects.all().delete()
    Question.objects.all().delete()
    report = build()
    assert report.created == len(first)
    assert snapshot() == first


def test_a_second_build_changes_nothing(bank):
    before = snapshot()
    report = build()
    assert (report.created, report.retired, report.changed) == (0, 0, False)
    assert report.kept == len(before)
    assert snapshot() == before


def test_changing_a_quotes_speaker_in_the_admin_retires_its_questions_and_keeps_attempts(
    bank, admin_client
):
    quote = Quote.objects.get(text__startswith="Je suis sûr que votre visite")
    old = Question.objects.get(kind=Kind.SPEAKER, quote=quote)
    old_choices = list(old.choices.all())
    attempt = Attempt.objects.create(quiz=Quiz.objects.first(), session_key="s", question_count=1)
    AttemptQuestion.objects.create(
        attempt=attempt, question=old, position=0, choice_order=[c.pk for c in old_choices]
    )
    wrong = next(c for c in old_choices if not c.is_correct)
    Answer.objects.create(attempt=attempt, question=old, choice=wrong, is_correct=False)

    trump = Actor.objects.get(slug="donald-trump")
    quote.speaker = trump
    quote.save()
    report = build()

    old.refresh_from_db()
    assert old.status == Question.Status.RETIRED
    assert old.retired_at is not None
    assert report.retired >= 1
    new = Question.objects.get(kind=Kind.SPEAKER, quote=quote, status=Question.Status.PUBLISHED)
    assert next(c.text for c in new.choices.all() if c.is_correct) == "Donald Trump"
    # The attempt still shows what was asked and answered.
    item = attempt.items.get()
    assert item.question_id == old.pk
    assert [c.text for c in old.choices.all()] == [c.text for c in old_choices]
    assert attempt.answers.get().choice_id == wrong.pk


def test_a_teachers_edit_is_never_replaced_by_a_rebuild(bank):
    question = Question.objects.filter(kind=Kind.DATE).first()
    question.stem = "En quelle année ce sommet a-t-il eu lieu ?"
    question.edited = True
    question.save()
    event = question.event
    event.title = event.title + " (titre revu)"
    event.save()
    report = build()
    question.refresh_from_db()
    assert question.stem == "En quelle année ce sommet a-t-il eu lieu ?"
    assert question.status != Question.Status.RETIRED
    assert report.edited_kept == 1
    assert not Question.objects.filter(
        kind=Kind.DATE, event=event, status=Question.Status.PUBLISHED
    ).exclude(pk=question.pk)


def test_a_question_a_teacher_retired_stays_retired(bank):
    question = Question.objects.filter(kind=Kind.PLACE).first()
    question.status = Question.Status.RETIRED
    question.save()
    report = build()
    question.refresh_from_db()
    assert question.status == Question.Status.RETIRED
    assert report.created == 0


def test_unpublishing_an_event_retires_its_questions(bank):
    event = Event.objects.get(slug="sommet-de-singapour")
    event.published = False
    event.save()
    build()
    assert not Question.objects.published().filter(event=event).exists()
    assert Question.objects.filter(event=event, status=Question.Status.RETIRED).exists()


def test_an_empty_corpus_builds_an_empty_bank(db):
    report = build()
    assert (report.created, report.retired) == (0, 0)


def test_facts_that_come_back_bring_back_the_question_the_build_retired(bank):
    quote = Quote.objects.get(text__startswith="Je pense que cette rencontre")
    question = Question.objects.get(kind=Kind.SPEAKER, quote=quote)
    kim = quote.speaker
    quote.speaker = Actor.objects.get(slug="donald-trump")
    quote.save()
    build()
    question.refresh_from_db()
    assert (question.status, question.retired_by_bank) == (Question.Status.RETIRED, True)

    quote.speaker = kim
    quote.save()
    report = build()

    question.refresh_from_db()
    assert report.revived >= 1
    assert (question.status, question.retired_at) == (Question.Status.PUBLISHED, None)
    assert not question.retired_by_bank
    # The question asked in between is retired in its turn; only one asks now.
    assert Question.objects.published().filter(kind=Kind.SPEAKER, quote=quote).count() == 1


def test_a_question_a_teacher_retired_stays_retired_when_its_facts_come_back(bank):
    from quiz.review import question_retire

    quote = Quote.objects.get(text__startswith="Je pense que cette rencontre")
    question = Question.objects.get(kind=Kind.SPEAKER, quote=quote)
    question_retire(questions=Question.objects.filter(pk=question.pk))
    kim = quote.speaker
    quote.speaker = Actor.objects.get(slug="donald-trump")
    quote.save()
    build()
    quote.speaker = kim
    quote.save()
    build()
    question.refresh_from_db()
    assert question.status == Question.Status.RETIRED
    assert not Question.objects.published().filter(kind=Kind.SPEAKER, quote=quote).exists()


def _statement(
    speaker: Actor, text: str, said_on: datetime.date, about: Event | None = None
) -> Quote:
    citation = QuoteCitationFactory(
        quote__text=text, quote__speaker=speaker, quote__said_on=said_on, quote__event=about
    )
    return citation.quote


def test_publishing_one_new_quote_retires_no_question_whose_own_facts_did_not_change(bank):
    before = snapshot()
    newcomer = Actor.objects.create(slug="lee-nak-yon", name="Lee Nak-yon", kind="person")
    _statement(
        newcomer,
        "Nous ferons tout pour que la paix s'installe durablement sur la péninsule coréenne, "
        "avec nos voisins du Nord comme du Sud",
        datetime.date(2019, 4, 25),
        # Said at the summit: one of its story, whose words may be asked about.
        Event.objects.get(slug="premier-sommet-kim-poutine"),
    )

    report = build()

    assert report.retired == 0
    assert report.created > 0
    still = {row[1]: row for row in snapshot()}
    assert all(still[row[1]] == row for row in before)


def test_a_new_event_adds_questions_without_touching_unrelated_ones(bank):
    before = {q.subject: q.pk for q in Question.objects.filter(kind__in=[Kind.SPEAKER, Kind.PLACE])}
    event = EventFactory(
        slug="rencontre-de-kaesong",
        title="Rencontre de Kaesong entre Donald Trump et Kim Jong-un",
        date=datetime.date(2019, 8, 30),
        place=PlaceFactory(slug="kaesong", name="Kaesong"),
    )
    event.actors.set(Actor.objects.filter(slug__in=["donald-trump", "kim-jong-un"]))
    EventCitationFactory(event=event)
    report = build()
    assert report.created > 0
    assert Question.objects.filter(event=event, kind=Kind.DATE).exists()
    after = {
        q.subject: q.pk
        for q in Question.objects.active().filter(kind__in=[Kind.SPEAKER, Kind.PLACE])
        if q.subject in before
    }
    assert after == before


def _attempt_on(question: Question) -> Attempt:
    choices = list(question.choices.all())
    attempt = Attempt.objects.create(quiz=Quiz.objects.first(), session_key="s", question_count=1)
    AttemptQuestion.objects.create(
        attempt=attempt, question=question, position=0, choice_order=[c.pk for c in choices]
    )
    Answer.objects.create(attempt=attempt, question=question, choice=choices[0], is_correct=False)
    return attempt


def test_editing_a_published_events_date_rebuilds_its_questions_and_keeps_past_attempts(bank):
    event = Event.objects.get(slug="sommet-de-singapour")
    old = Question.objects.get(kind=Kind.DATE, event=event)
    attempt = _attempt_on(old)
    shown = [c.text for c in old.choices.all()]

    event.date = datetime.date(2018, 6, 13)
    event.save()
    build()

    old.refresh_from_db()
    assert old.status == Question.Status.RETIRED
    new = Question.objects.published().get(kind=Kind.DATE, event=event)
    assert key_of(new) == "13 juin 2018"
    assert attempt.items.get().question_id == old.pk
    assert [c.text for c in old.choices.all()] == shown
    assert "12 juin 2018" in shown


def test_editing_a_published_events_place_rebuilds_its_place_questions(bank):
    event = Event.objects.get(slug="sommet-de-hanoi")
    old = Question.objects.get(kind=Kind.PLACE, event=event)
    event.place = PlaceFactory(slug="da-nang", name="Da Nang", latitude=16.05, longitude=108.2)
    event.save()
    build()
    old.refresh_from_db()
    assert old.status == Question.Status.RETIRED
    new = Question.objects.published().get(kind=Kind.PLACE, event=event)
    assert key_of(new) == "Da Nang"


def test_editing_a_published_events_actors_rebuilds_the_questions_that_use_them(bank):
    event = Event.objects.get(slug="premier-sommet-kim-poutine")
    about_it = Question.objects.active().filter(event=event, kind__in=[Kind.DATE, Kind.PLACE])
    before = set(about_it.values_list("pk", flat=True))
    words = set(Question.objects.active().filter(kind=Kind.SPEAKER).values_list("pk", flat=True))
    event.actors.add(Actor.objects.get(slug="kremlin"))
    build()
    after = set(about_it.values_list("pk", flat=True))
    assert len(before) == 2
    assert len(after) == 2
    assert not before & after
    # Who said what did not change.
    assert (
        set(Question.objects.active().filter(kind=Kind.SPEAKER).values_list("pk", flat=True))
        == words
    )


def test_a_draft_actor_is_never_a_key_nor_a_distractor(bank):
    draft = Actor.objects.create(slug="a-verifier", name="Igor Morgoulov", is_draft=True)
    _statement(
        draft,
        "La Russie est prête à aider à résoudre la question nucléaire de la péninsule coréenne "
        "par le dialogue et la diplomatie",
        datetime.date(2019, 4, 25),
    )
    event = Event.objects.get(slug="premier-sommet-kim-poutine")
    event.actors.add(draft)
    build()
    assert not Question.objects.active().filter(choices__text="Igor Morgoulov").exists()
    assert not Question.objects.active().filter(stem__contains="Morgoulov").exists()


def test_with_review_on_new_questions_wait_as_drafts_after_the_first_build(seeded, settings):
    settings.QUIZ_REVIEW_NEW_QUESTIONS = True
    first = build()
    assert first.published > 0
    assert first.published == first.created - first.failed
    event = Event.objects.get(slug="sommet-de-singapour")
    event.date = datetime.date(2018, 6, 13)
    event.save()
    report = build()
    assert report.created > 0
    assert report.published == 0
    waiting = Question.objects.active().filter(event=event, kind=Kind.DATE).get()
    assert (waiting.status, waiting.gate_failures) == (Question.Status.DRAFT, "")


def test_a_generator_joins_the_bank_by_being_defined(seeded, monkeypatch):
    monkeypatch.setattr(generators, "GENERATORS", dict(generators.GENERATORS))
    monkeypatch.setattr(generators, "VERSIONS", dict(generators.VERSIONS))

    @generator(Kind.DATE, version=1)
    def first_event_drafts(facts, chooser):
        item = facts.events[0]
        yield Draft(
            kind=Kind.DATE,
            subject="date:test",
            facts=[item.fact()],
            stem="En quelle année ?",
            explanation="Parce que.",
            key=Option("2000", True, type="date"),
            distractors=[Option("1990", False, type="date"), Option("2010", False, type="date")],
        )

    assert any(d.subject == "date:test" for d in bank_drafts(rng=random.Random(SEED)))


def test_an_unrelated_import_changes_no_question_of_another_story(bank):
    before = snapshot()
    budapest = PlaceFactory(slug="budapest", name="Budapest", country="Hongrie")
    minister = Actor.objects.create(slug="ministre", name="Un ministre hongrois", country="Hongrie")
    for day, title in [(20, "Vote d'une loi à Budapest"), (28, "Promulgation de la loi")]:
        event = EventFactory(
            slug=f"loi-{day}", title=title, date=datetime.date(2018, 6, day), place=budapest
        )
        event.actors.set([minister])
        EventCitationFactory(event=event)

    report = build()

    # Dates of 2018 among the Korean summits: the windows of chronology and ordering questions
    # are counted within each story, so none moves.
    assert report.retired == 0
    still = {row[1]: row for row in snapshot()}
    assert all(still[row[1]] == row for row in before)
    for question in Question.objects.published().filter(kind__in=[Kind.CHRONOLOGY, Kind.ORDERING]):
        texts = {c.text for c in question.choices.all()}
        assert not texts & {"Vote d'une loi à Budapest", "Promulgation de la loi"} or texts <= {
            "Vote d'une loi à Budapest",
            "Promulgation de la loi",
        }


def stored_in_order() -> list[tuple]:
    """The generated questions in the order they were stored, with their options in place and
    their actors (primary keys left out: a sequence rolled back does not start again)."""
    return [
        (
            q.kind,
            q.subject,
            q.fingerprint,
            q.status,
            q.stem,
            q.explanation,
            q.gate_failures,
            q.event_id,
            q.quote_id,
            q.citation_id,
            tuple((c.text, c.is_correct, c.position, c.pair, c.rank) for c in q.choices.all()),
            tuple(sorted(a.pk for a in q.actors.all())),
        )
        for q in Question.objects.exclude(fingerprint="")
        .prefetch_related("choices", "actors")
        .order_by("pk")
    ]


def build_both_ways(monkeypatch) -> tuple[list[tuple], list[tuple]]:
    """The same build from the same state, stored in one batch and in batches of three."""
    monkeypatch.setattr(bank_module, "BATCH", 100_000)
    point = transaction.savepoint()
    build()
    whole = stored_in_order()
    transaction.savepoint_rollback(point)
    monkeypatch.setattr(bank_module, "BATCH", 3)
    build()
    return whole, stored_in_order()


@pytest.fixture
def varied(seeded):
    """The seeded stories and a factory-made corpus around them: several sources, places and
    actors, events a few days apart, quotations with citations."""
    bulk_corpus(events=40, quotes_per_event=2, actors=8, start_year=2015)


def test_a_first_build_stored_batch_by_batch_is_the_bank_stored_at_once(varied, monkeypatch):
    whole, batched = build_both_ways(monkeypatch)
    assert len(whole) > 50
    assert batched == whole
    # The questions are stored in the order the generators draft them.
    drafted = list(dict.fromkeys(d.fingerprint for d in bank_drafts(rng=random.Random(SEED))))
    assert [row[2] for row in batched] == drafted


def test_a_rebuild_that_retires_and_adds_stores_the_same_bank_batch_by_batch(varied, monkeypatch):
    build()
    event = Event.objects.get(slug="sommet-de-singapour")
    event.date = datetime.date(2018, 6, 13)
    event.save()
    Event.objects.filter(pk__in=Event.objects.order_by("-pk").values("pk")[:5]).update(
        published=False
    )

    whole, batched = build_both_ways(monkeypatch)

    assert batched == whole
    after = Question.objects.exclude(fingerprint="")
    assert after.filter(status=Question.Status.RETIRED).exists()
    assert after.filter(event=event).exclude(status=Question.Status.RETIRED).exists()


def test_the_fact_base_holds_one_instance_per_source_and_place(varied):
    facts = facts_load()
    citations = [c for item in facts.events for c in item.citations]
    citations += [item.citation for item in facts.quotes if item.citation is not None]
    by_source: dict[int, set[int]] = {}
    for citation in citations:
        by_source.setdefault(citation.source_id, set()).add(id(citation.source))
    assert len(by_source) > 1
    assert all(len(instances) == 1 for instances in by_source.values())
    assert {id(s) for s in facts.sources} == {i for found in by_source.values() for i in found}
    places = {id(place) for place in facts.places}
    assert all(
        id(item.event.place) in places for item in facts.events if item.event.place_id is not None
    )


def test_the_build_empties_its_text_caches_as_it_goes(varied, monkeypatch):
    monkeypatch.setattr(bank_module, "BATCH", 5)
    trims = []
    trim = bank_module._text_caches_trim
    monkeypatch.setattr(bank_module, "_text_caches_trim", lambda: (trims.append(1), trim()))
    build()
    stored = Question.objects.exclude(fingerprint="").count()
    assert stored > 50
    # Every stem goes through the gates: kept, they would fill the caches with the whole bank.
    # They are emptied batch after batch, and what is left is about one batch's texts.
    assert len(trims) >= stored // 5 // 2
    assert gates_module.normalize.cache_info().currsize < 1000
    assert facts_module.normalize.cache_info().currsize < 1000


def report_of(report) -> tuple:
    return (
        report.created,
        report.published,
        report.failed,
        report.kept,
        report.retired,
        report.revived,
        report.edited_kept,
        report.lines,
    )


def test_a_rebuild_looked_up_a_few_drafts_at_a_time_sorts_them_as_all_at_once(varied, monkeypatch):
    build()
    edited = Question.objects.filter(kind=Kind.DATE).order_by("pk").first()
    Question.objects.filter(pk=edited.pk).update(edited=True, stem="Quand était-ce ?")
    Event.objects.filter(pk=edited.event_id).update(date=datetime.date(2000, 1, 3))
    Event.objects.filter(pk__in=Event.objects.order_by("-pk").values("pk")[:3]).update(
        published=False
    )
    point = transaction.savepoint()
    monkeypatch.setattr(bank_module, "BATCH", 100_000)
    at_once = report_of(build())
    whole = stored_in_order()
    transaction.savepoint_rollback(point)
    monkeypatch.setattr(bank_module, "BATCH", 3)
    monkeypatch.setattr(bank_module, "LOOKUP", 2)
    monkeypatch.setattr(bank_module, "WINDOW", 3)
    monkeypatch.setattr(bank_module, "WINDOWS", 2)
    assert report_of(build()) == at_once
    assert stored_in_order() == whole
    assert at_once[4] > 0  # some retired
    assert at_once[6] == 1  # the edited question kept, and reported


def test_what_each_question_shows_is_read_the_same_a_few_questions_at_a_time(varied, monkeypatch):
    build()
    statement = Question.objects.filter(kind=Kind.TRUE_FALSE).first()
    subjects = list(
        Question.objects.active().exclude(fingerprint="").values_list("subject", flat=True)
    )
    whole = bank_module._shown_distractors()
    seen = {subject: whole.get(subject) for subject in subjects}
    monkeypatch.setattr(bank_module, "WINDOW", 2)
    monkeypatch.setattr(bank_module, "WINDOWS", 1)
    windowed = bank_module._shown_distractors()
    # Asked out of order, so that windows are read again.
    assert {subject: windowed.get(subject) for subject in reversed(subjects)} == seen
    assert seen[statement.subject].stem == statement.stem
    assert seen[statement.subject].options == set()
    date = Question.objects.filter(kind=Kind.DATE).first()
    assert seen[date.subject].options == {
        normalize(c.text) for c in date.choices.filter(is_correct=False)
    }
    # Every option of a question with several right answers; none of a matching one.
    multiple = Question.objects.filter(kind=Kind.MULTIPLE).first()
    assert seen[multiple.subject].options == {normalize(c.text) for c in multiple.choices.all()}
    matching = Question.objects.filter(kind=Kind.MATCHING).first()
    assert seen[matching.subject] is None
    assert windowed.get("date:event:0") is None
    assert set(windowed) == {subject for subject, shown in seen.items() if shown is not None}


def test_the_questions_found_again_are_told_apart_by_their_ids():
    ids = bank_module._Ids()
    for pk in (1, 7, 8, 9, 4096, 130_001):
        ids.add(pk)
    assert all(pk in ids for pk in (1, 7, 8, 9, 4096, 130_001))
    assert not any(pk in ids for pk in (0, 2, 6, 10, 4095, 4097, 130_000, 10**9))


def test_the_cycle_collector_runs_again_after_a_build_and_after_a_failed_one(varied, monkeypatch):
    build()
    assert gc.isenabled()

    def broken(*args, **kwargs):
        assert not gc.isenabled()
        raise RuntimeError("broken generator")

    monkeypatch.setattr(bank_module, "drafts_make", broken)
    with pytest.raises(RuntimeError):
        build()
    assert gc.isenabled()


def test_a_build_leaves_the_cycle_collector_off_when_it_was_off(varied):
    gc.disable()
    try:
        build()
        assert not gc.isenabled()
    finally:
        gc.enable()

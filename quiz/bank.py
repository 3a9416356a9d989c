"""The question bank: multiple-choice questions generated from the published content.

``question_bank_build`` reads the published events and quotations once (the *fact base*), asks
every generator for its drafts, runs the quality gates on each, and reconciles the drafts with
the stored questions through their fingerprints:

- a question whose fingerprint is still produced is kept as it is (so are the attempts on it);
- a generated question whose facts changed or vanished is retired, never deleted;
- a new fingerprint becomes a new question, published when it passes every gate, left as a
  draft with the reasons otherwise;
- a question a teacher edited is never replaced; a change of its facts is reported.

Randomness comes from the injected ``rng`` only: one salt is drawn from it, and every choice a
generator makes is ranked by a hash of that salt and what is being chosen. The same content and
seed give the same bank. A fingerprint covers the facts a question asserts and those its
distractors rely on, and the distractors a stored question shows are chosen again while they stay
valid: a new actor or event entering a pool retires no question whose own facts did not change,
while an edited date, speaker, place or list of actors rebuilds every question using it.

With ``QUIZ_REVIEW_NEW_QUESTIONS`` on, questions made once the bank exists wait as drafts for a
teacher (their gate failures empty: « nouvelles questions à relire »).
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import itertools
import operator
import random
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, TypeVar

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from quiz import facts as facts_module
from quiz import gates as gates_module
from quiz.facts import facts_load
from quiz.gates import Option
from quiz.generators import OPTIONS, Chooser, Draft, Shown, drafts_make
from quiz.models import Choice, Kind, Question
from summit.rows import rows_insert
from summit.text import normalize

T = TypeVar("T")
# The steps question_bank_build reports to its progress callback.
BUILD_STEPS = 4


@dataclass
class BankReport:
    created: int = 0
    published: int = 0
    failed: int = 0
    kept: int = 0
    retired: int = 0
    revived: int = 0
    edited_kept: int = 0
    lines: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.retired or self.revived)

    def summary(self) -> str:
        return _(
            "Banque de questions : %(created)d créée(s) dont %(published)d publiée(s) et "
            "%(failed)d à revoir, %(kept)d inchangée(s), %(retired)d retirée(s), "
            "%(revived)d reprise(s), %(edited)d modifiée(s) à la main gardée(s)."
        ) % {
            "created": self.created,
            "published": self.published,
            "failed": self.failed,
            "kept": self.kept,
            "retired": self.retired,
            "revived": self.revived,
            "edited": self.edited_kept,
        }


class PositionBalancer:
    """Puts each new key where keys have been least often so far, for each number of options."""

    def __init__(self, chooser: Chooser, taken: Iterable[tuple[int, int]]) -> None:
        self.chooser = chooser
        self.counts: dict[int, list[int]] = defaultdict(lambda: [0] * OPTIONS)
        for count, position in taken:
            if 0 <= position < count <= OPTIONS:
                self.counts[count][position] += 1

    def place(self, subject: str, count: int) -> int:
        counts = self.counts[count][:count]
        least = min(counts)
        positions = [p for p, n in enumerate(counts) if n == least]
        position = min(positions, key=lambda p: self.chooser.rank(subject, "position", p))
        self.counts[count][position] += 1
        return position


def bank_drafts(*, rng: random.Random) -> list[Draft]:
    """Every draft the generators make from the published content, in a stable order."""
    with translation.override("fr"):
        return list(drafts_make(facts_load(), Chooser(rng.getrandbits(64), _shown_distractors())))


def _option_order(draft: Draft, position: int) -> list[Option]:
    if draft.fixed is not None:
        return list(draft.fixed)
    options = list(draft.distractors)
    options.insert(min(position, len(options)), draft.key)
    return options


class _ShownBefore(Mapping[str, Shown]):
    """What each active generated question shows, by subject: its wrong options (all of them
    for several right answers: a newcomer changes neither set), and the stem of a true/false
    statement (which names the falsified value).

    Read from the database a window of questions at a time rather than held whole: the drafts
    come in the order their questions were stored, so the windows are read one after the other.
    An index of the subjects in use, a hash and an id each, tells at once that a subject has no
    question, and where to read the one it has."""

    def __init__(self) -> None:
        self._questions = Question.objects.active().exclude(fingerprint="")
        pairs = sorted(
            (hash(subject), pk)
            for subject, pk in self._questions.values_list("subject", "pk").iterator(
                chunk_size=CHUNK
            )
        )
        self._hashes = array("q", (h for h, _pk in pairs))
        self._ids = array("q", (pk for _h, pk in pairs))
        del pairs
        # The last windows read: (first id, last id, what each question there shows).
        self._windows: list[tuple[int, int, dict[int, _ShownRow]]] = []

    def __getitem__(self, subject: str) -> Shown:
        options: dict[str, None] = {}
        stem: str | None = None
        index = bisect.bisect_left(self._hashes, hash(subject))
        while index < len(self._hashes) and self._hashes[index] == hash(subject):
            row = self._row(self._ids[index])
            index += 1
            if row is None or row.subject != subject:
                continue
            options.update(dict.fromkeys(row.options))
            if row.stem is not None:
                stem = row.stem
        if not options and stem is None:
            raise KeyError(subject)
        return Shown(options=set(options), stem=stem or "")

    def __iter__(self) -> Iterator[str]:
        rows = (self._row(pk) for pk in sorted(self._ids))
        subjects = dict.fromkeys(row.subject for row in rows if row is not None)
        return iter([subject for subject in subjects if subject in self])

    def __len__(self) -> int:
        return sum(1 for _subject in self)

    def __bool__(self) -> bool:
        # Without reading every window: no question in use, nothing shown.
        return bool(self._ids)

    def _row(self, pk: int) -> _ShownRow | None:
        for first, last, rows in self._windows:
            if first <= pk <= last:
                return rows.get(pk)
        rows = self._window(pk)
        self._windows = [(pk, max(rows, default=pk), rows), *self._windows[: WINDOWS - 1]]
        return rows.get(pk)

    def _window(self, first: int) -> dict[int, _ShownRow]:
        """What the next ``WINDOW`` questions from ``first`` on show, by id."""
        questions = list(
            self._questions.filter(pk__gte=first)
            .order_by("pk")
            .values_list("pk", "subject")[:WINDOW]
        )
        if not questions:
            return {}
        last = questions[-1][0]
        options: dict[int, list[str]] = defaultdict(list)
        choices = (
            Choice.objects.filter(question__in=self._questions.filter(pk__range=(first, last)))
            .filter(Q(is_correct=False) | Q(question__kind=Kind.MULTIPLE))
            .exclude(question__kind=Kind.TRUE_FALSE)
            .values_list("question_id", "text")
        )
        # Names and dates come back from question to question: each normalized once.
        normalized: dict[str, str] = {}
        for question_id, text in choices:
            key = normalized.get(text)
            if key is None:
                key = normalized[text] = normalize(text)
            options[question_id].append(key)
        statements = self._questions.filter(kind=Kind.TRUE_FALSE, pk__range=(first, last))
        stems = dict(statements.values_list("pk", "stem"))
        return {
            pk: _ShownRow(subject, tuple(dict.fromkeys(options.get(pk, ()))), stems.get(pk))
            for pk, subject in questions
        }


class _ShownRow(NamedTuple):
    subject: str
    options: tuple[str, ...]
    # Only for a true/false statement.
    stem: str | None


def _shown_distractors() -> _ShownBefore:
    """What each active generated question shows, by subject."""
    return _ShownBefore()


class _Ids:
    """A set of primary keys held as one bit each: a rebuild finds again as many questions as
    the bank holds, and a set of integers would cost some 80 bytes for each."""

    def __init__(self) -> None:
        self._bits = bytearray()

    def add(self, pk: int) -> None:
        index = pk >> 3
        if index >= len(self._bits):
            self._bits.extend(bytes(index + 1 - len(self._bits)))
        self._bits[index] |= 1 << (pk & 7)

    def __contains__(self, pk: int) -> bool:
        index = pk >> 3
        return index < len(self._bits) and bool(self._bits[index] & 1 << (pk & 7))


class _Reconciler:
    """Sorts a rebuild's drafts, batch by batch in the order they come, against the stored
    generated questions, looked up by fingerprint in the database rather than held in memory:
    a draft whose fingerprint is stored marks every question with it as still produced; a new
    one is kept for later, unless a teacher edited the question of its subject."""

    def __init__(self, generated: QuerySet[Question]) -> None:
        self.generated = generated
        self.edited_subjects = set(
            generated.active().filter(edited=True).values_list("subject", flat=True)
        )
        # The stored questions whose fingerprint the drafts still give.
        self.wanted = _Ids()
        self.made_again = 0
        self.new: list[Draft] = []
        self.pending: list[Draft] = []

    def add(self, draft: Draft) -> None:
        self.pending.append(draft)
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        stored: set[str] = set()
        fingerprints = list(dict.fromkeys(draft.fingerprint for draft in self.pending))
        for chunk in _chunks(fingerprints, LOOKUP):
            found = self.generated.filter(fingerprint__in=chunk).values_list("fingerprint", "pk")
            for fingerprint, pk in found:
                stored.add(fingerprint)
                self.wanted.add(pk)
        for draft in self.pending:
            if draft.fingerprint in stored:
                self.made_again += 1
            elif draft.subject not in self.edited_subjects:
                self.new.append(draft)
        self.pending = []


def question_bank_build(
    *, rng: random.Random, progress: Callable[[int, int], None] | None = None
) -> BankReport:
    """Bring the stored bank in line with the published content, in one transaction.

    The drafts are read one at a time and never held whole: the first build stores the new
    questions batch by batch as they come; a rebuild looks them up batch by batch among the
    stored questions and keeps only the new ones until the questions gone are retired (the key
    positions are balanced against the questions still in use).

    `progress(done, total)` is told of each of the build's steps (for the teacher's job page)."""
    report = BankReport()
    step = progress or (lambda done, total: None)
    with translation.override("fr"), transaction.atomic(), _collector_paused():
        step(0, BUILD_STEPS)
        chooser = Chooser(rng.getrandbits(64), _shown_distractors())
        facts = facts_load()
        step(1, BUILD_STEPS)
        generated = Question.objects.exclude(fingerprint="")
        rebuild = generated.exists()
        # The first build publishes at once; later ones may wait for a teacher.
        review = rebuild and settings.QUIZ_REVIEW_NEW_QUESTIONS
        writer = _Writer(chooser, report, review=review)
        reconciler = _Reconciler(generated)
        for made, draft in enumerate(drafts_make(facts, chooser), start=1):
            if made % BATCH == 0:
                _text_caches_trim()
            if rebuild:
                reconciler.add(draft)
            else:
                # Nothing to retire first: the draft is stored with its batch.
                writer.add(draft)
        reconciler.flush()
        writer.flush()
        del facts
        step(2, BUILD_STEPS)
        if rebuild:
            _reconcile(generated, reconciler, report)
        step(3, BUILD_STEPS)
        for draft in reconciler.new:
            writer.add(draft)
        writer.flush()
        step(BUILD_STEPS, BUILD_STEPS)
    return report


def _reconcile(generated: QuerySet[Question], reconciler: _Reconciler, report: BankReport) -> None:
    """Retire the stored questions no draft gives any more, bring back those the build had
    retired whose facts came back, and report the edited ones whose facts changed."""
    wanted = reconciler.wanted
    active = generated.active()
    kept = active.filter(edited=False).order_by("pk")
    retire = [
        pk
        for pk in kept.values_list("pk", flat=True).iterator(chunk_size=CHUNK)
        if pk not in wanted
    ]
    # Facts that come back to what they were bring back the question the build retired.
    retired = generated.filter(status=Question.Status.RETIRED, retired_by_bank=True).order_by("pk")
    revive = [
        pk
        for pk, subject in retired.values_list("pk", "subject").iterator(chunk_size=CHUNK)
        if pk in wanted and subject not in reconciler.edited_subjects
    ]
    # Reported in the order of the bank (kind, then id).
    edited = active.filter(edited=True).values_list("pk", flat=True)
    changed = [pk for pk in edited.iterator(chunk_size=CHUNK) if pk not in wanted]
    now = timezone.now()
    for chunk in _chunks(retire, 500):
        Question.objects.filter(pk__in=chunk).update(
            status=Question.Status.RETIRED, retired_at=now, retired_by_bank=True
        )
    report.retired = len(retire)
    for chunk in _chunks(revive, 500):
        back = Question.objects.filter(pk__in=chunk)
        back.filter(gate_failures="").update(
            status=Question.Status.PUBLISHED, retired_at=None, retired_by_bank=False
        )
        back.exclude(gate_failures="").update(
            status=Question.Status.DRAFT, retired_at=None, retired_by_bank=False
        )
    report.revived = len(revive)
    for pk in changed:
        report.edited_kept += 1
        report.lines.append(
            _(
                "Question %(pk)d modifiée à la main : ses faits ont changé depuis, "
                "elle est gardée telle quelle (à vérifier)."
            )
            % {"pk": pk}
        )
    report.kept = reconciler.made_again - len(revive)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector for the build: the fact base and the generators' indexes
    are millions of objects that live until the end, with next to no reference cycles among
    them, and the collector's full passes over them were a sixth of the build's time for nothing.
    Nor do the drafts make cycles (collections batch after batch found none): what the build
    drops is freed at once, and nothing is left to collect before the end."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _text_caches_trim() -> None:
    """Empty the caches of normalized text the facts and the gates fill: they help within a
    few questions (names, dates, titles), while every stem and quotation of a large bank kept
    in them would double the build's memory."""
    facts_module.normalize.cache_clear()
    gates_module.normalize.cache_clear()


def _key_positions() -> Iterator[tuple[int, int]]:
    """(number of options, position of the key) of every single-answer generated question still
    in use, read question after question."""
    rows = (
        Choice.objects.filter(question__in=Question.objects.active().exclude(fingerprint=""))
        .order_by("question_id", "position", "id")
        .values_list("question_id", "position", "is_correct")
    )
    for _question, options in itertools.groupby(
        rows.iterator(chunk_size=CHUNK), key=operator.itemgetter(0)
    ):
        count = 0
        keys: list[int] = []
        for _id, position, is_correct in options:
            count += 1
            if is_correct:
                keys.append(position)
        if len(keys) == 1:
            yield count, keys[0]


def _chunks(items: Sequence[T], size: int) -> Iterable[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# Questions stored at a time (with their options and actors), and drafts looked up at a time;
# the text caches are emptied as often (at 2,000 they held some 13 MB more at the build's peak).
BATCH = 500
# Fingerprints looked up in one query, and stored rows read at a time.
LOOKUP = 500
CHUNK = 10_000
# Questions whose options a rebuild reads at a time, and windows of them kept.
WINDOW = 2000
WINDOWS = 4


class _Writer:
    """Stores new questions batch by batch, in the order they come: options placed by the
    balancer, gates run, then the rows inserted."""

    def __init__(self, chooser: Chooser, report: BankReport, *, review: bool) -> None:
        self.chooser = chooser
        self.report = report
        self.review = review
        self.pending: list[Draft] = []
        self.balancer: PositionBalancer | None = None

    def add(self, draft: Draft) -> None:
        self.pending.append(draft)
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        if self.balancer is None:
            # Read once, before the first new question: the keys of the questions in use.
            self.balancer = PositionBalancer(self.chooser, _key_positions())
        _create(self.pending, self.balancer, self.report, review=self.review)
        self.pending = []


def _create(
    drafts: list[Draft], balancer: PositionBalancer, report: BankReport, *, review: bool
) -> None:
    """Store the new questions with their options and actors."""
    # Each question's columns by name, in one order for all (the order of the literal below).
    questions: list[dict[str, object]] = []
    option_lists: list[list[Option]] = []
    for draft in drafts:
        count = len(draft.distractors) + 1
        if draft.fixed is None and count <= OPTIONS:
            position = balancer.place(draft.subject, count)
        else:
            position = 0
        options = _option_order(draft, position)
        failures = draft.failures(options)
        published = not failures and not review
        questions.append(
            {
                "kind": draft.kind,
                "stem": draft.stem,
                "explanation": draft.explanation,
                "status": Question.Status.PUBLISHED if published else Question.Status.DRAFT,
                "event": draft.event.pk if draft.event else None,
                "quote": draft.quote.pk if draft.quote else None,
                "citation": draft.citation.pk if draft.citation else None,
                "subject": draft.subject,
                "fingerprint": draft.fingerprint,
                "gate_failures": "\n".join(failures),
            }
        )
        option_lists.append(options)
        report.created += 1
        if failures:
            report.failed += 1
        elif published:
            report.published += 1
    ids = rows_insert(
        model=Question,
        fields=list(questions[0]),
        rows=[tuple(question.values()) for question in questions],
        returning=True,
    )
    rows_insert(
        model=Choice,
        fields=["question", "text", "is_correct", "position", "pair", "rank"],
        rows=(
            (pk, option.text, option.is_correct, i, option.pair, option.rank)
            for pk, options in zip(ids, option_lists, strict=True)
            for i, option in enumerate(options)
        ),
    )
    rows_insert(
        model=Question.actors.through,
        fields=["question", "actor"],
        rows=(
            (pk, actor_id)
            for pk, draft in zip(ids, drafts, strict=True)
            for actor_id in dict.fromkeys(a.pk for a in draft.actors)
        ),
    )

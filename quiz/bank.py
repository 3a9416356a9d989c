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
seed give the same bank, and a new event changes only the questions it could take part in.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, TypeVar

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from quiz.facts import facts_load
from quiz.gates import Option
from quiz.generators import OPTIONS, Chooser, Draft, drafts_make
from quiz.models import Choice, Question

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
        return drafts_make(facts_load(), Chooser(rng.getrandbits(64)))


def _option_order(draft: Draft, position: int) -> list[Option]:
    key = Option(
        draft.key.text, True, draft.key.aliases, type=draft.key.type, precision=draft.key.precision
    )
    options = list(draft.distractors)
    options.insert(min(position, len(options)), key)
    return options


class _Stored(NamedTuple):
    pk: int
    subject: str
    fingerprint: str
    status: str
    edited: bool
    retired_by_bank: bool

    @property
    def active(self) -> bool:
        return self.status != Question.Status.RETIRED


def question_bank_build(
    *, rng: random.Random, progress: Callable[[int, int], None] | None = None
) -> BankReport:
    """Bring the stored bank in line with the published content, in one transaction.

    `progress(done, total)` is told of each of the build's steps (for the teacher's job page)."""
    report = BankReport()
    step = progress or (lambda done, total: None)
    with translation.override("fr"), transaction.atomic():
        step(0, BUILD_STEPS)
        chooser = Chooser(rng.getrandbits(64))
        facts = facts_load()
        step(1, BUILD_STEPS)
        drafts = drafts_make(facts, chooser)
        step(2, BUILD_STEPS)
        stored = [
            _Stored(*row)
            for row in Question.objects.exclude(fingerprint="").values_list(
                "pk", "subject", "fingerprint", "status", "edited", "retired_by_bank"
            )
        ]
        known = {row.fingerprint for row in stored}
        wanted = {draft.fingerprint for draft in drafts}
        edited_subjects = {row.subject for row in stored if row.edited and row.active}
        now = timezone.now()

        retire = [
            row.pk
            for row in stored
            if row.active and row.fingerprint not in wanted and not row.edited
        ]
        for chunk in _chunks(retire, 500):
            Question.objects.filter(pk__in=chunk).update(
                status=Question.Status.RETIRED, retired_at=now, retired_by_bank=True
            )
        report.retired = len(retire)

        # Facts that come back to what they were bring back the question the build retired.
        revive = [
            row.pk
            for row in stored
            if row.retired_by_bank
            and not row.active
            and row.fingerprint in wanted
            and row.subject not in edited_subjects
        ]
        for chunk in _chunks(revive, 500):
            back = Question.objects.filter(pk__in=chunk)
            back.filter(gate_failures="").update(
                status=Question.Status.PUBLISHED, retired_at=None, retired_by_bank=False
            )
            back.exclude(gate_failures="").update(
                status=Question.Status.DRAFT, retired_at=None, retired_by_bank=False
            )
        report.revived = len(revive)
        step(3, BUILD_STEPS)

        for row in stored:
            if row.edited and row.active and row.fingerprint not in wanted:
                report.edited_kept += 1
                report.lines.append(
                    _(
                        "Question %(pk)d modifiée à la main : ses faits ont changé depuis, "
                        "elle est gardée telle quelle (à vérifier)."
                    )
                    % {"pk": row.pk}
                )
        new = [d for d in drafts if d.fingerprint not in known and d.subject not in edited_subjects]
        report.kept = sum(1 for d in drafts if d.fingerprint in known) - len(revive)
        if new:
            balancer = PositionBalancer(chooser, _key_positions())
            _create(new, balancer, report)
        step(BUILD_STEPS, BUILD_STEPS)
    return report


def _key_positions() -> list[tuple[int, int]]:
    """(number of options, position of the key) of every generated question still in use."""
    counts: dict[int, int] = defaultdict(int)
    keys: dict[int, int] = {}
    rows = Choice.objects.filter(
        question__in=Question.objects.active().exclude(fingerprint="")
    ).values_list("question_id", "position", "is_correct")
    for question_id, position, is_correct in rows.iterator(chunk_size=10_000):
        counts[question_id] += 1
        if is_correct:
            keys[question_id] = position
    return [(counts[question_id], position) for question_id, position in keys.items()]


def _chunks(items: Sequence[T], size: int) -> Iterable[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _create(drafts: list[Draft], balancer: PositionBalancer, report: BankReport) -> None:
    """Store the new questions with their options and actors.

    Rows go in as plain parameter lists rather than model instances, which would be most of the
    build time of a large bank; the new questions' ids are then read back by fingerprint.
    """
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    rows = []
    option_lists: list[list[Option]] = []
    for draft in drafts:
        count = len(draft.distractors) + 1
        position = balancer.place(draft.subject, count) if count <= OPTIONS else 0
        options = _option_order(draft, position)
        failures = draft.failures(options)
        status = Question.Status.DRAFT if failures else Question.Status.PUBLISHED
        rows.append(
            (
                str(draft.kind),
                draft.stem,
                draft.explanation,
                str(status),
                draft.event.pk if draft.event else None,
                draft.quote.pk if draft.quote else None,
                draft.citation.pk if draft.citation else None,
                draft.subject,
                draft.fingerprint,
                "\n".join(failures),
                False,
                False,
                now,
                now,
            )
        )
        option_lists.append(options)
        report.created += 1
        if failures:
            report.failed += 1
        else:
            report.published += 1
    _insert_rows(
        Question,
        [
            "kind",
            "stem",
            "explanation",
            "status",
            "event_id",
            "quote_id",
            "citation_id",
            "subject",
            "fingerprint",
            "gate_failures",
            "edited",
            "retired_by_bank",
            "created_at",
            "updated_at",
        ],
        rows,
    )
    ids: dict[str, int] = {}
    fingerprints = [draft.fingerprint for draft in drafts]
    for chunk in _chunks(fingerprints, 500):
        ids.update(Question.objects.filter(fingerprint__in=chunk).values_list("fingerprint", "pk"))
    _insert_rows(
        Choice,
        ["question_id", "text", "is_correct", "position"],
        (
            (ids[draft.fingerprint], option.text, option.is_correct, i)
            for draft, options in zip(drafts, option_lists, strict=True)
            for i, option in enumerate(options)
        ),
    )
    _insert_rows(
        Question.actors.through,
        ["question_id", "actor_id"],
        (
            (ids[draft.fingerprint], actor_id)
            for draft in drafts
            for actor_id in dict.fromkeys(a.pk for a in draft.actors)
        ),
    )


def _insert_rows(model: type[Model], fields: list[str], rows: Iterable[tuple[object, ...]]) -> None:
    meta = model._meta
    columns = [meta.get_field(name.removesuffix("_id")).column for name in fields]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(meta.db_table), ", ".join(map(quote, columns)), ", ".join(["%s"] * len(columns))
    )
    batch: list[tuple[object, ...]] = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(row)
            if len(batch) == 5000:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)

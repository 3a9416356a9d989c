"""A teacher's review of the question bank: checking, publishing, retiring.

The admin calls these; they hold the one rule that matters here: a question that fails a
quality gate is never published.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from quiz.gates import Option, option_failures
from quiz.models import Question, kind_convention_failures


@dataclass
class PublishReport:
    published: list[Question] = field(default_factory=list)
    refused: list[tuple[Question, list[str]]] = field(default_factory=list)


def question_failures(question: Question) -> list[str]:
    """The gates the question fails now.

    The gates on the stem and options are run again over its current options, with the
    conventions of its kind (several right answers, true/false, pairs, ranks). A generated
    question the teacher has not touched also keeps what the generator found against the fact
    base (a distractor that is true, of another type…), which only the generator can check;
    once a teacher edits it, the teacher vouches for the facts.
    """
    choices = list(question.choices.all())
    options = [
        Option(text=choice.text, is_correct=choice.is_correct, pair=choice.pair, rank=choice.rank)
        for choice in choices
    ]
    failures = kind_convention_failures(question.kind, choices)
    failures += [
        failure
        for failure in option_failures(question.stem, options, kind=question.kind)
        if failure not in failures
    ]
    if question.is_generated and not question.edited:
        failures += [line for line in question.gate_failure_list if line not in failures]
    return failures


def question_publish(*, questions: QuerySet[Question]) -> PublishReport:
    """Publishes the questions that pass every gate; the others keep (or fall back to) draft
    with their reasons stored."""
    report = PublishReport()
    now = timezone.now()
    changed: list[Question] = []
    for question in questions.prefetch_related("choices"):
        failures = question_failures(question)
        question.gate_failures = "\n".join(failures)
        question.updated_at = now
        if failures:
            report.refused.append((question, failures))
            if question.status == Question.Status.PUBLISHED:
                question.status = Question.Status.DRAFT
        else:
            report.published.append(question)
            question.status = Question.Status.PUBLISHED
            question.retired_at = None
            question.retired_by_bank = False
        changed.append(question)
    Question.objects.bulk_update(
        changed,
        ["gate_failures", "status", "retired_at", "retired_by_bank", "updated_at"],
        batch_size=500,
    )
    return report


def question_retire(*, questions: QuerySet[Question]) -> int:
    """Retires the questions: no new attempt draws them; past attempts keep them. A rebuild
    of the bank leaves them retired."""
    now = timezone.now()
    return questions.exclude(status=Question.Status.RETIRED, retired_by_bank=False).update(
        status=Question.Status.RETIRED, retired_at=now, retired_by_bank=False, updated_at=now
    )


def question_reopen(*, questions: QuerySet[Question]) -> int:
    """Sends the questions back to draft, to be reviewed and published again."""
    return questions.exclude(status=Question.Status.DRAFT).update(
        status=Question.Status.DRAFT,
        retired_at=None,
        retired_by_bank=False,
        updated_at=timezone.now(),
    )


def question_edit_check(*, question: Question, content_changed: bool) -> list[str]:
    """After a teacher saved the question and its options: record the edit, run the gates.

    A generated question whose stem, explanation or options changed is marked as edited so
    that rebuilding the bank keeps it. A failing question cannot stay published: it falls back
    to draft. Returns the failures.
    """
    if content_changed and question.is_generated:
        question.edited = True
    failures = question_failures(question)
    question.gate_failures = "\n".join(failures)
    if failures and question.status == Question.Status.PUBLISHED:
        question.status = Question.Status.DRAFT
    if question.status == Question.Status.RETIRED:
        question.retired_at = question.retired_at or timezone.now()
    else:
        question.retired_at = None
        question.retired_by_bank = False
    question.save(
        update_fields=[
            "edited",
            "gate_failures",
            "status",
            "retired_at",
            "retired_by_bank",
            "updated_at",
        ]
    )
    return failures

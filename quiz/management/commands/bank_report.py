"""``python manage.py bank_report [--all] [--kind KIND]``: every published question (with
``--all``, drafts and retired ones too) with its options, key, explanation and gate results, then
the count per kind: the document a teacher or a reviewer grades the bank from."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from quiz.gates import Option, option_failures
from quiz.models import GENERATED_KINDS, Kind, Question

UNKNOWN_KIND = _lazy("Type de question inconnu : « %(kind)s ». Types possibles : %(kinds)s.")


def _option_line(choice: Any, kind: str) -> str:
    if kind == Kind.MATCHING:
        return f"    - {choice.text}  →  {choice.pair}"
    if kind == Kind.ORDERING:
        return f"    {choice.rank}. {choice.text}"
    mark = "[x]" if choice.is_correct else "[ ]"
    return f"    {mark} {choice.text}"


def question_failures(question: Question) -> list[str]:
    """The gates the question fails now, for its kind, with what the generator found against the
    facts while the question is as generated."""
    options = [
        Option(c.text, c.is_correct, pair=c.pair, rank=c.rank) for c in question.choices.all()
    ]
    failures = option_failures(question.stem, options, kind=question.kind)
    if question.is_generated and not question.edited:
        failures += [line for line in question.gate_failure_list if line not in failures]
    return failures


class Command(BaseCommand):
    help = _(
        "Affiche les questions publiées, leurs options, la clé, l'explication et les contrôles."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--all", action="store_true", help=_("Aussi les brouillons et les questions retirées.")
        )
        parser.add_argument("--kind", help=_("Un seul type de question (speaker, date, …)."))

    def handle(self, *args: Any, **options: Any) -> None:
        kind = options.get("kind")
        if kind and kind not in Kind.values:
            raise CommandError(str(UNKNOWN_KIND) % {"kind": kind, "kinds": ", ".join(Kind.values)})
        questions = Question.objects.prefetch_related("choices").select_related(
            "event", "quote__speaker"
        )
        if not options["all"]:
            questions = questions.published()
        if kind:
            questions = questions.filter(kind=kind)
        counts: Counter[tuple[str, str]] = Counter()
        with translation.override("fr"):
            for question in questions.order_by("kind", "pk"):
                counts[(question.kind, question.status)] += 1
                self._question(question)
            self.stdout.write(_("Par type :"))
            kinds = [k for k in [*GENERATED_KINDS, Kind.MANUAL] if not kind or k == kind]
            total: Counter[str] = Counter()
            for each in kinds:
                row = {status: counts[(each, status)] for status in Question.Status.values}
                total.update(row)
                if any(row.values()):
                    self.stdout.write(f"  {each:<12} " + self._counts(row))
            self.stdout.write(f"  {'total':<12} " + self._counts(total))

    def _counts(self, row: dict[str, int]) -> str:
        return (
            ", ".join(
                f"{row[status]} {label}" for status, label in Question.Status.choices if row[status]
            )
            or "0"
        )

    def _question(self, question: Question) -> None:
        write = self.stdout.write
        write(f"#{question.pk} [{question.kind}] ({question.get_status_display()})")
        write(f"  {question.stem}")
        for choice in question.choices.all():
            write(_option_line(choice, question.kind))
        keys = [c.text for c in question.choices.all() if c.is_correct]
        if question.kind not in (Kind.MATCHING, Kind.ORDERING):
            write("  " + _("Clé : %s") % " | ".join(keys))
        write("  " + _("Explication : %s") % question.explanation)
        failures = question_failures(question)
        if failures:
            write("  " + _("Contrôles : ÉCHEC"))
            for failure in failures:
                write(f"    ! {failure}")
        else:
            write("  " + _("Contrôles : tous passés"))
        write("")

"""``manage.py seed``: load the seed corpus and build the question bank, idempotent and atomic,
keeping teachers' edits and deletions."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from quiz.bank import question_bank_build
from seeds.loader import DEFAULT_CORPUS, CorpusError, corpus_load


class Command(BaseCommand):
    help = (
        "Load the corpus (sources, actors, places, events with their evidence, every quotation "
        "the extractor finds, quizzes) and build the question bank from it. Safe to run again: "
        "it changes only what the corpus changed, never overwrites an edit made in the admin and "
        "never brings back a row deleted there (unless --restore-deleted)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--corpus",
            type=Path,
            default=DEFAULT_CORPUS,
            help="The corpus file (TOML); article paths are relative to it.",
        )
        parser.add_argument(
            "--restore-deleted",
            action="store_true",
            help=(
                "Forget which corpus rows teachers deleted, and write them again (with their "
                "quotations and citations). Rows a teacher edited are still kept as they are."
            ),
        )

    def handle(self, *args: Any, corpus: Path, restore_deleted: bool, **options: Any) -> None:
        try:
            with transaction.atomic():
                report = corpus_load(path=corpus, restore_deleted=restore_deleted)
                bank = question_bank_build(rng=random.Random(settings.QUIZ_BANK_SEED))
        except CorpusError as error:
            raise CommandError(_("%(error)s Rien n'a été modifié.") % {"error": error}) from None
        if report.restored:
            message = _("%(n)d suppression(s) oubliée(s) : le corpus recrée ces éléments.")
            self.stdout.write(message % {"n": report.restored})
        for line in [*report.lines, *report.warnings, *bank.lines]:
            self.stdout.write(line)
        for line in report.summary():
            self.stdout.write(line)
        self.stdout.write(bank.summary())
        if report.conflicts:
            message = _("%(n)d élément(s) modifié(s) dans l'admin gardé(s) tel(s) quel(s).")
            self.stdout.write(self.style.WARNING(message % {"n": report.conflicts}))
        if report.deleted:
            message = _(
                "%(n)d élément(s) supprimé(s) par un enseignant non recréé(s) "
                "(seed --restore-deleted les recrée)."
            )
            self.stdout.write(self.style.WARNING(message % {"n": report.deleted}))
        if report.changed or bank.changed:
            self.stdout.write(self.style.SUCCESS(_("Corpus chargé.")))
        else:
            self.stdout.write(
                self.style.SUCCESS(_("Rien n'a changé : la base contient déjà le corpus."))
            )

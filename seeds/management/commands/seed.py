"""``manage.py seed``: load the seed corpus, idempotent and atomic, keeping teachers' edits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from seeds.loader import DEFAULT_CORPUS, CorpusError, corpus_load


class Command(BaseCommand):
    help = (
        "Load the corpus (sources, actors, places, events with their evidence, every quotation "
        "the extractor finds). Safe to run again: it changes only what the corpus changed and "
        "never overwrites an edit made in the admin."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--corpus",
            type=Path,
            default=DEFAULT_CORPUS,
            help="The corpus file (TOML); article paths are relative to it.",
        )

    def handle(self, *args: Any, corpus: Path, **options: Any) -> None:
        try:
            report = corpus_load(path=corpus)
        except CorpusError as error:
            raise CommandError(f"{error} Nothing was changed.") from None
        for line in [*report.lines, *report.warnings]:
            self.stdout.write(line)
        for line in report.summary():
            self.stdout.write(line)
        if report.conflicts:
            self.stdout.write(
                self.style.WARNING(
                    f"{report.conflicts} row(s) edited in the admin were kept as they are."
                )
            )
        if report.changed:
            self.stdout.write(self.style.SUCCESS("Corpus loaded."))
        else:
            self.stdout.write(
                self.style.SUCCESS("Nothing changed: the database already holds the corpus.")
            )

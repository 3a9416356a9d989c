"""``manage.py import_article``: import any article text for review (contract in DESIGN §4)."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from seeds.importer import ArticleError, article_import

FILE_UNREADABLE = "Impossible de lire {path} : {error}"
DATE_INVALID = "Date de publication invalide « {value} » : attendu AAAA-MM-JJ."


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(DATE_INVALID.format(value=value)) from None


class Command(BaseCommand):
    help = (
        "Import an article (plain text): clean it, extract its quotations with their speakers and "
        "its dated event candidates, and store them unpublished for review in the admin."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The article, a UTF-8 text file.")
        parser.add_argument("--title", default="", help="Defaults to the article's headline.")
        parser.add_argument("--outlet", default="", help="The newspaper or site.")
        parser.add_argument(
            "--published",
            default=None,
            help="Publication date, YYYY-MM-DD (else read from a « Publié le … » line).",
        )
        parser.add_argument("--url", default="", help="Where the article was published.")
        parser.add_argument("--language", default="fr", help="The article's language (fr).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be stored; write nothing."
        )
        parser.add_argument(
            "--json", action="store_true", help="Print the result as one JSON object."
        )

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        published = _date(options["published"]) if options["published"] else None
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(FILE_UNREADABLE.format(path=path, error=error.strerror)) from None
        try:
            result = article_import(
                data=data,
                filename=path.name,
                title=options["title"],
                outlet=options["outlet"],
                published_on=published,
                url=options["url"],
                language=options["language"],
                dry_run=options["dry_run"],
            )
        except ArticleError as error:
            raise CommandError(
                _("%(path)s : %(error)s Rien n'a été écrit.") % {"path": path, "error": error}
            ) from None
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
            return
        payload = result.as_json()
        source = result.source
        if result.already_imported:
            message = _("Déjà importé comme source « %(slug)s » : rien n'a changé.")
            self.stdout.write(message % {"slug": source.slug})
            return
        if options["dry_run"]:
            message = _(
                "Serait enregistrée : la source « %(slug)s » (%(date)s), %(quotes)d citation(s) "
                "et %(events)d événement(s) candidat(s), non publiés."
            )
        else:
            message = _(
                "Enregistrée : la source « %(slug)s » (%(date)s), %(quotes)d citation(s) "
                "et %(events)d événement(s) candidat(s), non publiés, à relire dans l'admin."
            )
        self.stdout.write(
            message
            % {
                "slug": source.slug,
                "date": source.published_on.isoformat(),
                "quotes": len(payload["quotes"]),
                "events": len(payload["events"]),
            }
        )
        for quote in payload["quotes"]:
            speaker = quote["speaker"] or "?"
            self.stdout.write(f"  « {quote['text'][:70]} » ({quote['kind']}) : {speaker}")
        for event in payload["events"]:
            self.stdout.write(
                f"  {event['date']} ({event['precision']}) : {event['sentence'][:70]}"
            )
        for name in result.new_actors:
            self.stdout.write(_("  nouvel acteur à vérifier : %(name)s") % {"name": name})

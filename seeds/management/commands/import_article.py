"""``manage.py import_article``: import any article text for review, or publish it at once
(contract in DESIGN §4). The work is ``summit.editorial.article_import``, as in the admin."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from summit.editorial import LANGUAGE_CHOICES, ArticleDuplicate, ArticleError, article_import

FILE_UNREADABLE = "Impossible de lire {path} : {error}"
DATE_INVALID = "Date de publication invalide « {value} » : attendu AAAA-MM-JJ."
NEW_ACTOR_TO_CHECK = _lazy("  nouvel acteur à vérifier : %(name)s")
PUBLISH_AND_DRY_RUN = "--publish et --dry-run s'excluent : choisissez l'un ou l'autre."


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(DATE_INVALID.format(value=value)) from None


class Command(BaseCommand):
    help = (
        "Import an article or a transcript (plain text, French or English): clean it, extract its "
        "quotations with their speakers and its dated event candidates, and store them "
        "unpublished for review in the admin, or published at once with --publish."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The article, a UTF-8 text file.")
        parser.add_argument("--title", default="", help="Defaults to the article's headline.")
        parser.add_argument("--outlet", default="", help="The newspaper or site.")
        parser.add_argument(
            "--published",
            default=None,
            help="Publication date, YYYY-MM-DD (else read from a publication line or dateline).",
        )
        parser.add_argument("--url", default="", help="Where the article was published.")
        parser.add_argument(
            "--language",
            default="auto",
            choices=LANGUAGE_CHOICES,
            help="The article's language: detected from the text (auto, the default), fr or en.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be stored; write nothing."
        )
        parser.add_argument(
            "--json", action="store_true", help="Print the result as one JSON object."
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help=(
                "For an article already reviewed: publish its quotations, events and new actors "
                "at once, and rebuild the question bank."
            ),
        )

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        if options["publish"] and options["dry_run"]:
            raise CommandError(PUBLISH_AND_DRY_RUN)
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
                publish=options["publish"],
            )
        except ArticleDuplicate as duplicate:
            # Importing the same article again is not an error: it changes nothing.
            self._already_imported(duplicate, json_output=options["json"])
            return
        except ArticleError as error:
            raise CommandError(
                _("%(path)s : %(error)s Rien n'a été écrit.") % {"path": path, "error": error}
            ) from None
        payload = result.as_json()
        if options["json"]:
            if result.bank is not None:
                payload["bank"] = result.bank.summary()
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        source = result.source
        if options["dry_run"]:
            message = _(
                "Serait enregistrée : la source « %(slug)s » (%(date)s, %(language)s), "
                "%(quotes)d citation(s) et %(events)d événement(s) candidat(s), non publiés."
            )
        elif result.published:
            message = _(
                "Enregistrée et publiée : la source « %(slug)s » (%(date)s, %(language)s), "
                "%(quotes)d citation(s) et %(events)d événement(s)."
            )
        else:
            message = _(
                "Enregistrée : la source « %(slug)s » (%(date)s, %(language)s), %(quotes)d "
                "citation(s) et %(events)d événement(s) candidat(s), non publiés, à relire dans "
                "l'admin."
            )
        self.stdout.write(
            message
            % {
                "slug": source.slug,
                "date": source.published_on.isoformat(),
                "language": source.language,
                "quotes": len(payload["quotes"]),
                "events": len(payload["events"]),
            }
        )
        for quote in payload["quotes"]:
            speaker = quote["speaker"] or "?"
            self.stdout.write(f"  « {quote['text'][:70]} » ({quote['kind']}) : {speaker}")
        for event in payload["events"]:
            line = f"  {event['date']} ({event['precision']}) : {event['title'][:70]}"
            if event["matches"]:
                line += " " + _("→ preuve de l'événement existant « %(slug)s »") % {
                    "slug": event["matches"]
                }
            self.stdout.write(line)
        new_actor = _("  nouvel acteur : %(name)s") if result.published else NEW_ACTOR_TO_CHECK
        for name in result.new_actors:
            self.stdout.write(new_actor % {"name": name})
        if result.bank is not None:
            self.stdout.write(result.bank.summary())

    def _already_imported(self, duplicate: ArticleDuplicate, *, json_output: bool) -> None:
        source = duplicate.source
        if json_output:
            payload = {
                "source": {
                    "slug": source.slug,
                    "title": source.title,
                    "outlet": source.outlet,
                    "published_on": source.published_on.isoformat(),
                    "language": source.language,
                    "stored": False,
                    "already_imported": True,
                },
                "quotes": [],
                "events": [],
                "actors": [],
                "places": [],
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        message = _("Déjà importé comme source « %(slug)s » : rien n'a changé.")
        self.stdout.write(message % {"slug": source.slug})

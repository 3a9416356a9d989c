"""Importing an article the corpus has never seen: read, clean, extract, and store what was found
unpublished, for a teacher to review. Shared by ``manage.py import_article`` and the admin."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from typing import Any

from dateparser.date import DateDataParser
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_noop

from seeds.clean import CleanArticle, article_clean
from seeds.extract import Extraction, article_extract
from seeds.mentions import Named
from summit.models import Actor, Citation, Event, Place, Quote, Source

# Marked here, translated when raised: the constants stay the French text tests assert exactly.
ARTICLE_EMPTY = gettext_noop("Le fichier est vide : il n'y a aucun article à importer.")
ARTICLE_BINARY = gettext_noop(
    "Le fichier n'est pas un texte (contenu binaire) : importez un fichier .txt."
)
ARTICLE_ENCODING = gettext_noop(
    "Le fichier n'est pas encodé en UTF-8 (octet illisible à la position {position}) : "
    "enregistrez-le en UTF-8 puis recommencez."
)
ARTICLE_NO_BODY = gettext_noop(
    "Il ne reste aucun texte une fois les menus et la publicité retirés."
)
ARTICLE_NO_DATE = gettext_noop(
    "La date de publication est introuvable dans l'article : indiquez-la avec "
    "--published AAAA-MM-JJ."
)
ARTICLE_BAD_LANGUAGE = gettext_noop(
    "Seul le français est pris en charge pour l'extraction (--language fr)."
)
UNKNOWN_SPEAKER_NAME = "Auteur à identifier"


class ArticleError(Exception):
    """The article cannot be imported; nothing was written."""


def article_decode(data: bytes) -> str:
    """The text of an uploaded or read file, or a clear ``ArticleError``."""
    if not data.strip():
        raise ArticleError(gettext(ARTICLE_EMPTY))
    if b"\x00" in data[:8192]:
        raise ArticleError(gettext(ARTICLE_BINARY))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleError(gettext(ARTICLE_ENCODING).format(position=error.start)) from None
    controls = sum(1 for char in text[:8192] if ord(char) < 32 and char not in "\n\r\t\f")
    if controls > 8:
        raise ArticleError(gettext(ARTICLE_BINARY))
    if not text.strip():
        raise ArticleError(gettext(ARTICLE_EMPTY))
    return text


def _published_from(phrase: str) -> datetime.date | None:
    if not phrase:
        return None
    data = DateDataParser(
        languages=["fr"], settings={"PREFER_DAY_OF_MONTH": "first"}
    ).get_date_data(phrase)
    if data.date_obj is None or data.period != "day":
        return None
    return data.date_obj.date()


@dataclass
class ImportResult:
    source: Source
    cleaned: CleanArticle
    extraction: Extraction
    actor_names: dict[str, str]
    place_names: dict[str, str]
    stored: bool
    already_imported: bool = False
    new_actors: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        """The ``import_article --json`` contract."""
        source = self.source
        extraction = self.extraction
        return {
            "source": {
                "slug": source.slug,
                "title": source.title,
                "outlet": source.outlet,
                "author": source.author,
                "published_on": source.published_on.isoformat(),
                "language": source.language,
                "url": source.url,
                "raw_filename": source.raw_filename,
                "raw_sha256": source.raw_sha256,
                "text": source.text,
                "stored": self.stored,
                "already_imported": self.already_imported,
            },
            "quotes": [
                {
                    "text": quote.text,
                    "speaker": (
                        self.actor_names[quote.speaker.key]
                        if quote.speaker.key
                        else quote.speaker.new_name
                    ),
                    "kind": quote.kind,
                    "start": quote.start,
                    "end": quote.end,
                    "said_on": quote.said_on.isoformat(),
                }
                for quote in extraction.quotes
            ],
            "events": [
                {
                    "date": event.date.isoformat(),
                    "precision": event.precision,
                    "sentence": event.sentence,
                    "start": event.start,
                    "end": event.end,
                    "actors": [self.actor_names[key] for key in event.actors],
                    "place": self.place_names[event.place] if event.place else None,
                }
                for event in extraction.events
            ],
            "actors": [self.actor_names[key] for key in extraction.actors],
            "places": [self.place_names[key] for key in extraction.places],
        }


def _unique_slug(model: type[Source] | type[Event] | type[Actor], base: str) -> str:
    base = (slugify(base) or "sans-titre")[:90].strip("-")
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def _short_title(sentence: str, limit: int = 90) -> str:
    if len(sentence) <= limit:
        return sentence
    return sentence[:limit].rsplit(" ", 1)[0].rstrip(",;: ") + "…"


def article_import(
    *,
    data: bytes,
    filename: str = "",
    title: str = "",
    outlet: str = "",
    published_on: datetime.date | None = None,
    url: str = "",
    language: str = "fr",
    dry_run: bool = False,
) -> ImportResult:
    """Extract an article's quotations and event candidates and, unless ``dry_run``, store them
    unpublished with their source. Importing the same file again changes nothing."""
    if language != "fr":
        raise ArticleError(gettext(ARTICLE_BAD_LANGUAGE))
    raw = article_decode(data)
    cleaned = article_clean(raw)
    if not cleaned.text.strip():
        raise ArticleError(gettext(ARTICLE_NO_BODY))
    published_on = published_on or _published_from(cleaned.published_phrase)
    if published_on is None:
        raise ArticleError(gettext(ARTICLE_NO_DATE))
    sha256 = hashlib.sha256(data).hexdigest()
    title = title.strip() or cleaned.title or filename.rsplit(".", 1)[0] or "Article sans titre"

    actors = list(Actor.objects.all())
    places = list(Place.objects.all())
    actor_names = {actor.slug: actor.name for actor in actors}
    place_names = {place.slug: place.name for place in places}
    extraction = article_extract(
        text=cleaned.text,
        published_on=published_on,
        language=language,
        title=title,
        actors=[Named(actor.slug, tuple(actor.all_names)) for actor in actors],
        places=[Named(place.slug, tuple(place.all_names)) for place in places],
    )
    existing = Source.objects.filter(raw_sha256=sha256).first()
    if existing is not None:
        return ImportResult(
            existing, cleaned, extraction, actor_names, place_names, False, already_imported=True
        )
    source = Source(
        slug=_unique_slug(Source, f"{title} {published_on.isoformat()}"),
        title=title[:300],
        outlet=outlet.strip(),
        author=cleaned.author,
        published_on=published_on,
        language=language,
        url=url.strip(),
        text=cleaned.text,
        raw_filename=filename[:255],
        raw_sha256=sha256,
        credit=cleaned.credit,
    )
    result = ImportResult(source, cleaned, extraction, actor_names, place_names, not dry_run)
    if dry_run:
        return result
    with transaction.atomic():
        source.full_clean()
        source.save()
        result.new_actors = _store(source, extraction)
    return result


def _store(source: Source, extraction: Extraction) -> tuple[str, ...]:
    """Quotations and event candidates, all unpublished; unknown speakers as draft actors."""
    actors = {actor.slug: actor for actor in Actor.objects.all()}
    places = {place.slug: place for place in Place.objects.all()}
    by_name = {actor.name.casefold(): actor for actor in actors.values()}
    created: list[str] = []

    def speaker_for(key: str | None, new_name: str | None) -> Actor:
        if key:
            return actors[key]
        name = new_name or UNKNOWN_SPEAKER_NAME
        actor = by_name.get(name.casefold())
        if actor is None:
            actor = Actor(
                slug=_unique_slug(Actor, name),
                name=name,
                is_draft=True,
                description="",
            )
            actor.full_clean()
            actor.save()
            by_name[name.casefold()] = actor
            created.append(name)
        return actor

    for number, candidate in enumerate(extraction.events, start=1):
        event = Event(
            slug=_unique_slug(Event, f"{source.slug}-{number}"),
            title=_short_title(candidate.sentence),
            summary=candidate.sentence,
            date=candidate.date,
            precision=candidate.precision,
            place=places.get(candidate.place) if candidate.place else None,
            published=False,
        )
        event.full_clean()
        event.save()
        event.actors.set([actors[key] for key in candidate.actors])
        Citation.objects.create(
            source=source, event=event, start=candidate.start, end=candidate.end
        )

    quotes: dict[tuple[str, int], Quote] = {}
    for extracted in extraction.quotes:
        speaker = speaker_for(extracted.speaker.key, extracted.speaker.new_name)
        quote = quotes.get((extracted.text, speaker.pk))
        if quote is None:
            quote = Quote(
                text=extracted.text,
                speaker=speaker,
                kind=extracted.kind,
                said_on=extracted.said_on,
                published=False,
            )
            quote.full_clean()
            quote.save()
            quotes[(extracted.text, speaker.pk)] = quote
        Citation.objects.create(
            source=source, quote=quote, start=extracted.start, end=extracted.end
        )
    return tuple(created)

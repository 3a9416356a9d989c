"""The extraction pipeline: from a cleaned article to its quotations (with speakers and the day
they were said), its dated event candidates, and the actors and places it names."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from seeds.dates import DateMention, date_mentions
from seeds.events import ExtractedEvent, KnownEvent, extraction_resolve
from seeds.mentions import MentionFinder, Named
from seeds.quotes import QuoteSpan, Speaker, SpeakerResolver, quote_spans
from summit.models import Precision, Quote
from summit.text import sentence_spans

_PRECISION_RANK = {
    Precision.DAY: 0,
    Precision.MONTH: 1,
    Precision.YEAR: 2,
    Precision.APPROXIMATE: 3,
}


@dataclass(frozen=True)
class ExtractedQuote:
    text: str
    start: int
    end: int
    kind: str
    speaker: Speaker
    said_on: datetime.date
    sentence: tuple[int, int]
    said_on_basis: str = Quote.DateBasis.PUBLICATION
    event: str | None = None
    event_candidate: int | None = None


@dataclass
class Extraction:
    text: str
    language: str = "fr"
    format: str = "article"
    quotes: list[ExtractedQuote] = field(default_factory=list)
    events: list[ExtractedEvent] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)


def _kind(text: str, quote: QuoteSpan, sentence_start: int, words: int) -> str:
    """A statement is said in full (a sentence of its own); a fragment is a few words
    quoted inside reported speech."""
    opens_sentence = not text[sentence_start : quote.mark_start].strip(" ,:—-\xa0")
    after_colon = text[sentence_start : quote.mark_start].rstrip(" \xa0").endswith(":")
    capital = text[quote.start : quote.start + 1].isupper()
    if capital and (opens_sentence or after_colon or words >= 6):
        return Quote.Kind.STATEMENT
    return Quote.Kind.FRAGMENT


def _said_on(dates: Sequence[DateMention], published_on: datetime.date) -> datetime.date:
    """Words reported in an article were said on the day its sentence names, or on the day of
    publication: never later."""
    for mention in dates:
        if mention.precision == Precision.DAY and mention.date <= published_on:
            return mention.date
    return published_on


def _unique(keys: list[str]) -> list[str]:
    return list(dict.fromkeys(keys))


def article_extract(
    *,
    text: str,
    published_on: datetime.date,
    actors: Sequence[Named],
    places: Sequence[Named],
    language: str = "fr",
    events: Sequence[KnownEvent] = (),
) -> Extraction:
    actor_finder = MentionFinder(actors, on=published_on)
    place_finder = MentionFinder(places, people=False)
    resolver = SpeakerResolver(text, actor_finder)
    all_quotes = quote_spans(text)
    extraction = Extraction(text=text)
    extraction.actors = _unique([mention.key for mention in actor_finder.find(text)])
    extraction.places = _unique([mention.key for mention in place_finder.find(text)])

    for start, end in sentence_spans(text):
        quotes = [q for q in all_quotes if start <= q.mark_start < end]
        outside = [(q.mark_start, q.mark_end) for q in quotes]
        dates = date_mentions(text, published_on, start=start, end=end, skip=outside)
        speakers = resolver.sentence(start, end, quotes)
        for quote, speaker in zip(quotes, speakers, strict=True):
            words = len(text[quote.start : quote.end].split())
            extraction.quotes.append(
                ExtractedQuote(
                    text=text[quote.start : quote.end],
                    start=quote.start,
                    end=quote.end,
                    kind=_kind(text, quote, start, words),
                    speaker=speaker,
                    said_on=_said_on(dates, published_on),
                    sentence=(start, end),
                )
            )
    extraction_resolve(
        extraction,
        published_on=published_on,
        language=language,
        actors=actors,
        places=places,
        events=events,
    )
    return extraction

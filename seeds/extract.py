"""The extraction pipeline: from a cleaned text to its quotations (with speakers and the day they
were said), its dated event candidates, and the actors and places it names.

The text's format decides how quotations are found: the turns of a transcript, the quotation marks
of an article or an encyclopedia page (where a quotation needs an attribution: titles, nicknames and
scare quotes are not words someone said). Everything runs in time linear in the text's length: the
text is folded and searched for names once, and each sentence only looks at its own span.
"""

from __future__ import annotations

import bisect
import datetime
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from django.utils.translation import gettext, gettext_noop

from seeds.dates import DateMention, date_mentions, dateline
from seeds.events import ExtractedEvent, KnownEvent, extraction_resolve
from seeds.lang import table
from seeds.mentions import Mention, MentionFinder, Named, fold
from seeds.quotes import (
    UNKNOWN,
    Attributed,
    How,
    QuoteSpan,
    Speaker,
    SpeakerResolver,
    is_named_not_said,
    quote_spans,
)
from seeds.transcripts import (
    Transcript,
    display_name,
    interviewee,
    is_unnamed,
    role_holder,
    same_speaker_labels,
    transcript_read,
)
from summit.models import Precision, Quote, Source
from summit.text import sentence_spans

# Fewer words than this between marks, with no attribution, is a name or a scare quote.
_CLAUSE_WORDS = 5
# In an encyclopedia, a quotation attributed only by guess needs at least this many words.
_GUESSED_WORDS = 3

REASON_NAMED = gettext_noop(
    "« %(name)s » est nommé dans le texte et ne correspond à aucun acteur connu."
)
REASON_LABEL = gettext_noop(
    "« %(name)s » prend la parole dans la transcription et ne correspond à aucun acteur connu."
)
NOTE_TRANSCRIPT = gettext_noop(
    "Transcription lue tour de parole par tour de parole (tours : %(turns)d ; tours "
    "d'intervenants non nommés, laissés de côté : %(unnamed)d)."
)
NOTE_NOT_SAID = gettext_noop(
    "Passages entre guillemets écartés comme titres, surnoms ou mots isolés : %(count)d."
)


class ExtractionTimeout(Exception):
    """The text took longer to read than the time allowed."""


@dataclass(frozen=True)
class ExtractedQuote:
    text: str
    start: int
    end: int
    kind: str
    speaker: Speaker
    said_on: datetime.date | None
    sentence: tuple[int, int]
    said_on_basis: str = Quote.DateBasis.TEXT
    event: str | None = None  # the slug of an existing event it was said at
    event_candidate: int | None = None  # an index into Extraction.events


@dataclass
class Extraction:
    text: str
    language: str = "fr"
    format: str = Source.Format.ARTICLE
    quotes: list[ExtractedQuote] = field(default_factory=list)
    events: list[ExtractedEvent] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    dateline: DateMention | None = None
    notes: list[str] = field(default_factory=list)


def _check(deadline: float | None) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise ExtractionTimeout


def _unique(keys: list[str]) -> list[str]:
    return list(dict.fromkeys(keys))


class _Spans:
    """Spans sorted by start, handed out sentence after sentence with a moving index."""

    def __init__(self, spans: Sequence[Mention]) -> None:
        self.spans = list(spans)
        self.starts = [span.start for span in self.spans]

    def within(self, start: int, end: int) -> list[Mention]:
        low = bisect.bisect_left(self.starts, start)
        high = bisect.bisect_left(self.starts, end)
        return [span for span in self.spans[low:high] if span.end <= end]


# Format -----------------------------------------------------------------------------------------


@cache
def _encyclopedia_marks(
    language: str,
) -> tuple[frozenset[str], re.Pattern[str], re.Pattern[str]]:
    words = table(language, "speech")
    return (
        words.ENCYCLOPEDIA_HEADINGS,
        re.compile(words.ENCYCLOPEDIA_MARKS),
        re.compile(words.ENCYCLOPEDIA_OPENINGS),
    )


# An infobox copied as a table: "Naissance | Rouen (France) |".
_TABLE_ROW = re.compile(r"^[^\n|]{1,80}\|[^\n]*\|[ \t]*$", re.MULTILINE)


_DEFINITION = re.compile(
    r"\((?:[^()\n]{0,80}\b(?:1[0-9]|20)\d\d\b[^()\n]{0,40})\)[^.\n]{0,80}"
    r"\b(?:is|was|are|were|est|etait|sont|etaient)\s+(?:an?|the|une?|la|le|l'|les)\b"
)


def text_format(text: str, folded: str, *, language: str, transcript: Transcript | None) -> str:
    """Transcript (turns after labels), encyclopedia (footnote marks, section headings, a first
    sentence defining its subject with its dates) or news article."""
    if transcript is not None:
        return Source.Format.TRANSCRIPT
    headings, marks, openings = _encyclopedia_marks(language)
    lines = {line.strip().rstrip(":").strip() for line in folded.split("\n")}
    if len(marks.findall(folded)) >= 2 or len(lines & headings) >= 2:
        return Source.Format.ENCYCLOPEDIA
    opening = folded.lstrip()[:1500]
    if _DEFINITION.search(opening) or openings.search(opening):
        return Source.Format.ENCYCLOPEDIA
    if len(_TABLE_ROW.findall(folded, 0, 6000)) >= 3:
        return Source.Format.ENCYCLOPEDIA
    return Source.Format.ARTICLE


# Dates ------------------------------------------------------------------------------------------


def _sentence_dates(
    text: str,
    folded: str,
    base: datetime.date | None,
    *,
    language: str,
    start: int,
    end: int,
    skip: list[tuple[int, int]],
    news: bool = True,
) -> list[DateMention]:
    """Dates named in the sentence ``[start, end)`` outside ``skip``: the text is folded once
    and handed over with it, so that the cost stays the sentence's length. A text that is not
    ``news`` (an encyclopedia page) was not written on the day its story is told from: a bare
    weekday or « hier » dates nothing in it."""
    if base is None:
        return []
    return date_mentions(
        text, base, language=language, start=start, end=end, skip=skip, folded=folded, news=news
    )


def _said_on(
    dates: Sequence[DateMention],
    published_on: datetime.date | None,
    dateline: DateMention | None,
) -> tuple[datetime.date | None, str]:
    """Words reported in an article were said on the day their sentence names (never after the
    publication), else on the dateline's day, else on the day of publication."""
    latest = published_on or (dateline.date if dateline else None)
    for mention in dates:
        if mention.precision == Precision.DAY and (latest is None or mention.date <= latest):
            return mention.date, Quote.DateBasis.TEXT
    if dateline is not None and dateline.precision == Precision.DAY:
        return dateline.date, Quote.DateBasis.CONTEXT
    return published_on, Quote.DateBasis.PUBLICATION


# Quotations in prose ---------------------------------------------------------------------------


def _kind(text: str, quote: QuoteSpan, sentence_start: int, words: int) -> str:
    """A statement is said in full (a sentence of its own); a fragment is a few words
    quoted inside reported speech."""
    opens_sentence = not text[sentence_start : quote.mark_start].strip(" ,:—-\xa0")
    after_colon = text[sentence_start : quote.mark_start].rstrip(" \xa0").endswith(":")
    capital = text[quote.start : quote.start + 1].isupper()
    if capital and (opens_sentence or after_colon or words >= 6):
        return Quote.Kind.STATEMENT
    return Quote.Kind.FRAGMENT


def _is_sentence(text: str, quote: QuoteSpan) -> bool:
    """« Tout va bien. »: a sentence of its own, capital and full stop."""
    return text[quote.start].isupper() and text[quote.end - 1] in ".!?…"


def _said_by_someone(attributed: Attributed, words: int, text_format: str, sentence: bool) -> bool:
    """Words someone said: an attribution says so, or they make a clause. A few words quoted in a
    sentence that only names a known actor are theirs in an article, not in an encyclopedia
    unless they are several; the previous sentence's speaker, or a name the database does not
    know, is no evidence for a few words (they are a scare quote more often than not)."""
    how = attributed.how
    if how in How.EXPLICIT or words >= _CLAUSE_WORDS or (sentence and words >= 2):
        return True
    if how in (How.NONE, How.PREVIOUS) or not attributed.speaker.key:
        return False
    return text_format != Source.Format.ENCYCLOPEDIA or words >= _GUESSED_WORDS


_LIST_ITEM = re.compile(r"[ \t]*[-–—•*·]\s")


@cache
def _reference_headings(language: str) -> frozenset[str]:
    return table(language, "speech").REFERENCE_HEADINGS


def _references_start(text: str, folded: str, *, language: str) -> int:
    """Where the lists that end a page begin (« Voir aussi », "Sources"), or the text's end."""
    headings = _reference_headings(language)
    position = 0
    for line in folded.split("\n"):
        if line.strip().rstrip(":").strip() in headings:
            return position
        position += len(line) + 1
    return len(text)


def _in_list_item(text: str, position: int) -> bool:
    return bool(_LIST_ITEM.match(text, text.rfind("\n", 0, position) + 1))


def _sentence_of(sentences: list[tuple[int, int]], starts: list[int], position: int) -> int:
    """The index of the sentence ``position`` falls in (or the last one before it)."""
    return max(0, bisect.bisect_right(starts, position) - 1)


@dataclass
class _Context:
    text: str
    folded: str
    language: str
    format: str
    published_on: datetime.date | None
    dateline: DateMention | None
    base: datetime.date | None
    sentences: list[tuple[int, int]]
    deadline: float | None
    actors: MentionFinder
    actor_mentions: _Spans
    place_mentions: _Spans


def _with_reason(speaker: Speaker, reason: str) -> Speaker:
    if speaker.new_name and not speaker.reason:
        return replace(speaker, reason=gettext(reason) % {"name": speaker.new_name})
    return speaker


def _prose_quotes(context: _Context, extraction: Extraction) -> None:
    """Quotations of an article or an encyclopedia page, sentence by sentence."""
    text, sentences = context.text, context.sentences
    spans = quote_spans(text, language=context.language)
    resolver = SpeakerResolver(
        text, context.folded, context.actor_mentions.spans, language=context.language
    )
    starts = [start for start, _end in sentences]
    mark_starts = [span.mark_start for span in spans]
    references = _references_start(text, context.folded, language=context.language)
    not_said = 0
    next_quote = 0
    for start, end in sentences:
        _check(context.deadline)
        first = next_quote
        while next_quote < len(spans) and spans[next_quote].mark_start < end:
            next_quote += 1
        marked = [q for q in spans[first:next_quote] if q.mark_start >= start]
        # Titles, nicknames and scare quotes are names, not words anyone said.
        quotes = [
            q
            for q in marked
            if not is_named_not_said(text, context.folded, q, language=context.language)
        ]
        not_said += len(marked) - len(quotes)
        outside = [(q.mark_start, min(q.mark_end, end)) for q in marked]
        dates = _sentence_dates(
            text,
            context.folded,
            context.base,
            language=context.language,
            start=start,
            end=end,
            skip=outside,
            news=context.format != Source.Format.ENCYCLOPEDIA,
        )
        clause_ends = []
        for quote in quotes:
            limit = end
            if quote.mark_end > end:
                # A quotation of several paragraphs: its attribution follows its last mark.
                limit = sentences[_sentence_of(sentences, starts, quote.mark_end - 1)][1]
            following = bisect.bisect_right(mark_starts, quote.mark_start)
            if following < len(spans):
                limit = min(limit, max(end, spans[following].mark_start))
            clause_ends.append(limit)
        attributions = resolver.sentence(start, end, quotes, clause_ends)
        for quote, attributed in zip(quotes, attributions, strict=True):
            words = len(text[quote.start : quote.end].split())
            if (
                not _said_by_someone(attributed, words, context.format, _is_sentence(text, quote))
                or (
                    not attributed.speaker
                    and words < _CLAUSE_WORDS
                    and context.format == Source.Format.ENCYCLOPEDIA
                )
                # Titles of the page's sources, or of a list's items, unless someone said them.
                or quote.mark_start >= references
                or (attributed.how not in How.EXPLICIT and _in_list_item(text, quote.mark_start))
            ):
                not_said += 1
                continue
            said_on, basis = _said_on(dates, context.published_on, context.dateline)
            extraction.quotes.append(
                ExtractedQuote(
                    text=text[quote.start : quote.end],
                    start=quote.start,
                    end=quote.end,
                    kind=_kind(text, quote, start, words),
                    speaker=_with_reason(attributed.speaker, REASON_NAMED),
                    said_on=said_on,
                    said_on_basis=basis,
                    sentence=(start, end),
                )
            )
    if not_said:
        extraction.notes.append(gettext(NOTE_NOT_SAID) % {"count": not_said})


# Transcripts ------------------------------------------------------------------------------------


def _label_speaker(name: str, transcript: Transcript, context: _Context) -> Speaker:
    """A label's speaker: nobody for an unnamed questioner, the header's role holder for a role
    label ("THE PRESIDENT"), a known actor the label names, else the label as a new name."""
    if is_unnamed(name, language=context.language):
        return UNKNOWN
    holder = role_holder(transcript.header, name, language=context.language)
    written = holder[0] if holder else name
    answering = interviewee(transcript.header, name, language=context.language)
    written = answering or written
    mentions = context.actors.find(written)
    if mentions:
        return Speaker(key=mentions[0].key)
    return _with_reason(
        Speaker(new_name=display_name(written, language=context.language)), REASON_LABEL
    )


def _transcript_quotes(context: _Context, extraction: Extraction, transcript: Transcript) -> None:
    said_on, basis = _said_on((), context.published_on, context.dateline)
    speakers: dict[str, Speaker] = {}
    unnamed = 0
    misspelt = same_speaker_labels([turn.label for turn in transcript.turns])
    for turn in transcript.turns:
        _check(context.deadline)
        name = misspelt.get(turn.label.name, turn.label.name)
        if name not in speakers:
            speakers[name] = _label_speaker(name, transcript, context)
        speaker = speakers[name]
        if not speaker:
            # A question from someone the transcript does not name is nobody's quotation.
            unnamed += 1
            continue
        for start, end in turn.segments:
            extraction.quotes.append(
                ExtractedQuote(
                    text=context.text[start:end],
                    start=start,
                    end=end,
                    kind=Quote.Kind.STATEMENT,
                    speaker=speaker,
                    said_on=said_on,
                    said_on_basis=basis,
                    sentence=(turn.label.line_start, turn.segments[-1][1]),
                )
            )
    extraction.notes.append(
        gettext(NOTE_TRANSCRIPT) % {"turns": len(transcript.turns), "unnamed": unnamed}
    )


# The pipeline -----------------------------------------------------------------------------------


def article_extract(
    *,
    text: str,
    published_on: datetime.date | None,
    language: str,
    actors: Sequence[Named],
    places: Sequence[Named],
    events: Sequence[KnownEvent] = (),
    deadline: float | None = None,
    title: str = "",
) -> Extraction:
    """Everything the importer stores from ``text``: quotations, event candidates, names.

    ``events`` are the known events (``seeds.events.KnownEvent``) candidates may be evidence for;
    past ``deadline`` (a ``time.monotonic()`` value) :class:`ExtractionTimeout` is raised.
    ``title`` is the headline the cleaning set aside: a transcript's names its speakers' roles
    ("Remarks by President …")."""
    _check(deadline)
    folded = fold(text)  # folded once
    actor_finder = MentionFinder(actors, on=published_on)
    place_finder = MentionFinder(places, people=False)
    actor_mentions = _Spans(actor_finder.find(text, folded=folded))
    place_mentions = _Spans(place_finder.find(text, folded=folded))
    _check(deadline)
    opening = dateline(text, language=language, published_on=published_on)
    transcript = transcript_read(text, language=language, title=title)
    context = _Context(
        text=text,
        folded=folded,
        language=language,
        format=text_format(text, folded, language=language, transcript=transcript),
        published_on=published_on,
        dateline=opening,
        # Relative words count from the dateline's day when there is one.
        base=(
            opening.date
            if opening is not None and (opening.precision == Precision.DAY or published_on is None)
            else published_on
        ),
        sentences=sentence_spans(text),
        deadline=deadline,
        actors=actor_finder,
        actor_mentions=actor_mentions,
        place_mentions=place_mentions,
    )
    extraction = Extraction(
        text=text,
        language=language,
        format=context.format,
        dateline=opening,
        actors=_unique([mention.key for mention in actor_mentions.spans]),
        places=_unique([mention.key for mention in place_mentions.spans]),
    )
    if transcript is not None:
        _transcript_quotes(context, extraction, transcript)
    else:
        _prose_quotes(context, extraction)
    # Speakers resolved to known actors and unified, event candidates, quotations dated.
    extraction_resolve(
        extraction,
        published_on=published_on,
        language=language,
        actors=actors,
        places=places,
        events=events,
        dateline=opening,
        check=lambda: _check(deadline),
        title=title,
    )
    return extraction

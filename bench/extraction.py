"""Extraction benchmark: how well the article importer does on the gold set, and how fast it is.

The gold set (``tests/seeds/gold/``) holds real, openly licensed texts nobody tuned the importer
to, each with a key of its quotations (speaker, first and last words) and dated events, written by
reading the text. This script runs the import service in dry run on each text, against a scratch
SQLite database seeded with the project's corpus, and prints per text and overall:

* quotations: extracted, in the key, correct (right text *and* right speaker), precision and
  recall, and recall with any speaker;
* events: key events found with the right date, and candidates extracted;
* invented dates: event and quotation dates the text does not support;

then the extraction time of generated French articles of 100 and 1,000 quotations and of about
500 KB (the time should grow linearly: the 1,000/100 ratio near 10).

Run it with ``.venv/bin/python bench/extraction.py [--json] [--no-speed] [slug …]``.
The scoring rules are plain functions, imported by ``tests/seeds/test_gold_scoring.py``.
"""

from __future__ import annotations

import argparse
import datetime
import inspect
import json
import multiprocessing
import re
import sys
import time
import tomllib
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "seeds" / "gold"

LANGUAGES = ("fr", "en")
FORMATS = ("article", "transcript", "encyclopedia")
PRECISIONS = ("day", "month", "year", "approximate")
UNKNOWN = "unknown"
# Names an importer gives a speaker it could not identify.
UNKNOWN_NAMES = frozenset({"", "unknown", "auteur a identifier", "inconnu"})
# Words beyond the key's first and last words that an extracted quotation may carry (a label, an
# attribution left inside the span) and still count as that quotation.
SLACK_WORDS = 3
# An approximate key date ("last week", "fin février") matches a candidate this close to it.
APPROXIMATE_DAYS = 45

# Titles and roles dropped from a speaker's name before names are compared, in both languages
# (folded: lower case, no accents).
_TITLE_WORDS = """
    mr mrs ms miss mister dr doctor sir madam dame lord lady prof professor
    president vice prime minister secretary senator representative congressman congresswoman
    governor mayor chairman chairwoman chair general admiral ambassador chancellor king queen
    pope deputy administrator spokesman spokeswoman spokesperson press the of
    m mme mlle mm monsieur madame mademoiselle docteur maitre me
    president presidente premier premiere ministre secretaire senateur senatrice depute deputee
    gouverneur maire chancelier chanceliere roi reine pape porte parole general ambassadeur
    ambassadrice directeur directrice le la les l
"""
TITLES = frozenset(_TITLE_WORDS.split())
# Particles that alone do not name anyone.
_PARTICLE_WORDS = "de du des d da di van von der den al el bin ben y"
PARTICLES = frozenset(_PARTICLE_WORDS.split())


# ---------------------------------------------------------------------------------------------
# Normalisation


def fold(text: str) -> str:
    """Case-folded, accents, punctuation and repeated spaces removed: the form in which key words
    and extracted text are compared (``Aujourd’hui, l'Élysée`` → ``aujourd hui l elysee``)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[\W_]+", " ", bare).split())


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """``fold(text)`` and, for each of its characters, the index in ``text`` it comes from."""
    chars: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        decomposed = unicodedata.normalize("NFKD", char.casefold())
        for part in decomposed:
            if unicodedata.combining(part):
                continue
            if not part.isalnum():
                part = " "
            if part == " " and (not chars or chars[-1] == " "):
                continue
            chars.append(part)
            origins.append(index)
    while chars and chars[-1] == " ":
        chars.pop()
        origins.pop()
    return "".join(chars), origins


def find_folded(text: str, needle: str) -> tuple[int, int] | None:
    """The span of ``text`` whose folded form contains ``needle`` folded, or None."""
    folded, origins = fold_with_offsets(text)
    wanted = fold(needle)
    if not wanted:
        return None
    at = _find_words(folded, wanted)
    if at < 0:
        return None
    return origins[at], origins[at + len(wanted) - 1] + 1


def _find_words(folded: str, wanted: str, start: int = 0) -> int:
    """Index of ``wanted`` in ``folded`` on word boundaries, from ``start``, or -1."""
    at = folded.find(wanted, start)
    while at >= 0:
        end = at + len(wanted)
        if (at == 0 or folded[at - 1] == " ") and (end == len(folded) or folded[end] == " "):
            return at
        at = folded.find(wanted, at + 1)
    return -1


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) of ``text`` that contains ``[start, end)``."""
    left = start
    while left > 0:
        before = text[left - 1]
        if before == "\n" or (before in " \u00a0" and left > 1 and text[left - 2] in ".!?…"):
            break
        left -= 1
    right = end
    while right < len(text):
        char = text[right]
        if char == "\n":
            break
        right += 1
        if char in ".!?…" and (right == len(text) or text[right] in " \u00a0\n"):
            break
    return left, right


# ---------------------------------------------------------------------------------------------
# The key


@dataclass(frozen=True)
class KeyQuote:
    speaker: str
    first: str
    last: str
    optional: bool = False


@dataclass(frozen=True)
class KeySpan:
    first: str
    last: str


@dataclass(frozen=True)
class KeyEvent:
    date: datetime.date
    precision: str
    what: str
    anchor: str


@dataclass(frozen=True)
class GoldText:
    slug: str
    text: str
    title: str
    outlet: str
    url: str
    licence: str
    licence_url: str
    language: str
    format: str
    published_on: datetime.date | None
    dateline_date: datetime.date | None
    dates: frozenset[str]
    quotes: tuple[KeyQuote, ...]
    not_quotes: tuple[KeySpan, ...]
    events: tuple[KeyEvent, ...]
    author: str = ""
    note: str = ""


class GoldError(ValueError):
    """A gold key is malformed."""


def _date(value: Any, where: str) -> datetime.date:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    raise GoldError(f"{where}: {value!r} is not an ISO date (AAAA-MM-JJ).")


def _text(data: dict[str, Any], name: str, where: str, *, required: bool = True) -> str:
    value = data.get(name, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise GoldError(f"{where}: `{name}` must be a non-empty string.")
    return value


def gold_load(toml_path: Path) -> GoldText:
    """Read one gold text and its key; ``GoldError`` says what is wrong with a malformed one."""
    where = toml_path.name
    text_path = toml_path.with_suffix(".txt")
    if not text_path.exists():
        raise GoldError(f"{where}: the text {text_path.name} is missing.")
    try:
        data = tomllib.loads(toml_path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise GoldError(f"{where}: {error}") from None
    language = _text(data, "language", where)
    if language not in LANGUAGES:
        raise GoldError(f"{where}: language {language!r} is not one of {LANGUAGES}.")
    form = _text(data, "format", where)
    if form not in FORMATS:
        raise GoldError(f"{where}: format {form!r} is not one of {FORMATS}.")
    published_on = (
        _date(data["published_on"], f"{where} published_on") if "published_on" in data else None
    )
    dateline_date = (
        _date(data["dateline_date"], f"{where} dateline_date") if "dateline_date" in data else None
    )
    if published_on is None and dateline_date is None:
        raise GoldError(
            f"{where}: give `published_on`, or `dateline_date` when the text dates itself."
        )
    dates = data.get("dates")
    if not isinstance(dates, list) or not all(isinstance(d, str) for d in dates):
        raise GoldError(f"{where}: `dates` must be a list of ISO dates at their precision.")
    for value in dates:
        if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
            raise GoldError(f"{where}: date {value!r} is not AAAA, AAAA-MM or AAAA-MM-JJ.")
    publication = published_on or dateline_date
    if publication is None or publication.isoformat() not in dates:
        raise GoldError(f"{where}: `dates` must include the publication date.")
    quotes = []
    for number, quote in enumerate(data.get("quotes", []), 1):
        place = f"{where} quotes #{number}"
        optional = quote.get("optional", False)
        if not isinstance(optional, bool):
            raise GoldError(f"{place}: `optional` must be true or false.")
        quotes.append(
            KeyQuote(
                speaker=_text(quote, "speaker", place),
                first=_text(quote, "first", place),
                last=_text(quote, "last", place),
                optional=optional,
            )
        )
    not_quotes = [
        KeySpan(
            first=_text(span, "first", f"{where} not_quotes #{number}"),
            last=_text(span, "last", f"{where} not_quotes #{number}"),
        )
        for number, span in enumerate(data.get("not_quotes", []), 1)
    ]
    events = []
    for number, event in enumerate(data.get("events", []), 1):
        place = f"{where} events #{number}"
        precision = _text(event, "precision", place)
        if precision not in PRECISIONS:
            raise GoldError(f"{place}: precision {precision!r} is not one of {PRECISIONS}.")
        key_date = _date(event.get("date"), place)
        if not date_supported(date_at(key_date, precision), dates):
            raise GoldError(f"{place}: its date is not in `dates`.")
        events.append(
            KeyEvent(
                date=key_date,
                precision=precision,
                what=_text(event, "what", place),
                anchor=_text(event, "anchor", place),
            )
        )
    return GoldText(
        slug=toml_path.stem,
        text=text_path.read_text(encoding="utf-8"),
        title=_text(data, "title", where),
        outlet=_text(data, "outlet", where),
        url=_text(data, "url", where),
        licence=_text(data, "licence", where),
        licence_url=_text(data, "licence_url", where),
        language=language,
        format=form,
        published_on=published_on,
        dateline_date=dateline_date,
        dates=frozenset(dates),
        quotes=tuple(quotes),
        not_quotes=tuple(not_quotes),
        events=tuple(events),
        author=_text(data, "author", where, required=False),
        note=_text(data, "note", where, required=False),
    )


def gold_texts(directory: Path = GOLD, slugs: Sequence[str] = ()) -> list[GoldText]:
    """Every gold text of ``directory`` (or those named), sorted by slug."""
    paths = sorted(directory.glob("*.toml"))
    if slugs:
        known = {path.stem: path for path in paths}
        missing = [slug for slug in slugs if slug not in known]
        if missing:
            raise GoldError(f"No gold text named {', '.join(missing)}.")
        paths = [known[slug] for slug in slugs]
    return [gold_load(path) for path in paths]


# ---------------------------------------------------------------------------------------------
# Scoring rules


def quote_matches(extracted: str, first: str, last: str) -> bool:
    """Whether an extracted quotation is the key's one: folded, it starts with ``first`` and ends
    with ``last``, or holds both in that order with at most ``SLACK_WORDS`` words beyond them."""
    text = fold(extracted)
    head, tail = fold(first), fold(last)
    if not text or not head or not tail:
        return False
    starts = text == head or text.startswith(head + " ")
    ends = text == tail or text.endswith(" " + tail)
    if starts and ends:
        return True
    begin = _find_words(text, head)
    if begin < 0:
        return False
    end = -1
    search = begin
    while (at := _find_words(text, tail, search)) >= 0:
        end = at + len(tail)
        search = at + 1
    if end < 0:
        return False
    beyond = len(text[:begin].split()) + len(text[end:].split())
    return beyond <= SLACK_WORDS


def name_tokens(name: str) -> frozenset[str]:
    """The words of a person's name, titles and roles removed (``President Macron`` → macron)."""
    return frozenset(token for token in fold(name).split() if token not in TITLES)


def speaker_matches(extracted: str | None, key: str) -> bool:
    """Whether the speaker an importer gave is the key's: an unknown key wants no name; a named
    one wants the same name, or its surname alone, titles and roles aside (``Rutte`` or
    ``Prime Minister Rutte`` for ``Mark Rutte``)."""
    given = fold(extracted or "")
    if fold(key) == UNKNOWN:
        return given in UNKNOWN_NAMES
    if given in UNKNOWN_NAMES:
        return False
    mine, theirs = name_tokens(extracted or ""), name_tokens(key)
    if not mine - PARTICLES or not theirs:
        return False
    return mine <= theirs or theirs <= mine


def date_at(value: datetime.date, precision: str) -> str:
    """A date written at its precision (approximate dates are compared by month)."""
    if precision == "year":
        return f"{value.year:04d}"
    if precision in ("month", "approximate"):
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def date_supported(written: str, dates: Iterable[str]) -> bool:
    """Whether a date at its precision is supported by the text's list: it is one of them, or
    coarser than one of them (``2019-04`` when ``2019-04-25`` is listed; not the reverse)."""
    return any(listed.startswith(written) for listed in dates)


def event_date_right(found: datetime.date, key: KeyEvent) -> bool:
    """Whether a candidate's date is the key event's, compared at the key's precision."""
    if key.precision == "approximate":
        return abs((found - key.date).days) <= APPROXIMATE_DAYS
    return date_at(found, key.precision) == date_at(key.date, key.precision)


@dataclass(frozen=True)
class FoundQuote:
    text: str
    speaker: str | None
    said_on: datetime.date | None = None
    said_on_precision: str = "day"
    start: int | None = None
    end: int | None = None


# What may stand between two parts of one transcript turn: a stage direction alone.
_DIRECTION_ONLY = re.compile(r"\s*[(\[][^()\[\]\n]{1,80}[)\]]\s*")


def turns_joined(text: str, quotes: Sequence[FoundQuote]) -> list[FoundQuote]:
    """Consecutive quotations of one speaker separated only by a stage direction are one turn
    cut around it (« (Laughs.) » is kept out of the quoted words): the key counts the turn."""
    joined: list[FoundQuote] = []
    for quote in quotes:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.end is not None
            and quote.start is not None
            and previous.speaker == quote.speaker
            and previous.end <= quote.start
            and _DIRECTION_ONLY.fullmatch(text, previous.end, quote.start)
        ):
            joined[-1] = FoundQuote(
                text=text[previous.start : quote.end],
                speaker=quote.speaker,
                said_on=previous.said_on,
                said_on_precision=previous.said_on_precision,
                start=previous.start,
                end=quote.end,
            )
            continue
        joined.append(quote)
    return joined


@dataclass(frozen=True)
class FoundEvent:
    date: datetime.date
    precision: str
    start: int
    end: int
    title: str = ""


@dataclass
class Found:
    """What an importer extracted from one text, in the importer-independent form scored here."""

    text: str
    quotes: list[FoundQuote] = field(default_factory=list)
    events: list[FoundEvent] = field(default_factory=list)
    error: str = ""
    seconds: float = 0.0


@dataclass
class TextScore:
    slug: str
    language: str
    format: str
    extracted: int = 0
    ignored: int = 0
    required: int = 0
    correct: int = 0
    text_found: int = 0
    not_quotes: int = 0
    wrong_speaker: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    key_events: int = 0
    events_found: int = 0
    candidates: int = 0
    events_missed: list[str] = field(default_factory=list)
    invented: list[str] = field(default_factory=list)
    error: str = ""
    seconds: float = 0.0

    @property
    def scored(self) -> int:
        """Extracted quotations that count for precision (optional key ones right are left out)."""
        return self.extracted - self.ignored

    @property
    def precision(self) -> float | None:
        return self.correct / self.scored if self.scored else None

    @property
    def recall(self) -> float | None:
        return self.correct / self.required if self.required else None

    @property
    def recall_any_speaker(self) -> float | None:
        return self.text_found / self.required if self.required else None

    @property
    def event_recall(self) -> float | None:
        return self.events_found / self.key_events if self.key_events else None


def _short(text: str, words: int = 6) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def score_text(gold: GoldText, found: Found) -> TextScore:
    """Score what was extracted from one text against its key (rules in the module docstring and
    ``tests/seeds/gold/README.md``)."""
    score = TextScore(
        gold.slug, gold.language, gold.format, error=found.error, seconds=found.seconds
    )
    score.required = sum(1 for quote in gold.quotes if not quote.optional)
    taken: set[int] = set()
    for quote in turns_joined(found.text, found.quotes):
        score.extracted += 1
        candidates = [
            index
            for index, key in enumerate(gold.quotes)
            if index not in taken and quote_matches(quote.text, key.first, key.last)
        ]
        right = [i for i in candidates if speaker_matches(quote.speaker, gold.quotes[i].speaker)]
        chosen = (right or candidates or [None])[0]
        if chosen is None:
            if any(quote_matches(quote.text, span.first, span.last) for span in gold.not_quotes):
                score.not_quotes += 1
                score.spurious.append(f"{_short(quote.text)} (not a quotation)")
            else:
                score.spurious.append(_short(quote.text))
            continue
        taken.add(chosen)
        key = gold.quotes[chosen]
        if key.optional:
            if right:
                score.ignored += 1
            else:
                score.wrong_speaker.append(f"{_short(quote.text)} → {quote.speaker or UNKNOWN}")
            continue
        score.text_found += 1
        if right:
            score.correct += 1
        else:
            score.wrong_speaker.append(
                f"{_short(quote.text)} → {quote.speaker or UNKNOWN} (key: {key.speaker})"
            )
    score.missed = [
        _short(key.first)
        for index, key in enumerate(gold.quotes)
        if not key.optional and index not in taken
    ]

    score.key_events = len(gold.events)
    score.candidates = len(found.events)
    for key in gold.events:
        anchor = find_folded(found.text, key.anchor)
        if anchor is None:
            score.events_missed.append(f"{key.what} (anchor not in the imported text)")
            continue
        start, end = sentence_around(found.text, *anchor)
        if any(
            event.start < end and start < event.end and event_date_right(event.date, key)
            for event in found.events
        ):
            score.events_found += 1
        else:
            score.events_missed.append(key.what)

    written = [date_at(event.date, event.precision) for event in found.events]
    written += [
        date_at(quote.said_on, quote.said_on_precision)
        for quote in found.quotes
        if quote.said_on is not None
    ]
    score.invented = sorted({date for date in written if not date_supported(date, gold.dates)})
    return score


@dataclass
class Totals:
    texts: int = 0
    errors: int = 0
    extracted: int = 0
    scored: int = 0
    required: int = 0
    correct: int = 0
    text_found: int = 0
    key_events: int = 0
    events_found: int = 0
    candidates: int = 0
    invented: int = 0

    @property
    def precision(self) -> float | None:
        return self.correct / self.scored if self.scored else None

    @property
    def recall(self) -> float | None:
        return self.correct / self.required if self.required else None

    @property
    def recall_any_speaker(self) -> float | None:
        return self.text_found / self.required if self.required else None

    @property
    def event_recall(self) -> float | None:
        return self.events_found / self.key_events if self.key_events else None


def totals_of(scores: Iterable[TextScore]) -> Totals:
    """Overall figures: counts summed over texts (micro-averages)."""
    totals = Totals()
    for score in scores:
        totals.texts += 1
        totals.errors += bool(score.error)
        totals.extracted += score.extracted
        totals.scored += score.scored
        totals.required += score.required
        totals.correct += score.correct
        totals.text_found += score.text_found
        totals.key_events += score.key_events
        totals.events_found += score.events_found
        totals.candidates += score.candidates
        totals.invented += len(score.invented)
    return totals


# ---------------------------------------------------------------------------------------------
# Running the importer


def _attribute(value: Any, *names: str, default: Any = None) -> Any:
    for name in names:
        if hasattr(value, name):
            return getattr(value, name)
    return default


def found_from_result(result: Any, actor_name: Callable[[str], str]) -> Found:
    """The importer's dry-run result in scoring form, for the current and the reorganised import
    service alike (speakers are known actors' keys, new names, or neither)."""
    extraction = result.extraction
    quotes = []
    for quote in extraction.quotes:
        speaker = quote.speaker
        key = _attribute(speaker, "key")
        name = actor_name(key) if key else _attribute(speaker, "new_name")
        quotes.append(
            FoundQuote(
                text=quote.text,
                speaker=name,
                said_on=_attribute(quote, "said_on"),
                said_on_precision=_attribute(quote, "said_on_precision", default="day") or "day",
                start=_attribute(quote, "start"),
                end=_attribute(quote, "end"),
            )
        )
    events = [
        FoundEvent(
            date=event.date,
            precision=event.precision,
            start=event.start,
            end=event.end,
            title=_attribute(event, "title", "sentence", default=""),
        )
        for event in extraction.events
    ]
    return Found(text=extraction.text, quotes=quotes, events=events)


def import_service() -> tuple[Callable[..., Any], bool]:
    """The import service (the editorial module's, which detects the language itself) and
    whether it does."""
    from summit.editorial import article_import

    return article_import, True


def import_call(service: Callable[..., Any], **arguments: Any) -> Any:
    """Call the import service with the arguments its signature accepts (the two services differ
    in their optional ones)."""
    parameters = inspect.signature(service).parameters
    if not any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()):
        arguments = {name: value for name, value in arguments.items() if name in parameters}
    return service(**arguments)


def import_dry_run(gold: GoldText) -> Any:
    """Run the import service in dry run on a gold text, with what a teacher would type: its
    title, outlet and publication date when known, its language only for an importer that cannot
    detect it."""
    service, detects = import_service()
    return import_call(
        service,
        data=gold.text.encode("utf-8"),
        filename=f"{gold.slug}.txt",
        title=gold.title,
        outlet=gold.outlet,
        url=gold.url,
        published_on=gold.published_on,
        language="auto" if detects else gold.language,
        dry_run=True,
    )


def _actor_names() -> Callable[[str], str]:
    from summit.models import Actor

    names = dict(Actor.objects.values_list("slug", "name"))

    def name_of(key: str) -> str:
        if key not in names:
            actor = Actor.objects.filter(slug=key).values_list("name", flat=True).first()
            names[key] = actor or key
        return names[key]

    return name_of


def gold_run(gold: GoldText) -> Found:
    """Import one gold text in dry run; an importer error is kept, not raised."""
    start = time.perf_counter()
    try:
        result = import_dry_run(gold)
    except Exception as error:  # an importer refusal or crash is a result, reported per text
        return Found(
            text=gold.text,
            error=f"{type(error).__name__}: {error}",
            seconds=time.perf_counter() - start,
        )
    found = found_from_result(result, _actor_names())
    found.seconds = time.perf_counter() - start
    return found


# ---------------------------------------------------------------------------------------------
# Speed

SPEAKERS = (
    "Marie Dupont",
    "Jean Martin",
    "la ministre Claire Lefèvre",
    "Paul Bernard",
    "le maire Luc Moreau",
    "Sophie Laurent",
    "Karim Haddad",
)
TOPICS = (
    "l'école doit rester ouverte",
    "le budget sera voté en juin",
    "la réforme avance bien",
    "nous écouterons les élèves",
    "le climat est notre priorité",
    "les transports seront gratuits",
)


def generated_article(quotes: int = 0, size: int = 0) -> str:
    """A French article of ``quotes`` short attributed quotations, or of about ``size`` bytes."""
    lines = ["Le conseil se réunit", "Publié le 12 mars 2024", ""]
    count = 0
    length = sum(len(line.encode("utf-8")) + 1 for line in lines)
    while (quotes and count < quotes) or (size and length < size):
        speaker = SPEAKERS[count % len(SPEAKERS)]
        topic = TOPICS[count % len(TOPICS)]
        if count % 2:
            line = f"« Pour la séance {count}, {topic} », a déclaré {speaker} mardi."
        else:
            line = f"{speaker[0].upper()}{speaker[1:]} a affirmé : « Séance {count} : {topic}. »"
        lines.append(line)
        length += len(line.encode("utf-8")) + 1
        count += 1
    return "\n".join(lines) + "\n"


def _time_import(text: str, queue: Any) -> None:
    from django.db import connections

    connections.close_all()
    service, _ = import_service()
    start = time.perf_counter()
    try:
        import_call(
            service,
            data=text.encode("utf-8"),
            title="Article généré",
            published_on=datetime.date(2024, 3, 12),
            language="fr",
            dry_run=True,
        )
    except Exception as error:  # reported as the measurement's outcome
        queue.put(("error", f"{type(error).__name__}: {error}"))
        return
    queue.put(("ok", time.perf_counter() - start))


def timed_import(text: str, timeout: float) -> tuple[float | None, str]:
    """Seconds the dry-run import of ``text`` takes, in a child process stopped after
    ``timeout`` seconds; (None, why) when it failed or did not finish."""
    from django.db import connections

    connections.close_all()
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    process = context.Process(target=_time_import, args=(text, queue))
    process.start()
    process.join(timeout)
    if process.is_alive():
        process.terminate()
        process.join()
        return None, f"did not finish in {timeout:.0f} s"
    if queue.empty():
        return None, f"the extraction process ended with code {process.exitcode}"
    status, value = queue.get()
    if status == "error":
        return None, value
    return value, ""


@dataclass
class SpeedRow:
    label: str
    size_kb: float
    seconds: float | None
    note: str = ""


def speed_measure(timeout: float) -> list[SpeedRow]:
    rows = []
    for label, text, runs in (
        ("100 quotations", generated_article(quotes=100), 3),
        ("1,000 quotations", generated_article(quotes=1000), 3),
        ("about 500 KB", generated_article(size=500_000), 1),
    ):
        timings: list[float] = []
        note = ""
        for _ in range(runs):
            seconds, note = timed_import(text, timeout)
            if seconds is None:
                break
            timings.append(seconds)
            if seconds > 20:  # best of three only where three runs stay cheap
                break
        rows.append(
            SpeedRow(
                label, len(text.encode("utf-8")) / 1000, min(timings) if timings else None, note
            )
        )
    return rows


# ---------------------------------------------------------------------------------------------
# Report


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f} %"


def detail_lines(score: TextScore) -> list[str]:
    """What went wrong on one text, for whoever tunes the importer."""
    lines = []
    for label, items in (
        ("wrong speaker", score.wrong_speaker),
        ("not in the key", score.spurious),
        ("missed", score.missed),
        ("events missed", score.events_missed),
    ):
        lines += [f"    {label}: {item}" for item in items]
    return lines


def report_lines(
    scores: Sequence[TextScore], totals: Totals, *, details: bool = False
) -> list[str]:
    header = (
        f"{'text':<44} {'quotes':>6} {'key':>4} {'right':>5} {'prec.':>6} {'recall':>6} "
        f"{'any spk':>7} {'events':>7} {'cand.':>5} {'invented':>8} {'s':>6}"
    )
    lines = [
        "Quotations (right text and speaker), events with the right date, invented dates",
        "",
        header,
    ]
    for score in scores:
        lines.append(
            f"{score.slug:<44} {score.scored:>6} {score.required:>4} {score.correct:>5} "
            f"{_percent(score.precision):>6} {_percent(score.recall):>6} "
            f"{_percent(score.recall_any_speaker):>7} "
            f"{score.events_found:>3}/{score.key_events:<3} {score.candidates:>5} "
            f"{len(score.invented):>8} {score.seconds:>6.2f}"
        )
        if score.error:
            lines.append(f"    error: {score.error}")
        if score.invented:
            lines.append(f"    invented: {', '.join(score.invented)}")
        if details:
            lines += detail_lines(score)
    lines += [
        "",
        f"Overall on {totals.texts} texts ({totals.errors} refused by the importer):",
        f"  quotations: {totals.scored} extracted (scored), {totals.required} in the key, "
        f"{totals.correct} right",
        f"  precision {_percent(totals.precision)}, recall {_percent(totals.recall)}, "
        f"recall with any speaker {_percent(totals.recall_any_speaker)}",
        f"  events: {totals.events_found} of {totals.key_events} found with the right date "
        f"({_percent(totals.event_recall)}), {totals.candidates} candidates extracted",
        f"  invented dates: {totals.invented}",
    ]
    return lines


def speed_lines(rows: Sequence[SpeedRow]) -> list[str]:
    lines = ["", "Extraction time (dry-run import of generated French articles)"]
    for row in rows:
        value = f"{row.seconds:.2f} s" if row.seconds is not None else row.note
        lines.append(f"  {row.label:<18} {row.size_kb:>7.0f} KB  {value}")
    small, large = rows[0].seconds, rows[1].seconds
    if small and large:
        lines.append(f"  ratio 1,000 / 100: {large / small:.1f} (linear ≈ 10)")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("slugs", nargs="*", help="gold texts to run (default: all)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--no-speed", action="store_true", help="skip the speed section")
    parser.add_argument(
        "--details", action="store_true", help="list wrong speakers, misses and spurious spans"
    )
    parser.add_argument(
        "--timeout", type=float, default=300, help="seconds allowed per timed import (300)"
    )
    options = parser.parse_args(argv)
    try:
        texts = gold_texts(GOLD, options.slugs)
    except GoldError as error:
        parser.error(str(error))

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from io import StringIO

    from common import setup_django
    from django.core.management import call_command

    setup_django()
    call_command("seed", stdout=StringIO())

    scores = [score_text(gold, gold_run(gold)) for gold in texts]
    totals = totals_of(scores)
    rows = [] if options.no_speed else speed_measure(options.timeout)
    if options.json:
        payload = {
            "texts": [
                {
                    **asdict(score),
                    "precision": score.precision,
                    "recall": score.recall,
                    "recall_any_speaker": score.recall_any_speaker,
                    "event_recall": score.event_recall,
                }
                for score in scores
            ],
            "overall": {
                **asdict(totals),
                "precision": totals.precision,
                "recall": totals.recall,
                "recall_any_speaker": totals.recall_any_speaker,
                "event_recall": totals.event_recall,
            },
            "speed": [asdict(row) for row in rows],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        lines = report_lines(scores, totals, details=options.details)
        if rows:
            lines += speed_lines(rows)
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())

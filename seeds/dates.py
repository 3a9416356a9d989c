"""Date expressions in news prose, resolved against a reference day (the publication's, or the
dateline's), in any language that has a ``dates`` table in ``seeds.lang``.

Candidates are found by the table's patterns, which only accept what reads as a date (« en 2017 »,
"in 2017", not « 2017 soldats » nor "the 2019 budget"); each match is resolved here by its kind the
way a newspaper means it rather than the way a calendar would: a bare « mercredi » or "on Wednesday"
is the last one unless the sentence speaks of the future, « le 20 décembre » read in January is last
December, « il y a près de vingt ans » is approximate and "last week" is that week (approximate,
with its last day as ``end_date``). A day written without its year (« le 11 décembre ») belongs to
the past year the text was just speaking of, if any, so that encyclopedia and background
paragraphs do not get the publication's year.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from types import ModuleType

from seeds.lang import table
from seeds.mentions import fold
from summit.models import Precision

# How far from a date its sentence is looked for (the "future" cues are read in the sentence).
_SENTENCE_REACH = 400
_TERMINATORS = ".!?\n"
# How far back a day without its year looks for the year the text is speaking of.
_CONTEXT_REACH = 1500
# Kinds that name a day of a month, whose year may be left to the context.
_DAYS = frozenset({"day", "day_range", "day_span"})
# Days named from the day of writing (« dimanche », « hier », « la semaine dernière »): only news
# and transcripts are written on the day their story is told from.
_DAYS_FROM_WRITING = frozenset({"weekday", "day_offset", "week_offset", "weekend"})
# Kinds whose match carries a year of the context.
_WITH_YEAR = frozenset({"day", "day_range", "day_span", "month", "season", "year", "year_range"})
# A number that reads as a year (« 1998 », "1998 FIFA World Cup"), not part of a longer one.
_YEARISH = re.compile(r"(?<![\w,.-])(?:1\d|20)\d\d(?!\w|[.,]\d)")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    date: datetime.date
    precision: str
    end_date: datetime.date | None = None


@dataclass(frozen=True)
class _Grammar:
    words: ModuleType
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    future: re.Pattern[str]


@dataclass(frozen=True)
class _Resolved:
    date: datetime.date
    precision: str
    end_date: datetime.date | None = None
    # True when the words alone fix the date (« 12 juin 2018 »), whatever the reference day.
    absolute: bool = False


@cache
def _grammar(language: str) -> _Grammar:
    words = table(language, "dates")
    return _Grammar(
        words=words,
        patterns=tuple((kind, re.compile(pattern)) for kind, pattern in words.PATTERNS),
        future=re.compile(words.FUTURE),
    )


@lru_cache(maxsize=4)
def _folded(text: str) -> str:
    # Callers that do not pass the folded text call once per sentence with the same string:
    # its hash is cached by Python, so this keeps the whole text's work linear.
    return fold(text)


class _Spans:
    """Spans already claimed, kept sorted and merged: an overlap test costs a bisection, so a
    whole text with thousands of dates stays fast."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in sorted(spans):
            if self._ends and start < self._ends[-1]:
                self._ends[-1] = max(self._ends[-1], end)
            elif start < end:
                self._starts.append(start)
                self._ends.append(end)

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect.bisect_right(self._starts, start)
        if index and self._ends[index - 1] > start:
            return True
        return index < len(self._starts) and self._starts[index] < end

    def add(self, start: int, end: int) -> None:
        index = bisect.bisect_right(self._starts, start)
        self._starts.insert(index, start)
        self._ends.insert(index, end)


def _number(raw: str, words: ModuleType) -> int:
    digits = re.match(r"\d+", raw)
    if digits:
        return int(digits.group())
    # « vingt-cinq », "twenty-five", « trente-et-un ».
    return sum(words.NUMBERS[part] for part in raw.split("-") if part in words.NUMBERS)


def _month_before(month: int, reference: datetime.date, *, strictly: bool) -> datetime.date:
    year = reference.year
    if month > reference.month or (strictly and month == reference.month):
        year -= 1
    return datetime.date(year, month, 1)


def _month_shift(reference: datetime.date, months: int) -> datetime.date:
    index = reference.year * 12 + reference.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _day_of(
    day: int,
    month: int,
    year: int | None,
    direction: int | None,
    future: bool,
    reference: datetime.date,
) -> datetime.date:
    """A day of a month: in the year given, else the nearest such day that fits the words."""
    if year is not None:
        return datetime.date(year, month, day)
    value = datetime.date(reference.year, month, day)
    if direction == -1:
        return value if value < reference else value.replace(year=value.year - 1)
    if direction == 1 or future:
        # A day to come, or one of the last few days.
        limit = reference if direction == 1 else reference - datetime.timedelta(days=7)
        return value if value > limit else value.replace(year=value.year + 1)
    # A month ahead at most, else last year's.
    if value > reference + datetime.timedelta(days=31):
        return value.replace(year=value.year - 1)
    if value < reference - datetime.timedelta(days=335):
        return value.replace(year=value.year + 1)
    return value


def _weekday(
    weekday: int, direction: int | None, future: bool, reference: datetime.date
) -> datetime.date:
    delta = weekday - reference.weekday()
    if direction == 1 or (not direction and future):
        days = delta % 7 or (7 if direction else 0)
        return reference + datetime.timedelta(days=days)
    days = (-delta) % 7 or (7 if direction else 0)
    return reference - datetime.timedelta(days=days)


def _season(middle: int, direction: int | None, reference: datetime.date) -> datetime.date:
    """A season's middle month: this one (for winter, the nearest January), or the last one
    over, or the next one not begun."""
    year = reference.year + (1 if middle == 1 and reference.month >= 7 else 0)
    value = datetime.date(year, middle, 1)
    if direction == -1 and _month_shift(value, 2) > reference:
        value = value.replace(year=year - 1)
    elif direction == 1 and _month_shift(value, -1) <= reference:
        value = value.replace(year=year + 1)
    return value


def _resolve(
    kind: str, match: re.Match[str], words: ModuleType, future: bool, reference: datetime.date
) -> _Resolved | None:
    groups = {name: value for name, value in match.groupdict().items() if value is not None}
    month = words.MONTHS[groups["month"].rstrip(".")] if "month" in groups else 0
    year = int(groups["year"]) if "year" in groups else None
    direction = words.RELATIVE.get(groups["which"]) if "which" in groups else None

    if kind == "day":
        day = _number(groups["day"], words)
        value = _day_of(day, month, year, direction, future, reference)
        return _Resolved(value, Precision.DAY, absolute=year is not None)
    if kind == "day_range":
        # « les 27 et 28 février 2019 », "April 24–25", "from 9 to 25 February".
        last = _day_of(_number(groups["day"], words), month, year, None, future, reference)
        first = _number(groups["first"], words)
        if first >= last.day:
            return _Resolved(last, Precision.DAY, absolute=year is not None)
        return _Resolved(last.replace(day=first), Precision.DAY, last, absolute=year is not None)
    if kind == "day_span":
        # « du 28 février au 3 mars », "from 10 June to 12 July 1998".
        last = _day_of(_number(groups["day"], words), month, year, None, future, reference)
        first_month = words.MONTHS[groups["first_month"].rstrip(".")]
        if "first_year" in groups:
            first_year = int(groups["first_year"])
        else:
            first_year = last.year - (1 if first_month > month else 0)
        first = datetime.date(first_year, first_month, _number(groups["first"], words))
        if first >= last:
            return None
        return _Resolved(first, Precision.DAY, last, absolute=year is not None)
    if kind == "month_day":
        day = _number(groups["day"], words)
        if "deadline" in groups or future:
            shift = 0 if day >= reference.day else 1
        else:
            shift = 0 if day <= reference.day else -1
        return _Resolved(_month_shift(reference, shift).replace(day=day), Precision.DAY)
    if kind == "season":
        middle = datetime.date(year or reference.year, words.SEASONS[groups["season"]], 1)
        return _Resolved(middle, Precision.APPROXIMATE, None, True)
    if kind == "relative_season":
        return _Resolved(
            _season(words.SEASONS[groups["season"]], direction, reference), (Precision.APPROXIMATE)
        )
    if kind == "month":
        return _Resolved(
            datetime.date(year or reference.year, month, 1), Precision.MONTH, None, True
        )
    if kind == "relative_month":
        if direction == -1:
            return _Resolved(_month_before(month, reference, strictly=True), Precision.MONTH)
        after = reference.year + (1 if direction == 1 and month <= reference.month else 0)
        return _Resolved(datetime.date(after, month, 1), Precision.MONTH)
    if kind == "bare_month":
        if future:
            after = reference.year + (1 if month < reference.month else 0)
            return _Resolved(datetime.date(after, month, 1), Precision.MONTH)
        return _Resolved(_month_before(month, reference, strictly=False), Precision.MONTH)
    if kind == "ago":
        number = _number(groups["number"], words)
        unit = words.UNITS[groups["unit"]]
        approximate = "approx" in groups or "since" in groups or groups["number"] in words.VAGUE
        if unit == "decade":
            # A count of decades names no particular year, and a hundred of them no date.
            if number >= 100:
                return None
            return _Resolved(
                datetime.date(reference.year - 10 * number, 1, 1), Precision.APPROXIMATE
            )
        if unit == "year":
            precision = Precision.APPROXIMATE if approximate else Precision.YEAR
            return _Resolved(datetime.date(reference.year - number, 1, 1), precision)
        if unit == "month":
            precision = Precision.APPROXIMATE if approximate else Precision.MONTH
            return _Resolved(_month_shift(reference, -number), precision)
        days = number * 7 if unit == "week" else number
        # A count of weeks names no particular day.
        exact = unit == "day" and not approximate
        value = reference - datetime.timedelta(days=days)
        return _Resolved(value, Precision.DAY if exact else Precision.APPROXIMATE)
    if kind == "year_offset":
        return _Resolved(datetime.date(reference.year + (direction or 0), 1, 1), Precision.YEAR)
    if kind == "month_offset":
        return _Resolved(_month_shift(reference, direction or 0), Precision.MONTH)
    if kind == "week_offset":
        # The model has no week precision: the week's Monday, approximate, ending on its Sunday.
        monday = reference - datetime.timedelta(days=reference.weekday() - 7 * (direction or 0))
        return _Resolved(monday, Precision.APPROXIMATE, monday + datetime.timedelta(days=6))
    if kind == "weekend":
        # « ce week-end », "last weekend": its Saturday to its Sunday. Said from Monday to
        # Wednesday, « ce week-end » is the one just past; from Thursday, the coming one.
        days = reference.weekday()  # Monday 0 … Sunday 6
        saturday = reference + datetime.timedelta(days=5 - days)
        if direction == -1 or (direction in (None, 0) and days <= 2):
            saturday -= datetime.timedelta(days=7)
        elif direction == 1 and days >= 5:
            saturday += datetime.timedelta(days=7)
        return _Resolved(saturday, Precision.DAY, saturday + datetime.timedelta(days=1))
    if kind == "day_offset":
        offset = words.DAY_OFFSETS[groups["offset"]]
        return _Resolved(reference + datetime.timedelta(days=offset), Precision.DAY)
    if kind == "weekday":
        weekday = words.WEEKDAYS[groups["weekday"]]
        return _Resolved(_weekday(weekday, direction, future, reference), Precision.DAY)
    if kind == "decade":
        decade = int(groups["decade"])
        end = datetime.date(decade + 9, 12, 31)
        return _Resolved(datetime.date(decade, 1, 1), Precision.APPROXIMATE, end, True)
    if kind == "year_range":
        first, last = int(groups["first"]), int(groups["last"])
        if first >= last:
            return None
        end = datetime.date(last, 12, 31)
        return _Resolved(datetime.date(first, 1, 1), Precision.YEAR, end, True)
    if kind == "year":
        return _Resolved(datetime.date(year or reference.year, 1, 1), Precision.YEAR, None, True)
    raise LookupError(kind)


def _capitalised(text: str, match: re.Match[str]) -> bool:
    """Month and weekday names written with a capital, where the language writes them so."""
    for name in ("month", "first_month", "weekday"):
        position = match.start(name) if name in match.re.groupindex else -1
        if position >= 0 and not text[position].isupper():
            return False
    return True


def _context_year(text: str, folded: str, grammar: _Grammar, position: int) -> int | None:
    """The year last named before ``position`` (within a bounded reach): one a date pattern
    reads (« en 2004 », "June 1998"), or a bare year not followed by a lower-case word ("1998
    FIFA World Cup", « 2000 soldats » being a count)."""
    low = max(0, position - _CONTEXT_REACH)
    last: tuple[int, int] | None = None
    for kind, pattern in grammar.patterns:
        if kind not in _WITH_YEAR:
            continue
        for match in pattern.finditer(folded, low, position):
            for name in ("year", "last"):
                if name in pattern.groupindex and match.group(name):
                    if grammar.words.CAPITALISED and not _capitalised(text, match):
                        continue
                    if last is None or match.start(name) > last[0]:
                        last = (match.start(name), int(match.group(name)))
    for match in _YEARISH.finditer(folded, low, position):
        following = text[match.end() : match.end() + 3].lstrip()[:1]
        if not following.islower() and (last is None or match.start() > last[0]):
            last = (match.start(), int(match.group()))
    return last[1] if last else None


def _sentence(folded: str, position: int, start: int, stop: int) -> tuple[int, int]:
    """The bounds of the sentence around ``position``, looked for within a bounded reach."""
    low = max(start, position - _SENTENCE_REACH)
    high = min(stop, position + _SENTENCE_REACH)
    before = max(folded.rfind(char, low, position) for char in _TERMINATORS)
    after = [index for char in _TERMINATORS if (index := folded.find(char, position, high)) >= 0]
    return (before + 1 if before >= 0 else low), (min(after) if after else high)


def _future(text: str, folded: str, grammar: _Grammar, sentence: tuple[int, int]) -> bool:
    """Whether the sentence speaks of the future: a cue in lower case, or opening the sentence
    (« Viendra-t-il ? », "Will he come?"); a capitalised cue inside it is a name (« Samira »)."""
    opening = (
        sentence[0]
        + len(folded[sentence[0] : sentence[1]])
        - len(folded[sentence[0] : sentence[1]].lstrip())
    )
    return any(
        cue.start() == opening or not text[cue.start()].isupper()
        for cue in grammar.future.finditer(folded, *sentence)
    )


def _in_context(
    resolved: _Resolved,
    text: str,
    folded: str,
    grammar: _Grammar,
    position: int,
    reference: datetime.date,
) -> _Resolved | None:
    """A day written without its year belongs to the past year the text was speaking of (« le 11
    décembre de cette année-là » after « 2004 »), when that is not the reference's year."""
    year = _context_year(text, folded, grammar, position)
    if year is None or year >= resolved.date.year or year > reference.year:
        return resolved
    shift = year - resolved.date.year
    try:
        start = resolved.date.replace(year=year)
        end = (
            resolved.end_date.replace(year=resolved.end_date.year + shift)
            if (resolved.end_date)
            else None
        )
    except ValueError:
        return None
    return _Resolved(start, resolved.precision, end)


def _found(
    text: str,
    reference: datetime.date,
    *,
    language: str,
    start: int,
    end: int | None,
    skip: list[tuple[int, int]] | None,
    folded: str | None,
    news: bool = True,
) -> list[tuple[DateMention, bool]]:
    grammar = _grammar(language)
    if folded is None:
        folded = _folded(text)
    elif len(folded) != len(text):
        raise ValueError("folded must be seeds.mentions.fold(text)")
    stop = len(text) if end is None else min(end, len(text))
    taken = _Spans(skip or ())
    futures: dict[tuple[int, int], bool] = {}
    found: list[tuple[DateMention, bool]] = []
    for kind, pattern in grammar.patterns:
        if not news and kind in _DAYS_FROM_WRITING:
            continue
        for match in pattern.finditer(folded, start, stop):
            span = match.span()
            if taken.overlaps(*span):
                continue
            if grammar.words.CAPITALISED and not _capitalised(text, match):
                continue
            sentence = _sentence(folded, span[0], start, stop)
            if sentence not in futures:
                futures[sentence] = _future(text, folded, grammar, sentence)
            try:
                resolved = _resolve(kind, match, grammar.words, futures[sentence], reference)
            except (ValueError, OverflowError):
                # A day the calendar does not have: « 29 février » moved to a common year,
                # « il y a vingt ans » or « demain » at either end of the calendar.
                resolved = None
            if resolved is None:
                continue
            if kind in _DAYS and not resolved.absolute:
                resolved = _in_context(resolved, text, folded, grammar, span[0], reference)
                if resolved is None:
                    continue
            taken.add(*span)
            mention = DateMention(
                span[0], span[1], resolved.date, resolved.precision, resolved.end_date
            )
            found.append((mention, resolved.absolute))
    return sorted(found, key=lambda item: item[0].start)


def date_mentions(
    text: str,
    published_on: datetime.date,
    *,
    language: str = "fr",
    start: int = 0,
    end: int | None = None,
    skip: list[tuple[int, int]] | None = None,
    folded: str | None = None,
    news: bool = True,
) -> list[DateMention]:
    """Dates named in ``text[start:end]`` outside the ``skip`` spans (quotations), in order.

    ``published_on`` is the day relative words count from (the dateline's day when there is
    one). A text that is not ``news`` (an encyclopedia page) was not written on the day its
    story is told from: a bare weekday, « hier » or « la semaine dernière » there names no day
    (its sentence takes its context's date, or none). ``folded`` is
    ``seeds.mentions.fold(text)``, computed once by a caller that asks sentence by sentence:
    the work is then that of the span, not of the whole text.
    """
    found = _found(
        text,
        published_on,
        language=language,
        start=start,
        end=end,
        skip=skip,
        folded=folded,
        news=news,
    )
    return [mention for mention, _absolute in found]


# A dateline: a place in capitals (and its region), perhaps a date, perhaps an agency, a dash.
_DATELINE = re.compile(
    r"\s*(?P<place>[^\W\d_][^\W\d_'’.-]*(?:[ .'’-]+[^\W\d_][^\W\d_'’.-]*){0,4})\.?"
    r"(?P<rest>(?:,[^()—–\n]{1,60})?)\s*(?P<agency>\([^()\n]{1,40}\))?"
    r"\s*(?:—|–|--?)\s"
)


# Datelines are looked for in the first lines only.
_DATELINE_REACH = 1000


def _place_like(words: str) -> bool:
    return all(word[0].isupper() for word in re.split(r"[\s.'’-]+", words) if word)


def dateline(text: str, *, language: str, published_on: datetime.date | None) -> DateMention | None:
    """The dateline opening ``text``, resolved: « PARIS, 12 juin (AFP) - », "WASHINGTON, June 12
    —", "PARIS, June 3, 2019 (Wikinews) —" opening the first line, or a date alone on one of the
    first lines (« Le 12 juin 2018 », "Thursday, June 3, 2021", « Pékin, mardi 3 novembre
    2015 »). Without ``published_on`` the dateline must carry its year; a dateline without a date
    ("WASHINGTON (Reuters) —") is the day of publication."""
    reference = published_on or datetime.date(2000, 1, 1)
    lead_words = _grammar(language).words.DATELINE_LEAD

    def date_in(begin: int, finish: int, *, alone: bool) -> DateMention | None:
        found = _found(
            text, reference, language=language, start=begin, end=finish, skip=None, folded=None
        )
        if len(found) != 1 or found[0][0].precision != Precision.DAY:
            return None
        mention, absolute = found[0]
        if published_on is None and not absolute:
            return None
        if text[mention.end : finish].strip(" ,.:—–-"):
            return None
        if alone:
            if not any(char.isdigit() for char in text[mention.start : mention.end]):
                return None  # « Mercredi. » alone is no dateline.
            before = text[begin : mention.start]
            place = before.rstrip()
            if not re.fullmatch(lead_words, fold(before)) and not (
                place.endswith(",") and len(place) <= 40 and _place_like(place[:-1])
            ):
                return None
        return mention

    lines = [match.span() for match in re.finditer(r"[^\n]*\S[^\n]*", text[:_DATELINE_REACH])]
    for begin, finish in lines[:3]:
        begin += len(text[begin:finish]) - len(text[begin:finish].lstrip())
        if finish - begin <= 60 and (alone := date_in(begin, finish, alone=True)):
            return alone
    if not lines:
        return None
    begin, finish = lines[0]
    match = _DATELINE.match(text, begin, finish)
    if match is None or not _place_like(match.group("place")):
        return None
    rest_start, rest_end = match.span("rest")
    if rest_end > rest_start + 1:
        if mention := date_in(rest_start + 1, rest_end, alone=False):
            return mention
        if not _place_like(match.group("rest")[1:]):
            return None
    if not match.group("agency") and match.group("place") != match.group("place").upper():
        # « Paris - » could open any sentence: without a date, only capitals or an agency.
        return None
    if published_on is None:
        return None
    end = match.end("agency") if match.group("agency") else rest_end
    return DateMention(match.start(), end, published_on, Precision.DAY)


def publication_date(phrase: str, *, language: str) -> datetime.date | None:
    """The day a publication line names (« 3 mai 2021 à 10h », "June 12, 2018 at 10:30 a.m.",
    « 24/04/2019 », "2018-06-12"), or None when it names no whole day."""
    words = _grammar(language).words
    try:
        if iso := re.search(r"\b(\d{4})-(\d{2})-(\d{2})(?!\d)", phrase):
            return datetime.date(*(int(part) for part in iso.groups()))
        if numeric := re.search(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b", phrase):
            first, second, year = (int(part) for part in numeric.groups())
            day, month = (first, second) if words.NUMERIC_ORDER == "dmy" else (second, first)
            return datetime.date(year, month, day)
    except ValueError:
        return None
    found = _found(
        phrase,
        datetime.date(2000, 1, 1),
        language=language,
        start=0,
        end=None,
        skip=None,
        folded=None,
    )
    for mention, absolute in found:
        if absolute and mention.precision == Precision.DAY:
            return mention.date
    return None

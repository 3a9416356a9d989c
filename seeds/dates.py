"""Date expressions in French news prose, resolved against the publication date.

Candidates are found by patterns that only accept what reads as a date (« en 2017 », not « 2017
soldats »); explicit dates (« lundi 12 mars », « février 2019 ») are then read by dateparser, and
what it reads the way a calendar does rather than a newspaper (a bare « mercredi » is this week's,
not last week's) is resolved here: « mercredi », « l'an dernier », « en février dernier »,
« il y a près de vingt ans » (approximate).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import cache

from dateparser.date import DateDataParser

from seeds.mentions import fold
from summit.models import Precision

_MONTHS = (
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
)
_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_NUMBERS = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "quinze": 15,
    "vingt": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
    "cent": 100,
}
_MONTH = "|".join(_MONTHS)
_WEEKDAY = "|".join(_WEEKDAYS)
_NUMBER = r"\d{1,3}|" + "|".join(sorted(_NUMBERS, key=len, reverse=True))

# Ordered: the first pattern to claim a span wins, so « jeudi 25 avril » is not also « jeudi ».
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        (
            "day_range",
            rf"\b(?:les|du)\s+(?P<first>1er|[12]?\d|3[01])\s+(?:et|au)\s+"
            rf"(?P<last>(?:1er|[12]?\d|3[01])\s+(?:{_MONTH})(?:\s+(?:19|20)\d\d)?)\b",
        ),
        (
            "explicit_day",
            rf"\b(?:(?:{_WEEKDAY})\s+)?(?:1er|[12]?\d|3[01])\s+(?:{_MONTH})(?:\s+(?:19|20)\d\d)?\b",
        ),
        ("explicit_month", rf"\b(?:{_MONTH})\s+(?:19|20)\d\d\b"),
        ("relative_month", rf"\b(?:en\s+)?(?P<month>{_MONTH})\s+(?P<which>dernier|prochain)\b"),
        ("bare_month", rf"\ben\s+(?P<month>{_MONTH})\b(?!\s+\d)"),
        (
            "ago",
            rf"\bil y a\s+(?P<approx>(?:pres de|pratiquement|presque|environ|quelque|plus de|"
            rf"moins de|une)\s+)?(?P<number>{_NUMBER})\s+(?P<unit>ans?|annees?|mois|jours?)\b",
        ),
        ("last_year", r"\bl'(?:an|annee)\s+(?:dernier|derniere|passe|passee)\b"),
        ("next_year", r"\bl'(?:an|annee)\s+(?:prochain|prochaine)\b"),
        ("this_year", r"\bcette annee\b"),
        ("last_month", r"\ble mois dernier\b"),
        ("yesterday", r"\b(?:avant-)?hier\b"),
        ("today", r"\baujourd'hui\b"),
        ("tomorrow", r"\bdemain\b"),
        (
            "weekday",
            rf"\b(?:ce\s+)?(?P<weekday>{_WEEKDAY})(?:\s+(?P<which>dernier|prochain))?\b(?!\s+\d)",
        ),
        (
            "year",
            r"(?:\b(?:en|depuis|des|d'ici|avant|apres|jusqu'en|annee|debut|fin|mi-|l'an)\s+)"
            r"(?P<year>(?:19|20)\d\d)\b(?!\s*(?:%|euros?|dollars?|km|kilometres|personnes|morts))",
        ),
    )
)
# Words that put a bare weekday in the coming days rather than the past ones.
_FUTURE = re.compile(
    r"\b(?:prevue?s?|devrai(?:t|ent)|doi(?:t|vent)|sera|seront|aura|auront|va|vont|attendue?s?"
    r"|programmee?s?|rendra|se tiendra|debutera)\b"
)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    date: datetime.date
    precision: str


@cache
def _parser(base: datetime.date) -> DateDataParser:
    return DateDataParser(
        languages=["fr"],
        settings={
            "RELATIVE_BASE": datetime.datetime.combine(base, datetime.time()),
            "PREFER_DATES_FROM": "past",
            "PREFER_DAY_OF_MONTH": "first",
        },
    )


def _explicit(phrase: str, published_on: datetime.date) -> tuple[datetime.date, str] | None:
    data = _parser(published_on).get_date_data(phrase)
    if data.date_obj is None:
        return None
    value = data.date_obj.date()
    # A day without a year is the nearest one: a month ahead at most, else last year's.
    if not re.search(r"\d{4}", phrase) and value > published_on + datetime.timedelta(days=31):
        value = value.replace(year=value.year - 1)
    if value < published_on - datetime.timedelta(days=335) and not re.search(r"\d{4}", phrase):
        value = value.replace(year=value.year + 1)
    precision = Precision.DAY if data.period == "day" else Precision.MONTH
    return value, precision


def _month_before(month: int, published_on: datetime.date, *, strictly: bool) -> datetime.date:
    year = published_on.year
    if month > published_on.month or (strictly and month == published_on.month):
        year -= 1
    return datetime.date(year, month, 1)


def _weekday(
    weekday: int, which: str | None, future: bool, published_on: datetime.date
) -> datetime.date:
    delta = weekday - published_on.weekday()
    if which == "prochain" or (which is None and future):
        days = delta % 7 or (7 if which else 0)
        return published_on + datetime.timedelta(days=days)
    days = (-delta) % 7 or (7 if which else 0)
    return published_on - datetime.timedelta(days=days)


def _resolve(
    name: str, match: re.Match[str], future: bool, published_on: datetime.date
) -> tuple[datetime.date, str] | None:
    year = published_on.year
    if name in {"explicit_day", "explicit_month"}:
        return _explicit(match.group(), published_on)
    if name == "day_range":
        # « les 27 et 28 février 2019 », « du 9 au 25 février 2018 »: the first day.
        last = _explicit(match.group("last"), published_on)
        first = 1 if match.group("first") == "1er" else int(match.group("first"))
        if last is None or first > last[0].day:
            return last
        return last[0].replace(day=first), Precision.DAY
    if name == "relative_month":
        month = _MONTHS.index(match.group("month")) + 1
        if match.group("which") == "dernier":
            return _month_before(month, published_on, strictly=True), Precision.MONTH
        after = year + (1 if month <= published_on.month else 0)
        return datetime.date(after, month, 1), Precision.MONTH
    if name == "bare_month":
        month = _MONTHS.index(match.group("month")) + 1
        return _month_before(month, published_on, strictly=False), Precision.MONTH
    if name == "ago":
        raw = match.group("number")
        number = int(raw) if raw.isdigit() else _NUMBERS[raw]
        unit = match.group("unit")
        approximate = match.group("approx") is not None
        if unit.startswith("an"):
            precision = Precision.APPROXIMATE if approximate else Precision.YEAR
            return datetime.date(year - number, 1, 1), precision
        if unit == "mois":
            month_index = published_on.year * 12 + published_on.month - 1 - number
            value = datetime.date(month_index // 12, month_index % 12 + 1, 1)
            return value, Precision.APPROXIMATE if approximate else Precision.MONTH
        value = published_on - datetime.timedelta(days=number)
        return value, Precision.APPROXIMATE if approximate else Precision.DAY
    if name == "last_year":
        return datetime.date(year - 1, 1, 1), Precision.YEAR
    if name == "next_year":
        return datetime.date(year + 1, 1, 1), Precision.YEAR
    if name == "this_year":
        return datetime.date(year, 1, 1), Precision.YEAR
    if name == "last_month":
        return _month_before(published_on.month - 1 or 12, published_on, strictly=True), (
            Precision.MONTH
        )
    if name == "yesterday":
        days = 2 if match.group().startswith("avant") else 1
        return published_on - datetime.timedelta(days=days), Precision.DAY
    if name == "today":
        return published_on, Precision.DAY
    if name == "tomorrow":
        return published_on + datetime.timedelta(days=1), Precision.DAY
    if name == "weekday":
        weekday = _WEEKDAYS.index(match.group("weekday"))
        return _weekday(weekday, match.group("which"), future, published_on), Precision.DAY
    if name == "year":
        return datetime.date(int(match.group("year")), 1, 1), Precision.YEAR
    return None


def date_mentions(
    text: str,
    published_on: datetime.date,
    *,
    start: int = 0,
    end: int | None = None,
    skip: list[tuple[int, int]] | None = None,
) -> list[DateMention]:
    """Dates named in ``text[start:end]`` outside the ``skip`` spans (quotations), in order."""
    stop = len(text) if end is None else end
    folded = fold(text)
    future = bool(_FUTURE.search(folded, start, stop))
    taken: list[tuple[int, int]] = list(skip or [])
    found: list[DateMention] = []
    for name, pattern in _PATTERNS:
        for match in pattern.finditer(folded, start, stop):
            span = match.span()
            if any(
                span[0] < other_end and other_start < span[1] for other_start, other_end in taken
            ):
                continue
            try:
                resolved = _resolve(name, match, future, published_on)
            except (ValueError, OverflowError):
                # A day the calendar does not have: « 29 février » moved to a common year,
                # « il y a vingt ans » or « demain » at either end of the calendar.
                resolved = None
            if resolved is None:
                continue
            taken.append(span)
            found.append(DateMention(span[0], span[1], resolved[0], resolved[1]))
    return sorted(found, key=lambda mention: mention.start)

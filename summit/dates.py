"""Dates as the interface shows them: only as precise as what is known.

« jeudi 25 avril 2019 » (day), « février 2019 » (month), « 2018 » (year), « vers 2000 »
(approximate). Month and day names come from Django's locale data, so they follow the active
language; the order of the parts is a translatable pattern. Built from parts rather than with
``dateformat``, which is several times slower on pages that show hundreds of dates.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from summit.models import Precision


@dataclass(frozen=True)
class _Words:
    """A language's patterns and names for dates, translated once (a bank of questions writes
    hundreds of thousands of dates, and a translation is a lookup through the active one)."""

    date: str
    short_date: str
    month: str
    approximate: str
    first: str
    days_of_one_month: str
    day_and_month: str
    period: str
    months: dict[int, str]
    weekdays: dict[int, str]


@functools.lru_cache(maxsize=32)
def _words_in(language: str | None) -> _Words:
    return _Words(
        date=_("%(weekday)s %(day)s %(month)s %(year)d"),
        short_date=_("%(day)s %(month)s %(year)d"),
        month=_("%(month)s %(year)d"),
        approximate=_("vers %(year)s"),
        # French writes the first day of a month as an ordinal: « 1er mai 2019 ».
        first=_("1er"),
        # Its own message: English joins two days with a dash (« 27–28 February 2019 ») but two
        # dates with a spaced one.
        days_of_one_month=pgettext("days of one month", "du %(start)s au %(end)s"),
        day_and_month=_("%(day)s %(month)s"),
        period=_("du %(start)s au %(end)s"),
        months={number: str(name) for number, name in MONTHS.items()},
        weekdays={number: str(name) for number, name in WEEKDAYS.items()},
    )


@receiver(setting_changed)
def _settings_changed(**kwargs: object) -> None:
    _words_in.cache_clear()


def _parts(value: datetime.date, words: _Words) -> dict[str, object]:
    return {
        "weekday": words.weekdays[value.weekday()],
        "day": words.first if value.day == 1 else str(value.day),
        "month": words.months[value.month],
        "year": value.year,
    }


def format_date(value: datetime.date, precision: str = Precision.DAY) -> str:
    words = _words_in(get_language())
    if precision == Precision.DAY:
        return words.date % _parts(value, words)
    if precision == Precision.MONTH:
        return words.month % _parts(value, words)
    if precision == Precision.YEAR:
        return str(value.year)
    return words.approximate % {"year": value.year}


def format_short_date(value: datetime.date, precision: str = Precision.DAY) -> str:
    """Without the weekday: for quiz options and compact lists (« 25 avril 2019 »)."""
    if precision == Precision.DAY:
        words = _words_in(get_language())
        return words.short_date % _parts(value, words)
    return format_date(value, precision)


def format_period(
    start: datetime.date, end: datetime.date | None, precision: str = Precision.DAY
) -> str:
    """A date, or a span of days (« du 27 au 28 février 2019 ») when the event lasted."""
    if end is None or end == start or precision != Precision.DAY:
        return format_date(start, precision)
    words = _words_in(get_language())
    if (start.year, start.month) == (end.year, end.month):
        return words.days_of_one_month % {
            "start": _parts(start, words)["day"],
            "end": format_short_date(end),
        }
    if start.year == end.year:
        first = words.day_and_month % _parts(start, words)
    else:
        first = format_short_date(start)
    return words.period % {"start": first, "end": format_short_date(end)}

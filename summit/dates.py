"""Dates as the interface shows them: only as precise as what is known.

« jeudi 25 avril 2019 » (day), « février 2019 » (month), « 2018 » (year), « vers 2000 »
(approximate). Month and day names come from Django's locale data, so they follow the active
language; the order of the parts is a translatable pattern. Built from parts rather than with
``dateformat``, which is several times slower on pages that show hundreds of dates.
"""

from __future__ import annotations

import datetime

from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from summit.models import Precision


def _parts(value: datetime.date) -> dict[str, object]:
    return {
        "weekday": WEEKDAYS[value.weekday()],
        # French writes the first day of a month as an ordinal: « 1er mai 2019 ».
        "day": _("1er") if value.day == 1 else str(value.day),
        "month": MONTHS[value.month],
        "year": value.year,
    }


def format_date(value: datetime.date, precision: str = Precision.DAY) -> str:
    if precision == Precision.DAY:
        return _("%(weekday)s %(day)s %(month)s %(year)d") % _parts(value)
    if precision == Precision.MONTH:
        return _("%(month)s %(year)d") % _parts(value)
    if precision == Precision.YEAR:
        return str(value.year)
    return _("vers %(year)s") % {"year": value.year}


def format_short_date(value: datetime.date, precision: str = Precision.DAY) -> str:
    """Without the weekday: for quiz options and compact lists (« 25 avril 2019 »)."""
    if precision == Precision.DAY:
        return _("%(day)s %(month)s %(year)d") % _parts(value)
    return format_date(value, precision)


def format_period(
    start: datetime.date, end: datetime.date | None, precision: str = Precision.DAY
) -> str:
    """A date, or a span of days (« du 27 au 28 février 2019 ») when the event lasted."""
    if end is None or end == start or precision != Precision.DAY:
        return format_date(start, precision)
    if (start.year, start.month) == (end.year, end.month):
        # Its own message: English joins two days with a dash (« 27–28 February 2019 ») but two
        # dates with a spaced one.
        return pgettext("days of one month", "du %(start)s au %(end)s") % {
            "start": _parts(start)["day"],
            "end": format_short_date(end),
        }
    if start.year == end.year:
        first = _("%(day)s %(month)s") % _parts(start)
    else:
        first = format_short_date(start)
    return _("du %(start)s au %(end)s") % {"start": first, "end": format_short_date(end)}

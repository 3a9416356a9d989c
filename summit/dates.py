"""Dates as the interface shows them: only as precise as what is known.

« jeudi 25 avril 2019 » (day), « février 2019 » (month), « 2018 » (year), « vers 2000 »
(approximate). Month and day names come from Django's locale data, so they follow the active
language.
"""

from __future__ import annotations

import datetime

from django.utils import dateformat
from django.utils.translation import gettext as _

from summit.models import Precision


def format_date(value: datetime.date, precision: str = Precision.DAY) -> str:
    if precision == Precision.DAY:
        return dateformat.format(value, "l j F Y")
    if precision == Precision.MONTH:
        return dateformat.format(value, "F Y")
    if precision == Precision.YEAR:
        return str(value.year)
    return _("vers %(year)s") % {"year": value.year}


def format_short_date(value: datetime.date, precision: str = Precision.DAY) -> str:
    """Without the weekday: for quiz options and compact lists (« 25 avril 2019 »)."""
    if precision == Precision.DAY:
        return dateformat.format(value, "j F Y")
    return format_date(value, precision)


def format_period(
    start: datetime.date, end: datetime.date | None, precision: str = Precision.DAY
) -> str:
    """A date, or a span of days (« du 27 au 28 février 2019 ») when the event lasted."""
    if end is None or end == start or precision != Precision.DAY:
        return format_date(start, precision)
    if (start.year, start.month) == (end.year, end.month):
        return _("du %(start)s au %(end)s") % {
            "start": dateformat.format(start, "j"),
            "end": dateformat.format(end, "j F Y"),
        }
    if start.year == end.year:
        return _("du %(start)s au %(end)s") % {
            "start": dateformat.format(start, "j F"),
            "end": dateformat.format(end, "j F Y"),
        }
    return _("du %(start)s au %(end)s") % {
        "start": dateformat.format(start, "j F Y"),
        "end": dateformat.format(end, "j F Y"),
    }

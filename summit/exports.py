"""The timeline in TimelineJS3's JSON format, so that a teacher can also show it there.

TimelineJS inserts every text it is given (headlines, texts, group labels, dates shown, media
captions and credits) as HTML: each value that comes from the database or a translation is
escaped here. It refuses a whole file whose eras do not each end after they start."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from django.core.files.storage import default_storage
from django.db.models import QuerySet
from django.utils.html import escape, format_html
from django.utils.translation import gettext as _

from summit.dates import format_date, format_period
from summit.models import Event, Precision, TimelineSettings
from summit.timeline import timeline_axis
from summit.verification import load_verified_dates


def _date(value: datetime.date, precision: str) -> dict[str, Any]:
    """A TimelineJS date only as precise as what is known."""
    date: dict[str, Any] = {"year": value.year}
    if precision in (Precision.DAY, Precision.MONTH):
        date["month"] = value.month
    if precision == Precision.DAY:
        date["day"] = value.day
    date["display_date"] = escape(format_date(value, precision))
    return date


def _period_bounds(
    start: datetime.date, end: datetime.date | None, precision: str
) -> tuple[datetime.date, datetime.date]:
    """The first and last days an event may fall on, given what is known of its date: a whole
    month, or a whole year, when only that is known."""
    last = end or start
    if precision == Precision.DAY:
        return start, last
    if precision == Precision.MONTH:
        days = calendar.monthrange(last.year, last.month)[1]
        return start.replace(day=1), last.replace(day=days)
    return start.replace(month=1, day=1), last.replace(month=12, day=31)


def _era_date(value: datetime.date) -> dict[str, int]:
    return {"year": value.year, "month": value.month, "day": value.day}


def timelinejs(
    events: QuerySet[Event], *, absolute_url: Callable[[str], str] = str
) -> dict[str, Any]:
    """``events`` as a TimelineJS3 document, in their order, with the title slide the teacher
    wrote; where the story jumps ahead (the overview axis breaks), a new era. Each era runs from
    the first day its first event may fall on to the last day its last event may, so that it
    covers them all and never ends where it starts. ``absolute_url`` makes an image's address
    usable from another site. Read as plain values: no model objects for thousands of rows."""
    place_label, check_label = _("Lieu :"), _("Vérification :")
    vaguer = _("D’après les Repères ; l’article dit seulement « %(vague)s ».")
    groups: dict[int, str] = {}
    for event_id, name in (
        Event.actors.through.objects.filter(event__in=events.order_by().values("pk"))
        .order_by("-actor__name")
        .values_list("event_id", "actor__name")
    ):
        groups[event_id] = name  # the last one written is the first by name
    slides, spans = [], []
    rows = list(
        events.values_list(
            "pk",
            "slug",
            "title",
            "summary",
            "date",
            "end_date",
            "precision",
            "fact_check_note",
            "place__name",
            "image",
            "image_alt",
            "image_credit",
            "image_licence",
        )
    )
    # Dates a reference sheet states more precisely than the articles, as the cards show them.
    dated = [SimpleNamespace(pk=r[0], date=r[4], end_date=r[5], precision=r[6]) for r in rows]
    load_verified_dates(dated)
    for row, known in zip(rows, dated, strict=True):
        pk, slug, title, summary, start, end, precision, note, place = row[:9]
        image, alt, credit, licence = row[9:]
        text = [format_html("<p>{}</p>", summary)] if summary else []
        if known.verified:
            text.append(
                format_html("<p>{}</p>", vaguer % {"vague": format_period(start, end, precision)})
            )
            precision = Precision.DAY
        if place:
            text.append(format_html("<p>{} {}</p>", place_label, place))
        if note:
            text.append(format_html("<p><strong>{}</strong> {}</p>", check_label, note))
        slide: dict[str, Any] = {
            "unique_id": slug,
            "start_date": _date(start, precision),
            "display_date": escape(format_period(start, end, precision)),
            # TimelineJS inserts the headline as HTML, like the text.
            "text": {"headline": escape(title), "text": "".join(text)},
        }
        if end and end != start:
            slide["end_date"] = _date(end, precision)
        if pk in groups:
            # TimelineJS inserts the group as HTML too (its row label): an actor's name is text.
            slide["group"] = escape(groups[pk])
        if image:
            slide["media"] = {
                "url": absolute_url(default_storage.url(image)),
                "alt": alt,  # an attribute value, which TimelineJS sets as text
                "caption": escape(alt),
                "credit": escape(f"{credit} ({licence})"),
            }
        slides.append(slide)
        spans.append((start, *_period_bounds(start, end, precision)))

    eras = []
    segments = timeline_axis(events).segments
    for segment in segments:
        inside = [
            (first, last)
            for start, first, last in spans
            if segment.first <= start.year * 12 + start.month - 1 <= segment.last
        ]
        if not inside:
            continue
        first = min(first for first, _last in inside)
        last = max(last for _first, last in inside)
        headline = str(first.year) if first.year == last.year else f"{first.year} – {last.year}"
        # A lone event of one day: the era lasts that day, to the next morning.
        last = max(last, first + datetime.timedelta(days=1))
        eras.append(
            {
                "start_date": _era_date(first),
                "end_date": _era_date(last),
                "text": {"headline": escape(headline)},
            }
        )
    settings = TimelineSettings.current()
    title: dict[str, Any] = {"headline": escape(settings.title)}
    if settings.description:
        title["text"] = format_html("<p>{}</p>", settings.description)
    return {"title": {"text": title}, "events": slides, "eras": eras}

"""The timeline in TimelineJS3's JSON format, so that a teacher can also show it there."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from summit.dates import format_date, format_period
from summit.models import Event, Precision
from summit.timeline import timeline_axis


def _date(value: Any, precision: str) -> dict[str, Any]:
    """A TimelineJS date only as precise as what is known."""
    date: dict[str, Any] = {"year": value.year}
    if precision in (Precision.DAY, Precision.MONTH):
        date["month"] = value.month
    if precision == Precision.DAY:
        date["day"] = value.day
    date["display_date"] = format_date(value, precision)
    return date


def _event(event: Event) -> dict[str, Any]:
    item: dict[str, Any] = {
        "unique_id": event.slug,
        "start_date": _date(event.date, event.precision),
        "text": {
            "headline": event.title,
            "text": render_to_string("summit/_timelinejs_text.html", {"event": event}),
        },
        "display_date": format_period(event.date, event.end_date, event.precision),
    }
    if event.end_date and event.end_date != event.date:
        item["end_date"] = _date(event.end_date, event.precision)
    actors = list(event.actors.all())
    if actors:
        item["group"] = actors[0].name
    return item


def timelinejs(events: QuerySet[Event]) -> dict[str, Any]:
    """``events`` (chronological, with place and actors) as a TimelineJS3 document; the axis
    segments, where the story jumps ahead, become eras."""
    rows: Iterable[Event] = list(events)
    eras = []
    for segment in timeline_axis(events).segments:
        first_year, first_month = divmod(segment.first + 1, 12)
        last_year, last_month = divmod(segment.last - 2, 12)
        headline = str(first_year) if first_year == last_year else f"{first_year} – {last_year}"
        eras.append(
            {
                "start_date": {"year": first_year, "month": first_month + 1},
                "end_date": {"year": last_year, "month": last_month + 1},
                "text": {"headline": headline},
            }
        )
    return {
        "title": {
            "text": {
                "headline": _("Trump, Kim, Poutine : la séquence 2018–2019"),
                "text": _("Chaque événement renvoie aux phrases des articles qui le rapportent."),
            }
        },
        "events": [_event(event) for event in rows],
        "eras": eras,
    }

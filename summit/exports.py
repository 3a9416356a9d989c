"""The timeline in TimelineJS3's JSON format, so that a teacher can also show it there.

TimelineJS inserts every text it is given (headlines, texts, group labels, media captions and
credits) as HTML: each value that comes from the database or a translation is escaped here."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils.html import escape, format_html
from django.utils.translation import gettext as _

from summit.dates import format_date, format_period
from summit.models import Event, Precision
from summit.timeline import timeline_axis


def _date(value: datetime.date, precision: str) -> dict[str, Any]:
    """A TimelineJS date only as precise as what is known."""
    date: dict[str, Any] = {"year": value.year}
    if precision in (Precision.DAY, Precision.MONTH):
        date["month"] = value.month
    if precision == Precision.DAY:
        date["day"] = value.day
    date["display_date"] = format_date(value, precision)
    return date


def timelinejs(events: QuerySet[Event]) -> dict[str, Any]:
    """``events`` as a TimelineJS3 document, in their order; the axis segments, where the story
    jumps ahead, become eras. Read as plain values: no model objects for thousands of rows."""
    place_label, check_label = _("Lieu :"), _("Vérification :")
    groups: dict[int, str] = {}
    for event_id, name in (
        Event.actors.through.objects.filter(event__in=events.order_by().values("pk"))
        .order_by("-actor__name")
        .values_list("event_id", "actor__name")
    ):
        groups[event_id] = name  # the last one written is the first by name
    slides = []
    for pk, slug, title, summary, start, end, precision, note, place in events.values_list(
        "pk",
        "slug",
        "title",
        "summary",
        "date",
        "end_date",
        "precision",
        "fact_check_note",
        "place__name",
    ):
        text = [format_html("<p>{}</p>", summary)] if summary else []
        if place:
            text.append(format_html("<p>{} {}</p>", place_label, place))
        if note:
            text.append(format_html("<p><strong>{}</strong> {}</p>", check_label, note))
        slide: dict[str, Any] = {
            "unique_id": slug,
            "start_date": _date(start, precision),
            "display_date": format_period(start, end, precision),
            # TimelineJS inserts the headline as HTML, like the text.
            "text": {"headline": escape(title), "text": "".join(text)},
        }
        if end and end != start:
            slide["end_date"] = _date(end, precision)
        if pk in groups:
            # TimelineJS inserts the group as HTML too (its row label): an actor's name is text.
            slide["group"] = escape(groups[pk])
        slides.append(slide)

    eras = []
    for segment in timeline_axis(events).segments:
        first_year, first_month = divmod(segment.first + 1, 12)
        last_year, last_month = divmod(segment.last - 2, 12)  # without the padding months
        headline = str(first_year) if first_year == last_year else f"{first_year} – {last_year}"
        eras.append(
            {
                "start_date": {"year": first_year, "month": first_month + 1},
                "end_date": {"year": last_year, "month": last_month + 1},
                "text": {"headline": escape(headline)},
            }
        )
    return {
        "title": {
            "text": {
                "headline": escape(_("Trump, Kim, Poutine : la séquence 2018–2019")),
                "text": format_html(
                    "<p>{}</p>",
                    _("Chaque événement renvoie aux phrases des articles qui le rapportent."),
                ),
            }
        },
        "events": slides,
        "eras": eras,
    }

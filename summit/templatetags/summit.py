"""Template helpers for content: dates at their precision and cited sentences."""

from __future__ import annotations

import datetime

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from summit.dates import format_date, format_period
from summit.models import Citation, Event

register = template.Library()


@register.filter
def event_period(event: Event) -> str:
    """« jeudi 25 avril 2019 », « février 2019 », « vers 2000 », « du 27 au 28 février 2019 »."""
    return format_period(event.date, event.end_date, event.precision)


@register.filter
def day(value: datetime.date | None) -> str:
    return format_date(value) if value else ""


@register.filter
def iso_period(event: Event) -> str:
    """The machine-readable value for <time datetime>, only as precise as what is known."""
    if event.precision == "day":
        return event.date.isoformat()
    if event.precision == "month":
        return event.date.strftime("%Y-%m")
    return f"{event.date.year:04d}"


@register.simple_tag
def cited_sentence(citation: Citation) -> SafeString:
    """The sentence around a citation, the cited words in a <mark>."""
    before, span, after = citation.sentence_parts()
    return format_html("{}<mark>{}</mark>{}", before, span, after)

"""Template helpers for content: dates at their precision and cited sentences."""

from __future__ import annotations

import datetime
import functools
import re

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext

from summit.dates import format_date, format_period
from summit.models import Citation, Event, Quote, Source

register = template.Library()

# The language the site's own content is written in (events, quizzes, generated questions),
# whatever the language of the interface.
CONTENT_LANGUAGE = "fr"
# A BCP 47 tag as it appears in a lang attribute ("fr", "en-GB"); anything else typed in the
# admin falls back to the content language rather than producing an invalid attribute.
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")


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


@register.filter
def source_label(source: Source) -> str:
    """How a link to a source reads: its outlet (or that it is unknown) and its date."""
    if source.is_reference:
        name = gettext("fiche de référence")
    else:
        name = source.outlet or gettext("média inconnu")
    return f"{name}, {format_date(source.published_on)}"


@functools.cache
def _slug_url(name: str, script_prefix: str) -> tuple[str, str]:
    """The parts of a slug URL around the slug, reversed once per URL name and prefix."""
    marker = "slug-marker"
    url = reverse(name, kwargs={"slug": marker})
    before, after = url.split(marker)
    return before, after


def _url(name: str, slug: str) -> str:
    # Slugs are URL-safe by construction (SlugField), so they are joined as they are; a page
    # with a hundred links then spends no time in reverse().
    before, after = _slug_url(name, get_script_prefix())
    return f"{before}{slug}{after}"


@register.filter
def event_url(slug: str) -> str:
    return _url("event_detail", slug)


@register.filter
def source_url(slug: str) -> str:
    return _url("source_detail", slug)


@register.filter
def evidence_summary(count: int) -> str:
    return ngettext(
        "D’où vient ce fait ? %(n)d source", "D’où vient ce fait ? %(n)d sources", count
    ) % {"n": count}


@register.filter
def content_language(item: Source | Citation | Quote | object) -> str:
    """The lang attribute of a piece of content: an article's own language for its text, its
    quoted sentences and its quotations (through their first citation), French for the rest."""
    if isinstance(item, Quote):
        citations = getattr(item, "citation_list", None)
        if citations is None:
            citations = item.citations.all()
        item = next(iter(citations), None)
    if isinstance(item, Citation):
        item = item.source
    if isinstance(item, Source) and _LANGUAGE_TAG.fullmatch(item.language):
        return item.language
    return CONTENT_LANGUAGE


@register.filter
def in_content_language(text: str) -> SafeString:
    """Content set inside an interface sentence, so that a reader voices it in French."""
    return format_html('<span lang="{}">{}</span>', CONTENT_LANGUAGE, text)

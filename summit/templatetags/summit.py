"""Template helpers for content: dates at their precision and cited sentences."""

from __future__ import annotations

import datetime
import functools
import re
import secrets
import weakref

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext

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


class PerLanguageNode(template.Node):
    """``{% per_language %}…{% endper_language %}``: a part of a page that depends on nothing but
    the interface language (links to static files, fixed sentences), rendered once per language
    and kept. Nothing from the request or the page may go inside."""

    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist
        self.rendered: dict[tuple[str, str], SafeString] = {}
        _PER_LANGUAGE.add(self)

    def render(self, context: template.Context) -> SafeString:
        key = (get_language(), get_script_prefix())
        html = self.rendered.get(key)
        if html is None:
            html = self.rendered[key] = mark_safe(self.nodelist.render(context))
        return html


# Every such part compiled, to empty them when the settings change.
_PER_LANGUAGE: weakref.WeakSet[PerLanguageNode | KeptForNode] = weakref.WeakSet()


@register.tag
def per_language(parser: template.base.Parser, token: template.base.Token) -> PerLanguageNode:
    nodelist = parser.parse(("endper_language",))
    parser.delete_first_token()
    return PerLanguageNode(nodelist)


class KeptForNode(template.Node):
    """``{% kept_for value %}…{% endkept_for %}``: a part of a page that depends on nothing but
    the interface language, ``value`` (hashable: what the part shows, such as a tuple of the
    fields of the rows it lists) and the CSRF token of its forms; rendered once per language and
    value, kept, and given each request's token. Rendered every time when ``value`` is None (a
    form sent back with its errors, say)."""

    KEPT = 256

    def __init__(self, nodelist: template.NodeList, value: template.base.FilterExpression) -> None:
        self.nodelist = nodelist
        self.value = value
        self.rendered: dict[tuple, str] = {}
        _PER_LANGUAGE.add(self)

    def render(self, context: template.Context) -> SafeString:
        value = self.value.resolve(context)
        if value is None:
            return self.nodelist.render(context)
        key = (get_language(), get_script_prefix(), value)
        html = self.rendered.get(key)
        if html is None:
            with context.push(csrf_token=_HEADER_TOKEN):
                html = self.nodelist.render(context)
            if len(self.rendered) >= self.KEPT:
                self.rendered.clear()
            self.rendered[key] = html
        token = conditional_escape(str(context.get("csrf_token", "")))
        return mark_safe(html.replace(_HEADER_TOKEN, token))


@register.tag
def kept_for(parser: template.base.Parser, token: template.base.Token) -> KeptForNode:
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("kept_for takes one value: {% kept_for value %}")
    nodelist = parser.parse(("endkept_for",))
    parser.delete_first_token()
    return KeptForNode(nodelist, parser.compile_filter(bits[1]))


# The site's header differs only by language, by the page of the menu shown, by the CSRF token
# and by the path to come back to: rendered once per language and page of the menu, with marks
# where the token and the path go, then filled in for each request (a tenth of the cost).
_HEADER_TOKEN = f"headertoken{secrets.token_hex(16)}"
_HEADER_NEXT = f"headernext{secrets.token_hex(16)}"
_HEADERS: dict[tuple[str, str, str], str] = {}


@functools.cache
def _menu_paths(prefix: str) -> frozenset[str]:
    return frozenset(reverse(name) for name in ("timeline", "place_map", "quote_list", "quiz_list"))


@register.simple_tag(takes_context=True)
def site_header(context: template.Context) -> SafeString:
    """The site's header: its links, the current page marked, and the language form."""
    request = context.get("request")
    path = request.path if request is not None else ""
    prefix = get_script_prefix()
    current = path if path in _menu_paths(prefix) else ""
    key = (get_language(), prefix, current)
    html = _HEADERS.get(key)
    if html is None:
        html = render_to_string(
            "_site_header.html",
            {
                "LANGUAGE_CODE": key[0],
                "current_path": current,
                "csrf_token": _HEADER_TOKEN,
                "next_path": _HEADER_NEXT,
            },
        ).strip()
        _HEADERS[key] = html
    token = context.get("csrf_token", "")
    next_path = request.get_full_path() if request is not None else ""
    # Rendered from a template, and both values escaped here.
    return mark_safe(
        html.replace(_HEADER_TOKEN, conditional_escape(str(token))).replace(
            _HEADER_NEXT, conditional_escape(next_path)
        )
    )


@receiver(setting_changed)
def _settings_changed(**kwargs: object) -> None:
    """Parts kept per language hold URLs and static file names: made again after a change of
    settings (tests change the static files' storage, the URLs, the languages)."""
    _HEADERS.clear()
    _menu_paths.cache_clear()
    for node in _PER_LANGUAGE:
        node.rendered.clear()

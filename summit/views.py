"""Public pages: the timeline, an event, the quotations, an article, and the TimelineJS export."""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers
from django_htmx.middleware import HtmxDetails

from summit.embedding import embeddable, readable_anywhere
from summit.exports import timelinejs
from summit.health import database_ready
from summit.models import Actor, Citation, Event, Quote, Source, TimelineSettings
from summit.page_cache import (
    TIMELINE_CACHE_SECONDS,
    csrf_stand_in,
    page_get,
    page_response,
    page_set,
    timeline_cache_key,
)
from summit.reference import reference_lines
from summit.sources import citation_anchors, published_citations, source_paragraphs
from summit.timeline import (
    PAGE_SIZE,
    TimelineFilters,
    attach_details,
    filter_choices,
    group_by_year_and_month,
    timeline_axis,
    timeline_events,
)
from summit.versioning import content_version

QUOTES_PAGE_SIZE = 100
# The most events one /timeline.json response holds; its "next" URL gives the following ones.
TIMELINE_JSON_MAX_EVENTS = 1000
_SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def htmx_swap(request: HtmxHttpRequest) -> bool:
    """An htmx request for the swappable region (not a history restore, which wants the page)."""
    return bool(request.htmx) and not request.htmx.history_restore_request


@require_GET
@embeddable
@vary_on_headers("HX-Request")
def timeline(request: HtmxHttpRequest) -> HttpResponse:
    """The timeline. A rendered page is cached under the content version, so that it costs one
    query until something published changes. It is rendered with a stand-in for the CSRF token,
    and each response gets a token of its own."""
    swap = htmx_swap(request)
    # Already read by CachedTimelineMiddleware when the page was not served from there.
    version = getattr(request, "content_version", None)
    if version is None:
        version = content_version()
    key = timeline_cache_key(version, list(request.GET.lists()), swap) if version else ""
    page = page_get(key) if key else None
    if page is None:
        actors, sources = filter_choices(request.GET.get("source", ""))
        form = TimelineFilters(request.GET, actors=actors, sources=sources)
        context: dict[str, object] = {"form": form}
        template = "summit/timeline.html#results" if swap else "summit/timeline.html"
        if not form.is_valid():
            return render(request, template, context, status=400)
        events = timeline_events(form.cleaned_data)
        axis = timeline_axis(events)
        paginator = Paginator(events.select_related("place__part_of"), PAGE_SIZE)
        paginator.count = axis.total  # the axis has counted them already
        page = paginator.get_page(request.GET.get("page"))
        attach_details(page.object_list)
        context.update(
            page=page,
            years=group_by_year_and_month(page.object_list),
            axis=axis,
            query=form.query_string(),
            selected_actors=[a for a in actors if a.slug in form.cleaned_data["actor"]],
            reference_sources=[source for source in sources if source.is_reference],
            selected_place=form.selected_place,
            settings=TimelineSettings.current(),
            csrf_token=csrf_stand_in(),
        )
        html = render_to_string(template, context, request)
        if not key:
            return HttpResponse(html.replace(csrf_stand_in(), get_token(request)))
        page = page_set(key, html)
    return page_response(request, page)


@require_GET
@embeddable
@vary_on_headers("HX-Request")
def event_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event.objects.published().select_related("place__part_of"), slug=slug)
    attach_details([event])
    if htmx_swap(request):
        return render(request, "summit/event_detail.html#event", {"event": event})
    published = Event.objects.published()
    # The date's range first, so that the index on (published, date, slug) is read from the
    # event's position on.
    before = Q(date__lte=event.date) & (Q(date__lt=event.date) | Q(slug__lt=event.slug))
    after = Q(date__gte=event.date) & (Q(date__gt=event.date) | Q(slug__gt=event.slug))
    context = {
        "event": event,
        "previous": published.filter(before)
        .order_by("-date", "-slug")
        .only("slug", "title")
        .first(),
        "next": published.filter(after).order_by("date", "slug").only("slug", "title").first(),
    }
    return render(request, "summit/event_detail.html", context)


@dataclass(frozen=True)
class QuoteCursor:
    """A place in the list of quotations, written in its links as « speaker.date.id »
    (« 12.2019-04-25.345 », « 12..345 » without a date): the sort key of a quotation."""

    speaker_id: int
    said_on: datetime.date | None
    pk: int

    @classmethod
    def of(cls, quote: Quote) -> QuoteCursor:
        return cls(speaker_id=quote.speaker_id, said_on=quote.said_on, pk=quote.pk)

    @classmethod
    def parse(cls, raw: str) -> QuoteCursor | None:
        parts = raw.split(".")
        if len(parts) != 3 or len(raw) > 60:
            return None
        speaker, day, pk = parts
        if not all(p.isascii() and p.isdigit() and len(p) <= 18 for p in (speaker, pk)):
            return None
        try:
            said_on = datetime.date.fromisoformat(day) if day else None
        except ValueError:
            return None
        return cls(speaker_id=int(speaker), said_on=said_on, pk=int(pk))

    def __str__(self) -> str:
        day = self.said_on.isoformat() if self.said_on else ""
        return f"{self.speaker_id}.{day}.{self.pk}"

    def after(self, name: str) -> Q:
        """The quotations after this one in QUOTE_ORDER (undated ones first in a speaker's)."""
        if self.said_on is None:
            tail = Q(said_on__isnull=False) | Q(said_on__isnull=True, pk__gt=self.pk)
        else:
            tail = Q(said_on__gt=self.said_on) | Q(said_on=self.said_on, pk__gt=self.pk)
        same = Q(speaker__name=name)
        return (
            Q(speaker__name__gt=name)
            | (same & Q(speaker_id__gt=self.speaker_id))
            | (same & Q(speaker_id=self.speaker_id) & tail)
        )

    def before(self, name: str) -> Q:
        if self.said_on is None:
            tail = Q(said_on__isnull=True, pk__lt=self.pk)
        else:
            tail = (
                Q(said_on__isnull=True)
                | Q(said_on__lt=self.said_on)
                | Q(said_on=self.said_on, pk__lt=self.pk)
            )
        same = Q(speaker__name=name)
        return (
            Q(speaker__name__lt=name)
            | (same & Q(speaker_id__lt=self.speaker_id))
            | (same & Q(speaker_id=self.speaker_id) & tail)
        )


# By speaker (name, then id for two of the same name), then date (undated first, on every
# database), then id: a total order, so that a page starts exactly where the previous ended.
QUOTE_ORDER = (
    F("speaker__name").asc(),
    F("speaker_id").asc(),
    F("said_on").asc(nulls_first=True),
    F("pk").asc(),
)
QUOTE_ORDER_REVERSED = tuple(
    F(name).desc(nulls_last=True) for name in ("speaker__name", "speaker_id", "said_on", "pk")
)
QUOTE_CURSOR_INVALID = gettext_lazy(
    "Ce lien de page n’est pas valable (il a été modifié, ou son auteur n’a plus de citation "
    "publiée)."
)


@require_GET
def quote_list(request: HttpRequest) -> HttpResponse:
    """The published quotations by speaker, QUOTES_PAGE_SIZE at a time. A page is read from a
    cursor (``?after=`` the last quotation of the previous page, ``?before=`` the first of the
    next), so that any page costs what the first does; ``?page=N`` links from before still open
    their page."""
    citations = Citation.objects.order_by("source__published_on", "start").prefetch_related(
        "source"
    )
    quotes = (
        Quote.objects.published()
        .filter(Q(event__isnull=True) | Q(event__published=True))
        .select_related("speaker", "event")
        .prefetch_related(Prefetch("citations", queryset=citations))
    )
    speakers = list(
        Actor.objects.filter(
            Exists(Quote.objects.published().filter(speaker=OuterRef("pk")))
        ).order_by("name")
    )
    context: dict[str, object] = {"speakers": speakers}
    speaker = request.GET.get("speaker", "")
    if speaker:
        if speaker not in {actor.slug for actor in speakers}:
            context["unknown_speaker"] = speaker[:100]
            return render(request, "summit/quote_list.html", context, status=400)
        quotes = quotes.filter(speaker__slug=speaker)
    context["speaker"] = speaker
    names = {actor.pk: actor.name for actor in speakers}
    backwards = "before" in request.GET and "after" not in request.GET
    raw_cursor = request.GET.get("before" if backwards else "after")
    cursor = QuoteCursor.parse(raw_cursor) if raw_cursor is not None else None
    if raw_cursor is not None and (cursor is None or cursor.speaker_id not in names):
        context["invalid_cursor"] = QUOTE_CURSOR_INVALID
        return render(request, "summit/quote_list.html", context, status=400)
    size = QUOTES_PAGE_SIZE
    if cursor is not None and backwards:
        rows = list(
            quotes.filter(cursor.before(names[cursor.speaker_id])).order_by(*QUOTE_ORDER_REVERSED)[
                : size + 1
            ]
        )
        more_before, rows = len(rows) > size, rows[:size][::-1]
        more_after = True
    else:
        start = 0
        if cursor is not None:
            quotes_from = quotes.filter(cursor.after(names[cursor.speaker_id]))
        else:
            quotes_from = quotes
            number = request.GET.get("page", "")
            # A link from the numbered pages of before: its page, read by offset.
            if number.isascii() and number.isdigit() and len(number) <= 6 and int(number) > 1:
                start = (int(number) - 1) * size
        rows = list(quotes_from.order_by(*QUOTE_ORDER)[start : start + size + 1])
        if not rows and start:
            start = 0  # past the last page, as the numbered pages did: the first one
            rows = list(quotes.order_by(*QUOTE_ORDER)[: size + 1])
        more_after, rows = len(rows) > size, rows[:size]
        more_before = start > 0 or (
            cursor is not None
            and bool(rows)
            and quotes.filter(QuoteCursor.of(rows[0]).before(rows[0].speaker.name)).exists()
        )
    base = {"speaker": speaker} if speaker else {}
    if rows and more_before:
        context["previous_url"] = "?" + urlencode({**base, "before": QuoteCursor.of(rows[0])})
    if rows and more_after:
        context["next_url"] = "?" + urlencode({**base, "after": QuoteCursor.of(rows[-1])})
    context["quotes"] = rows
    return render(request, "summit/quote_list.html", context)


@require_GET
def source_detail(request: HttpRequest, slug: str) -> HttpResponse:
    source = get_object_or_404(Source, slug=slug)
    citations = published_citations(source)
    if not citations:
        raise Http404("Cette source ne sert encore à aucun contenu publié.")
    context = {
        "source": source,
        "paragraphs": source_paragraphs(source, citations, citation_anchors(source)),
        "lines": reference_lines(source, citations),
    }
    return render(request, "summit/source_detail.html", context)


def _window_after(value: str) -> tuple[datetime.date, str] | None:
    """The ``after`` cursor of a ``/timeline.json`` window: « 2019-04-25.slug-of-the-event »,
    the date and slug of the last event of the previous window."""
    day, _dot, slug = value.partition(".")
    if not _dot or not slug or len(slug) > 120 or not _SLUG.match(slug):
        return None
    try:
        return datetime.date.fromisoformat(day), slug
    except ValueError:
        return None


def _timeline_json_body(request: HttpRequest) -> tuple[bytes, int]:
    """The JSON document of one window and its status: at most ``limit`` events (at most
    TIMELINE_JSON_MAX_EVENTS), from the event after the ``after`` cursor, and a ``next`` URL while
    there are more."""
    actors, sources = filter_choices(request.GET.get("source", ""))
    form = TimelineFilters(request.GET, actors=actors, sources=sources)
    if not form.is_valid():
        return _json_dumps({"errors": form.errors.get_json_data()}), 400
    limit = TIMELINE_JSON_MAX_EVENTS
    if raw_limit := request.GET.get("limit"):
        valid = raw_limit.isascii() and raw_limit.isdigit() and len(raw_limit) <= 6
        if not valid or not 1 <= int(raw_limit) <= TIMELINE_JSON_MAX_EVENTS:
            message = _("« limit » doit être un nombre entier de 1 à %(max)d.") % {
                "max": TIMELINE_JSON_MAX_EVENTS
            }
            return _json_dumps({"errors": {"limit": [{"message": message}]}}), 400
        limit = int(raw_limit)
    events = timeline_events(form.cleaned_data)
    window = events
    if raw_after := request.GET.get("after"):
        after = _window_after(raw_after)
        if after is None:
            message = _(
                "« after » doit être la date et l'identifiant du dernier événement reçu "
                "(2019-04-25.premier-sommet), comme dans le lien « next »."
            )
            return _json_dumps({"errors": {"after": [{"message": message}]}}), 400
        day, slug = after
        window = events.filter(Q(date__gt=day) | Q(date=day, slug__gt=slug))
    # The window's last event, read by the index on (date, slug) rather than counted.
    edges = list(window.values_list("date", "slug")[limit - 1 : limit + 1])
    more = len(edges) == 2
    if edges:
        day, slug = edges[0]
        window = window.filter(Q(date__lt=day) | Q(date=day, slug__lte=slug))
    document = timelinejs(window, absolute_url=request.build_absolute_uri)
    document["limit"] = limit
    if more:
        query = request.GET.copy()
        query["after"] = f"{day.isoformat()}.{slug}"
        document["next"] = f"{reverse('timeline_json')}?{query.urlencode()}"
    else:
        document["next"] = None
    return _json_dumps(document), 200


def _json_dumps(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder).encode()


@require_GET
@readable_anywhere
@embeddable
def timeline_json(request: HttpRequest) -> HttpResponse:
    """The timeline in TimelineJS3's format, by windows of at most TIMELINE_JSON_MAX_EVENTS
    events (``next`` links the following window). Cached under the content version, like the
    timeline's pages; compressed by the GZip middleware when the client accepts it."""
    version = content_version()
    key = ""
    if version:
        query = sorted((key, tuple(values)) for key, values in request.GET.lists())
        digest = hashlib.sha256(repr(query).encode()).hexdigest()
        # The scheme and host too: image addresses in the document are absolute.
        host = hashlib.sha256(request.build_absolute_uri("/").encode()).hexdigest()[:16]
        key = f"timeline-json:{version}:{get_language()}:{host}:{digest}"
    cached = cache.get(key) if key else None
    if cached is None:
        cached = _timeline_json_body(request)
        if key:
            cache.set(key, cached, TIMELINE_CACHE_SECONDS)
    body, status = cached
    return HttpResponse(body, status=status, content_type="application/json")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """For a load balancer or a monitor: 200 "ok" when the database answers with its schema,
    503 otherwise."""
    if not database_ready():
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")

"""Public pages: the timeline, an event, the quotations, an article, and the TimelineJS export."""

from __future__ import annotations

import hashlib
import uuid

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers
from django_htmx.middleware import HtmxDetails

from summit.exports import timelinejs
from summit.health import database_ready
from summit.models import Actor, Citation, Event, Quote, Source
from summit.reference import reference_lines
from summit.sources import published_citations, source_paragraphs
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
# A safety net only: a change to the content changes the version, hence the key, at once.
TIMELINE_CACHE_SECONDS = 60 * 60
# Drawn for each process: no content can contain it.
CSRF_STAND_IN = f"csrf-stand-in-{uuid.uuid4().hex}"


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def htmx_swap(request: HtmxHttpRequest) -> bool:
    """An htmx request for the swappable region (not a history restore, which wants the page)."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def timeline_cache_key(version: str, request: HtmxHttpRequest, swap: bool) -> str:
    """The cache key of a rendered timeline: content version, language, region, query."""
    query = sorted((key, tuple(values)) for key, values in request.GET.lists())
    digest = hashlib.sha256(repr(query).encode()).hexdigest()
    region = "results" if swap else "page"
    return f"timeline:{version}:{get_language()}:{region}:{digest}"


@require_GET
@vary_on_headers("HX-Request")
def timeline(request: HtmxHttpRequest) -> HttpResponse:
    """The timeline. A rendered page is cached under the content version, so that it costs one
    query until something published changes. It is rendered with a stand-in for the CSRF token,
    and each response gets a token of its own."""
    swap = htmx_swap(request)
    version = content_version()
    key = timeline_cache_key(version, request, swap) if version else ""
    html = cache.get(key) if key else None
    if html is None:
        actors, sources = filter_choices()
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
            csrf_token=CSRF_STAND_IN,
        )
        html = render_to_string(template, context, request)
        if key:
            cache.set(key, html, TIMELINE_CACHE_SECONDS)
    if CSRF_STAND_IN in html:
        html = html.replace(CSRF_STAND_IN, get_token(request))
    return HttpResponse(html)


@require_GET
@vary_on_headers("HX-Request")
def event_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event.objects.published().select_related("place__part_of"), slug=slug)
    attach_details([event])
    if htmx_swap(request):
        return render(request, "summit/event_detail.html#event", {"event": event})
    published = Event.objects.published()
    before = Q(date__lt=event.date) | Q(date=event.date, slug__lt=event.slug)
    after = Q(date__gt=event.date) | Q(date=event.date, slug__gt=event.slug)
    context = {
        "event": event,
        "previous": published.filter(before)
        .order_by("-date", "-slug")
        .only("slug", "title")
        .first(),
        "next": published.filter(after).order_by("date", "slug").only("slug", "title").first(),
    }
    return render(request, "summit/event_detail.html", context)


@require_GET
def quote_list(request: HttpRequest) -> HttpResponse:
    citations = Citation.objects.order_by("source__published_on", "start").prefetch_related(
        "source"
    )
    quotes = (
        Quote.objects.published()
        .filter(Q(event__isnull=True) | Q(event__published=True))
        .select_related("speaker", "event")
        .prefetch_related(Prefetch("citations", queryset=citations))
        .order_by("speaker__name", "speaker_id", "said_on", "pk")
    )
    speakers = list(
        Actor.objects.filter(
            Exists(Quote.objects.published().filter(speaker=OuterRef("pk")))
        ).order_by("name")
    )
    speaker = request.GET.get("speaker", "")
    if speaker:
        if speaker not in {actor.slug for actor in speakers}:
            return render(
                request,
                "summit/quote_list.html",
                {"speakers": speakers, "unknown_speaker": speaker[:100]},
                status=400,
            )
        quotes = quotes.filter(speaker__slug=speaker)
    page = Paginator(quotes, QUOTES_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "speakers": speakers, "speaker": speaker}
    return render(request, "summit/quote_list.html", context)


@require_GET
def source_detail(request: HttpRequest, slug: str) -> HttpResponse:
    source = get_object_or_404(Source, slug=slug)
    citations = published_citations(source)
    if not citations:
        raise Http404("Cette source ne sert encore à aucun contenu publié.")
    context = {
        "source": source,
        "paragraphs": source_paragraphs(source, citations),
        "lines": reference_lines(source, citations),
    }
    return render(request, "summit/source_detail.html", context)


@require_GET
def timeline_json(request: HttpRequest) -> JsonResponse:
    actors, sources = filter_choices()
    form = TimelineFilters(request.GET, actors=actors, sources=sources)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    events = (
        timeline_events(form.cleaned_data)
        .select_related("place")
        .prefetch_related(Prefetch("actors", queryset=Actor.objects.order_by("name")))
    )
    return JsonResponse(timelinejs(events), json_dumps_params={"ensure_ascii": False})


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """For a load balancer or a monitor: 200 "ok" when the database answers with its schema,
    503 otherwise."""
    if not database_ready():
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")

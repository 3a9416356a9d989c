"""The visual timeline (lanes per actor, zoomable windows) and the projector's presentation mode.
Both read the list's filters from the same GET parameters, so a link between the views keeps
the query string, and both work without JavaScript: every window and every slide is a page."""

from __future__ import annotations

import hashlib
import re

from django.core.cache import cache
from django.db.models import Q
from django.http import HttpResponse, QueryDict
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from summit.page_cache import TIMELINE_CACHE_SECONDS, csrf_stand_in
from summit.timeline import (
    TimelineFilters,
    attach_details,
    filter_choices,
    period_bounds,
    timeline_axis,
    timeline_events,
)
from summit.versioning import content_version
from summit.views import HtmxHttpRequest, htmx_swap
from summit.visual import Window, events_extent, pan, visual_chart, zoom_in, zoom_out

_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,120}$")
EVENT_INVALID = _("« event » doit être l’identifiant d’un événement (premier-sommet-kim-poutine).")
EVENT_NOT_SHOWN = _("Cet événement n’est pas dans la frise avec ces filtres.")


def _cache_key(prefix: str, version: str, request: HtmxHttpRequest, swap: bool) -> str:
    query = sorted((key, tuple(values)) for key, values in request.GET.lists())
    digest = hashlib.sha256(repr(query).encode()).hexdigest()
    region = "results" if swap else "page"
    return f"{prefix}:{version}:{get_language()}:{region}:{digest}"


def _cached_page(prefix: str, request: HtmxHttpRequest, build) -> HttpResponse:
    """The page ``build(swap)`` renders, as ``(html, status)``, cached under the content version
    like the list's pages (a CSRF stand-in replaced per response)."""
    swap = htmx_swap(request)
    version = content_version()
    key = _cache_key(prefix, version, request, swap) if version else ""
    cached = cache.get(key) if key else None
    if cached is None:
        cached = build(swap)
        if key and cached[1] == 200:
            cache.set(key, cached, TIMELINE_CACHE_SECONDS)
    html, status = cached
    stand_in = csrf_stand_in()
    if stand_in in html:
        html = html.replace(stand_in, get_token(request))
    return HttpResponse(html, status=status)


def _query(base: str, window: Window | None) -> str:
    """``base`` (the filters without the period) with the window's period."""
    query = QueryDict(base, mutable=True)
    if window is not None and not window.whole:
        query["from"] = window.period_from
        query["to"] = window.period_to
    return query.urlencode()


def _filters(request: HtmxHttpRequest) -> tuple[TimelineFilters, list]:
    actors, sources = filter_choices(request.GET.get("source", ""))
    return TimelineFilters(request.GET, actors=actors, sources=sources), actors


@require_GET
@vary_on_headers("HX-Request")
def visual_timeline(request: HtmxHttpRequest) -> HttpResponse:
    """The timeline drawn: the window the period filter selects (the whole span without one),
    one lane per actor, with links to zoom and to the windows before and after."""

    def build(swap: bool) -> tuple[str, int]:
        form, actors = _filters(request)
        template = "summit/visual/timeline.html#results" if swap else "summit/visual/timeline.html"
        context: dict[str, object] = {"form": form, "csrf_token": csrf_stand_in()}
        if not form.is_valid():
            return render_to_string(template, context, request), 400
        data = form.cleaned_data
        unbounded = timeline_events({**data, "q": "", "from": "", "to": ""})
        query = form.query_string()
        base = QueryDict(query, mutable=True)
        base.pop("from", None)
        base.pop("to", None)
        base_query = base.urlencode()
        context.update(query=query, base_query=base_query)
        extent = events_extent(unbounded)
        if extent is None:
            return render_to_string(template, context, request), 200
        whole = Window(start=extent[0], end=extent[1])
        window = whole
        if data["from"] or data["to"]:
            start = period_bounds(data["from"])[0] if data["from"] else extent[0]
            end = period_bounds(data["to"])[1] if data["to"] else extent[1]
            window = Window(start, end, data["from"], data["to"])
        axis = timeline_axis(unbounded)
        chart = visual_chart(
            events=unbounded,
            axis=axis,
            window=window,
            actors=actors,
            selected=data["actor"],
            matching=timeline_events(data) if data["q"].strip() else None,
        )
        steps = {
            # Around the middle of the drawing, which on a broken axis is not the middle date.
            "zoom_in": zoom_in(window, chart.date_at(chart.width / 2)),
            "zoom_out": zoom_out(window, whole),
            "previous": pan(window, -1),
            "next": pan(window, 1),
        }
        links = {
            name: (_query(base_query, step), step) if step else None for name, step in steps.items()
        }
        context.update(
            chart=chart,
            axis=axis,
            links=links,
            whole_query=base_query,
        )
        list_url = reverse("timeline")
        for lane in chart.lanes:
            for group in lane.groups:
                if group.window is not None:
                    group.href = "?" + _query(base_query, group.window)
                else:
                    # Already a week: the group's days are read in the list.
                    days = QueryDict(base_query, mutable=True)
                    days["from"], days["to"] = group.first.isoformat(), group.last.isoformat()
                    group.href = f"{list_url}?{days.urlencode()}"
        return render_to_string(template, context, request), 200

    return _cached_page("visual", request, build)


@require_GET
@vary_on_headers("HX-Request")
def presentation(request: HtmxHttpRequest) -> HttpResponse:
    """One event per screen for the projector, with its source sentence and where it stands on
    the axis; ``event`` names it (the first one without), the filters choose the sequence."""

    def build(swap: bool) -> tuple[str, int]:
        form, _actors = _filters(request)
        context: dict[str, object] = {"form": form, "csrf_token": csrf_stand_in()}
        template = "summit/visual/presentation.html"
        if not form.is_valid():
            return render_to_string(template, context, request), 400
        events = timeline_events(form.cleaned_data)
        query = form.query_string()
        context["query"] = query
        slug = request.GET.get("event", "")
        if slug and not _SLUG.match(slug):
            context["problem"] = EVENT_INVALID
            return render_to_string(template, context, request), 400
        current = (
            events.filter(slug=slug).select_related("place__part_of").first()
            if slug
            else events.select_related("place__part_of").first()
        )
        if current is None:
            if slug:
                context["problem"] = EVENT_NOT_SHOWN
                return render_to_string(template, context, request), 404
            return render_to_string(template, context, request), 200
        attach_details([current])
        before = Q(date__lt=current.date) | Q(date=current.date, slug__lt=current.slug)
        after = Q(date__gt=current.date) | Q(date=current.date, slug__gt=current.slug)
        previous = events.filter(before).order_by("-date", "-slug").values_list("slug", flat=True)
        following = events.filter(after).order_by("date", "slug").values_list("slug", flat=True)
        axis = timeline_axis(events)
        month = current.date.year * 12 + current.date.month - 1 + (current.date.day - 0.5) / 31
        marker = next(
            (s.position(month) for s in axis.segments if s.first <= month <= s.last), None
        )
        citation = next(
            (c for c in current.citation_list if not c.source.is_reference),
            current.citation_list[0] if current.citation_list else None,
        )

        def slide(target: str | None) -> str | None:
            if target is None:
                return None
            link = QueryDict(query, mutable=True)
            link["event"] = target
            return link.urlencode()

        context.update(
            event=current,
            citation=citation,
            position=events.filter(before).count() + 1,
            total=axis.total,
            axis=axis,
            marker=None if marker is None else round(marker, 1),
            previous=slide(previous.first()),
            next=slide(following.first()),
            first=slide(events.values_list("slug", flat=True).first()),
            last=slide(events.order_by("-date", "-slug").values_list("slug", flat=True).first()),
        )
        return render_to_string(template, context, request), 200

    return _cached_page("present", request, build)

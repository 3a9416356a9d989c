"""The map of places, and the page that explains the TimelineJS export and how to embed the
timeline in another site."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from summit.embedding import embeddable, frame_ancestors
from summit.geo import Zone, place_map
from summit.models import TimelineSettings
from summit.timeline import TimelineFilters, filter_choices


@require_GET
@embeddable
def place_map_view(request: HttpRequest) -> HttpResponse:
    """The map: ``?place=`` shows a place and its events, ``?zone=west,south,east,north`` an
    area (a group of markers opens on it)."""
    zone = None
    if raw_zone := request.GET.get("zone", ""):
        try:
            zone = Zone.parse(raw_zone)
        except ValueError as error:
            return render(request, "summit/map/map.html", {"error": str(error)}, status=400)
    place = request.GET.get("place", "")[:100]
    the_map = place_map(zone=zone, place=place)
    selected = next((p for p in the_map.places if p.slug == place), None)
    if place and selected is None:
        context = {"error": _unknown_place_message(place)}
        return render(request, "summit/map/map.html", context, status=404)
    context = {
        "map": the_map,
        "selected": selected,
        "zoomed": bool(zone or selected),
    }
    return render(request, "summit/map/map.html", context)


def _unknown_place_message(place: str) -> str:
    return _("Aucun événement publié n'a lieu à « %(place)s ».") % {"place": place}


@require_GET
@embeddable
def timeline_export(request: HttpRequest) -> HttpResponse:
    """What the TimelineJS export is, its JSON to download or to give TimelineJS, and the code
    that embeds the timeline in another site; for the timeline's current filters."""
    actors, sources = filter_choices(request.GET.get("source", ""))
    form = TimelineFilters(request.GET, actors=actors, sources=sources)
    if not form.is_valid():
        return render(request, "summit/export.html", {"form": form}, status=400)
    query = form.query_string()
    suffix = f"?{query}" if query else ""
    context = {
        "form": form,
        "query": query,
        "json_url": request.build_absolute_uri(reverse("timeline_json") + suffix),
        "embed_timeline_url": request.build_absolute_uri(reverse("timeline") + suffix),
        "embed_map_url": request.build_absolute_uri(reverse("place_map")),
        "frame_ancestors": frame_ancestors(),
        "settings": TimelineSettings.current(),
    }
    return render(request, "summit/export.html", context)

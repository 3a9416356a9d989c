"""The map of places: a projection shared by the shipped base map and the markers drawn over it,
the places where published events happened, markers grouped where they would overlap, and the
base map's outlines built from Natural Earth's TopoJSON (``manage.py build_base_map``).

The projection is equirectangular (longitude and latitude as x and y): a school atlas reads it,
and a marker is placed with two multiplications, with no library."""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from summit.models import Event, Place
from summit.verification import load_verified_dates

# The base map: 1000 units for 360 degrees of longitude, from 84° N down to 58° S (Antarctica
# left out: no event of a classroom corpus happens there).
MAP_WIDTH = 1000.0
LATITUDE_TOP = 84.0
LATITUDE_BOTTOM = -58.0
UNITS_PER_DEGREE = MAP_WIDTH / 360
MAP_HEIGHT = (LATITUDE_TOP - LATITUDE_BOTTOM) * UNITS_PER_DEGREE
BASE_MAP_STATIC = "summit/map/world.svg"

# Markers closer than this share of the shown width are drawn as one group.
GROUP_DISTANCE = 0.04
MARKER_RADIUS = 0.011  # of the shown width, for one event; larger with more
# A place asked for (?place=) is shown with this much around it, in degrees of longitude.
PLACE_ZOOM_DEGREES = 20.0
# The smallest area the map zooms to, in degrees of longitude, and how much room it leaves
# around the markers.
MIN_ZONE_DEGREES = 12.0
ZONE_MARGIN = 0.15

ZONE_INVALID = _(
    "Zone invalide : quatre nombres séparés par des virgules, ouest, sud, est, nord "
    "(longitudes de -180 à 180, latitudes de -90 à 90, l'ouest avant l'est et le sud avant "
    "le nord)."
)


def project(latitude: float, longitude: float) -> tuple[float, float]:
    """A point's position on the base map."""
    return (longitude + 180) * UNITS_PER_DEGREE, (LATITUDE_TOP - latitude) * UNITS_PER_DEGREE


@dataclass(frozen=True)
class Zone:
    """A rectangle of the world, in degrees: what the map shows."""

    west: float
    south: float
    east: float
    north: float

    @classmethod
    def world(cls) -> Zone:
        return cls(-180.0, LATITUDE_BOTTOM, 180.0, LATITUDE_TOP)

    @classmethod
    def parse(cls, value: str) -> Zone:
        """``west,south,east,north`` as in a URL; ValueError with ZONE_INVALID otherwise."""
        parts = value.split(",")
        if len(parts) != 4 or len(value) > 100:
            raise ValueError(str(ZONE_INVALID))
        try:
            west, south, east, north = (float(part) for part in parts)
        except ValueError:
            raise ValueError(str(ZONE_INVALID)) from None
        numbers_ok = all(math.isfinite(n) for n in (west, south, east, north))
        if not numbers_ok or not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
            raise ValueError(str(ZONE_INVALID))
        return cls(west, south, east, north).fitted()

    @classmethod
    def around(cls, points: Sequence[tuple[float, float]]) -> Zone:
        """The smallest sensible zone that shows these (latitude, longitude) points with room
        around them."""
        if not points:
            return cls.world()
        south = min(lat for lat, _lon in points)
        north = max(lat for lat, _lon in points)
        west = min(lon for _lat, lon in points)
        east = max(lon for _lat, lon in points)
        margin_x = max((east - west) * ZONE_MARGIN, MIN_ZONE_DEGREES / 2)
        margin_y = max((north - south) * ZONE_MARGIN, MIN_ZONE_DEGREES / 4)
        return cls(west - margin_x, south - margin_y, east + margin_x, north + margin_y).fitted()

    def fitted(self) -> Zone:
        """The zone widened to the map's proportions and kept inside the base map."""
        ratio = MAP_WIDTH / MAP_HEIGHT
        west, south, east, north = self.west, self.south, self.east, self.north
        width, height = east - west, north - south
        if width < MIN_ZONE_DEGREES:
            grow = (MIN_ZONE_DEGREES - width) / 2
            west, east, width = west - grow, east + grow, MIN_ZONE_DEGREES
        if width / height < ratio:
            grow = (height * ratio - width) / 2
            west, east, width = west - grow, east + grow, height * ratio
        else:
            grow = (width / ratio - height) / 2
            south, north, height = south - grow, north + grow, width / ratio
        world = Zone.world()
        if width >= 360 or height >= world.north - world.south:
            return world
        # Slide back inside the base map rather than show beyond its edges.
        shift_x = max(0.0, world.west - west) - max(0.0, east - world.east)
        shift_y = max(0.0, world.south - south) - max(0.0, north - world.north)
        return Zone(west + shift_x, south + shift_y, east + shift_x, north + shift_y)

    @property
    def view_box(self) -> str:
        x, y = project(self.north, self.west)
        x2, y2 = project(self.south, self.east)
        return f"{x:.1f} {y:.1f} {x2 - x:.1f} {y2 - y:.1f}"

    @property
    def width_units(self) -> float:
        return (self.east - self.west) * UNITS_PER_DEGREE

    @property
    def is_world(self) -> bool:
        return self == Zone.world()

    def query(self) -> str:
        return ",".join(f"{n:.2f}".rstrip("0").rstrip(".") for n in self.as_tuple())

    def as_tuple(self) -> tuple[float, float, float, float]:
        return self.west, self.south, self.east, self.north

    def contains(self, latitude: float, longitude: float) -> bool:
        return self.west <= longitude <= self.east and self.south <= latitude <= self.north


@dataclass
class MapEvent:
    pk: int
    slug: str
    title: str
    date: datetime.date
    end_date: datetime.date | None
    precision: str


@dataclass
class MapPlace:
    slug: str
    name: str
    country: str
    latitude: float
    longitude: float
    events: list[MapEvent] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"lieu-{self.slug}"

    @property
    def first_date(self) -> datetime.date:
        return self.events[0].date


@dataclass
class Marker:
    """One place, or several close ones drawn as a group, at the position of the first."""

    x: float
    y: float
    radius: float
    places: list[MapPlace]
    zoom: Zone | None = None  # for a group: the zone where its places stand apart

    @property
    def count(self) -> int:
        return sum(len(place.events) for place in self.places)

    @property
    def is_group(self) -> bool:
        return len(self.places) > 1

    @property
    def label(self) -> str:
        """The link's name: what the map shows (the name, the count) first, then the group's
        places."""
        events = ngettext("%(n)d événement", "%(n)d événements", self.count) % {"n": self.count}
        if self.is_group:
            names = ", ".join(place.name for place in self.places)
            return f"{self.name} : {events} ({names})"
        return f"{self.name} : {events}"

    @property
    def slugs(self) -> set[str]:
        return {place.slug for place in self.places}

    @property
    def name(self) -> str:
        """What the map writes beside it: the main place, and how many others the group holds."""
        if self.is_group:
            return f"{self.places[0].name} +{len(self.places) - 1}"
        return self.places[0].name


@dataclass
class PlaceMap:
    zone: Zone
    places: list[MapPlace]  # every place with events, in the order of their first event
    markers: list[Marker]  # the places inside the zone
    unmapped: int  # published events whose place has no coordinates, or that have no place

    @property
    def view_box(self) -> str:
        return self.zone.view_box

    @property
    def text_size(self) -> float:
        return round(self.zone.width_units * 0.017, 2)

    @property
    def line_width(self) -> float:
        return round(self.zone.width_units * 0.0025, 3)

    @property
    def border_width(self) -> float:
        return round(self.zone.width_units * 0.0008, 4)

    @property
    def labels(self) -> list[tuple[Marker, float, float, str]]:
        """Each marker's name: right of it, or left of it near the right edge of the map."""
        x, _y = project(self.zone.north, self.zone.west)
        right_edge = x + self.zone.width_units * 0.8
        size = self.text_size
        labels = []
        for marker in self.markers:
            gap = marker.radius + size * 0.3
            if marker.x > right_edge:
                labels.append((marker, marker.x - gap, marker.y + size * 0.35, "end"))
            else:
                labels.append((marker, marker.x + gap, marker.y + size * 0.35, "start"))
        return labels


def _coordinates(place: dict[str, Any]) -> tuple[float, float] | None:
    """A place's own coordinates, or those of the place it is part of."""
    for prefix in ("", "part_of__"):
        latitude, longitude = place[f"{prefix}latitude"], place[f"{prefix}longitude"]
        if latitude is not None and longitude is not None:
            return float(latitude), float(longitude)
    return None


def map_places() -> tuple[list[MapPlace], int]:
    """The places of published events, each with its events in chronological order (their dates
    verified where a reference sheet states them: summit.verification), and how many published
    events cannot be placed on the map (three queries)."""
    events = Event.objects.published().chronological()
    rows = list(
        events.values_list("pk", "slug", "title", "date", "end_date", "precision", "place_id")
    )
    place_ids = {row[6] for row in rows if row[6] is not None}
    places: dict[int, MapPlace] = {}
    for values in Place.objects.filter(pk__in=place_ids).values(
        "pk",
        "slug",
        "name",
        "country",
        "latitude",
        "longitude",
        "part_of__latitude",
        "part_of__longitude",
    ):
        coordinates = _coordinates(values)
        if coordinates is not None:
            places[values["pk"]] = MapPlace(
                values["slug"], values["name"], values["country"], *coordinates
            )
    unmapped = 0
    mapped = []
    for pk, slug, title, date, end_date, precision, place_id in rows:
        if place_id in places:
            event = MapEvent(pk, slug, title, date, end_date, precision)
            places[place_id].events.append(event)
            mapped.append(event)
        else:
            unmapped += 1
    load_verified_dates(mapped)
    ordered = sorted(places.values(), key=lambda place: (place.first_date, place.name))
    return ordered, unmapped


def group_markers(places: Iterable[MapPlace], zone: Zone) -> list[Marker]:
    """Markers for the places inside ``zone``: a place within GROUP_DISTANCE of the shown width
    from a marker joins it (the places with most events placed first, so that a group sits on
    its main place)."""
    inside = [place for place in places if zone.contains(place.latitude, place.longitude)]
    inside.sort(key=lambda place: (-len(place.events), place.first_date, place.slug))
    width = zone.width_units
    reach = width * GROUP_DISTANCE
    markers: list[Marker] = []
    for place in inside:
        x, y = project(place.latitude, place.longitude)
        near = next((m for m in markers if math.hypot(m.x - x, m.y - y) < reach), None)
        if near is not None:
            near.places.append(place)
        else:
            markers.append(Marker(x=x, y=y, radius=0.0, places=[place]))
    for marker in markers:
        marker.radius = round(width * MARKER_RADIUS * (1 + math.log2(marker.count) / 3), 2)
        marker.x, marker.y = round(marker.x, 2), round(marker.y, 2)
        if marker.is_group:
            marker.zoom = Zone.around([(p.latitude, p.longitude) for p in marker.places])
    # Larger markers first, so that a smaller one beside them stays on top and clickable.
    markers.sort(key=lambda marker: -marker.radius)
    return markers


def place_map(*, zone: Zone | None = None, place: str = "") -> PlaceMap:
    """The map: the zone asked for, or the one around the place asked for, or the one that shows
    every place with events."""
    places, unmapped = map_places()
    if zone is None:
        chosen = next((p for p in places if p.slug == place), None)
        if chosen is not None:
            half = PLACE_ZOOM_DEGREES / 2
            zone = Zone(
                chosen.longitude - half,
                chosen.latitude - half / 2,
                chosen.longitude + half,
                chosen.latitude + half / 2,
            ).fitted()
        else:
            zone = Zone.around([(p.latitude, p.longitude) for p in places])
    return PlaceMap(
        zone=zone, places=places, markers=group_markers(places, zone), unmapped=unmapped
    )


# The base map --------------------------------------------------------------------------------


def _decoded_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """TopoJSON's quantized, delta-encoded arcs as (longitude, latitude) points."""
    (scale_x, scale_y), (origin_x, origin_y) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + origin_x, y * scale_y + origin_y))
        arcs.append(points)
    return arcs


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def _path(rings: Iterable[list[tuple[float, float]]]) -> str:
    commands = []
    for ring in rings:
        longitudes = [longitude for longitude, _latitude in ring]
        if longitudes and max(longitudes) - min(longitudes) > 270:
            # A ring across the 180th meridian (Fiji, the tip of Chukotka): drawn in one piece
            # past the map's right edge rather than as a band across the whole world.
            ring = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring]
        last = None
        parts = []
        for longitude, latitude in ring:
            x, y = project(latitude, longitude)
            point = (round(x, 1), round(y, 1))
            if point != last:
                parts.append(f"{point[0]:g} {point[1]:g}")
                last = point
        if len(parts) >= 3:
            commands.append("M" + "L".join(parts) + "Z")
    return "".join(commands)


def base_map_svg(topology: dict[str, Any], *, source: str) -> str:
    """The countries of a world-atlas TopoJSON as one SVG, projected like the markers.
    ``source`` names where the outlines come from, for the file's licence note."""
    arcs = _decoded_arcs(topology)
    paths = []
    for country in topology["objects"]["countries"]["geometries"]:
        name = country.get("properties", {}).get("name", "")
        if name == "Antarctica" or country["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polygons = [country["arcs"]] if country["type"] == "Polygon" else country["arcs"]
        data = _path(_ring(arcs, ring) for polygon in polygons for ring in polygon)
        if data:
            paths.append(f'<path d="{data}"><title>{_xml(name)}</title></path>')
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {MAP_WIDTH:g} {MAP_HEIGHT:.1f}" width="{MAP_WIDTH:g}" '
        f'height="{MAP_HEIGHT:.1f}">\n'
        f"<desc>{_xml(source)}</desc>\n"
        f'<rect width="{MAP_WIDTH:g}" height="{MAP_HEIGHT:.1f}" fill="#dcebf5"/>\n'
        # Drawn in the page by <use href="world.svg#countries">, which sets the borders' width
        # for its zoom (inherited: the group leaves it unset).
        '<g id="countries" fill="#f3f0e6" stroke="#9a9385" stroke-linejoin="round">\n'
        + "\n".join(paths)
        + "\n</g>\n</svg>\n"
    )


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

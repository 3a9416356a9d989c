from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

from summit.geo import (
    MAP_HEIGHT,
    MAP_WIDTH,
    ZONE_INVALID,
    Zone,
    base_map_svg,
    group_markers,
    map_places,
    place_map,
    project,
)
from tests.factories import EventFactory, PlaceFactory

ROOT = Path(__file__).resolve().parents[2]


def test_the_projection_puts_longitude_and_latitude_on_the_base_map():
    assert project(84, -180) == (0, 0)
    x, y = project(-58, 180)
    assert (round(x, 6), round(y, 6)) == (MAP_WIDTH, round(MAP_HEIGHT, 6))
    assert project(0, 0)[0] == MAP_WIDTH / 2


@pytest.mark.parametrize(
    "value",
    ["", "1,2,3", "a,b,c,d", "10,0,5,20", "0,20,10,10", "-200,0,10,10", "0,0,10,95", "nan,0,1,1"],
)
def test_a_bad_zone_is_refused_with_the_message(value):
    with pytest.raises(ValueError, match="Zone invalide"):
        Zone.parse(value)
    assert str(ZONE_INVALID).startswith("Zone invalide")


def test_a_zone_keeps_the_map_proportions_and_stays_on_the_map():
    zone = Zone.parse("170,10,180,20")
    ratio = (zone.east - zone.west) / (zone.north - zone.south)
    assert ratio == pytest.approx(MAP_WIDTH / MAP_HEIGHT)
    assert zone.east <= 180
    assert zone.west >= -180
    assert Zone.parse("-180,-90,180,90").is_world
    again = Zone.parse(zone.query())
    assert again.as_tuple() == pytest.approx(zone.as_tuple(), abs=0.01)


def test_close_places_are_grouped_and_the_group_opens_on_a_zone_where_they_stand_apart(db):
    pyongyang = PlaceFactory(slug="pyongyang", latitude=Decimal("39.03385"), longitude=125.75432)
    panmunjom = PlaceFactory(slug="panmunjom", latitude=Decimal("37.95583"), longitude=126.67667)
    moscow = PlaceFactory(slug="moscou", latitude=Decimal("55.75202"), longitude=37.61749)
    for place in (pyongyang, pyongyang, panmunjom, moscow):
        EventFactory(place=place)
    places, unmapped = map_places()
    assert unmapped == 0
    world = group_markers(places, Zone.world())
    assert sorted(sorted(m.slugs) for m in world) == [["moscou"], ["panmunjom", "pyongyang"]]
    group = next(m for m in world if m.is_group)
    assert group.count == 3
    assert group.name == f"{pyongyang.name} +1"
    assert "3 événements" in group.label
    closer = group_markers(places, group.zoom)
    assert sorted(sorted(m.slugs) for m in closer) == [["panmunjom"], ["pyongyang"]]


def test_events_without_a_mappable_place_are_counted_and_a_part_takes_its_whole_s_place(db):
    city = PlaceFactory(slug="ville", latitude=Decimal("43.1"), longitude=Decimal("131.9"))
    island = PlaceFactory(slug="ile", part_of=city)
    EventFactory(place=island)
    EventFactory(place=PlaceFactory(slug="nulle-part"))
    EventFactory(place=None)
    EventFactory(place=city, published=False)
    places, unmapped = map_places()
    assert [(p.slug, p.latitude, p.longitude) for p in places] == [("ile", 43.1, 131.9)]
    assert unmapped == 2


def test_the_map_is_read_in_two_queries_whatever_the_number_of_events(
    db, django_assert_num_queries
):
    for index in range(30):
        place = PlaceFactory(latitude=Decimal(index), longitude=Decimal(index * 2))
        EventFactory(place=place)
    EventFactory(place=PlaceFactory(latitude=1, longitude=1), precision="year")
    with django_assert_num_queries(3):
        the_map = place_map()
    assert len(the_map.places) == 31


def test_asking_for_a_place_centres_the_map_on_it(db):
    place = PlaceFactory(slug="hanoi", latitude=Decimal("21.02851"), longitude=Decimal("105.85"))
    EventFactory(place=place)
    EventFactory(place=PlaceFactory(latitude=Decimal("59.3"), longitude=Decimal("18.07")))
    zone = place_map(place="hanoi").zone
    assert zone.contains(21.02851, 105.85)
    assert not zone.contains(59.3, 18.07)
    assert (zone.west + zone.east) / 2 == pytest.approx(105.85)


def test_the_base_map_is_built_from_topojson_with_its_licence_note():
    topology = {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "arcs": [[[0, 0], [10, 0], [0, 10], [-10, 0], [0, -10]]],
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0]], "properties": {"name": "A & B"}},
                    {"type": "Polygon", "arcs": [[0]], "properties": {"name": "Antarctica"}},
                ],
            }
        },
    }
    svg = base_map_svg(topology, source="Natural Earth (domaine public)")
    assert svg.count("<path") == 1
    assert "<title>A &amp; B</title>" in svg
    assert 'id="countries"' in svg
    assert "<desc>Natural Earth (domaine public)</desc>" in svg
    x, y = project(0, 0)
    assert f"M{round(x, 1):g} {round(y, 1):g}L" in svg


def test_the_shipped_base_map_is_the_one_the_command_builds(tmp_path, settings):
    source = ROOT / "node_modules" / "world-atlas" / "countries-110m.json"
    if not source.is_file():
        pytest.skip("node_modules/world-atlas is missing: run npm ci.")
    from django.core.management import call_command

    output = tmp_path / "world.svg"
    call_command("build_base_map", source=str(source), output=str(output), stdout=io.StringIO())
    shipped = ROOT / "summit" / "static" / "summit" / "map" / "world.svg"
    assert output.read_text() == shipped.read_text()
    assert json.loads(source.read_text())["objects"]["countries"]


def test_the_command_refuses_a_file_that_is_not_a_topology(tmp_path):
    from django.core.management import CommandError, call_command

    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    with pytest.raises(CommandError, match="n'est pas un TopoJSON de pays"):
        call_command("build_base_map", source=str(bad), output=str(tmp_path / "x.svg"))
    with pytest.raises(CommandError, match="Impossible de lire"):
        call_command("build_base_map", source=str(tmp_path / "absent.json"))
    bad.write_text("not json")
    with pytest.raises(CommandError, match="n'est pas un fichier JSON"):
        call_command("build_base_map", source=str(bad))

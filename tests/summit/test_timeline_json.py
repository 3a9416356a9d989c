from __future__ import annotations

import datetime
import gzip
import json

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from summit.models import Event, TimelineSettings
from summit.versioning import content_changed
from summit.views import TIMELINE_JSON_MAX_EVENTS
from tests.factories import ActorFactory, EventFactory, PlaceFactory, png_bytes

pytestmark = pytest.mark.django_db


def test_timelinejs_format_in_chronological_order(client, seeded):
    response = client.get("/timeline.json")
    assert response["Content-Type"] == "application/json"
    data = response.json()
    ids = [event["unique_id"] for event in data["events"]]
    assert ids == list(
        Event.objects.published().order_by("date", "slug").values_list("slug", flat=True)
    )
    for event in data["events"]:
        assert client.get(f"/events/{event['unique_id']}/").status_code == 200
    by_id = {event["unique_id"]: event for event in data["events"]}
    summit = by_id["premier-sommet-kim-poutine"]
    assert summit["start_date"]["year"] == 2019
    assert (summit["start_date"]["month"], summit["start_date"]["day"]) == (4, 25)
    assert summit["text"]["headline"] == "Premier sommet entre Kim Jong-un et Vladimir Poutine"
    assert summit["group"] == "Kim Jong-un"
    # The reference sheet's days, where the article is vaguer (summit.verification).
    putin_kim = by_id["poutine-rencontre-kim-jong-il"]
    assert putin_kim["start_date"] == {
        "year": 2000,
        "month": 7,
        "day": 19,
        "display_date": "mercredi 19 juillet 2000",
    }
    assert putin_kim["display_date"] == "du 19 au 20 juillet 2000"
    assert "l’article dit seulement « vers 2000 »" in putin_kim["text"]["text"]
    olympics = by_id["jeux-olympiques-pyeongchang-detente"]
    assert olympics["start_date"] == {
        "year": 2018,
        "month": 2,
        "day": 9,
        "display_date": "vendredi 9 février 2018",
    }
    assert "l’article dit seulement « février 2018 »" in olympics["text"]["text"]
    offensive = by_id["offensive-diplomatique-kim-jong-un"]  # no sheet: the article's year
    assert offensive["start_date"] == {"year": 2018, "display_date": "2018"}
    assert "Pyeongchang" in olympics["text"]["text"]
    hanoi = by_id["sommet-de-hanoi"]
    assert hanoi["end_date"]["day"] == 28
    assert [era["text"]["headline"] for era in data["eras"]] == ["2000 – 2002", "2018 – 2019"]
    dmz = by_id["rencontre-trump-kim-a-la-dmz"]
    assert dmz["start_date"] == {
        "year": 2019,
        "month": 6,
        "day": 30,
        "display_date": "dimanche 30 juin 2019",
    }
    assert "Panmunjom" in dmz["text"]["text"]
    assert "pas un sommet officiel" in dmz["text"]["text"]


def test_it_takes_the_timeline_filters(client, seeded):
    data = client.get("/timeline.json", {"actor": "donald-trump"}).json()
    assert [e["unique_id"] for e in data["events"]] == [
        "trump-accepte-de-rencontrer-kim-jong-un",
        "trump-annule-le-sommet-de-singapour",
        "trump-retablit-le-sommet-de-singapour",
        "sommet-de-singapour",
        "sommet-de-hanoi",
        "rencontre-trump-kim-a-la-dmz",
    ]
    response = client.get("/timeline.json", {"from": "demain"})
    assert response.status_code == 400
    assert "Période invalide" in response.json()["errors"]["from"][0]["message"]


def test_markup_typed_by_a_teacher_is_escaped_for_timelinejs(client, seeded):
    """TimelineJS inserts headlines and texts as HTML: what a teacher typed stays text."""
    Event.objects.filter(slug="sommet-de-hanoi").update(
        title="Hanoï <img src=x onerror=alert(1)>", fact_check_note="<script>x()</script>"
    )
    by_id = {e["unique_id"]: e for e in client.get("/timeline.json").json()["events"]}
    text = by_id["sommet-de-hanoi"]["text"]
    assert text["headline"] == "Hanoï &lt;img src=x onerror=alert(1)&gt;"
    assert "<script>" not in text["text"]
    assert "&lt;script&gt;x()&lt;/script&gt;" in text["text"]


def test_windows_follow_each_other_through_next_links(client, seeded):
    everything = client.get("/timeline.json").json()
    assert everything["next"] is None
    assert everything["limit"] == TIMELINE_JSON_MAX_EVENTS
    ids, path, windows = [], "/timeline.json?limit=5", 0
    while path:
        data = client.get(path).json()
        assert 1 <= len(data["events"]) <= 5
        assert data["eras"]  # never empty, and only where this window has events
        years = {event["start_date"]["year"] for event in data["events"]}
        for era in data["eras"]:
            assert any(era["start_date"]["year"] <= y <= era["end_date"]["year"] for y in years)
        ids += [event["unique_id"] for event in data["events"]]
        path, windows = data["next"], windows + 1
    assert ids == [event["unique_id"] for event in everything["events"]]
    assert windows == -(-len(ids) // 5)


def test_a_window_keeps_the_filters_in_its_next_link(client, seeded):
    data = client.get("/timeline.json", {"actor": "donald-trump", "limit": 4}).json()
    assert len(data["events"]) == 4
    assert "actor=donald-trump" in data["next"]
    rest = client.get(data["next"]).json()
    assert [e["unique_id"] for e in rest["events"]] == [
        "sommet-de-hanoi",
        "rencontre-trump-kim-a-la-dmz",
    ]
    assert rest["next"] is None
    window = client.get("/timeline.json", {"from": "2019-02", "to": "2019-04"}).json()
    assert {e["start_date"]["year"] for e in window["events"]} == {2019}
    assert {e["start_date"]["month"] for e in window["events"]} <= {2, 3, 4}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"limit": "0"}, "limit"),
        ({"limit": str(TIMELINE_JSON_MAX_EVENTS + 1)}, "limit"),
        ({"limit": "dix"}, "limit"),
        ({"limit": "²"}, "limit"),
        ({"limit": "9" * 5000}, "limit"),
        ({"after": "hier"}, "after"),
        ({"after": "2019-13-01.sommet"}, "after"),
        ({"after": "2019-04-25.<b>"}, "after"),
        ({"from": "2019", "to": "2018"}, "__all__"),
        ({"actor": "personne"}, "actor"),
    ],
)
def test_bad_window_parameters_are_400_with_a_message(client, seeded, query, field):
    response = client.get("/timeline.json", query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["errors"][field][0]["message"]


def test_the_export_is_cached_under_the_content_version_and_compressed(client, seeded):
    first = client.get("/timeline.json", HTTP_ACCEPT_ENCODING="gzip")
    assert first["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(first.content))["events"]
    with CaptureQueriesContext(connection) as context:
        again = client.get("/timeline.json")
    assert len(context.captured_queries) == 0  # the content version was read just before
    Event.objects.filter(slug="sommet-de-hanoi").update(title="Sommet de Hanoï, renommé")
    content_changed()
    by_id = {e["unique_id"]: e for e in client.get("/timeline.json").json()["events"]}
    assert by_id["sommet-de-hanoi"]["text"]["headline"] == "Sommet de Hanoï, renommé"
    assert again.json()["events"] == json.loads(gzip.decompress(first.content))["events"]


PAYLOAD = "X<img src=x onerror=alert(1)>"


def _strings(value):
    """Every string in a JSON document, keys aside."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_it_escapes_every_text_timelinejs_inserts_as_html(client):
    actor = ActorFactory(name=PAYLOAD)
    place = PlaceFactory(name=PAYLOAD)
    EventFactory(
        slug="sommet-pirate",
        title=PAYLOAD,
        summary=PAYLOAD,
        fact_check_note=PAYLOAD,
        place=place,
        actors=[actor],
    )

    data = client.get("/timeline.json").json()

    (slide,) = data["events"]
    escaped = "X&lt;img src=x onerror=alert(1)&gt;"
    assert slide["group"] == escaped
    assert slide["text"]["headline"] == escaped
    assert slide["text"]["text"].count(escaped) == 3
    assert not [text for text in _strings(data) if "<img" in text]


def _day(value: dict) -> datetime.date:
    return datetime.date(value["year"], value.get("month", 1), value.get("day", 1))


def test_every_era_ends_after_it_starts_and_covers_its_events(client, seeded):
    data = client.get("/timeline.json").json()
    eras = [(_day(era["start_date"]), _day(era["end_date"])) for era in data["eras"]]
    assert all(start < end for start, end in eras)
    for event in data["events"]:
        start = _day(event["start_date"])
        end = _day(event.get("end_date", event["start_date"]))
        assert any(first <= start and end <= last for first, last in eras), event["unique_id"]
    # The 2018–2019 era reaches past the April 2019 summit, to the last event, in October.
    assert eras[1][1] == datetime.date(2019, 10, 5)
    # The first event, verified to the day; the second era starts with a year-long one.
    assert eras[0][0] == datetime.date(2000, 7, 19)
    assert eras[1][0] == datetime.date(2018, 1, 1)


@pytest.mark.parametrize(
    ("precision", "expected"),
    [
        ("day", ((2000, 7, 19), (2000, 7, 20))),
        ("month", ((2000, 7, 1), (2000, 7, 31))),
        ("approximate", ((2000, 1, 1), (2000, 12, 31))),
    ],
)
def test_an_era_of_a_single_event_has_a_span(client, precision, expected):
    EventFactory(date=datetime.date(2000, 7, 19), precision=precision)
    (era,) = client.get("/timeline.json").json()["eras"]
    start, end = expected
    assert era["start_date"] == dict(zip(("year", "month", "day"), start, strict=True))
    assert era["end_date"] == dict(zip(("year", "month", "day"), end, strict=True))
    assert era["text"]["headline"] == "2000"


def test_the_title_slide_is_the_teacher_s_title_and_description(client, seeded):
    default = client.get("/timeline.json").json()["title"]["text"]
    assert default["headline"] == "Trump, Kim, Poutine : la séquence 2018–2019"
    TimelineSettings.objects.create(
        title="La guerre de <Corée>", description="Pour la 1re & la Tle."
    )
    title = client.get("/timeline.json").json()["title"]["text"]
    assert title == {
        "headline": "La guerre de &lt;Corée&gt;",
        "text": "<p>Pour la 1re &amp; la Tle.</p>",
    }
    TimelineSettings.objects.update(description="")  # a bulk update: the version moves by hand
    content_changed()
    assert "text" not in client.get("/timeline.json").json()["title"]["text"]


def test_every_text_field_is_escaped_the_group_too(client):
    actor = ActorFactory(name="<b>Kim</b> & co")
    place = PlaceFactory(name="<i>Hanoï</i>")
    EventFactory(
        title="<script>", summary="<em>", place=place, actors=[actor], fact_check_note="<u>"
    )
    (event,) = client.get("/timeline.json").json()["events"]
    assert event["group"] == "&lt;b&gt;Kim&lt;/b&gt; &amp; co"
    assert event["text"]["headline"] == "&lt;script&gt;"
    assert "<em>" not in event["text"]["text"]
    assert "&lt;em&gt;" in event["text"]["text"]
    assert "&lt;i&gt;Hanoï&lt;/i&gt;" in event["text"]["text"]
    assert "&lt;u&gt;" in event["text"]["text"]


def test_an_event_image_is_the_slide_s_media_with_its_credit(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    event = EventFactory(
        image_alt="Le train <blindé>", image_credit="Kremlin.ru", image_licence="CC BY 4.0"
    )
    event.image.save("train.png", ContentFile(png_bytes()), save=True)
    (slide,) = client.get("/timeline.json").json()["events"]
    media = slide["media"]
    assert media["url"].startswith("http://testserver/media/events/train")
    assert media["alt"] == "Le train <blindé>"
    assert media["caption"] == "Le train &lt;blindé&gt;"
    assert media["credit"] == "Kremlin.ru (CC BY 4.0)"

"""The map page and the export page (summit/map_views.py), without JavaScript: what the server
draws is the whole page."""

from __future__ import annotations

import re

import pytest

from summit.models import TimelineSettings

pytestmark = pytest.mark.django_db


def test_the_map_draws_a_marker_link_per_place_or_group_and_lists_every_place(client, seeded):
    response = client.get("/map/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/static/summit/map/world.svg#countries"' in html
    markers = re.findall(r'<a class="marker[^"]*"\s+href="([^"]+)"\s+aria-label="([^"]+)"', html)
    labels = [label for _href, label in markers]
    # East Asia's places are too close at this scale: one group, opening on their zone.
    group = next(label for label in labels if label.startswith("Pyongyang +6 : "))
    assert group.startswith("Pyongyang +6 : 14 événements (Pyongyang, ")
    assert group.endswith(") — agrandir")
    assert any(href.startswith("/map/?zone=") for href, _label in markers)
    assert ("/map/?place=moscou#carte", "Moscou : 1 événement") in markers
    # Every place is listed with its events, linked to their pages and to the timeline.
    assert 'id="lieu-panmunjom"' in html
    assert 'href="/events/premier-sommet-kim-poutine/"' in html
    assert 'href="/?place=ile-rousski"' in html
    # The demilitarised zone has no coordinates of its own, but Panmunjom, inside it, has.
    assert "n’ont pas de lieu sur la carte" in html or "n’a pas de lieu sur la carte" in html
    assert "Voir toute la carte" not in html


def test_a_group_s_zone_separates_its_places(client, seeded):
    html = client.get("/map/").content.decode()
    zone = re.search(r'href="/map/\?zone=([^"#]+)#carte"', html).group(1)
    closer = client.get(f"/map/?zone={zone}").content.decode()
    assert 'aria-label="Pyongyang : 5 événements"' in closer
    assert 'aria-label="Panmunjom : 3 événements"' in closer
    assert "Voir toute la carte" in closer


def test_a_place_asked_for_is_shown_with_its_events_first(client, seeded):
    html = client.get("/map/?place=hanoi").content.decode()
    selection = html.split('id="selection"', 1)[1].split("</section>", 1)[0]
    assert "Hanoï" in selection
    assert "(Viêt Nam)" in selection
    assert 'href="/events/sommet-de-hanoi/"' in selection
    assert 'href="/?place=hanoi">Voir sur la frise (1 événement)' in selection
    # Dates as the cards show them: verified where the reference sheet states the days.
    olympics = client.get("/map/?place=pyeongchang").content.decode()
    assert '<time datetime="2018-02-09">Du 9 au 25 février 2018</time>' in olympics
    assert 'class="marker is-selected"' in html


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("zone=1,2,3", 400, "Zone invalide"),
        ("zone=" + "9" * 200, 400, "Zone invalide"),
        ("place=atlantide", 404, "Aucun événement publié n&#x27;a lieu à « atlantide »"),
    ],
)
def test_a_bad_map_address_gets_a_clear_message(client, seeded, query, status, message):
    response = client.get(f"/map/?{query}")
    assert response.status_code == status
    assert message in response.content.decode()
    assert 'role="alert"' in response.content.decode()


def test_the_map_runs_a_fixed_number_of_queries(client, seeded, django_assert_num_queries):
    # Events, places, the reference citations of vaguely dated events.
    with django_assert_num_queries(3):
        client.get("/map/")


def test_the_timeline_filters_by_place_as_the_map_lists_it(client, seeded):
    html = client.get("/?place=vladivostok").content.decode()
    slugs = re.findall(r'<article class="event[^"]*" id="([^"]+)"', html)
    # The île Rousski, inside Vladivostok, has its own marker and its own list.
    assert slugs == ["poutine-kim-jong-il-vladivostok-2002", "arrivee-de-kim-jong-un-a-vladivostok"]
    listed = client.get("/map/?place=vladivostok").content.decode().split('id="selection"')[1]
    assert re.findall(r'href="/events/([^/]+)/"', listed.split("</section>")[0]) == slugs
    assert "Lieu : Vladivostok" in html
    assert 'href="/map/?place=vladivostok#selection"' in html
    # The place can be dropped alone, and stays when another filter is chosen.
    both = client.get("/?place=vladivostok&actor=kim-jong-un").content.decode()
    assert '<a href="/?actor=kim-jong-un">tous les lieux</a>' in both
    assert '<a href="/">tous les lieux</a>' in html
    assert '<input type="hidden" name="place" value="vladivostok">' in html
    response = client.get("/?place=atlantide")
    assert response.status_code == 400
    assert "Lieu inconnu" in response.content.decode()
    data = client.get("/timeline.json", {"place": "hanoi"}).json()
    assert [event["unique_id"] for event in data["events"]] == ["sommet-de-hanoi"]


def test_the_export_page_explains_and_offers_the_json_and_the_embed_code(client, seeded):
    response = client.get("/export/", {"actor": "kim-jong-un"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "TimelineJS" in html
    assert 'href="http://testserver/timeline.json?actor=kim-jong-un" download=' in html
    assert (
        '&lt;iframe src="http://testserver/?actor=kim-jong-un" '
        'title="Trump, Kim, Poutine : la séquence 2018–2019"'
    ) in html
    assert '&lt;iframe src="http://testserver/map/"' in html
    assert "L’intégration n’est pas encore autorisée" in html


def test_the_export_page_names_the_sites_allowed_to_embed(client, seeded, settings):
    settings.SUMMIT_FRAME_ANCESTORS = ["https://ent.example.org"]
    TimelineSettings.objects.create(title='Guerre "froide" & paix')
    html = client.get("/export/").content.decode()
    assert "<code>https://ent.example.org</code>" in html
    # Escaped twice: the code shown must itself be valid HTML once copied.
    assert 'title="Guerre &amp;quot;froide&amp;quot; &amp;amp; paix"' in html


def test_the_export_page_refuses_bad_filters(client, seeded):
    response = client.get("/export/", {"from": "hier"})
    assert response.status_code == 400
    assert "Période invalide" in response.content.decode()


def test_the_timeline_links_to_the_export_page_not_to_raw_json(client, seeded):
    html = client.get("/?actor=kim-jong-un").content.decode()
    assert 'href="/export/?actor=kim-jong-un">Exporter (TimelineJS)</a>' in html
    assert ">Exporter (TimelineJS)</a>" in html
    assert 'href="/timeline.json' not in html

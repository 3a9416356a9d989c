"""The visual timeline's pages and the presentation mode, with and without htmx."""

from __future__ import annotations

import html as html_lib
import re

import pytest

from summit.visual import MAX_MARKS
from tests.factories import bulk_corpus

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def text(response) -> str:
    return html_lib.unescape(response.content.decode())


def marks(response, kind: str = "vt-event") -> list[str]:
    return re.findall(rf'<a class="{kind}[^"]*" href="([^"]+)"', response.content.decode())


def toolbar(response) -> dict[str, str]:
    found = re.findall(r'data-vt="([-a-z]+)"[^>]* href="\?([^"]*)"', response.content.decode())
    return {name: html_lib.unescape(query) for name, query in found}


def test_it_draws_the_whole_span_on_a_broken_axis_with_its_eras(client, seeded):
    response = client.get("/visual/")
    page = text(response)
    assert response.status_code == 200
    assert "2000 – 2019 : 22 événements" in page
    assert '<text class="vt-era-label" x="24.0" y="14">2000–2002</text>' in page
    assert ">2018–2019</text>" in page
    assert page.count('class="vt-break"') == 1
    assert re.search(r">Vladimir Poutine</a></li>", page)


def test_an_event_with_two_actors_is_drawn_in_both_lanes(client, seeded):
    response = client.get("/visual/", {"from": "2019-04", "to": "2019-04"})
    page = text(response)
    summit = "/events/premier-sommet-kim-poutine/"
    assert marks(response).count(summit) == 2  # Kim Jong-un's lane and Vladimir Poutine's
    assert 'class="vt-link" data-event="premier-sommet-kim-poutine"' in page
    assert page.count('aria-label="Premier sommet entre Kim Jong-un et Vladimir Poutine, ') == 2


def test_the_whole_span_cannot_be_panned_or_zoomed_out(client, seeded):
    response = client.get("/visual/")
    links = toolbar(response)
    assert set(links) == {"zoom-in"}
    assert links["zoom-in"] == "from=2014&to=2023"  # the middle of the drawing: 2018–2019
    assert text(response).count('aria-disabled="true"') == 3


def test_a_window_links_to_its_neighbours_and_zoom_steps_keeping_the_filters(client, seeded):
    response = client.get("/visual/", {"actor": "kim-jong-un", "from": "2019", "to": "2019"})
    links = toolbar(response)
    assert links == {
        "previous": "actor=kim-jong-un&from=2018&to=2018",
        "zoom-out": "actor=kim-jong-un",  # two years hold all of Kim Jong-un's events
        "zoom-in": "actor=kim-jong-un&from=2019-05&to=2019-10",
        "next": "actor=kim-jong-un&from=2020&to=2020",
        "whole": "actor=kim-jong-un",
    }
    page = text(response)
    assert "2019 : 5 événements" in page
    drawn = marks(response)
    assert "/events/sommet-de-hanoi/" in drawn
    assert "/events/sommet-de-singapour/" not in drawn  # 2018, outside the window


def test_an_actor_filter_keeps_its_events_and_puts_its_lane_first(client, seeded):
    response = client.get("/visual/", {"actor": "vladimir-poutine"})
    page = text(response)
    assert ": 4 événements" in page
    lanes = re.findall(
        r'<li( class="is-selected")?><a href="[^"]*" title="[^"]*">([^<]+)</a>', page
    )
    assert lanes[0] == (' class="is-selected"', "Vladimir Poutine")
    assert {name for _selected, name in lanes} == {"Vladimir Poutine", "Kim Jong-il", "Kim Jong-un"}


def test_a_search_highlights_what_matches_among_the_rest(client, seeded):
    response = client.get("/visual/", {"q": "Hanoï"})
    page = response.content.decode()
    assert "correspond" in text(response)
    assert 'class="vt-event is-match"' in page or 'class="vt-group is-match"' in page
    assert "is-dim" in page


def test_a_crowded_span_is_a_group_that_opens_on_its_window(client, seeded):
    response = client.get("/visual/")
    groups = marks(response, "vt-group")
    assert groups
    for href in groups:
        assert html_lib.unescape(href).startswith("?from=")
    opened = client.get("/visual/" + html_lib.unescape(groups[0]))
    assert opened.status_code == 200
    assert len(marks(opened)) > 0


@pytest.mark.parametrize(
    "period",
    [
        {"from": "0001", "to": "9999"},
        {"from": "9999-12-31", "to": "9999-12-31"},
        {"from": "0001-01-01", "to": "0001-01-01"},
        {"from": "2019-04-25"},
        {"to": "2001"},
    ],
)
def test_windows_at_the_edges_of_the_calendar_are_drawn(client, seeded, period):
    response = client.get("/visual/", period)
    assert response.status_code == 200
    assert "vt-svg" in response.content.decode()


def test_the_htmx_request_gets_the_results_region_only(client, seeded):
    response = client.get("/visual/", {"from": "2019-02", "to": "2019-02"}, **HTMX)
    page = response.content.decode()
    assert page.startswith(
        '\n<div id="results" class="results vt" data-from="2019-02" data-to="2019-02">'
    )
    assert "<html" not in page
    assert "<form" not in page
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"from": "2019-13"}, "Période invalide"),
        ({"from": "2019", "to": "2018"}, "Le début de la période doit précéder sa fin."),
        ({"actor": "inconnu"}, "Sélectionnez un choix valide"),
        ({"q": "x" * 201}, "La recherche est trop longue"),
    ],
)
def test_bad_parameters_get_a_400_that_says_why(client, seeded, params, message):
    for headers in ({}, HTMX):
        response = client.get("/visual/", params, **headers)
        assert response.status_code == 400
        assert message in text(response)


def test_a_search_without_match_says_so_and_dims_everything(client, seeded):
    response = client.get("/visual/", {"q": "introuvable"})
    assert response.status_code == 200
    assert "22 événements · 0 correspond" in text(response)
    assert "is-match" not in response.content.decode()


def test_filters_without_any_event_say_so(client, seeded):
    response = client.get("/visual/", {"actor": "vladimir-poutine", "source": ""}, **HTMX)
    assert response.status_code == 200
    empty = client.get("/visual/", {"from": "1990", "to": "1991"})
    assert empty.status_code == 200
    assert "1990 – 1991 : 0 événement" in text(empty)


def test_a_window_holds_at_most_max_marks_on_a_large_corpus(client, django_assert_max_num_queries):
    bulk_corpus(events=2000, quotes_per_event=0, actors=40)
    with django_assert_max_num_queries(10):
        response = client.get("/visual/")
    assert response.status_code == 200
    drawn = len(marks(response)) + len(marks(response, "vt-group"))
    assert 0 < drawn <= MAX_MARKS
    assert "2 000 événements" in text(response) or "2000 événements" in text(response)


def test_the_list_links_to_the_visual_view_and_back_with_the_same_filters(client, seeded):
    listing = client.get("/", {"actor": "kim-jong-un", "q": "sommet"}).content.decode()
    assert 'href="/visual/?actor=kim-jong-un&amp;q=sommet"' in listing
    assert 'href="/present/?actor=kim-jong-un&amp;q=sommet"' in listing
    visual = client.get("/visual/", {"actor": "kim-jong-un", "q": "sommet"}).content.decode()
    assert 'href="/?actor=kim-jong-un&amp;q=sommet" aria-current' not in visual
    assert 'href="/?actor=kim-jong-un&amp;q=sommet"' in visual
    assert 'href="/visual/?actor=kim-jong-un&amp;q=sommet" aria-current="page"' in visual


# Presentation mode ------------------------------------------------------------------------


def test_presentation_starts_with_the_first_event_and_its_source_sentence(client, seeded):
    response = client.get("/present/")
    page = text(response)
    assert response.status_code == 200
    assert "Événement 1 sur 22" in page
    assert "<mark>" in page
    assert 'data-present="previous"' not in page
    assert re.search(r'rel="next" data-present="next" href="\?event=[-a-z0-9]+"', page)


def test_presentation_follows_the_filters_and_moves_both_ways(client, seeded):
    response = client.get(
        "/present/", {"actor": "vladimir-poutine", "event": "premier-sommet-kim-poutine"}
    )
    page = text(response)
    assert "Événement 4 sur 4" in page
    assert "Premier sommet entre Kim Jong-un et Vladimir Poutine" in page
    assert 'data-present="next"' not in page
    previous = re.search(r'rel="prev" data-present="previous" href="\?([^"]+)"', page).group(1)
    assert previous.startswith("actor=vladimir-poutine&event=")
    assert "Événement 3 sur 4" in text(client.get("/present/?" + previous))
    assert 'class="present-here"' in page


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({"event": "pas un identifiant !"}, 400, "« event » doit être l’identifiant"),
        ({"event": "inconnu"}, 404, "n’est pas dans la frise avec ces filtres"),
        (
            {"actor": "donald-trump", "event": "premier-sommet-kim-poutine"},
            404,
            "n’est pas dans la frise avec ces filtres",
        ),
        ({"from": "avril"}, 400, "Période invalide"),
    ],
)
def test_presentation_explains_bad_parameters(client, seeded, params, status, message):
    response = client.get("/present/", params)
    assert response.status_code == status
    assert message in text(response)


def test_presentation_works_with_few_queries(client, seeded, django_assert_max_num_queries):
    with django_assert_max_num_queries(14):
        assert client.get("/present/", {"event": "sommet-de-hanoi"}).status_code in (200, 404)

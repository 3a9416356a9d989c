from __future__ import annotations

import datetime
import html as html_lib
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from summit.models import Event
from tests.factories import ActorFactory, EventCitationFactory, EventFactory, bulk_corpus

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def titles(response) -> list[str]:
    found = re.findall(r'class="event-link" href="[^"]+">([^<]+)</a>', response.content.decode())
    return [html_lib.unescape(title) for title in found]


def get(client, htmx: bool = False, **params):
    return client.get("/", params, **(HTMX if htmx else {}))


def test_it_shows_every_published_event_in_order_grouped_by_year_and_month(client, seeded):
    response = get(client)
    html = response.content.decode()
    assert response.status_code == 200
    assert titles(response) == list(
        Event.objects.published().order_by("date", "slug").values_list("title", flat=True)
    )
    assert "<h2>2000</h2>" in html
    assert '<h3 class="month">Février 2019</h3>' in html
    assert '<time datetime="2019-04-25">jeudi 25 avril 2019</time>' in html
    assert '<time datetime="2019-02">février 2018</time>' not in html
    # Dates the reference sheet states more precisely than the article (summit.verification).
    assert '<time datetime="2018-02-09">du 9 au 25 février 2018</time>' in html
    assert "l’article dit seulement « février 2018 »" in html
    assert '<time datetime="2000-07-19">du 19 au 20 juillet 2000</time>' in html
    assert "l’article dit seulement « vers 2000 »" in html
    assert '<h3 class="month">Juillet 2000</h3>' in html
    assert '<time datetime="2019-02-27">du 27 au 28 février 2019</time>' in html


def test_each_event_shows_place_actors_quotes_evidence_and_fact_check(client, seeded):
    html = get(client).content.decode()
    assert "Pyeongchang</a> (Corée du Sud)" in html
    assert "⚠" not in html  # the warning sign is CSS, the word is in the page
    note = "L&#x27;article parle des « jeux Olympiques"
    assert f'Vérification :</strong> <span lang="fr">{note}' in html
    assert "« un format élargi »" in html
    assert "<mark>depuis son retour de Hanoï" in html
    assert 'href="/?actor=vladimir-poutine"' in html


def test_unpublished_events_are_not_shown(client):
    EventFactory(title="Brouillon secret", published=False)
    EventFactory(title="Publié")
    assert titles(get(client)) == ["Publié"]


def test_with_htmx_it_returns_only_the_results_fragment(client, seeded):
    response = get(client, htmx=True, actor="vladimir-poutine")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="results"')
    assert "<html" not in html
    assert "<form" not in html
    assert "HX-Request" in response["Vary"]


def test_without_htmx_the_same_filter_renders_the_whole_page(client, seeded):
    html = get(client, actor="vladimir-poutine").content.decode()
    assert html.startswith("<!DOCTYPE html>")
    assert 'value="vladimir-poutine"' in html
    assert re.search(r'value="vladimir-poutine"[^>]*checked', html)


def slugs(response) -> list[str]:
    return re.findall(r'class="event-link" href="/events/([^/]+)/"', response.content.decode())


# The events the reference sheet alone tells, in their order.
SHEET_2018 = [
    "trump-accepte-de-rencontrer-kim-jong-un",
    "kim-jong-un-xi-jinping-pekin-2018",
    "sommet-intercoreen-27-avril-2018",
    "kim-jong-un-xi-jinping-dalian-2018",
    "pompeo-a-pyongyang-detenus-liberes",
    "trump-annule-le-sommet-de-singapour",
    "sommet-intercoreen-26-mai-2018",
    "lavrov-recu-par-kim-jong-un",
    "trump-retablit-le-sommet-de-singapour",
]
SHEET_2019 = ["xi-jinping-a-pyongyang", "rencontre-trump-kim-a-la-dmz", "pourparlers-de-stockholm"]
PUTIN_KIM_JONG_IL = [
    "poutine-rencontre-kim-jong-il",
    "poutine-kim-jong-il-moscou-2001",
    "poutine-kim-jong-il-vladivostok-2002",
]


@pytest.mark.parametrize("htmx", [False, True])
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"actor": ["vladimir-poutine"]},
            [*PUTIN_KIM_JONG_IL, "premier-sommet-kim-poutine"],
        ),
        (
            {"actor": ["donald-trump", "kim-jong-il"]},
            [
                *PUTIN_KIM_JONG_IL,
                "trump-accepte-de-rencontrer-kim-jong-un",
                "trump-annule-le-sommet-de-singapour",
                "trump-retablit-le-sommet-de-singapour",
                "sommet-de-singapour",
                "sommet-de-hanoi",
                "rencontre-trump-kim-a-la-dmz",
            ],
        ),
        (
            {"source": ["reperes-chronologiques"]},
            [
                *PUTIN_KIM_JONG_IL,
                "jeux-olympiques-pyeongchang-detente",
                *SHEET_2018,
                "sommet-de-singapour",
                "sommet-intercoreen-de-pyongyang",
                "sommet-de-hanoi",
                "premier-sommet-kim-poutine",
                *SHEET_2019,
            ],
        ),
        (
            {"from": ["2019"]},
            [
                "sommet-de-hanoi",
                "arrivee-de-kim-jong-un-a-vladivostok",
                "premier-sommet-kim-poutine",
                *SHEET_2019,
            ],
        ),
        (
            {"from": ["2019-02-28"], "to": ["2019-04-24"]},
            ["sommet-de-hanoi", "arrivee-de-kim-jong-un-a-vladivostok"],
        ),
        ({"to": ["2001"]}, PUTIN_KIM_JONG_IL[:2]),
        # Accents are ignored: the Stockholm talks are the first « depuis Hanoï ».
        ({"q": ["hanoi"]}, ["sommet-de-hanoi", "pourparlers-de-stockholm"]),
        ({"q": ["dialogue significatif"]}, ["premier-sommet-kim-poutine"]),
        ({"q": ["PYEONGCHANG"]}, ["jeux-olympiques-pyeongchang-detente"]),
        (
            {"actor": ["kim-jong-un"], "from": ["2018"], "to": ["2018-12"]},
            [
                "offensive-diplomatique-kim-jong-un",
                "jeux-olympiques-pyeongchang-detente",
                *[slug for slug in SHEET_2018 if slug != "trump-retablit-le-sommet-de-singapour"],
                "sommet-de-singapour",
                "sommet-intercoreen-de-pyongyang",
            ],
        ),
        (
            {"actor": ["moon-jae-in"], "q": ["panmunjom"], "source": ["reperes-chronologiques"]},
            [
                "sommet-intercoreen-27-avril-2018",
                "sommet-intercoreen-26-mai-2018",
                "rencontre-trump-kim-a-la-dmz",
            ],
        ),
    ],
)
def test_filters_and_their_combinations(client, seeded, params, expected, htmx):
    response = client.get("/", params, **(HTMX if htmx else {}))
    assert response.status_code == 200
    assert slugs(response) == expected
    count = len(expected)
    assert f"{count} événement{'s' if count > 1 else ''}" in response.content.decode()


def test_empty_results_say_so_and_offer_to_clear_the_filters(client, seeded):
    html = get(client, q="pingouin").content.decode()
    assert "Aucun événement ne correspond à ces filtres." in html
    assert '<a href="/">Effacer les filtres</a>' in html


@pytest.mark.parametrize("htmx", [False, True])
@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"actor": "personne"}, "personne n’en fait pas partie"),
        ({"source": "inconnue"}, "inconnue n’en fait pas partie"),
        ({"from": "2019-13"}, "Période invalide"),
        ({"to": "avril"}, "Période invalide"),
        ({"from": "2019-02-30"}, "Période invalide"),
        ({"from": "2019", "to": "2018"}, "Le début de la période doit précéder sa fin."),
        ({"q": "x" * 201}, "La recherche est trop longue (200 caractères au plus)."),
        ({"q": "x" * 100_000}, "La recherche est trop longue"),
    ],
)
def test_bad_parameters_get_a_clear_message_and_a_400(client, seeded, params, message, htmx):
    response = client.get("/", params, **(HTMX if htmx else {}))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'role="alert"' in html
    assert "Revenir à la frise complète" in html


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999", "1e9"])
def test_any_page_number_shows_a_page(client, page):
    bulk_corpus(events=60)
    response = get(client, page=page)
    assert response.status_code == 200
    assert "Page " in response.content.decode()


def test_the_list_is_paginated_and_keeps_the_filters(client):
    actor = ActorFactory(slug="marie")
    for event in bulk_corpus(events=50):
        event.actors.add(actor)
    html = get(client, actor="marie").content.decode()
    assert len(re.findall('class="event-link"', html)) == 30
    assert "Page 1 sur 2" in html
    assert 'href="?actor=marie&amp;page=2"' in html


def test_post_is_refused(client):
    assert client.post("/").status_code == 405


def count_queries(client, path: str, **headers) -> int:
    """The queries of a page rendered afresh (not from the timeline's cache)."""
    client.get(path, **headers)
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        assert client.get(path, **headers).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "path", ["/", "/?q=paix", "/?from=1990&to=2000", "/timeline.json", "/quotes/"]
)
@pytest.mark.parametrize("htmx", [False, True])
def test_queries_are_the_same_with_10_and_1000_events(client, path, htmx):
    headers = HTMX if htmx else {}
    bulk_corpus(events=10)
    actor = ActorFactory(slug="pierre")
    few = count_queries(client, path, **headers)
    bulk_corpus(events=990)
    for event in Event.objects.all()[:500]:
        event.actors.add(actor)
    assert count_queries(client, path, **headers) == few


def test_an_actor_filter_runs_a_constant_number_of_queries(client):
    actor = ActorFactory(slug="pierre")
    for event in bulk_corpus(events=10):
        event.actors.add(actor)
    few = count_queries(client, "/?actor=pierre")
    for event in bulk_corpus(events=990):
        event.actors.add(actor)
    assert count_queries(client, "/?actor=pierre") == few


def test_a_browser_asking_for_english_gets_the_interface_in_english_and_the_events_in_french(
    client, seeded
):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="en">' in html
    assert '<time datetime="2019-04-25">Thursday 25 April 2019</time>' in html
    assert ">jeudi 25 avril 2019</time>" not in html
    # The articles' own words stay as written.
    assert "sommet ce jeudi 25 avril 2019 au port de Vladivostok" in html


def card(html: str, slug: str) -> str:
    """The HTML of one event's card on the page."""
    start = html.index(f'id="{slug}"')
    return html[start : html.index("</article>", start)]


def test_each_event_says_whether_it_comes_from_the_press_or_the_reference_sheet(client, seeded):
    html = get(client).content.decode()

    def repères(slug: str) -> str:
        return (
            '<a class="origin origin-reference" '
            f'href="/sources/reperes-chronologiques/#repere-{slug}">'
            '<span class="origin-kind">Repères</span>'
        )

    # From the reference sheet alone: the « Repères » tag, in words, linked to its line's sources.
    dmz = card(html, "rencontre-trump-kim-a-la-dmz")
    assert repères("rencontre-trump-kim-a-la-dmz") in dmz
    assert "origin-press" not in dmz
    # From an article alone: its outlet.
    arrival = card(html, "arrivee-de-kim-jong-un-a-vladivostok")
    assert (
        '<a class="origin origin-press" href="/sources/euronews-2019-04-24-kim-jong-un-en-russie/">'
        '<span class="origin-kind">Presse</span> Euronews</a>'
    ) in arrival
    assert "origin-reference" not in arrival
    # Both: the article whose outlet is unknown says so.
    meeting = card(html, "poutine-rencontre-kim-jong-il")
    assert '<span class="origin-kind">Presse</span> média inconnu</a>' in meeting
    assert repères("poutine-rencontre-kim-jong-il") in meeting
    # The sheet and its sources are reachable from the top of the timeline.
    assert (
        'des sources publiques :\n  <a href="/sources/reperes-chronologiques/">'
        "Repères chronologiques"
    ) in html


def test_a_place_inside_a_larger_one_names_both(client, seeded):
    html = get(client).content.decode()
    text = re.sub(r"<[^>]+>", "", html)
    assert "Lieu : Panmunjom, zone démilitarisée (frontière entre les deux Corées)" in text
    assert "Lieu : île Rousski, Vladivostok (Russie)" in text
    # The country is not repeated when the larger place bears its name.
    assert "Lieu : île de Sentosa, Singapour\n" in text
    # A place on the map links to it.
    assert 'href="/map/?place=ile-rousski#selection" aria-label="île Rousski, sur la carte"' in html


def test_the_sequence_from_the_olympics_to_the_end_of_2019_is_in_order(client, seeded):
    html = get(client).content.decode()
    order = [
        "jeux-olympiques-pyeongchang-detente",
        "trump-accepte-de-rencontrer-kim-jong-un",
        "kim-jong-un-xi-jinping-pekin-2018",
        "sommet-intercoreen-27-avril-2018",
        "trump-annule-le-sommet-de-singapour",
        "sommet-intercoreen-26-mai-2018",
        "lavrov-recu-par-kim-jong-un",
        "trump-retablit-le-sommet-de-singapour",
        "sommet-de-singapour",
        "sommet-intercoreen-de-pyongyang",
        "sommet-de-hanoi",
        "premier-sommet-kim-poutine",
        "xi-jinping-a-pyongyang",
        "rencontre-trump-kim-a-la-dmz",
        "pourparlers-de-stockholm",
    ]
    positions = [html.index(f'id="{slug}"') for slug in order]
    assert positions == sorted(positions)
    assert '<time datetime="2018-09-18">du 18 au 20 septembre 2018</time>' in html
    assert '<h3 class="month">Octobre 2019</h3>' in html
    assert "<h2>2001</h2>" in html
    assert "<h2>2002</h2>" in html


def test_the_source_filter_lists_the_most_recent_articles_and_takes_any_other(client, monkeypatch):
    monkeypatch.setattr("summit.timeline.SOURCE_CHOICES_MAX", 2)
    for year in (2016, 2017, 2018, 2019):
        EventCitationFactory(
            source__slug=f"article-{year}",
            source__title=f"Article de {year}",
            source__published_on=datetime.date(year, 1, 1),
            event__published=True,
        )
    html = client.get("/").content.decode()
    listed = re.findall(r'<option value="(article-\d+)"', html)
    assert listed == ["article-2018", "article-2019"]
    response = client.get("/", {"source": "article-2016"})
    assert response.status_code == 200
    assert '<option value="article-2016" selected>' in response.content.decode()
    assert client.get("/", {"source": "article-inconnu"}).status_code == 400
    assert client.get("/timeline.json", {"source": "article-2016"}).json()["events"]

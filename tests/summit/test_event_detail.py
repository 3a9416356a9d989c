from __future__ import annotations

import pytest

from tests.factories import EventCitationFactory, EventFactory

pytestmark = pytest.mark.django_db

HANOI = "/events/sommet-de-hanoi/"


def test_it_shows_the_event_with_its_evidence_open(client, seeded):
    response = client.get(HANOI)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 id="title-sommet-de-hanoi" lang="fr">' in html
    assert '<details class="evidence" open>' in html
    assert "<mark>Les 27 et 28 février 2019, à Hanoï" in html
    assert 'Événement précédent</span> <span lang="fr">Sommet intercoréen de Pyongyang' in html
    assert 'Événement suivant</span> <span lang="fr">Kim Jong-un arrive à Vladivostok' in html


def test_with_htmx_it_returns_the_event_fragment(client, seeded):
    response = client.get(HANOI, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<article class="event"')
    assert "<html" not in html
    assert "Événement suivant" not in html
    assert "HX-Request" in response["Vary"]


def test_the_first_event_has_no_previous_one(client, seeded):
    html = client.get("/events/poutine-rencontre-kim-jong-il/").content.decode()
    assert "Événement précédent" not in html
    assert 'Événement suivant</span> <span lang="fr">Vladimir Poutine reçoit Kim Jong-il' in html


@pytest.mark.parametrize("slug", ["inconnu", "brouillon"])
def test_unknown_and_unpublished_events_are_404(client, slug):
    EventFactory(slug="brouillon", published=False)
    assert client.get(f"/events/{slug}/").status_code == 404


def test_post_is_refused(client, seeded):
    assert client.post(HANOI).status_code == 405


def test_queries_do_not_depend_on_the_number_of_citations(client, django_assert_num_queries):
    event = EventFactory()
    EventCitationFactory(event=event)
    client.get(f"/events/{event.slug}/")
    with django_assert_num_queries(6):
        client.get(f"/events/{event.slug}/")
    for _ in range(20):
        EventCitationFactory(event=event)
    with django_assert_num_queries(6):
        client.get(f"/events/{event.slug}/")


def test_a_reference_event_page_shows_its_origin_its_place_and_its_neighbours(client, seeded):
    html = client.get("/events/rencontre-trump-kim-a-la-dmz/").content.decode()
    assert '<span class="origin-kind">Repères</span>' in html
    assert 'href="/sources/reperes-chronologiques/#repere-rencontre-trump-kim-a-la-dmz"' in html
    assert "Panmunjom</a>, zone démilitarisée" in html
    assert "Ce n&#x27;est pas un sommet officiel" in html
    assert 'Événement précédent</span> <span lang="fr">Visite d&#x27;État de Xi Jinping' in html
    assert 'Événement suivant</span> <span lang="fr">Échec des discussions de Stockholm' in html

from __future__ import annotations

import datetime
import re
from html import unescape
from urllib.parse import parse_qsl

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from summit import views
from tests.factories import ActorFactory, QuoteCitationFactory

pytestmark = pytest.mark.django_db


def test_quotes_are_grouped_by_speaker_with_their_sources(client, seeded):
    html = client.get("/quotes/").content.decode()
    kim = html.index('id="speaker-kim-jong-un"')
    kremlin = html.index('id="speaker-kremlin"')
    putin = html.index('id="speaker-vladimir-poutine"')
    assert kim < kremlin < putin
    assert kremlin < html.index("« un format élargi »") < putin
    assert "« Je suis sûr que votre visite" in html[putin:]
    assert "Euronews, mercredi 24 avril 2019" in html
    assert "média inconnu, jeudi 25 avril 2019</a>, <a" in html  # two passages


def test_a_speaker_filter_and_an_unknown_speaker(client, seeded):
    html = client.get("/quotes/", {"speaker": "kremlin"}).content.decode()
    assert "un format élargi" in html
    assert "dialogue significatif" not in html
    response = client.get("/quotes/", {"speaker": "personne"})
    assert response.status_code == 400
    assert "Aucun auteur de citation ne s’appelle « personne »." in response.content.decode()


def test_unpublished_quotes_are_hidden(client):
    QuoteCitationFactory(quote__text="Secret de brouillon", quote__published=False)
    QuoteCitationFactory(quote__text="Parole publique")
    html = client.get("/quotes/").content.decode()
    assert "Parole publique" in html
    assert "Secret de brouillon" not in html


def _page(client, query: dict[str, str] | None = None):
    """The quotations' texts on a page, its previous and next links, and its query count."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/quotes/", query or {})
    assert response.status_code == 200
    html = response.content.decode()
    texts = re.findall(r"<blockquote[^>]*>« (.*?) »</blockquote>", html)
    links = {
        rel: unescape(href)
        for rel, href in re.findall(r'<a rel="(prev|next)" href="\?([^"]+)"', html)
    }
    return texts, links, len(queries.captured_queries)


@pytest.fixture
def many_quotes(monkeypatch):
    """Fourteen quotations by three speakers (two of one name), some undated; three a page."""
    monkeypatch.setattr(views, "QUOTES_PAGE_SIZE", 3)
    anna, other_anna, boris = (
        ActorFactory(name="Anna", slug="anna"),
        ActorFactory(name="Anna", slug="anna-bis"),
        ActorFactory(name="Boris", slug="boris"),
    )
    days = [None, datetime.date(2019, 4, 25), None, datetime.date(2018, 1, 1), None]
    order = []
    for speaker, count in ((anna, 5), (other_anna, 4), (boris, 5)):
        made = [
            QuoteCitationFactory(
                quote__text=f"{speaker.slug} {n}", quote__speaker=speaker, quote__said_on=days[n]
            ).quote
            for n in range(count)
        ]
        made.sort(key=lambda q: (q.said_on is not None, q.said_on or datetime.date.min, q.pk))
        order.extend(q.text for q in made)
    return order


def test_the_pages_follow_each_other_by_cursor_with_the_same_queries(client, many_quotes):
    seen, counts, pages = [], [], []
    texts, links, queries = _page(client)
    assert "prev" not in links
    while True:
        seen.extend(texts)
        pages.append((texts, links))
        counts.append(queries)
        assert len(texts) <= 3
        if "next" not in links:
            break
        assert "page=" not in links["next"]
        texts, links, queries = _page(client, dict(parse_qsl(links["next"])))
    assert seen == many_quotes
    assert len(pages) == 5
    # A page read after a cursor costs what the second one does, however far in it is.
    assert len(set(counts[1:])) == 1
    assert counts[0] < counts[1]
    # Back from the last page, page by page, to the first.
    texts, links = pages[-1]
    for expected, _links in reversed(pages[:-1]):
        texts, links, _ = _page(client, dict(parse_qsl(links["prev"])))
        assert texts == expected
    assert "prev" not in links


def test_a_cursor_keeps_the_speaker_filter(client, many_quotes):
    texts, links, _ = _page(client, {"speaker": "boris"})
    assert texts == [t for t in many_quotes if t.startswith("boris")][:3]
    assert "speaker=boris" in links["next"]
    texts, links, _ = _page(client, dict(parse_qsl(links["next"])))
    assert texts == [t for t in many_quotes if t.startswith("boris")][3:]
    assert "next" not in links


def test_numbered_pages_from_before_still_open(client, many_quotes):
    texts, links, _ = _page(client, {"page": "2"})
    assert texts == many_quotes[3:6]
    assert {"prev", "next"} <= set(links)
    assert _page(client, {"page": "99"})[0] == many_quotes[:3]


@pytest.mark.parametrize(
    "query",
    [{"after": "x"}, {"after": "1.2019-13-01.4"}, {"before": "999999.. 3"}, {"after": "999999..1"}],
)
def test_a_broken_cursor_is_a_clear_400(client, many_quotes, query):
    response = client.get("/quotes/", query)
    assert response.status_code == 400
    assert "Ce lien de page n’est pas valable" in response.content.decode()

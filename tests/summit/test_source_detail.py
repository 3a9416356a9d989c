from __future__ import annotations

import re

import pytest
from django.utils.html import escape

from summit.models import Citation, Event, Quote, Source
from tests.factories import EventCitationFactory, SourceFactory

pytestmark = pytest.mark.django_db

ARTICLE = "/sources/2019-04-25-premier-sommet-kim-poutine/"


def test_every_cited_span_is_highlighted_and_linked(client, seeded):
    html = client.get(ARTICLE).content.decode()
    quote = Quote.objects.get(text="solutions")
    citation = quote.citations.get()
    assert f'<span class="anchor" id="citation-{citation.pk}"></span>' in html
    assert f'<a class="cited" href="/quotes/#quote-{quote.pk}"><mark>solutions</mark></a>' in html
    assert '<a class="cited" href="/events/poutine-rencontre-kim-jong-il/"><mark>' in html
    for citation in Citation.objects.filter(source__slug="2019-04-25-premier-sommet-kim-poutine"):
        assert f'id="citation-{citation.pk}"' in html


def test_a_quote_inside_an_event_excerpt_links_to_the_quote(client, seeded):
    html = client.get(ARTICLE).content.decode()
    quote = Quote.objects.get(text="liens historiques")
    # The summit's evidence surrounds the quotation: the quotation keeps its own link.
    assert f'href="/quotes/#quote-{quote.pk}"><mark>liens historiques</mark>' in html
    before = html.index("<mark>liens historiques</mark>")
    assert (
        '<a class="cited" href="/events/premier-sommet-kim-poutine/"><mark>Le président'
        in html[:before]
    )


def test_the_text_is_kept_word_for_word(client, seeded):
    html = client.get(ARTICLE).content.decode()
    body = html.split('class="source-text"')[1].split("</div>")[0]
    paragraphs = re.findall(r"<p>(.*?)</p>", body, re.S)
    assert len(paragraphs) == 10
    text = re.sub(r"<[^>]+>", "", paragraphs[5])
    assert text.startswith("Ce sommet doit permettre à la Corée du Nord")


@pytest.mark.parametrize("published", [False, None])
def test_unknown_sources_and_sources_backing_nothing_published_are_404(client, published):
    if published is None:
        SourceFactory(slug="article-seul")
    else:
        EventCitationFactory(source__slug="article-seul", event__published=False)
    assert client.get("/sources/article-seul/").status_code == 404
    assert client.get("/sources/inconnue/").status_code == 404


REFERENCE = "/sources/reperes-chronologiques/"


def test_the_reference_sheet_lists_each_lines_public_sources_as_links(client, seeded):
    response = client.get(REFERENCE)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#sources-publiques">Voir les sources publiques de chaque ligne</a>' in html
    section = html[html.index('id="sources-publiques"') :]
    sheet = Source.objects.get(slug="reperes-chronologiques")
    linked = [p for p in sheet.public_sources.all() if p.url]
    assert len(linked) >= 40
    for public in linked:
        link = (
            f'<a class="external" href="{escape(public.url)}" rel="noopener">{escape(public.title)}'
        )
        assert link in section
    # A line whose source could not be given an address cites it, without a link.
    assert (
        "<cite>Lettre du président Donald J. Trump au président Kim Jong Un (24 mai 2018)</cite>"
        in section
    )
    # Each line leads to its event, in the sheet's order.
    moscow = section.index('id="repere-poutine-kim-jong-il-moscou-2001"')
    stockholm = section.index('id="repere-pourparlers-de-stockholm"')
    assert moscow < stockholm
    assert (
        'Samedi 4 août 2001</time> — <a href="/events/poutine-kim-jong-il-moscou-2001/"' in section
    )
    assert "(site extérieur)" in section


def test_an_article_has_no_public_sources_section(client, seeded):
    html = client.get(ARTICLE).content.decode()
    assert "sources-publiques" not in html


def test_a_line_backing_no_published_event_keeps_its_sources_without_a_link(client, seeded):
    Event.objects.filter(slug="pourparlers-de-stockholm").update(published=False)
    html = client.get(REFERENCE).content.decode()
    assert "/events/pourparlers-de-stockholm/" not in html
    assert "Ligne sans événement publié" in html
    assert "https://www.nknews.org/2019/10/" in html


def test_a_span_cited_many_times_is_marked_once_with_bounded_anchors(client, monkeypatch):
    monkeypatch.setattr("summit.sources.SOURCE_MAX_ANCHORS", 3)
    source = SourceFactory(slug="article-tres-cite")
    citations = [
        EventCitationFactory(source=source, event__published=True, event__slug=f"evenement-{n}")
        for n in range(5)
    ]
    html = client.get("/sources/article-tres-cite/").content.decode()
    assert html.count("<mark>") == 1
    assert '<a class="cited" href="/events/evenement-0/"><mark>' in html
    anchored = [c.pk for c in citations if f'id="citation-{c.pk}"' in html]
    assert anchored == [c.pk for c in citations[:3]]

from __future__ import annotations

import re

import pytest

from summit.models import Citation, Quote
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

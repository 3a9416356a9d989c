from __future__ import annotations

import pytest

from tests.factories import QuoteCitationFactory

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

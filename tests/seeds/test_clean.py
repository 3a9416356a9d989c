from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from seeds.clean import article_clean

ARTICLES = Path(__file__).resolve().parents[2] / "seeds" / "articles"

# The raw articles are data: kept byte for byte as they were collected.
RAW_SHA256 = {
    "000_23cb88113d4ad096.txt": "5298019eb9dd8612c41ac4d5e5b3eecb4bca0fbe4a0412cb8751953263cf5d4c",
    "002_bf540bbe3f7d0686.txt": "c11d5ec5a3587ac0b3734351ce7b0eaf285d08c503cfd15a21bb5f0df878795a",
}


@pytest.mark.parametrize(("name", "digest"), RAW_SHA256.items())
def test_the_seed_articles_are_unchanged(name, digest):
    assert hashlib.sha256((ARTICLES / name).read_bytes()).hexdigest() == digest


def test_page_furniture_is_dropped_and_kept_aside_as_metadata():
    article = article_clean((ARTICLES / "000_23cb88113d4ad096.txt").read_text(encoding="utf-8"))
    assert article.title == "Kim Jong-Un en Russie pour un premier sommet avec Poutine"
    assert article.author == "Joanne Massard"
    assert article.credit == "Tous droits réservés\xa0REUTERS/Shamil Zhumatov"
    for junk in (
        "Partager cet article",
        "PUBLICITÉ",
        "Copier/coller",
        "À découvrir également",
        "Poutine souffle le chaud et le froid",
        "Kim Jong-Un en Russie pour un premier sommet",
    ):
        assert junk not in article.text
    assert article.text.startswith("Le dirigeant Nord-coréen espère un sommet")
    assert article.text.endswith("invité plusieurs fois en Russie sans succès jusqu'à présent.")
    assert article.text.count("\n\n") == 5


def test_an_article_without_header_keeps_its_first_paragraph():
    raw = (ARTICLES / "002_bf540bbe3f7d0686.txt").read_text(encoding="utf-8")
    article = article_clean(raw)
    assert article.title == ""
    assert article.text.startswith("Le président nord-coréen Kim Jong-un")
    # Every paragraph is kept word for word; only the separators are normalised.
    assert article.text.split("\n\n") == [line for line in raw.split("\n") if line.strip()]


def test_publication_line_and_related_links_trailer():
    article = article_clean(
        "Un titre assez long\n\nPublié le 3 mai 2021 à 10h\n\nLe texte.\n\n"
        "Lire aussi : autre chose\n\nSuite du texte.\n\nÀ lire également\n\nUn autre article"
    )
    assert article.published_phrase == "3 mai 2021 à 10h"
    assert article.text == "Le texte.\n\nSuite du texte."


def test_crlf_line_endings_and_blank_input():
    assert (
        article_clean("Premier paragraphe.\r\nSecond.\r\n").text == "Premier paragraphe.\n\nSecond."
    )
    assert article_clean("  \n \n").text == ""

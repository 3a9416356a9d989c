from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from seeds.clean import article_clean, page_furniture

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


# Citations point into the cleaned texts: recorded before the cleaning rules became tables.
CLEANED_SHA256 = {
    "000_23cb88113d4ad096.txt": "2b14dbb81aaff945d882299d155f68f6e4b77b71db6225424b30bd4b85cc9078",
    "002_bf540bbe3f7d0686.txt": "43ab21cf55d4c60489e8bfa77368fd6a2c2e7195a314bd6de4c902d4f66c9c45",
}


@pytest.mark.parametrize(("name", "digest"), CLEANED_SHA256.items())
def test_the_seed_articles_clean_to_the_same_bytes(name, digest):
    text = article_clean((ARTICLES / name).read_text(encoding="utf-8")).text
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == digest


ENGLISH_PAGE = """Leaders Agree on a Climate Plan in Paris

By Jane Smith
Published June 12, 2018
Updated June 13, 2018 at 9:00 a.m.
Share this article
Image caption, Leaders gathered in the main hall
Photo: Reuters/John Doe
PARIS, June 12 — Leaders agreed on a plan on Tuesday.

Advertisement

"It is a good day," said the chair.
Sign up for our newsletter
We use cookies to improve your experience. Accept all cookies
Read more: the plan in detail

Talks resume next month.
Related articles
Another story you may like
"""


def test_english_page_furniture_is_dropped_and_headers_kept_aside():
    article = article_clean(ENGLISH_PAGE, language="en")
    assert article.title == "Leaders Agree on a Climate Plan in Paris"
    assert article.author == "Jane Smith"
    assert article.published_phrase == "June 12, 2018"
    assert article.credit == "Photo: Reuters/John Doe"
    assert article.text == (
        "PARIS, June 12 — Leaders agreed on a plan on Tuesday.\n\n"
        '"It is a good day," said the chair.\n\n'
        "Talks resume next month."
    )


def test_an_english_date_line_in_the_header_is_the_publication():
    raw = "A Headline With Enough Words\n\nJune 12, 2018 at 10:30 a.m. ET\n\nThe body."
    article = article_clean(raw, language="en")
    assert article.published_phrase == "June 12, 2018 at 10:30 a.m. ET"
    assert article.text == "The body."
    # Further down, the same line is part of the article.
    later = article_clean("The body.\n\nJune 12, 2018 at 10:30 a.m.", language="en")
    assert later.text == "The body.\n\nJune 12, 2018 at 10:30 a.m."


def test_a_headline_ending_with_its_date_gives_the_publication():
    raw = "World Athletics Meet Ends in Canada - 2001-08-13\n\nThe competition has concluded."
    article = article_clean(raw, language="en")
    assert article.title == "World Athletics Meet Ends in Canada - 2001-08-13"
    assert article.published_phrase == "2001-08-13"
    plain = article_clean("Paris - Berlin - Rome by train\n\nThe trip.", language="en")
    assert plain.published_phrase == ""


def test_each_language_drops_its_own_furniture():
    assert page_furniture("Share this article", language="en")
    assert page_furniture("Partager cet article", language="fr")
    assert page_furniture("Related articles", language="en")
    assert not page_furniture("Read this before you vote, she said.", language="fr")
    assert not page_furniture("The newsletter was leaked, officials said.", language="en")
    # A paragraph that opens like a list of links is still the article.
    assert not page_furniture("More from the speech follows.", language="en")
    kept = article_clean(
        "Body.\n\nMore from the minister, who spoke at length.\n\nEnd.", language="en"
    )
    assert kept.text.endswith("End.")
    copyright = article_clean("Copyright law changed in 2019, he said.", language="en")
    assert copyright.text == "Copyright law changed in 2019, he said."

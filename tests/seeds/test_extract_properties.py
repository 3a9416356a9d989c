"""Any text through the extraction pipeline: no crash, every span inside the text."""

from __future__ import annotations

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from seeds.clean import article_clean
from seeds.extract import article_extract
from seeds.mentions import Named

ACTORS = [Named("kim", ("Kim Jong-un", "le dirigeant nord-coréen")), Named("putin", ("Poutine",))]
PLACES = [Named("hanoi", ("Hanoï",))]
# Text made of the characters that matter to the pipeline, and of anything else.
PIECES = st.sampled_from(
    [
        "«",
        "»",
        "“",
        "”",
        '"',
        " ",
        "\n",
        "\n\n",
        ".",
        ",",
        ":",
        "a déclaré",
        "selon",
        "Kim Jong-un",
        "Poutine",
        "mercredi",
        "12 mars",
        "en 2017",
        "l'an dernier",
        "il y a vingt ans",
        "ajoutant",
        "Marie Dubois",
        "Hanoï",
        "-t-il",
        "\xa0",
    ]
)
TEXT = st.one_of(st.text(), st.lists(st.one_of(PIECES, st.text(max_size=5))).map("".join))


@settings(max_examples=300, deadline=None)
@given(raw=TEXT, published_on=st.dates(datetime.date(1950, 1, 1), datetime.date(2090, 12, 31)))
def test_any_text_gives_valid_spans(raw, published_on):
    text = article_clean(raw).text
    extraction = article_extract(text=text, published_on=published_on, actors=ACTORS, places=PLACES)
    for quote in extraction.quotes:
        assert 0 <= quote.start < quote.end <= len(text)
        assert text[quote.start : quote.end] == quote.text
        assert quote.said_on <= published_on
    for event in extraction.events:
        assert 0 <= event.start < event.end <= len(text)
        assert text[event.start : event.end] == event.sentence

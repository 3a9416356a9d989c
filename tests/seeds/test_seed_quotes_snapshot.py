"""The quotations the seed corpus gives, frozen: any change to extraction must leave them as
they are (same words, spans, speakers, kinds and days)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summit.models import Quote

SNAPSHOT = Path(__file__).parent / "fixtures" / "seed_quotes.json"


def seeded_quotes() -> list[dict[str, object]]:
    """Every citation of every quotation in the database, in reading order per source."""
    rows = [
        {
            "source": citation.source.slug,
            "start": citation.start,
            "end": citation.end,
            "text": quote.text,
            "cited": citation.source.text[citation.start : citation.end],
            "speaker": quote.speaker.slug,
            "kind": quote.kind,
            "said_on": quote.said_on.isoformat() if quote.said_on else None,
        }
        for quote in Quote.objects.select_related("speaker").prefetch_related("citations__source")
        for citation in quote.citations.all()
    ]
    return sorted(rows, key=lambda row: (row["source"], row["start"]))


@pytest.mark.django_db
def test_the_seed_articles_give_exactly_the_frozen_quotations(seeded):
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert seeded_quotes() == expected

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from summit.models import Citation, Event
from tests.factories import EventCitationFactory, EventFactory, QuoteCitationFactory

pytestmark = pytest.mark.django_db


def test_published_filters_out_drafts():
    shown = EventFactory(published=True)
    EventFactory(published=False)
    assert list(Event.objects.published()) == [shown]


def test_quote_citation_span_is_the_quote():
    citation = QuoteCitationFactory()
    assert citation.excerpt == citation.quote.text
    citation.full_clean()


def test_citation_sentence_parts_surround_the_span():
    citation = EventCitationFactory()
    before, span, after = citation.sentence_parts()
    assert before == ""
    assert span == "Le président Jean Dupont est arrivé lundi à Lyon."
    assert after == ""


def test_citation_clean_rejects_a_span_that_is_not_the_quote():
    citation = QuoteCitationFactory()
    citation.start += 1
    with pytest.raises(ValidationError):
        citation.full_clean()


def test_citation_backs_exactly_one_thing():
    citation = QuoteCitationFactory()
    with pytest.raises(IntegrityError):
        Citation.objects.create(source=citation.source, start=0, end=3)


def test_event_end_date_cannot_precede_start():
    event = EventFactory()
    event.end_date = event.date.replace(year=event.date.year - 1)
    with pytest.raises(ValidationError):
        event.full_clean()

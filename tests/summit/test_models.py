from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from summit.models import PLACE_HALF_COORDINATES, Citation, Event, TimelineSettings
from summit.versioning import content_version
from tests.factories import (
    EventCitationFactory,
    EventFactory,
    PlaceFactory,
    QuoteCitationFactory,
)

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


@pytest.mark.parametrize(
    ("latitude", "longitude", "field"),
    [("90.00001", "0", "latitude"), ("-91", "0", "latitude"), ("0", "180.5", "longitude")],
)
def test_place_coordinates_must_be_on_the_globe(latitude, longitude, field):
    place = PlaceFactory.build(latitude=Decimal(latitude), longitude=Decimal(longitude))
    with pytest.raises(ValidationError) as refused:
        place.full_clean()
    assert field in refused.value.message_dict


def test_a_place_needs_both_coordinates_or_none():
    place = PlaceFactory.build(latitude=Decimal("43.1"), longitude=None)
    with pytest.raises(ValidationError) as refused:
        place.full_clean()
    assert refused.value.messages == [str(PLACE_HALF_COORDINATES)]
    PlaceFactory.build(latitude=Decimal("-90"), longitude=Decimal("180")).full_clean()
    PlaceFactory.build().full_clean()


def test_a_place_is_on_the_map_by_its_coordinates_or_those_of_the_place_it_is_in():
    city = PlaceFactory(latitude=Decimal("43.1"), longitude=Decimal("131.9"))
    assert city.on_map
    assert PlaceFactory(part_of=city).on_map
    assert not PlaceFactory().on_map


def test_the_timeline_settings_are_one_row_with_defaults_until_saved():
    settings = TimelineSettings.current()
    assert settings.title == "Trump, Kim, Poutine : la séquence 2018–2019"
    assert settings.pk == 1
    assert not TimelineSettings.objects.exists()
    TimelineSettings(title="La guerre de Corée").save()
    TimelineSettings(title="La guerre froide").save()
    assert list(TimelineSettings.objects.values_list("pk", "title")) == [(1, "La guerre froide")]
    assert TimelineSettings.current().title == "La guerre froide"


def test_saving_the_timeline_settings_changes_the_content_version():
    before = content_version()
    TimelineSettings(title="La guerre de Corée").save()
    assert content_version() != before

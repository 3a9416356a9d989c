from __future__ import annotations

import datetime

import pytest

from summit.models import Event, Precision
from summit.timeline import AXIS_WIDTH, MAX_MARKS, timeline_axis
from tests.factories import EventFactory, bulk_corpus

pytestmark = pytest.mark.django_db


def axis():
    return timeline_axis(Event.objects.published())


def test_a_long_gap_breaks_the_axis(seeded):
    result = axis()
    assert len(result.segments) == 2
    first, second = result.segments
    assert [tick.label for tick in first.ticks] == ["2001", "2002"]
    assert [tick.label for tick in second.ticks] == ["2018", "2019"]
    assert first.end < result.breaks[0] < second.x
    assert second.end == pytest.approx(AXIS_WIDTH)
    assert result.total == 22
    # Three meetings in 2000–2002 take less room than the crowded 2018–2019.
    assert first.width < second.width / 2


def test_marks_stand_for_months_and_link_to_their_single_event(seeded):
    marks = [mark for segment in axis().segments for mark in segment.marks]
    assert [(mark.period_from, mark.count) for mark in marks] == [
        ("2000-07", 1),
        ("2001-08", 1),
        ("2002-08", 1),
        ("2018-01", 1),
        ("2018-02", 1),
        ("2018-03", 2),
        ("2018-04", 1),
        ("2018-05", 5),
        ("2018-06", 2),
        ("2018-09", 1),
        ("2019-02", 1),
        ("2019-04", 2),
        ("2019-06", 2),
        ("2019-10", 1),
    ]
    assert marks[0].slug == "poutine-rencontre-kim-jong-il"
    assert marks[-1].slug == "pourparlers-de-stockholm"
    may = marks[7]
    assert may.slug == ""  # five events: the mark links to the month
    assert may.radius > marks[0].radius
    assert may.label == "mai 2018 : 5 événements"
    assert [mark.x for mark in marks] == sorted(mark.x for mark in marks)


def test_no_events_no_axis():
    assert axis().segments == []


def test_close_events_share_one_segment():
    for day in range(3):
        EventFactory(date=datetime.date(2020, 1 + day * 5, 1), precision=Precision.MONTH)
    assert len(axis().segments) == 1


def test_too_many_months_make_marks_of_years_then_decades():
    bulk_corpus(events=1200, start_year=1990)  # an event every three days, over ten years
    marks = [mark for segment in axis().segments for mark in segment.marks]
    assert sum(mark.count for mark in marks) == 1200
    years = [mark.label.split(" :")[0] for mark in marks]
    assert years == [str(year) for year in range(1990, 2000)]
    for year in range(1800, 1900):  # a hundred more years: marks for decades
        EventFactory(date=datetime.date(year, 6, 1))
    marks = [mark for segment in axis().segments for mark in segment.marks]
    assert len(marks) <= MAX_MARKS
    assert marks[0].label == "1800–1809 : 10 événements"
    assert (marks[0].period_from, marks[0].period_to) == ("1800", "1809")


def test_a_segment_names_the_year_it_starts_in():
    EventFactory(date=datetime.date(2018, 6, 12))
    EventFactory(date=datetime.date(2019, 4, 25))
    (segment,) = axis().segments
    assert [(tick.label, tick.line) for tick in segment.ticks] == [("2018", False), ("2019", True)]

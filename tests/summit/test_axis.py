from __future__ import annotations

import datetime

import pytest

from summit.models import Event, Precision
from summit.timeline import AXIS_WIDTH, timeline_axis
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def axis():
    return timeline_axis(Event.objects.published())


def test_a_long_gap_breaks_the_axis(seeded):
    result = axis()
    assert len(result.segments) == 2
    first, second = result.segments
    assert [tick.label for tick in first.ticks] == ["2000"]
    assert [tick.label for tick in second.ticks] == ["2018", "2019"]
    assert first.end < result.breaks[0] < second.x
    assert second.end == pytest.approx(AXIS_WIDTH)
    assert result.total == 7


def test_marks_stand_for_months_and_link_to_their_single_event(seeded):
    marks = [mark for segment in axis().segments for mark in segment.marks]
    assert [(mark.year, mark.month, mark.count) for mark in marks] == [
        (2000, 7, 1),
        (2018, 1, 1),
        (2018, 2, 1),
        (2018, 6, 1),
        (2019, 2, 1),
        (2019, 4, 2),
    ]
    assert marks[0].slug == "poutine-rencontre-kim-jong-il"
    assert marks[-1].slug == ""  # two events: the mark links to the month
    assert marks[-1].radius > marks[0].radius
    assert marks[-1].label == "avril 2019 : 2 événements"
    assert [mark.x for mark in marks] == sorted(mark.x for mark in marks)


def test_no_events_no_axis():
    assert axis().segments == []


def test_close_events_share_one_segment():
    for day in range(3):
        EventFactory(date=datetime.date(2020, 1 + day * 5, 1), precision=Precision.MONTH)
    assert len(axis().segments) == 1

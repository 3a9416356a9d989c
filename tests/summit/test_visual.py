"""The visual timeline's windows (zoom and pan steps) and its layout (lanes, groups, bounds)."""

from __future__ import annotations

import datetime

import pytest

from summit.models import Event
from summit.timeline import timeline_axis
from summit.visual import (
    AXIS_HEIGHT,
    CANVAS_WIDTH,
    LANE_HEIGHT,
    MAX_LANES,
    MAX_MARKS,
    MIN_WINDOW_DAYS,
    Window,
    events_extent,
    pan,
    visual_chart,
    window_around,
    window_at,
    zoom_in,
    zoom_out,
)
from tests.factories import ActorFactory, EventFactory, bulk_corpus

D = datetime.date


def test_window_at_is_calendar_aligned_around_its_centre():
    assert window_at(D(2019, 4, 25), "year", 1) == Window(
        D(2019, 1, 1), D(2019, 12, 31), "2019", "2019"
    )
    assert window_at(D(2019, 4, 25), "year", 10) == Window(
        D(2015, 1, 1), D(2024, 12, 31), "2015", "2024"
    )
    assert window_at(D(2019, 1, 10), "month", 3) == Window(
        D(2018, 12, 1), D(2019, 2, 28), "2018-12", "2019-02"
    )
    assert window_at(D(2019, 4, 25), "day", 7) == Window(
        D(2019, 4, 22), D(2019, 4, 28), "2019-04-22", "2019-04-28"
    )


def test_zoom_in_goes_one_step_narrower_down_to_a_week():
    year = window_at(D(2019, 6, 1), "year", 1)
    assert zoom_in(year) == window_at(D(2019, 7, 1), "month", 6)
    assert zoom_in(year, D(2019, 2, 27)).period_from == "2018-12"
    week = window_at(D(2019, 4, 25), "day", MIN_WINDOW_DAYS)
    assert zoom_in(week) is None
    fortnight = window_at(D(2019, 4, 25), "day", 14)
    assert zoom_in(fortnight).days == MIN_WINDOW_DAYS


def test_zoom_out_widens_then_shows_the_whole_span():
    whole = Window(D(2000, 7, 1), D(2019, 10, 5))
    month = window_at(D(2019, 4, 25), "month", 1)
    assert zoom_out(month, whole) == window_at(D(2019, 4, 15), "month", 3)
    assert zoom_out(window_at(D(2019, 1, 1), "year", 10), whole) == whole
    assert zoom_out(whole, whole) is None


def test_pan_moves_by_the_window_s_own_length_in_its_own_unit():
    assert pan(window_at(D(2019, 4, 1), "year", 2), 1).period_from == "2021"
    months = Window(D(2019, 2, 1), D(2019, 4, 30), "2019-02", "2019-04")
    assert (pan(months, -1).period_from, pan(months, -1).period_to) == ("2018-11", "2019-01")
    days = Window(D(2019, 4, 20), D(2019, 4, 26), "2019-04-20", "2019-04-26")
    assert pan(days, 1).period_from == "2019-04-27"
    assert pan(Window(D(2000, 1, 1), D(2019, 12, 31)), 1) is None  # the whole span
    assert pan(Window(D(9999, 1, 1), D(9999, 12, 31), "9999", "9999"), 1) is None


def test_pan_of_a_mixed_period_moves_by_days():
    window = Window(D(2019, 1, 1), D(2019, 4, 30), "2019", "2019-04")
    later = pan(window, 1)
    assert (later.start, later.end) == (D(2019, 5, 1), D(2019, 8, 28))


def test_a_group_opens_on_the_narrowest_window_that_holds_it():
    year = window_at(D(2019, 6, 1), "year", 1)
    opened = window_around(D(2019, 2, 27), D(2019, 2, 28), year)
    assert opened.days == MIN_WINDOW_DAYS
    assert opened.start <= D(2019, 2, 27)
    assert opened.end >= D(2019, 2, 28)


def test_window_labels_read_as_periods():
    assert window_at(D(2019, 4, 25), "year", 2).label() == "2019 – 2020"
    assert window_at(D(2019, 4, 25), "month", 1).label() == "avril 2019"
    assert Window(D(2000, 7, 1), D(2019, 10, 5)).label() == "2000 – 2019"


def chart_of(events_qs, window=None, **kwargs):
    first, last = events_extent(events_qs)
    window = window or Window(first, last)
    actors = list({actor for event in events_qs for actor in event.actors.all()})
    return visual_chart(
        events=events_qs,
        axis=timeline_axis(events_qs),
        window=window,
        actors=sorted(actors, key=lambda a: a.name),
        selected=kwargs.get("selected", []),
        matching=kwargs.get("matching"),
    )


@pytest.mark.django_db
def test_an_event_with_two_actors_sits_in_both_lanes_joined_by_a_link():
    kim, putin = ActorFactory(name="Kim"), ActorFactory(name="Poutine")
    EventFactory(slug="sommet", date=D(2019, 4, 25), actors=[kim, putin])
    EventFactory(slug="seul", date=D(2019, 6, 1), actors=[kim])
    chart = chart_of(Event.objects.published())
    lanes = {lane.name: [mark.slug for mark in lane.events] for lane in chart.lanes}
    assert lanes == {"Kim": ["sommet", "seul"], "Poutine": ["sommet"]}
    assert [link.slug for link in chart.links] == ["sommet"]
    assert chart.lanes[0].y == AXIS_HEIGHT + LANE_HEIGHT / 2


@pytest.mark.django_db
def test_selected_actors_come_first_and_extra_actors_share_the_last_lane():
    actors = [ActorFactory(name=f"Acteur {n:02d}") for n in range(MAX_LANES + 3)]
    for index, actor in enumerate(actors):
        EventFactory(date=D(2019, 1, 1) + datetime.timedelta(days=index * 30), actors=[actor])
    EventFactory(date=D(2020, 6, 1))  # no actor
    chart = chart_of(Event.objects.published(), selected=[actors[-1].slug])
    assert len(chart.lanes) == MAX_LANES + 1
    assert chart.lanes[0].name == "Acteur 14"
    assert chart.lanes[0].selected
    assert chart.lanes[-1].key == ""
    assert chart.lanes[-1].name == "3 autres acteurs"
    assert sum(len(lane.events) for lane in chart.lanes) == len(actors) + 1


@pytest.mark.django_db
def test_crowded_days_are_grouped_with_their_count_and_the_window_that_opens_them():
    kim = ActorFactory(name="Kim")
    for day in range(5):
        EventFactory(date=D(2019, 2, 25) + datetime.timedelta(days=day), actors=[kim])
    EventFactory(date=D(2010, 1, 1), actors=[kim])
    chart = chart_of(Event.objects.published())
    (lane,) = chart.lanes
    assert [group.count for group in lane.groups] == [5]
    assert lane.groups[0].label.startswith("5 événements, du 25 février")
    assert lane.groups[0].window.start <= D(2019, 2, 25)
    assert len(lane.events) == 1
    # Zoomed in to the week, every one of them is its own mark.
    week = chart_of(Event.objects.published(), window_at(D(2019, 2, 27), "day", 7))
    assert len(week.lanes[0].events) == 5
    assert week.total == 5


@pytest.mark.django_db
def test_marks_stay_within_the_canvas_and_their_bound_on_a_large_corpus():
    bulk_corpus(events=3000, quotes_per_event=0, actors=30)
    events = Event.objects.published()
    chart = chart_of(events)
    assert chart.total == 3000
    assert chart.marks <= MAX_MARKS
    assert len(chart.lanes) == MAX_LANES + 1
    xs = [m.x for lane in chart.lanes for m in [*lane.events, *lane.groups]]
    assert min(xs) > 0
    assert max(xs) < CANVAS_WIDTH
    placed = sum(len(lane.events) + sum(g.count for g in lane.groups) for lane in chart.lanes)
    assert placed >= chart.total  # each event at least once, several actors several times


@pytest.mark.django_db
def test_the_axis_breaks_over_a_long_gap_and_keeps_the_eras():
    EventFactory(date=D(2000, 7, 19))
    EventFactory(date=D(2002, 8, 23))
    EventFactory(date=D(2018, 4, 27))
    EventFactory(date=D(2019, 4, 25))
    chart = chart_of(Event.objects.published())
    assert [piece.era for piece in chart.pieces] == ["2000–2002", "2018–2019"]
    assert len(chart.breaks) == 1
    zoomed = chart_of(Event.objects.published(), window_at(D(2019, 1, 1), "year", 2))
    assert len(zoomed.pieces) == 1
    assert zoomed.breaks == []


@pytest.mark.django_db
def test_search_matches_are_marked_and_counted():
    EventFactory(title="Sommet de Hanoï", date=D(2019, 2, 27))
    EventFactory(title="Sommet de Singapour", date=D(2018, 6, 12))
    events = Event.objects.published()
    chart = chart_of(events, matching=events.filter(title__contains="Hanoï"))
    marks = {m.title: m.match for lane in chart.lanes for m in lane.events}
    assert marks == {"Sommet de Hanoï": True, "Sommet de Singapour": False}
    assert chart.matches == 1

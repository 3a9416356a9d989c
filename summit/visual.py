"""The visual timeline: a window of time drawn with one lane per actor, and its zoom steps.

The server lays every window out (the browser only asks for windows and highlights), so a page
works without JavaScript and its size is bounded: at most MAX_LANES lanes plus one lane for the
other actors, and at most MAX_MARKS marks, events closer than a cell of a lane being drawn as one
group with its count, which opens into the window around it. The axis is broken where the story
jumps ahead, on the same eras as the overview strip and the TimelineJS export.
"""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Max, Min, QuerySet
from django.db.models.functions import Coalesce
from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from summit.dates import format_date, format_period
from summit.models import Actor, Event, Precision
from summit.timeline import AXIS_GAP, Axis

# Drawing, in CSS pixels: the SVG is drawn at its own size and scrolls sideways on a narrow
# screen rather than shrinking its text.
CANVAS_WIDTH = 940
# Room kept at each end of the axis, so that a mark on the window's first or last day shows whole.
EDGE = 18
LANE_HEIGHT = 44
AXIS_HEIGHT = 46
# The most lanes drawn for actors; the others share one last lane (« Autres acteurs »).
MAX_LANES = 12
# The most marks (events and groups) a window draws; beyond, groups get wider.
MAX_MARKS = 500
# Events of a lane closer than this many pixels are drawn as one group.
CELL = 30
# The narrowest window: a week, its days each labelled.
MIN_WINDOW_DAYS = 7
MIN_TICK_SPACING = 64
MARK_LABEL_CHAR = 6.6  # average width of a label's character, to cut labels that would overlap

YEAR, MONTH, DAY = "year", "month", "day"
UNIT_DAYS = {YEAR: 365.25, MONTH: 30.44, DAY: 1.0}
# The zoom steps, widest first: a zoom moves one step, centred on what is looked at.
LEVELS: tuple[tuple[str, int], ...] = (
    (YEAR, 50),
    (YEAR, 20),
    (YEAR, 10),
    (YEAR, 5),
    (YEAR, 2),
    (YEAR, 1),
    (MONTH, 6),
    (MONTH, 3),
    (MONTH, 1),
    (DAY, 14),
    (DAY, MIN_WINDOW_DAYS),
)
_TICK_STEPS: tuple[tuple[str, int], ...] = (
    (DAY, 1),
    (DAY, 7),
    (MONTH, 1),
    (MONTH, 3),
    (MONTH, 6),
    (YEAR, 1),
    (YEAR, 2),
    (YEAR, 5),
    (YEAR, 10),
    (YEAR, 20),
    (YEAR, 50),
    (YEAR, 100),
)


# Windows ---------------------------------------------------------------------------------


def _month_index(day: datetime.date) -> int:
    return day.year * 12 + day.month - 1


def _month_start(index: int) -> datetime.date:
    year, month = divmod(index, 12)
    return datetime.date(year, month + 1, 1)


def _month_end(index: int) -> datetime.date:
    year, month = divmod(index, 12)
    return datetime.date(year, month + 1, calendar.monthrange(year, month + 1)[1])


def _clamp_year(year: int) -> int:
    return min(max(year, 1), 9999)


def _period_unit(value: str) -> str:
    return {4: YEAR, 7: MONTH}.get(len(value), DAY)


@dataclass(frozen=True)
class Window:
    """The days shown, ``start`` to ``end`` inclusive; ``period_from`` and ``period_to`` are the
    filter values that select it (both empty for the whole span)."""

    start: datetime.date
    end: datetime.date
    period_from: str = ""
    period_to: str = ""

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def whole(self) -> bool:
        return not (self.period_from or self.period_to)

    @property
    def center(self) -> datetime.date:
        return self.start + datetime.timedelta(days=(self.days - 1) // 2)

    def label(self) -> str:
        """« 2018 – 2019 », « avril 2019 », « du 20 au 26 avril 2019 »."""
        if self.whole:
            first, last = self.start.year, self.end.year
            return str(first) if first == last else f"{first} – {last}"
        unit = _period_unit(self.period_from or self.period_to)
        if unit == YEAR and self.start.month == 1 and self.end.month == 12:
            first, last = self.start.year, self.end.year
            return str(first) if first == last else f"{first} – {last}"
        if unit in (YEAR, MONTH) and self.start.day == 1 and self.end.day >= 28:
            first = format_date(self.start, Precision.MONTH)
            last = format_date(self.end, Precision.MONTH)
            return first if first == last else f"{first} – {last}"
        return format_period(self.start, self.end, Precision.DAY)


def window_at(center: datetime.date, unit: str, count: int) -> Window:
    """The window of ``count`` years, months or days around ``center``, on calendar bounds."""
    if unit == YEAR:
        first = _clamp_year(center.year - (count - 1) // 2)
        last = _clamp_year(first + count - 1)
        start, end = datetime.date(first, 1, 1), datetime.date(last, 12, 31)
        return Window(start, end, f"{first:04d}", f"{last:04d}")
    if unit == MONTH:
        first_index = max(12, _month_index(center) - (count - 1) // 2)
        last_index = min(9999 * 12 + 11, first_index + count - 1)
        start, end = _month_start(first_index), _month_end(last_index)
        return Window(start, end, start.strftime("%Y-%m"), end.strftime("%Y-%m"))
    # Kept inside the calendar that Python's dates cover (years 1 to 9999).
    first = max(center.toordinal() - (count - 1) // 2, 1)
    first = min(first, datetime.date.max.toordinal() - count + 1)
    start = datetime.date.fromordinal(first)
    end = datetime.date.fromordinal(first + count - 1)
    return Window(start, end, start.isoformat(), end.isoformat())


def _level_days(level: tuple[str, int]) -> float:
    unit, count = level
    return UNIT_DAYS[unit] * count


def zoom_in(window: Window, center: datetime.date | None = None) -> Window | None:
    """The next narrower step around ``center`` (the window's middle), or None at a week."""
    if window.days <= MIN_WINDOW_DAYS:
        return None
    for level in LEVELS:
        if _level_days(level) < window.days * 0.75:
            return window_at(center or window.center, *level)
    return window_at(center or window.center, DAY, MIN_WINDOW_DAYS)


def zoom_out(window: Window, extent: Window) -> Window | None:
    """The next wider step, or the whole span (``extent``) once a step would hold it; None when
    the whole span is shown already."""
    if window.whole:
        return None
    for level in reversed(LEVELS):
        if _level_days(level) > window.days * 1.25:
            if _level_days(level) >= extent.days:
                return extent
            wider = window_at(window.center, *level)
            if wider.start <= extent.start and wider.end >= extent.end:
                return extent
            return wider
    return extent


def _shift(value: str, unit: str, steps: int) -> str:
    if unit == YEAR:
        return f"{_clamp_year(int(value[:4]) + steps):04d}"
    if unit == MONTH:
        index = min(
            max(_month_index(datetime.date(int(value[:4]), int(value[5:7]), 1)) + steps, 12),
            9999 * 12 + 11,
        )
        return _month_start(index).strftime("%Y-%m")
    return (datetime.date.fromisoformat(value) + datetime.timedelta(days=steps)).isoformat()


def pan(window: Window, direction: int) -> Window | None:
    """The window just before (-1) or after (+1) this one, of the same length; None for the
    whole span, which has nothing beside it."""
    if window.whole:
        return None
    period_from = window.period_from or window.start.isoformat()
    period_to = window.period_to or window.end.isoformat()
    unit = _period_unit(period_from)
    if _period_unit(period_to) != unit:
        unit = DAY
        period_from, period_to = window.start.isoformat(), window.end.isoformat()
    if unit == YEAR:
        steps = int(period_to[:4]) - int(period_from[:4]) + 1
    elif unit == MONTH:
        steps = _month_index(window.end) - _month_index(window.start) + 1
    else:
        steps = window.days
    try:
        shifted_from = _shift(period_from, unit, direction * steps)
        shifted_to = _shift(period_to, unit, direction * steps)
    except (ValueError, OverflowError):
        return None
    start, end = _bounds(shifted_from, shifted_to)
    if (start, end) == (window.start, window.end):
        return None  # at the calendar's edge
    return Window(start, end, shifted_from, shifted_to)


def _bounds(period_from: str, period_to: str) -> tuple[datetime.date, datetime.date]:
    from summit.timeline import period_bounds

    return period_bounds(period_from)[0], period_bounds(period_to)[1]


def window_around(first: datetime.date, last: datetime.date, window: Window) -> Window | None:
    """The narrowest step that holds ``first`` to ``last`` and is narrower than ``window``: where a
    group of events opens."""
    span = (last - first).days + 1
    middle = first + datetime.timedelta(days=(last - first).days // 2)
    for level in reversed(LEVELS):
        if _level_days(level) >= span:
            if _level_days(level) < window.days * 0.75:
                return window_at(middle, *level)
            break
    return zoom_in(window, middle)


# Layout ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Piece:
    """A stretch of the axis: days ``first`` (ordinal, included) to ``last`` (excluded) drawn
    from ``x`` over ``width`` pixels."""

    x: float
    width: float
    first: int
    last: int
    era: str

    @property
    def end(self) -> float:
        return self.x + self.width

    def position(self, ordinal: float) -> float:
        return self.x + (ordinal - self.first) / (self.last - self.first) * self.width


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass
class EventMark:
    slug: str
    title: str
    when: str
    x: float
    x_end: float  # the end of a span of days, == x for one day
    vague: bool  # known to the month, the year, or approximately
    match: bool | None  # None: no search
    label: str = ""

    @property
    def label_x(self) -> float:
        return max(self.x, self.x_end) + 10

    @property
    def span(self) -> float:
        """How wide the bar of an event that lasted several days is drawn."""
        return round(self.x_end - self.x, 1)


@dataclass
class GroupMark:
    x: float
    count: int
    matches: int | None
    label: str
    window: Window | None
    radius: float = 10.0
    first: datetime.date | None = None
    last: datetime.date | None = None
    href: str = ""  # set by the view: the group's window, or the list of its days at a week


@dataclass
class Lane:
    key: str  # the actor's slug, or "" for the other actors
    name: str
    selected: bool
    y: float = 0.0
    events: list[EventMark] = field(default_factory=list)
    groups: list[GroupMark] = field(default_factory=list)


@dataclass(frozen=True)
class Link:
    """The same event in several lanes, joined when it is highlighted."""

    slug: str
    x: float
    y1: float
    y2: float


@dataclass
class Chart:
    window: Window
    pieces: list[Piece]
    ticks: list[Tick]
    lanes: list[Lane]
    links: list[Link]
    total: int  # events in the window
    matches: int | None
    marks: int
    width: int = CANVAS_WIDTH

    @property
    def height(self) -> int:
        return AXIS_HEIGHT + LANE_HEIGHT * len(self.lanes)

    @property
    def breaks(self) -> list[float]:
        return [round(piece.end + AXIS_GAP / 2, 1) for piece in self.pieces[:-1]]

    def date_at(self, x: float) -> datetime.date:
        """The day drawn at ``x`` (a break belongs to the stretch before it)."""
        piece = next((piece for piece in self.pieces if x <= piece.end), self.pieces[-1])
        ordinal = piece.first + (x - piece.x) / piece.width * (piece.last - piece.first)
        ordinal = min(max(int(ordinal), piece.first), piece.last - 1)
        return datetime.date.fromordinal(ordinal)


def events_extent(events: QuerySet[Event]) -> tuple[datetime.date, datetime.date] | None:
    """The first and last days of ``events`` (one query)."""
    bounds = events.order_by().aggregate(first=Min("date"), last=Max(Coalesce("end_date", "date")))
    if bounds["first"] is None:
        return None
    return bounds["first"], bounds["last"]


def _era_pieces(axis: Axis, window: Window) -> list[Piece]:
    """The window cut where the axis breaks, each stretch as wide as its share of the overview
    (itself weighted by how many events it holds)."""
    first_day, last_day = window.start.toordinal(), window.end.toordinal() + 1
    stretches: list[tuple[int, int, float, str]] = []
    for segment in axis.segments:
        seg_first = _month_start(segment.first).toordinal()
        seg_last = _month_start(segment.last).toordinal()
        if window.whole:
            start, end = seg_first, seg_last  # the eras with their margins, as in the overview
        else:
            start, end = max(seg_first, first_day), min(seg_last, last_day)
        if end <= start:
            continue
        first_year, last_year = (segment.first + 1) // 12, (segment.last - 2) // 12
        era = str(first_year) if first_year == last_year else f"{first_year}–{last_year}"
        weight = segment.width * (end - start) / (seg_last - seg_first)
        stretches.append((start, end, weight, era))
    if not stretches:
        stretches = [(first_day, last_day, 1.0, "")]
    elif len(stretches) == 1 and not window.whole:
        # Inside one era the window is drawn as asked, without the era's padding cut off.
        stretches = [(first_day, last_day, 1.0, stretches[0][3])]
    usable = CANVAS_WIDTH - 2 * EDGE - AXIS_GAP * (len(stretches) - 1)
    total = sum(weight for _s, _e, weight, _era in stretches)
    # However sparse, a stretch keeps room for its labels.
    minimum = min(110.0, usable / len(stretches))
    widths = [max(minimum, usable * weight / total) for _s, _e, weight, _era in stretches]
    scale = usable / sum(widths)
    pieces, x = [], float(EDGE)
    for (start, end, _weight, era), width in zip(stretches, widths, strict=True):
        pieces.append(Piece(x=x, width=width * scale, first=start, last=end, era=era))
        x += width * scale + AXIS_GAP
    return pieces


def _position(pieces: Sequence[Piece], ordinal: float) -> float:
    for piece in pieces:
        if ordinal < piece.last:
            return piece.position(max(ordinal, piece.first))
    return pieces[-1].end


def _tick_dates(unit: str, count: int, first: int, last: int) -> Iterable[datetime.date]:
    start = datetime.date.fromordinal(first)
    # Day ordinals past 31 December 9999 have no date: the last tick is before it.
    last = min(last, datetime.date.max.toordinal() + 1)
    if unit == DAY:
        ordinal = first
        if count == 7:
            ordinal += (7 - start.weekday()) % 7  # Mondays
        while ordinal < last:
            yield datetime.date.fromordinal(ordinal)
            ordinal += count
    elif unit == MONTH:
        index = _month_index(start) + (start.day > 1)
        index += (-index) % count
        while index <= 9999 * 12 + 11 and _month_start(index).toordinal() < last:
            yield _month_start(index)
            index += count
    else:
        year = start.year + (start.month > 1 or start.day > 1)
        year += (-year) % count
        while year <= 9999 and datetime.date(year, 1, 1).toordinal() < last:
            yield datetime.date(year, 1, 1)
            year += count


def _tick_label(day: datetime.date, unit: str, first: bool) -> str:
    if unit == YEAR:
        return str(day.year)
    if unit == MONTH:
        name = dateformat.format(day, "M")
        return f"{name} {day.year}" if first or day.month == 1 else name
    return dateformat.format(day, "j M")


def _ticks(pieces: Sequence[Piece]) -> list[Tick]:
    ticks: list[Tick] = []
    for piece in pieces:
        per_day = piece.width / (piece.last - piece.first)
        unit, count = _TICK_STEPS[-1]
        for step in _TICK_STEPS:
            if _level_days(step) * per_day >= MIN_TICK_SPACING:
                unit, count = step
                break
        for index, day in enumerate(_tick_dates(unit, count, piece.first, piece.last)):
            x = piece.position(day.toordinal())
            if x <= piece.end - 12:
                ticks.append(Tick(x=round(x, 1), label=_tick_label(day, unit, index == 0)))
    return ticks


def _cut(title: str, room: float) -> str:
    chars = int(room / MARK_LABEL_CHAR)
    if chars < 4:
        return ""
    if len(title) <= chars:
        return title
    # Cut between words: a label stays made of the words of the mark's accessible name.
    words = title[: chars - 1].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return words + "…" if len(words) >= 3 else ""


def visual_chart(
    *,
    events: QuerySet[Event],
    axis: Axis,
    window: Window,
    actors: Sequence[Actor],
    selected: Sequence[str],
    matching: QuerySet[Event] | None,
) -> Chart:
    """``events`` (already filtered) of ``window``, laid out in lanes (three queries).

    ``matching`` is the search's subset of ``events``, highlighted; ``selected`` are the slugs of
    the actors filtered on, whose lanes come first."""
    in_window = (
        events.annotate(last_day=Coalesce("end_date", "date"))
        .filter(date__lte=window.end, last_day__gte=window.start)
        .order_by()
    )
    rows = list(in_window.values_list("pk", "slug", "title", "date", "end_date", "precision"))
    ids = [row[0] for row in rows]
    links_by_event: dict[int, list[int]] = defaultdict(list)
    through = Event.actors.through
    for event_id, actor_id in through.objects.filter(event__in=in_window.values("pk")).values_list(
        "event_id", "actor_id"
    ):
        links_by_event[event_id].append(actor_id)
    found: set[int] | None = None
    if matching is not None:
        found = set(
            matching.filter(pk__in=in_window.values("pk")).order_by().values_list("pk", flat=True)
        )

    # Lanes: the actors filtered on, then the busiest; the rest share the last lane.
    by_pk = {actor.pk: actor for actor in actors}
    counts: dict[int, int] = defaultdict(int)
    for actor_ids in links_by_event.values():
        for actor_id in actor_ids:
            counts[actor_id] += 1
    chosen = set(selected)
    ranked = sorted(
        (pk for pk in counts if pk in by_pk),
        key=lambda pk: (by_pk[pk].slug not in chosen, -counts[pk], by_pk[pk].name),
    )
    shown = ranked[:MAX_LANES]
    lanes = [
        Lane(key=by_pk[pk].slug, name=by_pk[pk].name, selected=by_pk[pk].slug in chosen)
        for pk in shown
    ]
    lane_of = {pk: index for index, pk in enumerate(shown)}
    others = len(ranked) > MAX_LANES or any(not links_by_event.get(pk) for pk in ids)
    if others:
        folded = len(ranked) - len(shown)
        name = (
            ngettext("Autre acteur", "%(n)d autres acteurs", folded) % {"n": folded}
            if folded
            else _("Sans acteur")
        )
        lanes.append(Lane(key="", name=name, selected=False))
    for index, lane in enumerate(lanes):
        lane.y = AXIS_HEIGHT + LANE_HEIGHT * index + LANE_HEIGHT / 2

    pieces = _era_pieces(axis, window)
    placed: list[list[tuple[float, float, tuple]]] = [[] for _ in lanes]
    for row in rows:
        pk, _slug, _title, start, end, _precision = row
        x = _position(pieces, max(start, window.start).toordinal())
        x_end = (
            _position(pieces, min(end or start, window.end).toordinal() + 1)
            if end and end > start
            else x
        )
        lane_indexes = {lane_of[a] for a in links_by_event.get(pk, ()) if a in lane_of}
        if others and (not lane_indexes or len(lane_indexes) < len(links_by_event.get(pk, ()))):
            lane_indexes.add(len(lanes) - 1)
        for index in lane_indexes:
            placed[index].append((x, x_end, row))

    cell = CELL
    while True:
        marks = 0
        for lane, items in zip(lanes, placed, strict=True):
            lane.events, lane.groups = _lane_marks(items, cell, window, found)
            marks += len(lane.events) + len(lane.groups)
        if marks <= MAX_MARKS or cell > CANVAS_WIDTH:
            break
        cell *= 2

    seen: dict[str, list[float]] = defaultdict(list)
    x_of: dict[str, float] = {}
    for lane in lanes:
        for mark in lane.events:
            seen[mark.slug].append(lane.y)
            x_of[mark.slug] = mark.x
    links = [
        Link(slug=slug, x=x_of[slug], y1=min(ys), y2=max(ys))
        for slug, ys in seen.items()
        if len(ys) > 1
    ]
    return Chart(
        window=window,
        pieces=pieces,
        ticks=_ticks(pieces),
        lanes=lanes,
        links=links,
        total=len(rows),
        matches=None if found is None else len(found),
        marks=marks,
    )


def _group_period(first: datetime.date, last: datetime.date) -> str:
    """How a group's span reads: to the day within a month, by months within a few years, by
    years beyond (what a zoom shows in detail)."""
    if first == last:
        return format_date(first)
    if (last - first).days <= 62:
        return format_period(first, last, Precision.DAY)
    if (last - first).days <= 3 * 366:
        start, end = format_date(first, Precision.MONTH), format_date(last, Precision.MONTH)
        return f"{start} – {end}"
    return f"{first.year} – {last.year}"


def _lane_marks(
    items: list[tuple[float, float, tuple]],
    cell: float,
    window: Window,
    found: set[int] | None,
) -> tuple[list[EventMark], list[GroupMark]]:
    """A lane's events, those closer than ``cell`` pixels drawn as one group."""
    items.sort(key=lambda item: (item[0], item[2][3], item[2][1]))
    clusters: list[list[tuple[float, float, tuple]]] = []
    for item in items:
        if clusters and item[0] - clusters[-1][0][0] < cell:
            clusters[-1].append(item)
        else:
            clusters.append([item])
    events: list[EventMark] = []
    groups: list[GroupMark] = []
    for cluster in clusters:
        if len(cluster) == 1:
            x, x_end, (pk, slug, title, start, end, precision) = cluster[0]
            events.append(
                EventMark(
                    slug=slug,
                    title=title,
                    when=format_period(start, end, precision),
                    x=round(x, 1),
                    x_end=round(x_end, 1),
                    vague=precision != Precision.DAY,
                    match=None if found is None else pk in found,
                )
            )
            continue
        first = min(item[2][3] for item in cluster)
        last = max(item[2][4] or item[2][3] for item in cluster)
        xs = [item[0] for item in cluster]
        count = len(cluster)
        matches = None if found is None else sum(item[2][0] in found for item in cluster)
        when = _group_period(first, last)
        label = ngettext("%(n)d événement, %(when)s", "%(n)d événements, %(when)s", count) % {
            "n": count,
            "when": when,
        }
        if matches:
            label += " · " + ngettext(
                "%(n)d correspond à la recherche", "%(n)d correspondent à la recherche", matches
            ) % {"n": matches}
        groups.append(
            GroupMark(
                x=round((min(xs) + max(xs)) / 2, 1),
                count=count,
                matches=matches,
                label=label,
                window=window_around(max(first, window.start), min(last, window.end), window),
                radius=min(16.0, 9.0 + len(str(count)) * 2.0),
                first=first,
                last=last,
            )
        )
    # A label runs up to the next mark of its lane.
    stops = sorted([mark.x for mark in events] + [group.x - group.radius for group in groups])
    for mark in events:
        after = [x for x in stops if x > mark.x]
        room = (after[0] if after else CANVAS_WIDTH) - mark.label_x - 6
        mark.label = _cut(mark.title, min(room, 220))
    return events, groups

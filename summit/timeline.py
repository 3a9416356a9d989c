"""Reading the timeline: filters from GET parameters, the filtered events, their grouping by year
and month, and the overview axis. Every function here runs a fixed number of queries."""

from __future__ import annotations

import calendar
import datetime
import itertools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django import forms
from django.db.models import CharField, Count, Exists, Min, OuterRef, Q, QuerySet
from django.db.models.functions import Cast, Coalesce, Substr
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from summit.dates import format_date
from summit.models import Actor, Citation, Event, Place, Precision, Quote, Source
from summit.search import event_search, searchable
from summit.verification import attach_verified_dates, shown_precision

SEARCH_MAX_LENGTH = 200
# The whole seeded sequence (22 events) fits on one page, with room for a few imports.
PAGE_SIZE = 30
# The most articles the timeline's source filter lists (the most recent ones).
SOURCE_CHOICES_MAX = 50
_PERIOD = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?$")

PERIOD_INVALID = _(
    "Période invalide : écrivez une année (2019), un mois (2019-04) ou un jour (2019-04-25)."
)
PERIOD_REVERSED = _("Le début de la période doit précéder sa fin.")
PLACE_UNKNOWN = _("Lieu inconnu : choisissez un lieu sur la carte.")


def period_bounds(value: str) -> tuple[datetime.date, datetime.date]:
    """The first and last days of « 2019 », « 2019-04 » or « 2019-04-25 »."""
    match = _PERIOD.match(value.strip())
    if not match:
        raise forms.ValidationError(PERIOD_INVALID, code="invalid")
    year = int(match.group("year"))
    month = int(match.group("month") or 0)
    day = int(match.group("day") or 0)
    try:
        if not month:
            return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        if not day:
            last = calendar.monthrange(year, month)[1]
            return datetime.date(year, month, 1), datetime.date(year, month, last)
        exact = datetime.date(year, month, day)
    except (ValueError, calendar.IllegalMonthError):
        raise forms.ValidationError(PERIOD_INVALID, code="invalid") from None
    return exact, exact


class PeriodField(forms.CharField):
    def __init__(self, **kwargs: object) -> None:
        super().__init__(required=False, max_length=10, **kwargs)

    def validate(self, value: str) -> None:
        super().validate(value)
        if value:
            period_bounds(value)


class TimelineFilters(forms.Form):
    """The timeline's GET parameters: ``actor`` (repeated), ``source``, ``from``, ``to``, ``q``,
    ``place`` (the slug of a place)."""

    actor = forms.MultipleChoiceField(
        label=_("Acteurs"), required=False, widget=forms.CheckboxSelectMultiple
    )
    source = forms.ChoiceField(label=_("Source"), required=False)
    q = forms.CharField(
        label=_("Rechercher"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        error_messages={
            "max_length": _("La recherche est trop longue (%(limit_value)d caractères au plus).")
        },
    )
    place = forms.SlugField(
        label=_("Lieu"),
        required=False,
        max_length=100,
        error_messages={"invalid": PLACE_UNKNOWN, "max_length": PLACE_UNKNOWN},
    )
    selected_place: Place | None = None

    def clean_place(self) -> str:
        slug = self.cleaned_data.get("place", "")
        if slug:
            self.selected_place = Place.objects.filter(slug=slug).only("slug", "name").first()
            if self.selected_place is None:
                raise forms.ValidationError(PLACE_UNKNOWN, code="unknown")
        return slug

    def __init__(self, data: object, *, actors: Sequence[Actor], sources: Sequence[Source]) -> None:
        super().__init__(data)
        self.fields["from"] = PeriodField(label=_("Du"))
        self.fields["to"] = PeriodField(label=_("Au"))
        self.fields["actor"].choices = [(actor.slug, actor.name) for actor in actors]
        self.fields["source"].choices = [("", _("Toutes les sources"))] + [
            (source.slug, source.title) for source in sources
        ]

    def clean(self) -> dict[str, object]:
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        if start and end and period_bounds(start)[0] > period_bounds(end)[1]:
            raise forms.ValidationError(PERIOD_REVERSED, code="reversed")
        return data

    def options(self, name: str) -> list[tuple[str, str, bool]]:
        """(value, label, selected) for the ``actor`` checkboxes or the ``source`` options,
        written out by the template: Django's widget templates cost a template per option."""
        chosen = set(self.data.getlist(name)) if hasattr(self.data, "getlist") else set()
        return [
            (str(value), str(label), str(value) in chosen)
            for value, label in self.fields[name].choices
        ]

    def query_without_place(self) -> str:
        return self.query_string(without=("place",))

    def actor_options(self) -> list[tuple[str, str, bool]]:
        return self.options("actor")

    def source_options(self) -> list[tuple[str, str, bool]]:
        return self.options("source")

    def query_string(self, *, without: tuple[str, ...] = ()) -> str:
        """The valid filters as a URL query, empty ones (and those named in ``without``) left
        out, for links that keep them."""
        query = QueryDict(mutable=True)
        for name in ("actor", "source", "from", "to", "q", "place"):
            if name in without:
                continue
            value = self.cleaned_data.get(name)
            if isinstance(value, list):
                query.setlist(name, value)
            elif value:
                query[name] = value
        return query.urlencode()


def filter_choices(selected_source: str = "") -> tuple[list[Actor], list[Source]]:
    """Actors and sources that published events refer to (two queries). The sources are the
    SOURCE_CHOICES_MAX most recent articles, every reference sheet, and ``selected_source`` when
    it is one: the form's list stays short however many articles there are, and any cited
    source can still be chosen by its address (its page links to its events)."""
    actors = list(
        Actor.objects.filter(Exists(Event.objects.published().filter(actors=OuterRef("pk"))))
        .only("slug", "name")
        .order_by("name")
    )
    cited = Source.objects.filter(
        Exists(Citation.objects.filter(source=OuterRef("pk"), event__published=True))
    )
    recent = cited.filter(is_reference=False).order_by("-published_on", "-pk")
    shown = Q(is_reference=True) | Q(pk__in=recent.values("pk")[:SOURCE_CHOICES_MAX])
    if selected_source:
        shown |= Q(slug=selected_source)
    sources = list(
        cited.filter(shown)
        .only("slug", "title", "published_on", "is_reference")
        .order_by("published_on", "title")
    )
    return actors, sources


def timeline_events(data: dict[str, object]) -> QuerySet[Event]:
    """Published events matching cleaned filters, chronologically (no query until evaluated)."""
    events = Event.objects.published()
    if slugs := data.get("actor"):
        events = events.filter(
            Exists(Event.actors.through.objects.filter(event=OuterRef("pk"), actor__slug__in=slugs))
        )
    if source := data.get("source"):
        events = events.filter(
            Exists(Citation.objects.filter(event=OuterRef("pk"), source__slug=source))
        )
    if start := data.get("from"):
        events = events.annotate(last_day=Coalesce("end_date", "date")).filter(
            last_day__gte=period_bounds(start)[0]
        )
    if end := data.get("to"):
        events = events.filter(date__lte=period_bounds(end)[1])
    if place := data.get("place"):
        # The place itself, as its marker on the map lists it (a place inside it has its own).
        events = events.filter(place__slug=place)
    for word in str(data.get("q") or "").split():
        if searchable(word):
            events = events.filter(event_search(word))
    return events.chronological()


def attach_details(events: Sequence[Event]) -> None:
    """Load what an event's card shows (actors, published quotations, citations with their
    sources) in three queries, and attach them as ``actor_list``, ``quote_list`` and
    ``citation_list`` (quotations get a ``citation_list`` too), and where the event comes from:
    ``press_sources`` (articles) and ``reference_sources`` (reference sheets such as the
    « Repères »). Assembled by hand rather than with ``prefetch_related``, whose per-object
    bookkeeping dominated the timeline's time."""
    by_id = {event.pk: event for event in events}
    for event in events:
        event.actor_list, event.quote_list, event.citation_list = [], [], []
    links = (
        Event.actors.through.objects.filter(event_id__in=by_id)
        .select_related("actor")
        .only("event_id", "actor__slug", "actor__name")
        .order_by("actor__name", "actor_id")
    )
    for link in links:
        by_id[link.event_id].actor_list.append(link.actor)
    quotes = {
        quote.pk: quote
        for quote in Quote.objects.published()
        .filter(event_id__in=by_id)
        .select_related("speaker")
        .only("text", "said_on", "event_id", "speaker__name", "speaker__slug")
        .order_by("said_on", "pk")
    }
    for quote in quotes.values():
        quote.citation_list = []
        by_id[quote.event_id].quote_list.append(quote)
    citations = (
        Citation.objects.filter(Q(event_id__in=by_id) | Q(quote_id__in=quotes))
        .select_related("source")
        .only(
            "start",
            "end",
            "event_id",
            "quote_id",
            "source__slug",
            "source__title",
            "source__outlet",
            "source__published_on",
            "source__is_reference",
            "source__text",
            "source__language",
        )
        .order_by("source__published_on", "source_id", "start")
    )
    sources: dict[int, Source] = {}
    for citation in citations:
        # One Source object per article, so that its sentences are split once.
        citation.source = sources.setdefault(citation.source_id, citation.source)
        owner = by_id[citation.event_id] if citation.event_id else quotes[citation.quote_id]
        owner.citation_list.append(citation)
    for event in events:
        cited = {citation.source_id: citation.source for citation in event.citation_list}
        event.press_sources = [s for s in cited.values() if not s.is_reference]
        event.reference_sources = [s for s in cited.values() if s.is_reference]
    attach_verified_dates(events)


# Grouping ---------------------------------------------------------------------------------


@dataclass
class MonthGroup:
    label: str  # « avril 2019 », or "" for events known only to the year
    events: list[Event] = field(default_factory=list)


@dataclass
class YearGroup:
    year: int
    months: list[MonthGroup] = field(default_factory=list)


def group_by_year_and_month(events: Iterable[Event]) -> list[YearGroup]:
    years: list[YearGroup] = []
    for event in events:
        if not years or years[-1].year != event.date.year:
            years.append(YearGroup(event.date.year))
        precise = shown_precision(event) in (Precision.DAY, Precision.MONTH)
        label = format_date(event.date, Precision.MONTH) if precise else ""
        months = years[-1].months
        if not months or months[-1].label != label:
            months.append(MonthGroup(label))
        months[-1].events.append(event)
    return years


# The overview axis -------------------------------------------------------------------------

AXIS_WIDTH = 1000
AXIS_GAP = 44  # room for the break between two segments
BREAK_MONTHS = 24  # a longer gap between two marks breaks the axis
MAX_MARKS = 80  # beyond, marks stand for years, then decades
SPARSE_DENSITY = 0.25  # events per month below which a segment is narrowed


@dataclass(frozen=True)
class Bin:
    """Events counted over ``months`` months from the month index ``first``
    (``year * 12 + month - 1``)."""

    first: int
    months: int
    count: int
    slug: str

    @property
    def last(self) -> int:
        return self.first + self.months

    def period(self) -> tuple[str, str]:
        """The ``from`` and ``to`` filter values that select this bin."""
        year, month = divmod(self.first, 12)
        if self.months == 1:
            return f"{year:04d}-{month + 1:02d}", f"{year:04d}-{month + 1:02d}"
        end_year = (self.last - 1) // 12
        return f"{year:04d}", f"{end_year:04d}"

    def label(self) -> str:
        year, month = divmod(self.first, 12)
        if self.months == 1:
            when = format_date(datetime.date(year, month + 1, 1), Precision.MONTH)
        elif self.months == 12:
            when = str(year)
        else:
            when = f"{year}–{(self.last - 1) // 12}"
        return ngettext("%(when)s : %(n)d événement", "%(when)s : %(n)d événements", self.count) % {
            "when": when,
            "n": self.count,
        }


@dataclass(frozen=True)
class Mark:
    x: float
    radius: float
    count: int
    label: str
    period_from: str
    period_to: str
    slug: str  # the event, when the mark stands for one


@dataclass(frozen=True)
class Tick:
    x: float
    label: str
    line: bool = True  # False: a label naming the year the segment starts in, not a 1 January


@dataclass
class Segment:
    x: float
    width: float
    first: int  # month index at the segment's left edge
    last: int  # month index at its right edge
    marks: list[Mark] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)

    @property
    def end(self) -> float:
        return self.x + self.width

    def position(self, index: float) -> float:
        return self.x + (index - self.first) / (self.last - self.first) * self.width


@dataclass
class Axis:
    segments: list[Segment]
    total: int

    @property
    def breaks(self) -> list[float]:
        return [segment.end + AXIS_GAP / 2 for segment in self.segments[:-1]]


def _coarser(bins: list[Bin], months: int) -> list[Bin]:
    """Bins merged into periods of ``months`` months (12: years, 120: decades)."""
    merged: list[Bin] = []
    for item in bins:
        first = item.first - item.first % months
        if merged and merged[-1].first == first:
            previous = merged[-1]
            merged[-1] = Bin(first, months, previous.count + item.count, "")
        else:
            merged.append(Bin(first, months, item.count, item.slug if item.count == 1 else ""))
    return merged


def _month_bins(events: QuerySet[Event]) -> list[Bin]:
    """Events counted by month in one query. The month is cut from the ISO date as text, which
    both SQLite and PostgreSQL do natively."""
    rows = (
        events.order_by()
        .annotate(month=Substr(Cast("date", output_field=CharField()), 1, 7))
        .values_list("month")
        .annotate(count=Count("pk"), slug=Min("slug"))
        .order_by("month")
    )
    return [
        Bin(int(month[:4]) * 12 + int(month[5:7]) - 1, 1, count, slug if count == 1 else "")
        for month, count, slug in rows
    ]


def timeline_axis(events: QuerySet[Event]) -> Axis:
    """Where the events fall: a mark per month (or per year, or decade, when there would be too
    many), sized by how many events it holds, on segments broken where the gap is long."""
    bins = _month_bins(events)
    for months in (12, 120):
        if len(bins) > MAX_MARKS:
            bins = _coarser(bins, months)
    if not bins:
        return Axis(segments=[], total=0)
    groups: list[list[Bin]] = [[bins[0]]]
    for previous, current in itertools.pairwise(bins):
        if current.first - previous.last > BREAK_MONTHS:
            groups.append([])
        groups[-1].append(current)

    # A month of padding on each side of each segment.
    spans = [(group[0].first - 1, group[-1].last + 1) for group in groups]
    usable = AXIS_WIDTH - AXIS_GAP * (len(spans) - 1)
    minimum = min(120.0, usable / len(spans))
    # Room by length of time, but a sparse span gives up some of its room to a crowded one (three
    # meetings in 2000–2002 need less than twenty events in 2018–2019).
    weights = []
    for (first, last), group in zip(spans, groups, strict=True):
        months = last - first
        density = sum(item.count for item in group) / months
        weights.append(months * min(1.0, max(SPARSE_DENSITY, density)))
    widths = [max(minimum, usable * weight / sum(weights)) for weight in weights]
    scale = usable / sum(widths)

    segments = []
    x = 0.0
    for (first, last), group, width in zip(spans, groups, widths, strict=True):
        segment = Segment(x=x, width=width * scale, first=first, last=last)
        for item in group:
            period_from, period_to = item.period()
            segment.marks.append(
                Mark(
                    x=round(segment.position((item.first + item.last) / 2), 1),
                    radius=round(min(12.0, 5 + 2.5 * math.log2(item.count)), 1),
                    count=item.count,
                    label=item.label(),
                    period_from=period_from,
                    period_to=period_to,
                    slug=item.slug,
                )
            )
        first_year, last_year = (first + 11) // 12, last // 12
        room = max(1, int(segment.width // 70))
        step = max(1, math.ceil((last_year - first_year + 1) / room))
        for year in range(first_year, last_year + 1, step):
            tick = segment.position(year * 12)
            if segment.x <= tick <= segment.end:
                segment.ticks.append(Tick(x=round(tick, 1), label=str(year)))
        if not segment.ticks or segment.ticks[0].x - segment.x > 90:
            # Name the year the segment starts in when no 1 January is close to its start.
            label_x = segment.x + min(30.0, segment.width / 2)
            segment.ticks.insert(
                0, Tick(x=round(label_x, 1), label=str(group[0].first // 12), line=False)
            )
        segments.append(segment)
        x += segment.width + AXIS_GAP
    return Axis(segments=segments, total=sum(item.count for item in bins))

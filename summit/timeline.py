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
from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear
from django.http import QueryDict
from django.utils import dateformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from summit.models import Actor, Citation, Event, Precision, Quote, Source

SEARCH_MAX_LENGTH = 200
PAGE_SIZE = 50
_PERIOD = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?$")

PERIOD_INVALID = _(
    "Période invalide : écrivez une année (2019), un mois (2019-04) ou un jour (2019-04-25)."
)
PERIOD_REVERSED = _("Le début de la période doit précéder sa fin.")


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
    """The timeline's GET parameters: ``actor`` (repeated), ``source``, ``from``, ``to``, ``q``."""

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

    def query_string(self) -> str:
        """The valid filters as a URL query, empty ones left out (for links that keep them)."""
        query = QueryDict(mutable=True)
        for name in ("actor", "source", "from", "to", "q"):
            value = self.cleaned_data.get(name)
            if isinstance(value, list):
                query.setlist(name, value)
            elif value:
                query[name] = value
        return query.urlencode()


def filter_choices() -> tuple[list[Actor], list[Source]]:
    """Actors and sources that published events refer to (two queries)."""
    actors = list(
        Actor.objects.filter(Exists(Event.objects.published().filter(actors=OuterRef("pk"))))
        .only("slug", "name")
        .order_by("name")
    )
    sources = list(
        Source.objects.filter(
            Exists(Citation.objects.filter(source=OuterRef("pk"), event__published=True))
        )
        .only("slug", "title", "published_on")
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
    for word in str(data.get("q") or "").split():
        quotes = Quote.objects.published().filter(event=OuterRef("pk"), text__icontains=word)
        actors = Event.actors.through.objects.filter(event=OuterRef("pk")).filter(
            Q(actor__name__icontains=word) | Q(actor__aliases__icontains=word)
        )
        events = events.filter(
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(fact_check_note__icontains=word)
            | Q(place__name__icontains=word)
            | Q(place__aliases__icontains=word)
            | Exists(quotes)
            | Exists(actors)
        )
    return events.chronological()


def with_details(events: QuerySet[Event]) -> QuerySet[Event]:
    """Everything an event's card shows, in a fixed number of queries."""
    citations = Citation.objects.order_by("source__published_on", "start").prefetch_related(
        "source"
    )
    quotes = (
        Quote.objects.published()
        .select_related("speaker")
        .prefetch_related(Prefetch("citations", queryset=citations))
        .order_by("said_on", "pk")
    )
    return events.select_related("place").prefetch_related(
        Prefetch("actors", queryset=Actor.objects.order_by("name")),
        Prefetch("citations", queryset=citations),
        Prefetch("quotes", queryset=quotes),
    )


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
        precise = event.precision in (Precision.DAY, Precision.MONTH)
        label = dateformat.format(event.date, "F Y") if precise else ""
        months = years[-1].months
        if not months or months[-1].label != label:
            months.append(MonthGroup(label))
        months[-1].events.append(event)
    return years


# The overview axis -------------------------------------------------------------------------

AXIS_WIDTH = 1000
AXIS_GAP = 44  # room for the break between two segments
BREAK_MONTHS = 24  # a longer gap between two events breaks the axis


@dataclass(frozen=True)
class Mark:
    x: float
    radius: float
    count: int
    label: str
    year: int
    month: int
    slug: str  # the event, when the mark stands for one


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass
class Segment:
    x: float
    width: float
    first: int  # month index (year * 12 + month - 1) at the segment's left edge
    last: int
    marks: list[Mark] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)

    @property
    def end(self) -> float:
        return self.x + self.width


@dataclass
class Axis:
    segments: list[Segment]
    total: int

    @property
    def breaks(self) -> list[float]:
        return [segment.end + AXIS_GAP / 2 for segment in self.segments[:-1]]


def timeline_axis(events: QuerySet[Event]) -> Axis:
    """Events counted by month (one query), laid out on segments separated where the gap is
    long: a mark per month, sized by how many events it holds."""
    bins = list(
        events.order_by()
        .annotate(year=ExtractYear("date"), month=ExtractMonth("date"))
        .values("year", "month")
        .annotate(count=Count("pk"), slug=Min("slug"))
        .order_by("year", "month")
    )
    if not bins:
        return Axis(segments=[], total=0)
    groups: list[list[dict]] = [[bins[0]]]
    for previous, current in itertools.pairwise(bins):
        gap = (current["year"] - previous["year"]) * 12 + current["month"] - previous["month"]
        if gap > BREAK_MONTHS:
            groups.append([])
        groups[-1].append(current)

    spans = []
    for group in groups:
        # A month of padding on each side: the month cells are [index, index + 1).
        first = group[0]["year"] * 12 + group[0]["month"] - 2
        last = group[-1]["year"] * 12 + group[-1]["month"] + 1
        spans.append((first, last, group))
    usable = AXIS_WIDTH - AXIS_GAP * (len(spans) - 1)
    minimum = min(120.0, usable / len(spans))
    months = sum(last - first for first, last, _group in spans)
    widths = [max(minimum, usable * (last - first) / months) for first, last, _group in spans]
    scale = usable / sum(widths)

    segments = []
    x = 0.0
    for (first, last, group), width in zip(spans, widths, strict=True):
        width *= scale
        segment = Segment(x=x, width=width, first=first, last=last)

        def position(index: float, segment: Segment = segment) -> float:
            return (
                segment.x + (index - segment.first) / (segment.last - segment.first) * segment.width
            )

        for item in group:
            index = item["year"] * 12 + item["month"] - 1 + 0.5
            count = item["count"]
            month = dateformat.format(datetime.date(item["year"], item["month"], 1), "F Y")
            label = ngettext(
                "%(month)s : %(n)d événement", "%(month)s : %(n)d événements", count
            ) % {
                "month": month,
                "n": count,
            }
            segment.marks.append(
                Mark(
                    x=round(position(index), 1),
                    radius=round(min(12.0, 5 + 2.5 * math.log2(count)), 1),
                    count=count,
                    label=label,
                    year=item["year"],
                    month=item["month"],
                    slug=item["slug"] if count == 1 else "",
                )
            )
        first_year, last_year = (first + 1) // 12, last // 12
        step = max(1, math.ceil((last_year - first_year + 1) / max(1, int(width // 70))))
        for year in range(first_year, last_year + 1, step):
            tick = position(year * 12)
            if segment.x <= tick <= segment.end:
                segment.ticks.append(Tick(x=round(tick, 1), label=str(year)))
        if not segment.ticks:
            segment.ticks.append(Tick(x=round(segment.x + width / 2, 1), label=str(first_year)))
        segments.append(segment)
        x += width + AXIS_GAP
    return Axis(segments=segments, total=sum(item["count"] for item in bins))

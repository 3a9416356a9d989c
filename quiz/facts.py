"""The fact base: the published, reviewed events and quotations as the question generators read
them, loaded in a fixed number of queries.

Each event's date is the interval it stands for, at the precision that is *known*: an event the
articles date « il y a près de vingt ans » whose evidence also says « les 19 et 20 juillet 2000 »
is known to the day, and is asked at that precision. Events that last more than a few weeks
(« L'offensive diplomatique de Kim Jong-un », 2018) are processes, not points in time. Draft
actors (created by an import, not yet checked) are never keys nor distractors.
"""

from __future__ import annotations

import bisect
import datetime
import functools
import math
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from django.db.models import Q
from django.utils.functional import cached_property

from summit.dates import format_period, format_short_date
from summit.models import Actor, Citation, Event, Place, Precision, Quote, Source
from summit.text import normalize as _normalize

T = TypeVar("T")

# Titles, names and dates come back in draft after draft.
normalize = functools.lru_cache(maxsize=262_144)(_normalize)

# « vers 2000 » stands for the years around it.
APPROXIMATE_YEARS = 5
# An event longer than this is a process (a year of diplomacy), not a point in time.
PROCESS_DAYS = 31
# An actor counts as active at a date when one of their events or quotations is this close.
ACTIVE_YEARS = 3
# Two places closer than this are one place for a question (an island and the city it faces).
SAME_AREA_KM = 30
# Rows read from the database at a time.
CHUNK = 2000
# Fields of events and quotations that no question reads: left in the database.
BOOKKEEPING = ("seed_hash", "created_at", "updated_at")


@dataclass
class EventFacts:
    event: Event
    actors: list[Actor]
    citation: Citation | None
    lo: datetime.date
    hi: datetime.date
    precision: str
    citations: list[Citation] = field(default_factory=list)

    @cached_property
    def when(self) -> str:
        return format_period(self.event.date, self.event.end_date, self.precision)

    @cached_property
    def short_when(self) -> str:
        """The date as an option shows it (« 25 avril 2019 », « du 27 au 28 février 2019 »)."""
        event = self.event
        if self.precision == Precision.DAY and event.end_date and event.end_date != event.date:
            return format_period(event.date, event.end_date, self.precision)
        return format_short_date(event.date, self.precision)

    @property
    def is_point(self) -> bool:
        """A point in time, at a precision a student can learn (not « vers 2000 »)."""
        return (self.hi - self.lo).days <= PROCESS_DAYS and self.precision != Precision.APPROXIMATE

    @property
    def people(self) -> list[Actor]:
        return [a for a in self.actors if a.kind == Actor.Kind.PERSON]

    @cached_property
    def actor_ids(self) -> frozenset[int]:
        """Its actors' ids, compared with other events' question after question."""
        return frozenset(a.id for a in self.actors)

    def fact(self) -> str:
        """What the event asserts, for fingerprints."""
        event = self.event
        return "|".join(
            [
                event.slug,
                event.title,
                str(self.lo),
                str(self.hi),
                self.precision,
                str(event.place_id or ""),
                ",".join(a.slug for a in self.actors),
            ]
        )


@dataclass
class QuoteFacts:
    quote: Quote
    speaker: Actor
    event: EventFacts | None
    citation: Citation | None

    @property
    def said_at_event(self) -> bool:
        """Whether the words were said while their event went on (not the day before)."""
        said = self.quote.said_on
        return (
            self.event is not None
            and said is not None
            and self.event.lo <= said <= self.event.hi
            and self.event.is_point
        )

    def fact(self) -> str:
        quote = self.quote
        return "|".join(
            [
                str(quote.id),
                quote.text,
                self.speaker.slug,
                str(quote.said_on or ""),
                self.event.event.slug if self.event else "",
            ]
        )


@dataclass
class FactBase:
    events: list[EventFacts]
    quotes: list[QuoteFacts]
    actors: dict[int, Actor]
    places: list[Place]
    sources: list[Source] = field(default_factory=list)
    _places_by_id: dict[int, Place] = field(default_factory=dict)
    _memo: dict[object, object] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._places_by_id = {place.id: place for place in self.places}

    def memo(self, key: object, compute: Callable[[], T]) -> T:
        """``compute()``, computed once per fact base: a pool or an index that every question
        would otherwise rebuild (a list over every event, per event, is quadratic)."""
        try:
            return self._memo[key]  # type: ignore[return-value]
        except KeyError:
            found = self._memo[key] = compute()
            return found

    def memo_for(self, key: object, pk: int, compute: Callable[[], T]) -> T:
        """``compute()`` for the object ``pk`` (an event, a quotation…), computed once per fact
        base: what several generators ask of the same object."""
        known: dict[int, T] = self.memo(key, dict)
        try:
            return known[pk]
        except KeyError:
            found = known[pk] = compute()
            return found

    @cached_property
    def texts(self) -> list[str]:
        """The quotations and the cited sources, normalized: made when first asked for (whole
        articles and transcripts are long)."""
        return [_normalize(q.quote.text) for q in self.quotes] + [
            _normalize(source.text) for source in self.sources
        ]

    def says(self, phrase: str) -> bool:
        """Whether a phrase appears in a quotation or an article."""
        key = normalize(phrase)
        return any(key in text for text in self.texts)

    # Places ------------------------------------------------------------------------------------

    def place(self, pk: int | None) -> Place | None:
        return self._places_by_id.get(pk) if pk is not None else None

    def ancestors(self, place: Place) -> list[Place]:
        """The places containing this one, the nearest first."""
        return self._place_memo(place, FactBase.ancestors, self._ancestors)

    def _ancestors(self, place: Place) -> list[Place]:
        found: list[Place] = []
        current = self.place(place.part_of_id)
        while current is not None and current not in found and current != place:
            found.append(current)
            current = self.place(current.part_of_id)
        return found

    def _place_memo(self, place: Place, key: object, compute: Callable[[Place], T]) -> T:
        """``compute(place)``, worked out once for each place instance: every place question
        weighs the places around each candidate. Remembered by the instance (the fact base's
        places are read once and not changed), which also spares the model's ``pk`` lookups."""
        known: dict[int, tuple[Place, T]] = self.memo(key, dict)
        found = known.get(id(place))
        if found is None or found[0] is not place:
            found = known[id(place)] = (place, compute(place))
        return found[1]

    def depth(self, place: Place) -> int:
        return len(self.ancestors(place))

    def related_places(self, a: Place, b: Place) -> bool:
        """One contains the other, or they are the same area: neither is surely wrong where the
        other is right."""
        related = self._place_memo(a, FactBase.related_places, lambda a: {})
        found = related.get(id(b))
        if found is None or found[0] is not b:
            found = related[id(b)] = (b, self._related(a, b))
        return found[1]

    def _related(self, a: Place, b: Place) -> bool:
        if a.id == b.id or a in self.ancestors(b) or b in self.ancestors(a):
            return True
        return distance_km(a, b) < SAME_AREA_KM

    # Events -----------------------------------------------------------------------------------

    @cached_property
    def sequences(self) -> dict[int, int]:
        """For each event, its sequence: the events linked to it through the people they share
        (Trump–Kim–Putin is one; an imported article on Hungarian politics is another). Options
        are drawn from one sequence: an event of another is told apart by its subject alone."""
        parent: dict[int, int] = {}

        def root(pk: int) -> int:
            while parent[pk] != pk:
                parent[pk] = parent[parent[pk]]
                pk = parent[pk]
            return pk

        by_actor: dict[int, int] = {}
        for item in self.events:
            pk = item.event.id
            parent.setdefault(pk, pk)
            for actor in item.actors:
                other = by_actor.setdefault(actor.id, pk)
                parent[root(pk)] = root(other)
        return {pk: root(pk) for pk in parent}

    @cached_property
    def source_people(self) -> dict[int, set[int]]:
        """For each source, the people quoted in it and those of the events its words are about:
        the parties of one conversation or one article."""
        by_source: dict[int, set[int]] = defaultdict(set)
        for quoted in self.quotes:
            if quoted.citation is not None:
                people = by_source[quoted.citation.source_id]
                people.add(quoted.speaker.id)
                if quoted.event is not None:
                    people.update(a.id for a in quoted.event.actors)
        return by_source

    @cached_property
    def circles(self) -> dict[int, set[int]]:
        """For each person, the people of their story: those of the event sequences they are
        part of, and those quoted in or about the same sources. A Hungarian minister's words
        are not offered to a Korean general."""
        in_sequence: dict[int, set[int]] = defaultdict(set)
        for item in self.events:
            in_sequence[self.sequences[item.event.id]].update(a.id for a in item.actors)
        circles: dict[int, set[int]] = defaultdict(set)
        for people in [*in_sequence.values(), *self.source_people.values()]:
            for pk in people:
                circles[pk] |= people
        return circles

    def same_sequence(self, a: EventFacts, b: EventFacts) -> bool:
        return self.sequences.get(a.event.id) == self.sequences.get(b.event.id)

    @cached_property
    def points(self) -> list[EventFacts]:
        """The events that are points in time, in chronological order."""
        return [item for item in self.events if item.is_point]

    @cached_property
    def _by_actor(self) -> dict[int, tuple[list[datetime.date], list[EventFacts]]]:
        found: dict[int, list[EventFacts]] = defaultdict(list)
        for item in self.events:
            for actor in item.actors:
                found[actor.id].append(item)
        return {
            pk: ([item.lo for item in items], items)
            for pk, items in (
                (pk, sorted(items, key=lambda e: e.lo)) for pk, items in found.items()
            )
        }

    @cached_property
    def _longest(self) -> datetime.timedelta:
        return max((item.hi - item.lo for item in self.events), default=datetime.timedelta())

    def events_of(self, actor: Actor, lo: datetime.date, hi: datetime.date) -> list[EventFacts]:
        """The actor's events overlapping [lo, hi], found by bisection."""
        los, items = self._by_actor.get(actor.id, ([], []))
        first = bisect.bisect_left(los, lo - self._longest)
        last = bisect.bisect_right(los, hi)
        return [item for item in items[first:last] if item.hi >= lo]

    # Actors ------------------------------------------------------------------------------------

    @cached_property
    def _activity(self) -> dict[int, list[datetime.date]]:
        dates: dict[int, list[datetime.date]] = defaultdict(list)
        for item in self.events:
            for actor in item.actors:
                dates[actor.id] += [item.lo, item.hi]
        for item in self.quotes:
            if item.quote.said_on:
                dates[item.speaker.id].append(item.quote.said_on)
        return {pk: sorted(found) for pk, found in dates.items()}

    def active(self, actor: Actor, lo: datetime.date, hi: datetime.date) -> bool:
        """Whether the actor took part in something near that time (Kim Jong-il is no option for
        words of 2019)."""
        margin = datetime.timedelta(days=365 * ACTIVE_YEARS)
        dates = self._activity.get(actor.id, [])
        at = bisect.bisect_left(dates, lo - margin)
        return at < len(dates) and dates[at] <= hi + margin

    def people(self) -> list[Actor]:
        """Reviewed people, in a stable order."""
        return sorted(
            (a for a in self.actors.values() if a.kind == Actor.Kind.PERSON and not a.is_draft),
            key=lambda a: a.slug,
        )


def distance_km(a: Place, b: Place) -> float:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return math.inf
    lat1, lon1, lat2, lon2 = map(
        math.radians, map(float, (a.latitude, a.longitude, b.latitude, b.longitude))
    )
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


class Dated(Protocol):
    date: datetime.date
    end_date: datetime.date | None
    precision: str


def event_bounds(event: Dated, precision: str | None = None) -> tuple[datetime.date, datetime.date]:
    """The interval an event's date stands for, at its precision (or the one given)."""
    precision = precision or event.precision
    start, end = event.date, event.end_date or event.date
    if precision == Precision.MONTH:
        following = end.replace(day=28) + datetime.timedelta(days=4)
        return start.replace(day=1), following - datetime.timedelta(days=following.day)
    if precision == Precision.YEAR:
        return start.replace(month=1, day=1), end.replace(month=12, day=31)
    if precision == Precision.APPROXIMATE:
        return (
            start.replace(year=start.year - APPROXIMATE_YEARS, month=1, day=1),
            end.replace(year=end.year + APPROXIMATE_YEARS, month=12, day=31),
        )
    return start, end


def known_precision(event: Event, sentences: list[str]) -> str:
    """The precision at which the evidence dates the event: a reference sentence saying « les 19
    et 20 juillet 2000 » makes an event first dated « vers 2000 » known to the day."""
    if event.precision == Precision.DAY:
        return event.precision
    month = normalize(format_short_date(event.date, Precision.MONTH))
    day = "1er" if event.date.day == 1 else str(event.date.day)
    found = event.precision
    for sentence in map(normalize, sentences):
        at = sentence.find(month)
        if at < 0:
            continue
        if re.search(rf"(?<!\d){re.escape(day)}(?!\d)", sentence[max(0, at - 24) : at]):
            return Precision.DAY
        found = Precision.MONTH
    if found == Precision.MONTH and event.precision in (Precision.YEAR, Precision.APPROXIMATE):
        return Precision.MONTH
    return event.precision


def best_citation(event: Event, citations: list[Citation]) -> Citation | None:
    """The evidence that best shows the answer: the sentence that gives the event's date and
    place, before one that only alludes to it."""
    if not citations:
        return None
    month = normalize(format_short_date(event.date, Precision.MONTH)).split()[0]
    names = event.place.all_names if event.place else []

    def score(citation: Citation) -> int:
        sentence = normalize(_sentence(citation))
        return (
            2 * (month in sentence and str(event.date.year) in sentence)
            + any(normalize(name) in sentence for name in names)
            + citation.source.is_reference
        )

    return max(citations, key=lambda c: (score(c), -citations.index(c)))


def _sentence(citation: Citation) -> str:
    before, span, after = citation.sentence_parts()
    return (before + span + after).strip()


def facts_load() -> FactBase:
    """Everything the generators may use, in a fixed number of queries."""
    places = list(Place.objects.order_by("name", "pk"))
    places_by_id = {place.id: place for place in places}
    # Events share the fact base's places rather than a copy each.
    events = list(
        Event.objects.published().defer(*BOOKKEEPING).order_by("date", "end_date", "slug")
    )
    # Set in the instances' relation caches, as a query's select_related would: the ids
    # already match, and the descriptor's checks cost more than the loading at 50,000 events.
    place_of = Event.place.field.set_cached_value
    for event in events:
        if event.place_id is not None:
            place_of(event, places_by_id[event.place_id])
    actors = {actor.id: actor for actor in Actor.objects.all()}
    event_actors: dict[int, list[Actor]] = defaultdict(list)
    for event_id, actor_id in Event.actors.through.objects.filter(
        event__published=True
    ).values_list("event_id", "actor_id"):
        event_actors[event_id].append(actors[actor_id])
    citations_of: dict[tuple[str, int], list[Citation]] = defaultdict(list)
    # One instance per source, shared by its citations: its text and its sentences are read and
    # split once, not once per citation (a transcript may be cited thousands of times).
    sources = {
        source.id: source
        for source in Source.objects.filter(pk__in=Citation.objects.values("source_id"))
    }
    citations = Citation.objects.order_by("source__published_on", "source_id", "start", "pk")
    source_of = Citation.source.field.set_cached_value
    for citation in citations.iterator(chunk_size=CHUNK):
        source_of(citation, sources[citation.source_id])
        owner = ("event", citation.event_id) if citation.event_id else ("quote", citation.quote_id)
        citations_of[owner].append(citation)
    event_facts = []
    by_id: dict[int, EventFacts] = {}
    for event in events:
        own = citations_of.get(("event", event.id), [])
        precision = known_precision(event, [_sentence(c) for c in own])
        lo, hi = event_bounds(event, precision)
        facts = EventFacts(
            event=event,
            # Draft actors stay out of questions until a teacher has checked them.
            actors=sorted(
                (a for a in event_actors[event.id] if not a.is_draft), key=lambda a: a.name
            ),
            citation=best_citation(event, own),
            lo=lo,
            hi=hi,
            precision=precision,
            citations=own,
        )
        event_facts.append(facts)
        by_id[event.id] = facts
    event_facts.sort(key=lambda f: (f.lo, f.hi, f.event.slug))
    quotes = (
        Quote.objects.published()
        .defer(*BOOKKEEPING)
        .filter(Q(event__isnull=True) | Q(event__published=True))
        .order_by("said_on", "pk")
    )
    quote_facts = [
        QuoteFacts(
            quote=quote,
            speaker=actors[quote.speaker_id],
            event=by_id.get(quote.event_id) if quote.event_id else None,
            citation=next(iter(citations_of.get(("quote", quote.id), [])), None),
        )
        for quote in quotes
        if not actors[quote.speaker_id].is_draft
    ]
    cited = dict.fromkeys(c.source_id for found in citations_of.values() for c in found)
    return FactBase(
        events=event_facts,
        quotes=quote_facts,
        actors=actors,
        places=places,
        sources=[sources[pk] for pk in cited],
    )

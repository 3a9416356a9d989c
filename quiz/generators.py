"""The question generators, a registry that a generator joins by being defined.

Each generator reads the fact base and yields drafts: a French stem, the key and its distractors
(each recorded with its type and what the facts say about it, for the gates), the explanation
and the evidence. A question exists only when the facts answer it and it teaches something:

- words are asked about only when they are a distinctive statement, with their date and place;
- distractors come from the key's context (people active at that time, events of the same
  sequence, places at the same scale that neither contain nor lie inside the key, and where the
  same actors did not also meet), and never an equivalent of the key;
- dates are asked at the precision the evidence knows, as options that cannot overlap; a process
  lasting a year is no point in time;
- the misconception a fact-check note corrects is offered as a distractor, and explained.

Every choice among candidates goes through the ``Chooser``: ranked by a hash of the salt, the
question and the candidate, and the distractors a stored question already shows come first while
they stay valid, so that a new actor or event in a pool does not change questions whose own facts
did not change.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import heapq
import itertools
import math
import operator
import re
import sys
import zlib
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Generic, NamedTuple, TypeVar

from django.utils.functional import cached_property
from django.utils.translation import gettext

from quiz.facts import EventFacts, FactBase, QuoteFacts, distance_km, event_bounds, normalize
from quiz.french import at, capitalized, de, on_date, place_phrase, prose_name, takes_article
from quiz.gates import (
    FALSE,
    TRUE,
    Option,
    convergence_failures,
    convergence_found,
    cue_failures,
    fact_failures,
    mentioned,
    mentions,
    option_failures,
    typography_failures,
    whole_words,
)
from quiz.models import Kind
from summit.dates import format_period, format_short_date
from summit.models import (
    Actor,
    Citation,
    Event,
    Place,
    Precision,
    Quote,
    Source,
    alias_lines,
)

T = TypeVar("T")

# ``gettext``, remembered: a large bank asks for the same few messages many times. A build runs
# in French and clears this cache first (see ``drafts_make``).
_ = functools.lru_cache(maxsize=4096)(gettext)

OPTIONS = 4
# Events on either side that may lend a date or a place to a distractor.
NEIGHBOURS = 6
STEM_WORDS = 28
PAIR_WORDS = 14
# A statement shorter than this could have been said by anyone: it is not asked « who said it ».
DISTINCTIVE_WORDS = 10
# Between the two, the words must name something (a name, a number, a people): « Il y a un plan
# qui est en train d'être mis en oeuvre » could be anyone's.
ANCHORED_WORDS = 15
BLANK = "_____"
SEPARATOR = "\x1f"
# Words said this close to another event could belong to it.
NEAR = datetime.timedelta(days=2)
# Events put in order or told apart must be this far apart to be learnable.
MIN_GAP = datetime.timedelta(days=30)
# Years on either side whose events may serve as wrong answers to « which happened in … ».
YEAR_SPAN = 2
# Wrong places come from the key's part of the world.
REGION_KM = 5000


# Drafts ---------------------------------------------------------------------------------------


@dataclass
class Draft:
    kind: str
    subject: str
    facts: list[str]
    stem: str
    explanation: str
    key: Option
    distractors: list[Option]
    event: Event | None = None
    quote: Quote | None = None
    citation: Citation | None = None
    actors: list[Actor] = field(default_factory=list)
    # For kinds whose options keep their order (true/false) or carry it (several answers,
    # matching, ordering): the options as stored.
    fixed: list[Option] | None = None
    # What the generator found against the facts beyond the options (a false statement that
    # might be true, a cue in the stem).
    notes: list[str] = field(default_factory=list)

    @cached_property
    def fingerprint(self) -> str:
        parts = [self.kind, str(VERSIONS[self.kind]), self.subject, *self.facts]
        return hashlib.sha256(SEPARATOR.join(parts).encode()).hexdigest()

    def options(self) -> list[Option]:
        return self.fixed if self.fixed is not None else [self.key, *self.distractors]

    def failures(self, options: Sequence[Option]) -> list[str]:
        failures = option_failures(self.stem, options, kind=self.kind)
        if self.kind not in (Kind.TRUE_FALSE, Kind.MATCHING, Kind.ORDERING):
            failures += fact_failures(options)
            failures += convergence_failures(options)
        failures += typography_failures(self.stem)
        return list(dict.fromkeys(failures + self.notes))


class _Hashes(dict[str, int]):
    """The chooser's hash of each identity, worked out when first asked for: looked up by the
    million in a large bank, without a call to Python code once known."""

    def __init__(self, salt: int) -> None:
        super().__init__()
        self.salt = salt

    def __missing__(self, text: str) -> int:
        found = self[text] = zlib.crc32(f"{self.salt}{SEPARATOR}{text}".encode())
        return found


class Chooser:
    """Deterministic choices: candidates ranked by a hash of the salt, the question and the
    candidate. The options a stored question already shows (``previous``, by subject) come first
    while they stay valid, so that a new candidate in a pool changes no question."""

    def __init__(self, salt: int, previous: dict[str, Shown] | None = None) -> None:
        self.salt = salt
        self.previous = previous or {}
        self._hashes = _Hashes(salt)

    def rank(self, *parts: object) -> int:
        return zlib.crc32(SEPARATOR.join([str(self.salt), *map(str, parts)]).encode())

    def pool(self, candidates: Iterable[T], identity: Callable[[T], str]) -> Pool[T]:
        """The candidates with their identities and hashes worked out once, for a pool that
        many questions draw from (a speaker's events)."""
        items = list(candidates)
        keys = [identity(candidate) for candidate in items]
        hashes = list(map(self._hashes.__getitem__, keys))
        return Pool(items, keys, hashes, _lanes(hashes), *_lane_constants(len(items)))

    def pick(
        self,
        subject: str,
        candidates: Sequence[T] | Pool[T],
        *,
        count: int,
        identity: Callable[[T], str],
        valid: Callable[[T], bool],
        label: Callable[[T], str] | None = None,
        compatible: Callable[[T, list[T]], bool] | None = None,
        first: Sequence[T] = (),
    ) -> list[T]:
        """Up to ``count`` valid candidates, the same ones for the same subject and pool:
        ``first`` before the others (a misconception to teach), then those the stored question
        already shows, then in hash order. A ``Pool`` must have been made with the same
        ``identity``."""
        question = self.rank(subject)
        shown = self.previous.get(subject)
        label = label or identity
        hashed = self._hashes.__getitem__
        pool = candidates if isinstance(candidates, Pool) else self.pool(candidates, identity)
        leading = [identity(candidate) for candidate in first]
        items, keys, hashes = pool.items, pool.keys, pool.hashes
        if leading:
            items, keys = [*first, *items], [*leading, *keys]
            hashes = [*map(hashed, leading), *hashes]
        shown_at: dict[int, bool] = {}

        def was_shown(index: int) -> bool:
            found = shown_at.get(index)
            if found is None:
                found = shown_at[index] = shown is not None and shown.shows(label(items[index]))
            return found

        # Each candidate's rank as one number: its tier, then a cheap mix of the two hashes
        # (multiplicative hashing) instead of one hash per pair, then its index (ties in the
        # given order). The tiers: the misconceptions to teach, what the stored question
        # shows, the others.
        if leading or shown is not None:
            tiers = [
                0 if key in leading else 1 if shown is not None and was_shown(index) else 2
                for index, key in enumerate(keys)
            ]
            order = [
                (tier << 64) | ((((question ^ h) * _MIX) & _MASK) << 32) | index
                for index, (tier, h) in enumerate(zip(tiers, hashes, strict=True))
            ]
        elif pool.items:
            # The same numbers, worked out for every candidate at once: each in a lane of 64
            # bits of one large integer, wide enough that no product spills into the next.
            mixed = ((pool.packed ^ (question * pool.ones)) * _MIX) & pool.masks
            lanes = ((mixed << 32) | pool.indices).to_bytes(8 * len(items), sys.byteorder)
            order = memoryview(lanes).cast("Q").tolist()
        else:
            order = []
        # Taken lazily from a heap: a question usually needs its first few candidates only.
        heapq.heapify(order)

        chosen: list[T] = []
        chosen_at: list[int] = []
        seen: set[str] = set()
        while order:
            index = heapq.heappop(order) & _MASK
            candidate, key = items[index], keys[index]
            if key in seen or not valid(candidate):
                continue
            if compatible is not None and not compatible(candidate, chosen):
                continue
            # The stored question's options are all still valid: a newcomer to the pool does
            # not change it.
            if (
                shown is not None
                and chosen
                and not was_shown(index)
                and len(chosen) == len(shown.options)
                and all(map(was_shown, chosen_at))
            ):
                break
            seen.add(key)
            chosen.append(candidate)
            chosen_at.append(index)
            if len(chosen) == count:
                break
        return chosen


# Multiplicative hashing: the golden ratio's odd constant, on 32 bits.
_MIX = 0x9E3779B1
_MASK = 0xFFFFFFFF


class Pool(NamedTuple, Generic[T]):
    """Candidates, their identities and the chooser's hashes of these, in one order; the hashes,
    ones, masks and indices also packed in lanes of 64 bits (see ``_lanes``)."""

    items: list[T]
    keys: list[str]
    hashes: list[int]
    packed: int
    ones: int
    masks: int
    indices: int


@functools.lru_cache(maxsize=256)
def _lane_constants(count: int) -> tuple[int, int, int]:
    """A pool's ones, masks and indices in lanes, the same for every pool of ``count``
    candidates (most pools are a handful of dates or events)."""
    ones = _lanes(array("Q", [1]) * count)
    return ones, ones * _MASK, _lanes(range(count))


def _lanes(values: Iterable[int]) -> int:
    """Numbers below 2**64 as one integer, the i-th in bits 64 i to 64 i + 63: one operation on
    it is the same operation on each of them, as long as no result outgrows its lane."""
    return int.from_bytes(array("Q", values).tobytes(), sys.byteorder)


@dataclass
class Shown:
    """What a stored question shows: its wrong options and, for a statement to judge true or
    false, the stem that carries the falsified value."""

    options: set[str] = field(default_factory=set)
    stem: str = ""

    def shows(self, text: str) -> bool:
        key = normalize(text)
        return key in self.options or (bool(self.stem) and mentions(self.stem, text))


Generator = Callable[[FactBase, Chooser], Iterable[Draft]]
GENERATORS: dict[str, tuple[str, Generator]] = {}
# Bump a generator's version when its wording or rules change: its questions are then rebuilt
# (the old ones retired) on the next build.
VERSIONS: dict[str, int] = {}


def generator(kind: str, *, version: int) -> Callable[[Generator], Generator]:
    """Registers a generator of questions of ``kind``: defining it is enough to join the bank."""

    def register(function: Generator) -> Generator:
        GENERATORS[function.__name__] = (kind, function)
        VERSIONS[kind] = max(VERSIONS.get(kind, 0), version)
        return function

    return register


# Shared pieces --------------------------------------------------------------------------------


def _shorten(text: str, *, around: int | None = None, words: int = STEM_WORDS) -> str:
    """A quotation cut to ``words`` words (around word index ``around``), marked with « … ».

    From the start, the cut falls at the end of a sentence when one ends past half the limit,
    so that the words shown do not stop on « Mr. » or halfway through a name."""
    tokens = text.split()
    if len(tokens) <= words:
        return text
    if around is None:
        ends = [i + 1 for i, token in enumerate(tokens[:words]) if _SENTENCE_END.search(token)]
        ends = [
            end for end in ends if end > words // 2 and not _HONORIFIC.fullmatch(tokens[end - 1])
        ]
        if ends:
            return " ".join(tokens[: ends[-1]]) + " …"
    start = 0 if around is None else max(0, min(around - words // 2, len(tokens) - words))
    cut = " ".join(tokens[start : start + words])
    return ("… " if start else "") + cut + (" …" if start + words < len(tokens) else "")


_SENTENCE_END = re.compile(r"[.!?…][»”\"')]*$")
_HONORIFIC = re.compile(r"(?:M|Mr|Mrs|Ms|Dr|Mme|Mlle|St)\.", re.IGNORECASE)
# Words that point to someone or something the quotation does not name (compared folded, so
# « ça » is « ca »): shown without the
# sentence before them, they leave the stem without its subject (« securing their release »).
_UNANCHORED = re.compile(
    r"(?<!\w)(?:their|theirs|them|they|his|her|hers|its|this thing|that thing|these|those"
    r"|leur|leurs|eux|ils|elles|cela|ceci|ca|celui-ci|celle-ci|ceux-ci|ces gens)(?!\w)"
)


# Words opening on a pronoun (« It's moving so quickly ») are about something said before them.
_OPENING_PRONOUN = re.compile(
    r"(?:it|it's|they|he|she|this|that|these|those|il|elle|ils|elles|cela|ca)(?!\w)"
)


def _self_contained(facts: FactBase, shown: str) -> bool:
    """Whether the words shown in a stem stand on their own: no pronoun pointing outside them,
    unless they also name whom or what they are about."""
    folded = normalize(shown).replace("’", "'")
    unanchored = _UNANCHORED.search(folded) or _OPENING_PRONOUN.match(folded)
    return not unanchored or _names_something(facts, shown)


def _sentence(citation: Citation | None) -> str:
    if citation is None:
        return ""
    before, span, after = citation.sentence_parts()
    return (before + span + after).strip()


def _quoted(text: str) -> str:
    # Guillemets inside guillemets become quotation marks: « la loi “Stop Soros” ».
    inner = _OPENING_GUILLEMET.sub("“", text)
    inner = _CLOSING_GUILLEMET.sub("”", inner)
    return f"« {inner} »"


_OPENING_GUILLEMET = re.compile(r"«\s*")
_CLOSING_GUILLEMET = re.compile(r"\s*»")


def _join(*parts: str) -> str:
    return " ".join(part.strip() for part in parts if part and part.strip())


@functools.lru_cache(maxsize=65_536)
def _short_date(day: datetime.date, precision: str = Precision.DAY) -> str:
    return format_short_date(day, precision)


def _source_line(facts: FactBase, citation: Citation | None) -> str:
    """The sentence the answer rests on, with its source (written once per fact base: each kind
    of question on the event or the quotation shows it again)."""
    if citation is None:
        return ""
    if citation.id is None:
        return _source_line_written(citation)
    return facts.memo_for(_source_line, citation.id, lambda: _source_line_written(citation))


def _source_line_written(citation: Citation) -> str:
    sentence = _sentence(citation)
    if not sentence:
        return ""
    source = citation.source
    origin = source.outlet or source.title
    when = _short_date(source.published_on) if source.published_on else ""
    credit = ", ".join(part for part in (origin, when) if part)
    sentence = sentence.rstrip(" .")
    # A sentence that opens on the quoted words keeps its own guillemets.
    shown = sentence if sentence[:1] in '«“"' else _quoted(sentence)
    return _("Source : %(sentence)s (%(credit)s).") % {"sentence": shown, "credit": credit}


def _place_name(facts: FactBase, place: Place | None) -> str:
    """« île Rousski (Vladivostok) »: a place with the place it is part of."""
    if place is None:
        return ""
    parent = facts.place(place.part_of_id)
    name = place_phrase(place)
    return f"{name} ({parent.name})" if parent else name


def _story(facts: FactBase, item: EventFacts) -> str:
    """Who, when, where and what it led to: the event as the explanation tells it (told once
    per fact base: each kind of question on the event tells it again)."""
    return facts.memo_for(_story, item.event.id, lambda: _story_told(facts, item))


def _story_told(facts: FactBase, item: EventFacts) -> str:
    event = item.event
    where = f", {at(_place_name(facts, event.place))}" if event.place else ""
    head = _("%(title)s : %(when)s%(where)s.") % {
        "title": _quoted(event.title),
        "when": item.when,
        "where": where,
    }
    return _join(head, event.summary)


def _masked(text: str, names: Iterable[str]) -> str:
    """``text`` with every occurrence of the names replaced by « … »."""
    for name in sorted(set(names), key=len, reverse=True):
        if name:
            text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", "…", text, flags=re.IGNORECASE)
    return text


def _place_fact(place: Place) -> str:
    return f"{place.slug}|{place.name}|{place.aliases}|{place.part_of_id or ''}"


def _actor_fact(actor: Actor) -> str:
    return f"{actor.slug}|{actor.name}|{actor.aliases}|{actor.kind}"


def _gap_ok(a: EventFacts, b: EventFacts) -> bool:
    first, second = (a, b) if a.lo <= b.lo else (b, a)
    return second.lo - first.hi >= MIN_GAP


def _points(facts: FactBase) -> list[EventFacts]:
    """The askable points in time, worked out once per fact base."""
    return facts.memo(_points, lambda: [item for item in facts.points if _askable(item)])


def _askable(item: EventFacts) -> bool:
    """An event a question can be built on: someone to it besides a title, a date and a place
    (« Grand débat national », dated by the interview that mentions it, is a topic; « Moscow
    attends the sixth session… » has no one), and a title that reads whole and on its own."""
    return (
        bool(item.actors)
        and _title_stands(item.event.title, item.event.summary)
        and not _title_thin(item)
    )


def _title_thin(item: EventFacts) -> bool:
    """A title that says no more than who did something (« Docas Inzikuru runs », « The National
    Security Council attacks »): once its people and place are taken out, one word at most, and
    neither a second person nor a place to tell what happened (« Vladimir Poutine rencontre Kim
    Jong-il », « Kim Jong-un arrive à Vladivostok » say it): nothing worth a date or a place
    (W1)."""
    title = item.event.title
    place = item.event.place
    named = 0
    groups = [_names(actor) for actor in item.actors]
    groups += [_names(place)] if place is not None else []
    for names in groups:
        found = False
        for name in sorted(names, key=len, reverse=True):
            if name and (pattern := _name_pattern(name)).search(title):
                title = pattern.sub(" ", title)
                found = True
        named += found
    return len(re.findall(r"[^\W\d_]{2,}", title)) < 2 and named < 2


@functools.lru_cache(maxsize=4096)
def _name_pattern(name: str) -> re.Pattern[str]:
    """A name as whole words in any case, compiled once: title after title looks for the same
    few names, more patterns than the ``re`` module's own cache holds."""
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)


# A title opening on a pronoun or a demonstrative leaves its subject in a sentence not shown
# (« It is made », « Ce phénomène est détecté »).
_DEICTIC_START = re.compile(
    r"(?:it|its|they|we|i|he|she|this|that|these|those|there"
    r"|il|elle|ils|elles|on|nous|je|j'|ce|cet|cette|ces|celui|celle|ceux|cela|ca)\b"
)
# Time told from a moment not shown: « quelques jours auparavant », « cette année-là », « today ».
_RELATIVE_TIME = re.compile(
    r"(?<!\w)(?:auparavant|cette annee-la|ce jour-la|la veille|le lendemain|hier|aujourd'hui"
    r"|demain|cette annee|ce mois-ci|today|yesterday|tomorrow|this year|last year|that year"
    r"|the day before|the next day)(?!\w)"
)
# A title cut short: ending on a word that needs what follows.
# fmt: off
_DANGLING = frozenset({
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or",
    "but", "as", "than", "that", "which", "who", "whose", "are", "is", "was", "were", "be",
    "le", "la", "les", "un", "une", "des", "du", "de", "au", "aux", "en", "par", "pour", "sur",
    "avec", "et", "ou", "que", "qui", "dont", "est", "sont",
})
# fmt: on


def _title_stands(title: str, summary: str = "") -> bool:
    """Whether an event's title reads whole and on its own (S1, S2): balanced guillemets, no
    subject or time left in a sentence not shown, not cut before its last word or inside a
    number (« a toss of 83 » from « 83.89 meters »)."""
    if title.count("«") != title.count("»") or title.count("“") != title.count("”"):
        return False
    folded = normalize(title)
    if _DEICTIC_START.match(folded) or _RELATIVE_TIME.search(folded):
        return False
    # A one-letter subject is a transcript's turn label (« R rencontre … »), not a name.
    if re.match(r"[B-HJ-Z]\.?\s", title):
        return False
    words = folded.rstrip(" .").split()
    if not words or words[-1] in _DANGLING or words[-1].endswith("'"):
        return False
    number = re.search(r"(\d+)$", title.rstrip())
    # Looked for in the summary as a plain string first: a pattern for each number would be
    # compiled anew for title after title.
    return not (
        number and number[1] in summary and re.search(rf"(?<!\d){number[1]}[.,]\d", summary)
    )


def _met_there(facts: FactBase) -> dict[int, set[frozenset[int]]]:
    """For each place, the sets of actors who were there together (each set once: a place
    hosts the same people again and again)."""
    found: dict[int, set[frozenset[int]]] = defaultdict(set)
    for item in facts.events:
        if item.event.place_id:
            found[item.event.place_id].add(frozenset(a.id for a in item.actors))
    return found


class PlacePool:
    """The places that may be offered as wrong for an event's place, and why others may not."""

    def __init__(self, facts: FactBase) -> None:
        self.facts = facts
        self.met = _met_there(facts)
        self._met_by: dict[tuple[int, frozenset[int]], bool] = {}
        self._travellers: dict[int, set[str] | None] = {}
        # Where each person has been, with the places containing it: the places a student may
        # think of for an event of theirs.
        self.visited: dict[int, set[int]] = defaultdict(set)
        for item in facts.events:
            place = item.event.place
            if place is None:
                continue
            around = {p.id for p in [place, *facts.ancestors(place)]}
            for actor in item.actors:
                self.visited[actor.id] |= around

    def named_in(self, item: EventFacts) -> Sequence[Place]:
        """The places the event's title names."""
        return _places_named(self.facts, item)

    def in_context(self, item: EventFacts, candidate: Place) -> bool:
        """D2: a place one of the event's people has been to, or in one of their countries
        (Washington is no distractor for a meeting of Kim Jong-un and Xi Jinping)."""
        countries = {normalize(a.country) for a in item.actors if a.country}
        return any(candidate.id in self.visited[a.id] for a in item.actors) or (
            bool(candidate.country) and normalize(candidate.country) in countries
        )

    def in_region(self, key: Place, candidate: Place) -> bool:
        """D2: a city of the same part of the world (Stockholm is no distractor for a summit in
        Asia); unknown coordinates do not exclude."""
        distance = distance_km(key, candidate)
        return math.isinf(distance) or distance <= REGION_KM

    def countries(self, place: Place) -> set[str]:
        """The countries a place is in, by itself or the places containing it."""
        return {normalize(p.country) for p in [place, *self.facts.ancestors(place)] if p.country}

    def away_from_home(self, item: EventFacts, key: Place, candidate: Place) -> bool:
        """D2: a journey away from home (« Premier voyage à l'étranger de Kim Jong-un », « Xi
        Jinping en visite à Pyongyang ») rules out the traveller's own country by its words: a
        place there is no wrong answer a student would weigh."""
        travellers = self.travellers(item)
        if travellers is None:
            return True
        home = travellers - self.countries(key)
        return not (home & self.countries(candidate))

    def travellers(self, item: EventFacts) -> set[str] | None:
        """For a journey, the countries of the people its title names; None for an event that
        is no journey (once per event)."""
        pk = item.event.id
        if pk not in self._travellers:
            title = item.event.title
            self._travellers[pk] = (
                {
                    normalize(actor.country)
                    for actor in item.actors
                    if actor.country and any(mentions(title, n) for n in _names(actor))
                }
                if _TRAVEL.search(normalize(title))
                else None
            )
        return self._travellers[pk]

    def plausible(self, item: EventFacts, key: Place, candidate: Place) -> bool:
        """A wrong place of the key's scale and form (a city for a city, no « la Maison-Blanche »
        among cities: it reads « à la … »), from the people's context, not named in the title
        (« annule le sommet de Singapour »: Singapour is what the title is about, not where)."""
        return (
            self.facts.depth(candidate) == self.facts.depth(key)
            and takes_article(candidate) == takes_article(key)
            and self.in_context(item, candidate)
            and self.in_region(key, candidate)
            and _fits_demonyms(item.event.title, key.country, candidate.country)
            and self.away_from_home(item, key, candidate)
            and not any(
                self.facts.related_places(candidate, named) for named in self.named_in(item)
            )
            and self.surely_false(item, key, candidate)
        )

    def met_together(self, place: Place, actors: frozenset[int]) -> bool:
        """Whether two of these actors were at the place together, whoever else was there
        (known once per place and set of actors)."""
        found = self._met_by.get((place.id, actors))
        if found is None:
            found = self._met_by[place.id, actors] = any(
                len(actors & together) >= 2 for together in self.met[place.id]
            )
        return found

    def surely_false(self, item: EventFacts, key: Place, candidate: Place) -> bool:
        facts = self.facts
        if facts.related_places(candidate, key):
            return False
        actors = item.actor_ids
        # A place where two of the same people also met (Vladivostok, 2002, for Putin and Kim
        # Jong-il), whoever else was there either time.
        if len(actors) >= 2 and self.met_together(candidate, actors):
            return False
        # A place where one of them was at that very time.
        for actor in item.actors:
            for other in facts.events_of(actor, item.lo, item.hi):
                if other.event.place_id is None or other.event.id == item.event.id:
                    continue
                place = facts.place(other.event.place_id)
                if place is not None and facts.related_places(place, candidate):
                    return False
        return True

    def misconceptions(self, item: EventFacts, key: Place) -> list[Place]:
        """The places a fact-check note names besides the key: the confusion to teach, when
        the stem's words leave it open (a note on a journey abroad that names the traveller's
        capital corrects no confusion with it)."""
        note = item.event.fact_check_note
        if not note:
            return []
        return [
            place
            for place in self.facts.places
            if not self.facts.related_places(place, key)
            and any(mentions(note, name) for name in _names(place))
            and self.facts.depth(place) == self.facts.depth(key)
            and self.away_from_home(item, key, place)
        ]

    def distractors(
        self, chooser: Chooser, subject: str, item: EventFacts, key: Place, count: int
    ) -> list[Place]:
        facts = self.facts
        taught = self.misconceptions(item, key)
        return chooser.pick(
            subject,
            _places_pool(facts, chooser),
            count=count,
            identity=_place_slug,
            label=lambda p: p.name,
            first=taught,
            valid=lambda p: p in taught or self.plausible(item, key, p),
            compatible=lambda p, chosen: not any(facts.related_places(p, c) for c in chosen),
        )

    def asked(
        self,
        chooser: Chooser,
        subject: str,
        item: EventFacts,
        count: int = OPTIONS - 1,
        minimum: int = 2,
    ) -> tuple[Place, list[Place]] | None:
        """The place to ask (the event's, or the larger place containing it when no place of
        its scale can be offered) and its distractors."""
        place = item.event.place
        while place is not None:
            others = self.distractors(chooser, subject, item, place, count)
            if len(others) >= minimum:
                return place, others
            place = self.facts.place(place.part_of_id)
        return None


# Words of a journey away from home: the traveller's own country is not where it went.
# Hosting is a journey too: « Vladimir Poutine reçoit Kim Jong-il », « Sergueï Lavrov reçu par
# Kim Jong-un » take place in the host's country, never in the guest's.
_TRAVEL = re.compile(
    r"(?<!\w)(?:etranger|voyage|visite|visites|tournee|deplacement|se rend|arrive|arrivee"
    r"|venu|venue|venus|recoit|recu|recue|recus|accueille|accueilli|accueillie"
    r"|abroad|overseas|foreign trip|visit|visits|trip|tour|travels|arrives|came to|come to"
    r"|receives|received|hosts|hosted|welcomes|welcomed)(?!\w)"
)


def _names(thing: Actor | Place) -> tuple[str, ...]:
    """An actor's or a place's name and aliases (its ``all_names``), split once per spelling:
    the same few are read for question after question."""
    return _names_of(thing.name, thing.aliases)


@functools.lru_cache(maxsize=16_384)
def _names_of(name: str, aliases: str) -> tuple[str, ...]:
    return (name, *alias_lines(aliases))


def _places_pool(facts: FactBase, chooser: Chooser) -> Pool[Place]:
    """Every place, ranked by its slug, once per fact base."""
    return facts.memo(
        (_places_pool, chooser), lambda: chooser.pool(facts.places, identity=_place_slug)
    )


def _place_slug(place: Place) -> str:
    return place.slug


def _place_keys(facts: FactBase) -> list[tuple[Place, list[str]]]:
    """Each place with the comparison keys of its names, once per fact base."""
    return facts.memo(
        _place_keys, lambda: [(p, [normalize(n) for n in _names(p)]) for p in facts.places]
    )


def _places_named(facts: FactBase, item: EventFacts) -> Sequence[Place]:
    """The places the event's title names, found once per event for the generators of places
    (the fact base keeps them)."""

    def named() -> tuple[Place, ...]:
        title = normalize(item.event.title)
        return tuple(
            place for place, keys in _place_keys(facts) if any(mentioned(title, k) for k in keys)
        )

    return facts.memo_for(_places_named, item.event.id, named)


def _names_other_place(facts: FactBase, item: EventFacts, place: Place) -> bool:
    """Whether the event's title names a place other than its own (« Donald Trump annule le
    sommet de Singapour », held in Washington): masked, the blank would read as that place."""
    return any(not facts.related_places(other, place) for other in _places_named(facts, item))


@functools.lru_cache(maxsize=1024)
def _country_stem(country: str) -> str:
    """« coree » for « Corée du Nord », « russ » for « Russie »: the start of the words derived
    from a country's name (« intercoréen », « russe »)."""
    words = normalize(country).split()
    if not words:
        return ""
    stem = words[0]
    for ending in ("ie", "e"):
        if stem.endswith(ending) and len(stem) - len(ending) >= 4:
            return stem[: -len(ending)]
    return stem if len(stem) >= 4 else ""


@functools.lru_cache(maxsize=16_384)
def _demonyms(text: str, country: str) -> bool:
    """Whether the text names the country or a word derived from it (« le sommet intercoréen »,
    « la péninsule coréenne »)."""
    stem = _country_stem(country)
    if not stem:
        return False
    for joined, parts in _words(text):
        # « intercoréen », « inter-coréen », « nord-coréen », « russe »
        if joined.startswith((stem, "inter" + stem)) or any(
            part.startswith(stem) for part in parts
        ):
            return True
    return False


@functools.lru_cache(maxsize=4096)
def _words(text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The normalized words of a text, each joined and split at its hyphens (cached: a title or
    a quotation is weighed against one country after another)."""
    return tuple(
        (word.replace("-", ""), tuple(word.split("-")))
        for word in re.findall(r"[\w-]+", normalize(text))
    )


def _fits_demonyms(text: str, key_country: str, candidate_country: str) -> bool:
    """C3: when the text points to the key's country (« sommet intercoréen »), a distractor
    from elsewhere is ruled out by the words alone."""
    if not key_country or not _demonyms(text, key_country):
        return True
    return bool(candidate_country) and _demonyms(text, candidate_country)


def _place_option(facts: FactBase, place: Place, *, is_correct: bool) -> Option:
    return Option(place.name, is_correct, place.alias_list, type=f"place:{facts.depth(place)}")


def _taught_note(item: EventFacts, places: Sequence[Place], key: Place) -> str:
    """The fact-check note, when a distractor is the confusion it corrects."""
    note = item.event.fact_check_note
    if note and any(
        any(mentions(note, name) for name in _names(place)) for place in places if place != key
    ):
        return note
    return ""


# Dates ----------------------------------------------------------------------------------------


def _date_asked_with_options(
    facts: FactBase, chooser: Chooser, item: EventFacts, index: int
) -> bool:
    """Whether the date question with options exists for the event: then no statement to judge
    on the same date (one fact, one question)."""
    known = _asked_with_options(facts, chooser, Kind.DATE).pop(item.event.id, None)
    if known is not None:
        return known
    subject = f"date:event:{item.event.id}"
    return len(_date_distractors(facts, chooser, subject, item, index, OPTIONS - 1)) >= 2


def _place_asked_with_options(
    facts: FactBase, chooser: Chooser, pool: PlacePool, item: EventFacts
) -> bool:
    """Whether the place question with options exists for the event (see
    ``_date_asked_with_options``)."""
    known = _asked_with_options(facts, chooser, Kind.PLACE).pop(item.event.id, None)
    if known is not None:
        return known
    return pool.asked(chooser, f"place:event:{item.event.id}", item) is not None


def _asked_with_options(facts: FactBase, chooser: Chooser, kind: str) -> dict[int, bool]:
    """By event or quotation, whether the generator of ``kind`` found the wrong options it
    needs: the statement to judge on the same fact asks, and need not choose them again. Each
    is read once (and forgotten), by the generator that comes after."""
    return facts.memo((_asked_with_options, chooser, kind), dict)


@functools.lru_cache(maxsize=65_536)
def _date_text(start: datetime.date, end: datetime.date | None, precision: str) -> str:
    # Cached: a large bank formats the same dates many times over.
    if precision == Precision.DAY and end and end != start:
        return format_period(start, end, precision)
    return format_short_date(start, precision)


def _shift_months(day: datetime.date, months: int) -> datetime.date | None:
    month = day.month - 1 + months
    try:
        return day.replace(year=day.year + month // 12, month=month % 12 + 1)
    except ValueError:
        return None


class DateOption(NamedTuple):
    """A candidate date: the interval it stands for, its text and that text normalized (one for
    each day, precision and length: some thirty are weighed for each date asked)."""

    lo: datetime.date
    hi: datetime.date
    text: str
    key: str


class _Span(NamedTuple):
    date: datetime.date
    end_date: datetime.date | None
    precision: str


@functools.lru_cache(maxsize=65_536)
def _interval(start: datetime.date, length: datetime.timedelta, precision: str) -> DateOption:
    span = _Span(start, start + length if length else None, precision)
    lo, hi = event_bounds(span)
    text = _date_text(start, span.end_date, precision)
    return DateOption(lo, hi, text, normalize(text))


def _same_day_elsewhere(
    day: datetime.date, length: datetime.timedelta, precision: str
) -> list[DateOption]:
    """Candidates made from the date asked itself: the same day some months or a year away,
    then the same day in the other months of its year (the steps that stay in it). With the
    latter the key need not be the option that shares the most with the others (the same day a
    year away, another month…)."""
    steps = [-24, -12, 12, 24] if precision == Precision.YEAR else [-4, -3, -2, 2, 3, 4, -12, 12]
    steps += [step for step in range(1 - day.month, 13 - day.month) if step]
    shifted = (_shift_months(day, step) for step in steps)
    return [_interval(other, length, precision) for other in shifted if other is not None]


_date_key = operator.attrgetter("key")


def _same_people_then(
    facts: FactBase, item: EventFacts, lo: datetime.date, hi: datetime.date
) -> bool:
    """Whether the event's people did something together in that interval (another meeting)."""
    if not item.actors:
        return False
    return any(
        other.event.id != item.event.id and item.actor_ids <= other.actor_ids
        for other in facts.events_of(item.actors[0], lo, hi)
    )


def _sequence_points(facts: FactBase, item: EventFacts) -> tuple[list[EventFacts], int]:
    """The askable points of the event's sequence, in order, and the event's position there
    (worked out once per fact base, kept on it)."""
    found: dict[int, tuple[list[EventFacts], int]] | None = getattr(facts, "_sequence_points", None)
    if found is None:
        by_sequence: dict[int, list[EventFacts]] = defaultdict(list)
        for point in _points(facts):
            by_sequence[facts.sequences.get(point.event.id, point.event.id)].append(point)
        found = {
            point.event.id: (points, position)
            for points in by_sequence.values()
            for position, point in enumerate(points)
        }
        facts._sequence_points = found  # type: ignore[attr-defined]
    return found.get(item.event.id, ([item], 0))


def _date_distractors(
    facts: FactBase, chooser: Chooser, subject: str, item: EventFacts, index: int, count: int
) -> list[DateOption]:
    """Dates at the event's precision that cannot overlap the key nor each other: the dates of
    neighbouring events and the same day some months or a year away."""
    event, precision = item.event, item.precision
    length = (event.end_date - event.date) if event.end_date else datetime.timedelta()
    candidates: list[DateOption] = []
    # Dates of the same sequence only, its neighbours in it: an article on another story
    # lends no date, and adding one changes no question of this story.
    points, at = _sequence_points(facts, item)
    for other in points[max(0, at - NEIGHBOURS) : at + NEIGHBOURS + 1]:
        # A summit of 2019 is not confused with a visit of 2000.
        if other.event.id == event.id or abs(other.lo.year - item.lo.year) > YEAR_SPAN:
            continue
        candidates.append(_interval(other.event.date, length, precision))
    candidates += _same_day_elsewhere(event.date, length, precision)

    def apart(a: DateOption, lo: datetime.date, hi: datetime.date) -> bool:
        return a.hi < lo or a.lo > hi

    def brackets(a: DateOption, b: DateOption) -> bool:
        # A year before and a year after: the key would be the one in the middle.
        year = item.lo.year
        return (a.lo.year - year) * (b.lo.year - year) < 0

    def compatible(c: DateOption, chosen: list[DateOption]) -> bool:
        return all(apart(c, o.lo, o.hi) and not brackets(c, o) for o in chosen) and (
            count < 2 or not _converges(item.short_when, [o.text for o in [*chosen, c]])
        )

    def pick(pool: list[DateOption]) -> list[DateOption]:
        return chooser.pick(
            subject,
            pool,
            count=count,
            identity=_date_key,
            valid=lambda c: (
                apart(c, item.lo, item.hi) and not _same_people_then(facts, item, c.lo, c.hi)
            ),
            compatible=compatible,
        )

    chosen = pick(candidates)
    if len(chosen) < count:
        # Options of the key's year only never cross to a cue: taken when they make more.
        same_year = pick([c for c in candidates if c.lo.year == event.date.year])
        if len(same_year) > len(chosen):
            chosen = same_year
    return chosen


def _converges(key: str, others: Sequence[str]) -> bool:
    """Whether the key's date would be found by crossing it with these other dates (the gate
    ``convergence_failures`` on these options)."""
    return len(others) >= 2 and convergence_found([key, *others], 0) is not None


def _only_reporter(item: EventFacts) -> Source | None:
    """The one news article an event is known from, when no reference source dates it."""
    sources = {c.source_id: c.source for c in item.citations}
    if len(sources) != 1:
        return None
    (source,) = sources.values()
    return None if source.is_reference else source


def _report_untimed(source: Source) -> str:
    """« l'article « Hongrie : le parlement adopte… » (Wikinews) », without its date."""
    shown = _quoted(_shorten(source.title.strip(), words=PAIR_WORDS))
    outlet = source.outlet.strip()
    return f"{_('l’article')} {shown}" + (f" ({outlet})" if outlet else "")


@generator(Kind.DATE, version=4)
def date_drafts(facts: FactBase, chooser: Chooser) -> Iterable[Draft]:
    """« Quand a eu lieu l'événement « … » ? », at the precision the evidence knows."""
    for index, item in enumerate(_points(facts)):
        event = item.event
        if _title_tells_date(item):
            continue
        subject = f"date:event:{event.id}"
        others = _date_distractors(facts, chooser, subject, item, index, OPTIONS - 1)
        _asked_with_options(facts, chooser, Kind.DATE)[event.id] = len(others) >= 2
        if len(others) < 2:
            continue
        reporter = _only_reporter(item)
        if reporter is not None:
            # Known from one article only: its story is the occasion (« Viktor Orbán est élu »
            # is the election that article tells of), its date left out (it would tell the day).
            stem = _("D’après %(report)s, quand a eu lieu l’événement %(title)s ?") % {
                "report": _report_untimed(reporter),
                "title": _quoted(event.title),
            }
        else:
            stem = _("Quand a eu lieu l’événement %(title)s ?") % {"title": _quoted(event.title)}
        yield Draft(
            kind=Kind.DATE,
            subject=subject,
            facts=[item.fact(), *sorted(f"{o.text}|{o.lo}|{o.hi}" for o in others)],
            stem=stem,
            explanation=_join(
                _story(facts, item), event.fact_check_note, _source_line(facts, item.citation)
            ),
            key=Option(item.short_when, True, type="date", precision=item.precision),
            distractors=[
                Option(o.text, False, type="date", precision=item.precision) for o in others
            ],
            event=event,
            citation=item.citation,
            actors=item.actors,
        )


# Places ---------------------------------------------------------------------------------------


def _place_stem_title(item: EventFacts, places: Iterable[Place], facts: FactBase) -> str:
    """The title with the answer's names masked, and only those: a blank stands for the place
    asked, never for another place the title is about."""
    names = [n for p in places for q in [p, *facts.ancestors(p)] for n in _names(q)]
    return _masked(item.event.title, names)


@generator(Kind.PLACE, version=4)
def place_drafts(facts: FactBase, chooser: Chooser) -> Iterable[Draft]:
    """« Où a eu lieu l'événement « … » (date) ? »: a place at the scale of the others."""
    pool = PlacePool(facts)
    for item in _points(facts):
        event = item.event
        if event.place is None:
            continue
        subject = f"place:event:{event.id}"
        found = pool.asked(chooser, subject, item)
        _asked_with_options(facts, chooser, Kind.PLACE)[event.id] = found is not None
        if found is None:
            continue
        key, others = found
        title = _place_stem_title(item, [event.place, key], facts)
        stem = _("Où a eu lieu l’événement %(title)s (%(when)s) ?") % {
            "title": _quoted(title),
            "when": item.when,
        }
        yield Draft(
            kind=Kind.PLACE,
            subject=subject,
            facts=[item.fact(), _place_fact(key), *sorted(_place_fact(p) for p in others)],
            stem=stem,
            explanation=_join(
                _story(facts, item),
                _taught_note(item, others, key),
                _source_line(facts, item.citation),
            ),
            key=_place_option(facts, key, is_correct=True),
            distractors=[_place_option(facts, p, is_correct=False) for p in others],
            event=event,
            citation=item.citation,
            actors=item.actors,
        )


# Chronology -----------------------------------------------------------------------------------


def _order_explanation(options: Sequence[EventFacts]) -> str:
    ordered = sorted(options, key=lambda f: (f.lo, f.event.slug))
    return _("Dans l’ordre : %(list)s.") % {
        "list": " ; ".join(f"{_quoted(f.event.title)} ({f.when})" for f in ordered)
    }


def _event_fact_option(item: EventFacts, *, is_correct: bool) -> Option:
    return Option(item.event.title, is_correct, type="event")


def _apart_from_all(
    candidate: EventFacts, chosen: list[EventFacts], also: Sequence[EventFacts]
) -> bool:
    return all(_gap_ok(candidate, other) for other in [*chosen, *also])


@generator(Kind.CHRONOLOGY, version=6)
def chronology_drafts(facts: FactBase, chooser: Chooser) -> Iterable[Draft]:
    """« Lequel de ces événements a eu lieu en premier ? » and « … juste après « … » ? », over
    points in time a month apart at least."""
    everything = _points(facts)
    # The windows below are counted within the event's own sequence: an unrelated import
    # changes none of its questions.
    by_sequence: dict[int, list[EventFacts]] = defaultdict(list)
    position: dict[int, int] = {}
    for item in everything:
        sequence = by_sequence[facts.sequences[item.event.id]]
        position[item.event.id] = len(sequence)
        sequence.append(item)
    for item in everything:
        points = by_sequence[facts.sequences[item.event.id]]
        index = position[item.event.id]
        # One question per event, « first » or « next after » (the chooser says which): a
        # dozen items over the same few events teach little.
        first = chooser.rank("chronology", item.event.slug) % 2 == 0
        later = points[index + 1 : index + 1 + 4 * NEIGHBOURS]
        subject = f"chronology:first:{item.event.id}"
        others = (
            chooser.pick(
                subject,
                later,
                count=OPTIONS - 1,
                identity=lambda e: e.event.slug,
                label=lambda e: e.event.title,
                valid=lambda e, item=item: (
                    e.lo - item.hi >= MIN_GAP
                    and _same_sequence(e, item)
                    and facts.same_sequence(e, item)
                ),
                compatible=lambda e, chosen, item=item: _apart_from_all(e, chosen, [item]),
            )
            if first
            else []
        )
        if len(others) >= 2:
            yield _chronology_draft(
                facts,
                subject=subject,
                stem=_("Lequel de ces événements a eu lieu en premier ?"),
                key=item,
                others=others,
            )
        following = next(
            (
                e
                for e in map(points.__getitem__, range(index + 1, len(points)))
                if e.lo > item.hi and facts.same_sequence(e, item)
            ),
            None,
        )
        if first or following is None or _follows_plainly(facts, item, following):
            continue
        subject = f"chronology:after:{item.event.id}"
        pool = [
            e
            for e in [
                *points[max(0, index - NEIGHBOURS) : index],
                *points[index + 1 : index + 1 + 2 * NEIGHBOURS],
            ]
            if e.event.id not in (item.event.id, following.event.id)
        ]
        others = chooser.pick(
            subject,
            pool,
            count=OPTIONS - 1,
            identity=lambda e: e.event.slug,
            label=lambda e: e.event.title,
            valid=lambda e, item=item, following=following: (
                _gap_ok(e, following)
                and _gap_ok(e, item)
                and _same_sequence(e, item)
                and _same_sequence(e, following)
                and facts.same_sequence(e, item)
            ),
            compatible=lambda e, chosen: _apart_from_all(e, chosen, []),
        )
        if len(others) < 2:
            continue
        stem = _("Parmi ces événements, lequel a eu lieu le premier après %(title)s (%(when)s) ?")
        stem %= {
            "title": _quoted(item.event.title),
            "when": item.when,
        }
        yield _chronology_draft(
            facts, subject=subject, stem=stem, key=following, others=others, after=item
        )


def _same_sequence(a: EventFacts, b: EventFacts) -> bool:
    """D2: events of one sequence, a few years apart at most. A meeting of 2000 among summits
    of 2019 is placed by its era alone."""
    return abs(a.lo.year - b.lo.year) <= YEAR_SPAN


def _follows_plainly(facts: FactBase, before: EventFacts, after: EventFacts) -> bool:
    """W1: « what came right after the arrival in Vladivostok? » — the summit there. An event
    a few days after another in the same place, or in the place the other's title names (« le
    sommet de Singapour est rétabli », then the summit), follows from the words."""
    if after.lo - before.hi >= MIN_GAP or after.event.place is None:
        return False
    place = after.event.place
    anchors = list(_places_named(facts, before))
    if before.event.place is not None:
        anchors.append(before.event.place)
    return any(facts.related_places(place, anchor) for anchor in anchors)


def _chronology_draft(
    facts: FactBase,
    *,
    subject: str,
    stem: str,
    key: EventFacts,
    others: list[EventFacts],
    after: EventFacts | None = None,
) -> Draft:
    actors = {a.id: a for e in [key, *others] for a in e.actors}
    shown = [key, *others] + ([after] if after else [])
    return Draft(
        kind=Kind.CHRONOLOGY,
        subject=subject,
        facts=[e.fact() for e in [key, *sorted(others, key=lambda e: e.event.slug)]]
        + ([after.fact()] if after else []),
        stem=stem,
        explanation=_join(
            _order_explanation(shown), key.event.summary, _source_line(facts, key.citation)
        ),
        key=_event_fact_option(key, is_correct=True),
        distractors=[_event_fact_option(e, is_correct=False) for e in others],
        event=key.event,
        citation=key.citation,
        actors=sorted(actors.values(), key=lambda a: a.name),
    )


def _clusters(points: Sequence[EventFacts]) -> list[list[EventFacts]]:
    """Points in time grouped when less than ``MIN_GAP`` apart: one of each may be put in order."""
    groups: list[list[EventFacts]] = []
    end = datetime.date.min
    for item in points:
        if groups and item.lo - end < MIN_GAP:
            groups[-1].append(item)
        else:
            groups.append([item])
        end = max(end, item.hi) if len(groups[-1]) > 1 else item.hi
    return groups


def _windows(count: int, size: int, step: int) -> list[range]:
    """Runs of ``size`` consecutive indexes every ``step``, starting from the oldest: an event
    added after the others adds a run and changes none."""
    return [range(start, start + size) for start in range(0, count - size + 1, step)]


def _sets(
    facts: FactBase, chooser: Chooser, name: str, *, size: int, step: int
) -> list[list[EventFacts]]:
    """Sets of events a month apart at least: one event of each group of close events."""
    by_sequence: dict[int, list[EventFacts]] = defaultdict(list)
    for item in _points(facts):
        if not _title_tells_date(item):
            by_sequence[facts.sequences[item.event.id]].append(item)
    sets = []
    for points in by_sequence.values():
        groups = _clusters(points)
        sets += [
            [min(groups[i], key=lambda e: chooser.rank(name, e.event.slug)) for i in window]
            for window in _windows(len(groups), size, step)
        ]
    # D2: one sequence per set; an event decades before the others is placed by its era alone.
    return [chosen for chosen in sets if _same_sequence(chosen[0], chosen[-1])]


def _title_tells_date(item: EventFacts) -> bool:
    """A title that gives its own date (« MOSCOU, 12 septembre 2019 – … ») asks nothing about it."""
    return mentions(item.event.title, str(item.event.date.year))


@generator(Kind.ORDERING, version=4)
def ordering_drafts(facts: FactBase, chooser: Chooser) -> Iterable[Draft]:
    """3 to 5 events a month apart at least, to put back in order."""
    for chosen in _sets(facts, chooser, "ordering", size=4, step=1):
        ordered = sorted(chosen, key=lambda e: e.lo)
        subject = "ordering:" + ",".join(str(e.event.id) for e in ordered)
        options = [
            Option(e.event.title, True, type="event", rank=rank)
            for rank, e in enumerate(ordered, start=1)
        ]
        options.sort(key=lambda o: chooser.rank(subject, o.text))
        yield _events_draft(
            Kind.ORDERING,
            subject,
            ordered,
            _("Remettez ces événements dans l’ordre chronologique, du plus ancien au plus récent."),
            options,
        )


def _events_draft(
    kind: str, subject: str, ordered: list[EventFacts], stem: str, options: list[Option]
) -> Draft:
    """A question on a set of events in chronological order (to order, to match), with every
    option shown as given and the people of all of them."""
    actors = {a.id: a for e in ordered for a in e.actors}
    return Draft(
        kind=kind,
        subject=subject,
        facts=[e.fact() for e in ordered],
        stem=stem,
        explanation=_order_explanation(ordered),
        key=options[0],
        distractors=options[1:],
        fixed=options,
        event=ordered[0].event,
        citation=ordered[0].citation,
        actors=sorted(actors.values(), key=lambda a: a.name),
    )


# Several right answers ------------------------------------------------------------------------


@generator(Kind.MULTIPLE, version=2)
def participants_drafts(facts: FactBase, chooser: Chooser) -> Iterable[Draft]:
    """« Qui a participé à … ? »: the event's people, and people active then who were not there."""
    people = facts.people()
    # One pool for every event: the same people, ranked once.
    pool = chooser.pool(people, identity=_actor_slug)
    every_country = {normalize(a.country) for a in people if a.country}
    for item in _points(facts):
        present = list(item.people)
        if len(present) < 2:
            continue
        subject = f"multiple:participants:{item.event.id}"
        names = {a.id for a in present}
        countries = {normalize(a.country) for a in present if a.country}
        # C3: « sommet intercoréen » rules out everyone who is not Korean, and a compatriot of
        # the key may well have been in the delegation (D1): no good set of wrong answers.
        if any(_demonyms(item.event.title, a.country) for a in present if a.country):
            continue
        if not every_country - countries:
            # Nobody from another country (a corpus on one country's politics): no wrong
            # answer (D1 below).
            continue
        others = chooser.pick(
            subject,
            pool,
            count=min(3, 5 - len(present)),
            identity=_actor_slug,
            label=lambda a: a.name,
            valid=lambda a, item=item, names=names, countries=countries: (
                a.id not in names
                # D1: someone from another country, who was surely not in a delegation.
                and bool(a.country)
                and normalize(a.country) not in countries
                and facts.active(a, item.lo, item.hi)
                and not any(mentions(item.event.title, n) for n in _names(a))
            ),
        )
        if len(present) + len(others) < 4 or len(others) < 2:
            continue
        title = _masked(item.event.title, [n for a in [*present, *others] for n in _names(a)])
        where = f", {at(place_phrase(item.event.place))}" if item.event.place else ""
        # « Protagonists »: the addressee of a letter or the leader who accepts a meeting
        # announced by another is one, without having been in the room.
        stem = _(
            "Qui sont les protagonistes de l’événement %(title)s (%(when)s%(where)s) ? "
            "Plusieurs réponses."
        ) % {
            "title": _quoted(title),
            "when": item.when,
            "where": where,
        }
        options = [Option(a.name, True, a.alias_list, type="person") for a in present]
        options += [Option(a.name, False, a.alias_list, type="person") for a in others]
        options.sort(key=lambda o: chooser.rank(subject, o.text))
        yield Draft(
            kind=Kind.MULTIPLE,
            subject=subject,
            facts=[
                item.fact(),
                *sorted(_actor_fact(a) for a in present),
                *sorted(_actor_fact(a) for a in others),
            ],
            stem=stem,
            explanation=_join(_story(facts, item), _source_line(facts, item.citation)),
            key=options[0],
            distractors=options[1:],
            fixed=options,
            event=item.event,
            citation=item.citation,
            actors=present,
        )


@generator(Kind.MULTIPLE, version=2)
def year_drafts(facts: FactBase, chooser: Chooser) -> Iterable[Draft]:
    """« Lesquels de ces événements ont eu lieu en 2019 ? »: those of the year, and events of the
    years around it."""
    points = [e for e in _points(facts) if e.lo.year == e.hi.year]
    # Per sequence: the events of another story are told apart by their subject.
    by_year: dict[tuple[int, int], list[EventFacts]] = defaultdict(list)
    first: dict[int, str] = {}
    for item in points:
        sequence = facts.sequences[item.event.id]
        by_year[(sequence, item.lo.year)].append(item)
        first.setdefault(sequence, item.event.slug)
    for (sequence, year), inside in sorted(by_year.items()):
        if len(inside) < 2:
            continue
        subject = f"multiple:year:{year}:{first[sequence]}"
        right = chooser.pick(
            subject,
            inside,
            count=3,
            identity=lambda e: e.event.slug,
            label=lambda e: e.event.title,
            valid=lambda e: True,
        )
        around = [
            e
            for y in range(year - YEAR_SPAN, year + YEAR_SPAN + 1)
            if y != year
            for e in by_year.get((sequence, y), [])
        ]
        wrong = chooser.pick(
            subject,
            around,
            count=5 - len(right) if len(right) == 3 else 2,
            identity=lambda e: e.event.slug,
            label=lambda e: e.event.title,
            valid=lambda e: True,
        )
        if len(wrong) < 2:
            continue
        options = [_event_fact_option(e, is_correct=True) for e in right]
        options += [_event_fact_option(e, is_correct=False) for e in wrong]
        options.sort(key=lambda o: chooser.rank(subject, o.text))
        shown = sorted([*right, *wrong], key=lambda e: e.lo)
        actors = {a.id: a for e in shown for a in e.actors}
        yield Draft(
            kind=Kind.MULTIPLE,
            subject=subject,
            facts=[str(year), *(e.fact() for e in sorted(shown, key=lambda e: e.event.slug))],
            stem=_("Lesquels de ces événements ont eu lieu en %(year)d ? Plusieurs réponses.")
            % {"year": year},
            explanation=_order_explanation(shown),
            key=options[0],
            distractors=options[1:],
            fixed=options,
            event=right[0].event,
            citation=right[0].citation,
            actors=sorted(actors.values(), key=lambda a: a.name),
        )


# Matching -------------------------------------------------------------------------------------


def _matching(
    subject: str,
    pairs: list[tuple[str, str]],
    chooser: Chooser,
) -> list[Option]:
    options = [Option(left, True, type="pair", pair=right) for left, right in pairs]
    options.sort(key=lambda o: chooser.rank(subject, o.text))
    return options


@generator(Kind.MATCHING, version=4)
def event_date_matching_drafts(facts: FactBase, chooser: Chooser) -> Iterable[Draft]:
    """Events a month apart at least, each to its date."""
    for chosen in _sets(facts, chooser, "matching:date", size=3, step=2):
        ordered = sorted(chosen, key=lambda e: e.lo)
        subject = "matching:date:" + ",".join(str(e.event.id) for e in ordered)
        options = _matching(subject, [(e.event.title, e.short_when) for e in ordered], chooser)
        yield _events_draft(
            Kind.MATCHING, subject, ordered, _("Associez chaque événement à sa date."), options
        )


@generator(Kind.MATCHING, version=4)
def event_place_matching_drafts(facts: FactBase, chooser: Chooser) -> Iterable[Draft]:
    """Events in places far apart, each to its place (the places masked in the titles)."""
    # Cities only: a building or an island (« Maison-Blanche », « île Rousski ») is matched by
    # its form (the White House to the American president, the Russian-sounding island to
    # Vladimir Poutine).
    placed = [
        e
        for e in _points(facts)
        if e.event.place is not None
        and facts.depth(e.event.place) == 0
        and not takes_article(e.event.place)
        and not _names_other_place(facts, e, e.event.place)
    ]
    groups: list[list[EventFacts]] = []
    # Events of one sequence only: a place of another story is matched by its subject.
    placed.sort(key=lambda e: facts.sequences[e.event.id])
    for item in placed:
        place = item.event.place
        assert place is not None
        if (
            groups
            and len(groups[-1]) < 4
            and facts.same_sequence(item, groups[-1][0])
            and not any(
                facts.related_places(place, other.event.place)
                for other in groups[-1]  # type: ignore[arg-type]
            )
        ):
            groups[-1].append(item)
        elif not groups or len(groups[-1]) == 4 or not facts.same_sequence(item, groups[-1][0]):
            groups.append([item])
    for group in groups:
        if len(group) < 3:
            continue
        places = [e.event.place for e in group]
        subject = "matching:place:" + ",".join(str(e.event.id) for e in group)
        pairs = [
            (f"{_place_stem_title(e, [e.event.place], facts)} ({e.when})", e.event.place.name)  # type: ignore[list-item,union-attr]
            for e in group
        ]
        options = _matching(subject, pairs, chooser)
        actors = {a.id: a for e in group for a in e.actors}
        yield Draft(
            kind=Kind.MATCHING,
            subject=subject,
            facts=[e.fact() for e in group] + [_place_fact(p) for p in places if p],
            stem=_("Associez chaque événement au lieu où il s’est tenu."),
            explanation=_join(*(_story(facts, e) for e in group)),
            key=options[0],
            distractors=options[1:],
            fixed=options,
            event=group[0].event,
            citation=group[0].citation,
            actors=sorted(actors.values(), key=lambda a: a.name),
        )


# Quotations -----------------------------------------------------------------------------------


_CONTINUATION = re.compile(
    r"(?:que|qu'|et|mais|donc|car|ou|parce que|puisque|and|but|that|because|so|or)\b"
)


_NAME_ADDRESSED = re.compile(r",\s*[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*\W*$")
_FIRST_PERSON = re.compile(r"I(?:['’]\w+)?\W*")


def _names_something(facts: FactBase, text: str) -> bool:
    """Whether the words name someone or something: a capitalised word past the first, a
    number, or a people (« nos amis coréens »)."""
    # A name said to someone at the end (« …, Peter. ») names nothing the words are about.
    body = _NAME_ADDRESSED.sub("", text.strip())
    tokens = body.split()
    # English « I », « I'm » is no name, nor a word opening a sentence (« … so. And, you know »).
    words = [
        w
        for before, w in itertools.pairwise(tokens)
        if not _FIRST_PERSON.fullmatch(w) and not _SENTENCE_END.search(before)
    ]
    if any(w[:1].isupper() or any(c.isdigit() for c in w) for w in words):
        return True
    # ``_demonyms`` of every country at once: a word starting with one of their stems.
    stems, starts = _country_stems(facts)
    return any(
        joined.startswith(starts) or any(part.startswith(stems) for part in parts)
        for joined, parts in _words(text)
    )


def _country_stems(facts: FactBase) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The stems of the actors' and places' countries, and the starts of the words derived from
    them (« coree », « intercoree »), once per fact base."""

    def stems() -> tuple[tuple[str, ...], tuple[str, ...]]:
        countries = {a.country for a in facts.actors.values() if a.country}
        countries |= {p.country for p in facts.places if p.country}
        found = tuple(sorted({stem for c in countries if (stem := _country_stem(c))}))
        return found, (*found, *("inter" + stem for stem in found))

    return facts.memo(_country_stems, stems)


def _said_that_day(item: QuoteFacts) -> bool:
    """Whether the words' own day is known: the sentence's or a teacher's date, the event they
    were said at, or a transcript's day. A dateline or a publication date dates the article,
    not always the words: an article's words may be days or years older."""
    quote = item.quote
    basis = quote.said_on_basis
    return quote.said_on is not None and (
        basis in (Quote.DateBasis.TEXT, Quote.DateBasis.EDITOR)
        or (basis == Quote.DateBasis.CONTEXT and item.said_at_event)
        or (item.citation is not None and item.citation.source.format == Source.Format.TRANSCRIPT)
    )


def _reporter(item: QuoteFacts) -> Source | None:
    """The source the stem names instead of a day, for words whose own day is not known: « Selon
    l'article « … » (Wikinews, 23 juin 2018), qui a déclaré … » is true whenever they were said."""
    if _said_that_day(item) or item.citation is None:
        return None
    return item.citation.source


def _credit(source: Source) -> str:
    """« Wikinews, 23 juin 2018 »; an encyclopedia's copy date tells nothing and is left out."""
    when = (
        _short_date(source.published_on)
        if source.published_on and source.format != Source.Format.ENCYCLOPEDIA
        else ""
    )
    return ", ".join(part for part in (source.outlet.strip(), when) if part)


def _distinctive(facts: FactBase, item: QuoteFacts) -> bool:
    """A full statement, long enough that not anyone could have said it, placed in time: by its
    own day, or by the article reporting it when that day is not known (worked out once per
    fact base: several generators ask)."""
    return facts.memo_for(_distinctive, item.quote.id, lambda: _distinctive_now(facts, item))


def _distinctive_now(facts: FactBase, item: QuoteFacts) -> bool:
    quote = item.quote
    reporter = _reporter(item)
    placed = _said_that_day(item) or (
        reporter is not None and bool(_credit(reporter) or reporter.title)
    )
    return (
        quote.kind == Quote.Kind.STATEMENT
        and len(quote.text.split()) >= DISTINCTIVE_WORDS
        and (len(quote.text.split()) >= ANCHORED_WORDS or _names_something(facts, quote.text))
        and quote.said_on is not None
        and placed
        # An interviewer's question is no statement to remember.
        and not quote.text.rstrip(" .»”\"'’").endswith("?")
        # Words that continue a sentence not shown (« Que nous prenons cela au sérieux »)
        # leave the stem without its subject.
        and not _CONTINUATION.match(normalize(quote.text))
        and _self_contained(facts, _shorten(quote.text))
        and not _disfluent(_shorten(quote.text))
    )


def _disfluent(shown: str) -> bool:
    """Speech as it came out rather than a statement (« Wait, wait, wait, wait », « you guys are
    — you guys — you realize »): a word said three times running, or broken off twice."""
    words = re.findall(r"\w+", normalize(shown))
    repeated = any(words[i] == words[i + 1] == words[i + 2] for i in range(len(words) - 2))
    return repeated or len(re.findall(r"\s[—–-]{1,2}\s", shown)) >= 2


def _report(source: Source, hidden: Iterable[str] = ()) -> str:
    """« l’article « Hongrie : le parlement adopte… » (Wikinews, 23 juin 2018) »; without its
    title when the title names one of the options (C1)."""
    title = source.title.strip()
    credit = _credit(source)
    # C1: a part of a name gives it away as well (« Pintér défend la loi » for Sándor Pintér).
    parts = {w for name in hidden for w in re.findall(r"\w[\w'’-]{3,}", name) if w[:1].isupper()}
    if title and not any(mentions(title, part) for part in [*hidden, *parts] if part):
        shown = _quoted(_shorten(title, words=PAIR_WORDS))
        return f"{_('l’article')} {shown}" + (f" ({credit})" if credit else "")
    return _("un article (%(credit)s)") % {"credit": credit}


def _occasion(facts: FactBase, item: QuoteFacts, hidden: Iterable[str] = ()) -> str:
    """« Le 25 avril 2019, sur l'île Rousski » (the place only when said at the event), or the
    article reporting words whose day is not known: « Selon l'article « … » (Wikinews, …) »."""
    reporter = _reporter(item)
    if reporter is not None:
        return capitalized(_("selon %(report)s") % {"report": _report(reporter, hidden)})
    assert item.quote.said_on is not None
    when = capitalized(on_date(_short_date(item.quote.said_on), Precision.DAY))
    if item.said_at_event and item.event and item.event.event.place:
        return f"{when}, {at(place_phrase(item.event.event.place))}"
    return when


def _option_names(*actors: Actor) -> list[str]:
    return [name for actor in actors for name in _names(actor)]


def _speaker_option(actor: Actor, *, is_correct: bool) -> Option:
    tags = frozenset({normalize(actor.country)} if actor.country else ())
    return Option(actor.name, is_correct, actor.alias_list, type=actor.kind, tags=tags)


def _speaker_pool(facts: FactBase, chooser: Chooser, item: QuoteFacts) -> Pool[Actor]:
    """The reviewed actors of the speaker's kind, by slug (once per fact base and kind)."""
    kind = item.speaker.kind
    return facts.memo(
        (_speaker_pool, chooser, kind),
        lambda: chooser.pool(
            (
                a
                for a in sorted(facts.actors.values(), key=lambda a: a.slug)
                if a.kind == kind and not a.is_draft
            ),
            identity=_actor_slug,
        ),
    )


def _actor_slug(actor: Actor) -> str:
    return actor.slug


_SECOND_PERSON = re.compile(r"\b(?:vous|votre|vos|tu|toi|ton|ta|tes|you|your|yours)\b")


def _addresses_someone(text: str) -> bool:
    """Whether the words speak to someone (« votre visite aujourd'hui en Russie »)."""
    return _SECOND_PERSON.search(normalize(text)) is not None


def _one_person(a: Actor, b: Actor) -> bool:
    """Whether two actors are surely the same person under two names (« John Baird »,
    « Environment Minister John Baird »): one's full name of two words or more ends the
    other's. Never a key and its distractor (K2)."""
    if a.id == b.id:
        return True
    return _one_name(_names(a), _names(b))


@functools.lru_cache(maxsize=65_536)
def _one_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    names_a = {normalize(n) for n in a}
    names_b = {normalize(n) for n in b}
    pairs = [(x, y) for x in names_a for y in names_b]
    return any(
        x == y or (len(short.split()) >= 2 and long.endswith(" " + short))
        for x, y in pairs
        for long, short in ((x, y), (y, x))
    )


def _visitor_at_home(facts: FactBase, item: QuoteFacts, actor: Actor) -> bool:
    """D2: words of a visitor that name the country visited (« Je suis venu en Russie ») rule
    out the people of that country, unless the speaker is one of them."""
    text = item.quote.text
    if not actor.country or not _TRAVEL.search(normalize(text)):
        return False
    country = normalize(actor.country)
    named = any(mentions(text, c) for c in _clues(facts, text) if normalize(c) == country)
    return named and normalize(item.speaker.country or "") != country


def _parties(facts: FactBase, item: QuoteFacts) -> set[int]:
    """The people of the meeting or the conversation the words were said at."""
    parties = {a.id for a in item.event.actors} if item.event else set()
    if item.citation is not None:
        parties |= facts.source_people.get(item.citation.source_id, set())
    return parties


def _speaker_valid(facts: FactBase, item: QuoteFacts, actor: Actor) -> bool:
    said = item.quote.said_on
    assert said is not None
    # Words said to someone at a meeting are not that person's: « votre visite en Russie »
    # given to the visitor is false by its words alone.
    addressed = _addresses_someone(item.quote.text) and actor.id in _parties(facts, item)
    return (
        not _one_person(actor, item.speaker)
        and not addressed
        and not _visitor_at_home(facts, item, actor)
        # D2: someone of the speaker's story, not anyone active that day.
        and actor.id in facts.circles.get(item.speaker.id, set())
        and facts.active(actor, said, said)
        and not any(mentions(item.quote.text, name) for name in _names(actor))
    )


def _said_explanation(facts: FactBase, item: QuoteFacts) -> str:
    assert item.quote.said_on is not None
    reporter = _reporter(item)
    if reporter is not None:
        head = _("%(speaker)s a tenu ces propos, rapportés par %(report)s") % {
            "speaker": capitalized(prose_name(item.speaker)),
            "report": _report(reporter),
        }
        return _join(head + ".", _about(facts, item), _source_line(facts, item.citation))
    head = _("%(speaker)s a prononcé ces mots %(when)s") % {
        "speaker": capitalized(prose_name(item.speaker)),
        "when": on_date(_short_date(item.quote.said_on), Precision.DAY),
    }
    if item.event and item.said_at_event:
        head += _(", lors de l’événement %(title)s") % {"title": _quoted(item.event.event.title)}
        if item.event.event.place:
            head += f" ({at(_place_name(facts, item.event.event.place))})"
    return _join(head + ".", _source_line(facts, item.citation))


def _about(facts: FactBase, item: QuoteFacts) -> str:
    """What the article reporting the words tells of their speaker: the first event of the
    speaker the same source gives evidence for."""
    if item.citation is None:
        return ""
    event = _first_reported(facts).get((item.speaker.id, item.citation.source_id))
    return _story(facts, event) if event is not None else ""


def _first_reported(facts: FactBase) -> dict[tuple[int, int], EventFacts]:
    """By actor and source, the first askable event of the actor that the source gives evidence
    for (indexed once, not one scan of every event per quotation)."""

    def index() -> dict[tuple[int, int], EventFacts]:
        found: dict[tuple[int, int], EventFacts] = {}
        for event in facts.events:
            if _askable(event):
                for actor in event.actors:
                    for citation in event.citations:
                        found.setdefault((actor.id, citation.source_id), event)
        return found

    return facts.memo(_first_reported, index)


def _speaker_asked_with_options(facts: FactBase, chooser: Chooser, item: QuoteFacts) -> bool:
    """Whether the « who said it » question with options exists for the words."""
    known = _asked_with_options(facts, chooser, Kind.SPEAKER).pop(item.quote.id, None)
    if known is not None:
        return known
    return len(_speaker_distractors(facts, chooser, item)) >= 2


def _speaker_distractors(facts: FactBase, chooser: Chooser, item: QuoteFacts) -> list[Actor]:
    """The wrong speakers of the « who said it » question on the words."""
    return chooser.pick(
        f"speaker:quote:{item.quote.id}",
        _speaker_pool(facts, chooser, item),
        count=OPTIONS - 1,
        identity=_actor_slug,
        label=lambda a: a.name,
        valid=lambda a: _speaker_valid(facts, item, a),
    )


@generator(Kind.SPEAKER, version=6)
def speaker_drafts(facts: FactBase, chooser: Chooser) -> Iterable[Draft]:
    """« Le 25 avril 2019, sur l'île Rousski, qui a déclaré : « … » ? », distractors the people
    active at that time not named in the words."""
    for item in facts.quotes:
        if not _distinctive(facts, item):
            continue
        subject = f"speaker:quote:{item.quote.id}"
        others = _speaker_distractors(facts, chooser, item)
        _asked_with_options(facts, chooser, Kind.SPEAKER)[item.quote.id] = len(others) >= 2
        if len(others) < 2:
            continue
        stem = _("%(occasion)s, qui a déclaré : %(quote)s ?") % {
            "occasion": _occasion(facts, item, _option_names(item.speaker, *others)),
            "quote": _quoted(_shorten(item.quote.text)),
        }
        key = _speaker_option(item.speaker, is_correct=True)
        distractors = [_speaker_option(a, is_correct=False) for a in others]
        yield Draft(
            kind=Kind.SPEAKER,
            subject=subject,
            facts=[item.fact(), _actor_fact(item.speaker), *sorted(_actor_fact(a) for a in others)],
            stem=stem,
            explanation=_said_explanation(facts, item),
            key=key,
            distractors=distractors,
            event=item.event.event if item.event else None,
            quote=item.quote,
            citation=item.citation,
            actors=[item.speaker],
            # « votre visite en Russie »: only the host fits.
            notes=cue_failures(_clues(facts, item.quote.text), [key, *distractors]),
        )


def _tags(facts: FactBase, item: EventFacts) -> frozenset[str]:
    """What an event fits among the things a stem may name: its place, the places containing it,
    their country."""
    tags: set[str] = set()
    place = item.event.place
    if place is not None:
        for p in [place, *facts.ancestors(place)]:
            tags.update(normalize(n) for n in _names(p))
            if p.country:
                tags.add(normalize(p.country))
    return frozenset(tags)


def _clues(facts: FactBase, text: str) -> list[str]:
    """Places and countries the words name."""
    said = normalize(text)
    return [name for name, key in _clue_names(facts) if mentioned(said, key)]


def _clue_names(facts: FactBase) -> list[tuple[str, str]]:
    """The names of places and countries words may name, each with its comparison key: each
    place's names and country, then the actors' countries (once per fact base)."""

    def names() -> list[tuple[str, str]]:
        found: list[str] = []
        for place in facts.places:
            found += _names(place)
            if place.country:
                found.append(place.country)
        found += [actor.country for actor in facts.actors.values() if actor.country]
        return [(name, normalize(name)) for name in found]

    return facts.memo(_clue_names, names)


_JOINED = re.compile(r"\s*(?:,|et|and|&)?\s*")


def _first_mention(title: str, actor: Actor) -> tuple[int, int] | None:
    """Where the (normalized) title first names the actor."""
    found = [
        (match.start(), match.end())
        for name in _names(actor)
        if name
        for match in [whole_words(normalize(name)).search(title)]
        if match
    ]
    return min(found) if found else None


def _could_speak_at(facts: FactBase, speaker: Actor, item: EventFacts) -> bool:
    """D1/D2: whether the speaker was at the event, as far as its title tells: it names none of
    its people, or the speaker before anyone else (or joined to them by « et »), or names others
    only and takes place in the speaker's country (a host). « Donald Trump accepte de rencontrer
    Kim Jong-un », announced at the White House, is no occasion of Kim Jong-un's words."""
    title = normalize(item.event.title)
    others = [
        span
        for actor in item.actors
        if actor.id != speaker.id
        for span in [_first_mention(title, actor)]
        if span
    ]
    own = _first_mention(title, speaker)
    if own is None:
        if not others:
            return True
        place = item.event.place
        countries = (
            {normalize(p.country) for p in [place, *facts.ancestors(place)] if p.country}
            if place is not None
            else set()
        )
        return bool(speaker.country) and normalize(speaker.country) in countries
    before = [span for span in others if span[0] < own[0]]
    if not before:
        return True
    # « Sommet entre Donald Trump et Kim Jong-un »: both are its subjects.
    last = max(before)
    return _JOINED.fullmatch(title[last[1] : own[0]]) is not None


@generator(Kind.QUOTE_EVENT, version=4)
def quote_event_drafts(facts: FactBase, chooser: Chooser) -> Iterable[Draft]:
    """« À quelle occasion ces mots de … ont-ils été prononcés : « … » ? », when they were said
    during the event, the distractors other events of the speaker."""
    # Each speaker's points in time, in order, indexed once (not one scan of every event per
    # quotation).
    points_of: dict[int, list[EventFacts]] = defaultdict(list)
    for point in _points(facts):
        for pk in dict.fromkeys(a.id for a in point.actors):
            points_of[pk].append(point)
    pools = {pk: chooser.pool(points, identity=_event_slug) for pk, points in points_of.items()}
    for item in facts.quotes:
        if not _distinctive(facts, item) or not item.said_at_event or item.event is None:
            continue
        said = item.quote.said_on
        assert said is not None
        subject = f"quote_event:quote:{item.quote.id}"
        own = item.event
        # C3: what the words name (« en Russie ») and the key fits, every option fits.
        named = _clues(facts, item.quote.text)
        clues = {normalize(c) for c in named} & _tags(facts, own)
        others = chooser.pick(
            subject,
            pools.get(item.speaker.id, []),
            count=OPTIONS - 1,
            identity=_event_slug,
            label=lambda e: e.event.title,
            valid=lambda e, own=own, said=said, clues=clues, item=item: (
                e.event.id != own.event.id
                and _could_speak_at(facts, item.speaker, e)
                and not e.lo - NEAR <= said <= e.hi + NEAR
                and clues <= _tags(facts, e)
            ),
        )
        if len(others) < 2:
            continue
        stem = _("À quelle occasion ces mots %(speaker)s ont-ils été prononcés : %(quote)s ?") % {
            "speaker": de(prose_name(item.speaker)),
            "quote": _quoted(_shorten(item.quote.text)),
        }
        key = Option(own.event.title, True, type="event", tags=_tags(facts, own))
        distractors = [
            Option(e.event.title, False, type="event", tags=_tags(facts, e)) for e in others
        ]
        yield Draft(
            kind=Kind.QUOTE_EVENT,
            subject=subject,
            facts=[item.fact(), own.fact(), *sorted(e.fact() for e in others)],
            stem=stem,
            explanation=_join(_said_explanation(facts, item), own.event.summary),
            key=key,
            distractors=distractors,
            event=own.event,
            quote=item.quote,
            citation=item.citation,
            actors=[item.speaker],
            notes=cue_failures(named, [key, *distractors]),
        )


def _event_slug(item: EventFacts) -> str:
    return item.event.slug


def _pair_quote(item: QuoteFacts) -> str:
    words = _quoted(_shorten(item.quote.text, words=PAIR_WORDS))
    assert item.quote.said_on is not None
    return f"{words} ({_when_said(item)})"


def _when_said(item: QuoteFacts) -> str:
    """« 25 avril 2019 », or the article's credit when the words' own day is not known."""
    reporter = _reporter(item)
    if reporter is not None:
        return _credit(reporter) or _quoted(_shorten(reporter.title, words=PAIR_WORDS))
    assert item.quote.said_on is not None
    return _short_date(item.quote.said_on)


def _stories(facts: FactBase) -> dict[int, int]:
    """For each person, their story: people linked through the events and sources they share
    (Korea's summits are one; an article on a Hungarian law is another)."""
    parent: dict[int, int] = {}

    def root(pk: int) -> int:
        parent.setdefault(pk, pk)
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    for pk, circle in sorted(facts.circles.items()):
        for other in circle:
            parent[root(other)] = root(pk)
    return {pk: root(pk) for pk in parent}


@generator(Kind.MATCHING, version=4)
def quote_speaker_matching_drafts(facts: FactBase, chooser: Chooser) -> Iterable[Draft]:
    """Distinctive statements of different people of one story, each to its speaker: words of
    unrelated articles would be matched by their subject alone (D2), and a new article leaves
    the other stories' questions as they were."""
    by_speaker: dict[int, QuoteFacts] = {}
    for item in facts.quotes:
        if _distinctive(facts, item) and item.speaker.id not in by_speaker:
            by_speaker[item.speaker.id] = item
    stories = _stories(facts)
    by_story: dict[int, list[QuoteFacts]] = defaultdict(list)
    for item in by_speaker.values():
        by_story[stories.get(item.speaker.id, item.speaker.id)].append(item)
    groups = []
    for items in by_story.values():
        chosen = sorted(items, key=lambda q: (q.quote.said_on, q.quote.id))
        groups += [chosen[start : start + 4] for start in range(0, len(chosen), 4)]
    groups.sort(key=lambda g: (g[0].quote.said_on, g[0].quote.id))
    for group in groups:
        if len(group) < 3:
            continue
        names = [n for q in group for n in _names(q.speaker)]
        if any(mentions(q.quote.text, n) for q in group for n in names):
            continue
        subject = "matching:speaker:" + ",".join(str(q.quote.id) for q in group)
        pairs = [(_pair_quote(q), q.speaker.name) for q in group]
        options = _matching(subject, pairs, chooser)
        yield Draft(
            kind=Kind.MATCHING,
            subject=subject,
            facts=[q.fact() for q in group],
            stem=_("Associez chaque déclaration à la personne qui l’a faite."),
            explanation=_join(*(_said_explanation(facts, q) for q in group)),
            key=options[0],
            distractors=options[1:],
            fixed=options,
            quote=group[0].quote,
            citation=group[0].citation,
            actors=[q.speaker for q in group],
        )


def _introduced(before: str, actor: Actor) -> bool:
    """C1: the words just before a name say who it is (« le cher président russe _____ »): a
    word of the person's description or their country there gives the blank away."""
    near = set(normalize(before).replace("’", "'").split()[-4:])
    clues = {w for w in normalize(actor.description).split() if len(w) >= 5}
    if actor.country:
        clues.add(_country_stem(actor.country))
    return any(w in clues or any(c and w.startswith(c) for c in clues) for w in near)


@generator(Kind.CLOZE, version=5)
def cloze_drafts(facts: FactBase, chooser: Chooser) -> Iterable[Draft]:
    """A name in a statement blanked out (a person or a place: what matters), the distractors of
    its type and context. No cloze on an ordinary word: « renforcer » fits where « développer »
    stood."""
    people = facts.people()
    blankable = [
        (thing, re.compile(rf"(?<!\w){re.escape(thing.name)}(?!\w)"))
        for thing in [*people, *facts.places]
    ]
    for item in facts.quotes:
        if not _distinctive(facts, item):
            continue
        text = item.quote.text
        said = item.quote.said_on
        assert said is not None
        found: tuple[int, int, Actor | Place] | None = None
        for thing, pattern in blankable:
            # The name itself first: most words name none of them.
            match = pattern.search(text) if thing.name in text else None
            if match and (found is None or match.start() < found[0]):
                found = (match.start(), match.end(), thing)
        if found is None:
            continue
        start, end, thing = found
        if isinstance(thing, Actor) and _introduced(text[:start], thing):
            continue
        subject = f"cloze:quote:{item.quote.id}:{thing.slug}"
        if isinstance(thing, Actor):
            others_people = chooser.pick(
                subject,
                people,
                count=OPTIONS - 1,
                identity=lambda a: a.slug,
                label=lambda a: a.name,
                valid=lambda a, thing=thing, item=item, said=said, text=text: (
                    not _one_person(a, thing)
                    and a.id != item.speaker.id
                    # D2: people of the story, not anyone active then.
                    and a.id in facts.circles.get(item.speaker.id, set())
                    and facts.active(a, said, said)
                    and not any(mentions(text, n) for n in _names(a))
                ),
            )
            key = Option(thing.name, True, thing.alias_list, type="person")
            distractors = [
                Option(a.name, False, a.alias_list, type="person") for a in others_people
            ]
            extra = [_actor_fact(a) for a in others_people]
        else:
            others_places = chooser.pick(
                subject,
                _places_pool(facts, chooser),
                count=OPTIONS - 1,
                identity=_place_slug,
                label=lambda p: p.name,
                valid=lambda p, thing=thing: (
                    facts.depth(p) == facts.depth(thing) and not facts.related_places(p, thing)
                ),
            )
            key = _place_option(facts, thing, is_correct=True)
            distractors = [_place_option(facts, p, is_correct=False) for p in others_places]
            extra = [_place_fact(p) for p in others_places]
        if len(distractors) < 2:
            continue
        blanked = text[:start] + BLANK + text[end:]
        around = len(text[:start].split())
        stem = _("Complétez ces mots %(speaker)s (%(when)s) : %(quote)s") % {
            "speaker": de(prose_name(item.speaker)),
            "when": _when_said(item),
            "quote": _quoted(_shorten(blanked, around=around)),
        }
        yield Draft(
            kind=Kind.CLOZE,
            subject=subject,
            facts=[item.fact(), key.text, *sorted(extra)],
            stem=stem,
            explanation=_said_explanation(facts, item),
            key=key,
            distractors=distractors,
            event=item.event.event if item.event else None,
            quote=item.quote,
            citation=item.citation,
            actors=[item.speaker],
        )


# True or false --------------------------------------------------------------------------------


def _true_false(
    *,
    subject: str,
    chooser: Chooser,
    true_statement: str,
    false_statement: str,
    right: Option,
    wrong: Option,
    explain_true: str,
    explain_false: str,
) -> tuple[str, list[Option], str, list[str], bool]:
    """One of the two statements (the chooser says which), the options « Vrai » / « Faux », and
    the gates on the falsified value."""
    is_true = chooser.rank(subject, "truth") % 2 == 0
    stem = true_statement if is_true else false_statement
    options = [Option(TRUE, is_true, type="truth"), Option(FALSE, not is_true, type="truth")]
    notes = [] if is_true else fact_failures([right, wrong])
    explanation = explain_true if is_true else explain_false
    return stem, options, explanation, notes, is_true


@generator(Kind.TRUE_FALSE, version=2)
def true_false_date_drafts(facts: FactBase, chooser: Chooser) -> Iterable[Draft]:
    """« L'événement « … » a eu lieu le 12 juin 2018. », true or with a date surely wrong."""
    for index, item in enumerate(_points(facts)):
        event = item.event
        if _title_tells_date(item) or _date_asked_with_options(facts, chooser, item, index):
            continue
        subject = f"true_false:date:{event.id}"
        wrong = _date_distractors(facts, chooser, subject, item, index, 1)
        if not wrong:
            continue
        statement = _("L’événement %(title)s a eu lieu %(when)s.")
        true_statement = statement % {
            "title": _quoted(event.title),
            "when": on_date(item.short_when, item.precision),
        }
        false_statement = statement % {
            "title": _quoted(event.title),
            "when": on_date(wrong[0].text, item.precision),
        }
        story = _join(_story(facts, item), _source_line(facts, item.citation))
        stem, options, explanation, notes, is_true = _true_false(
            subject=subject,
            chooser=chooser,
            true_statement=true_statement,
            false_statement=false_statement,
            right=Option(item.short_when, True, type="date", precision=item.precision),
            wrong=Option(wrong[0].text, False, type="date", precision=item.precision),
            explain_true=_("Vrai.") + " " + story,
            explain_false=_("Faux : pas %(wrong)s.")
            % {"wrong": on_date(wrong[0].text, item.precision)}
            + " "
            + story,
        )
        yield Draft(
            kind=Kind.TRUE_FALSE,
            subject=subject,
            facts=[item.fact(), "true" if is_true else f"false|{wrong[0].text}"],
            stem=stem,
            explanation=explanation,
            key=next(o for o in options if o.is_correct),
            distractors=[o for o in options if not o.is_correct],
            fixed=options,
            event=event,
            citation=item.citation,
            actors=item.actors,
            notes=notes,
        )


@generator(Kind.TRUE_FALSE, version=2)
def true_false_place_drafts(facts: FactBase, chooser: Chooser) -> Iterable[Draft]:
    """« L'événement « … » (date) a eu lieu à Pyongyang. », true or with a place surely wrong; only
    for titles that do not name the place."""
    pool = PlacePool(facts)
    for item in _points(facts):
        event = item.event
        # The place asked with options already: not the same fact twice in the bank.
        if event.place is None or _place_asked_with_options(facts, chooser, pool, item):
            continue
        subject = f"true_false:place:{event.id}"
        found = pool.asked(chooser, subject, item, count=1, minimum=1)
        if found is None:
            continue
        key, others = found
        # The event's own place too: « Sommet de Panmunjom » tells it was in the zone
        # containing Panmunjom.
        names = [
            n for p in [event.place, *facts.ancestors(event.place), key, *others] for n in _names(p)
        ]
        if any(mentions(event.title, n) for n in names):
            continue
        wrong = others[0]
        statement = _("L’événement %(title)s (%(when)s) a eu lieu %(where)s.")
        story = _join(
            _story(facts, item), _taught_note(item, others, key), _source_line(facts, item.citation)
        )
        stem, options, explanation, notes, is_true = _true_false(
            subject=subject,
            chooser=chooser,
            true_statement=statement
            % {"title": _quoted(event.title), "when": item.when, "where": at(place_phrase(key))},
            false_statement=statement
            % {"title": _quoted(event.title), "when": item.when, "where": at(place_phrase(wrong))},
            right=_place_option(facts, key, is_correct=True),
            wrong=_place_option(facts, wrong, is_correct=False),
            explain_true=_("Vrai.") + " " + story,
            explain_false=_("Faux : pas %(where)s.") % {"where": at(place_phrase(wrong))}
            + " "
            + story,
        )
        yield Draft(
            kind=Kind.TRUE_FALSE,
            subject=subject,
            facts=[
                item.fact(),
                _place_fact(key),
                "true" if is_true else f"false|{_place_fact(wrong)}",
            ],
            stem=stem,
            explanation=explanation,
            key=next(o for o in options if o.is_correct),
            distractors=[o for o in options if not o.is_correct],
            fixed=options,
            event=event,
            citation=item.citation,
            actors=item.actors,
            notes=notes,
        )


@generator(Kind.TRUE_FALSE, version=3)
def true_false_speaker_drafts(facts: FactBase, chooser: Chooser) -> Iterable[Draft]:
    """« Le 25 avril 2019, sur l'île Rousski, Vladimir Poutine a déclaré : « … ». », true or given
    to someone active then who did not say it."""
    for item in facts.quotes:
        # Words asked « who said it » with options are not also a statement to judge (one fact,
        # one question).
        if not _distinctive(facts, item) or _speaker_asked_with_options(facts, chooser, item):
            continue
        subject = f"true_false:speaker:{item.quote.id}"
        others = chooser.pick(
            subject,
            _speaker_pool(facts, chooser, item),
            count=1,
            identity=_actor_slug,
            label=lambda a: a.name,
            valid=lambda a, item=item: _speaker_valid(facts, item, a),
        )
        if not others:
            continue
        wrong = others[0]
        statement = _("%(occasion)s, %(speaker)s a déclaré : %(quote)s.")
        values = {
            "occasion": _occasion(facts, item, _option_names(item.speaker, wrong)),
            "quote": _quoted(_shorten(item.quote.text)),
        }
        explanation = _said_explanation(facts, item)
        stem, options, explanation, notes, is_true = _true_false(
            subject=subject,
            chooser=chooser,
            true_statement=statement % {**values, "speaker": prose_name(item.speaker)},
            false_statement=statement % {**values, "speaker": prose_name(wrong)},
            right=Option(item.speaker.name, True, item.speaker.alias_list, type=item.speaker.kind),
            wrong=Option(wrong.name, False, wrong.alias_list, type=wrong.kind),
            explain_true=_("Vrai.") + " " + explanation,
            explain_false=_("Faux : ce n’est pas %(wrong)s.") % {"wrong": prose_name(wrong)}
            + " "
            + explanation,
        )
        yield Draft(
            kind=Kind.TRUE_FALSE,
            subject=subject,
            facts=[
                item.fact(),
                _actor_fact(item.speaker),
                "true" if is_true else f"false|{_actor_fact(wrong)}",
            ],
            stem=stem,
            explanation=explanation,
            key=next(o for o in options if o.is_correct),
            distractors=[o for o in options if not o.is_correct],
            fixed=options,
            event=item.event.event if item.event else None,
            quote=item.quote,
            citation=item.citation,
            actors=[item.speaker],
            notes=notes,
        )


def drafts_make(facts: FactBase, chooser: Chooser) -> Iterator[Draft]:
    """Every draft of every registered generator, in a stable order, one at a time: a large
    bank is never held whole."""
    # The language may have changed since the last build.
    for cache in (_, _date_text, _short_date, _interval):
        cache.cache_clear()
    for _kind, generate in GENERATORS.values():
        yield from generate(facts, chooser)

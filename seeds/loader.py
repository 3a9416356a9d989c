"""The seed corpus into the database: atomic, idempotent, and respectful of teachers' edits.

Every seeded row remembers (``seed_hash``) the state the corpus last gave it. On a new run a row
still in that state is brought up to date; a row whose state differs was edited in the admin, and
the edit is kept and reported as a conflict. A seeded row a teacher deleted is remembered
(summit.tombstones) and not brought back, nor what the corpus hangs on it, unless asked
(``restore_deleted``). Citations of events are found from verbatim excerpts;
quotations are extracted from the articles, never listed by hand.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from quiz.models import Quiz
from seeds.clean import article_clean
from seeds.extract import ExtractedQuote, article_extract
from seeds.mentions import Named, named_actor, named_place
from summit.models import (
    Actor,
    Citation,
    Event,
    Place,
    Precision,
    PublicSource,
    Quote,
    SeedTombstone,
    Source,
)
from summit.text import normalize
from summit.tombstones import quote_seed_key, tombstoned_keys
from summit.versioning import content_changed

DEFAULT_CORPUS = Path(__file__).resolve().parent / "corpus.toml"

CORPUS_UNREADABLE = "Le fichier de corpus {path} est illisible : {error}"
CORPUS_MISSING_KEY = "{what} « {name} » : la clé « {key} » manque dans {path}."
CORPUS_UNKNOWN = "{what} « {name} » renvoie à {target} « {value} », qui n'existe pas dans {path}."
CORPUS_INVALID = "{what} « {name} » est invalide : {error}"
ARTICLE_MISSING = "Source « {name} » : le fichier {file} est introuvable."
ARTICLE_NOT_UTF8 = "Source « {name} » : le fichier {file} n'est pas en UTF-8."
EXCERPT_MISSING = (
    "Événement « {event} » : l'extrait « {excerpt} » est introuvable dans la source « {source} »."
)
PLACE_CYCLE = "Lieu « {name} » : « fait partie de » tourne en rond ({chain}) dans {path}."
PUBLIC_SOURCES_UNREADABLE = (
    "Source « {name} » : le fichier de sources publiques {file} est illisible : {error}"
)
PUBLIC_SOURCES_MISSING = (
    "Source « {name} » : l'événement « {event} » cite la fiche mais {file} ne donne pas les "
    "sources publiques de sa ligne."
)
PUBLIC_SOURCES_UNKNOWN = (
    "Source « {name} » : {file} donne des sources pour « {event} », qui ne cite pas cette fiche."
)
PUBLIC_SOURCE_INVALID = "Source « {name} », ligne de « {event} » dans {file} : {error}"
PUBLIC_SOURCE_NO_SOURCES = "aucune source n'est donnée (« sources » doit en lister au moins une)."
PUBLIC_SOURCE_NO_FIELD = "une source n'a pas de « {key} »."
PUBLIC_SOURCE_BAD_URL = "l'adresse « {url} » n'est pas une adresse web valide (http ou https)."
EXCERPT_AMBIGUOUS = (
    "Événement « {event} » : l'extrait « {excerpt} » apparaît {count} fois dans la source "
    "« {source} » ; allongez-le pour qu'il soit unique."
)


class CorpusError(Exception):
    """The corpus cannot be loaded as written; nothing was changed."""


# What happened to one row.
CREATED, UPDATED, UNCHANGED, CONFLICT, DELETED = (
    "created",
    "updated",
    "unchanged",
    "conflict",
    "deleted",
)
OUTCOMES = (CREATED, UPDATED, UNCHANGED, CONFLICT, DELETED)
_OUTCOME = {
    CREATED: _("créé"),
    UPDATED: _("mis à jour"),
    CONFLICT: _("conservé"),
    DELETED: _("absent"),
}
_KIND = {
    "actor": _("acteur"),
    "place": _("lieu"),
    "source": _("source"),
    "event": _("événement"),
    "quote": _("citation"),
    "quiz": _("quiz"),
}


@dataclass
class LoadReport:
    lines: list[str] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # How many deletions ``restore_deleted`` forgot.
    restored: int = 0

    def add(self, kind: str, name: str, outcome: str, detail: str = "") -> None:
        counts = self.counts.setdefault(kind, dict.fromkeys(OUTCOMES, 0))
        counts[outcome] += 1
        if outcome != UNCHANGED:
            self.lines.append(f"{_OUTCOME[outcome]:10} {_KIND[kind]} {name}{detail}")

    @property
    def changed(self) -> bool:
        return any(c[CREATED] or c[UPDATED] for c in self.counts.values())

    @property
    def conflicts(self) -> int:
        return sum(c[CONFLICT] for c in self.counts.values())

    @property
    def deleted(self) -> int:
        return sum(c[DELETED] for c in self.counts.values())

    def summary(self) -> list[str]:
        return [
            _(
                "%(kind)s : %(created)d créé(s), %(updated)d mis à jour, %(unchanged)d "
                "inchangé(s), %(kept)d conservé(s) car modifié(s) dans l'admin"
            )
            % {
                "kind": _KIND[kind],
                "created": c[CREATED],
                "updated": c[UPDATED],
                "unchanged": c[UNCHANGED],
                "kept": c[CONFLICT],
            }
            for kind, c in self.counts.items()
        ]


def _digest(state: dict[str, Any]) -> str:
    return hashlib.sha256(
        json.dumps(state, sort_keys=True, ensure_ascii=False, default=str).encode()
    ).hexdigest()


# Keys the corpus states that older versions of it did not, with the value they had then. A row
# whose hash was taken before such a key existed, and which still holds that value, is a row the
# corpus wrote, not one a teacher edited.
_ADDED_LATER: dict[str, Any] = {"part_of": None, "public_sources": []}


def _as_corpus_left_it(state: dict[str, Any], seed_hash: str) -> bool:
    if _digest(state) == seed_hash:
        return True
    older = {
        key: value
        for key, value in state.items()
        if not (key in _ADDED_LATER and value == _ADDED_LATER[key])
    }
    return len(older) < len(state) and _digest(older) == seed_hash


def _sync(
    *,
    report: LoadReport,
    kind: str,
    name: str,
    instance: Model | None,
    create: Callable[[], Model],
    desired: dict[str, Any],
    current: Callable[[Model], dict[str, Any]],
    apply: Callable[[Model], None],
    deleted: bool = False,
) -> Model | None:
    """Create, update or leave ``instance`` so that its state is ``desired``, unless a teacher
    changed it since the corpus last wrote it, or ``deleted`` it (then None)."""
    wanted = _digest(desired)
    if instance is None and deleted:
        report.add(kind, name, DELETED, " : " + _("supprimé par un enseignant : conservé tel quel"))
        return None
    if instance is None:
        instance = create()
        apply(instance)
        type(instance).objects.filter(pk=instance.pk).update(seed_hash=wanted)
        instance.seed_hash = wanted
        report.add(kind, name, CREATED)
        return instance
    state = current(instance)
    now = _digest(state)
    if now == wanted:
        if instance.seed_hash != wanted:
            type(instance).objects.filter(pk=instance.pk).update(seed_hash=wanted)
        report.add(kind, name, UNCHANGED)
    elif _as_corpus_left_it(state, instance.seed_hash):
        apply(instance)
        type(instance).objects.filter(pk=instance.pk).update(seed_hash=wanted)
        report.add(kind, name, UPDATED)
    else:
        edited = sorted(
            _field_label(instance, key) for key in desired if state.get(key) != desired[key]
        )
        detail = _(" : modifié dans l'admin (%(fields)s), la modification est gardée") % {
            "fields": ", ".join(edited)
        }
        report.add(kind, name, CONFLICT, detail)
    return instance


def _field_label(instance: Model, key: str) -> str:
    """A field's name as the admin shows it (« titre », « auteur des propos »)."""
    try:
        field = instance._meta.get_field(key)
    except FieldDoesNotExist:
        return key
    if field.one_to_many:  # citations, public sources: rows that point to this one
        return str(field.related_model._meta.verbose_name_plural)
    return str(getattr(field, "verbose_name", "") or _("références"))


def _save(instance: Model, values: dict[str, Any], *, what: str, name: str) -> None:
    for attribute, value in values.items():
        setattr(instance, attribute, value)
    try:
        instance.full_clean(exclude=["seed_hash"])
    except ValidationError as error:
        raise CorpusError(CORPUS_INVALID.format(what=what, name=name, error=error)) from None
    instance.save()


# Reading the corpus file ------------------------------------------------------------------


@dataclass(frozen=True)
class Corpus:
    path: Path
    sources: list[dict[str, Any]]
    actors: list[dict[str, Any]]
    places: list[dict[str, Any]]
    events: list[dict[str, Any]]
    quizzes: list[dict[str, Any]] = field(default_factory=list)
    # For a reference sheet: its public sources by the slug of the event that cites each line.
    public_sources: dict[str, dict[str, list[dict[str, str]]]] = field(default_factory=dict)


def _require(items: Iterable[dict[str, Any]], keys: tuple[str, ...], what: str, path: Path) -> None:
    for item in items:
        for key in keys:
            if key not in item:
                name = item.get("slug", "?")
                raise CorpusError(
                    CORPUS_MISSING_KEY.format(what=what, name=name, key=key, path=path)
                )


def corpus_read(path: Path) -> Corpus:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise CorpusError(CORPUS_UNREADABLE.format(path=path, error=error)) from None
    places = data.get("places", [])
    _require(places, ("slug", "name"), "Lieu", path)
    corpus = Corpus(
        path=path,
        sources=data.get("sources", []),
        actors=data.get("actors", []),
        places=_parents_first(places, path),
        events=data.get("events", []),
        quizzes=data.get("quizzes", []),
    )
    _require(corpus.sources, ("slug", "file", "title", "published_on"), "Source", path)
    _require(corpus.actors, ("slug", "name"), "Acteur", path)
    _require(corpus.events, ("slug", "title", "date", "evidence"), "Événement", path)
    _require(corpus.quizzes, ("slug", "title"), "Quiz", path)
    known = {
        "source": {s["slug"] for s in corpus.sources},
        "actor": {a["slug"] for a in corpus.actors},
        "place": {p["slug"] for p in corpus.places},
    }
    for event in corpus.events:
        references = [("actor", slug) for slug in event.get("actors", [])]
        references += [("source", item.get("source")) for item in event["evidence"]]
        if event.get("place"):
            references.append(("place", event["place"]))
        _check_references("Événement", event["slug"], references, known, path)
        for item in event["evidence"]:
            if not item.get("excerpt"):
                raise CorpusError(
                    CORPUS_MISSING_KEY.format(
                        what="Événement", name=event["slug"], key="excerpt", path=path
                    )
                )
    for place in corpus.places:
        if place.get("part_of"):
            _check_references("Lieu", place["slug"], [("place", place["part_of"])], known, path)
    for quiz in corpus.quizzes:
        references = [("actor", slug) for slug in quiz.get("actors", [])]
        references += [("source", slug) for slug in quiz.get("sources", [])]
        _check_references("Quiz", quiz["slug"], references, known, path)
    for source in corpus.sources:
        if source.get("public_sources"):
            corpus.public_sources[source["slug"]] = _public_sources_read(corpus, source)
    return corpus


def _parents_first(places: list[dict[str, Any]], path: Path) -> list[dict[str, Any]]:
    """Places ordered so that each comes after the place it is part of; a loop is an error."""
    by_slug = {place["slug"]: place for place in places}
    depth: dict[str, int] = {}
    for place in places:
        chain = [place["slug"]]
        parent = place.get("part_of")
        while parent in by_slug:
            if parent in chain:
                raise CorpusError(
                    PLACE_CYCLE.format(
                        name=place["slug"], chain=" → ".join([*chain, parent]), path=path
                    )
                )
            chain.append(parent)
            parent = by_slug[parent].get("part_of")
        depth[place["slug"]] = len(chain)
    return sorted(places, key=lambda place: depth[place["slug"]])


_URL = URLValidator(schemes=["http", "https"])


def _public_sources_read(corpus: Corpus, source: dict[str, Any]) -> dict[str, list[dict[str, str]]]:
    """The public sources of a reference sheet's lines, checked: every event that cites the sheet
    has its line's sources, each with a title, a publisher and, if any, a well-formed address."""
    file = corpus.path.parent / source["public_sources"]
    name = source["slug"]
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise CorpusError(
            PUBLIC_SOURCES_UNREADABLE.format(name=name, file=file, error=error)
        ) from None
    citing = [
        event["slug"]
        for event in corpus.events
        if any(item.get("source") == name for item in event["evidence"])
    ]
    for event in data:
        if event not in citing:
            raise CorpusError(PUBLIC_SOURCES_UNKNOWN.format(name=name, file=file, event=event))
    lines: dict[str, list[dict[str, str]]] = {}
    for event in citing:
        if event not in data:
            raise CorpusError(PUBLIC_SOURCES_MISSING.format(name=name, file=file, event=event))

        def invalid(error: str, event: str = event) -> CorpusError:
            return CorpusError(
                PUBLIC_SOURCE_INVALID.format(name=name, event=event, file=file, error=error)
            )

        items = data[event].get("sources") if isinstance(data[event], dict) else None
        if not isinstance(items, list) or not items:
            raise invalid(PUBLIC_SOURCE_NO_SOURCES)
        lines[event] = []
        for item in items:
            for key in ("title", "publisher"):
                if not isinstance(item, dict) or not str(item.get(key) or "").strip():
                    raise invalid(PUBLIC_SOURCE_NO_FIELD.format(key=key))
            url = str(item.get("url") or "").strip()
            if url:
                try:
                    _URL(url)
                except ValidationError:
                    raise invalid(PUBLIC_SOURCE_BAD_URL.format(url=url)) from None
            lines[event].append(
                {"title": item["title"].strip(), "publisher": item["publisher"].strip(), "url": url}
            )
    return lines


def _check_references(
    what: str,
    name: str,
    references: list[tuple[str, Any]],
    known: dict[str, set[str]],
    path: Path,
) -> None:
    for target, value in references:
        if value not in known[target]:
            raise CorpusError(
                CORPUS_UNKNOWN.format(what=what, name=name, target=target, value=value, path=path)
            )


# Loading ----------------------------------------------------------------------------------


def _lines(values: Iterable[str]) -> str:
    return "\n".join(values)


def _fields_state(row: Model, desired: dict[str, Any]) -> dict[str, Any]:
    return {key: getattr(row, key) for key in desired}


def _load_by_slug(
    items: list[dict[str, Any]],
    report: LoadReport,
    *,
    kind: str,
    what: str,
    model: type[Actor] | type[Place] | type[Source],
    desired_for: Callable[[dict[str, Any]], dict[str, Any]],
    related: tuple[str, ...] = (),
    state_of: Callable[[Any, dict[str, Any]], dict[str, Any]] = _fields_state,
    write: Callable[[Any, dict[str, Any], dict[str, Any]], None] | None = None,
    rows: dict[str, Any] | None = None,
    deleted: set[str] = frozenset(),
) -> dict[str, Any]:
    """Actors, places or sources: rows found by slug whose fields are the corpus's values; the
    ``deleted`` slugs are left out unless their row is there.
    ``state_of`` reads a row's state as the corpus states it, ``write`` writes the corpus's
    state (by default, plain fields); ``related`` is fetched along with the rows. ``rows`` is
    filled as the rows are loaded, so that ``write`` can refer to the rows before."""
    existing = {
        row.slug: row
        for row in model.objects.filter(slug__in=[i["slug"] for i in items]).prefetch_related(
            *related
        )
    }
    rows = {} if rows is None else rows

    def save(row: Model, desired: dict[str, Any], item: dict[str, Any]) -> None:
        _save(row, desired, what=what, name=item["slug"])

    for item in items:
        desired = desired_for(item)
        row = _sync(
            report=report,
            kind=kind,
            name=item["slug"],
            instance=existing.get(item["slug"]),
            create=lambda item=item: model(slug=item["slug"]),
            desired=desired,
            current=lambda row, desired=desired: state_of(row, desired),
            apply=lambda row, desired=desired, item=item: (write or save)(row, desired, item),
            deleted=item["slug"] in deleted,
        )
        if row is not None:
            rows[item["slug"]] = row
    return rows


def _load_places(corpus: Corpus, report: LoadReport, deleted: set[str]) -> dict[str, Place]:
    """Places, each after the place it is part of, so that ``part_of`` can point to it (unless
    a teacher deleted that one)."""
    rows: dict[str, Place] = {}

    def desired_for(item: dict[str, Any]) -> dict[str, Any]:
        desired = _place_fields(item)
        if desired["part_of"] not in rows:
            desired["part_of"] = None
        return desired

    def state_of(place: Place, desired: dict[str, Any]) -> dict[str, Any]:
        state = {key: getattr(place, key) for key in desired if key != "part_of"}
        state["part_of"] = place.part_of.slug if place.part_of else None
        return state

    def write(place: Place, desired: dict[str, Any], item: dict[str, Any]) -> None:
        parent = rows[desired["part_of"]] if desired["part_of"] else None
        _save(place, {**desired, "part_of": parent}, what="Lieu", name=item["slug"])

    return _load_by_slug(
        corpus.places,
        report,
        kind="place",
        what="Lieu",
        model=Place,
        desired_for=desired_for,
        related=("part_of",),
        state_of=state_of,
        write=write,
        rows=rows,
        deleted=deleted,
    )


def _load_sources(corpus: Corpus, report: LoadReport, deleted: set[str]) -> dict[str, Source]:
    def state_of(source: Source, desired: dict[str, Any]) -> dict[str, Any]:
        state = {key: getattr(source, key) for key in desired if key != "public_sources"}
        state["public_sources"] = _public_sources_state(source.public_sources.all())
        return state

    def write(source: Source, desired: dict[str, Any], item: dict[str, Any]) -> None:
        fields = {key: value for key, value in desired.items() if key != "public_sources"}
        _save(source, fields, what="Source", name=item["slug"])
        source.public_sources.all().delete()
        rows = [
            PublicSource(
                source=source,
                start=start,
                end=end,
                position=position,
                title=title,
                publisher=publisher,
                url=url,
            )
            for start, end, position, title, publisher, url in desired["public_sources"]
        ]
        for row in rows:
            try:
                row.full_clean()
            except ValidationError as error:
                raise CorpusError(
                    CORPUS_INVALID.format(what="Source", name=item["slug"], error=error)
                ) from None
        PublicSource.objects.bulk_create(rows)

    return _load_by_slug(
        corpus.sources,
        report,
        kind="source",
        what="Source",
        model=Source,
        desired_for=_source_fields(corpus),
        related=("public_sources",),
        state_of=state_of,
        write=write,
        deleted=deleted,
    )


def _public_sources_state(rows: Iterable[PublicSource]) -> list[list[Any]]:
    """Public sources as the corpus states them; one a teacher added or changed shows up here."""
    return sorted(
        [row.start, row.end, row.position, row.title, row.publisher, row.url] for row in rows
    )


def _actor_fields(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": item["name"],
        "aliases": _lines(item.get("aliases", [])),
        "description": item.get("description", ""),
        "country": item.get("country", ""),
        "kind": item.get("kind", Actor.Kind.PERSON),
        "is_draft": False,
    }


def _coordinate(value: Any) -> Decimal | None:
    # As the database stores it (five decimals), so that an unchanged place compares equal.
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.00001"))


def _place_fields(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": item["name"],
        "aliases": _lines(item.get("aliases", [])),
        "country": item.get("country", ""),
        "latitude": _coordinate(item.get("latitude")),
        "longitude": _coordinate(item.get("longitude")),
        "part_of": item.get("part_of") or None,
    }


def _source_fields(corpus: Corpus) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def fields(item: dict[str, Any]) -> dict[str, Any]:
        file = corpus.path.parent / item["file"]
        try:
            raw_bytes = file.read_bytes()
        except OSError:
            raise CorpusError(ARTICLE_MISSING.format(name=item["slug"], file=file)) from None
        try:
            raw = raw_bytes.decode("utf-8")
        except UnicodeDecodeError:
            raise CorpusError(ARTICLE_NOT_UTF8.format(name=item["slug"], file=file)) from None
        cleaned = article_clean(raw)
        lines = corpus.public_sources.get(item["slug"], {})
        return {
            "title": item["title"],
            "outlet": item.get("outlet", ""),
            "author": item.get("author", "") or cleaned.author,
            "published_on": item["published_on"],
            "language": item.get("language", "fr"),
            "url": item.get("url", ""),
            "text": cleaned.text,
            "raw_filename": file.name,
            "raw_sha256": hashlib.sha256(raw_bytes).hexdigest(),
            "credit": item.get("credit", "") or cleaned.credit,
            "is_reference": item.get("is_reference", False),
            "public_sources": sorted(
                [*_line_span(corpus, event, item["slug"], cleaned.text), position, *values]
                for event, sources in lines.items()
                for position, values in enumerate(
                    (s["title"], s["publisher"], s["url"]) for s in sources
                )
            ),
        }

    return fields


def _line_span(corpus: Corpus, event_slug: str, source_slug: str, text: str) -> tuple[int, int]:
    """The paragraph of a reference sheet that holds the first excerpt an event cites from it."""
    event = next(e for e in corpus.events if e["slug"] == event_slug)
    excerpt = next(i["excerpt"] for i in event["evidence"] if i["source"] == source_slug)
    start, end = _excerpt_span(event_slug, Source(slug=source_slug, text=text), excerpt)
    first = text.rfind("\n\n", 0, start)
    last = text.find("\n\n", end)
    return (0 if first == -1 else first + 2), (len(text) if last == -1 else last)


def _excerpt_span(event_slug: str, source: Source, excerpt: str) -> tuple[int, int]:
    count = source.text.count(excerpt)
    shown = excerpt if len(excerpt) <= 80 else excerpt[:77] + "…"
    if count == 0:
        raise CorpusError(
            EXCERPT_MISSING.format(event=event_slug, excerpt=shown, source=source.slug)
        )
    if count > 1:
        raise CorpusError(
            EXCERPT_AMBIGUOUS.format(
                event=event_slug, excerpt=shown, source=source.slug, count=count
            )
        )
    start = source.text.index(excerpt)
    return start, start + len(excerpt)


def _citations_state(citations: Iterable[Citation]) -> list[list[Any]]:
    """Citations as the corpus states them: (source slug, start, end). A citation a teacher
    added from any other source shows up here too, as an edit."""
    return sorted([c.source.slug, c.start, c.end] for c in citations)


def _set_citations(
    owner: Event | Quote, spans: list[list[Any]], sources: dict[str, Source]
) -> None:
    field_name = "event" if isinstance(owner, Event) else "quote"
    owner.citations.all().delete()
    Citation.objects.bulk_create(
        Citation(source=sources[slug], start=start, end=end, **{field_name: owner})
        for slug, start, end in spans
    )


def _load_events(
    corpus: Corpus,
    report: LoadReport,
    sources: dict[str, Source],
    actors: dict[str, Actor],
    places: dict[str, Place],
    deleted: set[str],
) -> dict[str, Event]:
    """Events, without the actors, place and evidence from sources that a teacher deleted."""
    existing = {
        event.slug: event
        for event in Event.objects.filter(slug__in=[e["slug"] for e in corpus.events])
        .select_related("place")
        .prefetch_related("actors", "citations__source")
    }
    events = {}
    for item in corpus.events:
        spans = sorted(
            [
                evidence["source"],
                *_excerpt_span(item["slug"], sources[evidence["source"]], evidence["excerpt"]),
            ]
            for evidence in item["evidence"]
            if evidence["source"] in sources
        )
        fields = {
            "title": item["title"],
            "summary": item.get("summary", ""),
            "date": item["date"],
            "precision": item.get("precision", Precision.DAY),
            "end_date": item.get("end_date"),
            "fact_check_note": item.get("fact_check_note", ""),
            "published": item.get("published", True),
        }
        place = item.get("place") if item.get("place") in places else None
        event_actors = sorted(slug for slug in item.get("actors", []) if slug in actors)
        desired = {**fields, "place": place, "actors": event_actors, "citations": spans}

        def current(event: Event, fields: dict[str, Any] = fields) -> dict[str, Any]:
            state = {key: getattr(event, key) for key in fields}
            state["place"] = event.place.slug if event.place else None
            state["actors"] = sorted(actor.slug for actor in event.actors.all())
            state["citations"] = _citations_state(event.citations.all())
            return state

        def apply(
            event: Event,
            fields: dict[str, Any] = fields,
            item: dict[str, Any] = item,
            spans=spans,
            place=place,
            event_actors=event_actors,
        ) -> None:
            values = {**fields, "place": places[place] if place else None}
            _save(event, values, what="Événement", name=item["slug"])
            event.actors.set([actors[slug] for slug in event_actors])
            _set_citations(event, spans, sources)

        event = _sync(
            report=report,
            kind="event",
            name=item["slug"],
            instance=existing.get(item["slug"]),
            create=lambda item=item: Event(slug=item["slug"]),
            desired=desired,
            current=current,
            apply=apply,
            deleted=item["slug"] in deleted,
        )
        if event is not None:
            events[item["slug"]] = event
    return events


def _named(items: Iterable[Actor | Place]) -> list[Named]:
    return [named_actor(item) if isinstance(item, Actor) else named_place(item) for item in items]


def _quote_event(
    quote: ExtractedQuote, source: Source, speaker: str, events: list[Event]
) -> Event | None:
    """The event a quotation belongs to: one cited in the same paragraph, else one of the day it
    was said that its speaker took part in."""
    paragraph_start = source.text.rfind("\n", 0, quote.start) + 1
    paragraph_end = source.text.find("\n", quote.end)
    paragraph_end = len(source.text) if paragraph_end == -1 else paragraph_end
    for event in events:
        for citation in event.citations.all():
            if (
                citation.source_id == source.pk
                and paragraph_start <= citation.start < paragraph_end
            ):
                return event
    for event in events:
        if event.date == quote.said_on and speaker in {actor.slug for actor in event.actors.all()}:
            return event
    return None


def _load_quotes(
    report: LoadReport, sources: dict[str, Source], events: dict[str, Event], deleted: set[str]
) -> None:
    actors = list(Actor.objects.all())
    by_slug = {actor.slug: actor for actor in actors}
    named_actors = _named(actors)
    named_places = _named(Place.objects.select_related("part_of"))
    event_list = list(
        Event.objects.filter(pk__in=[event.pk for event in events.values()])
        .prefetch_related("actors", "citations")
        .order_by("date", "slug")
    )
    # The same words by the same speaker are one quotation, with a citation per occurrence.
    grouped: dict[tuple[str, str], list[tuple[Source, ExtractedQuote]]] = {}
    for source in sources.values():
        extraction = article_extract(
            text=source.text,
            published_on=source.published_on,
            language=source.language,
            actors=named_actors,
            places=named_places,
        )
        for quote in extraction.quotes:
            if quote.speaker.key is None:
                report.warnings.append(
                    _("ignorée   citation « %(text)s » de %(source)s : auteur inconnu")
                    % {"text": quote.text[:60], "source": source.slug}
                )
                continue
            grouped.setdefault((normalize(quote.text), quote.speaker.key), []).append(
                (source, quote)
            )

    slugs = {source.pk: slug for slug, source in sources.items()}
    existing_citations = {
        (c.source_id, c.start, c.end): c.quote
        for c in Citation.objects.filter(source__in=list(sources.values()), quote__isnull=False)
        .select_related("quote__speaker", "quote__event")
        .prefetch_related("quote__citations__source")
    }
    for (_key, speaker_slug), occurrences in grouped.items():
        first_source, first = occurrences[0]
        spans = sorted([slugs[source.pk], q.start, q.end] for source, q in occurrences)
        event = _quote_event(first, first_source, speaker_slug, event_list)
        fields = {
            "text": first.text,
            "kind": first.kind,
            "said_on": first.said_on,
            "published": True,
        }
        desired = {
            **fields,
            "speaker": speaker_slug,
            "event": event.slug if event else None,
            "citations": spans,
        }
        instance = next(
            (
                existing_citations[(source.pk, q.start, q.end)]
                for source, q in occurrences
                if (source.pk, q.start, q.end) in existing_citations
            ),
            None,
        )

        def current(quote: Quote, fields: dict[str, Any] = fields) -> dict[str, Any]:
            state = {key: getattr(quote, key) for key in fields}
            state["speaker"] = quote.speaker.slug
            state["event"] = quote.event.slug if quote.event else None
            state["citations"] = _citations_state(quote.citations.all())
            return state

        def apply(
            quote: Quote,
            fields: dict[str, Any] = fields,
            speaker: str = speaker_slug,
            event=event,
            spans=spans,
        ) -> None:
            _save(
                quote,
                {**fields, "speaker": by_slug[speaker], "event": event},
                what="Citation",
                name=fields["text"][:40],
            )
            _set_citations(quote, spans, sources)

        _sync(
            report=report,
            kind="quote",
            name=f"« {first.text if len(first.text) <= 60 else first.text[:57] + '…'} »",
            instance=instance,
            create=Quote,
            desired=desired,
            current=current,
            apply=apply,
            deleted=quote_seed_key(speaker=speaker_slug, text=first.text) in deleted,
        )


def corpus_load(*, path: Path = DEFAULT_CORPUS, restore_deleted: bool = False) -> LoadReport:
    """Load the corpus at ``path`` in one transaction; raise ``CorpusError`` and change nothing
    if it cannot be loaded as written. Rows a teacher deleted stay deleted, unless
    ``restore_deleted``: then their deletions are forgotten and the corpus writes them again."""
    corpus = corpus_read(path)
    report = LoadReport()
    with transaction.atomic():
        if restore_deleted:
            report.restored, _counts = SeedTombstone.objects.all().delete()
        deleted = tombstoned_keys()
        actors = _load_by_slug(
            corpus.actors,
            report,
            kind="actor",
            what="Acteur",
            model=Actor,
            desired_for=_actor_fields,
            deleted=deleted["actor"],
        )
        places = _load_places(corpus, report, deleted["place"])
        sources = _load_sources(corpus, report, deleted["source"])
        events = _load_events(corpus, report, sources, actors, places, deleted["event"])
        _load_quotes(report, sources, events, deleted["quote"])
        _load_quizzes(corpus, report, sources, actors, deleted["quiz"])
        content_changed()  # citations are written in bulk, without signals
    return report


def _load_quizzes(
    corpus: Corpus,
    report: LoadReport,
    sources: dict[str, Source],
    actors: dict[str, Actor],
    deleted: set[str],
) -> None:
    existing = {
        quiz.slug: quiz
        for quiz in Quiz.objects.filter(
            slug__in=[q["slug"] for q in corpus.quizzes]
        ).prefetch_related("actors", "sources")
    }
    for item in corpus.quizzes:
        fields = {
            "title": item["title"],
            "description": item.get("description", ""),
            "size": item.get("size", 10),
            "kinds": list(item.get("kinds", [])),
            "date_from": item.get("date_from"),
            "date_to": item.get("date_to"),
            "mode": item.get("mode", Quiz.Mode.PRACTICE),
            "time_limit": item.get("time_limit"),
            "published": item.get("published", False),
        }
        quiz_actors = sorted(slug for slug in item.get("actors", []) if slug in actors)
        quiz_sources = sorted(slug for slug in item.get("sources", []) if slug in sources)
        desired = {**fields, "actors": quiz_actors, "sources": quiz_sources}

        def current(quiz: Quiz, fields: dict[str, Any] = fields) -> dict[str, Any]:
            state = {key: getattr(quiz, key) for key in fields}
            state["actors"] = sorted(a.slug for a in quiz.actors.all())
            state["sources"] = sorted(s.slug for s in quiz.sources.all())
            return state

        def apply(
            quiz: Quiz,
            fields: dict[str, Any] = fields,
            item: dict[str, Any] = item,
            quiz_actors: list[str] = quiz_actors,
            quiz_sources: list[str] = quiz_sources,
        ) -> None:
            _save(quiz, fields, what="Quiz", name=item["slug"])
            quiz.actors.set([actors[slug] for slug in quiz_actors])
            quiz.sources.set([sources[slug] for slug in quiz_sources])

        _sync(
            report=report,
            kind="quiz",
            name=item["slug"],
            instance=existing.get(item["slug"]),
            create=lambda item=item: Quiz(slug=item["slug"]),
            desired=desired,
            current=current,
            apply=apply,
            deleted=item["slug"] in deleted,
        )

"""Editorial workflows that cross apps: importing an article, publishing or editing content and
keeping the question bank in step, merging two actors or two places.

The admin's actions and forms and the management commands call these functions; they are the only
part of ``summit`` that reaches into ``seeds`` (the import pipeline) and ``quiz`` (the question
bank). Each one that writes does so in one transaction, with the bank rebuilt in it when a
published fact changed, so that a question never outlives the fact it was built from.
"""

from __future__ import annotations

import datetime
import random
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Model, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from quiz.bank import BankReport, question_bank_build
from quiz.jobs import bank_rebuild_enqueue
from quiz.models import Question
from seeds.importer import (
    LANGUAGE_CHOICES,
    UNKNOWN_SPEAKER_NAME,
    ArticleDuplicate,
    ArticleError,
    ArticleNoDate,
    ArticleTimeout,
    ImportResult,
    SpeakerPlan,
    article_prepare,
    article_store,
)
from summit.models import Actor, Citation, Event, Job, Place, Quote
from summit.text import normalize
from summit.versioning import content_changed

__all__ = [
    "LANGUAGE_CHOICES",
    "UNKNOWN_SPEAKER_NAME",
    "ArticleDuplicate",
    "ArticleError",
    "ArticleNoDate",
    "ArticleTimeout",
    "BankReport",
    "ImportResult",
    "MergeError",
    "MergeResult",
    "PublishResult",
    "SpeakerPlan",
    "actor_merge",
    "article_import",
    "article_import_later",
    "bank_rebuild",
    "content_publish",
    "fact_saved",
    "facts_deleted",
    "place_merge",
]

T = TypeVar("T", bound=Model)

MERGE_NOTHING = gettext_noop("Choisissez au moins un autre élément à fusionner avec celui gardé.")
MERGE_ITSELF = gettext_noop("L'élément gardé ne peut pas être fusionné avec lui-même.")

# What the question bank reads of each kind of fact: a change to any of them, on a published
# fact, rebuilds the bank. The citations are the evidence a question shows.
FACT_FIELDS: dict[type[Model], frozenset[str]] = {
    Event: frozenset(
        {
            "title",
            "summary",
            "date",
            "precision",
            "end_date",
            "place",
            "actors",
            "fact_check_note",
            "published",
            "citations",
        }
    ),
    Quote: frozenset(
        {"text", "speaker", "kind", "said_on", "said_on_basis", "event", "published", "citations"}
    ),
    Actor: frozenset({"name", "aliases", "kind", "country", "description", "is_draft"}),
    Place: frozenset({"name", "aliases", "country", "part_of"}),
}


def bank_rebuild() -> BankReport:
    """The question bank brought in line with what is now published (in the caller's
    transaction), with the project's seed so that the same content gives the same bank."""
    return question_bank_build(rng=random.Random(settings.QUIZ_BANK_SEED))


# Import


def article_import(
    *,
    data: bytes,
    filename: str = "",
    title: str = "",
    outlet: str = "",
    published_on: datetime.date | None = None,
    url: str = "",
    language: str = "auto",
    dry_run: bool = False,
    publish: bool = False,
) -> ImportResult:
    """Import an article: read, clean and extract it (no transaction open: students answering
    meanwhile are not held up), then, unless ``dry_run``, store it in one short transaction.

    Stored unpublished for review, or with ``publish`` (an article already reviewed) published at
    once with its new actors, the question bank rebuilt in the same transaction. Raises an
    ``ArticleError`` subclass (``code`` says which) when the article cannot be imported, an
    ``ArticleDuplicate`` when it already was: nothing is written then."""
    result = article_prepare(
        data=data,
        filename=filename,
        title=title,
        outlet=outlet,
        published_on=published_on,
        url=url,
        language=language,
    )
    if dry_run:
        return result
    with transaction.atomic():
        article_store(result, publish=publish)
        content_changed()
        if publish:
            result.bank = bank_rebuild()
    return result


def article_import_later(
    *,
    data: bytes,
    filename: str = "",
    title: str = "",
    outlet: str = "",
    published_on: datetime.date | None = None,
    url: str = "",
    language: str = "auto",
    user: AbstractBaseUser | AnonymousUser | None = None,
) -> Job | None:
    """For an article longer than ``settings.JOBS_IMPORT_THRESHOLD`` bytes, queue its import
    (the arguments of ``article_import``, stored unpublished) for the worker and return the job
    (the same job while the same file's import is queued or running); None for a shorter one,
    which the caller imports at once."""
    # Imported here: the import job itself runs ``article_import`` from this module.
    from seeds.jobs import article_import_enqueue, article_import_is_long

    if not article_import_is_long(data=data):
        return None
    return article_import_enqueue(
        data=data,
        filename=filename,
        title=title,
        outlet=outlet,
        published_on=published_on,
        url=url,
        language=language,
        user=user,
    )


# Publishing and editing


@dataclass
class PublishResult:
    """What publishing changed; the bank's report when it was rebuilt at once, else the job that
    rebuilds it and how many questions left the quizzes meanwhile."""

    changed: int
    bank: BankReport | None = None
    job: Job | None = None
    withdrawn: int = 0


def _pks(items: QuerySet[T] | Iterable[T] | None) -> list[int]:
    if items is None:
        return []
    if isinstance(items, QuerySet):
        return list(items.values_list("pk", flat=True))
    return [item.pk for item in items]


def content_publish(
    *,
    events: QuerySet[Event] | Iterable[Event] | None = None,
    quotes: QuerySet[Quote] | Iterable[Quote] | None = None,
    actors: QuerySet[Actor] | Iterable[Actor] | None = None,
    published: bool,
    rebuild_later: bool = False,
    user: AbstractBaseUser | AnonymousUser | None = None,
) -> PublishResult:
    """Publish or unpublish events and quotations, or mark actors reviewed (or back to be
    checked); the question bank follows in the same transaction when anything changed.

    With ``rebuild_later`` (the admin's actions: a rebuild takes seconds to minutes), the bank is
    rebuilt by the worker (``PublishResult.job``, queued once this commits); what is unpublished
    leaves the quizzes at once all the same: the generated questions asking about it are
    retired in this transaction, as the rebuild would retire them (so that publishing it again
    brings them back), and the rebuild settles the rest."""
    with transaction.atomic():
        changed = 0
        selected: dict[type[Model], list[int]] = {}
        for model, items in ((Event, events), (Quote, quotes)):
            pks = selected[model] = _pks(items)
            if pks:
                rows = model.objects.filter(pk__in=pks).exclude(published=published)
                changed += rows.update(published=published)
        pks = selected[Actor] = _pks(actors)
        if pks:
            rows = Actor.objects.filter(pk__in=pks, is_draft=published)
            changed += rows.update(is_draft=not published)
        if not changed:
            return PublishResult(0)
        content_changed()
        if not rebuild_later:
            return PublishResult(changed, bank_rebuild())
        withdrawn = 0
        if not published:
            withdrawn = _questions_withdrawn(
                events=selected[Event], quotes=selected[Quote], actors=selected[Actor]
            )
        return PublishResult(changed, job=bank_rebuild_enqueue(user=user), withdrawn=withdrawn)


def _questions_withdrawn(*, events: list[int], quotes: list[int], actors: list[int]) -> int:
    """Retire, as the bank's build does, the generated questions (not edited by hand) about
    these events, quotations or actors; returns how many."""
    about = Q(event_id__in=events) | Q(quote_id__in=quotes) | Q(actors__in=actors)
    pks = set(
        Question.objects.active()
        .exclude(fingerprint="")
        .filter(edited=False)
        .filter(about)
        .values_list("pk", flat=True)
    )
    Question.objects.filter(pk__in=pks).update(
        status=Question.Status.RETIRED, retired_at=timezone.now(), retired_by_bank=True
    )
    return len(pks)


def fact_saved(
    *, fact: Event | Quote | Actor | Place, changed: Collection[str], created: bool = False
) -> BankReport | None:
    """An event, quotation, actor or place was saved (by the admin's change form): rebuild the
    question bank when what changed is something its questions read and the fact is, or was
    just, published. ``changed`` names the fields (and ``citations``) that changed."""
    fields = FACT_FIELDS.get(type(fact), frozenset())
    if not (set(changed) & fields) and not created:
        return None
    if isinstance(fact, Event | Quote):
        if not fact.published and "published" not in changed:
            return None
    elif isinstance(fact, Actor) and fact.is_draft and "is_draft" not in changed:
        return None
    with transaction.atomic():
        content_changed()
        return bank_rebuild()


def facts_deleted() -> BankReport:
    """Events, quotations, actors or places were deleted: their questions are retired."""
    with transaction.atomic():
        content_changed()
        return bank_rebuild()


# Merging


class MergeError(ValueError):
    """The merge cannot be done; nothing was changed."""


@dataclass
class MergeResult:
    kept: Actor | Place
    merged_names: list[str]
    moved: dict[str, int] = field(default_factory=dict)
    aliases_added: list[str] = field(default_factory=list)
    bank: BankReport | None = None


def _checked(keep: T, merged: Sequence[T]) -> list[T]:
    others = list(dict.fromkeys(merged))
    if any(other.pk == keep.pk for other in others):
        raise MergeError(gettext(MERGE_ITSELF))
    if not others:
        raise MergeError(gettext(MERGE_NOTHING))
    return others


def _aliases_grown(keep: Actor | Place, merged: Sequence[Actor | Place]) -> list[str]:
    """The kept one's aliases, then every name and alias of the merged ones it lacked."""
    aliases = list(keep.alias_list)
    seen = {normalize(name) for name in keep.all_names}
    added = []
    for other in merged:
        for name in other.all_names:
            if normalize(name) not in seen:
                seen.add(normalize(name))
                aliases.append(name)
                added.append(name)
    keep.aliases = "\n".join(aliases)
    return added


def _subjects_moved(prefix: str, old: Sequence[int], new: int) -> int:
    """Questions whose subject names a merged row (``actor:12``) name the kept one instead."""
    moved = []
    for pk in old:
        pattern = re.compile(rf"(?<![\w-]){prefix}:{pk}(?!\d)")
        for question in Question.objects.filter(subject__contains=f"{prefix}:{pk}"):
            subject = pattern.sub(f"{prefix}:{new}", question.subject)
            if subject != question.subject:
                question.subject = subject
                moved.append(question)
    Question.objects.bulk_update(moved, ["subject"])
    return len(moved)


def _references_moved(model: type[Actor] | type[Place], old: Sequence[int], new: int) -> dict:
    """Every foreign key and many-to-many link to a merged row points at the kept one instead
    (read from the model's relations, so that a relation added later is not forgotten)."""
    moved: dict[str, int] = {}
    for relation in model._meta.related_objects:
        related = relation.related_model
        name = f"{related._meta.model_name}.{relation.field.name}"
        if relation.many_to_many:
            through = relation.through
            owner = relation.field.m2m_field_name()
            target = relation.field.m2m_reverse_field_name()
            rows = through.objects.filter(**{f"{target}_id__in": old})
            owners = set(rows.values_list(f"{owner}_id", flat=True))
            having = set(
                through.objects.filter(
                    **{f"{target}_id": new, f"{owner}_id__in": owners}
                ).values_list(f"{owner}_id", flat=True)
            )
            through.objects.bulk_create(
                [through(**{f"{owner}_id": pk, f"{target}_id": new}) for pk in owners - having]
            )
            rows.delete()
            moved[name] = len(owners)
        elif relation.one_to_many:
            rows = related.objects.filter(**{f"{relation.field.name}_id__in": old})
            if related is model:
                rows = rows.exclude(pk=new)
            moved[name] = rows.update(**{relation.field.name: new})
    return moved


def _quotes_folded(speaker: Actor) -> int:
    """The same words by the same speaker are one quotation: fold the merged speakers' copies
    into one, with all their citations and questions. Returns how many were folded."""
    first: dict[str, Quote] = {}
    folded = 0
    for quote in Quote.objects.filter(speaker=speaker).order_by("-published", "pk"):
        kept = first.setdefault(quote.text, quote)
        if kept is quote:
            continue
        spans = set(kept.citations.values_list("source_id", "start", "end"))
        for citation in quote.citations.all():
            if (citation.source_id, citation.start, citation.end) in spans:
                citation.delete()
            else:
                Citation.objects.filter(pk=citation.pk).update(quote=kept)
        Question.objects.filter(quote=quote).update(quote=kept)
        if kept.event_id is None and quote.event_id is not None:
            kept.event_id = quote.event_id
            kept.save(update_fields=["event"])
        quote.delete()
        folded += 1
    return folded


def actor_merge(*, keep: Actor, merged: Sequence[Actor]) -> MergeResult:
    """Merge actors into ``keep``: their quotations, events and questions move to it, their names
    and aliases become its aliases, and they are deleted; the bank is rebuilt. One transaction."""
    others = _checked(keep, merged)
    old = [other.pk for other in others]
    result = MergeResult(kept=keep, merged_names=[other.name for other in others])
    with transaction.atomic():
        result.moved = _references_moved(Actor, old, keep.pk)
        result.moved["question.subject"] = _subjects_moved("actor", old, keep.pk)
        result.moved["quote.folded"] = _quotes_folded(keep)
        result.aliases_added = _aliases_grown(keep, others)
        for name in ("description", "country"):
            if not getattr(keep, name):
                setattr(
                    keep, name, next((getattr(o, name) for o in others if getattr(o, name)), "")
                )
        Actor.objects.filter(pk__in=old).delete()
        keep.full_clean()
        keep.save()
        content_changed()
        result.bank = bank_rebuild()
    return result


def place_merge(*, keep: Place, merged: Sequence[Place]) -> MergeResult:
    """Merge places into ``keep``: their events and the places inside them move to it, their
    names and aliases become its aliases, and they are deleted; the bank is rebuilt."""
    others = _checked(keep, merged)
    old = [other.pk for other in others]
    result = MergeResult(kept=keep, merged_names=[other.name for other in others])
    with transaction.atomic():
        result.moved = _references_moved(Place, old, keep.pk)
        if keep.part_of_id in old:
            # It was inside one of the merged places: it is now inside what contained that one.
            container = next(o for o in others if o.pk == keep.part_of_id).part_of_id
            keep.part_of_id = None if container in (*old, keep.pk) else container
        result.moved["question.subject"] = _subjects_moved("place", old, keep.pk)
        result.aliases_added = _aliases_grown(keep, others)
        for name in ("country", "latitude", "longitude"):
            if getattr(keep, name) in (None, ""):
                values = [getattr(o, name) for o in others if getattr(o, name) not in (None, "")]
                setattr(keep, name, values[0] if values else getattr(keep, name))
        Place.objects.filter(pk__in=old).delete()
        keep.full_clean()
        keep.save()
        content_changed()
        result.bank = bank_rebuild()
    return result

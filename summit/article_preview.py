"""What the admin shows before an import is confirmed: each extracted quotation and event
candidate in its sentence, the speakers as they will be stored, and what needs a teacher's eye.

Nothing here touches the database: the citations are unsaved rows over an unsaved source, so the
same highlighting as the rest of the admin applies to an article that is not stored yet."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from summit.dates import format_date
from summit.editorial import UNKNOWN_SPEAKER_NAME, ImportResult
from summit.models import Citation, Precision, Quote, Source

LANGUAGE_NAMES = {"fr": _("français"), "en": _("anglais")}
# An event candidate's actor the import would create: this prefix and the person's name (the
# extraction's ``seeds.events.NEW_ACTOR``).
NEW_ACTOR_PREFIX = "new:"


class SpeakerStatus:
    KNOWN = "known"
    NEW = "new"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class PreviewQuote:
    citation: Citation
    speaker: str
    speaker_status: str
    kind: str
    said_on: str
    # Why a new actor would be created (no known one fits), as the extraction says.
    reason: str = ""
    said_on_basis: str = ""


@dataclass(frozen=True)
class PreviewEvent:
    citation: Citation
    date: str
    precision: str
    actors: tuple[str, ...]
    place: str
    title: str = ""
    # The title of the existing event this candidate is evidence for, if it matches one.
    matches: str = ""
    # Where its date comes from: its sentence, the story around it, or the publication.
    date_basis: str = ""


@dataclass
class ArticlePreview:
    result: ImportResult
    quotes: list[PreviewQuote] = field(default_factory=list)
    events: list[PreviewEvent] = field(default_factory=list)
    new_actors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    article: str = ""

    @property
    def source(self) -> Source:
        """The source as it would be stored (unsaved)."""
        return self.result.source

    @property
    def language(self) -> str:
        language = self.source.language
        return str(LANGUAGE_NAMES.get(language, language))

    @property
    def language_detected(self) -> bool:
        return not self.result.language_given

    @property
    def format(self) -> str:
        return str(self.source.get_format_display())


def _article_html(
    text: str, quotes: list[tuple[int, int]], events: list[tuple[int, int]]
) -> SafeString:
    """The whole article, every event sentence and every quotation in a <mark> of its own kind.

    The text is cut at every span boundary so that overlapping spans still nest properly."""
    cuts = sorted({0, len(text), *(n for span in [*quotes, *events] for n in span)})
    parts: list[SafeString] = []
    for start, end in itertools.pairwise(cuts):
        piece: str | SafeString = text[start:end]
        if any(s <= start and end <= e for s, e in quotes):
            piece = format_html('<mark class="summit-import-quote">{}</mark>', piece)
        if any(s <= start and end <= e for s, e in events):
            piece = format_html('<mark class="summit-import-event">{}</mark>', piece)
        parts.append(format_html("{}", piece))
    return format_html_join("", "{}", ((part,) for part in parts))


def _actor_name(result: ImportResult, key: str) -> str:
    """A known actor's name, or a person the import would create, said to be new."""
    if key.startswith(NEW_ACTOR_PREFIX):
        # The name as the import will store it (« Kajsa Bergqvist of Sweden » is Kajsa Bergqvist).
        return gettext("%(name)s (nouvel acteur)") % {"name": result.actor_label(key)}
    return result.actor_names.get(key, key)


def _basis_label(basis: str, bases: dict[str, str]) -> str:
    """What an event candidate's date rests on, as the admin says it of a quotation's date."""
    return str(bases.get(basis, "")) if basis else ""


def article_preview(*, result: ImportResult, date_given: bool) -> ArticlePreview:
    source = result.source
    extraction = result.extraction
    preview = ArticlePreview(result=result)
    kinds = dict(Quote.Kind.choices)
    bases = dict(Quote.DateBasis.choices)
    precisions = dict(Precision.choices)
    preview.new_actors = result.new_actor_names

    for extracted, plan in zip(extraction.quotes, result.speakers, strict=True):
        if plan.is_unknown:
            status = SpeakerStatus.UNKNOWN
        elif plan.is_new:
            status = SpeakerStatus.NEW
        else:
            status = SpeakerStatus.KNOWN
        basis = getattr(extracted, "said_on_basis", "")
        preview.quotes.append(
            PreviewQuote(
                citation=Citation(source=source, start=extracted.start, end=extracted.end),
                speaker=plan.name,
                speaker_status=status,
                kind=str(kinds.get(extracted.kind, extracted.kind)),
                said_on=format_date(extracted.said_on) if extracted.said_on else "—",
                reason=plan.reason if plan.is_new else "",
                said_on_basis=str(bases.get(basis, "")) if basis else "",
            )
        )
    for candidate in extraction.events:
        preview.events.append(
            PreviewEvent(
                citation=Citation(source=source, start=candidate.start, end=candidate.end),
                date=format_date(candidate.date, candidate.precision),
                precision=str(precisions.get(candidate.precision, candidate.precision)),
                actors=tuple(_actor_name(result, key) for key in candidate.actors),
                place=result.place_names[candidate.place] if candidate.place else "",
                title=result.event_title(candidate),
                matches=result.event_titles.get(result.event_match(candidate) or "", ""),
                date_basis=_basis_label(getattr(candidate, "date_basis", ""), bases),
            )
        )
    preview.article = _article_html(
        source.text,
        [(q.start, q.end) for q in extraction.quotes],
        [(e.start, e.end) for e in extraction.events],
    )
    _explain(preview, result, date_given)
    return preview


def _explain(preview: ArticlePreview, result: ImportResult, date_given: bool) -> None:
    source = result.source
    cleaned = result.cleaned
    if not date_given:
        preview.notes.append(
            gettext("Date de publication lue dans l'article : « %(phrase)s » (%(date)s).")
            % {"phrase": cleaned.published_phrase, "date": format_date(source.published_on)}
        )
    if cleaned.title and source.title == cleaned.title:
        preview.notes.append(gettext("Titre repris de l'article."))
    if cleaned.author:
        preview.notes.append(gettext("Auteur : %(name)s.") % {"name": cleaned.author})
    if not source.outlet:
        preview.warnings.append(
            gettext("Média non renseigné : la source sera présentée comme « média inconnu ».")
        )
    if not preview.quotes:
        preview.warnings.append(gettext("Aucune citation entre guillemets n'a été trouvée."))
    if not preview.events:
        preview.warnings.append(gettext("Aucun événement daté n'a été trouvé."))
    unknown = sum(1 for q in preview.quotes if q.speaker_status == SpeakerStatus.UNKNOWN)
    if unknown:
        preview.warnings.append(
            ngettext(
                "%(n)d citation sans auteur identifié : elle sera attribuée à « %(name)s ».",
                "%(n)d citations sans auteur identifié : elles seront attribuées à « %(name)s ».",
                unknown,
            )
            % {"n": unknown, "name": UNKNOWN_SPEAKER_NAME}
        )
    if preview.new_actors:
        preview.warnings.append(
            ngettext(
                "%(n)d nouvel acteur sera créé, à vérifier : %(names)s.",
                "%(n)d nouveaux acteurs seront créés, à vérifier : %(names)s.",
                len(preview.new_actors),
            )
            % {"n": len(preview.new_actors), "names": ", ".join(preview.new_actors)}
        )
    matched = sum(1 for event in preview.events if event.matches)
    if matched:
        preview.notes.append(
            ngettext(
                "%(n)d événement candidat correspond à un événement existant : il en devient une "
                "preuve de plus, pas un doublon.",
                "%(n)d événements candidats correspondent à des événements existants : ils en "
                "deviennent des preuves de plus, pas des doublons.",
                matched,
            )
            % {"n": matched}
        )
    lonely = sum(1 for event in preview.events if not event.actors)
    if lonely:
        preview.warnings.append(
            ngettext(
                "%(n)d événement candidat sans acteur reconnu.",
                "%(n)d événements candidats sans acteur reconnu.",
                lonely,
            )
            % {"n": lonely}
        )
    future = [e for e in result.extraction.events if e.date > source.published_on]
    if future:
        preview.warnings.append(
            ngettext(
                "%(n)d événement candidat est daté après la publication : une annonce ?",
                "%(n)d événements candidats sont datés après la publication : des annonces ?",
                len(future),
            )
            % {"n": len(future)}
        )

"""Importing an article the corpus has never seen: read, clean, extract, then store what was found
for a teacher to review (or published at once, for an article already reviewed).

Two steps, so that the slow one never holds the database's write lock:

- ``article_prepare`` reads, checks, cleans and extracts. It only reads the database, and it
  refuses the article with a typed ``ArticleError`` (each subclass has a ``code``) when it cannot
  be imported: nothing is written then.
- ``article_store`` writes the prepared article in the caller's transaction, with a few bulk
  inserts: it is fast whatever the article's length.

``summit.editorial.article_import`` runs both for the admin and ``manage.py import_article``, and
rebuilds the question bank when the article is published.
"""

from __future__ import annotations

import datetime
import hashlib
import inspect
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dateparser.date import DateDataParser
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_noop

from seeds import extract as extract_module
from seeds.clean import CleanArticle, article_clean
from seeds.extract import Extraction, article_extract
from seeds.mentions import named_actor, named_place
from summit.models import Actor, Citation, Event, Place, Quote, Source
from summit.text import normalize

if TYPE_CHECKING:
    from quiz.bank import BankReport

# Marked here, translated when raised: the constants stay the French text tests assert exactly.
ARTICLE_EMPTY = gettext_noop("Le fichier est vide : il n'y a aucun article à importer.")
ARTICLE_BINARY = gettext_noop(
    "Le fichier n'est pas un texte (contenu binaire) : importez un fichier .txt."
)
ARTICLE_ENCODING = gettext_noop(
    "Le fichier n'est pas encodé en UTF-8 (octet illisible à la position {position}) : "
    "enregistrez-le en UTF-8 puis recommencez."
)
ARTICLE_NO_BODY = gettext_noop(
    "Il ne reste aucun texte une fois les menus et la publicité retirés."
)
ARTICLE_NO_DATE = gettext_noop(
    "La date de publication est introuvable dans l'article : indiquez-la avec "
    "--published AAAA-MM-JJ."
)
ARTICLE_BAD_LANGUAGE = gettext_noop(
    "Langue « {language} » non prise en charge : choisissez auto (détection), fr ou en."
)
ARTICLE_BAD_URL = gettext_noop(
    "Adresse de l'article invalide « {url} » : attendu une adresse complète, "
    "comme https://exemple.fr/article."
)
ARTICLE_TIMEOUT = gettext_noop(
    "L'extraction a dépassé la limite de {seconds} s : l'article est trop long ou trop "
    "inhabituel pour être importé d'un coup. Importez-le en plusieurs parties."
)
ARTICLE_DUPLICATE = gettext_noop(
    "Cet article a déjà été importé : c'est la source « {title} » ({slug})."
)
ARTICLE_INVALID = gettext_noop("L'article ne peut pas être enregistré : {reasons}")
UNKNOWN_SPEAKER_NAME = "Auteur à identifier"
# An event candidate's actor that no known actor is: ``"new:" + the person's name``.
NEW_ACTOR_PREFIX = "new:"
NEW_EVENT_ACTOR_REASON = gettext_noop(
    "Aucun acteur connu ne s'appelle {name} ; nommé dans l'événement « {title} »."
)
LANGUAGE_CHOICES = ("auto", "fr", "en")
# The language a text is taken to be in when it cannot be detected.
DEFAULT_LANGUAGE = "fr"


class ArticleError(Exception):
    """The article cannot be imported; nothing was written. ``code`` says why."""

    code = "article"


class ArticleEmpty(ArticleError):
    code = "empty"


class ArticleBinary(ArticleError):
    code = "binary"


class ArticleEncoding(ArticleError):
    code = "encoding"


class ArticleNoBody(ArticleError):
    code = "no_body"


class ArticleNoDate(ArticleError):
    code = "no_date"


class ArticleBadLanguage(ArticleError):
    code = "language"


class ArticleBadUrl(ArticleError):
    code = "url"


class ArticleTimeout(ArticleError):
    code = "timeout"


class ArticleInvalid(ArticleError):
    code = "invalid"


class ArticleDuplicate(ArticleError):
    """The same file, or the same article body, is already a source."""

    code = "duplicate"

    def __init__(self, source: Source) -> None:
        self.source = source
        super().__init__(gettext(ARTICLE_DUPLICATE).format(title=source.title, slug=source.slug))


def article_decode(data: bytes) -> str:
    """The text of an uploaded or read file, or a clear ``ArticleError``."""
    if not data.strip():
        raise ArticleEmpty(gettext(ARTICLE_EMPTY))
    if b"\x00" in data[:8192]:
        raise ArticleBinary(gettext(ARTICLE_BINARY))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleEncoding(gettext(ARTICLE_ENCODING).format(position=error.start)) from None
    controls = sum(1 for char in text[:8192] if ord(char) < 32 and char not in "\n\r\t\f")
    if controls > 8:
        raise ArticleBinary(gettext(ARTICLE_BINARY))
    if not text.strip():
        raise ArticleEmpty(gettext(ARTICLE_EMPTY))
    return text


# The pipeline's modules grow keywords (language, deadline, events) independently of this one:
# each is passed only where the function takes it.
def _supported(function: Callable[..., Any], **keywords: Any) -> dict[str, Any]:
    parameters = inspect.signature(function).parameters
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()):
        return keywords
    return {name: value for name, value in keywords.items() if name in parameters}


def _language_detect(text: str) -> str:
    try:
        from seeds.lang import language_detect  # optional until it exists
    except ImportError:
        return DEFAULT_LANGUAGE
    return language_detect(text) or DEFAULT_LANGUAGE


def _published_from(phrase: str, language: str) -> datetime.date | None:
    """The day a « Publié le … » / "Published …" line gives."""
    if not phrase:
        return None
    try:
        from seeds.dates import publication_date  # optional until it exists
    except ImportError:
        publication_date = None
    if publication_date is not None:
        return publication_date(phrase, language=language)
    data = DateDataParser(
        languages=[language], settings={"PREFER_DAY_OF_MONTH": "first"}
    ).get_date_data(phrase)
    if data.date_obj is None or data.period != "day":
        return None
    return data.date_obj.date()


def _dateline_date(text: str, language: str) -> datetime.date | None:
    """The day a dateline opening the text gives (« PARIS, 12 juin 2018 — »), if it is a day."""
    try:
        from seeds.dates import dateline  # optional until it exists
    except ImportError:
        return None
    mention = dateline(text, language=language, published_on=None)
    if mention is None or getattr(mention, "precision", "day") != "day":
        return None
    return mention.date


def _known_events() -> list[Any]:
    """The stored events as the extraction matches candidates against them, when it does."""
    try:
        from seeds.events import KnownEvent  # optional until it exists
    except ImportError:
        return []
    events = Event.objects.select_related("place").prefetch_related("actors")
    return [
        KnownEvent(
            slug=event.slug,
            date=event.date,
            precision=event.precision,
            end_date=event.end_date,
            actors=tuple(actor.slug for actor in event.actors.all()),
            place=event.place.slug if event.place else None,
            title=event.title,
        )
        for event in events
    ]


def _timeout_types() -> tuple[type[BaseException], ...]:
    timeout = getattr(extract_module, "ExtractionTimeout", None)
    return (timeout,) if timeout is not None else ()


def time_limit() -> float:
    """Seconds an import's reading and extraction may take (``SUMMIT_IMPORT_TIME_LIMIT``)."""
    return float(getattr(settings, "SUMMIT_IMPORT_TIME_LIMIT", 60))


@dataclass(frozen=True)
class SpeakerPlan:
    """Who a quotation will be stored under: a known actor's slug, or a new actor's name."""

    name: str
    slug: str | None = None
    reason: str = ""

    @property
    def is_unknown(self) -> bool:
        """Nobody named: stored under a placeholder actor, never under a named person."""
        return self.name == UNKNOWN_SPEAKER_NAME

    @property
    def is_new(self) -> bool:
        return self.slug is None and not self.is_unknown


def new_actor_name(key: str) -> str | None:
    """The name a ``"new:…"`` actor key gives, or None for a known actor's slug."""
    if not key.startswith(NEW_ACTOR_PREFIX):
        return None
    return person_name(key[len(NEW_ACTOR_PREFIX) :]) or None


# « Kajsa Bergqvist of Sweden », « John Kirby of the NSC »: a name, then where the person is from.
_OF_WHERE = re.compile(
    r"(?P<name>[^\s,]+(?:\s+[^\s,]+)+?),?\s+of\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*"
)


# Words that make a name a body's, not a person's (« Open Society Foundations », « UNHCR »).
_BODY_WORDS = re.compile(
    r"\b(?:foundations?|fondations?|organi[sz]ations?|ministry|minist[eè]re|council|conseil"
    r"|committee|comit[eé]|union|party|parti|agency|agence|commission|office|bureau"
    r"|institute|institut|university|universit[eé]|association|society|soci[eé]t[eé]"
    r"|department|d[eé]partement|government|gouvernement|parliament|parlement|assembly"
    r"|assembl[eé]e|court|cour|tribunal|bank|banque|company|compagnie|group|groupe|nations"
    r"|international|network|r[eé]seau|center|centre|house|maison|kremlin|police|army|arm[eé]e"
    r"|news|press|presse|inc|ltd|corp)\b",
    re.IGNORECASE,
)


def actor_kind(name: str) -> str:
    """Whether a new name is a person's or a body's: a word like « foundation », « ministère »,
    or an acronym (« OSF », « UNHCR ») names an institution."""
    if _BODY_WORDS.search(name) or re.fullmatch(r"[A-Z]{2,}(?:[-\s][A-Z]{2,})*", name.strip()):
        return Actor.Kind.INSTITUTION
    return Actor.Kind.PERSON


def person_name(name: str) -> str:
    """A new actor's name as the actor list shows it: single spaces, without the country or body
    an English text appends to it (« Kajsa Bergqvist of Sweden » is Kajsa Bergqvist). A
    transcript's turn label (« R », « Q. ») names nobody: empty."""
    name = " ".join(name.split())
    match = _OF_WHERE.fullmatch(name)
    name = match["name"] if match else name
    return name if re.search(r"[^\W\d_]{2}", name) else ""


@dataclass
class ImportResult:
    """An article prepared for storing (``stored`` False: nothing written) or stored."""

    source: Source
    cleaned: CleanArticle
    extraction: Extraction
    actor_names: dict[str, str]
    place_names: dict[str, str]
    event_titles: dict[str, str]
    speakers: list[SpeakerPlan]
    language_given: bool = False
    stored: bool = False
    published: bool = False
    new_actors: tuple[str, ...] = ()
    matched_events: int = 0
    bank: BankReport | None = None
    # Who each event candidate will be linked to, in the extraction's order: known actors and
    # the new people its clause names (the same new actor as a speaker of the same name).
    event_actors: list[list[SpeakerPlan]] = field(default_factory=list)

    @property
    def new_actor_names(self) -> list[str]:
        """The actors this import would create, in reading order: new speakers, then the new
        people the new events name."""
        names = [plan.name for plan in self.speakers if plan.is_new]
        for candidate, plans in zip(self.extraction.events, self.event_actors, strict=False):
            if self.event_match(candidate) is None:
                names += [plan.name for plan in plans if plan.is_new]
        return list(dict.fromkeys(names))

    def new_actor_reason(self, name: str) -> str:
        """Why the import creates the actor ``name``: its speaker's reason, or the event that
        names it."""
        for plan in self.speakers:
            if plan.is_new and plan.name == name and plan.reason:
                return plan.reason
        for candidate, plans in zip(self.extraction.events, self.event_actors, strict=False):
            if any(plan.is_new and plan.name == name for plan in plans):
                return gettext(NEW_EVENT_ACTOR_REASON).format(
                    name=name, title=self.event_title(candidate)
                )
        return ""

    def actor_label(self, key: str) -> str:
        """The name an extraction's actor key stands for (a known actor's or a new one's)."""
        return self.actor_names.get(key) or new_actor_name(key) or key

    def event_match(self, candidate: Any) -> str | None:
        """The slug of the existing event a candidate is evidence for, if it still exists."""
        slug = getattr(candidate, "matches", None)
        return slug if slug in self.event_titles else None

    def event_title(self, candidate: Any) -> str:
        return getattr(candidate, "title", "") or _short_title(candidate.sentence)

    def as_json(self) -> dict[str, Any]:
        """The ``import_article --json`` contract."""
        source = self.source
        extraction = self.extraction
        return {
            "source": {
                "slug": source.slug,
                "title": source.title,
                "outlet": source.outlet,
                "author": source.author,
                "published_on": source.published_on.isoformat(),
                "language": source.language,
                "format": source.format,
                "url": source.url,
                "raw_filename": source.raw_filename,
                "raw_sha256": source.raw_sha256,
                "text": source.text,
                "stored": self.stored,
                "published": self.published,
                # An article already imported is refused (ArticleDuplicate) before any result.
                "already_imported": False,
            },
            "quotes": [
                {
                    "text": quote.text,
                    "speaker": plan.name if not plan.is_unknown else None,
                    "kind": quote.kind,
                    "start": quote.start,
                    "end": quote.end,
                    "said_on": quote.said_on.isoformat() if quote.said_on else None,
                    "said_on_basis": getattr(quote, "said_on_basis", Quote.DateBasis.TEXT),
                    "event": self._quote_event(quote),
                }
                for quote, plan in zip(extraction.quotes, self.speakers, strict=True)
            ],
            "events": [
                {
                    "title": self.event_title(event),
                    "date": event.date.isoformat(),
                    "precision": event.precision,
                    "sentence": event.sentence,
                    "start": event.start,
                    "end": event.end,
                    "actors": [self.actor_label(key) for key in event.actors],
                    "place": self.place_names[event.place] if event.place else None,
                    "matches": self.event_match(event),
                }
                for event in extraction.events
            ],
            "actors": [self.actor_label(key) for key in extraction.actors],
            "places": [self.place_names[key] for key in extraction.places],
        }

    def _quote_event(self, quote: Any) -> str | None:
        """The slug of an existing event the quotation was said at, or the title of the new
        candidate it belongs to."""
        slug = getattr(quote, "event", None)
        if slug in self.event_titles:
            return slug
        index = getattr(quote, "event_candidate", None)
        if index is not None and 0 <= index < len(self.extraction.events):
            candidate = self.extraction.events[index]
            return self.event_match(candidate) or self.event_title(candidate)
        return None


def _unique_slug(model: type[Source] | type[Event] | type[Actor], base: str) -> str:
    base = (slugify(base) or "sans-titre")[:90].strip("-")
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def _unique_slugs(model: type[Source] | type[Event] | type[Actor], bases: list[str]) -> list[str]:
    """One free slug per base, in two queries whatever the number of bases."""
    cleaned = [(slugify(base) or "sans-titre")[:90].strip("-") for base in bases]
    taken: set[str] = set()
    for prefix in set(cleaned):
        taken.update(model.objects.filter(slug__startswith=prefix).values_list("slug", flat=True))
    slugs = []
    for base in cleaned:
        slug, number = base, 2
        while slug in taken:
            slug = f"{base}-{number}"
            number += 1
        taken.add(slug)
        slugs.append(slug)
    return slugs


# Tries at free slugs when concurrent imports take the same ones.
SLUG_ATTEMPTS = 5


def _create_with_slugs(
    model: type[Source] | type[Event] | type[Actor], rows: list[Any], bases: list[str]
) -> None:
    """Insert ``rows`` each with a free slug made from its base. Two imports may both read a
    slug as free (a new person of the same name, an article of the same title) and the second
    insert then fails on its unique index: it is undone to a savepoint and the slugs are chosen
    again, now that the other import's are visible. Any other integrity error is raised."""
    for attempt in range(1, SLUG_ATTEMPTS + 1):
        slugs = _unique_slugs(model, bases)
        for row, slug in zip(rows, slugs, strict=True):
            row.slug = slug
        try:
            with transaction.atomic():
                if model is Source:
                    for row in rows:
                        row.save()
                else:
                    model.objects.bulk_create(rows)
        except IntegrityError:
            for row in rows:
                row.pk = None
            if attempt == SLUG_ATTEMPTS or not model.objects.filter(slug__in=slugs).exists():
                raise
        else:
            return


def _short_title(sentence: str, limit: int = 90) -> str:
    if len(sentence) <= limit:
        return sentence
    return sentence[:limit].rsplit(" ", 1)[0].rstrip(",;: ") + "…"


def _url_checked(url: str) -> str:
    url = url.strip()
    if not url:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ArticleBadUrl(gettext(ARTICLE_BAD_URL).format(url=url)) from None
    if len(url) > Source._meta.get_field("url").max_length:
        raise ArticleBadUrl(gettext(ARTICLE_BAD_URL).format(url=url[:80] + "…"))
    return url


def _speaker_plans(
    extraction: Extraction, actors: list[Actor], actor_names: dict[str, str]
) -> list[SpeakerPlan]:
    """Each quotation's speaker as it will be stored. A new name that is already an actor's name
    or alias is that actor: an import never makes a second identity for a known person."""
    by_name: dict[str, str] = {}
    for actor in actors:
        for name in actor.all_names:
            by_name.setdefault(normalize(name), actor.slug)
    plans = []
    # One new actor per person however the text spells them (« Jean Martin », « JEAN MARTIN »).
    spelled: dict[str, str] = {}
    for quote in extraction.quotes:
        speaker = quote.speaker
        if speaker.key and speaker.key in actor_names:
            plans.append(SpeakerPlan(actor_names[speaker.key], speaker.key))
            continue
        new_name = person_name(speaker.new_name or "")
        if not new_name:
            plans.append(
                SpeakerPlan(UNKNOWN_SPEAKER_NAME, by_name.get(normalize(UNKNOWN_SPEAKER_NAME)))
            )
            continue
        known = by_name.get(normalize(new_name)) or _ending_with(new_name, by_name)
        if known is not None:
            plans.append(SpeakerPlan(actor_names[known], known))
        else:
            new_name = spelled.setdefault(normalize(new_name), new_name)
            plans.append(SpeakerPlan(new_name, None, getattr(speaker, "reason", "")))
    # « Environment Minister John Baird » and « John Baird » in one text: one new actor.
    shortest = {normalize(plan.name): plan.name for plan in plans if plan.is_new}
    return [
        SpeakerPlan(found, None, plan.reason)
        if plan.is_new and (found := _ending_with(plan.name, shortest)) is not None
        else plan
        for plan in plans
    ]


def _ending_with(name: str, names: dict[str, str]) -> str | None:
    """The value for the longest other name of two words or more that ends ``name`` (« John
    Baird » for « Environment Minister John Baird »): a title before a name is the same person."""
    folded = normalize(name)
    found = [
        key
        for key in names
        if key != folded and len(key.split()) >= 2 and folded.endswith(" " + key)
    ]
    return names[max(found, key=len)] if found else None


def _event_actor_plans(
    extraction: Extraction,
    actors: list[Actor],
    actor_names: dict[str, str],
    speakers: list[SpeakerPlan],
) -> list[list[SpeakerPlan]]:
    """Whom each event candidate will be linked to. A known slug is that actor; ``"new:" +
    name`` is the known actor of that name or alias if there is one, else the new actor of that
    name, the same one as a new speaker so spelled; any other key is dropped."""
    by_name: dict[str, str] = {}
    for actor in actors:
        for name in actor.all_names:
            by_name.setdefault(normalize(name), actor.slug)
    spelled = {normalize(plan.name): plan.name for plan in speakers if plan.is_new}
    plans_per_event = []
    for candidate in extraction.events:
        plans: dict[str, SpeakerPlan] = {}
        for key in getattr(candidate, "actors", ()):
            if key in actor_names:
                plans.setdefault(key, SpeakerPlan(actor_names[key], key))
                continue
            name = new_actor_name(key)
            if name is None or normalize(name) == normalize(UNKNOWN_SPEAKER_NAME):
                continue
            known = by_name.get(normalize(name)) or _ending_with(name, by_name)
            if known is not None:
                plans.setdefault(known, SpeakerPlan(actor_names[known], known))
                continue
            name = _ending_with(name, spelled) or name
            name = spelled.setdefault(normalize(name), name)
            plans.setdefault(NEW_ACTOR_PREFIX + normalize(name), SpeakerPlan(name))
        plans_per_event.append(list(plans.values()))
    return plans_per_event


def _spans_checked(extraction: Extraction) -> None:
    """Citations must point at exactly the words they back: refuse an extraction that does not."""
    text = extraction.text
    problems = [
        f"« {quote.text[:40]} »"
        for quote in extraction.quotes
        if not (0 <= quote.start < quote.end <= len(text))
        or text[quote.start : quote.end] != quote.text
    ]
    problems += [
        f"[{event.start}:{event.end}]"
        for event in extraction.events
        if not (0 <= event.start < event.end <= len(text))
    ]
    if problems:
        raise ArticleInvalid(
            gettext(ARTICLE_INVALID).format(
                reasons=gettext("passages mal placés : %(spans)s") % {"spans": ", ".join(problems)}
            )
        )


def article_prepare(
    *,
    data: bytes,
    filename: str = "",
    title: str = "",
    outlet: str = "",
    published_on: datetime.date | None = None,
    url: str = "",
    language: str = "auto",
    deadline: float | None = None,
) -> ImportResult:
    """Read, check, clean and extract an article; write nothing.

    Refused with an ``ArticleError`` subclass: an empty, binary or non-UTF-8 file, no text left
    after cleaning, no publication date, an unknown language, a bad address, an extraction past
    ``deadline`` (a ``time.monotonic()`` value; by default the ``SUMMIT_IMPORT_TIME_LIMIT``
    from now) and an article already imported (the same file, or the same cleaned text)."""
    if deadline is None:
        deadline = time.monotonic() + time_limit()
    if language not in LANGUAGE_CHOICES:
        raise ArticleBadLanguage(gettext(ARTICLE_BAD_LANGUAGE).format(language=language))
    url = _url_checked(url)
    raw = article_decode(data)
    sha256 = hashlib.sha256(data).hexdigest()
    same_file = Source.objects.filter(raw_sha256=sha256).first()
    if same_file is not None:
        raise ArticleDuplicate(same_file)
    language_given = language != "auto"
    if not language_given:
        language = _language_detect(raw)
    cleaned = article_clean(raw, **_supported(article_clean, language=language))
    if not cleaned.text.strip():
        raise ArticleNoBody(gettext(ARTICLE_NO_BODY))
    # The same article pasted rather than uploaded differs in its bytes, not in its body.
    same_text = Source.objects.filter(text=cleaned.text).first()
    if same_text is not None:
        raise ArticleDuplicate(same_text)
    if not language_given:
        # The body without the page around it says more than the raw page did.
        language = _language_detect(cleaned.text)
    published_on = (
        published_on
        or _published_from(cleaned.published_phrase, language)
        or _dateline_date(cleaned.text, language)
    )
    if published_on is None:
        raise ArticleNoDate(gettext(ARTICLE_NO_DATE))

    actors = list(Actor.objects.all())
    places = list(Place.objects.select_related("part_of"))
    actor_names = {actor.slug: actor.name for actor in actors}
    place_names = {place.slug: place.name for place in places}
    known_events = _known_events()
    event_titles = dict(Event.objects.values_list("slug", "title"))
    try:
        extraction = article_extract(
            text=cleaned.text,
            published_on=published_on,
            actors=[named_actor(actor) for actor in actors],
            places=[named_place(place) for place in places],
            **_supported(
                article_extract,
                language=language,
                events=known_events,
                deadline=deadline,
                # The headline names a transcript's role holders ("Remarks by President …").
                title=title.strip() or cleaned.title,
            ),
        )
    except _timeout_types():
        raise ArticleTimeout(gettext(ARTICLE_TIMEOUT).format(seconds=_seconds())) from None
    # An extraction that does not watch the clock is held to the same limit once it returns.
    if time.monotonic() > deadline:
        raise ArticleTimeout(gettext(ARTICLE_TIMEOUT).format(seconds=_seconds()))
    _spans_checked(extraction)

    title = title.strip() or cleaned.title or filename.rsplit(".", 1)[0] or "Article sans titre"
    source = Source(
        slug=_unique_slug(Source, f"{title} {published_on.isoformat()}"),
        title=title[:300],
        outlet=outlet.strip()[:200],
        author=cleaned.author[:200],
        published_on=published_on,
        # A language the teacher chose stands; otherwise what the extraction read the text as.
        language=language if language_given else getattr(extraction, "language", "") or language,
        format=getattr(extraction, "format", "") or Source.Format.ARTICLE,
        url=url,
        text=cleaned.text,
        raw_filename=filename[:255],
        raw_sha256=sha256,
        credit=cleaned.credit[:300],
    )
    try:
        source.full_clean(exclude=["slug"], validate_unique=False)
    except ValidationError as error:
        reasons = " ".join(error.messages)
        raise ArticleInvalid(gettext(ARTICLE_INVALID).format(reasons=reasons)) from None
    speakers = _speaker_plans(extraction, actors, actor_names)
    return ImportResult(
        source=source,
        cleaned=cleaned,
        extraction=extraction,
        actor_names=actor_names,
        place_names=place_names,
        event_titles=event_titles,
        speakers=speakers,
        language_given=language_given,
        event_actors=_event_actor_plans(extraction, actors, actor_names, speakers),
    )


def _seconds() -> str:
    limit = time_limit()
    return f"{limit:g}"


def article_store(result: ImportResult, *, publish: bool = False) -> ImportResult:
    """Write a prepared article in the caller's transaction: its source, its quotations (the
    same words by the same speaker are one quotation with one more citation), its event
    candidates (one matching an existing event is a new citation of it, not a second event)
    and the actors no known one fits. Unpublished for review, or published with ``publish``:
    then new actors are marked reviewed too, except the placeholder for unknown speakers, and
    its quotations stay unpublished."""
    assert transaction.get_connection().in_atomic_block, "store inside a transaction"
    source = result.source
    # Re-checked inside the transaction: the article may have been stored since it was read.
    twin = (
        Source.objects.filter(raw_sha256=source.raw_sha256).first()
        or Source.objects.filter(text=source.text).first()
    )
    if twin is not None:
        raise ArticleDuplicate(twin)
    _create_with_slugs(Source, [source], [f"{source.title} {source.published_on.isoformat()}"])
    extraction = result.extraction

    actors = {actor.slug: actor for actor in Actor.objects.all()}
    by_name: dict[str, str] = {}
    for actor in actors.values():
        for name in actor.all_names:
            by_name.setdefault(normalize(name), actor.slug)

    def resolved(plan: SpeakerPlan) -> SpeakerPlan:
        # An actor merged or deleted since the article was read is found again by its name,
        # which a merge keeps as an alias; a new name an actor has taken since (another import
        # of the same person) is that actor; else a new actor.
        if plan.slug is not None and plan.slug in actors:
            return plan
        return SpeakerPlan(plan.name, by_name.get(normalize(plan.name)), plan.reason)

    result.speakers = [resolved(plan) for plan in result.speakers]
    event_actors = [[resolved(plan) for plan in plans] for plans in result.event_actors]
    event_actors += [[] for _ in range(len(extraction.events) - len(event_actors))]
    result.event_actors = event_actors

    places = {place.slug: place for place in Place.objects.all()}
    wanted = {result.event_match(candidate) for candidate in extraction.events}
    wanted |= {getattr(quote, "event", None) for quote in extraction.quotes}
    existing_events = {
        event.slug: event for event in Event.objects.filter(slug__in=wanted - {None})
    }

    def is_new_event(candidate: Any) -> bool:
        return result.event_match(candidate) not in existing_events

    # One actor per new name, whether it speaks, is named by a new event, or both.
    new_names = [plan.name for plan in result.speakers if plan.slug is None]
    for candidate, plans in zip(extraction.events, event_actors, strict=True):
        if is_new_event(candidate):
            new_names += [plan.name for plan in plans if plan.slug is None]
    new_names = list(dict.fromkeys(name[:200] for name in new_names))
    created = [
        Actor(
            name=name,
            kind=actor_kind(name),
            is_draft=not publish or name == UNKNOWN_SPEAKER_NAME,
            description="",
        )
        for name in new_names
    ]
    _create_with_slugs(Actor, created, new_names)
    by_new_name = {
        actor.name: actor for actor in Actor.objects.filter(slug__in=[a.slug for a in created])
    }
    if publish:
        # Reviewed with the article: the known actors it quotes or its events name as well.
        reviewed = {plan.slug for plan in result.speakers if plan.slug}
        reviewed |= {plan.slug for plans in event_actors for plan in plans if plan.slug}
        Actor.objects.filter(slug__in=reviewed, is_draft=True).exclude(
            name=UNKNOWN_SPEAKER_NAME
        ).update(is_draft=False)

    def speaker_of(plan: SpeakerPlan) -> Actor:
        if plan.slug is not None:
            return actors[plan.slug]
        return by_new_name[plan.name[:200]]

    # Candidates: a new event each, or evidence for the existing event they match.
    candidate_events: list[Event] = []
    new_events: list[tuple[Event, list[SpeakerPlan]]] = []
    bases: list[str] = []
    for number, (candidate, plans) in enumerate(
        zip(extraction.events, event_actors, strict=True), start=1
    ):
        if not is_new_event(candidate):
            candidate_events.append(existing_events[result.event_match(candidate) or ""])
            continue
        bases.append(f"{source.slug}-{number}")
        event = Event(
            title=result.event_title(candidate)[:300],
            summary=candidate.sentence,
            date=candidate.date,
            precision=candidate.precision,
            end_date=_end_date(candidate),
            place=places.get(candidate.place) if candidate.place else None,
            published=publish,
        )
        candidate_events.append(event)
        new_events.append((event, plans))
    _create_with_slugs(Event, [event for event, _ in new_events], bases)
    ids = dict(
        Event.objects.filter(slug__in=[e.slug for e, _ in new_events]).values_list("slug", "pk")
    )
    for event, _ in new_events:
        event.pk = ids[event.slug]
    links = {(event.pk, speaker_of(plan).pk): None for event, plans in new_events for plan in plans}
    Event.actors.through.objects.bulk_create(
        [Event.actors.through(event_id=event_id, actor_id=actor_id) for event_id, actor_id in links]
    )
    result.matched_events = len(extraction.events) - len(new_events)

    citations: dict[tuple, Citation] = {}
    for event, candidate in zip(candidate_events, extraction.events, strict=True):
        key = ("event", event.pk, candidate.start, candidate.end)
        citations.setdefault(
            key, Citation(source=source, event=event, start=candidate.start, end=candidate.end)
        )

    quotes = _quotes_store(result, speaker_of, existing_events, candidate_events, publish)
    for quote, extracted in zip(quotes, extraction.quotes, strict=True):
        key = ("quote", quote.pk, extracted.start, extracted.end)
        citations.setdefault(
            key, Citation(source=source, quote=quote, start=extracted.start, end=extracted.end)
        )
    Citation.objects.bulk_create(list(citations.values()))
    result.stored = True
    result.published = publish
    result.new_actors = tuple(actor.name for actor in created)
    return result


def _end_date(candidate: Any) -> datetime.date | None:
    """An end date before the start is no end date (the database refuses it)."""
    end = getattr(candidate, "end_date", None)
    return end if end is not None and end >= candidate.date else None


def _quotes_store(
    result: ImportResult,
    speaker_of: Callable[[SpeakerPlan], Actor],
    existing_events: dict[str, Event],
    candidate_events: list[Event],
    publish: bool,
) -> list[Quote]:
    """The quotation stored for each extracted one, in order."""
    extraction = result.extraction
    speakers = [speaker_of(plan) for plan in result.speakers]
    texts = {quote.text for quote in extraction.quotes}
    stored: dict[tuple[str, int], Quote] = {}
    for quote in Quote.objects.filter(text__in=texts, speaker__in={s.pk for s in speakers}):
        stored.setdefault((quote.text, quote.speaker_id), quote)
    again = [quote.pk for quote in stored.values()]
    new: dict[tuple[str, int], Quote] = {}
    for extracted, speaker in zip(extraction.quotes, speakers, strict=True):
        key = (extracted.text, speaker.pk)
        if key in stored or key in new:
            continue
        new[key] = Quote(
            text=extracted.text,
            speaker=speaker,
            kind=extracted.kind,
            said_on=extracted.said_on,
            said_on_basis=getattr(extracted, "said_on_basis", "") or Quote.DateBasis.TEXT,
            event=_quote_event(extracted, existing_events, candidate_events),
            published=publish and speaker.name != UNKNOWN_SPEAKER_NAME,
        )
    Quote.objects.bulk_create(list(new.values()))
    if any(quote.pk is None for quote in new.values()):
        # A database that does not return the new ids: read them back.
        for quote in Quote.objects.filter(
            text__in={key[0] for key in new}, speaker__in={key[1] for key in new}
        ).exclude(pk__in=again):
            new[(quote.text, quote.speaker_id)] = quote
    if publish and again:
        Quote.objects.filter(pk__in=again).exclude(speaker__name=UNKNOWN_SPEAKER_NAME).update(
            published=True
        )
    stored.update(new)
    return [
        stored[(extracted.text, speaker.pk)]
        for extracted, speaker in zip(extraction.quotes, speakers, strict=True)
    ]


def _quote_event(
    extracted: Any, existing_events: dict[str, Event], candidate_events: list[Event]
) -> Event | None:
    slug = getattr(extracted, "event", None)
    if slug and slug in existing_events:
        return existing_events[slug]
    index = getattr(extracted, "event_candidate", None)
    if index is not None and 0 <= index < len(candidate_events):
        return candidate_events[index]
    return None

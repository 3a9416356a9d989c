"""Content model: articles (sources), who acts, where, what happened, what was said, and the
citations that tie every fact back to a span of an article's cleaned text."""

from __future__ import annotations

from functools import cached_property, lru_cache

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from summit.images import validate_event_image
from summit.text import sentence_spans


def alias_lines(raw: str) -> list[str]:
    """Aliases are stored one per line so that a teacher edits them as plain text."""
    return [line.strip() for line in raw.splitlines() if line.strip()]


@lru_cache(maxsize=256)
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    """A text's sentence spans, kept for the texts read most recently: a page of corrections cites
    the same articles again and again, each time from a new instance."""
    return tuple(sentence_spans(text))


class Source(models.Model):
    slug = models.SlugField(_("identifiant"), max_length=100, unique=True)
    title = models.CharField(_("titre"), max_length=300)
    outlet = models.CharField(
        _("média"), max_length=200, blank=True, help_text=_("Laisser vide si inconnu.")
    )
    author = models.CharField(_("auteur"), max_length=200, blank=True)
    published_on = models.DateField(
        _("date de publication"),
        help_text=_(
            "Les dates relatives de l'article (« mercredi », « l'an dernier ») en partent."
        ),
    )

    class Format(models.TextChoices):
        ARTICLE = "article", _("article de presse")
        TRANSCRIPT = "transcript", _("transcription")
        ENCYCLOPEDIA = "encyclopedia", _("texte encyclopédique")

    language = models.CharField(_("langue"), max_length=10, default="fr")
    format = models.CharField(
        _("forme du texte"),
        max_length=20,
        choices=Format.choices,
        default=Format.ARTICLE,
        help_text=_("Article, transcription (tours de parole) ou texte encyclopédique."),
    )
    url = models.URLField(_("adresse"), max_length=500, blank=True)
    text = models.TextField(
        _("texte nettoyé"),
        help_text=_(
            "Corps de l'article sans les menus ni la publicité. Les citations pointent dans ce "
            "texte : le modifier déplace leurs positions."
        ),
    )
    raw_filename = models.CharField(_("fichier d'origine"), max_length=255, blank=True)
    raw_sha256 = models.CharField(_("empreinte SHA-256 du fichier"), max_length=64, blank=True)
    credit = models.CharField(_("crédits et droits"), max_length=300, blank=True)
    is_reference = models.BooleanField(
        _("source de référence"),
        default=False,
        help_text=_("Ouvrage ou page de référence plutôt qu'article de presse."),
    )
    seed_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["published_on", "slug"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.title

    @cached_property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        return _sentences(self.text)

    def sentence_around(self, start: int, end: int) -> tuple[int, int]:
        """The span of the sentence(s) that contain ``[start, end)``."""
        first, last = start, end
        for s_start, s_end in self.sentences:
            if s_start <= start < s_end:
                first = s_start
            if s_start < end <= s_end:
                last = s_end
                break
        return first, last


class Actor(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", _("personne")
        INSTITUTION = "institution", _("institution")

    slug = models.SlugField(_("identifiant"), max_length=100, unique=True)
    name = models.CharField(_("nom"), max_length=200)
    aliases = models.TextField(
        _("autres appellations"),
        blank=True,
        help_text=_(
            "Une par ligne : variantes du nom et périphrases qui le désignent dans les articles "
            "(« le dirigeant nord-coréen »)."
        ),
    )
    description = models.CharField(_("description courte"), max_length=300, blank=True)
    country = models.CharField(_("pays"), max_length=100, blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.PERSON)
    is_draft = models.BooleanField(
        _("à vérifier"),
        default=False,
        help_text=_("Créé automatiquement à l'import d'un article : à relire avant usage."),
    )
    seed_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("acteur")
        verbose_name_plural = _("acteurs")

    def __str__(self) -> str:
        return self.name

    @property
    def alias_list(self) -> list[str]:
        return alias_lines(self.aliases)

    @property
    def all_names(self) -> list[str]:
        return [self.name, *self.alias_list]


class Place(models.Model):
    slug = models.SlugField(_("identifiant"), max_length=100, unique=True)
    name = models.CharField(_("nom"), max_length=200)
    aliases = models.TextField(
        _("autres appellations"),
        blank=True,
        help_text=_("Une par ligne (« Russky », « Rousski »)."),
    )
    country = models.CharField(_("pays"), max_length=100, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("En degrés décimaux, de -90 (pôle Sud) à 90 (pôle Nord) : 43.11981."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_(
            "En degrés décimaux, de -180 à 180, positive à l'est de Greenwich : 131.88692."
        ),
    )
    part_of = models.ForeignKey(
        "self",
        verbose_name=_("fait partie de"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="parts",
        help_text=_(
            "Le lieu plus vaste qui le contient (l'île Rousski fait partie de Vladivostok)."
        ),
    )
    seed_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("lieu")
        verbose_name_plural = _("lieux")

    def __str__(self) -> str:
        return self.name

    @property
    def alias_list(self) -> list[str]:
        return alias_lines(self.aliases)

    @property
    def all_names(self) -> list[str]:
        return [self.name, *self.alias_list]

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def on_map(self) -> bool:
        """Whether the map shows it: at its own coordinates or at those of the place it is
        part of (load ``part_of`` with it)."""
        if self.has_coordinates:
            return True
        return self.part_of_id is not None and self.part_of.has_coordinates

    def clean(self) -> None:
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(PLACE_HALF_COORDINATES)


PLACE_HALF_COORDINATES = _("Donnez la latitude et la longitude, ou aucune des deux.")
EVENT_IMAGE_INCOMPLETE = _(
    "Une image demande son texte alternatif, son crédit et sa licence : remplissez les trois, "
    "ou retirez l'image."
)
EVENT_IMAGE_DETAILS_WITHOUT_IMAGE = _(
    "Le texte alternatif, le crédit et la licence accompagnent une image : ajoutez l'image ou "
    "videz ces champs."
)


class Precision(models.TextChoices):
    DAY = "day", _("jour")
    MONTH = "month", _("mois")
    YEAR = "year", _("année")
    APPROXIMATE = "approximate", _("approximative")


class EventQuerySet(models.QuerySet["Event"]):
    def published(self) -> EventQuerySet:
        return self.filter(published=True)

    def chronological(self) -> EventQuerySet:
        return self.order_by("date", "slug")


class Event(models.Model):
    slug = models.SlugField(_("identifiant"), max_length=120, unique=True)
    title = models.CharField(_("titre"), max_length=300)
    summary = models.TextField(_("résumé"), blank=True)
    date = models.DateField(
        _("date"),
        help_text=_(
            "Pour une précision au mois, à l'année ou approximative, le premier jour de la "
            "période (ou le jour connu) : seule la partie précise est affichée."
        ),
    )
    precision = models.CharField(
        _("précision de la date"), max_length=20, choices=Precision.choices, default=Precision.DAY
    )
    end_date = models.DateField(_("date de fin"), null=True, blank=True)
    place = models.ForeignKey(
        Place,
        verbose_name=_("lieu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    actors = models.ManyToManyField(
        Actor, verbose_name=_("acteurs"), blank=True, related_name="events"
    )
    fact_check_note = models.TextField(
        _("note de vérification"),
        blank=True,
        help_text=_("Où l'article se trompe ou reste vague, et ce qu'il en est réellement."),
    )
    image = models.ImageField(
        _("image"),
        upload_to="events/",
        blank=True,
        width_field="image_width",
        height_field="image_height",
        validators=[validate_event_image],
        help_text=_(
            "JPEG, PNG ou WebP. Une image que vous avez le droit de montrer : donnez son crédit "
            "et sa licence."
        ),
    )
    # Filled from the file, so that pages reserve the image's room before it loads.
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        _("texte alternatif"),
        max_length=300,
        blank=True,
        help_text=_(
            "Ce que montre l'image, pour qui ne la voit pas (« Kim Jong-un descend du train »)."
        ),
    )
    image_credit = models.CharField(
        _("crédit de l'image"),
        max_length=200,
        blank=True,
        help_text=_("L'auteur ou l'agence (« Photo : Kremlin.ru »)."),
    )
    image_licence = models.CharField(
        _("licence de l'image"),
        max_length=200,
        blank=True,
        help_text=_("« CC BY 4.0 », « domaine public », « avec l'autorisation de l'auteur »…"),
    )
    published = models.BooleanField(_("publié"), default=False)
    seed_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["date", "end_date", "slug"]
        verbose_name = _("événement")
        verbose_name_plural = _("événements")
        indexes = [
            # The timeline's order, its windows, and an event page's previous and next.
            models.Index(fields=["date", "slug"], name="summit_event_date_slug"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("date")),
                name="event_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.end_date and self.date and self.end_date < self.date:
            raise ValidationError({"end_date": _("La date de fin précède la date de début.")})
        details = {
            "image_alt": self.image_alt.strip(),
            "image_credit": self.image_credit.strip(),
            "image_licence": self.image_licence.strip(),
        }
        if self.image:
            missing = [name for name, value in details.items() if not value]
            if missing:
                raise ValidationError(dict.fromkeys(missing, EVENT_IMAGE_INCOMPLETE))
        elif any(details.values()):
            raise ValidationError({"image": EVENT_IMAGE_DETAILS_WITHOUT_IMAGE})


class QuoteQuerySet(models.QuerySet["Quote"]):
    def published(self) -> QuoteQuerySet:
        return self.filter(published=True)


class Quote(models.Model):
    class Kind(models.TextChoices):
        STATEMENT = "statement", _("déclaration")
        FRAGMENT = "fragment", _("fragment")

    text = models.TextField(_("texte exact"), help_text=_("Les mots cités, à la lettre."))
    speaker = models.ForeignKey(
        Actor, verbose_name=_("auteur des propos"), on_delete=models.PROTECT, related_name="quotes"
    )
    kind = models.CharField(
        _("type"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.STATEMENT,
        help_text=_(
            "Déclaration : propos rapportés en entier. Fragment : quelques mots cités au "
            "milieu d'un discours rapporté."
        ),
    )

    class DateBasis(models.TextChoices):
        TEXT = "text", _("date donnée par la phrase")
        CONTEXT = "context", _("date du contexte (dateline, paragraphe, événement)")
        PUBLICATION = "publication", _("date de publication, faute de mieux")
        EDITOR = "editor", _("date vérifiée par un enseignant")

    said_on = models.DateField(_("date des propos"), null=True, blank=True)
    said_on_basis = models.CharField(
        _("origine de la date"),
        max_length=20,
        choices=DateBasis.choices,
        default=DateBasis.TEXT,
        help_text=_("D'où vient la date des propos : la publication n'est qu'un dernier recours."),
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("événement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="quotes",
    )
    published = models.BooleanField(_("publié"), default=False)
    seed_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuoteQuerySet.as_manager()

    class Meta:
        ordering = ["said_on", "id"]
        indexes = [
            models.Index(fields=["speaker", "said_on", "id"], name="summit_quote_speaker_said"),
        ]
        verbose_name = _("citation rapportée")
        verbose_name_plural = _("citations rapportées")

    def __str__(self) -> str:
        text = self.text if len(self.text) <= 80 else self.text[:77] + "…"
        return f"« {text} »"


class Citation(models.Model):
    """A span ``[start, end)`` of a source's cleaned text that backs an event or a quote."""

    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.CASCADE, related_name="citations"
    )
    start = models.PositiveIntegerField(_("début"))
    end = models.PositiveIntegerField(_("fin"))
    event = models.ForeignKey(
        Event,
        verbose_name=_("événement"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="citations",
    )
    quote = models.ForeignKey(
        Quote,
        verbose_name=_("citation rapportée"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="citations",
    )

    class Meta:
        ordering = ["source__published_on", "source_id", "start"]
        verbose_name = _("référence")
        verbose_name_plural = _("références")
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="citation_span"),
            models.CheckConstraint(
                condition=(Q(event__isnull=False) & Q(quote__isnull=True))
                | (Q(event__isnull=True) & Q(quote__isnull=False)),
                name="citation_backs_one_thing",
            ),
            models.UniqueConstraint(
                fields=["source", "start", "end", "event"],
                condition=Q(event__isnull=False),
                name="citation_unique_event_span",
            ),
            models.UniqueConstraint(
                fields=["source", "start", "end", "quote"],
                condition=Q(quote__isnull=False),
                name="citation_unique_quote_span",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} [{self.start}:{self.end}]"

    @property
    def excerpt(self) -> str:
        return self.source.text[self.start : self.end]

    def sentence_parts(self) -> tuple[str, str, str]:
        """The sentence around the span, cut in three: before, the span itself, after."""
        first, last = self.source.sentence_around(self.start, self.end)
        text = self.source.text
        return text[first : self.start], text[self.start : self.end], text[self.end : last]

    def clean(self) -> None:
        errors: dict[str, str] = {}
        # Neither is checked by the form and the database; an inline sets its parent on save.
        if self.event_id is not None and self.quote_id is not None:
            errors["event"] = _("Une référence appuie soit un événement, soit une citation.")
        if self.source_id is not None and self.start is not None and self.end is not None:
            length = len(self.source.text)
            if not 0 <= self.start < self.end <= length:
                errors["end"] = _("La plage doit tenir dans le texte de la source (0 à %(n)s).") % {
                    "n": length
                }
            elif self.quote_id is not None and self.excerpt != self.quote.text:
                errors["start"] = _("Le passage cité ne correspond pas au texte de la citation.")
        if errors:
            raise ValidationError(errors)


class PublicSource(models.Model):
    """A public work (an encyclopedia article, an official text, an agency dispatch) that a passage
    of a reference sheet rests on, for students to check the sheet against."""

    source = models.ForeignKey(
        Source,
        verbose_name=_("fiche de référence"),
        on_delete=models.CASCADE,
        related_name="public_sources",
    )
    start = models.PositiveIntegerField(_("début du passage"))
    end = models.PositiveIntegerField(_("fin du passage"))
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    title = models.CharField(_("titre"), max_length=300)
    publisher = models.CharField(_("éditeur ou média"), max_length=200)
    url = models.URLField(
        _("adresse"),
        max_length=500,
        blank=True,
        help_text=_("Laisser vide si l'adresse n'a pas pu être vérifiée."),
    )

    class Meta:
        ordering = ["source_id", "start", "position"]
        verbose_name = _("source publique")
        verbose_name_plural = _("sources publiques")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="public_source_span"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.publisher} : {self.title}"

    @property
    def passage(self) -> str:
        return self.source.text[self.start : self.end]


TIMELINE_DEFAULT_TITLE = _("Trump, Kim, Poutine : la séquence 2018–2019")
TIMELINE_DEFAULT_DESCRIPTION = _(
    "Les événements rapportés par les articles, dans l’ordre, chacun avec les phrases qui le "
    "prouvent."
)


class TimelineSettings(models.Model):
    """The timeline's title and description, written by the teacher for the corpus at hand: the
    timeline's header, its page title and the TimelineJS export's title slide use them. One row;
    ``current()`` gives the defaults until a teacher saves it."""

    title = models.CharField(
        _("titre de la frise"),
        max_length=200,
        help_text=_("En tête de la frise et sur la diapositive de titre de l'export TimelineJS."),
    )
    description = models.TextField(
        _("description"),
        max_length=1000,
        blank=True,
        help_text=_(
            "Une ou deux phrases sous le titre : ce que la frise raconte, d'où elle vient."
        ),
    )

    class Meta:
        verbose_name = _("réglages de la frise")
        verbose_name_plural = _("réglages de la frise")

    def __str__(self) -> str:
        return str(_("Réglages de la frise"))

    def save(self, *args: object, **kwargs: object) -> None:
        self.pk = 1  # one row: the admin edits it, never adds a second one
        super().save(*args, **kwargs)

    @classmethod
    def current(cls) -> TimelineSettings:
        """The saved settings, or the defaults (in the active language) before any save."""
        saved = cls.objects.filter(pk=1).first()
        if saved is not None:
            return saved
        return cls(
            pk=1, title=str(TIMELINE_DEFAULT_TITLE), description=str(TIMELINE_DEFAULT_DESCRIPTION)
        )


class LoginFailure(models.Model):
    """A failed sign-in to the admin, kept as long as the throttling window (summit.throttle).

    In the database rather than in memory so that every worker process sees the same count."""

    username = models.CharField(_("nom d'utilisateur"), max_length=150, blank=True)
    address = models.CharField(_("adresse IP"), max_length=45, blank=True)
    at = models.DateTimeField(_("date"), default=timezone.now)

    class Meta:
        verbose_name = _("échec de connexion")
        verbose_name_plural = _("échecs de connexion")
        indexes = [
            models.Index(fields=["username", "at"], name="summit_loginfail_user_at"),
            models.Index(fields=["address", "at"], name="summit_loginfail_address_at"),
            models.Index(fields=["at"], name="summit_loginfail_at"),
        ]

    def __str__(self) -> str:
        return f"{self.username or '?'} @ {self.address or '?'} ({self.at:%Y-%m-%d %H:%M:%S})"


class ContentVersion(models.Model):
    """A token added whenever what the public pages show may have changed; the newest one is the
    content version.

    Rendered timeline pages are cached under it (summit.versioning): any process that reads a new
    token stops serving what it rendered before."""

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("version du contenu")
        verbose_name_plural = _("versions du contenu")

    def __str__(self) -> str:
        return self.token


class SeedTombstone(models.Model):
    """A row of the seed corpus that a teacher deleted: ``seed`` leaves it deleted, as it leaves
    an edit as it is, until ``seed --restore-deleted``.

    Recorded whenever a seeded row (one with a ``seed_hash``) is deleted (summit.tombstones);
    ``key`` is the row's natural key in the corpus: the slug, or for a quotation its speaker and
    words."""

    kind = models.CharField(_("type"), max_length=20)
    key = models.CharField(_("clé"), max_length=200)
    label = models.CharField(_("élément"), max_length=200, blank=True)
    deleted_at = models.DateTimeField(_("supprimé le"), default=timezone.now)

    class Meta:
        verbose_name = _("élément du corpus supprimé")
        verbose_name_plural = _("éléments du corpus supprimés")
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="summit_seedtombstone_kind_key")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.label or self.key}"


class JobQuerySet(models.QuerySet["Job"]):
    def active(self) -> JobQuerySet:
        return self.filter(state__in=(Job.State.QUEUED, Job.State.RUNNING))


class Job(models.Model):
    """A long piece of work (a bank rebuild, a long import) run by the worker, with the progress
    and the outcome the teacher's job page shows. The task queue only carries the job's id."""

    class State(models.TextChoices):
        QUEUED = "queued", _("en attente")
        RUNNING = "running", _("en cours")
        DONE = "done", _("terminé")
        FAILED = "failed", _("échoué")

    kind = models.CharField(_("type"), max_length=50)
    # Two requests for the same work share one active job (see the constraint below).
    key = models.CharField(_("clé"), max_length=200)
    label = models.CharField(_("libellé"), max_length=200)
    state = models.CharField(_("état"), max_length=10, choices=State, default=State.QUEUED)
    done = models.PositiveIntegerField(_("fait"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    message = models.TextField(_("message"), blank=True)
    summary = models.TextField(_("résumé"), blank=True)
    lines = models.JSONField(_("détails"), default=list, blank=True)
    result_url = models.CharField(_("lien du résultat"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        "auth.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    started_at = models.DateTimeField(_("commencé le"), null=True, blank=True)
    finished_at = models.DateTimeField(_("fini le"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("travail en arrière-plan")
        verbose_name_plural = _("travaux en arrière-plan")
        ordering = ("-created_at",)
        constraints = [
            models.UniqueConstraint(
                fields=("key",),
                condition=Q(state__in=("queued", "running")),
                name="job_one_active_per_key",
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)

    @property
    def percent(self) -> int:
        if self.state == self.State.DONE:
            return 100
        if not self.total:
            return 0
        return min(100, self.done * 100 // self.total)

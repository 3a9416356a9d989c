"""Question bank, quizzes and attempts.

Questions are stored rows so that teachers can review them and an attempt keeps pointing at the
exact question it showed: a question whose facts changed is retired, never deleted.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Protocol

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from summit.models import Actor, Citation, Event, Quote, Source


class Kind(models.TextChoices):
    SPEAKER = "speaker", _("auteur d'une citation")
    DATE = "date", _("date")
    PLACE = "place", _("lieu")
    CHRONOLOGY = "chronology", _("chronologie")
    CLOZE = "cloze", _("texte à trous")
    QUOTE_EVENT = "quote_event", _("citation et événement")
    MULTIPLE = "multiple", _("plusieurs bonnes réponses")
    TRUE_FALSE = "true_false", _("vrai ou faux")
    MATCHING = "matching", _("appariement")
    ORDERING = "ordering", _("remise en ordre")
    MANUAL = "manual", _("rédigée à la main")


GENERATED_KINDS = [kind for kind in Kind if kind != Kind.MANUAL]


class AnswerForm(models.TextChoices):
    """How a student answers a question: what the form asks and what ``Answer`` stores."""

    SINGLE = "single", _("une seule réponse")
    MULTIPLE = "multiple", _("plusieurs réponses")
    MATCHING = "matching", _("associations")
    ORDERING = "ordering", _("rangs")


ANSWER_FORMS: dict[str, AnswerForm] = {
    Kind.MULTIPLE: AnswerForm.MULTIPLE,
    Kind.MATCHING: AnswerForm.MATCHING,
    Kind.ORDERING: AnswerForm.ORDERING,
}

# A true/false question's two options, in the order they are shown. Questions are written in
# French whatever the interface language, so these are content, not interface text.
TRUE_FALSE_TEXTS = ("Vrai", "Faux")

MULTIPLE_OPTIONS = (4, 5)
MATCHING_OPTIONS = (3, 4)
ORDERING_OPTIONS = (3, 5)

MULTIPLE_TOO_FEW_RIGHT = _("Plusieurs bonnes réponses : il faut au moins deux options justes.")
MULTIPLE_NO_WRONG = _("Plusieurs bonnes réponses : il faut au moins une option fausse.")
MULTIPLE_COUNT = _("Plusieurs bonnes réponses : il faut 4 ou 5 options.")
TRUE_FALSE_OPTIONS = _(
    "Vrai ou faux : il faut exactement deux options, « Vrai » et « Faux », dont une juste."
)
MATCHING_COUNT = _("Appariement : il faut 3 ou 4 options.")
MATCHING_PAIR_MISSING = _("Appariement : chaque option a besoin de son élément associé.")
MATCHING_PAIRS_NOT_DISTINCT = _("Appariement : deux options ont le même élément associé.")
ORDERING_COUNT = _("Remise en ordre : il faut de 3 à 5 options.")
ORDERING_RANKS = _(
    "Remise en ordre : les rangs doivent aller de 1 au nombre d’options, sans trou ni doublon."
)
ALL_RIGHT_NEEDED = _(
    "Pour ce type, toutes les options font partie de la bonne réponse : cochez « bonne "
    "réponse » pour chacune."
)
PAIR_NOT_USED = _("Seules les questions d’appariement ont des éléments associés.")
RANK_NOT_USED = _("Seules les questions de remise en ordre ont des rangs.")


class ChoiceLike(Protocol):
    text: str
    is_correct: bool
    pair: str
    rank: int | None


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def kind_convention_failures(kind: str, choices: Sequence[ChoiceLike]) -> list[str]:
    """What the options of a question of this kind break among the conventions the answer
    forms rely on: right and wrong options, pairs, ranks. (Quality gates come on top.)"""
    failures: list[str] = []
    form = ANSWER_FORMS.get(kind, AnswerForm.SINGLE)
    count = len(choices)
    right = sum(1 for choice in choices if choice.is_correct)
    if form != AnswerForm.MATCHING and any(choice.pair.strip() for choice in choices):
        failures.append(str(PAIR_NOT_USED))
    if form != AnswerForm.ORDERING and any(choice.rank is not None for choice in choices):
        failures.append(str(RANK_NOT_USED))
    if kind == Kind.TRUE_FALSE:
        texts = sorted(choice.text.strip() for choice in choices)
        if texts != sorted(TRUE_FALSE_TEXTS) or right != 1:
            failures.append(str(TRUE_FALSE_OPTIONS))
    elif form == AnswerForm.MULTIPLE:
        if not MULTIPLE_OPTIONS[0] <= count <= MULTIPLE_OPTIONS[1]:
            failures.append(str(MULTIPLE_COUNT))
        if right < 2:
            failures.append(str(MULTIPLE_TOO_FEW_RIGHT))
        if right == count and count:
            failures.append(str(MULTIPLE_NO_WRONG))
    elif form == AnswerForm.MATCHING:
        if not MATCHING_OPTIONS[0] <= count <= MATCHING_OPTIONS[1]:
            failures.append(str(MATCHING_COUNT))
        pairs = [_key(choice.pair) for choice in choices]
        if any(not pair for pair in pairs):
            failures.append(str(MATCHING_PAIR_MISSING))
        elif len(set(pairs)) != len(pairs):
            failures.append(str(MATCHING_PAIRS_NOT_DISTINCT))
        if right != count:
            failures.append(str(ALL_RIGHT_NEEDED))
    elif form == AnswerForm.ORDERING:
        if not ORDERING_OPTIONS[0] <= count <= ORDERING_OPTIONS[1]:
            failures.append(str(ORDERING_COUNT))
        if sorted(choice.rank or 0 for choice in choices) != list(range(1, count + 1)):
            failures.append(str(ORDERING_RANKS))
        if right != count:
            failures.append(str(ALL_RIGHT_NEEDED))
    return failures


class QuestionQuerySet(models.QuerySet["Question"]):
    def published(self) -> QuestionQuerySet:
        return self.filter(status=Question.Status.PUBLISHED)

    def active(self) -> QuestionQuerySet:
        """Not retired: what the bank builder compares with and what teachers review."""
        return self.exclude(status=Question.Status.RETIRED)


class Question(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("à relire")
        PUBLISHED = "published", _("publiée")
        RETIRED = "retired", _("retirée")

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.MANUAL)
    stem = models.TextField(_("énoncé"))
    explanation = models.TextField(
        _("explication"), blank=True, help_text=_("Montrée après la réponse.")
    )
    status = models.CharField(
        _("état"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("événement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    quote = models.ForeignKey(
        Quote,
        verbose_name=_("citation rapportée"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    citation = models.ForeignKey(
        Citation,
        verbose_name=_("preuve"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
        help_text=_("La phrase de l'article qui justifie la bonne réponse."),
    )
    actors = models.ManyToManyField(
        Actor, verbose_name=_("acteurs"), blank=True, related_name="questions"
    )
    subject = models.CharField(
        _("sujet"),
        max_length=200,
        blank=True,
        editable=False,
        help_text=_("Ce que la question interroge (type et faits), pour la reconstruction."),
    )
    fingerprint = models.CharField(
        _("empreinte des faits"), max_length=64, blank=True, editable=False, db_index=True
    )
    gate_failures = models.TextField(
        _("contrôles non passés"),
        blank=True,
        editable=False,
        help_text=_("Une question qui ne passe pas tous les contrôles n'est pas publiée."),
    )
    edited = models.BooleanField(
        _("modifiée à la main"),
        default=False,
        help_text=_("La reconstruction de la banque ne la remplace pas."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    retired_at = models.DateTimeField(_("retirée le"), null=True, blank=True)
    retired_by_bank = models.BooleanField(
        _("retirée par la reconstruction"),
        default=False,
        editable=False,
        help_text=_(
            "Ses faits avaient changé : elle revient si les faits redeviennent ce qu'ils étaient. "
            "Une question retirée par un enseignant reste retirée."
        ),
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        indexes = [models.Index(fields=["kind", "status"])]

    def __str__(self) -> str:
        return self.stem if len(self.stem) <= 90 else self.stem[:87] + "…"

    @property
    def is_generated(self) -> bool:
        return bool(self.fingerprint)

    @property
    def gate_failure_list(self) -> list[str]:
        return [line for line in self.gate_failures.splitlines() if line]

    @property
    def answer_form(self) -> AnswerForm:
        return ANSWER_FORMS.get(self.kind, AnswerForm.SINGLE)


class Choice(models.Model):
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="choices"
    )
    text = models.CharField(_("texte"), max_length=500)
    is_correct = models.BooleanField(_("bonne réponse"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    pair = models.CharField(
        _("élément associé"),
        max_length=500,
        blank=True,
        db_default="",
        help_text=_("Appariement : ce qui va avec cette option (la date d'un événement…)."),
    )
    rank = models.PositiveSmallIntegerField(
        _("rang"),
        null=True,
        blank=True,
        help_text=_("Remise en ordre : la place de cette option dans le bon ordre (1, 2, 3…)."),
    )

    class Meta:
        ordering = ["question_id", "position", "id"]
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self) -> str:
        return self.text


class Quiz(models.Model):
    class Mode(models.TextChoices):
        PRACTICE = "practice", _("entraînement (correction après chaque réponse)")
        EXAM = "exam", _("examen (correction à la fin)")

    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    size = models.PositiveSmallIntegerField(
        _("nombre de questions"),
        default=10,
        help_text=_("Moins si la portée n'offre pas assez de questions publiées."),
    )
    kinds = models.JSONField(
        _("types de questions"),
        default=list,
        blank=True,
        help_text=_("Aucun coché : tous les types."),
    )
    actors = models.ManyToManyField(
        Actor,
        verbose_name=_("acteurs"),
        blank=True,
        related_name="quizzes",
        help_text=_("Questions sur au moins un de ces acteurs. Aucun : tous."),
    )
    sources = models.ManyToManyField(
        Source,
        verbose_name=_("sources"),
        blank=True,
        related_name="quizzes",
        help_text=_("Questions dont la preuve vient d'une de ces sources. Aucune : toutes."),
    )
    date_from = models.DateField(_("du"), null=True, blank=True)
    date_to = models.DateField(_("au"), null=True, blank=True)
    mode = models.CharField(_("mode"), max_length=20, choices=Mode.choices, default=Mode.PRACTICE)
    time_limit = models.PositiveSmallIntegerField(
        _("temps limite (minutes)"), null=True, blank=True, help_text=_("Vide : sans limite.")
    )
    published = models.BooleanField(_("publié"), default=False)
    seed_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("quiz")
        verbose_name_plural = _("quiz")
        constraints = [
            models.CheckConstraint(condition=Q(size__gte=1), name="quiz_size_positive"),
            models.CheckConstraint(
                condition=Q(date_from__isnull=True)
                | Q(date_to__isnull=True)
                | Q(date_to__gte=models.F("date_from")),
                name="quiz_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        unknown = [kind for kind in self.kinds or [] if kind not in Kind.values]
        if unknown:
            raise ValidationError(
                {"kinds": _("Type de question inconnu : %s") % ", ".join(unknown)}
            )
        if self.date_from and self.date_to and self.date_to < self.date_from:
            raise ValidationError({"date_to": _("La fin de la période précède son début.")})


class Attempt(models.Model):
    """One go at a quiz by one browser session; its questions and their option order are fixed
    when it starts."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    quiz = models.ForeignKey(
        Quiz, verbose_name=_("quiz"), on_delete=models.CASCADE, related_name="attempts"
    )
    session_key = models.CharField(max_length=64, db_index=True, editable=False)
    display_name = models.CharField(_("nom affiché"), max_length=80, blank=True)
    retry_of = models.ForeignKey(
        "self",
        verbose_name=_("reprise de"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="retries",
    )
    started_at = models.DateTimeField(_("commencée le"), auto_now_add=True)
    finished_at = models.DateTimeField(_("terminée le"), null=True, blank=True)
    question_count = models.PositiveSmallIntegerField(_("questions"), default=0)
    answered_count = models.PositiveSmallIntegerField(_("réponses"), default=0)
    score = models.PositiveSmallIntegerField(_("bonnes réponses"), default=0)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("tentative")
        verbose_name_plural = _("tentatives")

    def __str__(self) -> str:
        return f"{self.quiz} — {self.display_name or _('anonyme')}"


class AttemptQuestion(models.Model):
    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="attempt_items")
    position = models.PositiveSmallIntegerField()
    choice_order = models.JSONField(default=list, help_text=_("Les options dans l'ordre montré."))
    pair_order = models.JSONField(
        default=list,
        blank=True,
        help_text=_(
            "Appariement : les éléments associés dans l'ordre montré, chacun désigné par "
            "l'option à laquelle il va."
        ),
    )

    class Meta:
        ordering = ["attempt_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "position"], name="attempt_question_position"
            ),
            models.UniqueConstraint(fields=["attempt", "question"], name="attempt_question_once"),
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id} #{self.position + 1}"

    @property
    def pair_ids(self) -> list[int]:
        """Matching: the associated items in the order shown, each named by its option (the
        options' own order for a question that became a matching one after this attempt
        started)."""
        return self.pair_order or self.choice_order


class Answer(models.Model):
    attempt = models.ForeignKey(
        Attempt, verbose_name=_("tentative"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.PROTECT, related_name="answers"
    )
    choice = models.ForeignKey(
        Choice,
        verbose_name=_("option choisie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="answers",
        help_text=_("Pour une question à une seule bonne réponse."),
    )
    response = models.JSONField(
        _("réponse détaillée"),
        null=True,
        blank=True,
        help_text=_(
            "Plusieurs réponses : les options cochées ; appariement : option → élément ; "
            "remise en ordre : les options dans l'ordre donné."
        ),
    )
    is_correct = models.BooleanField(_("juste"))
    answered_at = models.DateTimeField(_("répondu le"), auto_now_add=True)

    class Meta:
        ordering = ["attempt_id", "answered_at", "id"]
        verbose_name = _("réponse")
        verbose_name_plural = _("réponses")
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="answer_once_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id}: {self.choice_id or self.response}"

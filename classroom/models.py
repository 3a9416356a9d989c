"""A teacher's classes and the sessions in which a class takes a quiz.

A session fixes its questions, and each question's option order, when it is created: every
participant answers the same questions in the same order. A participant has no account: a
display name, unique in the session, the browser it joined from, and a personal resume code for
another device. Their answers are quiz answers, on an attempt of their own whose questions are
the session's.
"""

from __future__ import annotations

import datetime
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from quiz.models import Attempt, Question, Quiz

# Join and resume codes are read aloud and copied from a projector: no 0/O, 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6
RESUME_CODE_LENGTH = 8
DISPLAY_NAME_MAX_LENGTH = 40
# The session key of a participant's attempt. The browser binding is the participant's own
# (resuming moves it), so the attempt carries a key no browser can have (Django refuses session
# keys under 8 characters): the quiz's own pages, which find attempts by browser, never serve it.
PARTICIPANT_ATTEMPT_KEY = "(class)"


def code_normalize(raw: str) -> str:
    """A code as typed (any case, spaces or dashes between groups) → as stored."""
    return "".join(raw.split()).replace("-", "").upper()


def display_name_key(name: str) -> str:
    """What makes two display names the same: case, accents and spacing do not count."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())


class Classroom(models.Model):
    name = models.CharField(_("nom"), max_length=100)
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enseignant"),
        on_delete=models.CASCADE,
        related_name="classrooms",
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("classe")
        verbose_name_plural = _("classes")
        constraints = [
            models.UniqueConstraint(fields=["teacher", "name"], name="classroom_name_per_teacher")
        ]

    def __str__(self) -> str:
        return self.name


LIVE_HAS_NO_DEADLINE = _("Une session en direct n’a pas de date limite : vous la menez en classe.")


class SessionQuerySet(models.QuerySet["Session"]):
    def owned_by(self, user: object) -> SessionQuerySet:
        """The sessions a user manages: their own (every one, for a superuser)."""
        if getattr(user, "is_superuser", False):
            return self
        return self.filter(teacher_id=getattr(user, "pk", None))


class Session(models.Model):
    """A quiz given to a class (or to anyone with the code): at their own pace, or live."""

    class Mode(models.TextChoices):
        SELF_PACED = "self_paced", _("à son rythme")
        LIVE = "live", _("en direct")

    quiz = models.ForeignKey(
        Quiz, verbose_name=_("quiz"), on_delete=models.PROTECT, related_name="sessions"
    )
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enseignant"),
        on_delete=models.CASCADE,
        related_name="classroom_sessions",
    )
    classroom = models.ForeignKey(
        Classroom,
        verbose_name=_("classe"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
    )
    title = models.CharField(_("titre"), max_length=200)
    mode = models.CharField(_("mode"), max_length=20, choices=Mode.choices, default=Mode.SELF_PACED)
    code = models.CharField(
        _("code"),
        max_length=JOIN_CODE_LENGTH,
        unique=True,
        editable=False,
        help_text=_("Le code que les élèves saisissent sur /join/."),
    )
    deadline = models.DateTimeField(
        _("date limite"),
        null=True,
        blank=True,
        help_text=_("Aucune réponse n’est acceptée après. Vide : pas de date limite."),
    )
    show_leaderboard = models.BooleanField(_("afficher le classement"), default=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    closed_at = models.DateTimeField(_("fermée le"), null=True, blank=True, editable=False)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return f"{self.title} ({self.code})"

    def clean(self) -> None:
        if self.mode == self.Mode.LIVE and self.deadline is not None:
            raise ValidationError({"deadline": LIVE_HAS_NO_DEADLINE})

    def is_open(self, *, now: datetime.datetime) -> bool:
        """Open to joining and answering: not closed, and its deadline (if any) not passed."""
        if self.closed_at is not None:
            return False
        return self.deadline is None or now < self.deadline


class SessionQuestion(models.Model):
    """One of a session's questions, at its place, with its options in the order every
    participant sees them (a projector and the phones show the same order)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="questions")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="session_items")
    position = models.PositiveSmallIntegerField(help_text=_("1 pour la première question."))
    choice_order = models.JSONField(default=list)
    pair_order = models.JSONField(default=list, blank=True)
    opened_at = models.DateTimeField(
        _("ouverte le"),
        null=True,
        blank=True,
        help_text=_("En direct : quand la question est apparue au tableau."),
    )

    class Meta:
        ordering = ["session_id", "position"]
        verbose_name = _("question de la session")
        verbose_name_plural = _("questions de la session")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "position"], name="session_question_position"
            ),
            models.UniqueConstraint(fields=["session", "question"], name="session_question_once"),
            models.CheckConstraint(
                condition=Q(position__gte=1), name="session_question_position_from_one"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session_id} #{self.position}"


class Participant(models.Model):
    """A student in a session, known only by the name they chose."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="participants"
    )
    display_name = models.CharField(_("nom affiché"), max_length=DISPLAY_NAME_MAX_LENGTH)
    name_key = models.CharField(max_length=4 * DISPLAY_NAME_MAX_LENGTH, editable=False)
    resume_code = models.CharField(
        _("code personnel"), max_length=RESUME_CODE_LENGTH, editable=False
    )
    # The browser the participant plays from: its Django session key. Resuming with the
    # personal code moves it to another browser.
    session_key = models.CharField(max_length=64, db_index=True, editable=False)
    joined_at = models.DateTimeField(_("arrivé le"), db_index=True)
    attempt = models.OneToOneField(
        Attempt, on_delete=models.CASCADE, related_name="participant", editable=False
    )

    class Meta:
        ordering = ["session_id", "name_key"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "name_key"], name="participant_name_once_per_session"
            ),
            models.UniqueConstraint(
                fields=["session", "resume_code"], name="participant_resume_code_once"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name


class JoinFailure(models.Model):
    """A wrong join or resume code, counted per client address to throttle guessing."""

    address = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("code erroné")
        verbose_name_plural = _("codes erronés")

    def __str__(self) -> str:
        return f"{self.address} {self.at:%Y-%m-%d %H:%M}"

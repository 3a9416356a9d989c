"""Where a live session stands: the question on the projector and what may be answered.

The state is a database row, never process memory, so that every server process (and every
server behind a load balancer) sees the same question at the same moment. Transitions are
conditional updates on this row; answers move its counter in their own transaction.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from classroom.models import Session


class LiveState(models.Model):
    class Phase(models.TextChoices):
        LOBBY = "lobby", _("accueil")
        QUESTION = "question", _("question")
        REVEAL = "reveal", _("correction")
        LEADERBOARD = "leaderboard", _("classement")
        FINISHED = "finished", _("terminé")

    session = models.OneToOneField(
        Session,
        verbose_name=_("session"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="live",
    )
    phase = models.CharField(_("étape"), max_length=20, choices=Phase.choices, default=Phase.LOBBY)
    position = models.PositiveSmallIntegerField(
        _("question en cours"), default=0, help_text=_("0 à l’accueil, puis 1, 2, 3…")
    )
    phase_started_at = models.DateTimeField(_("début de l’étape"), null=True, blank=True)
    closes_at = models.DateTimeField(
        _("fin du compte à rebours"),
        null=True,
        blank=True,
        help_text=_("Pendant une question : quand son compte à rebours se termine."),
    )
    seconds = models.PositiveSmallIntegerField(_("secondes par question"))
    answered = models.PositiveIntegerField(
        _("réponses à la question en cours"), default=0, editable=False
    )
    version = models.PositiveIntegerField(
        default=0, editable=False, help_text=_("Augmente à chaque changement d’étape.")
    )

    class Meta:
        verbose_name = _("état du direct")
        verbose_name_plural = _("états du direct")
        constraints = [
            models.CheckConstraint(
                condition=Q(phase="lobby", position=0)
                | (~Q(phase="lobby") & Q(position__gte=1))
                | Q(phase="finished"),
                name="live_state_position_fits_phase",
            ),
            models.CheckConstraint(condition=Q(seconds__gte=1), name="live_state_seconds_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.session_id}: {self.phase} {self.position}"

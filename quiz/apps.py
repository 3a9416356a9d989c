from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizConfig(AppConfig):
    name = "quiz"
    verbose_name = _("Quiz")

    def ready(self) -> None:
        from quiz.models import Quiz
        from summit.tombstones import tombstone_kind_register

        # A quiz the corpus seeded and a teacher deleted stays deleted.
        tombstone_kind_register(model=Quiz, kind="quiz")

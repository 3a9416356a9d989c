from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate
from django.utils.translation import gettext_lazy as _


def _teachers_group(sender: AppConfig, **kwargs: object) -> None:
    from classroom.teachers import teachers_group_ensure

    teachers_group_ensure()


class ClassroomConfig(AppConfig):
    name = "classroom"
    verbose_name = _("Classe")

    def ready(self) -> None:
        # After every migrate, once the permissions exist (they are created on post_migrate too,
        # by django.contrib.auth, whose handler is connected first).
        post_migrate.connect(_teachers_group, sender=self)
        from classroom.models import Participant
        from classroom.sessions import participant_attempts_delete

        post_delete.connect(participant_attempts_delete, sender=Participant)

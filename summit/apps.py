from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SummitConfig(AppConfig):
    name = "summit"
    verbose_name = _("Contenus")

    def ready(self) -> None:
        from summit import checks, tombstones, versioning  # noqa: F401 (checks registers)

        versioning.connect_signals()
        tombstones.connect_signals()

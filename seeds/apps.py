from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeedsConfig(AppConfig):
    """The corpus and the way into the database: extraction pipeline, loader, commands."""

    name = "seeds"
    verbose_name = _("Corpus et import")

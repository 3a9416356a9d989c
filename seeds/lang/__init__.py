"""Language tables of the extraction pipeline: one package per language, one module per concern.

Each language is a package (``seeds.lang.fr``, ``seeds.lang.en``) holding the same modules:
``dates`` (month and weekday names, relative expressions), ``speech`` (quotation marks, attribution
verbs, transcript labels), ``names`` (titles and role phrases) and ``page`` (boilerplate lines).
Adding a language is adding such a package: the pipeline reads the tables, not the language code.
"""

from __future__ import annotations

import importlib
from types import ModuleType

LANGUAGES = ("fr", "en")


def table(language: str, part: str) -> ModuleType:
    """The ``part`` table of ``language`` (``table("en", "dates")``)."""
    if language not in LANGUAGES:
        raise LookupError(language)
    return importlib.import_module(f"seeds.lang.{language}.{part}")

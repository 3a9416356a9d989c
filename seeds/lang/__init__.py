"""Language tables of the extraction pipeline: one package per language, one module per concern.

Each language is a package (``seeds.lang.fr``, ``seeds.lang.en``) holding the same modules:
``dates`` (month and weekday names, relative expressions), ``speech`` (quotation marks, attribution
verbs, transcript labels), ``names`` (titles and role phrases) and ``page`` (boilerplate lines,
header lines and the function words that tell the language). Adding a language is adding such a
package and its code to ``LANGUAGES``: the pipeline reads the tables, not the language code.
"""

from __future__ import annotations

import importlib
import re
from collections import Counter
from functools import cache
from types import ModuleType

LANGUAGES = ("fr", "en")

# Words, an elided article or pronoun keeping its apostrophe (« l' », « qu' »).
_WORD = re.compile(r"[^\W\d_]+'?")


def table(language: str, part: str) -> ModuleType:
    """The ``part`` table of ``language`` (``table("en", "dates")``)."""
    if language not in LANGUAGES:
        raise LookupError(language)
    return importlib.import_module(f"seeds.lang.{language}.{part}")


@cache
def _function_words() -> dict[str, frozenset[str]]:
    """Each language's function words that no other language lists (« a » and "a" tell nothing)."""
    from seeds.mentions import fold

    words = {
        language: frozenset(fold(word) for word in table(language, "page").FUNCTION_WORDS)
        for language in LANGUAGES
    }
    return {
        language: own.difference(*(words[other] for other in LANGUAGES if other != language))
        for language, own in words.items()
    }


def language_detect(text: str) -> str:
    """The language of ``text`` (a code of ``LANGUAGES``), from how often each language's function
    words occur: quoted words of another language do not outweigh the prose around them. A text
    with no function word at all, or a tie, is in the first language."""
    from seeds.mentions import fold

    counts = Counter(_WORD.findall(fold(text)))
    scores = {
        language: sum(counts[word] for word in words)
        for language, words in _function_words().items()
    }
    return max(LANGUAGES, key=lambda language: scores[language])

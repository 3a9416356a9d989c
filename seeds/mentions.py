"""Where an article names an actor or a place, by any of its names or role phrases.

Matching ignores case, accents and the kind of apostrophe or hyphen, but keeps offsets: the text
is folded one character for one character, so a match in the folded text is a span of the original.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

_EQUIVALENT = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "‐": "-", "‑": "-", "\xa0": " "})


def fold(text: str) -> str:
    """Case and accents removed, character for character (the result has the same length)."""
    folded = []
    for char in text.translate(_EQUIVALENT):
        base = unicodedata.normalize("NFKD", char)[:1] or char
        lower = base.casefold()
        folded.append(lower if len(lower) == 1 else base.lower()[:1])
    return "".join(folded)


@dataclass(frozen=True)
class Named:
    """Anything an article can mention: its key (a slug) and every name it goes by."""

    key: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class Mention:
    key: str
    start: int
    end: int


def _canonical(name: str) -> str:
    return re.sub(r"[\s-]+", " ", fold(name)).strip()


class MentionFinder:
    """Finds non-overlapping mentions, the longest name winning (« le père de Kim Jong-un »
    before « Kim Jong-un »). Spaces and hyphens are interchangeable (« Kim Jong Un »)."""

    def __init__(self, named: Iterable[Named]) -> None:
        keys: dict[str, str] = {}
        for item in named:
            for name in item.names:
                canonical = _canonical(name)
                # « le président russe » also matches « président russe » after « du ».
                bare = re.sub(r"^(?:le|la|les|l') ?", "", canonical)
                for variant in (canonical, bare):
                    if len(variant) >= 2:
                        keys.setdefault(variant, item.key)
        self._keys = keys
        self._pattern: re.Pattern[str] | None = None
        if keys:
            alternatives = "|".join(
                r"[\s-]+".join(re.escape(word) for word in name.split(" "))
                for name in sorted(keys, key=len, reverse=True)
            )
            self._pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Mentions in ``text[start:end]``, with offsets into ``text``."""
        if self._pattern is None:
            return []
        folded = fold(text)
        stop = len(text) if end is None else end
        return [
            Mention(key=self._keys[_canonical(match.group())], start=match.start(), end=match.end())
            for match in self._pattern.finditer(folded, start, stop)
        ]

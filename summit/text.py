"""Text primitives shared by the content model, the extraction pipeline and the quiz:
comparison keys and sentence boundaries in French and English prose."""

from __future__ import annotations

import unicodedata

# Apostrophes that compare as the plain one.
_APOSTROPHES = ("’", "‘", "ʼ")


class _Marks(dict[int, int | None]):
    """A ``str.translate`` table that drops combining marks (accents once decomposed), each
    character looked up once: a quarter faster than testing them one by one in Python."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_MARKS = _Marks()


def normalize(text: str) -> str:
    """A comparison key: no case, no accents, one kind of apostrophe, single spaces."""
    # Plain ASCII has no accent nor curly apostrophe to undo: only its case and spaces. A large
    # question bank normalizes millions of texts, so each step is skipped where it has nothing
    # to do, and the apostrophes are replaced (fast) rather than translated (slow off ASCII).
    if not text.isascii():
        for apostrophe in _APOSTROPHES:
            text = text.replace(apostrophe, "'")
        text = unicodedata.normalize("NFKD", text)
        if not text.isascii():
            text = text.translate(_MARKS)
    # str.split() splits at the whitespace ``\s`` matches, and drops it at both ends.
    return " ".join(text.split()).casefold()


_OPENING = {"«": "»", "“": "”"}
_CLOSING = {"»", "”"}
_TERMINATORS = ".!?…"
# Words that end with a full stop without ending the sentence.
_ABBREVIATIONS = {
    "m",
    "mm",
    "mme",
    "mmes",
    "mlle",
    "dr",
    "pr",
    "st",
    "ste",
    "av",
    "apr",
    "j.-c",
    "etc",
    # English
    "mr",
    "mrs",
    "ms",
    "prof",
    "gen",
    "sen",
    "rep",
    "gov",
    "lt",
    "col",
    "sgt",
    "capt",
    "jr",
    "sr",
    "vs",
    "u.s",
    "u.k",
    "u.n",
    "e.g",
    "i.e",
    "jan",
    "feb",
    "aug",
    "sept",
    "oct",
    "nov",
    "dec",
}


def _is_abbreviation(text: str, dot: int) -> bool:
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] in ".-"):
        start -= 1
    word = text[start:dot].casefold()
    if word in _ABBREVIATIONS:
        return True
    # A lone capital is an initial ("J. Massard").
    return len(word) == 1 and text[start].isupper()


def _ends_quoted_sentence(text: str, mark: int) -> bool:
    """A closing mark after a full stop, followed by a new sentence: “We are ready.” She left."""
    if mark == 0 or text[mark - 1] not in _TERMINATORS:
        return False
    following = text[mark + 1 : mark + 3]
    return following[:1].isspace() and (
        following[1:2].isupper() or following[1:2] in _OPENING or following[1:2] == '"'
    )


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentence spans ``[start, end)``, trimmed of surrounding spaces.

    A paragraph break always ends a sentence. Inside quotation marks a full stop does not: a
    quoted statement of several sentences stays one sentence with its attribution. A quote left
    open (or closed with the wrong mark) is forgiven at the end of its paragraph.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    depth = 0
    straight_open = False
    i = 0
    length = len(text)

    def push(end: int) -> None:
        nonlocal start
        chunk = text[start:end]
        left = len(chunk) - len(chunk.lstrip())
        right = len(chunk.rstrip())
        if right > left:
            spans.append((start + left, start + right))
        start = end

    while i < length:
        char = text[i]
        if char == "\n":
            push(i)
            depth = 0
            straight_open = False
        elif char in _OPENING:
            depth += 1
        elif char in _CLOSING or char == '"':
            if char == '"':
                closes = straight_open
                straight_open = not straight_open
            else:
                closes = depth == 1
                depth = max(0, depth - 1)
            if closes and depth == 0 and not straight_open and _ends_quoted_sentence(text, i):
                push(i + 1)
        elif char in _TERMINATORS and depth == 0 and not straight_open:
            end = i + 1
            while end < length and text[end] in _TERMINATORS:
                end += 1
            # A closing mark right after the stop belongs to this sentence.
            while end < length and text[end] in '»”")':
                end += 1
            following = text[end : end + 3]
            next_char = following.lstrip()[:1]
            if (
                end >= length
                or (following[:1].isspace() and (next_char.isupper() or next_char in '«“"-—'))
            ) and not (char == "." and _is_abbreviation(text, i)):
                push(end)
                i = end
                continue
        i += 1
    push(length)
    return spans

"""Transcripts: interviews, press conferences and debates written as turns after speaker labels.

A line opens a turn when it starts with a label in one of its usual forms: capitals and a colon
(« PRÉSIDENT TRUMP : », "THE PRESIDENT:", "MR. SMITH:"), a name or a title and a name with a colon
(« M. Dupont : », "President Trump:"), a title and a name with a full stop ("Chairman Kim."), the
question marks of press briefings ("Q:", "Q.", "Q" and the question), or a name alone on its own
line, the turn in the next paragraphs. A text is a transcript when such labels open several of its
lines. Each turn runs to the next label, over as many paragraphs as it takes; stage directions and
editorial notes ("[Laughter]", "(Inaudible.)", « (à travers l'interprète) ») are cut out of it, so a
turn is one or more spoken segments, each an exact span of the text. Turns that say nothing
("Thank you.", « Merci. ») are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from seeds.lang import LANGUAGES, table
from seeds.mentions import fold
from seeds.quotes import SPACES, civil_title_stripped

_H = "[ \\t\\xa0\\u202f]"  # a space inside a line
_CAPS = "A-ZÀ-ÖØ-ÞŒŠŽŸ"
_CAPS_WORD = rf"[{_CAPS}][{_CAPS}'’\-]*\.?"
_CAPS_LABEL = rf"{_CAPS_WORD}(?:{_H}+{_CAPS_WORD}){{0,5}}"
_TITLE_WORD = rf"[{_CAPS}][\w'’\-]*\.?"
_PARTICLE = r"(?:de|du|des|d'|van|von|der|den|da|di|al|el|la|le|bin|ben|al-)"
_TITLE_LABEL = rf"{_TITLE_WORD}(?:{_H}+(?:{_PARTICLE}{_H}+)?{_TITLE_WORD}){{0,4}}"
# "PRESIDENT MACRON (through an interpreter):" — a direction inside the label.
_LABEL_NOTE = rf"(?:{_H}*[\(\[][^)\]\n]{{1,60}}[\)\]])?"
_COLON_LABEL = re.compile(
    rf"^{_H}*(?P<label>{_CAPS_LABEL}|{_TITLE_LABEL}){_LABEL_NOTE}{_H}*:(?!//){_H}*"
)
_STOP_LABEL = re.compile(
    rf"^{_H}*(?P<label>{_CAPS_LABEL}|{_TITLE_LABEL}){_LABEL_NOTE}\.{_H}+(?=\S)"
)
_Q_LABEL = re.compile(rf"^{_H}*(?P<label>Q)(?:{_H}*[:.]{_H}*|{_H}+[-–—]{_H}+|{_H}+(?=\S))")
# « R - Bonjour. »: a question or answer label and a dash.
_DASH_LABEL = re.compile(rf"^{_H}*(?P<label>[{_CAPS}][\w'’]{{0,12}}){_H}+[-–—]{_H}+(?=\S)")
_NAME_LINE = re.compile(rf"^{_H}*(?P<label>{_CAPS_LABEL}|{_TITLE_LABEL}){_LABEL_NOTE}{_H}*$")
_BRACKETED = re.compile(r"\[[^\[\]\n]{1,200}\]|\([^()\n]{1,200}\)")
# Lines that end a transcript's last turn: "END 12:05 P.M. EDT", a time stamp alone.
_END_LINE = re.compile(
    r"^[ \t]*(?:END|FIN)\b[^a-z\n]*$"
    r"|^[ \t]*\d{1,2}[:.h]\d\d(?:[ \t]*[AP]\.?M\.?)?[ \t]*[A-Z]{0,4}[ \t]*$"
)


_ROMAN = re.compile(r"[ivxlc]+|[a-pr-z]")


@dataclass(frozen=True)
class Label:
    name: str  # as written, without its colon or full stop
    line_start: int
    end: int  # where the turn's words may start


@dataclass(frozen=True)
class Turn:
    label: Label
    start: int
    end: int  # the turn runs to the next label
    segments: tuple[tuple[int, int], ...]  # what was said, directions left out


@dataclass(frozen=True)
class Transcript:
    header: str  # the text before the first label ("Remarks by President …")
    turns: tuple[Turn, ...]


@dataclass(frozen=True)
class _Tables:
    unnamed: frozenset[str]
    not_labels: frozenset[str]
    role_labels: dict[str, str]
    role_nouns: frozenset[str]
    civil_titles: frozenset[str]
    direction: re.Pattern[str]
    trivial: frozenset[str]
    header_role_name: re.Pattern[str]
    not_a_name: frozenset[str]
    respondent: frozenset[str]
    interviewee: re.Pattern[str]


@cache
def _tables(language: str) -> _Tables:
    words = table(language, "speech")
    return _Tables(
        unnamed=words.UNNAMED_LABELS,
        not_labels=words.NOT_LABELS,
        role_labels=dict(words.ROLE_LABELS),
        role_nouns=words.ROLE_NOUNS,
        civil_titles=words.CIVIL_TITLES,
        direction=re.compile(rf"(?<![\w'-])(?:{words.STAGE_DIRECTION})(?![\w'-])"),
        trivial=words.TRIVIAL_TURNS,
        header_role_name=re.compile(words.HEADER_ROLE_NAME),
        not_a_name=words.NOT_A_NAME_START,
        respondent=words.RESPONDENT_LABELS,
        interviewee=re.compile(words.INTERVIEWEE),
    )


def label_key(name: str) -> str:
    """A label compared without case, accents, dots, numbers or its note ("Q.", "PARTICIPANT 2")."""
    folded = fold(re.sub(r"[\(\[].*?[\)\]]", " ", name))
    return " ".join(re.sub(r"[.\d#]", " ", folded).split())


def _lines(text: str) -> Iterator[tuple[int, int]]:
    position = 0
    for line in text.split("\n"):
        yield position, position + len(line)
        position += len(line) + 1


def _is_caps(name: str) -> bool:
    letters = [char for char in name if char.isalpha()]
    return bool(letters) and all(char.isupper() for char in letters)


def _plausible(name: str, tables: _Tables, *, stop: bool) -> bool:
    """Whether a capitalised run at a line's start reads as a speaker's label."""
    key = label_key(name)
    if key in tables.unnamed or key in tables.respondent:
        return True
    if not key or key in tables.not_labels or _ROMAN.fullmatch(key):
        return False
    words = key.split()
    if stop:
        # "Chairman Kim." or "THE PRESIDENT." — not any sentence's first word.
        return _is_caps(name) or (
            len(words) >= 2 and (words[0] in tables.role_nouns or words[0] in tables.civil_titles)
        )
    return len(words) <= 6


def transcript_labels(text: str, *, language: str) -> list[Label]:
    """Every line that opens with (or is) a speaker label, in order."""
    tables = _tables(language)
    lines = list(_lines(text))
    labels: list[Label] = []
    alone: list[Label] = []
    for index, (start, end) in enumerate(lines):
        line = text[start:end]
        if not line.strip():
            continue
        match = _Q_LABEL.match(line) or _COLON_LABEL.match(line)
        dashed = _DASH_LABEL.match(line)
        if (
            match is None
            and dashed
            and label_key(dashed.group("label")) in (tables.unnamed | tables.respondent)
        ):
            match = dashed
        stop = False
        if match is None:
            match, stop = _STOP_LABEL.match(line), True
        if match is not None and _plausible(match.group("label"), tables, stop=stop):
            name = match.group("label").rstrip(".") if stop else match.group("label")
            labels.append(Label(name, start, start + match.end()))
            continue
        named = _NAME_LINE.match(line)
        if (
            named
            and index + 1 < len(lines)
            and _plausible(named.group("label"), tables, stop=False)
        ):
            following = _next_paragraph(text, lines, index)
            if following and not following.rstrip().endswith(":"):
                alone.append(Label(named.group("label"), start, end))
    # A name alone on its line is a label only when names alone recur: two speakers at least,
    # one of them twice (a headline or a subheading does not).
    keys = [label_key(label.name) for label in alone]
    if len(set(keys)) >= 2 and len(keys) > len(set(keys)):
        labels.extend(alone)
    return sorted(labels, key=lambda label: label.line_start)


def _next_paragraph(text: str, lines: list[tuple[int, int]], index: int) -> str:
    for following in range(index + 1, len(lines)):
        start, end = lines[following]
        if text[start:end].strip():
            return text[start:end]
    return ""


def is_transcript(text: str, labels: list[Label], *, language: str) -> bool:
    """Several lines open with a label: two speakers at least, or one with stage directions."""
    if not labels:
        return False
    keys = {label_key(label.name) for label in labels}
    if len(labels) >= 3 and len(keys) >= 2:
        return True
    if len(labels) >= 2 and len(keys) >= 2 and any(_is_caps(label.name) for label in labels):
        return True
    directions = _tables(language).direction
    return any(
        directions.search(fold(match.group())) for match in _BRACKETED.finditer(text)
    ) and any(_is_caps(label.name) for label in labels)


def transcript_read(text: str, *, language: str, title: str = "") -> Transcript | None:
    """The turns of ``text`` if it is a transcript, else None. The header is the title and the
    text before the first label."""
    labels = transcript_labels(text, language=language)
    if not is_transcript(text, labels, language=language):
        return None
    tables = _tables(language)
    turns = []
    for index, label in enumerate(labels):
        end = labels[index + 1].line_start if index + 1 < len(labels) else len(text)
        end = _before_end_line(text, label.end, end)
        segments = tuple(
            segment
            for segment in spoken_segments(text, label.end, end)
            if not _trivial(text[segment[0] : segment[1]], tables)
        )
        turns.append(Turn(label, label.end, end, segments))
    return Transcript(f"{title}\n{text[: labels[0].line_start]}", tuple(turns))


def _before_end_line(text: str, start: int, end: int) -> int:
    """A turn stops at an "END 12:05 P.M." line."""
    position = start
    for line in text[start:end].split("\n"):
        if _END_LINE.match(line) and position > start:
            return position
        position += len(line) + 1
    return end


@cache
def _any_direction() -> re.Pattern[str]:
    """The stage directions of every language: a transcript may carry another language's (an
    English transcript with « (à travers l'interprète) » after a French speaker's turn)."""
    words = "|".join(table(language, "speech").STAGE_DIRECTION for language in LANGUAGES)
    return re.compile(rf"(?<![\w'-])(?:{words})(?![\w'-])")


def _is_direction(content: str, bracket: str) -> bool:
    """Brackets are always the editor's; parentheses when they describe, not speak."""
    if bracket == "[":
        return True
    folded = fold(content).strip()
    match = _any_direction().search(folded)
    if match and (len(folded.split()) <= 4 or match.start() <= 12):
        return True
    # "(The President departs.)", "(Applause.)": a capitalised sentence of its own.
    return content[:1].isupper() and content.rstrip().endswith(".") and len(content.split()) <= 12


def spoken_segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` cut around its stage directions, each piece trimmed of spaces."""
    cuts = [
        (match.start(), match.end())
        for match in _BRACKETED.finditer(text, start, end)
        if _is_direction(text[match.start() + 1 : match.end() - 1], match.group()[0])
    ]
    pieces = []
    position = start
    for cut_start, cut_end in [*cuts, (end, end)]:
        piece = _trimmed(text, position, cut_start)
        if piece is not None:
            pieces.append(piece)
        position = cut_end
    return pieces


_EDGE = SPACES + "\n—–-"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    if sum(char.isalpha() for char in text[start:end]) < 2:
        return None
    return start, end


def _trivial(words: str, tables: _Tables) -> bool:
    key = " ".join(re.sub(r"[^\w' -]", " ", fold(words)).replace(",", " ").split())
    return key in tables.trivial


def is_unnamed(name: str, *, language: str) -> bool:
    """A label for someone the transcript does not name (« QUESTION », "Q", "REPORTER 2")."""
    key = label_key(name)
    return key in _tables(language).unnamed or not key


_NAME_RUN = re.compile(rf"(?:[{_CAPS}][\w'’\-]+)(?:{_H}+(?:{_PARTICLE}{_H}+)?[{_CAPS}][\w'’\-]+)*")


def interviewee(header: str, name: str, *, language: str) -> str | None:
    """Who answers under a respondent label (« R - », "A:"): the person the header says the
    interview is with (« Entretien de Jean-Noël Barrot, ministre … »), or None."""
    tables = _tables(language)
    if label_key(name) not in tables.respondent:
        return None
    match = tables.interviewee.search(fold(header))
    if match is None:
        return None
    # Role words may stand between ("donnée par le président François Hollande").
    following = re.match(r"(?:[a-zà-ÿ'’.-]+\s+){0,4}?(?=[A-ZÀ-Þ])", header[match.end() :])
    position = match.end() + (following.end() if following else 0)
    run = _NAME_RUN.match(header, position)
    if run is None:
        return None
    words = run.group().split()
    stop = next(
        (i for i, word in enumerate(words) if i and fold(word) in tables.not_a_name),
        len(words),
    )
    return civil_title_stripped(" ".join(words[:stop]), language)


def same_speaker_labels(labels: Sequence[Label]) -> dict[str, str]:
    """A label written once with its letters swapped ("THE PRESDEINT") is the label written
    correctly elsewhere in the transcript: misspelt name → the right one."""
    counts: dict[str, int] = {}
    for label in labels:
        counts[label.name] = counts.get(label.name, 0) + 1
    by_letters: dict[str, str] = {}
    for name, count in sorted(counts.items(), key=lambda item: -item[1]):
        if count >= 2:
            by_letters.setdefault("".join(sorted(label_key(name))), name)
    return {
        name: by_letters["".join(sorted(label_key(name)))]
        for name, count in counts.items()
        if count == 1 and by_letters.get("".join(sorted(label_key(name))), name) != name
    }


def role_holder(header: str, name: str, *, language: str) -> tuple[str, int] | None:
    """The person the header gives the role of a role label ("THE PRESIDENT" after "Remarks by
    President Jane Doe"): (name as written, its offset in the header), or None."""
    tables = _tables(language)
    role = tables.role_labels.get(label_key(name))
    if role is None:
        return None
    folded = fold(header)
    for match in tables.header_role_name.finditer(folded):
        if match.group("role") not in (role, role + "e"):
            continue
        following = re.match(
            rf"(?:[{_CAPS}][\w'’\-]+)(?:{_H}+(?:{_PARTICLE}{_H}+)?[{_CAPS}][\w'’\-]+)*",
            header[match.end() :],
        )
        if following:
            # A headline capitalises every word: "President Biden Before Marine One Departure".
            words = following.group().split()
            stop = next(
                (i for i, word in enumerate(words) if i and fold(word) in tables.not_a_name),
                len(words),
            )
            return civil_title_stripped(" ".join(words[:stop]), language), match.end()
    return None


def display_name(name: str, *, language: str) -> str:
    """A label as a person's name: no civil title, no note, capitals only where names have them
    ("MR. JOHN SMITH" → "John Smith")."""
    bare = re.sub(r"[\(\[].*?[\)\]]", " ", name)
    bare = civil_title_stripped(" ".join(bare.split()), language)
    if _is_caps(bare):
        bare = " ".join(_capitalised(word) for word in bare.split())
    return bare


def _capitalised(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))

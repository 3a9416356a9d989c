"""Quotations in French prose and who said them.

Quotations are found paragraph by paragraph: « guillemets », “curly” and "straight" marks, nested
marks kept inside the outer quotation, an opening « glued after the last word taken for the
misplaced closing mark it is (« … économiques« . »), and a quotation left open closed at the end of
its paragraph.

Speakers are attributed sentence by sentence, in this order: an inverted attribution after the
quotation (« », a déclaré de son côté Vladimir Poutine »); an attribution verb before it, whose
subject is the first name of the clause (« Kim Jong-un a dit s'attendre à « … » ») or, for a present
participle (« ajoutant », « félicitant »), the speaker of the previous quotation; « selon X »;
for a quotation that stands alone, the speaker of the previous sentence; lastly the sentence's
first name. A name that is not a known actor is returned as a new name, never as a wrong actor.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from seeds.mentions import Mention, MentionFinder, fold

_OPEN_FOR = {"«": "»", "“": "”", '"': '"'}
# Every character Python calls a space (no-break, narrow, em, ideographic…), so that a quotation
# is trimmed of the same spaces as the sentence it is in.
_SPACE = "".join(char for char in map(chr, range(0x3001)) if char.isspace() and char != "\n")
_TRIM = _SPACE + ",;:"


@dataclass(frozen=True)
class QuoteSpan:
    start: int  # of the quoted words, inside the marks
    end: int
    mark_start: int  # of the marks themselves
    mark_end: int


def _closes_glued_opening(text: str, index: int, line_end: int) -> bool:
    """An opening « right after a word and before punctuation or the end is a closing mark."""
    before = text[index - 1] if index else " "
    after = text[index + 1 : line_end].lstrip(_SPACE)[:1]
    return before not in _SPACE and (after == "" or after in ".,;:!?)")


def quote_spans(text: str) -> list[QuoteSpan]:
    """Outermost quotations of ``text``, one paragraph (line) at a time."""
    spans: list[QuoteSpan] = []
    line_start = 0
    for line in text.split("\n"):
        line_end = line_start + len(line)
        spans.extend(_line_quotes(text, line_start, line_end))
        line_start = line_end + 1
    return spans


def _line_quotes(text: str, start: int, end: int) -> list[QuoteSpan]:
    found: list[QuoteSpan] = []
    opened_at: int | None = None
    closing = ""
    depth = 0
    i = start
    while i < end:
        char = text[i]
        if opened_at is None:
            if char in _OPEN_FOR:
                opened_at, closing, depth = i, _OPEN_FOR[char], 0
        elif char == closing and depth == 0:
            found.extend(_span(text, opened_at, i + 1))
            opened_at = None
        elif char == closing and closing != '"':
            depth -= 1
        elif char == text[opened_at] and closing != '"':
            if char == "«" and _closes_glued_opening(text, i, end):
                found.extend(_span(text, opened_at, i + 1))
                opened_at = None
            else:
                depth += 1
        i += 1
    if opened_at is not None:
        found.extend(_span(text, opened_at, end, closed=False))
    return found


def _span(text: str, mark_start: int, mark_end: int, closed: bool = True) -> list[QuoteSpan]:
    inner_start = mark_start + 1
    inner_end = mark_end - 1 if closed else mark_end
    while inner_start < inner_end and text[inner_start] in _SPACE:
        inner_start += 1
    while inner_end > inner_start and text[inner_end - 1] in (_TRIM if not closed else _SPACE):
        inner_end -= 1
    if not closed:
        # A quotation never closed ends with its last sentence, not with the paragraph's dot.
        while inner_end > inner_start and text[inner_end - 1] in ".!?…" + _TRIM:
            inner_end -= 1
    if not any(char.isalnum() for char in text[inner_start:inner_end]):
        return []
    return [QuoteSpan(inner_start, inner_end, mark_start, mark_end)]


# Attribution verbs, as they appear around a quotation: past participles (with an auxiliary),
# third persons of the present, and present participles. Infinitives are left out: in
# « a déclaré vouloir … » the subject belongs to « déclaré ».
_VERB_STEMS = (
    "declar",
    "affirm",
    "ajout",
    "estim",
    "assur",
    "expliqu",
    "soulign",
    "indiqu",
    "annonc",
    "insist",
    "lanc",
    "confi",
    "rappel",
    "precis",
    "jug",
    "denonc",
    "esper",
    "souhait",
    "appel",
    "qualifi",
    "evoqu",
    "repet",
    "martel",
    "reclam",
    "exhort",
    "accus",
    "confirm",
    "deplor",
    "salu",
    "felicit",
    "plaid",
    "demand",
    "tweet",
    "avou",
)
_PARTICIPLE = re.compile(r"^[a-z]+ant$")
_SPEECH = re.compile(
    r"^(?:(?:" + "|".join(_VERB_STEMS) + r")(?:e|ee|es|ees|ent|ant|t|it|s|u|ue|is)"
    r"|dit|dis|disent|disant|veut|veulent|voulu|voulant|promet|promis|reconnu|reconnait"
    r"|conclu|conclut|repond|repondu|previent|prevenu|averti|avertit|ecrit|ecrivant|attend"
    r"|attendu|attendant|poursuit|poursuivi"
    r")$"
)
_NOT_SPEECH = {"dits", "dite", "dites", "appels", "estimes", "precis", "precise", "precises"}
_SELON = re.compile(r"\b(?:selon|d'apres|a en croire)\s+")
_AGENT = re.compile(r"\s*par\s+")
_PRONOUN = re.compile(r"\b(?:il|elle|ils|elles)\b")
_INVERTED_PRONOUN = re.compile(r"(?:-t)?-(?:il|elle)s?\b")
_AFTER_VERB = re.compile(
    r"(?:\s|,)*(?:(?:de son cote|pour sa part|egalement|aussi|encore|ensuite|alors|enfin)"
    r"(?:\s|,)+)*"
)
_PROPER_NAME = re.compile(
    r"(?<!\w)(?:[A-ZÉÈÎÔÂÀÇ][\w’'-]+)(?:\s+(?:(?:de|du|des|van|von|da|di|al|el|ben|bin)\s+)?"
    r"[A-ZÉÈÎÔÂÀÇ][\w’'-]+)*"
)
_NOT_A_NAME_START = {
    "le",
    "la",
    "les",
    "l'",
    "un",
    "une",
    "des",
    "ce",
    "cet",
    "cette",
    "ces",
    "il",
    "elle",
    "ils",
    "elles",
    "selon",
    "pour",
    "mais",
    "et",
    "on",
    "nous",
    "vous",
    "je",
    "en",
    "a",
    "au",
    "aux",
    "de",
    "du",
    "dans",
    "apres",
    "avant",
    "depuis",
    "durant",
    "lors",
    "puis",
    "ainsi",
    "alors",
}


@dataclass(frozen=True)
class Speaker:
    """Who said it: a known actor's key, or a new name found in the text (or neither)."""

    key: str | None = None
    new_name: str | None = None
    reason: str = ""

    def __bool__(self) -> bool:
        return bool(self.key or self.new_name)


UNKNOWN = Speaker()


def _cues(folded: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Attribution verbs in ``folded[start:end]``: (start, end, is_participle)."""
    cues = []
    for match in re.finditer(r"[a-z]+", folded[start:end]):
        word = match.group()
        if word in _NOT_SPEECH or not _SPEECH.match(word):
            continue
        cues.append((start + match.start(), start + match.end(), bool(_PARTICIPLE.match(word))))
    return cues


# What may stand between a subject and its verb: an auxiliary, an adverb, an apposition.
_BEFORE_VERB = re.compile(
    r"(?:\s*,[^,]{1,80})?\s*,?(?:\s*(?:a|avait|ont|avaient|aurait|auraient|egalement|aussi"
    r"|encore|ensuite|alors|deja|enfin|lui-meme|elle-meme|pour sa part|de son cote))*\s*"
)
_ROLE = re.compile(r"(?:le|la|les|l')\s*[a-z' -]{0,40}")


def _names(text: str, start: int, end: int) -> list[re.Match[str]]:
    return [
        match
        for match in _PROPER_NAME.finditer(text, start, end)
        if fold(match.group().split()[0]).rstrip("'’") not in _NOT_A_NAME_START
    ]


def _name_after(text: str, start: int, end: int) -> str | None:
    """A capitalised name opening ``text[start:end]``, maybe after a role (« le ministre »)."""
    names = _names(text, start, end)
    if not names:
        return None
    before = fold(text[start : names[0].start()]).strip(_SPACE + ",")
    if before and not _ROLE.fullmatch(before):
        return None
    return names[0].group()


def _name_before(text: str, start: int, end: int) -> str | None:
    """The capitalised subject of a verb at ``end``: the last name followed only by an
    auxiliary, adverbs or an apposition (« Marie Dubois, maire de Lille, a déclaré »)."""
    folded = fold(text)
    for match in reversed(_names(text, start, end)):
        if _BEFORE_VERB.fullmatch(folded, match.end(), end):
            return match.group()
    return None


class SpeakerResolver:
    """Attributes the quotations of one text, sentence after sentence, in reading order."""

    def __init__(self, text: str, actors: MentionFinder) -> None:
        self.text = text
        self.folded = fold(text)
        self.actors = actors
        self.previous: Speaker = UNKNOWN

    def _mentions(self, start: int, end: int, quotes: Sequence[QuoteSpan]) -> list[Mention]:
        return [
            mention
            for mention in self.actors.find(self.text, start, end)
            if not any(q.mark_start <= mention.start < q.mark_end for q in quotes)
        ]

    def sentence(self, start: int, end: int, quotes: Sequence[QuoteSpan]) -> list[Speaker]:
        """Speakers of ``quotes`` (in order) within the sentence ``[start, end)``."""
        mentions = self._mentions(start, end, quotes)
        subject = Speaker(key=mentions[0].key) if mentions else self._named_subject(start, end)
        speakers: list[Speaker] = []
        for index, quote in enumerate(quotes):
            clause_start = quotes[index - 1].mark_end if index else start
            clause_end = quotes[index + 1].mark_start if index + 1 < len(quotes) else end
            speaker = (
                self._inverted(quote, clause_end, quotes)
                or self._agent(quote, clause_end, quotes)
                or self._preposed(clause_start, quote, speakers, subject, start, quotes)
                or self._selon(start, end, quotes)
                or (speakers[-1] if speakers else UNKNOWN)
                or (self.previous if not mentions else UNKNOWN)
                or subject
            )
            speakers.append(speaker)
        if speakers and speakers[-1]:
            self.previous = speakers[-1]
        elif subject:
            self.previous = subject
        return speakers

    def _named_subject(self, start: int, end: int) -> Speaker:
        """Someone the sentence names in full (« Claire Bonnet »), for a « a-t-elle dit » next."""
        for match in _names(self.text, start, end):
            if len(match.group().split()) >= 2:
                return Speaker(new_name=match.group())
        return UNKNOWN

    def _name_at(
        self, start: int, end: int, quotes: Sequence[QuoteSpan], *, after: bool
    ) -> Speaker:
        """The actor, pronoun or new name that is the subject right after (or before) a verb."""
        mentions = self._mentions(start, end, quotes)
        if after:
            skip = _AFTER_VERB.match(self.folded, start, end)
            position = skip.end() if skip else start
            if mentions and mentions[0].start <= position + 3:
                return Speaker(key=mentions[0].key)
            if _PRONOUN.match(self.folded, position, end):
                return self.previous
            name = _name_after(self.text, position, end)
            return Speaker(new_name=name) if name else UNKNOWN
        if mentions:
            return Speaker(key=mentions[0].key)
        name = _name_before(self.text, start, end)
        if name:
            return Speaker(new_name=name)
        if _PRONOUN.search(self.folded, start, end):
            return self.previous
        return UNKNOWN

    def _inverted(self, quote: QuoteSpan, clause_end: int, quotes: Sequence[QuoteSpan]) -> Speaker:
        """« …, a déclaré X » / « …, déclare X » / « …, a-t-il ajouté » after the quotation."""
        for cue_start, cue_end, participle in _cues(self.folded, quote.mark_end, clause_end):
            if participle:
                continue
            between = self.folded[quote.mark_end : cue_start]
            if "," not in between and between.strip(_SPACE + '»”"').strip():
                continue
            if _INVERTED_PRONOUN.search(between) or _INVERTED_PRONOUN.match(
                self.folded, cue_end, clause_end
            ):
                return self.previous
            speaker = self._name_at(cue_end, clause_end, quotes, after=True)
            if speaker:
                return speaker
        return UNKNOWN

    def _agent(self, quote: QuoteSpan, clause_end: int, quotes: Sequence[QuoteSpan]) -> Speaker:
        """A passive's agent: « jugé « décevant » par les ONG »."""
        match = _AGENT.match(self.folded, quote.mark_end, clause_end)
        if not match:
            return UNKNOWN
        return self._name_at(match.end(), clause_end, quotes, after=True)

    def _preposed(
        self,
        clause_start: int,
        quote: QuoteSpan,
        speakers: list[Speaker],
        subject: Speaker,
        sentence_start: int,
        quotes: Sequence[QuoteSpan],
    ) -> Speaker:
        cues = _cues(self.folded, clause_start, quote.mark_start)
        if not cues:
            return UNKNOWN
        cue_start, _cue_end, participle = cues[-1]
        if participle:
            return speakers[-1] if speakers else subject
        speaker = self._name_at(clause_start, cue_start, quotes, after=False)
        if not speaker and clause_start != sentence_start:
            speaker = self._name_at(sentence_start, cue_start, quotes, after=False)
        return speaker

    def _selon(self, start: int, end: int, quotes: Sequence[QuoteSpan]) -> Speaker:
        for match in _SELON.finditer(self.folded, start, end):
            if any(q.mark_start <= match.start() < q.mark_end for q in quotes):
                continue
            speaker = self._name_at(match.end(), end, quotes, after=True)
            if speaker:
                return speaker
        return UNKNOWN

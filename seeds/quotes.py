"""Quotations in prose and who said them, in any language with a ``speech`` table.

Quotations are found paragraph by paragraph: the language's marks (« guillemets », “curly” and
"straight" double quotes), nested marks kept inside the outer quotation, an opening mark glued after
the last word taken for the misplaced closing mark it is (« … économiques« . »). A quotation left
open at the end of its paragraph continues in the next paragraph if that one opens with a mark
(the press convention for a quotation of several paragraphs); otherwise it ends with its paragraph.

Speakers are attributed sentence by sentence, in this order: an attribution after the quotation,
inverted or not (« », a déclaré de son côté Vladimir Poutine », ``", Smith said.``, « a-t-il
ajouté »); a passive's agent; an attribution verb before it, whose subject is the name, pronoun or
role phrase of the clause (« Kim Jong-un a dit s'attendre à « … » », ``Smith told the BBC that``)
or, for a present participle (« ajoutant », ``adding``), the speaker of the previous quotation;
« selon X » / ``according to X``; for a quotation that stands alone, the speaker of the previous
sentence; lastly the sentence's first name. A pronoun is the previous speaker; a role phrase
(« le ministre », ``the minister``) is the last person the text named with that role, or nobody. A
name that is not a known actor is returned as a new name, never as a wrong actor.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from seeds.lang import table
from seeds.mentions import Mention, fold

# Every character Python calls a space (no-break, narrow, em, ideographic…), so that a quotation
# is trimmed of the same spaces as the sentence it is in.
SPACES = "".join(char for char in map(chr, range(0x3001)) if char.isspace() and char != "\n")
_TRIM = SPACES + ",;:"
# What separates a quotation from the attribution after it.
_BETWEEN = SPACES + "»”\"'’,—–-"
_UPPER = "A-ZÀ-ÖØ-ÞŒŠŽŸ"


@dataclass(frozen=True)
class QuoteSpan:
    start: int  # of the quoted words, inside the marks
    end: int
    mark_start: int  # of the marks themselves
    mark_end: int


@dataclass(frozen=True)
class Speaker:
    """Who said it: a known actor's key, or a new name as written in the text, or neither
    (unknown: an unnamed reporter, a role nobody in the text holds). ``reason`` says, in French,
    why a new actor would be created."""

    key: str | None = None
    new_name: str | None = None
    reason: str = ""

    def __bool__(self) -> bool:
        return bool(self.key or self.new_name)


UNKNOWN = Speaker()


class How:
    """How a quotation's speaker was found: explicit attributions first, guesses last."""

    AFTER = "after"  # an attribution after the quotation
    AGENT = "agent"
    BEFORE = "before"  # an attribution verb before the quotation
    PARTICIPLE = "participle"
    ACCORDING_TO = "according_to"
    SAME_SENTENCE = "same_sentence"  # the speaker of the sentence's previous quotation
    PREVIOUS = "previous"  # the speaker of the previous sentence
    SUBJECT = "subject"  # the first person the sentence names
    NONE = "none"

    EXPLICIT = frozenset({AFTER, AGENT, BEFORE, PARTICIPLE, ACCORDING_TO})


@dataclass(frozen=True)
class Attributed:
    speaker: Speaker
    how: str


@dataclass(frozen=True)
class Speech:
    """A language's ``speech`` table, compiled."""

    marks: dict[str, str]
    glued_closing: str
    verb: re.Pattern[str]
    not_speech: frozenset[str]
    participle: re.Pattern[str]
    according_to: re.Pattern[str]
    opinion_of: re.Pattern[str]
    not_a_name_after: re.Pattern[str]
    agent: re.Pattern[str]
    subject_pronoun: re.Pattern[str]
    object_pronoun: re.Pattern[str]
    inverted_pronoun: re.Pattern[str]
    after_verb: re.Pattern[str]
    before_verb: re.Pattern[str]
    role_before_name: re.Pattern[str]
    proper_name: re.Pattern[str]
    not_a_name_start: frozenset[str]
    name_particles: frozenset[str]
    leading_articles: frozenset[str]
    civil_titles: frozenset[str]
    role_nouns: frozenset[str]
    role_qualifiers: frozenset[str]
    noun_phrase_subject: re.Pattern[str]
    determiner: re.Pattern[str]
    organisation_pronoun: re.Pattern[str]
    anaphora: re.Pattern[str]
    not_speech_before_mark: re.Pattern[str]


@cache
def speech(language: str) -> Speech:
    words = table(language, "speech")
    particles = "|".join(re.escape(p) for p in words.NAME_PARTICLES if not p.endswith("'"))
    name_word = rf"[{_UPPER}][\w’'-]+"
    return Speech(
        marks=dict(words.QUOTE_MARKS),
        glued_closing=words.GLUED_CLOSING,
        verb=re.compile(words.SPEECH_VERB),
        not_speech=words.NOT_SPEECH,
        participle=re.compile(words.PARTICIPLE),
        according_to=re.compile(words.ACCORDING_TO),
        opinion_of=re.compile(words.OPINION_OF),
        not_a_name_after=re.compile(words.NOT_A_NAME_AFTER),
        agent=re.compile(words.AGENT),
        subject_pronoun=re.compile(words.SUBJECT_PRONOUN),
        object_pronoun=re.compile(words.OBJECT_PRONOUN),
        inverted_pronoun=re.compile(words.INVERTED_PRONOUN),
        after_verb=re.compile(words.AFTER_VERB),
        before_verb=re.compile(words.BEFORE_VERB),
        role_before_name=re.compile(words.ROLE_BEFORE_NAME),
        proper_name=re.compile(rf"(?<!\w){name_word}(?:\s+(?:(?:{particles})\s+)*{name_word})*"),
        not_a_name_start=words.NOT_A_NAME_START,
        name_particles=frozenset(words.NAME_PARTICLES) | {"et", "and", "the"},
        leading_articles=words.LEADING_ARTICLES,
        civil_titles=words.CIVIL_TITLES,
        role_nouns=words.ROLE_NOUNS,
        role_qualifiers=words.ROLE_QUALIFIERS,
        determiner=re.compile(r"(?:" + words.DETERMINERS + r")?"),
        organisation_pronoun=re.compile(words.ORGANISATION_PRONOUN),
        anaphora=re.compile(r"\s*(?:" + words.ANAPHORA + r")\b"),
        noun_phrase_subject=re.compile(
            r"(?:^|(?<=[\s,]))(?:"
            + words.DETERMINERS
            + r")\s*[a-z'-]+(?:\s+[a-z'-]+){0,2}"
            + words.BEFORE_VERB
            + r"$"
        ),
        not_speech_before_mark=re.compile(
            r"(?<![\w-])" + words.NOT_SPEECH_BEFORE_MARK + r"[\s:,]*$"
        ),
    )


# Finding quotations ---------------------------------------------------------------------------


def _closes_glued_opening(text: str, index: int, line_end: int) -> bool:
    """An opening « right after a word and before punctuation or the end is a closing mark."""
    before = text[index - 1] if index else " "
    after = text[index + 1 : line_end].lstrip(SPACES)[:1]
    return before not in SPACES and (after == "" or after in ".,;:!?)")


def quote_spans(text: str, *, language: str) -> list[QuoteSpan]:
    """Outermost quotations of ``text``, in order, one paragraph (line) at a time; a quotation
    left open continues in the next paragraph when that one opens with the same mark."""
    marks = speech(language)
    lines: list[tuple[int, int]] = []
    position = 0
    for line in text.split("\n"):
        lines.append((position, position + len(line)))
        position += len(line) + 1
    spans: list[QuoteSpan] = []
    carried: int | None = None  # where an open quotation's mark is, from a previous paragraph
    for index, (start, end) in enumerate(lines):
        if carried is not None:
            first = start + len(text[start:end]) - len(text[start:end].lstrip(SPACES))
            if first == end:  # a blank line between the paragraphs
                continue
            if text[first] != text[carried]:
                spans.extend(_span(text, carried, _previous_line_end(lines, index), closed=False))
                carried = None
        found, carried = _line_quotes(text, start, end, marks, carried)
        spans.extend(found)
        if carried is not None and not _continues(text, lines, index, carried):
            # A mark never closed in a paragraph that ends on a colon opens no quotation: the
            # paragraph announces the words that follow ("Following are excerpts …:").
            if not text[start:end].rstrip(SPACES).endswith(":"):
                spans.extend(_span(text, carried, end, closed=False))
            carried = None
    if carried is not None:
        spans.extend(_span(text, carried, lines[-1][1], closed=False))
    return spans


def _previous_line_end(lines: list[tuple[int, int]], index: int) -> int:
    """The end of the last non-blank line before ``lines[index]``."""
    for previous in range(index - 1, -1, -1):
        start, end = lines[previous]
        if end > start:
            return end
    return lines[index][0]


def _continues(text: str, lines: list[tuple[int, int]], index: int, opened_at: int) -> bool:
    """Whether the next non-blank paragraph opens with the mark that opened ``opened_at`` (and
    this one does not end with a colon, which announces what follows rather than continues)."""
    if text[lines[index][0] : lines[index][1]].rstrip(SPACES).endswith(":"):
        return False
    for following in range(index + 1, len(lines)):
        start, end = lines[following]
        stripped = text[start:end].lstrip(SPACES)
        if stripped:
            return stripped[0] == text[opened_at]
    return False


def _line_quotes(
    text: str, start: int, end: int, marks: Speech, carried: int | None
) -> tuple[list[QuoteSpan], int | None]:
    """Quotations of the paragraph ``[start, end)``; and where the one left open was opened."""
    found: list[QuoteSpan] = []
    opened_at = carried
    closing = marks.marks[text[carried]] if carried is not None else ""
    depth = 0
    i = start
    if carried is not None:
        # Past the mark that reopens the quotation.
        i = start + len(text[start:end]) - len(text[start:end].lstrip(SPACES)) + 1
    while i < end:
        char = text[i]
        if opened_at is None:
            if char in marks.marks:
                opened_at, closing, depth = i, marks.marks[char], 0
        elif char == closing and depth == 0:
            found.extend(_span(text, opened_at, i + 1))
            opened_at = None
        elif char == closing and closing != text[opened_at]:
            depth -= 1
        elif char == text[opened_at] and closing != char:
            if char in marks.glued_closing and _closes_glued_opening(text, i, end):
                found.extend(_span(text, opened_at, i + 1))
                opened_at = None
            else:
                depth += 1
        i += 1
    return found, opened_at


def _span(text: str, mark_start: int, mark_end: int, closed: bool = True) -> list[QuoteSpan]:
    inner_start = mark_start + 1
    inner_end = mark_end - 1 if closed else mark_end
    # A quotation of several paragraphs may have its marks alone on their lines.
    spaces = SPACES + "\n"
    while inner_start < inner_end and text[inner_start] in spaces:
        inner_start += 1
    # The comma of an English attribution stands inside the marks (“We will,” she said).
    trimmed = _TRIM + "\n" if not closed else spaces + ","
    while inner_end > inner_start and text[inner_end - 1] in trimmed:
        inner_end -= 1
    if not closed:
        # A quotation never closed ends with its last sentence, not with the paragraph's dot.
        while inner_end > inner_start and text[inner_end - 1] in ".!?…\n" + _TRIM:
            inner_end -= 1
    if not any(char.isalnum() for char in text[inner_start:inner_end]):
        return []
    return [QuoteSpan(inner_start, inner_end, mark_start, mark_end)]


# Who said it ----------------------------------------------------------------------------------


def cues(
    marks: Speech, folded: str, start: int, end: int, *, ambiguous: bool = False
) -> list[tuple[int, int, bool]]:
    """Attribution verbs in ``folded[start:end]``: (start, end, is_participle). ``ambiguous``
    keeps the forms that are more often nouns or adjectives (« précise »)."""
    found = []
    for match in re.finditer(r"[a-z]+", folded[start:end]):
        word = match.group()
        if (word in marks.not_speech and not ambiguous) or not marks.verb.match(word):
            continue
        found.append(
            (start + match.start(), start + match.end(), bool(marks.participle.match(word)))
        )
    return found


def civil_title_stripped(name: str, language: str) -> str:
    """« M. Jean Dupont » → « Jean Dupont »; "MR. SMITH" → "SMITH"; a title alone stays."""
    titles = speech(language).civil_titles
    words = name.split()
    while len(words) > 1 and fold(words[0]).rstrip(".") in titles:
        words = words[1:]
    return " ".join(words)


def _initials(name: str, particles: frozenset[str]) -> str:
    words = [word for word in re.split(r"[\s-]+", name) if word]
    if len(words) < 2 or any(word.isupper() and len(word) > 1 for word in words):
        return ""
    return "".join(word[0].upper() for word in words if fold(word) not in particles)


class SpeakerResolver:
    """Attributes the quotations of one text, sentence after sentence, in reading order.

    ``folded`` is ``fold(text)`` and ``mentions`` every known actor the text names, both computed
    once for the whole text: nothing here scans more than the sentence it is given."""

    def __init__(
        self, text: str, folded: str, mentions: Sequence[Mention], *, language: str
    ) -> None:
        self.text = text
        self.folded = folded
        self.language = language
        self.marks = speech(language)
        self.mentions = list(mentions)
        self._starts = [mention.start for mention in self.mentions]
        self.previous: Speaker = UNKNOWN
        self.roles: dict[str, Speaker] = {}
        self.in_full: dict[str, str] = {}  # initials → a name the text gave in full

    # Names in a span ---------------------------------------------------------------------------

    def _mentions(self, start: int, end: int, quotes: Sequence[QuoteSpan]) -> list[Mention]:
        low = bisect.bisect_left(self._starts, start)
        high = bisect.bisect_left(self._starts, end)
        return [
            mention
            for mention in self.mentions[low:high]
            if mention.end <= end
            and not any(q.mark_start <= mention.start < q.mark_end for q in quotes)
        ]

    def _names(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Capitalised names in ``text[start:end]`` (start, end, name without civil title)."""
        names = []
        for match in self.marks.proper_name.finditer(self.text, start, end):
            words = match.group().split()
            first = fold(words[0]).rstrip("'’")
            elided = len(words[0]) > 2 and words[0][1] in "'’" and words[0][2].islower()
            if (first in self.marks.leading_articles or elided) and len(words) > 1:
                name = match.group()[len(words[0]) :].lstrip()
                names.append((match.end() - len(name), match.end(), name))
                continue
            if first in self.marks.not_a_name_start:
                continue
            if self.marks.not_a_name_after.search(
                self.folded, max(0, match.start() - 5), match.start()
            ):
                continue
            if first in self.marks.civil_titles:
                if len(words) == 1:
                    continue
                name = civil_title_stripped(match.group(), self.language)
                names.append((match.end() - len(name), match.end(), name))
                continue
            names.append((match.start(), match.end(), match.group()))
        return names

    def _name_after(self, start: int, end: int) -> str | None:
        """A capitalised name opening ``text[start:end]``, maybe after a role or a title."""
        names = self._names(start, end)
        if not names:
            return None
        # « le Premier ministre Pravind Jugnauth »: a capitalised role word is no name.
        while (
            names
            and self._role(names[0][0], end)
            == fold(names[0][2]).split()[0]
            + " "
            + (re.findall(r"[a-z'-]+", self.folded[names[0][1] : end])[:1] or [""])[0].strip()
        ):
            names = names[1:]
        if not names:
            return None
        before = self.folded[start : names[0][0]].strip(SPACES + ",")
        before = re.sub(r"\b[a-z]{1,4}\.\s*$", "", before).strip()
        if before and not self.marks.role_before_name.fullmatch(before):
            return None
        return names[0][2]

    def _name_before(self, start: int, end: int) -> str | None:
        """The capitalised subject of a verb at ``end``: the last name followed only by an
        auxiliary, adverbs or an apposition (« Marie Dubois, maire de Lille, a déclaré »)."""
        for name_start, name_end, name in reversed(self._names(start, end)):
            del name_start
            if self.marks.before_verb.fullmatch(self.folded, name_end, end):
                return name
        return None

    def _role(self, start: int, end: int) -> str | None:
        """The role noun of a phrase (« le ministre des affaires étrangères », "the foreign
        minister") within the first words of ``folded[start:end]``."""
        words = re.findall(r"[a-z'-]+", self.folded[start : min(end, start + 60)])[:5]
        for index, word in enumerate(words):
            pair = f"{word} {words[index + 1]}" if index + 1 < len(words) else ""
            if pair in self.marks.role_nouns:
                return pair
            if word in self.marks.role_nouns:
                return word
        return None

    def _roles_in(self, words: Sequence[str]) -> list[str]:
        """The role nouns among folded ``words``, alone and in pairs ("prime minister")."""
        found = [word for word in words if word in self.marks.role_nouns]
        found += [
            f"{first} {second}"
            for first, second in itertools.pairwise(words)
            if f"{first} {second}" in self.marks.role_nouns
        ]
        return found

    def remember_roles(self, start: int, end: int, quotes: Sequence[QuoteSpan]) -> None:
        """Who holds which role, from the way the sentence names people (« le ministre Jean
        Dupont », "Foreign Minister Jane Doe", "Jane Doe, the minister,")."""
        titles = self.marks.role_nouns | self.marks.role_qualifiers
        for name_start, name_end, name in self._names(start, end):
            if any(q.mark_start <= name_start < q.mark_end for q in quotes):
                continue
            mentions = self._mentions(name_start, name_end + 1, quotes)
            person_words = name.split()
            leading: list[str] = []
            while len(person_words) > 1 and fold(person_words[0]) in titles:
                leading.append(fold(person_words[0]))
                person_words = person_words[1:]
            roles = self._roles_in(leading)
            if not roles:
                window = self.folded[max(start, name_start - 40) : name_start]
                roles = self._roles_in(re.findall(r"[a-z'-]+", window)[-3:])
            if not roles:
                after = re.match(r"\s*,\s*", self.folded[name_end:end])
                role = self._role(name_end + after.end(), end) if after else None
                roles = [role] if role else []
            speaker = (
                Speaker(key=mentions[0].key)
                if mentions
                else Speaker(new_name=" ".join(person_words))
            )
            for role in roles:
                self.roles[role] = speaker

    # Attribution --------------------------------------------------------------------------------

    def sentence(
        self,
        start: int,
        end: int,
        quotes: Sequence[QuoteSpan],
        clause_ends: Sequence[int] | None = None,
    ) -> list[Attributed]:
        """Speakers of ``quotes`` (in order) within the sentence ``[start, end)``.
        ``clause_ends[i]`` is where an attribution after quotation ``i`` may end (past the
        sentence for a quotation of several paragraphs)."""
        mentions = self._mentions(start, end, quotes)
        subject = Speaker(key=mentions[0].key) if mentions else self._named_subject(start, end)
        found: list[Attributed] = []
        for index, quote in enumerate(quotes):
            clause_start = quotes[index - 1].mark_end if index else start
            clause_end = quotes[index + 1].mark_start if index + 1 < len(quotes) else end
            if clause_ends is not None:
                clause_end = max(clause_end, clause_ends[index])
            attributed = (
                self._after(quote, clause_end, quotes)
                or self._agent(quote, clause_end, quotes)
                or self._before(clause_start, quote, found, subject, start, quotes)
                or self._according_to(start, end, quotes)
            )
            if attributed is None:
                if found and found[-1].speaker:
                    # As good as the attribution it repeats: a guess stays a guess.
                    how = How.PREVIOUS if found[-1].how == How.PREVIOUS else How.SAME_SENTENCE
                    attributed = Attributed(found[-1].speaker, how)
                elif self.previous and not mentions:
                    attributed = Attributed(self.previous, How.PREVIOUS)
                elif subject:
                    attributed = Attributed(subject, How.SUBJECT)
                else:
                    attributed = Attributed(UNKNOWN, How.NONE)
            found.append(replace(attributed, speaker=self._spelt_out(attributed.speaker)))
        self.remember_roles(start, end, quotes)
        self._remember_in_full(start, end)
        subject = self._spelt_out(subject)
        if found and found[-1].speaker:
            self.previous = found[-1].speaker
        elif subject:
            self.previous = subject
        return found

    def _remember_in_full(self, start: int, end: int) -> None:
        """Names of several words, by their initials (« Open Society Foundations » → OSF)."""
        for _name_start, _name_end, name in self._names(start, end):
            letters = _initials(name, self.marks.name_particles)
            if len(letters) >= 2:
                self.in_full.setdefault(letters, name)

    def _spelt_out(self, speaker: Speaker) -> Speaker:
        """An acronym the text spelt out before (« l'OSF » after « Open Society Foundations »)
        is written as the text wrote it in full."""
        name = speaker.new_name
        if name and name.isupper() and 2 <= len(name) <= 6 and name.isalpha():
            full = self.in_full.get(name)
            if full:
                return replace(speaker, new_name=full)
        return speaker

    def _named_subject(self, start: int, end: int) -> Speaker:
        """Someone the sentence names in full (« Claire Bonnet »), for a « a-t-elle dit » next;
        not a line of names alone (a byline, a press contact)."""
        if not any(word[:1].islower() for word in self.text[start:end].split()):
            return UNKNOWN
        # The subject of a verb of speech first ("Agency spokeswoman Jane Doe told CBC …").
        for cue_start, cue_end, participle in cues(self.marks, self.folded, start, end):
            if participle:
                continue
            agent = self._agent_of(cue_end, end, ())
            if agent:
                return agent
            name = self._name_before(start, cue_start)
            if name:
                return Speaker(new_name=name)
        for _name_start, _name_end, name in self._names(start, end):
            if len(name.split()) >= 2:
                return Speaker(new_name=name)
        return UNKNOWN

    def _role_speaker(self, role: str) -> Speaker:
        return self.roles.get(role, UNKNOWN)

    def _name_at(
        self, start: int, end: int, quotes: Sequence[QuoteSpan], *, after: bool
    ) -> Speaker | None:
        """The actor, pronoun, role or new name that is the subject right after (or before) a
        verb; an unknown speaker for a role nobody named holds; None if there is no subject."""
        mentions = self._mentions(start, end, quotes)
        if after:
            skip = self.marks.after_verb.match(self.folded, start, end)
            position = skip.end() if skip else start
            if mentions and mentions[0].start <= position + 3:
                return Speaker(key=mentions[0].key)
            if self.marks.subject_pronoun.match(self.folded, position, end):
                return self.previous
            name = self._name_after(position, end)
            if name:
                return Speaker(new_name=name)
            if self.marks.role_before_name.match(self.folded, position, end):
                role = self._role(position, end)
                if role:
                    return self._role_speaker(role)
            return None
        adjacent = self._subject_of(start, end, quotes)
        if adjacent is not None:
            return adjacent
        if mentions:
            return Speaker(key=mentions[0].key)
        names = self._names(start, end)
        if names and self.marks.determiner.fullmatch(
            self.folded[start : names[0][0]].strip(SPACES + ",").strip()
        ):
            # The clause's subject, the verb coordinated further ("X issued a report and said").
            return Speaker(new_name=names[0][2])
        if self.marks.subject_pronoun.search(self.folded, start, end):
            return self.previous
        if self.marks.noun_phrase_subject.search(self.folded, start, end):
            # « Cette instance a déclaré … »: someone the text does not name.
            return UNKNOWN
        return None

    def _role_before_verb(self, start: int, end: int) -> str | None:
        """The role of a role phrase that is the subject of a verb at ``end``."""
        for match in re.finditer(r"(?<![\w'])(?:le |la |l'|the )", self.folded[start:end]):
            phrase_start = start + match.start()
            role = self._role(phrase_start, end)
            if role is None:
                continue
            role_end = self.folded.find(role.split()[-1], phrase_start, end) + len(role.split()[-1])
            # The phrase's words up to the verb: nothing but the role and its adjectives.
            rest = self.folded[role_end:end]
            if self.marks.before_verb.fullmatch(rest) or re.fullmatch(
                r"(?:\s+[a-z'-]+){0,4}" + self.marks.before_verb.pattern, rest
            ):
                return role
        return None

    def _after(
        self, quote: QuoteSpan, clause_end: int, quotes: Sequence[QuoteSpan]
    ) -> Attributed | None:
        """« …, a déclaré X » / « …, a-t-il ajouté » / "…," said Smith / "…," Smith said."""
        for cue_start, cue_end, participle in cues(
            self.marks, self.folded, quote.mark_end, clause_end, ambiguous=True
        ):
            if participle:
                continue
            word = self.folded[cue_start:cue_end]
            if word in self.marks.not_speech and self.folded[quote.mark_end : cue_start].strip(
                _BETWEEN
            ):
                # « précise » is a verb only right after the quotation (« … », précise X).
                continue
            between = self.folded[quote.mark_end : cue_start]
            rest = between.lstrip(_BETWEEN)
            if (
                "," not in between
                and rest.strip()
                and not self._closed_with_comma(quote)
                and not self.marks.before_verb.fullmatch(rest)
            ):
                continue
            if self.marks.inverted_pronoun.search(between) or self.marks.inverted_pronoun.match(
                self.folded, cue_end, clause_end
            ):
                if self.previous:
                    return Attributed(self.previous, How.AFTER)
                continue
            if rest.strip() and not self.marks.before_verb.fullmatch(rest) and len(rest) <= 80:
                # The subject stands between the quotation and its verb ("…," Smith said).
                speaker = self._subject_of(cue_start - len(rest), cue_start, quotes)
                if speaker is not None:
                    return Attributed(speaker, How.AFTER)
            speaker = self._name_at(cue_end, clause_end, quotes, after=True)
            if speaker is not None:
                return Attributed(speaker, How.AFTER)
        return None

    def _subject_of(self, start: int, verb: int, quotes: Sequence[QuoteSpan]) -> Speaker | None:
        """The subject right before a verb at ``verb``: an actor, a name, a pronoun or a role,
        followed by nothing but auxiliaries and adverbs."""
        if self.marks.anaphora.match(self.folded, start, verb):
            return self.previous  # « Ce dernier a affirmé … »: the person just named
        for mention in reversed(self._mentions(start, verb, quotes)):
            if self.marks.before_verb.fullmatch(self.folded, mention.end, verb):
                return Speaker(key=mention.key)
        name = self._name_before(start, verb)
        if name:
            return Speaker(new_name=name)
        for pronoun in (self.marks.subject_pronoun, self.marks.organisation_pronoun):
            for match in pronoun.finditer(self.folded, start, verb):
                if self.marks.before_verb.fullmatch(self.folded, match.end(), verb):
                    return self.previous
        role = self._role_before_verb(start, verb)
        if role:
            return self._role_speaker(role)
        return None

    def _closed_with_comma(self, quote: QuoteSpan) -> bool:
        """“We will win,” (the English comma inside the marks) or « … », like a comma after."""
        inside = self.text[quote.end - 1 : quote.mark_end].strip(SPACES + '»”"')
        return inside[-1:] in {",", "?", "!", "…"}

    def _agent(
        self, quote: QuoteSpan, clause_end: int, quotes: Sequence[QuoteSpan]
    ) -> Attributed | None:
        """A passive's agent: « jugé « décevant » par les ONG »."""
        match = self.marks.agent.match(self.folded, quote.mark_end, clause_end)
        if not match:
            return None
        speaker = self._name_at(match.end(), clause_end, quotes, after=True)
        return Attributed(speaker, How.AGENT) if speaker else None

    def _before(
        self,
        clause_start: int,
        quote: QuoteSpan,
        found: list[Attributed],
        subject: Speaker,
        sentence_start: int,
        quotes: Sequence[QuoteSpan],
    ) -> Attributed | None:
        verbs = cues(self.marks, self.folded, clause_start, quote.mark_start)
        if not verbs:
            return None
        cue_start, cue_end, participle = verbs[-1]
        if participle:
            speaker = found[-1].speaker if found else subject
            return Attributed(speaker, How.PARTICIPLE) if speaker else None
        agent = self._agent_of(cue_end, quote.mark_start, quotes)
        if agent:
            return Attributed(agent, How.AGENT)
        speaker = self._name_at(clause_start, cue_start, quotes, after=False)
        if speaker is None and clause_start != sentence_start:
            speaker = self._name_at(sentence_start, cue_start, quotes, after=False)
        return Attributed(speaker, How.BEFORE) if speaker is not None else None

    def _agent_of(self, verb_end: int, end: int, quotes: Sequence[QuoteSpan]) -> Speaker | None:
        """The agent of a passive verb ending at ``verb_end`` (« décrite par Rebecca »,
        "described by Smith as …"), if one follows it."""
        match = self.marks.agent.match(self.folded, verb_end, end)
        if match is None:
            return None
        speaker = self._name_at(match.end(), end, quotes, after=True)
        return speaker or None

    def _according_to(self, start: int, end: int, quotes: Sequence[QuoteSpan]) -> Attributed | None:
        opinion = self.marks.opinion_of.match(self.folded, start, end)
        if opinion and not self.marks.role_before_name.match(self.folded, opinion.end(), end):
            # « Pour Marc Lenoir, … »: a name right after, then a comma.
            names = self._names(opinion.end(), end)
            mentions = self._mentions(opinion.end(), end, quotes)
            if mentions and mentions[0].start == opinion.end():
                return Attributed(Speaker(key=mentions[0].key), How.ACCORDING_TO)
            if names and names[0][0] == opinion.end():
                return Attributed(Speaker(new_name=names[0][2]), How.ACCORDING_TO)
        for match in self.marks.according_to.finditer(self.folded, start, end):
            if any(q.mark_start <= match.start() < q.mark_end for q in quotes):
                continue
            if self.marks.object_pronoun.match(self.folded, match.end(), end) and self.previous:
                return Attributed(self.previous, How.ACCORDING_TO)
            speaker = self._name_at(match.end(), end, quotes, after=True)
            if speaker:
                return Attributed(speaker, How.ACCORDING_TO)
        return None


# Words someone said, or a name between marks ---------------------------------------------------


def is_named_not_said(text: str, folded: str, quote: QuoteSpan, *, language: str) -> bool:
    """A title, a nickname or a scare quote rather than words someone said: after « dite »,
    « surnommé », "so-called", "the book"; or a short run of capitalised words (a title)."""
    marks = speech(language)
    window = folded[max(0, quote.mark_start - 40) : quote.mark_start]
    if marks.not_speech_before_mark.search(window):
        return True
    words = text[quote.start : quote.end].split()
    if 2 <= len(words) <= 6 and text[quote.end - 1] not in ".!?…,;:":
        significant = [w for w in words if len(w) > 3]
        if significant and all(w[:1].isupper() for w in significant) and words[0][:1].isupper():
            return True
    return False

"""Where a text names an actor or a place, and which known actor a name found in a text is.

Matching ignores case, accents and the kind of apostrophe or hyphen, but keeps offsets: the text
is folded one character for one character, so a match in the folded text is a span of the
original. Names are compared word by word through a tree of words, so finding every mention costs
time in proportion to the text's length, whatever the number of names.

Besides the names and aliases it is given, an actor is found by what the language tables of
``seeds.lang`` know about naming people: a title or an honorific before a surname (« le président
Trump », "Chairman Kim", « M. Poutine »), a role phrase naming a country and a role that one known
actor held at the time (« le dirigeant nord-coréen », "the Russian leader", « le chef du
Kremlin »), a surname alone when one known person bears it, and a name spelt the other
language's way ("Putin" ↔ « Poutine »). Places are found by their names and aliases only.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext, gettext_noop

from seeds.lang import LANGUAGES, table

if TYPE_CHECKING:
    from seeds.quotes import Speaker

_EQUIVALENT = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "‐": "-", "‑": "-", "\xa0": " "})

# Why a name becomes a new actor, shown in the import preview.
NO_KNOWN_ACTOR = gettext_noop("aucun acteur connu ne porte ce nom")
SEVERAL_KNOWN_ACTORS = gettext_noop(
    "plusieurs acteurs connus s'appellent {name} ({names}) : à vérifier"
)
SAME_SURNAME = gettext_noop(
    "aucun acteur connu ne porte ce nom ; même nom de famille que {names} : à vérifier"
)


def fold(text: str) -> str:
    """Case and accents removed, character for character (the result has the same length)."""
    if text.isascii():
        return text.lower()
    return "".join(map(_fold_char, text.translate(_EQUIVALENT)))


@cache
def _fold_char(char: str) -> str:
    base = unicodedata.normalize("NFKD", char)[:1] or char
    lower = base.casefold()
    return lower if len(lower) == 1 else base.lower()[:1]


@dataclass(frozen=True)
class Named:
    """Anything a text can mention: its key (a slug) and every name it goes by.

    For an actor, ``description`` (« Président des États-Unis de 2017 à 2021 ») says which role
    it holds and when, ``country`` where, and ``kind`` whether it is a ``person`` (whose surname
    alone names it) or an ``institution``. For a place, ``part_of`` is the key of the larger
    place it lies in.
    """

    key: str
    names: tuple[str, ...]
    description: str = ""
    country: str = ""
    kind: str = ""
    part_of: str | None = None


def named_actor(actor: Any) -> Named:
    """The ``Named`` of an actor record (``summit.models.Actor`` or alike): its names, and its
    description, country and kind, which titles and roles are read against."""
    return Named(
        actor.slug,
        tuple(actor.all_names),
        description=actor.description or "",
        country=actor.country or "",
        kind=actor.kind or "",
    )


def named_place(place: Any) -> Named:
    """The ``Named`` of a place record, with the key of the place it is part of (select the
    ``part_of`` relation with it to spare a query per place)."""
    parent = place.part_of
    return Named(place.slug, tuple(place.all_names), part_of=parent.slug if parent else None)


@dataclass(frozen=True)
class Mention:
    key: str
    start: int
    end: int


_WORD = re.compile(r"\w+")
_SPACING = re.compile(r"[\s-]+")
_END = None  # the key under which a node of the word tree stores the name ending there
_AMBIGUOUS = ""  # a surname several known people bear: it names none of them
# What a sentence (or a quotation) opens after.
_SENTENCE_OPENERS = (".", "!", "?", "…", ":", "«", "“", '"', "—", "–", "-", "(")


def _separator(between: str) -> str:
    """What stands between two words, as compared: any run of spaces and hyphens is one space;
    anything else is kept without its spaces (« l' État » and « l'État » compare equal)."""
    if _SPACING.fullmatch(between):
        return " "
    return re.sub(r"\s+", "", between)


def _steps(folded: str) -> tuple[str, ...]:
    """A folded name as the path the word tree stores it under: words and separators."""
    words = list(_WORD.finditer(folded))
    steps: list[str] = []
    for index, word in enumerate(words):
        if index:
            steps.append(_separator(folded[words[index - 1].end() : word.start()]))
        steps.append(word.group())
    return tuple(steps)


class _Tree:
    """Names as paths of words: the longest name starting at a word is found in as many steps
    as it has words."""

    def __init__(self) -> None:
        self.root: dict[Any, Any] = {}

    def add(self, steps: tuple[str, ...], value: Any, *, replace: bool = False) -> None:
        if not steps:
            return
        node = self.root
        for step in steps:
            node = node.setdefault(step, {})
        if replace or _END not in node:
            node[_END] = value

    def longest(
        self, folded: str, words: Sequence[tuple[int, int]], first: int
    ) -> tuple[Any, int] | None:
        """The value of the longest name starting at ``words[first]``, and its last word."""
        start, end = words[first]
        node = self.root.get(folded[start:end])
        found = None
        index = first
        while node is not None:
            if _END in node:
                found = (node[_END], index)
            if index + 1 >= len(words):
                break
            following_start, following_end = words[index + 1]
            after = node.get(_separator(folded[words[index][1] : following_start]))
            if after is None:
                break
            node = after.get(folded[following_start:following_end])
            index += 1
        return found


@dataclass(frozen=True)
class _Title:
    feminine: bool | None  # None: says nothing of who bears it


@dataclass
class _Person:
    named: Named
    roles: frozenset[str]
    since: int | None
    until: int | None
    former: bool
    feminine: bool

    def holds_at(self, on: datetime.date | None) -> bool:
        """Whether the person held their roles on ``on`` (when unknown: unless it is over)."""
        if on is None:
            return not self.former and self.until is None
        if self.since is not None and on.year < self.since:
            return False
        if self.until is not None:
            return on.year <= self.until
        return not self.former


@cache
def _tables() -> tuple[Any, ...]:
    return tuple(table(language, "names") for language in LANGUAGES)


def _after_article(article: str, steps: tuple[str, ...]) -> tuple[str, ...]:
    """``steps`` after an article: « le président », « l'ex-président »."""
    folded = fold(article)
    return (*_steps(folded), "'" if folded.endswith("'") else " ", *steps)


@cache
def _titles() -> _Tree:
    """Titles and honorifics of every language, with their articles and qualifiers."""
    titles = _Tree()
    for names in _tables():
        for feminine, words in (
            (False, names.HONORIFICS),
            (True, names.HONORIFICS_FEMININE),
            (None, names.TITLES),
            (True, names.TITLES_FEMININE),
        ):
            for word in words:
                steps = _steps(fold(word))
                title = _Title(feminine)
                titles.add(steps, title)
                for article in names.ARTICLES:
                    titles.add(_after_article(article, steps), title)
                    for qualifier in names.TITLE_QUALIFIERS:
                        qualified = (*_steps(fold(qualifier)), " ", *steps)
                        titles.add(_after_article(article, qualified), title)
    return titles


@cache
def _countries() -> dict[str, frozenset[str]]:
    """Each folded country name with its other spellings (« Russie », "Russia")."""
    same: dict[str, set[str]] = {}
    for names in _tables():
        for first, second in getattr(names, "EQUIVALENTS", ()):
            one, other = fold(first), fold(second)
            same.setdefault(one, set()).add(other)
            same.setdefault(other, set()).add(one)
    return {name: frozenset(others) for name, others in same.items()}


@cache
def _equivalents() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    pairs: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    for names in _tables():
        for first, second in getattr(names, "EQUIVALENTS", ()):
            one, other = _steps(fold(first)), _steps(fold(second))
            if one and other and one != other:
                pairs += [(one, other), (other, one)]
    return tuple(pairs)


def _replace_run(steps: tuple[str, ...], old: tuple[str, ...], new: tuple[str, ...]) -> tuple:
    """``steps`` with the words ``old`` replaced by ``new``, when they appear as whole words."""
    size = len(old)
    for index in range(0, len(steps) - size + 1, 2):
        if steps[index : index + size] == old:
            return steps[:index] + new + steps[index + size :]
    return ()


def _variants(name: str, equivalents: Sequence[tuple[tuple[str, ...], tuple[str, ...]]]) -> set:
    steps = _steps(fold(name))
    found = {steps}
    for old, new in equivalents:
        replaced = _replace_run(steps, old, new)
        if replaced:
            found.add(replaced)
    return found


def _bare(steps: tuple[str, ...], articles: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    """« le président russe » without its article, as it reads after « du »."""
    for article in articles:
        size = len(article)
        if steps[:size] == article and len(steps) > size + 1:
            return steps[size + 1 :]
    return ()


_ALIAS_ARTICLES = tuple(_steps(article) for article in ("le", "la", "les", "l'", "the"))


def _person(named: Named) -> _Person:
    description = fold(named.description)
    roles: set[str] = set()
    since = until = None
    former = feminine = False
    for names in _tables():
        for words, meaning in names.DESCRIPTION_ROLES.items():
            if re.search(rf"(?<!\w){re.escape(words)}(?!\w)", description):
                roles.update(meaning)
        if description.startswith(names.DESCRIPTION_FEMININE):
            feminine = True
        if re.search(names.TENURE_FORMER, description):
            former = True
        match = re.search(names.TENURE_RANGE, description)
        if match:
            since, until = int(match.group("start")), int(match.group("end"))
            continue
        match = re.search(names.TENURE_SINCE, description)
        if match and since is None:
            since = int(match.group("start"))
        match = re.search(names.TENURE_UNTIL, description)
        if match and until is None:
            until = int(match.group("end"))
    return _Person(named, frozenset(roles), since, until, former, feminine)


def _family_names(name: str) -> tuple[str, ...]:
    """The words of a person's name that may stand alone for them: the last one, or the first
    when the given name comes last and is hyphenated (« Kim Jong-un », « Moon Jae-in »)."""
    words = name.split()
    if len(words) < 2 or not all(word[:1].isupper() for word in words):
        return ()
    if "-" in words[-1] and len(words) >= 2:
        return (words[0],)
    return (words[-1],)


def _titled_names(name: str) -> tuple[str, ...]:
    """Words that follow a title: the family name, and the first word (« le président Xi »)."""
    words = name.split()
    if len(words) < 2:
        return ()
    return tuple(dict.fromkeys([*_family_names(name), words[0], words[-1]]))


class MentionFinder:
    """Finds non-overlapping mentions, the longest name winning (« le père de Kim Jong-un »
    before « Kim Jong-un »). Spaces and hyphens are interchangeable (« Kim Jong Un »).

    ``on`` is the day the text speaks of: a title or a role phrase names whoever held the role
    then (Kim Jong-il or Kim Jong-un for « le dirigeant nord-coréen »). ``people`` enables the
    rules about how people are named (titles, surnames, roles); places go without.
    """

    def __init__(
        self, named: Iterable[Named], *, on: datetime.date | None = None, people: bool = True
    ) -> None:
        self.named = list(named)
        self.by_key = {item.key: item for item in self.named}
        self.on = on
        equivalents = _equivalents()
        self._names = _Tree()
        for item in self.named:
            for name in item.names:
                for steps in _variants(name, equivalents):
                    self._names.add(steps, _Entry(item.key))
                    self._names.add(_bare(steps, _ALIAS_ARTICLES), _Entry(item.key))
        self._titles = _titles()
        self._surnames = _Tree()
        self._family = _Tree()
        self._family_keys: dict[tuple[str, ...], set[str]] = {}
        self._titled_keys: dict[tuple[str, ...], set[str]] = {}
        self.persons: dict[str, _Person] = {}
        if not people:
            return
        self.persons = {
            item.key: _person(item)
            for item in self.named
            if item.kind != "institution" and item.names
        }
        for key, person in self.persons.items():
            name = person.named.names[0]
            for word in _family_names(name):
                for steps in _variants(word, equivalents):
                    self._family_keys.setdefault(steps, set()).add(key)
            for word in _titled_names(name):
                for steps in _variants(word, equivalents):
                    self._titled_keys.setdefault(steps, set()).add(key)
        for steps, keys in self._family_keys.items():
            self._family.add(steps, next(iter(keys)) if len(keys) == 1 else _AMBIGUOUS)
        for steps, keys in self._titled_keys.items():
            self._surnames.add(steps, self._choose(keys))
        self._add_role_phrases()

    def _choose(self, keys: set[str]) -> str:
        """The one person among ``keys`` a title names: the only one, or the only one holding a
        role on the day; else none (ambiguous)."""
        if len(keys) == 1:
            return next(iter(keys))
        current = [key for key in keys if self.persons[key].holds_at(self.on)]
        if self.on is not None and len(current) == 1:
            return current[0]
        return _AMBIGUOUS

    def role_holder(self, country: str, role: str) -> str | None:
        """The one known person who held ``role`` in ``country`` on the day, if exactly one."""
        wanted = fold(country)
        holders = [
            key
            for key, person in self.persons.items()
            if role in person.roles
            and _country_matches(person.named.country, wanted)
            and person.holds_at(self.on)
        ]
        if len(holders) > 1 and role == "leader":
            # "The Russian leader": the head of state before the head of government.
            heads = [
                key
                for key in holders
                if self.persons[key].roles & {"president", "supreme_leader"}
                or "dirigeant" in fold(self.persons[key].named.description)
                or "leader" in fold(self.persons[key].named.description)
            ]
            holders = heads
        return holders[0] if len(holders) == 1 else None

    def _add_role_phrases(self) -> None:
        holders: dict[tuple[str, str], str | None] = {}

        def holder(country: str, role: str) -> str | None:
            if (country, role) not in holders:
                holders[(country, role)] = self.role_holder(country, role)
            return holders[(country, role)]

        countries = {fold(person.named.country) for person in self.persons.values()}
        countries |= {other for country in countries for other in _countries().get(country, ())}
        for names in _tables():
            phrases: list[tuple[str, str]] = []
            for nationality, country in names.NATIONALITIES.items():
                if fold(country) not in countries:
                    continue
                for words, role in names.ROLE_WORDS.items():
                    key = holder(country, role)
                    if key is None:
                        continue
                    if names.ROLE_BEFORE_NATIONALITY:
                        phrases.append((f"{words} {nationality}", key))
                    else:
                        phrases.append((f"{nationality} {words}", key))
            for seat, country in names.SEATS.items():
                if fold(country) not in countries:
                    continue
                for words, role in names.SEAT_ROLE_WORDS.items():
                    key = holder(country, role)
                    if key is not None:
                        phrases.append((f"{words} {seat}", key))
            for phrase, key in phrases:
                steps = _steps(fold(phrase))
                self._names.add(steps, _Entry(key))
                for article in names.ARTICLES:
                    self._names.add(_after_article(article, steps), _Entry(key))

    # Finding -------------------------------------------------------------------------------

    def _fold(self, text: str, folded: str | None) -> str:
        """The folded text, computed once per text however many times it is searched."""
        if folded is not None:
            return folded
        cached = getattr(self, "_cache", None)
        if cached is not None and cached[0] is text:
            return cached[1]
        folded = fold(text)
        self._cache = (text, folded)
        return folded

    def find(
        self, text: str, start: int = 0, end: int | None = None, *, folded: str | None = None
    ) -> list[Mention]:
        """Mentions in ``text[start:end]``, with offsets into ``text``. ``folded`` is
        ``fold(text)`` when the caller has it (searching sentence after sentence)."""
        folded = self._fold(text, folded)
        stop = len(text) if end is None else end
        words = [match.span() for match in _WORD.finditer(folded, start, stop)]
        mentions: list[Mention] = []
        index = 0
        while index < len(words):
            found = self._at(text, folded, words, index)
            if found is None:
                index += 1
                continue
            key, last = found
            mentions.append(Mention(key=key, start=words[index][0], end=words[last][1]))
            index = last + 1
        return mentions

    def _at(
        self, text: str, folded: str, words: Sequence[tuple[int, int]], index: int
    ) -> tuple[str, int] | None:
        named = self._names.longest(folded, words, index)
        if named is not None and (
            named[1] > index
            or not text[words[index][0]].isupper()
            or not self.persons
            or self._alone(text, words, index, index)
        ):
            return named[0].key, named[1]
        if not self.persons:
            return None
        title = self._titles.longest(folded, words, index)
        if title is not None and title[1] + 1 < len(words):
            kind, last = title
            between = folded[words[last][1] : words[last + 1][0]]
            if re.fullmatch(r"\.?\s+", between) and text[words[last + 1][0]].isupper():
                named = self._names.longest(folded, words, last + 1)
                if named is not None:
                    return named[0].key, named[1]
                surname = self._surnames.longest(folded, words, last + 1)
                if surname is not None and surname[0] and self._gender_fits(kind, surname[0]):
                    return surname[0], surname[1]
        family = self._family.longest(folded, words, index)
        if family is not None and family[0] and self._alone(text, words, index, family[1]):
            return family[0], family[1]
        return None

    def _gender_fits(self, title: _Title, key: str) -> bool:
        if title.feminine is None:
            return True
        return title.feminine == self.persons[key].feminine

    @staticmethod
    def _alone(text: str, words: Sequence[tuple[int, int]], first: int, last: int) -> bool:
        """A one-word name stands alone: capitalised, neither the end of someone else's full
        name (« Ivanka Trump ») nor the start of one (« Trump Tower »)."""
        start, end = words[first][0], words[last][1]
        if not text[start].isupper():
            return False
        if first:
            before_start, before_end = words[first - 1]
            opening = text[:before_start].rstrip()[-1:]
            if (
                text[before_start].isupper()
                and not text[before_end:start].strip()
                and opening not in ("", *_SENTENCE_OPENERS)
            ):
                return False
        after = last + 1 < len(words) and text[words[last + 1][0]].isupper()
        return not (after and not text[end : words[last + 1][0]].strip())

    # Resolving a name found in a text -----------------------------------------------------

    def title_split(self, name: str) -> tuple[_Title | None, str]:
        """A name without the title or honorific it opens with: (title, rest)."""
        folded = fold(name)
        words = [match.span() for match in _WORD.finditer(folded)]
        if not words:
            return None, name
        title = self._titles.longest(folded, words, 0)
        if title is None or title[1] + 1 >= len(words):
            return None, name
        rest = name[words[title[1] + 1][0] :].strip()
        return title[0], rest

    def is_title(self, name: str) -> bool:
        """Whether ``name`` is a title or the start of one (« Premier », "President")."""
        folded = fold(name)
        words = [match.span() for match in _WORD.finditer(folded)]
        if not words:
            return False
        node: dict[Any, Any] | None = self._titles.root
        for index, (start, end) in enumerate(words):
            if index:
                between = _separator(folded[words[index - 1][1] : start])
                node = node.get(between) if node is not None else None
            node = node.get(folded[start:end]) if node is not None else None
        return node is not None

    def titled_name(self, text: str, title: str) -> str | None:
        """The name written after ``title`` in ``text`` (« le Premier ministre mauricien
        Pravind Jugnauth » for « Premier », "President Biden" for "THE PRESIDENT"), past the
        rest of the title and up to four lowercase words (a nationality), and up to the first
        word that is no name ("Biden Before Marine One": "Biden")."""
        words = title.split()
        if len(words) > 1 and fold(words[0]) in _ARTICLE_WORDS:
            words = words[1:]  # "The President": any "President" will do
        pattern = re.compile(
            r"(?<!\w)(?i:" + r"[\s-]+".join(re.escape(word) for word in words) + r")"
            r"(?:[\s-]+[a-zà-ÿ'’-]+){0,4}?[\s\xa0]+"
            r"((?:[A-ZÀ-ÖØ-Ý][\w'’-]+[\s\xa0]+){0,3}[A-ZÀ-ÖØ-Ý][\w'’-]+)"
        )
        for match in pattern.finditer(text):
            name: list[str] = []
            for word in match.group(1).split():
                if fold(word) in _function_words():
                    break
                name.append(word)
            if name and not self.is_title(" ".join(name)):
                return " ".join(name)
        return None

    def acronym_name(self, text: str, acronym: str) -> str | None:
        """The full name an acronym stands for in ``text`` ("NSC": "National Security
        Council"), when the text spells it out."""
        if not (2 <= len(acronym) <= 6 and acronym.isalpha() and acronym.isupper()):
            return None
        for match in _FULL_NAME.finditer(text):
            skipped = _function_words() | _PARTICLES
            words = [word for word in match.group().split() if fold(word) not in skipped]
            for first in range(len(words)):
                initials = "".join(word[0] for word in words[first : first + len(acronym)])
                if initials == acronym and len(words[first:]) >= len(acronym):
                    return " ".join(words[first : first + len(acronym)])
        return None

    def resolve(self, name: str) -> tuple[str | None, str]:
        """The known actor a name found in a text stands for, or None and why not (French)."""
        title, rest = self.title_split(name)
        folded = fold(rest)
        words = [match.span() for match in _WORD.finditer(folded)]
        if not words:
            return None, gettext(NO_KNOWN_ACTOR)
        named = self._names.longest(folded, words, 0)
        if named is not None and named[1] == len(words) - 1:
            return named[0].key, ""
        steps = _steps(folded)
        if title is not None:
            keys = self._titled_keys.get(steps, set())
            key = self._surnames_value(steps)
            if key and self._gender_fits(title, key):
                return key, ""
            if key and not self._gender_fits(title, key):
                return None, gettext(NO_KNOWN_ACTOR)
        else:
            keys = self._family_keys.get(steps, set())
            if len(keys) == 1:
                return next(iter(keys)), ""
        if len(keys) > 1:
            return None, gettext(SEVERAL_KNOWN_ACTORS).format(
                name=rest, names=", ".join(sorted(self.by_key[k].names[0] for k in keys))
            )
        if len(words) >= 2:
            same = self._family_keys.get(_steps(fold(rest.split()[-1])), set())
            if same:
                return None, gettext(SAME_SURNAME).format(
                    names=", ".join(sorted(self.by_key[k].names[0] for k in same))
                )
        return None, gettext(NO_KNOWN_ACTOR)

    def _surnames_value(self, steps: tuple[str, ...]) -> str:
        node: dict[Any, Any] | None = self._surnames.root
        for step in steps:
            node = node.get(step) if node is not None else None
        return node.get(_END, _AMBIGUOUS) if node is not None else _AMBIGUOUS


@dataclass(frozen=True)
class _Entry:
    key: str


def _country_matches(country: str, wanted: str) -> bool:
    """An actor's country (as the admin typed it) names the country ``wanted`` (folded)."""
    folded = fold(country)
    return bool(folded) and (folded == wanted or wanted in _countries().get(folded, ()))


_ARTICLE_WORDS = frozenset({"le", "la", "les", "l'", "the"})
# Small words inside names (« Charles de Gaulle », "Organization of American States").
_PARTICLES = frozenset({"de", "du", "des", "d'", "of", "van", "von", "der", "al", "el"})


@cache
def _function_words() -> frozenset[str]:
    """Words that end a name written in title case ("Biden Before Marine One")."""
    words: set[str] = set()
    for language in LANGUAGES:
        events = table(language, "events")
        for part in ("DETERMINERS", "CLAUSE_ENDS", "DATE_INTRODUCERS", "TRAILING"):
            words.update(fold(word) for word in getattr(events, part))
    return frozenset(words - _PARTICLES)


_FULL_NAME = re.compile(r"(?<![\w'’])[A-ZÀ-Ý][\w'’-]+(?:[ \xa0]+[A-ZÀ-Ý][\w'’-]+)+")


def speakers_resolve(
    speakers: Sequence[Speaker], *, text: str, finder: MentionFinder
) -> list[Speaker]:
    """The speakers of a text's quotations, each new name turned into the known actor it stands
    for where a title, a role, a surname or another spelling says which (« le président Trump »,
    "Chairman Kim", "Putin"), and the new names of one person unified (« Mark Rutte » … « M.
    Rutte » … "Rutte" → « Mark Rutte »). A new name keeps the reason it is new (French, for the
    preview). A name that could be several known actors stays new: never a wrong known actor."""
    full_names: dict[str, set[str]] = {}
    for match in _FULL_NAME.finditer(text):
        # The last two words: « Selon Mark Rutte » is Mark Rutte.
        words = match.group().split()[-2:]
        full_names.setdefault(fold(words[-1]), set()).add(" ".join(words))
    resolved: list[Speaker] = []
    for speaker in speakers:
        if speaker.key or not speaker.new_name:
            resolved.append(speaker)
            continue
        key, reason = finder.resolve(speaker.new_name)
        bare = speaker.new_name.split()
        spelt_out = finder.acronym_name(text, bare[-1]) if not key and len(bare) <= 2 else None
        if spelt_out:
            # "The NSC" after "the National Security Council".
            speaker = dataclasses.replace(speaker, new_name=spelt_out)
            key, reason = finder.resolve(spelt_out)
        if not key and finder.is_title(speaker.new_name):
            # « le Premier ministre mauricien Pravind Jugnauth » read as « Premier »: the name
            # the title stands before in the text.
            named = finder.titled_name(text, speaker.new_name)
            if named:
                speaker = dataclasses.replace(speaker, new_name=named)
                key, reason = finder.resolve(named)
        if key:
            resolved.append(dataclasses.replace(speaker, key=key, new_name=None, reason=""))
            continue
        _title, name = finder.title_split(speaker.new_name)
        words = name.split()
        if len(words) == 1:
            longer = full_names.get(fold(words[0]), set())
            if len(longer) == 1:
                full = next(iter(longer))
                key, reason = finder.resolve(full)
                if key:
                    resolved.append(dataclasses.replace(speaker, key=key, new_name=None, reason=""))
                    continue
                name = full
        if speaker.reason and reason == gettext(NO_KNOWN_ACTOR):
            reason = speaker.reason  # the attribution's own reason says as much, more precisely
        resolved.append(dataclasses.replace(speaker, new_name=name, reason=reason))
    return resolved

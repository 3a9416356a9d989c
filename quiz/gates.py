"""Quality gates: what a question must satisfy to be published.

They write down the lines of the item-writing rubric a machine can check (see ITEM-WRITING.md):

- on the question alone, for every question, hand-written ones included (``option_failures``):
  the declared number of right options for its kind (K2), 3 or 4 options (2 for true/false, 4–5
  for several answers, pairs and ranks for matching and ordering), options pairwise distinct, no
  option or alias of it in the stem (C1), no length cue (C3);
- on what the generator recorded about each option against the fact base (``fact_failures``):
  every distractor of the key's type (D2), at the key's precision for a date, false by the facts
  (D1), not an equivalent of the key (K2: an alias, a place containing or inside it), and from the
  key's context: a person active at that time, an event of the same sequence (D2);
- on the stem's context (``cue_failures``, C3): when the stem names something (a country, a
  person), the key must not be the only option it fits;
- on French typography (``typography_failures``, S3).

Messages are constants so that tests and the admin show the same words.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from quiz.models import Kind
from summit.text import normalize as _normalize

# Generated banks compare the same names and titles thousands of times.
normalize = functools.lru_cache(maxsize=262_144)(_normalize)

MIN_OPTIONS = 3
MAX_OPTIONS = 4
MULTIPLE_OPTIONS = (4, 5)
MATCHING_OPTIONS = (3, 4)
ORDERING_OPTIONS = (3, 5)
TRUE = "Vrai"
FALSE = "Faux"
# The key may be longer than every distractor, but not by so much that it stands out.
LENGTH_CUE_RATIO = 1.6
LENGTH_CUE_MIN_CHARS = 12

NOT_ONE_CORRECT = _("Il faut exactement une bonne réponse.")
OPTION_COUNT = _("Il faut 3 ou 4 options.")
OPTIONS_NOT_DISTINCT = _("Deux options sont identiques (casse, accents et espaces ignorés).")
EMPTY_OPTION = _("Une option est vide.")
OPTION_IN_STEM = _("L’énoncé contient une option ou un autre nom de celle-ci : « %s ».")
LENGTH_CUE = _("La bonne réponse est nettement plus longue que les autres : elle se devine.")
DISTRACTOR_TYPE = _("L'option « %s » n'est pas du même type que la bonne réponse.")
DISTRACTOR_TRUE = _("L'option « %s » est vraie elle aussi d'après les faits enregistrés.")
DATE_PRECISION = _("L'option « %s » n'est pas à la précision de la date de l'événement.")
EMPTY_STEM = _("L'énoncé est vide.")
EQUIVALENT = _(
    "L'option « %s » est un autre nom de la bonne réponse, ou la contient ou y est contenue."
)
OUT_OF_CONTEXT = _(
    "L'option « %s » est hors de propos (autre époque ou autre contexte) : elle ne trompe personne."
)
ONLY_FITTING = _("Seule la bonne réponse correspond à « %s », nommé dans l'énoncé.")
MULTIPLE_COUNT = _("Il faut 4 ou 5 options dont au moins 2 bonnes et au moins 2 fausses.")
TRUE_FALSE_OPTIONS = _("Il faut exactement deux options, « Vrai » et « Faux », dont une bonne.")
MATCHING_PAIRS = _("Il faut 3 ou 4 paires, toutes distinctes de part et d'autre.")
ORDERING_RANKS = _("Il faut de 3 à 5 éléments numérotés 1, 2, 3… dans le bon ordre.")
CONVERGENCE = _(
    "La bonne réponse partage plus d'éléments (jour, mois, année) avec les autres options "
    "qu'aucune autre : elle se devine par recoupement."
)
ODD_ONE_OUT = _(
    "La bonne réponse est la seule à ne pas partager ce que les autres options ont en commun."
)
TYPOGRAPHY = _("Typographie française : %s.")

TYPO_SPACE_BEFORE = _("une espace avant « %s »")
TYPO_GUILLEMETS = _("une espace à l'intérieur des guillemets « »")
TYPO_ELISION = _("élision manquante dans « %s »")
TYPO_CONTRACTION = _("contraction manquante dans « %s »")
TYPO_DOUBLE_SPACE = _("deux espaces de suite")


@dataclass
class Option:
    """An option as the gates see it: its text, whether it is the key, and for generated
    questions the names it also goes by, its type and what the generator found about it."""

    text: str
    is_correct: bool
    aliases: Sequence[str] = ()
    type: str = ""
    is_false: bool = True
    precision: str = ""
    # Not an alias of the key, nor a place containing it or inside it.
    equivalent: bool = False
    # Of the key's context: a person active at that time, an event of the same sequence.
    in_context: bool = True
    # What the option fits among the things a stem may name (countries, people…), normalized.
    tags: frozenset[str] = frozenset()
    pair: str = ""
    rank: int | None = None
    names: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.names = [self.text, *self.aliases]


def _mentions(normalized_haystack: str, needle: str) -> bool:
    """Whether ``needle`` appears in the normalized haystack as whole words, ignoring case and
    accents."""
    return mentioned(normalized_haystack, normalize(needle))


@functools.lru_cache(maxsize=4096)
def whole_words(key: str) -> re.Pattern[str]:
    """The pattern of ``key`` as whole words, compiled once: a bank looks for the same names in
    many texts, more names than the ``re`` module's own cache holds."""
    return re.compile(rf"(?<!\w){re.escape(key)}(?!\w)")


def mentions(haystack: str, needle: str) -> bool:
    return _mentions(normalize(haystack), needle)


def mentioned(normalized_haystack: str, key: str) -> bool:
    """``mentions`` for a haystack and a needle both already normalized."""
    if not key or key not in normalized_haystack:
        return False
    return whole_words(key).search(normalized_haystack) is not None


def option_failures(stem: str, options: Sequence[Option], *, kind: str = "") -> list[str]:
    """The gates every question passes, whoever wrote it."""
    failures: list[str] = []
    if not stem.strip():
        failures.append(str(EMPTY_STEM))
    keys = [normalize(option.text) for option in options]
    if any(not key for key in keys):
        failures.append(str(EMPTY_OPTION))
    if len(set(keys)) != len(keys):
        failures.append(str(OPTIONS_NOT_DISTINCT))
    correct = sum(option.is_correct for option in options)
    if kind == Kind.MULTIPLE:
        low, high = MULTIPLE_OPTIONS
        if not (low <= len(options) <= high and correct >= 2 and len(options) - correct >= 2):
            failures.append(str(MULTIPLE_COUNT))
    elif kind == Kind.TRUE_FALSE:
        texts = sorted(normalize(option.text) for option in options)
        if texts != sorted([normalize(TRUE), normalize(FALSE)]) or correct != 1:
            failures.append(str(TRUE_FALSE_OPTIONS))
        return failures
    elif kind == Kind.MATCHING:
        low, high = MATCHING_OPTIONS
        pairs = [normalize(option.pair) for option in options]
        if (
            not low <= len(options) <= high
            or correct != len(options)
            or not all(pairs)
            or len(set(pairs)) != len(pairs)
        ):
            failures.append(str(MATCHING_PAIRS))
        return failures
    elif kind == Kind.ORDERING:
        low, high = ORDERING_OPTIONS
        ranks = sorted(option.rank or 0 for option in options)
        if (
            not low <= len(options) <= high
            or correct != len(options)
            or ranks != list(range(1, len(options) + 1))
        ):
            failures.append(str(ORDERING_RANKS))
        return failures
    else:
        if correct != 1:
            failures.append(str(NOT_ONE_CORRECT))
        if not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
            failures.append(str(OPTION_COUNT))
    normalized_stem = normalize(stem)
    for option in options:
        given_away = next((name for name in option.names if _mentions(normalized_stem, name)), None)
        if given_away is not None:
            failures.append(str(OPTION_IN_STEM) % given_away)
    if kind != Kind.MULTIPLE:
        failures.extend(_length_cue(options))
    return failures


def _length_cue(options: Sequence[Option]) -> Iterable[str]:
    keys = [option for option in options if option.is_correct]
    others = [len(option.text) for option in options if not option.is_correct]
    if len(keys) != 1 or not others:
        return []
    length, longest = len(keys[0].text), max(others)
    if length >= LENGTH_CUE_MIN_CHARS and length > longest * LENGTH_CUE_RATIO:
        return [str(LENGTH_CUE)]
    return []


@functools.lru_cache(maxsize=4096)
def _word_set(text: str) -> frozenset[str]:
    """The normalized words of an option (the same dates are weighed in set after set)."""
    return frozenset(normalize(text).split())


def convergence_failures(options: Sequence[Option]) -> list[str]:
    """C3 for dates built from the key (the same day some months or a year away): the key is the
    option that shares the most with the others, found by crossing them without knowing it."""
    keys = [i for i, option in enumerate(options) if option.is_correct]
    if len(keys) != 1 or len(options) < 3 or any(o.type != "date" for o in options):
        return []
    found = convergence_found([option.text for option in options], keys[0])
    return [str(found)] if found is not None else []


def convergence_found(texts: Sequence[str], key: int) -> Promise | None:
    """The convergence failure of date options (``texts``, the key at index ``key``), untranslated
    (a lazy message), or None: what ``convergence_failures`` checks, for a generator weighing
    many sets of options."""
    # Weighed for set after set of candidate dates: each option's words are found once, and
    # the others' scores only while the key's still leads.
    words = [_word_set(text) for text in texts]
    # An option's score: how many of its words the other options share, leaving out the words
    # every option has (« du », « au », the same day everywhere).
    common = frozenset.intersection(*words) if words else frozenset()
    own = [mine - common for mine in words]

    def score(mine: frozenset[str]) -> int:
        return sum(len(mine & theirs) for theirs in own) - len(mine)

    best = score(own[key])
    if best > 0 and all(best > score(other) for i, other in enumerate(own) if i != key):
        return CONVERGENCE
    # D3: the odd one out, the only option without what all the others share (« 2017 » three
    # times, and the key in 2018).
    others = [mine for i, mine in enumerate(words) if i != key]
    if frozenset.intersection(*others) - words[key]:
        return ODD_ONE_OUT
    return None


def fact_failures(options: Sequence[Option]) -> list[str]:
    """The gates that need the fact base, from what the generator recorded on each option."""
    failures: list[str] = []
    keys = [option for option in options if option.is_correct]
    if not keys:
        return failures
    key = keys[0]
    key_names = {normalize(name) for k in keys for name in k.names}
    for option in options:
        if option.is_correct:
            continue
        if option.type != key.type:
            failures.append(str(DISTRACTOR_TYPE) % option.text)
        if not option.is_false:
            failures.append(str(DISTRACTOR_TRUE) % option.text)
        if key.precision and option.precision != key.precision:
            failures.append(str(DATE_PRECISION) % option.text)
        if option.equivalent or key_names & {normalize(name) for name in option.names}:
            failures.append(str(EQUIVALENT) % option.text)
        if not option.in_context:
            failures.append(str(OUT_OF_CONTEXT) % option.text)
    return failures


def cue_failures(clues: Iterable[str], options: Sequence[Option]) -> list[str]:
    """C3: a thing the stem names (« en Russie ») that the key fits and no distractor does."""
    failures = []
    distractors = [option for option in options if not option.is_correct]
    keys = [option for option in options if option.is_correct]
    for clue in dict.fromkeys(normalize(c) for c in clues):
        if not clue or not distractors:
            continue
        if any(clue in key.tags for key in keys) and not any(clue in d.tags for d in distractors):
            failures.append(str(ONLY_FITTING) % clue)
    return failures


_QUOTED = re.compile(r"«[^«»]*»")
_ELISION = re.compile(
    r"(?<![\w’'])(?:de|le|la|que|je|ne|se|me|te|jusque|lorsque|puisque)\s+"
    r"(?=[aeiouyàâäéèêëîïôöûüæœ])\w+",
    re.IGNORECASE,
)
_CONTRACTION = re.compile(r"(?<![\w’'])(?:de le|de les|à le|à les)\s", re.IGNORECASE)


_GUILLEMET_UNSPACED = re.compile(r"«(?!\s)|(?<!\s)»")
_MARK_UNSPACED = [(mark, re.compile(rf"[^\s\u00a0\u202f]{re.escape(mark)}")) for mark in "?!;"]
_DOUBLE_SPACE = re.compile(r"\S  +\S")


def typography_failures(*texts: str) -> list[str]:
    """S3: French spacing and punctuation around « », ? and !, elision and contraction, checked
    outside the quoted words (which are verbatim)."""
    problems: list[str] = []
    for text in texts:
        if _GUILLEMET_UNSPACED.search(text):
            problems.append(str(TYPO_GUILLEMETS))
        outside = _QUOTED.sub("«»", text)
        for mark, unspaced in _MARK_UNSPACED:
            if unspaced.search(outside):
                problems.append(str(TYPO_SPACE_BEFORE) % mark)
        if _DOUBLE_SPACE.search(text):
            problems.append(str(TYPO_DOUBLE_SPACE))
        for match in _ELISION.finditer(outside):
            if not _aspirated(match.group().split()[-1]):
                problems.append(str(TYPO_ELISION) % match.group())
        for match in _CONTRACTION.finditer(outside):
            problems.append(str(TYPO_CONTRACTION) % match.group().strip())
    return [str(TYPOGRAPHY) % problem for problem in dict.fromkeys(problems)]


def _aspirated(word: str) -> bool:
    # Words in « y » before a vowel take no elision (« de Yokohama »); h is not in the pattern.
    lowered = word.casefold()
    return lowered.startswith("y") and len(lowered) > 1 and lowered[1] in "aeiouéèê"


# Within an attempt (C4) ---------------------------------------------------------------------


@dataclass
class Shown:
    """What a question shows a student (stem, right options, feedback), the fact it asks about
    and the answers it asks for."""

    pk: int
    fact: str | None
    text: str = ""
    answers: list[str] = field(default_factory=list)


def fact_asked(subject: str) -> str | None:
    """The fact a generated question asks about, from its subject: the date of an event (asked
    as a date or as a statement to judge), its place, who said some words or when…"""
    parts = subject.split(":")
    if len(parts) < 3:
        return None
    if parts[0] == "true_false" and parts[1] in ("date", "place"):
        return f"{parts[1]}:{parts[2]}"
    if parts[0] in ("date", "place"):
        return f"{parts[0]}:{parts[2]}"
    if parts[1] == "quote" or (parts[0] == "true_false" and parts[1] == "speaker"):
        return f"quote:{parts[2]}"
    return subject


def _reveals(question: Shown, other: Shown) -> bool:
    """Whether ``question`` shows the answer ``other`` asks for."""
    return any(_mentions(question.text, answer) for answer in other.answers)


def questions_clash(earlier: Shown, later: Shown) -> bool:
    """Two questions on the same fact, or the earlier one giving away the later one's answer
    (a question asked after another cannot help answer it)."""
    if earlier.fact is not None and earlier.fact == later.fact:
        return True
    return _reveals(earlier, later)


def questions_apart(
    candidates: Sequence[int], *, size: int, feedback_during: bool = True
) -> list[int]:
    """Up to ``size`` of the candidate question ids, in their order (the order they are asked
    in), no generated one on the fact of an earlier one or given away by what an earlier one
    showed.

    Two queries whatever the number of candidates: what the questions show with their right
    options, and the other names of the people and places that are answers (« Poutine » gives
    away « Vladimir Poutine »). Hand-written questions are not compared: a teacher who writes
    several questions on one event chose to.
    The explanations count only when they are shown during the attempt
    (``feedback_during``: practice mode); in an exam they come at the end.
    """
    from quiz.selectors import names_with_aliases, right_options_shown
    from summit.models import alias_lines

    shown: dict[int, Shown] = {}
    answers: set[str] = set()
    rows = right_options_shown(candidates)
    for pk, fingerprint, kind, stem, explanation, subject, text, pair in rows:
        if not fingerprint:
            continue
        item = shown.get(pk)
        if item is None:
            told = f"{stem}\n{explanation}" if feedback_during else stem
            item = shown[pk] = Shown(pk, fact_asked(subject), normalize(told))
        # The right options, shown as right with the feedback; among others, they tell nothing.
        if feedback_during:
            item.text += normalize(f"\n{text}\n{pair}")
        if kind not in (Kind.TRUE_FALSE, Kind.MATCHING, Kind.ORDERING):
            item.answers.append(text)
            answers.add(text)
    names = sorted(answers) or [""]
    others: dict[str, list[str]] = {}
    for name, aliases in names_with_aliases(names):
        others.setdefault(name, []).extend(alias_lines(aliases))
    for item in shown.values():
        item.answers += [alias for answer in item.answers for alias in others.get(answer, [])]
    chosen: list[int] = []
    kept: list[Shown] = []
    for pk in candidates:
        item = shown.get(pk)
        if item is not None:
            if any(questions_clash(earlier, item) for earlier in kept):
                continue
            kept.append(item)
        chosen.append(pk)
        if len(chosen) == size:
            break
    return chosen

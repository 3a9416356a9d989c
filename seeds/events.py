"""What a text says happened, and when its quotations were said.

An event candidate is a dated happening: a sentence with a date (not only its dateline) and an
event verb (« rencontrer », "sign"…, from ``seeds.lang.<language>.events``), that is not mostly a
quotation. A sentence without a date of its own that tells a happening (a verb in a past or
narrative form, someone or somewhere named, no plan, wish or statement) takes the date of the
story it continues, and says so (``date_basis``: ``CONTEXT``); see ``event_candidates``.
It gets a short headline written from its clause in the text's language: the subject
(the first actor or name before the verb, or two joined by « et »), the verb in the present
tense, and the words that follow up to the end of the clause, dates left out (« Le 12 juin 2018,
Donald Trump et Kim Jong-un se sont rencontrés à Singapour » → « Donald Trump et Kim Jong-un se
rencontrent à Singapour »). A candidate whose date falls within an existing event's, with an actor
in common or the same place, is evidence for that event; two candidates of one text for the same
happening are one.

A quotation is dated by its own sentence (``TEXT``), else by the happening the text says it was
said at, the nearest day of its paragraph or previous sentence, or the dateline (``CONTEXT``),
else by the publication date (``PUBLICATION``); and linked to the happening the text says it was
said at (« lors du sommet », "at the summit") when that happening did not come after the words.
"""

from __future__ import annotations

import bisect
import calendar
import dataclasses
import datetime
import inspect
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from seeds.dates import DateMention, date_mentions
from seeds.lang import table
from seeds.mentions import Mention, MentionFinder, Named, fold, speakers_resolve
from summit.models import Precision, Quote, Source
from summit.text import sentence_spans

if TYPE_CHECKING:
    from seeds.extract import ExtractedQuote, Extraction

# An event's actor the import will create: this prefix and the new person's display name.
NEW_ACTOR = "new:"
TITLE_LIMIT = 90
# The most words a subject without a name may have (« a bundle of blueprints for a new
# headquarters for the military's counterterrorism unit »).
SUBJECT_WORDS = 15
# The longest noun phrase a participle tells a happening of (« une conférence ayant lieu »).
NOUN_WORDS = 4
# A sentence at least this much quoted is someone's words, not the text's account of a happening.
QUOTED_SHARE = 0.5
# « il y a près de vingt ans », "about twenty years ago": give or take two years.
APPROXIMATE_YEARS = 2
# How far back a happening told again, or named by « lors du sommet », is looked for: the
# candidates of a text are compared with their neighbours, never all with all.
MERGE_WINDOW = 50
# A sentence without a date continues the story told by its paragraph and by this many dated
# paragraphs before it: it takes the latest of their dates.
CONTEXT_PARAGRAPHS = 2
_PARAGRAPH_BREAK = re.compile(r"\n\s*")
LINK_WINDOW = 20
_PRECISION_RANK = {
    Precision.DAY: 0,
    Precision.MONTH: 1,
    Precision.YEAR: 2,
    Precision.APPROXIMATE: 3,
}


@dataclass(frozen=True)
class KnownEvent:
    """An event already in the database, that a text may bring new evidence for."""

    slug: str
    date: datetime.date
    precision: str
    end_date: datetime.date | None = None
    actors: tuple[str, ...] = ()
    place: str | None = None
    title: str = ""


@dataclass(frozen=True)
class ExtractedEvent:
    """A dated happening a text reports: its headline, its evidence sentence ``[start, end)``,
    and ``matches``, the slug of the existing event it is evidence for."""

    date: datetime.date
    precision: str
    end_date: datetime.date | None
    title: str
    sentence: str
    start: int
    end: int
    actors: tuple[str, ...]
    place: str | None
    matches: str | None = None
    # Where the date comes from: ``TEXT``, the sentence's own date; ``CONTEXT``, the date of the
    # story it continues (an earlier sentence of its paragraph, or the dateline).
    date_basis: str = Quote.DateBasis.TEXT


# Dates ---------------------------------------------------------------------------------------

_DATE_KEYWORDS = frozenset(inspect.signature(date_mentions).parameters)


def _date_mentions(
    text: str,
    reference: datetime.date,
    *,
    language: str,
    start: int,
    end: int,
    skip: list[tuple[int, int]],
    folded: str,
    news: bool = True,
) -> list[DateMention]:
    """``seeds.dates.date_mentions`` with the keywords it knows (``language``, ``folded``,
    ``news``)."""
    extra = {"language": language, "folded": folded, "news": news}
    keywords = {name: value for name, value in extra.items() if name in _DATE_KEYWORDS}
    return date_mentions(text, reference, start=start, end=end, skip=skip, **keywords)


def _end_date(mention: Any) -> datetime.date | None:
    return getattr(mention, "end_date", None)


def _floor(day: datetime.date, precision: str) -> datetime.date:
    if precision == Precision.MONTH:
        return day.replace(day=1)
    if precision in (Precision.YEAR, Precision.APPROXIMATE):
        return day.replace(month=1, day=1)
    return day


def _ceiling(day: datetime.date, precision: str) -> datetime.date:
    if precision == Precision.MONTH:
        return day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if precision in (Precision.YEAR, Precision.APPROXIMATE):
        return day.replace(month=12, day=31)
    return day


def _interval(
    day: datetime.date, precision: str, end_date: datetime.date | None
) -> tuple[datetime.date, datetime.date]:
    """The days a date at its precision may stand for."""
    first, last = _floor(day, precision), _ceiling(end_date or day, precision)
    if precision == Precision.APPROXIMATE:
        try:
            first = first.replace(year=first.year - APPROXIMATE_YEARS)
            last = last.replace(year=last.year + APPROXIMATE_YEARS)
        except ValueError:
            pass
    return first, last


def _date_agrees(inner: Any, outer: Any) -> bool:
    """``inner``'s date falls within ``outer``'s at its precision (or its range); two dates one
    of which is approximate agree when they may overlap."""
    inner_span = _interval(inner.date, inner.precision, inner.end_date)
    outer_span = _interval(outer.date, outer.precision, outer.end_date)
    if Precision.APPROXIMATE in (inner.precision, outer.precision):
        return inner_span[0] <= outer_span[1] and outer_span[0] <= inner_span[1]
    return outer_span[0] <= inner_span[0] and inner_span[1] <= outer_span[1]


# Places --------------------------------------------------------------------------------------


def _place_chain(place: str | None, parents: dict[str, str]) -> set[str]:
    """A place and every place it is part of."""
    chain: set[str] = set()
    while place and place not in chain:
        chain.add(place)
        place = parents.get(place)
    return chain


def _same_place(one: str | None, other: str | None, parents: dict[str, str]) -> bool:
    if not one or not other:
        return False
    return one in _place_chain(other, parents) or other in _place_chain(one, parents)


# Headlines -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Words:
    """The language tables a headline is written with, folded for lookups."""

    verbs: dict[str, tuple[str, str]]
    phrases: tuple[tuple[re.Pattern[str], tuple[str, str]], ...]
    tables: Any
    names: Any


@cache
def _words(language: str) -> _Words:
    events = table(language, "events")
    phrases = tuple(
        (re.compile(rf"(?<!\w){re.escape(fold(phrase))}(?!\w)"), present)
        for phrase, present in sorted(events.VERB_PHRASES.items(), key=lambda item: -len(item[0]))
    )
    return _Words(
        verbs={fold(form): present for form, present in events.VERBS.items()},
        phrases=phrases,
        tables=events,
        names=table(language, "names"),
    )


def _folded_set(words: Sequence[str]) -> frozenset[str]:
    return frozenset(fold(word) for word in words)


@cache
def _sets(language: str) -> dict[str, frozenset[str]]:
    events = _words(language).tables
    sets = {
        name: _folded_set(getattr(events, name))
        for name in (
            "PASSIVE_MARKERS",
            "PLURAL_AUXILIARIES",
            "NEGATION",
            "DETERMINERS",
            "CLAUSE_ENDS",
            "DATE_INTRODUCERS",
            "TRAILING",
            "REFLEXIVE",
            "PURPOSE",
            "CARDINALS",
            "NOUN_PARTICIPLES",
            "BACKGROUND",
            "BACKGROUND_AUXILIARIES",
            "CLITICS",
            "RELATIVES",
            "SUBJECT_RELATIVES",
            "BEFORE_A_NAME",
        )
    }
    sets["PEOPLE"] = _folded_set((*events.FIRST_PERSON, *events.SECOND_PERSON))
    sets["PEOPLE_OBJECTS"] = _folded_set(events.PEOPLE_OBJECTS)
    # Auxiliaries are phrases (« vient de », "is set to"): each of their words may open a verb.
    sets["AUXILIARIES"] = frozenset(
        word
        for phrase in events.AUXILIARIES
        for word in fold(phrase).split()
        if word not in sets["DETERMINERS"]
    )
    return sets


# A capitalised name, with its particles and an elided article (« Charles de Gaulle », « Le
# Royaume-Uni », « l'OSF »).
_NAME = re.compile(
    r"(?<![\w'’])(?:[lL]['’])?[A-ZÀ-ÖØ-Ý][\w'’.-]*(?:\s+(?:(?:de|du|des|van|von|der|al|el|bin|ben)\s+)?"
    r"[A-ZÀ-ÖØ-Ý][\w'’.-]*)*"
)
_APPOSITION = re.compile(r"\s*,[^,;:.]{1,120},\s*")
_TOKEN = re.compile(r"\w+(?:'|’)?|[^\w\s]")
_CLAUSE_MARKS = ",;:—–()[]"


@dataclass(frozen=True)
class _Verb:
    start: int  # of its first auxiliary (or of the verb)
    end: int
    present: str  # the verb phrase of the headline, without the subject
    # An infinitive after « de »: after a noun (« la décision de séparer ») the noun is the
    # headline's subject; after « avant de », « après » the sentence's subject is.
    infinitive: str = ""  # "", "noun" or "clause"
    # Told as something that happened (« a remporté », "won", « s'impose »), not as a plan, a
    # wish or an infinitive (« va signer », "will sign", "to win", « pour signer »).
    narrative: bool = True
    # A verb of saying (« a déclaré que »): a statement, dated as a quotation is, not by context.
    saying: bool = False
    # A background told in passing (« a fondé », « avait signé »): dated by its own date only.
    background: bool = False


def _tokens(folded: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(folded, start, end)]


def _inside(position: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(first <= position < last for first, last in spans)


def _verbs(
    text: str,
    folded: str,
    start: int,
    end: int,
    quoted: Sequence[tuple[int, int]],
    language: str,
    plural_subject: Callable[[int], bool],
) -> Iterator[_Verb]:
    """The event verbs of ``[start, end)`` outside quotations, in order, each with the
    auxiliaries before it and its headline form."""
    words = _words(language)
    sets = _sets(language)
    tokens = _tokens(folded, start, end)
    for index, (token_start, token_end, token) in enumerate(tokens):
        if _inside(token_start, quoted):
            continue
        present = None
        phrase_end = token_end
        for pattern, forms in words.phrases:
            match = pattern.match(folded, token_start, end)
            if match:
                if match.group() in sets["BEFORE_A_NAME"] and not _NAME.match(
                    text,
                    match.end()
                    + len(text[match.end() : end])
                    - len(text[match.end() : end].lstrip()),
                ):
                    continue  # "going to sign": a plan, not "going to Lidia Simon"
                present, phrase_end = forms, match.end()
                break
        if present is None:
            present = words.verbs.get(token)
            if present is None:
                continue
            previous = tokens[index - 1][2] if index else ""
            if index >= 2 and tokens[index - 2][2] == "-":
                previous = ""  # « Kim Jong-un rencontre »: the end of a name, no determiner
            if previous in sets["DETERMINERS"]:
                if not (previous in {"de", "d'"} and token.endswith(("er", "ir", "re"))):
                    continue  # « la rencontre », "the vote": a noun
                # « de séparer »: an infinitive.
                governor = tokens[index - 2][2] if index >= 2 else ""
                if governor in sets["PURPOSE"]:
                    continue  # « afin d'obtenir »: what is sought, not what happened
                kind = "clause" if governor in sets["CLAUSE_ENDS"] else "noun"
                if kind == "noun":
                    yield _Verb(
                        start=tokens[index - 1][0],
                        end=token_end,
                        present=text[tokens[index - 1][0] : token_end],
                        infinitive=kind,
                    )
                    continue
                plural = plural_subject(tokens[index - 2][0])
                yield _Verb(
                    start=tokens[index - 2][0],
                    end=token_end,
                    present=present[1 if plural else 0],
                    infinitive=kind,
                )
                continue
        # Auxiliaries, adverbs and the reflexive pronoun before the verb.
        first = index
        while first > 0 and (
            tokens[first - 1][2] in sets["AUXILIARIES"]
            or tokens[first - 1][2] in sets["PASSIVE_MARKERS"]
            or tokens[first - 1][2] in sets["REFLEXIVE"]
        ):
            first -= 1
        before = [token for _, _, token in tokens[first:index]]
        if (
            not before
            and phrase_end == token_end
            and token.endswith(tuple(words.tables.INFINITIVE_ENDINGS) or ("\0",))
            and token not in {fold(form) for form in present}
        ):
            continue  # « la première équipe à marquer »: an infinitive tells no happening
        if (
            not before
            and words.tables.PARTICIPLES_NEED_AUXILIARY
            and text[token_start:token_end].lower() not in present
            and index
            and tokens[index - 1][2] not in ",;:—–("
            and tokens[index - 1][2] not in sets["PEOPLE"]  # « vous rencontrez »
            and token not in sets["NOUN_PARTICIPLES"]
        ):
            continue  # « journaliste de CNN devenue membre »: a participle as an adjective
        window = [token for _, _, token in tokens[max(0, first - 2) : index]]
        if any(token in sets["NEGATION"] for token in window):
            continue  # « n'a pas signé »: did not happen
        plural = plural_subject(tokens[first][0]) or any(
            token in sets["PLURAL_AUXILIARIES"] for token in before
        )
        written = text[token_start:phrase_end]
        # « Viktor Orbán, élu en avril, … »: a participle opening an apposition is a passive.
        apposition = (
            not before
            and words.tables.PARTICIPLES_NEED_AUXILIARY
            and index > 0
            and tokens[index - 1][2] == ","
        )
        following = tokens[index + 1][2] if index + 1 < len(tokens) else ""
        if apposition and following in _folded_set(words.tables.DURATION):
            continue  # « l'ambassade, fermée depuis 13 ans »: a state, not a happening
        # « est nommé », « sont adoptés »: être before a verb that takes avoir is a passive.
        etre_passive = (
            bool(set(before) & _folded_set(words.tables.PASSIVE_BE))
            and not set(before) & sets["REFLEXIVE"]
            and fold(present[0]) not in _folded_set(words.tables.VERBS_WITH_BE)
        )
        passive = (
            phrase_end == token_end
            and (
                apposition
                or etre_passive
                or any(token in sets["PASSIVE_MARKERS"] for token in before)
            )
            and text[token_start:token_end].lower() not in present
        )
        narrative = _narrative(
            fold(text[token_start:token_end]),
            before,
            present,
            passive_marked=bool(set(before) & sets["PASSIVE_MARKERS"]),
            language=language,
            multiword=phrase_end != token_end,
        )
        if passive:
            verb = f"{words.tables.PASSIVE_PRESENT[1 if plural else 0]} {written}"
        else:
            verb = present[1 if plural else 0]
            if any(token in sets["REFLEXIVE"] for token in before):
                pronoun = (
                    words.tables.REFLEXIVE_BEFORE_VOWEL
                    if fold(verb)[:1] in "aeiouyh"
                    else words.tables.REFLEXIVE[0] + " "
                )
                verb = pronoun + verb
        verb_start = tokens[first][0]
        lead = _result_lead(tokens, first, index, token, language)
        if lead is not None:
            # "soared with a graceful bend to win the title": she won it.
            verb_start, narrative = tokens[lead][0], True
        yield _Verb(
            start=verb_start,
            end=phrase_end,
            present=verb,
            narrative=narrative,
            saying=fold(present[0]) in _folded_set(words.tables.SAYING),
            background=fold(present[0]) in sets["BACKGROUND"]
            or bool(set(before) & sets["BACKGROUND_AUXILIARIES"]),
        )


def _result_lead(
    tokens: Sequence[tuple[int, int, str]], first: int, index: int, token: str, language: str
) -> int | None:
    """For "to win" after a past verb that is no wish ("soared … to win", not "hoped to win"),
    the index of that past verb: the infinitive tells what the subject achieved."""
    tables = _words(language).tables
    results = _folded_set(tables.RESULT_INFINITIVES)
    if token not in results or [word for _s, _e, word in tokens[first:index]] != ["to"]:
        return None
    wishes = _folded_set(tables.WISHES)
    pasts = _folded_set(tables.PASTS)
    for lead in range(first - 1, max(-1, first - 16), -1):
        word = tokens[lead][2]
        if word in _CLAUSE_MARKS or word in ".!?;" or word in wishes:
            return None
        if word in pasts or (word.endswith("ed") and len(word) > 4):
            return lead
    return None


def _narrative(
    written: str,
    before: Sequence[str],
    present: tuple[str, str],
    *,
    passive_marked: bool,
    language: str,
    multiword: bool,
) -> bool:
    """A verb told as a happening: no auxiliary of future or intention before it, not an
    infinitive or a future form, and, where the language wants it (English), a past form."""
    tables = _words(language).tables
    if set(before) & _folded_set(tables.NOT_NARRATIVE_AUXILIARIES):
        return False
    if multiword:
        return True
    presents = {fold(form) for form in present}
    endings = tuple(fold(ending) for ending in tables.NOT_NARRATIVE_ENDINGS)
    if endings and written.endswith(endings) and written not in presents:
        return False
    return not (tables.NARRATIVE_NEEDS_PAST and not passive_marked and written in presents)


def _subject(
    text: str,
    folded: str,
    start: int,
    verb_start: int,
    mentions: Sequence[Mention],
    finder: MentionFinder,
    language: str,
    *,
    infinitive_clause: bool = False,
) -> tuple[str, int]:
    """The headline's subject and how many it names: a pronoun of the first or second person
    right before the verb (resolved by the caller); else the first actor before the verb and any
    joined to it by « et » / "and"; else a name before it; else the words opening its clause."""
    pronoun = _person_pronoun(folded, start, verb_start, language)
    if pronoun:
        return pronoun, 1
    antecedent = _antecedent(text, folded, start, verb_start, mentions, finder, language)
    if antecedent:
        return antecedent, 1
    before = [mention for mention in mentions if mention.end <= verb_start]
    and_words = _folded_set(_words(language).names.AND)
    groups: list[list[Mention]] = []
    for mention in before:
        if groups:
            last = groups[-1][-1]
            between = folded[last.end : mention.start].strip(" ,")
            if not between or between in and_words:
                groups[-1].append(mention)
                continue
        groups.append([mention])
    if groups:
        group = groups[0]
        person = _origin_name(text, start, group[0].start, language)
        if person:
            return person, 1  # "Maria Mutola of Mozambique won": Maria Mutola won
        names: list[str] = []
        keys: list[str] = []
        for mention in group:
            written = text[mention.start : mention.end]
            title, _rest = finder.title_split(written)
            full = title is None and written[:1].isupper() and len(written.split()) >= 2
            if mention.key in keys:
                if full and names[keys.index(mention.key)] == finder.by_key[mention.key].names[0]:
                    names[keys.index(mention.key)] = written
                continue
            keys.append(mention.key)
            names.append(written if full else finder.by_key[mention.key].names[0])
        conjunction = _words(language).names.AND[0]
        return f" {conjunction} ".join(names), len(names)
    # No known actor: a name right before the verb, or before an apposition (« Jimmy Wales,
    # co-fondateur de Wikipédia, a dévoilé »); for « avant de devenir », a name opening a clause.
    sets = _sets(language)
    names = []
    for match in _NAME.finditer(text, start, verb_start):
        words = match.group().split()
        first = fold(words[0])
        if first in sets["CLAUSE_ENDS"] or first in sets["DATE_INTRODUCERS"] - {"le"}:
            words = words[1:]
        name = " ".join(words)
        if name and not (len(words) == 1 and fold(name) in sets["DETERMINERS"]):
            names.append((match.end() - len(name), match.end(), name))
    # « Viktor Orbán, élu en avril »: a participle with no auxiliary opens an apposition.
    helpers = sets["AUXILIARIES"] | sets["PASSIVE_MARKERS"] | sets["REFLEXIVE"]
    first_word = _TOKEN.match(folded, verb_start)
    opens = first_word is not None and first_word.group() not in helpers
    for name_start, name_end, name in reversed(names):
        gap = text[name_end:verb_start]
        if not gap.strip() or _APPOSITION.fullmatch(gap) or (gap.strip() == "," and opens):
            return _origin_name(text, start, name_start, language) or name, 1
    before = text[max(start, verb_start - 20) : verb_start].split()
    if before and fold(before[-1]) in _folded_set(_words(language).names.AND):
        # « La France … et remporte … »: the name opening the sentence.
        for name_start, _name_end, name in names[:1]:
            # Not "I … stand and testify": the speaker's own clause is not the verb's.
            if not text[start:name_start].strip() and fold(name) not in sets["PEOPLE"]:
                return name, 1
        # "Mrs. Griner having to stand and testify": the last name of the verb's clause.
        clause = _clause_start(text, start, verb_start)
        for name_start, _name_end, name in reversed(names):
            if name_start >= clause and fold(name) not in sets["PEOPLE"]:
                if text[start:name_start].strip() and names[0][0] == name_start:
                    break  # the name opening the sentence was not taken above: not it
                return name, 1
            break
    if infinitive_clause:
        for name_start, _name_end, name in names:
            opening = text[start:name_start].rstrip()
            if not opening or opening.endswith((",", ";", ":")):
                return name, 1
        return "", 0
    # No name: the words that open the clause, if they are few (« La mission Artemis I »), or
    # opened by a number like a determiner (« deux surveillants ont été blessés »).
    words = text[_clause_start(text, start, verb_start) : verb_start].split()
    auxiliaries = _sets(language)["AUXILIARIES"]
    opener = fold(words[0]) if words else ""
    if (
        1 <= len(words) <= SUBJECT_WORDS
        and opener not in sets["PEOPLE"]  # "We know there's a lot of interest … issues"
        and (
            words[0][:1].isupper()
            or opener in sets["DETERMINERS"]
            or (len(words) >= 2 and opener in sets["CARDINALS"])
        )
        and not any(fold(word) in auxiliaries for word in words)
    ):
        return " ".join(words), 1
    return "", 0


def _after_subject_relative(folded: str, start: int, verb_start: int, language: str) -> bool:
    tokens = _tokens(folded, max(start, verb_start - 12), verb_start)
    return bool(tokens) and tokens[-1][2] in _sets(language)["SUBJECT_RELATIVES"]


def _antecedent(
    text: str,
    folded: str,
    start: int,
    verb_start: int,
    mentions: Sequence[Mention],
    finder: MentionFinder,
    language: str,
) -> str:
    """For a verb right after a subject relative pronoun (« des gilets qui sont distribués »,
    "the gas that killed"), what the pronoun stands for: a known actor or a name right before
    it, else the noun phrase from its nearest determiner (at most ``NOUN_WORDS`` words); or
    ""."""
    sets = _sets(language)
    if not _after_subject_relative(folded, start, verb_start, language):
        return ""
    pronoun_start = _tokens(folded, max(start, verb_start - 12), verb_start)[-1][0]
    before = text[start:pronoun_start].rstrip()
    for mention in mentions:
        if mention.end == len(before) + start:
            return finder.by_key[mention.key].names[0]
    words = before.split()[-NOUN_WORDS:]
    if any(word[-1:] in _CLAUSE_MARKS for word in words[:-1]):
        words = words[
            max(i for i, word in enumerate(words[:-1]) if word[-1:] in _CLAUSE_MARKS) + 1 :
        ]
    determiners = sets["DETERMINERS"]
    opening = next(
        (index for index in range(len(words) - 2, -1, -1) if fold(words[index]) in determiners),
        None,
    )
    if opening is None:
        names = [match for match in _NAME.finditer(before) if match.end() == len(before)]
        return names[-1].group() if names else ""
    return " ".join(words[opening:])


def _person_pronoun(folded: str, start: int, verb_start: int, language: str) -> str:
    """The pronoun of the first or second person the verb at ``verb_start`` has for subject
    (« nous avons quitté », « vous y avez rencontré », "we signed"), folded; or ""."""
    sets = _sets(language)
    # "you’re about to": the pronoun without the apostrophe of its contraction.
    tokens = [
        (first, last, word.rstrip("'’") if word[:-1] in sets["PEOPLE"] else word)
        for first, last, word in _tokens(folded, max(start, verb_start - 40), verb_start)
    ]
    # « vous vous êtes rendu », « vous y avez rencontré »: the pronouns after the subject.
    while len(tokens) >= 2 and tokens[-1][2] in sets["CLITICS"]:
        if tokens[-1][2] in sets["PEOPLE"] and tokens[-2][2] not in sets["CLITICS"]:
            break
        tokens.pop()
    if not tokens or tokens[-1][2] not in sets["PEOPLE"]:
        return ""
    pronoun = tokens[-1][2]
    if pronoun in sets["PEOPLE_OBJECTS"] and len(tokens) >= 2:
        # « il nous a reçus »: « nous » is the subject only where a clause starts.
        previous = tokens[-2][2]
        boundary = (
            not previous[:1].isalnum()
            or previous in sets["CLAUSE_ENDS"]
            or previous in _folded_set(_words(language).names.AND)
        )
        if not boundary:
            return ""
    return pronoun


def _origin_name(text: str, start: int, position: int, language: str) -> str | None:
    """The name of a person told by where they come from, right before ``position`` ("Maria
    Mutola of Mozambique": at « Mozambique », Maria Mutola)."""
    origin = _folded_set(_words(language).tables.NAME_ORIGIN)
    if not origin:
        return None
    for match in _NAME.finditer(text, start, position):
        if fold(text[match.end() : position].strip()) in origin:
            return match.group()
    return None


def _next_is_verb(folded: str, start: int, end: int, language: str) -> bool:
    """The words after ``start`` are a verb, maybe after auxiliaries (« et se sont achevées »)."""
    sets = _sets(language)
    helpers = sets["AUXILIARIES"] | sets["REFLEXIVE"] | sets["PASSIVE_MARKERS"]
    for _start, _end, token in _tokens(folded, start, min(end, start + 60)):
        if token in _words(language).verbs:
            return True
        if token not in helpers:
            return False
    return False


def _clause_start(text: str, start: int, end: int) -> int:
    positions = [text.rfind(mark, start, end) for mark in _CLAUSE_MARKS]
    return max([position + 1 for position in positions if position >= 0] or [start])


def _object(
    text: str,
    folded: str,
    start: int,
    end: int,
    dates: Sequence[DateMention],
    quoted: Sequence[tuple[int, int]],
    language: str,
) -> str:
    """The words after the verb up to the end of its clause, without its dates."""
    sets = _sets(language)
    and_words = _folded_set(_words(language).names.AND)
    removed = [(mention.start, mention.end) for mention in dates]
    words: list[str] = []
    dated_comma = False
    for token_start, token_end, token in _tokens(folded, start, end):
        if token == "," and (dated_comma or _date_follows(text, token_end, removed, sets)):
            if not dated_comma and words:
                break  # « quitté cette ambassade, en mars 2012, le régime… »: the object ended
            # « devenir, en 2005, pilote »: the commas around a date go with it.
            dated_comma = not dated_comma
            continue
        if token in _CLAUSE_MARKS or token in ".!?…":
            break
        if token in sets["CLAUSE_ENDS"] and words:
            break
        if token in and_words and _next_is_verb(folded, token_end, end, language):
            break  # « began in March and concluded in November »: another happening
        if _inside(token_start, removed):
            # A date goes with the word introducing it (« le 12 juin », "on Tuesday").
            if words and fold(words[-1]) in sets["DATE_INTRODUCERS"]:
                words.pop()
            continue
        written = text[token_start:token_end]
        opens = written == "“" or (written == '"' and not sum(w.count('"') for w in words) % 2)
        if opens and not _inside(token_start - 1, quoted):
            words.append(written)  # an opening mark, glued to the next word
            continue
        if words and (
            written in '-”"' or words[-1].endswith(("-", "'", "’", "“")) or words[-1] == '"'
        ):
            words[-1] += written  # « Jong-Un », « l'île »: one word
        else:
            words.append(written)
    while words and (fold(words[-1]) in sets["TRAILING"] or not words[-1][:1].isalnum()):
        words.pop()
    return _join(words)


def _date_follows(
    text: str, position: int, removed: Sequence[tuple[int, int]], sets: dict[str, frozenset[str]]
) -> bool:
    """A date starts after ``position``, maybe after the words introducing it (« , le 3 »)."""
    for match in re.finditer(r"\S+", text[position : position + 40]):
        if _inside(position + match.start(), removed):
            return True
        if fold(match.group()) not in sets["DATE_INTRODUCERS"]:
            return False
    return False


def _join(words: Sequence[str]) -> str:
    return " ".join(words)


def _clause_end(text: str, start: int, end: int) -> int:
    positions = [text.find(mark, start, end) for mark in _CLAUSE_MARKS]
    return min([position for position in positions if position >= 0] or [end])


def _title(subject: str, verb: str, obj: str, language: str) -> str:
    title = " ".join(part for part in (subject, verb, obj) if part)
    title = title[:1].upper() + title[1:]
    for limit in (TITLE_LIMIT, TITLE_LIMIT - 2):  # the second leaves room for closing marks
        if len(title) > limit:
            trailing = _sets(language)["TRAILING"]
            words = title[: limit + 1].split()[:-1]
            while len(words) > 2 and fold(words[-1]) in trailing:
                words.pop()
            title = " ".join(words).rstrip(",;:")
        title = _marks_balanced(title)
        if len(title) <= TITLE_LIMIT:
            break
    return title


# Quotation marks a headline closes where the clause or the limit cut them, and drops where
# they close nothing.
_PAIRED_MARKS = (("«", "»", " »"), ("“", "”", "”"), ("‘", "’", ""))


def _marks_balanced(title: str) -> str:
    """``title`` with every quotation mark it opens closed, and none closing what it did not
    open (« le projet de loi « Stop Soros » → « le projet de loi « Stop Soros »)."""
    for opening, closing, closed in _PAIRED_MARKS:
        if not closed:
            continue  # ’ is also an apostrophe
        depth = 0
        kept = []
        for char in title:
            if char == opening:
                depth += 1
            elif char == closing:
                if not depth:
                    continue
                depth -= 1
            kept.append(char)
        title = "".join(kept).rstrip() + closed * depth
    if title.count('"') % 2:
        title = title.rstrip() + '"'
    return re.sub(r"\s{2,}", " ", title).strip()


# Candidates ----------------------------------------------------------------------------------


@dataclass
class SentenceDates:
    """A sentence ``[start, end)``, the dates it names outside quotations, and its quotations'
    spans (marks included)."""

    start: int
    end: int
    dates: list[DateMention]
    quoted: list[tuple[int, int]]
    # In a transcript's turn, who « je » / "we" and « vous » / "you" are: the folded pronoun →
    # (the person's display name, their actor key or ``NEW_ACTOR`` + name).
    people: dict[str, tuple[str, str]] = dataclasses.field(default_factory=dict)


def _quoted_spans(quotes: Sequence[ExtractedQuote], text: str) -> list[tuple[int, int]]:
    """Each quotation's span with its marks."""
    spans = []
    for quote in quotes:
        start, end = quote.start, quote.end
        while start > 0 and text[start - 1] in ' \xa0\u202f«“"':
            start -= 1
        while end < len(text) and text[end] in ' \xa0\u202f»”"':
            end += 1
        spans.append((start, end))
    return spans


def _headline_and_date(
    text: str,
    folded: str,
    sentence: SentenceDates,
    verb: _Verb,
    dates: Sequence[DateMention],
    mentions: Sequence[Mention],
    actors: MentionFinder,
    language: str,
    *,
    subject: str = "",
) -> tuple[str, DateMention, str] | None:
    """The headline a verb gives its sentence, and the verb's date (one before it or in its
    clause, not one of a later clause: « …, un record depuis sa création il y a cinquante ans »)."""
    start, end = sentence.start, sentence.end
    if verb.infinitive == "noun":
        # « la décision britannique de séparer … »: the noun phrase is the subject.
        clause = _clause_start(text, start, verb.start)
        words = text[clause : verb.start].split()
        introducers = _sets(language)["DATE_INTRODUCERS"] | _sets(language)["CLAUSE_ENDS"]
        while words and fold(words[0]) in introducers:
            words.pop(0)
        subject = " ".join(words) if 1 <= len(words) <= 6 else ""
    elif fold(text[verb.start : verb.end]).split()[0] in _sets(language)["NOUN_PARTICIPLES"]:
        # « une conférence ayant lieu le 11 décembre »: the noun phrase before it is the subject,
        # with its complement ("the first medal of the day going to").
        words = text[_clause_start(text, start, verb.start) : verb.start].split()[-2 * NOUN_WORDS :]
        # The nearest determiner, elided ones included (« d'une conférence »).
        words = [re.split(r"['’]", word, maxsplit=1)[-1] or word for word in words[:-1]] + words[
            -1:
        ]
        determiners = _sets(language)["DETERMINERS"]
        opening = next(
            (index for index in range(len(words) - 2, -1, -1) if fold(words[index]) in determiners),
            None,
        )
        if opening is None or opening < len(words) - NOUN_WORDS:
            return None
        of = fold(_words(language).tables.OF)
        while opening >= 2 and fold(words[opening - 1]) == of:
            # "the first medal of the day": the noun the complement is of.
            further = next(
                (
                    index
                    for index in range(opening - 2, max(-1, opening - 2 - NOUN_WORDS), -1)
                    if fold(words[index]) in determiners and fold(words[index]) != of
                ),
                None,
            )
            if further is None:
                break
            opening = further
            while opening > 0 and fold(words[opening - 1]) in determiners - {of}:
                opening -= 1  # "the first medal"
        subject = " ".join(words[opening:])
    else:
        coordinated = subject
        subject, _count = _subject(
            text,
            folded,
            start,
            verb.start,
            mentions,
            actors,
            language,
            infinitive_clause=verb.infinitive == "clause",
        )
        and_words = _folded_set(_words(language).names.AND)
        before = text[max(start, verb.start - 20) : verb.start].split()
        if coordinated and (not subject or (before and fold(before[-1]) in and_words)):
            subject = coordinated
    if not subject:
        return None
    if fold(subject) in _sets(language)["PEOPLE"]:
        # « vous rencontrez », "we signed": the speaker or the one spoken to, when known.
        person = sentence.people.get(fold(subject))
        if person is None:
            return None
        subject = person[0]
    obj = _object(text, folded, verb.end, end, dates, sentence.quoted, language)
    # The verb's date: one before it or in its clause, not one of a later clause (« …, un
    # record depuis sa création il y a cinquante ans ») nor of a relative clause after it
    # (« a dévoilé un projet dont l'ouverture se fera le 22 mai »).
    clause_end = _clause_end(text, verb.end, end)
    relatives = _sets(language)["RELATIVES"]
    for token_start, _token_end, token in _tokens(folded, verb.end, clause_end):
        if token in relatives:
            clause_end = token_start
            break
    before = text[max(start, verb.start - 20) : verb.start].split()
    if before and fold(before[-1]) in _folded_set(_words(language).names.AND):
        # « … depuis le Brésil en 1970 et remporte … en 1998 »: the dates after « et ».
        dates = [mention for mention in dates if mention.start > verb.start]
    introducers = _sets(language)["DATE_INTRODUCERS"]
    for mention in dates:
        # « avant de devenir, en 2005, pilote », « a rencontré, le 3 janvier, le dirigeant »: a
        # date set between commas, maybe after the word introducing it, is the verb's.
        if (
            clause_end < mention.start
            and text[clause_end] == ","
            and text[mention.end : mention.end + 1] == ","
            and all(
                fold(word) in introducers for word in text[clause_end + 1 : mention.start].split()
            )
        ):
            clause_end = _clause_end(text, mention.end + 1, end)
    dates = [mention for mention in dates if mention.start < clause_end]
    if not dates:
        return None
    best = min(
        dates,
        key=lambda mention: (
            _PRECISION_RANK.get(mention.precision, 9),
            abs(mention.start - verb.start),
        ),
    )
    return _title(subject, verb.present, obj, language), best, subject


def _noun_event(
    text: str,
    folded: str,
    sentence: SentenceDates,
    dates: Sequence[DateMention],
    language: str,
) -> tuple[str, DateMention, tuple[int, int]] | None:
    """A happening named by a noun with its date in the same clause (« la chute du régime le 8
    décembre », "the arrival of the space shuttle Discovery … on Tuesday"): the noun phrase is
    the headline. Also the span its actors and place are read in."""
    pattern = _noun_pattern(language)
    for match in pattern.finditer(folded, sentence.start, sentence.end):
        if _inside(match.start(), sentence.quoted):
            continue
        noun_start = match.start("noun")
        clause_start = _clause_start(text, sentence.start, noun_start)
        clause_end = _clause_end(text, noun_start, sentence.end)
        own = [mention for mention in dates if clause_start <= mention.start < clause_end]
        if not own:
            continue
        phrase = _object(text, folded, noun_start, clause_end, own, sentence.quoted, language)
        # The noun phrase ends where its clause's verb starts (« … sera sa première entrevue »).
        sets = _sets(language)
        verbs = (
            sets["AUXILIARIES"]
            | sets["PASSIVE_MARKERS"]
            | _words(language).verbs.keys()
            # « l'ouverture se fera »: a pronoun before the verb ends the noun phrase too.
            | sets["REFLEXIVE"]
            | (sets["CLITICS"] - sets["DETERMINERS"])
        )
        kept = phrase.split()[:1]
        phrase_end = clause_end
        for word in phrase.split()[1:]:
            if fold(word) in verbs:
                phrase_end = text.find(word, noun_start, clause_end)
                break
            kept.append(word)
        while kept and fold(kept[-1]) in sets["TRAILING"]:
            kept.pop()
        if len(kept) < 3:
            # « un projet nommé Wikitribune dont l'ouverture … »: the opening of Wikitribune.
            owner = _relative_owner(text, folded, sentence.start, match.start(), language)
            if owner:
                kept += [_words(language).tables.OF, owner]
        words = " ".join(kept)
        if len(kept) < 3:
            continue  # « la visite de lundi »: too little to say what happened
        best = min(own, key=lambda mention: _PRECISION_RANK.get(mention.precision, 9))
        return _title("", "", words, language), best, (clause_start, phrase_end)
    return None


def _relative_owner(text: str, folded: str, start: int, position: int, language: str) -> str:
    """The name a relative pronoun right before ``position`` refers to (« un projet nommé
    Wikitribune dont », "the agency whose"), when it stands right before the pronoun; or ""."""
    tokens = _tokens(folded, max(start, position - 30), position)
    if not tokens or tokens[-1][2] not in _sets(language)["RELATIVES"]:
        return ""
    before = text[start : tokens[-1][0]].rstrip(" ,")
    names = [match for match in _NAME.finditer(before) if match.end() == len(before)]
    return names[-1].group() if names else ""


@cache
def _noun_pattern(language: str) -> re.Pattern[str]:
    """A determiner, then a noun naming a happening (« la chute », "the arrival")."""
    events = _words(language).tables
    determiners = "|".join(re.escape(fold(word)) for word in events.DETERMINERS)
    nouns = "|".join(
        re.escape(fold(noun)) for noun in sorted(events.HAPPENING_NOUNS, key=len, reverse=True)
    )
    return re.compile(rf"(?<!\w)(?:{determiners})\s*(?P<noun>(?:{nouns}))(?!\w)")


def _candidate(
    text: str,
    folded: str,
    sentence: SentenceDates,
    *,
    language: str,
    actors: MentionFinder,
    places: MentionFinder,
    dateline: DateMention | None,
    context: DateMention | None = None,
) -> list[ExtractedEvent]:
    """The happenings a sentence tells, dated by its own dates, else (``context``, the date of
    the story it continues) by its first verb told as a happening."""
    start, end = sentence.start, sentence.end
    quoted_chars = sum(min(end, q_end) - max(start, q_start) for q_start, q_end in sentence.quoted)
    if quoted_chars >= QUOTED_SHARE * (end - start):
        return []
    dates = [
        mention
        for mention in sentence.dates
        if not (dateline and mention.start < dateline.end and dateline.start < mention.end)
    ]
    inferred = not dates
    if inferred and context is None:
        return []
    mentions = [
        mention
        for mention in actors.find(text, start, end, folded=folded)
        if not _inside(mention.start, sentence.quoted)
    ]

    plural_pronouns = _folded_set(_words(language).tables.PLURAL_PRONOUNS)
    people = _sets(language)["PEOPLE"]

    def plural_subject(verb_start: int) -> bool:
        name, count = _subject(text, folded, start, verb_start, mentions, actors, language)
        if fold(name) in people:
            return False  # « nous avons quitté » said by one person: that person
        # "They attacked": "They attack", not "They attacks".
        return count > 1 or fold(name) in plural_pronouns

    place = next(
        (
            mention.key
            for mention in places.find(text, start, end, folded=folded)
            if not _inside(mention.start, sentence.quoted)
        ),
        None,
    )
    if inferred and not (mentions or place or _names_someone(text, start, end, sentence.quoted)):
        return []  # « Un important dispositif a été déployé »: no one and nowhere to date
    found: list[ExtractedEvent] = []
    subject = ""
    previous_end = start
    for verb in _verbs(text, folded, start, end, sentence.quoted, language, plural_subject):
        if inferred:
            if found or not verb.narrative or verb.infinitive or verb.saying or verb.background:
                continue
            if _after_subject_relative(folded, start, verb.start, language):
                continue  # "every American who is held hostage": a description, not the story
            assert context is not None
            # The context's date stands right after the verb, where it reads as the verb's.
            borrowed = dataclasses.replace(context, start=verb.end, end=verb.end)
            headline = _headline_and_date(
                text, folded, sentence, verb, [borrowed], mentions, actors, language
            )
        elif found:
            # A later verb of the sentence is another happening only with a date of its own
            # (« began in March 1996 and concluded in November 1997 »), and shares the subject
            # of the verb it is coordinated with.
            # (not one of the clause before it: « mis à l'épreuve depuis deux ans, …, un pays
            # qui tient »).
            own = [
                mention
                for mention in dates
                if mention.start >= max(previous_end, _clause_start(text, start, verb.start))
            ]
            headline = _headline_and_date(
                text, folded, sentence, verb, own, mentions, actors, language, subject=subject
            )
        else:
            headline = _headline_and_date(
                text, folded, sentence, verb, dates, mentions, actors, language
            )
        if headline is None:
            continue
        title, best, subject = headline
        speaking = [key for name, key in sentence.people.values() if name == subject]
        if speaking and inferred:
            continue  # what a speaker tells without a day: the story's day is not theirs
        previous_end = verb.end
        found.append(
            ExtractedEvent(
                date=best.date,
                precision=best.precision,
                end_date=_end_date(best),
                title=title,
                sentence=text[start:end],
                start=start,
                end=end,
                actors=tuple(dict.fromkeys([*speaking, *(mention.key for mention in mentions)])),
                place=place,
                date_basis=Quote.DateBasis.CONTEXT if inferred else Quote.DateBasis.TEXT,
            )
        )
    if not found and not inferred:
        noun = _noun_event(text, folded, sentence, dates, language)
        if noun is not None:
            title, best, (span_start, span_end) = noun
            found.append(
                ExtractedEvent(
                    date=best.date,
                    precision=best.precision,
                    end_date=_end_date(best),
                    title=title,
                    sentence=text[start:end],
                    start=start,
                    end=end,
                    actors=tuple(
                        dict.fromkeys(
                            mention.key
                            for mention in mentions
                            if span_start <= mention.start < span_end
                        )
                    ),
                    place=next(
                        (
                            mention.key
                            for mention in places.find(text, span_start, span_end, folded=folded)
                            if not _inside(mention.start, sentence.quoted)
                        ),
                        None,
                    ),
                )
            )
    return found


def _names_someone(text: str, start: int, end: int, quoted: Sequence[tuple[int, int]]) -> bool:
    """A sentence names someone or somewhere: a capitalised word after its first, outside its
    quotations."""
    first = _TOKEN.search(text, start, end)
    after = first.end() if first else start
    return any(
        not _inside(match.start(), quoted) and match.group() not in {"I", "I'm", "I’m"}
        for match in _NAME.finditer(text, after, end)
    )


def _matches(
    candidate: ExtractedEvent, known: Sequence[KnownEvent], parents: dict[str, str]
) -> str | None:
    """The existing event a candidate is evidence for: its date agrees, and it shares an actor
    or its place; the one sharing the most wins, ties left unmatched."""
    scored = []
    for event in known:
        if not _date_agrees(candidate, event):
            continue
        shared = len(set(candidate.actors) & set(event.actors))
        same_place = _same_place(candidate.place, event.place, parents)
        if shared or same_place:
            scored.append((shared + same_place, _PRECISION_RANK.get(event.precision, 9), event))
    if not scored:
        return None
    scored.sort(key=lambda item: (-item[0], item[1]))
    if len(scored) > 1 and scored[0][:2] == scored[1][:2]:
        return None
    return scored[0][2].slug


def _same_happening(one: ExtractedEvent, other: ExtractedEvent, parents: dict[str, str]) -> bool:
    if one.matches and other.matches:
        return one.matches == other.matches
    if fold(one.title) == fold(other.title):
        return _date_agrees(one, other) or _date_agrees(other, one)
    if not (_date_agrees(one, other) or _date_agrees(other, one)):
        return False
    return bool(set(one.actors) & set(other.actors)) or _same_place(one.place, other.place, parents)


def _merge(kept: ExtractedEvent, other: ExtractedEvent) -> ExtractedEvent:
    """One happening told twice: the earlier sentence as evidence, the more precise date."""
    precise = min((kept, other), key=lambda event: _PRECISION_RANK.get(event.precision, 9))
    return dataclasses.replace(
        kept,
        date=precise.date,
        precision=precise.precision,
        end_date=precise.end_date or kept.end_date or other.end_date,
        actors=tuple(dict.fromkeys([*kept.actors, *other.actors])),
        place=kept.place or other.place,
        matches=kept.matches or other.matches,
    )


def event_candidates(
    *,
    text: str,
    folded: str,
    sentences: Sequence[SentenceDates],
    language: str,
    actors: MentionFinder,
    places: MentionFinder,
    events: Sequence[KnownEvent] = (),
    dateline: DateMention | None = None,
    check: Callable[[], None] = lambda: None,
    reference: datetime.date | None = None,
) -> tuple[list[ExtractedEvent], list[int]]:
    """The text's event candidates, in text order, each matched to an existing event where one
    fits and merged with the others of the same happening; and for each sentence, the index of
    its first new candidate (or -1).

    A sentence with no date of its own is dated by its context (``date_basis`` ``CONTEXT``):
    the latest date named before it in its paragraph and in the ``CONTEXT_PARAGRAPHS`` last
    paragraphs before it that name a date (the story it continues; a look back at « l'an
    dernier » in passing does not move the story's day). Paragraphs of quotations name no
    date. A dateline alone dates no happening (it is the day of the report, not of what it
    tells), and neither do dates after ``reference`` (plans) nor approximate ones (« il y a
    près de vingt ans »)."""
    parents = {item.key: item.part_of for item in places.named if item.part_of}
    found: list[ExtractedEvent] = []
    owner: list[int] = []
    breaks = [match.start() for match in _PARAGRAPH_BREAK.finditer(text)]
    story: list[tuple[int, DateMention]] = []  # the dates of the last paragraphs
    for sentence in sentences:
        check()
        paragraph = bisect.bisect_right(breaks, sentence.start)
        # The story: the current paragraph and the last paragraphs before it that named a date.
        dated = sorted({number for number, _mention in story if number < paragraph})
        while story and story[0][0] < paragraph and story[0][0] not in dated[-CONTEXT_PARAGRAPHS:]:
            story.pop(0)
        context = max(
            (mention for _paragraph, mention in story),
            key=lambda mention: (
                _floor(mention.date, mention.precision),
                -_PRECISION_RANK.get(mention.precision, 9),
                mention.start,
            ),
            default=None,
        )
        for mention in sentence.dates:
            if dateline and mention.start < dateline.end and dateline.start < mention.end:
                continue
            if mention.precision == Precision.APPROXIMATE:
                continue
            if reference and _interval(mention.date, mention.precision, None)[0] > reference:
                continue
            story.append((paragraph, mention))
        candidates = _candidate(
            text,
            folded,
            sentence,
            language=language,
            actors=actors,
            places=places,
            dateline=dateline,
            context=context,
        )
        owner.append(len(found) if candidates else -1)
        for candidate in candidates:
            candidate = dataclasses.replace(candidate, matches=_matches(candidate, events, parents))
            for index in range(max(0, len(found) - MERGE_WINDOW), len(found)):
                earlier = found[index]
                if _same_happening(earlier, candidate, parents):
                    found[index] = _merge(earlier, candidate)
                    break
            else:
                found.append(candidate)
    return found, owner


# Quotations: when they were said, and at which happening ----------------------------------


@dataclass(frozen=True)
class _Link:
    """What a quotation's sentence says of the happening it was said at."""

    before_days: int | None  # « la veille du sommet »: 1; « avant le sommet »: 0; None: at it
    noun: str


@cache
def _link_pattern(language: str) -> tuple[re.Pattern[str], dict[str, int | None]]:
    """One pattern for « lors du sommet », "the day before the vote"…: the phrase, up to two
    words, and a noun naming a happening; with how many days before it each phrase puts the
    words (None: at it)."""
    events = _words(language).tables
    days: dict[str, int | None] = {fold(phrase): None for phrase in events.LINKS}
    days.update({fold(phrase): before for phrase, before in events.BEFORE.items()})
    phrases = "|".join(re.escape(phrase) for phrase in sorted(days, key=len, reverse=True))
    nouns = "|".join(
        re.escape(fold(noun)) for noun in sorted(events.EVENT_NOUNS, key=len, reverse=True)
    )
    pattern = re.compile(
        rf"(?<!\w)(?P<phrase>{phrases})\s*(?:[\w-]+\s+){{0,2}}?(?P<noun>{nouns})(?!\w)"
    )
    return pattern, days


def _link(
    folded: str, start: int, end: int, quoted: Sequence[tuple[int, int]], language: str
) -> _Link | None:
    pattern, days = _link_pattern(language)
    for match in pattern.finditer(folded, start, end):
        if not _inside(match.start(), quoted):
            return _Link(before_days=days[match.group("phrase")], noun=match.group("noun"))
    return None


def _event_day(event: ExtractedEvent | KnownEvent) -> datetime.date | None:
    return event.date if event.precision == Precision.DAY else None


def quotes_date(
    *,
    text: str,
    folded: str,
    quotes: Sequence[ExtractedQuote],
    sentences: Sequence[SentenceDates],
    candidates: Sequence[ExtractedEvent],
    events: Sequence[KnownEvent],
    reference: datetime.date,
    published_on: datetime.date | None,
    dateline: DateMention | None,
    language: str,
) -> list[ExtractedQuote]:
    """Each quotation with the day it was said, where that day comes from, and the happening
    it was said at when the text says so."""
    index_of = {(sentence.start, sentence.end): index for index, sentence in enumerate(sentences)}
    starts = [candidate.start for candidate in candidates]
    dated: list[ExtractedQuote] = []
    for quote in quotes:
        position = index_of.get(tuple(quote.sentence), -1)
        said_on, basis = _said_on(text, sentences, position, reference, dateline, published_on)
        event_slug: str | None = None
        candidate_index: int | None = None
        if position >= 0:
            sentence = sentences[position]
            link = _link(folded, sentence.start, sentence.end, sentence.quoted, language)
            chosen = (
                _linked_event(link, quote, candidates, starts, sentence.start, events)
                if link is not None
                else None
            )
            if link is not None and chosen is not None:
                event, index = chosen
                day = _event_day(event)
                if link.before_days is not None:
                    # Said before the happening: not at it, and the day before if « la veille ».
                    before = day - datetime.timedelta(days=link.before_days) if day else None
                    if (
                        before
                        and link.before_days
                        and before <= reference
                        and basis != Quote.DateBasis.TEXT
                    ):
                        said_on, basis = before, Quote.DateBasis.CONTEXT
                elif basis == Quote.DateBasis.PUBLICATION:
                    # Never at a happening that came after the words were published.
                    first, _last = _interval(event.date, event.precision, event.end_date)
                    if first <= reference:
                        if day is not None:
                            said_on, basis = day, Quote.DateBasis.CONTEXT
                        event_slug, candidate_index = _slug(event, index, candidates), index
                elif _date_agrees_day(said_on, event):
                    event_slug, candidate_index = _slug(event, index, candidates), index
        dated.append(
            dataclasses.replace(
                quote,
                said_on=said_on,
                said_on_basis=basis,
                event=event_slug,
                event_candidate=candidate_index,
            )
        )
    return dated


def _slug(
    event: ExtractedEvent | KnownEvent, index: int | None, candidates: Sequence[ExtractedEvent]
) -> str | None:
    if isinstance(event, KnownEvent):
        return event.slug
    return candidates[index].matches if index is not None else None


def _date_agrees_day(day: datetime.date, event: ExtractedEvent | KnownEvent) -> bool:
    first, last = _interval(event.date, event.precision, event.end_date)
    return first <= day <= last


def _linked_event(
    link: _Link,
    quote: ExtractedQuote,
    candidates: Sequence[ExtractedEvent],
    starts: Sequence[int],
    position: int,
    known: Sequence[KnownEvent],
) -> tuple[ExtractedEvent | KnownEvent, int | None] | None:
    """The happening a « lors du sommet » refers to: a candidate of this text (the nearest one
    before the quotation naming the noun or the speaker), else an existing event naming both."""
    speaker = quote.speaker.key
    best: tuple[int, int, ExtractedEvent | KnownEvent, int | None] | None = None
    following = bisect.bisect_right(starts, position)
    for index in range(max(0, following - LINK_WINDOW), min(len(candidates), following + 1)):
        candidate = candidates[index]
        score = (link.noun in fold(candidate.sentence)) * 2 + (speaker in candidate.actors) * 2
        if candidate.start > position:
            score -= 1
        if score >= 2 and (best is None or (score, candidate.start) > best[:2]):
            best = (score, candidate.start, candidate, index)
    if best is not None:
        return best[2], best[3]
    for event in known:
        if link.noun in fold(event.title) and speaker and speaker in event.actors:
            return event, None
    return None


def _said_on(
    text: str,
    sentences: Sequence[SentenceDates],
    position: int,
    reference: datetime.date,
    dateline: DateMention | None,
    published_on: datetime.date | None,
) -> tuple[datetime.date, str]:
    """The day a quotation of sentence ``position`` was said, and where it comes from: its
    sentence's day, else the nearest earlier day of its paragraph, else the dateline's day,
    else the publication date. Never after the text's date."""

    def day_of(sentence: SentenceDates) -> datetime.date | None:
        for mention in sentence.dates:
            if mention.precision == Precision.DAY and mention.date <= reference:
                if dateline and mention.start < dateline.end and dateline.start < mention.end:
                    continue
                return mention.date
        return None

    if position >= 0:
        own = day_of(sentences[position])
        if own is not None:
            return own, Quote.DateBasis.TEXT
        paragraph_start = text.rfind("\n", 0, sentences[position].start) + 1
        for index in range(position - 1, -1, -1):
            earlier = sentences[index]
            if earlier.end <= paragraph_start:
                break
            day = day_of(earlier)
            if day is not None:
                return day, Quote.DateBasis.CONTEXT
    if dateline is not None and dateline.precision == Precision.DAY:
        return dateline.date, Quote.DateBasis.CONTEXT
    if published_on is not None:
        return published_on, Quote.DateBasis.PUBLICATION
    return reference, Quote.DateBasis.CONTEXT


# The pipeline stage ------------------------------------------------------------------------


def _person(speaker: Any, finder: MentionFinder) -> tuple[str, str] | None:
    """A speaker as (display name, event actor key), or None for nobody named."""
    key = getattr(speaker, "key", None)
    if key and key in finder.by_key:
        return finder.by_key[key].names[0], key
    name = getattr(speaker, "new_name", None)
    if name:
        return name, NEW_ACTOR + name
    return None


# At most this much text between two turns for the second to answer the first (a label).
_ADJACENT_TURNS = 60


def _turn_people(
    text: str,
    sentences: Sequence[SentenceDates],
    quotes: Sequence[ExtractedQuote],
    finder: MentionFinder,
    language: str,
) -> None:
    """Who « je » / "I" / "we" and « vous » / "you" are in each sentence of a transcript: the
    turn's speaker; and the one spoken to: for an unnamed questioner, whoever answers next; for
    a named speaker, the named speaker of the turn right before (a dialogue), if any."""
    turns = sorted(
        ((quote.start, quote.end, _person(quote.speaker, finder)) for quote in quotes),
        key=lambda turn: turn[0],
    )
    starts = [turn[0] for turn in turns]
    events = _words(language).tables
    first = _folded_set(events.FIRST_PERSON)
    second = _folded_set(events.SECOND_PERSON)
    for sentence in sentences:
        # The turn the sentence is part of (« R - Beaucoup d'émotions… »: its label is not).
        index = bisect.bisect_right(starts, sentence.end - 1) - 1
        inside = index >= 0 and sentence.start < turns[index][1]
        speaker = turns[index][2] if inside else None
        addressee = None
        if speaker is None:
            following = turns[index + 1 :] if index + 1 < len(turns) else []
            addressee = next((turn[2] for turn in following if turn[2]), None)
        elif inside:
            # The named speaker of the turn right before, else of the turn right after.
            for other in (index - 1, index + 1):
                if not 0 <= other < len(turns):
                    continue
                earlier, later = sorted((turns[other], turns[index]))
                gap = text[earlier[1] : later[0]]
                person = turns[other][2]
                if person and person != speaker and len(gap.strip()) <= _ADJACENT_TURNS:
                    addressee = person
                    break
        people: dict[str, tuple[str, str]] = {}
        if speaker:
            people.update(dict.fromkeys(first, speaker))
        if addressee and addressee != speaker:
            people.update(dict.fromkeys(second, addressee))
        sentence.people = people


# People the import would create ----------------------------------------------------------


@dataclass(frozen=True)
class _PersonWords:
    """Words that are never part of a person's name, and the particles inside one."""

    not_a_person: frozenset[str]
    leading: frozenset[str]  # titles, honorifics, nationalities, determiners before a name
    particles: frozenset[str]
    articles: frozenset[str]
    titles: frozenset[str]


@cache
def _person_words(language: str) -> _PersonWords:
    """Every language's tables: a text in one language names institutions of another."""
    from seeds.lang import LANGUAGES

    not_a_person: set[str] = set()
    leading: set[str] = set()
    particles: set[str] = set()
    articles: set[str] = set()
    titles: set[str] = set()
    for code in LANGUAGES:
        names = table(code, "names")
        events = table(code, "events")
        not_a_person.update(fold(word) for word in names.NOT_A_PERSON)
        particles.update(fold(word) for word in names.NAME_PARTICLES)
        articles.update(fold(word) for word in names.ARTICLES if " " not in word)
        for phrase in (*names.HONORIFICS, *names.HONORIFICS_FEMININE, *names.TITLES):
            titles.update(fold(phrase).split())
        for phrase in (
            *names.HONORIFICS,
            *names.HONORIFICS_FEMININE,
            *names.TITLES,
            *names.TITLES_FEMININE,
            *names.TITLE_QUALIFIERS,
            *names.NATIONALITIES,
            *events.DETERMINERS,
        ):
            leading.update(fold(phrase).split())
        # Countries a nationality is of (« France »): a place, not a person.
        not_a_person.update(fold(country) for country in names.NATIONALITIES.values())
    return _PersonWords(
        frozenset(not_a_person),
        frozenset(leading),
        frozenset(particles),
        frozenset(articles),
        frozenset(titles),
    )


def _person_name(written: str, language: str) -> str:
    """The person a run of capitalised words names (« le secrétaire d'Etat Antony Blinken »,
    "Syrian President Bashar al-Assad", "Mrs. Griner"): its last two words (three around a
    particle: « Charles de Gaulle »), or its last word alone after a title; "" for the name of
    an institution, a place or an event, an acronym, or words that name no one."""
    tables = _person_words(language)
    written_words = written.split()
    # An article before a name that is no title makes it a thing's (« l'Énergie noire », "The
    # Associated Press"), not a person's ("The President Joe Biden" is his).
    first = fold(written_words[0]) if written_words else ""
    article = first in tables.articles or bool(re.match(r"l['’]\w", first))
    if article and not (
        len(written_words) > 1
        and not first.startswith(("l'", "l’"))
        and fold(written_words[1]) in tables.titles
    ):
        return ""
    # "Council’s", « d'Antoine »: the word itself.
    words = [re.sub(r"^[dD]['’](?=\w)|['’]s$", "", word) for word in written_words]
    # After the end of a sentence ("Lloris. La France"), a name starts again; after the name of
    # an institution, only past a role ("Homeland Security Advisor Josh Geltzer", not
    # « Université Paris Cité »).
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        if word.endswith(".") and len(word) > 4:
            words = words[index + 1 :]
            break
        if fold(word) in tables.not_a_person:
            words = words[index + 1 :] if len(words) - index > 3 else []
            break
    while words and fold(words[0]) in tables.leading:
        words.pop(0)
    kept = words[-3:] if len(words) >= 3 and fold(words[-2]) in tables.particles else words[-2:]
    if not kept or any(
        not word[:1].isupper() or word.isupper() or not any(c.islower() for c in word)
        for word in kept
        if fold(word) not in tables.particles
    ):
        return ""
    if fold(kept[0]) in tables.particles:
        return ""
    return " ".join(kept)


def _people_keys(
    text: str,
    events: Sequence[ExtractedEvent],
    quotes: Sequence[ExtractedQuote],
    actors: MentionFinder,
    places: MentionFinder,
    language: str,
) -> list[ExtractedEvent]:
    """``events`` with the people their headlines name and no known actor fits added to their
    actors as ``NEW_ACTOR`` + display name: a new speaker of the text under the very name the
    speakers stage gave them (« Jean-Noël Barrot », "Biden"), another person named in full
    (first and last name) under that full name; a surname alone ("Mrs. Griner") is the person
    named in full with it earlier in the text, or the new speaker with it."""
    full: dict[str, str] = {}  # folded surname → display name
    for quote in quotes:
        name = getattr(quote.speaker, "new_name", None)
        if name and not getattr(quote.speaker, "key", None):
            full.setdefault(fold(name.split()[-1]), name)
            full.setdefault(fold(name), name)
    # Each surname → where the first person named in full with it is named, and that name; read
    # once, the first time a headline names someone by a surname alone.
    seen: dict[str, tuple[int, str]] = {}

    def named_in_full() -> dict[str, tuple[int, str]]:
        if not seen:
            for match in _NAME.finditer(text):
                name = _person_name(match.group(), language)
                if len(name.split()) >= 2:
                    seen.setdefault(fold(name.split()[-1]), (match.end(), name))
            seen.setdefault("", (0, ""))  # read
        return seen

    updated = []
    for event in events:
        keys = list(event.actors)
        title = event.title
        blocked = [
            (mention.start, mention.end)
            for finder in (actors, places)
            for mention in finder.find(title)
        ]
        for match in _NAME.finditer(title):
            if any(first < match.end() and match.start() < last for first, last in blocked):
                continue
            if re.search(r"[«“\"]\s*$", title[: match.start()]):
                continue  # « la loi « Stop Soros » »: a title, not a person
            name = _person_name(match.group(), language)
            if not name:
                continue
            if not match.start() and not re.search(
                rf"(?<!\w){re.escape(name.split()[0])}(?!\w)", event.sentence
            ):
                continue  # the headline's capital, not a name's (« Ouverture de Wikitribune »)
            surname = fold(name.split()[-1])
            if len(name.split()) == 1:
                # A surname alone: the speaker, else someone named in full before the event.
                person = full.get(surname, "")
                if not person:
                    position, person = named_in_full().get(surname, (event.end + 1, ""))
                    person = person if position <= event.end else ""
                if not person:
                    continue
                name = person
            else:
                name = full.get(fold(name)) or full.get(surname, name)
            known, _reason = actors.resolve(name)
            key = known or NEW_ACTOR + name
            if key not in keys:
                keys.append(key)
        updated.append(dataclasses.replace(event, actors=tuple(keys)) if keys else event)
    return updated


def extraction_resolve(
    extraction: Extraction,
    *,
    published_on: datetime.date | None,
    language: str,
    actors: Sequence[Named],
    places: Sequence[Named],
    events: Sequence[KnownEvent] = (),
    dateline: DateMention | None = None,
    check: Callable[[], None] = lambda: None,
    title: str = "",
) -> None:
    """The stage after quotation attribution: speakers resolved to known actors (titles, roles,
    surnames, spellings) and unified, event candidates found and matched, quotations dated and
    linked. Fills ``extraction.quotes`` and ``extraction.events`` in place. ``check`` is called
    once per sentence: the pipeline's deadline check, which raises when time is up. ``title``
    is the headline the cleaning set aside, if any."""
    text = extraction.text
    reference = published_on or (dateline.date if dateline else None)
    folded = fold(text)
    actor_finder = MentionFinder(actors, on=reference)
    place_finder = MentionFinder(places, people=False)
    # The headline names people too ("Remarks by President Biden"): "THE PRESIDENT" is him.
    speakers = speakers_resolve(
        [quote.speaker for quote in extraction.quotes],
        text=f"{title}\n{text}" if title else text,
        finder=actor_finder,
    )
    quotes = [
        dataclasses.replace(quote, speaker=speaker)
        for quote, speaker in zip(extraction.quotes, speakers, strict=True)
    ]
    if reference is None:
        extraction.quotes = quotes
        extraction.events = []
        return
    # In a transcript every sentence is someone's turn: what a speaker says happened, and the
    # days they name, are the text itself.
    transcript = getattr(extraction, "format", "") == Source.Format.TRANSCRIPT
    # An encyclopedia page is not written on the day its story is told from.
    news = getattr(extraction, "format", "") != Source.Format.ENCYCLOPEDIA
    quoted = [] if transcript else sorted(_quoted_spans(quotes, text))
    sentences: list[SentenceDates] = []
    position = 0
    for start, end in sentence_spans(text):
        check()
        while position < len(quoted) and quoted[position][1] <= start:
            position += 1
        inside = []
        cursor = position
        while cursor < len(quoted) and quoted[cursor][0] < end:
            inside.append(quoted[cursor])
            cursor += 1
        dates = _date_mentions(
            text,
            reference,
            language=language,
            start=start,
            end=end,
            skip=inside,
            folded=folded,
            news=news,
        )
        sentences.append(SentenceDates(start, end, dates, inside))
    if transcript:
        _turn_people(text, sentences, quotes, actor_finder, language)
    candidates, _owner = event_candidates(
        text=text,
        folded=folded,
        sentences=sentences,
        language=language,
        actors=actor_finder,
        places=place_finder,
        events=events,
        dateline=dateline,
        check=check,
        reference=reference,
    )
    extraction.events = _people_keys(text, candidates, quotes, actor_finder, place_finder, language)
    extraction.quotes = quotes_date(
        text=text,
        folded=folded,
        quotes=quotes,
        sentences=sentences,
        candidates=candidates,
        events=events,
        reference=reference,
        published_on=published_on,
        dateline=dateline,
        language=language,
    )

"""English: the words that make a dated sentence an event, and how its headline is written.

``VERBS`` maps every written form of an event verb to its present tense, the tense of a
headline: "met" → "meets", "have signed" → "sign". ``LINKS`` tie a quotation to the happening it
was said at ("at the summit"); ``BEFORE`` put it before the happening ("the day before the vote").
"""

from __future__ import annotations

from collections.abc import Iterable

# Regular verbs by their base form: "sign" gives signs, signed.
_REGULAR = (
    "sign",
    "arrive",
    "visit",
    "announce",
    "vote",
    "launch",
    "die",
    "open",
    "host",
    "attack",
    "invade",
    "bomb",
    "kill",
    "land",
    "start",
    "end",
    "return",
    "travel",
    "adopt",
    "approve",
    "pass",
    "ratify",
    "release",
    "fire",
    "collapse",
    "declare",
    "agree",
    "inaugurate",
    "gather",
    "convene",
    "address",
    "deliver",
    "unveil",
    "publish",
    "erupt",
    "crash",
    "explode",
    "resign",
    "elect",
    "re-elect",
    "appoint",
    "nominate",
    "sentence",
    "arrest",
    "liberate",
    "annex",
    "occupy",
    "withdraw",
    "launch",
    "sanction",
    "celebrate",
    "commemorate",
    "mark",
    "reach",
    "join",
    "enter",
    "leave",
    "complete",
    "conclude",
    "establish",
    "found",
    "create",
    "abolish",
    "ban",
    "legalize",
    "legalise",
    "pardon",
    "summon",
    "expel",
    "deploy",
    "dispatch",
    "host",
    "welcome",
    "receive",
    "hold",
    "participate",
    "attend",
    "debate",
    "negotiate",
    "fail",
    "succeed",
    "replace",
    "defeat",
    "capture",
    "seize",
    "shoot",
    "assassinate",
    "murder",
    "crash",
    "sink",
    "strike",
    "issue",
    "testify",
    "close",
    "dock",
    "clinch",
    "claim",
    "earn",
    "secure",
    "award",
    "detect",
    "discover",
    "confirm",
    "propose",
    "free",
    "qualify",
    "score",
    "crown",
)
# Irregular verbs: (3rd person singular present, plural present, other forms).
_IRREGULAR: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    # Before the regular "found" (establish): "was found" is "find".
    ("finds", "find", ("found",)),
    ("beats", "beat", ("beaten",)),
    ("meets", "meet", ("met",)),
    ("holds", "hold", ("held",)),
    ("wins", "win", ("won",)),
    ("begins", "begin", ("began", "begun")),
    ("takes", "take", ("took", "taken")),
    ("becomes", "become", ("became",)),
    ("leads", "lead", ("led",)),
    ("flies", "fly", ("flew", "flown")),
    ("strikes", "strike", ("struck", "stricken")),
    ("hits", "hit", ("hit",)),
    ("falls", "fall", ("fell", "fallen")),
    ("goes", "go", ("went", "gone")),
    ("speaks", "speak", ("spoke", "spoken")),
    ("leaves", "leave", ("left",)),
    ("sinks", "sink", ("sank", "sunk")),
    ("shoots", "shoot", ("shot",)),
    ("gives", "give", ("gave", "given")),
    ("makes", "make", ("made",)),
    ("sets", "set", ("set",)),
    ("swears", "swear", ("swore", "sworn")),
    ("withdraws", "withdraw", ("withdrew", "withdrawn")),
    ("seeks", "seek", ("sought",)),
    ("breaks", "break", ("broke", "broken")),
    ("rises", "rise", ("rose", "risen")),
    ("buys", "buy", ("bought",)),
    ("sells", "sell", ("sold",)),
    ("builds", "build", ("built",)),
    ("brings", "bring", ("brought",)),
    ("sends", "send", ("sent",)),
    ("spends", "spend", ("spent",)),
    ("wins", "win", ("won",)),
    ("loses", "lose", ("lost",)),
    ("is born", "are born", ("born",)),
    ("dies", "die", ("died",)),
    ("occupies", "occupy", ("occupied",)),
    ("ratifies", "ratify", ("ratified",)),
    ("bans", "ban", ("banned",)),
    ("expels", "expel", ("expelled",)),
    ("travels", "travel", ("traveled", "travelled")),
    # Only the past: "a run", "the jump" are nouns.
    ("runs", "run", ("ran",)),
    ("jumps", "jump", ("jumped",)),
    ("argues", "argue", ("argued",)),
)


def _third_person(base: str) -> str:
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        return base + "es"
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return base[:-1] + "ies"
    return base + "s"


def _past(base: str) -> str:
    if base.endswith("e"):
        return base + "d"
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return base[:-1] + "ied"
    return base + "ed"


def _regular(base: str) -> tuple[str, str, tuple[str, ...]]:
    return _third_person(base), base, (_past(base),)


def _table(entries: Iterable[tuple[str, str, tuple[str, ...]]]) -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for singular, plural, forms in entries:
        for form in (singular, plural, *forms):
            table.setdefault(form, (singular, plural))
    return table


# Written form → (present singular, present plural).
VERBS = _table([*_IRREGULAR, *(_regular(base) for base in _REGULAR)])
# Verbs whose base form is mostly a noun ("a world record"): only their past is read as a verb.
VERBS.update({"recorded": ("records", "record")})
VERB_PHRASES = {
    "took place": ("takes place", "take place"),
    "takes place": ("takes place", "take place"),
    "taking place": ("takes place", "take place"),
    "will take place": ("takes place", "take place"),
    "took office": ("takes office", "take office"),
    "was sworn in": ("is sworn in", "are sworn in"),
    "were sworn in": ("is sworn in", "are sworn in"),
    "broke out": ("breaks out", "break out"),
    "reached out to": ("reaches out to", "reach out to"),
    # "the first medal going to Lidia Simon": only before a name (see ``BEFORE_A_NAME``).
    "going to": ("goes to", "go to"),
    "set a record": ("sets a record", "set a record"),
    "set a world record": ("sets a world record", "set a world record"),
}
AUXILIARIES = (
    "has",
    "have",
    "had",
    "will",
    "would",
    "is to",
    "are to",
    "was to",
    "were to",
    "is about to",
    "are about to",
    # Contractions, after their apostrophe ("we’ve signed", "you’re about to").
    "ve",
    "re",
    "ll",
    "is set to",
    "are set to",
    "was set to",
    "is due to",
    "are due to",
    "is expected to",
    "are expected to",
    "plans to",
    "was forced to",
    "were forced to",
    "did",
    "does",
    "also",
    "then",
    "finally",
    "officially",
    "formally",
    "first",
    "later",
    "eventually",
    "just",
    "already",
    "himself",
    "herself",
)
# The word between a person and where they come from ("Maria Mutola of Mozambique"): the
# headline's subject is the person.
NAME_ORIGIN: tuple[str, ...] = ("of", "of the")
# "to win" after a past verb tells what was achieved ("soared … to win the title"), unless the
# past verb is a wish or a try ("hoped to win") or a state ("pleased to win").
RESULT_INFINITIVES = ("win", "claim", "clinch", "capture", "take", "earn", "secure", "set")
WISHES = (
    "hoped",
    "wanted",
    "tried",
    "failed",
    "expected",
    "planned",
    "aimed",
    "sought",
    "needed",
    "attempted",
    "intended",
    "decided",
    "prepared",
    "promised",
    "refused",
    "vowed",
    "pledged",
    "threatened",
    "pleased",
    "is",
    "are",
    "am",
    "will",
    "would",
    "could",
    "should",
    "might",
    "can",
    "not",
)
# Past forms of irregular verbs, which end in no "-ed".
PASTS = (*(form for _s, _p, forms in _IRREGULAR for form in forms), "ran", "swam", "threw")
# A word after a participle that makes it a lasting state (« fermée depuis 13 ans »).
DURATION: tuple[str, ...] = ("since",)
# « être » before a participle makes a passive (« est nommé » → « est nommé »), except for the
# verbs whose past takes « être » (« est arrivé » → « arrive »), named by their present.
PASSIVE_BE: tuple[str, ...] = ()
VERBS_WITH_BE: tuple[str, ...] = ()
# Verbs of saying, by their present: a statement takes no date from its context.
SAYING: tuple[str, ...] = ("declares", "argues")
# Verb phrases that tell a happening only before a name ("going to Lidia Simon", not "going to
# sign").
BEFORE_A_NAME: tuple[str, ...] = ("going to",)
# Subjects that take the plural present (« Ils signent », "They sign", "I sign").
PLURAL_PRONOUNS: tuple[str, ...] = ("i", "we", "they", "you")
# Subject pronouns of the speaker and of the person spoken to: in a transcript's turn they are
# the turn's speaker and the one answering or asked ("we signed", "you met"); a happening told
# with them elsewhere has no one to name.
FIRST_PERSON: tuple[str, ...] = ("i", "we")
SECOND_PERSON: tuple[str, ...] = ("you",)
# Pronouns between a subject and its verb (none in English).
# Those that may be an object too (« il nous a reçus »): a subject only where a clause starts.
PEOPLE_OBJECTS: tuple[str, ...] = ("you",)
CLITICS: tuple[str, ...] = ()
# A background told in passing (a founding, a birth, a past perfect: "he founded the OSF",
# "he had signed"): it takes a date of its own or none, never the day of the story it sits in.
BACKGROUND: tuple[str, ...] = ("founds", "creates", "is born")
BACKGROUND_AUXILIARIES: tuple[str, ...] = ("had",)
# Words opening a present participle that tells a happening of the noun right before it
# ("a conference taking place on December 11").
NOUN_PARTICIPLES: tuple[str, ...] = ("taking", "going")
# Numbers that open a subject like a determiner ("two guards were wounded").
CARDINALS: tuple[str, ...] = (
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "twenty",
    "hundred",
    "thousand",
)
# What makes a verb a plan rather than a happening, for a sentence dated by its context: an
# auxiliary of future or intention before it ("will sign", "is expected to vote", "to win").
NOT_NARRATIVE_AUXILIARIES = (
    "will",
    "ll",
    "would",
    "to",
    "expected",
    "plans",
    "due",
    "set",
    "shall",
)
# The endings of an infinitive: with no auxiliary before it (« va », « doit »), an infinitive
# (« à marquer ») is no verb of a happening.
INFINITIVE_ENDINGS: tuple[str, ...] = ()
NOT_NARRATIVE_ENDINGS: tuple[str, ...] = ()
# An English present in running text is a habit or a plan ("they sign"); a happening is told
# in the past ("signed", "was signed").
NARRATIVE_NEEDS_PAST = True
PLURAL_AUXILIARIES = ("have", "were", "are")
# A past form without an auxiliary is a finite past ("Biden met Sánchez").
PARTICIPLES_NEED_AUXILIARY = False
PASSIVE_MARKERS = ("was", "were", "is", "are", "been", "be")
PASSIVE_PRESENT = ("is", "are")
REFLEXIVE: tuple[str, ...] = ()
REFLEXIVE_BEFORE_VOWEL = ""
NEGATION = ("not", "never", "didn't", "did not", "won't", "hasn't", "haven't", "wasn't")
DETERMINERS = (
    "the",
    "a",
    "an",
    "his",
    "her",
    "its",
    "their",
    "our",
    "this",
    "that",
    "these",
    "those",
    "first",
    "last",
    "next",
    "second",
    "new",
    "of",
)
CLAUSE_ENDS = (
    "which",
    "who",
    "where",
    "when",
    "while",
    "whereas",
    "but",
    "because",
    "after",
    "before",
    "although",
    "though",
    "as",
    "amid",
    "according",
    "so",
)
# An infinitive after these says what is sought, not what happened (« afin d'obtenir »).
PURPOSE = ("to",)
# Relative pronouns that are the subject of the verb right after them ("the gas that killed").
SUBJECT_RELATIVES: tuple[str, ...] = ("who", "which", "that")
# The word joining a happening to what it is of (« l'ouverture de Wikitribune »).
OF = "of"
# Relative pronouns whose clause has a subject of its own ("whose opening is on May 22"): a
# date after one is its clause's, not the verb's before it.
RELATIVES: tuple[str, ...] = ("whose",)
# Prepositions a date is introduced by, dropped with it from a headline ("on Tuesday").
DATE_INTRODUCERS = (
    "on",
    "in",
    "at",
    "since",
    "by",
    "during",
    "early",
    "late",
    "mid",
    "of",
    "last",
    "this",
)
TRAILING = (
    "a",
    "an",
    "the",
    "to",
    "of",
    "in",
    "on",
    "at",
    "for",
    "with",
    "and",
    "or",
    "by",
    "from",
    "his",
    "her",
    "its",
    "their",
)

# Nouns naming a happening: with a date in their clause, the noun phrase is a headline.
HAPPENING_NOUNS = (
    "arrival",
    "visit",
    "summit",
    "meeting",
    "election",
    "launch",
    "attack",
    "fall",
    "death",
    "victory",
    "defeat",
    "signing",
    "opening",
    "inauguration",
    "resignation",
    "birth",
    "founding",
    "creation",
    "invasion",
    "independence",
    "liberation",
    "explosion",
    "disaster",
    "earthquake",
    "ceremony",
    "final",
    "maiden voyage",
)
LINKS = (
    "at the",
    "at a",
    "during the",
    "during a",
    "during his",
    "during her",
    "on the sidelines of",
    "at the end of",
    "after the",
    "in his speech",
    "in her speech",
    "in a speech",
    "in his address",
    "in her address",
    "told reporters at",
    "on the occasion of",
    "in the course of",
)
BEFORE = {"the day before the": 1, "on the eve of the": 1, "ahead of the": 0, "before the": 0}
EVENT_NOUNS = (
    "summit",
    "meeting",
    "press conference",
    "news conference",
    "conference",
    "briefing",
    "talks",
    "visit",
    "ceremony",
    "speech",
    "address",
    "debate",
    "session",
    "hearing",
    "rally",
    "interview",
    "forum",
    "assembly",
    "congress",
    "negotiations",
    "signing",
    "launch",
)

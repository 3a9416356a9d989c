"""French date words and the patterns that read them (matched on folded text: no case, no accents).

Every pattern is a ``(kind, regex)`` pair; ``seeds.dates`` resolves a match by its kind (``day``,
``day_range``, ``day_span``, ``month``, ``relative_month``, ``bare_month``, ``month_day``,
``season``, ``relative_season``, ``ago``, ``year_offset``, ``month_offset``, ``week_offset``,
``weekend``, ``day_offset``, ``weekday``, ``decade``, ``year_range``, ``year``) and its named
groups (``day``,
``month``, ``year``, ``first``, ``first_month``, ``first_year``, ``last``, ``weekday``, ``which``,
``number``, ``unit``, ``approx``, ``since``, ``deadline``, ``season``, ``decade``, ``offset``), so
the tables hold words and patterns, not code. The first pattern to claim a span wins.
"""

from __future__ import annotations

MONTHS = {
    "janvier": 1,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
}
WEEKDAYS = {
    "lundi": 0,
    "mardi": 1,
    "mercredi": 2,
    "jeudi": 3,
    "vendredi": 4,
    "samedi": 5,
    "dimanche": 6,
}
NUMBERS = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
    "vingt": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
    "cent": 100,
}
# Counts that are guesses (« il y a quelques jours »): the date they give is approximate.
VAGUE = frozenset({"quelques", "plusieurs"})
NUMBERS.update({"quelques": 3, "plusieurs": 4})
# Seasons, by their middle month (a season is an approximate date).
SEASONS = {"printemps": 4, "ete": 7, "automne": 10, "hiver": 1}
# The direction a ``which`` word points to: before the reference day, after it, or this one.
RELATIVE = {
    "dernier": -1,
    "derniere": -1,
    "passe": -1,
    "passee": -1,
    "prochain": 1,
    "prochaine": 1,
    "ce": 0,
    "cet": 0,
    "cette": 0,
}
UNITS = {
    "an": "year",
    "ans": "year",
    "annee": "year",
    "annees": "year",
    "mois": "month",
    "semaine": "week",
    "semaines": "week",
    "jour": "day",
    "jours": "day",
    "decennie": "decade",
    "decennies": "decade",
}
DAY_OFFSETS = {"avant-hier": -2, "hier": -1, "aujourd'hui": 0, "demain": 1, "apres-demain": 2}
# Month and weekday names are written in lower case in French: case says nothing.
CAPITALISED = False
# Day/month order of numeric dates (« 24/04/2019 »).
NUMERIC_ORDER = "dmy"

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(WEEKDAYS)
_TENS = "vingt|trente|quarante|cinquante|soixante"
_UNITS = "un|deux|trois|quatre|cinq|six|sept|huit|neuf"
# « vingt-cinq », « trente-et-un »: tens and units joined by hyphens (``seeds.dates`` adds them up).
_NUMBER = rf"\d{{1,3}}|(?:{_TENS})-(?:et-)?(?:{_UNITS})|" + "|".join(
    sorted(NUMBERS, key=len, reverse=True)
)
_DAY = r"1er|[12]\d|3[01]|0?[1-9]"
_YEAR = r"(?:1\d|20)\d\d"
# What follows a number that is a quantity, not a year (« 2000 soldats », « 1500 euros »).
_QUANTITY = (
    r"(?!\s*(?:%|[.,]\d|euros?|dollars?|km|kilometres|metres|tonnes|personnes|habitants|soldats"
    r"|morts|victimes|exemplaires|voix|fois|hommes|femmes|enfants|militaires|cas)\b)"
)
_PART = r"(?:(?:debut|fin|courant)\s+|mi-)"
_SEASON = "|".join(SEASONS)

# Ordered: the first pattern to claim a span wins, so « jeudi 25 avril » is not also « jeudi ».
PATTERNS: tuple[tuple[str, str], ...] = (
    (
        "day_span",
        rf"\bdu\s+(?P<first>{_DAY})\s+(?P<first_month>{_MONTH})(?:\s+(?P<first_year>{_YEAR}))?"
        rf"\s+au\s+(?P<day>{_DAY})\s+(?P<month>{_MONTH})(?:\s+(?P<year>{_YEAR}))?\b(?!\d)",
    ),
    (
        "day_range",
        rf"\b(?:les|du|entre le|entre les)\s+(?P<first>{_DAY})\s+(?:et|au)\s+(?:le\s+)?"
        rf"(?P<day>{_DAY})\s+(?P<month>{_MONTH})(?:\s+(?P<year>{_YEAR}))?\b(?!\d)",
    ),
    (
        "day",
        rf"\b(?:(?P<weekday>{_WEEKDAY})\s+)?(?P<day>{_DAY})\s+(?P<month>{_MONTH})"
        rf"(?:\s+(?P<year>{_YEAR})\b(?![.,]?\d)|\s+(?P<which>dernier|prochain)\b|\b)",
    ),
    ("month", rf"\b{_PART}?(?P<month>{_MONTH})\s+(?P<year>{_YEAR})\b{_QUANTITY}"),
    (
        "relative_month",
        rf"\b(?:en\s+|{_PART})?(?P<month>{_MONTH})\s+(?P<which>dernier|prochain)\b",
    ),
    (
        "bare_month",
        rf"(?:\b(?:en|depuis|jusqu'en|d'ici)\s+|\b{_PART})(?P<month>{_MONTH})\b(?!\s+\d)",
    ),
    (
        "season",
        rf"\b(?:(?:au|a l'|en|l')\s*)?(?P<season>{_SEASON})\s+(?:de\s+|d')?(?P<year>{_YEAR})\b"
        rf"{_QUANTITY}",
    ),
    ("relative_season", rf"\b(?:l'|le\s+)?(?P<season>{_SEASON})\s+(?P<which>dernier|prochain)\b"),
    ("relative_season", rf"\b(?P<which>cet|ce)\s+(?P<season>{_SEASON})\b"),
    (
        "ago",
        rf"\b(?:il y a|(?P<since>depuis))\s+(?P<approx>(?:pres de|pratiquement|presque|environ"
        rf"|quelque|plus de|moins de|une)\s+)?(?P<number>{_NUMBER})\s+"
        r"(?P<unit>ans?|annees?|decennies?|mois|semaines?|jours?)\b",
    ),
    (
        "year_offset",
        r"\bl'(?:an|annee)\s+(?P<which>derniere|dernier|passee|passe|prochaine|prochain)\b",
    ),
    # « cette année-là » is the year the text speaks of, not the publication's.
    ("year_offset", r"\b(?P<which>cette) annee\b(?!-la)"),
    ("month_offset", r"\ble mois (?P<which>dernier|passe|prochain)\b"),
    ("month_offset", r"\b(?P<which>ce) mois(?:-ci)?\b"),
    ("week_offset", r"\bla semaine (?P<which>derniere|passee|prochaine)\b"),
    ("week_offset", r"\b(?P<which>cette) semaine\b"),
    ("weekend", r"\b(?P<which>ce) (?:week-end|weekend|week end)\b"),
    ("weekend", r"\ble (?:week-end|weekend|week end) (?P<which>dernier|passe|prochain)\b"),
    ("day_offset", r"\b(?P<offset>avant-hier|apres-demain|hier|aujourd'hui|demain)\b"),
    (
        "weekday",
        # « le dimanche » without its day is a habit, or a date whose day was lost.
        rf"(?<!\ble )\b(?:ce\s+)?(?P<weekday>{_WEEKDAY})(?:\s+(?P<which>dernier|prochain))?\b"
        r"(?!\s+\d)",
    ),
    ("decade", r"\b(?:les\s+)?annees\s+(?P<decade>(?:1\d|20)\d0)\b(?!\d)"),
    (
        "year_range",
        rf"\b(?:entre|de)\s+(?P<first>{_YEAR})\s+(?:et|a)\s+(?P<last>{_YEAR})\b{_QUANTITY}",
    ),
    (
        "year_range",
        rf"\ben\s+(?P<first>{_YEAR})\s+et\s+(?:en\s+)?(?P<last>{_YEAR})\b{_QUANTITY}",
    ),
    (
        "year",
        rf"(?:\b(?:en|depuis|des|d'ici|avant|apres|jusqu'en|annee|debut|fin|l'an)\s+|\bmi-)"
        rf"(?P<year>{_YEAR})\b{_QUANTITY}",
    ),
)
# Words that put a bare weekday or month in the coming days rather than the past ones.
FUTURE = (
    r"\b(?:prevue?s?|devrai(?:t|ent)|doi(?:t|vent)|sera|seront|aura|auront|va|vont|attendue?s?"
    r"|programmee?s?|rendra|se tiendra|debutera"
    # The simple future (« repartira », « viendront »), written in lower case: not « Samira ».
    r"|[a-z]{2,}(?:eront|iront|dront)|(?!camera|opera|cholera)[a-z]{3,}(?:era|ira)|[a-z]{4,}dra)\b"
)
# A dateline's optional agency and the dash that ends it (« PARIS, 12 juin (AFP) - »).
DATELINE_LEAD = r"(?:le\s+)?"

"""English date words and the patterns that read them (matched on folded text: no case, no accents).

The groups and kinds are those of ``seeds.lang.fr.dates``; English writes month and weekday names
with a capital, which is what tells "May 12" from "may", and "in March" from "a march".
"""

from __future__ import annotations

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    # Abbreviations, read only before a day number ("Apr. 25").
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a dozen": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a hundred": 100,
    "one hundred": 100,
}
# Counts that are guesses ("a few days ago"): the date they give is approximate.
VAGUE = frozenset({"a few", "several", "a couple of"})
NUMBERS.update({"a few": 3, "several": 4, "a couple of": 2})
# Seasons, by their middle month (a season is an approximate date).
SEASONS = {"spring": 4, "summer": 7, "autumn": 10, "fall": 10, "winter": 1}
RELATIVE = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0}
UNITS = {
    "year": "year",
    "years": "year",
    "month": "month",
    "months": "month",
    "week": "week",
    "weeks": "week",
    "day": "day",
    "days": "day",
    "decade": "decade",
    "decades": "decade",
}
DAY_OFFSETS = {
    "the day before yesterday": -2,
    "yesterday": -1,
    "today": 0,
    "tomorrow": 1,
    "the day after tomorrow": 2,
}
# "May 12" is a date, "may" is a verb: month and weekday names count only with a capital.
CAPITALISED = True
# Month/day order of numeric dates ("6/12/2018").
NUMERIC_ORDER = "mdy"

_FULL_MONTH = "|".join(
    sorted(
        (name for name in MONTHS if len(name) > 4 or name in {"may", "june", "july"}),
        key=len,
        reverse=True,
    )
)
_ANY_MONTH = rf"(?:{_FULL_MONTH})|(?:{'|'.join(sorted(MONTHS, key=len, reverse=True))})\.?"
_WEEKDAY = "|".join(WEEKDAYS)
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
# "twenty-five": tens and units joined by a hyphen (``seeds.dates`` adds them up).
_NUMBER = rf"\d{{1,3}}|(?:{_TENS})-(?:{_UNITS})|" + "|".join(sorted(NUMBERS, key=len, reverse=True))
_DAY = r"[12]\d|3[01]|0?[1-9]"
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:1\d|20)\d\d"
# Neither a time ("April 10:30"), nor a score, nor part of a longer number.
_NOT_NUMBER = r"(?![.,:]?\d)"
# What follows a number that is a quantity, not a year ("2000 soldiers", "in 1500 cases").
_QUANTITY = (
    r"(?!\s*(?:%|[.,:]\d|-\d|percent|per cent|dollars?|euros?|pounds?|km|kilometers?|kilometres?"
    r"|miles?|meters?|metres?|tons?|tonnes?|people|persons|residents|troops|soldiers|men|women"
    r"|children|cases|deaths|votes|times|units|copies|members)\b)"
)
_PART = r"(?:(?:early|late|mid|the end of|the beginning of|the start of|the middle of)[\s-]+)"
_DASH = r"\s*(?:-|–|—|to|and|through|until)\s*"
_SPAN_DASH = r"\s*(?:-|–|—|to|through|until)\s*"
_SEASON = "|".join(SEASONS)

PATTERNS: tuple[tuple[str, str], ...] = (
    (
        "day_span",
        rf"\b(?:from\s+)?(?:the\s+)?(?P<first>{_DAY}){_ORDINAL}\s+(?:of\s+)?(?P<first_month>{_ANY_MONTH})"
        rf"(?:,?\s+(?P<first_year>{_YEAR}))?{_SPAN_DASH}(?:the\s+)?(?P<day>{_DAY}){_ORDINAL}\s+"
        rf"(?:of\s+)?(?P<month>{_ANY_MONTH})\b(?:,?\s+(?P<year>{_YEAR})\b)?{_NOT_NUMBER}",
    ),
    (
        "day_span",
        rf"\b(?:from\s+)?(?P<first_month>{_ANY_MONTH})\s+(?P<first>{_DAY}){_ORDINAL}"
        rf"(?:,?\s+(?P<first_year>{_YEAR}))?{_SPAN_DASH}(?P<month>{_ANY_MONTH})\s+"
        rf"(?P<day>{_DAY}){_ORDINAL}\b(?:,?\s+(?P<year>{_YEAR})\b)?{_NOT_NUMBER}",
    ),
    (
        "day_range",
        rf"\b(?P<month>{_ANY_MONTH})\s+(?P<first>{_DAY}){_ORDINAL}{_DASH}(?P<day>{_DAY}){_ORDINAL}"
        rf"\b(?:,?\s+(?P<year>{_YEAR})\b)?{_NOT_NUMBER}",
    ),
    (
        "day_range",
        rf"\b(?:from|between)\s+(?:the\s+)?(?P<first>{_DAY}){_ORDINAL}{_DASH}(?:the\s+)?"
        rf"(?P<day>{_DAY}){_ORDINAL}\s+(?:of\s+)?(?P<month>{_ANY_MONTH})"
        rf"\b(?:,?\s+(?P<year>{_YEAR})\b)?{_NOT_NUMBER}",
    ),
    (
        "day",
        rf"\b(?:(?P<weekday>{_WEEKDAY}),?\s+)?(?P<month>{_ANY_MONTH})\s+(?P<day>{_DAY}){_ORDINAL}"
        rf"\b(?:,?\s+(?P<year>{_YEAR})\b)?{_NOT_NUMBER}",
    ),
    (
        "day",
        rf"\b(?:(?P<weekday>{_WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{_DAY}){_ORDINAL}\s+(?:of\s+)?"
        rf"(?P<month>{_ANY_MONTH})\b(?:,?\s+(?P<year>{_YEAR})\b)?{_NOT_NUMBER}",
    ),
    ("month", rf"\b{_PART}?(?P<month>{_FULL_MONTH})\s+(?:of\s+)?(?P<year>{_YEAR})\b{_QUANTITY}"),
    (
        "season",
        rf"\b(?:(?:in|during)\s+)?(?:the\s+)?(?P<season>{_SEASON})\s+(?:of\s+)?(?P<year>{_YEAR})\b"
        rf"{_QUANTITY}",
    ),
    ("relative_season", rf"(?<!the )\b(?P<which>last|next|this)\s+(?P<season>{_SEASON})\b"),
    (
        # "by the 5th": a day of the current month, or of the next one for a deadline.
        "month_day",
        rf"\b(?:(?P<deadline>by|until|till)|on|since|after)\s+the\s+(?P<day>{_DAY})(?:st|nd|rd|th)\b"
        r"(?=\s*(?:[.,;:!?)]|$|of (?:this|the) month))",
    ),
    ("relative_month", rf"\b(?P<which>last|next|this)\s+(?P<month>{_FULL_MONTH})\b(?!\s+\d)"),
    (
        "bare_month",
        rf"\b(?:(?:in|since|by|until|till|during|before|after|from)\s+{_PART}?|{_PART})"
        rf"(?P<month>{_FULL_MONTH})\b(?!\s+\d)",
    ),
    (
        "ago",
        rf"\b(?P<approx>(?:about|around|almost|nearly|roughly|some|more than|less than|over"
        rf"|under|close to)\s+)?(?<![\w-])(?P<number>{_NUMBER})\s+"
        r"(?P<unit>years?|decades?|months?|weeks?|days?)"
        r"\s+ago\b",
    ),
    ("year_offset", r"(?<!the )\b(?P<which>last|next|this)\s+year\b(?!s)"),
    ("month_offset", r"(?<!the )\b(?P<which>last|next|this)\s+month\b(?!s)"),
    ("week_offset", r"(?<!the )\b(?P<which>last|next|this)\s+week\b(?!s)"),
    ("weekend", r"\b(?P<which>last|next|this|past)\s+weekend\b"),
    ("weekend", r"\bover\s+the\s+weekend\b"),
    (
        "day_offset",
        r"\b(?P<offset>the day before yesterday|the day after tomorrow|yesterday|today|tomorrow)\b",
    ),
    (
        "weekday",
        rf"\b(?:(?P<which>last|next|this|on|early|late)\s+)?(?P<weekday>{_WEEKDAY})\b"
        rf"(?!,?\s+(?:{_ANY_MONTH})\s+\d)",
    ),
    ("decade", r"\b(?:the\s+)?(?:early\s+|late\s+|mid-)?(?P<decade>(?:1\d|20)\d0)'?s\b(?!\s+of\b)"),
    (
        "year_range",
        rf"\b(?:between|from)\s+(?P<first>{_YEAR})\s+(?:and|to|until|-|–)\s+(?P<last>{_YEAR})\b"
        rf"{_QUANTITY}",
    ),
    (
        "year",
        rf"\b(?:in|since|by|until|till|before|after|during|from|early|late|mid-|circa"
        rf"|(?:the\s+)?(?:end|beginning|start|middle|spring|summer|autumn|fall|winter)\s+of)"
        rf"\s*(?P<year>{_YEAR})\b{_QUANTITY}",
    ),
)
# Words that put a bare weekday or month in the coming days rather than the past ones.
FUTURE = (
    r"\b(?:will|won't|shall|scheduled|slated|(?:is|are|was|were) (?:due|set|expected|planned)"
    r" (?:to|for)|(?:is|are) going to|plans? to|upcoming|next)\b"
)
DATELINE_LEAD = r"(?:on\s+)?"

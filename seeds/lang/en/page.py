"""English page furniture: what a scraped page adds around an article, and the article's header.

The same tables as ``seeds.lang.fr.page``; ``DATE_LINE`` is a header line that is only a date and
a time ("June 12, 2018 at 10:30 a.m."), which English pages print without a word before it.
"""

from __future__ import annotations

BOILERPLATE = (
    r"^(?:share this (?:article|story|page)|share on (?:facebook|twitter|x)\b|share$|advertisement$"
    r"|advert$|ad$|sponsored$|copy (?:to clipboard|link)|close button|read more\b|read next\b"
    r"|related(?: articles| stories| content| topics)?$|more on this (?:story|topic)"
    r"|see also\b|sign up (?:for|to) (?:our|the)\b|subscribe\b|newsletter\b|follow us\b"
    r"|comments?$|we use cookies|this (?:site|website) uses cookies|cookies? (?:policy|settings)"
    r"|accept (?:all )?cookies|manage (?:cookies|preferences)|skip to (?:main )?content"
    r"|image caption\b|image source\b|getty images$|media caption\b|video caption\b"
    r"|listen to this article|print this (?:article|page)|email this)"
)
TRAILER = (
    r"^(?:related (?:articles|stories)$|more stories$|more from [^.!?:;,]{1,40}$"
    r"|you may also like$|recommended(?: for you)?$|most read$|top stories$)"
)
CREDIT = (
    r"^(?:all rights reserved|©|\(c\)|photo(?: credit)?\s*:|image(?: credit)?\s*:"
    r"|copyright\s*(?:©|\(c\)|\d{4}))"
)
BYLINE = r"^by\s+(?P<name>[^\W\d_][\w .'’-]{1,60})$"
PUBLISHED = (
    r"^(?:published|posted|updated|last updated)\s*(?:on\s+|:\s*)?(?!by\b)(?P<date>.{6,60})$"
)
DATE_LINE = (
    r"^(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?(?:\s+[a-z]{2,4})?)?$"
)
FUNCTION_WORDS = frozenset(
    {
        "the",
        "of",
        "and",
        "to",
        "in",
        "is",
        "was",
        "were",
        "are",
        "that",
        "with",
        "for",
        "on",
        "by",
        "it",
        "he",
        "she",
        "they",
        "we",
        "his",
        "her",
        "their",
        "this",
        "from",
        "at",
        "as",
        "be",
        "been",
        "has",
        "have",
        "had",
        "not",
        "but",
        "which",
        "who",
        "will",
        "would",
        "an",
        "a",
        "or",
        "said",
        "about",
        "after",
        "also",
        "there",
        "its",
        "into",
        "than",
        "what",
    }
)

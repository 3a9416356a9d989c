"""Article cleaning: from a scraped page to the body whose offsets citations point into.

Navigation and advertising lines are dropped before anything else; the headline, the byline, the
picture credit and the publication line (« Publié le … », "Published June 12, 2018") are kept
aside as metadata. Paragraphs are joined with a blank line, and every kept line is otherwise left
exactly as written. The words are the language's ``page`` table (``seeds.lang``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from seeds.dates import publication_date
from seeds.lang import table
from summit.text import normalize

_TERMINAL = tuple('.!?…»”":;')
# A headline that ends with its date ("World Athletics Meet Ends in Canada - 2001-08-13").
_TITLE_DATE = re.compile(r"\s[-–—|]\s+(?P<date>\S.{5,39})$")


@dataclass(frozen=True)
class _Page:
    boilerplate: re.Pattern[str]
    trailer: re.Pattern[str]
    credit: re.Pattern[str]
    byline: re.Pattern[str]
    published: re.Pattern[str]
    date_line: re.Pattern[str] | None


@cache
def _page(language: str) -> _Page:
    words = table(language, "page")
    date_line = getattr(words, "DATE_LINE", None)
    return _Page(
        boilerplate=re.compile(words.BOILERPLATE),
        trailer=re.compile(words.TRAILER),
        credit=re.compile(words.CREDIT),
        byline=re.compile(words.BYLINE, re.IGNORECASE),
        published=re.compile(words.PUBLISHED, re.IGNORECASE),
        date_line=re.compile(date_line) if date_line else None,
    )


@dataclass(frozen=True)
class CleanArticle:
    text: str
    title: str = ""
    author: str = ""
    credit: str = ""
    published_phrase: str = ""


def _is_title_candidate(line: str) -> bool:
    return 0 < len(line) <= 200 and not line.endswith(_TERMINAL) and len(line.split()) >= 3


def page_furniture(line: str, *, language: str = "fr") -> bool:
    """Whether ``line`` belongs to the page (navigation, advertising) rather than the article."""
    key = normalize(line)
    page = _page(language)
    return bool(page.boilerplate.match(key) or page.trailer.match(key))


def article_clean(raw: str, *, language: str = "fr") -> CleanArticle:
    """Split a raw article into its cleaned body and the metadata found in its header."""
    page = _page(language)
    lines = [line.strip() for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    title = author = credit = published = ""
    first = next((line for line in lines if line), "")
    if _is_title_candidate(first):
        title = first

    paragraphs: list[str] = []
    for line in lines:
        if not line:
            continue
        key = normalize(line)
        if page.trailer.match(key):
            break
        if title and line == title:
            continue
        if match := page.published.match(line):
            # The first one is the publication; a later « mis à jour » is not.
            published = published or match.group("date")
            continue
        if page.date_line and not paragraphs and page.date_line.match(key):
            # A header line that is only a date ("June 12, 2018 at 10:30 a.m.").
            published = published or line
            continue
        if page.boilerplate.match(key):
            continue
        if page.credit.match(key):
            credit = credit or line
            continue
        if (match := page.byline.match(line)) and not paragraphs:
            author = author or match.group("name").strip()
            continue
        paragraphs.append(line)
    if (
        not published
        and (match := _TITLE_DATE.search(title))
        and publication_date(match.group("date"), language=language)
    ):
        published = match.group("date")
    return CleanArticle(
        text="\n\n".join(paragraphs),
        title=title,
        author=author,
        credit=credit,
        published_phrase=published,
    )

"""Article cleaning: from a scraped page to the body whose offsets citations point into.

Navigation and advertising lines are dropped before anything else; the headline, the byline, the
picture credit and a « Publié le … » line are kept aside as metadata. Paragraphs are joined with a
blank line, and every kept line is otherwise left exactly as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summit.text import normalize

# Lines that belong to the page, not to the article (compared on the normalised line).
_BOILERPLATE = re.compile(
    r"^(?:partager cet article|publicite$|advertisement$|copier/coller le lien|copy to clipboard"
    r"|close button|lire aussi|lire la suite|voir aussi|sur le meme sujet|suivez-nous"
    r"|abonnez-vous|inscrivez-vous|newsletter|commentaires?$|cookies?\b|accepter et fermer"
    r"|publication\s*:|source\s*:\s*afp$)"
)
# Everything after one of these lines is a list of links to other articles.
_TRAILER = re.compile(
    r"^(?:a decouvrir egalement|a lire egalement|articles? similaires?|a voir aussi)"
)
_CREDIT = re.compile(r"^(?:tous droits reserves|©|\(c\)|credit photo|photo\s*:)")
_BYLINE = re.compile(r"^par\s+(?P<name>[^\W\d_][\w .'’-]{1,60})$", re.IGNORECASE)
_PUBLISHED = re.compile(
    r"^(?:publié|publie|mis en ligne|mis à jour)\s+le\s+(?P<date>.{6,60})$", re.IGNORECASE
)
_TERMINAL = tuple('.!?…»”":;')


@dataclass(frozen=True)
class CleanArticle:
    text: str
    title: str = ""
    author: str = ""
    credit: str = ""
    published_phrase: str = ""


def _is_title_candidate(line: str) -> bool:
    return 0 < len(line) <= 200 and not line.endswith(_TERMINAL) and len(line.split()) >= 3


def article_clean(raw: str) -> CleanArticle:
    """Split a raw article into its cleaned body and the metadata found in its header."""
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
        if _TRAILER.match(key):
            break
        if title and line == title:
            continue
        if match := _PUBLISHED.match(line):
            # The first one is the publication; a later « mis à jour » is not.
            published = published or match.group("date")
            continue
        if _BOILERPLATE.match(key):
            continue
        if _CREDIT.match(key):
            credit = credit or line
            continue
        if (match := _BYLINE.match(line)) and not paragraphs:
            author = author or match.group("name").strip()
            continue
        paragraphs.append(line)
    return CleanArticle(
        text="\n\n".join(paragraphs),
        title=title,
        author=author,
        credit=credit,
        published_phrase=published,
    )

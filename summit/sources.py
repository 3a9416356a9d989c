"""An article as the source page shows it: paragraphs cut into pieces, each cited piece linked to
the event or quotation it backs."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from django.db.models import Min, Q, QuerySet
from django.urls import reverse

from summit.models import Citation, Source


@dataclass
class Piece:
    text: str
    citation: Citation | None = None
    href: str = ""
    anchors: list[int] = field(default_factory=list)  # citations that start here


# The most citation anchors (``#citation-<id>``) a source page holds, the first ones in the text:
# a page's size follows its text and its distinct cited spans, never the number of citations
# (one sentence may back thousands of quotations).
SOURCE_MAX_ANCHORS = 2000


def _cited(source: Source) -> QuerySet[Citation]:
    return source.citations.filter(Q(event__published=True) | Q(quote__published=True))


def published_citations(source: Source) -> list[Citation]:
    """One citation for each distinct span of the source that backs something published (the
    first made), so that a span cited a thousand times is highlighted and linked once (one
    query)."""
    spans = _cited(source).order_by().values("start", "end").annotate(first=Min("pk"))
    return list(
        Citation.objects.filter(pk__in=spans.values("first"))
        .select_related("event", "quote__speaker")
        .order_by("start", "-end")
    )


def citation_anchors(source: Source) -> dict[int, list[int]]:
    """The citations to anchor in the page, by the position where each starts: every published
    one, up to SOURCE_MAX_ANCHORS (one query)."""
    anchors: dict[int, list[int]] = {}
    rows = _cited(source).order_by("start", "pk").values_list("pk", "start")
    for pk, start in rows[:SOURCE_MAX_ANCHORS]:
        anchors.setdefault(start, []).append(pk)
    return anchors


def citation_href(citation: Citation) -> str:
    if citation.event_id is not None:
        return reverse("event_detail", kwargs={"slug": citation.event.slug})
    return f"{reverse('quote_list')}#quote-{citation.quote_id}"


def source_paragraphs(
    source: Source, citations: list[Citation], anchors: dict[int, list[int]]
) -> list[list[Piece]]:
    """The text cut at every citation boundary and every paragraph break. A piece covered by
    several citations (a quotation inside an event's evidence) links to the narrowest."""
    text = source.text
    cuts = {0, len(text)}
    for citation in citations:
        cuts.update((citation.start, citation.end))
    position = text.find("\n\n")
    while position != -1:
        cuts.update((position, position + 2))
        position = text.find("\n\n", position + 2)
    bounds = sorted(cut for cut in cuts if 0 <= cut <= len(text))
    starts = anchors

    paragraphs: list[list[Piece]] = [[]]
    for start, end in itertools.pairwise(bounds):
        chunk = text[start:end]
        if chunk == "\n\n":
            paragraphs.append([])
            continue
        covering = [c for c in citations if c.start <= start and end <= c.end]
        narrowest = min(covering, key=lambda c: c.end - c.start, default=None)
        paragraphs[-1].append(
            Piece(
                text=chunk,
                citation=narrowest,
                href=citation_href(narrowest) if narrowest else "",
                anchors=starts.get(start, []),
            )
        )
    return [paragraph for paragraph in paragraphs if paragraph]

"""An article as the source page shows it: paragraphs cut into pieces, each cited piece linked to
the event or quotation it backs."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse

from summit.models import Citation, Source


@dataclass
class Piece:
    text: str
    citation: Citation | None = None
    href: str = ""
    anchors: list[int] = field(default_factory=list)  # citations that start here


def published_citations(source: Source) -> list[Citation]:
    """The source's citations that back something published (one query)."""
    return list(
        source.citations.filter(Q(event__published=True) | Q(quote__published=True))
        .select_related("event", "quote__speaker")
        .order_by("start", "-end")
    )


def citation_href(citation: Citation) -> str:
    if citation.event_id is not None:
        return reverse("event_detail", kwargs={"slug": citation.event.slug})
    return f"{reverse('quote_list')}#quote-{citation.quote_id}"


def source_paragraphs(source: Source, citations: list[Citation]) -> list[list[Piece]]:
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
    starts: dict[int, list[int]] = {}
    for citation in citations:
        starts.setdefault(citation.start, []).append(citation.pk)

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

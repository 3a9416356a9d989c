"""A reference sheet's lines with the public sources each rests on, as its source page lists them,
so that a student can check the sheet the timeline's « Repères » come from."""

from __future__ import annotations

from dataclasses import dataclass, field

from summit.models import Citation, Event, PublicSource, Source


@dataclass
class ReferenceLine:
    start: int
    end: int
    event: Event | None = None  # the published event the line backs, if any
    sources: list[PublicSource] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"repere-{self.event.slug}" if self.event else f"repere-{self.start}"


def reference_lines(source: Source, citations: list[Citation]) -> list[ReferenceLine]:
    """The sheet's lines that have public sources, in the sheet's order, each with the event
    its text is cited for (one query; ``citations`` are the sheet's published ones, with their
    events)."""
    lines: dict[tuple[int, int], ReferenceLine] = {}
    for public in source.public_sources.all():
        line = lines.setdefault((public.start, public.end), ReferenceLine(public.start, public.end))
        line.sources.append(public)
    for line in lines.values():
        line.event = next(
            (
                citation.event
                for citation in citations
                if citation.event_id is not None and line.start <= citation.start < line.end
            ),
            None,
        )
    return sorted(lines.values(), key=lambda line: line.start)

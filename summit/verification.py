"""Dates known more precisely from a verified reference than from the article.

An article may date an event vaguely (« il y a près de vingt ans »: « vers 2000 ») while a
reference sheet the event also cites (a ``Source`` with ``is_reference``) gives its days. The
event's date then holds those days (the admin's help says so: « ou le jour connu ») and its
precision what the article says. The rule: when the cited line of a reference sheet itself names
the event's day(s), month and year, the card shows that date, marked as verified, and says that
the article was vaguer. Anything short of that (the sheet names another day, or no day) leaves
the article's date as it is: a verified date must be one the sheet states."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from summit.dates import format_period
from summit.models import Citation, Event, Precision

# Month names as reference sheets write them, by the sheet's language.
MONTH_NAMES = {
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "en": (
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ),
}
_DAY = re.compile(r"(?<![\d\w])(\d{1,2})(?:er|st|nd|rd|th)?(?![\d\w])")


@dataclass(frozen=True)
class VerifiedDate:
    start: datetime.date
    end: datetime.date | None

    @property
    def period(self) -> str:
        return format_period(self.start, self.end, Precision.DAY)

    @property
    def iso(self) -> str:
        return self.start.isoformat()


def states_date(text: str, language: str, start: datetime.date, end: datetime.date | None) -> bool:
    """Whether ``text`` names the day(s), the month(s) and the year(s) of ``start``–``end``."""
    months = MONTH_NAMES.get(language.split("-")[0].lower())
    if months is None:
        return False
    lowered = text.lower()
    days = {int(match.group(1)) for match in _DAY.finditer(lowered)}
    for value in (start, end or start):
        if value.day not in days or str(value.year) not in lowered:
            return False
        if months[value.month - 1] not in lowered:
            return False
    return True


def verified_date(event: Event) -> VerifiedDate | None:
    """The event's date at the day, when a reference sheet it cites states it and the event's own
    precision is coarser. Reads ``citation_list`` (summit.timeline.attach_details)."""
    if event.precision == Precision.DAY:
        return None
    for citation in getattr(event, "citation_list", []):
        source = citation.source
        if source.is_reference and states_date(
            citation.excerpt, source.language, event.date, event.end_date
        ):
            return VerifiedDate(event.date, event.end_date)
    return None


def load_verified_dates(events: Sequence[Any]) -> None:
    """Sets ``verified`` on events read as plain values (``pk``, ``date``, ``end_date``,
    ``precision``), with one query for the reference citations of those dated vaguely."""
    vague = {event.pk: event for event in events if event.precision != Precision.DAY}
    for event in events:
        event.citation_list = []
    citations = (
        Citation.objects.filter(event_id__in=vague, source__is_reference=True)
        .select_related("source")
        .only(
            "start", "end", "event_id", "source__text", "source__language", "source__is_reference"
        )
        if vague
        else []
    )
    for citation in citations:
        vague[citation.event_id].citation_list.append(citation)
    attach_verified_dates(events)


def attach_verified_dates(events: Sequence[Event]) -> None:
    """Sets ``verified`` on each event (None where the article's date stands), no query."""
    for event in events:
        event.verified = verified_date(event)


def shown_precision(event: Event) -> str:
    """The precision the timeline groups and dates an event by: the day when it is verified."""
    return Precision.DAY if getattr(event, "verified", None) else event.precision

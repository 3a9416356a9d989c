"""A date that a reference sheet states more precisely than the article is shown, verified, over
the article's vaguer one."""

from __future__ import annotations

import datetime

import pytest

from summit.timeline import attach_details, group_by_year_and_month
from summit.verification import states_date, verified_date
from tests.factories import EventCitationFactory, EventFactory, SourceFactory

pytestmark = pytest.mark.django_db

SHEET_LINE = "Les 19 et 20 juillet 2000, Vladimir Poutine se rend à Pyongyang."


def event_cited_by(text: str, *, reference: bool, language: str = "fr", **fields):
    event = EventFactory(
        date=fields.pop("date", datetime.date(2000, 7, 19)),
        end_date=fields.pop("end_date", datetime.date(2000, 7, 20)),
        precision=fields.pop("precision", "approximate"),
        **fields,
    )
    source = SourceFactory(text=text, is_reference=reference, language=language)
    EventCitationFactory(event=event, source=source, start=0, end=len(text))
    attach_details([event])
    return event


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        (SHEET_LINE, datetime.date(2000, 7, 19), datetime.date(2000, 7, 20), True),
        ("Le 4 août 2001, au Kremlin.", datetime.date(2001, 8, 4), None, True),
        ("Le 1er juin 2018, à Washington.", datetime.date(2018, 6, 1), None, True),
        ("Du 9 au 25 février 2018, à Pyeongchang.", datetime.date(2018, 2, 9), None, True),
        # Another day, another month, another year, or no day at all: not a confirmation.
        (SHEET_LINE, datetime.date(2000, 7, 18), None, False),
        (SHEET_LINE, datetime.date(2000, 6, 19), None, False),
        (SHEET_LINE, datetime.date(2001, 7, 19), None, False),
        ("En juillet 2000, Vladimir Poutine…", datetime.date(2000, 7, 1), None, False),
        ("Les 119 et 120 juillet 2000", datetime.date(2000, 7, 19), None, False),
    ],
)
def test_a_line_states_a_date_only_with_its_day_month_and_year(text, start, end, expected):
    assert states_date(text, "fr", start, end) is expected


def test_an_english_sheet_is_read_with_english_months():
    assert states_date("On 19–20 July 2000, Putin", "en", datetime.date(2000, 7, 19), None)
    assert not states_date("On 19 July 2000", "de", datetime.date(2000, 7, 19), None)


def test_a_vague_article_date_gives_way_to_the_sheet_s_days():
    event = event_cited_by(SHEET_LINE, reference=True)
    assert event.verified.period == "du 19 au 20 juillet 2000"
    assert event.verified.iso == "2000-07-19"
    (year,) = group_by_year_and_month([event])
    assert year.months[0].label == "juillet 2000"


def test_no_verified_date_from_an_article_a_precise_event_or_a_sheet_that_says_otherwise():
    assert event_cited_by(SHEET_LINE, reference=False).verified is None
    assert event_cited_by(SHEET_LINE, reference=True, precision="day").verified is None
    other = event_cited_by(SHEET_LINE, reference=True, date=datetime.date(2000, 7, 1))
    assert other.verified is None
    assert verified_date(EventFactory(precision="year")) is None  # no citations loaded


def test_the_card_says_the_article_was_vaguer(client, seeded):
    html = client.get("/events/poutine-rencontre-kim-jong-il/").content.decode()
    assert '<time datetime="2000-07-19">du 19 au 20 juillet 2000</time>' in html
    assert "date vérifiée" in html
    assert "D’après les Repères ; l’article dit seulement « vers 2000 »." in html
    # An event the article dates to the day keeps its date, with no note.
    html = client.get("/events/premier-sommet-kim-poutine/").content.decode()
    assert "date vérifiée" not in html

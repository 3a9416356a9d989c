from __future__ import annotations

import datetime

import pytest

from seeds.dates import date_mentions

WEDNESDAY = datetime.date(2019, 4, 24)
THURSDAY = datetime.date(2019, 4, 25)


def dates(text: str, published_on: datetime.date = WEDNESDAY) -> list[tuple[str, str, str]]:
    return [
        (text[m.start : m.end], m.date.isoformat(), m.precision)
        for m in date_mentions(text, published_on)
    ]


@pytest.mark.parametrize(
    ("text", "published_on", "expected"),
    [
        ("Il est arrivé mercredi à Vladivostok.", WEDNESDAY, ("mercredi", "2019-04-24", "day")),
        ("Sa rencontre prévue jeudi.", WEDNESDAY, ("jeudi", "2019-04-25", "day")),
        ("Ils se sont vus lundi.", WEDNESDAY, ("lundi", "2019-04-22", "day")),
        ("Ce jeudi, ils se sont rencontrés.", THURSDAY, ("Ce jeudi", "2019-04-25", "day")),
        ("ce jeudi 25 avril 2019 au port", THURSDAY, ("jeudi 25 avril 2019", "2019-04-25", "day")),
        ("théâtre en février dernier", WEDNESDAY, ("en février dernier", "2019-02-01", "month")),
        ("en avril dernier", WEDNESDAY, ("en avril dernier", "2018-04-01", "month")),
        ("lancée l'an dernier", WEDNESDAY, ("l'an dernier", "2018-01-01", "year")),
        ("l’année dernière", WEDNESDAY, ("l’année dernière", "2018-01-01", "year")),
        ("a été en 2018 le théâtre", WEDNESDAY, ("en 2018", "2018-01-01", "year")),
        (
            "il y a près de vingt ans",
            THURSDAY,
            ("il y a près de vingt ans", "1999-01-01", "approximate"),
        ),
        ("il y a dix ans", THURSDAY, ("il y a dix ans", "2009-01-01", "year")),
        ("en juillet 2000", THURSDAY, ("juillet 2000", "2000-07-01", "month")),
        ("les 27 et 28 février 2019", THURSDAY, ("les 27 et 28 février 2019", "2019-02-27", "day")),
        ("hier soir", THURSDAY, ("hier", "2019-04-24", "day")),
    ],
)
def test_date_phrases_resolve_against_the_publication_day(text, published_on, expected):
    assert dates(text, published_on) == [expected]


def test_a_day_without_year_is_the_nearest_one():
    published = datetime.date(2018, 3, 14)
    assert dates("réuni lundi 12 mars", published) == [("lundi 12 mars", "2018-03-12", "day")]
    january = datetime.date(2019, 1, 10)
    assert dates("le 20 décembre", january) == [("20 décembre", "2018-12-20", "day")]


def test_numbers_that_are_not_years_are_not_dates():
    assert dates("Plus de 2000 soldats et 2019 euros, à 20 km.") == []
    assert dates("Le marché de la mode") == []


def test_dates_inside_skipped_spans_are_ignored():
    text = "« Je viendrai demain », a-t-il dit mercredi."
    found = date_mentions(text, WEDNESDAY, skip=[(0, 21)])
    assert [(text[m.start : m.end]) for m in found] == ["mercredi"]

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from summit.dates import format_date, format_period, format_short_date
from summit.models import Precision


@pytest.fixture(autouse=True)
def _french():
    with translation.override("fr"):
        yield


def test_a_day_shows_its_weekday():
    assert format_date(datetime.date(2019, 4, 25), Precision.DAY) == "jeudi 25 avril 2019"


def test_a_month_precision_date_hides_the_day():
    assert format_date(datetime.date(2019, 2, 1), Precision.MONTH) == "février 2019"


def test_year_and_approximate_precisions():
    assert format_date(datetime.date(2018, 1, 1), Precision.YEAR) == "2018"
    assert format_date(datetime.date(2000, 7, 19), Precision.APPROXIMATE) == "vers 2000"


def test_short_date_drops_the_weekday_only():
    assert format_short_date(datetime.date(2019, 4, 25)) == "25 avril 2019"
    assert format_short_date(datetime.date(2019, 2, 1), Precision.MONTH) == "février 2019"


def test_period_within_a_month():
    start, end = datetime.date(2019, 2, 27), datetime.date(2019, 2, 28)
    assert format_period(start, end) == "du 27 au 28 février 2019"


def test_period_across_months_and_without_end():
    assert format_period(datetime.date(2019, 1, 30), datetime.date(2019, 2, 2)) == (
        "du 30 janvier au 2 février 2019"
    )
    assert format_period(datetime.date(2019, 4, 24), None) == "mercredi 24 avril 2019"


def test_the_first_day_of_a_month_is_an_ordinal() -> None:
    assert format_short_date(datetime.date(2019, 5, 1)) == "1er mai 2019"
    assert format_period(datetime.date(2019, 3, 1), datetime.date(2019, 3, 2)) == (
        "du 1er au 2 mars 2019"
    )


def test_dates_follow_the_active_language_each_time():
    day, start = datetime.date(2019, 4, 1), datetime.date(2019, 2, 27)
    assert format_date(day) == "lundi 1er avril 2019"
    with translation.override("en"):
        assert format_date(day) == "Monday 1 April 2019"
        assert format_period(start, datetime.date(2019, 2, 28)) == "27–28 February 2019"
    assert format_date(day) == "lundi 1er avril 2019"
    assert format_period(start, datetime.date(2019, 3, 2)) == "du 27 février au 2 mars 2019"

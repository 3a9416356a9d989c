from __future__ import annotations

import datetime
import sys
import types

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import seeds.dates
import seeds.lang
from seeds.dates import date_mentions, dateline, publication_date
from seeds.mentions import fold
from summit.models import Precision
from summit.text import sentence_spans

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


# French, beyond the seed articles ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("le 1er mars dernier", ("1er mars dernier", "2019-03-01", "day")),
        ("il y a 261 jours", ("il y a 261 jours", "2018-08-06", "day")),
        ("il y a deux semaines", ("il y a deux semaines", "2019-04-10", "approximate")),
        ("il y a quelques jours", ("il y a quelques jours", "2019-04-21", "approximate")),
        ("il y a vingt-cinq ans", ("il y a vingt-cinq ans", "1994-01-01", "year")),
        ("il y a deux décennies", ("il y a deux décennies", "1999-01-01", "approximate")),
        ("début mai", ("début mai", "2018-05-01", "month")),
        ("mi-mars 2019", ("mi-mars 2019", "2019-03-01", "month")),
        ("dans les années 1990", ("les années 1990", "1990-01-01", "approximate")),
        ("le mois prochain", ("le mois prochain", "2019-05-01", "month")),
        ("plus tôt ce mois-ci", ("ce mois-ci", "2019-04-01", "month")),
        ("l'été dernier", ("l'été dernier", "2018-07-01", "approximate")),
        ("au printemps 2018", ("au printemps 2018", "2018-04-01", "approximate")),
        ("fermée depuis deux ans", ("depuis deux ans", "2017-01-01", "approximate")),
        ("Le sommet aura lieu en juin.", ("en juin", "2019-06-01", "month")),
        ("Il est venu en juin.", ("en juin", "2018-06-01", "month")),
        ("Il viendra jeudi.", ("jeudi", "2019-04-25", "day")),
        ("Selon Samira, il est venu jeudi.", ("jeudi", "2019-04-18", "day")),
        ("Une caméra l'a filmé jeudi.", ("jeudi", "2019-04-18", "day")),
    ],
)
def test_more_french_phrases(text, expected):
    assert dates(text, WEDNESDAY) == [expected]


def test_french_ranges_give_their_first_and_last_days():
    text = "du 9 au 25 février, du 28 février au 3 mars 2019, en 2001 et 2002, de 1990 à 1995"
    found = [
        (text[m.start : m.end], m.date.isoformat(), m.end_date.isoformat())
        for m in date_mentions(text, WEDNESDAY)
    ]
    assert found == [
        ("du 9 au 25 février", "2019-02-09", "2019-02-25"),
        ("du 28 février au 3 mars 2019", "2019-02-28", "2019-03-03"),
        ("en 2001 et 2002", "2001-01-01", "2002-12-31"),
        ("de 1990 à 1995", "1990-01-01", "1995-12-31"),
    ]


def test_last_week_is_that_week_stated_as_approximate():
    (mention,) = date_mentions("la semaine dernière", WEDNESDAY)
    assert (mention.date, mention.precision) == (datetime.date(2019, 4, 15), "approximate")
    assert mention.end_date == datetime.date(2019, 4, 21)


def test_words_that_only_look_like_dates_are_not_dates():
    assert dates("Elle a eu lieu le dimanche au stade, à 18h.") == []
    assert dates("Il y pensait cette année-là.") == []
    assert dates("L'article 5 et la résolution 2397, le F-35 à 10:30, score 2–1.") == []


# English -------------------------------------------------------------------------------------


def english(text: str, published_on: datetime.date = WEDNESDAY) -> list[tuple[str, str, str]]:
    return [
        (text[m.start : m.end], m.date.isoformat(), m.precision)
        for m in date_mentions(text, published_on, language="en")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They met on April 25, 2019.", ("April 25, 2019", "2019-04-25", "day")),
        ("They met on 25 April 2019.", ("25 April 2019", "2019-04-25", "day")),
        ("They met on Apr. 22.", ("Apr. 22", "2019-04-22", "day")),
        ("the 20th of December", ("the 20th of December", "2018-12-20", "day")),
        ("He arrived on Monday.", ("on Monday", "2019-04-22", "day")),
        ("He will arrive on Friday.", ("on Friday", "2019-04-26", "day")),
        ("Will he arrive on Friday?", ("on Friday", "2019-04-26", "day")),
        ("The vote is due to take place on Friday.", ("on Friday", "2019-04-26", "day")),
        ("The summit is scheduled for Friday.", ("Friday", "2019-04-26", "day")),
        ("It opened last Wednesday.", ("last Wednesday", "2019-04-17", "day")),
        ("It closed last year.", ("last year", "2018-01-01", "year")),
        ("It opens next month.", ("next month", "2019-05-01", "month")),
        ("It was founded in June.", ("in June", "2018-06-01", "month")),
        ("It will be founded in June.", ("in June", "2019-06-01", "month")),
        ("He came back 261 days ago.", ("261 days ago", "2018-08-06", "day")),
        ("He came back two weeks ago.", ("two weeks ago", "2019-04-10", "approximate")),
        ("He came back nearly 20 years ago.", ("nearly 20 years ago", "1999-01-01", "approximate")),
        ("He came back yesterday.", ("yesterday", "2019-04-23", "day")),
        ("It began twenty-five years ago.", ("twenty-five years ago", "1994-01-01", "year")),
        ("It began two decades ago.", ("two decades ago", "1999-01-01", "approximate")),
        ("Earlier this month, it rained.", ("this month", "2019-04-01", "month")),
        ("It rained in 2017.", ("in 2017", "2017-01-01", "year")),
        ("It rained in the 1990s.", ("the 1990s", "1990-01-01", "approximate")),
        ("They met in May 2018.", ("May 2018", "2018-05-01", "month")),
        ("This summer, they met.", ("This summer", "2019-07-01", "approximate")),
        ("It should be done by the 5th.", ("by the 5th", "2019-05-05", "day")),
    ],
)
def test_english_phrases_resolve_against_the_publication_day(text, expected):
    assert english(text) == [expected]


def test_english_ranges_give_their_first_and_last_days():
    text = (
        "Talks on April 24–25, from 9 to 25 February, from 10 June to 12 July 1998 "
        "and between 2001 and 2003."
    )
    found = [
        (text[m.start : m.end], m.date.isoformat(), m.end_date.isoformat())
        for m in date_mentions(text, WEDNESDAY, language="en")
    ]
    assert found == [
        ("April 24–25", "2019-04-24", "2019-04-25"),
        ("from 9 to 25 February", "2019-02-09", "2019-02-25"),
        ("from 10 June to 12 July 1998", "1998-06-10", "1998-07-12"),
        ("between 2001 and 2003", "2001-01-01", "2003-12-31"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "You may go now; they may not.",
        "A march through the city; they march on.",
        "The storm killed 2,019 people.",
        # A year naming a thing is not the date of a happening.
        "The 2019 budget was cut.",
        "Article 5 of the treaty and Resolution 2397 apply.",
        "COVID-19 spread; the F-35 flew at 10:30.",
        "They won 2–1 over 2019 km, see page 12 [12].",
        "In 2000 cases the court ruled.",
        "Over the last year and the past week, things changed.",
        "He said it on Wednesdays.",
        "1000s of people marched.",
        "It was 999 decades ago.",
    ],
)
def test_english_words_that_only_look_like_dates_are_not_dates(text):
    assert english(text) == []


def test_a_day_without_year_belongs_to_the_year_the_text_speaks_of():
    text = "The group met in 2004. It planned a conference on 11 December, at Harvard."
    assert english(text, datetime.date(2014, 11, 6))[-1] == (
        "11 December",
        "2004-12-11",
        "day",
    )
    french = "À 22h03, le mardi 26 octobre 2004, un billet. Une réunion le 11 décembre."
    assert dates(french, datetime.date(2014, 11, 6))[-1] == ("11 décembre", "2004-12-11", "day")
    # A count is no year: the nearest 11 December stays.
    counted = "Some 2000 people came. A conference on 11 December."
    assert english(counted, datetime.date(2014, 12, 20))[-1][1] == "2014-12-11"


def test_an_infobox_day_takes_the_year_of_its_heading():
    text = "1998 FIFA World Cup\nHost country France\nDates 10 June – 12 July\nTeams 32"
    (mention,) = date_mentions(text, datetime.date(2026, 11, 29), language="en")
    assert (mention.date, mention.end_date) == (
        datetime.date(1998, 6, 10),
        datetime.date(1998, 7, 12),
    )


# The text folded once, sentence by sentence ----------------------------------------------


def test_per_sentence_calls_with_the_folded_text_find_the_same_dates():
    text = (
        "Kim est arrivé mercredi. Il repartira jeudi, a-t-on appris. « Demain », dit-il.\n\n"
        "En février dernier, il était à Hanoï; l'an dernier aussi."
    )
    folded = fold(text)
    per_sentence = [
        mention
        for start, end in sentence_spans(text)
        for mention in date_mentions(text, WEDNESDAY, start=start, end=end, folded=folded)
    ]
    assert per_sentence == date_mentions(text, WEDNESDAY)
    # The future of one sentence does not leak into the next.
    assert [m.date.isoformat() for m in per_sentence][:2] == ["2019-04-24", "2019-04-25"]


def test_overlapping_skipped_spans_hide_every_date_inside_them():
    text = "Lundi, « mardi et mercredi », puis jeudi."
    found = date_mentions(text, WEDNESDAY, skip=[(7, 20), (14, 29), (29, 29)])
    assert [text[m.start : m.end] for m in found] == ["Lundi", "jeudi"]


def test_a_folded_text_of_another_length_is_refused():
    with pytest.raises(ValueError, match="fold"):
        date_mentions("mercredi", WEDNESDAY, folded="mercredi et jeudi")


# Datelines and publication lines -----------------------------------------------------------

JUNE = datetime.date(2019, 6, 14)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("WASHINGTON, June 12 — The president said.", "en", ("June 12", "2019-06-12")),
        ("PARIS, June 3, 2019 (Wikinews) — The talks.", "en", ("June 3, 2019", "2019-06-03")),
        (
            "Thursday, June 3, 2021\n\nThe meeting began.",
            "en",
            ("Thursday, June 3, 2021", "2021-06-03"),
        ),
        ("PARIS, 12 juin (AFP) - Le président a dit.", "fr", ("12 juin", "2019-06-12")),
        ("Le 12 juin 2018\n\nDonald Trump a rencontré Kim.", "fr", ("12 juin 2018", "2018-06-12")),
        ("Lundi 3 juin 2019\nLe texte.", "fr", ("Lundi 3 juin 2019", "2019-06-03")),
        (
            "Une interview.\n\nPékin, Mardi 3 novembre 2015\n\nBonjour.",
            "fr",
            ("Mardi 3 novembre 2015", "2015-11-03"),
        ),
        (
            "WASHINGTON (Reuters) - The president said.",
            "en",
            ("WASHINGTON (Reuters)", "2019-06-14"),
        ),
    ],
)
def test_datelines(text, language, expected):
    mention = dateline(text, language=language, published_on=JUNE)
    assert (text[mention.start : mention.end], mention.date.isoformat()) == expected
    assert mention.precision == "day"


def test_a_dateline_dates_an_article_only_with_its_year():
    assert dateline("Le 12 juin 2018\n\nTexte.", language="fr", published_on=None).date == (
        datetime.date(2018, 6, 12)
    )
    assert dateline("PARIS, 12 juin (AFP) - Texte.", language="fr", published_on=None) is None
    assert dateline("WASHINGTON (Reuters) - Text.", language="en", published_on=None) is None


@pytest.mark.parametrize(
    "text",
    [
        "Le 12 juin 2018, Donald Trump a rencontré Kim.",
        "The president met Kim on June 12, 2018 — a first.",
        "Le président a dit mercredi - hier encore.",
        "Mercredi.\n\nLe texte.",
        "",
    ],
)
def test_sentences_are_not_datelines(text):
    assert dateline(text, language="fr", published_on=JUNE) is None
    assert dateline(text, language="en", published_on=JUNE) is None


def test_an_article_dated_only_by_its_dateline_resolves_its_relative_dates_from_it():
    text = "PARIS, June 3, 2019 (Wikinews) — The talks ended on Wednesday."
    line = dateline(text, language="en", published_on=None)
    found = date_mentions(text, line.date, language="en", start=line.end)
    assert [(text[m.start : m.end], m.date.isoformat()) for m in found] == [
        ("on Wednesday", "2019-05-29")
    ]


@pytest.mark.parametrize(
    ("phrase", "language", "expected"),
    [
        ("3 mai 2021 à 10h", "fr", "2021-05-03"),
        ("mercredi 24 avril 2019", "fr", "2019-04-24"),
        ("24/04/2019 à 10:30", "fr", "2019-04-24"),
        ("June 12, 2018 at 10:30 a.m.", "en", "2018-06-12"),
        ("6/12/2018", "en", "2018-06-12"),
        ("2018-06-12T10:00:00Z", "en", "2018-06-12"),
    ],
)
def test_publication_dates(phrase, language, expected):
    assert publication_date(phrase, language=language).isoformat() == expected


@pytest.mark.parametrize(
    ("phrase", "language"),
    [("hier", "fr"), ("2 hours ago", "en"), ("juin 2019", "fr"), ("31/02/2019", "fr"), ("", "en")],
)
def test_publication_lines_without_a_whole_day(phrase, language):
    assert publication_date(phrase, language=language) is None


# Any English text --------------------------------------------------------------------------

ENGLISH_PIECES = st.sampled_from(
    [
        " ",
        "\n",
        ". ",
        ",",
        "—",
        "–",
        "-",
        "on",
        "in",
        "the",
        "will",
        "is due to",
        "last",
        "next",
        "this",
        "ago",
        "from",
        "to",
        "between",
        "and",
        "by the",
        "Wednesday",
        "Sunday",
        "May",
        "may",
        "March",
        "June",
        "Apr.",
        "December",
        "summer",
        "year",
        "month",
        "week",
        "days",
        "weeks",
        "decades",
        "twenty-five",
        "years",
        "several",
        "two",
        "yesterday",
        "tomorrow",
        "1st",
        "5th",
        "25",
        "29",
        "31",
        "0",
        "999",
        "1000",
        "1990s",
        "2019",
        "2099",
        "2,019",
        "10:30",
        "[12]",
        "COVID-19",
    ]
)
ENGLISH_TEXT = st.one_of(
    st.text(),
    st.lists(st.tuples(ENGLISH_PIECES, st.sampled_from(["", " ", " "]))).map(
        lambda parts: "".join(piece + separator for piece, separator in parts)
    ),
)


def _a_year_after(day: datetime.date) -> datetime.date:
    """Some 13 months after the month of ``day``, or the last day there is."""
    try:
        return day.replace(day=1) + datetime.timedelta(days=400)
    except OverflowError:
        return datetime.date.max


@settings(max_examples=300, deadline=None)
@given(text=ENGLISH_TEXT, published_on=st.dates(datetime.date(1950, 1, 1)))
@example(text="by the 31st.", published_on=datetime.date(2019, 2, 10))
@example(text="yesterday", published_on=datetime.date.min)
@example(text="next summer", published_on=datetime.date.max)
@example(text="on 3 March", published_on=datetime.date(9999, 1, 1))
def test_any_english_text_gives_sane_dates(text, published_on):
    found = date_mentions(text, published_on, language="en")
    assert found == date_mentions(text, published_on, language="en")
    for mention in found:
        assert 0 <= mention.start < mention.end <= len(text)
        assert mention.precision in Precision.values
        # From "999 years ago" to "next year" or a day of the 2090s.
        assert datetime.date(min(1000, published_on.year - 999), 1, 1) <= mention.date
        assert mention.date <= max(datetime.date(2099, 12, 31), _a_year_after(published_on))
        if mention.end_date is not None:
            assert mention.date < mention.end_date
    for reference in (published_on, None):
        line = dateline(text, language="en", published_on=reference)
        assert line is None or 0 <= line.start < line.end <= len(text)
    assert publication_date(text[:80], language="en") is None or text[:80].strip()


# A third language is a table ---------------------------------------------------------------


@pytest.fixture
def spanish(monkeypatch):
    """A small Spanish ``dates`` table, installed the way a package under ``seeds.lang`` is."""
    words = types.ModuleType("seeds.lang.es.dates")
    words.MONTHS = {"junio": 6, "julio": 7}
    words.WEEKDAYS = {"lunes": 0, "martes": 1, "miercoles": 2}
    words.NUMBERS = {"dos": 2}
    words.VAGUE = frozenset()
    words.SEASONS = {"verano": 7}
    words.RELATIVE = {"pasado": -1, "proximo": 1}
    words.UNITS = {"anos": "year", "dias": "day"}
    words.DAY_OFFSETS = {"ayer": -1, "hoy": 0}
    words.CAPITALISED = False
    words.NUMERIC_ORDER = "dmy"
    words.DATELINE_LEAD = r"(?:el\s+)?"
    words.FUTURE = r"\b(?:sera|viajara)\b"
    words.PATTERNS = (
        ("day", r"\b(?P<day>\d{1,2}) de (?P<month>junio|julio)(?: de (?P<year>\d{4}))?\b"),
        ("ago", r"\bhace (?P<number>\d{1,3}|dos) (?P<unit>anos|dias)\b"),
        ("day_offset", r"\b(?P<offset>ayer|hoy)\b"),
        ("weekday", r"\bel (?P<weekday>lunes|martes|miercoles)(?: (?P<which>pasado|proximo))?\b"),
    )
    package = types.ModuleType("seeds.lang.es")
    monkeypatch.setitem(sys.modules, "seeds.lang.es", package)
    monkeypatch.setitem(sys.modules, "seeds.lang.es.dates", words)
    monkeypatch.setattr(seeds.lang, "LANGUAGES", (*seeds.lang.LANGUAGES, "es"))
    yield "es"
    seeds.dates._grammar.cache_clear()


def test_a_third_language_needs_only_its_table(spanish):
    text = "El 12 de junio de 2018, hace dos años; ayer y el lunes pasado. Viajará el martes."
    found = [
        (text[m.start : m.end], m.date.isoformat())
        for m in date_mentions(text, WEDNESDAY, language=spanish)
    ]
    assert found == [
        ("12 de junio de 2018", "2018-06-12"),
        ("hace dos años", "2017-01-01"),
        ("ayer", "2019-04-23"),
        ("el lunes pasado", "2019-04-22"),
        ("el martes", "2019-04-30"),
    ]
    line = dateline("El 12 de junio de 2018\n\nTexto.", language=spanish, published_on=None)
    assert line.date == datetime.date(2018, 6, 12)
    assert publication_date("12/06/2018", language=spanish) == datetime.date(2018, 6, 12)


def test_a_bare_weekday_names_a_day_only_in_news():
    text = "La finale a eu lieu dimanche. Hier, il pleuvait. En juillet 1998, la France gagne."
    published = datetime.date(2024, 5, 8)
    news = date_mentions(text, published, language="fr")
    assert [mention.date for mention in news][:2] == [
        datetime.date(2024, 5, 5),
        datetime.date(2024, 5, 7),
    ]
    page = date_mentions(text, published, language="fr", news=False)
    assert [(mention.date, mention.precision) for mention in page] == [
        (datetime.date(1998, 7, 1), "month")
    ]


@pytest.mark.parametrize(
    ("text", "language", "published_on", "expected"),
    [
        # Said on a Monday: the weekend just past, Saturday to Sunday.
        (
            "Le salon a reçu 200 000 visiteurs ce week-end.",
            "fr",
            "2024-02-05",
            ("2024-02-03", "2024-02-04"),
        ),
        # Said on a Friday: the coming one.
        ("Le salon ouvrira ce week-end.", "fr", "2024-02-09", ("2024-02-10", "2024-02-11")),
        ("Le salon a fermé le week-end dernier.", "fr", "2024-02-09", ("2024-02-03", "2024-02-04")),
        ("Riots broke out last weekend.", "en", "2024-02-08", ("2024-02-03", "2024-02-04")),
        ("Riots broke out over the weekend.", "en", "2024-02-05", ("2024-02-03", "2024-02-04")),
    ],
)
def test_a_weekend_is_its_saturday_to_its_sunday(text, language, published_on, expected):
    (mention,) = date_mentions(text, datetime.date.fromisoformat(published_on), language=language)
    assert (mention.date.isoformat(), mention.end_date.isoformat()) == expected
    assert mention.precision == Precision.DAY

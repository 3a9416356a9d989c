"""The gold set's scoring rules (``bench/extraction.py``) and the gold set itself."""

from __future__ import annotations

import datetime
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest

from bench.extraction import (
    GOLD,
    UNKNOWN_NAMES,
    Found,
    FoundEvent,
    FoundQuote,
    GoldError,
    GoldText,
    KeyEvent,
    KeyQuote,
    KeySpan,
    date_at,
    date_supported,
    find_folded,
    fold,
    found_from_result,
    generated_article,
    gold_load,
    gold_texts,
    import_call,
    quote_matches,
    score_text,
    sentence_around,
    speaker_matches,
    totals_of,
    turns_joined,
)

# ---------------------------------------------------------------------------------------------
# Matching


def test_fold_ignores_case_accents_punctuation_and_spacing():
    assert fold("  L’Élysée,   a-t-il DIT : « Ça  va ! »") == "l elysee a t il dit ca va"


def test_find_folded_returns_the_span_in_the_original_text():
    text = "Il a dit : « Le colonialisme ne peut plus être toléré »."
    start, end = find_folded(text, "colonialisme NE PEUT plus")
    assert text[start:end] == "colonialisme ne peut plus"
    assert find_folded(text, "colonial") is None  # whole words only


def test_a_quotation_matches_its_first_and_last_words():
    assert quote_matches(
        "Les informations ne fonctionnent plus et nous pouvons régler ce problème",
        "Les informations ne fonctionnent",
        "régler ce problème",
    )


def test_a_quotation_may_carry_a_few_words_beyond_the_key():
    extracted = "THE PRESIDENT: Oh, I’ve made some calls already. (Laughter.)"
    assert quote_matches(extracted, "Oh, I’ve made some calls", "some calls already.")


def test_a_quotation_with_many_words_beyond_the_key_is_another_one():
    extracted = "Yes. And then I told them that we would talk about it next week, of course."
    assert not quote_matches(extracted, "Yes.", "Yes.")


def test_a_quotation_cut_before_its_last_words_does_not_match():
    assert not quote_matches(
        "Look, whatever the fighting force needs", "Look, whatever", "everyone."
    )


def test_key_words_match_whole_words_only():
    assert not quote_matches("Yesterday we won.", "Yes.", "Yes.")
    assert not quote_matches("Yes, we won today", "Yes", "won to")


def test_last_words_before_first_words_do_not_match():
    assert not quote_matches("the end comes before the start", "the start", "the end comes")


# ---------------------------------------------------------------------------------------------
# Speakers


@pytest.mark.parametrize(
    ("given", "key"),
    [
        ("Mark Rutte", "Mark Rutte"),
        ("Rutte", "Mark Rutte"),
        ("President Macron", "Emmanuel Macron"),
        ("le président Emmanuel Macron", "Emmanuel Macron"),
        ("M. Poutine", "Vladimir Poutine"),
        ("Mme de Montchalin", "Amélie de Montchalin"),
        ("AMELIE DE MONTCHALIN", "Amélie de Montchalin"),
        ("Joseph Biden", "Biden"),
    ],
)
def test_a_speaker_is_right_by_full_name_or_surname_titles_aside(given, key):
    assert speaker_matches(given, key)


@pytest.mark.parametrize(
    ("given", "key"),
    [
        ("Mark Carney", "Mark Rutte"),
        ("Le Président", "François Hollande"),
        ("de", "Amélie de Montchalin"),
        (None, "Joe Biden"),
        ("Auteur à identifier", "Joe Biden"),
    ],
)
def test_a_speaker_is_wrong_otherwise(given, key):
    assert not speaker_matches(given, key)


@pytest.mark.parametrize("given", [None, "", "Auteur à identifier", "unknown"])
def test_an_unknown_speaker_key_wants_no_name(given):
    assert speaker_matches(given, "unknown")


def test_an_unnamed_questioner_given_to_a_named_person_is_wrong():
    assert not speaker_matches("Joe Biden", "unknown")


# ---------------------------------------------------------------------------------------------
# Dates


def test_date_at_writes_a_date_at_its_precision():
    day = datetime.date(2019, 4, 25)
    assert [date_at(day, p) for p in ("day", "month", "year", "approximate")] == [
        "2019-04-25",
        "2019-04",
        "2019",
        "2019-04",
    ]


def test_a_date_is_supported_when_listed_or_coarser_than_a_listed_one():
    dates = ["2019-04-25", "1965"]
    assert date_supported("2019-04-25", dates)
    assert date_supported("2019-04", dates)
    assert date_supported("2019", dates)
    assert date_supported("1965", dates)
    assert not date_supported("1965-06", dates)  # finer than the text says
    assert not date_supported("2019-04-26", dates)


# ---------------------------------------------------------------------------------------------
# Scoring a text

TEXT = (
    "Paris, le 3 mai 2021. Le maire a parlé mardi.\n"
    "« Nous rouvrirons les écoles », a déclaré Anne Hidalgo. "
    "Le « Grand Paris » avance, selon elle.\n"
    "QUESTION : Quand ?\n"
    "La piscine ouvrira en juin 2022."
)


def gold(**changes) -> GoldText:
    values = {
        "slug": "example",
        "text": TEXT,
        "title": "Exemple",
        "outlet": "Exemple",
        "url": "https://example.org/",
        "licence": "CC BY 4.0",
        "licence_url": "https://creativecommons.org/licenses/by/4.0/",
        "language": "fr",
        "format": "article",
        "published_on": datetime.date(2021, 5, 3),
        "dateline_date": None,
        "dates": frozenset({"2021-05-03", "2021-04-27", "2022-06"}),
        "quotes": (
            KeyQuote("Anne Hidalgo", "Nous rouvrirons", "les écoles"),
            KeyQuote("unknown", "Quand ?", "Quand ?", optional=True),
        ),
        "not_quotes": (KeySpan("Grand Paris", "Grand Paris"),),
        "events": (
            KeyEvent(datetime.date(2022, 6, 1), "month", "La piscine ouvre", "La piscine ouvrira"),
            KeyEvent(datetime.date(2021, 4, 27), "day", "Le maire parle", "Le maire a parlé"),
        ),
    }
    values.update(changes)
    return GoldText(**values)


def found(quotes=(), events=()) -> Found:
    return Found(text=TEXT, quotes=list(quotes), events=list(events))


def test_a_right_quotation_counts_for_precision_and_recall():
    score = score_text(gold(), found([FoundQuote("Nous rouvrirons les écoles", "Hidalgo")]))
    assert (score.scored, score.correct, score.required) == (1, 1, 1)
    assert score.precision == score.recall == score.recall_any_speaker == 1


def test_a_wrong_speaker_counts_against_precision_but_not_recall_with_any_speaker():
    score = score_text(gold(), found([FoundQuote("Nous rouvrirons les écoles", "Le maire")]))
    assert (score.correct, score.text_found) == (0, 1)
    assert score.precision == 0
    assert score.recall_any_speaker == 1
    assert score.wrong_speaker


def test_an_optional_quotation_is_ignored_when_right_and_wrong_when_given_a_name():
    right = score_text(gold(), found([FoundQuote("Quand ?", None)]))
    assert (right.extracted, right.scored, right.precision) == (1, 0, None)
    named = score_text(gold(), found([FoundQuote("Quand ?", "Anne Hidalgo")]))
    assert (named.scored, named.correct) == (1, 0)


def test_a_title_in_quotation_marks_counts_as_a_false_positive():
    score = score_text(
        gold(),
        found(
            [
                FoundQuote("Nous rouvrirons les écoles", "Anne Hidalgo"),
                FoundQuote("Grand Paris", "Anne Hidalgo"),
            ]
        ),
    )
    assert (score.scored, score.correct, score.not_quotes) == (2, 1, 1)
    assert score.precision == 0.5


def test_a_key_quotation_is_matched_once():
    quote = FoundQuote("Nous rouvrirons les écoles", "Anne Hidalgo")
    score = score_text(gold(), found([quote, quote]))
    assert (score.scored, score.correct) == (2, 1)


def test_an_event_is_found_when_a_candidate_in_its_sentence_has_its_date():
    start = TEXT.index("La piscine")
    right = FoundEvent(datetime.date(2022, 6, 15), "day", start, len(TEXT))
    score = score_text(gold(), found(events=[right]))
    assert score.events_found == 1  # compared at the key's precision: June 2022
    assert score.invented == ["2022-06-15"]  # but the text gives no day


def test_an_event_candidate_elsewhere_or_with_another_date_is_not_found():
    start = TEXT.index("La piscine")
    elsewhere = FoundEvent(datetime.date(2022, 6, 1), "month", 0, 20)
    wrong_date = FoundEvent(datetime.date(2021, 6, 1), "month", start, len(TEXT))
    score = score_text(gold(), found(events=[elsewhere, wrong_date]))
    assert (score.events_found, score.candidates) == (0, 2)
    assert score.invented == ["2021-06"]


def test_the_weekday_resolved_against_the_publication_date_finds_the_event():
    start = TEXT.index("Le maire")
    tuesday = FoundEvent(datetime.date(2021, 4, 27), "day", start, start + 20)
    score = score_text(gold(), found(events=[tuesday]))
    assert score.events_found == 1
    assert score.invented == []


def test_an_approximate_key_date_accepts_a_nearby_candidate():
    key = KeyEvent(datetime.date(2022, 6, 1), "approximate", "La piscine", "La piscine ouvrira")
    start = TEXT.index("La piscine")
    near = FoundEvent(datetime.date(2022, 6, 20), "day", start, len(TEXT))
    far = FoundEvent(datetime.date(2022, 9, 20), "day", start, len(TEXT))
    assert score_text(gold(events=(key,)), found(events=[near])).events_found == 1
    assert score_text(gold(events=(key,)), found(events=[far])).events_found == 0


def test_a_quotation_dated_outside_the_text_is_an_invented_date():
    quote = FoundQuote("Nous rouvrirons les écoles", "Anne Hidalgo", datetime.date(2021, 5, 2))
    assert score_text(gold(), found([quote])).invented == ["2021-05-02"]


def test_totals_add_counts_over_texts():
    first = score_text(gold(), found([FoundQuote("Nous rouvrirons les écoles", "Anne Hidalgo")]))
    second = score_text(gold(), found([FoundQuote("Grand Paris", None)]))
    totals = totals_of([first, second])
    assert (totals.scored, totals.correct, totals.required) == (2, 1, 2)
    assert totals.precision == totals.recall == 0.5


def test_an_importer_error_scores_nothing():
    score = score_text(gold(), Found(text=TEXT, error="ArticleError: refusé"))
    assert (score.extracted, score.correct, score.events_found) == (0, 0, 0)
    assert score.recall == 0
    assert score.error == "ArticleError: refusé"


def test_generated_articles_have_the_requested_quotations_and_size():
    assert generated_article(quotes=100).count("«") == 100
    assert 500_000 <= len(generated_article(size=500_000).encode("utf-8")) < 501_000


def test_sentence_around_stops_at_sentence_ends_and_lines():
    text = "First one. Second, said he. Third\nFourth line."
    start = text.index("said")
    assert text[slice(*sentence_around(text, start, start + 4))] == "Second, said he."
    start = text.index("Fourth")
    assert text[slice(*sentence_around(text, start, start + 6))] == "Fourth line."


def test_the_import_service_gets_only_the_arguments_it_accepts():
    def narrow(*, data, dry_run):
        return {"data": data, "dry_run": dry_run}

    def wide(*, data, **options):
        return {"data": data, **options}

    assert import_call(narrow, data=b"x", dry_run=True, language="auto") == {
        "data": b"x",
        "dry_run": True,
    }
    assert import_call(wide, data=b"x", language="auto") == {"data": b"x", "language": "auto"}


def test_an_importer_result_is_read_whatever_the_speaker_form():
    quotes = [
        SimpleNamespace(
            text="a",
            speaker=SimpleNamespace(key="joe-biden", new_name=None),
            said_on=datetime.date(2023, 5, 29),
        ),
        SimpleNamespace(
            text="b",
            speaker=SimpleNamespace(key=None, new_name="Mark Rutte"),
            said_on=datetime.date(2023, 5, 29),
        ),
        SimpleNamespace(
            text="c",
            speaker=SimpleNamespace(key=None, new_name=None),
            said_on=datetime.date(2023, 5, 29),
        ),
    ]
    events = [
        SimpleNamespace(
            date=datetime.date(2023, 6, 5), precision="day", start=3, end=9, title="Vote"
        )
    ]
    result = SimpleNamespace(extraction=SimpleNamespace(text="texte", quotes=quotes, events=events))
    found = found_from_result(result, {"joe-biden": "Joe Biden"}.__getitem__)
    assert [(q.text, q.speaker) for q in found.quotes] == [
        ("a", "Joe Biden"),
        ("b", "Mark Rutte"),
        ("c", None),
    ]
    assert found.quotes[0].said_on_precision == "day"
    assert [(e.date, e.start, e.end, e.title) for e in found.events] == [
        (datetime.date(2023, 6, 5), 3, 9, "Vote")
    ]
    assert fold("") in UNKNOWN_NAMES


# ---------------------------------------------------------------------------------------------
# Loading a key


def write_key(tmp_path: Path, key: str, text: str = "Un texte. « Bonjour », a dit Anne.") -> Path:
    (tmp_path / "example.txt").write_text(text, encoding="utf-8")
    path = tmp_path / "example.toml"
    path.write_text(key, encoding="utf-8")
    return path


VALID = """
title = "Exemple"
outlet = "Exemple"
url = "https://example.org/"
licence = "CC BY 4.0"
licence_url = "https://creativecommons.org/licenses/by/4.0/"
language = "fr"
format = "article"
published_on = 2021-05-03
dates = ["2021-05-03"]
"""


def test_a_valid_key_loads(tmp_path):
    loaded = gold_load(write_key(tmp_path, VALID))
    assert (loaded.slug, loaded.published_on) == ("example", datetime.date(2021, 5, 3))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('licence = "CC BY 4.0"\n', ""), "`licence` must be a non-empty string"),
        (('language = "fr"', 'language = "de"'), "language 'de' is not one of"),
        (('format = "article"', 'format = "blog"'), "format 'blog' is not one of"),
        (("published_on = 2021-05-03\n", ""), "give `published_on`, or `dateline_date`"),
        (('dates = ["2021-05-03"]', 'dates = ["2021-05-04"]'), "must include the publication"),
        (('dates = ["2021-05-03"]', 'dates = ["3 mai"]'), "is not AAAA, AAAA-MM or AAAA-MM-JJ"),
    ],
)
def test_a_malformed_key_says_what_is_wrong(tmp_path, change, message):
    with pytest.raises(GoldError, match=message):
        gold_load(write_key(tmp_path, VALID.replace(*change)))


def test_an_event_dated_outside_the_list_is_refused(tmp_path):
    key = (
        VALID
        + '[[events]]\ndate = 2020-01-01\nprecision = "day"\nwhat = "x"\nanchor = "Un texte"\n'
    )
    with pytest.raises(GoldError, match="its date is not in `dates`"):
        gold_load(write_key(tmp_path, key))


def test_an_unknown_slug_is_refused():
    with pytest.raises(GoldError, match="No gold text named nowhere"):
        gold_texts(GOLD, ["nowhere"])


# ---------------------------------------------------------------------------------------------
# The gold set itself

TEXTS = gold_texts(GOLD)


@pytest.mark.parametrize("text", TEXTS, ids=[text.slug for text in TEXTS])
def test_every_key_word_is_in_its_text(text):
    for quote in (*text.quotes, *text.not_quotes):
        assert find_folded(text.text, quote.first), f"{text.slug}: {quote.first!r}"
        assert find_folded(text.text, quote.last), f"{text.slug}: {quote.last!r}"
        if isinstance(quote, KeyQuote):
            assert quote.speaker.strip()
    for event in text.events:
        assert find_folded(text.text, event.anchor), f"{text.slug}: {event.anchor!r}"
        assert 4 <= len(event.anchor.split()) <= 12, f"{text.slug}: {event.anchor!r}"


@pytest.mark.parametrize("text", TEXTS, ids=[text.slug for text in TEXTS])
def test_every_text_has_its_address_and_licence(text):
    assert text.url.startswith(("http://", "https://"))
    assert text.licence_url.startswith(("http://", "https://"))
    assert text.licence.strip()
    assert text.text.strip()


OPEN_LICENCES = ("Creative Commons Attribution", "Licence Ouverte", "Public domain")


@pytest.mark.parametrize("text", TEXTS, ids=[text.slug for text in TEXTS])
def test_every_text_is_under_an_open_licence(text):
    assert text.licence.startswith(OPEN_LICENCES), f"{text.slug}: {text.licence!r}"
    assert "NonCommercial" not in text.licence
    assert "NoDerivatives" not in text.licence


def test_the_gold_set_covers_outlets_languages_and_formats():
    assert len(TEXTS) >= 12
    assert len({text.outlet.split(" (")[0] for text in TEXTS}) >= 6
    assert min(Counter(text.language for text in TEXTS).values()) >= 5
    formats = Counter(text.format for text in TEXTS)
    assert formats["article"] >= 5
    assert formats["transcript"] >= 4
    assert formats["encyclopedia"] >= 2
    assert {text.language for text in TEXTS if text.format == "transcript"} == {"fr", "en"}
    assert {text.language for text in TEXTS if text.format == "article"} == {"fr", "en"}
    assert any(text.published_on is None and text.dateline_date for text in TEXTS)


@pytest.mark.django_db
def test_the_benchmark_runs_the_import_service_on_a_gold_text():
    from bench.extraction import gold_run

    gold_text = next(text for text in TEXTS if text.slug == "fr-viepublique-barrot-2025")
    found = gold_run(gold_text)
    assert found.error == ""
    assert "Beaucoup d'émotions" in found.text
    assert score_text(gold_text, found).required == 1


def test_a_turn_cut_around_a_stage_direction_is_scored_as_one_turn():
    text = "THE PRESIDENT: We are ready. (Laughs.) And we will win.\nQ: Thanks."
    first = FoundQuote("We are ready.", "Biden", start=15, end=28)
    second = FoundQuote("And we will win.", "Biden", start=39, end=55)
    assert text[first.start : first.end] == first.text
    assert text[second.start : second.end] == second.text
    joined = turns_joined(text, [first, second])
    assert [quote.text for quote in joined] == ["We are ready. (Laughs.) And we will win."]


def test_quotations_of_two_speakers_or_with_words_between_stay_apart():
    text = "We are ready. (Laughs.) And we will win. Then he left. Yes."
    first = FoundQuote("We are ready.", "Biden", start=0, end=13)
    other = FoundQuote("And we will win.", "Harris", start=24, end=40)
    assert len(turns_joined(text, [first, other])) == 2
    later = FoundQuote("Yes.", "Biden", start=56, end=60)
    assert len(turns_joined(text, [first, later])) == 2

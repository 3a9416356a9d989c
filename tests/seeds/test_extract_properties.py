"""Any text through the extraction pipeline: no crash, every span inside the text.

Two kinds of input: arbitrary Unicode, and text assembled from the pieces French news articles
are made of (quotation marks of every kind, balanced or not, attribution verbs, names, weekdays
and months, numbers, paragraph breaks, page boilerplate), which reaches far more of the code.
"""

from __future__ import annotations

import datetime
import itertools
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, example, given, settings
from hypothesis import event as hypothesis_event
from hypothesis import strategies as st

from seeds.clean import _page, article_clean
from seeds.dates import date_mentions
from seeds.extract import article_extract
from seeds.importer import (
    ARTICLE_BINARY,
    ARTICLE_EMPTY,
    ARTICLE_ENCODING,
    ARTICLE_NO_BODY,
    ARTICLE_NO_DATE,
    ArticleError,
    ImportResult,
)
from seeds.mentions import MentionFinder, Named, fold
from seeds.quotes import quote_spans
from summit.editorial import article_import
from summit.models import Precision
from summit.text import normalize, sentence_spans

ACTORS = [
    Named("kim", ("Kim Jong-un", "le dirigeant nord-coréen")),
    Named("putin", ("Vladimir Poutine", "Poutine", "le président russe")),
]
PLACES = [Named("hanoi", ("Hanoï",)), Named("russky", ("île Rousski", "Russky"))]
# Text made of the characters that matter to the pipeline, and of anything else.
PIECES = st.sampled_from(
    [
        "«",
        "»",
        "« ",
        " »",
        "“",
        "”",
        "‘",
        "’",
        '"',
        "'",
        " ",
        "\xa0",
        "\u202f",
        "\n",
        "\n\n",
        "\r\n",
        ".",
        ". ",
        "…",
        "?",
        "!",
        ",",
        ":",
        ";",
        "—",
        "-",
        "a déclaré",
        "a dit",
        "a ajouté",
        "a-t-il ajouté",
        "a-t-elle dit",
        "déclare",
        "selon",
        "d'après",
        "de son côté",
        "ajoutant",
        "félicitant",
        "par",
        "il",
        "elle",
        "M.",
        "Kim Jong-un",
        "Kim Jong Un",
        "Vladimir Poutine",
        "Poutine",
        "le président russe",
        "le dirigeant nord-coréen",
        "Marie Dubois",
        "Hanoï",
        "l'île Rousski",
        "Je",
        "Nous",
        "Le",
        "mercredi",
        "jeudi",
        "dimanche dernier",
        "lundi prochain",
        "janvier",
        "février",
        "février dernier",
        "en février",
        "décembre",
        "1er",
        "25",
        "29",
        "31",
        "0",
        "999",
        "1999",
        "2019",
        "2099",
        "12 mars",
        "29 février",
        "31 avril",
        "les 27 et 28 février 2019",
        "du 9 au 25 février 2018",
        "en 2017",
        "l'an dernier",
        "l'année prochaine",
        "cette année",
        "le mois dernier",
        "hier",
        "avant-hier",
        "aujourd'hui",
        "demain",
        "sera",
        "il y a vingt ans",
        "il y a près de vingt ans",
        "il y a 999 jours",
        "il y a 999 mois",
        "il y a 999 ans",
        "\nPUBLICITÉ\n",
        "\nPartager cet article\n",
        "\nÀ découvrir également\n",
        "\nPar Joanne Massard\n",
        "\nPublié le 24/04/2019\n",
        "\nPublié le mercredi 24 avril 2019\n",
        "\n© AFP\n",
        # English prose and transcripts.
        "said",
        "told reporters",
        "according to",
        "adding that",
        "he said",
        "she",
        "Mr.",
        "the minister",
        "Helen Marsh",
        "Vladimir Putin",
        "on Wednesday",
        "\nQ: ",
        "\nQ ",
        "\nTHE PRESIDENT: ",
        "\nMR. SMITH: ",
        "\nM. Dupont : ",
        "\nQUESTION : ",
        "\nChairman Kim. ",
        "\nHelen Marsh\n",
        "(Applause.)",
        "(à travers l'interprète)",
        "[Laughter]",
        "Thank you.",
        "Merci.",
        "END 1:10 P.M.",
        "so-called",
        "surnommé",
    ]
)
SEPARATORS = st.sampled_from(["", " ", " ", " ", "\n"])
ARTICLE_LIKE = st.lists(st.tuples(st.one_of(PIECES, st.text(max_size=5)), SEPARATORS)).map(
    lambda parts: "".join(piece + separator for piece, separator in parts)
)
TEXT = st.one_of(st.text(), ARTICLE_LIKE)
# Publication dates a teacher could plausibly give, and the whole calendar.
PUBLISHED = st.dates(datetime.date(1950, 1, 1), datetime.date(2090, 12, 31))
ANY_DATE = st.dates()
# The farthest back a sentence can send a day-precise date: « il y a 999 jours », or an
# explicit day of the 1900s.
OLDEST_DAYS_BACK = 999
OLDEST_YEAR = 1900
QUOTE_MARKS = set('«“"')


LANGUAGE = st.sampled_from(["fr", "en"])


def _extract(text: str, published_on: datetime.date, language: str = "fr"):
    return article_extract(
        text=text, published_on=published_on, language=language, actors=ACTORS, places=PLACES
    )


# The whole pipeline, as the importer runs it ------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(raw=TEXT, published_on=PUBLISHED, language=LANGUAGE)
@example(
    raw="« Bonjour. » Il part. « Merci » a dit Poutine",
    published_on=datetime.date(2019, 4, 25),
    language="fr",
)
@example(raw="««?«\x1f0", published_on=datetime.date(2000, 1, 1), language="fr")
@example(
    raw="Il a dit «\u2003Bonjour\u3000» hier.",
    published_on=datetime.date(2019, 4, 25),
    language="fr",
)
@example(
    raw="\nQ: Oui ?\n\nM. Dupont : (Applause.) Non. [Laughter]\n\nQ: Merci.\n\nM. Dupont : Bien",
    published_on=datetime.date(2019, 4, 25),
    language="fr",
)
# Another language's stage direction in a transcript.
@example(
    raw="A:\nAA. (à travers l'interprète)", published_on=datetime.date(2000, 1, 1), language="en"
)
def test_any_text_gives_valid_spans(raw, published_on, language):
    text = article_clean(raw).text
    extraction = _extract(text, published_on, language)
    sentences = sentence_spans(text)
    for quote in extraction.quotes:
        assert 0 <= quote.start < quote.end <= len(text)
        assert text[quote.start : quote.end] == quote.text
        assert quote.text == quote.text.strip()
        assert any(char.isalnum() for char in quote.text)
        assert quote.sentence[0] < quote.start < quote.end <= max(quote.sentence[1], quote.end)
        if extraction.format == "transcript":
            # A turn, after its label, without the stage directions.
            for direction in ("[Laughter]", "(Applause.)", "(à travers l'interprète)"):
                assert direction not in quote.text
        else:
            # The quotation opens in the sentence it is filed under.
            assert quote.sentence in sentences
            opening = text[quote.sentence[0] : quote.start].rstrip()
            assert opening[-1] in QUOTE_MARKS
        assert quote.kind in ("statement", "fragment")
        assert quote.said_on <= published_on
        oldest = min(
            datetime.date(OLDEST_YEAR, 1, 1),
            published_on - datetime.timedelta(days=OLDEST_DAYS_BACK),
        )
        assert quote.said_on >= oldest
        assert quote.speaker.key in (None, "kim", "putin")
        assert not (quote.speaker.key and quote.speaker.new_name)
    for event in extraction.events:
        assert 0 <= event.start < event.end <= len(text)
        assert text[event.start : event.end] == event.sentence
        assert (event.start, event.end) in sentences
        assert event.precision in Precision.values
        # From « il y a 999 ans » to « l'an prochain » or an explicit day of the 2090s.
        earliest = datetime.date(min(OLDEST_YEAR, published_on.year - 999), 1, 1)
        latest = max(datetime.date(2099, 12, 31), published_on + datetime.timedelta(days=366))
        assert earliest <= event.date <= latest
        assert set(event.actors) <= {"kim", "putin"}
        assert len(set(event.actors)) == len(event.actors)
        assert event.place in (None, "hanoi", "russky")
    assert set(extraction.actors) <= {"kim", "putin"}
    assert set(extraction.places) <= {"hanoi", "russky"}


@settings(max_examples=100, deadline=None)
@given(raw=TEXT, published_on=PUBLISHED, language=LANGUAGE)
def test_extraction_is_deterministic(raw, published_on, language):
    text = article_clean(raw).text
    assert article_clean(raw) == article_clean(raw)
    assert _extract(text, published_on, language) == _extract(text, published_on, language)


@settings(max_examples=150, deadline=None)
@given(raw=ARTICLE_LIKE, published_on=ANY_DATE)
@example(raw="il y a vingt ans", published_on=datetime.date(5, 1, 1))
@example(raw="Poutine arrive demain.", published_on=datetime.date.max)
@example(raw="Poutine est parti hier.", published_on=datetime.date.min)
@example(raw="le 29 février", published_on=datetime.date(2020, 1, 10))
def test_any_publication_date_is_resolved_without_error(raw, published_on):
    """Even at the ends of the calendar, where « il y a vingt ans » has no date."""
    text = article_clean(raw).text
    extraction = _extract(text, published_on)
    for quote in extraction.quotes:
        assert quote.said_on <= published_on
    for mention in date_mentions(text, published_on):
        assert 0 <= mention.start < mention.end <= len(text)
        assert mention.precision in Precision.values


# Each stage on its own ---------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(raw=TEXT)
def test_cleaning_keeps_whole_lines_and_drops_the_page(raw):
    cleaned = article_clean(raw)
    text = cleaned.text
    assert "\r" not in text
    assert text == text.strip()
    assert "\n\n\n" not in text
    lines = {line.strip() for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")}
    for paragraph in text.split("\n\n") if text else []:
        assert paragraph
        assert paragraph in lines
        assert not _page("fr").boilerplate.match(normalize(paragraph))
        assert not _page("fr").trailer.match(normalize(paragraph))


@settings(max_examples=300, deadline=None)
@given(text=TEXT)
def test_sentences_cover_the_text_in_order(text):
    spans = sentence_spans(text)
    position = 0
    for start, end in spans:
        assert position <= start < end <= len(text)
        sentence = text[start:end]
        assert sentence == sentence.strip()
        assert "\n" not in sentence
        # Only spaces fall between sentences.
        assert not text[position:start].strip()
        position = end
    assert not text[position:].strip()
    assert sentence_spans(text) == spans


@settings(max_examples=300, deadline=None)
@given(text=TEXT, language=LANGUAGE)
def test_quotations_sit_inside_their_marks_paragraph_by_paragraph(text, language):
    previous_end = 0
    for span in quote_spans(text, language=language):
        assert previous_end <= span.mark_start < span.start < span.end <= span.mark_end
        assert span.mark_end <= len(text)
        assert text[span.mark_start] in QUOTE_MARKS
        # Each paragraph a quotation runs over opens with its mark.
        for paragraph in text[span.mark_start : span.end].split("\n")[1:]:
            assert not paragraph.strip() or paragraph.strip()[0] == text[span.mark_start]
        words = text[span.start : span.end]
        assert words == words.strip()
        assert any(char.isalnum() for char in words)
        previous_end = span.mark_end


@settings(max_examples=200, deadline=None)
@given(text=TEXT, published_on=PUBLISHED)
def test_dates_are_spans_of_the_sentence_asked_for(text, published_on):
    for start, end in sentence_spans(text):
        mentions = date_mentions(text, published_on, start=start, end=end)
        for mention in mentions:
            assert start <= mention.start < mention.end <= end
        assert [m.start for m in mentions] == sorted(m.start for m in mentions)
        for first, second in itertools.pairwise(mentions):
            assert first.end <= second.start


@settings(max_examples=200, deadline=None)
@given(text=TEXT, names=st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=4))
@example(text="İstanbul", names=["İstanbul"])
@example(text="ǅemal", names=["ǅemal"])
def test_mentions_of_any_name_are_spans_of_the_text(text, names):
    """Teachers type actor names and aliases freely in the admin."""
    finder = MentionFinder([Named(f"key-{i}", (name,)) for i, name in enumerate(names)])
    assert len(fold(text)) == len(text)
    previous_end = 0
    for mention in finder.find(text):
        assert previous_end <= mention.start < mention.end <= len(text)
        assert mention.key in {f"key-{i}" for i in range(len(names))}
        previous_end = mention.end


@settings(max_examples=300, deadline=None)
@given(text=TEXT)
@example(text="İ")
def test_normalize_is_a_stable_comparison_key(text):
    key = normalize(text)
    assert normalize(key) == key
    assert key == key.strip()
    assert "  " not in key
    assert normalize(text.upper()) == normalize(text.lower()) or not text.isascii()


# The importer's preview (``import_article --dry-run --json``) -----------------------------

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
REFUSALS = {ARTICLE_EMPTY, ARTICLE_BINARY, ARTICLE_NO_BODY, ARTICLE_NO_DATE}
FILE_CONTENT = st.one_of(
    st.binary(max_size=300),
    TEXT.map(lambda text: text.encode()),
    st.tuples(ARTICLE_LIKE, st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "utf-16"])).map(
        lambda pair: pair[0].encode(pair[1], errors="replace")
    ),
    ARTICLE_LIKE.map(lambda text: f"Un titre d'article\nPublié le 24 avril 2019\n{text}".encode()),
    st.tuples(ARTICLE_LIKE, ARTICLE_LIKE).map(
        lambda pair: f"Un titre d'article\nPublié le {pair[0]}\n{pair[1]}".encode()
    ),
)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=FILE_CONTENT, published_on=st.one_of(st.none(), PUBLISHED))
@example(data=b"", published_on=None)
@example(data=b"\xef\xbb\xbf", published_on=None)
@example(data=b"\xff\xfe\x00A", published_on=None)
@example(data="Titre\nPublié le 32 mars 2019\nTexte.".encode(), published_on=None)
@example(
    data="Titre\nPublié le 10 janvier 2020\nRendez-vous le 29 février.".encode(), published_on=None
)
@example(data="29\tfévrier".encode(), published_on=datetime.date(2000, 1, 1))
@pytest.mark.django_db
def test_the_preview_of_any_file_writes_nothing(seeded, data, published_on):
    result, refusal = None, ""
    with CaptureQueriesContext(connection) as queries:
        try:
            result = article_import(
                data=data, filename="article.txt", published_on=published_on, dry_run=True
            )
        except ArticleError as error:
            refusal = str(error)
    statements = [query["sql"].lstrip().upper() for query in queries.captured_queries]
    assert not [sql for sql in statements if sql.startswith(WRITES)]
    hypothesis_event("refused" if result is None else "previewed")
    if result is None:
        assert refusal in REFUSALS or refusal.startswith(ARTICLE_ENCODING.split("{")[0])
        return
    assert isinstance(result, ImportResult)
    assert not result.stored
    payload = json.loads(json.dumps(result.as_json(), ensure_ascii=False))
    text = payload["source"]["text"]
    assert text.strip()
    for quote in payload["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]
        assert quote["said_on"] <= payload["source"]["published_on"]
    for event in payload["events"]:
        assert text[event["start"] : event["end"]] == event["sentence"]

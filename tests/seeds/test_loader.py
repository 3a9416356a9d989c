from __future__ import annotations

import datetime
import shutil
import tomllib
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.forms.models import model_to_dict
from django.urls import reverse

from quiz.models import Question, Quiz
from quiz.selectors import quiz_questions
from seeds import loader
from seeds.loader import DEFAULT_CORPUS
from summit.models import (
    Actor,
    Citation,
    Event,
    Place,
    Precision,
    Quote,
    SeedTombstone,
    Source,
)
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db

ARTICLE_000 = "euronews-2019-04-24-kim-jong-un-en-russie"
ARTICLE_002 = "2019-04-25-premier-sommet-kim-poutine"

# Every quotation of both articles: (speaker, kind, number of citations).
EXPECTED_QUOTES = {
    "couronné de succès": ("kim-jong-un", "fragment", 1),
    "un format élargi": ("kremlin", "fragment", 1),
    "liens historiques": ("kim-jong-un", "fragment", 1),
    "historiques": ("kim-jong-un", "fragment", 1),
    "plus stable et solide": ("kim-jong-un", "fragment", 1),
    "un dialogue significatif": ("kim-jong-un", "fragment", 2),
    "construire une Russie forte": ("kim-jong-un", "fragment", 1),
    "beaucoup à faire": ("vladimir-poutine", "fragment", 1),
    "soutenir les tendances positives": ("vladimir-poutine", "fragment", 1),
    "solutions": ("vladimir-poutine", "fragment", 1),
}
STATEMENTS = {
    "Je suis venu en Russie avec les sentiments chaleureux": "kim-jong-un",
    "Je pense que cette rencontre sera très utile": "kim-jong-un",
    "Je suis sûr que votre visite aujourd’hui en Russie": "vladimir-poutine",
}


# The events only the reference sheet tells: (date, precision, place, actors).
REFERENCE_EVENTS = {
    "poutine-kim-jong-il-moscou-2001": (
        "2001-08-04",
        Precision.DAY,
        "moscou",
        {"vladimir-poutine", "kim-jong-il"},
    ),
    "poutine-kim-jong-il-vladivostok-2002": (
        "2002-08-23",
        Precision.DAY,
        "vladivostok",
        {"vladimir-poutine", "kim-jong-il"},
    ),
    "trump-accepte-de-rencontrer-kim-jong-un": (
        "2018-03-08",
        Precision.DAY,
        "maison-blanche",
        {"donald-trump", "kim-jong-un", "chung-eui-yong"},
    ),
    "kim-jong-un-xi-jinping-pekin-2018": (
        "2018-03-25",
        Precision.DAY,
        "pekin",
        {"kim-jong-un", "xi-jinping"},
    ),
    "sommet-intercoreen-27-avril-2018": (
        "2018-04-27",
        Precision.DAY,
        "panmunjom",
        {"moon-jae-in", "kim-jong-un"},
    ),
    "kim-jong-un-xi-jinping-dalian-2018": (
        "2018-05-07",
        Precision.DAY,
        "dalian",
        {"kim-jong-un", "xi-jinping"},
    ),
    "pompeo-a-pyongyang-detenus-liberes": (
        "2018-05-09",
        Precision.DAY,
        "pyongyang",
        {"mike-pompeo", "kim-jong-un"},
    ),
    "trump-annule-le-sommet-de-singapour": (
        "2018-05-24",
        Precision.DAY,
        "maison-blanche",
        {"donald-trump", "kim-jong-un"},
    ),
    "sommet-intercoreen-26-mai-2018": (
        "2018-05-26",
        Precision.DAY,
        "panmunjom",
        {"moon-jae-in", "kim-jong-un"},
    ),
    "lavrov-recu-par-kim-jong-un": (
        "2018-05-31",
        Precision.DAY,
        "pyongyang",
        {"serguei-lavrov", "kim-jong-un"},
    ),
    "trump-retablit-le-sommet-de-singapour": (
        "2018-06-01",
        Precision.DAY,
        "maison-blanche",
        {"donald-trump", "kim-yong-chol"},
    ),
    "sommet-intercoreen-de-pyongyang": (
        "2018-09-18",
        Precision.DAY,
        "pyongyang",
        {"moon-jae-in", "kim-jong-un"},
    ),
    "xi-jinping-a-pyongyang": (
        "2019-06-20",
        Precision.DAY,
        "pyongyang",
        {"xi-jinping", "kim-jong-un"},
    ),
    "rencontre-trump-kim-a-la-dmz": (
        "2019-06-30",
        Precision.DAY,
        "panmunjom",
        {"donald-trump", "kim-jong-un", "moon-jae-in"},
    ),
    "pourparlers-de-stockholm": (
        "2019-10-05",
        Precision.DAY,
        "stockholm",
        {"kim-myong-gil", "stephen-biegun"},
    ),
}
REFERENCE = "reperes-chronologiques"


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed", *args, stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, list[dict]]:
    """Every row of every content table, to compare two states of the database."""
    return {
        model.__name__: [
            {**model_to_dict(row), "seed_hash": getattr(row, "seed_hash", None)}
            | {"updated_at": getattr(row, "updated_at", None)}
            for row in model.objects.order_by("pk")
        ]
        for model in (Source, Actor, Place, Event, Quote, Citation)
    }


def test_every_quotation_is_found_with_its_speaker_and_exact_span(seeded):
    quotes = list(Quote.objects.select_related("speaker").prefetch_related("citations__source"))
    fragments = {q.text: q for q in quotes if q.kind == Quote.Kind.FRAGMENT}
    assert {
        text: (q.speaker.slug, q.kind, len(q.citations.all())) for text, q in fragments.items()
    } == EXPECTED_QUOTES
    statements = [q for q in quotes if q.kind == Quote.Kind.STATEMENT]
    assert len(statements) == 3
    for start, speaker in STATEMENTS.items():
        (quote,) = [q for q in statements if q.text.startswith(start)]
        assert quote.speaker.slug == speaker
    for quote in quotes:
        assert quote.published
        for citation in quote.citations.all():
            assert citation.source.text[citation.start : citation.end] == quote.text
            citation.full_clean()


def test_the_kremlin_speaks_as_an_institution(seeded):
    quote = Quote.objects.get(text="un format élargi")
    assert quote.speaker.kind == Actor.Kind.INSTITUTION
    assert quote.citations.get().source.slug == ARTICLE_000


def test_putins_statement_ends_before_the_misplaced_mark(seeded):
    quote = Quote.objects.get(text__startswith="Je suis sûr")
    assert quote.text.endswith("pour développer nos relations économiques")
    citation = quote.citations.get()
    assert citation.source.text[citation.end : citation.end + 3] == "« ."


def test_a_fragment_quoted_twice_is_one_quote_with_two_citations(seeded):
    quote = Quote.objects.get(text="un dialogue significatif")
    spans = list(quote.citations.values_list("source__slug", "start", "end"))
    assert len(spans) == 2
    assert {slug for slug, _start, _end in spans} == {ARTICLE_002}


def test_quotations_are_dated_and_tied_to_their_event(seeded):
    venu = Quote.objects.get(text__startswith="Je suis venu")
    assert venu.said_on == datetime.date(2019, 4, 24)
    assert venu.event.slug == "arrivee-de-kim-jong-un-a-vladivostok"
    for text in ("un format élargi", "beaucoup à faire", "solutions", "liens historiques"):
        assert Quote.objects.get(text=text).event.slug == "premier-sommet-kim-poutine"


@pytest.mark.parametrize(
    ("slug", "date", "precision", "place", "actors"),
    [
        (
            "poutine-rencontre-kim-jong-il",
            "2000-07-19",
            Precision.APPROXIMATE,
            "pyongyang",
            {"vladimir-poutine", "kim-jong-il"},
        ),
        (
            "jeux-olympiques-pyeongchang-detente",
            "2018-02-09",
            Precision.MONTH,
            "pyeongchang",
            {"kim-jong-un"},
        ),
        ("offensive-diplomatique-kim-jong-un", "2018-01-01", Precision.YEAR, None, {"kim-jong-un"}),
        (
            "sommet-de-singapour",
            "2018-06-12",
            Precision.DAY,
            "sentosa",
            {"donald-trump", "kim-jong-un"},
        ),
        ("sommet-de-hanoi", "2019-02-27", Precision.DAY, "hanoi", {"donald-trump", "kim-jong-un"}),
        (
            "arrivee-de-kim-jong-un-a-vladivostok",
            "2019-04-24",
            Precision.DAY,
            "vladivostok",
            {"kim-jong-un"},
        ),
        (
            "premier-sommet-kim-poutine",
            "2019-04-25",
            Precision.DAY,
            "ile-rousski",
            {"kim-jong-un", "vladimir-poutine"},
        ),
        *[(slug, *fact) for slug, fact in REFERENCE_EVENTS.items()],
    ],
)
def test_events_have_honest_dates_places_actors_and_evidence(
    seeded, slug, date, precision, place, actors
):
    event = Event.objects.get(slug=slug)
    assert event.published
    assert event.date.isoformat() == date
    assert event.precision == precision
    assert (event.place.slug if event.place else None) == place
    assert {actor.slug for actor in event.actors.all()} == actors
    citations = list(event.citations.select_related("source"))
    assert citations
    for citation in citations:
        citation.full_clean()
        assert citation.excerpt.strip()


def test_an_event_the_articles_do_not_state_cites_a_reference_source(seeded):
    citations = Event.objects.get(slug="sommet-de-singapour").citations.select_related("source")
    assert [c.source.is_reference for c in citations] == [True, True]
    assert "12 juin 2018" in citations[0].excerpt


def test_fact_check_notes_correct_the_articles(seeded):
    olympics = Event.objects.get(slug="jeux-olympiques-pyeongchang-detente")
    assert "Pyongyang" in olympics.fact_check_note
    assert "Pyeongchang" in olympics.fact_check_note
    article = olympics.citations.get(source__slug=ARTICLE_000)
    assert "jeux Olympiques d'hiver de Pyongyang" in article.excerpt
    kim_jong_il = Event.objects.get(slug="poutine-rencontre-kim-jong-il")
    assert "juillet 2000" in kim_jong_il.fact_check_note
    hanoi = Event.objects.get(slug="sommet-de-hanoi")
    assert "sans accord" in hanoi.title


def test_sources_carry_their_metadata(seeded):
    euronews = Source.objects.get(slug=ARTICLE_000)
    assert (euronews.outlet, euronews.author) == ("Euronews", "Joanne Massard")
    assert euronews.published_on == datetime.date(2019, 4, 24)
    assert euronews.raw_filename == "000_23cb88113d4ad096.txt"
    assert len(euronews.raw_sha256) == 64
    other = Source.objects.get(slug=ARTICLE_002)
    assert (other.outlet, other.published_on) == ("", datetime.date(2019, 4, 25))


def test_a_second_run_changes_nothing_and_says_so(db):
    first = seed()
    assert "créé       citation « un dialogue significatif »" in first
    before = snapshot()
    second = seed()
    assert "Rien n'a changé" in second
    assert "créé " not in second
    assert snapshot() == before


def test_a_teachers_edit_is_kept_and_reported(seeded):
    event = Event.objects.get(slug="sommet-de-hanoi")
    event.title = "Hanoï : le sommet interrompu"
    event.save()
    quote = Quote.objects.get(text="solutions")
    quote.speaker = Actor.objects.get(slug="kremlin")
    quote.save()

    out = seed()

    kept = "modifié dans l'admin ({}), la modification est gardée"
    assert "conservé   événement sommet-de-hanoi : " + kept.format("titre") in out
    assert "conservé   citation « solutions » : " + kept.format("auteur des propos") in out
    assert Event.objects.get(slug="sommet-de-hanoi").title == "Hanoï : le sommet interrompu"
    assert Quote.objects.get(text="solutions").speaker.slug == "kremlin"
    # And again: the edit stays, the conflict is still reported, nothing else moves.
    before = snapshot()
    assert "conservé   événement sommet-de-hanoi" in seed()
    assert snapshot() == before


def copy_corpus(tmp_path: Path, replace: tuple[str, str] | None = None) -> Path:
    for folder in ("articles", "reference"):
        shutil.copytree(DEFAULT_CORPUS.parent / folder, tmp_path / folder)
    text = DEFAULT_CORPUS.read_text(encoding="utf-8")
    if replace:
        assert replace[0] in text
        text = text.replace(*replace)
    path = tmp_path / "corpus.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_untouched_rows_follow_the_corpus(seeded, tmp_path):
    corpus = copy_corpus(
        tmp_path,
        ('title = "Kim Jong-un arrive à Vladivostok"', 'title = "Kim Jong-un arrive en Russie"'),
    )
    out = seed("--corpus", str(corpus))
    assert "mis à jour événement arrivee-de-kim-jong-un-a-vladivostok" in out
    assert Event.objects.get(slug="arrivee-de-kim-jong-un-a-vladivostok").title == (
        "Kim Jong-un arrive en Russie"
    )
    assert "Rien n'a changé" in seed("--corpus", str(corpus))


def test_an_excerpt_missing_from_its_article_stops_everything(seeded, tmp_path):
    corpus = copy_corpus(
        tmp_path,
        ("depuis son retour de Hanoï, théâtre", "depuis son retour de Hanoi, théâtre"),
    )
    Event.objects.filter(slug="sommet-de-hanoi").update(summary="Modifié.", seed_hash="")
    before = snapshot()
    with pytest.raises(CommandError) as raised:
        seed("--corpus", str(corpus))
    assert "« sommet-de-hanoi »" in str(raised.value)
    assert "introuvable" in str(raised.value)
    assert "Rien n'a été modifié" in str(raised.value)
    assert snapshot() == before


def test_a_broken_corpus_on_an_empty_database_writes_nothing(db, tmp_path):
    corpus = copy_corpus(
        tmp_path, ("Le dirigeant nord-coréen Kim Jong-Un est arrivé", "Kim est arrivé")
    )
    with pytest.raises(CommandError, match="arrivee-de-kim-jong-un-a-vladivostok"):
        seed("--corpus", str(corpus))
    assert not Actor.objects.exists()
    assert not Source.objects.exists()


def test_an_ambiguous_excerpt_is_refused(db, tmp_path):
    corpus = copy_corpus(
        tmp_path,
        ('excerpt = "C’est dans le cadre d’un sommet sur l’île Rousski."', 'excerpt = "sommet"'),
    )
    with pytest.raises(CommandError, match=r"apparaît .* fois"):
        seed("--corpus", str(corpus))


@pytest.mark.parametrize(
    ("replace", "message"),
    [
        (("[[events]]\nslug", "[[events]\nslug"), "illisible"),
        (
            ('file = "articles/002_bf540bbe3f7d0686.txt"', 'file = "articles/absent.txt"'),
            "introuvable",
        ),
        (
            ('actors = ["donald-trump", "kim-jong-un"]', 'actors = ["donald-trump", "kim"]'),
            "« kim »",
        ),
        (
            ('title = "Sommet de Singapour', 'name = "Sommet de Singapour'),
            "la clé « title » manque",
        ),
        (("date = 2018-06-12", 'date = "12 juin"'), "invalide"),
    ],
)
def test_a_broken_corpus_file_gets_a_clear_error(db, tmp_path, replace, message):
    corpus = copy_corpus(tmp_path, replace)
    with pytest.raises(CommandError, match=message):
        seed("--corpus", str(corpus))
    assert not Event.objects.exists()


def test_a_citation_added_from_an_imported_article_is_an_edit_not_a_crash(seeded):
    other = SourceFactory(slug="article-importe", text="« solutions », a-t-il dit.")
    quote = Quote.objects.get(text="solutions")
    Citation.objects.create(source=other, quote=quote, start=2, end=11)
    out = seed()
    assert "conservé   citation « solutions » : modifié dans l'admin (références)" in out
    assert quote.citations.count() == 2


def test_seed_creates_the_two_quizzes_and_builds_the_bank():
    output = seed()
    vladivostok = Quiz.objects.get(slug="le-sommet-de-vladivostok")
    sequence = Quiz.objects.get(slug="la-sequence-trump-kim-poutine")
    assert (vladivostok.title, vladivostok.mode) == ("Le sommet de Vladivostok", "practice")
    assert (sequence.title, sequence.mode, sequence.time_limit) == (
        "La séquence Trump–Kim–Poutine",
        "exam",
        15,
    )
    assert quiz_questions(vladivostok).count() >= vladivostok.size
    assert quiz_questions(sequence).count() >= sequence.size
    assert Question.objects.published().count() >= 40
    assert "Banque de questions : " in output


def test_a_second_seed_leaves_the_bank_and_the_quizzes_alone():
    seed()
    questions = list(Question.objects.order_by("pk").values())
    quizzes = list(Quiz.objects.order_by("pk").values())
    output = seed()
    assert "Rien n'a changé" in output
    assert "0 créée(s)" in output
    assert "0 retirée(s)" in output
    assert list(Question.objects.order_by("pk").values()) == questions
    assert list(Quiz.objects.order_by("pk").values()) == quizzes


def test_a_quiz_a_teacher_edited_is_kept_by_the_seed():
    seed()
    quiz = Quiz.objects.get(slug="le-sommet-de-vladivostok")
    quiz.size = 5
    quiz.save()
    output = seed()
    quiz.refresh_from_db()
    assert quiz.size == 5
    assert "quiz le-sommet-de-vladivostok : modifié dans l'admin" in output


# The reference sheet --------------------------------------------------------------------------

REFERENCE_TEXT = (DEFAULT_CORPUS.parent / "reference" / "reperes.txt").read_text(encoding="utf-8")
REFERENCE_SOURCES = tomllib.loads(
    (DEFAULT_CORPUS.parent / "reference" / "reperes-sources.toml").read_text(encoding="utf-8")
)
CORPUS_EVENTS = tomllib.loads(DEFAULT_CORPUS.read_text(encoding="utf-8"))["events"]
CITING_THE_SHEET = [
    event
    for event in CORPUS_EVENTS
    if any(item["source"] == REFERENCE for item in event["evidence"])
]


def test_every_reference_event_is_on_the_sheet_with_its_public_sources():
    assert len(CITING_THE_SHEET) == 20
    assert set(REFERENCE_EVENTS) <= {event["slug"] for event in CITING_THE_SHEET}
    for event in CITING_THE_SHEET:
        for item in event["evidence"]:
            if item["source"] == REFERENCE:
                # Verbatim, and a whole sentence of the sheet (which has no line breaks inside).
                assert REFERENCE_TEXT.count(item["excerpt"]) == 1, event["slug"]
                assert "\n" not in item["excerpt"]
        assert event.get("precision", "day") in Precision.values
        sources = REFERENCE_SOURCES[event["slug"]]["sources"]
        assert sources, event["slug"]
        for source in sources:
            assert source["title"].strip()
            assert source["publisher"].strip()
    # Two sources or more wherever two exist: every line here has found at least two.
    assert all(len(REFERENCE_SOURCES[e["slug"]]["sources"]) >= 2 for e in CITING_THE_SHEET)


def test_each_line_of_the_sheet_is_cited_by_an_event():
    lines = [line for line in REFERENCE_TEXT.split("\n\n")[1:] if line.strip()]
    excerpts = [item["excerpt"] for e in CITING_THE_SHEET for item in e["evidence"]]
    for line in lines:
        assert any(excerpt in line for excerpt in excerpts), line


def test_the_sheet_quotes_no_one():
    # Quotations are extracted from every source: the sheet, in its own words, gives none.
    for mark in ("«", "»", '"', "“", "”"):
        assert mark not in REFERENCE_TEXT


def test_the_public_sources_are_stored_line_by_line(seeded):
    sheet = Source.objects.get(slug=REFERENCE)
    stored = list(sheet.public_sources.order_by("start", "position"))
    assert len(stored) == sum(
        len(REFERENCE_SOURCES[e["slug"]]["sources"]) for e in CITING_THE_SHEET
    )
    paragraphs = [p for p in sheet.text.split("\n\n") if p]
    for row in stored:
        row.full_clean()
        assert row.passage in paragraphs
    moscow = [r for r in stored if r.passage.startswith("Le 4 août 2001")]
    assert [r.publisher for r in moscow] == [
        s["publisher"] for s in REFERENCE_SOURCES["poutine-kim-jong-il-moscou-2001"]["sources"]
    ]
    assert moscow[0].url == "http://en.special.kremlin.ru/events/president/news/41779"
    # Cited without an address rather than with a guessed one.
    letter = [r for r in stored if r.passage.startswith("Le 24 mai 2018")]
    assert letter[0].publisher == "Maison-Blanche"
    assert letter[0].url == ""


# One test per fact-check note of the sheet's events: (event, words the note must hold).
FACT_CHECK_NOTES = {
    "poutine-kim-jong-il-moscou-2001": ("plusieurs bonnes réponses", "Pyongyang", "Vladivostok"),
    "poutine-kim-jong-il-vladivostok-2002": ("premier sommet de Kim Jong-un", "2002"),
    "trump-accepte-de-rencontrer-kim-jong-un": ("pas faite par Donald Trump lui-même",),
    "kim-jong-un-xi-jinping-pekin-2018": ("tenue secrète", "28 mars"),
    "sommet-intercoreen-27-avril-2018": ("n'est pas une ville", "zone démilitarisée"),
    "pompeo-a-pyongyang-detenus-liberes": ("directeur de la CIA", "Pâques"),
    "trump-annule-le-sommet-de-singapour": ("une semaine", "1er juin", "Punggye-ri"),
    "sommet-intercoreen-26-mai-2018": ("qu'après coup", "côté nord", "Tongilgak ou Panmungak"),
    "lavrov-recu-par-kim-jong-un": ("premier responsable russe", "Vladivostok"),
    "trump-retablit-le-sommet-de-singapour": ("depuis 2000",),
    "sommet-de-singapour": ("Sentosa", "deux réponses justes"),
    "sommet-intercoreen-de-pyongyang": ("2000", "2007", "Premier-Mai"),
    "xi-jinping-a-pyongyang": ("Hu Jintao en 2005", "Wen Jiabao"),
    "rencontre-trump-kim-a-la-dmz": ("pas un sommet officiel", "premier président en exercice"),
    "pourparlers-de-stockholm": ("récits opposés", "Lidingö"),
}


@pytest.mark.parametrize(("slug", "words"), FACT_CHECK_NOTES.items())
def test_a_fact_check_note_is_shown_on_its_event(seeded, slug, words):
    event = Event.objects.get(slug=slug)
    assert event.published
    for word in words:
        assert word in event.fact_check_note
    # The note belongs to this event and to no other.
    assert Event.objects.filter(fact_check_note=event.fact_check_note).count() == 1


def test_places_know_the_place_they_are_part_of(seeded):
    part_of = dict(Place.objects.filter(part_of__isnull=False).values_list("slug", "part_of__slug"))
    assert part_of == {
        "ile-rousski": "vladivostok",
        "sentosa": "singapour",
        "panmunjom": "zone-demilitarisee",
        "maison-blanche": "washington",
    }
    dmz = Place.objects.get(slug="zone-demilitarisee")
    assert (dmz.latitude, dmz.longitude) == (None, None)  # a strip, not a point


def test_a_teachers_part_of_edit_is_kept_and_reported(seeded):
    rousski = Place.objects.get(slug="ile-rousski")
    rousski.part_of = None
    rousski.save()
    out = seed()
    assert "conservé   lieu ile-rousski : modifié dans l'admin (fait partie de)" in out
    assert Place.objects.get(slug="ile-rousski").part_of is None
    before = snapshot()
    seed()
    assert snapshot() == before


def test_a_teachers_public_source_edit_is_kept_and_reported(seeded):
    sheet = Source.objects.get(slug=REFERENCE)
    row = sheet.public_sources.order_by("pk").first()
    row.url = "https://example.org/autre-adresse"
    row.save()
    out = seed()
    assert f"conservé   source {REFERENCE} : modifié dans l'admin (sources publiques)" in out
    row.refresh_from_db()
    assert row.url == "https://example.org/autre-adresse"


def test_rows_hashed_before_part_of_existed_are_updated_not_reported(seeded):
    # The île Rousski as a version of the corpus without part_of left it: its hash lacks the key.
    rousski = Place.objects.get(slug="ile-rousski")
    old = {key: getattr(rousski, key) for key in ("name", "aliases", "country")}
    old |= {"latitude": rousski.latitude, "longitude": rousski.longitude}
    Place.objects.filter(pk=rousski.pk).update(part_of=None, seed_hash=loader._digest(old))
    out = seed()
    assert "mis à jour lieu ile-rousski" in out
    assert "conservé   " not in out
    assert Place.objects.get(slug="ile-rousski").part_of.slug == "vladivostok"


def copy_sources_file(corpus: Path, replace: tuple[str, str]) -> None:
    path = corpus.parent / "reference" / "reperes-sources.toml"
    text = path.read_text(encoding="utf-8")
    assert replace[0] in text
    path.write_text(text.replace(*replace), encoding="utf-8")


@pytest.mark.parametrize(
    ("replace", "message"),
    [
        (
            ("[xi-jinping-a-pyongyang]\nsources = [", "[xi-jinping-a-pekin]\nsources = ["),
            "« xi-jinping-a-pekin », qui ne cite pas cette fiche",
        ),
        (
            ('url = "http://tass.com/politics/1055559"', 'url = "tass.com/politics/1055559"'),
            "n'est pas une adresse web valide",
        ),
        (
            ('publisher = "TASS (25 avril 2019)", ', ""),
            "une source n'a pas de « publisher »",
        ),
    ],
)
def test_a_broken_public_sources_file_stops_everything(db, tmp_path, replace, message):
    corpus = copy_corpus(tmp_path)
    copy_sources_file(corpus, replace)
    with pytest.raises(CommandError, match=message):
        seed("--corpus", str(corpus))
    assert not Source.objects.exists()


def test_an_event_citing_the_sheet_without_public_sources_is_refused(db, tmp_path):
    corpus = copy_corpus(tmp_path)
    path = corpus.parent / "reference" / "reperes-sources.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index("[pourparlers-de-stockholm]")
    path.write_text(text[:start], encoding="utf-8")
    with pytest.raises(CommandError, match="« pourparlers-de-stockholm » cite la fiche"):
        seed("--corpus", str(corpus))


def test_places_inside_each_other_in_a_loop_are_refused(db, tmp_path):
    corpus = copy_corpus(
        tmp_path,
        (
            'slug = "vladivostok"\nname = "Vladivostok"\n',
            'slug = "vladivostok"\nname = "Vladivostok"\npart_of = "ile-rousski"\n',
        ),
    )
    with pytest.raises(CommandError, match="tourne en rond"):
        seed("--corpus", str(corpus))


# Rows a teacher deleted ---------------------------------------------------------------------

DELETED_KEPT = "supprimé par un enseignant : conservé tel quel"


def test_a_quote_a_teacher_deleted_is_not_brought_back(seeded):
    Quote.objects.get(text="solutions").delete()

    out = seed()

    assert f"absent     citation « solutions » : {DELETED_KEPT}" in out
    assert "1 élément(s) supprimé(s) par un enseignant non recréé(s)" in out
    assert not Quote.objects.filter(text="solutions").exists()
    # And again: still deleted, still reported, nothing moves.
    before = snapshot()
    again = seed()
    assert f"absent     citation « solutions » : {DELETED_KEPT}" in again
    assert "Rien n'a changé" in again
    assert snapshot() == before


def test_rows_deleted_with_the_admin_delete_action_are_not_brought_back(seeded, admin_client):
    event = Event.objects.get(slug="sommet-de-hanoi")
    for model, row in ((Event, event), (Quiz, Quiz.objects.get(slug="le-sommet-de-vladivostok"))):
        opts = model._meta
        response = admin_client.post(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
            {"action": "delete_selected", "_selected_action": [row.pk], "post": "yes"},
        )
        assert response.status_code == 302

    out = seed()

    assert f"absent     événement sommet-de-hanoi : {DELETED_KEPT}" in out
    assert f"absent     quiz le-sommet-de-vladivostok : {DELETED_KEPT}" in out
    assert not Event.objects.filter(slug="sommet-de-hanoi").exists()
    assert not Quiz.objects.filter(slug="le-sommet-de-vladivostok").exists()


def test_a_deleted_source_brings_back_neither_its_quotes_nor_its_citations(seeded):
    source = Source.objects.annotate(quotes=Count("citations__quote")).order_by("-quotes")[0]
    quotes = set(Quote.objects.filter(citations__source=source).values_list("pk", flat=True))
    assert quotes
    source.delete()

    out = seed()

    assert f"absent     source {source.slug} : {DELETED_KEPT}" in out
    assert not Source.objects.filter(slug=source.slug).exists()
    assert not Citation.objects.filter(source__slug=source.slug).exists()
    # Its quotations, cited nowhere else, were not written again.
    assert "créé " not in out
    assert Quote.objects.filter(pk__in=quotes).count() == len(quotes)


def test_a_deleted_place_and_actor_are_left_out_of_the_rows_that_named_them(seeded):
    vladivostok = Place.objects.get(slug="vladivostok")
    named_at = set(Event.objects.filter(place=vladivostok).values_list("slug", flat=True))
    vladivostok.delete()
    actor = Actor.objects.filter(quotes__isnull=True, events__isnull=False).order_by("slug")[0]
    actor.delete()

    out = seed()

    assert f"absent     lieu vladivostok : {DELETED_KEPT}" in out
    assert f"absent     acteur {actor.slug} : {DELETED_KEPT}" in out
    assert not Place.objects.filter(slug="vladivostok").exists()
    assert not Actor.objects.filter(slug=actor.slug).exists()
    assert Place.objects.get(slug="ile-rousski").part_of is None
    assert not Event.objects.filter(slug__in=named_at, place__isnull=False).exists()
    # The rows that pointed to them lost the link by the deletion itself, not by an edit.
    assert "conservé   " not in out
    assert "Rien n'a changé" in seed()


def test_restore_deleted_brings_the_rows_back_on_purpose(seeded):
    Quote.objects.get(text="solutions").delete()
    Event.objects.get(slug="sommet-de-hanoi").delete()

    out = seed("--restore-deleted")

    assert "2 suppression(s) oubliée(s)" in out
    assert "créé       événement sommet-de-hanoi" in out
    assert "créé       citation « solutions »" in out
    assert Quote.objects.get(text="solutions").citations.exists()
    assert not SeedTombstone.objects.exists()
    assert "Rien n'a changé" in seed()


def test_a_failed_restore_forgets_nothing(seeded, tmp_path):
    Event.objects.get(slug="sommet-de-hanoi").delete()
    corpus = copy_corpus(
        tmp_path,
        ("depuis son retour de Hanoï, théâtre", "depuis son retour de Hanoi, théâtre"),
    )

    with pytest.raises(CommandError):
        seed("--corpus", str(corpus), "--restore-deleted")

    assert SeedTombstone.objects.filter(kind="event", key="sommet-de-hanoi").exists()
    assert not Event.objects.filter(slug="sommet-de-hanoi").exists()


def test_a_deleted_public_source_is_kept_deleted_as_an_edit(seeded):
    sheet = Source.objects.get(slug=REFERENCE)
    row = sheet.public_sources.order_by("pk").first()
    row.delete()
    out = seed()
    assert f"conservé   source {REFERENCE} : modifié dans l'admin (sources publiques)" in out
    assert not sheet.public_sources.filter(url=row.url, start=row.start).exists()

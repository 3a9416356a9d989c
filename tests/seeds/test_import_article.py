from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from quiz.models import Question
from seeds.importer import (
    ARTICLE_BINARY,
    ARTICLE_EMPTY,
    ARTICLE_NO_DATE,
)
from summit.models import Actor, Citation, Event, Quote, Source

pytestmark = pytest.mark.django_db

ARTICLES = Path(__file__).resolve().parent / "articles"


def import_article(*args: str) -> str:
    out = StringIO()
    call_command("import_article", *map(str, args), stdout=out)
    return out.getvalue()


def preview(path: Path, *args: str) -> dict:
    return json.loads(import_article(path, "--dry-run", "--json", *args))


def quotes_of(result: dict) -> list[tuple[str, str | None, str]]:
    return [(q["text"][:40], q["speaker"], q["kind"]) for q in result["quotes"]]


def events_of(result: dict) -> list[tuple[str, str]]:
    return [(e["date"], e["precision"]) for e in result["events"]]


def test_json_contract_shape():
    result = preview(ARTICLES / "conseil-municipal.txt")
    assert set(result) == {"source", "quotes", "events", "actors", "places"}
    assert {"title", "outlet", "published_on", "text"} <= set(result["source"])
    assert {"language", "format"} <= set(result["source"])
    assert set(result["quotes"][0]) == {
        "text",
        "speaker",
        "kind",
        "start",
        "end",
        "said_on",
        "said_on_basis",
        "event",
    }
    assert set(result["events"][0]) == {
        "title",
        "matches",
        "date",
        "precision",
        "sentence",
        "start",
        "end",
        "actors",
        "place",
    }
    text = result["source"]["text"]
    for quote in result["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]
    for event in result["events"]:
        assert text[event["start"] : event["end"]] == event["sentence"]


def test_guillemets_and_a_publication_line():
    result = preview(ARTICLES / "conseil-municipal.txt")
    assert result["source"]["title"] == "Le conseil municipal de Lyon adopte le budget des cantines"
    assert result["source"]["published_on"] == "2018-03-13"
    assert result["source"]["author"] == "Léa Fontaine"
    assert "PUBLICITÉ" not in result["source"]["text"]
    assert "Villeurbanne" not in result["source"]["text"]
    assert quotes_of(result) == [
        ("Nous voulons des repas bio dans toutes l", "Marie Dubois", "statement"),
        ("effet d'annonce", "L'opposition", "fragment"),
        ("bien plus cher que prévu", "Paul Girard", "fragment"),
    ]
    assert events_of(result) == [("2018-03-12", "day"), ("2017-01-01", "year")]


def test_curly_and_straight_quotes_and_a_pronoun():
    result = preview(ARTICLES / "festival.txt", "--published", "2024-02-05")
    assert quotes_of(result) == [
        ("une édition exceptionnelle", "Sophie Marchand", "fragment"),
        ("Les jeunes lecteurs sont revenus en mass", "Sophie Marchand", "statement"),
        ("Nous avons dû refuser du monde samedi", "Thomas Leroy", "statement"),
        ("L'an prochain, nous ouvrirons deux salle", "Thomas Leroy", "statement"),
    ]
    # « ce week-end » dates the record (the weekend before that Monday); « il y a près de
    # cinquante ans » dates the festival's creation, not the record.
    assert events_of(result) == [("2024-02-03", "day"), ("2024-01-01", "month")]


def test_attribution_after_the_quote_and_the_year_before():
    result = preview(ARTICLES / "sommet-climat.txt", "--published", "2024-11-22")
    assert quotes_of(result) == [
        ("décevant", "ONG", "fragment"),
        ("C'est un premier pas, pas une fin en soi", "Claire Bonnet", "statement"),
        ("accélérer le calendrier", "Ricardo Alves", "fragment"),
        ("Nous attendons des actes", "Greenpeace", "statement"),
    ]
    # The last sentence is Greenpeace's words, not a happening.
    assert events_of(result) == [("2024-11-21", "day"), ("2015-01-01", "year")]
    assert [q["said_on"] for q in result["quotes"]][-1] == "2024-11-22"


def test_a_dry_run_writes_nothing():
    preview(ARTICLES / "sommet-climat.txt", "--published", "2024-11-22")
    assert not Source.objects.exists()
    assert not Actor.objects.exists()


def test_import_stores_everything_unpublished_for_review(tmp_path):
    out = import_article(ARTICLES / "conseil-municipal.txt", "--outlet", "Le Progrès")
    assert "3 citation(s) et 2 événement(s) candidat(s), non publiés" in out
    source = Source.objects.get()
    assert source.outlet == "Le Progrès"
    assert not Quote.objects.filter(published=True).exists()
    assert not Event.objects.filter(published=True).exists()
    assert Quote.objects.count() == 3
    assert Event.objects.count() == 2
    drafts = set(Actor.objects.filter(is_draft=True).values_list("name", flat=True))
    assert drafts == {"Marie Dubois", "L'opposition", "Paul Girard"}
    for citation in Citation.objects.select_related("source", "quote"):
        citation.full_clean()


def test_known_speakers_are_reused_never_replaced(seeded, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(
        "Nouvelle rencontre à Moscou\n\n"
        "« Nous sommes prêts à continuer », a déclaré Vladimir Poutine lundi.\n\n"
        "Le dirigeant nord-coréen a salué une « amitié indéfectible ». Selon Jean Martin, "
        "diplomate, rien n'est « encore décidé ».",
        encoding="utf-8",
    )
    drafts_before = Actor.objects.filter(is_draft=True).count()
    import_article(article, "--published", "2019-09-04")
    speakers = dict(Quote.objects.filter(published=False).values_list("text", "speaker__slug"))
    assert speakers["Nous sommes prêts à continuer"] == "vladimir-poutine"
    assert speakers["amitié indéfectible"] == "kim-jong-un"
    assert speakers["encore décidé"] == "jean-martin"
    assert Actor.objects.filter(is_draft=True).count() == drafts_before + 1
    # A sentence that is mostly a quotation is not an event.
    assert not Event.objects.filter(published=False).exists()


def test_importing_the_same_file_twice_changes_nothing():
    import_article(ARTICLES / "festival.txt", "--published", "2024-02-05")
    counts = (Source.objects.count(), Quote.objects.count(), Citation.objects.count())
    out = import_article(ARTICLES / "festival.txt", "--published", "2024-02-05")
    assert "Déjà importé" in out
    assert (Source.objects.count(), Quote.objects.count(), Citation.objects.count()) == counts


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        (b"", (), ARTICLE_EMPTY),
        (b"  \n\n \t\n", (), ARTICLE_EMPTY),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", (), ARTICLE_BINARY),
        (
            "Un été à Paris\n\nLe maire a déclaré « c'est réussi ».".encode("latin-1"),
            ("--published", "2020-08-01"),
            "n'est pas encodé en UTF-8",
        ),
        (b"Un article sans date\n\nIl fait beau.", (), ARTICLE_NO_DATE),
        (b"Un article\n\nIl fait beau.", ("--published", "25/04/2019"), "AAAA-MM-JJ"),
        (
            b"Un article\n\nIl fait beau.",
            ("--language", "de", "--published", "2020-01-01"),
            "invalid choice: 'de'",
        ),
        (
            b"Un article\n\nIl fait beau.",
            ("--url", "pas une adresse", "--published", "2020-01-01"),
            "Adresse de l'article invalide « pas une adresse »",
        ),
        (
            b"Un article\n\nIl fait beau.",
            ("--url", "ftp://exemple.fr/a", "--published", "2020-01-01"),
            "Adresse de l'article invalide",
        ),
        (
            b"Un article\n\nIl fait beau.",
            ("--publish", "--dry-run", "--published", "2020-01-01"),
            "--publish et --dry-run s'excluent",
        ),
    ],
)
def test_bad_files_get_a_clear_error_and_write_nothing(tmp_path, content, args, message):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError) as raised:
        import_article(path, *args)
    assert message in str(raised.value)
    assert not Source.objects.exists()
    assert not Actor.objects.exists()


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(CommandError, match=r"absent\.txt"):
        import_article(tmp_path / "absent.txt", "--published", "2020-01-01")


MOSCOW = (
    "Nouvelle rencontre à Moscou\n\n"
    "Vladimir Poutine a rencontré Kim Jong-un lundi à Moscou.\n\n"
    "« Nous sommes prêts à continuer la coopération avec nos amis coréens », a déclaré "
    "Vladimir Poutine.\n\n"
    "Le dirigeant nord-coréen a salué une « amitié indéfectible entre nos deux peuples ». "
    "Selon Jean Martin, "
    "diplomate, rien n'est « encore décidé »."
)


def test_publish_stores_publishes_and_builds_the_questions(seeded, tmp_path):
    article = tmp_path / "moscou.txt"
    article.write_text(MOSCOW, encoding="utf-8")
    out = import_article(article, "--published", "2019-09-04", "--publish")
    assert "Enregistrée et publiée" in out
    assert "Banque de questions" in out
    source = Source.objects.get(raw_filename="moscou.txt")
    quotes = Quote.objects.filter(citations__source=source)
    events = Event.objects.filter(citations__source=source)
    assert quotes.count() == 3
    assert not quotes.filter(published=False).exists()
    assert not events.filter(published=False).exists()
    assert not Actor.objects.get(name="Jean Martin").is_draft
    # Words dated by the day of publication only (said « lundi ») are never asked with that
    # day: only as reported by the article.
    for question in Question.objects.published().filter(quote__in=quotes):
        if question.quote.said_on_basis == Quote.DateBasis.PUBLICATION:
            assert "le 4 septembre 2019" not in question.stem.casefold(), question.stem


def test_publishing_the_same_file_again_changes_nothing(seeded, tmp_path):
    article = tmp_path / "moscou.txt"
    article.write_text(MOSCOW, encoding="utf-8")
    import_article(article, "--published", "2019-09-04", "--publish")
    counts = (Source.objects.count(), Quote.objects.count(), Question.objects.count())
    out = import_article(article, "--published", "2019-09-04", "--publish")
    assert "Déjà importé" in out
    assert (Source.objects.count(), Quote.objects.count(), Question.objects.count()) == counts


def test_the_same_article_in_other_bytes_is_already_imported(tmp_path):
    first = tmp_path / "a.txt"
    second = tmp_path / "b.txt"
    text = (ARTICLES / "festival.txt").read_text(encoding="utf-8")
    first.write_text(text, encoding="utf-8")
    second.write_bytes(("\ufeff" + text + "\n\n\n").encode("utf-8"))
    import_article(first, "--published", "2024-02-05")
    out = import_article(second, "--published", "2024-02-05")
    assert "Déjà importé" in out
    assert Source.objects.count() == 1
    again = json.loads(import_article(second, "--published", "2024-02-05", "--json"))
    assert again["source"]["already_imported"] is True


@pytest.mark.parametrize(("option", "stored"), [("fr", "fr"), ("en", "en"), ("auto", "fr")])
def test_the_language_is_chosen_or_detected_and_stored(tmp_path, option, stored):
    import_article(ARTICLES / "festival.txt", "--published", "2024-02-05", "--language", option)
    assert Source.objects.get().language == stored


def test_the_language_defaults_to_detection():
    result = preview(ARTICLES / "conseil-municipal.txt")
    assert result["source"]["language"] == "fr"


def test_an_import_past_the_time_limit_is_a_clear_error_and_writes_nothing(settings):
    settings.SUMMIT_IMPORT_TIME_LIMIT = 1e-9
    with pytest.raises(CommandError) as raised:
        import_article(ARTICLES / "conseil-municipal.txt")
    assert "L'extraction a dépassé la limite" in str(raised.value)
    assert "Rien n'a été écrit." in str(raised.value)
    assert not Source.objects.exists()
    assert not Actor.objects.exists()


def test_a_good_url_is_stored():
    import_article(
        ARTICLES / "festival.txt", "--published", "2024-02-05", "--url", "https://exemple.fr/a"
    )
    assert Source.objects.get().url == "https://exemple.fr/a"

from __future__ import annotations

import datetime
import html
import re
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from quiz.models import Question
from seeds import importer
from seeds.importer import ARTICLE_BINARY, ARTICLE_ENCODING
from summit.forms import (
    BOTH_GIVEN,
    DUPLICATE,
    MAX_ARTICLE_BYTES,
    NO_ARTICLE,
    NO_DATE,
    NOT_TXT,
    PREVIEW_INVALID,
    TOO_LARGE,
    ArticleSubmission,
)
from summit.models import Actor, Citation, Event, Job, Quote, Source
from tests.fakes import ARTICLE, fake_extractor, singapore_cast

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
EURONEWS = ROOT / "seeds" / "articles" / "000_23cb88113d4ad096.txt"
COUNCIL = ROOT / "tests" / "seeds" / "articles" / "conseil-municipal.txt"
IMPORT = reverse("admin:summit_source_import")
CONFIRM = reverse("admin:summit_source_import_confirm")
EVENTS = reverse("admin:summit_event_changelist")
QUOTES = reverse("admin:summit_quote_changelist")
MOSCOW = (
    "Nouvelle rencontre à Moscou\n\n"
    "Vladimir Poutine a rencontré Kim Jong-un lundi à Moscou.\n\n"
    "« Nous sommes prêts à continuer la coopération avec nos amis coréens », a déclaré "
    "Vladimir Poutine.\n\n"
    "Le dirigeant nord-coréen a salué une « amitié indéfectible entre nos deux peuples ». "
    "Selon Jean Martin, "
    "diplomate, rien n'est « encore décidé »."
)


def metadata(**values: str) -> dict[str, str]:
    return {"title": "", "outlet": "", "published_on": "", "url": "", "language": "fr", **values}


def paste(text: str, **values: str) -> dict[str, str]:
    return {"text": text, **metadata(**values)}


def signed(response) -> str:
    return response.context["confirm"]["article"].value()


def error_texts(response) -> list[str]:
    form = response.context["form"]
    found = [str(message) for messages in form.errors.values() for message in messages]
    found += [str(message) for message in response.context.get("errors") or []]
    return found


def assert_refused(response, message: str) -> None:
    assert response.status_code == 400
    assert message in error_texts(response)
    assert html.escape(message) in response.content.decode()


def written() -> tuple[int, ...]:
    return tuple(
        model.objects.count() for model in (Source, Actor, Event, Quote, Citation, Question)
    )


def snapshot() -> dict[str, object]:
    """What an import stored, without row ids and timestamps."""
    source = Source.objects.get()
    return {
        "source": {
            field: getattr(source, field)
            for field in (
                "slug",
                "title",
                "outlet",
                "author",
                "published_on",
                "language",
                "url",
                "text",
                "raw_filename",
                "raw_sha256",
                "credit",
            )
        },
        "actors": sorted(Actor.objects.values_list("slug", "name", "is_draft")),
        "events": [
            (
                event.slug,
                event.title,
                event.summary,
                event.date,
                event.precision,
                event.place_id and event.place.slug,
                sorted(actor.slug for actor in event.actors.all()),
                event.published,
                [(c.start, c.end) for c in event.citations.all()],
            )
            for event in Event.objects.order_by("slug")
        ],
        "quotes": [
            (
                quote.text,
                quote.speaker.slug,
                quote.kind,
                quote.said_on,
                quote.published,
                [(c.start, c.end) for c in quote.citations.all()],
            )
            for quote in Quote.objects.order_by("text", "speaker__slug")
        ],
    }


def clear_content() -> None:
    Citation.objects.all().delete()
    Quote.objects.all().delete()
    Event.objects.all().delete()
    Source.objects.all().delete()
    Actor.objects.all().delete()


def command_import(path: Path, *args: str) -> None:
    call_command("import_article", str(path), *args, stdout=StringIO())


def admin_import(client, data: dict) -> Source:
    preview = client.post(IMPORT, data)
    assert preview.status_code == 200, error_texts(preview)
    response = client.post(CONFIRM, {"article": signed(preview)})
    assert response.status_code == 302
    source = Source.objects.latest("pk")
    assert response["Location"] == f"{EVENTS}?source={source.pk}"
    return source


@pytest.fixture
def staff_client(client):
    """A staff member who may see and add sources, and nothing else."""
    user = get_user_model().objects.create_user("prof", password="motdepasse-solide")
    user.is_staff = True
    user.save()
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_source", "view_source"])
    )
    client.force_login(user)
    return client


@pytest.fixture
def reader_client(client):
    """A staff member who may only look at sources."""
    user = get_user_model().objects.create_user("lecteur", password="motdepasse-solide")
    user.is_staff = True
    user.save()
    user.user_permissions.add(Permission.objects.get(codename="view_source"))
    client.force_login(user)
    return client


# Permissions


def test_it_sends_visitors_to_the_login_page(client):
    assert client.get(IMPORT).status_code == 302
    response = client.post(CONFIRM, {"article": "x"})
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_it_refuses_staff_without_the_right_to_add_sources(reader_client):
    assert reader_client.get(IMPORT).status_code == 403
    assert reader_client.post(IMPORT, paste(MOSCOW, published_on="2019-09-04")).status_code == 403
    assert reader_client.post(CONFIRM, {"article": "x"}).status_code == 403
    changelist = reader_client.get(reverse("admin:summit_source_changelist"))
    assert IMPORT not in changelist.content.decode()
    assert not Source.objects.exists()


def test_staff_who_may_add_sources_see_the_button_and_the_form(staff_client):
    changelist = staff_client.get(reverse("admin:summit_source_changelist"))
    assert f'href="{IMPORT}"' in changelist.content.decode()
    page = staff_client.get(IMPORT)
    assert page.status_code == 200
    body = page.content.decode()
    assert 'enctype="multipart/form-data"' in body
    for name in ("text", "file", "title", "outlet", "published_on", "url", "language"):
        assert f'name="{name}"' in body
    assert "Importer un article" in body
    preview = staff_client.post(IMPORT, paste(MOSCOW, published_on="2019-09-04"))
    assert preview.status_code == 200
    confirm = staff_client.post(CONFIRM, {"article": signed(preview)})
    # Without the right to see events, the review starts from the sources.
    assert confirm["Location"] == reverse("admin:summit_source_changelist")
    assert Source.objects.get().title == "Nouvelle rencontre à Moscou"


def test_confirming_needs_a_post(admin_client):
    assert admin_client.get(CONFIRM).status_code == 405


# The paste flow


def test_a_preview_shows_every_quote_and_event_in_its_sentence_and_writes_nothing(admin_client):
    before = written()
    response = admin_client.post(
        IMPORT, paste(MOSCOW, published_on="2019-09-04", outlet="Le Monde")
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert written() == before
    assert "<mark>Nous sommes prêts à continuer la coopération avec nos amis coréens</mark>" in body
    assert "<mark>amitié indéfectible entre nos deux peuples</mark>" in body
    assert "lundi 2 septembre 2019" in body
    preview = response.context["preview"]
    speakers = [(q.speaker, q.speaker_status) for q in preview.quotes]
    assert speakers[0] == ("Vladimir Poutine", "new")
    assert speakers[2] == ("Jean Martin", "new")
    # Without a known actor, « le dirigeant nord-coréen » is nobody in particular yet.
    assert speakers[1] != ("Jean Martin", "new")
    # The new speakers, then the new people the new events name.
    assert preview.new_actors == ["Vladimir Poutine", "Jean Martin", "Kim Jong-un"]
    assert len(preview.quotes) == 3
    assert len(preview.events) == 1
    assert 'class="summit-import-quote"' in body
    assert 'class="summit-import-event"' in body
    assert "3 citations" in body
    assert "1 événement candidat" in body


def test_a_preview_resolves_known_speakers_and_flags_new_ones(admin_client, seeded):
    response = admin_client.post(IMPORT, paste(MOSCOW, published_on="2019-09-04"))
    preview = response.context["preview"]
    assert [(q.speaker, q.speaker_status) for q in preview.quotes] == [
        ("Vladimir Poutine", "known"),
        ("Kim Jong-un", "known"),
        ("Jean Martin", "new"),
    ]
    assert preview.new_actors == ["Jean Martin"]
    assert [(e.date, e.actors) for e in preview.events] == [
        ("lundi 2 septembre 2019", ("Vladimir Poutine", "Kim Jong-un"))
    ]
    body = response.content.decode()
    assert "nouvel acteur à vérifier" in body
    assert "1 nouvel acteur sera créé, à vérifier : Jean Martin." in body


def test_an_unattributed_quote_is_shown_as_author_to_identify(admin_client):
    text = (
        "Une journée ordinaire à Lyon\n\n"
        "« Nous resterons vigilants jusqu'à la fin du mois, quoi qu'il arrive. »\n\n"
        "La ville était calme lundi."
    )
    response = admin_client.post(IMPORT, paste(text, published_on="2020-01-08"))
    assert response.status_code == 200
    quotes = response.context["preview"].quotes
    assert [(q.speaker, q.speaker_status) for q in quotes] == [("Auteur à identifier", "unknown")]
    assert "« Auteur à identifier »" in html.unescape(response.content.decode())


def test_pasting_a_seed_article_stores_what_the_command_stores(admin_client):
    command_import(EURONEWS, "--published", "2019-04-24", "--outlet", "Euronews")
    expected = snapshot()
    clear_content()
    # A browser sends the textarea's line breaks as CRLF.
    text = EURONEWS.read_text(encoding="utf-8").replace("\n", "\r\n")
    admin_import(admin_client, paste(text, published_on="2019-04-24", outlet="Euronews"))
    stored = snapshot()
    assert stored["source"]["raw_filename"] == ""
    stored["source"]["raw_filename"] = expected["source"]["raw_filename"]
    assert stored == expected
    assert Event.objects.exists()
    assert Quote.objects.count() >= 3
    assert not Event.objects.filter(published=True).exists()
    assert not Quote.objects.filter(published=True).exists()
    for citation in Citation.objects.select_related("source", "quote"):
        citation.full_clean()


def test_the_confirmation_lands_on_the_new_sources_events_with_a_message(admin_client):
    response = admin_client.post(IMPORT, paste(MOSCOW, published_on="2019-09-04"))
    response = admin_client.post(CONFIRM, {"article": signed(response)}, follow=True)
    source = Source.objects.get()
    body = response.content.decode()
    assert "3 citation(s) et 1 événement(s) candidat(s), non publiés" in html.unescape(body)
    assert f'href="{QUOTES}?source={source.pk}"' in body
    assert response.context["cl"].result_count == 1
    quotes = admin_client.get(f"{QUOTES}?source={source.pk}")
    assert quotes.context["cl"].result_count == 3


def test_the_source_filter_keeps_other_articles_out(admin_client, seeded):
    source = admin_import(admin_client, paste(MOSCOW, published_on="2019-09-04"))
    events = admin_client.get(f"{EVENTS}?source={source.pk}").context["cl"].result_list
    assert [event.summary for event in events] == [
        "Vladimir Poutine a rencontré Kim Jong-un lundi à Moscou."
    ]
    assert Event.objects.count() > 1


def test_the_extraction_is_run_again_on_confirmation(admin_client, seeded):
    """A speaker added between preview and confirmation is used: the page is never trusted."""
    response = admin_client.post(IMPORT, paste(MOSCOW, published_on="2019-09-04"))
    Actor.objects.create(slug="jean-martin", name="Jean Martin", description="Diplomate")
    admin_client.post(CONFIRM, {"article": signed(response)})
    quote = Quote.objects.get(text="encore décidé")
    assert quote.speaker.slug == "jean-martin"
    assert not Actor.objects.filter(name="Jean Martin", is_draft=True).exists()


# The upload flow


def test_uploading_a_file_reads_its_date_and_stores_what_the_command_stores(admin_client):
    command_import(COUNCIL, "--outlet", "Le Progrès")
    expected = snapshot()
    clear_content()
    upload = SimpleUploadedFile(COUNCIL.name, COUNCIL.read_bytes(), content_type="text/plain")
    response = admin_client.post(IMPORT, {"file": upload, **metadata(outlet="Le Progrès")})
    assert response.status_code == 200
    assert written()[:5] == (0, 0, 0, 0, 0)
    body = html.unescape(response.content.decode())
    assert "Date de publication lue dans l'article" in body
    assert "mardi 13 mars 2018" in body
    admin_client.post(CONFIRM, {"article": signed(response)})
    assert snapshot() == expected
    assert Source.objects.get().raw_filename == "conseil-municipal.txt"


# Bad input: a form error in French and nothing written


def upload(name: str, data: bytes) -> dict[str, object]:
    return {"file": SimpleUploadedFile(name, data), **metadata(published_on="2019-09-04")}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (paste(""), NO_ARTICLE),
        (paste("  \r\n\t "), NO_ARTICLE),
        (upload("article.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ARTICLE_BINARY),
        (
            upload("article.txt", "Élections à Nice, publié lundi".encode("latin-1")),
            ARTICLE_ENCODING.format(position=0),
        ),
        (upload("article.pdf", MOSCOW.encode()), NOT_TXT),
        (paste(MOSCOW), NO_DATE),
        (
            {"file": SimpleUploadedFile("a.txt", MOSCOW.encode()), **paste(MOSCOW)},
            BOTH_GIVEN,
        ),
        (paste(MOSCOW, published_on="2019-02-31"), "Saisissez une date valide."),
        (
            paste(MOSCOW, published_on="2019-09-04", url="pas une adresse"),
            "Saisissez une URL valide.",
        ),
    ],
    ids=["empty", "blank", "binary", "latin-1", "pdf", "no-date", "both", "bad-date", "bad-url"],
)
def test_bad_input_gets_a_french_error_and_writes_nothing(admin_client, data, message):
    before = written()
    response = admin_client.post(IMPORT, data)
    assert_refused(response, str(message))
    assert written() == before


def test_an_empty_file_is_refused(admin_client):
    response = admin_client.post(IMPORT, upload("article.txt", b""))
    assert response.status_code == 400
    assert "Le fichier soumis est vide." in error_texts(response)
    assert not Source.objects.exists()


def test_a_language_the_import_does_not_know_is_refused(admin_client):
    response = admin_client.post(IMPORT, paste(MOSCOW, published_on="2019-09-04", language="de"))
    assert response.status_code == 400
    assert response.context["form"].errors["language"]
    assert not Source.objects.exists()


def test_the_form_offers_both_languages_and_detection(admin_client):
    body = admin_client.get(IMPORT).content.decode()
    for value, label in (("auto", "détection automatique"), ("fr", "français"), ("en", "anglais")):
        assert f'<option value="{value}"' in body
        assert label in body
    assert '<option value="auto" selected>' in body


def test_a_language_chosen_is_stored_and_shown(admin_client):
    text = 'Summit in Moscow\n\n"We are ready to continue," Vladimir Putin said on Monday.'
    response = admin_client.post(IMPORT, paste(text, published_on="2019-09-04", language="en"))
    assert response.status_code == 200, error_texts(response)
    body = response.content.decode()
    assert '<dd class="summit-import-language">anglais</dd>' in body
    assert "(détectée)" not in body
    admin_client.post(CONFIRM, {"article": signed(response)})
    assert Source.objects.get().language == "en"


def test_a_detected_language_and_the_format_are_shown(admin_client):
    response = admin_client.post(IMPORT, paste(MOSCOW, published_on="2019-09-04", language="auto"))
    body = html.unescape(response.content.decode())
    assert '<dd class="summit-import-language">français (détectée)</dd>' in body
    assert '<dd class="summit-import-format">article de presse</dd>' in body


@pytest.mark.parametrize("how", ["file", "text"])
def test_an_article_over_the_size_limit_is_refused(admin_client, how):
    big = ("Un texte très long. " * (MAX_ARTICLE_BYTES // 20 + 10)).encode()
    data = (
        upload("long.txt", big) if how == "file" else paste(big.decode(), published_on="2019-09-04")
    )
    response = admin_client.post(IMPORT, data)
    size = -(-len(big) // 1024)
    assert_refused(response, TOO_LARGE % {"size": size, "limit": MAX_ARTICLE_BYTES // 1024})
    assert not Source.objects.exists()


def test_a_tampered_or_made_up_preview_is_refused(admin_client):
    response = admin_client.post(IMPORT, paste(MOSCOW, published_on="2019-09-04"))
    value = signed(response)
    for forged in ("", "bonjour", value[:-3] + "abc", value.replace(":", ";", 1)):
        confirm = admin_client.post(CONFIRM, {"article": forged})
        assert confirm.status_code == 400
        assert not Source.objects.exists()
    assert str(PREVIEW_INVALID) in error_texts(admin_client.post(CONFIRM, {"article": "bonjour"}))


# Duplicates


def test_an_article_already_imported_is_refused_at_preview(admin_client):
    command_import(COUNCIL)
    source = Source.objects.get()
    before = written()
    upload_data = {"file": SimpleUploadedFile(COUNCIL.name, COUNCIL.read_bytes()), **metadata()}
    response = admin_client.post(IMPORT, upload_data)
    assert_refused(response, DUPLICATE % {"title": source.title, "slug": source.slug})
    assert written() == before


def test_a_seed_article_pasted_again_is_a_duplicate(admin_client, seeded):
    before = written()
    text = EURONEWS.read_text(encoding="utf-8").replace("\n", "\r\n") + "\r\n\r\n"
    response = admin_client.post(IMPORT, paste(text, published_on="2019-04-24"))
    assert response.status_code == 400
    assert any("Cet article a déjà été importé" in error for error in error_texts(response))
    assert written() == before


def test_an_article_imported_between_preview_and_confirmation_is_refused(admin_client):
    response = admin_client.post(IMPORT, paste(MOSCOW, published_on="2019-09-04"))
    admin_import(admin_client, paste(MOSCOW, published_on="2019-09-04"))
    before = written()
    again = admin_client.post(CONFIRM, {"article": signed(response)})
    assert again.status_code == 400
    source = Source.objects.get()
    assert DUPLICATE % {"title": source.title, "slug": source.slug} in error_texts(again)
    assert written() == before
    # The form comes back filled in, to be corrected or left.
    assert again.context["form"].initial["text"] == MOSCOW


# Publishing rebuilds the question bank


@pytest.fixture
def bank(seeded_bank) -> None:
    """The seeded corpus and its question bank (tests/conftest.py)."""


def action(client, changelist: str, name: str, rows: list) -> object:
    """The action, the rebuild it queues run by the worker, then the job's page it leads to."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            changelist, {"action": name, "_selected_action": [row.pk for row in rows]}
        )
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/jobs/")
    return client.get(response["Location"])


def summary_in(response) -> str:
    """The bank's report: in the messages (a change form rebuilds at once) or on the job's
    page (an action's rebuild)."""
    found = [html.unescape(text) for text in JOB_SUMMARY.findall(response.content.decode())]
    found += [str(message) for message in response.context["messages"]]
    found = [text for text in found if text.startswith("Banque de questions :")]
    assert len(found) == 1, found
    return found[0]


JOB_SUMMARY = re.compile(r'<p class="job-summary">(.*?)</p>')


def test_publishing_imported_facts_adds_their_questions_to_the_bank(admin_client, bank):
    source = admin_import(admin_client, paste(MOSCOW, published_on="2019-09-04"))
    events = list(Event.objects.filter(citations__source=source))
    quotes = list(Quote.objects.filter(citations__source=source))
    assert not Question.objects.filter(event__in=events).exists()
    assert not Question.objects.filter(quote__in=quotes).exists()

    response = action(admin_client, EVENTS, "publish", events)
    assert "1 élément publié." in response.content.decode()
    created = int(re.search(r"(\d+) créée\(s\)", summary_in(response)).group(1))
    assert created > 0
    assert Question.objects.published().filter(event__in=events).exists()

    response = action(admin_client, QUOTES, "publish", quotes)
    assert "3 éléments publiés." in response.content.decode()
    summary_in(response)
    # Words dated by the day of publication only (said « lundi ») are never asked with that
    # day: only as reported by the article.
    for question in Question.objects.published().filter(quote__in=quotes):
        if question.quote.said_on_basis == Quote.DateBasis.PUBLICATION:
            assert "le 4 septembre 2019" not in question.stem.casefold(), question.stem


def test_unpublishing_retires_the_questions_built_on_it(admin_client, bank):
    event = Event.objects.published().filter(questions__isnull=False).first()
    assert Question.objects.published().filter(event=event).exists()
    asked = Question.objects.active().filter(event=event, edited=False).exclude(fingerprint="")
    count = asked.count()
    response = action(admin_client, EVENTS, "unpublish", [event])
    page = response.content.decode()
    assert "1 élément dépublié." in page
    # They left the quizzes with the event, before the rebuild ran.
    if count == 1:
        assert "1 question sur ce contenu a quitté les quiz." in page
    else:
        assert f"{count} questions sur ce contenu ont quitté les quiz." in page
    summary_in(response)
    assert not Question.objects.published().filter(event=event).exists()


def change_form_data(event: Event, **changes: object) -> dict[str, object]:
    citations = list(event.citations.all())
    data: dict[str, object] = {
        "title": event.title,
        "slug": event.slug,
        "summary": event.summary,
        "date": event.date.isoformat(),
        "precision": event.precision,
        "end_date": event.end_date.isoformat() if event.end_date else "",
        "place": event.place_id or "",
        "actors": [actor.pk for actor in event.actors.all()],
        "fact_check_note": event.fact_check_note,
        "citations-TOTAL_FORMS": len(citations),
        "citations-INITIAL_FORMS": len(citations),
        "citations-MIN_NUM_FORMS": 0,
        "citations-MAX_NUM_FORMS": 1000,
        "_save": "Enregistrer",
    }
    for number, citation in enumerate(citations):
        data |= {
            f"citations-{number}-id": citation.pk,
            f"citations-{number}-event": event.pk,
            f"citations-{number}-source": citation.source_id,
            f"citations-{number}-start": citation.start,
            f"citations-{number}-end": citation.end,
        }
    if event.published:
        data["published"] = "on"
    data |= changes
    return data


def test_publishing_from_the_change_form_rebuilds_the_bank(admin_client, bank):
    source = admin_import(admin_client, paste(MOSCOW, published_on="2019-09-04"))
    event = Event.objects.get(citations__source=source)
    url = reverse("admin:summit_event_change", args=[event.pk])
    response = admin_client.post(url, change_form_data(event, published="on"), follow=True)
    assert response.status_code == 200
    summary_in(response)
    assert Question.objects.published().filter(event=event).exists()


def test_an_edit_no_question_reads_does_not_rebuild(admin_client, bank):
    event = Event.objects.published().first()
    url = reverse("admin:summit_event_change", args=[event.pk])
    response = admin_client.post(url, change_form_data(event, slug="autre-slug"), follow=True)
    messages = [str(message) for message in response.context["messages"]]
    assert not any(message.startswith("Banque de questions") for message in messages)
    event.refresh_from_db()
    assert event.slug == "autre-slug"


def test_an_edit_of_an_unpublished_event_does_not_rebuild(admin_client, bank):
    source = admin_import(admin_client, paste(MOSCOW, published_on="2019-09-04"))
    event = Event.objects.get(citations__source=source)
    url = reverse("admin:summit_event_change", args=[event.pk])
    response = admin_client.post(url, change_form_data(event, date="2019-09-01"), follow=True)
    messages = [str(message) for message in response.context["messages"]]
    assert not any(message.startswith("Banque de questions") for message in messages)


# What the extraction gives, shown before anything is stored


def test_the_preview_shows_titles_matches_and_why_an_actor_is_new(admin_client, monkeypatch):
    singapore_cast()
    monkeypatch.setattr(importer, "article_extract", fake_extractor([]))
    response = admin_client.post(IMPORT, paste(ARTICLE, published_on="2018-06-14"))
    assert response.status_code == 200, error_texts(response)
    body = html.unescape(response.content.decode())
    assert "Donald Trump rencontre Kim Jong-un à Singapour" in body
    assert "correspond à l'événement existant « Sommet de Singapour »" in body
    assert "Les délégations publient un communiqué" in body
    assert "Aucun acteur connu ne s'appelle Mark Rutte." in body
    assert '<dd class="summit-import-format">transcription</dd>' in body
    assert "1 événement candidat correspond à un événement existant" in body
    preview = response.context["preview"]
    assert [(q.speaker, q.speaker_status) for q in preview.quotes] == [
        ("Donald Trump", "known"),
        ("Mark Rutte", "new"),
    ]
    assert [e.matches for e in preview.events] == ["Sommet de Singapour", ""]

    admin_client.post(CONFIRM, {"article": signed(response)})
    assert Event.objects.count() == 2
    assert Event.objects.get(slug="sommet-de-singapour").citations.count() == 1


def test_a_timeout_is_a_form_error_and_writes_nothing(admin_client, settings):
    settings.SUMMIT_IMPORT_TIME_LIMIT = 1e-9
    before = written()
    response = admin_client.post(IMPORT, paste(MOSCOW, published_on="2019-09-04"))
    assert response.status_code == 400
    assert any("L'extraction a dépassé la limite" in error for error in error_texts(response))
    assert written() == before


def test_an_article_stored_by_the_command_in_other_bytes_is_a_duplicate(admin_client):
    command_import(COUNCIL)
    source = Source.objects.get()
    text = COUNCIL.read_text(encoding="utf-8") + "\n\n"
    response = admin_client.post(IMPORT, paste(text))
    assert_refused(response, DUPLICATE % {"title": source.title, "slug": source.slug})


# A long article is imported by the worker


def test_confirming_a_long_article_queues_its_import_and_opens_the_job(
    admin_client, seeded, settings, django_capture_on_commit_callbacks
):
    data = paste(MOSCOW, published_on="2019-09-04")
    preview = admin_client.post(IMPORT, data)
    settings.JOBS_IMPORT_THRESHOLD = len(MOSCOW.encode()) - 1
    before = written()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = admin_client.post(CONFIRM, {"article": signed(preview)})
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("job_detail", args=[job.pk])
    # Nothing imported inside the request: the worker does it.
    assert written() == before
    assert len(queued) == 1
    page = admin_client.get(response["Location"]).content.decode()
    assert "Cet article est long : il est importé en arrière-plan." in html.unescape(page)
    assert "En attente" in page

    queued[0]()
    job.refresh_from_db()
    assert job.state == Job.State.DONE
    source = Source.objects.latest("pk")
    assert job.result_url == f"{EVENTS}?source={source.pk}"
    assert not Event.objects.filter(citations__source=source, published=True).exists()
    assert Event.objects.filter(citations__source=source).exists()


def test_an_article_at_the_threshold_is_still_imported_in_the_request(admin_client, settings):
    settings.JOBS_IMPORT_THRESHOLD = len(MOSCOW.encode())
    admin_import(admin_client, paste(MOSCOW, published_on="2019-09-04"))
    assert not Job.objects.exists()


def test_a_long_article_already_imported_fails_its_job_with_the_reason(
    admin_client, settings, django_capture_on_commit_callbacks
):
    data = paste(MOSCOW, published_on="2019-09-04")
    admin_import(admin_client, data)
    settings.JOBS_IMPORT_THRESHOLD = 10
    # The preview says so; a confirmation sent anyway (two tabs) fails in the worker.
    signature = ArticleSubmission(
        data=MOSCOW.encode(), published_on=datetime.date(2019, 9, 4), language="fr"
    ).sign()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(CONFIRM, {"article": signature})
    job = Job.objects.get()
    assert response["Location"] == reverse("job_detail", args=[job.pk])
    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert "déjà été importé" in job.message

"""A teacher signs in to the admin and checks the evidence behind events and quotations."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "tmp" / "screenshots"
HANOI = "Le sommet de Hanoï entre Donald Trump et Kim Jong-un s'achève sans accord"
EURONEWS = "Kim Jong-Un en Russie pour un premier sommet avec Poutine"


@pytest.fixture
def teacher(live_server) -> tuple[str, str]:
    get_user_model().objects.create_superuser("prof", "prof@example.org", "motdepasse-solide")
    return "prof", "motdepasse-solide"


def sign_in(page, live_server, teacher) -> None:
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Nom d’utilisateur").fill(teacher[0])
    page.get_by_label("Mot de passe").fill(teacher[1])
    page.get_by_role("button", name="Connexion").click()
    expect(page.get_by_role("heading", name="Contenus et quiz")).to_be_visible()


def test_a_teacher_reviews_the_evidence_of_an_event(page, live_server, seeded, teacher):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    sign_in(page, live_server, teacher)
    page.get_by_role("link", name="Événements").first.click()
    page.get_by_role("link", name=HANOI).click()
    marks = page.locator(".summit-sentence mark")
    expect(marks).to_have_count(2)
    expect(marks.first).to_contain_text("fiasco diplomatique retentissant")
    expect(page.get_by_label("Note de vérification")).to_have_value("")
    page.screenshot(path=SCREENSHOTS / "admin-event.png", full_page=True)

    page.goto(f"{live_server.url}/admin/summit/quote/?q=solutions")
    page.get_by_role("link", name="« solutions »").click()
    expect(page.locator(".summit-sentence mark")).to_have_text("solutions")
    expect(page.locator("#id_speaker option:checked")).to_have_text("Vladimir Poutine")


def test_a_teacher_reads_an_article_with_its_cited_spans_on_a_phone(
    phone_page, live_server, seeded, teacher
):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    sign_in(phone_page, live_server, teacher)
    phone_page.goto(f"{live_server.url}/admin/summit/source/")
    phone_page.get_by_role("link", name=EURONEWS).click()
    marks = phone_page.locator(".summit-article mark")
    expect(marks.first).to_be_visible()
    assert marks.count() >= 7
    phone_page.screenshot(path=SCREENSHOTS / "admin-source-phone.png", full_page=True)


def test_a_teacher_changes_a_speaker_and_rebuilds_the_question_bank(
    page, live_server, seeded_bank, teacher
):
    from quiz.models import Kind, Question
    from summit.models import Quote

    quote = Quote.objects.get(text__startswith="Je pense que cette rencontre")
    old = Question.objects.get(kind=Kind.SPEAKER, quote=quote)
    assert old.status == Question.Status.PUBLISHED

    sign_in(page, live_server, teacher)
    page.goto(f"{live_server.url}/admin/summit/quote/{quote.pk}/change/")
    # The speaker is an autocomplete field.
    page.locator("#select2-id_speaker-container").click()
    page.locator(".select2-search__field").fill("Vladimir Poutine")
    page.locator(".select2-results__option", has_text="Vladimir Poutine").first.click()
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("a été modifié")

    page.goto(f"{live_server.url}/admin/quiz/question/")
    page.get_by_role("button", name="Reconstruire la banque de questions").click()
    expect(page.locator(".job-summary")).to_contain_text("retirée")

    old.refresh_from_db()
    assert old.status == Question.Status.RETIRED
    new = Question.objects.get(kind=Kind.SPEAKER, quote=quote, status=Question.Status.PUBLISHED)
    assert new.choices.get(is_correct=True).text == "Vladimir Poutine"
    page.goto(f"{live_server.url}/admin/quiz/question/{old.pk}/change/")
    expect(page.locator("#id_status option:checked")).to_have_text("retirée")

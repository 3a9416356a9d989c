"""A teacher imports an article in the admin, checks the preview, confirms, and publishes."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from summit.models import Actor
from tests.e2e.axe import assert_no_violations, axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "tmp"
ARTICLE = """Nouvelle rencontre à Moscou
PUBLICITÉ
Vladimir Poutine a rencontré Kim Jong-un lundi à Moscou.

« Nous sommes prêts à continuer la coopération avec nos amis coréens », a déclaré Vladimir Poutine.

Le dirigeant nord-coréen a salué une « amitié indéfectible entre nos deux peuples ». Selon \
Jean Martin, diplomate, rien n'est « encore décidé ».
"""


@pytest.fixture
def teacher(live_server) -> tuple[str, str]:
    get_user_model().objects.create_superuser("prof", "prof@example.org", "motdepasse-solide")
    return "prof", "motdepasse-solide"


def test_a_teacher_imports_reviews_and_publishes_an_article(page, live_server, seeded, teacher):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    blocked: list[str] = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Nom d’utilisateur").fill(teacher[0])
    page.get_by_label("Mot de passe").fill(teacher[1])
    page.get_by_role("button", name="Connexion").click()

    page.goto(f"{live_server.url}/admin/summit/source/")
    page.get_by_role("link", name="Importer un article").click()
    page.get_by_label("Texte de l'article").fill(ARTICLE)
    page.get_by_label("Média").fill("Le Courrier")
    page.get_by_label("Date de publication").fill("2019-09-04")
    page.get_by_role("button", name="Prévisualiser").click()

    expect(page.get_by_role("heading", name="Citations extraites (3)")).to_be_visible()
    expect(page.locator(".summit-import-language")).to_have_text("français (détectée)")
    expect(page.locator(".summit-import-format")).to_have_text("article de presse")
    sentences = page.locator(".summit-import-list .summit-sentence mark")
    expect(sentences.first).to_have_text(
        "Nous sommes prêts à continuer la coopération avec nos amis coréens"
    )
    expect(page.locator(".summit-import-speaker").first).to_contain_text("Vladimir Poutine")
    expect(page.locator(".summit-import-speaker").last).to_contain_text("nouvel acteur à vérifier")
    expect(page.locator(".summit-import-article")).not_to_contain_text("PUBLICITÉ")
    expect(page.locator("mark.summit-import-event").first).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "admin-import-preview.png", full_page=True)

    page.get_by_role("button", name="Confirmer et enregistrer (non publié)").first.click()
    expect(page.locator(".messagelist")).to_contain_text("Article importé")
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Vladimir Poutine")
    page.screenshot(path=SCREENSHOTS / "admin-import-review.png", full_page=True)
    quotes = page.get_by_role("link", name="relire les citations de cet article")
    quotes_url = quotes.get_attribute("href")

    rows.first.locator("input.action-select").check()
    page.locator("select[name=action]").select_option("publish")
    page.locator("button[name=index]").click()
    # The question bank is rebuilt by the worker: its job's page follows it to the end.
    expect(page.locator(".messagelist")).to_contain_text("1 élément publié.")
    expect(page.locator(".job-state")).to_have_text("Terminé")
    expect(page.locator(".job-summary")).to_contain_text("Banque de questions")
    page.screenshot(path=SCREENSHOTS / "admin-import-published.png", full_page=True)

    page.goto(f"{live_server.url}{quotes_url}")
    expect(page.locator("#result_list tbody tr")).to_have_count(3)
    page.locator("#action-toggle").check()
    page.locator("select[name=action]").select_option("publish")
    page.locator("button[name=index]").click()
    expect(page.locator(".messagelist")).to_contain_text("3 éléments publiés.")
    assert blocked == []


def test_the_import_form_its_errors_and_the_preview_pass_axe(audit_context, live_server, teacher):
    page = audit_context.new_page()
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Nom d’utilisateur").fill(teacher[0])
    page.get_by_label("Mot de passe").fill(teacher[1])
    page.get_by_role("button", name="Connexion").click()
    page.goto(f"{live_server.url}/admin/summit/source/import/")
    problems = axe_violations(page)
    page.get_by_label("Texte de l'article").fill(ARTICLE)
    page.get_by_label("Adresse de l'article").fill("pas une adresse")
    page.get_by_role("button", name="Prévisualiser").click()
    expect(page.locator("#id_url_error")).to_have_text("Saisissez une URL valide.")
    expect(page.locator("#id_published_on_error")).to_contain_text(
        "La date de publication est introuvable"
    )
    page.screenshot(path=SCREENSHOTS / "admin-import-errors.png", full_page=True)
    problems += axe_violations(page)
    page.get_by_label("Adresse de l'article").fill("")
    page.get_by_label("Date de publication").fill("2019-09-04")
    page.get_by_role("button", name="Prévisualiser").click()
    expect(page.get_by_role("heading", name="Citations extraites (3)")).to_be_visible()
    problems += axe_violations(page)
    assert_no_violations(problems)


def test_a_teacher_merges_a_duplicate_actor(audit_context, live_server, seeded, teacher):
    Actor.objects.create(slug="poutine", name="Poutine", is_draft=True)
    page = audit_context.new_page()
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Nom d’utilisateur").fill(teacher[0])
    page.get_by_label("Mot de passe").fill(teacher[1])
    page.get_by_role("button", name="Connexion").click()
    page.goto(f"{live_server.url}/admin/summit/actor/?q=poutine")
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(2)
    page.locator("#action-toggle").check()
    page.locator("select[name=action]").select_option("merge")
    page.locator("button[name=index]").click()
    expect(page.get_by_role("group", name="Lequel garder ?")).to_be_visible()
    problems = axe_violations(page)
    page.get_by_label("Vladimir Poutine").check()
    page.get_by_role("button", name="Fusionner").click()
    expect(page.locator(".messagelist")).to_contain_text("Fusionné dans « Vladimir Poutine »")
    expect(page.locator(".messagelist")).to_contain_text("Banque de questions")
    page.screenshot(path=SCREENSHOTS / "admin-merge.png", full_page=True)
    assert_no_violations(problems)
    assert "Poutine" in Actor.objects.get(slug="vladimir-poutine").alias_list

"""A teacher and three students, each in their own browser, through a self-paced session with a
deadline: the teacher creates it and shows the code, the students join by code on their phones
and answer, one after the deadline; the teacher reads the results grid and downloads the CSV.
Every page on the way is audited with axe-core."""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from classroom.models import Session
from classroom.teachers import teachers_group_ensure
from tests.e2e.axe import AXE, axe_violations
from tests.e2e.test_csp import PolicyWatch
from tests.factories import QuestionFactory, QuizFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "tmp" / "screenshots"
PASSWORD = "motdepasse-de-prof-solide"
CITIES = ["Lyon", "Nantes", "Lille", "Rennes"]  # QuestionFactory's options, Lyon the right one


@pytest.fixture
def teacher(live_server) -> str:
    user = get_user_model().objects.create_user("mme.durand", password=PASSWORD, is_staff=True)
    user.groups.add(teachers_group_ensure())
    return user.username


def context(browser, *, phone: bool):
    # Pages take axe-core as an inline script, which the site's policy refuses: these contexts
    # ignore it (tests/e2e/test_csp.py checks the policy on every page type).
    if phone:
        return browser.new_context(
            viewport={"width": 390, "height": 844},
            device_scale_factor=2,
            is_mobile=True,
            has_touch=True,
            locale="fr-FR",
            bypass_csp=True,
        )
    return browser.new_context(
        viewport={"width": 1280, "height": 900},
        locale="fr-FR",
        bypass_csp=True,
        accept_downloads=True,
    )


def audit(page, problems: list[str]) -> None:
    problems += axe_violations(page, AXE)


def join(page, live_server, code: str, name: str, problems: list[str]) -> str:
    page.goto(f"{live_server.url}/join/")
    audit(page, problems)
    page.get_by_label("Code de la session").fill(code.lower())
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", name="Choisissez votre nom")).to_be_visible()
    audit(page, problems)
    page.get_by_label("Votre nom dans cette session").fill(name)
    page.screenshot(path=SCREENSHOTS / "classroom-join-phone.png", full_page=True)
    page.get_by_label("Votre nom dans cette session").fill(name)
    page.get_by_role("button", name="Rejoindre").click()
    expect(page.get_by_text(f"Bienvenue, {name} !")).to_be_visible()
    return page.locator(".resume-code .code").inner_text()


def answer(page, option: str) -> None:
    page.locator("label.quiz-option", has_text=option).click()
    page.get_by_role("button", name="Valider").click()


def answer_all(page, option: str) -> None:
    """Practice mode: answer, read the feedback, go on, until the link to the results."""
    while True:
        answer(page, option)
        expect(page.locator("#feedback-title")).to_be_visible()
        following = page.get_by_role("link", name="Question suivante")
        if not following.count():
            page.get_by_role("link", name="Voir mes résultats").click()
            return
        following.click()


def test_a_class_takes_a_self_paced_quiz_with_a_deadline(browser, live_server, teacher) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    quiz = QuizFactory(title="Les sommets de 2019", slug="sommets-2019", size=3)
    for stem in [
        "Dans quelle ville le sommet de printemps s’est-il tenu ?",
        "Dans quelle ville la conférence de presse a-t-elle eu lieu ?",
        "Quelle ville a accueilli la délégation ?",
    ]:
        QuestionFactory(stem=stem)
    problems: list[str] = []

    # The teacher signs in, creates the session and shows its code.
    desk_context = context(browser, phone=False)
    desk = desk_context.new_page()
    desk.set_default_timeout(10_000)
    desk.goto(f"{live_server.url}/quizzes/{quiz.slug}/")
    audit(desk, problems)
    desk.goto(f"{live_server.url}/admin/login/?next=/quizzes/{quiz.slug}/")
    desk.get_by_label("Nom d’utilisateur").fill(teacher)
    desk.get_by_label("Mot de passe").fill(PASSWORD)
    desk.get_by_role("button", name="Connexion").click()
    desk.get_by_role("link", name="Donner ce quiz à une classe").click()
    expect(desk.get_by_label("Quiz", exact=True)).to_have_value(quiz.slug)
    audit(desk, problems)
    desk.screenshot(path=SCREENSHOTS / "classroom-teacher-dashboard.png", full_page=True)
    desk.get_by_label("Titre (facultatif)").fill("Devoir : les sommets de 2019")
    desk.get_by_role("radio", name="À son rythme").check()
    deadline = timezone.localtime() + datetime.timedelta(days=2)
    desk.get_by_label("Date limite").fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    desk.get_by_role("button", name="Créer la session").click()
    expect(desk.get_by_role("heading", name="Pour rejoindre")).to_be_visible()
    session = Session.objects.get()
    expect(desk.locator(".join-code")).to_have_text(session.code)
    expect(desk.get_by_role("img", name="QR code du lien")).to_be_visible()
    audit(desk, problems)
    desk.screenshot(path=SCREENSHOTS / "classroom-teacher-session.png", full_page=True)

    # Three students, each on their own phone.
    phones = [context(browser, phone=True) for _ in range(3)]
    lea, hugo, ines = (phone.new_page() for phone in phones)
    for page in (lea, hugo, ines):
        page.set_default_timeout(10_000)
    join(lea, live_server, session.code, "Léa", problems)
    audit(lea, problems)
    lea.screenshot(path=SCREENSHOTS / "classroom-question-phone.png", full_page=True)
    answer_all(lea, "Lyon")
    expect(lea.locator(".quiz-score-value")).to_contain_text("3 / 3")
    audit(lea, problems)

    join(hugo, live_server, session.code, "Hugo", problems)
    answer_all(hugo, "Nantes")
    expect(hugo.locator(".quiz-score-value")).to_contain_text("0 / 3")
    hugo.screenshot(path=SCREENSHOTS / "classroom-results-phone.png", full_page=True)
    # « Refaire mes erreurs » starts a quiz attempt of the three missed questions.
    hugo.get_by_role("button", name="Refaire mes erreurs (3 questions)").click()
    expect(hugo.get_by_role("heading", name="Question 1 sur 3")).to_be_visible()
    hugo.goto(f"{live_server.url}/my-results/")
    expect(hugo.locator("table.history tbody tr")).to_have_count(2)
    audit(hugo, problems)
    hugo.screenshot(path=SCREENSHOTS / "classroom-my-results-phone.png", full_page=True)

    # The same name, written otherwise, is refused; Inès answers once, then the deadline passes.
    ines.goto(f"{live_server.url}/join/?code={session.code}")
    ines.get_by_role("button", name="Continuer").click()
    ines.get_by_label("Votre nom dans cette session").fill("LEA")
    ines.get_by_role("button", name="Rejoindre").click()
    expect(ines.get_by_role("alert")).to_contain_text("Ce nom est déjà pris")
    audit(ines, problems)
    ines.get_by_label("Votre nom dans cette session").fill("Inès")
    ines.get_by_role("button", name="Rejoindre").click()
    answer(ines, "Lyon")
    expect(ines.locator("#feedback-title")).to_have_text("✓ Bonne réponse")
    ines.get_by_role("link", name="Question suivante").click()
    # The next question is on her screen when the deadline passes.
    expect(ines.get_by_role("heading", name="Question 2 sur 3")).to_be_visible()
    Session.objects.filter(pk=session.pk).update(
        deadline=timezone.now() - datetime.timedelta(seconds=1)
    )
    answer(ines, "Lyon")
    expect(ines.get_by_text("La date limite est passée")).to_be_visible()
    expect(ines.locator(".quiz-score-value")).to_contain_text("1 / 3")

    # The teacher reads the grid and downloads the CSV.
    desk.reload()
    grid = desk.locator("table.results-grid")
    expect(grid.locator("tbody tr")).to_have_count(3)
    expect(grid.locator("td.is-right")).to_have_count(4)
    expect(grid.locator("td.is-wrong")).to_have_count(3)
    expect(grid.locator("td.is-blank")).to_have_count(2)
    expect(desk.get_by_text("67 % de bonnes réponses")).to_be_visible()
    audit(desk, problems)
    desk.screenshot(path=SCREENSHOTS / "classroom-results-grid.png", full_page=True)
    desk.emulate_media(media="print")
    desk.screenshot(path=SCREENSHOTS / "classroom-results-print.png", full_page=True)
    desk.emulate_media(media="screen")
    with desk.expect_download() as download:
        desk.get_by_role("link", name="Exporter en CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = {row[0]: row for row in csv.reader(io.StringIO(text))}
    assert rows["Léa"][-3:-1] == ["3", "3"]
    assert rows["Hugo"][-3] == "0"
    assert rows["Inès"][1] == "juste"
    assert rows["Inès"][3] == ""

    for each in (desk_context, *phones):
        each.close()
    assert not problems, f"{len(problems)} accessibility violation(s):\n" + "\n".join(problems)


def test_the_classroom_pages_keep_to_the_content_security_policy(
    browser, live_server, teacher
) -> None:
    """The same pages under the site's policy (the QR code is a data: image, the styles a file):
    nothing is blocked, on the student's side or the teacher's."""
    QuizFactory(slug="politique", size=2)
    QuestionFactory.create_batch(2)
    desk_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    desk = desk_context.new_page()
    desk_watch = PolicyWatch(desk)
    desk.goto(f"{live_server.url}/admin/login/?next=/teach/")
    desk.get_by_label("Nom d’utilisateur").fill(teacher)
    desk.get_by_label("Mot de passe").fill(PASSWORD)
    desk.get_by_role("button", name="Connexion").click()
    desk.get_by_label("Quiz", exact=True).select_option("politique")
    desk_watch.read()
    desk.get_by_role("button", name="Créer la session").click()
    qr = desk.get_by_role("img", name="QR code du lien")
    expect(qr).to_be_visible()
    assert qr.evaluate("image => image.naturalWidth") > 0
    code = desk.locator(".join-code").inner_text()

    phone_context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")
    phone = phone_context.new_page()
    phone_watch = PolicyWatch(phone)
    phone.goto(f"{live_server.url}/join/?code={code}")
    phone_watch.read()
    phone.get_by_role("button", name="Continuer").click()
    phone_watch.read()
    phone.get_by_label("Votre nom dans cette session").fill("Léa")
    phone.get_by_role("button", name="Rejoindre").click()
    # With htmx (allowed by the policy), the feedback is swapped in place.
    answer(phone, "Lyon")
    expect(phone.locator("#feedback-title")).to_have_text("✓ Bonne réponse")
    phone_watch.assert_clean()
    desk_watch.assert_clean()
    desk_context.close()
    phone_context.close()

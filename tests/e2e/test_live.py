"""A live session from the teacher's projector and three students' phones, each in its own
browser: joining by code, answering, the distribution, the source sentence, the leaderboard
switched off and on, and the final results."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from playwright.sync_api import expect

import live.views
from classroom.models import Session
from classroom.sessions import session_create
from quiz.models import Kind, Quiz
from tests.e2e.axe import assert_no_violations, axe_violations
from tests.e2e.test_quiz import _build_questions
from tests.factories import QuizFactory, TeacherFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "tmp" / "screenshots"
PASSWORD = "projecteur-2019"
STUDENTS = ("Léa", "Hugo", "Inès")


@pytest.fixture(autouse=True)
def _quick_polls(monkeypatch) -> None:
    """The projector and the phones poll four times a second rather than every second or two:
    the session goes through the same polls, and each step is seen sooner. Written as the template
    writes it out: a float would come out with a French decimal comma, which htmx cannot read."""
    monkeypatch.setattr(live.views, "SCREEN_POLL_SECONDS", "0.25")
    monkeypatch.setattr(live.views, "PHONE_POLL_SECONDS", "0.25")


def _phone_context(browser):
    return browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="fr-FR",
        bypass_csp=True,  # only so that axe-core can be injected (see tests/e2e/conftest.py)
    )


def _stem(page) -> str:
    return page.locator("#live-stem").inner_text().replace("\u202f", " ").replace("\u00a0", " ")


def _audit(page) -> list[str]:
    return axe_violations(page)


def test_a_whole_live_session(browser, live_server, seeded, axe_script):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    answers = _build_questions()
    quiz = QuizFactory(
        kinds=[Kind.MANUAL],
        title="Kim, Poutine, Trump : les sommets",
        slug="les-sommets-en-direct",
        size=3,
        mode=Quiz.Mode.EXAM,
    )
    teacher = TeacherFactory(username="mme.martin")
    teacher.set_password(PASSWORD)
    teacher.save()
    session = session_create(
        quiz=quiz,
        teacher=teacher,
        mode=Session.Mode.LIVE,
        rng=random.Random(4),
        title="Les sommets, en direct",
    )
    problems: list[str] = []

    projector_context = browser.new_context(
        viewport={"width": 1280, "height": 800}, locale="fr-FR", bypass_csp=True
    )
    projector = projector_context.new_page()
    projector.set_default_timeout(10_000)
    projector.goto(f"{live_server.url}/live/{session.code}/screen/")
    # Signed out: the admin's sign-in page, then back to the screen.
    projector.get_by_label("Nom d’utilisateur").fill("mme.martin")
    projector.get_by_label("Mot de passe").fill(PASSWORD)
    projector.get_by_role("button", name="Connexion").click()
    expect(projector.locator(".live-big-code")).to_have_text(session.code)
    expect(projector.get_by_role("img", name="Code QR du lien pour rejoindre")).to_be_visible()

    phones = []
    for name in STUDENTS:
        context = _phone_context(browser)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(f"{live_server.url}/join/")
        page.get_by_label("Code de la session").fill(session.code.lower())
        page.get_by_role("button", name="Continuer").click()
        page.get_by_label("Votre nom dans cette session").fill(name)
        page.get_by_role("button", name="Rejoindre").click()
        expect(page.locator(".live-me")).to_contain_text(name)
        expect(page.locator(".live-wait")).to_be_visible()
        phones.append((name, context, page))
    expect(projector.locator(".live-names li")).to_have_count(3)
    expect(projector.locator(".live-joined")).to_have_text("3 élèves")
    projector.screenshot(path=SCREENSHOTS / "live-lobby.png")
    problems += _audit(projector)
    problems += _audit(phones[0][2])

    # The leaderboard is switched off for the first question.
    projector.get_by_role("button", name="Masquer le classement").click()
    expect(projector.get_by_role("button", name="Afficher le classement")).to_be_visible()

    # Question 1 by the keyboard (→): Léa right, Hugo wrong, Inès right.
    projector.locator("main").press("ArrowRight")
    expect(projector.locator(".live-progress")).to_have_text("Question 1 sur 3")
    stem = _stem(projector)
    right, wrong = answers[stem]
    for index, (name, _context, page) in enumerate(phones):
        expect(page.get_by_role("heading", name="Question 1 sur 3")).to_be_visible()
        # Only the options: the question itself is on the projector.
        expect(page.locator(".live-play")).not_to_contain_text(stem.rstrip(" ?"))
        if index == 0:
            page.screenshot(path=SCREENSHOTS / "live-phone-question.png")
            problems += _audit(page)
        page.get_by_role("button", name=wrong if name == "Hugo" else right, exact=True).click()
        expect(page.locator(".live-sent")).to_be_visible()
        expect(projector.locator(".live-answered strong")).to_have_text(str(index + 1))
    projector.screenshot(path=SCREENSHOTS / "live-question.png")
    problems += _audit(projector)

    # A phone that answered offers no second answer, even reloaded (the server refuses one:
    # tests/live/test_views.py).
    hugo = phones[1][2]
    hugo.reload()
    expect(hugo.locator(".live-sent")).to_be_visible()
    expect(hugo.locator("form[data-live-answer]")).to_have_count(0)

    projector.get_by_role("button", name="Afficher la réponse").click()
    expect(projector.locator(".live-right")).to_have_text("2 bonnes réponses sur 3 (67 %)")
    key_bar = projector.locator(".live-bar.is-key")
    expect(key_bar).to_contain_text(right)
    expect(key_bar).to_contain_text("bonne réponse")
    expect(key_bar.locator(".live-bar-count")).to_have_text("2 (67 %)")
    expect(projector.locator(".live-bar", has_text=wrong).locator(".live-bar-count")).to_have_text(
        "1 (33 %)"
    )
    expect(projector.locator(".live-evidence mark")).to_be_visible()
    expect(projector.locator(".live-explanation")).to_be_visible()
    projector.screenshot(path=SCREENSHOTS / "live-reveal.png")
    problems += _audit(projector)
    expect(phones[0][2].locator(".live-verdict")).to_have_text("✓ Bonne réponse !")
    expect(hugo.locator(".live-verdict")).to_have_text("✗ Mauvaise réponse.")
    phones[1][2].screenshot(path=SCREENSHOTS / "live-phone-verdict.png")
    problems += _audit(hugo)

    # Without the leaderboard, the next step is the next question.
    expect(projector.get_by_role("button", name="Question suivante")).to_be_visible()
    projector.get_by_role("button", name="Afficher le classement").click()
    expect(projector.get_by_role("button", name="Classement", exact=True)).to_be_visible()
    projector.locator("main").press("Space")
    expect(projector.get_by_role("heading", name="Classement", exact=True)).to_be_visible()
    standings = projector.locator(".live-standings-list li")
    expect(standings).to_have_count(3)
    expect(standings.last).to_contain_text("Hugo")
    projector.screenshot(path=SCREENSHOTS / "live-leaderboard.png")
    problems += _audit(projector)

    # Questions 2 and 3: everyone right on 2; on 3, Inès lets the time run out.
    for number in (2, 3):
        projector.locator("main").press("ArrowRight")
        expect(projector.locator(".live-progress")).to_have_text(f"Question {number} sur 3")
        right, _wrong = answers[_stem(projector)]
        for name, _context, page in phones:
            if number == 3 and name == "Inès":
                continue
            page.get_by_role("button", name=right, exact=True).click()
            expect(page.locator(".live-sent")).to_be_visible()
        expect(projector.locator(".live-answered strong")).to_have_text("3" if number == 2 else "2")
        projector.locator("main").press("ArrowRight")
        expect(projector.locator(".live-right")).to_contain_text("sur")
        projector.locator("main").press("ArrowRight")
        expect(projector.get_by_role("heading", name="Classement", exact=True)).to_be_visible()
    ines = phones[2][2]
    expect(ines.locator(".live-verdict")).to_have_text("Pas de réponse à cette question.")

    projector.get_by_role("button", name="Résultats finaux").click()
    expect(projector.get_by_role("heading", name="Session terminée")).to_be_visible()
    expect(projector.locator(".live-standings-list li").first).to_contain_text("Léa")
    expect(projector.locator(".live-standings-list li").first).to_contain_text("3 points")
    projector.screenshot(path=SCREENSHOTS / "live-final.png")
    problems += _audit(projector)
    for _name, _context, page in phones:
        expect(page.get_by_role("heading", name="Session terminée")).to_be_visible()
    expect(phones[0][2].locator(".live-score-line")).to_contain_text("3 bonnes réponses sur 3")
    phones[0][2].screenshot(path=SCREENSHOTS / "live-phone-final.png")

    # The class's results: the grid (students × questions) and its CSV.
    projector.get_by_role("link", name="Voir les résultats de la classe").click()
    grid = projector.locator("table.results-grid")
    expect(grid.locator("tbody tr")).to_have_count(3)
    expect(grid.locator("tr", has_text="Léa").locator("td.is-right")).to_have_count(3)
    expect(grid.locator("tr", has_text="Hugo").locator("td.is-wrong")).to_have_count(1)
    expect(grid.locator("tr", has_text="Inès")).to_contain_text("sans réponse")
    with projector.expect_download() as download:
        projector.get_by_role("link", name="Exporter en CSV").click()
    lines = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 4
    assert any(line.startswith("Léa") for line in lines)

    for _name, context, _page in phones:
        context.close()
    projector_context.close()
    assert_no_violations(problems)

"""Pages used for real under the Content-Security-Policy: nothing the browser blocks.

Every document records the policy violations it sees on ``window`` (the listener is added by
Playwright before any page script runs, which the policy does not block); each step reads them
before leaving the page, and the console is watched for the browser's own CSP messages."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from quiz.models import Kind, Question, Quiz
from summit.models import Event, Source
from tests.factories import QuestionFactory, QuizFactory, attempt_with

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} `
    + `(${event.sourceFile}:${event.lineNumber}) ${event.sample}`
  );
});
"""
CSP_CONSOLE = re.compile(r"Content Security Policy|Refused to", re.IGNORECASE)


class PolicyWatch:
    """Collects violations and CSP console errors across the pages of one test."""

    def __init__(self, page) -> None:
        self.page = page
        self.problems: list[str] = []
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", self._console)

    def _console(self, message) -> None:
        if message.type == "error" and CSP_CONSOLE.search(message.text):
            self.problems.append(f"console on {self.page.url}: {message.text}")

    def read(self) -> None:
        """Reads the current document's violations (call before each navigation)."""
        found = self.page.evaluate("window.__cspViolations")
        assert found is not None, "the violation listener was not installed"
        self.problems.extend(f"{self.page.url}: {violation}" for violation in found)
        self.page.evaluate("window.__cspViolations.length = 0")

    def assert_clean(self) -> None:
        self.read()
        assert self.problems == []


@pytest.fixture
def watch(page) -> PolicyWatch:
    return PolicyWatch(page)


def test_the_watch_sees_a_violation(page, live_server, watch, seeded):
    """The listener works: an inline script added to the page is blocked and recorded."""
    page.goto(f"{live_server.url}/")
    page.evaluate(
        """() => {
        const script = document.createElement("script");
        script.textContent = "window.ranInline = true";
        document.body.append(script);
        }"""
    )
    page.wait_for_function("window.__cspViolations.length > 0")
    assert page.evaluate("window.ranInline") is None
    watch.read()
    assert any("script-src" in problem for problem in watch.problems)


def test_the_timeline_and_an_event(page, live_server, watch, seeded):
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("status")).to_have_text(re.compile(r"\d+ événements"))
    # htmx swaps: a filter, then a search typed in the box.
    page.get_by_role("checkbox", name="Vladimir Poutine").check()
    page.wait_for_url(re.compile(r"actor=vladimir-poutine"))
    expect(page.locator(".timeline .event-link")).to_have_count(4)
    page.get_by_role("checkbox", name="Vladimir Poutine").uncheck()
    page.get_by_label("Rechercher").fill("hanoi")
    page.wait_for_url(re.compile(r"q=hanoi"))
    expect(page.locator(".timeline .event-link")).to_have_count(2)
    # htmx leaves its indicator style to our stylesheet.
    assert page.locator("head style").count() == 0
    watch.read()

    page.locator(".timeline .event-link").first.click()
    page.wait_for_url(re.compile(r"/events/[\w-]+/$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    watch.read()

    source = Source.objects.filter(citations__isnull=False).order_by("pk").first()
    page.goto(f"{live_server.url}/sources/{source.slug}/")
    expect(page.locator("mark").first).to_be_visible()
    watch.read()
    page.goto(f"{live_server.url}/quotes/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    watch.assert_clean()


def test_the_quiz_question_feedback_and_results(page, live_server, watch, seeded):
    events = list(Event.objects.published().order_by("date")[:2])
    stems = []
    for event in events:
        question = QuestionFactory(event=event, citation=event.citations.first())
        stems.append(question.stem)
    QuizFactory(kinds=[Kind.MANUAL], title="Sous la politique", slug="csp", size=2)

    page.goto(f"{live_server.url}/quizzes/")
    watch.read()
    page.get_by_role("button", name="Commencer Sous la politique").click()
    for number in (1, 2):
        expect(page.get_by_role("heading", name=f"Question {number} sur 2")).to_be_visible()
        page.locator('input[name="choice"]').first.check()
        page.get_by_role("button", name="Valider").click()
        expect(page.locator("#feedback-title")).to_be_visible()
        page.wait_for_url(re.compile(rf"\?feedback={number}$"))
        watch.read()
        page.get_by_role(
            "link", name="Voir mes résultats" if number == 2 else "Question suivante"
        ).click()
    expect(page.locator(".quiz-score-value")).to_be_visible()
    watch.assert_clean()


@pytest.fixture
def teacher(live_server, seeded) -> tuple[str, str]:
    get_user_model().objects.create_superuser("prof", "prof@example.org", "motdepasse-solide")
    event = Event.objects.published().order_by("date").first()
    question = QuestionFactory(event=event, citation=event.citations.first())
    wrong = question.choices.filter(is_correct=False).first()
    attempt_with(QuizFactory(slug="controle"), [(question, wrong)])
    return "prof", "motdepasse-solide"


def test_the_admin(page, live_server, watch, teacher):
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Nom d’utilisateur").fill(teacher[0])
    page.get_by_label("Mot de passe").fill(teacher[1])
    watch.read()
    page.get_by_role("button", name="Connexion").click()
    expect(page.get_by_role("heading", name="Contenus et quiz")).to_be_visible()
    watch.read()

    # A changelist with its filters and actions, then an event's form with its autocompletes.
    page.goto(f"{live_server.url}/admin/summit/event/")
    expect(page.locator("#result_list")).to_be_visible()
    page.locator("#action-toggle").check()
    expect(page.locator(".action-counter")).to_contain_text("sélectionné")
    watch.read()
    event = Event.objects.order_by("pk").first()
    page.goto(f"{live_server.url}/admin/summit/event/{event.pk}/change/")
    page.locator(".field-place .select2-selection").click()
    page.locator(".select2-dropdown .select2-search__field").fill("Vl")
    expect(page.locator(".select2-results__option").first).to_contain_text("Vladivostok")
    page.keyboard.press("Escape")
    # The date widget's calendar, drawn by script.
    page.locator(".field-date .date-icon").first.click()
    expect(page.locator(".calendarbox").first).to_be_visible()
    watch.read()

    # An article with its cited spans (styled from admin.css, not inline).
    source = Source.objects.filter(citations__isnull=False).order_by("pk").first()
    page.goto(f"{live_server.url}/admin/summit/source/{source.pk}/change/")
    article = page.locator(".summit-article")
    expect(article.locator("mark").first).to_be_visible()
    assert article.evaluate("element => getComputedStyle(element).whiteSpace") == "pre-wrap"
    watch.read()

    # The question bank: the rebuild button dressed like an object tool, the statistics panel.
    page.goto(f"{live_server.url}/admin/quiz/question/")
    rebuild = page.get_by_role("button", name="Reconstruire la banque de questions")
    expect(rebuild).to_be_visible()
    assert rebuild.evaluate("element => getComputedStyle(element).borderRadius") == "15px"
    watch.read()
    question = Question.objects.filter(answers__isnull=False).first()
    page.goto(f"{live_server.url}/admin/quiz/question/{question.pk}/change/")
    expect(page.locator("table.quiz-statistics").first).to_be_visible()
    watch.read()
    quiz = Quiz.objects.get(slug="controle")
    page.goto(f"{live_server.url}/admin/quiz/quiz/{quiz.pk}/change/")
    expect(page.locator("#quiz_form")).to_be_visible()
    watch.read()
    page.goto(f"{live_server.url}/admin/quiz/attempt/")
    expect(page.locator("#result_list")).to_be_visible()

    rebuild_page = f"{live_server.url}/admin/quiz/question/"
    page.goto(rebuild_page)
    page.get_by_role("button", name="Reconstruire la banque de questions").click()
    expect(page.locator(".job-summary")).to_be_visible()
    watch.assert_clean()

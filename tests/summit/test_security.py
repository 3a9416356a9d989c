"""The Content-Security-Policy header, and pages that need no inline script or style to obey it."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from quiz.models import Question, Quiz
from summit.models import Event, Source
from summit.security import DEFAULT_CSP, csp_header
from tests.factories import QuestionFactory, QuizFactory, attempt_with

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted((ROOT / "templates").rglob("*.html"))
SCRIPT_TYPES_THAT_RUN = {"", "text/javascript", "module", "application/javascript"}


class InlineCode(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, <style> elements, style
    attributes, event handler attributes and htmx's hx-on (evaluated code)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script" and not names.get("src"):
            kind = (names.get("type") or "").strip().lower()
            if kind in SCRIPT_TYPES_THAT_RUN:
                self.found.append(f"<script> without src at line {self.getpos()[0]}")
        if tag == "style":
            self.found.append(f"<style> at line {self.getpos()[0]}")
        for name, _value in attrs:
            if (
                name == "style"
                or re.fullmatch(r"on[a-z]+", name)
                or name.startswith(("hx-on", "data-hx-on"))
            ):
                self.found.append(f"{name}= on <{tag}> at line {self.getpos()[0]}")


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    parser.close()
    return parser.found


def test_the_parser_finds_what_a_strict_policy_blocks():
    html = (
        '<script>alert(1)</script><script type="application/json">{}</script>'
        '<script src="/static/a.js"></script><p style="color: red" onclick="x()">'
        '<button hx-on:click="x()"></button><style>p {}</style>'
    )
    assert inline_code(html) == [
        "<script> without src at line 1",
        "style= on <p> at line 1",
        "onclick= on <p> at line 1",
        "hx-on:click= on <button> at line 1",
        "<style> at line 1",
    ]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(ROOT)))
def test_templates_hold_no_inline_script_or_style(template):
    source = template.read_text(encoding="utf-8")
    assert inline_code(source) == []
    # Also caught when the tag is built by template logic the parser cannot see through.
    assert 'style="' not in source
    assert "hx-on" not in source


def test_the_policy_allows_nothing_inline_and_nothing_from_elsewhere():
    header = csp_header(DEFAULT_CSP)
    directives = dict(part.split(" ", 1) for part in header.split("; "))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in header


@pytest.fixture
def teacher_client(seeded) -> Client:
    user = get_user_model().objects.create_superuser("prof", "prof@example.org", "x")
    # A question answered in a finished attempt, so that its form shows the statistics panel.
    event = Event.objects.published().order_by("date").first()
    question = QuestionFactory(event=event, citation=event.citations.first())
    wrong = question.choices.filter(is_correct=False).first()
    attempt_with(QuizFactory(slug="controle"), [(question, wrong)])
    client = Client()
    client.force_login(user)
    return client


def public_pages() -> list[str]:
    event = Event.objects.published().order_by("date").first()
    source = Source.objects.filter(citations__isnull=False).order_by("pk").first()
    return [
        reverse("timeline"),
        reverse("timeline") + "?q=sommet",
        reverse("event_detail", args=[event.slug]),
        reverse("quote_list"),
        reverse("source_detail", args=[source.slug]),
        reverse("quiz_list"),
    ]


def admin_pages() -> list[str]:
    source = Source.objects.order_by("pk").first()
    event = Event.objects.order_by("pk").first()
    question = Question.objects.filter(answers__isnull=False).first()
    quiz = Quiz.objects.get(slug="controle")
    return [
        reverse("admin:index"),
        reverse("admin:summit_source_changelist"),
        reverse("admin:summit_source_change", args=[source.pk]),
        reverse("admin:summit_event_changelist"),
        reverse("admin:summit_event_change", args=[event.pk]),
        reverse("admin:summit_event_add"),
        reverse("admin:summit_quote_changelist"),
        reverse("admin:quiz_question_changelist"),
        reverse("admin:quiz_question_change", args=[question.pk]),
        reverse("admin:quiz_quiz_change", args=[quiz.pk]),
        reverse("admin:quiz_attempt_changelist"),
        reverse("admin:autocomplete") + "?app_label=summit&model_name=event&field_name=place",
    ]


def test_public_pages_carry_the_policy_and_need_nothing_inline(client, seeded):
    expected = csp_header(DEFAULT_CSP)
    for path in public_pages():
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Content-Type"].startswith("text/html")
        assert response["Content-Security-Policy"] == expected, path
        assert inline_code(response.content.decode()) == [], path


def test_htmx_is_configured_to_inject_no_style_and_eval_nothing(client, seeded):
    html = client.get(reverse("timeline")).content.decode()
    config = re.search(r'<meta name="htmx-config" content=\'([^\']*)\'', html).group(1)
    assert '"includeIndicatorStyles": false' in config
    assert '"allowEval": false' in config


def test_fragments_and_errors_carry_the_policy_too(client, seeded):
    event = Event.objects.published().first()
    fragment = client.get(
        reverse("event_detail", args=[event.slug]), headers={"HX-Request": "true"}
    )
    assert "Content-Security-Policy" in fragment.headers
    assert inline_code(fragment.content.decode()) == []
    missing = client.get("/events/no-such-event/")
    assert missing.status_code == 404
    assert "Content-Security-Policy" in missing.headers


def test_the_admin_login_page_needs_nothing_inline(client, db):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 200
    assert "Content-Security-Policy" in response.headers
    assert inline_code(response.content.decode()) == []


def test_admin_pages_need_nothing_inline(teacher_client):
    for path in admin_pages():
        response = teacher_client.get(path)
        assert response.status_code == 200, path
        assert "Content-Security-Policy" in response.headers, path
        assert inline_code(response.content.decode()) == [], path
    statistics = teacher_client.get(admin_pages()[8]).content.decode()
    assert 'class="quiz-statistics"' in statistics

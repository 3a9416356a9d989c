"""A student answers one question of each kind that is not one option among several, by
keyboard only, in practice mode; then reads the results. Audited with axe-core; on a phone too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from quiz.models import Choice, Kind, Question, Quiz
from tests.e2e.axe import assert_no_violations, axe_violations
from tests.e2e.test_quiz import _tab_to
from tests.factories import (
    EventCitationFactory,
    MatchingQuestionFactory,
    MultipleQuestionFactory,
    OrderingQuestionFactory,
    QuizFactory,
    TrueFalseQuestionFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "tmp" / "screenshots"
PHONE_WIDTH = 390
KINDS = [Kind.MULTIPLE, Kind.TRUE_FALSE, Kind.MATCHING, Kind.ORDERING]


@pytest.fixture(autouse=True)
def _screenshots() -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)


@pytest.fixture
def quiz() -> Quiz:
    """One question of each kind, each with its evidence, in a practice quiz."""
    citation = EventCitationFactory(event__title="Sommet de Lyon")
    evidence = {"citation": citation, "event": citation.event}
    MultipleQuestionFactory(stem="Quels dirigeants ont participé au sommet de Lyon ?", **evidence)
    TrueFalseQuestionFactory(stem="Le sommet de Lyon a eu lieu en 2018.", **evidence)
    MatchingQuestionFactory(stem="Associez chaque sommet à sa date.", **evidence)
    OrderingQuestionFactory(stem="Remettez ces sommets dans l'ordre.", **evidence)
    return QuizFactory(
        title="Quatre façons de répondre",
        slug="quatre-facons",
        kinds=KINDS,
        size=4,
        mode=Quiz.Mode.PRACTICE,
    )


def _question(page) -> Question:
    stem = page.locator(".quiz-question legend").inner_text()
    stem = stem.replace("\u202f", " ").replace("\u00a0", " ")
    return Question.objects.get(stem=stem)


def _choose(page, select, value: str) -> None:
    """Focus the list by Tab, then move through it with the arrow keys to ``value``."""
    _tab_to(page, select)
    values = select.locator("option").evaluate_all("options => options.map(o => o.value)")
    for _ in range(len(values)):
        if select.input_value() == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"the arrow keys never reached {value!r}")


def _answer_by_keyboard(page, question: Question, *, right: bool) -> None:
    choices = {choice.pk: choice for choice in Choice.objects.filter(question=question)}
    texts = {choice.text: choice for choice in choices.values()}
    if question.kind == Kind.MULTIPLE:
        for box in page.locator('input[name="choice"]').all():
            label = box.locator("xpath=..").inner_text().strip()
            if texts[label].is_correct:
                _tab_to(page, box)
                page.keyboard.press("Space")
                expect(box).to_be_checked()
    elif question.kind == Kind.TRUE_FALSE:
        radios = page.locator('input[name="choice"]')
        _tab_to(page, radios.first)
        page.keyboard.press("Space")
        wanted = next(choice.text for choice in choices.values() if choice.is_correct == right)
        if page.locator("label.quiz-option:has(input:checked)").inner_text().strip() != wanted:
            page.keyboard.press("ArrowDown")
        expect(page.locator("label.quiz-option:has(input:checked)")).to_have_text(wanted)
    elif question.kind == Kind.MATCHING:
        items = page.locator('select[name^="pair-"]').first.locator("option")
        by_text = dict(
            zip(
                items.all_inner_texts(),
                items.evaluate_all("options => options.map(o => o.value)"),
                strict=True,
            )
        )
        selects = page.locator('select[name^="pair-"]').all()
        pairs = []
        for select in selects:
            label = page.locator(f'label[for="{select.get_attribute("id")}"]').inner_text()
            pairs.append(texts[label.strip()].pair)
        if not right:
            pairs[0], pairs[1] = pairs[1], pairs[0]
        for select, pair in zip(selects, pairs, strict=True):
            _choose(page, select, by_text[pair])
    else:
        for select in page.locator('select[name^="rank-"]').all():
            label = page.locator(f'label[for="{select.get_attribute("id")}"]').inner_text()
            _choose(page, select, str(texts[label.strip()].rank))
    _tab_to(page, page.get_by_role("button", name="Valider"))
    page.keyboard.press("Enter")


def test_each_kind_by_keyboard_in_practice_then_the_results(
    audit_context, axe_script, live_server, quiz
):
    page = audit_context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/quizzes/")
    _tab_to(page, page.get_by_role("button", name="Commencer Quatre façons de répondre"))
    page.keyboard.press("Enter")

    problems = []
    seen = []
    for number in range(1, 5):
        expect(page.get_by_role("heading", name=f"Question {number} sur 4")).to_be_visible()
        question = _question(page)
        seen.append(question.kind)
        # Said in words above the controls.
        expect(page.locator("#answer-hint")).to_be_visible()
        problems += axe_violations(page, axe_script)
        page.screenshot(path=SCREENSHOTS / f"quiz-kind-{question.kind}.png", full_page=True)
        right = question.kind != Kind.MATCHING
        _answer_by_keyboard(page, question, right=right)

        verdict = page.locator("#feedback-title")
        expect(verdict).to_be_focused()
        expect(verdict).to_have_text("✓ Bonne réponse" if right else "✗ Mauvaise réponse")
        page.wait_for_url(re.compile(rf"\?feedback={number}$"))
        feedback = page.locator(".quiz-feedback")
        expect(feedback.locator(".quiz-evidence mark")).to_be_visible()
        expect(feedback.locator(".quiz-explanation")).to_contain_text(question.explanation)
        if question.kind == Kind.MATCHING:
            expect(feedback.locator(".quiz-partial")).to_have_text("1 association juste sur 3")
            expect(feedback.locator("li.is-right")).to_have_count(1)
            expect(feedback.locator("li.is-wrong .quiz-given")).to_have_count(2)
        if question.kind == Kind.ORDERING:
            expect(feedback.locator(".quiz-partial")).to_have_text("4 éléments à leur place sur 4")
            expect(feedback.locator(".quiz-order li").first).to_contain_text("1. Sommet de Lyon")
        if question.kind == Kind.MULTIPLE:
            expect(feedback.locator(".quiz-partial")).to_contain_text(
                "Vous avez coché 2 des 2 bonnes réponses."
            )
        problems += axe_violations(page, axe_script)
        next_link = page.get_by_role(
            "link", name="Voir mes résultats" if number == 4 else "Question suivante"
        )
        _tab_to(page, next_link)
        page.keyboard.press("Enter")

    assert sorted(seen) == sorted(KINDS)
    expect(page.get_by_role("heading", name="Résultats")).to_be_visible()
    expect(page.locator(".quiz-score-value")).to_have_text("3 / 4 (75 %)")
    expect(page.locator(".quiz-review > li")).to_have_count(4)
    expect(page.locator(".quiz-review > li.is-wrong")).to_contain_text(
        "Associez chaque sommet à sa date."
    )
    expect(page.get_by_role("button", name="Refaire mes erreurs (1 question)")).to_be_visible()
    problems += axe_violations(page, axe_script)

    # At phone width: nothing wider than the screen.
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    problems += axe_violations(page, axe_script)
    page.screenshot(path=SCREENSHOTS / "quiz-kinds-results-phone.png", full_page=True)
    assert_no_violations(problems)


def test_matching_and_ordering_on_a_phone(phone_page, live_server, quiz):
    Quiz.objects.filter(pk=quiz.pk).update(kinds=[Kind.MATCHING, Kind.ORDERING], size=2)
    phone_page.goto(f"{live_server.url}/quizzes/")
    phone_page.get_by_role("button", name="Commencer Quatre façons de répondre").tap()
    for number in (1, 2):
        expect(phone_page.get_by_role("heading", name=f"Question {number} sur 2")).to_be_visible()
        assert phone_page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
        selects = phone_page.locator(".quiz-select select")
        for select in selects.all():
            assert select.bounding_box()["height"] >= 44, "lists are large tap targets"
        question = _question(phone_page)
        phone_page.screenshot(
            path=SCREENSHOTS / f"quiz-kinds-{question.kind}-phone.png", full_page=True
        )
        # A rank given twice: refused with a message, the ranks chosen kept.
        if question.kind == Kind.ORDERING:
            for select in selects.all():
                select.select_option("1")
            phone_page.get_by_role("button", name="Valider").tap()
            expect(phone_page.get_by_role("alert")).to_have_text(
                "Deux éléments ont le même rang : chaque rang ne sert qu’une fois."
            )
            expect(phone_page.locator(".quiz-select select").first).to_have_value("1")
            selects = phone_page.locator(".quiz-select select")
            texts = {c.text: c for c in Choice.objects.filter(question=question)}
            for select in selects.all():
                label = phone_page.locator(f'label[for="{select.get_attribute("id")}"]')
                select.select_option(str(texts[label.inner_text().strip()].rank))
        else:
            for index, select in enumerate(selects.all()):
                select.select_option(index=1 + index)
        phone_page.get_by_role("button", name="Valider").tap()
        expect(phone_page.locator("#feedback-title")).to_be_visible()
        assert phone_page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
        phone_page.screenshot(
            path=SCREENSHOTS / f"quiz-kinds-{question.kind}-feedback-phone.png", full_page=True
        )
        phone_page.get_by_role(
            "link", name="Voir mes résultats" if number == 2 else "Question suivante"
        ).tap()
    expect(phone_page.get_by_role("heading", name="Résultats")).to_be_visible()

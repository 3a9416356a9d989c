"""Answering whatever question a page shows, in a browser: one option, several, pairs or ranks."""

from __future__ import annotations

import re

from playwright.sync_api import expect

QUESTION_HEADING = re.compile(r"^Question \d+ sur \d+$")


def answer_shown_question(page) -> None:
    """Give the question on the page an answer the server accepts, and submit it: the first
    option (one right answer, true/false, several right answers), or each list set to a
    different item (matching) or rank (ordering)."""
    options = page.locator("label.quiz-option")
    if options.count():
        options.first.click()
    selects = page.locator(".quiz-select select")
    for index in range(selects.count()):
        selects.nth(index).select_option(index=index + 1)
    page.get_by_role("button", name="Valider").click()
    expect(page.locator("#feedback-title, .quiz-results").first).to_be_visible()


def answer_every_question(page, *, after_each=None) -> int:
    """In practice mode: answer the question shown, then each next one, until the link to the
    results; ``after_each()`` runs on each feedback. Returns how many were answered."""
    answered = 0
    while True:
        answer_shown_question(page)
        answered += 1
        if after_each is not None:
            after_each()
        following = page.get_by_role("link", name="Question suivante")
        if not following.count():
            return answered
        following.click()
        expect(page.get_by_role("heading", name=QUESTION_HEADING)).to_be_visible()

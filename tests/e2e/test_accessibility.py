"""Every page type passes axe-core's WCAG 2.1 AA rules, at desktop and phone width, and stays
usable at 200 % zoom and with the keyboard alone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.answering import answer_every_question
from tests.e2e.axe import assert_no_violations, axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
PRACTICE_QUIZ = "Le sommet de Vladivostok"
# 1280 × 900 at 200 % zoom lays the page out in a 640 × 450 CSS-pixel viewport.
ZOOMED = {"width": 640, "height": 450}
PHONE = {"width": 390, "height": 844}
STYLESHEET = ROOT / "summit" / "static" / "summit" / "summit.css"
# The dark scheme is audited as soon as the stylesheet has one.
SCHEMES = ["light", "dark"] if "prefers-color-scheme: dark" in STYLESHEET.read_text() else ["light"]
SCREENSHOTS = ROOT / "tmp" / "screenshots"


@pytest.fixture
def bank(seeded_bank: object) -> None:
    """The seeded corpus with the question bank that ``manage.py seed`` builds from it."""


def _start_practice(page, base_url: str) -> None:
    page.goto(f"{base_url}/quizzes/")
    page.get_by_role("button", name=f"Commencer {PRACTICE_QUIZ}").click()
    expect(page.get_by_role("heading", name=re.compile(r"^Question 1 sur \d+$"))).to_be_visible()


def test_the_content_pages_have_no_wcag_aa_violations(audit_context, axe_script, live_server, bank):
    from summit.models import Event, Source

    event = Event.objects.published().order_by("date").last()
    source = Source.objects.order_by("slug").first()
    urls = [
        "/",
        "/?actor=kim-jong-un&actor=vladimir-poutine&q=sommet",
        f"/events/{event.slug}/",
        "/quotes/",
        f"/sources/{source.slug}/",
        "/sources/reperes-chronologiques/",
        "/quizzes/",
        "/admin/login/",
    ]
    page = audit_context.new_page()
    problems = []
    for url in urls:
        response = page.goto(f"{live_server.url}{url}")
        assert response.status == 200, url
        problems += axe_violations(page, axe_script)
    # The filtered timeline really is filtered (the slugs above exist in the corpus).
    page.goto(f"{live_server.url}{urls[1]}")
    expect(page.locator('input[name="actor"]:checked')).to_have_count(2)
    assert_no_violations(problems)


def test_a_practice_attempt_has_no_wcag_aa_violations(audit_context, axe_script, live_server, bank):
    page = audit_context.new_page()
    _start_practice(page, live_server.url)
    problems = axe_violations(page, axe_script)
    feedbacks: list[str] = []

    def audit_the_first_feedback() -> None:
        # The feedback is swapped in by htmx; the other questions lead to the results.
        if not feedbacks:
            feedbacks.append(page.url)
            problems.extend(axe_violations(page, axe_script))

    answer_every_question(page, after_each=audit_the_first_feedback)
    page.get_by_role("link", name="Voir mes résultats").click()
    expect(page.get_by_role("heading", name="Résultats")).to_be_visible()
    problems += axe_violations(page, axe_script)
    assert_no_violations(problems)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_timeline_and_a_question_on_a_phone_have_no_wcag_aa_violations(
    browser, axe_script, live_server, bank, scheme
):
    # bypass_csp for the same reason as in ``audit_context``.
    context = browser.new_context(
        viewport=PHONE,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="fr-FR",
        bypass_csp=True,
        color_scheme=scheme,
    )
    page = context.new_page()
    assert page.evaluate(f"matchMedia('(prefers-color-scheme: {scheme})').matches")
    page.goto(f"{live_server.url}/")
    problems = axe_violations(page, axe_script)
    _start_practice(page, live_server.url)
    problems += axe_violations(page, axe_script)
    context.close()
    assert_no_violations(problems)


def _assert_no_horizontal_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    inner = page.evaluate("window.innerWidth")
    assert width <= inner, f"{page.url} scrolls sideways at 200 % zoom ({width} > {inner} px)"


def _assert_navigation_usable(page) -> None:
    """Every link of the main navigation is on screen, inside the viewport, and big enough."""
    links = page.get_by_role("navigation", name="Navigation principale").get_by_role("link")
    expect(links).to_have_count(4)  # Frise, Carte, Citations, Quiz
    inner = page.evaluate("window.innerWidth")
    for index in range(links.count()):
        box = links.nth(index).bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= inner
        assert box["height"] >= 24, "a navigation link is smaller than a 24 px target"


def test_at_200_percent_zoom_nothing_scrolls_sideways(browser, live_server, bank):
    context = browser.new_context(viewport=ZOOMED, locale="fr-FR")
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    _assert_no_horizontal_scroll(page)
    _assert_navigation_usable(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "zoom-200-timeline.png", full_page=True)

    _start_practice(page, live_server.url)
    _assert_no_horizontal_scroll(page)
    _assert_navigation_usable(page)
    page.screenshot(path=SCREENSHOTS / "zoom-200-question.png", full_page=True)
    answer_every_question(page, after_each=lambda: _assert_no_horizontal_scroll(page))
    page.get_by_role("link", name="Voir mes résultats").click()
    expect(page.get_by_role("heading", name="Résultats")).to_be_visible()
    _assert_no_horizontal_scroll(page)
    _assert_navigation_usable(page)
    # The navigation still leads somewhere once zoomed.
    page.get_by_role("link", name="Citations", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.url.endswith("/quotes/")
    context.close()


_FOCUS_STATE = """() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    let ring = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    ring = ring || style.boxShadow !== "none";
    // A radio button or checkbox shows its focus on the label that wraps it.
    const label = element.closest("label");
    if (!ring && label) {
        const outer = getComputedStyle(label);
        ring = (outer.outlineStyle !== "none" && parseFloat(outer.outlineWidth) > 0)
            || outer.boxShadow !== "none";
    }
    return {
        tag: element.tagName.toLowerCase(),
        text: (element.textContent || element.getAttribute("aria-label") || "").trim().slice(0, 40),
        id: element.id,
        ring: ring,
    };
}"""


def _assert_focus_visible(page, seen: list[str]) -> None:
    state = page.evaluate(_FOCUS_STATE)
    assert state["tag"] != "body", f"the focus was lost after {seen}"
    assert state["ring"], f"no visible focus on <{state['tag']}> {state['text']!r} after {seen}"
    seen.append(state["text"] or state["id"])


def test_the_keyboard_alone_skips_to_the_content_with_a_visible_focus(page, live_server, bank):
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Aller au contenu")
    expect(skip).to_be_focused()
    assert skip.bounding_box()["x"] >= 0, "the focused skip link is on screen"
    seen: list[str] = []
    _assert_focus_visible(page, seen)
    # Through the header, every stop shows where the focus is.
    in_main = "document.activeElement.closest('main') !== null"
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate(in_main):
            break
        _assert_focus_visible(page, seen)
    assert page.evaluate(in_main), f"Tab never left the header: {seen}"
    assert "Quiz" in seen

    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    seen = []
    _assert_focus_visible(page, seen)
    # From the content on: the filters, the axis, the events and their sources.
    for _ in range(40):
        page.keyboard.press("Tab")
        _assert_focus_visible(page, seen)
    assert page.evaluate(in_main)


def test_the_audit_reports_what_it_finds(audit_context, axe_script, live_server, db):
    """The check above can fail: an image without a text alternative is reported."""
    page = audit_context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.evaluate(
        """() => {
            const image = document.createElement("img");
            image.src = "/static/summit/favicon.svg";
            document.querySelector("main, #content, body").append(image);
        }"""
    )
    problems = axe_violations(page, axe_script)
    assert any("[image-alt," in line for line in problems), problems

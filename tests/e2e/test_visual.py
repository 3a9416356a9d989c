"""The visual timeline and the presentation mode in Chromium: mouse, keyboard, phone, no
JavaScript, accessibility. Screenshots go to docs/ (the README shows them)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_no_violations, axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Screenshots to look at (the ones the README shows are copied into docs/ by hand).
SCREENSHOTS = Path(__file__).resolve().parents[2] / "tmp" / "screenshots"
SCREENSHOTS.mkdir(parents=True, exist_ok=True)
SUMMIT = "premier-sommet-kim-poutine"


def focused(page) -> str:
    return page.evaluate("document.activeElement.getAttribute('aria-label') || ''")


def status(page):
    return page.locator("#results [role=status]")


def test_zoom_pan_and_keyboard_across_time_and_lanes(page, live_server, seeded):
    errors: list[str] = []
    page.on("console", lambda message: errors.append(f"{message.type}: {message.text}"))
    page.goto(f"{live_server.url}/visual/")
    expect(status(page)).to_have_text(re.compile(r"2000 – 2019 : 22 événements"))
    page.screenshot(path=SCREENSHOTS / "visual-desktop.png", full_page=True)

    # Buttons: zoom in on the middle of the drawing, then out to the whole span again.
    page.get_by_role("link", name=re.compile("Zoomer")).click()
    page.wait_for_url(re.compile(r"/visual/\?from=2014&to=2023$"))
    expect(page.locator("#id_from")).to_have_value("2014")
    page.get_by_role("link", name=re.compile("Dézoomer")).click()
    page.wait_for_url(re.compile(r"/visual/$"))
    expect(page.locator("#id_from")).to_have_value("")

    # Keyboard: the first mark is in the tab order; right and left move in time, down and up
    # between lanes (the same event when it is in the next lane too).
    page.goto(f"{live_server.url}/visual/?from=2019-04&to=2019-04")
    first = page.locator(".vt-svg [tabindex='0']")
    expect(first).to_have_count(1)
    first.focus()
    start = focused(page)
    page.keyboard.press("ArrowRight")
    assert focused(page) != start
    page.keyboard.press("ArrowLeft")
    assert focused(page) == start
    summit = page.locator(f'.vt-event[data-event="{SUMMIT}"]')
    expect(summit).to_have_count(2)
    summit.first.focus()
    # Lanes are told apart by the height of their marks.
    lanes = [int(mark.locator("circle").get_attribute("cy")) for mark in summit.all()]
    page.keyboard.press("ArrowDown")
    assert focused(page).startswith("Premier sommet entre Kim Jong-un et Vladimir Poutine")
    below = page.evaluate("document.activeElement.querySelector('circle').getAttribute('cy')")
    assert int(below) == lanes[1]
    # Both marks and the line joining them are highlighted together.
    expect(page.locator(f'.is-active[data-event="{SUMMIT}"]')).to_have_count(3)

    # + zooms in around the focused event and keeps the focus on it; − zooms back out.
    page.keyboard.press("+")
    page.wait_for_url(re.compile(r"from=2019-04-\d\d&to=2019-0[45]-\d\d$"))
    expect(page.locator(f'.vt-event[data-event="{SUMMIT}"]:focus')).to_have_count(1)
    page.keyboard.press("-")
    page.wait_for_url(re.compile(r"from=2019-04&to=2019-04$|from=2019-03&to=2019-05$"))

    # Pan: the « Après » button, then dragging with the mouse back in time.
    page.goto(f"{live_server.url}/visual/?from=2019&to=2019")
    page.get_by_role("link", name=re.compile("Après")).click()
    page.wait_for_url(re.compile(r"from=2020&to=2020$"))
    page.get_by_role("link", name=re.compile("Avant")).click()
    page.wait_for_url(re.compile(r"from=2019&to=2019$"))
    svg = page.locator(".vt-svg")
    svg.scroll_into_view_if_needed()
    box = svg.bounding_box()
    page.mouse.move(box["x"] + 300, box["y"] + 20)
    page.mouse.down()
    page.mouse.move(box["x"] + 700, box["y"] + 20, steps=8)
    page.mouse.up()
    page.wait_for_url(re.compile(r"from=2018&to=2018$"))

    # The wheel zooms around the day under the pointer.
    svg = page.locator(".vt-svg")
    svg.scroll_into_view_if_needed()
    box = svg.bounding_box()
    page.mouse.move(box["x"] + 40, box["y"] + 100)
    page.mouse.wheel(0, -200)
    page.wait_for_url(re.compile(r"from=2017-1\d&to=2018-0\d$"))
    assert not [e for e in errors if e.startswith("error:")], errors


def test_open_an_event_and_follow_the_filters(page, live_server, seeded):
    page.goto(f"{live_server.url}/visual/?from=2019-02&to=2019-04")
    page.locator(f'.vt-event[data-event="{SUMMIT}"]').first.click()
    card = page.locator("#vt-card")
    expect(card.get_by_role("heading", name=re.compile("Premier sommet entre Kim"))).to_be_visible()
    expect(card.locator(".evidence mark").first).to_be_visible()  # the evidence, as in the list
    assert page.url.endswith("/visual/?from=2019-02&to=2019-04")
    page.screenshot(path=SCREENSHOTS / "visual-card.png", full_page=True)

    # Keyboard: Enter opens the focused event's card.
    page.locator(".vt-event").first.focus()
    page.keyboard.press("Enter")
    expect(card.locator("article.event")).to_have_count(1)

    # A filter swaps the drawing in place, keeping the window.
    page.get_by_role("checkbox", name="Donald Trump").check()
    page.wait_for_url(re.compile(r"/visual/\?actor=donald-trump&from=2019-02&to=2019-04"))
    expect(page.locator(".vt-lane-names li").first).to_have_text("Donald Trump")
    expect(page.locator(f'.vt-event[data-event="{SUMMIT}"]')).to_have_count(0)
    # The list keeps the same filters.
    page.get_by_role("link", name="Liste", exact=True).click()
    page.wait_for_url(re.compile(r"/\?actor=donald-trump&from=2019-02&to=2019-04$"))
    expect(page.get_by_role("checkbox", name="Donald Trump")).to_be_checked()


def test_on_a_phone_lanes_stay_readable_and_scroll_sideways(phone_page, live_server, seeded):
    page = phone_page
    page.goto(f"{live_server.url}/visual/?from=2019&to=2019")
    hint = page.locator(".vt-scroll-hint")
    expect(hint).to_be_visible()
    scroller = page.locator(".vt-scroll")
    assert scroller.evaluate("element => element.scrollWidth > element.clientWidth")
    # Lane names and labels are drawn at their size, not shrunk to fit the screen.
    names = page.locator(".vt-lane-names li").first
    assert float(names.evaluate("element => getComputedStyle(element).fontSize")[:-2]) >= 12
    svg_width = page.locator(".vt-svg").evaluate("element => element.getBoundingClientRect().width")
    assert svg_width >= 900
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # only the lanes scroll
    scroller.scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS / "visual-phone.png", full_page=True)
    scroller.evaluate("element => { element.scrollLeft = 400; }")
    assert scroller.evaluate("element => element.scrollLeft") > 0
    page.locator(".vt-event").first.tap()
    expect(page.locator("#vt-card article.event")).to_have_count(1)
    # The zoom and pan buttons are big enough to tap.
    zoom = page.get_by_role("link", name=re.compile("Zoomer"))
    assert zoom.bounding_box()["height"] >= 40
    zoom.tap()
    page.wait_for_url(re.compile(r"from=2019-0\d&to=2019-\d\d$"))
    page.get_by_role("link", name=re.compile("Après")).tap()
    page.wait_for_url(re.compile(r"from=2019-\d\d&to=20(19|20)-\d\d$"))
    expect(page.locator(".vt-scroll-hint")).to_be_visible()


def test_presentation_by_keyboard(page, live_server, seeded):
    page.goto(f"{live_server.url}/present/?actor=vladimir-poutine")
    expect(page.locator(".present-position")).to_have_text("Événement 1 sur 4")
    page.keyboard.press("ArrowRight")
    expect(page.locator(".present-position")).to_have_text("Événement 2 sur 4")
    page.keyboard.press("PageDown")
    expect(page.locator(".present-position")).to_have_text("Événement 3 sur 4")
    page.keyboard.press(" ")
    expect(page.locator(".present-position")).to_have_text("Événement 4 sur 4")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Premier sommet entre Kim Jong-un et Vladimir Poutine"
    )
    expect(page.locator(".present-source mark")).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "presentation.png", full_page=True)
    page.keyboard.press("PageUp")
    expect(page.locator(".present-position")).to_have_text("Événement 3 sur 4")
    page.keyboard.press("ArrowLeft")
    expect(page.locator(".present-position")).to_have_text("Événement 2 sur 4")
    assert "actor=vladimir-poutine" in page.url


def test_without_javascript_every_window_and_slide_is_a_page(browser, live_server, seeded):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto(f"{live_server.url}/visual/")
    page.get_by_role("link", name=re.compile("Zoomer")).click()
    page.wait_for_url(re.compile(r"/visual/\?from=2014&to=2023$"))
    expect(status(page)).to_contain_text("2014 – 2023")
    page.get_by_role("link", name=re.compile("Après")).click()
    page.wait_for_url(re.compile(r"from=2024&to=2033$"))
    page.get_by_role("link", name=re.compile("Avant")).click()
    page.wait_for_url(re.compile(r"from=2014&to=2023$"))
    # A group is a link to its own window.
    group = page.locator(".vt-group").first
    group.click()
    page.wait_for_url(re.compile(r"/visual/\?from=\d{4}[-\d]*&to="))
    expect(status(page)).to_be_visible()
    # An event is a link to its page.
    page.goto(f"{live_server.url}/visual/?from=2019-04&to=2019-04")
    page.locator(f'.vt-event[data-event="{SUMMIT}"]').first.click()
    page.wait_for_url(re.compile(rf"/events/{SUMMIT}/$"))
    # The presentation moves by its links.
    page.goto(f"{live_server.url}/present/")
    page.get_by_role("link", name="Suivant →").click()
    expect(page.locator(".present-position")).to_have_text("Événement 2 sur 22")
    context.close()


def test_the_new_pages_have_no_wcag_aa_violations(
    audit_context, axe_script, browser, live_server, seeded
):
    page = audit_context.new_page()
    problems: list[str] = []
    for url in ("/visual/", "/visual/?actor=kim-jong-un&from=2019&to=2019&q=sommet", "/present/"):
        page.goto(f"{live_server.url}{url}")
        problems += axe_violations(page, axe_script)
    page.goto(f"{live_server.url}/visual/?from=2019-04&to=2019-04")
    page.locator(".vt-event").first.click()
    expect(page.locator("#vt-card article.event")).to_have_count(1)
    problems += axe_violations(page, axe_script)
    phone = browser.new_context(
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        locale="fr-FR",
        bypass_csp=True,
    )
    small = phone.new_page()
    for url in ("/visual/?from=2019&to=2019", "/present/"):
        small.goto(f"{live_server.url}{url}")
        problems += axe_violations(small, axe_script)
    phone.close()
    assert_no_violations(problems)

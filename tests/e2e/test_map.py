"""The map of places in a browser: from an event to its place and back, through a group of
markers by keyboard, without JavaScript, on a phone; and the map and export pages for axe."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_no_violations, axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "tmp" / "screenshots"


@pytest.fixture(autouse=True)
def _screenshots() -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)


def test_from_an_event_card_to_its_place_on_the_map_and_back_to_the_timeline(
    page, live_server, seeded
):
    page.goto(f"{live_server.url}/?actor=donald-trump")
    card = page.locator("article#sommet-de-hanoi")
    card.get_by_role("link", name="Hanoï, sur la carte").click()

    page.wait_for_url(re.compile(r"/map/\?place=hanoi#selection$"))
    selection = page.locator("#selection")
    expect(selection.get_by_role("heading", level=2)).to_have_text("Hanoï (Viêt Nam)")
    expect(page.locator(".marker.is-selected")).to_have_attribute(
        "aria-label", "Hanoï : 1 événement"
    )
    selection.get_by_role("link", name="Voir sur la frise (1 événement)").click()

    page.wait_for_url(re.compile(r"/\?place=hanoi$"))
    expect(page.get_by_role("status")).to_contain_text("1 événement · Lieu : Hanoï")
    expect(page.locator(".timeline .event-link")).to_have_text(
        ["Le sommet de Hanoï entre Donald Trump et Kim Jong-un s'achève sans accord"]
    )


def test_open_a_group_then_a_place_then_an_event_by_keyboard(page, live_server, seeded):
    page.goto(f"{live_server.url}/map/")
    group = page.locator(".marker-group").filter(has_text="Pyongyang")
    expect(group).to_have_attribute(
        "aria-label", re.compile(r"^Pyongyang \+6 : 14 événements \(Pyongyang, .*\) — agrandir$")
    )
    page.screenshot(path=SCREENSHOTS / "map-1280.png", full_page=False)
    group.focus()
    expect(group).to_be_focused()
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/map/\?zone=[-0-9.,]+#carte$"))
    pyongyang = page.get_by_role("link", name="Pyongyang : 5 événements")
    pyongyang.focus()
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/map/\?place=pyongyang#carte$"))
    selection = page.locator("#selection")
    expect(selection.locator(".place-events li")).to_have_count(5)
    expect(selection.locator("time").first).to_have_text("Du 19 au 20 juillet 2000")
    page.screenshot(path=SCREENSHOTS / "map-place-1280.png", full_page=False)
    selection.get_by_role("link", name="Vladimir Poutine rencontre Kim Jong-il").click()

    page.wait_for_url(re.compile(r"/events/poutine-rencontre-kim-jong-il/$"))
    expect(page.locator(".event-date time")).to_have_text("du 19 au 20 juillet 2000")
    expect(page.locator(".date-note")).to_contain_text("l’article dit seulement « vers 2000 »")


def test_the_map_works_without_javascript(browser, live_server, seeded):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/map/")
        page.get_by_role("link", name="Moscou : 1 événement").click()
        page.wait_for_url(re.compile(r"/map/\?place=moscou#carte$"))
        expect(page.locator("#selection h2")).to_have_text("Moscou (Russie)")
        page.locator("#selection").get_by_role(
            "link", name=re.compile("Kim Jong-il à Moscou")
        ).click()
        page.wait_for_url(re.compile(r"/events/poutine-kim-jong-il-moscou-2001/$"))
    finally:
        context.close()


def test_the_map_is_readable_on_a_phone(phone_page, live_server, seeded):
    phone_page.goto(f"{live_server.url}/map/?place=vladivostok")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    svg = phone_page.locator(".map-svg").bounding_box()
    assert svg["width"] > 300
    assert svg["height"] > 100
    expect(phone_page.locator("#selection")).to_contain_text("Vladivostok")
    phone_page.screenshot(path=SCREENSHOTS / "map-390.png", full_page=False)


@pytest.mark.parametrize(
    "path",
    [
        "/map/",
        "/map/?place=pyongyang",
        "/map/?zone=109,34,139,46",
        "/map/?zone=1,2",
        "/export/?actor=kim-jong-un",
        "/?place=vladivostok",
        "/events/poutine-rencontre-kim-jong-il/",
    ],
)
@pytest.mark.parametrize("width", [1280, 390])
def test_the_new_pages_have_no_accessibility_violations(
    audit_context, live_server, seeded, path, width
):
    page = audit_context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}{path}")
    assert_no_violations(axe_violations(page))
    if path.startswith("/export/") and width == 1280:
        page.screenshot(path=SCREENSHOTS / "export-1280.png", full_page=True)
    page.close()

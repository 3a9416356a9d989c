"""A student's journey through the timeline, by mouse and keyboard, desktop and phone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "tmp" / "screenshots"


@pytest.fixture(autouse=True)
def _screenshots() -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)


def test_filter_move_open_follow_a_citation_and_come_back(page, live_server, seeded):
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("status")).to_have_text(re.compile(r"22 événements"))

    page.get_by_role("checkbox", name="Vladimir Poutine").check()
    page.wait_for_url(re.compile(r"/\?actor=vladimir-poutine$"))
    expect(page.get_by_role("status")).to_contain_text("4 événements")
    links = page.locator(".timeline .event-link")
    expect(links).to_have_count(4)
    page.screenshot(path=SCREENSHOTS / "timeline-filtered.png", full_page=True)

    links.first.focus()
    page.keyboard.press("ArrowDown")
    expect(links.nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(links.first).to_be_focused()
    page.keyboard.press("End")
    expect(links.nth(3)).to_be_focused()
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/events/premier-sommet-kim-poutine/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Premier sommet entre Kim Jong-un et Vladimir Poutine"
    )
    page.screenshot(path=SCREENSHOTS / "event.png", full_page=True)
    evidence = page.locator(".evidence li").filter(has_text="ce jeudi 25 avril 2019")
    expect(evidence.locator("mark")).to_contain_text("Le président nord-coréen Kim Jong-un")
    evidence.get_by_role("link").click()

    page.wait_for_url(re.compile(r"/sources/2019-04-25-premier-sommet-kim-poutine/#citation-\d+$"))
    target = page.locator(".anchor:target + a.cited mark")
    expect(target).to_be_visible()
    expect(target).to_contain_text("Le président nord-coréen Kim Jong-un")
    assert target.evaluate("element => getComputedStyle(element).outlineStyle") == "solid"

    page.go_back()
    page.go_back()
    page.wait_for_url(re.compile(r"/\?actor=vladimir-poutine$"))
    expect(page.get_by_role("checkbox", name="Vladimir Poutine")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Donald Trump")).not_to_be_checked()
    expect(page.locator(".timeline .event-link")).to_have_count(4)


def test_search_and_period_without_reloading_then_clear(page, live_server, seeded):
    page.goto(f"{live_server.url}/")
    page.get_by_label("Rechercher").fill("hanoi")
    page.wait_for_url(re.compile(r"q=hanoi"))
    # The Stockholm talks' summary recalls Hanoï: accents aside, both events match.
    expect(page.locator(".timeline .event-link")).to_have_text(
        [
            "Le sommet de Hanoï entre Donald Trump et Kim Jong-un s'achève sans accord",
            "Échec des discussions de Stockholm",
        ]
    )
    page.get_by_label("Rechercher").fill("")
    page.get_by_text("Source et période").click()
    page.get_by_label("Du").fill("2019-04")
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url(re.compile(r"from=2019-04"))
    expect(page.locator(".timeline .event-link")).to_have_count(5)
    page.get_by_label("Du").fill("2019-13")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_role("alert")).to_contain_text("Période invalide")
    page.get_by_role("link", name="Revenir à la frise complète").click()
    expect(page.locator(".timeline .event-link")).to_have_count(22)


def test_the_timeline_on_a_phone(phone_page, live_server, seeded):
    phone_page.goto(f"{live_server.url}/")
    expect(phone_page.locator(".timeline .event-link")).to_have_count(22)
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "nothing overflows the phone's width"
    phone_page.screenshot(path=SCREENSHOTS / "timeline-phone.png", full_page=False)
    phone_page.goto(f"{live_server.url}/sources/euronews-2019-04-24-kim-jong-un-en-russie/")
    expect(phone_page.locator("mark").first).to_be_visible()
    phone_page.screenshot(path=SCREENSHOTS / "source-phone.png", full_page=False)


def test_it_works_without_javascript(browser, live_server, seeded):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    page.get_by_role("checkbox", name="Donald Trump").check()
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url(re.compile(r"actor=donald-trump"))
    expect(page.locator(".timeline .event-link")).to_have_count(6)
    context.close()


def test_printing_opens_every_evidence_list(page, live_server, seeded):
    page.goto(f"{live_server.url}/")
    closed = page.locator("details.evidence:not([open])")
    expect(closed).to_have_count(22)
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    expect(closed).to_have_count(0)
    page.emulate_media(media="print")
    expect(page.locator(".filters")).to_be_hidden()
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(closed).to_have_count(22)


def test_from_a_reperes_event_to_the_public_sources_of_its_line(page, live_server, seeded):
    page.goto(f"{live_server.url}/#rencontre-trump-kim-a-la-dmz")
    card = page.locator("#rencontre-trump-kim-a-la-dmz")
    tag = card.get_by_role("link", name=re.compile(r"^Repères"))
    expect(tag).to_be_visible()
    expect(card.locator(".origin-press")).to_have_count(0)
    tag.click()
    page.wait_for_url(
        re.compile(r"/sources/reperes-chronologiques/#repere-rencontre-trump-kim-a-la-dmz$")
    )
    line = page.locator("#repere-rencontre-trump-kim-a-la-dmz")
    expect(line).to_be_in_viewport()
    links = line.locator("a.external")
    expect(links).to_have_count(2)
    expect(links.first).to_have_attribute("rel", "noopener")
    expect(links.first).to_have_attribute("href", re.compile(r"^https://en\.wikipedia\.org/"))
    line.get_by_role(
        "link", name="Donald Trump rencontre Kim Jong-un dans la zone démilitarisée"
    ).click()
    page.wait_for_url(re.compile(r"/events/rencontre-trump-kim-a-la-dmz/$"))

"""Switching the interface to English from the header, on a desktop and on a phone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "tmp"


def test_choosing_english_in_the_header_translates_the_page_but_not_the_quotes(
    page, live_server, seeded
):
    page.goto(f"{live_server.url}/quotes/?speaker=vladimir-poutine")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ce qu’ils ont dit")
    quote = page.locator("blockquote").first.inner_text()
    page.screenshot(path=SCREENSHOTS / "i18n-quotes-desktop-fr.png")

    # Choosing an option changes nothing until it is applied.
    page.get_by_role("combobox", name="Langue").select_option("en")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_role("button", name="Appliquer").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert re.search(r"/quotes/\?speaker=vladimir-poutine$", page.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("What they said")
    expect(page.get_by_role("combobox", name="Language")).to_have_value("en")
    expect(page.locator("blockquote").first).to_have_text(quote)
    page.screenshot(path=SCREENSHOTS / "i18n-quotes-desktop.png")

    page.get_by_role("link", name="Timeline", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Trump, Kim, Putin: the 2018–2019 sequence"
    )
    expect(page.get_by_role("status")).to_have_text(re.compile(r"22 events"))
    expect(page.locator("time", has_text="Thursday 25 April 2019").first).to_be_visible()

    # A filter applied through htmx changes the address; switching back keeps it.
    page.get_by_role("checkbox", name="Vladimir Poutine").check()
    page.wait_for_url(re.compile(r"/\?actor=vladimir-poutine$"))
    expect(page.get_by_role("status")).to_contain_text("4 events")
    page.get_by_role("combobox", name="Language").select_option("fr")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    assert re.search(r"/\?actor=vladimir-poutine$", page.url)
    expect(page.get_by_role("status")).to_contain_text("4 événements")


def test_the_switcher_fits_a_phone_header(phone_page, live_server, seeded):
    phone_page.goto(f"{live_server.url}/")
    switcher = phone_page.locator(".language-switcher")
    expect(switcher).to_be_visible()
    box = switcher.bounding_box()
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 390
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    phone_page.get_by_role("combobox", name="Langue").select_option("en")
    phone_page.get_by_role("button", name="Appliquer").click()
    expect(phone_page.locator("html")).to_have_attribute("lang", "en")
    phone_page.screenshot(path=SCREENSHOTS / "i18n-header-phone.png")

"""Journeys a runner takes in the library, with a mouse or a keyboard only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

pytestmark = pytest.mark.browser

PHONE: ViewportSize = {"width": 360, "height": 780}


def _open(browser: Browser, url: str, viewport: ViewportSize | None = None) -> Page:
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    return page


def test_search_filter_open_a_card_and_follow_the_progression(
    browser: Browser, base_url: str, screenshots: Path
) -> None:
    page = _open(browser, base_url + "/library", PHONE)
    count = page.locator("#result-count")
    expect(count).to_have_text(re.compile(r"All \d+ exercises"))

    # Typing searches without a reload (htmx) and puts the search in the address.
    page.get_by_label("Search exercises").fill("short foot")
    expect(count).to_have_text(re.compile(r"\d+ of \d+ exercises match"))
    expect(page).to_have_url(re.compile(r"/library\?q=short(\+|%20)foot$"))
    cards = page.locator(".card__link")
    expect(cards.first).to_have_text("Short foot, seated")

    # A filter narrows the list further.
    page.locator("summary", has_text="Filters").click()
    page.get_by_label("Category").select_option("balance")
    expect(page.locator(".card .chip--category").first).to_have_text("Balance")
    expect(page.locator('.card__link:text-is("Short foot with reaches")')).to_have_count(1)
    assert set(page.locator(".card .chip--category").all_inner_texts()) == {"Balance"}
    expect(page).to_have_url(re.compile(r"category=balance"))
    page.screenshot(path=str(screenshots / "journey-library-filtered-phone.png"), full_page=True)

    # Back to all categories, then open a card.
    page.get_by_label("Category").select_option("")
    expect(cards.first).to_have_text("Short foot, seated")
    cards.first.click()
    expect(page.locator("h1")).to_have_text("Short foot, seated")
    footmap = page.locator("svg.footmap--large")
    expect(footmap).to_have_attribute("data-targets", re.compile("intrinsic-foot"))

    # Follow the progression to the next step of the chain.
    next_step = page.locator('.chain a[rel="next"]').first
    expect(next_step).to_contain_text("Short foot, standing")
    next_step.click()
    expect(page.locator("h1")).to_have_text("Short foot, standing")
    expect(page.locator('.chain [aria-current="step"]')).to_contain_text("Short foot, standing")
    page.screenshot(path=str(screenshots / "journey-progression-phone.png"), full_page=True)

    # The browser's back button returns to the filtered library.
    page.go_back()
    page.go_back()
    expect(page.get_by_label("Search exercises")).to_have_value("short foot")
    page.context.close()


def test_equipment_ticks_filter_the_library(browser: Browser, base_url: str) -> None:
    page = _open(browser, base_url + "/library")
    page.locator("summary", has_text="Equipment you have").click()
    page.get_by_label("Nothing (body weight only)").check()
    expect(page).to_have_url(re.compile(r"bodyweight_only=true"))
    expect(page.locator('.card__link:text-is("Towel scrunch")')).to_have_count(0)
    page.get_by_label("Towel", exact=True).check()
    expect(page.locator('.card__link:text-is("Towel scrunch")')).to_have_count(1)
    page.context.close()


def test_keyboard_alone_reaches_the_search_box_and_opens_a_card(
    browser: Browser, base_url: str
) -> None:
    page = _open(browser, base_url + "/library")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    def tab_until(selector: str, limit: int = 40) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(f"document.activeElement.matches({selector!r})"):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_until("#q")
    page.keyboard.type("towel")
    expect(page.locator("#result-count")).to_have_text(re.compile("match"))
    tab_until(".card__link")
    name = page.evaluate("document.activeElement.textContent")
    # The focused card shows a visible focus ring.
    outline = page.evaluate(
        "getComputedStyle(document.activeElement.closest('.card')).outlineStyle"
    )
    assert outline == "solid"
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(name)
    page.context.close()


def test_pointing_at_an_area_on_the_home_page_shows_it_alone_on_the_foot_map(
    browser: Browser, base_url: str, screenshots: Path
) -> None:
    page = _open(browser, base_url + "/")
    fill_of = """(target) => getComputedStyle(document.querySelector(
        `svg.footmap--home [data-target="${target}"] > :not(title, [fill="none"])`
    )).fill"""
    highlight, quiet = "rgb(194, 65, 12)", "rgb(234, 216, 198)"
    assert page.evaluate(fill_of, "plantar-fascia") == highlight  # all areas at rest

    page.locator('[data-area="toe-flexors"]').hover()
    assert page.evaluate(fill_of, "toe-flexors") == highlight
    assert page.evaluate(fill_of, "plantar-fascia") == quiet
    page.screenshot(path=str(screenshots / "journey-home-area-desktop.png"))

    page.locator('[data-area="ankle"]').focus()
    page.mouse.move(0, 0)
    assert page.evaluate(fill_of, "ankle") == highlight
    assert page.evaluate(fill_of, "toe-flexors") == quiet
    page.context.close()

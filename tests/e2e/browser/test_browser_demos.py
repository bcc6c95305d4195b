"""The exercise drawings in Chromium: the player on a 360x740 phone keeps the drawing, the
count and the Done button in view; the animation pauses with the session; reduced motion
shows the still frames; the library and an exercise page at phone and desktop width.
Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from tests.e2e.browser.conftest import shoot_widths, watch

pytestmark = pytest.mark.browser

SMALL_PHONE: ViewportSize = {"width": 360, "height": 740}


def onboard(page: Page, url: str, profile: dict[str, Any]) -> None:
    start = dt.date.today() - dt.timedelta(days=6)
    answer = page.request.post(
        url + "/api/v1/onboarding", data={"profile": profile, "start": start.isoformat()}
    )
    assert answer.status == 201, answer.text()


def reps_session(page: Page, url: str) -> tuple[str, str]:
    """A day and slot in the first weeks whose session has a rep-counted exercise."""
    plan = page.request.get(url + "/api/v1/plan").json()
    for day in (d for w in plan["weeks"][:2] for d in w["days"]):
        for session in day["sessions"]:
            if any((i.get("reps") or 0) > 1 and not i.get("hold_s") for i in session["items"]):
                return day["date"], session["slot"]
    raise AssertionError("no session with a rep-counted exercise")


def in_view(page: Page, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    viewport = page.viewport_size
    assert box is not None, f"{selector} is not shown"
    assert viewport is not None
    return box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"] and box["x"] >= 0


def test_the_player_fits_a_small_phone_with_the_drawing_the_count_and_done(
    browser: Browser, fresh_url: str, ana: dict[str, Any], screenshots: Path
) -> None:
    page = browser.new_context(viewport=SMALL_PHONE).new_page()
    problems = watch(page)
    onboard(page, fresh_url, ana)
    day, slot = reps_session(page, fresh_url)
    page.goto(f"{fresh_url}/play/{slot}?date={day}")
    expect(page.locator("#start")).to_be_enabled()
    page.click("#start")
    expect(page.locator("#ex-demo svg.demo-live")).to_be_visible()
    seen_reps = seen_timed = False
    for _ in range(60):
        if page.get_attribute("#player", "data-state") != "running":
            break
        # Everything needed to do and finish this item is on the screen, unscrolled.
        for selector in ("#ex-demo svg.demo-live", "#ex-name", "#big", "#done"):
            assert in_view(page, selector), f"{selector} is off the 360x740 screen"
        if page.is_visible("#reps-box"):
            assert in_view(page, "#rep-plus")
            if not seen_reps:
                page.screenshot(path=str(screenshots / "player-drawing-reps-360x740.png"))
            seen_reps = True
        elif not seen_timed:
            page.screenshot(path=str(screenshots / "player-drawing-timed-360x740.png"))
            seen_timed = True
        page.click("#skip")
    assert seen_reps
    assert problems == []
    page.context.close()


def test_the_drawing_pauses_with_the_session(
    browser: Browser, fresh_url: str, ana: dict[str, Any]
) -> None:
    page = browser.new_context(viewport=SMALL_PHONE).new_page()
    onboard(page, fresh_url, ana)
    day, slot = reps_session(page, fresh_url)
    page.goto(f"{fresh_url}/play/{slot}?date={day}")
    page.click("#start")
    svg = page.locator("#ex-demo svg.demo-live")
    expect(svg).to_be_visible()
    while svg.get_attribute("data-hold") == "true":  # a held exercise has nothing to pause
        page.click("#skip")
    clock = "document.querySelector('#ex-demo svg.demo-live').getCurrentTime()"
    page.wait_for_timeout(300)
    assert page.evaluate(clock) > 0
    page.click("#pause")
    expect(page.locator("#player")).to_have_attribute("data-state", "paused")
    paused_at = page.evaluate(clock)
    page.wait_for_timeout(500)
    assert page.evaluate(clock) == paused_at
    page.click("#pause")
    page.wait_for_timeout(300)
    assert page.evaluate(clock) > paused_at
    page.context.close()


def test_reduced_motion_shows_the_still_frames_instead_of_the_animation(
    browser: Browser, fresh_url: str, ana: dict[str, Any], screenshots: Path
) -> None:
    context = browser.new_context(viewport=SMALL_PHONE, reduced_motion="reduce")
    page = context.new_page()
    onboard(page, fresh_url, ana)
    day, slot = reps_session(page, fresh_url)
    page.goto(f"{fresh_url}/play/{slot}?date={day}")
    page.click("#start")
    expect(page.locator("#ex-demo svg.demo-frames")).to_be_visible()
    expect(page.locator("#ex-demo svg.demo-live")).to_be_hidden()
    assert in_view(page, "#done")
    page.screenshot(path=str(screenshots / "player-reduced-motion-360x740.png"))
    page.goto(f"{fresh_url}/library/heel-raise-step-towel")
    expect(page.locator(".demo__live")).to_be_hidden()
    expect(page.locator(".demo__step").first).to_be_visible()
    context.close()


def test_the_exercise_page_animation_has_a_pause_button(browser: Browser, base_url: str) -> None:
    page = browser.new_context(viewport=SMALL_PHONE).new_page()
    problems = watch(page)
    page.goto(base_url + "/library/calf-raise-double")
    button = page.locator("[data-demo-pause]")
    expect(button).to_be_visible()
    clock = "document.querySelector('.demo__live svg').getCurrentTime()"
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button).to_have_text("Play")
    paused_at = page.evaluate(clock)
    page.wait_for_timeout(400)
    assert page.evaluate(clock) == paused_at
    button.click()
    expect(button).to_have_text("Pause")
    assert problems == []
    page.context.close()


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("library-drawings", "/library"),
        ("exercise-drawing", "/library/heel-raise-step-towel"),
        ("exercise-drawing-toes", "/library/small-toe-lift"),
    ],
)
def test_pages_with_drawings_fit_both_widths_without_errors(
    browser: Browser, base_url: str, screenshots: Path, name: str, path: str
) -> None:
    page = browser.new_context(viewport=SMALL_PHONE).new_page()
    problems = watch(page)
    page.goto(base_url + path, wait_until="networkidle")
    # The cards' drawings load as they come near the screen: scroll down the page first.
    height = page.evaluate("document.documentElement.scrollHeight")
    for y in range(0, height, 500):
        page.evaluate(f"window.scrollTo(0, {y})")
        page.wait_for_timeout(30)
    page.wait_for_load_state("networkidle")
    drawn = page.evaluate(
        "[...document.querySelectorAll('.card__demo img')].map(i => i.naturalWidth > 0)"
    )
    assert all(drawn)
    shoot_widths(page, screenshots, name)
    assert problems == []
    page.context.close()


def test_the_player_with_its_drawing_at_desktop_width(
    browser: Browser, athlete_url: str, screenshots: Path
) -> None:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    today = page.request.get(athlete_url + "/api/v1/today").json()
    slot = today["day"]["sessions"][0]["slot"]
    page.goto(f"{athlete_url}/play/{slot}")
    page.click("#start")
    expect(page.locator("#ex-demo svg").first).to_be_visible()
    assert in_view(page, "#done")
    page.screenshot(path=str(screenshots / "player-drawing-1280.png"))
    page.context.close()

"""Journeys through the athlete's pages in Chromium: onboarding to today, a whole session
in the player on a controlled clock, a session finished offline and sent once, a self-test
entry; and every athlete page at phone and desktop width."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

pytestmark = pytest.mark.browser

PHONE: ViewportSize = {"width": 360, "height": 780}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}


def onboard(page: Page, url: str, profile: dict[str, Any]) -> str:
    """Set Ana up through the API, starting six days ago; the newest day with foot work."""
    start = dt.date.today() - dt.timedelta(days=6)
    answer = page.request.post(
        url + "/api/v1/onboarding", data={"profile": profile, "start": start.isoformat()}
    )
    assert answer.status == 201, answer.text()
    plan = page.request.get(url + "/api/v1/plan").json()
    days = [d for w in plan["weeks"] for d in w["days"]]
    worked = [d for d in days if d["sessions"] and d["date"] <= dt.date.today().isoformat()]
    return str(worked[-1]["date"])


def smallest_session(page: Page, url: str, day: str) -> dict[str, Any]:
    today = page.request.get(f"{url}/api/v1/today?date={day}").json()
    sessions = sorted(today["day"]["sessions"], key=lambda s: len(s["items"]))
    return dict(sessions[0])


def play_through(page: Page) -> None:
    """Work through every step: confirm reps, let the clock run through timed work."""
    for _ in range(500):
        if page.get_attribute("#player", "data-state") != "running":
            return
        if page.is_visible("#reps-box"):
            page.click("#rep-plus")
            page.click("#done")
        else:
            page.clock.run_for(5000)
    raise AssertionError("the session did not end")


def give_feedback(page: Page) -> None:
    expect(page.locator("#feedback")).to_be_visible()
    page.click("label[for=fb-d2]")
    page.select_option("#fb-pain", "1")
    page.click("#feedback-form button[type=submit]")


def test_onboarding_leads_to_today(browser: Browser, fresh_url: str, screenshots: Path) -> None:
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(fresh_url + "/today")
    assert page.url.endswith("/onboarding")
    page.screenshot(path=str(screenshots / "onboarding-phone.png"), full_page=True)
    page.fill("#name", "Ana")
    page.fill("#age", "38")
    page.select_option("#sex", "female")
    page.check("#goals-plantar-heel-pain")
    for kit in ("towel", "ball", "step"):
        page.check(f"#equipment-{kit}")
    page.fill("#minutes_per_day", "12")
    page.fill("#time_morning", "07:00")
    for day in ("tue", "thu", "sun"):
        page.check(f"#run_days-{day}")
    page.select_option("#long_run_day", "sun")
    page.click("button[type=submit]")
    page.wait_for_url("**/onboarding/self-tests")
    page.screenshot(path=str(screenshots / "onboarding-self-tests-phone.png"), full_page=True)
    page.click("text=Skip for now: show my programme")
    page.wait_for_url("**/programme?welcome=1")
    expect(page.locator("h1")).to_have_text("Your programme is ready")
    page.click("text=Go to today")
    page.wait_for_url("**/today")
    expect(page.locator("h1")).to_have_text("Today")
    today = page.request.get(fresh_url + "/api/v1/today").json()
    if today["day"]["sessions"]:
        expect(page.locator(".session__start").first).to_be_visible()
    else:
        expect(page.locator(".empty")).to_contain_text("Rest day")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.context.close()


def test_a_whole_session_in_the_player_is_stored_and_shown_on_progress(
    browser: Browser, fresh_url: str, ana: dict[str, Any], screenshots: Path
) -> None:
    page = browser.new_context(viewport=PHONE).new_page()
    day = onboard(page, fresh_url, ana)
    session = smallest_session(page, fresh_url, day)
    page.clock.install()
    page.goto(f"{fresh_url}/play/{session['slot']}?date={day}")
    expect(page.locator("#start")).to_be_enabled()
    page.screenshot(path=str(screenshots / "player-intro-phone.png"), full_page=True)
    page.click("#start")
    expect(page.locator("#stage")).to_be_visible()
    page.screenshot(path=str(screenshots / "player-phone.png"), full_page=True)
    client_id = page.get_attribute("#player", "data-client-id")
    # Pause stops the countdown: time passing while paused changes nothing.
    if not page.is_visible("#reps-box"):
        before = page.text_content("#big")
        page.click("#pause")
        page.clock.run_for(10000)
        assert page.text_content("#big") == before
        page.click("#pause")
    play_through(page)
    expect(page.locator("#feedback")).to_be_visible()
    page.screenshot(path=str(screenshots / "player-feedback-phone.png"), full_page=True)
    give_feedback(page)
    expect(page.locator("#summary")).to_be_visible()
    expect(page.locator("#sync")).to_have_text("Saved.")
    expect(page.locator("#summary-text")).to_contain_text("Logged")
    page.screenshot(path=str(screenshots / "player-summary-phone.png"), full_page=True)
    logs = page.request.get(fresh_url + "/api/v1/sessions").json()
    assert [log["client_id"] for log in logs] == [client_id]
    assert logs[0]["finished"] is True
    assert logs[0]["difficulty"] == 2
    assert len(logs[0]["items"]) == len(session["items"])
    page.goto(fresh_url + "/progress")
    expect(page.locator(".stats")).to_contain_text("(1 of ")
    page.context.close()


def test_a_session_finished_offline_is_sent_once_when_back_online(
    browser: Browser, fresh_url: str, ana: dict[str, Any]
) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    day = onboard(page, fresh_url, ana)
    session = smallest_session(page, fresh_url, day)
    page.clock.install()
    page.goto(f"{fresh_url}/play/{session['slot']}?date={day}")
    expect(page.locator("#start")).to_be_enabled()
    page.click("#start")
    client_id = page.get_attribute("#player", "data-client-id")
    context.set_offline(True)
    play_through(page)
    give_feedback(page)
    expect(page.locator("#player")).to_have_attribute("data-sync", "pending")
    expect(page.locator("#summary-text")).to_contain_text("Kept on this device")
    context.set_offline(False)
    expect(page.locator("#player")).to_have_attribute("data-sync", "sent", timeout=15000)
    expect(page.locator("#sync")).to_have_text("Saved.")
    logs = page.request.get(fresh_url + "/api/v1/sessions").json()
    assert [log["client_id"] for log in logs] == [client_id]
    assert logs[0]["finished"] is True
    assert sorted(i["index"] for i in logs[0]["items"]) == list(range(len(session["items"])))
    # Sending again (a reload retries whatever waits) stores nothing twice.
    page.reload()
    page.clock.run_for(20000)
    again = page.request.get(fresh_url + "/api/v1/sessions").json()
    assert len(again) == 1
    context.close()


def test_self_test_entry_shows_results_against_norms(
    browser: Browser, fresh_url: str, ana: dict[str, Any], screenshots: Path
) -> None:
    page = browser.new_context(viewport=PHONE).new_page()
    onboard(page, fresh_url, ana)
    page.goto(fresh_url + "/self-tests/record")
    page.fill("[id='r.knee_to_wall_cm.left']", "9")
    page.fill("[id='r.knee_to_wall_cm.right']", "12")
    page.select_option("[id='r.short_foot.left']", "fair")
    page.click("button[type=submit]")
    page.wait_for_url("**/self-tests/results/*")
    expect(page.locator(".result").first).to_contain_text("Knee-to-wall")
    expect(page.locator(".band--low").first).to_be_visible()
    expect(page.locator(".asym")).to_contain_text("Sides differ")
    page.screenshot(path=str(screenshots / "self-test-results-phone.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(screenshots / "self-test-results-desktop.png"), full_page=True)
    stored = page.request.get(fresh_url + "/api/v1/assessments").json()
    assert len(stored) == 1
    page.context.close()


ATHLETE_PAGES = {
    "today": "/today",
    "programme": "/programme",
    "progress": "/progress",
    "settings": "/settings",
    "self-test-entry": "/self-tests/record",
    "about": "/about",
}


@pytest.mark.parametrize("width", ["phone", "desktop"])
@pytest.mark.parametrize("name", ATHLETE_PAGES)
def test_athlete_page_fits_the_screen_without_errors(
    browser: Browser, athlete_url: str, screenshots: Path, name: str, width: str
) -> None:
    viewport = PHONE if width == "phone" else DESKTOP
    page = browser.new_context(viewport=viewport).new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(athlete_url + ATHLETE_PAGES[name], wait_until="networkidle")
    page.screenshot(path=str(screenshots / f"{name}-{width}.png"), full_page=True)
    assert errors == []
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    if name == "progress":
        drawn = page.evaluate("[...document.querySelectorAll('canvas')].every(c => c.width > 0)")
        assert drawn
    page.context.close()


def test_player_at_desktop_width(browser: Browser, athlete_url: str, screenshots: Path) -> None:
    page = browser.new_context(viewport=DESKTOP).new_page()
    today = page.request.get(athlete_url + "/api/v1/today").json()
    slot = (today["day"]["sessions"] or [{"slot": "morning"}])[0]["slot"]
    page.clock.install()
    page.goto(f"{athlete_url}/play/{slot}")
    if today["day"]["sessions"]:
        expect(page.locator("#start")).to_be_enabled()
        page.screenshot(path=str(screenshots / "player-intro-desktop.png"), full_page=True)
        page.click("#start")
        page.screenshot(path=str(screenshots / "player-desktop.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
    page.context.close()


def test_player_swaps_an_item_and_works_by_keyboard(
    browser: Browser, fresh_url: str, ana: dict[str, Any]
) -> None:
    page = browser.new_context(viewport=PHONE).new_page()
    onboard(page, fresh_url, ana)
    plan = page.request.get(fresh_url + "/api/v1/plan").json()
    chosen = None
    for day in (d for w in plan["weeks"][:2] for d in w["days"]):
        for session in day["sessions"]:
            first = session["items"][0]["exercise"]
            url = f"{fresh_url}/api/v1/exercises/{first}/equivalents"
            options = page.request.get(url).json()
            if options:
                chosen = (day["date"], session["slot"], options[0]["name"])
                break
        if chosen:
            break
    assert chosen is not None, "no planned exercise has an equivalent"
    day, slot, replacement = chosen
    page.clock.install()
    page.goto(f"{fresh_url}/play/{slot}?date={day}")
    expect(page.locator("#start")).to_be_enabled()
    page.focus("#start")
    page.keyboard.press("Enter")
    expect(page.locator("#stage")).to_be_visible()
    assert page.evaluate("document.activeElement.id") == "ex-name"
    page.keyboard.press("p")
    expect(page.locator("#player")).to_have_attribute("data-state", "paused")
    page.keyboard.press("p")
    expect(page.locator("#player")).to_have_attribute("data-state", "running")
    page.focus("#swap")
    page.keyboard.press("Enter")
    expect(page.locator("#swap")).to_have_attribute("aria-expanded", "true")
    option = page.locator(".swap-option").first
    expect(option).to_contain_text(replacement)
    option.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#ex-name")).to_have_text(replacement)
    assert page.evaluate("document.activeElement.id") == "ex-name"
    play_through(page)
    give_feedback(page)
    expect(page.locator("#sync")).to_have_text("Saved.")
    logs = page.request.get(fresh_url + "/api/v1/sessions").json()
    first_item = logs[0]["items"][0]
    assert first_item["planned"]["swapped_from"] != first_item["exercise"]
    assert first_item["planned"]["exercise"] == first_item["exercise"]
    page.context.close()

"""The player by keyboard alone (issue 18): a whole session from the start button to the saved
summary with Tab, Shift+Tab, Enter, Space and the arrow keys only - no clicks, no focus set by
the test - so every control a runner needs is reachable and works without a pointer."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.browser.test_browser_athlete import PHONE, onboard, smallest_session

pytestmark = pytest.mark.browser

#: Tab presses allowed to reach a control; a page's controls are far fewer.
MAX_TABS = 40


def tab_to(page: Page, css: str) -> None:
    """Press Tab until the focused element matches ``css``; fail when it never does."""
    for _ in range(MAX_TABS):
        if page.evaluate("(css) => document.activeElement?.matches(css) ?? false", css):
            return
        page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement?.outerHTML.slice(0, 120)")
    raise AssertionError(f"{css} cannot be reached with Tab (focus stays on {focused})")


def test_a_whole_session_by_keyboard_alone_is_stored(
    browser: Browser, fresh_url: str, ana: dict[str, Any]
) -> None:
    page = browser.new_context(viewport=PHONE).new_page()
    day = onboard(page, fresh_url, ana)
    session = smallest_session(page, fresh_url, day)
    page.clock.install()
    page.goto(f"{fresh_url}/play/{session['slot']}?date={day}")
    expect(page.locator("#start")).to_be_enabled()
    tab_to(page, "#start")
    page.keyboard.press("Enter")
    expect(page.locator("#stage")).to_be_visible()
    # Space pauses and resumes when the focus is not on a control (the exercise heading).
    assert page.evaluate("document.activeElement.id") == "ex-name"
    page.keyboard.press(" ")
    expect(page.locator("#player")).to_have_attribute("data-state", "paused")
    page.keyboard.press(" ")
    expect(page.locator("#player")).to_have_attribute("data-state", "running")
    for _ in range(500):
        if page.get_attribute("#player", "data-state") != "running":
            break
        if page.is_visible("#reps-box"):
            tab_to(page, "#rep-plus")
            page.keyboard.press("Enter")
            tab_to(page, "#done")
            page.keyboard.press("Space")
        else:
            page.clock.run_for(5000)
    else:
        raise AssertionError("the session did not end")
    expect(page.locator("#feedback")).to_be_visible()
    tab_to(page, "input[name=difficulty]")
    page.keyboard.press("Space")  # the first choice, then one step harder with an arrow key
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.querySelector('#fb-d2').checked")
    tab_to(page, "#fb-pain")
    page.keyboard.press("ArrowDown")  # from "Not sure" to 0
    page.keyboard.press("ArrowDown")  # to 1
    assert page.input_value("#fb-pain") == "1"
    tab_to(page, "#feedback-form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("#summary")).to_be_visible()
    expect(page.locator("#sync")).to_have_text("Saved.")
    logs = page.request.get(fresh_url + "/api/v1/sessions").json()
    assert len(logs) == 1
    assert logs[0]["finished"] is True
    assert logs[0]["difficulty"] == 2
    assert logs[0]["pain"] == 1
    assert len(logs[0]["items"]) == len(session["items"])
    page.context.close()

"""Every page in Chromium at phone and desktop width: screenshots, layout and resources."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, ViewportSize

pytestmark = pytest.mark.browser

HOST = "127.0.0.1"  # where the test server listens (conftest.py)
PHONE: ViewportSize = {"width": 360, "height": 780}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}

PAGES = {
    "home": "/",
    "onboarding": "/onboarding",
    "library": "/library",
    "library-filtered": "/library?q=calf&equipment=step&equipment=towel",
    "exercise": "/library/calf-raise-single",
    "exercise-stretch": "/library/kneeling-toe-stretch",
    "self-tests": "/self-tests",
    "self-test": "/self-tests/heel_raise_reps",
    "not-found": "/library/towel-scrunh",
    "api-docs": "/docs",
}
WIDTHS: dict[str, ViewportSize] = {"phone": PHONE, "desktop": DESKTOP}

# Controls a thumb must hit on a phone (inline links inside sentences are exempt).
TAP_TARGETS = (
    ".site-nav a, .brand, .button, button, select, input[type=search], "
    ".kit summary, .kit__list label, .breadcrumb a, .chain__step > a, a.chip--link"
)


def _visit(browser: Browser, url: str, viewport: ViewportSize) -> tuple[Page, list[str]]:
    """Open ``url``; collect every request that leaves 127.0.0.1 and every console error."""
    page = browser.new_context(viewport=viewport).new_page()
    trouble: list[str] = []

    def on_request(request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname != HOST:
            trouble.append(f"request to {request.url}")

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error" and "404 (Not Found)" not in message.text:
            trouble.append(f"console error: {message.text}")

    page.on("request", on_request)
    page.on("console", on_console)
    page.goto(url, wait_until="networkidle")
    return page, trouble


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_page_renders_without_overflow_or_outside_requests(
    browser: Browser, base_url: str, screenshots: Path, name: str, width: str
) -> None:
    viewport = WIDTHS[width]
    page, trouble = _visit(browser, base_url + PAGES[name], viewport)
    if name == "api-docs":
        page.wait_for_selector(".swagger-ui .opblock", timeout=15000)
        page.wait_for_load_state("networkidle")
    page.screenshot(path=str(screenshots / f"{name}-{width}.png"), full_page=True)

    assert trouble == []
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= viewport["width"], f"{name} scrolls sideways at {width} width"
    page.context.close()


@pytest.mark.parametrize(
    "name", ["home", "onboarding", "library", "exercise", "self-test", "not-found"]
)
def test_controls_are_big_enough_to_tap_on_a_phone(
    browser: Browser, base_url: str, name: str
) -> None:
    page, _ = _visit(browser, base_url + PAGES[name], PHONE)
    small = page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
            .filter((el) => el.offsetParent !== null)
            .map((el) => [el.outerHTML.slice(0, 80), el.getBoundingClientRect().height])
            .filter(([, h]) => h < 44)""",
        TAP_TARGETS,
    )
    assert small == []
    page.context.close()


def test_api_docs_render_from_local_files_only(browser: Browser, base_url: str) -> None:
    page, trouble = _visit(browser, base_url + "/docs", DESKTOP)
    page.wait_for_selector(".swagger-ui .opblock", timeout=15000)
    page.wait_for_load_state("networkidle")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/exercises" in [p.replace("\u200b", "") for p in paths]
    assert trouble == []
    page.context.close()


def test_every_page_sends_the_security_headers(browser: Browser, base_url: str) -> None:
    page = browser.new_context().new_page()
    for path in PAGES.values():
        response = page.goto(base_url + path)
        assert response is not None
        headers = response.headers
        assert "default-src 'self'" in headers["content-security-policy"]
        assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"
    page.context.close()

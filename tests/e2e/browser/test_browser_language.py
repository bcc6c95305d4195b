"""The Spanish pages on a 360 px phone: every page of the route table in one-person mode,
opened by a browser that asks for Spanish (``es-ES``), says ``lang="es"`` and does not
scroll sideways (Spanish runs about a fifth longer than English). Screenshots go to
``test-artifacts/screenshots/es-360/``."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser

from tests.e2e.browser.conftest import PHONE, SCREENSHOTS, watch
from tests.e2e.browser.test_browser_accessibility import one_person, page_routes

pytestmark = pytest.mark.browser

__all__ = ["one_person"]  # the fixture, shared with the accessibility audit

WIDE = """() => [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
    .slice(0, 6).map(e => e.tagName + '.' + e.className)"""


def test_every_page_in_spanish_fits_a_360_px_phone(
    browser: Browser, one_person: tuple[str, dict[str, str], Any]
) -> None:
    url, ids, app = one_person
    shots = SCREENSHOTS / "es-360"
    shots.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=PHONE, locale="es-ES")
    page = context.new_page()
    problems = watch(page)
    seen: list[str] = []
    too_wide: dict[str, Any] = {}
    for route in page_routes(app):
        try:
            path = route.format(**ids)
        except KeyError:
            continue
        response = page.goto(url + path)
        assert response is not None
        if response.status != 200 or "text/html" not in response.headers.get("content-type", ""):
            continue
        page.wait_for_load_state("load")
        if page.url.removeprefix(url) == "/docs":
            continue  # the API documentation is English on purpose
        seen.append(path)
        assert page.evaluate("document.documentElement.lang") == "es", path
        name = path.strip("/").replace("/", "-") or "home"
        page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[path] = (width, page.evaluate(WIDE))
    assert {"/today", "/play/morning", "/library/towel-scrunch", "/settings"} <= set(seen)
    assert too_wide == {}
    assert problems == []
    context.close()

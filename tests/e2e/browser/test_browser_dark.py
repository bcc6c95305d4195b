"""Dark mode in Chromium at 360 px: the pages follow the system's dark setting, text and
links keep their contrast, the foot map and the exercise drawings sit on a light plate, the
charts draw in the dark palette, and the footer's switch (system, light, dark) is kept in the
browser and applied before the page is first drawn. Screenshots are kept in the test's
temporary folder (and test-artifacts/screenshots/)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.browser.conftest import PHONE, watch

pytestmark = pytest.mark.browser


def rgb(css: str) -> tuple[float, float, float]:
    found = re.findall(r"[\d.]+", css)
    assert len(found) >= 3, css
    r, g, b = (float(v) for v in found[:3])
    return r, g, b


def luminance(colour: tuple[float, float, float]) -> float:
    def channel(v: float) -> float:
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, two: str) -> float:
    a, b = sorted((luminance(rgb(one)), luminance(rgb(two))), reverse=True)
    return (a + 0.05) / (b + 0.05)


def colours(page: Page, selector: str) -> dict[str, str]:
    found: dict[str, str] = page.eval_on_selector(
        selector,
        """e => { const s = getComputedStyle(e);
                 return {color: s.color, background: s.backgroundColor}; }""",
    )
    return found


# Before any stylesheet or script runs: was html[data-theme] set when <body> appeared?
FIRST_PAINT_PROBE = """
window.__themeAtBody = "not seen";
new MutationObserver((changes, observer) => {
  if (document.body) {
    window.__themeAtBody = document.documentElement.getAttribute("data-theme");
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""

PAGES = {
    "today": "/today",
    "player": "/play/morning",
    "progress": "/progress",
    "exercise": "/library/towel-scrunch",
    "about": "/about",
    "library": "/library",
}


@pytest.mark.parametrize("name", PAGES)
def test_dark_pages_follow_the_system_and_keep_contrast_at_360px(
    browser: Browser, athlete_url: str, tmp_path: Path, screenshots: Path, name: str
) -> None:
    context = browser.new_context(viewport=PHONE, color_scheme="dark")
    page = context.new_page()
    problems = watch(page)
    page.goto(athlete_url + PAGES[name])
    body = colours(page, "body")
    assert luminance(rgb(body["background"])) < 0.02, body  # a dark page
    assert contrast(body["color"], body["background"]) >= 12, body
    main = colours(page, "main")
    assert contrast(main["color"], body["background"]) >= 12
    link = colours(page, "main a[href]:not(.button)")
    assert contrast(link["color"], body["background"]) >= 7, link
    header = colours(page, ".site-header")
    for item in (".site-nav a:not([aria-current])", ".site-nav a[aria-current]"):
        if page.query_selector(item) is not None:
            seen = colours(page, item)
            back = seen["background"] if "current" in item else header["background"]
            assert contrast(seen["color"], back) >= 7, (item, seen)
    button = page.query_selector("main .button")
    if button is not None:
        seen = colours(page, "main .button")
        assert contrast(seen["color"], seen["background"]) >= 7, seen
    if name == "player":
        expect(page.locator("#start")).to_be_enabled()
        page.click("#start")
        expect(page.locator("#ex-demo svg").first).to_be_visible()
        big = colours(page, "#big")
        assert contrast(big["color"], colours(page, ".player__card")["background"]) >= 7
    for drawing in page.query_selector_all("svg.footmap, .demo-live, img[src*='foot-map.svg']"):
        plate = drawing.evaluate("e => getComputedStyle(e).backgroundColor")
        assert luminance(rgb(plate)) > 0.8, f"{name}: a drawing without its light plate"
    if name == "progress":
        page.wait_for_function(
            "() => window.Chart && Chart.instances && Object.keys(Chart.instances).length > 0"
        )
        chart = page.evaluate(
            """() => { const c = Object.values(Chart.instances)[0];
                       return {text: Chart.defaults.color,
                               line: c.data.datasets[0].borderColor}; }"""
        )
        surface = colours(page, ".chart")["background"]
        assert contrast(hex_rgb(chart["text"]), surface) >= 7, chart
        assert contrast(hex_rgb(chart["line"]), surface) >= 3, chart
    shot = tmp_path / f"dark-{name}-phone.png"
    page.screenshot(path=str(shot), full_page=True)
    page.screenshot(path=str(screenshots / f"dark-{name}-phone.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert problems == []
    context.close()


def hex_rgb(value: str) -> str:
    if value.startswith("#"):
        h = value.lstrip("#")
        return "rgb(" + ", ".join(str(int(h[i : i + 2], 16)) for i in (0, 2, 4)) + ")"
    return value


def test_the_colour_switch_is_kept_per_browser_and_applied_before_first_paint(
    browser: Browser, athlete_url: str, tmp_path: Path
) -> None:
    context = browser.new_context(viewport=PHONE, color_scheme="dark")
    context.add_init_script(FIRST_PAINT_PROBE)
    page = context.new_page()
    problems = watch(page)
    page.goto(athlete_url + "/today")
    expect(page.locator("#theme-switch")).to_be_visible()
    assert page.input_value("#theme-choice") == "system"
    assert luminance(rgb(colours(page, "body")["background"])) < 0.02
    # Light on a dark system: at once, and on the next page before anything is drawn.
    page.select_option("#theme-choice", "light")
    assert page.get_attribute("html", "data-theme") == "light"
    assert luminance(rgb(colours(page, "body")["background"])) > 0.9
    page.goto(athlete_url + "/programme")
    assert page.evaluate("window.__themeAtBody") == "light"
    assert luminance(rgb(colours(page, "body")["background"])) > 0.9
    page.screenshot(path=str(tmp_path / "chosen-light.png"))
    # Dark on a light system, in another tab of the same browser.
    light_system = context.new_page()
    light_system.emulate_media(color_scheme="light")
    light_system.goto(athlete_url + "/about")
    light_system.select_option("#theme-choice", "dark")
    light_system.goto(athlete_url + "/library")
    assert light_system.evaluate("window.__themeAtBody") == "dark"
    assert luminance(rgb(colours(light_system, "body")["background"])) < 0.02
    light_system.screenshot(path=str(tmp_path / "chosen-dark.png"))
    # Back to the system's choice: nothing kept.
    light_system.select_option("#theme-choice", "system")
    assert light_system.evaluate("localStorage.getItem('footcore.theme')") is None
    light_system.reload()
    assert light_system.get_attribute("html", "data-theme") is None
    assert luminance(rgb(colours(light_system, "body")["background"])) > 0.9
    # Another browser (context) keeps its own choice.
    other = browser.new_context(viewport=PHONE, color_scheme="dark")
    elsewhere = other.new_page()
    elsewhere.goto(athlete_url + "/about")
    assert elsewhere.input_value("#theme-choice") == "system"
    other.close()
    assert problems == []
    context.close()

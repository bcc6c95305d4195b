"""Every page of the route table on a 360 px phone (issue 16 item 7): none scrolls sideways,
and the header leaves the screen to the page.

The pages come from the app's own route table (``route_table``), each with the path and the
person the access matrix gives it (the first who may see it: the athlete, then the coach,
then the admin, then anyone): a page added later is covered without a change here. The
world is the access matrix's (multi-user: Ana in Cleo's group, templates, a coach's own
exercise), with two sets of self-test results, runs and logged sessions, so that the
tables and charts the issue found too wide are filled. Screenshots go to
``test-artifacts/screenshots/phone-360/`` (and ``desktop-1280/``, each page also at 1280 px).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, ViewportSize

from footcore.services import Feedback, ItemEntry, RunEntry, SessionHeader
from tests.e2e.serving import serve_app
from tests.e2e.test_web_access_matrix import MATRIX, prepare
from tests.e2e.web_accounts import EMAILS, PASSWORD, TODAY, World, build_world

from .conftest import DESKTOP, SCREENSHOTS

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
#: Who opens a page: the first of these the access matrix lets in.
ROLES = ("athlete", "coach", "admin", "anonymous")
#: Routes that are not pages (files, JSON, health checks).
NOT_PAGES = (
    "/openapi.json",
    "/healthz",
    "/readyz",
    "/foot-map.svg",
    "/calendar/{token}.ics",
    "/settings/export",  # a download
)
#: Files by their ending: drawings, downloads.
NOT_PAGE_ENDINGS = (".svg", ".csv", ".ics", ".json")
#: The most the header may take of a 740 px phone screen.
MAX_HEADER_PX = 120


def page_routes() -> list[tuple[str, str, str]]:
    """(route, path template, role) of every page of the route table."""
    out = []
    for (method, route), case in sorted(MATRIX.items()):
        if (
            method != "GET"
            or route.startswith("/api/")
            or route in NOT_PAGES
            or route.endswith(NOT_PAGE_ENDINGS)
        ):
            continue
        role = next((r for r in ROLES if case.expect[r] == "ok"), None)
        if role is not None:
            out.append((route, case.path or route, role))
    return out


#: Pages worth a second look with fuller data: the latest, two-sided self-test results.
EXTRA = [
    ("/self-tests/results/{latest}", "/self-tests/results/{latest}", "athlete"),
    # Later weeks hold the long doses (a tempo, an added load).
    *((f"/programme?week={n}", f"/programme?week={n}", "athlete") for n in (4, 8, 12)),
]
PAGES = page_routes() + EXTRA


def _fill(world: World) -> None:
    """What makes the pages full: a second self-test, runs, logged sessions."""
    services = world.app.state.footcore.services
    ana = world.ids["athlete"]
    for days_ago, left, right in ((20, 9.0, 12.0), (2, 11.5, 12.5)):
        services.record_assessment(
            ana,
            {
                "age": 38,
                "sex": "female",
                "results": {
                    "knee_to_wall_cm": {"left": left, "right": right},
                    "heel_raise_reps": {"left": 18, "right": 24},
                    "balance_eyes_open_s": {"left": 30, "right": 25},
                    "toe_isolation": {
                        "left": {"spread": 2, "big_toe_lift": 3, "small_toe_lift": 1},
                        "right": {"spread": 1, "big_toe_lift": 2, "small_toe_lift": 2},
                    },
                    "pain_nrs": 3,
                },
            },
            TODAY - dt.timedelta(days=days_ago),
        )
    for days_ago, km, kind in ((6, 8.0, "easy"), (4, 21.1, "long"), (1, 10.0, "hard")):
        day = TODAY - dt.timedelta(days=days_ago)
        services.add_run(ana, RunEntry(day, km, km * 5.8, kind, 4, note="felt strong on the hills"))
    world.ids["latest"] = max(a.id for a in services.records.assessments(ana))
    session = services.today(ana, TODAY).sessions[0]
    items = [ItemEntry(n, i["exercise"], i, i["sets"]) for n, i in enumerate(session["items"])]
    services.log_session(
        ana,
        SessionHeader("phone-1", TODAY, str(session["slot"]), "manual", len(items)),
        items,
        Feedback(difficulty=2, pain=1, cramp=False),
    )


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[World, str]]:
    built = prepare(build_world(tmp_path_factory.mktemp("phone")))
    _fill(built)
    with serve_app(built.app) as url:
        yield built, url
    built.close()


@pytest.fixture(scope="module")
def phones(browser: Browser, world: tuple[World, str]) -> Iterator[dict[str, BrowserContext]]:
    """One signed-in phone per person (and one signed out)."""
    _, url = world
    made: dict[str, BrowserContext] = {}
    for role in ROLES:
        ctx = browser.new_context(viewport=PHONE, base_url=url)  # type: ignore[arg-type]
        if role != "anonymous":
            page = ctx.new_page()
            page.goto("/sign-in")
            page.fill("input[name=email]", EMAILS[role])
            page.fill("input[name=password]", PASSWORD)
            page.click("form[action='/sign-in'] button[type=submit]")
            page.wait_for_load_state()
            page.close()
        made[role] = ctx
    yield made
    for ctx in made.values():
        ctx.close()


def address(world: World, path: str) -> str:
    """The page's path with the world's ids filled in."""
    return path.format(**{k: v for k, v in world.ids.items() if k != "users"})


def shot_name(route: str) -> str:
    """A screenshot's file name for a route ("home" for /)."""
    name = route.strip("/").replace("/", "_").replace("?", "_").replace("=", "-")
    return name.replace("{", "").replace("}", "") or "home"


def test_the_route_table_has_pages_for_every_person() -> None:
    roles = {role for _, _, role in PAGES}
    assert {"athlete", "coach", "admin"} <= roles
    assert len(PAGES) >= 30


@pytest.mark.parametrize(("route", "path", "role"), PAGES, ids=[p[0] for p in PAGES])
def test_no_page_scrolls_sideways_on_a_360_px_phone(
    route: str,
    path: str,
    role: str,
    world: tuple[World, str],
    phones: dict[str, BrowserContext],
) -> None:
    built, _ = world
    page = phones[role].new_page()
    try:
        response = page.goto(address(built, path))
        assert response is not None
        assert response.status < 400, (route, response.status)
        page.wait_for_load_state("networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        # Anything shown that reaches past the screen's edge, also inside a scrolling box (a
        # table column cut off there is as lost as one off the page).
        wide = page.evaluate(
            """() => [...document.querySelectorAll('main *, header *')]
                .filter(e => { const r = e.getBoundingClientRect();
                    return r.width > 0 && r.height > 0 && r.right > window.innerWidth + 1
                        && !e.closest('details:not([open]), .site-nav ul, .visually-hidden')
                        && getComputedStyle(e).visibility !== 'hidden'; })
                .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' +
                                      (e.textContent || '').trim().slice(0, 30))"""
        )
        # A menu whose chosen words do not fit ("long ru").
        cut = page.evaluate(
            """() => { const c = document.createElement('canvas').getContext('2d');
                return [...document.querySelectorAll('select')].filter(s => s.offsetParent)
                  .filter(s => { c.font = getComputedStyle(s).font;
                      const o = s.options[s.selectedIndex];
                      return o && c.measureText(o.text).width + 24 > s.clientWidth; })
                  .map(s => s.id || s.name); }"""
        )
        out = SCREENSHOTS / "phone-360"
        out.mkdir(parents=True, exist_ok=True)
        name = shot_name(route)
        page.screenshot(path=str(out / f"{name}.png"), full_page=True)
        assert width <= PHONE["width"], f"{route} is {width} px wide at 360 px: {wide}"
        assert wide == [], f"{route}: cut off at the right edge of a 360 px screen: {wide}"
        assert cut == [], f"{route}: menus whose choice does not fit: {cut}"
        header = page.evaluate(
            "(() => { const h = document.querySelector('body > header');"
            " return h ? h.getBoundingClientRect().height : 0; })()"
        )
        assert header <= MAX_HEADER_PX, f"{route}: the header takes {header} px"
        current = page.evaluate(
            """() => { const a = document.querySelector(".site-nav a[aria-current='page']");
                       if (!a) return true; const r = a.getBoundingClientRect();
                       return r.left >= 0 && r.right <= window.innerWidth; }"""
        )
        assert current, f"{route}: the menu entry of the page is off screen"
        page.set_viewport_size(DESKTOP)  # and as it looks on a desktop, for the eye
        wide_desktop = page.evaluate("document.documentElement.scrollWidth")
        desk = SCREENSHOTS / "desktop-1280"
        desk.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(desk / f"{name}.png"), full_page=True)
        assert wide_desktop <= DESKTOP["width"], f"{route} scrolls sideways at 1280 px"
    finally:
        page.close()


#: A desktop window with the browser's text size doubled (WCAG 1.4.4, resize text).
TEXT_200: ViewportSize = {"width": 1280, "height": 800}


@pytest.mark.parametrize(("route", "path", "role"), PAGES, ids=[p[0] for p in PAGES])
def test_text_at_200_percent_loses_nothing(
    route: str,
    path: str,
    role: str,
    world: tuple[World, str],
    phones: dict[str, BrowserContext],
) -> None:
    """Every page with the text twice its size (Chromium's own text-size setting, as a reader
    sets it; footcore's CSS sizes text in rem and em only): the page does not scroll
    sideways, no box reaches past the window's edge (except inside a box that scrolls
    sideways, such as a wide table's wrapper), and no box cuts its text off (a box whose
    content is wider or taller than the box while it hides the overflow). Screenshots go to
    ``test-artifacts/screenshots/text-200/``."""
    built, _ = world
    page = phones[role].new_page()
    cdp = None
    try:
        page.set_viewport_size(TEXT_200)
        # The browser's own text-size setting (its default font size), set before the page
        # loads, as a reader's setting is.
        cdp = page.context.new_cdp_session(page)
        cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
        response = page.goto(address(built, path))
        assert response is not None
        assert response.status < 400, (route, response.status)
        page.wait_for_load_state("networkidle")
        page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        before = 16.0  # the default text size without the setting
        after = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        assert after >= 1.9 * before, f"{route}: text did not grow ({before} -> {after} px)"
        width = page.evaluate("document.documentElement.scrollWidth")
        clipped = page.evaluate(
            """() => [...document.querySelectorAll('main *, header *, footer *')]
                .filter(e => { const s = getComputedStyle(e);
                    const hides = ['hidden', 'clip'].includes(s.overflowX)
                        || ['hidden', 'clip'].includes(s.overflowY);
                    // A screen-reader-only copy (1 px and clipped) is not text cut off.
                    return hides && e.offsetParent && (e.textContent || '').trim()
                        && e.clientWidth > 1 && e.clientHeight > 1
                        && !e.closest('.visually-hidden, details:not([open])')
                        && (e.scrollWidth > e.clientWidth + 1
                            || e.scrollHeight > e.clientHeight + 1); })
                .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' +
                                      (e.textContent || '').trim().slice(0, 30))"""
        )
        out = SCREENSHOTS / "text-200"
        out.mkdir(parents=True, exist_ok=True)
        name = shot_name(route)
        page.screenshot(path=str(out / f"{name}.png"))  # the first screen, as the reader sees it
        wide = page.evaluate(
            """() => [...document.querySelectorAll('body *')]
                .filter(e => { const r = e.getBoundingClientRect();
                    // Inside a box that scrolls sideways (a wide table's wrapper) it is
                    // reached by scrolling that box.
                    let p = e.parentElement, scrolls = false;
                    for (; p && !scrolls; p = p.parentElement) {
                        scrolls = ['auto', 'scroll'].includes(getComputedStyle(p).overflowX); }
                    return r.width > 0 && r.right > document.documentElement.clientWidth + 1
                        && !scrolls
                        && !e.closest('details:not([open]), .visually-hidden, .site-nav ul'); })
                .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' +
                    Math.round(e.getBoundingClientRect().width) + 'px ' +
                    (e.textContent || '').trim().slice(0, 30))"""
        )
        assert width <= TEXT_200["width"], f"{route} is {width} px wide at 200 % text: {wide}"
        assert wide == [], f"{route} at 200 % text, past the edge: {wide}"
        assert clipped == [], f"{route}: text cut off at 200 %: {clipped}"
    finally:
        if cdp is not None:  # the setting may outlive the page in this browser context
            cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 16, "fixed": 13}})
        page.close()

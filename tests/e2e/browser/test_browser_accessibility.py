"""The accessibility audit: axe-core (vendored, static/vendor/axe/) run in Chromium over
every HTML page of the app's route table, in one-person mode (the athlete's own pages) and
as a coach in multi-user mode (the coach's pages). Any serious or critical violation fails,
with the rule, the help text and the elements. Also the player's countdown: announced
politely, at a few moments of a timed step, never every second."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from footcore.config import Settings
from footcore.services import SessionHeader
from footcore.web.app import create_app
from tests.e2e.browser.conftest import ANA, PHONE, watch
from tests.e2e.serving import serve_app
from tests.e2e.test_web_access_matrix import MATRIX, prepare, route_table
from tests.e2e.web_accounts import EMAILS, PASSWORD, build_world

pytestmark = pytest.mark.browser

AXE = "/static/vendor/axe/axe.min.js"
#: Swagger UI's markup on /docs puts buttons (copy, authorise) inside each operation's
#: summary button: its own structure, not footcore's, and vendored unchanged. Its colours
#: are footcore's to fix (static/css/docs.css) and are audited.
VENDOR_MARKUP = {"/docs": {"nested-interactive"}}
#: GET routes that answer something other than a page (files, feeds, JSON, downloads).
NOT_PAGES = re.compile(
    r"^/api/|^/(openapi\.json|healthz|readyz|sw\.js|manifest\.webmanifest)$"
    r"|\.(svg|ics|csv|pdf|json|fit)$|^/settings/export$"
)


def page_routes(app: Any) -> list[str]:
    """Every GET route of ``app`` that answers an HTML page (converters such as ``:int``
    dropped, so that paths read as the access matrix writes them)."""
    paths = {re.sub(r"\{(\w+):\w+\}", r"{\1}", p) for m, p in route_table(app) if m == "GET"}
    return sorted(p for p in paths if not NOT_PAGES.search(p))


def audit(page: Page) -> list[str]:
    """axe-core's serious and critical violations on the page, one line each."""
    path = page.url.split("://", 1)[-1].split("/", 1)[-1].split("?")[0]
    if "/" + path == "/docs":
        page.wait_for_selector(".opblock")  # Swagger UI draws after loading the schema
    skipped = sorted(VENDOR_MARKUP.get("/" + path, ()))
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(url=AXE)
    found: list[str] = page.evaluate(
        """async (skipped) => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations
                .filter(v => v.impact === "serious" || v.impact === "critical")
                .filter(v => !skipped.includes(v.id))
                .map(v => v.impact + " " + v.id + ": " + v.help + " -> " +
                     v.nodes.slice(0, 4).map(n => n.target.join(" ")).join(" | "));
        }""",
        skipped,
    )
    return found


def test_the_audit_finds_a_serious_violation_when_there_is_one(page: Page, base_url: str) -> None:
    page.goto(base_url + "/about")
    assert audit(page) == []
    page.evaluate(
        """() => { const img = document.createElement("img"); img.src = "/static/img/icon.svg";
                   document.querySelector("main").append(img); }"""
    )
    found = audit(page)
    assert len(found) == 1, found
    assert found[0].startswith("critical image-alt"), found


def visit_and_audit(page: Page, url: str) -> list[str] | None:
    """The violations of the page at ``url``; None when it is no page for this person."""
    response = page.goto(url)
    assert response is not None
    if response.status != 200 or "text/html" not in response.headers.get("content-type", ""):
        return None
    page.wait_for_load_state("load")
    return audit(page)


# -- one-person mode ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def one_person(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, dict[str, str], Any]]:
    """One-person mode with Ana set up, a logged session and a self-test; the ids for paths."""
    data = tmp_path_factory.mktemp("axe-one-person")
    app = create_app(Settings.for_sqlite_file(data / "footcore.sqlite3"))
    services = app.state.footcore.services
    today = dt.date.today()
    athlete = services.onboard(ANA, today - dt.timedelta(days=8)).athlete.id
    services.open_session(athlete, SessionHeader(client_id="axe-1", date=today, slot="morning"))
    stored = services.record_assessment(
        athlete,
        {"age": 38, "sex": "female", "results": {"knee_to_wall_cm": {"left": 9, "right": 12}}},
        today,
    )
    ids = {
        "slug": "towel-scrunch",
        "test_id": "knee-to-wall",
        "slot": "morning",
        "client_id": "axe-1",
        "assessment_id": str(stored.id),
    }
    with serve_app(app) as url:
        yield url, ids, app
        app.state.footcore.close()


@pytest.mark.parametrize(
    ("scheme", "locale"), [("light", "en-GB"), ("dark", "en-GB"), ("light", "es-ES")]
)
def test_every_page_in_one_person_mode_has_no_serious_accessibility_violation(
    browser: Browser, one_person: tuple[str, dict[str, str], Any], scheme: str, locale: str
) -> None:
    """Also in Spanish (the browser asks for es-ES): longer words, another ``lang``."""
    url, ids, app = one_person
    context = browser.new_context(
        viewport=PHONE,
        color_scheme=scheme,  # type: ignore[arg-type]
        locale=locale,
    )
    page = context.new_page()
    problems = watch(page)
    routes = page_routes(app)
    audited: list[str] = []
    failures: dict[str, list[str]] = {}
    for route in routes:
        try:
            path = route.format(**ids)
        except KeyError:
            continue  # a group, template, study or account: none in one-person mode
        found = visit_and_audit(page, url + path)
        if found is None:
            continue
        path = page.url.removeprefix(url)  # where a redirect led
        audited.append(path)
        if found:
            failures[path] = found
    assert {"/today", "/play/morning", "/progress", "/library/towel-scrunch"} <= set(audited)
    assert len(set(audited)) >= 18, audited
    print("audited in one-person mode:", audited)
    assert failures == {}
    assert [p for p in problems if "axe" not in p] == []
    context.close()


# -- a coach in multi-user mode -------------------------------------------------------------------


@pytest.fixture(scope="module")
def coach_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any]]:
    world = prepare(build_world(tmp_path_factory.mktemp("axe-coach")))
    with serve_app(world.app) as url:
        yield url, world
    world.close()


def sign_in(page: Page, url: str, email: str) -> None:
    page.goto(url + "/sign-in")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state("load")
    assert "/sign-in" not in page.url


def test_every_coach_page_in_multi_user_mode_has_no_serious_accessibility_violation(
    browser: Browser, coach_world: tuple[str, Any]
) -> None:
    url, world = coach_world
    context: BrowserContext = browser.new_context(viewport=PHONE)
    page = context.new_page()
    sign_in(page, url, EMAILS["coach"])
    ids = {k: v for k, v in world.ids.items() if k != "users"}
    audited: list[str] = []
    failures: dict[str, list[str]] = {}
    for route in page_routes(world.app):
        case = MATRIX[("GET", route)]
        if case.expect["coach"] != "ok":
            continue
        path = (case.path or route).format(**ids)
        found = visit_and_audit(page, url + path)
        assert found is not None, path
        audited.append(path)
        if found:
            failures[path] = found
    assert any(p.startswith("/coach/groups/") for p in audited)
    print("audited as a coach:", audited)
    assert failures == {}
    # Signed out: the account pages.
    anonymous = browser.new_context(viewport=PHONE).new_page()
    for path in ("/sign-in", "/sign-up", "/reset-password"):
        found = visit_and_audit(anonymous, url + path)
        assert found == [], (path, found)
    anonymous.context.close()
    context.close()


def test_the_player_announces_its_countdown_politely_not_every_second(
    browser: Browser, one_person: tuple[str, dict[str, str], Any]
) -> None:
    url, _ids, _app = one_person
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.clock.install()
    page.goto(url + "/play/morning")
    expect(page.locator("#start")).to_be_enabled()
    page.click("#start")
    expect(page.locator("#stage")).to_be_visible()
    # The running player (the stage is hidden until Start) passes the audit too.
    assert audit(page) == []
    region = page.locator("#announce")
    assert region.get_attribute("aria-live") == "polite"
    assert page.get_attribute("#counter", "aria-live") == "off"  # the count itself is silent
    assert page.get_attribute("#big", "role") == "timer"
    assert "Set 1 of" in (region.text_content() or "")  # the step, once
    page.evaluate(
        """() => { window.__said = [];
                   new MutationObserver(() => window.__said.push(
                       document.getElementById("announce").textContent))
                     .observe(document.getElementById("announce"),
                              {childList: true, characterData: true, subtree: true}); }"""
    )
    shown = [page.text_content("#big")]
    seconds = 60
    for _ in range(seconds):
        page.clock.run_for(1000)
        shown.append(page.text_content("#big"))
    changes = sum(1 for a, b in itertools.pairwise(shown) if a != b)
    said: list[str] = page.evaluate("window.__said")
    assert changes >= 40, shown  # the count on screen moved (nearly) every second
    assert said, "nothing was announced in a minute of the session"
    assert len(said) <= seconds // 4, said  # a few moments, not every second
    assert not any(re.fullmatch(r"\d+", s.strip()) for s in said), said  # never a bare count
    context.close()

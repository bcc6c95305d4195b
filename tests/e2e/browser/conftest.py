"""Browser tests: footcore served by uvicorn in a thread, driven by Playwright in Chromium.

Chromium is the system's own build (Debian's ``/usr/bin/chromium``), never a browser that
Playwright downloads; set ``FOOTCORE_CHROMIUM`` to use another executable. Screenshots go to
``test-artifacts/screenshots/`` at the top of the repository (the path is printed at the end
of the run).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, sync_playwright

from footcore.bootstrap import bootstrap
from footcore.config import Settings
from footcore.services import RunEntry
from footcore.web.app import create_app
from tests.e2e.serving import HOST, serve_app
from tests.support import profiles

CHROMIUM = os.environ.get("FOOTCORE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[3]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
DESKTOP: ViewportSize = {"width": 1280, "height": 900}


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if SCREENSHOTS.is_dir() and any(SCREENSHOTS.iterdir()):
        terminalreporter.write_line(f"footcore screenshots: {SCREENSHOTS}")


@contextlib.contextmanager
def serve(data: Path) -> Iterator[str]:
    """A live footcore app over the SQLite file in ``data``, on a free port of 127.0.0.1."""
    with serve_app(create_app(Settings.for_sqlite_file(data / "footcore.sqlite3"))) as url:
        yield url


def watch(page: Page) -> list[str]:
    """Console errors (a CSP violation shows up there) and requests leaving 127.0.0.1, as
    they happen on ``page``."""
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on(
        "request",
        lambda r: problems.append(r.url) if not r.url.startswith(f"http://{HOST}") else None,
    )
    return problems


PHONE: ViewportSize = {"width": 360, "height": 780}


def shoot_widths(page: Page, screenshots: Path, name: str) -> None:
    """Screenshots of the page at phone and desktop width (``{name}-phone.png``,
    ``{name}-desktop.png``); fails when the page scrolls sideways at either. The page is
    left at desktop width."""
    for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        # Charts redraw for the new width on the next frames (a resize observer): measure
        # once they have, not the desktop-sized canvas of a moment before.
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > size["width"]:
            page.screenshot(path=str(screenshots / f"{name}-{label}.png"), full_page=True)
        wide = page.evaluate(
            """() => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                             || e.scrollWidth > window.innerWidth + 1)
                .slice(0, 6).map(e => e.tagName + '.' + e.className + ' ' + e.scrollWidth)"""
        )
        assert width <= size["width"], (
            f"{name} scrolls sideways at {label} width ({width} px); reaching past it: {wide}"
        )
        page.screenshot(path=str(screenshots / f"{name}-{label}.png"), full_page=True)


@pytest.fixture(scope="session")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A live footcore app before onboarding (nobody set up yet)."""
    with serve(tmp_path_factory.mktemp("footcore-web")) as url:
        yield url


@pytest.fixture
def fresh_url(tmp_path: Path) -> Iterator[str]:
    """A live footcore app of its own for one test, before onboarding."""
    with serve(tmp_path) as url:
        yield url


ANA: dict[str, Any] = profiles.ana(slot_times={"morning": "07:00", "desk": "10:30"})


@pytest.fixture(scope="session")
def ana() -> dict[str, Any]:
    """A runner's profile (the DESIGN.md example, with times of day)."""
    return dict(ANA)


@pytest.fixture(scope="session")
def athlete_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A live footcore app with Ana set up, two self-tests, a few runs and logged sessions
    (for the pages' screenshots)."""
    data = tmp_path_factory.mktemp("footcore-athlete")
    today = dt.date.today()
    start = today - dt.timedelta(days=15)
    with bootstrap(Settings.for_sqlite_file(data / "footcore.sqlite3")) as app:
        services = app.services
        athlete = services.onboard(ANA, start).athlete.id
        for days_ago, left, right in ((14, 9, 12), (1, 11.5, 12.5)):
            services.record_assessment(
                athlete,
                {"age": 38, "sex": "female",
                 "results": {"knee_to_wall_cm": {"left": left, "right": right},
                             "heel_raise_reps": {"left": 18 + days_ago % 5, "right": 24}}},
                today - dt.timedelta(days=days_ago),
            )  # fmt: skip
        for days_ago, km, felt in ((12, 8.0, 3), (9, 12.5, 4), (5, 6.0, 4), (2, 15.0, 3)):
            day = today - dt.timedelta(days=days_ago)
            services.add_run(athlete, RunEntry(day, km, km * 5.8, "easy", felt))
    with serve(data) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install Debian's chromium package "
            "(apt-get install chromium) or set FOOTCORE_CHROMIUM to a Chromium executable"
        )
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport=DESKTOP)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS

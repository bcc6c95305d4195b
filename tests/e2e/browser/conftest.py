"""Browser tests: footcore served by uvicorn in a thread, driven by Playwright in Chromium.

Chromium is the system's own build (Debian's ``/usr/bin/chromium``), never a browser that
Playwright downloads; set ``FOOTCORE_CHROMIUM`` to use another executable. Screenshots go to
``test-artifacts/screenshots/`` at the top of the repository (the path is printed at the end
of the run).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, sync_playwright

from footcore.config import Settings
from footcore.web.app import create_app

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
HOST = "127.0.0.1"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if SCREENSHOTS.is_dir() and any(SCREENSHOTS.iterdir()):
        terminalreporter.write_line(f"footcore screenshots: {SCREENSHOTS}")


class _ThreadedServer(uvicorn.Server):
    """uvicorn in a background thread (it installs no signal handlers off the main thread)."""

    def start(self, sock: socket.socket) -> threading.Thread:
        thread = threading.Thread(target=self.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        deadline = time.monotonic() + 30
        while not self.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the footcore test server did not start")
            time.sleep(0.02)
        return thread


@pytest.fixture(scope="session")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of a live footcore app on a free port of 127.0.0.1."""
    data = tmp_path_factory.mktemp("footcore-web")
    app = create_app(Settings.for_sqlite_file(data / "footcore.sqlite3"))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((HOST, 0))
    port = sock.getsockname()[1]
    server = _ThreadedServer(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = server.start(sock)
    yield f"http://{HOST}:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


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

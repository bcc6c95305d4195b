"""The installable, offline app in Chromium: the web app manifest and its icons, the service
worker (registers, controls the page, meets the install criteria), Today and the player with
the network cut after a first visit, a session logged offline reaching the server when the
network returns, and a deploy replacing the old caches."""

from __future__ import annotations

import datetime as dt
import io
import struct
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops, ImageStat
from playwright.sync_api import Browser, BrowserContext, Page, expect

from footcore import __version__
from footcore.web import icons
from footcore.web.pages import app_shell
from tests.e2e.browser.conftest import PHONE, watch
from tests.e2e.browser.test_browser_athlete import give_feedback, play_through

pytestmark = pytest.mark.browser


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def controlled(page: Page) -> None:
    """Wait until the service worker is active and controls the page."""
    page.wait_for_function(
        "() => !!navigator.serviceWorker && navigator.serviceWorker.controller !== null",
        timeout=15000,
    )


def test_the_manifest_is_linked_and_valid(page: Page, base_url: str) -> None:
    problems = watch(page)
    page.goto(base_url + "/about")
    href = page.get_attribute("link[rel=manifest]", "href")
    assert href == "/manifest.webmanifest"
    answer = page.request.get(base_url + href)
    assert answer.status == 200
    assert answer.headers["content-type"].startswith("application/manifest+json")
    manifest = answer.json()
    assert manifest["name"] == manifest["short_name"] == "footcore"
    assert manifest["start_url"] == "/today"
    assert manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#9a3412"
    assert manifest["background_color"]
    sizes = {i["sizes"] for i in manifest["icons"] if i["type"] == "image/png"}
    assert {"192x192", "512x512"} <= sizes
    assert any(i.get("purpose") == "maskable" for i in manifest["icons"])
    for icon in manifest["icons"]:
        got = page.request.get(base_url + icon["src"])
        assert got.status == 200, icon
        assert got.headers["content-type"].startswith(icon["type"]), icon
        if icon["type"] == "image/png":
            width, height = png_size(got.body())
            assert f"{width}x{height}" == icon["sizes"]
    # Chromium's own reading of the manifest: no errors, and it sees the icons and colours.
    cdp = page.context.new_cdp_session(page)
    read = cdp.send("Page.getAppManifest")
    assert read["errors"] == [], read["errors"]
    assert read["url"].endswith("/manifest.webmanifest")
    assert page.get_attribute("meta[name=theme-color]", "content") == "#9a3412"
    assert problems == []


def test_the_png_icons_are_the_svg_drawing_rendered(browser: Browser) -> None:
    for size in icons.SIZES:
        kept = Image.open(icons.png_path(size)).convert("RGB")
        assert kept.size == (size, size)
        # A drawing, not a flat placeholder: many colours, the brand colour at the corner.
        assert len(kept.getcolors(maxcolors=size * size) or []) > 20
        assert kept.getpixel((2, 2)) == (0x9A, 0x34, 0x12)
        fresh = Image.open(io.BytesIO(icons.render(size, browser))).convert("RGB")
        difference = ImageStat.Stat(ImageChops.difference(kept, fresh)).mean
        assert max(difference) < 2, (
            f"icon-{size}.png is not icon.svg rendered: run python -m footcore.web.icons"
        )


def test_the_service_worker_registers_controls_the_page_and_meets_the_install_criteria(
    page: Page, base_url: str
) -> None:
    problems = watch(page)
    page.goto(base_url + "/about")
    controlled(page)
    registration = page.evaluate(
        """async () => {
            const r = await navigator.serviceWorker.getRegistration("/");
            return {scope: r.scope, script: r.active.scriptURL};
        }"""
    )
    assert registration == {"scope": base_url + "/", "script": base_url + "/sw.js"}
    names = page.evaluate("caches.keys()")
    version = app_shell.cache_version()
    assert sorted(names) == sorted(
        n for n in (f"footcore-shell-{version}", f"footcore-pages-{version}") if n in names
    )
    assert f"footcore-shell-{version}" in names
    shell = page.evaluate(
        """async (name) => (await (await caches.open(name)).keys())
               .map(r => new URL(r.url).pathname)""",
        f"footcore-shell-{version}",
    )
    assert sorted(shell) == sorted("/static/" + p for p in app_shell.SHELL)
    cdp = page.context.new_cdp_session(page)
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    # Headless test profiles are "incognito" to Chromium; every other criterion must hold.
    assert [e["errorId"] for e in errors if e["errorId"] != "in-incognito"] == []
    assert problems == []


def onboard_today(page: Page, url: str, profile: dict[str, Any]) -> None:
    start = dt.date.today() - dt.timedelta(days=6)
    answer = page.request.post(
        url + "/api/v1/onboarding", data={"profile": profile, "start": start.isoformat()}
    )
    assert answer.status == 201, answer.text()


def cached(page: Page, url: str) -> None:
    page.wait_for_function("async (u) => !!(await caches.match(u))", arg=url, timeout=15000)


def test_today_and_the_player_work_offline_after_a_first_visit_and_the_log_reaches_the_server(
    browser: Browser, fresh_url: str, ana: dict[str, Any]
) -> None:
    context: BrowserContext = browser.new_context(viewport=PHONE)
    page = context.new_page()
    problems = watch(page)
    onboard_today(page, fresh_url, ana)
    page.clock.install()
    page.goto(fresh_url + "/today")
    controlled(page)
    # Today fetched each session's player for the worker to keep; the player itself was
    # never opened before the network went.
    start = page.locator("a[data-keep-offline]").last
    player = str(start.get_attribute("href"))
    session_api = str(start.get_attribute("data-keep-offline"))
    page.reload()  # the worker's own copy of Today, now that it controls the page
    cached(page, fresh_url + "/today")
    cached(page, fresh_url + player)
    cached(page, fresh_url + session_api)

    context.set_offline(True)
    page.goto(fresh_url + "/today")
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("a[data-keep-offline]").first).to_be_visible()
    # A page never opened here says so, from the worker (the network really is cut).
    page.goto(fresh_url + "/progress")
    expect(page.locator("h1")).to_have_text("You are offline")
    page.goto(fresh_url + player)
    expect(page.locator("#start")).to_be_enabled()
    expect(page.locator("#player")).to_have_attribute("data-state", "ready")
    page.click("#start")
    client_id = page.get_attribute("#player", "data-client-id")
    play_through(page)
    give_feedback(page)
    expect(page.locator("#player")).to_have_attribute("data-sync", "pending")
    assert page.evaluate("JSON.parse(localStorage.getItem('footcore.outbox')).length") > 1

    context.set_offline(False)
    expect(page.locator("#player")).to_have_attribute("data-sync", "sent", timeout=15000)
    logs = page.request.get(fresh_url + "/api/v1/sessions").json()
    assert [log["client_id"] for log in logs] == [client_id]
    assert logs[0]["finished"] is True
    assert logs[0]["items"]
    assert [p for p in problems if "Failed to load resource" not in p] == []
    context.close()


def test_a_new_version_replaces_the_old_caches(page: Page, base_url: str) -> None:
    page.goto(base_url + "/about")
    controlled(page)
    # What a worker of an older deploy left behind.
    page.evaluate(
        """async () => {
            const old = await caches.open("footcore-shell-0.0.1-000000000000");
            await old.put("/static/css/footcore.css", new Response("old"));
            await caches.open("someone-elses-cache");
        }"""
    )
    page.evaluate(
        """async () => {
            const r = await navigator.serviceWorker.getRegistration("/");
            await r.unregister();
        }"""
    )
    page.reload()
    page.wait_for_function(
        """async () => !(await caches.keys()).includes("footcore-shell-0.0.1-000000000000")""",
        timeout=15000,
    )
    names = page.evaluate("caches.keys()")
    assert "someone-elses-cache" in names  # only footcore's own old caches go
    css = page.request.get(base_url + "/static/css/footcore.css").text()
    assert css != "old"


def test_the_worker_names_its_caches_after_the_version_and_the_static_files(
    page: Page, base_url: str
) -> None:
    source = page.request.get(base_url + "/sw.js")
    assert source.headers["cache-control"] == "no-cache"
    text = source.text()
    version = app_shell.cache_version()
    assert f'const VERSION = "{version}";' in text
    assert "__FOOTCORE" not in text
    assert version.startswith(__version__ + "-")
    assert len(version.split("-")[-1]) == 12
    # Changing any static file changes the name.
    app_shell.cache_version.cache_clear()
    extra = Path(app_shell.STATIC_DIR) / "img" / "zz-test-only.txt"
    try:
        extra.write_text("a deploy")
        assert app_shell.cache_version() != version
    finally:
        extra.unlink()
        app_shell.cache_version.cache_clear()
    assert app_shell.cache_version() == version

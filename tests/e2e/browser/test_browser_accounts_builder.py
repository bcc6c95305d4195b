"""The Account page, the admin's Accounts pages and the coach's template builder in
Chromium, in multi-user mode, at phone and desktop width: an admin looks at the accounts and
issues a reset token; a coach drafts a template from a plan, swaps an exercise and saves it;
an athlete changes their password. No page scrolls sideways, no request leaves 127.0.0.1 and
no console error (a CSP violation shows up there)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from footcore.config import Settings
from footcore.web.app import create_app
from tests.e2e.browser.conftest import PHONE, shoot_widths, watch
from tests.e2e.serving import serve_app
from tests.e2e.web_accounts import FAST, PROFILE, TODAY

pytestmark = pytest.mark.browser

PASSWORD = "a long secret 123"


@contextlib.contextmanager
def serve(data: Path) -> Iterator[str]:
    """The app as ``footcore serve --host 0.0.0.0`` makes it, with an admin, a coach and an
    athlete with training data, made the terminal's way."""
    app = create_app(Settings.for_sqlite_file(data / "footcore.sqlite3"), host="0.0.0.0")
    services = app.state.footcore.services
    services.accounts.hasher = FAST
    services.accounts.create_user("erin@example.org", PASSWORD, "admin")
    services.accounts.create_user("cleo@example.org", PASSWORD, "coach")
    ana = services.onboard({**PROFILE, "name": "Ana"}, TODAY).athlete.id
    services.accounts.create_user("ana@example.org", PASSWORD, "athlete", ana)
    with serve_app(app) as url:
        yield url


def shoot(page: Page, screenshots: Path, name: str) -> None:
    shoot_widths(page, screenshots, f"accounts-{name}")
    page.set_viewport_size(PHONE)


def sign_in(page: Page, url: str, email: str) -> None:
    page.goto(url + "/sign-in")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_account_admin_and_template_builder_pages_work_at_both_widths(
    browser: Browser, tmp_path: Path, screenshots: Path
) -> None:
    with serve(tmp_path) as url:
        context = browser.new_context(viewport=PHONE)
        try:
            page = context.new_page()
            problems = watch(page)

            sign_in(page, url, "erin@example.org")
            page.goto(url + "/account")
            shoot(page, screenshots, "account-admin")
            page.get_by_role("link", name="Manage accounts").click()
            expect(page.get_by_role("heading", name="Accounts")).to_be_visible()
            shoot(page, screenshots, "list")
            page.get_by_role("link", name="ana@example.org").click()
            shoot(page, screenshots, "user")
            page.get_by_role("button", name="Issue a reset token").click()
            token = page.get_by_label("Reset token").input_value()
            assert len(token) >= 30
            shoot(page, screenshots, "reset-token")
            page.get_by_role("button", name="Sign out").click()

            sign_in(page, url, "cleo@example.org")
            page.goto(url + "/coach")
            page.get_by_role("link", name="Start from a plan").click()
            shoot(page, screenshots, "template-new")
            page.get_by_label("Name").fill("Winter block")
            page.get_by_label("Level").select_option("2")
            page.get_by_role("button", name="Make the draft").click()
            expect(page.get_by_role("heading", name="Review the template")).to_be_visible()
            shoot(page, screenshots, "template-editor")
            first = page.locator("#s0-i0-exercise")
            swap = "ankle-circles" if first.input_value() != "ankle-circles" else "point-and-flex"
            first.select_option(swap)
            page.get_by_role("button", name="Apply and check").click()
            expect(page.locator("#s0-i0-exercise")).to_have_value(swap)
            page.get_by_role("button", name="Save the template").click()
            expect(page.get_by_text("Template saved.")).to_be_visible()
            page.get_by_role("button", name="Sign out").click()

            sign_in(page, url, "ana@example.org")
            page.goto(url + "/account")
            page.get_by_label("Current password").fill(PASSWORD)
            page.get_by_label("New password", exact=True).fill("another secret 99")
            page.get_by_label("New password again").fill("another secret 99")
            page.get_by_role("button", name="Change the password").click()
            expect(page.get_by_text("Your password is changed.")).to_be_visible()
            shoot(page, screenshots, "account-changed")
            assert problems == []
        finally:
            context.close()

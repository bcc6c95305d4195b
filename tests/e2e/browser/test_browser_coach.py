"""One coach-mode journey in Chromium, in multi-user mode: a coach signs in and makes a
group; an athlete signs up in a second browser (phone width), sets up, and joins with the
code; the coach sees the new member on the dashboard, saves and assigns a template and opens
the printable class sheet. Screenshots at phone and desktop width along the way."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from footcore.config import Settings
from footcore.web.app import create_app
from tests.e2e.browser.conftest import DESKTOP, PHONE, shoot_widths, watch
from tests.e2e.serving import serve_app

pytestmark = pytest.mark.browser

PASSWORD = "coach secret 12345"


@contextlib.contextmanager
def serve_multi_user(data: Path) -> Iterator[str]:
    """A live app as ``footcore serve --host 0.0.0.0`` makes it, on 127.0.0.1; with a
    coach account made in the terminal's way (sign-up makes athletes only)."""
    app = create_app(Settings.for_sqlite_file(data / "footcore.sqlite3"), host="0.0.0.0")
    app.state.footcore.services.accounts.create_user("cleo@example.org", PASSWORD, "coach")
    with serve_app(app) as url:
        yield url


def shoot(page: Page, screenshots: Path, name: str) -> None:
    shoot_widths(page, screenshots, f"coach-{name}")


def test_a_coach_sees_an_athlete_who_joined_with_the_code(
    browser: Browser, tmp_path: Path, screenshots: Path
) -> None:
    with serve_multi_user(tmp_path) as url:
        coach_ctx = browser.new_context(viewport=DESKTOP)
        athlete_ctx = browser.new_context(viewport=PHONE)
        try:
            coach, athlete = coach_ctx.new_page(), athlete_ctx.new_page()
            problems = watch(coach) + watch(athlete)

            # The coach signs in (sent there from a page that needs it).
            coach.goto(url + "/coach")
            expect(coach).to_have_url(url + "/sign-in?next=/coach")
            shoot(coach, screenshots, "sign-in")
            coach.get_by_label("Email").fill("cleo@example.org")
            coach.get_by_label("Password").fill(PASSWORD)
            coach.get_by_role("button", name="Sign in").click()
            expect(coach).to_have_url(url + "/coach")
            coach.get_by_label("Name").fill("Tuesday club")
            coach.get_by_label("Kind").select_option("class")
            coach.get_by_role("button", name="Make the group").click()
            expect(coach.get_by_role("heading", name="Tuesday club")).to_be_visible()
            code = coach.locator("code.invite-code").first.inner_text()
            assert len(code) == 10
            expect(coach.get_by_text("No member yet")).to_be_visible()

            # The athlete signs up on a phone, sets up, and joins with the code.
            athlete.goto(url + "/sign-up")
            shoot(athlete, screenshots, "sign-up")
            athlete.get_by_label("Email").fill("ana@example.org")
            athlete.get_by_label("Password", exact=True).fill("ana's own secret 1")
            athlete.get_by_label("Password again").fill("ana's own secret 1")
            athlete.get_by_role("button", name="Make my account").click()
            expect(athlete).to_have_url(url + "/onboarding")
            athlete.get_by_label("Name").fill("Ana")
            athlete.get_by_label("Age").fill("38")
            athlete.locator("form.profile-form button[type=submit]").click()
            expect(athlete).to_have_url(url + "/onboarding/self-tests")
            athlete.goto(url + "/groups")
            athlete.get_by_label("Invite code").fill(code)
            athlete.get_by_role("button", name="Join").click()
            expect(athlete.get_by_text("You joined the group.")).to_be_visible()
            expect(athlete.get_by_text("Tuesday club")).to_be_visible()
            shoot(athlete, screenshots, "groups")

            # The coach sees Ana on the dashboard.
            coach.reload()
            expect(coach.get_by_role("link", name="Ana")).to_be_visible()
            expect(coach.get_by_text("gone quiet")).to_be_visible()
            shoot(coach, screenshots, "dashboard")

            # A template (the example the form starts with), assigned, laid out as a class.
            coach.goto(url + "/coach")
            coach.get_by_role("button", name="Save the template").click()
            expect(coach.get_by_text("Template saved.")).to_be_visible()
            shoot(coach, screenshots, "coach")
            coach.get_by_role("link", name="Tuesday club").click()
            coach.get_by_role("button", name="Assign to the group").click()
            expect(coach.get_by_text("Assigned:")).to_be_visible()
            coach.get_by_label("Date").fill("2027-01-04")  # a Monday, a template day
            coach.get_by_role("button", name="Lay out the session").click()
            expect(coach.locator("ol.class-sheet > li").first).to_be_visible()
            shoot(coach, screenshots, "class")
            assert problems == []
        finally:
            coach_ctx.close()
            athlete_ctx.close()

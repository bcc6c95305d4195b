"""The weekly check-in and a club study in Chromium: a member answers this week's check-in
on a 360 px phone (a foot problem) and Today says how the plan holds; her injury check-ins
over ten weeks on Progress; the coach's check-in page and the study report. Ten weeks of a
small club's answers are made first through the services. Screenshots along the way."""

from __future__ import annotations

import contextlib
import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from footcore.config import Settings
from footcore.web.app import create_app
from tests.e2e.browser.conftest import DESKTOP, PHONE, shoot_widths, watch
from tests.e2e.serving import serve_app

pytestmark = pytest.mark.browser

PASSWORD = "club secret 12345"
START = dt.date(2027, 1, 4)  # a Monday
WEEKS = 10


class Clock:
    def __init__(self) -> None:
        self.day = START

    def today(self) -> dt.date:
        return self.day

    def now(self) -> dt.datetime:
        return dt.datetime.combine(self.day, dt.time(9), tzinfo=dt.UTC)


def _foot(q1: str, q2: str, q3: str, q4: str) -> dict[str, Any]:
    return {
        "areas": {
            "foot-ankle": {"participation": q1, "training": q2, "performance": q3, "symptoms": q4}
        }
    }


KNEE = {"participation": "full-with-problems", "training": "minor", "performance": "no",
        "symptoms": "mild"}  # fmt: skip

#: Ana's weeks: a knee niggle, then a foot problem that came and went.
ANA_WEEKS: list[dict[str, Any] | None] = [
    {"none": True},
    {"areas": {"knee": {"participation": "full-with-problems", "training": "no",
                        "performance": "minor", "symptoms": "mild"}}},
    {"none": True},
    None,  # not answered
    _foot("full-with-problems", "minor", "no", "mild"),
    _foot("reduced", "moderate", "minor", "moderate"),
    _foot("full-with-problems", "minor", "minor", "mild"),
    {"none": True},
    {"none": True},
    {"none": True},
]  # fmt: skip


@contextlib.contextmanager
def club(data: Path) -> Iterator[tuple[str, int, int]]:
    """A club of twelve with ten weeks of check-ins, a running study, and Ana's week 11
    still to answer; (url, group id, study id)."""
    clock = Clock()
    app = create_app(
        Settings.for_sqlite_file(data / "footcore.sqlite3"),
        host="0.0.0.0",
        today=clock.today,
        now=clock.now,
    )
    services = app.state.footcore.services
    acc = services.accounts
    coach = acc.create_user("cleo@example.org", PASSWORD, "coach")
    group = services.coaching.create_group(acc.principal(coach.id), "Riverside Harriers")
    rng = random.Random(4)
    people = []
    for n, name in enumerate(["Ana", "Ben", "Cy", "Dee", "Eli", "Fay", "Gus", "Hal", "Ida",
                              "Jo", "Kit", "Lou"]):  # fmt: skip
        athlete = services.onboard(
            {
                "name": name,
                "age": 30 + n,
                "goals": ["general"],
                "equipment": ["towel", "ball", "step", "band"],
                "minutes_per_day": 10,
                "slots": ["morning", "desk", "pre-run", "post-run"],
                "running": {"days": ["tue", "thu", "sun"], "weekly_km": 15 + 5 * n},
            },
            START,
        ).athlete.id
        user = acc.create_user(f"{name.lower()}@example.org", PASSWORD, "athlete", athlete)
        p = acc.principal(user.id)
        services.coaching.join(p, group.invite_code or "")
        p = acc.principal(user.id)
        if n < 10:
            services.checkins.set_sharing(p, group.id, True)
        people.append((p, athlete))
    cleo = acc.principal(coach.id)
    study = services.studies.create_study(
        cleo,
        group.id,
        title="Feet first",
        question="Does the foot-core programme cut running injuries in our club?",
        arms=[
            {"name": "Foot-core programme", "instructions": "Do footcore's foot sessions."},
            {"name": "Usual warm-up", "instructions": "Warm up as the club always has."},
        ],
        follow_up_weeks=26,
        seed=2027,
    )
    for n, (p, _) in enumerate(people):
        services.studies.join(p, study.id, weekly_km=15 + 5 * n, previous_injury=n % 3 == 0)
    services.studies.start(cleo, study.id)
    for week in range(WEEKS):
        clock.day = START + dt.timedelta(days=7 * week + 2)
        for n, (_, athlete) in enumerate(people):
            if n == 0:
                answer = ANA_WEEKS[week]
            elif rng.random() < 0.15:
                answer = None
            elif rng.random() < 0.1:
                answer = _foot("reduced", "moderate", "minor", "moderate")
            elif rng.random() < 0.15:
                answer = {"areas": {"knee": KNEE}}
            else:
                answer = {"none": True}
            if answer is not None:
                services.checkins.record(athlete, answer)
    clock.day = START + dt.timedelta(days=7 * WEEKS + 1)  # Tuesday of week 11
    with serve_app(app) as url:
        yield url, group.id, study.id


def _sign_in(page: Page, url: str, email: str) -> None:
    page.goto(url + "/sign-in")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_member_checks_in_on_a_phone_and_the_coach_reads_the_study(
    browser: Browser, tmp_path: Path, screenshots: Path
) -> None:
    with club(tmp_path) as (url, group, study):
        phone = browser.new_context(viewport=PHONE)
        desk = browser.new_context(viewport=DESKTOP)
        try:
            ana, coach = phone.new_page(), desk.new_page()
            problems = watch(ana) + watch(coach)

            _sign_in(ana, url, "ana@example.org")
            ana.goto(url + "/today")
            card = ana.locator("#checkin")
            expect(card.get_by_role("button", name="No problems")).to_be_visible()
            card.screenshot(path=str(screenshots / "checkin-today-card-phone.png"))
            card.get_by_role("link", name="I had a problem").click()
            expect(ana).to_have_url(url + "/checkin")
            ana.locator("details.checkin__area").first.locator("summary").click()
            ana.get_by_label("I took part less because of them").first.check()
            ana.locator("fieldset").nth(1).get_by_label("Moderately").check()
            ana.locator("fieldset").nth(2).get_by_label("A little").check()
            ana.locator("fieldset").nth(3).get_by_label("Moderate").check()
            shoot_widths(ana, screenshots, "checkin-form")
            ana.set_viewport_size(PHONE)
            ana.get_by_role("button", name="Save this week's check-in").click()
            expect(ana.get_by_text("Check-in saved")).to_be_visible()
            expect(ana.get_by_text("holds the load").first).to_be_visible()
            shoot_widths(ana, screenshots, "checkin-today-after")

            ana.set_viewport_size(PHONE)  # charts are drawn for the width they load at
            ana.goto(url + "/progress#outcome")
            expect(ana.locator("#chart-outcome")).to_be_visible()
            shoot_widths(ana, screenshots, "checkin-progress")
            ana.set_viewport_size(DESKTOP)
            ana.locator("#outcome").screenshot(path=str(screenshots / "checkin-outcome-chart.png"))

            _sign_in(coach, url, "cleo@example.org")
            coach.goto(url + f"/coach/groups/{group}/outcomes")
            expect(coach.get_by_text("10 of 12 members share")).to_be_visible()
            shoot_widths(coach, screenshots, "checkin-coach-outcomes")
            coach.goto(url + f"/coach/groups/{group}")
            expect(coach.get_by_text("check-in", exact=True).first).to_be_visible()
            coach.goto(url + f"/coach/studies/{study}")
            expect(coach.get_by_text("The numbers are too small")).to_be_visible()
            expect(coach.get_by_text("hash chain intact")).to_be_visible()
            shoot_widths(coach, screenshots, "study-report")
            assert problems == []
        finally:
            phone.close()
            desk.close()

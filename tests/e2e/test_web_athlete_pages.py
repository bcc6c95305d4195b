"""The athlete's pages in-process: onboarding first, forms that work without JavaScript,
labels on every control, units, self-test entry and runs."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from footcore.config import Settings
from footcore.web.app import create_app
from tests.support.http import Client

TODAY = dt.date(2027, 1, 6)  # a Wednesday

ATHLETE_PAGES = ["/today", "/programme", "/progress", "/settings", "/self-tests/record"]

FORM = {
    "name": "Ana", "age": "38", "sex": "female", "goals": ["general", "plantar-heel-pain"],
    "equipment": ["towel", "ball", "step", "band"], "minutes_per_day": "12",
    "slots": ["morning", "desk", "teeth", "pre-run", "post-run"], "time_morning": "07:00",
    "run_days": ["tue", "thu", "sat", "sun"], "long_run_day": "sun", "weekly_distance": "35",
    "pain_nrs": "3", "pain_site": "heel", "cramp_prone": "true", "units": "metric",
}  # fmt: skip


def make_client(path: Path) -> Client:
    return Client(create_app(Settings.for_sqlite_file(path / "f.sqlite3"), today=lambda: TODAY))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def assert_accessible_page(html: str) -> None:
    parser = _Tags()
    parser.feed(html)
    labelled = {a.get("for") for t, a in parser.tags if t == "label"}
    for tag, attrs in parser.tags:
        if tag in ("input", "select", "textarea") and attrs.get("type") != "hidden":
            assert attrs.get("id") in labelled or attrs.get("aria-label"), attrs
        if tag == "script":
            assert (attrs.get("src") or "").startswith("/static/"), attrs
    assert "<script>" not in html


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Client]:
    client = make_client(tmp_path)
    yield client
    client.close()


@pytest.fixture
def client(fresh: Client) -> Client:
    response = fresh.post("/onboarding", data={"csrf_token": fresh.csrf(), **FORM})
    assert response.status_code == 303
    return fresh


@pytest.mark.parametrize("path", [*ATHLETE_PAGES, "/play/morning"])
def test_athlete_pages_send_people_to_onboarding_first(fresh: Client, path: str) -> None:
    response = fresh.get(path)
    assert response.status_code == 303
    assert response.headers["location"] == "/onboarding"


def test_start_page_before_onboarding_then_today(fresh: Client) -> None:
    start = fresh.get("/")
    assert start.status_code == 200
    assert 'href="/onboarding"' in start.text
    fresh.post("/onboarding", data={"csrf_token": fresh.csrf(), **FORM})
    home = fresh.get("/")
    assert home.status_code == 303
    assert home.headers["location"] == "/today"
    assert fresh.get("/about").status_code == 200
    assert fresh.get("/onboarding").headers["location"] == "/settings"


def test_onboarding_form_lists_every_problem_and_keeps_the_values(fresh: Client) -> None:
    form = {**FORM, "age": "abc", "run_days": ["tue"], "long_run_day": "sun"}
    response = fresh.post("/onboarding", data={"csrf_token": fresh.csrf(), **form})
    assert response.status_code == 422
    assert 'role="alert"' in response.text
    assert "<strong>Age</strong>: must be a number" in response.text
    assert "<strong>Long-run day</strong>" in response.text, "every problem in one round"
    assert 'value="Ana"' in response.text
    assert_accessible_page(response.text)


def test_onboarding_leads_to_optional_self_tests_then_the_programme(fresh: Client) -> None:
    response = fresh.post("/onboarding", data={"csrf_token": fresh.csrf(), **FORM})
    assert response.headers["location"] == "/onboarding/self-tests"
    page = fresh.get("/onboarding/self-tests")
    assert 'href="/programme?welcome=1"' in page.text
    saved = fresh.post(
        "/self-tests/record",
        data={
            "csrf_token": fresh.csrf(),
            "onboarding": "true",
            "date": "2027-01-06",
            "r.knee_to_wall_cm.left": "9",
            "r.knee_to_wall_cm.right": "12",
        },
    )
    assert saved.headers["location"].startswith("/self-tests/results/")
    results = fresh.get(saved.headers["location"])
    assert 'href="/programme?welcome=1"' in results.text
    welcome = fresh.get("/programme?welcome=1")
    assert "Your programme is ready" in welcome.text


@pytest.mark.parametrize("path", [*ATHLETE_PAGES, "/programme?week=2", "/play/morning"])
def test_athlete_pages_render_with_labels_and_no_inline_script(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text[:500]
    assert_accessible_page(response.text)


def test_today_lists_sessions_with_minutes_and_start_buttons(client: Client) -> None:
    html = client.get("/today").text
    today = client.get("/api/v1/today").json()
    for session in today["day"]["sessions"]:
        assert f'href="/play/{session["slot"]}?date=2027-01-06"' in html
    assert "day" in html
    assert "What changed since yesterday" in html
    assert "Next: level 2" in html


def test_programme_shows_levels_locked_and_unlocked_and_reasons(client: Client) -> None:
    html = client.get("/programme").text
    assert html.count("level--locked") == 5
    assert "You are here" in html
    assert "Rules it keeps: Little but often" in html
    assert "little-and-often" not in html, "rule ids are not for people"
    assert "Rules:" not in html


def test_settings_save_a_new_profile_with_slot_times_and_units(client: Client) -> None:
    form = {**FORM, "units": "imperial", "time_desk": "10:30", "weekly_distance": "20"}
    response = client.post("/settings", data={"csrf_token": client.csrf(), **form})
    assert response.headers["location"] == "/settings?saved=1"
    profile = client.get("/api/v1/profile").json()["profile"]
    assert profile["units"] == "imperial"
    assert profile["slot_times"] == {"morning": "07:00", "desk": "10:30"}
    assert profile["running"]["weekly_km"] == pytest.approx(32.2)
    page = client.get("/settings?saved=1").text
    assert 'value="20.0"' in page or 'value="20"' in page
    assert "Distance a week (mi)" in page


def test_runs_are_entered_in_the_units_of_the_profile(client: Client) -> None:
    client.post("/settings", data={"csrf_token": client.csrf(), **FORM, "units": "imperial"})
    run = {"date": "2027-01-05", "kind": "easy", "distance": "5", "minutes": "45", "felt": "4"}
    saved = client.post(
        "/progress/runs", data={"csrf_token": client.csrf(), **run, "client_id": "x1"}
    )
    assert saved.status_code == 303
    runs = client.get("/api/v1/runs").json()
    assert runs[0]["km"] == pytest.approx(8.047, abs=0.001)
    page = client.get("/progress").text
    assert "5 mi" in page
    bad = client.post(
        "/progress/runs",
        data={"csrf_token": client.csrf(), **run, "kind": "sprint", "distance": "x"},
    )
    assert bad.status_code == 422
    assert "<strong>Distance</strong>" in bad.text


def test_a_run_can_be_added_on_the_page_without_saying_how_it_felt(client: Client) -> None:
    run = {"date": "2027-01-05", "kind": "long", "distance": "18", "minutes": "110", "felt": ""}
    saved = client.post(
        "/progress/runs", data={"csrf_token": client.csrf(), **run, "client_id": "nf1"}
    )
    assert saved.status_code == 303
    assert [(r["kind"], r["felt"]) for r in client.get("/api/v1/runs").json()] == [("long", None)]
    bad = client.post(
        "/progress/runs",
        data={"csrf_token": client.csrf(), **run, "felt": "great", "client_id": "nf2"},
    )
    assert bad.status_code == 422
    assert "How it felt" in bad.text
    assert len(client.get("/api/v1/runs").json()) == 1


def test_self_test_entry_stores_results_and_shows_bands_and_real_change(client: Client) -> None:
    left, right = "r.knee_to_wall_cm.left", "r.knee_to_wall_cm.right"
    first = client.post(
        "/self-tests/record",
        data={"csrf_token": client.csrf(), "date": "2027-01-04", left: "9", right: "12"},
    )
    assert first.status_code == 303
    page = client.get(first.headers["location"]).text
    assert "band--low" in page
    assert "Sides differ" in page
    second = client.post(
        "/self-tests/record",
        data={"csrf_token": client.csrf(), "date": "2027-01-06", left: "12", right: "12.5"},
    )
    page = client.get(second.headers["location"]).text
    assert "Real change (better)" in page
    assert "Within measurement noise" in page
    progress = client.get("/progress").text
    assert "chart-test-knee_to_wall_cm-left" in progress
    empty = client.post(
        "/self-tests/record", data={"csrf_token": client.csrf(), "date": "2027-01-06"}
    )
    assert empty.status_code == 422


def test_morning_pain_form_appears_after_foot_work_and_saves(client: Client) -> None:
    item: dict[str, Any] = {"index": 0, "exercise": "short-foot-seated", "sets_done": 1}
    body = {"client_id": "m1", "date": "2027-01-05", "slot": "morning", "items": [item],
            "feedback": {"difficulty": 2, "pain": 1}}  # fmt: skip
    client.put("/api/v1/sessions/m1", json=body)
    assert 'action="/today/morning-pain"' in client.get("/today").text
    saved = client.post("/today/morning-pain", data={"csrf_token": client.csrf(), "nrs": "1"})
    assert saved.headers["location"] == "/today?morning=saved"
    assert client.get("/api/v1/sessions/m1").json()["next_morning_pain"] == 1
    assert 'action="/today/morning-pain"' not in client.get("/today").text


def test_profile_form_offers_every_goal_equipment_slot_and_weekday(client: Client) -> None:
    html = client.get("/settings").text
    for name in ("goals", "equipment", "slots", "run_days", "hard_days"):
        assert re.search(rf'name="{name}" value="[a-z-]+"', html)
    assert 'type="time"' in html
    assert 'value="Ana"' in html


def test_level_unlocked_banner_shows_once_what_the_level_brings(tmp_path: Path) -> None:
    """Ana does enough of week 1 for level 2 to unlock with a session of today (Sunday)."""
    sunday = dt.date(2027, 1, 10)
    client = Client(create_app(Settings.for_sqlite_file(tmp_path / "f.sqlite3"),
                               today=lambda: sunday))  # fmt: skip
    try:
        profile = {"name": "Ana", "age": 38, "goals": ["general"], "minutes_per_day": 10,
                   "slots": ["morning", "desk", "teeth", "tv"]}  # fmt: skip
        client.post("/api/v1/onboarding", json={"profile": profile, "start": "2027-01-04"})
        week = client.get("/api/v1/plan").json()["weeks"][0]
        planned = [(d["date"], s) for d in week["days"] for s in d["sessions"]]
        earlier = [p for p in planned if p[0] != sunday.isoformat()]
        todays = [p for p in planned if p[0] == sunday.isoformat()]
        needed = -(-len(planned) * 7 // 10)  # 70 %, rounded up
        assert todays
        assert needed - 1 <= len(earlier)
        for n, (day, session) in enumerate([*earlier[: needed - 1], todays[0]]):
            items = [
                {"index": i, "exercise": it["exercise"], "planned": it, "sets_done": it["sets"]}
                for i, it in enumerate(session["items"])
            ]
            body = {"client_id": f"s{n}", "date": day, "slot": session["slot"],
                    "items": items, "feedback": {"difficulty": 2, "pain": 0}}  # fmt: skip
            assert client.put(f"/api/v1/sessions/s{n}", json=body).status_code == 200
        first = client.get("/today")
        assert "Level 2 unlocked: Stand on it" in first.text
        assert "It brings:" in first.text
        assert "footcore_seen_level=2" in first.headers["set-cookie"]
        second = client.get("/today")
        assert "unlocked:" not in second.text
        assert "Next: level 3" in second.text
        levels = client.get("/api/v1/levels").json()
        assert levels[1]["unlocked"]
        assert levels[0]["current"]  # week 1 is level 1; level 2 shows from next week
    finally:
        client.close()

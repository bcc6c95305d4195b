"""Two uvicorn worker processes behind one port, on one database, serve one person
consistently: nothing a request depends on is kept inside a worker.

The server is started exactly as docs/deployment.md says (``uvicorn
footcore.web.app:make_app --factory --workers 2``, multi-user mode, the database in
``FOOTCORE_DATABASE_URL``) on an empty database, so the two workers also migrate it at the
same time. Every request goes over a new connection, the kernel hands it to either worker,
and the access log (with the process id in every line) says which one answered. After each
write, the same read is repeated until BOTH workers have answered it, and every answer
must show the write; a run where one worker answered everything fails instead of passing.

Runs on SQLite (one file in WAL mode, several processes) and on PostgreSQL; like every
PostgreSQL test here it fails, never skips, when the server cannot be reached.
"""

from __future__ import annotations

import datetime as dt
import re
import socket
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from footcore.bootstrap import bootstrap
from footcore.config import Settings
from footcore.services.accounts import LOCKOUT_AFTER, SIGN_IN_FAILED
from footcore.store.engine import make_engine
from footcore.store.migrate import HEAD, current_revision
from footcore.web.auth import SESSION_COOKIE

from .support import PROFILE
from .workers import Answer, Visitor, Workers, running, write_log_config

PASSWORD = "long enough secret 1"
FORM_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def server(empty_db_url: str, tmp_path: Path) -> Iterator[Workers]:
    """``uvicorn footcore.web.app:make_app --factory --workers 2`` on a free loopback port,
    multi-user mode, on an empty database."""
    log_file = tmp_path / "server.log"
    config = write_log_config(tmp_path / "log-config.json", log_file)
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "footcore.web.app:make_app",
        "--factory",
        "--workers",
        "2",
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        "--log-config",
        str(config),
    ]
    env = {
        "FOOTCORE_DATABASE_URL": empty_db_url,
        "FOOTCORE_DATA_DIR": str(tmp_path),
        "FOOTCORE_MULTI_USER": "1",
    }
    with running(command, env, tmp_path, log_file=log_file) as workers:
        assert len(workers.pids) == 2
        yield workers


def status(expected: int) -> Callable[[httpx.Response], None]:
    def check(response: httpx.Response) -> None:
        assert response.status_code == expected, (response.status_code, response.text[:500])

    return check


def status_and_text(expected: int, text: str) -> Callable[[httpx.Response], None]:
    def check(response: httpx.Response) -> None:
        assert response.status_code == expected, (response.status_code, response.text[:500])
        assert text in response.text, response.text[:500]

    return check


def json_check(check: Callable[[Any], bool]) -> Callable[[httpx.Response], None]:
    """200 with a JSON body for which ``check`` is true."""

    def run(response: httpx.Response) -> None:
        assert response.status_code == 200, (response.status_code, response.text[:500])
        body = response.json()
        assert check(body), body

    return run


def form_token(visitor: Visitor, page: str) -> str:
    answer = visitor.get(page)
    assert answer.response.status_code == 200, answer.response.text[:300]
    found = FORM_TOKEN.search(answer.response.text)
    assert found, page
    return found.group(1)


def item_body(item: dict[str, Any]) -> dict[str, Any]:
    sides = ["left", "right"] if item["per_side"] else ["both"]
    return {
        "index": item["index"],
        "exercise": item["exercise"],
        "planned": item["planned"],
        "sets_done": item["sets"],
        "reps": dict.fromkeys(sides, (item["reps"] or 1) * item["sets"]),
        "difficulty": 2,
        "pain": 1,
    }


def test_two_workers_serve_one_person_consistently(
    server: Workers, empty_db_url: str, tmp_path: Path
) -> None:
    day = dt.date.today().isoformat()
    ana = Visitor(server)
    try:
        # Sign up: the form's double-submit token (a cookie, nothing stored) works whichever
        # worker served the form and whichever takes the post.
        token = form_token(ana, "/sign-up")
        signed_up = ana.post(
            "/sign-up",
            data={
                "csrf_token": token,
                "email": "ana@example.org",
                "password": PASSWORD,
                "password_again": PASSWORD,
            },
        )
        assert signed_up.response.status_code == 303, signed_up.response.text[:500]
        assert SESSION_COOKIE in ana.cookies

        # The session is a database row: every worker knows it, with the same CSRF secret.
        accounts = ana.everywhere(
            "GET",
            "/api/v1/account",
            json_check(lambda b: b["user"]["email"] == "ana@example.org"),
        )
        csrf = {a.response.json()["csrf_token"] for a in accounts}
        assert len(csrf) == 1
        headers = {"X-CSRF-Token": csrf.pop()}

        # A write without the token is refused by whichever worker takes it.
        run = {"date": day, "kind": "easy", "km": 8.0, "minutes": 45.0, "felt": 4}
        assert ana.post("/api/v1/runs", json=run).response.status_code == 403

        made = ana.post(
            "/api/v1/onboarding", json={"profile": PROFILE, "start": day}, headers=headers
        )
        assert made.response.status_code == 201, made.response.text[:500]
        first_programme = made.response.json()["programme"]["id"]

        todays = ana.everywhere(
            "GET",
            f"/api/v1/today?date={day}",
            json_check(
                lambda b: (
                    b["athlete"]["name"] == "Ana"
                    and b["programme"]["id"] == first_programme
                    and b["logged"] == []
                )
            ),
        )
        sessions = todays[0].response.json()["day"]["sessions"]
        assert sessions, "the first day of the programme has foot work"
        slot = sessions[0]["slot"]
        ana.everywhere(
            "GET",
            f"/api/v1/progress?date={day}",
            json_check(lambda b: b["adherence"]["overall"]["done_sessions"] == 0),
        )

        # Log today's first session: every worker's today and progress show it at once.
        player = ana.get(f"/api/v1/today/{slot}?date={day}").response.json()
        body = {
            "client_id": "ana-1",
            "date": day,
            "slot": slot,
            "items": [item_body(i) for i in player["items"]],
            "feedback": {"difficulty": 3, "pain": 1, "cramp": False},
        }
        logged = ana.request("PUT", "/api/v1/sessions/ana-1", json=body, headers=headers)
        assert logged.response.status_code in (200, 201), logged.response.text[:500]
        ana.everywhere(
            "GET",
            f"/api/v1/today?date={day}",
            json_check(
                lambda b: [(s["slot"], s["finished"]) for s in b["logged"]] == [(slot, True)]
            ),
        )
        ana.everywhere(
            "GET",
            f"/api/v1/progress?date={day}",
            json_check(lambda b: b["adherence"]["overall"]["done_sessions"] == 1),
        )

        # Record a run: the runs and the comparison of how runs felt (a run on the day of
        # the foot work counts among "other days") see it everywhere.
        stored = ana.post("/api/v1/runs", json={**run, "client_id": "run-1"}, headers=headers)
        assert stored.response.status_code == 201, stored.response.text[:500]
        ana.everywhere(
            "GET",
            "/api/v1/runs",
            json_check(lambda b: [(r["date"], r["km"]) for r in b] == [(day, 8.0)]),
        )
        ana.everywhere(
            "GET",
            f"/api/v1/progress?date={day}",
            json_check(lambda b: b["runs_after_foot_work"]["other_days"]["runs"] == 1),
        )

        # A new profile version: every worker's today follows the new programme.
        changed = {**PROFILE, "minutes_per_day": PROFILE["minutes_per_day"] + 6}
        saved = ana.request("PUT", "/api/v1/profile", json=changed, headers=headers)
        assert saved.response.status_code == 200, saved.response.text[:500]
        assert saved.response.json()["profile_version"] == 2
        renewed = ana.everywhere(
            "GET",
            f"/api/v1/today?date={day}",
            json_check(lambda b: b["programme"]["id"] != first_programme),
        )
        days = [a.response.json()["day"] for a in renewed]
        assert all(d == days[0] for d in days), "every worker plans the same day"
        # Workers that found the programme out of date at the same moment stored ONE new
        # snapshot between them (the first holds the athlete's row; the other then finds
        # that snapshot current), and every answer after names it too.
        renewed_ids = {a.response.json()["programme"]["id"] for a in renewed}
        assert len(renewed_ids) == 1, renewed_ids
        settled = ana.everywhere("GET", f"/api/v1/today?date={day}", status(200))
        assert {a.response.json()["programme"]["id"] for a in settled} == renewed_ids

        # The calendar feed's secret address works on every worker until it is revoked.
        _calendar_feed(ana, headers["X-CSRF-Token"])

        # Another person's failed sign-ins, sent at once to whichever worker takes them,
        # lock that account on every worker.
        _lockout(server, empty_db_url, tmp_path)

        # Signing out ends the session on every worker, not just the one that answered.
        old_session = ana.cookies[SESSION_COOKIE]
        out = ana.post("/sign-out", data={"csrf_token": headers["X-CSRF-Token"]})
        assert out.response.status_code == 303
    finally:
        ana.close()
    replay = Visitor(server)
    try:
        replay.client.cookies.set(SESSION_COOKIE, old_session)
        replay.everywhere("GET", "/api/v1/account", status(401))
        replay.everywhere("GET", f"/api/v1/today?date={day}", status(401))
    finally:
        replay.close()


def _calendar_feed(ana: Visitor, csrf: str) -> None:
    page = ana.post("/programme/calendar-feed", data={"csrf_token": csrf})
    assert page.response.status_code == 200, page.response.text[:500]
    found = re.search(r"(/calendar/[A-Za-z0-9_-]+\.ics)", page.response.text)
    assert found, "the page shows the new feed address"
    feed = found.group(1)
    reader = Visitor(ana.server)  # a calendar app: no cookies, the address is the secret
    try:
        reader.everywhere("GET", feed, status_and_text(200, "BEGIN:VCALENDAR"))
        revoked = ana.post("/programme/calendar-feed/revoke", data={"csrf_token": csrf})
        assert revoked.response.status_code == 303
        reader.everywhere("GET", feed, status(404))
    finally:
        reader.close()


def _lockout(server: Workers, url: str, tmp_path: Path) -> None:
    email = "bea@example.org"
    with bootstrap(Settings(database_url=url, data_dir=tmp_path)) as app:
        app.services.accounts.create_user(email, PASSWORD)
    mallory = Visitor(server)
    try:
        token = form_token(mallory, "/sign-in")

        def attempt(password: str) -> Answer:
            data = {"csrf_token": token, "email": email, "password": password}
            return mallory.post("/sign-in", data=data)

        with ThreadPoolExecutor(max_workers=LOCKOUT_AFTER) as pool:
            wrong = list(
                pool.map(attempt, [f"wrong password {n:02d}" for n in range(LOCKOUT_AFTER)])
            )
        for answer in wrong:
            assert answer.response.status_code == 400
            assert SIGN_IN_FAILED[1:] in answer.response.text
        # Locked: even the right password is refused, by every worker.
        mallory.everywhere(
            "POST",
            "/sign-in",
            status_and_text(400, SIGN_IN_FAILED[1:]),
            data={"csrf_token": token, "email": email, "password": PASSWORD},
        )
        assert SESSION_COOKIE not in mallory.cookies
    finally:
        mallory.close()
    with bootstrap(Settings(database_url=url, data_dir=tmp_path)) as app:
        user = app.services.accounts.user_by_email(email)
    assert user.locked_until is not None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.mark.parametrize("empty_db_url", ["postgresql"], indirect=True)
def test_footcore_serve_with_two_workers_migrates_an_empty_database_and_serves(
    empty_db_url: str, tmp_path: Path
) -> None:
    """``footcore serve --workers 2`` on an empty PostgreSQL database: the database is
    brought to the newest schema, two worker processes start, and the app answers (in
    one-person mode: loopback, no accounts)."""
    script = Path(sys.executable).with_name("footcore")  # the installed console script
    assert script.exists(), f"footcore is not installed next to {sys.executable}"
    command = [
        str(script),
        "serve",
        "--workers",
        "2",
        "--port",
        str(free_port()),
    ]
    env = {"FOOTCORE_DATABASE_URL": empty_db_url, "FOOTCORE_DATA_DIR": str(tmp_path)}
    with running(command, env, tmp_path) as server:
        assert len(server.pids) == 2
        assert "in one-person mode with 2 workers" in server.log()
        with httpx.Client(base_url=server.base_url, timeout=30) as client:
            health = client.get("/healthz")
            assert health.status_code == 200
            assert health.json()["status"] == "ok"
            account = client.get("/api/v1/account")
            assert account.status_code == 200
            assert account.json()["mode"] == "one-person"
    engine = make_engine(empty_db_url)
    try:
        assert current_revision(engine) == HEAD
    finally:
        engine.dispose()

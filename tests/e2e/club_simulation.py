"""A simulated running club doing a footcore study, entirely through the web app's HTTP
interface (sign-up and sign-in forms, ``/api/v1`` for everything else).

Run it at full size (200 members, 26 weeks) with::

    .venv/bin/python -m tests.e2e.club_simulation --members 200 --weeks 26 --out /tmp/club

It writes ``report.json``, ``export.csv``, ``dictionary.csv`` and ``summary.txt`` to the
folder. ``tests/e2e/test_club_simulation.py`` runs it small.

The club (seeded, so every run with the same seed is the same): members sign up, onboard,
join the coach's group with its code, about four in five share their check-ins with the
coach, and about nine in ten agree to take part in the study (their usual weekly distance
and whether they were injured before are the strata). The coach starts the study, which
randomises them. Each week a member answers the check-in with a probability that falls
slowly over the months (and rises when the coach's reminder reaches them), sometimes skips,
and a few withdraw. Problems follow a simple model: substantial problems start with a
weekly hazard that is the same in both arms for the first 16 weeks and lower in the
foot-core arm afterwards (the trial saw its benefit after four months), last one to four
weeks, and minor problems and illness come and go. It is a test of the machinery, not
evidence of anything.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import random
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anyio.from_thread
import httpx
from argon2 import PasswordHasher
from fastapi import FastAPI

from footcore.config import Settings
from footcore.domain.access import Role
from footcore.web.app import create_app

START = dt.date(2027, 1, 4)  # a Monday
PASSWORD = "club study password 1"
FAST = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
AREAS = ("foot-ankle", "achilles-calf", "knee", "hip", "other")
AREA_WEIGHTS = (30, 25, 25, 10, 10)
PROFILE: dict[str, Any] = {
    "age": 35,
    "goals": ["general"],
    "equipment": ["towel", "ball", "step", "band"],
    "minutes_per_day": 10,
    "slots": ["morning", "desk", "pre-run", "post-run"],
}


@dataclass
class Member:
    n: int
    email: str
    weekly_km: float
    injured_before: bool
    shares: bool
    joins: bool
    cookies: dict[str, str] = field(default_factory=dict)
    csrf: str = ""
    signed_in_week: int = -99
    arm: str | None = None
    episode: tuple[str, int, int] | None = None  # area, weeks left, severity level 0-2
    withdraw_week: int | None = None
    withdrawn: bool = False


@dataclass
class Clock:
    day: dt.date = START

    def today(self) -> dt.date:
        return self.day

    def now(self) -> dt.datetime:
        return dt.datetime.combine(self.day, dt.time(10, 0), tzinfo=dt.UTC)


@dataclass
class Result:
    report: dict[str, Any]
    export: str
    dictionary: str
    requests: int
    seconds: float
    checkins: int
    balance: dict[str, Any]

    def rows(self) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO(self.export)))


class Web:
    """One in-process HTTP client (httpx over ASGI on an event loop of its own); each
    member's cookies go with their requests, as their own browser would send them."""

    def __init__(self, app: FastAPI, portal: Any) -> None:
        self.app = app
        self.portal = portal
        self.client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1"
        )
        self.requests = 0

    def call(self, who: Member | None, method: str, url: str, **kwargs: Any) -> httpx.Response:
        headers = dict(kwargs.pop("headers", {}) or {})
        if who is not None:
            if who.cookies:
                headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in who.cookies.items())
            if who.csrf and method != "GET":
                headers["X-CSRF-Token"] = who.csrf
        self.client.cookies.clear()
        response: httpx.Response = self.portal.call(
            lambda: self.client.request(method, url, headers=headers, **kwargs)
        )
        self.requests += 1
        if who is not None:
            for k, v in response.cookies.items():
                if v:
                    who.cookies[k] = v
                else:  # deleted
                    who.cookies.pop(k, None)
        return response

    def ok(self, who: Member | None, method: str, url: str, **kwargs: Any) -> Any:
        response = self.call(who, method, url, **kwargs)
        if response.status_code >= 400:
            raise AssertionError(f"{method} {url}: {response.status_code} {response.text[:300]}")
        return response.json() if "json" in response.headers.get("content-type", "") else response

    def form_token(self, who: Member, page: str) -> str:
        found = re.search(r'name="csrf_token" value="([^"]+)"', self.call(who, "GET", page).text)
        assert found, page
        return found.group(1)

    def sign_in(self, who: Member, week: int) -> None:
        if week - who.signed_in_week < 1:
            return
        who.cookies.pop("footcore_session", None)
        who.csrf = ""  # the old session's token would stand in for the form's
        token = self.form_token(who, "/sign-in")
        answer = self.call(
            who,
            "POST",
            "/sign-in",
            data={"csrf_token": token, "email": who.email, "password": PASSWORD},
            follow_redirects=False,
        )
        assert answer.status_code == 303, answer.text[:300]
        who.csrf = self.ok(who, "GET", "/api/v1/account")["csrf_token"]
        who.signed_in_week = week


def _problem(rng: random.Random, level: int) -> dict[str, str]:
    """A substantial problem's four answers (level 0 moderate ... 2 could not run)."""
    if level == 2:
        return {
            "participation": "none",
            "training": "major",
            "performance": "major",
            "symptoms": rng.choice(["moderate", "severe"]),
        }
    return {
        "participation": "reduced",
        "training": "moderate" if level == 0 else "major",
        "performance": rng.choice(["minor", "moderate"]),
        "symptoms": rng.choice(["mild", "moderate"] if level == 0 else ["moderate", "severe"]),
    }


def _minor(rng: random.Random) -> dict[str, str]:
    return {
        "participation": "full-with-problems",
        "training": rng.choice(["no", "minor"]),
        "performance": rng.choice(["no", "minor"]),
        "symptoms": "mild",
    }


def _week_answers(rng: random.Random, m: Member, week: int) -> dict[str, Any]:
    """The member's problems this week, moving their episode on."""
    areas: dict[str, Any] = {}
    if m.episode is None:
        hazard = 0.014
        if m.arm == "A" and week >= 16:
            hazard = 0.006  # the foot-core arm, after four months
        if rng.random() < hazard:
            area = rng.choices(AREAS, AREA_WEIGHTS)[0]
            m.episode = (area, rng.randint(1, 4), rng.choices((0, 1, 2), (6, 3, 1))[0])
    if m.episode is not None:
        area, left, level = m.episode
        areas[area] = _problem(rng, level)
        m.episode = (area, left - 1, level) if left > 1 else None
    if rng.random() < 0.08:
        other = rng.choice([a for a in AREAS if a not in areas])
        areas[other] = _minor(rng)
    if rng.random() < 0.03:
        areas["illness"] = {
            "participation": rng.choice(["reduced", "none"]),
            "training": "moderate",
            "performance": "moderate",
            "symptoms": "moderate",
        }
    return {"areas": areas} if areas else {"none": True}


@contextmanager
def club_app(folder: Path, clock: Clock) -> Iterator[Web]:
    app = create_app(
        Settings.for_sqlite_file(folder / "club.sqlite3"),
        host="0.0.0.0",
        today=clock.today,
        now=clock.now,
    )
    app.state.footcore.services.accounts.hasher = FAST
    with anyio.from_thread.start_blocking_portal() as portal:
        web = Web(app, portal)
        try:
            yield web
        finally:
            portal.call(web.client.aclose)
            app.state.footcore.close()


def simulate(folder: Path, *, members: int, weeks: int, seed: int) -> Result:
    """The whole club, from sign-up to the report and the export."""
    rng = random.Random(seed)
    clock = Clock()
    started = time.perf_counter()
    with club_app(folder, clock) as web:
        services = web.app.state.footcore.services
        # The coach's account is made as an admin would (footcore admin create-user).
        services.accounts.create_user("coach@club.org", PASSWORD, Role.COACH)
        coach = Member(0, "coach@club.org", 0, False, False, False)
        web.sign_in(coach, 0)
        group = web.ok(coach, "POST", "/api/v1/groups", json={"name": "Riverside Harriers"})
        people: list[Member] = []
        for n in range(1, members + 1):
            m = Member(
                n,
                f"runner{n:03}@club.org",
                weekly_km=round(min(90.0, max(5.0, rng.lognormvariate(3.3, 0.5))), 1),
                injured_before=rng.random() < 0.3,
                shares=rng.random() < 0.8,
                joins=rng.random() < 0.9,
            )
            token = web.form_token(m, "/sign-up")
            answer = web.call(
                m,
                "POST",
                "/sign-up",
                data={
                    "csrf_token": token,
                    "email": m.email,
                    "password": PASSWORD,
                    "password_again": PASSWORD,
                },
                follow_redirects=False,
            )
            assert answer.status_code == 303, answer.text[:300]
            m.signed_in_week = -99
            web.sign_in(m, 0)
            days = ["tue", "thu", "sat", "sun"] if m.weekly_km >= 25 else ["tue", "sat"]
            web.ok(
                m,
                "POST",
                "/api/v1/onboarding",
                json={
                    "profile": {
                        **PROFILE,
                        "name": f"Runner {n:03}",
                        "running": {"days": days, "weekly_km": m.weekly_km},
                    },
                    "start": START.isoformat(),
                },
            )
            web.ok(m, "POST", "/api/v1/groups/join", json={"code": group["invite_code"]})
            if m.shares:
                web.ok(m, "PUT", f"/api/v1/sharing/{group['id']}", json={"share": True})
            people.append(m)
        study = web.ok(
            coach,
            "POST",
            f"/api/v1/groups/{group['id']}/studies",
            json={
                "title": "Feet first",
                "question": "Does the foot-core programme cut running injuries in our club?",
                "arms": [
                    {"name": "Foot-core programme", "instructions": "Do footcore's sessions."},
                    {"name": "Usual warm-up", "instructions": "Warm up as the club always has."},
                ],
                "follow_up_weeks": weeks,
                "seed": seed,
            },
        )
        sid = study["id"]
        for m in people:
            if m.joins:
                web.ok(
                    m,
                    "POST",
                    f"/api/v1/studies/{sid}/join",
                    json={"weekly_km": m.weekly_km, "previous_injury": m.injured_before},
                )
        web.ok(coach, "POST", f"/api/v1/studies/{sid}/start", json={})
        for m in people:
            if m.joins:
                m.arm = web.ok(m, "GET", f"/api/v1/studies/{sid}/participation")["arm"]["code"]
                if rng.random() < 0.05:
                    m.withdraw_week = rng.randint(2, weeks)
        checkins = 0
        for week in range(weeks):
            clock.day = START + dt.timedelta(days=7 * week + 1)
            web.sign_in(coach, week)
            answered: set[int] = set()
            rate = 0.9 - 0.25 * week / max(1, weeks)
            for m in people:
                if m.withdrawn:
                    continue
                if m.withdraw_week == week:
                    web.sign_in(m, week)
                    web.ok(m, "POST", f"/api/v1/studies/{sid}/withdraw")
                    m.withdrawn = True
                    continue
                answers = _week_answers(rng, m, week)
                roll = rng.random()
                if roll < rate:
                    web.sign_in(m, week)
                    web.ok(m, "POST", "/api/v1/checkin", json=answers)
                    answered.add(m.n)
                    checkins += 1
                elif roll < rate + 0.03:
                    web.sign_in(m, week)
                    web.ok(m, "POST", "/api/v1/checkin/skip")
                    answered.add(m.n)
            # Mid-week, the coach reminds the quiet ones; about half of them answer.
            clock.day = START + dt.timedelta(days=7 * week + 4)
            web.ok(coach, "POST", f"/api/v1/studies/{sid}/reminders")
            for m in people:
                if m.n in answered or m.withdrawn or m.arm is None:
                    continue
                web.sign_in(m, week)
                status = web.ok(m, "GET", "/api/v1/checkin")
                if status["reminded"] and rng.random() < 0.5:
                    web.ok(m, "POST", "/api/v1/checkin", json={"none": True})
                    checkins += 1
        clock.day = START + dt.timedelta(days=7 * weeks)
        web.sign_in(coach, weeks)
        report = web.ok(coach, "GET", f"/api/v1/studies/{sid}/report")
        export = web.ok(coach, "GET", f"/api/v1/studies/{sid}/export.csv").text
        dictionary = web.ok(coach, "GET", f"/api/v1/studies/{sid}/dictionary.csv").text
        outcomes = web.ok(coach, "GET", f"/api/v1/groups/{group['id']}/outcomes?weeks=8")
        report["group_outcomes_last_8_weeks"] = outcomes["summary"]
        requests = web.requests
    return Result(
        report,
        export,
        dictionary,
        requests,
        time.perf_counter() - started,
        checkins,
        report["balance"],
    )


def summary(result: Result) -> str:
    r = result.report
    lines = [
        f"{result.requests} HTTP requests in {result.seconds:.0f} s; {result.checkins} check-ins",
        f"enrolment: {r['enrolment']}",
        f"allocation log: {r['allocation_log']['entries']} entries, chain intact "
        f"{r['allocation_log']['chain_intact']}, reproducible from the seed "
        f"{r['allocation_log']['reproducible_from_seed']}",
        "balance: n "
        + json.dumps(r["balance"]["n"])
        + ", mean weekly km "
        + json.dumps(r["balance"]["mean_weekly_km"])
        + ", injured before (%) "
        + json.dumps(r["balance"]["injured_before_pct"])
        + ", largest gap within a stratum "
        + str(r["balance"]["largest_stratum_difference"]),
    ]
    for code, arm in r["arms"].items():
        s = arm["substantial_any_area"]
        f = arm["substantial_foot_or_calf"]
        p = arm["mean_weekly_prevalence_substantial"]
        lines.append(
            f"arm {code} ({arm['name']}): {arm['with_follow_up']} followed, response rate "
            f"{arm['follow_up']['response_rate']}; substantial problem {s['participants']} "
            f"({s['value']:.3f}, 95% CI {s['ci_low']:.3f}-{s['ci_high']:.3f}); foot/calf "
            f"{f['participants']}; mean weekly prevalence of substantial problems "
            f"{p['value']:.3f} ({p['ci_low']:.3f}-{p['ci_high']:.3f})"
        )
    for c in r["comparisons"]:
        rr = c["substantial_any_area"]["risk_ratio"]
        rd = c["substantial_any_area"]["risk_difference"]
        lines.append(
            f"arm {c['arm']} vs {c['reference']}: risk ratio {rr['value']} "
            f"({rr['ci_low']}-{rr['ci_high']}), risk difference {rd['value']} "
            f"({rd['ci_low']}-{rd['ci_high']}), Fisher p "
            f"{c['substantial_any_area']['fisher_exact_p']}"
        )
    lines += [f"note: {n}" for n in r["notes"]]
    rows = result.rows()
    lines.append(
        f"export: {len(rows)} participant-weeks, {len({x['pid'] for x in rows})} participants, "
        f"{len(rows[0]) if rows else 0} columns"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--weeks", type=int, default=26)
    parser.add_argument("--seed", type=int, default=2027)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    db = args.out / "club.sqlite3"
    for suffix in ("", "-wal", "-shm", "-writelock"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    result = simulate(args.out, members=args.members, weeks=args.weeks, seed=args.seed)
    (args.out / "report.json").write_text(json.dumps(result.report, indent=2), encoding="utf-8")
    (args.out / "export.csv").write_text(result.export, encoding="utf-8")
    (args.out / "dictionary.csv").write_text(result.dictionary, encoding="utf-8")
    text = summary(result)
    (args.out / "summary.txt").write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()

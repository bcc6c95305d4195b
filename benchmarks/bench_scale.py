"""Benchmark footcore's data at scale on PostgreSQL: progress and the coach's dashboard.

Run: ``uv run python benchmarks/bench_scale.py [--athletes 10000] [--sample 200]``

Targets: an athlete's progress page under 50 ms p95; a coach's dashboard over a 200-member
group under 300 ms; the query plans use indexes.

1. **Generator.** A fresh PostgreSQL database (on ``FOOTCORE_BENCH_POSTGRES_URL``, default
   postgres@127.0.0.1:5432; dropped at the end unless ``--keep``) is migrated to head by
   ``bootstrap``, then filled set-wise inside the server (``INSERT ... SELECT`` over
   ``generate_series``; no service call per row): ``--athletes`` athletes over four profile
   shapes (examples/ana, lena, margaret, tomas), each with its profile, the programme
   snapshot a year of use leaves (the shape's plan, generated once per shape: 64 weeks from
   a year ago, about 1.7 MB of JSON) with the planned sessions footcore stores beside each
   snapshot (date, slot, minutes), a session log on every day with foot work for the
   year before today (the plan day's first session, its items with the planned dose and the
   work done, feedback: difficulty, pain, now and then a cramp), an adaptation decision per
   session, 3-4 runs a week and a monthly self-test (scored by footcore, one report per
   distinct battery). A tenth of the athletes stop logging ten days before today.
2. **Progress.** For ``--sample`` athletes drawn at random (seeded): the first
   ``services.progress`` call (it regenerates the year-old programme with what was logged
   since, as the first read after new data does), then ``--rounds`` timed calls of
   ``services.progress(id).to_dict()`` each: p50/p95. ``services.today`` likewise.
3. **HTTP.** ``GET /api/v1/progress`` and ``GET /api/v1/today`` served by uvicorn as deployed
   over the same database (one-person mode serves the first athlete), wrk at concurrency 1.
   This runs before any account exists (one-person mode).
4. **Dashboard.** A coach account (made by the accounts service) and a group of ``--group``
   accepted members; ``CoachingService.dashboard`` for it: the first call and
   ``5 * --rounds`` more, p50/p95.
5. **Query plans.** Every statement the progress report and the dashboard send is captured
   and run again under ``EXPLAIN (ANALYZE, BUFFERS)``; the plans are printed trimmed, and any
   sequential scan of a large table is flagged.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import random
import re
import statistics
import tempfile
import time
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import event
from sqlalchemy.engine import make_url

from bench_http import WRK_DIR, wrk
from benchlib import ROOT, Machine, percentile, postgres_database, uvicorn_server
from footcore.bootstrap import bootstrap
from footcore.catalogue.loader import builtin_catalogue
from footcore.config import Settings
from footcore.domain.assessments import report_to_dict, score_battery
from footcore.domain.planning import GENERATOR_VERSION, generate_plan, plan_to_dict
from footcore.domain.profile import parse_profile, profile_to_dict

SHAPES = ("ana", "lena", "margaret", "tomas")
PLAN_WEEKS = 64  # what a year of use extends a 16-week programme to (16 -> 32 -> 48 -> 64)
YEAR_DAYS = 365
QUIET_SHARE = 10  # one athlete in this many stops logging QUIET_DAYS before today
QUIET_DAYS = 10
PROGRESS_TARGET_MS = 50.0
DASHBOARD_TARGET_MS = 300.0
#: Tables big enough that a sequential scan of one in a per-athlete query is a finding.
LARGE_TABLES = (
    "session_logs",
    "item_logs",
    "runs",
    "decisions",
    "assessments",
    "programmes",
    "planned_sessions",
)


@dataclass
class Generated:
    athletes: int
    rows: dict[str, int]
    seconds: float
    database_size: str
    members: int = 0


@dataclass
class Timing:
    label: str
    values_ms: list[float]

    @property
    def p50(self) -> float:
        return percentile(self.values_ms, 0.5)

    @property
    def p95(self) -> float:
        return percentile(self.values_ms, 0.95)


@dataclass
class Results:
    generated: Generated
    timings: dict[str, Timing] = field(default_factory=dict)
    http: dict[str, dict[str, Any]] = field(default_factory=dict)
    plans: list[tuple[str, str, list[str]]] = field(default_factory=list)
    seq_scans: list[str] = field(default_factory=list)


# --- generator -----------------------------------------------------------------------------


def _shape_profiles() -> list[dict[str, Any]]:
    return [
        profile_to_dict(
            parse_profile(tomllib.loads((ROOT / "examples" / f"{name}.toml").read_text()))
        )
        for name in SHAPES
    ]


def _work_done(item: dict[str, Any]) -> dict[str, Any]:
    """The counts a finished item stores for its planned dose (all the planned work)."""
    sets = int(item.get("sets") or 1)
    sides = ("left", "right") if item.get("per_side") else ("both",)
    done: dict[str, Any] = {f"reps_{s}": None for s in ("left", "right", "both")}
    done.update({f"seconds_{s}": None for s in ("left", "right", "both")})
    if item.get("duration_s") is not None:
        for side in sides:
            done[f"seconds_{side}"] = float(sets * item["duration_s"])
    elif item.get("reps") is not None:
        for side in sides:
            done[f"reps_{side}"] = sets * int(item["reps"])
    return done


def _battery(shape: int, month: int, profile: dict[str, Any], day: dt.date) -> dict[str, Any]:
    """A monthly self-test: ankle dorsiflexion creeping up, pain easing."""
    return {
        "date": day.isoformat(),
        "age": int(profile.get("age") or 40),
        "sex": str(profile.get("sex") or "female"),
        "results": {
            "knee_to_wall_cm": {
                "left": round(7.0 + shape + 0.4 * month, 1),
                "right": round(7.5 + shape + 0.35 * month, 1),
            },
            "pain_nrs": max(0, 5 - month // 2),
        },
    }


def generate(url: str, athletes: int, group_size: int, today: dt.date) -> Generated:
    """Fill the (empty) database at ``url``; see the module docstring."""
    t0 = time.perf_counter()
    start = today - dt.timedelta(days=YEAR_DAYS - 1)
    first_day = today - dt.timedelta(days=YEAR_DAYS)
    catalogue = builtin_catalogue()
    profiles = _shape_profiles()
    plans: list[dict[str, Any]] = []
    session_rows: list[tuple[Any, ...]] = []
    item_rows: list[tuple[Any, ...]] = []
    for shape, data in enumerate(profiles):
        plan = plan_to_dict(generate_plan(parse_profile(data), catalogue, start, PLAN_WEEKS))
        plans.append(plan)
        for week in plan["weeks"]:
            for day in week["days"]:
                offset = (dt.date.fromisoformat(day["date"]) - first_day).days
                if not 0 <= offset < YEAR_DAYS or not day["sessions"]:
                    continue
                session = day["sessions"][0]
                chain = None
                for idx, item in enumerate(session["items"]):
                    ex = item["exercise"]
                    if chain is None and ex in catalogue:
                        chain = catalogue.chain_of(ex)[0]
                    done = _work_done(item)
                    item_rows.append(
                        (
                            shape,
                            offset,
                            idx,
                            ex,
                            json.dumps(item),
                            int(item.get("sets") or 1),
                            done["reps_left"],
                            done["reps_right"],
                            done["reps_both"],
                            done["seconds_left"],
                            done["seconds_right"],
                            done["seconds_both"],
                        )
                    )
                session_rows.append(
                    (
                        shape,
                        offset,
                        str(session["slot"]),
                        len(session["items"]),
                        float(session["minutes"]),
                        chain or session["items"][0]["exercise"],
                    )
                )
    # The planned sessions footcore stores with each snapshot (date, slot, minutes), in plan
    # order, for the coach's dashboard and the progress report.
    planned_rows = [
        (shape, n, day["date"], str(session["slot"]), float(session["minutes"]))
        for shape, plan in enumerate(plans)
        for n, (day, session) in enumerate(
            (day, session)
            for week in plan["weeks"]
            for day in week["days"]
            for session in day["sessions"]
        )
    ]
    reports: list[tuple[int, int, str, str]] = []
    for shape, data in enumerate(profiles):
        for month in range(12):
            battery = _battery(shape, month, data, first_day + dt.timedelta(days=30 * month))
            report = report_to_dict(score_battery(battery))
            reports.append((shape, month, json.dumps(battery), json.dumps(report, default=str)))

    settings = Settings(database_url=url, data_dir=Path(tempfile.gettempdir()))
    with bootstrap(settings):  # migrations to head
        pass
    now = dt.datetime.now(dt.UTC)
    with psycopg.connect(_conninfo(url), autocommit=True) as conn:
        conn.execute("SET synchronous_commit = off")
        conn.execute(
            "CREATE TEMP TABLE shape_profiles (shape int, name text, data json, plan json)"
        )
        conn.execute(
            "CREATE TEMP TABLE shape_sessions (shape int, d int, slot text, n int, "
            "minutes float8, chain text)"
        )
        conn.execute(
            "CREATE TEMP TABLE shape_items (shape int, d int, idx int, exercise text, "
            "planned json, sets int, rl int, rr int, rb int, sl float8, sr float8, sb float8)"
        )
        conn.execute(
            "CREATE TEMP TABLE shape_tests (shape int, month int, input json, report json)"
        )
        conn.execute(
            "CREATE TEMP TABLE shape_planned (shape int, n int, date date, slot text, "
            "minutes float8)"
        )
        with conn.cursor() as cur:
            with cur.copy("COPY shape_profiles FROM STDIN") as copy:
                for shape, data in enumerate(profiles):
                    copy.write_row(
                        (shape, str(data["name"]), json.dumps(data), json.dumps(plans[shape]))
                    )
            with cur.copy("COPY shape_sessions FROM STDIN") as copy:
                for row in session_rows:
                    copy.write_row(row)
            with cur.copy("COPY shape_items FROM STDIN") as copy:
                for row in item_rows:
                    copy.write_row(row)
            with cur.copy("COPY shape_tests FROM STDIN") as copy:
                for row in reports:
                    copy.write_row(row)
            with cur.copy("COPY shape_planned FROM STDIN") as copy:
                for planned in planned_rows:
                    copy.write_row(planned)
        params: dict[str, Any] = {
            "n": athletes,
            "first": first_day,
            "start": start,
            "now": now,
            "gv": GENERATOR_VERSION,
            "shapes": len(SHAPES),
            "quiet_share": QUIET_SHARE,
            "quiet_from": today - dt.timedelta(days=QUIET_DAYS),
            "today": today,
        }
        steps = [
            (
                "athletes",
                """INSERT INTO athletes (id, name, created_at)
                   SELECT a, sp.name || ' ' || a, %(now)s
                   FROM generate_series(1, %(n)s) a
                   JOIN shape_profiles sp ON sp.shape = a %% %(shapes)s""",
            ),
            (
                "profile_versions",
                """INSERT INTO profile_versions (id, athlete_id, version, data, created_at)
                   SELECT a, a, 1, sp.data, %(now)s
                   FROM generate_series(1, %(n)s) a
                   JOIN shape_profiles sp ON sp.shape = a %% %(shapes)s""",
            ),
            (
                "programmes",
                """INSERT INTO programmes (id, athlete_id, profile_version_id,
                       generator_version, start, weeks, adjustments, plan, created_at)
                   SELECT a, a, a, %(gv)s, %(start)s, 64,
                       '{"chain_offsets": {}, "unlocked_level": null,
                         "cramp_free_post_run": false, "pain_nrs": null,
                         "assessment_id": null, "recorded_runs": {}, "base_level": 1}',
                       sp.plan, %(now)s
                   FROM generate_series(1, %(n)s) a
                   JOIN shape_profiles sp ON sp.shape = a %% %(shapes)s""",
            ),
            (
                "planned_sessions",
                """INSERT INTO planned_sessions (programme_id, athlete_id, date, slot, minutes)
                   SELECT a, a, sp.date, sp.slot, sp.minutes
                   FROM generate_series(1, %(n)s) a
                   JOIN shape_planned sp ON sp.shape = a %% %(shapes)s
                   ORDER BY a, sp.n""",
            ),
            (
                "session_logs",
                """INSERT INTO session_logs (athlete_id, client_id, date, slot, source,
                       programme_id, planned_items, planned_minutes, started_at, ended_at,
                       difficulty, pain_during, next_morning_pain, cramp, note, created_at)
                   SELECT a, 'bench-' || a || '-' || ss.d, %(first)s + ss.d, ss.slot, 'guided',
                       a, ss.n, ss.minutes,
                       ((%(first)s + ss.d)::timestamp + interval '7 hours') AT TIME ZONE 'UTC',
                       ((%(first)s + ss.d)::timestamp + interval '7 hours'
                           + make_interval(secs => ss.minutes * 60)) AT TIME ZONE 'UTC',
                       1 + (a * 7 + ss.d * 13) %% 5,
                       (a * 11 + ss.d * 17) %% 7,
                       CASE WHEN (a + ss.d) %% 9 = 0 THEN (a + ss.d) %% 5 END,
                       (a * 3 + ss.d * 5) %% 41 = 0,
                       NULL, %(now)s
                   FROM generate_series(1, %(n)s) a
                   JOIN shape_sessions ss ON ss.shape = a %% %(shapes)s
                   WHERE a %% %(quiet_share)s <> 0 OR %(first)s + ss.d < %(quiet_from)s
                   ORDER BY a, ss.d""",
            ),
            (
                "item_logs",
                """INSERT INTO item_logs (session_log_id, item_index, exercise, planned,
                       sets_done, reps_left, reps_right, reps_both, seconds_left,
                       seconds_right, seconds_both, skipped, difficulty, pain_during, cramp,
                       note, started_at, ended_at, created_at)
                   SELECT s.id, si.idx, si.exercise, si.planned,
                       CASE WHEN (s.id + si.idx) %% 19 = 0 THEN 0 ELSE si.sets END,
                       si.rl, si.rr, si.rb, si.sl, si.sr, si.sb,
                       (s.id + si.idx) %% 19 = 0, NULL, NULL, NULL, NULL,
                       s.started_at + make_interval(mins => si.idx * 2),
                       s.started_at + make_interval(mins => si.idx * 2 + 2),
                       %(now)s
                   FROM session_logs s
                   JOIN shape_items si
                     ON si.shape = s.athlete_id %% %(shapes)s AND si.d = s.date - %(first)s
                   ORDER BY s.id, si.idx""",
            ),
            (
                "decisions",
                """INSERT INTO decisions (athlete_id, key, date, chain, action, reason, level,
                       session_log_id, created_at)
                   SELECT s.athlete_id, 'session:' || s.client_id || ':' || ss.chain, s.date,
                       ss.chain,
                       CASE (s.id * 7) %% 20 WHEN 0 THEN 'progress' WHEN 1 THEN 'regress'
                            ELSE 'hold' END,
                       CASE (s.id * 7) %% 20
                            WHEN 0 THEN 'two easy, pain-free sessions running: one step harder'
                            WHEN 1 THEN 'pain above 5/10 during the work: one step easier'
                            ELSE '1 of 2 easy, pain-free sessions running so far' END,
                       NULL, s.id, %(now)s
                   FROM session_logs s
                   JOIN shape_sessions ss
                     ON ss.shape = s.athlete_id %% %(shapes)s AND ss.d = s.date - %(first)s
                   ORDER BY s.id""",
            ),
            (
                "runs",
                """INSERT INTO runs (athlete_id, date, km, minutes, kind, felt, note,
                       client_id, created_at)
                   SELECT a, %(first)s + d,
                       CASE WHEN (a + d) %% 7 = 6 THEN 18.0 ELSE 6.0 + (a + d) %% 5 END,
                       CASE WHEN (a + d) %% 7 = 6 THEN 105.0 ELSE 35.0 + 5 * ((a + d) %% 5) END,
                       CASE WHEN (a + d) %% 7 = 6 THEN 'long'
                            WHEN (a + d) %% 7 = 2 THEN 'hard' ELSE 'easy' END,
                       1 + (a * 5 + d * 3) %% 5, NULL, NULL, %(now)s
                   FROM generate_series(1, %(n)s) a, generate_series(0, 364) d
                   WHERE (a + d) %% 7 IN (0, 2, 6) OR ((a + d) %% 7 = 4 AND a %% 2 = 0)
                   ORDER BY a, d""",
            ),
            (
                "assessments",
                """INSERT INTO assessments (athlete_id, taken_on, input, report, created_at)
                   SELECT a, %(first)s + 30 * st.month, st.input, st.report, %(now)s
                   FROM generate_series(1, %(n)s) a
                   JOIN shape_tests st ON st.shape = a %% %(shapes)s
                   ORDER BY a, st.month""",
            ),
        ]
        rows: dict[str, int] = {}
        for table, sql in steps:
            t = time.perf_counter()
            cur2 = conn.execute(sql, params)
            rows[table] = cur2.rowcount
            print(f"   {table}: {cur2.rowcount:,} rows in {time.perf_counter() - t:.1f} s")
        for table in ("athletes", "profile_versions", "programmes"):
            conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
        t = time.perf_counter()
        conn.execute("VACUUM ANALYZE")
        print(f"   vacuum analyze in {time.perf_counter() - t:.1f} s")
        size = conn.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        found = size.fetchone()
    return Generated(
        athletes=athletes,
        rows=rows,
        seconds=time.perf_counter() - t0,
        database_size=str(found[0]) if found else "?",
    )


def _conninfo(url: str) -> str:
    parsed = make_url(url)
    return (
        f"host={parsed.host} port={parsed.port or 5432} user={parsed.username} "
        f"dbname={parsed.database}" + (f" password={parsed.password}" if parsed.password else "")
    )


def make_group(app: Any, url: str, athletes: int, size: int) -> tuple[int, int, int]:
    """A coach account (made by the accounts service) and a group of ``size`` accepted
    members spread over the athletes; (coach user id, group id, members)."""
    coach = app.services.accounts.create_user(
        "coach@bench.example", "a long bench passphrase 2027", role="coach"
    )
    now = dt.datetime.now(dt.UTC)
    with psycopg.connect(_conninfo(url), autocommit=True) as conn:
        found = conn.execute(
            "INSERT INTO groups (name, kind, coach_user_id, invite_code, created_at) "
            "VALUES ('Bench running club', 'club', %(coach)s, 'BENCHCLUB2', %(now)s) "
            "RETURNING id",
            {"coach": coach.id, "now": now},
        ).fetchone()
        assert found is not None
        step = max(1, athletes // size)
        members = conn.execute(
            """INSERT INTO memberships (group_id, athlete_id, status, created_at, accepted_at)
               SELECT %(g)s, a, 'accepted', %(now)s, %(now)s
               FROM generate_series(1, %(n)s, %(step)s) a LIMIT %(size)s""",
            {"g": found[0], "now": now, "n": athletes, "step": step, "size": size},
        ).rowcount
        conn.execute("ANALYZE groups; ANALYZE memberships; ANALYZE users")
    return coach.id, int(found[0]), members


# --- measurements ----------------------------------------------------------------------------


@contextlib.contextmanager
def captured(engine: Any) -> Iterator[list[tuple[str, Any]]]:
    """Every statement ``engine`` sends inside the block, with its parameters."""
    seen: list[tuple[str, Any]] = []

    def listener(_c: Any, _cur: Any, statement: str, parameters: Any, *_: Any) -> None:
        seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", listener)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", listener)


@dataclass
class Explained:
    plans: list[tuple[str, str, list[str]]] = field(default_factory=list)
    seq_scans: list[str] = field(default_factory=list)


def explain(engine: Any, label: str, statements: Sequence[tuple[str, Any]]) -> Explained:
    """EXPLAIN (ANALYZE, BUFFERS) each distinct SELECT; returns plans and seq-scan flags."""
    out = Explained()
    done: set[str] = set()
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        for statement, parameters in statements:
            text = statement.strip()
            if not text.upper().startswith("SELECT") or text in done:
                continue
            done.add(text)
            cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + text, parameters)
            plan = [str(r[0]) for r in cur.fetchall()]
            summary = re.sub(r"\s+", " ", text)[:160]
            out.plans.append((label, summary, plan))
            for line in plan:
                m = re.search(r"Seq Scan on (\w+)", line)
                if m and m.group(1) in LARGE_TABLES:
                    out.seq_scans.append(f"{label}: {m.group(1)} in `{summary[:90]}...`")
        raw.rollback()
    finally:
        raw.close()
    return out


def timed(fn: Any, *args: Any) -> float:
    t = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - t) * 1000


def wrk_c1(url: str, duration: float) -> dict[str, Any]:
    raw = wrk(url, 1, duration, WRK_DIR / "report.lua")
    seconds = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "rps": raw["requests"] / seconds,
        "p50_ms": raw["p50"] / 1000,
        "p99_ms": raw["p99"] / 1000,
        "errors": sum(raw[k] for k in ("connect", "read", "write", "status", "timeout")),
    }


def measure(url: str, gen: Generated, args: argparse.Namespace, today: dt.date) -> Results:
    results = Results(generated=gen)
    settings = Settings(database_url=url, data_dir=Path(tempfile.gettempdir()))
    rng = random.Random(2027)
    sample = rng.sample(range(1, gen.athletes + 1), min(args.sample, gen.athletes))
    with bootstrap(settings, today=lambda: today) as app:
        svc = app.services
        first = [timed(lambda a: svc.progress(a).to_dict(), a) for a in sample]
        results.timings["progress_first"] = Timing("progress, first read (regenerates)", first)
        progress: list[float] = []
        today_ms: list[float] = []
        for _ in range(args.rounds):
            for a in sample:
                progress.append(timed(lambda a: svc.progress(a).to_dict(), a))
                today_ms.append(timed(lambda a: svc.today(a).to_dict(), a))
        results.timings["progress"] = Timing("progress report (services)", progress)
        results.timings["today"] = Timing("today's sessions (services)", today_ms)
        print(f"   progress p50 {statistics.median(progress):.1f} ms", flush=True)

        with captured(app.engine) as seen:
            svc.progress(sample[0]).to_dict()
        found = explain(app.engine, "progress", seen)
        with captured(app.engine) as seen:
            svc.today(sample[0]).to_dict()
        found_today = explain(app.engine, "today", seen)
        svc.progress(1)  # the athlete one-person mode serves: programme brought up to date
        lookup = [timed(svc.default_athlete_id) for _ in range(20)]
        results.timings["default"] = Timing(
            "one-person mode's athlete lookup (each API request)", lookup
        )

    # Over HTTP before any account exists: one-person mode, as a single runner deploys it.
    if not args.no_http:
        env = {"FOOTCORE_DATABASE_URL": url, "FOOTCORE_DATA_DIR": tempfile.gettempdir()}
        with uvicorn_server("footcore.web.app:make_app", env, factory=True) as base:
            for key, path in (("progress", "/api/v1/progress"), ("today", "/api/v1/today")):
                wrk_c1(base + path, 2)
                results.http[key] = wrk_c1(base + path, args.http_duration)
                print(f"   http {key}: {results.http[key]}", flush=True)

    with bootstrap(settings, today=lambda: today) as app:
        svc = app.services
        coach_id, group_id, gen.members = make_group(app, url, gen.athletes, args.group)
        principal = svc.accounts.principal(coach_id)
        dash_first = [timed(svc.coaching.dashboard, principal, group_id)]
        dash = [timed(svc.coaching.dashboard, principal, group_id) for _ in range(args.rounds * 5)]
        results.timings["dashboard_first"] = Timing("coach dashboard, first call", dash_first)
        results.timings["dashboard"] = Timing(f"coach dashboard, {gen.members} members", dash)
        print(f"   dashboard p50 {statistics.median(dash):.1f} ms", flush=True)
        with captured(app.engine) as seen:
            svc.coaching.dashboard(principal, group_id)
        found_dash = explain(app.engine, "dashboard", seen)
    for part in (found, found_today, found_dash):
        results.plans += part.plans
        results.seq_scans += part.seq_scans
    return results


# --- report ----------------------------------------------------------------------------------


def trim(plan: Sequence[str], limit: int = 14) -> list[str]:
    keep = [
        line
        for line in plan
        if re.search(r"Scan|Join|Loop|Aggregate|Sort|Limit|Execution Time|Index Cond", line)
    ]
    keep = [line if len(line) <= 150 else line[:147] + "..." for line in keep]
    return keep[:limit] + (["  ..."] if len(keep) > limit else [])


def markdown(res: Results, machine: Machine, args: argparse.Namespace) -> str:
    gen = res.generated
    t = res.timings
    lines = [
        "## Data at scale (`benchmarks/bench_scale.py`)",
        "",
        "Targets: an athlete's progress page under 50 ms p95; a coach's dashboard over a "
        "200-member group under 300 ms; the query plans use indexes.",
        "",
        "```sh",
        "uv run python benchmarks/bench_scale.py           # --athletes 10000 --sample 200",
        "```",
        "",
        "Method: a fresh PostgreSQL 15 database (127.0.0.1, default server settings), migrated "
        "by `bootstrap`, filled inside the server with `INSERT ... SELECT` over "
        "`generate_series` from per-shape templates made by footcore in Python (four profile "
        "shapes from `examples/`; each shape's 64-week plan, what a year of use extends a "
        "16-week programme to, generated once and stored for each athlete with its planned "
        "sessions (date, slot, minutes), as footcore stores them beside each snapshot; the "
        "plan day's "
        "first session logged on every day with foot work for a year, with its items, "
        "feedback and one adaptation decision; 3-4 runs a week; a monthly self-test scored "
        "by footcore). One athlete in ten stops logging ten days before today. Timings are "
        "in-process service calls (`bootstrap(settings)`, as the web app builds them) over "
        f"{args.sample} athletes drawn at random, and the JSON API over uvicorn as deployed "
        "(wrk, concurrency 1, one-person mode: before any account exists). Then a coach "
        "account made by the accounts service gets a group of accepted members, spread over "
        "the athletes, for the dashboard.",
        "",
        f"Machine: {machine.markdown()}.",
        "",
        f"Generated: {gen.athletes:,} athletes in {gen.seconds:.0f} s, database "
        f"{gen.database_size}: "
        + ", ".join(f"{k} {v:,}" for k, v in gen.rows.items())
        + f"; group of {gen.members} members.",
        "",
        "| measurement | calls | p50 | p95 | max |",
        "|---|---|---|---|---|",
    ]
    for key in ("progress_first", "progress", "today", "default", "dashboard_first", "dashboard"):
        if key in t:
            v = t[key]
            lines.append(
                f"| {v.label} | {len(v.values_ms)} | {v.p50:.1f} ms | {v.p95:.1f} ms | "
                f"{max(v.values_ms):.1f} ms |"
            )
    for key, h in res.http.items():
        bad = f" ({h['errors']} answers not 2xx: not a valid figure)" if h["errors"] else ""
        lines.append(
            f"| HTTP `GET /api/v1/{key}` (athlete 1, one-person mode), wrk c=1{bad} | "
            f"{h['requests']} | {h['p50_ms']:.1f} ms | p99 {h['p99_ms']:.1f} ms | |"
        )
    prog_ok = "progress" in t and t["progress"].p95 < PROGRESS_TARGET_MS
    dash_ok = "dashboard" in t and t["dashboard"].p95 < DASHBOARD_TARGET_MS
    lines += [
        "",
        "| target | measured | verdict |",
        "|---|---|---|",
        f"| progress under {PROGRESS_TARGET_MS:.0f} ms p95 | "
        f"{t['progress'].p95:.1f} ms (services) | {'met' if prog_ok else '**missed**'} |",
        f"| dashboard ({gen.members} members) under {DASHBOARD_TARGET_MS:.0f} ms | "
        f"p95 {t['dashboard'].p95:.1f} ms, first call {t['dashboard_first'].p50:.1f} ms | "
        f"{'met' if dash_ok else '**missed**'} |",
        "| query plans use indexes | "
        + (
            "no sequential scan of a large table"
            if not res.seq_scans
            else "sequential scans: " + "; ".join(res.seq_scans)
        )
        + f" | {'met' if not res.seq_scans else '**missed**'} |",
        "",
        "Query plans (`EXPLAIN (ANALYZE, BUFFERS)` of every SELECT the calls send, trimmed to "
        "scans, joins and times):",
        "",
    ]
    for label, summary, plan in res.plans:
        lines += [f"- {label}: `{summary}`", "", "  ```", *("  " + p for p in trim(plan)), "  ```"]
    return "\n".join(lines) + "\n"


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--athletes", type=int, default=10_000)
    parser.add_argument("--group", type=int, default=200, help="members of the coach's group")
    parser.add_argument("--sample", type=int, default=200, help="athletes timed")
    parser.add_argument("--rounds", type=int, default=3, help="timed calls per athlete")
    parser.add_argument("--http-duration", type=float, default=10.0)
    parser.add_argument("--no-http", action="store_true", help="skip the uvicorn figures")
    parser.add_argument("--keep", action="store_true", help="keep the database (prints its URL)")
    args = parser.parse_args(argv)
    if args.athletes < 1 or args.group < 1 or args.sample < 1 or args.rounds < 1:
        parser.error("--athletes, --group, --sample and --rounds must be positive")
    if args.group > args.athletes:
        parser.error("--group cannot exceed --athletes")
    return args


def run(args: argparse.Namespace) -> str:
    machine = Machine()
    today = dt.date.today()
    with postgres_database("footcore_bench_scale", keep=args.keep) as url:
        if args.keep:
            print(f"database: {url}")
        print("== generating", flush=True)
        gen = generate(url, args.athletes, args.group, today)
        print(f"   {gen.seconds:.0f} s, {gen.database_size}", flush=True)
        print("== measuring", flush=True)
        res = measure(url, gen, args, today)
    machine.finish()
    return markdown(res, machine, args)


def main(argv: Sequence[str] | None = None) -> None:
    print(run(parse_args(argv)))


if __name__ == "__main__":
    main()

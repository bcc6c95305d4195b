"""Benchmark the HTTP API as deployed: uvicorn serving ``footcore.web.app:make_app``.

Run: ``uv run python benchmarks/bench_http.py [--duration 10] [--engines sqlite,postgresql]``

For each engine (SQLite in a temporary data directory; PostgreSQL in a fresh database on
the server named by ``FOOTCORE_BENCH_POSTGRES_URL``, default postgres@127.0.0.1:5432, dropped
at the end) it starts ``uvicorn footcore.web.app:make_app --factory`` on a free loopback
port (one process, access log on, as ``footcore serve`` runs it), onboards an athlete
(examples/ana.toml) through ``POST /api/v1/onboarding``, then drives it with wrk:

- ``GET /api/v1/exercises`` (the whole library),
- ``GET /api/v1/today`` (today's sessions for the athlete),
- ``GET /library`` (the library page: every exercise as a card with its drawing),
- ``GET /play/{slot}`` (the session player's page with the drawings of the session),
- ``POST /api/v1/sessions`` (a session log, a new client id on every request),

and the catalogue again as a browser asks for it (``Accept-Encoding: gzip``) and as a browser
revalidates the copy it has (``If-None-Match`` with the answer's ``ETag``: 304, no body).

Every figure is given as a ratio to its floor, measured right before it at the same
concurrency in the same run (both servers are up for the whole run), so that the two share
the machine's load (its load average is given with the figures). The floors
(``benchmarks/floor_app.py``) are the cheapest way to answer the same request on the same
server stack: for a read, an ``async def`` answering a constant of exactly the byte size of
footcore's real answer (measured after onboarding, as sent); for the revalidation, an
empty 304; for the write, one durable insert of the request's body (a session log's size)
through footcore's own engine settings, on the same database engine.

Before the HTTP runs, the physical limit of a durable write on this machine is measured
in-process, one connection, one row per transaction: SQLite as footcore sets it (WAL,
``synchronous=NORMAL``: a commit is a write to the WAL file, durable if the process dies;
``fsync`` only at checkpoints), SQLite with ``synchronous=FULL`` (an ``fsync`` per commit:
durable if the machine loses power), and PostgreSQL (``synchronous_commit=on``: the server
flushes its WAL at each commit).

Each figure is measured at concurrency 1 (p50/p99 latency) and 32 (throughput and p99),
``--duration`` seconds each; wrk runs on one thread so the server keeps a core to itself. The
reads run before the writes, so today's sessions are measured with nothing logged yet.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import json
import os
import shutil
import subprocess
import tempfile
import time
import tomllib
import urllib.request
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchlib import BENCH_DIR, ROOT, Machine, postgres_database, uvicorn_server
from footcore.store.engine import make_engine

WRK_DIR = BENCH_DIR / "wrk"
CONCURRENCY = (1, 32)
ENGINES = ("sqlite", "postgresql")
#: The targets: today's sessions at least half the floor's throughput; p99 under 50 ms at
#: concurrency 32.
TODAY_SHARE_OF_FLOOR = 0.5
P99_TARGET_MS = 50.0


@dataclass(frozen=True)
class Endpoint:
    key: str
    label: str
    method: str
    path: str
    #: Request headers (``If-None-Match``'s value is filled in with the answer's ETag).
    headers: tuple[tuple[str, str], ...] = ()
    #: The floor's route for the same request.
    floor: str = ""


GZIP = ("Accept-Encoding", "gzip")
ENDPOINTS = (
    Endpoint("exercises", "GET /api/v1/exercises", "GET", "/api/v1/exercises"),
    Endpoint(
        "exercises-gzip",
        "GET /api/v1/exercises, gzip",
        "GET",
        "/api/v1/exercises",
        headers=(GZIP,),
    ),
    Endpoint(
        "exercises-304",
        "GET /api/v1/exercises, revalidated (304)",
        "GET",
        "/api/v1/exercises",
        headers=(GZIP, ("If-None-Match", "")),
        floor="/constant/not-modified",
    ),
    Endpoint("today", "GET /api/v1/today", "GET", "/api/v1/today"),
    Endpoint("library", "GET /library (page)", "GET", "/library"),
    Endpoint("player", "GET /play/{slot} (page)", "GET", "/play/{slot}"),
    Endpoint("post", "POST /api/v1/sessions", "POST", "/api/v1/sessions", floor="/api/v1/sessions"),
)
FLOOR_LABELS = {
    "read": "floor: `async def` constant of the same size",
    "not-modified": "floor: `async def` empty 304",
    "write": "floor: one durable insert of the same row",
}


def floor_kind(ep: Endpoint) -> str:
    if ep.method == "POST":
        return "write"
    return "not-modified" if ep.floor == "/constant/not-modified" else "read"


@dataclass(frozen=True)
class Figures:
    """One wrk run: requests per second and latency percentiles in ms."""

    engine: str
    endpoint: str
    concurrency: int
    requests: int
    rps: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    errors: int

    def to_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


def wrk(
    url: str,
    concurrency: int,
    duration: float,
    script: Path,
    args: Sequence[str] = (),
    *,
    headers: Sequence[tuple[str, str]] = (),
) -> dict[str, Any]:
    """Run wrk once (one thread) and return its JSON summary."""
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed (Debian: apt-get install wrk)")
    command = ["wrk", "-t1", f"-c{concurrency}", f"-d{duration:g}s", "--timeout", "10s"]
    for name, value in headers:
        command += ["-H", f"{name}: {value}"]
    command += ["-s", str(script), url]
    if args:
        command += ["--", *args]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    for line in done.stdout.splitlines():
        if line.startswith("WRKJSON "):
            found: dict[str, Any] = json.loads(line.removeprefix("WRKJSON "))
            return found
    raise RuntimeError(f"wrk printed no summary:\n{done.stdout}\n{done.stderr}")


def figures(engine: str, key: str, concurrency: int, raw: dict[str, Any]) -> Figures:
    seconds = raw["duration_us"] / 1e6
    errors = sum(raw[k] for k in ("connect", "read", "write", "status", "timeout"))
    return Figures(
        engine=engine,
        endpoint=key,
        concurrency=concurrency,
        requests=raw["requests"],
        rps=raw["requests"] / seconds if seconds else 0.0,
        p50_ms=raw["p50"] / 1000,
        p90_ms=raw["p90"] / 1000,
        p99_ms=raw["p99"] / 1000,
        errors=errors,
    )


def request(base: str, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(
        base + path, data=data, method=method, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=60) as answer:
        return answer.status, json.loads(answer.read() or b"null")


def answer_as_sent(url: str, headers: Sequence[tuple[str, str]]) -> tuple[int, str]:
    """The byte size of an answer as sent (urllib does not decode gzip) and its ETag."""
    req = urllib.request.Request(url, headers=dict(headers))
    with urllib.request.urlopen(req, timeout=60) as answer:
        return len(answer.read()), answer.headers.get("ETag", "")


def onboard(base: str, today: dt.date) -> str:
    profile = tomllib.loads((ROOT / "examples" / "ana.toml").read_text())
    start = today - dt.timedelta(days=14)
    status, _ = request(
        base, "POST", "/api/v1/onboarding", {"profile": profile, "start": start.isoformat()}
    )
    if status != 201:
        raise RuntimeError(f"onboarding answered {status}")
    _, day = request(base, "GET", "/api/v1/today")
    sessions = (day.get("day") or {}).get("sessions")
    if not sessions:
        raise RuntimeError("the onboarded athlete has no sessions today; pick another start")
    return str(sessions[0]["slot"])


ROW = (
    '{"client_id":"limit-%d","date":"2027-01-04","slot":"morning","source":"guided",'
    '"planned_items":3,"planned_minutes":7.3}'
)


@dataclass(frozen=True)
class Limit:
    engine: str
    label: str
    commits: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.commits / self.seconds

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "per_second": self.per_second}


def write_limits(engine: str, url: str, seconds: float) -> list[Limit]:
    """Durable commits a second in-process, one connection, one row per transaction."""
    found: list[Limit] = []
    db = make_engine(url)
    try:
        raw = db.raw_connection()
        try:
            cur = raw.cursor()
            cur.execute("DROP TABLE IF EXISTS limit_writes")
            cur.execute("CREATE TABLE limit_writes (client_id VARCHAR(100) UNIQUE, body TEXT)")
            raw.commit()
            modes = ["NORMAL", "FULL"] if engine == "sqlite" else ["on"]
            n = 0
            for mode in modes:
                if engine == "sqlite":
                    cur.execute(f"PRAGMA synchronous = {mode}")
                    label = (
                        "SQLite, WAL, `synchronous=NORMAL` (footcore's setting)"
                        if mode == "NORMAL"
                        else "SQLite, WAL, `synchronous=FULL` (an fsync per commit)"
                    )
                else:
                    label = "PostgreSQL, `synchronous_commit=on` (the server's default)"
                insert = (
                    "INSERT INTO limit_writes VALUES (?, ?)"
                    if engine == "sqlite"
                    else "INSERT INTO limit_writes VALUES (%s, %s)"
                )
                commits = 0
                start = time.perf_counter()
                while time.perf_counter() - start < seconds:
                    n += 1
                    if engine == "sqlite":
                        cur.execute("BEGIN IMMEDIATE")
                    cur.execute(insert, (f"limit-{n}", ROW % n))
                    if engine == "sqlite":
                        cur.execute("COMMIT")
                    else:
                        raw.commit()
                    commits += 1
                found.append(Limit(engine, label, commits, time.perf_counter() - start))
            cur.execute("DROP TABLE limit_writes")
            raw.commit()
        finally:
            raw.close()
    finally:
        db.dispose()
    return found


@contextlib.contextmanager
def footcore_env(engine: str) -> Iterator[dict[str, str]]:
    """The environment ``make_app`` reads, for a fresh database on ``engine``."""
    with tempfile.TemporaryDirectory(prefix="footcore-bench-") as tmp:
        env = {"FOOTCORE_DATA_DIR": tmp, "FOOTCORE_DATABASE_URL": ""}
        if engine == "sqlite":
            env["FOOTCORE_DATABASE_URL"] = f"sqlite+pysqlite:///{Path(tmp) / 'footcore.sqlite3'}"
            yield env
        else:
            with postgres_database("footcore_bench_http") as url:
                env["FOOTCORE_DATABASE_URL"] = url
                yield env


def prepared(ep: Endpoint, base: str, slot: str) -> tuple[Endpoint, int | None]:
    """The endpoint with its path and ETag filled in, and its answer's size as sent."""
    path = ep.path.replace("{slot}", slot)
    if ep.method != "GET":
        return ep, None
    size, etag = answer_as_sent(base + path, ep.headers)
    headers = tuple((k, etag if k == "If-None-Match" else v) for k, v in ep.headers)
    return dataclasses.replace(ep, path=path, headers=headers), size


@dataclass(frozen=True)
class Run:
    figures: list[Figures]
    limits: list[Limit]
    sizes: dict[str, dict[str, int]]  # engine -> endpoint key -> bytes as sent


def measure(
    engines: Sequence[str],
    duration: float,
    workers: int = 1,
    endpoints: Sequence[str] = (),
) -> Run:
    """Every endpoint, or only those whose keys ``endpoints`` names (``post``: the session
    writes), each after its floor."""
    chosen = [ep for ep in ENDPOINTS if not endpoints or ep.key in endpoints]
    out: list[Figures] = []
    limits: list[Limit] = []
    sizes: dict[str, dict[str, int]] = {}
    report = WRK_DIR / "report.lua"
    post = WRK_DIR / "post_session.lua"
    today = dt.date.today()

    def run(engine: str, base: str, ep: Endpoint, c: int, *, key: str, path: str) -> None:
        headers = list(ep.headers)
        if ep.method == "GET":
            url = base + path
            wrk(url, c, min(2.0, duration), report, headers=headers)  # warm-up
            raw = wrk(url, c, duration, report, headers=headers)
        else:
            run_id = uuid.uuid4().hex[:8]
            args = [f"{run_id}-c{c}", today.isoformat()]
            warm = [f"{run_id}-w{c}", today.isoformat()]
            wrk(base + path, c, min(2.0, duration), post, warm)
            raw = wrk(base + path, c, duration, post, args)
        out.append(figures(engine, key, c, raw))
        print(f"   {out[-1]}", flush=True)

    for engine in engines:
        print(f"== {engine}", flush=True)
        with (
            footcore_env(engine) as env,
            uvicorn_server("footcore.web.app:make_app", env, factory=True, workers=workers) as base,
        ):
            floor_db = env["FOOTCORE_DATABASE_URL"]
            if engine == "sqlite":
                floor_db = floor_db.replace("footcore.sqlite3", "floor.sqlite3")
                limits += write_limits(
                    engine, floor_db.replace("floor.sqlite3", "limit.sqlite3"), min(5.0, duration)
                )
            else:
                limits += write_limits(engine, floor_db, min(5.0, duration))
            slot = onboard(base, today)
            eps: list[Endpoint] = []
            for listed in chosen:
                ready, size = prepared(listed, base, slot)
                if size is not None and not listed.floor:
                    sizes.setdefault(engine, {})[listed.key] = size
                eps.append(ready)
            floor_env = {
                "FLOOR_DATABASE_URL": floor_db,
                "FLOOR_SIZES": ",".join(f"{k}={n}" for k, n in sizes.get(engine, {}).items()),
            }
            with uvicorn_server(
                "floor_app:app", floor_env, app_dir=BENCH_DIR, workers=workers
            ) as floor_base:
                for ep in eps:  # the reads before the writes
                    floor_path = ep.floor or f"/constant/{ep.key}"
                    for c in CONCURRENCY:
                        # The floor right before the endpoint, at the same concurrency.
                        run(engine, floor_base, ep, c, key=f"floor:{ep.key}", path=floor_path)
                        run(engine, base, ep, c, key=ep.key, path=ep.path)
    return Run(out, limits, sizes)


def ratio(value: float, floor: float) -> str:
    return f"{value / floor:.2f}x" if floor else "n/a"


def verdicts(found: Sequence[Figures]) -> list[tuple[str, str, bool]]:
    """(target, measured, met) per engine."""
    by = {(f.engine, f.endpoint, f.concurrency): f for f in found}
    rows = []
    for engine in sorted({f.engine for f in found}, key=ENGINES.index):
        if (engine, "today", 32) in by:
            floor = by[(engine, "floor:today", 32)].rps
            today = by[(engine, "today", 32)].rps
            rows.append(
                (
                    f"{engine}: today's sessions at least half the floor's throughput (c=32)",
                    f"{today:.0f} req/s = {today / floor:.0%} of {floor:.0f} req/s",
                    today >= TODAY_SHARE_OF_FLOOR * floor,
                )
            )
        if (engine, "post", 32) in by:
            writes, write_floor = by[(engine, "post", 32)], by[(engine, "floor:post", 32)]
            rows.append(
                (
                    f"{engine}: session writes at least half the write floor's throughput (c=32)",
                    f"{writes.rps:.0f} req/s = {writes.rps / write_floor.rps:.0%} of "
                    f"{write_floor.rps:.0f} req/s",
                    writes.rps >= 0.5 * write_floor.rps,
                )
            )
        # The floor's own tail, measured in the same run, says how much of a miss is the
        # machine's: the same answer cannot be sent faster than that.
        for ep in ENDPOINTS:
            if (engine, ep.key, 32) not in by:
                continue
            f = by[(engine, ep.key, 32)]
            fl = by[(engine, f"floor:{ep.key}", 32)]
            rows.append(
                (
                    f"{engine}: {ep.label} p99 under {P99_TARGET_MS:.0f} ms at c=32",
                    f"{f.p99_ms:.1f} ms ({f.rps:.0f} req/s; its floor's p99 {fl.p99_ms:.1f} ms)",
                    f.p99_ms < P99_TARGET_MS,
                )
            )
    return rows


def markdown(found: Run, machine: Machine, duration: float, workers: int = 1) -> str:
    processes = "one process" if workers == 1 else f"{workers} worker processes, the floor too"
    by = {(f.engine, f.endpoint, f.concurrency): f for f in found.figures}
    lines = [
        "## HTTP API (`benchmarks/bench_http.py`)",
        "",
        "Targets: today's sessions at least half the floor's throughput; session writes at "
        "least half the write floor's; p99 under 50 ms at concurrency 32.",
        "",
        "```sh",
        "uv run python benchmarks/bench_http.py            # --duration 10 "
        "--engines sqlite,postgresql",
        "```",
        "",
        "Method: `uvicorn footcore.web.app:make_app --factory` in a subprocess on a free "
        f"loopback port, as `footcore serve` runs it ({processes}, access log on), with "
        "`FOOTCORE_DATA_DIR`/`FOOTCORE_DATABASE_URL` pointing at a fresh SQLite file or a "
        "fresh PostgreSQL database (dropped afterwards). An athlete (examples/ana.toml) is "
        "onboarded through the API; then wrk 4.1 (Debian) on one thread, "
        f"{duration:g} s per figure after a short warm-up: at concurrency 1 for latency, at 32 "
        "for throughput. `POST /api/v1/sessions` sends a new client id each time (Lua "
        "script `benchmarks/wrk/post_session.lua`), so every request stores a row. The "
        "catalogue is asked for as wrk asks (no `Accept-Encoding`), as a browser asks "
        "(`Accept-Encoding: gzip`) and as a browser revalidates its copy (`If-None-Match` "
        "with the answer's `ETag`: 304, no body).",
        "",
        "Floors (`benchmarks/floor_app.py`, a bare FastAPI app served the same way): for each "
        "read an `async def` answering a constant of exactly the byte size footcore sends "
        "(sizes below); for the revalidation an empty 304; for the write one durable insert "
        "of the request's body as a row (a session log's size, a unique client id) through "
        "footcore's own engine (SQLite WAL, `synchronous=NORMAL`, `BEGIN IMMEDIATE`, the "
        "writers' lock, 4 worker threads; PostgreSQL on the same database, "
        "`synchronous_commit=on`). Each floor is measured right before its endpoint at the "
        "same concurrency, so the two share the machine's load; every footcore figure is "
        "also given as a ratio to its floor (latency: times the floor's; throughput: share "
        "of the floor's). wrk shares the two cores with the server.",
        "",
        f"Machine: {machine.markdown()}.",
        "",
    ]
    if found.limits:
        lines += [
            "The physical limit of a durable write here (in-process, one connection, one "
            "150-byte row per transaction, no HTTP):",
            "",
            "| engine | commits a second | per commit |",
            "|---|---|---|",
        ]
        for lim in found.limits:
            lines.append(
                f"| {lim.label} | {lim.per_second:.0f} | "
                f"{1000 / lim.per_second if lim.per_second else float('nan'):.2f} ms |"
            )
        lines.append("")
    if found.sizes:
        sized = ", ".join(
            f"{engine}: " + ", ".join(f"{k} {n:,} B" for k, n in s.items())
            for engine, s in found.sizes.items()
        )
        lines += [f"Answer sizes as sent (the read floors send as much): {sized}.", ""]
    lines += [
        "| engine | endpoint | c=1 p50 | c=1 p99 | c=32 req/s | c=32 p50 | c=32 p99 | errors |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for engine in sorted({f.engine for f in found.figures}, key=ENGINES.index):
        for ep in ENDPOINTS:
            one, many = by.get((engine, ep.key, 1)), by.get((engine, ep.key, 32))
            f1, f32 = (
                by.get((engine, f"floor:{ep.key}", 1)),
                by.get((engine, f"floor:{ep.key}", 32)),
            )
            if one is None or many is None or f1 is None or f32 is None:
                continue
            lines.append(
                f"| {engine} | {FLOOR_LABELS[floor_kind(ep)]} (for the next row) | "
                f"{f1.p50_ms:.2f} ms | {f1.p99_ms:.2f} ms | {f32.rps:.0f} | "
                f"{f32.p50_ms:.1f} ms | {f32.p99_ms:.1f} ms | {f1.errors + f32.errors} |"
            )
            lines.append(
                f"| {engine} | **{ep.label}** | "
                f"{one.p50_ms:.2f} ms ({ratio(one.p50_ms, f1.p50_ms)}) | "
                f"{one.p99_ms:.2f} ms ({ratio(one.p99_ms, f1.p99_ms)}) | "
                f"{many.rps:.0f} ({many.rps / f32.rps:.0%}) | "
                f"{many.p50_ms:.1f} ms ({ratio(many.p50_ms, f32.p50_ms)}) | "
                f"{many.p99_ms:.1f} ms ({ratio(many.p99_ms, f32.p99_ms)}) | "
                f"{one.errors + many.errors} |"
            )
    lines += ["", "| target | measured | verdict |", "|---|---|---|"]
    for target, measured, met in verdicts(found.figures):
        lines.append(f"| {target} | {measured} | {'met' if met else '**missed**'} |")
    return "\n".join(lines) + "\n"


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per figure")
    parser.add_argument(
        "--engines",
        default=",".join(ENGINES),
        type=lambda s: [e for e in s.split(",") if e],
        help="sqlite,postgresql",
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--workers", type=int, default=1, help="uvicorn worker processes (the floor's too)"
    )
    keys = ",".join(ep.key for ep in ENDPOINTS)
    parser.add_argument(
        "--endpoints",
        default="",
        type=lambda s: [e for e in s.split(",") if e],
        help=f"only these endpoints, each after its floor (default: all of {keys})",
    )
    args = parser.parse_args(argv)
    if not 1 <= args.workers <= 64:
        parser.error("--workers must be from 1 to 64")
    for key in args.endpoints:
        if key not in {ep.key for ep in ENDPOINTS}:
            parser.error(f"unknown endpoint {key!r}: use {keys}")
    for engine in args.engines:
        if engine not in ENGINES:
            parser.error(f"unknown engine {engine!r}: use {', '.join(ENGINES)}")
    return args


def run(args: argparse.Namespace) -> str:
    machine = Machine()
    found = measure(args.engines, args.duration, args.workers, args.endpoints)
    machine.finish()
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "figures": [f.to_dict() for f in found.figures],
                    "limits": [lim.to_dict() for lim in found.limits],
                    "sizes": found.sizes,
                },
                indent=2,
            )
        )
    return markdown(found, machine, args.duration, args.workers)


def main(argv: Sequence[str] | None = None) -> None:
    os.chdir(ROOT)
    print(run(parse_args(argv)))


if __name__ == "__main__":
    main()

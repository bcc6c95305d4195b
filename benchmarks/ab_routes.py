"""A/B of whole page requests over uvicorn: this checkout against another footcore's ``src/``.

Run: ``uv run python benchmarks/ab_routes.py --before /path/to/other/checkout/src``

For the routers that turn away paths not their own (``footcore.web.routing``; BENCHMARKS.md
finding 18): two uvicorn processes, one importing footcore from ``--before`` (first on
``PYTHONPATH``), one from this checkout, each with its own SQLite file and the athlete of
examples/ana.toml onboarded (one-person mode). Then, per path, wrk at concurrency 1 against
each in turn (before, after, before, ...; ``--rounds`` each, ``--duration`` seconds a run):
the median of the runs' p50 latencies and of their throughputs, and the after/before ratio
of the throughputs run pair by run pair. Prints a Markdown table; it rewrites nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import statistics
import tempfile
from pathlib import Path

from bench_http import WRK_DIR, onboard, wrk
from benchlib import Machine, uvicorn_server

PATHS = ("/today", "/settings", "/progress", "/api/v1/today")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--before", type=Path, required=True, help="the other footcore's src/")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=float, default=5.0)
    parser.add_argument("--paths", default=",".join(PATHS))
    args = parser.parse_args()
    paths = [p for p in args.paths.split(",") if p]
    machine = Machine()
    today = dt.date.today()
    with contextlib.ExitStack() as stack:
        bases: dict[str, str] = {}
        for name, pythonpath in (("before", str(args.before.resolve())), ("after", "")):
            data = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="ab-routes-")))
            env = {"FOOTCORE_DATA_DIR": str(data), "PYTHONPATH": pythonpath}
            server = uvicorn_server("footcore.web.app:make_app", env, factory=True)
            bases[name] = stack.enter_context(server)
            onboard(bases[name], today)
        rows = []
        for path in paths:
            runs: dict[str, list[dict[str, float]]] = {"before": [], "after": []}
            for name in ("before", "after"):  # warm-up, not counted
                wrk(bases[name] + path, 1, 1, WRK_DIR / "report.lua")
            for _ in range(args.rounds):
                for name in ("before", "after"):
                    raw = wrk(bases[name] + path, 1, args.duration, WRK_DIR / "report.lua")
                    if raw["status"] or raw["connect"] or raw["read"]:
                        raise SystemExit(f"{name} {path}: errors {raw}")
                    runs[name].append(
                        {"rps": raw["requests"] / (raw["duration_us"] / 1e6), "p50": raw["p50"]}
                    )
            paired = zip(runs["after"], runs["before"], strict=True)
            ratios = [a["rps"] / b["rps"] for a, b in paired]
            rows.append(
                (
                    path,
                    statistics.median(r["p50"] for r in runs["before"]) / 1000,
                    statistics.median(r["p50"] for r in runs["after"]) / 1000,
                    statistics.median(r["rps"] for r in runs["before"]),
                    statistics.median(r["rps"] for r in runs["after"]),
                    ratios,
                )
            )
    machine.finish()
    print(f"Machine: {machine.markdown()}.\n")
    print("| path | p50 before | p50 after | req/s before | req/s after | after/before by pair |")
    print("|---|---|---|---|---|---|")
    for path, p50b, p50a, rpsb, rpsa, ratios in rows:
        pairs = ", ".join(f"{r:.2f}" for r in ratios)
        print(
            f"| `GET {path}` | {p50b:.2f} ms | {p50a:.2f} ms | {rpsb:.0f} | {rpsa:.0f} | {pairs} |"
        )


if __name__ == "__main__":
    main()

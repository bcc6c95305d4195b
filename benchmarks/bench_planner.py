"""Benchmark the programme generator: a 16-week plan in well under 50 ms on one core.

Run: ``uv run python benchmarks/bench_planner.py [--runs 200] [--profiles 1000]``

1. One realistic profile (examples/ana.toml), a 16-week plan, ``--runs`` times: median and
   95th percentile of wall time and of CPU time (process time).
2. ``--profiles`` random valid profiles (seeded, so every run draws the same ones), a 16-week
   plan each, in one go: total and mean per plan.

The catalogue is loaded once before timing (the CLI does that too). Results print with the
machine and the date; copy them into BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import random
import statistics
import time
import tomllib
from pathlib import Path
from typing import Any

from footcore.catalogue.loader import builtin_catalogue
from footcore.domain.planning import generate_plan
from footcore.domain.profile import Profile, parse_profile
from footcore.domain.vocab import Equipment, Goal, Slot, Weekday

ROOT = Path(__file__).resolve().parents[1]
START = dt.date(2027, 1, 4)
WEEKS = 16


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def random_profile(rng: random.Random) -> Profile:
    days = rng.sample(Weekday.slugs(), rng.randint(0, 7))
    data: dict[str, Any] = {
        "name": f"runner-{rng.randrange(10**6)}",
        "age": rng.randint(10, 110),
        "goals": rng.sample(Goal.slugs(), rng.randint(1, 3)),
        "equipment": rng.sample(Equipment.slugs(), rng.randint(0, len(Equipment))),
        "minutes_per_day": rng.randint(2, 60),
        "slots": rng.sample(Slot.slugs(), rng.randint(1, len(Slot))),
        "cramp_prone": rng.random() < 0.5,
    }
    if rng.random() < 0.5:
        data["pain"] = {"nrs": rng.randint(0, 10)}
    if days:
        running: dict[str, Any] = {"days": days}
        if rng.random() < 0.8:
            running["long_run_day"] = rng.choice(days)
        running["hard_days"] = [
            d for d in days if d != running.get("long_run_day") and rng.random() < 0.3
        ]
        data["running"] = running
    return parse_profile(data)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--profiles", type=int, default=1000)
    args = parser.parse_args()

    catalogue = builtin_catalogue()
    ana = parse_profile(tomllib.loads((ROOT / "examples" / "ana.toml").read_text()))
    for _ in range(5):  # warm up
        generate_plan(ana, catalogue, START, WEEKS)

    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(args.runs):
        w0, c0 = time.perf_counter(), time.process_time()
        generate_plan(ana, catalogue, START, WEEKS)
        cpu.append((time.process_time() - c0) * 1000)
        wall.append((time.perf_counter() - w0) * 1000)

    rng = random.Random(2027)
    profiles = [random_profile(rng) for _ in range(args.profiles)]
    w0, c0 = time.perf_counter(), time.process_time()
    for profile in profiles:
        generate_plan(profile, catalogue, START, WEEKS)
    batch_cpu = time.process_time() - c0
    batch_wall = time.perf_counter() - w0

    print(f"date: {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}")
    print(f"machine: {cpu_name()}, {platform.system()} {platform.release()}")
    print(f"python: {platform.python_implementation()} {platform.python_version()}")
    print(f"one profile (examples/ana.toml), {WEEKS} weeks, {args.runs} runs:")
    print(
        f"  wall ms: median {statistics.median(wall):.1f}, p95 {percentile(wall, 0.95):.1f}, "
        f"min {min(wall):.1f}"
    )
    print(
        f"  cpu  ms: median {statistics.median(cpu):.1f}, p95 {percentile(cpu, 0.95):.1f}, "
        f"min {min(cpu):.1f}"
    )
    print(f"{args.profiles} random profiles, {WEEKS} weeks each, in one go:")
    print(
        f"  wall {batch_wall:.2f} s, cpu {batch_cpu:.2f} s, "
        f"mean {batch_cpu / max(1, args.profiles) * 1000:.1f} ms cpu per plan"
    )


if __name__ == "__main__":
    main()

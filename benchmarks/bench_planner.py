"""Benchmark the programme generator: a 16-week plan in well under 50 ms on one core.

Run: ``uv run python benchmarks/bench_planner.py [--runs 200] [--profiles 1000]``

1. One realistic profile (examples/ana.toml), a 16-week plan, ``--runs`` times: median and
   95th percentile of wall time and of CPU time (process time).
2. ``--profiles`` random valid profiles (seeded, so every run draws the same ones), a 16-week
   plan each, in one go: total and mean per plan.

The catalogue is loaded once before timing (the CLI does that too). It prints its section of
BENCHMARKS.md with the machine and the date (``benchmarks/run_all.py`` rewrites the file).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
import timeit
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from benchlib import ROOT, Machine, percentile
from footcore.catalogue.loader import builtin_catalogue
from footcore.domain.planning import generate_plan
from footcore.domain.profile import Profile, parse_profile
from footcore.domain.vocab import Equipment, Goal, Slot, Weekday

START = dt.date(2027, 1, 4)
WEEKS = 16
TARGET_MS = 10.0  # issue 14 (planner v2); the first planner's target was 50 ms


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


@dataclass(frozen=True)
class PlannerFigures:
    runs: int
    profiles: int
    wall_ms: list[float]
    cpu_ms: list[float]
    batch_wall_s: float
    batch_cpu_s: float
    timeit_us: float


def measure(runs: int, profiles_n: int) -> PlannerFigures:
    catalogue = builtin_catalogue()
    ana = parse_profile(tomllib.loads((ROOT / "examples" / "ana.toml").read_text()))
    for _ in range(5):  # warm up
        generate_plan(ana, catalogue, START, WEEKS)

    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(runs):
        w0, c0 = time.perf_counter(), time.process_time()
        generate_plan(ana, catalogue, START, WEEKS)
        cpu.append((time.process_time() - c0) * 1000)
        wall.append((time.perf_counter() - w0) * 1000)

    rng = random.Random(2027)
    profiles = [random_profile(rng) for _ in range(profiles_n)]
    w0, c0 = time.perf_counter(), time.process_time()
    for profile in profiles:
        generate_plan(profile, catalogue, START, WEEKS)
    batch_cpu = time.process_time() - c0
    batch_wall = time.perf_counter() - w0
    scale = timeit.repeat("sum(range(10000))", number=1000, repeat=5)
    return PlannerFigures(
        runs, profiles_n, wall, cpu, batch_wall, batch_cpu, min(scale) / 1000 * 1e6
    )


def markdown(f: PlannerFigures, machine: Machine) -> str:
    cpu_med, cpu_p95 = statistics.median(f.cpu_ms), percentile(f.cpu_ms, 0.95)
    wall_med, wall_p95 = statistics.median(f.wall_ms), percentile(f.wall_ms, 0.95)
    met = cpu_med < TARGET_MS
    return "\n".join(
        [
            "## Programme generator (`benchmarks/bench_planner.py`)",
            "",
            "Target: a 16-week plan in under 10 ms on one core (issue 14).",
            "",
            "```sh",
            "uv run python benchmarks/bench_planner.py            # --runs 200 --profiles 1000",
            "```",
            "",
            "It times `generate_plan` for one realistic profile (`examples/ana.toml`: heel pain, "
            "four run",
            "days, five slots, 12 minutes a day) 200 times after a warm-up, then 1,000 random "
            "valid",
            "profiles (seeded, the same every run) in one go, 16 weeks each. The built-in "
            "catalogue is",
            "loaded once before timing. It runs on one core (single-threaded CPython).",
            "",
            f"Machine: {machine.markdown()}.",
            "",
            "| date | one 16-week plan (median / p95) | "
            f"{f.profiles:,} random profiles | verdict |",
            "|---|---|---|---|",
            f"| {machine.date} | {cpu_med:.1f} ms / {cpu_p95:.1f} ms (CPU time; wall "
            f"{wall_med:.1f} / {wall_p95:.1f} ms, min {min(f.wall_ms):.1f} ms) | "
            f"{f.batch_wall_s:.1f} s wall, "
            f"{f.batch_cpu_s / max(1, f.profiles) * 1000:.1f} ms CPU a plan | "
            f"{'met' if met else '**missed**'} (median under {TARGET_MS:.0f} ms) |",
            "",
            f'For scale: `python3 -m timeit "sum(range(10000))"` gives {f.timeit_us:.0f} µs '
            "on that machine.",
            "",
            "What keeps it fast: the catalogue index (chains, levels, and each chain's steps "
            "that match a",
            "kind of want) is built once per catalogue and cached; each plan memoises one "
            "object per",
            "distinct dose (and per timed dose its shorter bout), a want's pool per state of "
            "the chains",
            "that match it, each slot's placing rules per exercise, kind of day and hold "
            "(shared by the",
            "protocol items and the wants), the slots that suit a want's exercise per kind "
            "of day and hold",
            "(so a growing dose costs only its minutes), each chain's candidates with their fewest",
            "minutes, each exercise's stand-ins, the wants that apply and their order per "
            "kind of day, a",
            "protocol's items per week and loading and the exercises its sessions reserve, "
            "its stand-ins'",
            "rotation, its session's sets cut to the minutes left, the release before a deep "
            "stretch, the",
            "walking item and the day's notes, and the finished items (BENCHMARKS.md fixes "
            "10, 12 and 14).",
            "Where the rest goes (the 10 ms target is missed): about 191 M instructions a "
            "plan of ana",
            "(callgrind; 200 M before fix 14), 1.86 M Python bytecodes in some 105,000 "
            "calls, no step above",
            "a fifth: placing some 900 wants a third (their candidates a fifth: 177 rebuilds "
            "a plan, which",
            "stay while a pool's fewest minutes, the early exit, read the week's doses), the "
            "items and",
            "their reasons an eighth, the weekly chain steps an eighth, the protocol "
            "sessions a twelfth,",
            "building dataclasses (items, placements, days, doses) a tenth across them. "
            "Nearly every",
            "per-plan memo look-up now hits, and a hit costs some 30 bytecodes: more memos "
            "no longer pay.",
            "The variety rotation makes every day distinct, so whole days cannot be reused. "
            "10 ms needs",
            "fewer layers rather than more memos: a compiled placement loop, or the placing "
            "rules' answers",
            "kept across plans in a long-lived process (keyed on values, as the minutes "
            "already are).",
            "",
        ]
    )


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--profiles", type=int, default=1000)
    args = parser.parse_args(argv)
    if args.runs < 1 or args.profiles < 0:
        parser.error("--runs must be positive and --profiles not negative")
    return args


def run(args: argparse.Namespace) -> str:
    machine = Machine()
    figures = measure(args.runs, args.profiles)
    machine.finish()
    return markdown(figures, machine)


def main(argv: Sequence[str] | None = None) -> None:
    print(run(parse_args(argv)))


if __name__ == "__main__":
    main()

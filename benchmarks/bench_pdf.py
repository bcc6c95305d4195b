"""Benchmark the PDF handouts: the 16-week programme booklet in well under 2 s of CPU time.

Run: ``uv run python benchmarks/bench_pdf.py [--runs 7]``

The programme of ``examples/ana.toml`` (16 weeks from 2027-01-04: cover, a page or two per
week, an exercise card for each exercise it uses) is generated once; then
``footcore.io.pdf.programme_pdf`` is timed ``--runs`` times after one warm-up, in one
process (what ``footcore export pdf`` and ``GET /api/v1/exports/plan.pdf`` do after loading).
It reports the median and the slowest run in CPU time (process time, which a busy machine
does not inflate) and in wall time, with the number of pages. It prints its section of
BENCHMARKS.md with the machine and the date (``benchmarks/run_all.py`` rewrites the file).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import statistics
import subprocess
import sys
import time
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass

from benchlib import ROOT, Machine
from footcore.catalogue.loader import builtin_catalogue
from footcore.domain.planning import generate_plan
from footcore.domain.profile import parse_profile
from footcore.io.pdf import programme_pdf

START = dt.date(2027, 1, 4)
WEEKS = 16
TARGET_S = 2.0


@dataclass(frozen=True)
class PdfFigures:
    runs: int
    pages: int
    size_kb: float
    cpu_s: list[float]
    wall_s: list[float]
    cold_cpu_s: float = float("nan")
    cold_wall_s: float = float("nan")


COLD = """
import datetime as dt, json, sys, time, tomllib
sys.path.insert(0, "benchmarks")
from bench_pdf import START, WEEKS, ROOT
from footcore.catalogue.loader import builtin_catalogue
from footcore.domain.planning import generate_plan
from footcore.domain.profile import parse_profile
from footcore.io.pdf import programme_pdf
catalogue = builtin_catalogue()
profile = parse_profile(tomllib.loads((ROOT / "examples" / "ana.toml").read_text()))
plan = generate_plan(profile, catalogue, START, WEEKS)
w0, c0 = time.perf_counter(), time.process_time()
programme_pdf(plan, catalogue)
print(json.dumps([time.process_time() - c0, time.perf_counter() - w0]))
"""


def cold(runs: int = 3) -> tuple[float, float]:
    """The first handout of a fresh process (as ``footcore export pdf`` makes it): the
    median of ``runs`` processes, CPU and wall."""
    found = [
        json.loads(subprocess.run([sys.executable, "-c", COLD], cwd=ROOT, check=True,
                                  capture_output=True, text=True).stdout)
        for _ in range(runs)
    ]  # fmt: skip
    return statistics.median(f[0] for f in found), statistics.median(f[1] for f in found)


def _pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", data))


def measure(runs: int) -> PdfFigures:
    catalogue = builtin_catalogue()
    profile = parse_profile(tomllib.loads((ROOT / "examples" / "ana.toml").read_text()))
    plan = generate_plan(profile, catalogue, START, WEEKS)
    data = programme_pdf(plan, catalogue)  # warm-up: imports, fonts
    cpu: list[float] = []
    wall: list[float] = []
    for _ in range(runs):
        w0, c0 = time.perf_counter(), time.process_time()
        data = programme_pdf(plan, catalogue)
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    cold_cpu, cold_wall = cold()
    return PdfFigures(runs, _pages(data), len(data) / 1024, cpu, wall, cold_cpu, cold_wall)


def markdown(f: PdfFigures, machine: Machine) -> str:
    cpu_med, wall_med = statistics.median(f.cpu_s), statistics.median(f.wall_s)
    met = cpu_med < TARGET_S
    return "\n".join(
        [
            "## PDF handouts (`benchmarks/bench_pdf.py`)",
            "",
            "Target: the 16-week programme booklet in well under 2 s of CPU time.",
            "",
            "```sh",
            "uv run python benchmarks/bench_pdf.py             # --runs 7",
            "```",
            "",
            "It generates the programme of `examples/ana.toml` (16 weeks from 2027-01-04) once,",
            "then times `footcore.io.pdf.programme_pdf` (cover, week pages, an exercise card",
            "with its drawings for every exercise used) after one warm-up, in one process.",
            "CPU time is what a busy machine does not inflate; wall time is given beside it.",
            "",
            f"Machine: {machine.markdown()}.",
            "",
            "| handout | pages | size | runs | CPU median / max | wall median / max | verdict |",
            "|---|---|---|---|---|---|---|",
            f"| programme, 16 weeks | {f.pages} | {f.size_kb:.0f} KB | {f.runs} | "
            f"{cpu_med:.2f} s / {max(f.cpu_s):.2f} s | {wall_med:.2f} s / {max(f.wall_s):.2f} s | "
            f"{'met' if met else '**missed**'} (CPU median under {TARGET_S:g} s) |",
            f"| the same, first in a fresh process (3 processes) | | | | "
            f"{f.cold_cpu_s:.2f} s | {f.cold_wall_s:.2f} s | |",
            "",
            "The first handout of a process also lays out the drawings of the exercises it "
            "uses and reads the fonts; later ones reuse both.",
            "",
        ]
    )


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def run(args: argparse.Namespace) -> str:
    machine = Machine()
    figures = measure(args.runs)
    machine.finish()
    return markdown(figures, machine)


def main(argv: Sequence[str] | None = None) -> None:
    print(run(parse_args(argv)))


if __name__ == "__main__":
    main()

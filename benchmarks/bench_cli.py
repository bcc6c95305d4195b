"""Benchmark the CLI's cold start: ``footcore today`` in a fresh process each time.

Run: ``uv run python benchmarks/bench_cli.py [--runs 30]`` (prints its section of
BENCHMARKS.md; ``benchmarks/run_all.py`` is what rewrites that file)

Target: ``footcore today`` from a cold start under 0.3 s wall time (issue 21; it was 0.5 s).

Cases, each timed with hyperfine (Debian package) over ``--runs`` runs after 3 warm-ups:

1. ``footcore today`` for an athlete stored in a SQLite file (set up once with
   ``footcore init --profile examples/ana.toml``; ``FOOTCORE_DATA_DIR`` points at a
   temporary directory);
2. ``footcore today --profile examples/ana.toml`` (plans from the file, no database);
3. ``footcore exercises`` (the catalogue: no database, no planner, no pydantic);
4. ``footcore --version`` (the floor: the interpreter and footcore's version, answered before
   Typer loads);
5. case 1 again without bytecode for footcore's own modules (a copy of ``src/`` first on
   ``PYTHONPATH``), to show what compiling them buys;
6. ``footcore today`` for an athlete in use: the programme started six days ago and a
   morning session is logged on each day since (``footcore log session``), so the freshness
   check reads finished sessions and loads the catalogue to weigh them, as it does for
   anyone who trains.

Cases 1-3 run in the environment ``./dev`` leaves: the dependencies installed with
``--compile-bytecode`` and footcore's own modules (an editable install) compiled with
``compileall``, which this script runs again first so that an edit since does not count;
``PYTHONDONTWRITEBYTECODE=1`` (this container's default) stays as it is.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchlib import ROOT, Machine, percentile

TARGET_S = 0.3


@dataclass(frozen=True)
class Case:
    key: str
    label: str
    median_s: float
    p95_s: float
    min_s: float
    runs: int


def footcore_bin() -> str:
    found = Path(sys.executable).with_name("footcore")
    if found.exists():
        return str(found)
    which = shutil.which("footcore")
    if which is None:
        raise SystemExit("footcore is not installed in this environment (uv sync first)")
    return which


def compile_own_modules() -> None:
    """Bytecode for footcore's own modules, as ``./dev`` makes it after ``uv sync``."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "src")],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def hyperfine(command: str, env: dict[str, str], runs: int) -> list[float]:
    """Wall times (s) of ``runs`` runs of ``command`` after 3 warm-ups."""
    if shutil.which("hyperfine") is None:
        raise SystemExit("hyperfine is needed (Debian: apt-get install hyperfine)")
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(
            [
                "hyperfine",
                "--warmup",
                "3",
                "--runs",
                str(runs),
                "--shell=none",
                "--export-json",
                out.name,
                "--output=null",
                command,
            ],
            env=env,
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        data = json.loads(Path(out.name).read_text())
    times: list[float] = data["results"][0]["times"]
    return times


def set_up_athlete_in_use(exe: str, profile: Path, env: dict[str, str]) -> None:
    """An athlete whose programme started six days ago, with a morning session logged on each
    of those days; ``today`` runs once afterwards so that its snapshot is current."""
    today = dt.date.today()
    start = today - dt.timedelta(days=6)

    def footcore(*args: str) -> None:
        subprocess.run([exe, *args], env=env, check=True, stdout=subprocess.DEVNULL)

    footcore("init", "--profile", str(profile), "--start", start.isoformat())
    for n in range(6):
        day = (start + dt.timedelta(days=n)).isoformat()
        footcore("log", "session", "morning", "--date", day, "--difficulty", "3", "--pain", "1")
    footcore("today")


def case(key: str, label: str, times: Sequence[float]) -> Case:
    return Case(
        key=key,
        label=label,
        median_s=percentile(times, 0.5),
        p95_s=percentile(times, 0.95),
        min_s=min(times),
        runs=len(times),
    )


def measure(runs: int) -> list[Case]:
    exe = footcore_bin()
    ana = ROOT / "examples" / "ana.toml"
    out: list[Case] = []
    compile_own_modules()
    with tempfile.TemporaryDirectory(prefix="footcore-cli-bench-") as tmp:
        env = {**os.environ, "FOOTCORE_DATA_DIR": tmp}
        env.pop("FOOTCORE_DATABASE_URL", None)
        subprocess.run(
            [exe, "init", "--profile", str(ana)],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        subprocess.run([exe, "today"], env=env, check=True, stdout=subprocess.DEVNULL)
        out.append(
            case(
                "stored",
                "`footcore today` (stored athlete, SQLite)",
                hyperfine(f"{exe} today", env, runs),
            )
        )
        out.append(
            case(
                "profile",
                "`footcore today --profile examples/ana.toml`",
                hyperfine(f"{exe} today --profile {ana}", env, runs),
            )
        )
        out.append(
            case(
                "exercises",
                "`footcore exercises` (the catalogue, no database)",
                hyperfine(f"{exe} exercises", env, runs),
            )
        )
        out.append(
            case(
                "version",
                "`footcore --version` (floor: the interpreter, no Typer)",
                hyperfine(f"{exe} --version", env, runs),
            )
        )
        used = Path(tmp) / "used"
        used.mkdir()
        used_env = {**env, "FOOTCORE_DATA_DIR": str(used)}
        set_up_athlete_in_use(exe, ana, used_env)
        out.append(
            case(
                "stored-used",
                "`footcore today` (stored athlete, six days of sessions logged)",
                hyperfine(f"{exe} today", used_env, runs),
            )
        )
        source = Path(tmp) / "src"
        shutil.copytree(ROOT / "src", source, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        uncompiled = {**env, "PYTHONPATH": str(source), "PYTHONDONTWRITEBYTECODE": "1"}
        out.append(
            case(
                "stored-uncompiled",
                "`footcore today` (stored), footcore's own modules without bytecode",
                hyperfine(f"{exe} today", uncompiled, runs),
            )
        )
    return out


def markdown(cases: Sequence[Case], machine: Machine, runs: int) -> str:
    by = {c.key: c for c in cases}
    stored = by["stored"]
    lines = [
        "## CLI cold start (`benchmarks/bench_cli.py`)",
        "",
        f"Target: `footcore today` from a cold start under {TARGET_S} s wall time.",
        "",
        "```sh",
        "uv run python benchmarks/bench_cli.py             # --runs 30",
        "```",
        "",
        "Method: hyperfine (Debian), a fresh process per run, 3 warm-ups then "
        f"{runs} runs; the stored athlete is set up once with `footcore init --profile "
        "examples/ana.toml` in a temporary `FOOTCORE_DATA_DIR` (SQLite). The environment is "
        "as `./dev` leaves it: dependencies installed with `--compile-bytecode`, footcore "
        "itself an editable install whose modules `compileall` compiled (the script runs it "
        "first), and `PYTHONDONTWRITEBYTECODE=1` (the container's default); the parsed "
        "catalogue is kept in the user's cache directory as the CLI keeps it (the warm-ups "
        "make it). The athlete in use has its own directory: `init --start` six days back "
        "and `footcore log session morning` on each day since. The last row runs a copy of "
        "`src/` without bytecode, compiled again on every start.",
        "",
        f"Machine: {machine.markdown()}.",
        "",
        "| command | median | p95 | min |",
        "|---|---|---|---|",
    ]
    for c in cases:
        lines.append(
            f"| {c.label} | {c.median_s * 1000:.0f} ms | {c.p95_s * 1000:.0f} ms | "
            f"{c.min_s * 1000:.0f} ms |"
        )
    lines += ["", "| target | measured | verdict |", "|---|---|---|"]
    verdicts = [(stored, "stored")]
    if "stored-used" in by:
        verdicts.append((by["stored-used"], "stored, in use,"))
    for c, what in verdicts:
        met = c.median_s < TARGET_S
        lines.append(
            f"| {what} `footcore today` under {TARGET_S} s | median {c.median_s:.2f} s, "
            f"p95 {c.p95_s:.2f} s | {'met' if met else '**missed**'} |"
        )
    return "\n".join(lines) + "\n"


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=30, help="timed runs per command")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    if args.runs < 2:
        parser.error("--runs must be at least 2")
    return args


def run(args: argparse.Namespace) -> str:
    machine = Machine()
    cases = measure(args.runs)
    machine.finish()
    if args.json:
        args.json.write_text(json.dumps([c.__dict__ for c in cases], indent=2))
    return markdown(cases, machine, args.runs)


def main(argv: Sequence[str] | None = None) -> None:
    print(run(parse_args(argv)))


if __name__ == "__main__":
    main()

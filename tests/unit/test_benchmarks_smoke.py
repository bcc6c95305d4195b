"""The benchmark scripts import and parse their arguments (they are never run by the tests;
speed is measured by ``benchmarks/run_all.py``, not asserted here)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH_DIR = Path(__file__).resolve().parents[2] / "benchmarks"


def bench(name: str) -> ModuleType:
    if str(BENCH_DIR) not in sys.path:
        sys.path.insert(0, str(BENCH_DIR))
    return importlib.import_module(name)


def test_the_http_benchmark_defaults_to_both_engines_for_ten_seconds() -> None:
    args = bench("bench_http").parse_args([])
    assert args.engines == ["sqlite", "postgresql"]
    assert args.duration == 10.0


def test_the_http_benchmark_refuses_an_unknown_engine() -> None:
    with pytest.raises(SystemExit):
        bench("bench_http").parse_args(["--engines", "sqlite,mysql"])


def test_the_scale_benchmark_defaults_to_ten_thousand_athletes_and_a_200_member_group() -> None:
    args = bench("bench_scale").parse_args([])
    assert (args.athletes, args.group, args.sample) == (10_000, 200, 200)


def test_the_scale_benchmark_refuses_a_group_larger_than_the_athletes() -> None:
    with pytest.raises(SystemExit):
        bench("bench_scale").parse_args(["--athletes", "10", "--group", "20"])


def test_the_cli_benchmark_needs_at_least_two_runs() -> None:
    assert bench("bench_cli").parse_args(["--runs", "7"]).runs == 7
    with pytest.raises(SystemExit):
        bench("bench_cli").parse_args(["--runs", "1"])


def test_the_planner_benchmark_keeps_its_defaults() -> None:
    args = bench("bench_planner").parse_args([])
    assert (args.runs, args.profiles) == (200, 1000)


def test_run_all_knows_every_benchmark_and_refuses_others() -> None:
    run_all = bench("run_all")
    assert run_all.parse_args(["--only", "planner,scale"]).only == ["planner", "scale"]
    with pytest.raises(SystemExit):
        run_all.parse_args(["--only", "planner,disk"])


def test_run_all_keeps_the_sections_it_does_not_run() -> None:
    run_all = bench("run_all")
    text = "# Benchmarks\n\n## CLI cold start (x)\n\nold cli\n\n## HTTP API (y)\n\nold http\n"
    sections = run_all._sections(text)
    assert sections == {
        "cli": "## CLI cold start (x)\n\nold cli\n",
        "http": "## HTTP API (y)\n\nold http\n",
    }


def test_the_scale_report_trims_plans_to_scans_and_times() -> None:
    plan = [
        "Sort  (cost=1..2)",
        "  Sort Key: date",
        "  ->  Index Scan using ix_runs_athlete_id_date on runs  (cost=0.29..102.14)",
        "        Index Cond: (athlete_id = 56)",
        "Planning Time: 0.1 ms",
        "Execution Time: 0.045 ms",
    ]
    assert bench("bench_scale").trim(plan) == [
        "Sort  (cost=1..2)",
        "  Sort Key: date",
        "  ->  Index Scan using ix_runs_athlete_id_date on runs  (cost=0.29..102.14)",
        "        Index Cond: (athlete_id = 56)",
        "Execution Time: 0.045 ms",
    ]


def test_the_pdf_benchmark_times_seven_runs_and_needs_at_least_one() -> None:
    assert bench("bench_pdf").parse_args([]).runs == 7
    with pytest.raises(SystemExit):
        bench("bench_pdf").parse_args(["--runs", "0"])

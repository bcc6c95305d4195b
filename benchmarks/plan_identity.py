"""Plan identity: a SHA-256 of every plan of a fixed set of inputs, to show that a change to
the planner (a speed-up, a refactoring) leaves every plan byte-identical.

Run (from the repository root)::

    uv run python benchmarks/plan_identity.py --save /tmp/plans-before.txt   # before a change
    uv run python benchmarks/plan_identity.py --check /tmp/plans-before.txt  # after it

The inputs, 16-week plans all (seeded: the same every run):

* each ``examples/*.toml`` and ``examples/*.json`` profile, from a Monday, alone, with a
  self-test report, with adaptation adjustments and with both;
* ``--profiles`` (300) random valid profiles (``bench_planner.random_profile``, seed 14):
  each alone from a Monday, then with a random start weekday and, drawn per profile, a
  self-test report (focus areas, fall-risk / see-clinician / stop-acute flags), adjustments
  (chain offsets, unlocked level, level week, pain, a cramp, recorded runs) or both.

Each plan is hashed as the JSON the CLI's ``plan --json`` writes (``plan_to_dict``, keys in
their own order). ``--save`` writes one ``name sha256`` line per plan; ``--check`` compares
with such a file, lists every plan that differs and exits 1 when any does. Without either it
prints the combined hash. It reads only the public planner API, so the same script can check
an older checkout (run it with that checkout's environment).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import sys
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench_planner import random_profile
from benchlib import ROOT
from footcore.catalogue.loader import builtin_catalogue
from footcore.domain.exercise import Catalogue
from footcore.domain.planning import Adjustments, generate_plan, plan_to_dict
from footcore.domain.profile import Profile, parse_profile
from footcore.domain.vocab import Category, Goal, RunKind

START = dt.date(2027, 1, 4)  # a Monday
WEEKS = 16
SEED = 14


@dataclass(frozen=True)
class Focus:
    area: str
    reason: str


@dataclass(frozen=True)
class Flag:
    code: str
    message: str


@dataclass(frozen=True)
class Report:
    focus: tuple[Focus, ...]
    flags: tuple[Flag, ...]


@dataclass(frozen=True)
class Case:
    name: str
    profile: Profile
    start: dt.date
    report: Report | None = None
    adjustments: Adjustments | None = None


def random_report(rng: random.Random) -> Report:
    areas = [*Category.slugs(), *Goal.slugs()]
    focus = tuple(Focus(rng.choice(areas), "a self-test result") for _ in range(rng.randint(0, 3)))
    codes = rng.sample(["fall-risk", "see-clinician", "stop-acute"], rng.randint(0, 2))
    return Report(focus, tuple(Flag(c, "a self-test flag") for c in codes))


def random_adjustments(rng: random.Random, catalogue: Catalogue, start: dt.date) -> Adjustments:
    chains = sorted(catalogue.chains())
    offsets = {c: rng.randint(-3, 3) for c in rng.sample(chains, rng.randint(0, 4))}
    runs = {
        start + dt.timedelta(days=rng.randint(0, 6 * 7)): rng.choice(list(RunKind))
        for _ in range(rng.randint(0, 10))
    }
    return Adjustments(
        chain_offsets=offsets,
        unlocked_level=rng.choice([None, rng.randint(1, 6)]),
        level_week=rng.choice([None, rng.randint(1, 20)]),
        cramp_free_post_run=rng.random() < 0.3,
        pain_nrs=rng.choice([None, rng.randint(0, 10)]),
        recorded_runs=runs,
    )


def example_profiles() -> Iterator[tuple[str, Profile]]:
    for path in sorted((ROOT / "examples").iterdir()):
        if path.suffix == ".toml":
            yield path.name, parse_profile(tomllib.loads(path.read_text()))
        elif path.suffix == ".json":
            yield path.name, parse_profile(json.loads(path.read_text()))


def cases(catalogue: Catalogue, profiles_n: int) -> Iterator[Case]:
    rng = random.Random(SEED)
    for name, profile in example_profiles():
        report = random_report(rng)
        adj = random_adjustments(rng, catalogue, START)
        yield Case(name, profile, START)
        yield Case(f"{name}+report", profile, START, report=report)
        yield Case(f"{name}+adjustments", profile, START, adjustments=adj)
        yield Case(f"{name}+both", profile, START, report=report, adjustments=adj)
    for i in range(profiles_n):
        profile = random_profile(rng)
        yield Case(f"random-{i}", profile, START)
        start = START + dt.timedelta(days=rng.randint(0, 6))
        variant = rng.choice(["report", "adjustments", "both"])
        with_report = random_report(rng) if variant != "adjustments" else None
        with_adj = random_adjustments(rng, catalogue, start) if variant != "report" else None
        yield Case(f"random-{i}+{variant}", profile, start, with_report, with_adj)


def plan_hash(case: Case, catalogue: Catalogue) -> str:
    plan = generate_plan(case.profile, catalogue, case.start, WEEKS, case.report, case.adjustments)
    text = json.dumps(plan_to_dict(plan), ensure_ascii=False, indent=2)
    return hashlib.sha256(text.encode()).hexdigest()


def hashes(profiles_n: int) -> dict[str, str]:
    catalogue = builtin_catalogue()
    return {c.name: plan_hash(c, catalogue) for c in cases(catalogue, profiles_n)}


def combined(found: dict[str, str]) -> str:
    return hashlib.sha256("".join(f"{k} {v}\n" for k, v in found.items()).encode()).hexdigest()


def check(found: dict[str, str], path: Path) -> int:
    before = dict(line.split() for line in path.read_text().splitlines() if line.strip())
    differ = [k for k in before.keys() | found.keys() if before.get(k) != found.get(k)]
    for name in sorted(differ):
        print(f"DIFFERS: {name}")
    print(f"{len(found)} plans, {len(differ)} differ; combined {combined(found)}")
    return 1 if differ else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--profiles", type=int, default=300)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--save", type=Path, metavar="FILE")
    group.add_argument("--check", type=Path, metavar="FILE")
    args: Any = parser.parse_args(argv)
    found = hashes(args.profiles)
    if args.check is not None:
        return check(found, args.check)
    if args.save is not None:
        args.save.write_text("".join(f"{k} {v}\n" for k, v in found.items()))
    print(f"{len(found)} plans; combined {combined(found)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

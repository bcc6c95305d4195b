"""Seeded fuzzing of the files people hand to footcore (issue 20): mutated run files and
profiles must be read or refused in words (a FootcoreError, a refused file), never raise
anything else. Bounded: a few hundred mutants each, seconds in all; the seeds make every
run the same, so a failure here is reproducible."""

from __future__ import annotations

import copy
import datetime as dt
import random
import re
from collections.abc import Iterator
from typing import Any

import pytest

from footcore.catalogue.loader import builtin_catalogue
from footcore.domain.errors import FootcoreError
from footcore.domain.planning import generate_plan
from footcore.domain.profile import parse_profile
from footcore.io.runfiles import read_run_file
from tests.support.profiles import ana

from .runfile_samples import fit_run, gpx_run, tcx_run

MUTANTS = 300
#: What a crafted file puts where a number or a date was.
TOKENS = (
    b"inf",
    b"-inf",
    b"nan",
    b"1e999",
    b"-1",
    b"0",
    b"9999",
    b"0001",
    b"99999999999999999999",
    b"",
    b"\x00",
    b"-23:59",
    b"<",
    b"\xff\xfe",
)


def _mutate(rng: random.Random, data: bytes) -> bytes:
    out = data
    for _ in range(rng.randint(1, 4)):
        roll = rng.random()
        if roll < 0.3:
            i = rng.randrange(len(out))
            out = out[:i] + bytes([rng.randrange(256)]) + out[i + 1 :]
        elif roll < 0.45:
            out = out[: rng.randrange(1, len(out))]
        else:
            spans = [m.span() for m in re.finditer(rb"\d+(?:\.\d+)?", out)]
            if spans:
                start, end = rng.choice(spans)
                out = out[:start] + rng.choice(TOKENS) + out[end:]
    return out or b" "


@pytest.mark.parametrize("seed", [1, 2])
def test_mutated_run_files_are_read_or_refused_never_raised(seed: int) -> None:
    rng = random.Random(seed)
    samples = {
        "gpx": gpx_run(km=3, minutes=18),
        "tcx": tcx_run(km=3, minutes=18),
        "fit": fit_run(km=3, minutes=18),
        "csv": b"date,distance_km,moving_time,type\n2026-11-01,5,0:30:00,Run\n"
        b"2026-11-03,8,0:45:00,Run\n",
    }
    for n in range(MUTANTS):
        fmt = rng.choice(sorted(samples))
        data = _mutate(rng, samples[fmt])
        result = read_run_file(f"mutant-{n}.{fmt}", data)  # must not raise
        assert (result.error is None) or (result.runs == []), n
        for run in result.runs:
            assert run.km >= 0
            assert run.moving_minutes > 0
            assert dt.date(1990, 1, 1) <= run.date <= dt.date(2100, 12, 31)


PROFILE: dict[str, Any] = ana(
    equipment=["towel", "ball"],
    slots=["morning", "desk", "pre-run", "post-run"],
    running={"days": ["tue", "thu", "sun"], "long_run_day": "sun", "hard_days": ["tue"]},
    slot_times={"morning": "07:00"},
    time_zone="Europe/Lisbon",
)
ODD_VALUES: tuple[Any, ...] = (
    None,
    True,
    -1,
    0,
    2**63,
    1e308,
    float("inf"),
    float("nan"),
    "",
    "x" * 10_000,
    "\x00",
    [],
    {},
    [[[]]],
    "25:99",
    "Mars/Olympus",
    3.5,
    ["mon"] * 50,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, inner in items:
        yield (*prefix, key)
        if isinstance(inner, dict | list):
            yield from _paths(inner, (*prefix, key))


@pytest.mark.parametrize("seed", [1, 2])
def test_mutated_profiles_are_planned_or_refused_in_words(seed: int) -> None:
    """Found a profile whose 10,000-character time zone raised OSError (file name too long)."""
    rng = random.Random(seed)
    catalogue = builtin_catalogue()
    for _ in range(MUTANTS):
        data = copy.deepcopy(PROFILE)
        for _ in range(rng.randint(1, 3)):
            path = rng.choice(list(_paths(data)) or [("name",)])
            target: Any = data
            for key in path[:-1]:
                target = target[key]
            if isinstance(target, dict) and rng.random() < 0.2:
                del target[path[-1]]
            else:
                target[path[-1]] = copy.deepcopy(rng.choice(ODD_VALUES))
        try:
            profile = parse_profile(data)
        except FootcoreError:
            continue
        generate_plan(profile, catalogue, dt.date(2027, 1, 4), 2)  # must not raise

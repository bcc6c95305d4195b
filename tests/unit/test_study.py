"""Stratified block randomisation and the hash-chained allocation log."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest

from footcore.domain import study
from footcore.domain.study import Enrolled, allocate, block_sequence, next_entry, verify_log

ARMS = ("A", "B")
AT = dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC)


def test_strata_split_weekly_km_in_three_bands_by_previous_injury() -> None:
    assert study.stratum(0, False) == "under-20-km/not-injured-before"
    assert study.stratum(19.9, True) == "under-20-km/injured-before"
    assert study.stratum(20, True) == "20-39-km/injured-before"
    assert study.stratum(40, False) == "40-km-plus/not-injured-before"
    assert len(study.strata()) == 6
    with pytest.raises(ValueError, match="negative"):
        study.km_band(-1)


def test_every_complete_block_holds_each_arm_equally() -> None:
    seq = block_sequence(7, "20-39-km/injured-before", ("A", "B", "C"), 300)
    # Blocks are 3 or 6 long: the counts never drift far apart, and they are equal
    # again at least every 6 places.
    counts = dict.fromkeys("ABC", 0)
    equal_at = []
    for i, arm in enumerate(seq, start=1):
        counts[arm] += 1
        assert max(counts.values()) - min(counts.values()) <= 4
        if len(set(counts.values())) == 1:
            equal_at.append(i)
    gaps = [b - a for a, b in zip([0, *equal_at], equal_at, strict=False)]
    assert max(gaps) <= 6


def test_the_same_seed_gives_the_same_allocation_and_another_seed_another() -> None:
    people = [Enrolled(f"P{i}", study.stratum(i % 50, i % 3 == 0)) for i in range(60)]
    first = allocate(42, ARMS, {}, people)
    assert first == allocate(42, ARMS, {}, people)
    assert [a for _, a in first] != [a for _, a in allocate(43, ARMS, {}, people)]


def test_allocating_in_two_batches_equals_allocating_at_once() -> None:
    people = [Enrolled(f"P{i}", study.stratum(i * 7 % 60, i % 2 == 0)) for i in range(40)]
    at_once = allocate(5, ARMS, {}, people)
    first = allocate(5, ARMS, {}, people[:25])
    taken: dict[str, int] = {}
    for p, _ in first:
        taken[p.stratum] = taken.get(p.stratum, 0) + 1
    later = allocate(5, ARMS, taken, people[25:])
    assert first + later == at_once


def test_arms_stay_balanced_within_each_stratum() -> None:
    rng = random.Random(1)
    people = [
        Enrolled(f"P{i}", study.stratum(rng.uniform(5, 70), rng.random() < 0.3)) for i in range(200)
    ]
    result = allocate(2027, ARMS, {}, people)
    per: dict[str, dict[str, int]] = {}
    for p, arm in result:
        per.setdefault(p.stratum, {"A": 0, "B": 0})[arm] += 1
    for counts in per.values():
        assert abs(counts["A"] - counts["B"]) <= 2  # at most half a block of four apart


def _log(n: int) -> list[study.LogEntry]:
    people = [Enrolled(f"P{i:03}", study.stratum(i * 5 % 60, i % 4 == 0)) for i in range(n)]
    entries: list[study.LogEntry] = []
    for p, arm in allocate(99, ARMS, {}, people):
        prev = entries[-1] if entries else None
        entries.append(next_entry(1, prev, code=p.code, name=p.stratum, arm=arm, at=AT))
    return entries


def test_an_intact_log_verifies() -> None:
    check = verify_log(1, 99, ARMS, _log(12))
    assert check.ok
    assert check.entries == 12
    assert check.problems == ()


def test_a_changed_arm_breaks_the_chain_and_the_replay() -> None:
    log = _log(12)
    log[4] = dataclasses.replace(log[4], arm="B" if log[4].arm == "A" else "A")
    check = verify_log(1, 99, ARMS, log)
    assert not check.chain_intact
    assert not check.reproducible
    assert "entry 5 was changed after it was written" in check.problems


def test_a_removed_entry_is_found() -> None:
    log = _log(6)
    del log[2]
    check = verify_log(1, 99, ARMS, log)
    assert not check.chain_intact
    assert any("entry 3 is missing" in p for p in check.problems)


def test_an_entry_rewritten_with_a_fresh_hash_still_fails_the_seed() -> None:
    log = _log(8)
    e = log[-1]
    arm = "B" if e.arm == "A" else "A"
    forged = next_entry(1, log[-2], code=e.code, name=e.stratum, arm=arm, at=e.at)
    check = verify_log(1, 99, ARMS, [*log[:-1], forged])
    assert check.chain_intact  # a consistent forgery of the last entry...
    assert not check.reproducible  # ...is still caught by the seed


def test_balance_reports_counts_km_and_previous_injury_per_arm() -> None:
    b = study.balance(ARMS, [("A", 10, True), ("A", 30, False), ("B", 12, False)])
    d = b.to_dict()
    assert d["n"] == {"A": 2, "B": 1}
    assert d["mean_weekly_km"] == {"A": 20.0, "B": 12.0}
    assert d["injured_before_pct"] == {"A": 50.0, "B": 0.0}
    assert d["per_stratum"]["under-20-km/injured-before"] == {"A": 1, "B": 0}
    assert b.largest_difference == 1

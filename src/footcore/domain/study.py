"""A club study: strata, stratified block randomisation with a seed, and an allocation log
whose entries are chained by hashes, so that any later edit shows.

- **Strata**: weekly running distance (three bands) by previous running injury (yes/no).
- **Randomisation**: within each stratum, permuted blocks; each block holds every arm the
  same number of times, and its size is chosen at random (one or two rounds of the arms),
  so the next allocation cannot be guessed from the ones before. Everything comes from the
  study's seed: the n-th person of a stratum always gets the n-th place of that stratum's
  list, so anyone with the seed and the order of enrolment can repeat the allocation.
- **Allocation log**: one entry per allocation, in order; each entry's hash covers its own
  content and the previous entry's hash (SHA-256). :func:`verify_log` recomputes the chain
  and the allocation from the seed, and says where they disagree.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from footcore.domain.phrases import Said

#: Weekly running distance bands (km): [0, 20), [20, 40), [40, inf).
KM_BANDS: tuple[tuple[float, float | None, str], ...] = (
    (0.0, 20.0, "under-20-km"),
    (20.0, 40.0, "20-39-km"),
    (40.0, None, "40-km-plus"),
)

GENESIS = "0" * 64
MIN_ARMS = 2
MAX_ARMS = 4


def km_band(weekly_km: float) -> str:
    if weekly_km < 0:
        raise ValueError("weekly distance cannot be negative")
    for low, high, name in KM_BANDS:
        if weekly_km >= low and (high is None or weekly_km < high):
            return name
    raise AssertionError("the bands cover every distance")


def stratum(weekly_km: float, previous_injury: bool) -> str:
    """The stratum a participant is randomised in, e.g. ``20-39-km/injured-before``."""
    return f"{km_band(weekly_km)}/{'injured-before' if previous_injury else 'not-injured-before'}"


# A stratum as people read it (English shapes; babel.cfg hands these names to the
# extraction: footcore.domain.phrases).
BAND_UNDER_20 = "under 20 km"
BAND_20_39 = "20-39 km"
BAND_40_PLUS = "40 km or more"
STRATUM_INJURED = "%(band)s, injured before"
STRATUM_NOT_INJURED = "%(band)s, not injured before"
_BAND_LABELS = {
    "under-20-km": BAND_UNDER_20,
    "20-39-km": BAND_20_39,
    "40-km-plus": BAND_40_PLUS,
}
_INJURY_LABELS = {"injured-before": STRATUM_INJURED, "not-injured-before": STRATUM_NOT_INJURED}


def stratum_label(name: str) -> str:
    """``20-39-km/injured-before`` as people read it: ``20-39 km, injured before`` (a
    :class:`~footcore.domain.phrases.Said`, for another language)."""
    band, _, injury = name.partition("/")
    band_said = Said.of(_BAND_LABELS[band]) if band in _BAND_LABELS else band
    shape = _INJURY_LABELS.get(injury)
    if shape is None:
        return f"{band_said}, {injury.replace('-', ' ')}"
    return Said.of(shape, band=band_said)


def strata() -> tuple[str, ...]:
    return tuple(
        f"{name}/{injury}"
        for _, _, name in KM_BANDS
        for injury in ("injured-before", "not-injured-before")
    )


def _stratum_rng(seed: int, name: str) -> random.Random:
    # A stable integer from the seed and the stratum name (``hash()`` of a str changes
    # between processes).
    digest = hashlib.sha256(f"{seed}:{name}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def block_sequence(seed: int, name: str, arms: Sequence[str], length: int) -> list[str]:
    """The first ``length`` allocations of stratum ``name``: permuted blocks of one or two
    rounds of ``arms``, each shuffled, all from the seed."""
    if len(arms) < MIN_ARMS:
        raise ValueError("a study needs at least two arms")
    rng = _stratum_rng(seed, name)
    out: list[str] = []
    while len(out) < length:
        rounds = rng.choice((1, 2))
        block = [arm for _ in range(rounds) for arm in arms]
        rng.shuffle(block)
        out.extend(block)
    return out[:length]


@dataclass(frozen=True)
class Enrolled:
    """A participant to allocate: their study code and their stratum."""

    code: str
    stratum: str


def allocate(
    seed: int, arms: Sequence[str], already: Mapping[str, int], people: Iterable[Enrolled]
) -> list[tuple[Enrolled, str]]:
    """Arms for ``people`` in order, given how many each stratum has had already."""
    taken = dict(already)
    out: list[tuple[Enrolled, str]] = []
    for person in people:
        n = taken.get(person.stratum, 0)
        arm = block_sequence(seed, person.stratum, arms, n + 1)[n]
        taken[person.stratum] = n + 1
        out.append((person, arm))
    return out


@dataclass(frozen=True)
class LogEntry:
    """One line of the allocation log."""

    seq: int
    code: str
    stratum: str
    arm: str
    at: dt.datetime
    prev_hash: str
    hash: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "code": self.code,
            "stratum": self.stratum,
            "arm": self.arm,
            "at": self.at.isoformat(),
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }


def entry_hash(
    study: int, seq: int, *, code: str, stratum: str, arm: str, at: dt.datetime, prev_hash: str
) -> str:
    text = "|".join(
        (str(study), str(seq), code, stratum, arm, at.astimezone(dt.UTC).isoformat(), prev_hash)
    )
    return hashlib.sha256(text.encode()).hexdigest()


def next_entry(
    study: int, previous: LogEntry | None, *, code: str, name: str, arm: str, at: dt.datetime
) -> LogEntry:
    seq = previous.seq + 1 if previous else 1
    prev = previous.hash if previous else GENESIS
    return LogEntry(
        seq,
        code,
        name,
        arm,
        at,
        prev,
        entry_hash(study, seq, code=code, stratum=name, arm=arm, at=at, prev_hash=prev),
    )


@dataclass(frozen=True)
class LogCheck:
    entries: int
    chain_intact: bool
    reproducible: bool
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return self.chain_intact and self.reproducible

    def to_dict(self) -> dict[str, Any]:
        return {
            "entries": self.entries,
            "chain_intact": self.chain_intact,
            "reproducible_from_seed": self.reproducible,
            "problems": list(self.problems),
        }


def verify_log(study: int, seed: int, arms: Sequence[str], log: Sequence[LogEntry]) -> LogCheck:
    """Recompute every hash of the chain and every allocation from the seed."""
    problems: list[str] = []
    prev = GENESIS
    chain = True
    for i, e in enumerate(sorted(log, key=lambda e: e.seq), start=1):
        if e.seq != i:
            problems.append(f"entry {i} is missing (the next one is numbered {e.seq})")
            chain = False
        if e.prev_hash != prev:
            problems.append(f"entry {e.seq} does not follow the entry before it")
            chain = False
        if e.hash != entry_hash(
            study, e.seq, code=e.code, stratum=e.stratum, arm=e.arm, at=e.at, prev_hash=e.prev_hash
        ):
            problems.append(f"entry {e.seq} was changed after it was written")
            chain = False
        prev = e.hash
    replay = allocate(seed, arms, {}, (Enrolled(e.code, e.stratum) for e in log))
    reproducible = True
    for e, (_, arm) in zip(sorted(log, key=lambda e: e.seq), replay, strict=True):
        if e.arm != arm:
            problems.append(f"entry {e.seq}: the seed gives arm {arm}, the log says {e.arm}")
            reproducible = False
    return LogCheck(len(log), chain, reproducible, tuple(problems))


@dataclass(frozen=True)
class Balance:
    """How the arms compare at baseline: counts per stratum, mean weekly km, share
    injured before."""

    arms: tuple[str, ...]
    per_stratum: Mapping[str, Mapping[str, int]]
    n: Mapping[str, int]
    mean_km: Mapping[str, float | None]
    injured_before: Mapping[str, int]

    def to_dict(self) -> dict[str, Any]:
        return {
            "arms": list(self.arms),
            "n": dict(self.n),
            "per_stratum": {s: dict(v) for s, v in self.per_stratum.items()},
            "mean_weekly_km": dict(self.mean_km),
            "injured_before": dict(self.injured_before),
            "injured_before_pct": {
                a: round(100 * self.injured_before[a] / self.n[a], 1) if self.n[a] else None
                for a in self.arms
            },
            "largest_stratum_difference": self.largest_difference,
        }

    @property
    def largest_difference(self) -> int:
        """The largest gap between two arms' counts within one stratum."""
        gaps = [max(v.values()) - min(v.values()) for v in self.per_stratum.values() if v]
        return max(gaps, default=0)


def balance(arms: Sequence[str], people: Iterable[tuple[str, float, bool]]) -> Balance:
    """From (arm, weekly km, injured before) per allocated participant."""
    per: dict[str, dict[str, int]] = {s: dict.fromkeys(arms, 0) for s in strata()}
    n = dict.fromkeys(arms, 0)
    km: dict[str, list[float]] = {a: [] for a in arms}
    injured = dict.fromkeys(arms, 0)
    for arm, weekly_km, before in people:
        per[stratum(weekly_km, before)][arm] += 1
        n[arm] += 1
        km[arm].append(weekly_km)
        injured[arm] += 1 if before else 0
    means = {a: round(sum(v) / len(v), 1) if v else None for a, v in km.items()}
    return Balance(tuple(arms), per, n, means, injured)

"""Runs as read from watch and phone files, and which kind each one is: easy, long or hard.

A :class:`RunRecord` is a pure record of one run (``footcore.io.runfiles`` reads them from
GPX, TCX, FIT and CSV files); the run import (``footcore.services.imports``) classifies each
against the athlete's runs of the weeks before it.

:func:`classify` decides whether a run is easy, long or hard (documented in docs/exports.md):

- **long**: distance >= max(1.5 x the athlete's typical run, 15 km), or moving time >= 90
  minutes, or a type or name saying "long". The typical run is the median distance of the
  runs in the 28 days before (at least 3 runs; with fewer, only the 15 km and 90 minute
  limits apply).
- **hard**: a type or name saying race, interval(s), tempo, threshold, fartlek, track, reps
  or parkrun; or an average heart rate at or above 85% of the age-predicted maximum
  (208 - 0.7 x age, Tanaka 2001); or an average pace at least 10% faster than the athlete's
  usual pace (the median pace of the runs in the 28 days before, at least 3 runs) on a run of
  3 km or more.
- A run that is both long and hard is **long**: the planner's post-run rules for long runs
  (no deep stretching or cramp-prone work after them) are the stricter ones.
- Everything else is **easy**.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from footcore.domain.phrases import Figure, Said

LONG_FLOOR_KM = 15.0
LONG_FACTOR = 1.5
LONG_MINUTES = 90.0
HISTORY_DAYS = 28
MIN_HISTORY_RUNS = 3
HARD_HR_FRACTION = 0.85
HARD_PACE_FACTOR = 0.90  # at least 10% faster (fewer minutes per km) than usual
HARD_PACE_MIN_KM = 3.0

HARD_WORDS = re.compile(
    r"\b(race|racing|interval|intervals|tempo|threshold|fartlek|track|reps|repeats|parkrun|"
    r"vo2|speedwork|speed work|10k race|5k race)\b",
    re.IGNORECASE,
)
LONG_WORDS = re.compile(r"\blong\b", re.IGNORECASE)


@dataclass(frozen=True)
class RunRecord:
    """One run as read from a file (times are aware, UTC, when the file gives a time)."""

    source: str  # the file's name
    fmt: str  # "gpx" | "tcx" | "fit" | "csv"
    date: dt.date
    km: float
    moving_minutes: float
    start: dt.datetime | None = None
    elapsed_minutes: float | None = None
    avg_hr: float | None = None
    max_hr: float | None = None
    sport: str = ""
    name: str = ""
    file_sha256: str = ""

    @property
    def pace(self) -> float | None:
        """Minutes per km, or None without distance."""
        return self.moving_minutes / self.km if self.km > 0 else None

    @property
    def fingerprint(self) -> str:
        """A stable identity of the run, the same whichever file or format it came in.

        A run with a start time is identified by its start (UTC, to the second): a watch's FIT
        file and the GPX an app exports of the same run share it. A CSV row without a time of
        day is identified by its date, distance (10 m) and moving time (second).
        """
        if self.start is not None:
            key = "start|" + self.start.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        else:
            key = (
                f"day|{self.date.isoformat()}|{round(self.km, 2):.2f}|"
                f"{round(self.moving_minutes * 60)}"
            )
        return "run-" + hashlib.sha256(key.encode()).hexdigest()[:40]


@dataclass(frozen=True)
class HistoryRun:
    """A run already known (stored or earlier in the same import), for classification."""

    date: dt.date
    km: float
    minutes: float


#: Why a run is long or hard, as an import reports it (shapes of
#: :class:`~footcore.domain.phrases.Said`: ``babel.cfg`` hands them to the extraction).
LONG_BY_KM = "%(km)s km is at least %(long)s km (%(basis)s)"
BASIS_TYPICAL = "1.5 x your typical %(typical)s km"
BASIS_FLOOR = "15 km"
LONG_BY_MINUTES = "%(minutes)s minutes is 90 minutes or more"
LONG_BY_NAME = "the activity is named a long run"
HARD_BY_WORD = "the activity says '%(word)s'"
HARD_BY_HEART_RATE = (
    "average heart rate %(rate)s is at least 85%% of the age-predicted maximum (%(limit)s)"
)
HARD_BY_PACE = "pace %(pace)s/km is 10%% or more faster than your usual %(usual)s/km"


@dataclass(frozen=True)
class Classification:
    kind: str  # "easy" | "long" | "hard"
    reasons: tuple[Said, ...]


def max_heart_rate(age: int) -> float:
    """Age-predicted maximum heart rate (Tanaka, Monahan and Seals 2001): 208 - 0.7 x age."""
    return 208.0 - 0.7 * age


def classify(
    run: RunRecord, history: Sequence[HistoryRun], age: int | None = None
) -> Classification:
    """Easy, long or hard, with the reasons (see the module text for the rules)."""
    since = run.date - dt.timedelta(days=HISTORY_DAYS)
    window = [h for h in history if since <= h.date < run.date]
    long_reasons: list[Said] = []
    hard_reasons: list[Said] = []
    words = f"{run.sport} {run.name}"
    typical = None
    if len(window) >= MIN_HISTORY_RUNS:
        typical = statistics.median(h.km for h in window)
    long_km = max(LONG_FLOOR_KM, LONG_FACTOR * typical) if typical else LONG_FLOOR_KM
    if run.km >= long_km:
        basis = (
            Said.of(BASIS_TYPICAL, typical=Figure(f"{typical:.1f}"))
            if typical and long_km > 15
            else Said.of(BASIS_FLOOR)
        )
        long_reasons.append(
            Said.of(
                LONG_BY_KM, km=Figure(f"{run.km:.1f}"), long=Figure(f"{long_km:.1f}"), basis=basis
            )
        )
    if run.moving_minutes >= LONG_MINUTES:
        long_reasons.append(Said.of(LONG_BY_MINUTES, minutes=f"{run.moving_minutes:.0f}"))
    if LONG_WORDS.search(words):
        long_reasons.append(Said.of(LONG_BY_NAME))
    match = HARD_WORDS.search(words)
    if match:
        hard_reasons.append(Said.of(HARD_BY_WORD, word=match.group(0).lower()))
    if run.avg_hr is not None and age is not None:
        limit = HARD_HR_FRACTION * max_heart_rate(age)
        if run.avg_hr >= limit:
            hard_reasons.append(
                Said.of(HARD_BY_HEART_RATE, rate=f"{run.avg_hr:.0f}", limit=f"{limit:.0f}")
            )
    paces = [h.minutes / h.km for h in window if h.km > 0]
    if run.pace is not None and run.km >= HARD_PACE_MIN_KM and len(paces) >= MIN_HISTORY_RUNS:
        usual = statistics.median(paces)
        if run.pace <= HARD_PACE_FACTOR * usual:
            hard_reasons.append(Said.of(HARD_BY_PACE, pace=_pace(run.pace), usual=_pace(usual)))
    if long_reasons:
        return Classification("long", tuple(long_reasons + hard_reasons))
    if hard_reasons:
        return Classification("hard", tuple(hard_reasons))
    return Classification("easy", ())


def _pace(minutes_per_km: float) -> str:
    whole = int(minutes_per_km)
    seconds = round((minutes_per_km - whole) * 60)
    if seconds == 60:
        whole, seconds = whole + 1, 0
    return f"{whole}:{seconds:02d}"

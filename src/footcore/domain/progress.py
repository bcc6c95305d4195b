"""Progress maths: adherence, streaks, weekly minutes, self-test trends and how runs felt
after foot work. Pure functions over plain records the services build from the logs.

Documented choices (docs/persistence.md):
- An exercise is done when all its planned sets were done in full; one skipped, stopped or
  cut short is not (its work still counts in the minutes done). A planned session counts as
  done when a session logged for the same date and slot has every one of its exercises done
  (:func:`session_complete`). Sessions planned for today count only once done, so the day in
  progress is never a miss.
- Weeks are the programme's weeks: seven days from its first day (the week "this week"
  means is the one Today shows). This week's counter counts every session the week plans,
  also those still to come.
- A streak is a run of days with at least one exercise done; a day with nothing planned
  neither breaks nor extends it, and today without foot work yet does not break it.
- Self-test trends list every scored value over time and judge first -> latest and
  previous -> latest with the self-tests' own smallest real changes (``assessments.compare``).
- Runs "after foot work" are runs on a day whose previous day had foot work logged; every
  other run is in the other group. Below ``MIN_RUNS_PER_GROUP`` runs in either group the
  comparison carries a plain warning that there are too few to say anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from footcore.domain.phrases import Figure, Said

if TYPE_CHECKING:  # the self-tests load with the trends that compare them, not for a session
    from footcore.domain.assessments import BatteryReport, Change

MIN_RUNS_PER_GROUP = 8

#: How runs felt after foot work, as the progress views say it (shapes of
#: :class:`~footcore.domain.phrases.Said`: ``babel.cfg`` hands them to the extraction).
RUNS_TOO_FEW = (
    "too few runs to say anything: %(after)s after foot work and %(other)s on other days; "
    "footcore compares once each group has at least %(least)s"
)
RUNS_SAME = (
    "runs after foot work (%(after)s) felt about the same as runs on other days (%(other)s); "
    "this is an observation of your own runs, not proof of cause"
)
RUNS_BETTER = (
    "runs after foot work (%(after)s) felt %(points)s points better on average than runs on "
    "other days (%(other)s); this is an observation of your own runs, not proof of cause"
)
RUNS_WORSE = (
    "runs after foot work (%(after)s) felt %(points)s points worse on average than runs on "
    "other days (%(other)s); this is an observation of your own runs, not proof of cause"
)
RUNS_LEFT_OUT_ONE = "%(comparison)s (%(n)s run without a felt score left out)"
RUNS_LEFT_OUT = "%(comparison)s (%(n)s runs without a felt score left out)"


@dataclass(frozen=True)
class PlannedSession:
    date: dt.date
    slot: str
    minutes: float


@dataclass(frozen=True)
class DoneSession:
    """A logged session: its minutes of work done, the exercises done in full, and whether
    that is every exercise the session planned."""

    date: dt.date
    slot: str
    minutes: float
    items_done: int
    complete: bool


def session_complete(planned_items: int, logged_items: int, items_done: int) -> bool:
    """A session is done when every exercise it planned was done in full: as many done as
    planned (or as were logged, when more were), and at least one."""
    return items_done > 0 and items_done >= max(planned_items, logged_items)


@dataclass(frozen=True)
class RunRecord:
    date: dt.date
    km: float
    minutes: float
    kind: str
    felt: int | None  # None: no score given (an imported run)


@dataclass(frozen=True)
class Adherence:
    planned_sessions: int
    done_sessions: int
    planned_minutes: float
    done_minutes: float

    @property
    def sessions_pct(self) -> float | None:
        if not self.planned_sessions:
            return None
        return round(100 * self.done_sessions / self.planned_sessions, 1)

    @property
    def minutes_pct(self) -> float | None:
        if not self.planned_minutes:
            return None
        return round(100 * self.done_minutes / self.planned_minutes, 1)


@dataclass(frozen=True)
class Streaks:
    current: int
    longest: int


@dataclass(frozen=True)
class WeekMinutes:
    week_start: dt.date
    planned_minutes: float
    done_minutes: float


@dataclass(frozen=True)
class RunGroup:
    runs: int
    mean_felt: float | None


@dataclass(frozen=True)
class RunComparison:
    after_foot_work: RunGroup
    other_days: RunGroup
    difference: float | None  # mean felt after foot work minus other days
    enough: bool
    message: Said  # English as it always was; said again in another language
    unscored: int = 0  # runs left out because they carry no felt score


def week_start(day: dt.date, first: dt.date) -> dt.date:
    """The first day of the programme week holding ``day`` (weeks of seven days from the
    programme's ``first`` day; before it, the weeks run on backwards)."""
    return first + dt.timedelta(days=7 * ((day - first).days // 7))


def _done_keys(done: Iterable[DoneSession]) -> set[tuple[dt.date, str]]:
    return {(d.date, d.slot) for d in done if d.complete}


def _due(
    planned: Sequence[PlannedSession], done_keys: set[tuple[dt.date, str]], today: dt.date
) -> list[PlannedSession]:
    """The planned sessions that count as due by ``today``: every one before today, and
    today's only once done (the day is not over yet). Adherence and weekly minutes both use
    this, so their figures agree."""
    return [
        p for p in planned if p.date < today or (p.date == today and (p.date, p.slot) in done_keys)
    ]


def adherence(
    planned: Sequence[PlannedSession], done: Sequence[DoneSession], today: dt.date
) -> Adherence:
    """Share of planned sessions and minutes done, up to ``today``."""
    return _adherence(_due(planned, _done_keys(done), today), done)


def week_adherence(
    planned: Sequence[PlannedSession], done: Sequence[DoneSession], first: dt.date
) -> Adherence:
    """The programme week starting on ``first``: every session it plans (also those still to
    come) and those done."""
    last = first + dt.timedelta(days=6)
    return _adherence([p for p in planned if first <= p.date <= last], done)


def _adherence(counted: Sequence[PlannedSession], done: Sequence[DoneSession]) -> Adherence:
    done_keys = _done_keys(done)
    done_minutes_by_key: dict[tuple[dt.date, str], float] = {}
    for d in done:
        key = (d.date, d.slot)
        done_minutes_by_key[key] = done_minutes_by_key.get(key, 0.0) + d.minutes
    done_count = sum(1 for p in counted if (p.date, p.slot) in done_keys)
    planned_minutes = sum(p.minutes for p in counted)
    done_minutes = sum(
        min(done_minutes_by_key.get((p.date, p.slot), 0.0), p.minutes) for p in counted
    )
    return Adherence(
        planned_sessions=len(counted),
        done_sessions=done_count,
        planned_minutes=round(planned_minutes, 1),
        done_minutes=round(done_minutes, 1),
    )


def streaks(
    planned_days: Iterable[dt.date], done_days: Iterable[dt.date], today: dt.date
) -> Streaks:
    """Current and longest runs of days with foot work (rest days are neutral)."""
    planned_set = set(planned_days)
    done_set = set(done_days)
    days = sorted(d for d in planned_set | done_set if d <= today)
    longest = run = 0
    for day in days:
        if day in done_set:
            run += 1
            longest = max(longest, run)
        elif day < today:
            run = 0
    return Streaks(current=run, longest=longest)


def weekly_minutes(
    planned: Sequence[PlannedSession],
    done: Sequence[DoneSession],
    today: dt.date,
    first: dt.date,
) -> list[WeekMinutes]:
    """Planned and done minutes per programme week (seven days from ``first``), from the
    first week to today's."""
    planned_by: dict[dt.date, float] = {}
    done_by: dict[dt.date, float] = {}
    for p in _due(planned, _done_keys(done), today):
        week = week_start(p.date, first)
        planned_by[week] = planned_by.get(week, 0.0) + p.minutes
    for d in done:
        if d.date <= today and d.minutes > 0:
            week = week_start(d.date, first)
            done_by[week] = done_by.get(week, 0.0) + d.minutes
    weeks = sorted(set(planned_by) | set(done_by))
    if not weeks:
        return []
    out: list[WeekMinutes] = []
    current = weeks[0]
    while current <= weeks[-1]:
        out.append(
            WeekMinutes(
                week_start=current,
                planned_minutes=round(planned_by.get(current, 0.0), 1),
                done_minutes=round(done_by.get(current, 0.0), 1),
            )
        )
        current += dt.timedelta(days=7)
    return out


def _group(runs: Sequence[RunRecord]) -> RunGroup:
    if not runs:
        return RunGroup(runs=0, mean_felt=None)
    total = sum(r.felt for r in runs if r.felt is not None)
    return RunGroup(runs=len(runs), mean_felt=round(total / len(runs), 2))


def runs_after_foot_work(
    runs: Sequence[RunRecord], foot_work_days: Iterable[dt.date]
) -> RunComparison:
    """How runs felt (1-5) on days after foot work compared with other days. Runs without
    a felt score (imported from files) are left out, and the message says how many."""
    work = set(foot_work_days)
    scored = [r for r in runs if r.felt is not None]
    unscored = len(runs) - len(scored)
    after = [r for r in scored if r.date - dt.timedelta(days=1) in work]
    other = [r for r in scored if r.date - dt.timedelta(days=1) not in work]
    a, o = _group(after), _group(other)
    enough = a.runs >= MIN_RUNS_PER_GROUP and o.runs >= MIN_RUNS_PER_GROUP
    difference = (
        round(a.mean_felt - o.mean_felt, 2)
        if a.mean_felt is not None and o.mean_felt is not None
        else None
    )
    message: Said
    if not enough:
        message = Said.of(RUNS_TOO_FEW, after=a.runs, other=o.runs, least=MIN_RUNS_PER_GROUP)
    else:
        assert difference is not None
        if abs(difference) < 0.25:
            message = Said.of(RUNS_SAME, after=a.runs, other=o.runs)
        elif difference > 0:
            message = Said.of(
                RUNS_BETTER, after=a.runs, points=Figure(f"{difference:.2f}"), other=o.runs
            )
        else:
            message = Said.of(
                RUNS_WORSE, after=a.runs, points=Figure(f"{-difference:.2f}"), other=o.runs
            )
    if unscored:
        left_out = RUNS_LEFT_OUT_ONE if unscored == 1 else RUNS_LEFT_OUT
        message = Said.of(left_out, comparison=message, n=unscored)
    return RunComparison(
        after_foot_work=a,
        other_days=o,
        difference=difference,
        enough=enough,
        message=message,
        unscored=unscored,
    )


@dataclass(frozen=True)
class SelfTestTrend:
    """One test part (a side, the single value, a FAAM subscale) over time."""

    test_id: str
    name: str
    part: str
    unit: str
    points: tuple[tuple[dt.date, float | None], ...]
    overall: Change | None  # first -> latest
    latest: Change | None  # previous -> latest

    @property
    def label(self) -> str:
        """The "real change" verdict of first -> latest, or why there is none."""
        if self.overall is None:
            return "only one result so far"
        return self.overall.verdict


def self_test_trends(reports: Sequence[BatteryReport]) -> list[SelfTestTrend]:
    """Every test part across dated reports (oldest first), with real-change verdicts."""
    # Deferred: the self-tests (their data file parsed on load) are not needed to weigh a
    # session, which a stored `footcore today` does for a session logged that day (measured).
    from footcore.domain.assessments import compare  # noqa: PLC0415

    ordered = sorted(
        (r for r in reports if r.date is not None), key=lambda r: r.date or dt.date.min
    )
    series: dict[tuple[str, str], list[tuple[dt.date, float | None]]] = {}
    info: dict[tuple[str, str], tuple[str, str]] = {}
    holding: dict[tuple[str, str], list[BatteryReport]] = {}  # the reports with that part
    for report in ordered:
        assert report.date is not None
        for test_id, scored in report.results.items():
            for m in scored.measures:
                key = (test_id, m.part)
                series.setdefault(key, []).append((report.date, m.number))
                info[key] = (scored.test.name, scored.test.unit)
                if m.number is not None:
                    holding.setdefault(key, []).append(report)
    # Each part is judged between the results that hold it: a later battery without the
    # test does not hide its change.
    judged: dict[tuple[int, int], dict[tuple[str, str], Change]] = {}

    def change(first: BatteryReport, last: BatteryReport, key: tuple[str, str]) -> Change | None:
        pair = (id(first), id(last))
        if pair not in judged:
            judged[pair] = {(c.test_id, c.part): c for c in compare(first, last).changes}
        return judged[pair].get(key)

    overall: dict[tuple[str, str], Change] = {}
    latest: dict[tuple[str, str], Change] = {}
    for key, held in holding.items():
        if len(held) < 2:
            continue
        found = change(held[0], held[-1], key)
        if found is not None:
            overall[key] = found
        found = change(held[-2], held[-1], key)
        if found is not None:
            latest[key] = found
    return [
        SelfTestTrend(
            test_id=key[0],
            name=info[key][0],
            part=key[1],
            unit=info[key][1],
            points=tuple(points),
            overall=overall.get(key),
            latest=latest.get(key),
        )
        for key, points in series.items()
    ]


def sparkline(values: Sequence[float | None], floor: float | None = None) -> str:
    """A one-line chart of values (a gap for a missing one).

    Without ``floor`` the bars span the values' own range (trends); with it, the lowest bar
    is ``floor`` (amounts such as minutes, where 0 must look like nothing).
    """
    bars = "▁▂▃▄▅▆▇█"
    present = [v for v in values if v is not None]
    if not present:
        return ""
    low, high = min(present), max(present)
    if floor is not None:
        low = min(low, floor)
    span = high - low
    out = []
    for v in values:
        if v is None:
            out.append(" ")
        elif span == 0:
            out.append(bars[0] if floor is not None else bars[len(bars) // 2])
        else:
            out.append(bars[round((v - low) / span * (len(bars) - 1))])
    return "".join(out)

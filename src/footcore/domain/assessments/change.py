"""Real change or measurement noise: comparing two assessments, or a before/after check.

A difference counts as a real change only when it reaches the test's smallest real change
(knee-to-wall 1.9 cm, heel raise 6 reps, pain 2 points or 30% of the earlier score, FAAM 8
points ADL / 9 points Sports). Anything smaller is "within measurement noise". Tests with no
published smallest real change get their difference shown without a verdict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from footcore.domain.assessments.definitions import (
    BALANCE_CAP_S,
    FAAM_MCID,
    PAIN_SRC_FRACTION,
    TESTS,
    SelfTest,
    Shape,
    get_test,
)
from footcore.domain.assessments.inputs import BatteryInput
from footcore.domain.assessments.scoring import BatteryReport, Measure, score_battery
from footcore.domain.errors import Problem, ValidationError

REAL_BETTER = "real change (better)"
REAL_WORSE = "real change (worse)"
REAL = "real change"
NOISE = "within measurement noise"
NO_THRESHOLD = "no smallest real change published"
NOT_SCORED = "not scored on both dates"

_EPS = 1e-9
CHECKABLE = (Shape.NUMBER, Shape.TRIES, Shape.PAIN)


@dataclass(frozen=True)
class Change:
    """The change of one test part (a side, the single value, a FAAM subscale)."""

    test_id: str
    name: str
    part: str
    unit: str
    before: object
    after: object
    delta: float | None
    smallest_real_change: float | None
    verdict: str
    direction: str | None  # "better" | "worse" | "same" | None (no better/worse for this test)
    rule: str

    @property
    def is_real(self) -> bool:
        return self.verdict.startswith(REAL)


@dataclass(frozen=True)
class ChangeReport:
    before_date: dt.date | None
    after_date: dt.date | None
    changes: tuple[Change, ...]
    only_before: tuple[str, ...]
    only_after: tuple[str, ...]

    @property
    def days(self) -> int | None:
        if self.before_date is None or self.after_date is None:
            return None
        return (self.after_date - self.before_date).days


def _smallest(test: SelfTest, part: str) -> float | None:
    if test.shape is Shape.FAAM:
        return FAAM_MCID.get(part)
    return test.smallest_real_change


def _direction(test: SelfTest, delta: float) -> str | None:
    if abs(delta) < _EPS:
        return "same"
    if test.higher_is_better is None:
        return None
    up_is_better = test.higher_is_better
    return "better" if (delta > 0) == up_is_better else "worse"


def judge(test: SelfTest, part: str, before: float | None, after: float | None) -> Change:
    """The verdict for one pair of numbers of ``test`` (``part`` names side or subscale)."""
    src = _smallest(test, part)
    rule = test.change_rule
    if before is None or after is None:
        return Change(
            test.id, test.name, part, test.unit, before, after, None, src, NOT_SCORED, None, rule
        )
    delta = round(after - before, 6)
    direction = _direction(test, delta)
    if src is None:
        verdict = NO_THRESHOLD
    else:
        real = abs(delta) >= src - _EPS
        if test.shape is Shape.PAIN and before > 0:
            real = real or abs(delta) / before >= PAIN_SRC_FRACTION - _EPS
        if not real:
            verdict = NOISE
        elif direction == "better":
            verdict = REAL_BETTER
        elif direction == "worse":
            verdict = REAL_WORSE
        else:
            verdict = REAL
    return Change(
        test_id=test.id,
        name=test.name,
        part=part,
        unit=test.unit,
        before=_plain(before),
        after=_plain(after),
        delta=delta,
        smallest_real_change=src,
        verdict=verdict,
        direction=direction,
        rule=rule,
    )


def _plain(x: float) -> float | int:
    return int(x) if float(x).is_integer() else round(x, 2)


def _as_report(x: BatteryReport | BatteryInput | Mapping[str, object]) -> BatteryReport:
    return x if isinstance(x, BatteryReport) else score_battery(x)


def _change_of(test: SelfTest, before: Measure, after: Measure) -> Change:
    change = judge(test, before.part, before.number, after.number)
    if test.shape in (Shape.NUMBER, Shape.TRIES, Shape.PAIN, Shape.FAAM):
        return change
    # Graded and pass/fail tests show their words; toe isolation shows the totals.
    return Change(
        change.test_id,
        change.name,
        change.part,
        change.unit,
        before.value if test.shape is not Shape.TOE_ITEMS else before.number,
        after.value if test.shape is not Shape.TOE_ITEMS else after.number,
        change.delta,
        change.smallest_real_change,
        change.verdict,
        change.direction,
        change.rule,
    )


def compare(
    before: BatteryReport | BatteryInput | Mapping[str, object],
    after: BatteryReport | BatteryInput | Mapping[str, object],
) -> ChangeReport:
    """Per test and side: delta, smallest real change and the verdict."""
    first, second = _as_report(before), _as_report(after)
    changes: list[Change] = []
    for test_id, old in first.results.items():
        new = second.results.get(test_id)
        if new is None:
            continue
        for m_old in old.measures:
            m_new = new.measure(m_old.part)
            if m_new is not None:
                changes.append(_change_of(old.test, m_old, m_new))
    return ChangeReport(
        before_date=first.date,
        after_date=second.date,
        changes=tuple(changes),
        only_before=tuple(t for t in first.results if t not in second.results),
        only_after=tuple(t for t in second.results if t not in first.results),
    )


def change_to_dict(report: ChangeReport) -> dict[str, object]:
    """The JSON document of ``footcore assess compare --json``."""
    return {
        "schema": "footcore.assessment-change/1",
        "before_date": report.before_date.isoformat() if report.before_date else None,
        "after_date": report.after_date.isoformat() if report.after_date else None,
        "days": report.days,
        "changes": [_change_dict(c) for c in report.changes],
        "only_before": list(report.only_before),
        "only_after": list(report.only_after),
    }


def _change_dict(c: Change) -> dict[str, object]:
    return {
        "test": c.test_id,
        "name": c.name,
        "part": c.part,
        "unit": c.unit,
        "before": c.before,
        "after": c.after,
        "delta": c.delta,
        "smallest_real_change": c.smallest_real_change,
        "verdict": c.verdict,
        "direction": c.direction,
        "rule": c.rule,
    }


# --- before/after around one intervention -----------------------------------------------------


@dataclass(frozen=True)
class InterventionCheck:
    """Test, do one thing (e.g. one minute of ball rolling), retest: did it really change?"""

    change: Change
    intervention: str
    side: str | None

    @property
    def message(self) -> str:
        c = self.change
        test = get_test(c.test_id)
        delta = c.delta or 0.0
        sign = "+" if delta > 0 else ""
        where = f" ({self.side})" if self.side else ""
        what = f" after {self.intervention}" if self.intervention else ""
        head = (
            f"{test.label}{where}: {_with_unit(c.before, test)} -> {_with_unit(c.after, test)} "
            f"({sign}{_with_unit(_plain(delta), test)}){what}"
        )
        if c.verdict == NOISE:
            need = _need_text(test)
            return f"{head}: {NOISE}; a real change needs {need}."
        if c.verdict == NO_THRESHOLD:
            return f"{head}: {NO_THRESHOLD} for this test, so no verdict."
        return f"{head}: {c.verdict}."

    def as_dict(self) -> dict[str, object]:
        return {
            "schema": "footcore.assessment-check/1",
            "intervention": self.intervention,
            "side": self.side,
            **_change_dict(self.change),
            "message": self.message,
        }


def _with_unit(value: object, test: SelfTest) -> str:
    if test.shape is Shape.PAIN:
        return f"{value}/10" if not str(value).startswith(("+", "-")) else f"{value}"
    return f"{value} {test.unit}"


def _need_text(test: SelfTest) -> str:
    src = test.smallest_real_change or 0.0
    if test.shape is Shape.PAIN:
        return f"{_plain(src)} points or {round(PAIN_SRC_FRACTION * 100)}% of the first score"
    return f"{_plain(src)} {test.unit} or more"


def check_intervention(
    test_id: str,
    before: object,
    after: object,
    intervention: str = "",
    side: str | None = None,
) -> InterventionCheck:
    """Judge a retest straight after one intervention against the smallest real change."""
    test = get_test(test_id)
    problems: list[Problem] = []
    if test.shape not in CHECKABLE:
        allowed = ", ".join(t for t in _checkable_ids())
        raise ValidationError(
            "check",
            [Problem("test", f"'{test.id}' has no single number to retest; use one of {allowed}")],
        )
    if side is not None and side not in ("left", "right"):
        problems.append(Problem("side", f"must be left or right, got {side!r}"))
    values: list[float] = []
    for name, raw in (("before", before), ("after", after)):
        ok = (
            isinstance(raw, int | float)
            and not isinstance(raw, bool)
            and test.valid.contains(float(raw))
        )
        if not ok:
            problems.append(Problem(name, f"must be {test.valid.describe()}, got {raw!r}"))
        else:
            assert isinstance(raw, int | float)
            values.append(float(raw))
    if problems:
        raise ValidationError("check", problems)
    first, second = values
    if test.shape is Shape.TRIES:
        first, second = min(first, BALANCE_CAP_S), min(second, BALANCE_CAP_S)
    change = judge(test, side or "value", first, second)
    return InterventionCheck(change, intervention.strip(), side)


def _checkable_ids() -> tuple[str, ...]:
    return tuple(t.id for t in TESTS.values() if t.shape in CHECKABLE)


__all__ = [
    "NOISE",
    "NOT_SCORED",
    "NO_THRESHOLD",
    "REAL_BETTER",
    "REAL_WORSE",
    "Change",
    "ChangeReport",
    "InterventionCheck",
    "change_to_dict",
    "check_intervention",
    "compare",
    "judge",
]

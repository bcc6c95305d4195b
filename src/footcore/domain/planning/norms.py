"""One-leg balance held no longer than the person's age norm.

A one-leg stance without support, eyes open or closed, is asked for no longer than the
published typical hold at the person's age (the self-tests' norms: Springer 2007, Bohannon
2006), whole seconds, at least 5: a 66-year-old was asked for 2 x 30 s eyes open (the norm at
60-69 is 27 s) and 2 x 15 s eyes closed (about 4 s), holds that set her up to wobble and
touch down. Under 18 no norm is published, and the catalogue's dose stands.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import cache

from footcore.domain.exercise import Dose, Exercise
from footcore.domain.profile import Profile
from footcore.domain.vocab import Category, Position, Sex

#: The shortest hold asked for, whatever the norm.
MIN_HOLD_S = 5


def capped_hold(
    profile: Profile, ex: Exercise, dose: Dose, measured: Mapping[bool, float] | None = None
) -> Dose:
    """``dose`` with its hold no longer than the age norm for this one-leg stance, nor than
    the person's own best in the self-test (``measured``, by eyes closed)."""
    if dose.hold_s is None:
        return dose
    cap = hold_cap(profile.age, profile.sex, ex, measured)
    if cap is None or dose.hold_s <= cap:
        return dose
    return replace(dose, hold_s=cap)


#: The self-tests' one-leg balance results the planner reads, by eyes closed.
BALANCE_TESTS = {False: "balance_eyes_open_s", True: "balance_eyes_closed_s"}


def measured_holds(report: object) -> dict[bool, float]:
    """The weaker side's best one-leg hold in a self-test report, eyes open (False) and
    closed (True): a 70-year-old who held 5 s was asked for 17 s, her age's typical hold, and
    for eyes-closed stances she held for 1-2 s (physio review 18)."""
    results = getattr(report, "results", None) or {}
    out: dict[bool, float] = {}
    for eyes_closed, test in BALANCE_TESTS.items():
        scored = results.get(test)
        numbers = [
            m.number
            for m in getattr(scored, "measures", ())
            if m.part in ("left", "right") and m.number is not None
        ]
        if numbers:
            out[eyes_closed] = min(numbers)
    return out


def beyond_measured(ex: Exercise, measured: Mapping[bool, float]) -> bool:
    """Whether a one-leg stance without support asks for more than the person held in the
    self-test: a best under the shortest hold asked for (5 s) leaves that stance out; its
    supported step stays."""
    if ex.category is not Category.BALANCE or ex.position is not Position.SINGLE_LEG:
        return False
    best = measured.get(_eyes_closed(ex))
    return best is not None and best < MIN_HOLD_S


#: The longest balance hold for someone at risk of falling: the falls programme's own longest
#: (heel-to-toe with the eyes closed, 20 s from week 13). Fill work grew a fall-risk
#: runner's eyes-closed stance to 40 s while she brushed her teeth.
FALLS_MAX_HOLD_S = 20


def falls_hold(ex: Exercise, dose: Dose) -> Dose:
    """``dose`` with a balance hold no longer than :data:`FALLS_MAX_HOLD_S`."""
    if ex.category is not Category.BALANCE or dose.hold_s is None:
        return dose
    if dose.hold_s <= FALLS_MAX_HOLD_S:
        return dose
    return replace(dose, hold_s=FALLS_MAX_HOLD_S)


def hold_cap(
    age: int, sex: Sex, ex: Exercise, measured: Mapping[bool, float] | None = None
) -> int | None:
    """The longest hold of a one-leg stance without support at this age (and, where a
    self-test measured it, no longer than the person's own best), or None."""
    if ex.category is not Category.BALANCE or ex.position is not Position.SINGLE_LEG:
        return None
    eyes_closed = _eyes_closed(ex)
    cap = _cap(age, sex, eyes_closed)
    best = (measured or {}).get(eyes_closed)
    if best is None:
        return cap
    own = max(MIN_HOLD_S, int(best))
    return own if cap is None else min(cap, own)


def measured_cap(ex: Exercise, measured: Mapping[bool, float]) -> bool:
    """Whether the person's own self-test best, not the age norm, sets this stance's cap."""
    if ex.category is not Category.BALANCE or ex.position is not Position.SINGLE_LEG:
        return False
    return _eyes_closed(ex) in measured


def _eyes_closed(ex: Exercise) -> bool:
    return ex.demo is not None and ex.demo.eyes == "closed"


@cache
def _cap(age: int, sex: Sex, eyes_closed: bool) -> int | None:
    # Deferred: the self-tests' data is parsed only when a plan holds a one-leg stance, so
    # making a plan without one (and every command that never plans) does not pay for it.
    from footcore.domain.assessments.definitions import (  # noqa: PLC0415
        BALANCE_EYES_CLOSED_BY_AGE,
        BALANCE_EYES_OPEN_BY_AGE,
    )

    if eyes_closed:
        for (low, high), (men, women) in BALANCE_EYES_CLOSED_BY_AGE.items():
            if low <= age and (high is None or age <= high):
                norm = {Sex.MALE: men, Sex.FEMALE: women}.get(sex, (men + women) / 2)
                return max(MIN_HOLD_S, int(norm))
        return None
    for (low, high), norm_open in BALANCE_EYES_OPEN_BY_AGE.items():
        if low <= age and (high is None or age <= high):
            return max(MIN_HOLD_S, int(norm_open))
    return None

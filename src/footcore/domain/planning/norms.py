"""One-leg balance held no longer than the person's age norm.

A one-leg stance without support, eyes open or closed, is asked for no longer than the
published typical hold at the person's age (the self-tests' norms: Springer 2007, Bohannon
2006), whole seconds, at least 5: a 66-year-old was asked for 2 x 30 s eyes open (the norm at
60-69 is 27 s) and 2 x 15 s eyes closed (about 4 s), holds that set her up to wobble and
touch down. Under 18 no norm is published, and the catalogue's dose stands.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from footcore.domain.exercise import Dose, Exercise
from footcore.domain.profile import Profile
from footcore.domain.vocab import Category, Position, Sex

#: The shortest hold asked for, whatever the norm.
MIN_HOLD_S = 5


def capped_hold(profile: Profile, ex: Exercise, dose: Dose) -> Dose:
    """``dose`` with its hold no longer than the age norm for this one-leg stance."""
    if dose.hold_s is None:
        return dose
    cap = hold_cap(profile.age, profile.sex, ex)
    if cap is None or dose.hold_s <= cap:
        return dose
    return replace(dose, hold_s=cap)


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


def hold_cap(age: int, sex: Sex, ex: Exercise) -> int | None:
    """The longest hold of a one-leg stance without support at this age, or None."""
    if ex.category is not Category.BALANCE or ex.position is not Position.SINGLE_LEG:
        return None
    eyes_closed = ex.demo is not None and ex.demo.eyes == "closed"
    return _cap(age, sex, eyes_closed)


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

"""The time model: how long one dose of an exercise takes, in seconds and in minutes.

Every minute footcore shows (an item, a session, a day, the budget ``minutes_per_day``) comes
from :func:`dose_seconds` through :func:`item_minutes`; nothing else estimates time.

One dose = ``sets`` sets; a set = ``reps`` repetitions or one timed bout of ``duration_s``;
``per_side`` doubles the work (left foot, then right foot).

- **A repetition** lasts the tempo when one is given (``up + hold + down``, e.g. the
  Rathleff heel raise 3 s + 2 s + 3 s = 8 s); otherwise ``REP_S`` (2 s: one controlled move
  out and back) plus the hold, if any (a 5 s short-foot hold is a 7 s rep).
- **A timed bout** (rolling a ball for 60 s) lasts ``duration_s``.
- **Sides and sets**: the work is ``sides x sets x (one set)``. Moving from one set or side to
  the next costs ``TRANSITION_S`` (5 s: change foot, reset the band) each time.
- **Rest** between two sets of the same foot is the dose's ``rest_s`` or, when the catalogue
  gives none, ``DEFAULT_REST_S`` by load (none 5 s, light 15 s, moderate 30 s, heavy 60 s).
  When the work is done per side the sides alternate, so the other foot's set already counts
  as rest: only the part of the rest longer than one set is added.
- **Set-up**: ``SETUP_S`` (15 s) per item to sit down, fetch the ball, loop the band.
- **Walking** doses (``steps``) take ``steps / STEPS_PER_MINUTE`` minutes (100 steps a
  minute) and have no set-up; they are spread through the day's ordinary walking.

Minutes shown are the seconds divided by 60 and rounded UP to the next tenth, so that a plan
never promises less time than it takes; a session's minutes are the sum of its items'.
"""

from __future__ import annotations

import math

from footcore.domain.exercise import Dose
from footcore.domain.vocab import Load

REP_S = 2.0
TRANSITION_S = 5.0
SETUP_S = 15.0
STEPS_PER_MINUTE = 100
DEFAULT_REST_S: dict[Load, float] = {
    Load.NONE: 5.0,
    Load.LIGHT: 15.0,
    Load.MODERATE: 30.0,
    Load.HEAVY: 60.0,
}


def rep_seconds(dose: Dose) -> float:
    """Seconds one repetition takes (tempo, or a controlled move plus the hold)."""
    if dose.tempo is not None:
        return dose.tempo.seconds_per_rep
    return REP_S + float(dose.hold_s or 0)


def set_seconds(dose: Dose) -> float:
    """Seconds of work in one set on one side."""
    if dose.duration_s is not None:
        return float(dose.duration_s)
    return (dose.reps or 1) * rep_seconds(dose)


def dose_seconds(dose: Dose, load: Load = Load.NONE, *, setup_s: float = SETUP_S) -> float:
    """Seconds one dose takes, set-up included (see the module text for the model)."""
    if dose.steps is not None:
        return dose.steps / STEPS_PER_MINUTE * 60.0
    sides = 2 if dose.per_side else 1
    sets = max(1, dose.sets)
    work = set_seconds(dose)
    rest = float(dose.rest_s) if dose.rest_s else DEFAULT_REST_S[load]
    # While one foot rests the other works, so only rest beyond the other side's set adds.
    extra_rest = max(0.0, rest - (sides - 1) * work)
    transitions = sides * sets - 1
    return setup_s + sides * sets * work + transitions * TRANSITION_S + (sets - 1) * extra_rest


def to_minutes(seconds: float) -> float:
    """Seconds as minutes, rounded up to the next tenth (never under-promise)."""
    return math.ceil(round(seconds, 6) / 6.0) / 10.0


def item_minutes(dose: Dose, load: Load = Load.NONE) -> float:
    """Minutes one dose takes as shown everywhere in footcore (rounded up to 0.1)."""
    return to_minutes(dose_seconds(dose, load))


def total_minutes(minutes: list[float] | tuple[float, ...]) -> float:
    """The sum of item minutes, kept to one decimal (a session's or a day's minutes)."""
    return round(sum(minutes), 1)

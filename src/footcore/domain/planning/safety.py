"""Safety predicates shared by the generator (to choose) and ``check_plan`` (to verify).

Each function answers with ``(rule id, message)`` pairs: empty means allowed.
"""

from __future__ import annotations

from footcore.domain.exercise import Exercise
from footcore.domain.vocab import (
    Category,
    Equipment,
    Load,
    Position,
    RunKind,
    Slot,
    StretchDepth,
    Target,
)

PRE_RUN_MAX_HOLD_S = 30
HARD_RUNS = (RunKind.LONG, RunKind.HARD)
PRE_RUN_CATEGORIES = (Category.WARM_UP, Category.ACTIVATE, Category.MOBILISE)
GENTLE_CATEGORIES = (
    Category.WARM_UP,
    Category.RELEASE,
    Category.ACTIVATE,
    Category.MOBILISE,
    Category.STRETCH,
)
UNSUPPORTED_POSITIONS = (Position.SINGLE_LEG, Position.WALKING)
FLOOR_POSITIONS = (Position.KNEELING, Position.ALL_FOURS, Position.LONG_SITTING)

Finding = tuple[str, str]


def is_calf_raise(ex: Exercise) -> bool:
    """A standing calf or heel raise (the strength work allowed before a run)."""
    return (
        ex.category is Category.STRENGTHEN
        and Target.ACHILLES_CALF in ex.targets
        and ex.position in (Position.STANDING, Position.SUPPORTED_STANDING, Position.SINGLE_LEG)
    )


def is_loading(load: Load) -> bool:
    """Moderate or heavy load: the work the alternate-days rule spaces out."""
    return load in (Load.MODERATE, Load.HEAVY)


PRE_RUN_MAX_SETS = 2


def slot_findings(
    ex: Exercise,
    slot: Slot,
    run: RunKind,
    *,
    hold_s: int | None,
    load: Load,
    cramp_prone: bool,
    sets: int = 1,
    after_run: bool | None = None,
) -> list[Finding]:
    """What the pre-run, post-run and cramp rules say about this exercise in this slot.

    Before a run only a light primer: warm-up, activation, moving mobility or calf raises on
    two feet, no load beyond light, no holds over 30 s, nothing deep, two sets at most. After
    a run (the post-run session, and any later session of a run day: ``after_run``, which
    defaults to the post-run slot alone) nothing deep on a long or hard run day; for a
    cramp-prone runner nothing that carries a cramp risk, and after a long or hard run only
    rolling and a gentle calf stretch. Cramp-risk work stays off long and hard run days.
    """
    found: list[Finding] = []
    later = slot is Slot.POST_RUN if after_run is None else after_run
    if slot is Slot.PRE_RUN:
        found += _pre_run(ex, hold_s, load, sets)
    if slot is Slot.POST_RUN:
        if ex.is_deep_stretch:
            found.append(("post-run", "only gentle stretches after a run"))
        if is_loading(load) and run not in (RunKind.HARD, RunKind.EASY):
            found.append(("post-run", f"no {load} load after a {run} run"))
        if ex.cramp_risk and cramp_prone:
            found.append(("post-run-cramp", "cramp-risk work after a run for a cramp-prone runner"))
    if later and run in HARD_RUNS:
        if ex.is_deep_stretch and slot is not Slot.POST_RUN:
            found.append(("post-run", f"no deep stretch on tired feet after a {run} run"))
        if cramp_prone and not _after_hard_run_ok(ex, load):
            found.append(
                (
                    "post-run-cramp",
                    f"after a {run} run a cramp-prone runner gets only rolling and a gentle "
                    "calf stretch",
                )
            )
    if ex.cramp_risk and run in HARD_RUNS:
        found.append(("post-run-cramp", f"cramp-risk work on a {run}-run day"))
    return found


def _pre_run(ex: Exercise, hold_s: int | None, load: Load, sets: int) -> list[Finding]:
    found: list[Finding] = []
    if ex.category not in PRE_RUN_CATEGORIES and not is_calf_raise(ex):
        found.append(("pre-run", f"{ex.category} work does not belong before a run"))
    if hold_s is not None and hold_s > PRE_RUN_MAX_HOLD_S:
        found.append(("pre-run", f"a {hold_s} s static hold is too long before a run"))
    if ex.is_deep_stretch:
        found.append(("pre-run", "no deep stretch before a run"))
    if load.rank > Load.LIGHT.rank:
        found.append(("pre-run", f"no {load} load before a run, only a light primer"))
    if load is not Load.NONE and ex.position is Position.SINGLE_LEG:
        found.append(("pre-run", "loaded work before a run is done on two feet"))
    if sets > PRE_RUN_MAX_SETS:
        found.append(("pre-run", f"{sets} sets before a run; a primer is at most two"))
    return found


def _after_hard_run_ok(ex: Exercise, load: Load) -> bool:
    """After a long or hard run, a cramp-prone runner: rolling, or a gentle calf stretch
    standing or seated (nothing on the floor with the toes tucked, nothing for the sole or
    toes: those wait for the next morning), and no strength work."""
    if ex.category is Category.RELEASE:
        return True
    return (
        ex.category is Category.STRETCH
        and ex.stretch_depth is not StretchDepth.DEEP
        and load is Load.NONE
        and ex.position not in FLOOR_POSITIONS
        and Target.ACHILLES_CALF in ex.targets
        and set(ex.targets) <= {Target.ACHILLES_CALF, Target.ANKLE}
    )


def gentle_findings(ex: Exercise, load: Load) -> list[Finding]:
    """What is not gentle about an exercise (for pain above 5/10 or an acute stop)."""
    found: list[Finding] = []
    if load is not Load.NONE:
        found.append(("pain", f"{load} load while only gentle work is safe"))
    if ex.category not in GENTLE_CATEGORIES:
        found.append(("pain", f"{ex.category} work while only gentle work is safe"))
    if ex.is_deep_stretch:
        found.append(("pain", "a deep stretch while only gentle work is safe"))
    if ex.position in UNSUPPORTED_POSITIONS:
        found.append(("pain", f"{ex.position} work while only gentle work is safe"))
    return found


def is_supported(ex: Exercise) -> bool:
    """Seated, or standing with something to hold (a chair, a wall)."""
    if ex.position in (Position.SEATED, Position.SUPPORTED_STANDING):
        return True
    return ex.position is Position.STANDING and has_support(ex)


def has_support(ex: Exercise) -> bool:
    """Done beside something to hold: the exercise lists a chair or a wall."""
    return bool({Equipment.WALL, Equipment.CHAIR} & set(ex.equipment))


def falls_findings(ex: Exercise) -> list[Finding]:
    """What makes an exercise unsafe for falls prevention or after a fall-risk result:
    floor work (getting up again), and standing, one-leg or walking work without a chair,
    counter or wall within reach."""
    found: list[Finding] = []
    if ex.position in FLOOR_POSITIONS:
        found.append(("falls-safety", f"{ex.position} on the floor"))
    elif ex.position in (Position.WALKING, Position.SINGLE_LEG):
        if not has_support(ex):
            found.append(("falls-safety", f"{ex.position} work away from support"))
    elif not is_supported(ex):
        found.append(("falls-safety", f"{ex.position} without support"))
    return found

"""Safety predicates shared by the generator (to choose) and ``check_plan`` (to verify).

Each function answers with ``(rule id, message)`` pairs: empty means allowed.
"""

from __future__ import annotations

from footcore.domain.exercise import Exercise
from footcore.domain.vocab import Category, Equipment, Load, Position, RunKind, Slot, Target

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


def slot_findings(
    ex: Exercise,
    slot: Slot,
    run: RunKind,
    *,
    hold_s: int | None,
    load: Load,
    cramp_prone: bool,
    cramp_free_post_run: bool,
) -> list[Finding]:
    """What the pre-run, post-run and cramp rules say about this exercise in this slot."""
    found: list[Finding] = []
    if slot is Slot.PRE_RUN:
        if ex.category not in PRE_RUN_CATEGORIES and not is_calf_raise(ex):
            found.append(("pre-run", f"{ex.category} work does not belong before a run"))
        if hold_s is not None and hold_s > PRE_RUN_MAX_HOLD_S:
            found.append(("pre-run", f"a {hold_s} s static hold is too long before a run"))
        if ex.is_deep_stretch:
            found.append(("pre-run", "no deep stretch before a run"))
        if load is Load.HEAVY:
            found.append(("pre-run", "no heavy load before a run"))
    if slot is Slot.POST_RUN:
        if ex.is_deep_stretch:
            found.append(("post-run", "only gentle stretches after a run"))
        if load is Load.HEAVY and run in HARD_RUNS:
            found.append(("post-run", f"no heavy load after a {run} run"))
        if ex.cramp_risk and (cramp_prone or cramp_free_post_run):
            who = "a cramp-prone runner" if cramp_prone else "a runner who cramped recently"
            found.append(("post-run-cramp", f"cramp-risk work after a run for {who}"))
    if ex.cramp_risk and run in HARD_RUNS:
        found.append(("post-run-cramp", f"cramp-risk work on a {run}-run day"))
    return found


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
    return ex.position is Position.STANDING and bool(
        {Equipment.WALL, Equipment.CHAIR} & set(ex.equipment)
    )


def falls_findings(ex: Exercise) -> list[Finding]:
    """What makes an exercise unsafe for falls prevention or after a fall-risk result."""
    found: list[Finding] = []
    if ex.is_impact:
        found.append(("falls-safety", "impact (walking work)"))
    if ex.position in FLOOR_POSITIONS:
        found.append(("falls-safety", f"{ex.position} on the floor"))
    elif ex.position is Position.SINGLE_LEG:
        found.append(("falls-safety", "single-leg work without support"))
    elif not is_supported(ex):
        found.append(("falls-safety", f"{ex.position} without support"))
    return found

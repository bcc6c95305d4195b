"""Safety predicates shared by the generator (to choose) and ``check_plan`` (to verify).

Each function answers with ``(rule id, message)`` pairs: empty means allowed.
"""

from __future__ import annotations

from footcore.domain.exercise import Exercise
from footcore.domain.vocab import (
    Category,
    Equipment,
    Load,
    PainSite,
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
#: Kneeling and on all fours with the toes tucked: the body's weight bends the toes, sole and
#: ankle to the end of their range, whatever the stretch's depth.
TOES_TUCKED_POSITIONS = (Position.KNEELING, Position.ALL_FOURS)

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
    after_long: bool = False,
) -> list[Finding]:
    """What the pre-run, post-run and cramp rules say about this exercise in this slot.

    Before a run only a light primer: warm-up, activation, moving mobility or calf raises on
    two feet, no load beyond light, no holds over 30 s, nothing deep, two sets at most. After
    a run (the post-run session, and any later session of a run day: ``after_run``, which
    defaults to the post-run slot alone) nothing deep on a long or hard run day; for a
    cramp-prone runner nothing that carries a cramp risk, and after a long or hard run only
    rolling and a gentle calf stretch. Cramp-risk work stays off long and hard run days, and
    off every run day for a cramp-prone runner (an evening session may follow the run, and
    the plan seldom knows when the run is), and off the day after a long run for them too
    (``after_long``: tired feet still cramp then; a cramp-prone marathoner's Mondays held
    the toe stretch on a step, towel scrunches and marble pick-ups: physio review 16).
    """
    found: list[Finding] = []
    later = slot is Slot.POST_RUN if after_run is None else after_run
    if slot is Slot.PRE_RUN:
        found += _pre_run(ex, hold_s, load, sets)
    if slot is Slot.POST_RUN:
        found += _post_run(ex, run, load, cramp_prone)
    if later and run in HARD_RUNS:
        found += _tired_feet(ex, slot, run, load, cramp_prone)
    if ex.cramp_risk and run in HARD_RUNS:
        found.append(("post-run-cramp", f"cramp-risk work on a {run}-run day"))
    elif ex.cramp_risk and cramp_prone and run is not RunKind.NONE:
        found.append(("post-run-cramp", "cramp-risk work on a run day for a cramp-prone runner"))
    elif ex.cramp_risk and cramp_prone and after_long:
        found.append(
            ("post-run-cramp", "cramp-risk work the day after a long run for a cramp-prone runner")
        )
    return found


def _post_run(ex: Exercise, run: RunKind, load: Load, cramp_prone: bool) -> list[Finding]:
    found: list[Finding] = []
    if ex.is_deep_stretch:
        found.append(("post-run", "only gentle stretches after a run"))
    if is_loading(load) and run not in (RunKind.HARD, RunKind.EASY):
        found.append(("post-run", f"no {load} load after a {run} run"))
    elif run is RunKind.LONG and ex.category is Category.STRENGTHEN:
        # light band or calf work too: after a long run, release and gentle stretching only
        found.append(("post-run", "no strength work straight after a long run"))
    if run is RunKind.LONG and _foot_held_at_end_range(ex):
        # Runners who stretched their feet straight after a long run often cramped (seed
        # articles): the sole and toes wait for a later moment, the calf may be stretched.
        found.append(("post-run", "no foot stretch or end-range hold straight after a long run"))
    if ex.cramp_risk and cramp_prone:
        found.append(("post-run-cramp", "cramp-risk work after a run for a cramp-prone runner"))
    return found


def _foot_held_at_end_range(ex: Exercise) -> bool:
    """A stretch of the sole, toes or ankle front, or a mobility hold at the end of the range
    (the ankle pulled up and held): not the calf stretch, rolling or moving the ankle."""
    if ex.category is Category.STRETCH:
        return Target.ACHILLES_CALF not in ex.targets
    return ex.category is Category.MOBILISE and ex.dose.hold_s is not None


def stretch_limit_findings(
    ex: Exercise, no_stretch: frozenset[Target], no_deep_stretch: frozenset[Target]
) -> list[Finding]:
    """What the protocols' stretch limits rule out: any stretch of a tissue not to be
    stretched at all, or a hold at the end of the range (the ankle pulled up as far as it
    goes and held, knee straight, stretches the calf and Achilles as a calf stretch does: a
    runner with Achilles pain 6/10 had it 21 times), and a deep stretch of a tissue to be
    stretched only gently."""
    found: list[Finding] = []
    held = ex.category is Category.STRETCH or (
        ex.category is Category.MOBILISE and ex.dose.hold_s is not None
    )
    if held and set(ex.targets) & no_stretch:
        found.append(
            ("pain", "an end-range stretch or hold of a tissue the protocol keeps unstretched")
        )
    if ex.stretch_depth is StretchDepth.DEEP and set(ex.targets) & no_deep_stretch:
        found.append(("pain", "a deep stretch of a tissue the protocol stretches only gently"))
    return found


def _tired_feet(
    ex: Exercise, slot: Slot, run: RunKind, load: Load, cramp_prone: bool
) -> list[Finding]:
    """Any session after a long or hard run."""
    found: list[Finding] = []
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
    if ex.position in TOES_TUCKED_POSITIONS or _weight_on_the_toes(ex):
        found.append(
            ("pain", "body weight through the foot at end range while only gentle work is safe")
        )
    return found


def _weight_on_the_toes(ex: Exercise) -> bool:
    """A standing stretch or mobilisation that eases body weight onto the toes or the ball of
    the foot (toes curled over a step, the big-toe joint pressed on a ball)."""
    return (
        ex.position is Position.STANDING
        and ex.category in (Category.STRETCH, Category.MOBILISE)
        and bool(_TOES_AND_SOLE & set(ex.targets))
    )


_TOES_AND_SOLE = frozenset({Target.BIG_TOE_JOINT, Target.TOE_FLEXORS, Target.PLANTAR_FASCIA})


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


#: The tissue a pain site points at: stretched only gently from 4/10, and above 5/10 (for
#: the big-toe joint) not moved, stretched or rolled at all.
PAINFUL_TISSUE = {
    PainSite.HEEL: Target.PLANTAR_FASCIA,
    PainSite.ARCH: Target.PLANTAR_FASCIA,
    PainSite.ACHILLES: Target.ACHILLES_CALF,
    PainSite.ACHILLES_INSERTION: Target.ACHILLES_CALF,
    PainSite.ANKLE: Target.ANKLE,
    PainSite.FOREFOOT: Target.BIG_TOE_JOINT,
    PainSite.TOES: Target.BIG_TOE_JOINT,
}
_HANDS_ON = (Category.MOBILISE, Category.STRETCH, Category.RELEASE)
#: The joints that, above 5/10, are only moved gently (warm-up: circles, point and flex) and
#: not mobilised, stretched or rolled: the big-toe joint (its mobilisation should not hurt)
#: and the ankle (a 7/10 ankle had knee-to-wall rocks, wall stretches, held pull-backs and
#: hand-assisted turns every day: physio review 11).
_MOVED_ONLY = {Target.BIG_TOE_JOINT: "big-toe joint", Target.ANKLE: "ankle"}
#: The painful tissues that a kneeling, all-fours or toes-on-a-step stretch puts body weight
#: through (the sole, the ball of the foot and the big-toe joint; the Achilles in the bear
#: squat's rocks and down dog, which sink the body's weight into a bent ankle).
_WEIGHT_BEARING_TISSUE = frozenset(
    {Target.PLANTAR_FASCIA, Target.BIG_TOE_JOINT, Target.ACHILLES_CALF}
)


def _worked_joint(ex: Exercise, tissue: Target, pain: int) -> list[Finding]:
    """Above 5/10: the painful big-toe joint or ankle only moved gently, not mobilised,
    stretched or rolled; beside a painful Achilles the ankle not turned to the end of its
    range (it pulls on the tendon: a suspected acute Achilles injury, 7/10, sudden and
    swollen, had hand-assisted turns three days a week for 16 weeks: physio review 16;
    circles and point-and-flex stay)."""
    found: list[Finding] = []
    if tissue in _MOVED_ONLY and tissue in ex.targets and ex.category in _HANDS_ON:
        found.append(("pain", f"the painful {_MOVED_ONLY[tissue]} worked at pain {pain}/10"))
    if (
        tissue is Target.ACHILLES_CALF
        and ex.category is Category.MOBILISE
        and Target.ANKLE in ex.targets
    ):
        found.append(("pain", f"the ankle worked to end range beside a tendon at {pain}/10"))
    return found


def site_findings(ex: Exercise, site: PainSite | None, pain: int) -> list[Finding]:
    """What the pain at a site rules out: from 4/10 a deep stretch of the painful tissue
    (Marek, Achilles 5/10, had the all-fours heel sit); above 5/10 in the toes or the front
    of the foot any moving, stretching or rolling of the big-toe joint, whose mobilisation
    should not hurt (Tariq, toes 6/10, had it every day). From 4/10 in the sole or the front
    of the foot, also no body weight through the painful part at end range, however gentle
    the stretch is called (an ultra runner with arch pain 5/10 had bear squat rocks, and a
    runner with Achilles pain 4/10 had them alone in front of the TV, cold)."""
    tissue = PAINFUL_TISSUE.get(site) if site is not None else None
    if ex.dose.steps is not None:
        return thin_soles_findings(site, pain)
    if tissue is None or pain < 4:
        return []
    found: list[Finding] = []
    if ex.stretch_depth is StretchDepth.DEEP and tissue in ex.targets:
        found.append(("pain", f"a deep stretch of the painful tissue at pain {pain}/10"))
    elif (
        tissue in _WEIGHT_BEARING_TISSUE
        and tissue in ex.targets
        and (ex.position in TOES_TUCKED_POSITIONS or _weight_on_the_toes(ex))
    ):
        found.append(("pain", f"body weight through the painful part at pain {pain}/10"))
    if pain > 5:
        found += _worked_joint(ex, tissue, pain)
    if tissue is Target.BIG_TOE_JOINT and _on_the_ball_of_the_foot(ex):
        found.append(
            ("pain", f"body weight on the ball of the foot at pain {pain}/10 in its front")
        )
    if tissue is Target.PLANTAR_FASCIA and _on_the_ball_of_the_foot(ex):
        # A raise on one leg winds the sole up under the whole body's weight (Rathleff's
        # own form at 4-5/10 is on both feet): foot-core's one-leg raises and toe walks came
        # from week 5 for arch pain 5/10 (physio review 13).
        found.append(("pain", f"one-leg or loaded raises at pain {pain}/10 in the sole"))
    if (
        pain > 5
        and tissue is Target.BIG_TOE_JOINT
        and ex.category is Category.RELEASE
        and {Equipment.BALL, Equipment.ROLLER, Equipment.SOFT_BALL} & set(ex.equipment)
    ):
        # A possible bone stress injury in the front of the foot: no ball or roller pressed
        # under it (physio review 14, forefoot 7/10); the hands' self-massage stays.
        found.append(("pain", f"a ball or roller under the foot at pain {pain}/10 in its front"))
    if tissue is Target.BIG_TOE_JOINT and _resisted_toe_curl(ex):
        found.append(("pain", f"toes curled against resistance at pain {pain}/10 in the toes"))
    return found


def _resisted_toe_curl(ex: Exercise) -> bool:
    """Toe flexion against a load (a towel dragged or scrunched, stones or marbles picked
    up, the big toe pressed down): with pain of 4/10 or more in the toes or the front of the
    foot the toe work stays unloaded (lifts, spreading, short foot). A minimalist runner with
    toe pain 4/10 had towel drags and big-toe presses three times a week (physio review 12)."""
    return (
        ex.load is not Load.NONE
        and ex.category in (Category.ACTIVATE, Category.STRENGTHEN)
        and bool({Target.TOE_FLEXORS, Target.FLEXOR_HALLUCIS_BREVIS} & set(ex.targets))
    )


def thin_soles_findings(site: PainSite | None, pain: int) -> list[Finding]:
    """What the pain rules out of walking barefoot or in minimalist shoes (see
    :func:`_thin_soles_wait`)."""
    if not _thin_soles_wait(site, pain):
        return []
    return [("barefoot-walking", f"walking in thin soles with {site} pain at {pain}/10")]


def _thin_soles_wait(site: PainSite | None, pain: int) -> bool:
    """Whether walking barefoot or in minimalist shoes waits for the pain to settle: any
    pain where the Achilles meets the heel bone (a sole without a heel lets the ankle bend
    past neutral, which presses the tendon onto the bone, Jonsson 2008), Achilles pain of
    4/10 or more (barefoot and minimalist shoes raise the tendon's force over running
    shoes, Sinclair 2014), and pain of 4/10 or more in the front of the foot or the toes
    (a possible bone stress injury, where a move to thin soles strikes). A runner with an
    insertional Achilles at 5/10 walked 2,500 steps a day rising to 5,500 while the same
    plan advised a heel lift (physio review 12)."""
    if site is None or pain < 1:
        return False
    if site is PainSite.ACHILLES_INSERTION:
        return True
    return pain >= 4 and site in (PainSite.ACHILLES, PainSite.FOREFOOT, PainSite.TOES)


def _on_the_ball_of_the_foot(ex: Exercise) -> bool:
    """Calf work that puts the body's weight through the front of the foot at the top of
    the raise: a raise on one leg or under load, or walking on the toes. With pain of 4/10
    or more there (a possible bone stress injury) only light raises on both feet stay: a
    minimalist runner with forefoot pain 4/10 had single-leg raises to 3 x 15 and toe walks
    (physio review 10)."""
    if Target.ACHILLES_CALF not in ex.targets:
        return False
    if ex.category is Category.GAIT:
        return True
    return ex.category is Category.STRENGTHEN and (
        ex.position is Position.SINGLE_LEG or ex.load in (Load.MODERATE, Load.HEAVY)
    )

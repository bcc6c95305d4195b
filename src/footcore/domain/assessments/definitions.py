"""The self-test catalogue: what each test measures, how to do it at home, and its norms.

Every figure here is pinned by a unit test against DOMAIN.md section 5 or the published study
it names, and every norm cites the published study it comes from (``SOURCES``). Where no norm
is published (toe isolation, short-foot hold, paper grip, foot length, arch height, FAAM,
balance under 18), the test carries none: scoring says so instead of guessing, and a test no
study describes cites nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from footcore.domain.errors import NotFoundError
from footcore.domain.exercise import Source
from footcore.domain.vocab import Sex


class Band(StrEnum):
    """Where a result sits against its norm or criterion."""

    LOW = "low"
    TYPICAL = "typical"
    HIGH = "high"

    def __str__(self) -> str:
        return self.value


class Shape(StrEnum):
    """The input shape of a test's result (see docs/self-tests.md)."""

    NUMBER = "number"  # one number per side
    TRIES = "tries"  # balance: a number or up to three tries per side, best counts
    TOE_ITEMS = "toe-items"  # per side {spread, big_toe_lift, small_toe_lift}, each 0-3
    GRADE = "grade"  # per side poor | fair | good
    PASS_FAIL = "pass-fail"  # per side pass | fail
    PAIN = "pain"  # a number 0-10, or {nrs, site, when, side, acute signs}
    FAAM = "faam"  # {adl: [21 items], sports: [8 items]}, each 0-4 or N/A


@dataclass(frozen=True)
class ValidRange:
    """The values a single answer may take (inclusive)."""

    low: float
    high: float
    whole: bool = False
    unit: str = ""

    def describe(self) -> str:
        kind = "a whole number" if self.whole else "a number"
        unit = f" {self.unit}" if self.unit else ""
        return f"{kind} from {_num(self.low)} to {_num(self.high)}{unit}"

    def contains(self, value: float) -> bool:
        if self.whole and value != int(value):
            return False
        return self.low <= value <= self.high


@dataclass(frozen=True)
class Norm:
    """One published reference row: who it applies to and where typical ends.

    ``age_min``/``age_max`` are inclusive; ``None`` leaves that end open. ``sex`` ``None``
    means both sexes. A result below ``low_below`` is ``low``, above ``high_above`` is
    ``high``; either may be ``None`` where the test has no such cut-off. ``ceiling`` is the
    most the test can record (balance stops at 45 s): a result at the ceiling is never ``low``,
    since the test gave no chance to show more.
    """

    reference: float | None
    label: str
    source: str
    age_min: int | None = None
    age_max: int | None = None
    sex: Sex | None = None
    spread: float | None = None
    low_below: float | None = None
    high_above: float | None = None
    borderline_from: float | None = None
    ceiling: float | None = None

    def applies(self, age: int, sex: Sex) -> bool:
        if self.age_min is not None and age < self.age_min:
            return False
        if self.age_max is not None and age > self.age_max:
            return False
        return self.sex is None or self.sex == sex

    @property
    def age_label(self) -> str:
        if self.age_min is None and self.age_max is None:
            return "all ages"
        if self.age_max is None:
            return f"{self.age_min}+"
        if self.age_min is None:
            return f"up to {self.age_max}"
        return f"{self.age_min}-{self.age_max}"


@dataclass(frozen=True)
class SelfTest:
    """A self-test a person can do alone at home, with everything needed to score it."""

    id: str
    name: str
    unit: str
    shape: Shape
    sided: bool
    valid: ValidRange
    purpose: str
    equipment: tuple[str, ...]
    protocol: tuple[str, ...]
    norms: tuple[Norm, ...]
    norm_summary: str
    band_rule: str
    asymmetry_threshold: float | None
    asymmetry_rule: str
    smallest_real_change: float | None
    change_rule: str
    higher_is_better: bool | None
    sources: tuple[str, ...]
    short_name: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """A short name for tables and messages."""
        return self.short_name or self.name

    @property
    def sides(self) -> tuple[str, ...]:
        return ("left", "right") if self.sided else ()


def _num(x: float) -> str:
    return f"{x:g}"


# --- constants pinned against DOMAIN.md section 5 -------------------------------------------

KNEE_TO_WALL_MEAN_CM = 12.0
KNEE_TO_WALL_SD_CM = 2.8
DEGREES_PER_CM = 3.6
KNEE_TO_WALL_ASYMMETRY_CM = 1.5
KNEE_TO_WALL_SRC_CM = 1.9

HEEL_RAISE_MEDIAN = {Sex.MALE: 24, Sex.FEMALE: 21}
#: (age_min, age_max) -> (men, women): median single-leg heel raises to fatigue.
HEEL_RAISE_BY_AGE: Mapping[tuple[int, int], tuple[int, int]] = MappingProxyType(
    {
        (20, 29): (37, 30),
        (30, 39): (32, 27),
        (40, 49): (28, 24),
        (50, 59): (23, 21),
        (60, 69): (19, 19),
        (70, 79): (14, 16),
        (80, 89): (10, 13),
    }
)
HEEL_RAISE_RETEST_REPS = 6

BALANCE_CAP_S = 45.0
BALANCE_FALL_RISK_S = 5.0
#: (age_min, age_max or None) -> seconds, eyes open, best of up to 3 tries, both sexes.
#: 18-59: Springer 2007, the rows for both sexes together; 60+: Bohannon 2006 (meta-analysis).
#: docs/self-tests.md says why the older ages keep Bohannon's lower times.
BALANCE_EYES_OPEN_BY_AGE: Mapping[tuple[int, int | None], float] = MappingProxyType(
    {
        (18, 39): 44.7,
        (40, 49): 41.9,
        (50, 59): 41.2,
        (60, 69): 27.0,
        (70, 79): 17.2,
        (80, None): 8.5,
    }
)
#: The published source of each eyes-open age band above.
BALANCE_EYES_OPEN_SOURCE: Mapping[tuple[int, int | None], str] = MappingProxyType(
    {
        (18, 39): "springer-2007",
        (40, 49): "springer-2007",
        (50, 59): "springer-2007",
        (60, 69): "bohannon-2006",
        (70, 79): "bohannon-2006",
        (80, None): "bohannon-2006",
    }
)
#: (age_min, age_max or None) -> (men, women) seconds, eyes closed, best of 3 tries
#: (Springer 2007, published by sex; the study found no sex difference).
BALANCE_EYES_CLOSED_BY_AGE: Mapping[tuple[int, int | None], tuple[float, float]] = MappingProxyType(
    {
        (18, 39): (16.9, 13.1),
        (40, 49): (12.0, 13.5),
        (50, 59): (8.6, 7.9),
        (60, 69): (5.1, 3.6),
        (70, 79): (2.6, 3.7),
        (80, None): (1.8, 2.1),
    }
)
BALANCE_MAX_TRIES = 3

NAVICULAR_NORMAL_BELOW_MM = 10.0
NAVICULAR_ABNORMAL_ABOVE_MM = 15.0

PAIN_ACCEPTABLE_MAX = 3
PAIN_CAUTION_MAX = 5
PAIN_ACUTE_FROM = 8
PAIN_SRC_POINTS = 2.0
PAIN_SRC_FRACTION = 0.30

FAAM_ADL_ITEMS = 21
FAAM_SPORTS_ITEMS = 8
FAAM_MIN_ANSWERED_FRACTION = 0.90
FAAM_MCID = {"adl": 8.0, "sports": 9.0}

TOE_ITEMS = ("spread", "big_toe_lift", "small_toe_lift")
TOE_ASYMMETRY_POINTS = 1
GRADES = ("poor", "fair", "good")
PASS_FAIL = ("fail", "pass")


# --- sources ---------------------------------------------------------------------------------

SOURCES: Mapping[str, Source] = MappingProxyType(
    {
        s.id: s
        for s in (
            Source(
                "hoch-mckeon-2011",
                "Hoch MC, McKeon PO. Normative range of weight-bearing lunge test performance "
                "asymmetry in healthy adults. Man Ther 2011;16(5):516-519.",
                "paper",
            ),
            Source(
                "bennell-1998",
                "Bennell K et al. Intra-rater and inter-rater reliability of a weight-bearing "
                "lunge measure of ankle dorsiflexion. Aust J Physiother 1998;44(3):175-180.",
                "paper",
            ),
            Source(
                "powden-2015",
                "Powden CJ, Hoch JM, Hoch MC. Reliability and minimal detectable change of the "
                "weight-bearing lunge test: a systematic review. Man Ther 2015;20(4):524-532.",
                "paper",
            ),
            Source(
                "chisholm-2012",
                "Chisholm MD et al. Reliability and validity of a weight-bearing measure of "
                "ankle dorsiflexion range of motion. Physiother Can 2012;64(4):347-355.",
                "paper",
            ),
            Source(
                "hebert-losier-2017",
                "Hébert-Losier K, Wessman C, Alricsson M, Svantesson U. Updated reliability and "
                "normative values for the standing heel-rise test in healthy adults. "
                "Physiotherapy 2017;103(4):446-452.",
                "paper",
            ),
            Source(
                "springer-2007",
                "Springer BA, Marin R, Cyhan T, Roberts H, Gill NW. Normative values for the "
                "unipedal stance test with eyes open and closed. J Geriatr Phys Ther "
                "2007;30(1):8-15.",
                "paper",
            ),
            Source(
                "bohannon-2006",
                "Bohannon RW. Single limb stance times: a descriptive meta-analysis of data from "
                "individuals at least 60 years of age. Top Geriatr Rehabil 2006;22(1):70-77.",
                "paper",
            ),
            Source(
                "vellas-1997",
                "Vellas BJ et al. One-leg balance is an important predictor of injurious falls "
                "in older persons. J Am Geriatr Soc 1997;45(6):735-738.",
                "paper",
            ),
            Source(
                "brody-1982",
                "Brody DM. Techniques in the evaluation and treatment of the injured runner. "
                "Orthop Clin North Am 1982;13(3):541-558.",
                "paper",
            ),
            Source(
                "mulligan-cook-2013",
                "Mulligan EP, Cook PG. Effect of plantar intrinsic muscle training on medial "
                "longitudinal arch morphology and dynamic function. Man Ther 2013;18(5):425-430.",
                "paper",
            ),
            Source(
                "silbernagel-2007",
                "Silbernagel KG et al. Continued sports activity, using a pain-monitoring model, "
                "during rehabilitation in patients with Achilles tendinopathy. Am J Sports Med "
                "2007;35(6):897-906.",
                "paper",
            ),
            Source(
                "farrar-2001",
                "Farrar JT et al. Clinical importance of changes in chronic pain intensity "
                "measured on an 11-point numerical pain rating scale. Pain 2001;94(2):149-158.",
                "paper",
            ),
            Source(
                "martin-2005",
                "Martin RL et al. Evidence of validity for the Foot and Ankle Ability Measure "
                "(FAAM). Foot Ankle Int 2005;26(11):968-983.",
                "paper",
            ),
        )
    }
)


# --- norm tables -----------------------------------------------------------------------------


def _knee_to_wall_norms() -> tuple[Norm, ...]:
    low = round(KNEE_TO_WALL_MEAN_CM - KNEE_TO_WALL_SD_CM, 2)
    high = round(KNEE_TO_WALL_MEAN_CM + KNEE_TO_WALL_SD_CM, 2)
    return (
        Norm(
            reference=KNEE_TO_WALL_MEAN_CM,
            spread=KNEE_TO_WALL_SD_CM,
            label=(
                f"adults: mean {_num(KNEE_TO_WALL_MEAN_CM)} +/- {_num(KNEE_TO_WALL_SD_CM)} cm; "
                f"typical {_num(low)}-{_num(high)} cm"
            ),
            source="hoch-mckeon-2011",
            age_min=18,
            low_below=low,
            high_above=high,
        ),
    )


def _heel_raise_norms() -> tuple[Norm, ...]:
    rows: list[Norm] = []
    for (lo, hi), (men, women) in HEEL_RAISE_BY_AGE.items():
        for sex, ref in ((Sex.MALE, men), (Sex.FEMALE, women)):
            rows.append(
                Norm(
                    reference=float(ref),
                    label=f"{sex.value}, {lo}-{hi}: median {ref} reps",
                    source="hebert-losier-2017",
                    age_min=lo,
                    age_max=hi,
                    sex=sex,
                    low_below=float(ref - HEEL_RAISE_RETEST_REPS),
                    high_above=float(ref + HEEL_RAISE_RETEST_REPS),
                )
            )
    return tuple(rows)


def _balance_eyes_open_norms() -> tuple[Norm, ...]:
    rows: list[Norm] = []
    for (lo, hi), seconds in BALANCE_EYES_OPEN_BY_AGE.items():
        ages = f"{lo}+" if hi is None else f"{lo}-{hi}"
        rows.append(
            Norm(
                reference=seconds,
                label=f"ages {ages}, eyes open: {_num(seconds)} s",
                source=BALANCE_EYES_OPEN_SOURCE[(lo, hi)],
                age_min=lo,
                age_max=hi,
                low_below=seconds,
                ceiling=BALANCE_CAP_S,
            )
        )
    return tuple(rows)


def _balance_eyes_closed_norms() -> tuple[Norm, ...]:
    rows: list[Norm] = []
    for (lo, hi), (men, women) in BALANCE_EYES_CLOSED_BY_AGE.items():
        ages = f"{lo}+" if hi is None else f"{lo}-{hi}"
        for sex, seconds in ((Sex.MALE, men), (Sex.FEMALE, women)):
            rows.append(
                Norm(
                    reference=seconds,
                    label=f"{sex.value}, ages {ages}, eyes closed: {_num(seconds)} s",
                    source="springer-2007",
                    age_min=lo,
                    age_max=hi,
                    sex=sex,
                    low_below=seconds,
                    ceiling=BALANCE_CAP_S,
                )
            )
    return tuple(rows)


def _navicular_norms() -> tuple[Norm, ...]:
    return (
        Norm(
            reference=None,
            label=(
                f"under {_num(NAVICULAR_NORMAL_BELOW_MM)} mm normal, "
                f"over {_num(NAVICULAR_ABNORMAL_ABOVE_MM)} mm abnormal"
            ),
            source="brody-1982",
            high_above=NAVICULAR_ABNORMAL_ABOVE_MM,
            borderline_from=NAVICULAR_NORMAL_BELOW_MM,
        ),
    )


# --- the catalogue ---------------------------------------------------------------------------

_TOE_SCALE = (
    "Score each movement 0-3: 0 = cannot do it; 1 = only with the other toes or the whole "
    "foot joining in; 2 = done, but small or with some unwanted movement; 3 = clean, full "
    "and easy."
)

_TESTS: tuple[SelfTest, ...] = (
    SelfTest(
        id="knee_to_wall_cm",
        name="Knee-to-wall",
        unit="cm",
        shape=Shape.NUMBER,
        sided=True,
        valid=ValidRange(0, 30, unit="cm"),
        purpose="Ankle bend (dorsiflexion) under body weight, the 'heel lunge'.",
        equipment=("wall", "tape measure"),
        protocol=(
            "Barefoot, face a wall. Lay a tape measure on the floor at right angles to the "
            "wall, with zero touching the wall.",
            "Put the foot you are testing on the tape, big toe pointing straight at the wall. "
            "Step the other foot back; your hands may rest on the wall.",
            "Bend the front knee forward until it touches the wall, keeping the whole front "
            "heel pressed to the floor.",
            "If the knee reaches easily, move the foot half a centimetre further back and try "
            "again. If the heel lifts or the knee falls short, move it forward.",
            "Note the longest distance from the tip of the big toe to the wall at which the "
            "knee still touches with the heel down.",
            "Test the other foot. Retest on the same wall, at the same time of day, so that "
            "results compare fairly.",
        ),
        norms=_knee_to_wall_norms(),
        norm_summary=(
            f"Adults {_num(KNEE_TO_WALL_MEAN_CM)} +/- {_num(KNEE_TO_WALL_SD_CM)} cm; "
            f"1 cm is about {_num(DEGREES_PER_CM)} degrees of ankle bend."
        ),
        band_rule=(
            "low below mean - 1 SD (9.2 cm), high above mean + 1 SD (14.8 cm), typical "
            "in between (edges included)."
        ),
        asymmetry_threshold=KNEE_TO_WALL_ASYMMETRY_CM,
        asymmetry_rule="flagged when the sides differ by more than 1.5 cm",
        smallest_real_change=KNEE_TO_WALL_SRC_CM,
        change_rule="a change of 1.9 cm or more (same tester) is real",
        higher_is_better=True,
        sources=("hoch-mckeon-2011", "bennell-1998", "chisholm-2012", "powden-2015"),
        short_name="Knee-to-wall",
        aliases=("knee-to-wall", "knee_to_wall", "ktw", "heel-lunge", "lunge"),
    ),
    SelfTest(
        id="heel_raise_reps",
        name="Single-leg heel raise to fatigue",
        unit="reps",
        shape=Shape.NUMBER,
        sided=True,
        valid=ValidRange(0, 150, whole=True, unit="reps"),
        purpose="Endurance strength of the calf, Achilles tendon and foot.",
        equipment=("wall", "metronome (a phone app) at 60 beats per minute"),
        protocol=(
            "Start a metronome at 60 beats per minute.",
            "Stand barefoot on the leg you are testing, facing a wall, fingertips on the wall "
            "for balance only (no pushing or pulling).",
            "On one beat rise as high as you can onto the ball of the foot; on the next beat "
            "lower the heel to the floor. Keep the knee straight.",
            "Count each full rise. Stop when you can no longer rise as high as at the start, "
            "fall behind the beat, bend the knee or lean on your fingers.",
            "Rest two minutes, then test the other leg.",
        ),
        norms=_heel_raise_norms(),
        norm_summary=(
            "Median 24 reps for men and 21 for women; by age (men/women) 20-29 37/30, "
            "30-39 32/27, 40-49 28/24, 50-59 23/21, 60-69 19/19, 70-79 14/16, 80-89 10/13. "
            "Retest agreement +/- 6 reps. The source study tested on a 10-degree incline "
            "board; on a flat floor read the comparison as approximate."
        ),
        band_rule=(
            "low below the age-and-sex median minus 6 reps (the retest band), high above it "
            "plus 6, typical in between (edges included)."
        ),
        asymmetry_threshold=float(HEEL_RAISE_RETEST_REPS),
        asymmetry_rule=(
            "flagged when the sides differ by more than 6 reps (footcore's choice: the "
            "retest band; no side threshold is published)"
        ),
        smallest_real_change=float(HEEL_RAISE_RETEST_REPS),
        change_rule="a change of 6 reps or more is real (retest agreement +/- 6 reps)",
        higher_is_better=True,
        sources=("hebert-losier-2017",),
        short_name="Heel raise",
        aliases=("heel-raise", "heel_raise", "calf-raise", "heel-rise"),
    ),
    SelfTest(
        id="balance_eyes_open_s",
        name="Single-leg balance, eyes open",
        unit="s",
        shape=Shape.TRIES,
        sided=True,
        valid=ValidRange(0, 120, unit="s"),
        purpose="Standing balance on one foot; in older adults a marker of fall risk.",
        equipment=("timer", "wall or sturdy chair within reach"),
        protocol=(
            "Barefoot, stand beside a wall or the back of a sturdy chair, close enough to "
            "grab it, on a clear floor.",
            "Cross your arms over your chest (the norms were measured that way) and look at a "
            "fixed point ahead at eye level.",
            "Lift one foot just clear of the floor, near the standing ankle but not resting on "
            "the standing leg, and start the timer.",
            "Stop the timer when the lifted foot touches down or touches the standing leg, the "
            "standing foot shifts, your arms uncross, you reach for support, or 45 s pass.",
            "Do three tries on each foot and keep the best; anything over 45 s counts as 45.",
        ),
        norms=_balance_eyes_open_norms(),
        norm_summary=(
            "Eyes open, best of 3 tries, both sexes: 18-39 44.7 s, 40-49 41.9 s, 50-59 41.2 s "
            "(Springer 2007); 60-69 27 s, 70-79 17.2 s, 80+ 8.5 s (Bohannon 2006, a "
            "meta-analysis of older adults). Under 5 s is a fall risk marker. Capped at 45 s: a "
            "result of 45 s is at or above every norm. No norm under 18."
        ),
        band_rule=(
            "low below the age reference, typical at or above it (a result at the 45 s cap is "
            "always typical); no norm under 18."
        ),
        asymmetry_threshold=None,
        asymmetry_rule="no side threshold is published; sides are shown, not flagged",
        smallest_real_change=None,
        change_rule="no smallest real change is published; changes are shown without a verdict",
        higher_is_better=True,
        sources=("springer-2007", "bohannon-2006", "vellas-1997"),
        short_name="Balance, eyes open",
        aliases=("balance", "balance-eyes-open", "balance_eyes_open", "single-leg-balance"),
    ),
    SelfTest(
        id="balance_eyes_closed_s",
        name="Single-leg balance, eyes closed",
        unit="s",
        shape=Shape.TRIES,
        sided=True,
        valid=ValidRange(0, 120, unit="s"),
        purpose="Balance without vision: how well the foot and ankle sense position.",
        equipment=("timer", "wall or sturdy chair within reach"),
        protocol=(
            "Only do this test if you can stand on one leg with your eyes open for a while; "
            "have a wall or chair within reach and ideally someone nearby.",
            "Barefoot, arms crossed over your chest, lift one foot just clear of the floor, "
            "near the standing ankle but not resting on the standing leg.",
            "Once steady, close your eyes and start the timer.",
            "Stop when the lifted foot touches down or touches the standing leg, the standing "
            "foot shifts, your arms uncross, you open your eyes or reach for support, or 45 s "
            "pass.",
            "Do three tries on each foot and keep the best; anything over 45 s counts as 45.",
        ),
        norms=_balance_eyes_closed_norms(),
        norm_summary=(
            "Eyes closed, best of 3 tries, women/men: 18-39 13.1/16.9 s, 40-49 13.5/12 s, "
            "50-59 7.9/8.6 s, 60-69 3.6/5.1 s, 70-79 3.7/2.6 s, 80+ 2.1/1.8 s (Springer 2007, "
            "which found no real difference between the sexes). Capped at 45 s. No norm under "
            "18."
        ),
        band_rule=(
            "low below the age-and-sex reference (the mean of the women's and men's figures "
            "when sex is unspecified), typical at or above it; no norm under 18."
        ),
        asymmetry_threshold=None,
        asymmetry_rule="no side threshold is published; sides are shown, not flagged",
        smallest_real_change=None,
        change_rule="no smallest real change is published; changes are shown without a verdict",
        higher_is_better=True,
        sources=("springer-2007",),
        short_name="Balance, eyes closed",
        aliases=("balance-eyes-closed", "balance_eyes_closed", "balance-closed"),
    ),
    SelfTest(
        id="toe_isolation",
        name="Toe isolation",
        unit="points (0-3 each)",
        shape=Shape.TOE_ITEMS,
        sided=True,
        valid=ValidRange(0, 3, whole=True, unit="points"),
        purpose="Control of the small foot muscles: moving the toes one group at a time.",
        equipment=("chair",),
        protocol=(
            "Sit barefoot with both feet flat on the floor, knees above the ankles.",
            "Spread: fan all five toes as wide apart as you can while they stay on the floor.",
            "Big-toe lift: lift the big toe alone while the four small toes stay pressed down.",
            "Small-toe lift: press the big toe down and lift the four small toes.",
            "Keep the arch up and the ankle still throughout; do each foot.",
            _TOE_SCALE,
        ),
        norms=(),
        norm_summary=(
            "No population norm is published; practice usually raises the scores within "
            "about 4 weeks."
        ),
        band_rule=(
            "low when any movement scores 0 or 1, high when all three score 3, typical "
            "otherwise (a criterion on the scale, not a population norm)."
        ),
        asymmetry_threshold=float(TOE_ASYMMETRY_POINTS),
        asymmetry_rule=(
            "flagged when any movement differs between the feet by more than 1 point "
            "(footcore's choice)"
        ),
        smallest_real_change=None,
        change_rule="no smallest real change is published; changes are shown without a verdict",
        higher_is_better=True,
        sources=(),
        short_name="Toe isolation",
        aliases=("toe-isolation", "toe-yoga", "toes"),
    ),
    SelfTest(
        id="short_foot",
        name="Short-foot hold",
        unit="grade",
        shape=Shape.GRADE,
        sided=True,
        valid=ValidRange(0, 2, whole=True),
        purpose="Holding the arch with the small foot muscles while standing on one leg.",
        equipment=("timer", "wall or chair within reach"),
        protocol=(
            "Stand barefoot on the leg you are testing, a hand near a wall or chair.",
            "Shorten the foot: draw the ball of the foot towards the heel by lifting the "
            "arch, without curling the toes or lifting the ball or the heel.",
            "Hold the shortened foot for 30 s while balancing, toes relaxed on the floor.",
            "Grade it: good = arch held the whole 30 s with relaxed toes; fair = held, but the "
            "toes gripped or the arch slipped and came back; poor = could not form the arch "
            "or lost it before 10 s.",
            "Test the other foot.",
        ),
        norms=(),
        norm_summary="Graded poor / fair / good; no population norm is published.",
        band_rule="poor = low, fair = typical, good = high.",
        asymmetry_threshold=1.0,
        asymmetry_rule=(
            "flagged when the grades differ by more than one step (poor on one foot, good on "
            "the other)"
        ),
        smallest_real_change=None,
        change_rule="no smallest real change is published; changes are shown without a verdict",
        higher_is_better=True,
        sources=(),
        short_name="Short-foot hold",
        aliases=("short-foot", "short-foot-hold", "doming"),
    ),
    SelfTest(
        id="paper_grip",
        name="Paper grip",
        unit="pass/fail",
        shape=Shape.PASS_FAIL,
        sided=True,
        valid=ValidRange(0, 1, whole=True),
        purpose="Strength of the toe flexors, above all the big toe pressing down.",
        equipment=("chair", "a card or stiff paper"),
        protocol=(
            "Sit with the foot flat on a hard floor, knee bent to a right angle.",
            "Slide a card under the big toe. Press the toe down to pin the card, keeping the "
            "ankle and the rest of the foot still.",
            "With your hand (or a helper's), pull the card slowly out.",
            "Repeat with the card under the four small toes.",
            "Pass if the toes hold the card firmly both times so that it drags; fail if it "
            "slides out easily. Test the other foot.",
        ),
        norms=(),
        norm_summary="Pass / fail; no population norm is published.",
        band_rule="fail = low, pass = typical.",
        asymmetry_threshold=0.0,
        asymmetry_rule="flagged when one foot passes and the other fails",
        smallest_real_change=None,
        change_rule="no smallest real change is published; changes are shown without a verdict",
        higher_is_better=True,
        sources=(),
        short_name="Paper grip",
        aliases=("paper-grip", "card-grip"),
    ),
    SelfTest(
        id="navicular_drop_mm",
        name="Navicular drop",
        unit="mm",
        shape=Shape.NUMBER,
        sided=True,
        valid=ValidRange(0, 30, unit="mm"),
        purpose="How far the inner arch sinks when you stand up.",
        equipment=("washable pen", "stiff card", "ruler in mm", "chair"),
        protocol=(
            "Find the navicular bump: the bony knob on the inside of the foot, a little in "
            "front of and below the inner ankle bone. Mark it with a dot.",
            "Sit with the foot flat and relaxed, shin upright, no weight on it. Stand a card "
            "upright against the inside of the foot and mark the height of the dot on it.",
            "Stand up with your weight spread evenly over both feet, relaxed, and mark the "
            "new height of the dot on the same card.",
            "Measure the gap between the two marks in millimetres: that is the drop.",
            "Repeat twice more and take the average, then do the other foot.",
        ),
        norms=_navicular_norms(),
        norm_summary="Under 10 mm is normal, over 15 mm abnormal; 10-15 mm is a grey zone.",
        band_rule=(
            "high above 15 mm (abnormal), typical up to 15 mm; 10-15 mm is noted as "
            "borderline. No low cut-off is published."
        ),
        asymmetry_threshold=None,
        asymmetry_rule="no side threshold is published; sides are shown, not flagged",
        smallest_real_change=None,
        change_rule="no smallest real change is published; changes are shown without a verdict",
        higher_is_better=False,
        sources=("brody-1982", "mulligan-cook-2013"),
        short_name="Navicular drop",
        aliases=("navicular-drop", "navicular_drop", "arch-drop"),
    ),
    SelfTest(
        id="foot_length_mm",
        name="Foot length",
        unit="mm",
        shape=Shape.NUMBER,
        sided=True,
        valid=ValidRange(150, 350, unit="mm"),
        purpose="Foot structure; training may shorten the foot over about 4 months.",
        equipment=("sheet of paper", "wall", "pen", "ruler in mm"),
        protocol=(
            "Put a sheet of paper on a hard floor against a wall.",
            "Stand on it barefoot, weight evenly on both feet, heel touching the wall.",
            "Have a helper (or lean carefully) mark the tip of the longest toe.",
            "Measure from the wall to the mark in millimetres. Do both feet.",
        ),
        norms=(),
        norm_summary="No norm: tracked over time; structural change shows after ~4 months.",
        band_rule="no band: tracked against your own earlier results.",
        asymmetry_threshold=None,
        asymmetry_rule="no side threshold is published; sides are shown, not flagged",
        smallest_real_change=None,
        change_rule="no smallest real change is published; changes are shown without a verdict",
        higher_is_better=None,
        sources=(),
        short_name="Foot length",
        aliases=("foot-length",),
    ),
    SelfTest(
        id="arch_height_mm",
        name="Arch height",
        unit="mm",
        shape=Shape.NUMBER,
        sided=True,
        valid=ValidRange(10, 100, unit="mm"),
        purpose="Foot structure: height of the navicular bump standing; may rise with training.",
        equipment=("washable pen", "stiff card", "ruler in mm"),
        protocol=(
            "Mark the navicular bump as for the navicular drop test.",
            "Stand with your weight spread evenly over both feet, relaxed.",
            "Stand a card upright against the inside of the foot and mark the height of the "
            "dot on it.",
            "Measure from the floor to the mark in millimetres. Do both feet.",
        ),
        norms=(),
        norm_summary="No norm: tracked over time; structural change shows after ~4 months.",
        band_rule="no band: tracked against your own earlier results.",
        asymmetry_threshold=None,
        asymmetry_rule="no side threshold is published; sides are shown, not flagged",
        smallest_real_change=None,
        change_rule="no smallest real change is published; changes are shown without a verdict",
        higher_is_better=None,
        sources=(),
        short_name="Arch height",
        aliases=("arch-height", "navicular-height"),
    ),
    SelfTest(
        id="pain_nrs",
        name="Pain",
        unit="0-10",
        shape=Shape.PAIN,
        sided=False,
        valid=ValidRange(0, 10, whole=True),
        purpose="How much the foot hurts at a moment you can repeat, and where.",
        equipment=(),
        protocol=(
            "Pick one moment you can rate the same way every time, for example the first "
            "steps out of bed in the morning.",
            "Rate the pain at that moment from 0 (none) to 10 (the worst you can imagine).",
            "Note where it hurts (heel, arch, Achilles, ankle, forefoot, toes) and which side.",
            "Note any swelling, bruising, a sudden start, or being unable to put weight on "
            "the foot: these mean stop and get it checked.",
            "Rate at the same moment each time you retest.",
        ),
        norms=(),
        norm_summary=(
            "Pain-monitoring zones: 0-3 acceptable, 4-5 caution, above 5 see a clinician "
            "before loading. A change of 2 points or 30% is meaningful."
        ),
        band_rule="no band; zones: 0-3 acceptable, 4-5 caution, 6-10 see a clinician.",
        asymmetry_threshold=None,
        asymmetry_rule="not sided",
        smallest_real_change=PAIN_SRC_POINTS,
        change_rule="a change of 2 points or 30% of the earlier score (whichever is met) is real",
        higher_is_better=False,
        sources=("silbernagel-2007", "farrar-2001"),
        short_name="Pain",
        aliases=("pain", "pain-nrs", "nrs"),
    ),
    SelfTest(
        id="faam",
        name="Foot and Ankle Ability Measure",
        unit="%",
        shape=Shape.FAAM,
        sided=False,
        valid=ValidRange(0, 4, whole=True),
        purpose="How much the foot or ankle limits daily life (ADL) and sport, self-rated.",
        equipment=(),
        protocol=(
            "Think of the past week. For each activity, answer how hard it was because of "
            "your foot or ankle.",
            "4 = no difficulty, 3 = slight, 2 = moderate, 1 = extreme difficulty, "
            "0 = unable to do it.",
            "If something other than your foot or ankle limits the activity, or you did not "
            "do it, answer N/A.",
            "Answer all 21 daily-life items and, if you play sport, all 8 sport items.",
            "Each part scores sum / (answered x 4) x 100; at least 90% of its items must be "
            "answered (19 of 21; 8 of 8 for sport).",
        ),
        norms=(),
        norm_summary=(
            "Scored 0-100% (100 = no limitation); no population norm. A change of 8 points "
            "(ADL) or 9 points (Sports) is clinically important."
        ),
        band_rule="no band: compared against your own earlier scores.",
        asymmetry_threshold=None,
        asymmetry_rule="not sided",
        smallest_real_change=None,
        change_rule="a change of 8 points (ADL) or 9 points (Sports) or more is real",
        higher_is_better=True,
        sources=("martin-2005",),
        short_name="FAAM",
        aliases=("faam-adl", "faam-sports", "foot-and-ankle-ability-measure"),
    ),
)

TESTS: Mapping[str, SelfTest] = MappingProxyType({t.id: t for t in _TESTS})

_ALIASES: Mapping[str, str] = MappingProxyType(
    {
        **{alias: t.id for t in _TESTS for alias in t.aliases},
        **{t.id.replace("_", "-"): t.id for t in _TESTS},
    }
)

#: The FAAM items in order, named briefly in footcore's words (ADL 21, Sports 8).
FAAM_ITEMS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "adl": (
            "standing",
            "walking on even ground",
            "walking on even ground without shoes",
            "walking up hills",
            "walking down hills",
            "going up stairs",
            "going down stairs",
            "walking on uneven ground",
            "stepping up and down kerbs",
            "squatting",
            "coming up on your toes",
            "the first steps of a walk",
            "walking 5 minutes or less",
            "walking about 10 minutes",
            "walking 15 minutes or more",
            "jobs around the home",
            "everyday activities",
            "personal care",
            "light to moderate work (standing, walking)",
            "heavy work (pushing, pulling, climbing, carrying)",
            "recreational activities",
        ),
        "sports": (
            "running",
            "jumping",
            "landing",
            "starting and stopping quickly",
            "cutting and side-to-side moves",
            "low-impact activities",
            "doing your sport with your normal technique",
            "doing your sport for as long as you like",
        ),
    }
)


def resolve_test_id(name: str) -> str:
    """The canonical id for a test id or alias (``knee-to-wall`` -> ``knee_to_wall_cm``)."""
    key = name.strip().lower()
    if key in TESTS:
        return key
    if key in _ALIASES:
        return _ALIASES[key]
    raise NotFoundError("self-test", name, TESTS.keys())


def get_test(name: str) -> SelfTest:
    """The test with this id or alias; an unknown name raises with did-you-mean."""
    return TESTS[resolve_test_id(name)]


def degrees_from_cm(cm: float) -> float:
    """Knee-to-wall distance in cm as approximate degrees of ankle dorsiflexion."""
    return round(cm * DEGREES_PER_CM, 1)

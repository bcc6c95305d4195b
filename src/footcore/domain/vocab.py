"""The controlled vocabularies of footcore (DESIGN.md section 3).

Every term that appears in a catalogue file, a profile or a plan comes from one of these
enumerations. They are ``str`` enums so that they compare equal to their slugs and serialise
to JSON without help.
"""

from __future__ import annotations

from enum import StrEnum


class Term(StrEnum):
    """Base for vocabulary enums: the value is the public slug."""

    def __str__(self) -> str:
        return self.value

    @classmethod
    def slugs(cls) -> tuple[str, ...]:
        return tuple(member.value for member in cls)


class Category(Term):
    """What an exercise does; the order here is the order inside a session."""

    WARM_UP = "warm-up"
    RELEASE = "release"
    ACTIVATE = "activate"
    MOBILISE = "mobilise"
    STRETCH = "stretch"
    STRENGTHEN = "strengthen"
    BALANCE = "balance"
    GAIT = "gait"

    @property
    def rank(self) -> int:
        """Position of the category in the safe order of a session (0 = first)."""
        return list(Category).index(self)


class Slot(Term):
    """When in the day a short session happens."""

    MORNING = "morning"
    DESK = "desk"
    TEETH = "teeth"
    TV = "tv"
    PRE_RUN = "pre-run"
    POST_RUN = "post-run"


class Goal(Term):
    GENERAL = "general"
    PLANTAR_HEEL_PAIN = "plantar-heel-pain"
    ACHILLES = "achilles"
    ANKLE_MOBILITY = "ankle-mobility"
    MINIMALIST_TRANSITION = "minimalist-transition"
    FALLS_PREVENTION = "falls-prevention"
    POST_RUN_RECOVERY = "post-run-recovery"


class Equipment(Term):
    TOWEL = "towel"
    BALL = "ball"
    ROLLER = "roller"
    STEP = "step"
    BAND = "band"
    MARBLES = "marbles"
    SOFT_BALL = "soft-ball"
    WEIGHT = "weight"
    WALL = "wall"
    CHAIR = "chair"
    MAT = "mat"


class Load(Term):
    NONE = "none"
    LIGHT = "light"
    MODERATE = "moderate"
    HEAVY = "heavy"

    @property
    def rank(self) -> int:
        return _LOAD_RANK[self]


class StretchDepth(Term):
    GENTLE = "gentle"
    DEEP = "deep"


class RunKind(Term):
    """The kind of running a day holds."""

    NONE = "none"
    EASY = "easy"
    LONG = "long"
    HARD = "hard"


class Weekday(Term):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    @property
    def number(self) -> int:
        """Monday is 0, like ``datetime.date.weekday()``."""
        return _WEEKDAY_NUMBER[self]

    @classmethod
    def from_index(cls, index: int) -> Weekday:
        return _WEEKDAYS[index % 7]


_LOAD_RANK = {load: i for i, load in enumerate(Load)}
_WEEKDAYS = tuple(Weekday)
_WEEKDAY_NUMBER = {day: i for i, day in enumerate(_WEEKDAYS)}


class Position(Term):
    """The body position an exercise is done in."""

    SEATED = "seated"
    LONG_SITTING = "long-sitting"
    STANDING = "standing"
    SUPPORTED_STANDING = "supported-standing"
    SINGLE_LEG = "single-leg"
    KNEELING = "kneeling"
    ALL_FOURS = "all-fours"
    WALKING = "walking"


class Target(Term):
    """The tissue or structure an exercise works."""

    PLANTAR_FASCIA = "plantar-fascia"
    INTRINSIC_FOOT = "intrinsic-foot"
    TOE_FLEXORS = "toe-flexors"
    FLEXOR_HALLUCIS_BREVIS = "flexor-hallucis-brevis"
    TIBIALIS_POSTERIOR = "tibialis-posterior"
    ACHILLES_CALF = "achilles-calf"
    BIG_TOE_JOINT = "big-toe-joint"
    ANKLE = "ankle"


class Sex(Term):
    FEMALE = "female"
    MALE = "male"
    UNSPECIFIED = "unspecified"


class Side(Term):
    LEFT = "left"
    RIGHT = "right"


class PainSite(Term):
    HEEL = "heel"
    ARCH = "arch"
    ACHILLES = "achilles"  # the tendon itself, a few centimetres above the heel (mid-portion)
    ACHILLES_INSERTION = "achilles-insertion"  # where the tendon meets the heel bone
    ANKLE = "ankle"
    FOREFOOT = "forefoot"
    TOES = "toes"

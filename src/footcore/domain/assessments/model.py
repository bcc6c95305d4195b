"""The self-test types: a test, its valid range, its norms, and the words for bands and shapes.

The tests themselves are data (``data/self-tests.toml``, read by
:mod:`footcore.domain.assessments.loading`); :mod:`footcore.domain.assessments.definitions`
holds the loaded catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from footcore.domain.phrases import Figure, Said
from footcore.domain.vocab import Sex

#: The values an answer may take, as the interactive battery says them (shapes of
#: :class:`~footcore.domain.phrases.Said`: ``babel.cfg`` hands them to the extraction).
RANGE_WHOLE = "a whole number from %(low)s to %(high)s"
RANGE_WHOLE_UNIT = "a whole number from %(low)s to %(high)s %(unit)s"
RANGE_NUMBER = "a number from %(low)s to %(high)s"
RANGE_NUMBER_UNIT = "a number from %(low)s to %(high)s %(unit)s"


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
        return f"{kind} from {num(self.low)} to {num(self.high)}{unit}"

    def described(self) -> Said:
        """:meth:`describe` as a sentence another language can say again (the same
        English)."""
        low, high = Figure(num(self.low)), Figure(num(self.high))
        if self.unit:
            shape = RANGE_WHOLE_UNIT if self.whole else RANGE_NUMBER_UNIT
            return Said.of(shape, low=low, high=high, unit=Said.of(self.unit))
        return Said.of(RANGE_WHOLE if self.whole else RANGE_NUMBER, low=low, high=high)

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


def num(x: float) -> str:
    """A number as prose writes it (12.0 -> 12, 2.8 -> 2.8)."""
    return f"{x:g}"

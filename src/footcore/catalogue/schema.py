"""The shape of one catalogue file, as pydantic models (unknown keys are refused).

These models check types, required keys, vocabularies and plain ranges of one exercise or
source at a time. Rules that look at several keys together (dose sanity, slot rules) or at
several exercises (links, chains, duplicates) live in :mod:`footcore.catalogue.rules`.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, Strict, StringConstraints

from footcore.domain.demonstration import MAX_LABEL, Base, PropKind, View
from footcore.domain.vocab import (
    Category,
    Equipment,
    Goal,
    Load,
    Position,
    Slot,
    StretchDepth,
    Target,
    Term,
)

Text = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1)]
SLUG_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
Slug = Annotated[
    str,
    StringConstraints(strict=True, pattern=rf"^{SLUG_PATTERN.pattern}$", max_length=60),
]
Int = Annotated[int, Strict()]
Seconds = Annotated[float, Strict(), Field(gt=0, le=10)]

# Upper bounds that keep a typing slip (300 reps, a 20-minute hold) out of a plan.
MAX_SETS = 10
MAX_REPS = 100
MAX_HOLD_S = 120
MAX_DURATION_S = 900
MAX_STEPS = 20_000
MAX_REST_S = 300


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TempoModel(_Strict):
    up_s: Seconds
    hold_s: Annotated[float, Strict(), Field(ge=0, le=10)]
    down_s: Seconds


class DoseModel(_Strict):
    sets: Annotated[int, Strict(), Field(ge=1, le=MAX_SETS)]
    reps: Annotated[int, Strict(), Field(ge=1, le=MAX_REPS)] | None = None
    hold_s: Annotated[int, Strict(), Field(ge=1, le=MAX_HOLD_S)] | None = None
    duration_s: Annotated[int, Strict(), Field(ge=5, le=MAX_DURATION_S)] | None = None
    steps: Annotated[int, Strict(), Field(ge=100, le=MAX_STEPS)] | None = None
    per_side: Annotated[bool, Strict()] = False
    rest_s: Annotated[int, Strict(), Field(ge=0, le=MAX_REST_S)] = 0
    tempo: TempoModel | None = None


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _angles(value: object) -> float | list[float]:
    if _is_number(value):
        return float(value)  # type: ignore[arg-type]
    if isinstance(value, list) and value and all(_is_number(v) for v in value):
        return [float(v) for v in value]
    raise ValueError(f"expected a number, or a list of numbers such as [0, 30] (got {value!r})")


def _names(value: object) -> str | list[str]:
    if isinstance(value, str) and value:
        return value
    if isinstance(value, list) and value and all(isinstance(v, str) and v for v in value):
        return list(value)
    raise ValueError(f"expected a name, or a list of names (one for each pose) (got {value!r})")


# An angle for both sides, or a list: [near, far] for legs and arms, five values for lift.
Angles = Annotated[float | list[float], PlainValidator(_angles)]
Names = Annotated[str | list[str], PlainValidator(_names)]
Label = Annotated[
    str, StringConstraints(strict=True, strip_whitespace=True, min_length=1, max_length=MAX_LABEL)
]


class PoseModel(_Strict):
    label: Label
    trunk: Angles | None = None
    neck: Angles | None = None
    hip: Angles | None = None
    knee: Angles | None = None
    ankle: Angles | None = None
    toes: Angles | None = None
    curl: Angles | None = None
    arch: Angles | None = None
    shoulder: Angles | None = None
    elbow: Angles | None = None
    wrist: Angles | None = None
    tilt: Angles | None = None
    lift: Angles | None = None
    spread: Angles | None = None
    press: list[str] = []
    move_s: Annotated[float, Strict(), Field(gt=0, le=60)] | None = None
    hold_s: Annotated[float, Strict(), Field(ge=0, le=120)] | None = None
    shift: Annotated[float, Strict(), Field(ge=-60, le=60)] | None = None


class PropModel(_Strict):
    kind: PropKind
    at: Names
    to: Names | None = None
    side: Literal["front", "back"] | None = None
    turn: Angles | None = None
    gather: Angles | None = None
    gap: Annotated[float, Strict(), Field(ge=0, le=30)] | None = None


class DemoModel(_Strict):
    like: Slug | None = None
    view: View | None = None
    base: Base | None = None
    anchor: str | None = None
    emphasis: list[str] = []
    arrows: list[str] = []
    hide: list[str] = []
    eyes: Literal["open", "closed"] | None = None
    props: list[PropModel] = []
    poses: list[PoseModel] = []


class ExerciseTextModel(_Strict):
    """An exercise's words in one more language (``[exercise.es]``): the same items as the
    English ones, in the same order (checked by :func:`footcore.catalogue.rules.check_texts`)."""

    name: Text
    description: Text
    cues: list[Text]
    faults: list[Text] = []
    cautions: list[Text]
    substitutes: dict[Equipment, Text] = {}
    poses: list[Label] = []


class ExerciseModel(_Strict):
    slug: Slug
    name: Text
    category: Category
    description: Text
    position: Position
    equipment: list[Equipment] = []
    substitutes: dict[Equipment, Text] = {}
    slots: list[Slot]
    targets: list[Target]
    goals: list[Goal]
    load: Load
    stretch_depth: StretchDepth | None = None
    cramp_risk: Annotated[bool, Strict()] = False
    dose: DoseModel
    cues: list[Text]
    faults: list[Text] = []
    cautions: list[Text]
    progressions: list[Slug] = []
    regressions: list[Slug] = []
    sources: list[Slug] = []
    demo: DemoModel | None = None
    # Its words in Spanish (footcore.domain.languages.TRANSLATED names every such key).
    es: ExerciseTextModel | None = None


class SourceModel(_Strict):
    citation: Text
    kind: Literal["paper", "article"]


# Which vocabulary a key draws its terms from, for "allowed: ..." messages.
VOCABULARIES: dict[str, tuple[str, type[Term]]] = {
    "category": ("category", Category),
    "position": ("position", Position),
    "equipment": ("equipment", Equipment),
    "substitutes": ("equipment", Equipment),
    "slots": ("slot", Slot),
    "targets": ("target", Target),
    "goals": ("goal", Goal),
    "load": ("load", Load),
    "stretch_depth": ("stretch depth", StretchDepth),
}
# The same for keys inside the demonstration (by their path, list positions left out).
DEMO_VOCABULARIES: dict[tuple[str, ...], tuple[str, type[Term]]] = {
    ("demo", "view"): ("view", View),
    ("demo", "base"): ("base posture", Base),
    ("demo", "props", "kind"): ("prop", PropKind),
}

MODEL_AT: dict[tuple[str, ...], type[BaseModel]] = {
    (): ExerciseModel,
    ("dose",): DoseModel,
    ("dose", "tempo"): TempoModel,
    ("demo",): DemoModel,
    ("demo", "poses"): PoseModel,
    ("demo", "props"): PropModel,
    ("es",): ExerciseTextModel,
}


class ExerciseDraft(BaseModel):
    """What could be read of an exercise, even when some keys are wrong or missing.

    Keys that failed :class:`ExerciseModel` are left out (``None``), so the rules in
    :mod:`footcore.catalogue.rules` can still check everything else and report it in the
    same run.
    """

    model_config = ConfigDict(extra="ignore", frozen=True)

    slug: Slug | None = None
    name: Text | None = None
    category: Category | None = None
    description: Text | None = None
    position: Position | None = None
    equipment: list[Equipment] | None = None
    substitutes: dict[Equipment, Text] | None = None
    slots: list[Slot] | None = None
    targets: list[Target] | None = None
    goals: list[Goal] | None = None
    load: Load | None = None
    stretch_depth: StretchDepth | None = None
    cramp_risk: Annotated[bool, Strict()] | None = None
    dose: DoseModel | None = None
    cues: list[Text] | None = None
    faults: list[Text] | None = None
    cautions: list[Text] | None = None
    progressions: list[Slug] | None = None
    regressions: list[Slug] | None = None
    sources: list[Slug] | None = None
    demo: DemoModel | None = None
    es: ExerciseTextModel | None = None


# Keys that may be left out of a file, with the value they then take.
DEFAULTS: dict[str, object] = {
    "equipment": [],
    "substitutes": {},
    "cramp_risk": False,
    "faults": [],
    "progressions": [],
    "regressions": [],
    "sources": [],
}

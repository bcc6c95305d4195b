"""Response and request models of the API: they make ``/openapi.json`` say what comes back.

The exercise models follow the ``footcore exercises --json`` contract (DESIGN.md section 3);
``extra="allow"`` keeps any key a later version adds, so the contract is extended, never cut.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from footcore.domain.vocab import (
    Category,
    Equipment,
    Goal,
    Load,
    Position,
    Sex,
    Slot,
    StretchDepth,
    Target,
)


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class TempoOut(BaseModel):
    up_s: float = Field(description="Seconds to lift.")
    hold_s: float = Field(description="Seconds to hold at the top.")
    down_s: float = Field(description="Seconds to lower.")


class DoseOut(_Open):
    sets: int
    reps: int | None = Field(description="Repetitions per set (null for timed work).")
    hold_s: int | None = Field(description="Seconds each repetition is held.")
    duration_s: int | None = Field(description="Seconds of work per set (timed work).")
    per_side: bool = Field(description="Done on the left, then the right.")
    rest_s: int = 0
    tempo: TempoOut | None = None
    steps: int | None = Field(None, description="Steps a day (walking progressions).")


class ExerciseOut(_Open):
    slug: str
    name: str
    category: Category
    description: str
    position: Position
    equipment: list[Equipment]
    substitutes: dict[Equipment, str] = Field(
        description="Equipment that may be replaced, with how to do without it."
    )
    slots: list[Slot]
    targets: list[Target]
    goals: list[Goal]
    load: Load
    stretch_depth: StretchDepth | None
    cramp_risk: bool
    dose: DoseOut
    dose_summary: str
    cues: list[str]
    faults: list[str]
    cautions: list[str]
    progressions: list[str] = Field(description="Slugs of harder exercises, next one first.")
    regressions: list[str] = Field(description="Slugs of easier exercises, nearest first.")
    sources: list[str] = Field(description="Ids of the sources behind the exercise.")
    origin: str = Field(description='"builtin" or the folder of a coach\'s own files.')


class ProblemOut(BaseModel):
    where: str = Field(description="The place of the problem, e.g. `query.category`.")
    message: str


class ErrorDetail(_Open):
    status: int
    kind: str = Field(description="not-found, invalid, bad-request, ...")
    message: str
    problems: list[ProblemOut] = Field(description="Every problem found, each located.")
    what: str | None = Field(None, description="For not-found: the kind of thing looked up.")
    name: str | None = Field(None, description="For not-found: the name that was not found.")
    suggestions: list[str] | None = Field(None, description="For not-found: close matches.")


class ErrorOut(BaseModel):
    error: ErrorDetail


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "The request cannot be used as it is."},
    404: {"model": ErrorOut, "description": "No such thing; suggestions are included."},
    422: {"model": ErrorOut, "description": "Invalid input; every problem is listed."},
}


class HealthOut(BaseModel):
    status: str = Field(examples=["ok"])
    version: str


class ValidRangeOut(BaseModel):
    low: float
    high: float
    whole: bool
    unit: str
    text: str = Field(description="The range in words.")


class NormOut(BaseModel):
    label: str
    reference: float | None
    age_min: int | None
    age_max: int | None
    sex: Sex | None
    low_below: float | None = Field(description="Results below this are `low`.")
    high_above: float | None = Field(description="Results above this are `high`.")
    source: str


class SourceOut(BaseModel):
    id: str
    citation: str
    kind: str


class SelfTestOut(_Open):
    id: str
    name: str
    unit: str
    shape: str = Field(description="The input shape of a result (number, tries, grade, ...).")
    sided: bool
    sides: list[str]
    valid: ValidRangeOut
    purpose: str
    equipment: list[str]
    protocol: list[str] = Field(description="The steps, in order.")
    norms: list[NormOut]
    norm_summary: str
    band_rule: str
    asymmetry_threshold: float | None
    asymmetry_rule: str
    smallest_real_change: float | None
    change_rule: str
    higher_is_better: bool | None
    sources: list[SourceOut]
    aliases: list[str]


class AssessmentIn(_Open):
    """An assessment to score, the input format of ``footcore assess score``."""

    age: int = Field(examples=[38])
    sex: Sex
    date: str | None = Field(None, description="YYYY-MM-DD")
    results: dict[str, Any] = Field(
        description="Results keyed by test id; one-sided tests take `{left, right}`.",
        examples=[{"knee_to_wall_cm": {"left": 10.5, "right": 12}, "pain_nrs": 2}],
    )
    notes: str | None = None


class FlagOut(BaseModel):
    code: str
    message: str


class FocusReasonOut(BaseModel):
    area: str
    reason: str


class AssessmentReportOut(_Open):
    """The scored report, as ``footcore assess score --json`` prints it."""

    schema_: str = Field(alias="schema")
    age: int
    sex: Sex
    date: str | None
    results: dict[str, dict[str, Any]] = Field(
        description="Per test: value, band, norm used, asymmetry, notes."
    )
    flags: list[FlagOut]
    focus: list[str] = Field(description="Goals or categories to emphasise, most important first.")
    focus_reasons: list[FocusReasonOut]

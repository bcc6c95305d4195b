"""The planning files' schema (pydantic models), for :func:`footcore.catalogue.protocols.
validate_planning`: the full check of a file that is not known good. The built-in files are
read without it (``protocols.planning_from_raw``), so importing pydantic is left to the
commands that validate."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict

from footcore.catalogue.schema import Slug, Text
from footcore.domain.planning.protocol import Days, Frequency
from footcore.domain.vocab import Category, Equipment, Goal, Load, PainSite, Slot, Target

Int = Annotated[int, Strict()]
Week = Annotated[int, Strict(), Field(ge=1, le=104)]
Priority = Annotated[float, Field(ge=0, le=200)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TempoModel(_Strict):
    up_s: Annotated[float, Field(gt=0, le=10)]
    hold_s: Annotated[float, Field(ge=0, le=10)]
    down_s: Annotated[float, Field(gt=0, le=10)]


class StageModel(_Strict):
    from_week: Week
    exercise: Slug
    sets: Annotated[int, Strict(), Field(ge=1, le=10)]
    reps: Annotated[int, Strict(), Field(ge=1, le=100)] | None = None
    hold_s: Annotated[int, Strict(), Field(ge=1, le=120)] | None = None
    duration_s: Annotated[int, Strict(), Field(ge=5, le=900)] | None = None
    rest_s: Annotated[int, Strict(), Field(ge=0, le=300)] | None = None
    tempo: TempoModel | None = None
    added_load: Text | None = None
    note: Text | None = None
    alternates: list[Slug] = []
    stand_ins: list[Slug] = []


def _kit(key: str) -> str:
    """A ``without`` key: one piece of equipment, or several joined by '+' (the form for a
    person who lacks all of them: ``step+weight``)."""
    for part in key.split("+"):
        Equipment(part)  # a ValueError names the unknown piece
    return key


Kit = Annotated[str, AfterValidator(_kit)]


class ItemModel(_Strict):
    id: Slug
    stage: list[StageModel] = Field(min_length=1)
    without: dict[Kit, list[StageModel]] = {}
    work: Literal["calf-raises", "bent-knee-calf-raises"] | None = None


class WantModel(_Strict):
    key: Slug
    category: Category
    priority: Priority
    reason: Text
    kind: Slug | None = None
    target: Target | None = None
    chain: Slug | None = None
    slot: Slot | None = None
    slots: list[Slot] = []
    days: Days = Days.ALL
    max_load: Load | None = None
    dynamic: bool = False
    double_leg: bool = False
    max_sets: Annotated[int, Strict(), Field(ge=1, le=10)] | None = None
    cramp_prone_only: bool = False
    gentle: bool = False


class PainModel(_Strict):
    reduced: list[ItemModel] | None = None
    reduced_note: Text | None = None
    high: list[ItemModel] = []
    high_note: Text | None = None
    high_frequency: Frequency = Frequency.DAILY
    reduced_keeps_loading_days: bool = False
    no_stretch: list[Target] = []
    no_stretch_ever: list[Target] = []
    avoid: list[Slug] = []
    avoid_when_high: list[Slug] = []


class WalkingModel(_Strict):
    exercise: Slug
    start_steps: Annotated[int, Strict(), Field(ge=100, le=20_000)]
    weekly_steps: Annotated[int, Strict(), Field(ge=0, le=2_000)]
    weekly_steps_reduced: Annotated[int, Strict(), Field(ge=0, le=2_000)]
    max_steps: Annotated[int, Strict(), Field(ge=100, le=20_000)]
    note: Text | None = None


class RunInModel(_Strict):
    from_week: Week
    start_minutes: Annotated[int, Strict(), Field(ge=1, le=60)]
    weekly_minutes: Annotated[int, Strict(), Field(ge=0, le=30)]
    step_weeks: Annotated[int, Strict(), Field(ge=1, le=8)] = 1
    max_minutes: Annotated[int, Strict(), Field(ge=1, le=180)]
    criteria: list[Text] = Field(min_length=1)
    warning: Text


class ProtocolModel(_Strict):
    id: Slug
    goal: Goal
    name: Text
    summary: Text
    sources: list[Slug] = Field(min_length=1)
    frequency: Frequency
    weeks: Week
    priority: Priority
    running: str
    item: list[ItemModel] = []
    pain: PainModel = PainModel()
    daily: list[WantModel] = []
    focus: list[WantModel] = []
    notes: list[Text] = []
    sites: list[PainSite] = []
    days_per_week: list[tuple[Week, Annotated[int, Strict(), Field(ge=1, le=7)]]] = []
    walking: WalkingModel | None = None
    run_in: RunInModel | None = None
    departs: Text | None = None
    beyond: Text | None = None
    retest: Text | None = None
    retest_weeks: list[Week] = []


class WeightsModel(_Strict):
    lead_bonus: Priority
    focus_priority: Priority
    focus_bonus: Priority
    focus_goal_offset: Annotated[float, Field(ge=-100, le=100)]


class ProtocolFileModel(_Strict):
    protocol: list[ProtocolModel] = Field(min_length=1)


class RoutinesFileModel(_Strict):
    weights: WeightsModel
    routine: list[WantModel] = []
    balance: list[WantModel] = []

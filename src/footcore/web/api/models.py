"""Response and request models of the API: they make ``/openapi.json`` say what comes back.

The exercise models follow the ``footcore exercises --json`` contract (DESIGN.md section 3);
``extra="allow"`` keeps any key a later version adds, so the contract is extended, never cut.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool

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
from footcore.services.logs import MAX_ITEMS, MAX_MINUTES, MAX_REPS, MAX_SECONDS, MAX_SETS


def _json_number(value: object) -> object:
    """JSON numbers only: pydantic alone would read ``true`` as 1 and ``"5"`` as 5, both of
    which the schema says are not numbers."""
    if isinstance(value, bool | str | bytes):
        raise ValueError("must be a number")
    return value


#: Request numbers as JSON Schema means them: an integer may be written 5 or 5.0, never
#: true or "5"; a number is any JSON number.
Whole = Annotated[int, BeforeValidator(_json_number)]
Number = Annotated[float, BeforeValidator(_json_number)]
#: The sides a logged rep count or hold time may be given for.
SIDES: dict[str, Any] = {"propertyNames": {"enum": ["left", "right", "both"]}}

#: Declared in the schema for text the services parse themselves (in their own words).
DATE: dict[str, Any] = {"format": "date"}
WEEKDAY: dict[str, Any] = {"enum": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]}
Weekday = Annotated[str, Field(json_schema_extra=WEEKDAY)]
CLOCK: dict[str, Any] = {"pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"}
TIME: dict[str, Any] = {"format": "date-time"}


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
    401: {"model": ErrorOut, "description": "Sign in first (multi-user mode)."},
    403: {
        "model": ErrorOut,
        "description": "Not allowed, a feature this install or account does not have, or a "
        "missing or wrong CSRF token on a change.",
    },
    404: {"model": ErrorOut, "description": "No such thing; suggestions are included."},
    409: {
        "model": ErrorOut,
        "description": "What is stored refuses it: nobody is set up yet (onboarding comes "
        "first; kind `not-set-up`), or the thing is done already (kind `conflict`).",
    },
    422: {"model": ErrorOut, "description": "Invalid input; every problem is listed."},
}


class HealthOut(BaseModel):
    status: str = Field(examples=["ok"])
    version: str


class ReadyOut(BaseModel):
    status: str = Field(examples=["ready"], description="`ready`, or `unavailable` (503).")
    database: str = Field(examples=["postgresql"], description="`sqlite` or `postgresql`.")
    reason: str | None = Field(
        None, description="Why the database did not answer (only when unavailable)."
    )


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

    age: Whole = Field(examples=[38], json_schema_extra={"minimum": 10, "maximum": 110})
    sex: Sex
    date: str | None = Field(None, description="YYYY-MM-DD", json_schema_extra=DATE)
    results: dict[str, Any] = Field(
        description="Results keyed by test id; one-sided tests take `{left, right}`.",
        json_schema_extra={"minProperties": 1},
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


# --- the athlete: profile, programme, today, sessions, runs, self-tests, progress ------------

_STRICT = ConfigDict(extra="forbid")


class PainIn(BaseModel):
    model_config = _STRICT
    nrs: Whole = Field(ge=0, le=10, description="Pain now, 0 (none) to 10 (worst imaginable).")
    site: str | None = Field(None, description="heel, arch, achilles, ankle, forefoot or toes.")


class RunningIn(BaseModel):
    model_config = _STRICT
    days: list[Weekday] = Field(default_factory=list, description="Running weekdays (mon..sun).")
    long_run_day: Weekday | None = None
    weekly_km: Number | None = Field(None, ge=0, le=400)
    hard_days: list[Weekday] = Field(default_factory=list)


class ProfileIn(BaseModel):
    """A profile: the same keys as a profile file (DESIGN.md section 3)."""

    model_config = _STRICT
    name: str = Field(min_length=1, max_length=80, examples=["Ana"])
    age: Whole = Field(ge=10, le=110, examples=[38])
    sex: Sex = Sex.UNSPECIFIED
    goals: list[Goal] = Field(default_factory=lambda: [Goal.GENERAL], min_length=1)
    equipment: list[Equipment] = Field(default_factory=list)
    minutes_per_day: Whole = Field(10, ge=2, le=60)
    slots: list[Slot] = Field(default_factory=lambda: list(Slot), min_length=1)
    cramp_prone: StrictBool = False
    pain: PainIn | None = None
    running: RunningIn | None = None
    slot_times: dict[Slot, Annotated[str, Field(json_schema_extra=CLOCK)]] | None = Field(
        None, description='Time of day of each slot, "HH:MM".'
    )
    time_zone: str | None = Field(
        None,
        min_length=1,
        max_length=64,
        description="The IANA time zone of the slot times (Europe/Lisbon), for calendars and "
        "reminders; without it, the server's zone.",
    )
    units: str = Field(
        "metric",
        description="metric or imperial.",
        json_schema_extra={"enum": ["metric", "imperial"]},
    )

    def to_profile(self) -> dict[str, Any]:
        """The mapping the services take (unset optional tables left out)."""
        return self.model_dump(mode="json", exclude_none=True)


class OnboardIn(BaseModel):
    model_config = _STRICT
    profile: ProfileIn
    start: str | None = Field(
        None, description="First day of the programme, YYYY-MM-DD.", json_schema_extra=DATE
    )


class AthleteOut(BaseModel):
    id: int
    name: str
    profile_version: int
    profile: dict[str, Any]


class ProgrammeInfoOut(BaseModel):
    id: int
    generator_version: str
    start: str
    weeks: int


class OnboardOut(BaseModel):
    athlete: AthleteOut
    programme: ProgrammeInfoOut


class DecisionOut(BaseModel):
    date: str
    chain: str
    action: str = Field(description="progress, regress, hold, unlock or move.")
    reason: str
    level: int | None


class PlanOut(_Open):
    """The programme in force, as ``footcore plan --json`` (``footcore.plan/1``)."""

    schema_: str = Field(alias="schema")
    start: str
    weeks: list[dict[str, Any]]
    profile: dict[str, Any]


class LevelOut(BaseModel):
    number: int
    title: str
    unlocks: str
    focus: str
    unlocked: bool
    current: bool


class TodayOut(_Open):
    """``footcore.today/1``: the day's sessions, what is logged and what changed."""

    schema_: str = Field(alias="schema")
    athlete: dict[str, Any]
    date: str
    week: int | None
    level: int | None
    focus: str | None
    flags: list[dict[str, Any]]
    notes: list[str]
    day: dict[str, Any] | None
    logged: list[dict[str, Any]]
    decisions_since_yesterday: list[DecisionOut]


class PlayerItemOut(_Open):
    index: int
    exercise: str
    name: str
    category: str
    targets: list[str]
    targets_text: str
    foot_map: str = Field(description="URL of the item's foot map (SVG).")
    cues: list[str]
    cautions: list[str]
    why: str
    sets: int
    reps: int | None
    hold_s: float | None
    duration_s: float | None
    per_side: bool
    minutes: float | None
    planned: dict[str, Any] = Field(description="The plan's item, stored with the log.")


class PlayerSessionOut(BaseModel):
    """One planned session, ready for the session player."""

    date: str
    slot: str
    slot_label: str
    minutes: float
    equipment: list[str] = Field(description="The athlete's equipment (for swaps).")
    items: list[PlayerItemOut]
    logged: dict[str, Any] | None = Field(description="What is already logged in this slot.")


class SessionOpenIn(BaseModel):
    model_config = _STRICT
    client_id: str = Field(min_length=1, max_length=64, description="Made by the client.")
    date: str = Field(description="YYYY-MM-DD", json_schema_extra=DATE)
    slot: Slot
    source: str = Field("guided", json_schema_extra={"enum": ["guided", "manual"]})
    planned_items: Whole = Field(0, ge=0, le=MAX_ITEMS)
    planned_minutes: Number = Field(0.0, ge=0, le=MAX_MINUTES)
    started_at: str | None = Field(
        None, description="ISO 8601 time with offset.", json_schema_extra=TIME
    )


class ItemIn(BaseModel):
    model_config = _STRICT
    index: Whole = Field(ge=0, le=MAX_ITEMS - 1)
    exercise: str = Field(min_length=1, max_length=80)
    planned: dict[str, Any] = Field(default_factory=dict)
    sets_done: Whole = Field(ge=0, le=MAX_SETS)
    reps: dict[str, Annotated[Whole, Field(ge=0, le=MAX_REPS)]] = Field(
        default_factory=dict, description="left, right or both.", json_schema_extra=SIDES
    )
    seconds: dict[str, Annotated[Number, Field(ge=0, le=MAX_SECONDS)]] = Field(
        default_factory=dict, description="left, right or both.", json_schema_extra=SIDES
    )
    skipped: StrictBool = False
    difficulty: Whole | None = Field(None, ge=1, le=5)
    pain: Whole | None = Field(None, ge=0, le=10)
    cramp: StrictBool | None = None
    note: str | None = Field(None, max_length=2000)
    started_at: str | None = Field(None, json_schema_extra=TIME)
    ended_at: str | None = Field(None, json_schema_extra=TIME)


class FeedbackIn(BaseModel):
    model_config = _STRICT
    difficulty: Whole | None = Field(None, ge=1, le=5, description="1 very easy .. 5 very hard.")
    pain: Whole | None = Field(None, ge=0, le=10, description="Pain during, 0-10.")
    cramp: StrictBool | None = None
    note: str | None = Field(None, max_length=2000)
    ended_at: str | None = Field(None, json_schema_extra=TIME)


class SessionLogIn(SessionOpenIn):
    """A whole session at once (also the player's final submission)."""

    items: list[ItemIn] = Field(default_factory=list)
    feedback: FeedbackIn = Field(default_factory=FeedbackIn)


class SessionCorrectionIn(BaseModel):
    """A logged session as it should have been: its exercises (all of them, replacing the
    logged ones) and its feedback."""

    model_config = _STRICT
    items: list[ItemIn] = Field(default_factory=list)
    feedback: FeedbackIn = Field(default_factory=FeedbackIn)


class SessionOpenOut(BaseModel):
    client_id: str
    session_id: int
    created: bool


class ItemStoredOut(BaseModel):
    client_id: str
    index: int
    stored: bool = Field(description="False when this item was stored before.")


class DecisionsOut(BaseModel):
    client_id: str
    decisions: list[DecisionOut]


class LogReceiptOut(BaseModel):
    client_id: str
    session_id: int
    items_stored: int
    items_already_stored: int
    decisions: list[DecisionOut]


class ItemLogOut(BaseModel):
    index: int
    exercise: str
    planned: dict[str, Any]
    sets_done: int
    reps: dict[str, int]
    seconds: dict[str, float]
    skipped: bool
    difficulty: int | None
    pain: int | None
    cramp: bool | None
    note: str | None


class SessionLogOut(BaseModel):
    client_id: str
    date: str
    slot: str
    source: str
    planned_items: int
    planned_minutes: float
    started_at: str
    ended_at: str | None
    finished: bool
    difficulty: int | None
    pain: int | None
    next_morning_pain: int | None
    cramp: bool | None
    note: str | None
    items: list[ItemLogOut]


class MorningPainIn(BaseModel):
    model_config = _STRICT
    date: str | None = Field(
        None, description="The morning, YYYY-MM-DD (default: today).", json_schema_extra=DATE
    )
    nrs: Whole = Field(ge=0, le=10)


class RunIn(BaseModel):
    model_config = _STRICT
    date: str = Field(description="YYYY-MM-DD", json_schema_extra=DATE)
    km: Number = Field(ge=0, le=400)
    minutes: Number = Field(gt=0, le=2880)
    kind: str = Field(
        description="easy, long or hard.", json_schema_extra={"enum": ["easy", "long", "hard"]}
    )
    felt: Whole | None = Field(
        None, ge=1, le=5, description="1 awful .. 5 great; leave out if you have no score."
    )
    note: str | None = Field(None, max_length=2000)
    client_id: str | None = Field(None, min_length=1, max_length=64)


class RunOut(BaseModel):
    id: int
    date: str
    km: float
    minutes: float
    kind: str
    felt: int | None = Field(description="1 awful .. 5 great; null: no score given.")
    note: str | None


class RunStoredOut(BaseModel):
    stored: bool = Field(description="False when a run with this client_id was stored before.")


class StoredAssessmentOut(BaseModel):
    id: int
    taken_on: str
    report: AssessmentReportOut


class ProgressOut(_Open):
    """``footcore.progress/1``: adherence, streaks, weekly minutes, self-tests, runs."""

    schema_: str = Field(alias="schema")
    athlete: dict[str, Any]
    date: str
    adherence: dict[str, Any]
    streaks: dict[str, Any]
    weekly_minutes: list[dict[str, Any]]
    self_tests: list[dict[str, Any]]
    runs_after_foot_work: dict[str, Any]
    recent_decisions: list[DecisionOut]


class EquivalentOut(BaseModel):
    slug: str
    name: str
    category: str
    targets: list[str]
    dose: DoseOut
    dose_summary: str
    foot_map: str
    cues: list[str]


class ImportedRunOut(BaseModel):
    file: str
    date: str
    km: float
    minutes: float
    kind: str
    reasons: list[str] = Field(description="Why the kind of run was chosen.")
    fingerprint: str


class FailedFileOut(BaseModel):
    file: str
    reason: str


class RunImportOut(BaseModel):
    files: int
    stored: list[ImportedRunOut]
    already_stored: list[ImportedRunOut]
    skipped: list[str] = Field(description="Rows that are not runs (a ride in a CSV, ...).")
    failed: list[FailedFileOut]

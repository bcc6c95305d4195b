"""The shapes of a plan (frozen dataclasses) and their JSON form ``footcore.plan/1``.

``plan_to_dict`` writes exactly the DESIGN.md contract (schema, profile, start, weeks with
number, level, focus and days; days with date, weekday, run and sessions; sessions with slot,
minutes and items; items with exercise, category, sets, reps, hold_s, duration_s, per_side,
load and why) plus documented extra keys (``generator_version``, ``flags``, ``notes``,
``focus_areas``, ``adjustments``, ``rules``; per week ``unlocks`` and ``next``; per day
``walking`` and ``notes``; per item ``name``, ``rules``, ``goals``, ``tempo``, ``rest_s``,
``steps``, ``minutes``, ``added_load``, ``substitute``, ``chain`` and ``step``).
``plan_from_dict`` reads it back: ``plan_from_dict(plan_to_dict(p)) == p``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from footcore.domain.errors import Problem, ValidationError
from footcore.domain.exercise import Dose, Tempo
from footcore.domain.planning.rules import RULES
from footcore.domain.profile import Profile, parse_profile, profile_to_dict
from footcore.domain.timing import total_minutes
from footcore.domain.vocab import Category, Load, RunKind, Slot, Weekday

SCHEMA = "footcore.plan/1"


@dataclass(frozen=True)
class PlanItem:
    """One exercise in a session, with its dose and the reasons it is there."""

    exercise: str
    name: str
    category: Category
    sets: int
    reps: int | None
    hold_s: int | None
    duration_s: int | None
    per_side: bool
    load: Load
    why: str
    minutes: float
    rules: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()
    tempo: Tempo | None = None
    rest_s: int = 0
    steps: int | None = None
    added_load: str | None = None
    substitute: str | None = None
    chain: str | None = None
    step: int | None = None  # 1-based position in the chain
    protocol: str | None = None  # the id of the protocol that prescribed it

    @property
    def dose(self) -> Dose:
        return Dose(
            sets=self.sets,
            reps=self.reps,
            hold_s=self.hold_s,
            duration_s=self.duration_s,
            per_side=self.per_side,
            rest_s=self.rest_s,
            tempo=self.tempo,
            steps=self.steps,
        )


@dataclass(frozen=True)
class Session:
    slot: Slot
    minutes: float
    items: tuple[PlanItem, ...]


@dataclass(frozen=True)
class Day:
    date: dt.date
    weekday: Weekday
    run: RunKind
    sessions: tuple[Session, ...]
    walking: PlanItem | None = None
    notes: tuple[str, ...] = ()

    @property
    def minutes(self) -> float:
        """Minutes of the day's sessions (walking is spread through ordinary walking)."""
        return total_minutes([s.minutes for s in self.sessions])

    @property
    def items(self) -> tuple[PlanItem, ...]:
        return tuple(i for s in self.sessions for i in s.items)


@dataclass(frozen=True)
class Week:
    number: int
    level: int
    focus: str
    days: tuple[Day, ...]
    unlocks: str = ""
    next: str | None = None


#: The flag of a plan that holds no session at all: none of the exercises this person can
#: do (equipment, safety rules) suits any of the moments they chose.
NOTHING_FITS = "nothing-fits"


@dataclass(frozen=True)
class Flag:
    """A message for the whole plan: the safety ones (``see-clinician``, ``stop-acute``,
    ``fall-risk``, ``reduced-load``, ``running``) and :data:`NOTHING_FITS`."""

    code: str
    message: str


@dataclass(frozen=True)
class Adjustments:
    """What adaptation (from logged sessions) changes in the next plan.

    ``chain_offsets``: chain id (root slug, ``Catalogue.chain_id``) -> steps moved, +1 per
    progress, -1 per regress, cumulative; clamped to the chain. ``unlocked_level``: None
    unlocks by calendar week, else the highest level unlocked so far. ``level_week``: the
    plan week it is known for (the current one); later weeks are projected one level more a
    week, as they will be if most sessions are done (:func:`level_for_week`). Without it the
    unlocked level caps every week.
    ``cramp_free_post_run``: after a logged cramp, no cramp-risk work after runs at all.
    ``pain_nrs``: the latest logged pain; overrides the profile's pain for the pain rule.
    ``recorded_runs``: date -> the kind of run actually recorded that day (imported or
    logged; the hardest when several); on those dates the plan follows what happened
    instead of the profile's running week, so the post-run and long-run rules apply to a
    real long or hard run.
    """

    chain_offsets: Mapping[str, int] = field(default_factory=dict, hash=False)
    unlocked_level: int | None = None
    level_week: int | None = None
    cramp_free_post_run: bool = False
    pain_nrs: int | None = None
    recorded_runs: Mapping[dt.date, RunKind] = field(default_factory=dict, hash=False)

    def run_on(self, date: dt.date, planned: RunKind) -> RunKind:
        """The day's run: the recorded one where there is one, else the ``planned`` one."""
        return self.recorded_runs.get(date, planned)


@dataclass(frozen=True)
class FocusNote:
    """A self-test focus area that shaped the plan (goal or category slug, and why)."""

    area: str
    reason: str


@dataclass(frozen=True)
class Plan:
    profile: Profile
    start: dt.date
    weeks: tuple[Week, ...]
    flags: tuple[Flag, ...] = ()
    notes: tuple[str, ...] = ()
    focus_areas: tuple[FocusNote, ...] = ()
    adjustments: Adjustments = field(default_factory=Adjustments)
    generator_version: str = ""

    @property
    def days(self) -> tuple[Day, ...]:
        return tuple(d for w in self.weeks for d in w.days)

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=7 * len(self.weeks) - 1)

    def week_of(self, date: dt.date) -> Week | None:
        index = (date - self.start).days
        if index < 0 or index >= 7 * len(self.weeks):
            return None
        return self.weeks[index // 7]


def level_for_week(number: int, adj: Adjustments, top: int = 6) -> int:
    """The level of plan week ``number``: the week number up to ``top``; capped by the level
    adaptation unlocked, which for weeks after ``adj.level_week`` is projected one level more
    a week (the next level unlocks once most of a week's sessions are done). One rule for
    the planner, the checker and every page."""
    level = min(number, top)
    if adj.unlocked_level is None:
        return level
    opened = adj.unlocked_level
    if adj.level_week is not None and number > adj.level_week:
        opened += number - adj.level_week
    return max(1, min(level, opened))


def day_of(plan: Plan, date: dt.date) -> Day | None:
    """The plan's day for this date, or None outside the plan."""
    week = plan.week_of(date)
    if week is None:
        return None
    return week.days[(date - plan.start).days % 7]


# --------------------------------------------------------------------------------------------
# To JSON


def _item_to_dict(item: PlanItem) -> dict[str, Any]:
    out: dict[str, Any] = {
        "exercise": item.exercise,
        "name": item.name,
        "category": str(item.category),
        "sets": item.sets,
        "reps": item.reps,
        "hold_s": item.hold_s,
        "duration_s": item.duration_s,
        "per_side": item.per_side,
        "load": str(item.load),
        "why": item.why,
        "rules": list(item.rules),
        "goals": list(item.goals),
        "minutes": item.minutes,
        "rest_s": item.rest_s,
        "tempo": None
        if item.tempo is None
        else {"up_s": item.tempo.up_s, "hold_s": item.tempo.hold_s, "down_s": item.tempo.down_s},
        "added_load": item.added_load,
        "substitute": item.substitute,
        "chain": item.chain,
        "step": item.step,
        "protocol": item.protocol,
    }
    if item.steps is not None:
        out["steps"] = item.steps
    return out


def day_to_dict(day: Day) -> dict[str, Any]:
    out: dict[str, Any] = {
        "date": day.date.isoformat(),
        "weekday": str(day.weekday),
        "run": str(day.run),
        "minutes": day.minutes,
        "sessions": [
            {
                "slot": str(s.slot),
                "minutes": s.minutes,
                "items": [_item_to_dict(i) for i in s.items],
            }
            for s in day.sessions
        ],
        "walking": None if day.walking is None else _item_to_dict(day.walking),
        "notes": list(day.notes),
    }
    return out


def week_to_dict(week: Week) -> dict[str, Any]:
    return {
        "number": week.number,
        "level": week.level,
        "focus": week.focus,
        "unlocks": week.unlocks,
        "next": week.next,
        "days": [day_to_dict(d) for d in week.days],
    }


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The plan as the ``footcore.plan/1`` JSON mapping (DESIGN.md section 3, extended)."""
    adj = plan.adjustments
    return {
        "schema": SCHEMA,
        "generator_version": plan.generator_version,
        "profile": profile_to_dict(plan.profile),
        "start": plan.start.isoformat(),
        "flags": [{"code": f.code, "message": f.message} for f in plan.flags],
        "notes": list(plan.notes),
        "focus_areas": [{"area": f.area, "reason": f.reason} for f in plan.focus_areas],
        "adjustments": {
            "chain_offsets": dict(sorted(adj.chain_offsets.items())),
            "unlocked_level": adj.unlocked_level,
            "level_week": adj.level_week,
            "cramp_free_post_run": adj.cramp_free_post_run,
            "pain_nrs": adj.pain_nrs,
            "recorded_runs": {d.isoformat(): str(k) for d, k in sorted(adj.recorded_runs.items())},
        },
        "rules": {r.id: {"title": r.title, "reason": r.reason} for r in RULES.values()},
        "weeks": [week_to_dict(w) for w in plan.weeks],
    }


# --------------------------------------------------------------------------------------------
# From JSON


def _opt_int(value: Any) -> int | None:
    return None if value is None else int(value)


def _item_from_dict(d: Mapping[str, Any]) -> PlanItem:
    tempo = d.get("tempo")
    return PlanItem(
        exercise=str(d["exercise"]),
        name=str(d.get("name", d["exercise"])),
        category=Category(d["category"]),
        sets=int(d["sets"]),
        reps=_opt_int(d.get("reps")),
        hold_s=_opt_int(d.get("hold_s")),
        duration_s=_opt_int(d.get("duration_s")),
        per_side=bool(d["per_side"]),
        load=Load(d["load"]),
        why=str(d["why"]),
        minutes=float(d.get("minutes", 0.0)),
        rules=tuple(str(r) for r in d.get("rules", ())),
        goals=tuple(str(g) for g in d.get("goals", ())),
        tempo=None
        if tempo is None
        else Tempo(float(tempo["up_s"]), float(tempo["hold_s"]), float(tempo["down_s"])),
        rest_s=int(d.get("rest_s", 0)),
        steps=_opt_int(d.get("steps")),
        added_load=d.get("added_load"),
        substitute=d.get("substitute"),
        chain=d.get("chain"),
        step=_opt_int(d.get("step")),
        protocol=d.get("protocol"),
    )


def day_from_dict(d: Mapping[str, Any]) -> Day:
    walking = d.get("walking")
    return Day(
        date=dt.date.fromisoformat(d["date"]),
        weekday=Weekday(d["weekday"]),
        run=RunKind(d["run"]),
        sessions=tuple(
            Session(
                slot=Slot(s["slot"]),
                minutes=float(s["minutes"]),
                items=tuple(_item_from_dict(i) for i in s["items"]),
            )
            for s in d["sessions"]
        ),
        walking=None if walking is None else _item_from_dict(walking),
        notes=tuple(str(n) for n in d.get("notes", ())),
    )


def plan_from_dict(data: Mapping[str, Any]) -> Plan:
    """Read a plan written by :func:`plan_to_dict`; a malformed one raises ValidationError."""
    if not isinstance(data, Mapping) or data.get("schema") != SCHEMA:
        found = data.get("schema") if isinstance(data, Mapping) else None
        raise ValidationError("plan", [Problem("schema", f"expected '{SCHEMA}', got {found!r}")])
    where = "plan"
    try:
        where = "profile"
        profile = parse_profile(data["profile"])
        where = "start"
        start = dt.date.fromisoformat(data["start"])
        adj = data.get("adjustments") or {}
        where = "adjustments"
        adjustments = Adjustments(
            chain_offsets={str(k): int(v) for k, v in (adj.get("chain_offsets") or {}).items()},
            unlocked_level=_opt_int(adj.get("unlocked_level")),
            level_week=_opt_int(adj.get("level_week")),
            cramp_free_post_run=bool(adj.get("cramp_free_post_run", False)),
            pain_nrs=_opt_int(adj.get("pain_nrs")),
            recorded_runs={
                dt.date.fromisoformat(str(d)): RunKind(k)
                for d, k in (adj.get("recorded_runs") or {}).items()
            },
        )
        weeks = []
        for i, w in enumerate(data["weeks"]):
            where = f"weeks[{i}]"
            weeks.append(
                Week(
                    number=int(w["number"]),
                    level=int(w["level"]),
                    focus=str(w["focus"]),
                    unlocks=str(w.get("unlocks", "")),
                    next=w.get("next"),
                    days=tuple(day_from_dict(d) for d in w["days"]),
                )
            )
        where = "flags"
        flags = tuple(Flag(str(f["code"]), str(f["message"])) for f in data.get("flags", ()))
        focus = tuple(
            FocusNote(str(f["area"]), str(f["reason"])) for f in data.get("focus_areas", ())
        )
    except ValidationError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        detail = f"missing key {exc}" if isinstance(exc, KeyError) else str(exc)
        raise ValidationError("plan", [Problem(where, detail)]) from None
    return Plan(
        profile=profile,
        start=start,
        weeks=tuple(weeks),
        flags=flags,
        notes=tuple(str(n) for n in data.get("notes", ())),
        focus_areas=focus,
        adjustments=adjustments,
        generator_version=str(data.get("generator_version", "")),
    )

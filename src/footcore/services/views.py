"""What the use cases hand back to the CLI and the web app: plain frozen records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from footcore.services.unit_of_work import DecisionRecord


@dataclass(frozen=True)
class DecisionView:
    date: dt.date
    chain: str
    action: str
    reason: str
    level: int | None = None

    @classmethod
    def of(cls, row: DecisionRecord) -> DecisionView:
        return cls(row.date, row.chain, row.action, row.reason, row.level)

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "chain": self.chain,
            "action": self.action,
            "reason": self.reason,
            "level": self.level,
        }


@dataclass(frozen=True)
class AthleteView:
    id: int
    name: str
    profile_version: int
    profile: Mapping[str, Any]


@dataclass(frozen=True)
class ProgrammeView:
    id: int
    athlete_id: int
    generator_version: str
    start: dt.date
    weeks: int
    plan: Mapping[str, Any]
    adjustments: Mapping[str, Any]
    regenerated: bool


@dataclass(frozen=True)
class OnboardResult:
    athlete: AthleteView
    programme: ProgrammeView


@dataclass(frozen=True)
class LoggedSlot:
    """A session logged today: exercises worked on (not skipped), skipped, done in full,
    planned; ``complete`` when every exercise planned was done in full."""

    slot: str
    client_id: str
    items_done: int
    items_skipped: int
    finished: bool
    items_in_full: int = 0
    planned_items: int = 0
    complete: bool = False


@dataclass(frozen=True)
class LoggedSession:
    """A logged session as a person reviews it: each exercise with what was done."""

    client_id: str
    date: dt.date
    slot: str
    complete: bool
    items_in_full: int
    planned_items: int
    pain: int | None
    difficulty: int | None
    exercises: tuple[tuple[str, str], ...]  # (name, "done" / "skipped" / "1 of 3 sets")


@dataclass(frozen=True)
class TodayView:
    """The day's sessions for an athlete, with what changed since yesterday."""

    athlete_id: int
    athlete: str
    date: dt.date
    programme_id: int
    generator_version: str
    week: int | None
    level: int | None
    focus: str | None
    day: Mapping[str, Any] | None  # the plan's day (``footcore.plan/1`` day form)
    flags: tuple[Mapping[str, Any], ...]
    notes: tuple[str, ...]
    logged: tuple[LoggedSlot, ...]
    decisions: tuple[DecisionView, ...]

    @property
    def sessions(self) -> list[Mapping[str, Any]]:
        return list(self.day["sessions"]) if self.day else []

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": "footcore.today/1",
            "athlete": {"id": self.athlete_id, "name": self.athlete},
            "date": self.date.isoformat(),
            "programme": {"id": self.programme_id, "generator_version": self.generator_version},
            "week": self.week,
            "level": self.level,
            "focus": self.focus,
            "flags": [dict(f) for f in self.flags],
            "notes": list(self.notes),
            "day": dict(self.day) if self.day else None,
            "logged": [
                {
                    "slot": s.slot,
                    "client_id": s.client_id,
                    "items_done": s.items_done,
                    "items_skipped": s.items_skipped,
                    "items_in_full": s.items_in_full,
                    "planned_items": s.planned_items,
                    "complete": s.complete,
                    "finished": s.finished,
                }
                for s in self.logged
            ],
            "decisions_since_yesterday": [d.to_dict() for d in self.decisions],
        }


@dataclass(frozen=True)
class LogReceipt:
    """What a logging call stored: new items, items already there, decisions made."""

    client_id: str
    session_id: int
    items_stored: int
    items_already_stored: int
    decisions: tuple[DecisionView, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "client_id": self.client_id,
            "session_id": self.session_id,
            "items_stored": self.items_stored,
            "items_already_stored": self.items_already_stored,
            "decisions": [d.to_dict() for d in self.decisions],
        }


@dataclass(frozen=True)
class RunView:
    id: int
    date: dt.date
    km: float
    minutes: float
    kind: str
    felt: int | None  # None: no score given
    note: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date.isoformat(),
            "km": self.km,
            "minutes": self.minutes,
            "kind": self.kind,
            "felt": self.felt,
            "note": self.note,
        }


@dataclass(frozen=True)
class AssessmentView:
    id: int
    taken_on: dt.date
    report: Mapping[str, Any]

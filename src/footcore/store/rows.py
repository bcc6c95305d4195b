"""Plain rows that repositories hand out instead of ORM objects where many are read at once
(a year of logs for the progress report or adaptation, parts of a stored plan, check-ins of
a group). Standard library only: services and their in-memory fakes use them as they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: A check-in as read for many athletes: (athlete id, week, skipped, answers by area).
CheckinRow = tuple[int, dt.date, bool, dict[str, tuple[int, int, int, int]]]


@dataclass(frozen=True)
class PlanParts:
    """What today's view and logging read of a stored plan: one week (None outside the
    plan), the flags and the notes."""

    week: Mapping[str, Any] | None
    flags: list[Any]
    notes: list[Any]


@dataclass(frozen=True)
class DoneItemRow:
    """What the progress report needs of a logged item: its planned dose and the work done
    (read by ``footcore.services.outcomes.done_share``)."""

    planned: Mapping[str, Any]
    skipped: bool
    sets_done: int
    reps_left: int | None
    reps_right: int | None
    reps_both: int | None
    seconds_left: float | None
    seconds_right: float | None
    seconds_both: float | None


@dataclass(frozen=True)
class DoneSessionRow:
    """A logged session for the progress report: its day, slot and items."""

    id: int
    date: dt.date
    slot: str
    planned_items: int
    items: list[DoneItemRow] = field(default_factory=list)


@dataclass(frozen=True)
class FeedbackItemRow:
    """What adaptation needs of a logged item (read by
    ``footcore.services.outcomes.item_outcome``)."""

    exercise: str
    planned: Mapping[str, Any]
    skipped: bool
    sets_done: int
    difficulty: int | None
    pain_during: int | None
    cramp: bool | None


@dataclass(frozen=True)
class FeedbackSessionRow:
    """A finished session as adaptation reads it: its key, day, slot, feedback and items."""

    id: int
    client_id: str
    date: dt.date
    slot: str
    difficulty: int | None
    pain_during: int | None
    cramp: bool | None
    next_morning_pain: int | None
    items: list[FeedbackItemRow] = field(default_factory=list)


@dataclass(frozen=True)
class FirstAthlete:
    """The first athlete set up, its version (None without one), and whether any account
    exists (then the one-person mode's rules do not apply): the one-person mode's read of
    the data versions (``footcore.store.data_versions.VersionReader.first_athlete``)."""

    athlete_id: int
    version: int | None
    accounts_exist: bool

"""A coach's programme template (``footcore.template/1``): its values, its limits, the dose
an item asks for, and its JSON form.

A template is sessions on weekdays in a slot, each with up to four exercises by slug, an
optional dose of the coach's, and the levels during which the item is used (the athlete's
level, which adaptation unlocks). :mod:`.parse` checks one; :mod:`.fitting` fits one to an
athlete.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from footcore.domain.exercise import Dose, Exercise
from footcore.domain.planning.levels import MAX_LEVEL
from footcore.domain.vocab import Slot, Weekday

SCHEMA = "footcore.template/1"
MAX_SESSIONS = 21
MAX_ITEMS = 4  # the few-exercises rule
MAX_NAME = 120
MAX_NOTE = 300
MAX_WORK_PER_SIDE_S = 900
DOSE_LIMITS: Mapping[str, tuple[int, int]] = {
    "sets": (1, 10),
    "reps": (1, 100),
    "hold_s": (1, 120),
    "duration_s": (5, 900),
}


@dataclass(frozen=True)
class TemplateItem:
    exercise: str
    sets: int | None = None
    reps: int | None = None
    hold_s: int | None = None
    duration_s: int | None = None
    from_level: int = 1
    until_level: int = MAX_LEVEL
    note: str = ""


@dataclass(frozen=True)
class TemplateSession:
    days: tuple[Weekday, ...]
    slot: Slot
    items: tuple[TemplateItem, ...]
    title: str = ""


@dataclass(frozen=True)
class Template:
    name: str
    sessions: tuple[TemplateSession, ...]
    description: str = ""
    fill_other_days: bool = True

    def sessions_on(self, weekday: Weekday) -> list[TemplateSession]:
        return [s for s in self.sessions if weekday in s.days]

    def exercises(self) -> set[str]:
        return {i.exercise for s in self.sessions for i in s.items}


def work_per_side(d: Dose) -> float:
    """Seconds of work per side at dose ``d`` (what ``MAX_WORK_PER_SIDE_S`` limits)."""
    if d.duration_s is not None:
        return d.sets * d.duration_s
    per_rep = d.tempo.seconds_per_rep if d.tempo else 2 + (d.hold_s or 0)
    return d.sets * (d.reps or 1) * per_rep


def coach_dose(item: TemplateItem, ex: Exercise) -> Dose:
    """The catalogue's dose with the coach's numbers in place."""
    d = ex.dose
    hold = item.hold_s if item.hold_s is not None else d.hold_s
    tempo = d.tempo
    if tempo is not None and item.hold_s is not None:
        tempo = replace(tempo, hold_s=item.hold_s)
    return replace(
        d,
        sets=item.sets or d.sets,
        reps=item.reps or d.reps,
        hold_s=hold,
        duration_s=item.duration_s or d.duration_s,
        tempo=tempo,
    )


def template_to_dict(t: Template) -> dict[str, Any]:
    def item(i: TemplateItem) -> dict[str, Any]:
        out: dict[str, Any] = {"exercise": i.exercise}
        for key in ("sets", "reps", "hold_s", "duration_s"):
            if getattr(i, key) is not None:
                out[key] = getattr(i, key)
        if i.from_level != 1:
            out["from_level"] = i.from_level
        if i.until_level != MAX_LEVEL:
            out["until_level"] = i.until_level
        if i.note:
            out["note"] = i.note
        return out

    return {
        "schema": SCHEMA,
        "name": t.name,
        "description": t.description,
        "fill_other_days": t.fill_other_days,
        "sessions": [
            {
                "days": [str(d) for d in s.days],
                "slot": str(s.slot),
                **({"title": s.title} if s.title else {}),
                "items": [item(i) for i in s.items],
            }
            for s in t.sessions
        ],
    }

"""A template drafted from a generated plan: one week of the plan the planner makes for an
athlete like the coach's, as a template for the coach to review and edit before saving."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from footcore.domain.coaching.parse import parse_item
from footcore.domain.coaching.template import (
    DOSE_LIMITS,
    MAX_ITEMS,
    MAX_SESSIONS,
    Template,
    TemplateItem,
    TemplateSession,
    template_to_dict,
)
from footcore.domain.errors import Problem, ValidationError
from footcore.domain.exercise import Catalogue
from footcore.domain.planning.model import Plan, PlanItem, Session
from footcore.domain.vocab import Slot, Weekday


@dataclass(frozen=True)
class TemplateDraft:
    """A template made from one week of a generated plan, for a coach to review and edit
    before saving; ``notes`` say what could not be carried over, and why."""

    template: Template
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"template": template_to_dict(self.template), "notes": list(self.notes)}


def template_from_plan(
    plan: Plan,
    week: int,
    catalogue: Catalogue,
    *,
    name: str,
    description: str = "",
) -> TemplateDraft:
    """Week ``week`` (1-based) of ``plan`` as a template: each session of the week becomes a
    template session in the same slot with the plan's doses; days whose session in a slot
    is the same (exercises and doses) share one template session.

    Every item goes through the template checks of :func:`parse_template` (an item they
    refuse, such as walking work, is left out and said in ``notes``). A template holds at
    most ``MAX_SESSIONS`` sessions: beyond that, a session whose exercises are all in
    another session of the same slot gives its days to that one, and then the sessions
    with the fewest days are left out (said in ``notes``); on those days the athlete's own
    plan fills in (``fill_other_days``)."""
    if not 1 <= week <= len(plan.weeks):
        raise ValidationError(
            "template", [Problem("week", f"from 1 to {len(plan.weeks)} (the plan's weeks)")]
        )
    notes: list[str] = []
    days_of: dict[tuple[Slot, tuple[TemplateItem, ...]], list[Weekday]] = {}
    for day in plan.weeks[week - 1].days:
        for session in day.sessions:
            items = _session_items(session, catalogue, notes)
            if items:
                days_of.setdefault((session.slot, items), []).append(day.weekday)
    sessions = [_DraftSession(slot, items, days) for (slot, items), days in days_of.items()]
    _keep_within_max(sessions, notes)
    slot_order = {s: n for n, s in enumerate(Slot)}
    sessions.sort(key=lambda s: (min(d.number for d in s.days), slot_order[s.slot]))
    template = Template(
        name=name.strip(),
        description=description,
        fill_other_days=True,
        sessions=tuple(
            TemplateSession(tuple(sorted(s.days, key=lambda d: d.number)), s.slot, s.items)
            for s in sessions
        ),
    )
    return TemplateDraft(template, tuple(notes))


def _note(notes: list[str], text: str) -> None:
    if text not in notes:
        notes.append(text)


def _session_items(
    session: Session, catalogue: Catalogue, notes: list[str]
) -> tuple[TemplateItem, ...]:
    """A plan session's items as template items, each exercise once and at most
    ``MAX_ITEMS``; what is left out, and why, goes into ``notes``."""
    items: list[TemplateItem] = []
    for planned in session.items:
        item, problems = _draft_item(planned, session.slot, catalogue)
        if item is None:
            _note(notes, f"{planned.name} left out: {problems[0].message}.")
        elif item.exercise not in {i.exercise for i in items}:
            items.append(item)
    if len(items) > MAX_ITEMS:
        left = ", ".join(catalogue.get(i.exercise).name for i in items[MAX_ITEMS:])
        _note(
            notes,
            f"{left} left out of the {session.slot} session: a template session holds "
            f"at most {MAX_ITEMS} exercises.",
        )
    return tuple(items[:MAX_ITEMS])


def _keep_within_max(sessions: list[_DraftSession], notes: list[str]) -> None:
    """At most ``MAX_SESSIONS`` sessions: merge a session into one that has all its
    exercises, else leave out the one with the fewest days (said in ``notes``)."""
    while len(sessions) > MAX_SESSIONS:
        merged = _merge_subset(sessions)
        if merged is not None:
            notes.append(merged)
            continue
        smallest = min(sessions, key=lambda s: (len(s.days), len(s.items), -s.days[0].number))
        sessions.remove(smallest)
        notes.append(
            f"The {smallest.slot} session on {smallest.day_list} was left out: a template "
            f"holds at most {MAX_SESSIONS} sessions (the athlete's own plan fills those days "
            "in)."
        )


def _draft_item(
    planned: PlanItem, slot: Slot, catalogue: Catalogue
) -> tuple[TemplateItem | None, list[Problem]]:
    """A plan item as a template item with the plan's dose (kept within the template's
    limits), checked exactly as a typed one is."""
    if planned.exercise not in catalogue:
        return None, [Problem("exercise", f"unknown exercise {planned.exercise!r}")]
    ex = catalogue.get(planned.exercise)

    def within(key: str, value: int | None) -> int | None:
        if value is None:
            return None
        low, high = DOSE_LIMITS[key]
        return min(max(value, low), high)

    raw: dict[str, Any] = {"exercise": ex.slug, "sets": within("sets", planned.sets)}
    if ex.dose.reps is not None:
        raw["reps"] = within("reps", planned.reps)
        raw["hold_s"] = within("hold_s", planned.hold_s)
    else:
        raw["duration_s"] = within("duration_s", planned.duration_s)
    raw = {k: v for k, v in raw.items() if v is not None}
    problems: list[Problem] = []
    item = parse_item(raw, "item", catalogue, problems, slot)
    return item, problems


@dataclass
class _DraftSession:
    slot: Slot
    items: tuple[TemplateItem, ...]
    days: list[Weekday]

    @property
    def day_list(self) -> str:
        return ", ".join(str(d) for d in sorted(self.days, key=lambda d: d.number))


def _merge_subset(sessions: list[_DraftSession]) -> str | None:
    """Give the days of a session whose exercises all appear in another session of the same
    slot to that session (the one with the fewest days first); what was done, or None."""
    for small in sorted(sessions, key=lambda s: (len(s.days), len(s.items))):
        mine = {i.exercise for i in small.items}
        for big in sessions:
            if big is small or big.slot != small.slot:
                continue
            if mine <= {i.exercise for i in big.items}:
                sessions.remove(small)
                text = (
                    f"The {small.slot} session on {small.day_list} now follows the one on "
                    f"{big.day_list} (it has the same exercises and more): a template holds "
                    f"at most {MAX_SESSIONS} sessions."
                )
                big.days.extend(small.days)
                return text
    return None

"""The checker has the last word on a fitted plan: an item ``check_plan`` still objects to
is left out (said in the notes); should the plan still break a rule, the athlete's own plan
stands, with a note saying so."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from footcore.domain.coaching.fit_days import session_of
from footcore.domain.coaching.template import Template
from footcore.domain.exercise import Catalogue
from footcore.domain.planning.check import check_plan
from footcore.domain.planning.model import Day, Plan, PlanItem, Session
from footcore.domain.planning.safety import is_loading
from footcore.domain.profile import Profile
from footcore.domain.vocab import Slot


def repair(
    plan: Plan, profile: Profile, catalogue: Catalogue, base: Plan, template: Template
) -> Plan:
    """Run the checker; leave out any item it still objects to; if the plan still breaks a
    rule, use the athlete's own plan and say so."""
    notes = list(plan.notes)
    for _ in range(20):
        violations = check_plan(plan, profile, catalogue)
        if not violations:
            return replace(plan, notes=tuple(notes))
        removed = False
        for v in violations:
            if v.rule == "alternate-days":
                date = dt.date.fromisoformat(v.where.split()[0])
                plan, done = _remove_loading(plan, date)
                text = f"{date.isoformat()}: loading work left out ({v.message})."
                if done:
                    notes.append(text)
                    removed = True
                    break
                continue
            place = _item_place(v.where)
            if place is None:
                continue
            date, slot, number = place
            plan, done = _remove_item(plan, date, slot, number)
            if done:
                text = f"{date.isoformat()} {slot}: an item was left out ({v.rule}: {v.message})."
                if text not in notes:
                    notes.append(text)
                removed = True
                break
        if not removed:
            break
    fallback = (
        f"Your coach's programme '{template.name}' could not be fitted to your profile "
        "without breaking a safety rule, so your own plan is shown; ask your coach to adapt it."
    )
    return replace(base, notes=(*base.notes, fallback))


def _item_place(where: str) -> tuple[dt.date, str, int] | None:
    parts = where.split()
    if len(parts) < 3 or not parts[2].startswith("#"):
        return None
    try:
        return dt.date.fromisoformat(parts[0]), parts[1], int(parts[2][1:])
    except ValueError:
        return None


def _remove_loading(plan: Plan, date: dt.date) -> tuple[Plan, bool]:
    return _keep_items(plan, date, lambda slot, n, item: not is_loading(item.load))


def _remove_item(plan: Plan, date: dt.date, slot: str, number: int) -> tuple[Plan, bool]:
    return _keep_items(plan, date, lambda s, n, item: not (str(s) == slot and n == number))


def _keep_items(
    plan: Plan, date: dt.date, keep: Callable[[Slot, int, PlanItem], bool]
) -> tuple[Plan, bool]:
    """The plan with only the items of ``date`` that ``keep`` (slot, 1-based place, item)
    accepts, a session left empty dropped; and whether any item went."""
    done = False

    def sessions_of(day: Day) -> tuple[Session, ...]:
        nonlocal done
        out = []
        for s in day.sessions:
            items = [i for n, i in enumerate(s.items, start=1) if keep(s.slot, n, i)]
            if len(items) == len(s.items):
                out.append(s)
                continue
            done = True
            if items:
                out.append(session_of(s.slot, items))
        return tuple(out)

    weeks = tuple(
        replace(
            week,
            days=tuple(
                replace(d, sessions=sessions_of(d)) if d.date == date else d for d in week.days
            ),
        )
        for week in plan.weeks
    )
    return replace(plan, weeks=weeks), done

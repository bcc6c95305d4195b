"""Past and completed training is history: a new plan never rewrites it.

Whenever an input changes (a run recorded, a profile updated, an adaptation decision), the
programme is generated again from its first day. :func:`keep_history` lays the new plan over
the one in force until now so that

- every day before ``today`` stays exactly as it was planned (what was asked of the person
  then, whether or not they did it);
- every session already started (logged) on ``today`` or later stays as it was planned,
  so what was done is never moved, dropped or changed after the fact;
- an exercise already done on a day is not planned a second time that day in a session not
  yet started (a recorded run may rightly reshape what comes later, but not ask again for
  work already done). A session left with nothing in it is dropped.

Works on the stored plan form (``footcore.plan/1``, as ``plan_to_dict`` writes it).
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class StartedSession:
    """A session with a log: its date, slot and the exercises of it actually worked on
    (logged and not skipped)."""

    date: dt.date
    slot: str
    done: frozenset[str] = frozenset()


def _days(plan: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    return {str(d["date"]): d for w in plan.get("weeks", ()) for d in w["days"]}


def _minutes(sessions: Iterable[Mapping[str, Any]]) -> float:
    return sum(float(s.get("minutes") or 0.0) for s in sessions)


def _without(session: Mapping[str, Any], done: frozenset[str]) -> dict[str, Any] | None:
    """The session without the exercises in ``done`` (None when nothing is left)."""
    items = [i for i in session["items"] if str(i["exercise"]) not in done]
    if len(items) == len(session["items"]):
        return dict(session)
    if not items:
        return None
    minutes = round(sum(float(i.get("minutes") or 0.0) for i in items), 1)
    return {**session, "items": items, "minutes": minutes}


def _merge_day(
    new: Mapping[str, Any], old: Mapping[str, Any] | None, started: Mapping[str, frozenset[str]]
) -> dict[str, Any]:
    """``new`` with the started sessions as ``old`` had them, and nothing done repeated."""
    kept = {str(s["slot"]): s for s in (old or {}).get("sessions", ()) if s["slot"] in started}
    done = frozenset().union(*started.values())
    sessions: list[Mapping[str, Any]] = []
    for session in new["sessions"]:
        slot = str(session["slot"])
        if slot in kept:
            sessions.append(kept.pop(slot))
        elif slot in started:  # started on the new plan itself (no older form of it)
            sessions.append(session)
        else:
            rest = _without(session, done)
            if rest is not None:
                sessions.append(rest)
    # A started session the new plan no longer has stays where the old plan had it.
    old_order = {str(s["slot"]): n for n, s in enumerate((old or {}).get("sessions", ()))}
    for slot, session in kept.items():
        later = [
            n for n, s in enumerate(sessions) if old_order.get(str(s["slot"]), 99) > old_order[slot]
        ]
        sessions.insert(later[0] if later else len(sessions), session)
    other = float(new.get("minutes") or 0.0) - _minutes(new["sessions"])
    return {**new, "sessions": sessions, "minutes": round(other + _minutes(sessions), 1)}


def keep_history(
    plan: Mapping[str, Any],
    previous: Mapping[str, Any] | None,
    today: dt.date,
    started: Iterable[StartedSession] = (),
) -> dict[str, Any]:
    """``plan`` (newly generated) with the history of ``previous`` (the plan in force until
    now) kept: see the module text. Returns a new mapping; neither argument is changed."""
    out = copy.deepcopy(dict(plan))
    if previous is None:
        return out
    old_days = _days(previous)
    by_day: dict[str, dict[str, frozenset[str]]] = {}
    for s in started:
        slots = by_day.setdefault(s.date.isoformat(), {})
        slots[s.slot] = slots.get(s.slot, frozenset()) | s.done
    cutoff = today.isoformat()
    for week in out.get("weeks", ()):
        for n, day in enumerate(week["days"]):
            date = str(day["date"])
            old = old_days.get(date)
            if date < cutoff:
                if old is not None:
                    week["days"][n] = copy.deepcopy(dict(old))
            elif date in by_day:
                week["days"][n] = copy.deepcopy(_merge_day(day, old, by_day[date]))
    return out

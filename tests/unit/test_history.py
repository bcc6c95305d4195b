"""keep_history: the new plan laid over the one in force, history kept (pure)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from footcore.domain.history import StartedSession, keep_history

MON = dt.date(2027, 1, 4)


def item(exercise: str, minutes: float = 1.0) -> dict[str, Any]:
    return {"exercise": exercise, "minutes": minutes}


def session(slot: str, *exercises: str) -> dict[str, Any]:
    return {"slot": slot, "minutes": float(len(exercises)), "items": [item(e) for e in exercises]}


def plan(days: dict[dt.date, list[dict[str, Any]]]) -> dict[str, Any]:
    return {
        "weeks": [
            {
                "number": 1,
                "days": [
                    {
                        "date": d.isoformat(),
                        "minutes": sum(s["minutes"] for s in ss),
                        "sessions": ss,
                    }
                    for d, ss in sorted(days.items())
                ],
            }
        ]
    }


def slots(p: dict[str, Any], day: dt.date) -> list[tuple[str, list[str]]]:
    (d,) = [d for w in p["weeks"] for d in w["days"] if d["date"] == day.isoformat()]
    return [(s["slot"], [i["exercise"] for i in s["items"]]) for s in d["sessions"]]


TUE = MON + dt.timedelta(days=1)


def test_without_a_previous_plan_the_new_one_stands() -> None:
    new = plan({MON: [session("morning", "a")]})
    assert keep_history(new, None, TUE) == new


def test_a_day_gone_by_is_the_old_day_whatever_was_logged() -> None:
    old = plan({MON: [session("morning", "a", "b")], TUE: [session("morning", "c")]})
    new = plan({MON: [session("desk", "x")], TUE: [session("morning", "y")]})
    out = keep_history(new, old, TUE)
    assert slots(out, MON) == [("morning", ["a", "b"])]
    assert slots(out, TUE) == [("morning", ["y"])], "today, with nothing logged, follows the new"


def test_a_started_session_stays_and_its_work_is_not_asked_again_that_day() -> None:
    old = plan({TUE: [session("morning", "a", "b"), session("pre-run", "p")]})
    new = plan({TUE: [session("morning", "b"), session("pre-run", "p", "a")]})
    out = keep_history(new, old, TUE, [StartedSession(TUE, "morning", frozenset({"a"}))])
    assert slots(out, TUE) == [("morning", ["a", "b"]), ("pre-run", ["p"])]
    (day,) = out["weeks"][0]["days"]
    assert day["minutes"] == 3.0
    assert day["sessions"][1]["minutes"] == 1.0


def test_a_session_left_empty_is_dropped_and_a_started_one_the_new_plan_lacks_keeps_its_place() -> (
    None
):
    old = plan({TUE: [session("morning", "a"), session("desk", "d"), session("teeth", "t")]})
    new = plan({TUE: [session("morning", "a"), session("teeth", "d")]})
    out = keep_history(new, old, TUE, [StartedSession(TUE, "desk", frozenset({"d"}))])
    assert slots(out, TUE) == [("morning", ["a"]), ("desk", ["d"])]


def test_the_arguments_are_left_unchanged() -> None:
    old = plan({MON: [session("morning", "a")]})
    new = plan({MON: [session("morning", "b")]})
    keep_history(new, old, TUE)
    assert slots(new, MON) == [("morning", ["b"])]

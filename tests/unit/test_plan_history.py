"""Past and completed training is history: no later change of plan rewrites it (issue 16
item 1). A recorded run, a new profile or an adaptation decision regenerates the programme;
days gone by and sessions already started keep the plan they had."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from footcore.services import Feedback, ItemEntry, RunEntry, SessionHeader
from tests.support.clock import TODAY, Clock
from tests.support.fake_uow import InMemoryApp
from tests.support.profiles import ana

PROFILE = ana()

SUNDAY = TODAY + dt.timedelta(days=6)  # Ana's long-run day


def sessions(app: InMemoryApp, athlete: int, day: dt.date) -> dict[str, list[str]]:
    return {
        str(s["slot"]): [str(i["exercise"]) for i in s["items"]]
        for s in app.services.today(athlete, day).sessions
    }


def log_first_item_only(
    app: InMemoryApp, athlete: int, day: dt.date, session: Mapping[str, Any]
) -> str:
    """The first exercise done, the rest stopped (skipped); returns the exercise done."""
    items = list(session["items"])
    entries = [ItemEntry(0, items[0]["exercise"], items[0], int(items[0]["sets"]))]
    entries += [
        ItemEntry(n, item["exercise"], item, 0, skipped=True)
        for n, item in enumerate(items[1:], start=1)
    ]
    app.services.log_session(
        athlete,
        SessionHeader(f"{day}-{session['slot']}", day, str(session["slot"]), "manual"),
        entries,
        Feedback(),
    )
    return str(items[0]["exercise"])


def test_a_run_recorded_after_a_session_leaves_that_session_as_it_was(
    app: InMemoryApp, clock: Clock
) -> None:
    """The issue's case: the morning session half done, then an easy run recorded on the
    long-run day. The morning keeps both its exercises; the one done is not asked again in
    the pre-run session."""
    clock.day = SUNDAY
    athlete = app.services.onboard(PROFILE, start=TODAY).athlete.id
    before = sessions(app, athlete, SUNDAY)
    morning = app.services.today(athlete, SUNDAY).sessions[0]
    done = log_first_item_only(app, athlete, SUNDAY, morning)

    app.services.add_run(athlete, RunEntry(SUNDAY, km=12, minutes=65, kind="easy", felt=4))

    after = sessions(app, athlete, SUNDAY)
    day = app.services.today(athlete, SUNDAY).day
    assert day is not None
    assert day["run"] == "easy", "the run was followed"
    assert after[str(morning["slot"])] == before[str(morning["slot"])]
    later = [e for slot, exercises in after.items() if slot != morning["slot"] for e in exercises]
    assert done not in later, "work already done today is not asked for again"


def test_days_gone_by_keep_the_plan_they_had_after_the_profile_changes(
    app: InMemoryApp, clock: Clock
) -> None:
    athlete = app.services.onboard(PROFILE, start=TODAY).athlete.id
    past = {
        TODAY + dt.timedelta(days=n): sessions(app, athlete, TODAY + dt.timedelta(days=n))
        for n in range(3)
    }
    assert any("desk" in s for s in past.values())
    clock.day = TODAY + dt.timedelta(days=3)
    app.services.update_profile(athlete, {**PROFILE, "slots": ["morning", "pre-run", "post-run"]})

    for day, planned in past.items():
        assert sessions(app, athlete, day) == planned, f"{day} was rewritten"
    assert all(
        "desk" not in sessions(app, athlete, clock.day + dt.timedelta(days=n)) for n in range(7)
    )


def test_the_day_total_follows_the_sessions_kept(app: InMemoryApp, clock: Clock) -> None:
    clock.day = SUNDAY
    athlete = app.services.onboard(PROFILE, start=TODAY).athlete.id
    morning = app.services.today(athlete, SUNDAY).sessions[0]
    log_first_item_only(app, athlete, SUNDAY, morning)
    app.services.add_run(athlete, RunEntry(SUNDAY, km=12, minutes=65, kind="easy", felt=4))
    day = app.services.today(athlete, SUNDAY).day
    assert day is not None
    walking = float(day["walking"]["minutes"]) if day.get("walking") else 0.0
    total = sum(float(s["minutes"]) for s in day["sessions"]) + walking
    assert abs(float(day["minutes"]) - total) < 0.05

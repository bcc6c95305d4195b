"""Old programme snapshots are pruned: the newest few stay, and so does every snapshot a
session log points at; nothing the current plan, a log or the progress report needs goes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from footcore.bootstrap import App
from footcore.services import Feedback, ItemEntry, SessionHeader
from footcore.services import programmes as programmes_module
from footcore.store.tables import Programme, SessionLog

from .support import PROFILE, TODAY, Clock

DAYS = 9


def snapshot_ids(app: App, athlete: int) -> list[int]:
    with app.uow() as uow:
        return list(
            uow.db.scalars(
                select(Programme.id).where(Programme.athlete_id == athlete).order_by(Programme.id)
            )
        )


def logged_programmes(app: App, athlete: int) -> list[int | None]:
    with app.uow() as uow:
        return list(
            uow.db.scalars(
                select(SessionLog.programme_id)
                .where(SessionLog.athlete_id == athlete)
                .order_by(SessionLog.id)
            )
        )


def live_day(app: App, athlete: int, offset: int) -> int:
    """One day of use that changes the plan (a new profile version), read back, with a
    session logged on every third day; returns the snapshot in force that day."""
    day = TODAY + dt.timedelta(days=offset)
    minutes = 10 if offset % 2 else 12
    app.services.update_profile(athlete, {**PROFILE, "minutes_per_day": minutes})
    view = app.services.today(athlete)
    if offset % 3 == 0 and view.sessions:
        session = dict(view.sessions[0])
        items = [ItemEntry(n, i["exercise"], i, i["sets"]) for n, i in enumerate(session["items"])]
        app.services.log_session(
            athlete,
            SessionHeader(f"{day}-{session['slot']}", day, session["slot"], "manual"),
            items,
            Feedback(difficulty=2 + offset % 3, pain=offset % 4),
        )
    return view.programme_id


def comparable(data: Any) -> Any:
    """A report or view without the ids that differ between two athletes."""
    if isinstance(data, dict):
        return {
            k: comparable(v) for k, v in data.items() if k not in ("athlete", "id", "programme")
        }
    if isinstance(data, list):
        return [comparable(v) for v in data]
    return data


def test_pruning_keeps_the_newest_and_every_logged_snapshot_and_changes_no_answer(
    app: App, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two athletes live the same days; one keeps every snapshot (pruning off). The pruned
    one keeps exactly the newest snapshots and those its logs point at, no log loses its
    snapshot, and today, the programme and the progress report are the same for both."""
    keep = programmes_module.KEEP_SNAPSHOTS
    pruned = app.services.onboard(PROFILE).athlete.id
    with monkeypatch.context() as m:
        m.setattr(programmes_module, "KEEP_SNAPSHOTS", 10**6)
        kept_all = app.services.onboard(PROFILE).athlete.id
    in_force: list[int] = []
    for offset in range(DAYS):
        clock.day = TODAY + dt.timedelta(days=offset)
        in_force.append(live_day(app, pruned, offset))
        with monkeypatch.context() as m:
            m.setattr(programmes_module, "KEEP_SNAPSHOTS", 10**6)
            live_day(app, kept_all, offset)

    every = snapshot_ids(app, kept_all)
    assert len(every) == DAYS + 1, "each day's new profile version made a new snapshot"
    logged_or_none = logged_programmes(app, pruned)
    assert None not in logged_or_none
    logged = [pid for pid in logged_or_none if pid is not None]
    assert len(logged) == len(range(0, DAYS, 3))
    assert set(logged) <= set(in_force)
    remaining = snapshot_ids(app, pruned)
    assert remaining == sorted(set(in_force[-keep:]) | set(logged))
    assert len(remaining) < len(every)
    assert None not in logged_programmes(app, kept_all)

    for later in (0, 5):
        clock.day = TODAY + dt.timedelta(days=DAYS - 1 + later)
        assert comparable(app.services.progress(pruned).to_dict()) == comparable(
            app.services.progress(kept_all).to_dict()
        )
        assert comparable(app.services.today(pruned).to_dict()) == comparable(
            app.services.today(kept_all).to_dict()
        )
        mine = app.services.current_programme(pruned)
        theirs = app.services.current_programme(kept_all)
        assert (mine.plan, mine.adjustments) == (theirs.plan, theirs.adjustments)
        assert mine.id == snapshot_ids(app, pruned)[-1]
    progress = app.services.progress(pruned).to_dict()
    assert progress["adherence"]["overall"]["done_sessions"] == len(logged)


def test_a_snapshot_a_log_points_at_outlives_any_number_of_newer_ones(
    app: App, clock: Clock
) -> None:
    athlete = app.services.onboard(PROFILE).athlete.id
    first = live_day(app, athlete, 0)  # day 0 logs a session on the first snapshot
    for offset in range(1, programmes_module.KEEP_SNAPSHOTS + 3):
        clock.day = TODAY + dt.timedelta(days=offset)
        app.services.update_profile(athlete, {**PROFILE, "minutes_per_day": 10 + offset % 2})
        app.services.today(athlete)
    remaining = snapshot_ids(app, athlete)
    assert first in remaining
    assert logged_programmes(app, athlete) == [first]
    assert len(remaining) == programmes_module.KEEP_SNAPSHOTS + 1

"""The reads behind every today, progress and log call are lean (plain rows, one week of the
plan, the stored planned sessions); each must give exactly what the former full reads gave,
on both engines."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import delete, func, inspect, select

from footcore.bootstrap import App
from footcore.domain import adaptation
from footcore.domain.planning import plan_from_dict
from footcore.services import Feedback, ItemEntry, RunEntry, SessionHeader
from footcore.services.outcomes import (
    HISTORY_DAYS,
    decision_from_row,
    finished_outcomes,
    session_outcome,
)
from footcore.services.programmes import ProgrammeService, _day_of, find_day, recorded_run_kinds
from footcore.services.progress import plan_sessions, planned_sessions
from footcore.services.unit_of_work import UnitOfWork
from footcore.store.repositories import ProgrammeRepository
from footcore.store.tables import Programme
from footcore.store.tables.accounts import PlannedSession

from .support import PROFILE, TODAY, Clock


def former_inputs(svc: ProgrammeService, uow: UnitOfWork, athlete_id: int) -> dict[str, Any]:
    """``ProgrammeService._inputs`` as it was: ORM objects, every column."""
    catalogue = svc.ctx.catalogue()
    decisions = [decision_from_row(r) for r in uow.decisions.list(athlete_id)]
    since = svc.ctx.today() - dt.timedelta(days=HISTORY_DAYS)
    outcomes = finished_outcomes(catalogue, uow.sessions.list(athlete_id, since=since))
    state = adaptation.state_from(decisions, adaptation.latest_pain(outcomes))
    assessments = uow.assessments.list(athlete_id)
    latest = max(assessments, key=lambda a: (a.taken_on, a.id)) if assessments else None
    return {
        "chain_offsets": dict(state.chain_offsets),
        "unlocked_level": state.unlocked_level,
        "cramp_free_post_run": state.cramp_free_post_run,
        "pain_nrs": state.pain_nrs,
        "assessment_id": latest.id if latest else None,
        "recorded_runs": recorded_run_kinds(uow.runs.list(athlete_id, since=since)),
    }


def battery(day: dt.date, left: float) -> dict[str, Any]:
    return {
        "age": 38,
        "sex": "female",
        "date": day.isoformat(),
        "results": {"knee_to_wall_cm": {"left": left, "right": left + 1}},
    }


def log_varied_days(app: App, athlete: int, days: int) -> None:
    """Sessions with every kind of feedback: full, partial and skipped items, pain, cramps,
    next-morning pain, a session left open, runs with and without a felt score, and two
    self-tests on one day (the later stored wins)."""
    for offset in range(days):
        day = TODAY + dt.timedelta(days=offset)
        sessions = app.services.today(athlete, day).sessions
        for n, session in enumerate(sessions):
            client_id = f"{day}-{session['slot']}"
            if offset % 5 == 4 and n == 0:  # opened, never finished
                app.services.open_session(
                    athlete, SessionHeader(client_id, day, session["slot"], "guided")
                )
                continue
            entries = []
            for i, item in enumerate(session["items"]):
                if (offset + i) % 4 == 3:
                    entries.append(ItemEntry(i, item["exercise"], item, 0, skipped=True))
                else:
                    entries.append(
                        ItemEntry(
                            i,
                            item["exercise"],
                            item,
                            max(0, item["sets"] - (offset + i) % 2),
                            pain=(offset + i) % 6 if i % 2 else None,
                            difficulty=1 + (offset * 3 + i) % 5 if i % 3 == 0 else None,
                            cramp=bool((offset + i) % 7 == 0) if i % 2 == 0 else None,
                        )
                    )
            app.services.log_session(
                athlete,
                SessionHeader(client_id, day, session["slot"], "manual"),
                entries,
                Feedback(
                    difficulty=1 + offset % 5,
                    pain=(offset * 2) % 8,
                    cramp=offset % 6 == 2,
                ),
            )
        if sessions and offset % 3 == 1:
            app.services.record_morning_pain(athlete, day + dt.timedelta(days=1), offset % 5)
        if offset % 2 == 0:
            kind = ("easy", "hard", "long")[offset % 3]
            felt = None if offset % 8 == 0 else 1 + offset % 5
            app.services.add_run(athlete, RunEntry(day, 8.0 + offset, 45.0, kind, felt))
    for left in (7.0, 8.5):
        app.services.record_assessment(athlete, battery(TODAY + dt.timedelta(days=3), left))
    app.services.record_assessment(athlete, battery(TODAY + dt.timedelta(days=1), 6.0))


def test_inputs_read_as_rows_equal_the_former_orm_reads(app: App, clock: Clock) -> None:
    athlete = app.services.onboard(PROFILE).athlete.id
    log_varied_days(app, athlete, 12)
    svc = app.services.programmes
    # From inside the 120-day window to past it, where the first days drop out.
    for later in (0, 5, HISTORY_DAYS, HISTORY_DAYS + 6, HISTORY_DAYS + 20):
        clock.day = TODAY + dt.timedelta(days=later)
        with app.uow() as uow:
            inputs = svc._inputs(uow, athlete, TODAY)
            former = former_inputs(svc, uow, athlete)
            assert {k: v for k, v in inputs.items() if k != "level_week"} == former, later
            assert inputs["level_week"] == later // 7 + 1
        if later == 5:  # the scenario moves every input
            assert inputs["pain_nrs"] is not None
            assert inputs["cramp_free_post_run"] is True
            assert inputs["recorded_runs"]
            assert inputs["assessment_id"] is not None


def test_finished_rows_give_the_outcomes_of_the_stored_logs(app: App) -> None:
    athlete = app.services.onboard(PROFILE).athlete.id
    log_varied_days(app, athlete, 10)
    catalogue = app.services.programmes.ctx.catalogue()
    counts = []
    with app.uow() as uow:
        for since in (None, TODAY + dt.timedelta(days=4), TODAY + dt.timedelta(days=30)):
            rows = uow.sessions.finished_rows(athlete, since=since)
            found = [session_outcome(catalogue, r) for r in rows]
            assert found == finished_outcomes(catalogue, uow.sessions.list(athlete, since=since))
            counts.append(len(found))
        logs = uow.sessions.list(athlete)
    open_logs = sum(1 for log in logs if log.ended_at is None)
    assert open_logs > 0
    assert counts[0] == len(logs) - open_logs
    assert counts[0] > counts[1] > counts[2] == 0


def test_decision_run_and_self_test_rows_equal_the_orm_rows(app: App) -> None:
    athlete = app.services.onboard(PROFILE).athlete.id
    log_varied_days(app, athlete, 8)
    since = TODAY + dt.timedelta(days=3)
    with app.uow() as uow:
        for after in (None, since):
            assert [decision_from_row(r) for r in uow.decisions.rows(athlete, since=after)] == [
                decision_from_row(r) for r in uow.decisions.list(athlete, since=after)
            ]
            assert [tuple(r) for r in uow.runs.rows(athlete, since=after, until=since)] == [
                (r.date, r.km, r.minutes, r.kind, r.felt)
                for r in uow.runs.list(athlete, since=after, until=since)
            ]
        assessments = uow.assessments.list(athlete)
        assert uow.assessments.inputs(athlete) == [a.input for a in assessments]
        newest = max(assessments, key=lambda a: (a.taken_on, a.id))
        assert uow.assessments.latest_id(athlete) == newest.id
        assert newest.input["results"]["knee_to_wall_cm"]["left"] == 8.5  # same day: later
        assert len(uow.decisions.rows(athlete)) > 0
        assert any(r.felt is None for r in uow.runs.rows(athlete))


@pytest.mark.parametrize("in_database", [True, False], ids=["parts-in-database", "whole-plan"])
def test_today_reads_one_week_exactly_as_the_whole_plan_has_it(
    app: App, clock: Clock, monkeypatch: pytest.MonkeyPatch, in_database: bool
) -> None:
    """Either way of reading the week (the database picks it out, or the whole document is
    decoded) gives the day ``find_day`` finds in the whole plan, with its week, flags and
    notes, for every day from before the start to past the end."""
    monkeypatch.setattr(ProgrammeRepository, "extracts_in_database", lambda _self: in_database)
    start = TODAY + dt.timedelta(days=3)  # a Thursday: weeks run from the start, not Monday
    athlete = app.services.onboard(PROFILE, start=start, weeks=3).athlete.id
    with app.uow() as uow:
        whole = uow.db.scalars(select(Programme.plan)).one()
    assert whole["flags"] or whole["notes"], "the profile's plan carries flags or notes"
    for offset in range(-2, 7 * 3 + 2):
        day = start + dt.timedelta(days=offset)
        try:
            week, plan_day = find_day(whole, day)
        except KeyError:
            week, plan_day = None, None
        with app.uow() as uow:
            programme = uow.programmes.latest(athlete)
            assert programme is not None
            found = _day_of(uow, programme, day)
        assert found == (week, plan_day, whole["flags"], whole["notes"]), day
    clock.day = start + dt.timedelta(days=9)
    view = app.services.today(athlete)
    # A new week renews the snapshot (levels are known up to the current week); the day
    # Today shows is the one the stored plan has.
    with app.uow() as uow:
        programme = uow.programmes.latest(athlete)
        assert programme is not None
        current = programme.plan
    _week, plan_day = find_day(current, clock.day)
    assert view.day == plan_day
    assert view.week == 2
    assert list(view.flags) == current["flags"]


def test_checking_the_programme_leaves_the_plan_document_unread(app: App) -> None:
    athlete = app.services.onboard(PROFILE).athlete.id
    with app.uow() as uow:
        programme = uow.programmes.latest(athlete)
        assert programme is not None
        assert "plan" in inspect(programme).unloaded
        assert programme.plan["schema"] == "footcore.plan/1"  # read when asked for


def test_planned_sessions_from_the_table_equal_those_of_the_plan(app: App, clock: Clock) -> None:
    athlete = app.services.onboard(PROFILE, weeks=3).athlete.id
    with app.uow() as uow:
        programme = uow.programmes.latest(athlete)
        assert programme is not None
        plan = programme.plan
        for offset in (-1, 0, 1, 6, 7, 13, 20, 21, 40):
            day = TODAY + dt.timedelta(days=offset)
            assert planned_sessions(uow, programme, day) == plan_sessions(plan, day), day
        assert len(plan_sessions(plan, TODAY + dt.timedelta(days=20))) > 10


def test_progress_stores_missing_planned_sessions_and_reports_the_same(
    app: App, clock: Clock
) -> None:
    """A snapshot without stored planned sessions (made before they were stored, or
    restored) is reported from its plan, and its planned sessions are stored on the way."""
    athlete = app.services.onboard(PROFILE).athlete.id
    log_varied_days(app, athlete, 9)
    clock.day = TODAY + dt.timedelta(days=9)
    first = app.services.progress(athlete).to_dict()
    with app.uow() as uow:
        stored = uow.db.scalar(select(func.count()).select_from(PlannedSession))
        uow.db.execute(delete(PlannedSession))
    assert stored
    again = app.services.progress(athlete).to_dict()
    with app.uow() as uow:
        restored = uow.db.scalar(select(func.count()).select_from(PlannedSession))
        programme = uow.programmes.latest(athlete)
        assert programme is not None
        assert planned_sessions(uow, programme, clock.day) == plan_sessions(
            programme.plan, clock.day
        )
    assert restored == stored
    assert again == first
    assert first["adherence"]["overall"]["planned_sessions"] > 0
    assert first["adherence"]["overall"]["done_sessions"] > 0


@pytest.mark.parametrize("in_database", [True, False], ids=["parts-in-database", "whole-plan"])
def test_the_week_read_for_unlocking_is_the_plan_week_of_the_session(
    app: App, monkeypatch: pytest.MonkeyPatch, in_database: bool
) -> None:
    """Logging reads the plan week of a session alone; it is the week the whole parsed plan
    gives (``Plan.week_of``): number, level, days and each day's slots."""
    monkeypatch.setattr(ProgrammeRepository, "extracts_in_database", lambda _self: in_database)
    athlete = app.services.onboard(PROFILE, weeks=3).athlete.id
    with app.uow() as uow:
        whole = plan_from_dict(uow.db.scalars(select(Programme.plan)).one())
    seen = 0
    for offset in range(-3, 7 * 3 + 3):
        day = TODAY + dt.timedelta(days=offset)
        expected = whole.week_of(day)
        with app.uow() as uow:
            programme = uow.programmes.latest(athlete)
            assert programme is not None
            week = uow.programmes.plan_parts(programme, (day - programme.start).days // 7).week
        if expected is None:
            assert week is None, day
            continue
        assert week is not None, day
        seen += 1
        assert (week["number"], week["level"]) == (expected.number, expected.level)
        assert [d["date"] for d in week["days"]] == [d.date.isoformat() for d in expected.days]
        assert [[str(s["slot"]) for s in d["sessions"]] for d in week["days"]] == [
            [str(s.slot) for s in d.sessions] for d in expected.days
        ]
    assert seen == 7 * 3

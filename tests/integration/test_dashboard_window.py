"""The coach's dashboard reads only its window's item logs (both engines): the windowed
query answers exactly what the former unfiltered aggregate answered, and on PostgreSQL its
plan reaches the logs through the (athlete, date) index instead of scanning every item."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from sqlalchemy import and_, case, func, insert, select, text

from footcore.bootstrap import App
from footcore.domain.access import Role
from footcore.store.repositories.accounts import RosterRepository
from footcore.store.tables import Athlete, ItemLog, SessionLog

from .support import TODAY

ATHLETES = 120
DAYS = 120
SLOTS = ("morning", "desk", "post-run")


def _generate(app: App, seed: int = 7) -> list[int]:
    """Athletes with four months of logs (some sessions without items, unfinished ones,
    skipped items, cramps, pain), bulk inserted; returns the athlete ids."""
    rng = random.Random(seed)
    now = dt.datetime(2027, 1, 1, 12, tzinfo=dt.UTC)
    athletes: list[dict[str, Any]] = [
        {"id": i, "name": f"Runner {i:03d}", "created_at": now} for i in range(1, 1 + ATHLETES)
    ]
    sessions: list[dict[str, Any]] = []
    items: list[dict[str, Any]] = []
    for a in range(1, 1 + ATHLETES):
        for back in range(DAYS):
            if rng.random() < 0.45:
                continue
            day = TODAY - dt.timedelta(days=back - 3)  # a few days after TODAY too
            for n, slot in enumerate(rng.sample(SLOTS, rng.randint(1, 2))):
                sid = len(sessions) + 1
                started = dt.datetime.combine(day, dt.time(7 + 4 * n), dt.UTC)
                finished = rng.random() < 0.9
                sessions.append(
                    {
                        "id": sid,
                        "athlete_id": a,
                        "client_id": f"c{sid}",
                        "date": day,
                        "slot": slot,
                        "source": "manual",
                        "programme_id": None,
                        "planned_items": 3,
                        "planned_minutes": 6.0,
                        "started_at": started,
                        "ended_at": started + dt.timedelta(minutes=8) if finished else None,
                        "difficulty": rng.choice([None, 2, 3, 4]),
                        "pain_during": rng.choice([None, 0, 2, 4, 6, 7]),
                        "next_morning_pain": rng.choice([None, None, 1, 3, 6]),
                        "cramp": rng.choice([None, False, False, True]),
                        "note": None,
                        "created_at": started,
                    }
                )
                for index in range(rng.choice([0, 1, 3, 4])):
                    items.append(
                        {
                            "session_log_id": sid,
                            "item_index": index,
                            "exercise": "towel-scrunch",
                            "planned": {"exercise": "towel-scrunch", "sets": 2, "reps": 10},
                            "sets_done": rng.choice([1, 2, 2]),
                            "reps_left": None,
                            "reps_right": None,
                            "reps_both": 10,
                            "seconds_left": None,
                            "seconds_right": None,
                            "seconds_both": None,
                            "skipped": rng.random() < 0.2,
                            "difficulty": None,
                            "pain_during": rng.choice([None, None, 1, 5, 8]),
                            "cramp": rng.choice([None, False, False, False, True]),
                            "note": None,
                            "started_at": started,
                            "ended_at": started + dt.timedelta(minutes=2),
                            "created_at": started,
                        }
                    )
    with app.uow() as uow:
        uow.db.execute(insert(Athlete), athletes)
        uow.db.execute(insert(SessionLog), sessions)
        for start in range(0, len(items), 5000):
            uow.db.execute(insert(ItemLog), items[start : start + 5000])
        if app.engine.dialect.name == "postgresql":
            uow.db.execute(text("SELECT setval('session_logs_id_seq', :n)"), {"n": len(sessions)})
            uow.db.execute(text("SELECT setval('athletes_id_seq', :n)"), {"n": ATHLETES})
    if app.engine.dialect.name == "postgresql":
        with app.engine.connect() as conn:  # fresh statistics, as autovacuum would gather
            conn.execute(text("ANALYZE athletes, session_logs, item_logs"))
            conn.commit()
    return [a["id"] for a in athletes]


def _unfiltered(app: App, ids: list[int], first: dt.date, last: dt.date) -> list[tuple[Any, ...]]:
    """The dashboard's former query: the item aggregate over every item ever logged."""
    with app.uow() as uow:
        return _unfiltered_rows(uow.db, ids, first, last)


def _unfiltered_rows(
    session: Any, ids: list[int], first: dt.date, last: dt.date
) -> list[tuple[Any, ...]]:
    in_full = and_(
        ItemLog.skipped.is_(False),
        ItemLog.sets_done >= func.coalesce(ItemLog.planned["sets"].as_integer(), 1),
    )
    items = (
        select(
            ItemLog.session_log_id.label("sid"),
            func.sum(case((ItemLog.skipped.is_(False), 1), else_=0)).label("done"),
            func.max(case((ItemLog.cramp.is_(True), 1), else_=0)).label("cramp"),
            func.max(ItemLog.pain_during).label("pain"),
            func.sum(case((in_full, 1), else_=0)).label("full"),
            func.count().label("logged"),
        )
        .group_by(ItemLog.session_log_id)
        .subquery()
    )
    rows = session.execute(
        select(
            SessionLog.athlete_id,
            SessionLog.id,
            SessionLog.date,
            SessionLog.slot,
            SessionLog.pain_during,
            SessionLog.next_morning_pain,
            SessionLog.cramp,
            SessionLog.ended_at,
            items.c.done,
            items.c.cramp,
            items.c.pain,
            items.c.full,
            items.c.logged,
            SessionLog.planned_items,
        )
        .outerjoin(items, items.c.sid == SessionLog.id)
        .where(
            SessionLog.athlete_id.in_(ids),
            SessionLog.date >= first,
            SessionLog.date <= last,
        )
        .order_by(SessionLog.athlete_id, SessionLog.date, SessionLog.started_at)
    )
    return [tuple(r) for r in rows]


def test_the_windowed_dashboard_query_answers_what_the_unfiltered_one_did(app: App) -> None:
    ids = _generate(app)
    rng = random.Random(11)
    windows = [
        (TODAY - dt.timedelta(days=27), TODAY),
        (TODAY - dt.timedelta(days=13), TODAY + dt.timedelta(days=2)),
        (TODAY - dt.timedelta(days=200), TODAY + dt.timedelta(days=10)),
        (TODAY + dt.timedelta(days=20), TODAY + dt.timedelta(days=40)),  # nothing logged
    ]
    subsets = [ids, sorted(rng.sample(ids, 25)), [ids[0]], [ATHLETES + 50]]
    compared = 0
    for first, last in windows:
        for subset in subsets:
            old = _unfiltered(app, subset, first, last)
            with app.uow() as uow:
                new = uow.accounts.roster.window_logs(subset, first, last)
            assert new == old
            compared += len(new)
    assert compared > 10_000  # the comparison covered real rows, with and without items
    with app.uow() as uow:
        assert uow.accounts.roster.window_logs([], TODAY, TODAY) == []


def test_the_dashboard_over_generated_members_matches_the_unfiltered_logs(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """End to end: the dashboard of a group of generated athletes is the same whether its
    logs come from the windowed query or from the former unfiltered one."""
    ids = _generate(app, seed=3)
    svc = app.services.coaching
    user = app.services.accounts.create_user(
        "coach@example.org", "correct horse battery", Role.COACH
    )
    coach = app.services.accounts.principal(user.id)
    group = svc.create_group(coach, "Big club")
    members = ids[:40]
    with app.uow() as uow:
        for a in members:
            uow.accounts.groups.add_membership(
                {
                    "group_id": group.id,
                    "athlete_id": a,
                    "status": "accepted",
                    "created_at": dt.datetime(2027, 1, 1, tzinfo=dt.UTC),
                    "accepted_at": dt.datetime(2027, 1, 1, tzinfo=dt.UTC),
                }
            )
    board = svc.dashboard(coach, group.id, TODAY)
    later = svc.dashboard(coach, group.id, TODAY + dt.timedelta(days=2))

    def former(self: RosterRepository, ids: Any, first: dt.date, last: dt.date) -> Any:
        return _unfiltered_rows(self.session, list(ids), first, last)

    monkeypatch.setattr(RosterRepository, "window_logs", former)
    assert svc.dashboard(coach, group.id, TODAY) == board
    assert svc.dashboard(coach, group.id, TODAY + dt.timedelta(days=2)) == later
    assert len(board.members) == len(members)
    assert any(m.pain_flag for m in board.members)
    assert any(m.cramp_flag for m in board.members)
    assert any(m.pain_flag is None for m in board.members)


def test_on_postgresql_the_dashboard_query_uses_the_athlete_date_index(app: App) -> None:
    ids = _generate(app)
    with app.uow() as uow:
        if app.engine.dialect.name != "postgresql":
            # SQLite: the same question put to its planner.
            plan = _sqlite_plan(uow, ids)
            assert "ix_session_logs_athlete_id_date" in plan
            assert "SCAN item_logs" not in plan
            return
        plan = _pg_plan(uow, ids)
    assert "ix_session_logs_athlete_id_date" in plan
    assert "Seq Scan on item_logs" not in plan
    assert "Seq Scan on session_logs" not in plan


def _statement(uow: Any, ids: list[int]) -> Any:
    """The statement ``window_logs`` runs, captured from the session."""
    captured: list[Any] = []
    session = uow.db
    real = session.execute

    def spy(statement: Any, *args: Any, **kwargs: Any) -> Any:
        captured.append(statement)
        return real(statement, *args, **kwargs)

    session.execute = spy
    try:
        uow.accounts.roster.window_logs(ids[:3], TODAY - dt.timedelta(days=27), TODAY)
    finally:
        del session.execute
    assert len(captured) == 1
    return captured[0]


def _pg_plan(uow: Any, ids: list[int]) -> str:
    compiled = _statement(uow, ids).compile(
        dialect=uow.db.get_bind().dialect, compile_kwargs={"literal_binds": True}
    )
    rows = uow.db.execute(text(f"EXPLAIN {compiled}"))
    return "\n".join(r[0] for r in rows)


def _sqlite_plan(uow: Any, ids: list[int]) -> str:
    compiled = _statement(uow, ids).compile(
        dialect=uow.db.get_bind().dialect, compile_kwargs={"literal_binds": True}
    )
    rows = uow.db.execute(text(f"EXPLAIN QUERY PLAN {compiled}"))
    return "\n".join(str(r[-1]) for r in rows)

"""The coach's views find each member's newest programme snapshot (both engines): the roster
answers each athlete's newest snapshot whatever order the snapshots were stored in, and
both planners answer it from the (athlete_id, id, start, created_at) index without reading
the programmes table."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from typing import Any

from sqlalchemy import insert, text

from footcore.bootstrap import App
from footcore.store.tables import Athlete, ProfileVersion, Programme

from .support import TODAY

ATHLETES = 1500
INDEX = "ix_programmes_athlete_id_id_start_created_at"
NOW = dt.datetime(2027, 1, 1, 12, tzinfo=dt.UTC)


def _generate(app: App, seed: int = 5) -> tuple[dict[int, Any], list[int]]:
    """Athletes with 0-4 snapshots each, stored interleaved across athletes (a later id is
    not a later start); returns what each athlete's newest snapshot is, worked out here, and
    the owner of each snapshot."""
    rng = random.Random(seed)
    athletes = [
        {"id": a, "name": f"Runner {a:04d}", "created_at": NOW} for a in range(1, ATHLETES + 1)
    ]
    profiles = [
        {"id": a, "athlete_id": a, "version": 1, "data": {}, "created_at": NOW}
        for a in range(1, ATHLETES + 1)
    ]
    owners = [a for a in range(1, ATHLETES + 1) for _ in range(rng.choice([0, 1, 1, 2, 4]))]
    rng.shuffle(owners)
    programmes: list[dict[str, Any]] = []
    newest: dict[int, tuple[int, dt.date, dt.datetime]] = {}
    for pid, a in enumerate(owners, start=1):
        start = TODAY - dt.timedelta(days=rng.randint(0, 400))
        made = NOW - dt.timedelta(minutes=rng.randint(0, 100_000))
        programmes.append(
            {
                "id": pid,
                "athlete_id": a,
                "profile_version_id": a,
                "generator_version": "test",
                "start": start,
                "weeks": 16,
                "adjustments": {},
                "plan": {"weeks": []},
                "created_at": made,
            }
        )
        newest[a] = (pid, start, made)  # ids rise, so the last one stored is the newest
    with app.uow() as uow:
        uow.db.execute(insert(Athlete), athletes)
        uow.db.execute(insert(ProfileVersion), profiles)
        uow.db.execute(insert(Programme), programmes)
    with app.engine.connect() as conn:  # fresh statistics, as autovacuum / ANALYZE gather
        conn.execute(text("ANALYZE"))
        conn.commit()
    return newest, owners


def test_the_roster_answers_each_athletes_newest_snapshot(app: App) -> None:
    newest, owners = _generate(app)
    rng = random.Random(9)
    without = [a for a in range(1, ATHLETES + 1) if a not in newest]
    several = [a for a, n in Counter(owners).items() if n > 1]
    assert without
    assert len(several) > 300
    subsets = [
        list(range(1, ATHLETES + 1)),
        sorted(rng.sample(range(1, ATHLETES + 1), 200)),
        without[:5],
        [ATHLETES + 10],  # no such athlete
    ]
    for subset in subsets:
        with app.uow() as uow:
            got = uow.accounts.roster.latest_programmes(subset)
        assert got == {a: newest[a] for a in subset if a in newest}
    with app.uow() as uow:
        assert uow.accounts.roster.latest_programmes([]) == {}


def _statement(uow: Any, ids: list[int]) -> Any:
    """The one statement ``latest_programmes`` runs, captured from the session."""
    captured: list[Any] = []
    session = uow.db
    real = session.execute

    def spy(statement: Any, *args: Any, **kwargs: Any) -> Any:
        captured.append(statement)
        return real(statement, *args, **kwargs)

    session.execute = spy
    try:
        uow.accounts.roster.latest_programmes(ids)
    finally:
        del session.execute
    assert len(captured) == 1
    return captured[0]


def test_the_newest_snapshots_are_read_from_the_index_alone(app: App) -> None:
    _generate(app)
    ids = list(range(1, ATHLETES + 1, 7))  # 215 members spread over the athletes
    with app.uow() as uow:
        compiled = _statement(uow, ids).compile(
            dialect=uow.db.get_bind().dialect, compile_kwargs={"literal_binds": True}
        )
        if app.engine.dialect.name == "sqlite":
            rows = uow.db.execute(text(f"EXPLAIN QUERY PLAN {compiled}"))
            plan = "\n".join(str(r[-1]) for r in rows)
            assert f"USING COVERING INDEX {INDEX}" in plan
            assert "SCAN programmes" not in plan
            return
        rows = uow.db.execute(text(f"EXPLAIN {compiled}"))
        plan = "\n".join(r[0] for r in rows)
    assert INDEX in plan
    assert "Seq Scan on programmes" not in plan

"""Use cases run on the in-memory unit of work (tests/support/fake_uow.py): no database.

The same behaviour is proved on SQLite and PostgreSQL by the integration tests
(test_logging, test_calendar_feeds, ...); here it is the services' own logic, in
milliseconds, which is what the abstract unit of work is for.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from footcore.domain.errors import NotFoundError, ValidationError
from footcore.services.exports import ExportService
from footcore.services.logs import Feedback, ItemEntry, LogService, SessionHeader
from footcore.services.records import RecordService, RunEntry
from tests.support.fake_uow import FakeDatabase, NotInMemory, fake_context

DAY = dt.date(2027, 1, 4)  # a Monday
T0 = dt.datetime(2027, 1, 4, 7, 0, tzinfo=dt.UTC)
EASY = Feedback(difficulty=2, pain=1, cramp=False, note="fine", ended_at=T0)


@pytest.fixture
def db() -> FakeDatabase:
    return FakeDatabase()


def athlete(db: FakeDatabase, name: str = "Ana") -> int:
    with db() as uow:
        return uow.athletes.add(name, T0).id


def run(day: dt.date, client_id: str | None = None, km: float = 5.0) -> RunEntry:
    return RunEntry(day, km, 30.0, "easy", 4, client_id=client_id)


def item(index: int, exercise: str = "short-foot-standing") -> ItemEntry:
    planned: dict[str, Any] = {
        "sets": 2,
        "reps": 8,
        "hold_s": 5,
        "duration_s": None,
        "per_side": True,
        "minutes": 2.5,
    }
    return ItemEntry(
        index=index,
        exercise=exercise,
        planned=planned,
        sets_done=2,
        reps={"left": 16, "right": 16},
        seconds={"left": 80.0, "right": 80.0},
        started_at=T0,
        ended_at=T0 + dt.timedelta(minutes=2),
    )


def header(client_id: str, day: dt.date = DAY) -> SessionHeader:
    return SessionHeader(
        client_id=client_id,
        date=day,
        slot="morning",
        source="manual",
        planned_items=1,
        planned_minutes=2.5,
        started_at=T0,
    )


# -- the fake itself behaves like a transaction ------------------------------------------------


def test_the_in_memory_unit_of_work_keeps_nothing_of_a_block_that_raised(
    db: FakeDatabase,
) -> None:
    def add_then_fail() -> None:
        with db() as uow:
            uow.athletes.add("Ana", T0)
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        add_then_fail()
    with db(read_only=True) as uow:
        assert uow.athletes.list() == []


def test_a_read_only_in_memory_unit_of_work_stores_nothing(db: FakeDatabase) -> None:
    with db(read_only=True) as uow:
        uow.athletes.add("Ana", T0)
    with db() as uow:
        assert uow.athletes.first() is None


def test_the_in_memory_unit_of_work_refuses_data_it_does_not_keep(db: FakeDatabase) -> None:
    with db() as uow, pytest.raises(NotInMemory, match="accounts"):
        _ = uow.accounts.users


# -- runs and self-tests -------------------------------------------------------------------------


def test_a_run_sent_twice_with_one_client_id_is_stored_once(db: FakeDatabase) -> None:
    records = RecordService(fake_context(db, today=DAY))
    ana = athlete(db)
    assert records.add_run(ana, run(DAY, "r-1")) is True
    assert records.add_run(ana, run(DAY, "r-1", km=9.0)) is False
    assert records.add_run(ana, run(DAY)) is True  # no client id: always a new run
    assert [(r.km, r.date) for r in records.runs(ana)] == [(5.0, DAY), (5.0, DAY)]


def test_runs_come_back_by_date_within_the_range_asked_for(db: FakeDatabase) -> None:
    records = RecordService(fake_context(db, today=DAY))
    ana, bea = athlete(db), athlete(db, "Bea")
    for days in (3, 1, 2):
        records.add_run(ana, run(DAY + dt.timedelta(days=days)))
    records.add_run(bea, run(DAY + dt.timedelta(days=2)))
    got = records.runs(ana, since=DAY + dt.timedelta(days=2))
    assert [r.date for r in got] == [DAY + dt.timedelta(days=2), DAY + dt.timedelta(days=3)]


def test_a_bad_run_is_refused_before_a_unit_of_work_is_opened(db: FakeDatabase) -> None:
    records = RecordService(fake_context(db, today=DAY))
    ana = athlete(db)
    opened = len(db.made)
    with pytest.raises(ValidationError) as caught:
        records.add_run(ana, RunEntry(DAY, -1.0, 0.0, "sprint", 9))
    assert [p.where for p in caught.value.problems] == ["km", "minutes", "kind", "felt"]
    assert len(db.made) == opened


def test_a_run_for_an_unknown_athlete_is_refused_and_nothing_is_stored(
    db: FakeDatabase,
) -> None:
    records = RecordService(fake_context(db, today=DAY))
    ana = athlete(db)
    with pytest.raises(NotFoundError, match="unknown athlete '7'"):
        records.add_run(7, run(DAY, "r-1"))
    assert records.runs(ana) == []


def test_a_self_test_is_scored_and_stored_on_the_day_it_was_taken(db: FakeDatabase) -> None:
    records = RecordService(fake_context(db, today=DAY))
    ana = athlete(db)
    battery = {
        "age": 38,
        "sex": "female",
        "results": {"knee_to_wall_cm": {"left": 9.5, "right": 11.0}, "pain_nrs": 3},
    }
    stored = records.record_assessment(ana, battery, taken_on=DAY - dt.timedelta(days=1))
    assert stored.taken_on == DAY - dt.timedelta(days=1)
    assert stored.report["date"] == (DAY - dt.timedelta(days=1)).isoformat()
    assert [a.id for a in records.assessments(ana)] == [stored.id]


# -- calendar feeds ------------------------------------------------------------------------------


def test_a_new_calendar_feed_stops_the_older_one(db: FakeDatabase) -> None:
    exports = ExportService(fake_context(db, today=DAY))
    ana = athlete(db)
    first = exports.create_feed(ana)
    second = exports.create_feed(ana)
    assert exports.feed_athlete(second) == ana
    with pytest.raises(NotFoundError):
        exports.feed_athlete(first)
    assert all(token not in f.token_sha256 for f in db.rows.feeds for token in (first, second))


def test_revoking_counts_the_working_feeds_and_their_tokens_stop(db: FakeDatabase) -> None:
    exports = ExportService(fake_context(db, today=DAY))
    ana, bea = athlete(db), athlete(db, "Bea")
    token = exports.create_feed(ana)
    kept = exports.create_feed(bea)
    assert exports.revoke_feeds(ana) == 1
    assert exports.revoke_feeds(ana) == 0
    with pytest.raises(NotFoundError):
        exports.feed_athlete(token)
    assert exports.feed_athlete(kept) == bea


# -- logging a session -----------------------------------------------------------------------------


def test_a_session_sent_twice_is_stored_once_and_decides_once(db: FakeDatabase) -> None:
    logs = LogService(fake_context(db, today=DAY, now=T0))
    ana = athlete(db)
    first = logs.log_session(ana, header("c-1"), [item(0)], EASY)
    again = logs.log_session(ana, header("c-1"), [item(0)], EASY)
    assert (first.items_stored, again.items_stored, again.items_already_stored) == (1, 0, 1)
    assert first.session_id == again.session_id
    assert again.decisions == first.decisions
    assert len(db.rows.sessions) == 1
    assert len(db.rows.decisions) == len(first.decisions) == 1


def test_two_easy_sessions_in_a_row_progress_the_chain(db: FakeDatabase) -> None:
    logs = LogService(fake_context(db, today=DAY, now=T0))
    ana = athlete(db)
    first = logs.log_session(ana, header("d-1"), [item(0)], EASY)
    second = logs.log_session(ana, header("d-2", DAY + dt.timedelta(days=1)), [item(0)], EASY)
    assert [(d.chain, d.action) for d in first.decisions] == [("short-foot-seated", "hold")]
    assert [(d.chain, d.action) for d in second.decisions] == [("short-foot-seated", "progress")]
    assert "2 sessions running" in second.decisions[0].reason


def test_a_session_for_an_unknown_athlete_stores_nothing(db: FakeDatabase) -> None:
    logs = LogService(fake_context(db, today=DAY, now=T0))
    athlete(db)
    with pytest.raises(NotFoundError, match="unknown athlete '9'"):
        logs.log_session(9, header("c-1"), [item(0)], EASY)
    assert db.rows.sessions == []

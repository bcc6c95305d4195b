"""Logging sessions: stored once whatever the retries, all-or-nothing, adaptation stored."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from typing import Any

import pytest
from sqlalchemy import func, select

from footcore.bootstrap import App, bootstrap
from footcore.config import Settings
from footcore.domain.errors import ConflictError, ValidationError
from footcore.services import Feedback, ItemEntry, RunEntry, SessionHeader
from footcore.services.logs import LogService
from footcore.store.tables import Athlete, Decision, ItemLog, Run, SessionLog

from .support import run_together

DAY = dt.date(2027, 1, 4)
T0 = dt.datetime(2027, 1, 4, 7, 0, tzinfo=dt.UTC)


def new_athlete(app: App, name: str = "Ana") -> int:
    with app.uow() as uow:
        return uow.athletes.add(name, T0).id


def planned(sets: int = 2, reps: int = 8, hold_s: int | None = 5) -> dict[str, Any]:
    return {
        "sets": sets,
        "reps": reps,
        "hold_s": hold_s,
        "duration_s": None,
        "per_side": True,
        "minutes": 2.5,
    }


def item(index: int, exercise: str = "short-foot-standing", **kw: Any) -> ItemEntry:
    values: dict[str, Any] = {
        "planned": planned(),
        "sets_done": 2,
        "reps": {"left": 16, "right": 16},
        "seconds": {"left": 80.0, "right": 80.0},
        "started_at": T0,
        "ended_at": T0 + dt.timedelta(minutes=2),
    }
    values.update(kw)
    return ItemEntry(index=index, exercise=exercise, **values)


def header(client_id: str, day: dt.date = DAY, slot: str = "morning") -> SessionHeader:
    return SessionHeader(
        client_id=client_id,
        date=day,
        slot=slot,
        source="manual",
        planned_items=2,
        planned_minutes=5.0,
        started_at=T0,
    )


EASY = Feedback(difficulty=2, pain=1, cramp=False, note="fine", ended_at=T0)


def count(app: App, model: type[Any]) -> int:
    with app.uow() as uow:
        return int(uow.db.scalar(select(func.count()).select_from(model)) or 0)


def test_a_session_sent_twice_is_stored_once(app: App) -> None:
    athlete = new_athlete(app)
    items = [item(0), item(1, "towel-scrunch", planned=planned(1, 15, None))]
    first = app.services.log_session(athlete, header("c-1"), items, EASY)
    again = app.services.log_session(athlete, header("c-1"), items, EASY)
    assert (first.items_stored, first.items_already_stored) == (2, 0)
    assert (again.items_stored, again.items_already_stored) == (0, 2)
    assert first.session_id == again.session_id
    assert count(app, SessionLog) == 1
    assert count(app, ItemLog) == 2
    assert again.decisions == first.decisions


def test_an_item_sent_twice_is_stored_once(app: App) -> None:
    athlete = new_athlete(app)
    session_id, created = app.services.open_session(athlete, header("c-2"))
    assert created is True
    assert app.services.open_session(athlete, header("c-2")) == (session_id, False)
    assert app.services.log_item(athlete, "c-2", item(0)) is True
    assert app.services.log_item(athlete, "c-2", item(0)) is False
    assert app.services.log_item(athlete, "c-2", item(1)) is True
    assert count(app, ItemLog) == 2


def test_items_are_stored_with_every_field(app: App) -> None:
    athlete = new_athlete(app)
    app.services.open_session(athlete, header("c-3"))
    app.services.log_item(
        athlete,
        "c-3",
        item(
            0,
            reps={"left": 16, "right": 12},
            seconds={"both": 42.5},
            difficulty=3,
            pain=2,
            cramp=True,
            note="right foot tired",
            skipped=False,
        ),
    )
    with app.uow() as uow:
        (row,) = uow.db.scalars(select(ItemLog)).all()
        assert (row.reps_left, row.reps_right, row.reps_both) == (16, 12, None)
        assert (row.seconds_left, row.seconds_right, row.seconds_both) == (None, None, 42.5)
        assert (row.difficulty, row.pain_during, row.cramp) == (3, 2, True)
        assert row.note == "right foot tired"
        assert row.started_at == T0
        assert row.ended_at == T0 + dt.timedelta(minutes=2)
        assert row.planned == planned()


def test_a_failure_inside_a_logging_transaction_leaves_nothing_behind(
    db_url: str, tmp_path: Any
) -> None:
    def broken_catalogue() -> Any:
        raise RuntimeError("catalogue unavailable")

    good = bootstrap(Settings(database_url=db_url, data_dir=tmp_path))
    broken = bootstrap(Settings(database_url=db_url, data_dir=tmp_path), catalogue=broken_catalogue)
    try:
        athlete = new_athlete(good)
        # The items are written first; adaptation then fails inside the same transaction.
        with pytest.raises(RuntimeError, match="catalogue unavailable"):
            broken.services.log_session(athlete, header("c-4"), [item(0), item(1)], EASY)
        assert count(good, SessionLog) == 0
        assert count(good, ItemLog) == 0
        assert count(good, Decision) == 0
    finally:
        good.close()
        broken.close()


def test_the_unit_of_work_rolls_back_on_any_exception(app: App) -> None:
    def write_then_fail() -> None:
        with app.uow() as uow:
            uow.athletes.add("Half-written", T0)
            uow.flush()  # the row is in the database, inside the transaction
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        write_then_fail()
    assert count(app, Athlete) == 0


def test_invalid_feedback_is_refused_before_anything_is_written(app: App) -> None:
    athlete = new_athlete(app)
    with pytest.raises(ValidationError) as caught:
        app.services.log_session(athlete, header("c-5"), [item(0)], Feedback(difficulty=7, pain=11))
    assert [p.where for p in caught.value.problems] == ["difficulty", "pain"]
    assert count(app, SessionLog) == 0


def test_two_easy_sessions_progress_a_chain_and_the_decision_is_stored_once(app: App) -> None:
    athlete = new_athlete(app)
    first = app.services.log_session(athlete, header("d-1"), [item(0)], EASY)
    assert [(d.chain, d.action) for d in first.decisions] == [("short-foot-seated", "hold")]
    second = app.services.log_session(
        athlete, header("d-2", DAY + dt.timedelta(days=1)), [item(0)], EASY
    )
    assert [(d.chain, d.action) for d in second.decisions] == [("short-foot-seated", "progress")]
    assert "2 sessions running" in second.decisions[0].reason
    app.services.log_session(athlete, header("d-2", DAY + dt.timedelta(days=1)), [item(0)], EASY)
    assert count(app, Decision) == 2


def test_pain_above_five_regresses_and_a_cramp_moves_cramp_prone_work(app: App) -> None:
    athlete = new_athlete(app)
    receipt = app.services.log_session(
        athlete,
        header("p-1"),
        [item(0), item(1, "towel-scrunch", planned=planned(1, 15, None))],
        Feedback(difficulty=4, pain=7, cramp=True),
    )
    actions = {(d.chain, d.action) for d in receipt.decisions}
    assert ("short-foot-seated", "regress") in actions
    assert ("programme", "move") in actions


def test_a_worse_next_morning_regresses_the_chains_of_the_day_before(app: App) -> None:
    athlete = new_athlete(app)
    app.services.log_session(athlete, header("m-1"), [item(0)], EASY)
    decisions = app.services.record_morning_pain(athlete, DAY + dt.timedelta(days=1), 4)
    assert [(d.chain, d.action) for d in decisions] == [("short-foot-seated", "regress")]
    assert "next-morning pain 4/10" in decisions[0].reason
    with app.uow() as uow:
        log = uow.sessions.by_client_id(athlete, "m-1")
        assert log is not None
        assert log.next_morning_pain == 4
    # Recording the same morning again decides nothing new.
    assert app.services.record_morning_pain(athlete, DAY + dt.timedelta(days=1), 4) == ()


def test_morning_pain_without_foot_work_the_day_before_is_refused(app: App) -> None:
    athlete = new_athlete(app)
    with pytest.raises(ConflictError, match="morning pain"):  # valid, refused on the state
        app.services.record_morning_pain(athlete, DAY, 2)


def test_a_run_with_a_client_id_is_stored_once(app: App) -> None:
    athlete = new_athlete(app)
    run = RunEntry(
        date=DAY, km=8.2, minutes=46.5, kind="easy", felt=4, note="hills", client_id="r-1"
    )
    assert app.services.add_run(athlete, run) is True
    assert app.services.add_run(athlete, run) is False
    assert app.services.add_run(athlete, RunEntry(DAY, 5.0, 30.0, "hard", 2)) is True
    assert count(app, Run) == 2
    listed = app.services.runs(athlete)
    assert [(r.km, r.kind, r.felt, r.note) for r in listed] == [
        (8.2, "easy", 4, "hills"),
        (5.0, "hard", 2, None),
    ]


def test_a_bad_run_is_refused_with_every_problem(app: App) -> None:
    athlete = new_athlete(app)
    with pytest.raises(ValidationError) as caught:
        app.services.add_run(athlete, RunEntry(DAY, -1, 0, "sprint", 9))
    assert [p.where for p in caught.value.problems] == ["km", "minutes", "kind", "felt"]


def test_two_finishes_of_one_session_at_once_store_the_first_feedback_and_its_decisions(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A calm and a sore finish of one session arrive together (both read the unfinished
    session, held at a barrier on PostgreSQL where the transactions run side by side). The
    feedback stored must be one of them, the decisions stored must follow from it, and
    both answers must be those decisions: before the row lock, a session stored with pain 0
    and no cramp carried "pain 9/10" and "a cramp struck"."""
    athlete = new_athlete(app)
    app.services.open_session(athlete, header("race-1"))
    app.services.log_item(athlete, "race-1", item(0))
    app.services.log_item(athlete, "race-1", item(1, "towel-scrunch", planned=planned(1, 15, None)))
    together = app.engine.dialect.name == "postgresql"
    barrier = threading.Barrier(2, timeout=3 if together else 0.2)
    read = LogService._session

    def read_together(self: LogService, uow: Any, *args: Any, **kw: Any) -> Any:
        log = read(self, uow, *args, **kw)
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()
        return log

    monkeypatch.setattr(LogService, "_session", read_together)
    sent = {
        "calm": Feedback(difficulty=2, pain=0, cramp=False, ended_at=T0),
        "sore": Feedback(difficulty=4, pain=9, cramp=True, ended_at=T0),
    }
    answers: dict[str, set[tuple[str, str]]] = {}
    failures: list[BaseException] = []

    def finish(name: str) -> None:
        try:
            decisions = app.services.finish_session(athlete, "race-1", sent[name])
            answers[name] = {(d.chain, d.action) for d in decisions}
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)

    run_together(finish, sent)
    assert failures == []
    with app.uow() as uow:
        log = uow.sessions.by_client_id(athlete, "race-1")
        assert log is not None
        stored = (log.pain_during, log.cramp)
        kept = {
            (d.chain, d.action) for d in uow.decisions.list(athlete) if d.session_log_id == log.id
        }
    assert stored in ((0, False), (9, True))
    assert answers["calm"] == answers["sore"] == kept
    sore_signs = {("short-foot-seated", "regress"), ("programme", "move")}
    if stored == (0, False):
        assert not kept & sore_signs
    else:
        assert sore_signs <= kept


def test_numbers_beyond_the_columns_are_refused_before_the_database_sees_them(app: App) -> None:
    athlete = new_athlete(app)
    app.services.open_session(athlete, header("big-1"))
    for bad in (
        item(2_147_483_648),
        item(0, sets_done=2_147_483_648),
        item(0, reps={"left": 2**40}),
        item(0, seconds={"left": float("inf")}),
    ):
        with pytest.raises(ValidationError):
            app.services.log_item(athlete, "big-1", bad)
    with pytest.raises(ValidationError, match="planned_items"):
        app.services.open_session(
            athlete,
            SessionHeader(
                client_id="big-2",
                date=DAY,
                slot="morning",
                source="manual",
                planned_items=2**63,
                planned_minutes=5.0,
                started_at=T0,
            ),
        )
    assert count(app, ItemLog) == 0

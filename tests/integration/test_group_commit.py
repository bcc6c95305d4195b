"""Group commit (store/group_commit.py): session-log writes that arrive together share one
transaction, each is answered only after that transaction's commit, a write the services
refuse fails alone and leaves nothing, and a batch whose transaction fails fails every
write in it and stores none of them. On SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
from concurrent.futures import Future
from typing import Any

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from footcore.bootstrap import App
from footcore.domain.errors import ConflictError, NotFoundError
from footcore.services import ItemEntry, SessionHeader
from footcore.store.group_commit import GroupCommitWriter, WriterClosedError
from footcore.store.tables import ItemLog, SessionLog
from footcore.web.writes import written

DAY = dt.date(2027, 1, 4)
T0 = dt.datetime(2027, 1, 4, 7, 0, tzinfo=dt.UTC)


def header(client_id: str) -> SessionHeader:
    return SessionHeader(client_id=client_id, date=DAY, slot="morning", started_at=T0)


def item(index: int) -> ItemEntry:
    planned = {"sets": 1, "reps": 10, "per_side": False, "minutes": 1.0}
    return ItemEntry(index=index, exercise="towel-scrunch", planned=planned, sets_done=1)


@pytest.fixture
def athlete(app: App) -> int:
    with app.uow() as uow:
        return uow.athletes.add("Ana", T0).id


@pytest.fixture
def writer(app: App) -> Iterator[GroupCommitWriter]:
    """A writer with one thread, as on SQLite (PostgreSQL's app has several, which take
    batches side by side), so that what is submitted while it is held is one batch."""
    assert isinstance(app.services.ctx.writes, GroupCommitWriter)  # the services use one
    found = GroupCommitWriter(app.uow, threads=1)
    yield found
    found.close()


def stored_client_ids(app: App) -> list[str]:
    with app.uow(read_only=True) as uow:
        return list(uow.db.scalars(select(SessionLog.client_id).order_by(SessionLog.id)))


def outcome(future: Future[Any]) -> Any:
    error = future.exception(timeout=30)
    return error if error is not None else future.result()


def test_writes_that_arrive_together_share_one_transaction_and_are_answered_after_it(
    app: App, athlete: int, writer: GroupCommitWriter
) -> None:
    logs = app.services.logs
    before = writer.batches
    with writer.hold():
        futures = [
            writer.submit(logs.open_session_work(athlete, header(f"c-{n}"))) for n in range(5)
        ]
        assert not any(f.done() for f in futures)  # nothing is answered before the commit
    answers = [outcome(f) for f in futures]
    assert [created for _, created in answers] == [True] * 5
    assert len({session_id for session_id, _ in answers}) == 5
    assert writer.batches - before == 1
    assert stored_client_ids(app) == [f"c-{n}" for n in range(5)]


def test_one_session_sent_twice_in_one_batch_is_stored_once(
    app: App, athlete: int, writer: GroupCommitWriter
) -> None:
    logs = app.services.logs
    with writer.hold():
        first = writer.submit(logs.open_session_work(athlete, header("twice")))
        again = writer.submit(logs.open_session_work(athlete, header("twice")))
        item_once = writer.submit(logs.log_item_work(athlete, "twice", item(0)))
        item_again = writer.submit(logs.log_item_work(athlete, "twice", item(0)))
    (made_id, made), (found_id, found) = outcome(first), outcome(again)
    assert (made, found) == (True, False)
    assert made_id == found_id
    assert (outcome(item_once), outcome(item_again)) == (True, False)
    with app.uow(read_only=True) as uow:
        assert uow.db.scalar(select(func.count()).select_from(ItemLog)) == 1
    assert stored_client_ids(app) == ["twice"]


def test_a_refused_write_fails_alone_leaves_nothing_and_the_others_are_stored(
    app: App, athlete: int, writer: GroupCommitWriter
) -> None:
    logs = app.services.logs

    def open_then_refuse(uow: Any) -> None:
        logs.open_session_work(athlete, header("refused"))(uow)  # written, then refused
        raise ConflictError("refused after writing")

    before = writer.batches
    with writer.hold():
        futures: list[Future[Any]] = [
            writer.submit(logs.open_session_work(athlete, header("a"))),
            writer.submit(logs.log_item_work(athlete, "never-started", item(0))),
            writer.submit(open_then_refuse),
            writer.submit(logs.open_session_work(athlete, header("b"))),
            writer.submit(logs.log_item_work(athlete, "a", item(0))),  # sees "a" of this batch
        ]
    answers = [outcome(f) for f in futures]
    assert answers[0][1] is True
    assert answers[3][1] is True
    assert isinstance(answers[1], NotFoundError)
    assert isinstance(answers[2], ConflictError)
    assert answers[4] is True
    assert stored_client_ids(app) == ["a", "b"]
    assert writer.batches - before == 1  # one commit, after the two refused were left out


@pytest.fixture
def failing_commit(app: App) -> Iterator[list[bool]]:
    """While ``armed[0]`` is true, every commit of the app's units of work fails as the
    database would (an OperationalError)."""
    armed = [False]

    def fail(_session: Session) -> None:
        if armed[0]:
            raise OperationalError("COMMIT", {}, Exception("disk I/O error"))

    event.listen(app.session_factory, "before_commit", fail)
    yield armed
    event.remove(app.session_factory, "before_commit", fail)


def test_a_failed_batch_fails_every_request_in_it_and_stores_none_of_them(
    app: App, athlete: int, writer: GroupCommitWriter, failing_commit: list[bool]
) -> None:
    logs = app.services.logs
    with writer.hold():
        futures: list[Future[Any]] = [
            writer.submit(logs.open_session_work(athlete, header(f"f-{n}"))) for n in range(4)
        ]
        futures.append(writer.submit(logs.log_item_work(athlete, "f-0", item(0))))
        failing_commit[0] = True
    answers = [outcome(f) for f in futures]
    assert all(isinstance(a, OperationalError) for a in answers), answers
    failing_commit[0] = False
    assert stored_client_ids(app) == []
    with app.uow(read_only=True) as uow:
        assert uow.db.scalar(select(func.count()).select_from(ItemLog)) == 0
    # The writer goes on: the same writes sent again (a client's retry) are stored.
    again = [writer.submit(logs.open_session_work(athlete, header(f"f-{n}"))) for n in range(4)]
    assert [outcome(f)[1] for f in again] == [True] * 4
    assert stored_client_ids(app) == [f"f-{n}" for n in range(4)]


def burst(app: App, works: list[Any]) -> list[Any]:
    """``works`` sent as the web routes send them (``written``), all in one turn of an event
    loop, as concurrent requests are read; each one's answer or error."""

    async def send() -> list[Any]:
        return await asyncio.gather(
            *(written(app.services, work) for work in works), return_exceptions=True
        )

    return asyncio.run(send())


def test_writes_sent_in_one_turn_of_the_event_loop_are_one_batch(app: App, athlete: int) -> None:
    writer = app.writes
    assert writer is not None
    logs = app.services.logs
    before = writer.batches
    answers = burst(app, [logs.open_session_work(athlete, header(f"t-{n}")) for n in range(8)])
    assert [created for _, created in answers] == [True] * 8
    assert writer.batches - before == 1  # one hand-over, one transaction, one commit
    assert stored_client_ids(app) == [f"t-{n}" for n in range(8)]


def test_a_failed_batch_of_web_writes_fails_every_request_and_stores_none(
    app: App, athlete: int, failing_commit: list[bool]
) -> None:
    logs = app.services.logs
    works = [logs.open_session_work(athlete, header(f"w-{n}")) for n in range(6)]
    failing_commit[0] = True
    answers = burst(app, works)
    failing_commit[0] = False
    assert all(isinstance(a, OperationalError) for a in answers), answers
    assert stored_client_ids(app) == []
    # The client's retry, with the same client ids, stores each once.
    retried = burst(app, [logs.open_session_work(athlete, header(f"w-{n}")) for n in range(6)])
    assert [created for _, created in retried] == [True] * 6
    assert stored_client_ids(app) == [f"w-{n}" for n in range(6)]


def test_more_writes_than_a_batch_holds_are_split_and_all_stored(app: App, athlete: int) -> None:
    writer = GroupCommitWriter(app.uow, max_batch=4, threads=1)
    logs = app.services.logs
    try:
        with writer.hold():
            first = writer.submit_many(
                [logs.open_session_work(athlete, header(f"s-{n}")) for n in range(6)]
            )
            second = writer.submit_many(
                [logs.open_session_work(athlete, header(f"s-{n}")) for n in range(6, 9)]
            )
        answers = [outcome(f) for f in first + second]
    finally:
        writer.close()
    assert [created for _, created in answers] == [True] * 9
    assert writer.batches == 3  # 4 + 4 + 1: none over the most a batch holds
    assert stored_client_ids(app) == [f"s-{n}" for n in range(9)]


def test_the_blocking_service_call_writes_through_the_apps_writer(app: App, athlete: int) -> None:
    writer = app.writes
    assert app.services.ctx.writes is writer
    assert writer is not None
    before = writer.jobs
    assert app.services.open_session(athlete, header("cli"))[1] is True
    assert app.services.log_item(athlete, "cli", item(0)) is True
    assert writer.jobs - before == 2
    assert stored_client_ids(app) == ["cli"]


def test_a_closed_writer_refuses_new_work_and_finishes_what_it_had(
    app: App, athlete: int, writer: GroupCommitWriter
) -> None:
    with writer.hold():
        queued = writer.submit(app.services.logs.open_session_work(athlete, header("last")))
    writer.close()
    assert outcome(queued)[1] is True
    with pytest.raises(WriterClosedError):
        writer.submit(app.services.logs.open_session_work(athlete, header("late")))
    assert stored_client_ids(app) == ["last"]


def test_several_writer_threads_store_every_write_once(app: App, athlete: int) -> None:
    """PostgreSQL's writers take batches side by side: every write is answered and stored,
    and the same client id sent from different batches is still stored once."""
    writer = GroupCommitWriter(app.uow, threads=4)
    logs = app.services.logs
    try:
        futures = [
            writer.submit(logs.open_session_work(athlete, header(f"p-{n % 60}")))
            for n in range(120)
        ]
        answers = [outcome(f) for f in futures]
    finally:
        writer.close()
    assert all(isinstance(a, tuple) for a in answers), answers
    assert sum(1 for _, created in answers if created) == 60
    ids: dict[str, set[int]] = {f"p-{n}": set() for n in range(60)}
    for n, (session_id, _) in enumerate(answers):
        ids[f"p-{n % 60}"].add(session_id)
    assert all(len(found) == 1 for found in ids.values())
    assert sorted(stored_client_ids(app)) == sorted(ids)

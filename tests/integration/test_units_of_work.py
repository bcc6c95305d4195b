"""Read-only units of work, and how writers of one process take turns on SQLite.

A read-only unit of work never writes (the attempt fails loudly, nothing is dropped in
silence) and, on SQLite, never waits for a writer; writers of one process queue on the
process's lock for the file, and one that waits past the busy timeout gets a clear error
(the API answers 503).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import functools
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import anyio.from_thread
import httpx
import pytest
from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.exc import DBAPIError

from footcore.bootstrap import App, bootstrap
from footcore.config import Settings
from footcore.domain.errors import DatabaseBusyError
from footcore.store import engine as engine_module
from footcore.store.tables import Athlete
from footcore.store.uow import ReadOnlyError
from footcore.web.app import create_app

T0 = dt.datetime(2027, 1, 4, 7, 0, tzinfo=dt.UTC)


@pytest.fixture
def app(db_url: str, tmp_path: Path) -> Iterator[App]:
    found = bootstrap(Settings(database_url=db_url, data_dir=tmp_path))
    with found.uow() as uow:
        uow.athletes.add("Ana", T0)
    yield found
    found.close()


def names(app: App) -> list[str]:
    with app.uow(read_only=True) as uow:
        return list(uow.db.scalars(select(Athlete.name).order_by(Athlete.id)))


def test_a_read_only_unit_refuses_orm_changes_and_stores_nothing(app: App) -> None:
    with pytest.raises(ReadOnlyError, match="cannot store changes"), app.uow(read_only=True) as uow:
        uow.athletes.add("Bea", T0)
    with app.uow(read_only=True) as uow:
        athlete = uow.athletes.first()
        assert athlete is not None
        athlete.name = "Renamed"
        with pytest.raises(ReadOnlyError):
            uow.flush()
    assert names(app) == ["Ana"]


def test_a_read_only_unit_refuses_insert_update_and_delete_statements(app: App) -> None:
    for statement in (
        insert(Athlete).values(name="Bea", created_at=T0),
        update(Athlete).values(name="Renamed"),
        delete(Athlete),
    ):
        with pytest.raises(ReadOnlyError, match="cannot run"), app.uow(read_only=True) as uow:
            uow.db.execute(statement)
    assert names(app) == ["Ana"]


def test_the_database_itself_refuses_plain_sql_writes_in_a_read_only_unit(app: App) -> None:
    """SQL the session cannot classify is refused by the database (SQLite's query_only, a
    PostgreSQL READ ONLY transaction), not run and then rolled back in silence."""
    with pytest.raises(DBAPIError), app.uow(read_only=True) as uow:
        uow.db.execute(text("UPDATE athletes SET name = 'Renamed'"))
    assert names(app) == ["Ana"]
    # The same pooled connections write again in a unit of work that may write.
    with app.uow() as uow:
        uow.db.execute(text("UPDATE athletes SET name = 'Ana B'"))
    assert names(app) == ["Ana B"]
    assert names(app) == ["Ana B"]


def test_objects_read_in_a_read_only_unit_stay_readable_after_it(app: App) -> None:
    with app.uow(read_only=True) as uow:
        athlete = uow.athletes.first()
    assert athlete is not None
    assert athlete.name == "Ana"
    assert athlete.created_at == T0


# -- SQLite only: PostgreSQL readers never wait for writers, and it queues writers itself --


@pytest.fixture
def lite(tmp_path: Path) -> Iterator[App]:
    found = bootstrap(Settings.for_sqlite_file(tmp_path / "footcore.sqlite3"))
    with found.uow() as uow:
        uow.athletes.add("Ana", T0)
    yield found
    found.close()


def _sqlite_path(app: App) -> str:
    database = app.engine.url.database
    assert database
    return database


def test_sqlite_readers_do_not_wait_for_a_writer_of_another_process(lite: App) -> None:
    """Another connection (as another process would) holds the write lock with a change
    not yet committed: a read-only unit reads at once and sees the committed data. A
    reader that queued for the write lock would fail after the busy timeout instead."""
    other = sqlite3.connect(_sqlite_path(lite), isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO athletes (name, created_at) VALUES ('Bea', '2027-01-04')")
        assert lite.services.programmes.athletes()[0].name == "Ana"
        assert names(lite) == ["Ana"]
        other.execute("COMMIT")
    finally:
        other.close()
    assert names(lite) == ["Ana", "Bea"]


def test_sqlite_writers_of_one_process_take_turns(lite: App) -> None:
    holding, release, second_in = threading.Event(), threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def first() -> None:
        try:
            with lite.uow() as uow:
                uow.athletes.add("Bea", T0)
                holding.set()
                release.wait(30)
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)

    def second() -> None:
        try:
            with lite.uow() as uow:
                second_in.set()
                uow.athletes.add("Cleo", T0)
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)

    a = threading.Thread(target=first)
    a.start()
    assert holding.wait(30)
    b = threading.Thread(target=second)
    b.start()
    # The second writer is parked on the lock while the first holds it ...
    assert not second_in.wait(0.3)
    release.set()
    a.join(30)
    b.join(30)
    # ... and goes on once it is released: both writes stored, no "database is locked".
    assert failures == []
    assert second_in.is_set()
    assert names(lite) == ["Ana", "Bea", "Cleo"]


@contextlib.contextmanager
def another_write_open(app: App) -> Iterator[None]:
    """Another thread holds a write unit of work of ``app`` open (one athlete added, not yet
    committed) for the whole block."""
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with app.uow() as uow:
            uow.athletes.add("Bea", T0)
            holding.set()
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holding.wait(30)
        yield
    finally:
        release.set()
        holder.join(30)


def test_a_sqlite_writer_waiting_past_the_busy_timeout_gets_a_clear_error(
    lite: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 50)
    with another_write_open(lite):
        busy = pytest.raises(DatabaseBusyError, match=r"the database is busy.*try again")
        with busy, lite.uow() as uow:
            uow.athletes.add("Cleo", T0)
        # Reading is not held up by the writer.
        assert names(lite) == ["Ana"]
    with lite.uow(read_only=True) as uow:
        assert uow.db.scalar(select(func.count()).select_from(Athlete)) == 2


def test_the_api_answers_503_when_the_database_stays_busy(
    lite: App, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 50)
    web = create_app(Settings(database_url=str(lite.engine.url), data_dir=tmp_path))
    body = {"client_id": "busy-1", "date": "2027-01-04", "slot": "morning"}
    transport = httpx.ASGITransport(app=web, client=("127.0.0.1", 50000))  # one-person mode
    client = httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1")
    with anyio.from_thread.start_blocking_portal() as portal:
        post = functools.partial(
            portal.call, functools.partial(client.post, "/api/v1/sessions", json=body)
        )
        with another_write_open(lite):
            answer = post()
        assert answer.status_code == 503, answer.text
        error = answer.json()["error"]
        assert error["kind"] == "busy"
        assert "try again" in error["message"]
        # Once the other write is done, the same request is stored.
        again = post()
        assert again.status_code == 201, again.text
        portal.call(client.aclose)
    web.state.footcore.close()


def test_sqlite_writers_of_other_processes_are_ordered_by_the_lock_file(
    lite: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process (here: a descriptor of its own, which ``flock`` treats the same way)
    holds the writers' lock file: a write waits for it, past the busy timeout gets the clear
    error with nothing stored, reads go on, and once it is released the write goes through."""
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 50)
    path = engine_module.lock_file_path(_sqlite_path(lite))
    other = os.open(path, os.O_RDONLY | os.O_CREAT, 0o644)
    try:
        fcntl.flock(other, fcntl.LOCK_EX)
        busy = pytest.raises(DatabaseBusyError, match=r"the database is busy")
        with busy, lite.uow() as uow:
            uow.athletes.add("Bea", T0)
        assert names(lite) == ["Ana"]
    finally:
        os.close(other)  # releases it
    with lite.uow() as uow:
        uow.athletes.add("Bea", T0)
    assert names(lite) == ["Ana", "Bea"]
    # A write holds the lock file only while it runs.
    probe = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
    finally:
        os.close(probe)

"""Two processes writing logs to one database at the same time: no errors, no loss."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from footcore.bootstrap import bootstrap
from footcore.config import Settings
from footcore.store.tables import ItemLog, SessionLog

WRITER = Path(__file__).with_name("concurrent_writer.py")
OWN = 15
SHARED = 5


def test_two_writer_processes_lose_nothing_and_store_shared_sessions_once(
    db_url: str, tmp_path: Path
) -> None:
    app = bootstrap(Settings(database_url=db_url, data_dir=tmp_path))
    with app.uow() as uow:
        athlete = uow.athletes.add("Ana", dt.datetime(2027, 1, 4, tzinfo=dt.UTC)).id
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                str(WRITER),
                db_url,
                str(athlete),
                name,
                str(OWN),
                str(SHARED),
                str(tmp_path),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for name in ("cli", "web")
    ]
    deadline = time.monotonic() + 60
    while not all((tmp_path / f"ready-{n}").exists() for n in ("cli", "web")):
        assert all(p.poll() is None for p in procs), [p.communicate() for p in procs]
        assert time.monotonic() < deadline, "writers did not start"
        time.sleep(0.02)
    (tmp_path / "go").write_text("go")
    outputs = [p.communicate(timeout=120) for p in procs]

    assert [p.returncode for p in procs] == [0, 0], outputs
    assert [o[0].strip() for o in outputs] == ["ok", "ok"]
    with app.uow() as uow:
        sessions = uow.db.scalar(select(func.count()).select_from(SessionLog))
        items = uow.db.scalar(select(func.count()).select_from(ItemLog))
        finished = uow.db.scalar(
            select(func.count()).select_from(SessionLog).where(SessionLog.ended_at.is_not(None))
        )
    app.close()
    expected_sessions = 2 * OWN + SHARED
    assert sessions == expected_sessions
    assert finished == expected_sessions
    assert items == 3 * expected_sessions


def test_opening_a_database_another_process_is_writing_does_not_wait_for_the_writer(
    tmp_path: Path,
) -> None:
    """The CLI opening the SQLite file while the server holds a write transaction: reading
    the schema revision takes no write lock, so opening neither waits for the writer nor
    fails with "database is locked" after the busy timeout (2 of 139 CLI calls did)."""
    path = tmp_path / "footcore.sqlite3"
    settings = Settings(database_url=f"sqlite:///{path}", data_dir=tmp_path)
    bootstrap(settings).engine.dispose()  # created and migrated
    writer = sqlite3.connect(path, timeout=0, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another process's write transaction, held
    try:
        started = time.monotonic()
        app = bootstrap(settings)
        opened_in = time.monotonic() - started
        with app.uow(read_only=True) as uow:
            assert uow.athletes.list() == []
        app.engine.dispose()
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert opened_in < 2.0  # the busy timeout is 5 s: no waiting for the writer at all

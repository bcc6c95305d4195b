"""Acknowledged means stored: a server killed (SIGKILL) while sessions pour in through the
group commit keeps every session it had answered 201 for, on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from footcore.bootstrap import bootstrap
from footcore.config import Settings
from footcore.store.tables import SessionLog

from .support import PROFILE
from .workers import Workers, running, write_log_config

SENDERS = 12
ACKNOWLEDGED_BEFORE_KILL = 150


@pytest.fixture
def server(db_url: str, tmp_path: Path) -> Iterator[tuple[Workers, int]]:
    """One uvicorn process serving one-person mode, its athlete onboarded beforehand."""
    app = bootstrap(Settings(database_url=db_url, data_dir=tmp_path))
    try:
        athlete = app.services.onboard(PROFILE, start=dt.date.today()).athlete.id
    finally:
        app.close()
    log_file = tmp_path / "server.log"
    config = write_log_config(tmp_path / "log-config.json", log_file)
    command = [sys.executable, "-m", "uvicorn", "footcore.web.app:make_app", "--factory"]
    command += ["--host", "127.0.0.1", "--port", "0", "--log-config", str(config)]
    env = {"FOOTCORE_DATABASE_URL": db_url, "FOOTCORE_DATA_DIR": str(tmp_path)}
    with running(command, env, tmp_path, log_file=log_file, expect_workers=1) as workers:
        yield workers, athlete


def test_a_killed_server_keeps_every_session_it_acknowledged(
    server: tuple[Workers, int], db_url: str, tmp_path: Path
) -> None:
    workers, athlete = server
    acknowledged: list[str] = []
    failed: list[str] = []
    guard = threading.Lock()
    day = dt.date.today().isoformat()

    def send(sender: int) -> None:
        with httpx.Client(base_url=workers.base_url, timeout=10) as client:
            for n in range(100_000):
                client_id = f"k-{sender}-{n}"
                body = {"client_id": client_id, "date": day, "slot": "morning"}
                try:
                    answer = client.post("/api/v1/sessions", json=body)
                except httpx.HTTPError:
                    return  # the server is gone
                with guard:
                    if answer.status_code == 201:
                        acknowledged.append(client_id)
                    else:
                        failed.append(f"{client_id}: {answer.status_code} {answer.text[:200]}")
                        return

    threads = [threading.Thread(target=send, args=(s,)) for s in range(SENDERS)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 60
    while len(acknowledged) < ACKNOWLEDGED_BEFORE_KILL and not failed:
        assert time.monotonic() < deadline, f"only {len(acknowledged)} sessions answered"
        time.sleep(0.01)
    os.killpg(workers.process.pid, signal.SIGKILL)  # in the middle of the stream of writes
    workers.process.wait(timeout=30)
    for thread in threads:
        thread.join(timeout=30)
    assert failed == []

    reopened = bootstrap(Settings(database_url=db_url, data_dir=tmp_path))
    try:
        with reopened.uow(read_only=True) as uow:
            stored = set(
                uow.db.scalars(select(SessionLog.client_id).where(SessionLog.athlete_id == athlete))
            )
    finally:
        reopened.close()
    assert len(acknowledged) >= ACKNOWLEDGED_BEFORE_KILL
    missing = [c for c in acknowledged if c not in stored]
    assert missing == [], f"{len(missing)} of {len(acknowledged)} acknowledged sessions lost"

"""`footcore serve --workers N`, `--proxy-headers` and `--forwarded-allow-ips`: what is handed
to uvicorn, what is done first, and the refusals. uvicorn.run is replaced by a recorder
(tests/integration/test_two_workers.py runs real worker processes)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from typer.testing import CliRunner
from uvicorn.importer import import_from_string

from footcore.cli.app import app
from footcore.cli.commands import serve as serve_command
from footcore.cli.commands.serve import FACTORY
from footcore.config import sqlite_url
from footcore.store.engine import make_engine
from footcore.store.migrate import HEAD, current_revision
from footcore.web.app import make_app


class Recorder:
    """Stands in for uvicorn.run: keeps the arguments, and what the workers would find in
    the environment and the database at that moment."""

    def __init__(self, database: Path) -> None:
        self.database = database
        self.calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
        self.multi_user_env: list[str | None] = []
        self.revision: list[str | None] = []

    def __call__(self, *args: Any, **kwargs: Any) -> None:
        self.calls.append((args, kwargs))
        self.multi_user_env.append(os.environ.get("FOOTCORE_MULTI_USER"))
        engine = make_engine(sqlite_url(self.database))
        try:
            self.revision.append(current_revision(engine))
        finally:
            engine.dispose()


@pytest.fixture
def recorder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Recorder:
    database = tmp_path / "footcore.sqlite3"
    monkeypatch.setenv("FOOTCORE_DATABASE_URL", sqlite_url(database))
    monkeypatch.delenv("FOOTCORE_MULTI_USER", raising=False)
    found = Recorder(database)
    monkeypatch.setattr(uvicorn, "run", found)
    monkeypatch.setattr(serve_command, "check_port", lambda host, port: None)  # not really bound
    return found


def serve(*args: str) -> Any:
    return CliRunner().invoke(app, ["serve", *args])


def test_several_workers_get_the_factory_after_the_database_is_migrated(
    recorder: Recorder,
) -> None:
    result = serve("--workers", "3", "--port", "8123")
    assert result.exit_code == 0, result.output
    ((args, kwargs),) = recorder.calls
    assert args == (FACTORY,)
    assert kwargs["factory"] is True
    assert kwargs["workers"] == 3
    assert (kwargs["host"], kwargs["port"]) == ("127.0.0.1", 8123)
    assert kwargs["proxy_headers"] is False
    assert recorder.revision == [HEAD]  # migrated once here, before any worker starts
    assert recorder.multi_user_env == [None]  # loopback: the mode follows the accounts
    assert "in one-person mode with 3 workers" in result.output


def test_the_workers_import_make_app() -> None:
    assert import_from_string(FACTORY) is make_app


def test_workers_beyond_loopback_are_told_multi_user_mode_and_the_shell_is_left_as_it_was(
    recorder: Recorder,
) -> None:
    result = serve("--host", "0.0.0.0", "--workers", "2")
    assert result.exit_code == 0, result.output
    assert recorder.multi_user_env == ["1"]  # what the spawned workers inherit
    assert "FOOTCORE_MULTI_USER" not in os.environ  # restored afterwards
    assert "in multi-user mode with 2 workers" in result.output


def test_one_worker_still_serves_the_app_built_here(recorder: Recorder) -> None:
    result = serve("--proxy-headers")
    assert result.exit_code == 0, result.output
    ((args, kwargs),) = recorder.calls
    assert isinstance(args[0], FastAPI)
    assert "workers" not in kwargs
    assert kwargs["proxy_headers"] is True
    assert kwargs["forwarded_allow_ips"] == "127.0.0.1,::1"  # a proxy on this machine


def test_proxy_addresses_are_checked_and_passed_on(recorder: Recorder) -> None:
    result = serve("--proxy-headers", "--forwarded-allow-ips", " 10.0.0.5, 192.168.0.0/16 ,::1")
    assert result.exit_code == 0, result.output
    assert recorder.calls[0][1]["forwarded_allow_ips"] == "10.0.0.5,192.168.0.0/16,::1"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--forwarded-allow-ips", "10.0.0.5"], "only counts with --proxy-headers"),
        (["--proxy-headers", "--forwarded-allow-ips", "10.0.0.5,nginx"], "nginx"),
        (["--proxy-headers", "--forwarded-allow-ips", " , "], "is empty"),
        (["--proxy-headers", "--forwarded-allow-ips", "10.0.0.5,*"], "stands alone"),
        (["--workers", "0"], "--workers"),
        (["--workers", "65"], "--workers"),
    ],
)
def test_bad_options_are_refused_with_a_message(
    recorder: Recorder, args: list[str], message: str
) -> None:
    result = serve(*args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert recorder.calls == []


def test_several_workers_cannot_share_an_in_memory_database(
    recorder: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOOTCORE_DATABASE_URL", "sqlite+pysqlite://")
    result = serve("--workers", "2")
    assert result.exit_code == 2
    assert "in-memory SQLite database" in result.output
    assert recorder.calls == []

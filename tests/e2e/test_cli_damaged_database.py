"""A damaged database file is a user's problem: every command that opens the store says so in
one line on stderr and exits non-zero, with no traceback, and leaves the file as it was."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.exc import DatabaseError
from typer.testing import CliRunner

from footcore.cli import today_view
from footcore.cli.app import app
from footcore.config import DATABASE_FILE
from footcore.services import Services
from tests.support.profiles import ana, as_toml

GARBAGE = b"this is not a database, just bytes where one should be\n" * 200

#: Every kind of command that opens the store (reads, writes, the backup, the first set-up).
COMMANDS = [
    ["today"],
    ["today", "--json"],
    ["today", "--athlete", "Ana"],
    ["progress"],
    ["log", "session", "morning", "--difficulty", "3", "--pain", "1"],
    ["backup", "{tmp}/backup.json"],
    ["init", "--profile", "{tmp}/ana.toml"],
]


def _run(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """``footcore ARGS`` through the console script's entry point, in a fresh process."""
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    return subprocess.run(
        [sys.executable, "-c", "from footcore.cli import main; main()", *argv],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")},
    )


@pytest.fixture
def garbage_database(tmp_path: Path) -> Path:
    """A data directory whose database file holds garbage (the isolated FOOTCORE_DATA_DIR)."""
    (tmp_path / "ana.toml").write_text(as_toml(ana()), encoding="utf-8")
    database = Path(os.environ["FOOTCORE_DATA_DIR"]) / DATABASE_FILE
    database.parent.mkdir(parents=True, exist_ok=True)
    database.write_bytes(GARBAGE)
    return database


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_database_file_of_garbage_is_one_line_and_a_non_zero_exit(
    garbage_database: Path, tmp_path: Path, args: list[str]
) -> None:
    before = sorted(p.name for p in garbage_database.parent.iterdir())
    proc = _run(args, tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "sqlalchemy" not in proc.stderr.lower()
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("error: the database ")
    assert "is damaged or is not a footcore database: file is not a database" in lines[0]
    assert "left as it is" in lines[0]
    assert "footcore restore" in lines[0]
    # Nothing lost: the file is exactly as it was, and nothing was made beside it but the
    # writers' lock file.
    assert garbage_database.read_bytes() == GARBAGE
    after = sorted(p.name for p in garbage_database.parent.iterdir())
    assert [n for n in after if not n.endswith("-writelock")] == before
    assert not (tmp_path / "backup.json").exists()


def test_damage_found_part_way_through_a_command_is_said_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    profile = tmp_path / "ana.toml"
    profile.write_text(as_toml(ana()), encoding="utf-8")
    assert runner.invoke(app, ["init", "--profile", str(profile)]).exit_code == 0

    def malformed(*args: object, **kwargs: object) -> object:
        raise DatabaseError(
            "SELECT ...", {}, sqlite3.DatabaseError("database disk image is malformed")
        )

    monkeypatch.setattr(today_view, "stored_view", lambda *args: None)  # the full path
    monkeypatch.setattr(Services, "today", malformed)
    result = runner.invoke(app, ["today"])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert (
        "is damaged or is not a footcore database: database disk image is malformed" in (lines[0])
    )


def test_other_database_errors_are_still_bugs_with_their_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    profile = tmp_path / "ana.toml"
    profile.write_text(as_toml(ana()), encoding="utf-8")
    assert runner.invoke(app, ["init", "--profile", str(profile)]).exit_code == 0

    def programming_error(*args: object, **kwargs: object) -> object:
        raise DatabaseError("SELECT ...", {}, sqlite3.ProgrammingError("a bug"))

    monkeypatch.setattr(today_view, "stored_view", lambda *args: None)  # the full path
    monkeypatch.setattr(Services, "today", programming_error)
    result = runner.invoke(app, ["today"])
    assert isinstance(result.exception, DatabaseError)

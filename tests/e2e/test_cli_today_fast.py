"""`footcore today` for a stored athlete reads the day straight from SQLite when the stored
programme is current (``footcore.store.stored_day``, no SQLAlchemy), and prints exactly what
the full path through the services prints; a programme that is not current still goes the
full path, which regenerates and stores it."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from footcore.bootstrap import bootstrap
from footcore.cli import stored, today_view
from footcore.cli.app import app as cli
from footcore.config import Settings
from footcore.domain.planning import GENERATOR_VERSION
from footcore.store.stored_day import sqlite_file
from tests.support.profiles import ana, as_toml

TODAY = dt.date.today()
START = TODAY - dt.timedelta(days=10)
PROFILE = as_toml(ana("cramp_prone", "pain", "running.weekly_km"))


def _ok(runner: CliRunner, *argv: str) -> str:
    result = runner.invoke(cli, list(argv))
    assert result.exit_code == 0, result.output
    return result.output


def _database() -> Path:
    found = sqlite_file(Settings.from_env().database_url)
    assert found is not None
    return found


def _sessions(runner: CliRunner, day: dt.date) -> list[dict[str, Any]]:
    data = json.loads(_ok(runner, "today", "--json", "--date", day.isoformat()))
    return list((data["day"] or {}).get("sessions", []))


@pytest.fixture
def runner(tmp_path: Path) -> CliRunner:
    """An athlete who started ten days ago and trains: the day's first session logged on
    most days with feedback, runs, yesterday's first two sessions, and today's first session
    with one exercise left out (whatever the weekday's plan holds)."""
    runner = CliRunner()
    profile = tmp_path / "ana.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    _ok(runner, "init", "--profile", str(profile), "--start", START.isoformat())
    for back in (9, 8, 6, 5, 3, 2, 1):
        day = TODAY - dt.timedelta(days=back)
        sessions = _sessions(runner, day)[: 2 if back == 1 else 1]
        for session in sessions:
            _ok(runner, "log", "session", session["slot"], "--date", day.isoformat(),
                "--difficulty", "2", "--pain", "1")  # fmt: skip
        _ok(runner, "runs", "add", "--km", "5", "--minutes", "30", "--date", day.isoformat(),
            "--felt", "4")  # fmt: skip
    first = _sessions(runner, TODAY)[0]
    _ok(runner, "log", "session", first["slot"], "--date", TODAY.isoformat(),
        "--skip", first["items"][0]["exercise"])  # fmt: skip
    return runner


def _full(runner: CliRunner, monkeypatch: pytest.MonkeyPatch, *argv: str) -> str:
    """``footcore today ARGV`` through the services only (the read model never asked)."""
    with monkeypatch.context() as m:
        m.setattr(today_view, "stored_view", lambda *_a, **_k: None)
        return _ok(runner, "today", *argv)


def _fast(runner: CliRunner, monkeypatch: pytest.MonkeyPatch, *argv: str) -> str:
    """``footcore today ARGV`` failing if it takes the full path (opens the services)."""

    def no_full_path() -> None:
        raise AssertionError("the full path was taken")

    with monkeypatch.context() as m:
        m.setattr(stored, "open_app", no_full_path)
        return _ok(runner, "today", *argv)


def _programme(runner: CliRunner, *argv: str) -> dict[str, object]:
    programme = json.loads(_ok(runner, "today", "--json", *argv))["programme"]
    assert isinstance(programme, dict)
    return programme


DAYS = [
    pytest.param([], id="today"),
    pytest.param(["--date", (TODAY - dt.timedelta(days=1)).isoformat()], id="yesterday"),
    pytest.param(["--date", (TODAY + dt.timedelta(days=2)).isoformat()], id="in-two-days"),
    pytest.param(["--date", (START - dt.timedelta(days=3)).isoformat()], id="before-the-start"),
    pytest.param(["--athlete", "ANA"], id="named"),
]


@pytest.mark.parametrize("argv", DAYS)
def test_the_read_model_prints_what_the_full_path_prints(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    _full(runner, monkeypatch)  # brings the stored programme up to date with the logs
    for extra in ([], ["--json"]):
        full = _full(runner, monkeypatch, *argv, *extra)
        fast = _fast(runner, monkeypatch, *argv, *extra)
        assert fast == full


def test_the_day_read_shows_the_sessions_logged(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The comparison above is only worth something if the days have logs to show.
    _full(runner, monkeypatch)
    today = json.loads(_fast(runner, monkeypatch, "--json"))
    assert [s["complete"] for s in today["logged"]] == [False]
    assert "partly done" in _fast(runner, monkeypatch)
    yesterday = TODAY - dt.timedelta(days=1)
    data = json.loads(_fast(runner, monkeypatch, "--json", "--date", yesterday.isoformat()))
    planned = [s["slot"] for s in data["day"]["sessions"]][:2]
    assert [s["slot"] for s in data["logged"]] == planned


def test_a_changed_profile_is_not_read_but_regenerated(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _programme(runner)
    assert today_view.stored_view() is not None
    # A new profile version stored without regenerating (as the web app's settings do; the
    # CLI's `init --update` regenerates at once).
    changed = tomllib.loads(PROFILE.replace("minutes_per_day = 12", "minutes_per_day = 20"))
    with bootstrap(Settings.from_env()) as app:
        app.services.update_profile(app.services.default_athlete_id(), changed)
    assert today_view.stored_view() is None  # the snapshot is not current
    after = _programme(runner)
    assert int(str(after["id"])) > int(str(before["id"]))
    assert today_view.stored_view() is not None  # current again: read from now on
    assert _fast(runner, monkeypatch) == _full(runner, monkeypatch)


def test_a_programme_of_another_generator_version_is_regenerated(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _programme(runner)
    with sqlite3.connect(_database()) as db:
        db.execute("UPDATE programmes SET generator_version = '0.0.1' WHERE id = ?", [before["id"]])
    db.close()
    assert today_view.stored_view() is None
    after = _programme(runner)
    assert after["generator_version"] == GENERATOR_VERSION
    assert after["id"] != before["id"]
    assert _fast(runner, monkeypatch) == _full(runner, monkeypatch)


def test_a_day_beyond_the_plan_extends_it_through_the_full_path(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _programme(runner)
    later = START + dt.timedelta(weeks=20)
    assert today_view.stored_view(later) is None
    data = json.loads(_ok(runner, "today", "--json", "--date", later.isoformat()))
    assert data["week"] == 21
    assert data["programme"]["id"] != before["id"]
    assert _fast(runner, monkeypatch, "--date", later.isoformat()) == _full(
        runner, monkeypatch, "--date", later.isoformat()
    )


def test_new_inputs_make_the_read_model_step_aside(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A run recorded today changes the adaptation inputs the snapshot holds (the runs the
    # plan follows): the read model sees it is not current and the full path answers.
    _full(runner, monkeypatch)
    assert today_view.stored_view() is not None
    _ok(runner, "runs", "add", "--km", "21", "--minutes", "120", "--kind", "long")
    assert today_view.stored_view() is None
    full = _full(runner, monkeypatch)  # regenerates and stores
    assert _fast(runner, monkeypatch) == full


def test_an_unknown_athlete_gets_the_full_paths_message(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["today", "--athlete", "Nobody"])
    assert result.exit_code == 2
    assert "Nobody" in result.output
    assert "Traceback" not in result.output


def test_a_database_not_migrated_yet_takes_the_full_path(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    with sqlite3.connect(_database()) as db:
        db.execute("UPDATE alembic_version SET version_num = '0007'")
    db.close()
    assert today_view.stored_view() is None
    monkeypatch.setattr("footcore.store.migrate.upgrade", lambda *_a, **_k: None)
    assert "Ana" in _ok(runner, "today")


#: Runs ``MODULE.main(ARGV)`` in a fresh interpreter: ``footcore.cli`` is the console
#: script's entry point (which answers a current stored day before Typer loads),
#: ``footcore.cli.app`` the Typer app alone.
RUN = """
import sys
from importlib import import_module
try:
    import_module(sys.argv[1]).main(sys.argv[2:])
finally:
    print("typer" in sys.modules, file=sys.stderr)
"""


def _run(module: str, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", RUN, module, *argv],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param([], id="today"),
        pytest.param(["--json"], id="json"),
        pytest.param(["--date", (TODAY - dt.timedelta(days=1)).isoformat()], id="yesterday"),
        pytest.param(["--athlete", "ana", "--json", "--date", TODAY.isoformat()], id="all"),
    ],
)
def test_the_console_script_prints_what_the_typer_app_prints(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    _full(runner, monkeypatch)  # brings the stored programme up to date with the logs
    typer_app = _run("footcore.cli.app", "today", *argv)
    assert typer_app.returncode == 0, typer_app.stderr
    script = _run("footcore.cli", "today", *argv)
    assert (script.returncode, script.stdout) == (0, typer_app.stdout)
    assert script.stderr.strip() == "False"  # answered without loading Typer


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["--date", "yesterday"], id="bad-date"),
        pytest.param(["--athlete", "Nobody"], id="unknown-athlete"),
        pytest.param(["--date"], id="date-without-value"),
        pytest.param(["--json", "--json"], id="repeated"),
        pytest.param(["--profile", "missing.toml"], id="profile"),
    ],
)
def test_any_other_today_command_line_is_the_typer_apps(runner: CliRunner, argv: list[str]) -> None:
    typer_app = _run("footcore.cli.app", "today", *argv)
    script = _run("footcore.cli", "today", *argv)
    assert script.returncode == typer_app.returncode
    assert script.stdout == typer_app.stdout
    assert script.stderr.splitlines()[:-1] == typer_app.stderr.splitlines()[:-1]
    assert script.stderr.strip().endswith("True")  # the Typer app answered


def test_the_console_script_regenerates_a_programme_that_is_not_current(
    runner: CliRunner,
) -> None:
    before = _programme(runner)
    with sqlite3.connect(_database()) as db:
        db.execute("UPDATE programmes SET generator_version = '0.0.1' WHERE id = ?", [before["id"]])
    db.close()
    script = _run("footcore.cli", "today", "--json")
    assert script.returncode == 0, script.stderr
    data = json.loads(script.stdout)
    assert data["programme"]["generator_version"] == GENERATOR_VERSION
    assert data["programme"]["id"] != before["id"]
    assert script.stderr.strip().endswith("True")  # through the Typer app and the services

"""The stored day's read model (``footcore.store.stored_day``, plain ``sqlite3``) reads what
the repositories read through SQLAlchemy, value for value, on a SQLite file with a programme,
logged sessions (finished and with exercises left out), runs and a self-test."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from footcore.bootstrap import App, bootstrap, stored_day
from footcore.cli.app import app as cli
from footcore.config import Settings
from footcore.services.outcomes import WorkDone
from footcore.store import engine, revisions
from footcore.store import stored_day as read_model
from footcore.store.migrate import HEAD
from footcore.store.stored_day import StoredDay, open_stored_day, sqlite_file
from tests.support.profiles import ana, as_toml

TODAY = dt.date.today()
START = TODAY - dt.timedelta(days=9)


def _ok(runner: CliRunner, *argv: str) -> str:
    result = runner.invoke(cli, list(argv))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def stored(tmp_path: Path) -> Iterator[tuple[App, StoredDay]]:
    runner = CliRunner()
    profile = tmp_path / "ana.toml"
    profile.write_text(as_toml(ana("cramp_prone", "running.weekly_km")), encoding="utf-8")
    _ok(runner, "init", "--profile", str(profile), "--start", START.isoformat())
    for back in range(8, -1, -1):
        day = (TODAY - dt.timedelta(days=back)).isoformat()
        sessions = json.loads(_ok(runner, "today", "--json", "--date", day))["day"]["sessions"]
        for n, session in enumerate(sessions[:2]):
            extra = ["--skip", session["items"][0]["exercise"]] if n else ["--pain", "2"]
            _ok(runner, "log", "session", session["slot"], "--date", day, *extra)
        _ok(runner, "runs", "add", "--km", "8", "--minutes", "45", "--date", day,
            "--kind", "long" if back % 3 else "hard")  # fmt: skip
    app = bootstrap(Settings.from_env())
    reads = stored_day(Settings.from_env())
    assert reads is not None
    yield app, reads
    reads.close()
    app.close()


def test_the_snapshot_and_its_plan_parts_are_the_repositorys(
    stored: tuple[App, StoredDay],
) -> None:
    app, reads = stored
    with app.uow(read_only=True) as uow:
        athlete = uow.athletes.first()
        assert athlete is not None
        assert reads.first_athlete() == (athlete.id, athlete.name)
        assert reads.athletes() == [(a.id, a.name) for a in uow.athletes.list()]
        profile = uow.profiles.latest(athlete.id)
        assert profile is not None
        assert reads.latest_profile_id(athlete.id) == profile.id
        programme = uow.programmes.latest(athlete.id)
        snapshot = reads.latest_programme(athlete.id)
        assert programme is not None
        assert snapshot is not None
        assert (
            snapshot.id,
            snapshot.profile_version_id,
            snapshot.generator_version,
            snapshot.start,
            snapshot.weeks,
            snapshot.adjustments,
        ) == (
            programme.id,
            programme.profile_version_id,
            programme.generator_version,
            programme.start,
            programme.weeks,
            programme.adjustments,
        )
        for index in (None, 0, 1, programme.weeks - 1):
            assert reads.plan_parts(programme.id, index) == uow.programmes.plan_parts(
                programme, index
            )
        assert reads.plan(programme.id) == programme.plan


def test_the_adaptation_inputs_are_read_as_the_repositories_read_them(
    stored: tuple[App, StoredDay],
) -> None:
    app, reads = stored
    since = TODAY - dt.timedelta(days=120)
    with app.uow(read_only=True) as uow:
        athlete = uow.athletes.first()
        assert athlete is not None
        a = athlete.id
        finished = uow.sessions.finished_rows(a, since=since)
        assert len(finished) >= 9
        assert any(len(s.items) > 1 for s in finished)
        assert reads.finished_rows(a, since) == finished
        assert reads.finished_rows(a, TODAY - dt.timedelta(days=3)) == uow.sessions.finished_rows(
            a, since=TODAY - dt.timedelta(days=3)
        )
        decisions = [tuple(r) for r in uow.decisions.rows(a)]
        assert [(r.chain, r.action, r.reason, r.date, r.level) for r in reads.decision_rows(a)] == (
            decisions
        )
        runs = [tuple(r) for r in uow.runs.rows(a, since=since)]
        assert len(runs) == 9
        assert [(r.date, r.km, r.minutes, r.kind, r.felt) for r in reads.run_rows(a, since)] == (
            runs
        )
        assert reads.latest_assessment_id(a) == uow.assessments.latest_id(a)
        checkins_since = TODAY - dt.timedelta(days=14)
        assert reads.any_checkin(a, checkins_since) == uow.probes.any_checkin(a, checkins_since)
        assert reads.any_template_assignment() == uow.probes.any_template_assignment()


def _work(item: WorkDone) -> tuple[object, ...]:
    return (
        item.planned,
        item.skipped,
        item.sets_done,
        item.reps_left,
        item.reps_right,
        item.reps_both,
        item.seconds_left,
        item.seconds_right,
        item.seconds_both,
    )


def test_the_days_logs_are_the_repositorys(stored: tuple[App, StoredDay]) -> None:
    app, reads = stored
    with app.uow(read_only=True) as uow:
        athlete = uow.athletes.first()
        assert athlete is not None
        for back in range(9):
            day = TODAY - dt.timedelta(days=back)
            logs = uow.sessions.list(athlete.id, since=day, until=day)
            assert [
                (r.client_id, r.date, r.slot, r.planned_items, r.ended_at)
                for r in reads.day_logs(athlete.id, day)
            ] == [(s.client_id, s.date, s.slot, s.planned_items, s.ended_at) for s in logs]
            read_items = [[_work(i) for i in r.items] for r in reads.day_logs(athlete.id, day)]
            repo_items = [[_work(i) for i in s.items] for s in logs]
            assert read_items == repo_items
        logged_today = uow.sessions.list(athlete.id, since=TODAY, until=TODAY)
        assert any(any(i.skipped for i in s.items) for s in logged_today)


def test_only_a_plain_sqlite_file_at_the_newest_schema_is_read(tmp_path: Path) -> None:
    assert sqlite_file("sqlite+pysqlite:////data/f.sqlite3") == Path("/data/f.sqlite3")
    assert sqlite_file("sqlite:///rel.sqlite3") == Path("rel.sqlite3")
    for url in (
        "postgresql+psycopg://postgres@127.0.0.1/test",
        "sqlite://",
        "sqlite+pysqlite:///:memory:",
        "sqlite:///file:x.db?mode=ro&uri=true",
        "sqlite:///x.db?timeout=3",
        "sqlite:///~/x.db",
    ):
        assert sqlite_file(url) is None, url
    missing = tmp_path / "missing.sqlite3"
    assert open_stored_day(f"sqlite+pysqlite:///{missing}") is None
    assert not missing.exists()  # looking did not make the file
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    assert open_stored_day(f"sqlite+pysqlite:///{empty}") is None


def test_the_read_models_constants_are_the_stores() -> None:
    assert revisions.HEAD == HEAD
    assert read_model.BUSY_TIMEOUT_MS == engine.BUSY_TIMEOUT_MS

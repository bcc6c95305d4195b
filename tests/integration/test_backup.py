"""Backup and restore: a lossless round trip, across engines, all or nothing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from footcore.bootstrap import App, bootstrap
from footcore.config import Settings
from footcore.domain.errors import FootcoreError
from footcore.services import Feedback, ItemEntry, RunEntry, SessionHeader
from footcore.services.backup import dump
from footcore.services.exports import ExportService
from footcore.store.migrate import HEAD

from .support import PROFILE, TODAY, Clock

ASSESSMENT = {
    "age": 38,
    "sex": "female",
    "results": {"knee_to_wall_cm": {"left": 9.5, "right": 11.0}, "pain_nrs": 3},
}


def populate(app: App, clock: Clock) -> None:
    athlete = app.services.onboard(PROFILE).athlete.id
    app.services.record_assessment(athlete, ASSESSMENT)
    for offset in range(3):
        day = TODAY + dt.timedelta(days=offset)
        clock.day = day
        session = app.services.today(athlete).sessions[0]
        items = [
            ItemEntry(
                index=n,
                exercise=i["exercise"],
                planned=i,
                sets_done=i["sets"],
                reps={"left": 3, "right": 2} if i["per_side"] else {"both": 7},
                seconds={"both": 12.25},
                note="ünïcode ✓" if n == 0 else None,
            )
            for n, i in enumerate(session["items"])
        ]
        app.services.log_session(
            athlete,
            SessionHeader(f"s-{offset}", day, session["slot"], "guided", len(items), 4.5),
            items,
            Feedback(difficulty=2, pain=1, cramp=offset == 2, note="ok"),
        )
        felt = None if offset == 1 else 4  # a run without a felt score round-trips too
        app.services.add_run(
            athlete, RunEntry(day, 7.3 + offset, 41.5, "easy", felt, None, f"r{offset}")
        )
    app.services.record_morning_pain(athlete, TODAY + dt.timedelta(days=3), 2)
    exports = ExportService(app.services.ctx)
    exports.create_feed(athlete)  # replaced by the next one: a revoked feed ...
    exports.create_feed(athlete)  # ... and a working one


def test_backup_restore_backup_gives_identical_files_across_engines(
    app: App, clock: Clock, empty_db_url: str, tmp_path: Path
) -> None:
    populate(app, clock)
    first = app.services.backup()
    counts = {name: len(rows) for name, rows in first["tables"].items()}
    assert all(counts[t] > 0 for t in counts), counts
    target = bootstrap(Settings(database_url=empty_db_url, data_dir=tmp_path))
    try:
        restored = target.services.restore(json.loads(dump(first)))
        assert restored == counts
        second = target.services.backup()
        assert dump(second) == dump(first)
        assert [r["felt"] for r in second["tables"]["runs"]] == [4, None, 4]
        feeds = second["tables"]["calendar_feeds"]
        assert [f["revoked_at"] is None for f in feeds] == [False, True]
        # The restored database keeps working: new rows get fresh ids.
        athlete = target.services.default_athlete_id()
        target.services.add_run(athlete, RunEntry(TODAY, 5.0, 30.0, "hard", 3))
        runs = target.services.runs(athlete)
        assert len({r.id for r in runs}) == counts["runs"] + 1
    finally:
        target.close()


def test_the_backup_file_records_the_schema_and_writes_atomically(
    app: App, clock: Clock, tmp_path: Path
) -> None:
    populate(app, clock)
    path = tmp_path / "backup.json"
    counts = app.services.backups.write_backup(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "footcore.backup/1"
    assert data["schema"] == HEAD
    assert counts["session_logs"] == 3
    assert not (tmp_path / "backup.json.tmp").exists()


def test_a_backup_from_a_newer_schema_is_refused_with_a_clear_message(app: App) -> None:
    data = {**app.services.backup(), "schema": "0099"}
    with pytest.raises(FootcoreError, match=r"newer footcore \(schema 0099\).*Upgrade footcore"):
        app.services.restore(data)


def test_restore_refuses_a_database_with_data_unless_replacing(app: App, clock: Clock) -> None:
    populate(app, clock)
    data = app.services.backup()
    with pytest.raises(FootcoreError, match="already holds data"):
        app.services.restore(data)
    app.services.onboard({**PROFILE, "name": "Extra"})
    app.services.restore(data, replace=True)
    assert dump(app.services.backup()) == dump(data)


def test_a_broken_backup_restores_nothing(
    app: App, clock: Clock, empty_db_url: str, tmp_path: Path
) -> None:
    populate(app, clock)
    data: dict[str, Any] = json.loads(dump(app.services.backup()))
    data["tables"]["runs"][-1]["felt"] = "great"  # the last table but one: most rows are in
    target = bootstrap(Settings(database_url=empty_db_url, data_dir=tmp_path))
    try:
        with pytest.raises(FootcoreError, match=r"runs\[2\]\.felt: expected a whole number"):
            target.services.restore(data)
        assert all(rows == [] for rows in target.services.backup()["tables"].values())
    finally:
        target.close()


def test_a_file_that_is_not_a_backup_is_refused(app: App) -> None:
    with pytest.raises(FootcoreError, match="not a footcore backup"):
        app.services.restore({"schema": HEAD, "tables": {}})


def test_a_backup_from_the_first_schema_restores_with_the_new_columns_empty(
    app: App, clock: Clock, empty_db_url: str, tmp_path: Path
) -> None:
    populate(app, clock)
    data: dict[str, Any] = json.loads(dump(app.services.backup()))
    data["schema"] = "0001"
    del data["tables"]["decisions"]  # 0002 added the decisions table ...
    del data["tables"]["calendar_feeds"]  # (0004 added this one)
    for run in data["tables"]["runs"]:
        del run["client_id"]  # ... and runs.client_id
    target = bootstrap(Settings(database_url=empty_db_url, data_dir=tmp_path))
    try:
        counts = target.services.restore(data)
        assert counts["decisions"] == 0
        athlete = target.services.default_athlete_id()
        assert len(target.services.runs(athlete)) == len(data["tables"]["runs"])
        restored = target.services.backup()["tables"]
        assert all(r["client_id"] is None for r in restored["runs"])
        assert restored["session_logs"] == data["tables"]["session_logs"]
    finally:
        target.close()

"""`footcore backup` and `footcore restore` on a multi-user database, on both engines:
counts for every table, what is left out, and user errors as messages (exit code 2)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from footcore.bootstrap import App
from footcore.cli.app import app as cli
from footcore.services.backup import dump

from .support import Clock
from .test_backup import ACCOUNT_TABLES_0003, OUTCOME_TABLES_0006, populate


@pytest.fixture
def runner(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """The CLI on the test's database."""
    monkeypatch.setenv("FOOTCORE_DATABASE_URL", db_url)
    monkeypatch.setenv("FOOTCORE_DATA_DIR", str(tmp_path / "data"))
    return CliRunner()


def run(runner: CliRunner, *args: str) -> Any:
    return runner.invoke(cli, list(args), catch_exceptions=False)


def test_backup_and_restore_print_the_count_of_every_table_accounts_included(
    app: App, clock: Clock, runner: CliRunner, tmp_path: Path
) -> None:
    populate(app, clock)
    expected = {name: len(rows) for name, rows in app.services.backup()["tables"].items()}
    first, second = tmp_path / "one.json", tmp_path / "two.json"

    wrote = run(runner, "backup", str(first))
    assert wrote.exit_code == 0, wrote.output
    text = " ".join(wrote.output.split())
    assert f"Wrote {sum(expected.values())} records to" in text
    for name in ("users", "groups", "memberships", "programme_templates", "coach_exercises"):
        assert f"{name} {expected[name]}" in text
    assert "Left out by design: sign-in sessions" in text
    assert "the secret key" in text

    restored = run(runner, "restore", "--replace", str(first))
    assert restored.exit_code == 0, restored.output
    text = " ".join(restored.output.split())
    assert f"Restored {sum(expected.values())} records from" in text
    assert f"users {expected['users']}, groups {expected['groups']}" in text
    assert "Everyone signs in again with their password" in text

    as_json = json.loads(run(runner, "backup", "--json", str(second)).stdout)
    assert as_json["tables"] == expected
    assert set(as_json["left_out"]) >= {"web_sessions", "password_resets", "app_secrets"}
    assert first.read_bytes() == second.read_bytes()
    assert app.services.accounts.sign_in("ana@example.org", "correct horse battery").token


def test_restore_mistakes_are_messages_without_a_traceback_and_change_nothing(
    app: App, clock: Clock, runner: CliRunner, tmp_path: Path
) -> None:
    populate(app, clock)
    data: dict[str, Any] = json.loads(dump(app.services.backup()))
    before = dump(app.services.backup())
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(dump(data), encoding="utf-8")
    data["tables"]["memberships"][1]["status"] = "maybe"
    bad.write_text(dump(data), encoding="utf-8")

    refused = runner.invoke(cli, ["restore", str(good)])
    assert refused.exit_code == 2
    assert "already holds data (athletes," in " ".join(refused.output.split())
    broken = runner.invoke(cli, ["restore", "--replace", str(bad)])
    assert broken.exit_code == 2
    assert "memberships[1].status: breaks the rule status IN" in " ".join(broken.output.split())
    for result in (refused, broken):
        assert "Traceback" not in result.output
    assert dump(app.services.backup()) == before


def test_restoring_a_file_without_accounts_over_accounts_says_that_none_are_left(
    app: App, clock: Clock, runner: CliRunner, tmp_path: Path
) -> None:
    populate(app, clock)
    data: dict[str, Any] = json.loads(dump(app.services.backup()))
    # As footcore wrote backups before they held accounts (and so before studies).
    for table in (*ACCOUNT_TABLES_0003, *OUTCOME_TABLES_0006):
        del data["tables"][table]
    old = tmp_path / "old.json"
    old.write_text(dump(data), encoding="utf-8")
    result = run(runner, "restore", "--replace", str(old))
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "users 0" in text
    assert "the database has none now" in text
    assert app.services.accounts.users() == []

"""`footcore today` without --profile shows the stored athlete's programme."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from footcore.cli.app import app as cli
from tests.support.profiles import ana, as_toml

PROFILE = as_toml(ana("cramp_prone", "pain", "running.weekly_km"))


def _init(runner: CliRunner, tmp_path: Path) -> None:
    profile = tmp_path / "ana.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    result = runner.invoke(cli, ["init", "--profile", str(profile), "--start", "2027-01-04"])
    assert result.exit_code == 0, result.output


def test_today_without_profile_gives_the_stored_day_as_json(tmp_path: Path) -> None:
    runner = CliRunner()
    _init(runner, tmp_path)
    result = runner.invoke(cli, ["today", "--date", "2027-01-05", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "footcore.today/1"
    assert data["date"] == "2027-01-05"
    assert data["day"]["run"] == "easy"  # Tuesday is a run day in the stored profile
    assert {s["slot"] for s in data["day"]["sessions"]} >= {"pre-run", "post-run"}


def test_today_without_profile_renders_the_stored_day_for_people(tmp_path: Path) -> None:
    runner = CliRunner()
    _init(runner, tmp_path)
    result = runner.invoke(cli, ["today", "--date", "2027-01-05"])
    assert result.exit_code == 0, result.output
    assert "pre-run" in result.output


def test_today_before_init_says_to_run_init() -> None:
    result = CliRunner().invoke(cli, ["today"])
    assert result.exit_code == 2
    assert "footcore init" in result.output
    assert "Traceback" not in result.output


def test_start_and_assessment_options_need_a_profile_file() -> None:
    result = CliRunner().invoke(cli, ["today", "--start", "2027-01-04"])
    assert result.exit_code == 2
    assert "go with --profile" in result.output

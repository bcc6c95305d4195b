"""`footcore assess` keeps its results in the athlete's history once footcore is set up."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from typer.testing import CliRunner

from footcore.bootstrap import bootstrap
from footcore.cli.app import app as cli
from footcore.config import Settings

PROFILE = 'name = "Ana"\nage = 38\nsex = "female"\ngoals = ["general"]\nminutes_per_day = 10\n'
BATTERY = {
    "age": 38,
    "sex": "female",
    "date": "2027-01-04",
    "results": {"knee_to_wall_cm": {"left": 10.5, "right": 11.0}},
}


def _init(runner: CliRunner, tmp_path: Path) -> None:
    profile = tmp_path / "ana.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    result = runner.invoke(cli, ["init", "--profile", str(profile), "--start", "2027-01-04"])
    assert result.exit_code == 0, result.output


def _stored_dates() -> list[dt.date]:
    app = bootstrap(Settings.from_env())
    try:
        athlete = app.services.default_athlete_id()
        return [a.taken_on for a in app.services.records.assessments(athlete)]
    finally:
        app.close()


def test_score_with_store_keeps_the_battery_for_the_athlete(tmp_path: Path) -> None:
    runner = CliRunner()
    _init(runner, tmp_path)
    battery = tmp_path / "battery.json"
    battery.write_text(json.dumps(BATTERY), encoding="utf-8")
    result = runner.invoke(cli, ["assess", "score", "--input", str(battery), "--store"])
    assert result.exit_code == 0, result.output
    assert "Stored the self-test of 2027-01-04" in result.output
    assert _stored_dates() == [dt.date(2027, 1, 4)]


def test_score_without_store_keeps_nothing(tmp_path: Path) -> None:
    runner = CliRunner()
    _init(runner, tmp_path)
    battery = tmp_path / "battery.json"
    battery.write_text(json.dumps(BATTERY), encoding="utf-8")
    result = runner.invoke(cli, ["assess", "score", "--input", str(battery)])
    assert result.exit_code == 0, result.output
    assert _stored_dates() == []


def test_score_with_store_before_init_is_a_clear_error(tmp_path: Path) -> None:
    battery = tmp_path / "battery.json"
    battery.write_text(json.dumps(BATTERY), encoding="utf-8")
    result = CliRunner().invoke(cli, ["assess", "score", "--input", str(battery), "--store"])
    assert result.exit_code == 2
    assert "footcore init" in result.output
    assert "Traceback" not in result.output


def _only_knee_to_wall_answers() -> str:
    """Age, sex, start knee-to-wall and answer both sides, then skip every other test."""
    return "38\nfemale\n\n10.5\n11\n" + "skip\n" * 40


def test_interactive_battery_stores_its_results_when_set_up(tmp_path: Path) -> None:
    """Issue 16 item 16: the stored profile's age and sex are used, not asked again."""
    runner = CliRunner()
    _init(runner, tmp_path)
    result = runner.invoke(cli, ["assess"], input="\n10.5\n11\n" + "skip\n" * 40)
    assert result.exit_code == 0, result.output
    assert "Your age in years" not in result.output
    assert "Sex (female" not in result.output
    assert "age 38 and sex female, from your profile" in " ".join(result.output.split())
    assert "Stored the self-test of" in result.output
    assert len(_stored_dates()) == 1
    app = bootstrap(Settings.from_env())
    try:
        (stored,) = app.services.records.assessments(app.services.default_athlete_id())
        assert (stored.report["age"], stored.report["sex"]) == (38, "female")
    finally:
        app.close()


def test_interactive_battery_before_init_scores_and_says_how_to_keep_results() -> None:
    result = CliRunner().invoke(cli, ["assess"], input=_only_knee_to_wall_answers())
    assert result.exit_code == 0, result.output
    assert "Not stored" in result.output
    assert "footcore init" in result.output

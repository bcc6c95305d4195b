"""`footcore plan` and `footcore today`: the JSON contract, the week view, the day view and
the error messages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from footcore.catalogue.loader import builtin_catalogue
from footcore.cli import console
from footcore.cli.app import app
from footcore.domain.planning import check_plan, plan_from_dict
from footcore.domain.profile import parse_profile
from footcore.io.files import read_mapping

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ANA = str(EXAMPLES / "ana.toml")

ITEM_KEYS = {
    "exercise",
    "category",
    "sets",
    "reps",
    "hold_s",
    "duration_s",
    "per_side",
    "load",
    "why",
}


@pytest.fixture(autouse=True)
def eighty_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Render as in an 80-column terminal, whatever COLUMNS the test run has."""
    monkeypatch.setattr(console.out, "width", 80)


def flat(text: str) -> str:
    return " ".join(text.split())


def plan_json(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["plan", "--profile", ANA, "--start", "2027-01-04", *args])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def test_plan_json_follows_the_design_contract() -> None:
    data = plan_json("--weeks", "16", "--json")
    assert data["schema"] == "footcore.plan/1"
    assert data["start"] == "2027-01-04"
    assert isinstance(data["profile"], dict)
    assert data["profile"]["name"] == "Ana"
    weeks = data["weeks"]
    assert isinstance(weeks, list)
    assert len(weeks) == 16
    assert [w["level"] for w in weeks] == [1, 2, 3, 4, 5, 6, *[6] * 10]
    for week in weeks:
        assert {"number", "level", "focus", "days"} <= set(week)
        assert len(week["days"]) == 7
        for day in week["days"]:
            assert {"date", "weekday", "run", "sessions"} <= set(day)
            assert day["run"] in {"none", "easy", "long", "hard"}
            for session in day["sessions"]:
                assert {"slot", "minutes", "items"} <= set(session)
                for item in session["items"]:
                    assert set(item) >= ITEM_KEYS
                    assert item["why"]


def test_plan_json_reads_back_into_a_plan_that_keeps_every_rule() -> None:
    data = plan_json("--weeks", "8", "--json")
    plan = plan_from_dict(data)
    profile = parse_profile(read_mapping(ANA))
    assert plan.profile == profile
    assert check_plan(plan, profile, builtin_catalogue()) == []


def test_the_week_view_shows_days_runs_sessions_minutes_and_exercises() -> None:
    result = runner.invoke(
        app, ["plan", "--profile", ANA, "--start", "2027-01-04", "--weeks", "8", "--week", "2"]
    )
    assert result.exit_code == 0, result.output
    out = flat(result.stdout)
    assert "Week 2 (level 2)" in out
    assert "Week 1 " not in out
    assert "Tue 12 Jan" in out
    assert "easy run" in out
    assert "long run" in out
    assert "pre-run" in out
    assert "Heel raise on a step" in out
    assert "Next: Next week brings:" in out
    assert max(len(line.rstrip()) for line in result.stdout.splitlines()) <= 80


def test_today_explains_each_exercise() -> None:
    result = runner.invoke(
        app, ["today", "--profile", ANA, "--start", "2027-01-04", "--date", "2027-01-20"]
    )
    assert result.exit_code == 0, result.output
    out = flat(result.stdout)
    assert "Wednesday 20 January 2027, week 3 (level 3)" in out
    assert "why:" in out
    assert "Rathleff" in out
    assert "Rules:" not in out, "rule ids are not for people"
    assert "one-step-per-week" not in out


def test_today_json_gives_the_day_with_its_week_and_level() -> None:
    result = runner.invoke(
        app,
        ["today", "--profile", ANA, "--start", "2027-01-04", "--date", "2027-02-14", "--json"],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "footcore.today/1"
    assert (data["week"], data["level"]) == (6, 6)
    assert data["day"]["date"] == "2027-02-14"
    assert data["day"]["run"] == "long"


def test_today_without_a_start_is_the_first_day_of_a_programme() -> None:
    result = runner.invoke(app, ["today", "--profile", ANA, "--date", "2027-03-02", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["week"] == 1


def test_an_assessment_file_adds_its_flags_and_focus(tmp_path: Path) -> None:
    path = tmp_path / "tests.json"
    path.write_text(
        json.dumps(
            {
                "age": 38,
                "sex": "female",
                "results": {
                    "knee_to_wall_cm": {"left": 6, "right": 7},
                    "balance_eyes_open_s": {"left": 3, "right": 4},
                },
            }
        ),
        encoding="utf-8",
    )
    data = plan_json("--weeks", "4", "--assessment", str(path), "--json")
    assert "fall-risk" in {f["code"] for f in data["flags"]}
    assert "ankle-mobility" in {f["area"] for f in data["focus_areas"]}


def test_a_bad_profile_lists_every_problem_with_its_key_and_no_traceback(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        'name = "Ana"\nage = 250\ngoals = ["heel-pain"]\nminutes_per_day = 0\n'
        '[running]\ndays = ["tue", "someday"]\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["plan", "--profile", str(path), "--json"])
    assert result.exit_code == 2
    err = flat(result.stderr)
    assert "4 problems" in err
    assert "age: must be from 10 to 110, got 250" in err
    assert "goals[0]: unknown goal 'heel-pain'; did you mean 'plantar-heel-pain'?" in err
    assert "minutes_per_day: must be from 2 to 60, got 0" in err
    assert "running.days[1]: unknown weekday 'someday'" in err
    assert "Traceback" not in result.output
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["plan", "--profile", ANA, "--start", "04/01/2027"], "--start: expected a date"),
        (["plan", "--profile", ANA, "--weeks", "0"], "weeks: must be from 1 to 104"),
        (["plan", "--profile", ANA, "--weeks", "2", "--week", "3"], "--week: the plan has"),
        (["plan", "--profile", "missing.toml"], "no such file"),
        (
            ["today", "--profile", ANA, "--start", "2027-02-01", "--date", "2027-01-01"],
            "cannot start after",
        ),
    ],
)
def test_bad_options_exit_2_with_a_message(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in flat(result.stderr)
    assert "Traceback" not in result.output


def test_every_example_profile_plans_sixteen_weeks() -> None:
    for path in sorted(EXAMPLES.iterdir()):
        result = runner.invoke(
            app, ["plan", "--profile", str(path), "--start", "2027-01-04", "--json"]
        )
        assert result.exit_code == 0, (path.name, result.output)
        assert len(json.loads(result.stdout)["weeks"]) == 16


def test_a_profile_nested_a_thousand_levels_deep_exits_2_without_a_traceback(
    tmp_path: Path,
) -> None:
    path = tmp_path / "deep.toml"
    path.write_text('name = "Ana"\nx = ' + "[" * 1000 + "]" * 1000 + "\n", encoding="utf-8")
    result = runner.invoke(app, ["plan", "--profile", str(path)])
    assert result.exit_code == 2
    assert "nested too deeply" in flat(result.stderr)
    assert "Traceback" not in result.output + result.stderr

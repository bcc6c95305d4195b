"""`footcore checkin` and `footcore outcome`: the weekly check-in from the terminal."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from footcore import i18n
from footcore.cli.app import app as cli
from tests.e2e.test_cli_today_stored import _init

MONDAY = "2027-01-04"


def _run(runner: CliRunner, *args: str, stdin: str | None = None) -> tuple[int, str]:
    result = runner.invoke(cli, list(args), input=stdin)
    return result.exit_code, result.output


def test_one_tap_none_then_a_second_check_in_the_same_week_is_refused(tmp_path: Path) -> None:
    runner = CliRunner()
    _init(runner, tmp_path)
    code, out = _run(runner, "checkin", "--none", "--date", MONDAY)
    assert code == 0, out
    assert "no problems" in out
    code, out = _run(runner, "checkin", "--none", "--date", "2027-01-07")
    assert code == 2
    assert "already done" in out
    assert "Traceback" not in out


def test_a_substantial_foot_problem_says_how_the_plan_changes(tmp_path: Path) -> None:
    runner = CliRunner()
    _init(runner, tmp_path)
    code, out = _run(
        runner,
        "checkin",
        "--area",
        "foot-ankle:reduced,moderate,minor,moderate",
        "--date",
        MONDAY,
        "--json",
    )
    assert code == 0, out
    data = json.loads(out)
    assert data["checkin"]["any_substantial"] is True
    assert data["plan"]["reaction"] == "hold"
    code, out = _run(runner, "today", "--date", "2027-01-05", "--json")
    flags = {f["code"]: f["message"] for f in json.loads(out)["flags"]}
    assert flags["reduced-load"].startswith("Your weekly check-in")


def test_the_questions_are_asked_when_no_answer_is_given(tmp_path: Path) -> None:
    runner = CliRunner()
    _init(runner, tmp_path)
    # Yes, a problem; area 3 (knee): took part less, a lot, a little, moderate.
    code, out = _run(runner, "checkin", "--date", MONDAY, stdin="y\n3\n3\n4\n2\n3\n")
    assert code == 0, out
    assert "knee: severity 67/100 (substantial)" in out
    assert "foot work is unchanged" in " ".join(out.split())


def test_skip_status_and_bad_answers(tmp_path: Path) -> None:
    runner = CliRunner()
    _init(runner, tmp_path)
    code, out = _run(runner, "checkin", "--skip", "--date", MONDAY)
    assert code == 0, out
    assert "skipped" in out
    code, out = _run(runner, "checkin", "--status", "--date", MONDAY, "--json")
    assert json.loads(out)["skipped"] is True
    code, out = _run(runner, "checkin", "--area", "elbow:1,2", "--date", MONDAY)
    assert code == 2
    assert "AREA:PARTICIPATION" in out
    code, out = _run(runner, "checkin", "--area", "knee:sometimes,no,no,no", "--date", MONDAY)
    assert code == 2
    assert "areas.knee.participation" in out


def test_outcome_lists_the_weeks_and_says_when_there_are_too_few(tmp_path: Path) -> None:
    runner = CliRunner()
    _init(runner, tmp_path)
    _run(runner, "checkin", "--area", "knee:reduced,moderate,no,mild", "--date", MONDAY)
    code, out = _run(runner, "outcome", "--date", "2027-01-12")
    assert code == 0, out
    assert "knee 42*" in out  # 17 + 17 + 0 + 8
    assert "too few" in out
    code, out = _run(runner, "outcome", "--date", "2027-01-12", "--json")
    assert json.loads(out)["enough_data"] is False


def test_the_questions_are_asked_in_spanish_and_si_is_yes(tmp_path: Path) -> None:
    runner = CliRunner()
    _init(runner, tmp_path)
    with i18n.use("es"):
        code, out = _run(runner, "checkin", "--date", MONDAY, stdin="s\n3\n3\n4\n2\n3\n")
    assert code == 0, out
    assert "Control semanal sobre los últimos 7 días." in out
    assert "¿Algún problema, lesión o enfermedad esta semana? (s/n)" in out
    assert "In the last 7 days" not in out  # the questions, asked in Spanish
    assert "Control de la semana del 2027-01-04:" in out
    assert "gravedad 67/100 (importante)" in out
    with i18n.use("es"):
        code, out = _run(runner, "checkin", "--status", "--date", MONDAY)
    assert "Control de la semana del 2027-01-04:" in out

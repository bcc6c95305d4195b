"""The commands over stored data, driven through the CLI runner on a SQLite file."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from footcore import i18n
from footcore.bootstrap import App, bootstrap
from footcore.cli.app import app as cli
from footcore.cli.commands.assess import save_assessment
from footcore.cli.commands.plan import show_today
from footcore.config import Settings
from footcore.domain.player import PlayerItem, StepKind, steps_for
from tests.support.profiles import ana, as_toml

START = "2027-01-04"
PROFILE = as_toml(ana("pain", "running.weekly_km"))


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("FOOTCORE_DATABASE_URL", raising=False)
    monkeypatch.setenv("FOOTCORE_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str, input: str | None = None) -> Any:
    return runner.invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def ready(data_dir: Path, runner: CliRunner, tmp_path: Path) -> Path:
    profile = tmp_path / "ana.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    result = invoke(runner, "init", "--profile", str(profile), "--start", START)
    assert result.exit_code == 0, result.output
    return data_dir


@pytest.fixture
def store(ready: Path) -> Iterator[App]:
    app = bootstrap(Settings.from_env())
    yield app
    app.close()


def test_init_from_a_profile_file_sets_up_athlete_and_programme(ready: Path, store: App) -> None:
    athlete = store.services.default_athlete_id()
    programme = store.services.current_programme(athlete, dt.date(2027, 1, 4))
    assert programme.start == dt.date(2027, 1, 4)
    assert (ready / "footcore.sqlite3").exists()


def test_init_refuses_to_set_up_twice_without_update(
    ready: Path, runner: CliRunner, tmp_path: Path
) -> None:
    result = runner.invoke(cli, ["init", "--profile", str(tmp_path / "ana.toml")])
    assert result.exit_code == 2
    assert "already set up" in result.output


def test_init_asks_questions_when_no_profile_is_given(data_dir: Path, runner: CliRunner) -> None:
    answers = (
        "\n".join(
            [
                "Ben",
                "45",
                "male",
                "general",
                "ball, band",
                "8",
                "morning, desk",
                "n",
                "0",
                "mon, thu",
                "thu",
            ]
        )
        + "\n"
    )
    result = invoke(runner, "init", "--start", START, input=answers)
    assert result.exit_code == 0, result.output
    assert "Set up Ben" in result.output
    with bootstrap(Settings.from_env()) as app:
        athlete = app.services.default_athlete_id()
        profile = app.services.programmes.athlete(athlete).profile
    assert profile["age"] == 45
    assert profile["equipment"] == ["ball", "band"]
    assert profile["running"] == {"days": ["mon", "thu"], "long_run_day": "thu"}


def test_commands_before_init_say_to_run_init(data_dir: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["progress"])
    assert result.exit_code == 2
    assert "footcore init" in result.output


def reps_prompts(item: PlayerItem) -> int:
    return sum(1 for s in steps_for(item) if s.kind is StepKind.REPS)


def test_a_guided_session_logs_each_item_and_the_feedback(store: App, runner: CliRunner) -> None:
    athlete = store.services.default_athlete_id()
    day = dt.date(2027, 1, 4)
    session = dict(store.services.today(athlete, day).sessions[0])
    items = [PlayerItem.from_plan(n, i) for n, i in enumerate(session["items"])]
    inputs = ["" for item in items for _ in range(reps_prompts(item))]
    feedback = ["2", "1", "n", "steady"]
    result = invoke(
        runner,
        "start",
        session["slot"],
        "--date",
        START,
        "--fast",
        input="\n".join(inputs + feedback) + "\n",
    )
    assert result.exit_code == 0, result.output
    assert result.output.count("✓ logged") == len(items)
    done = "1 exercise" if len(items) == 1 else f"{len(items)} exercises"
    assert f"Session done: {done} done in full." in result.output
    for item in session["items"]:
        assert item["name"] in result.output
    with store.uow() as uow:
        (log,) = uow.sessions.list(athlete)
        assert log.source == "guided"
        assert (log.difficulty, log.pain_during, log.cramp, log.note) == (2, 1, False, "steady")
        assert log.ended_at is not None
        assert [i.exercise for i in log.items] == [i["exercise"] for i in session["items"]]
        assert all(i.sets_done == i.planned["sets"] for i in log.items)


def test_skip_and_fewer_reps_are_logged_as_such(store: App, runner: CliRunner) -> None:
    athlete = store.services.default_athlete_id()
    day = dt.date(2027, 1, 4)
    session = next(
        dict(s)
        for s in store.services.today(athlete, day).sessions
        if any(reps_prompts(PlayerItem.from_plan(0, i)) for i in s["items"])
    )
    items = [PlayerItem.from_plan(n, i) for n, i in enumerate(session["items"])]
    first_reps = next(i for i in items if reps_prompts(i))
    inputs: list[str] = []
    for item in items:
        if item is first_reps:
            inputs.append("3")  # fewer reps on the first prompt...
            inputs.append("s")  # ...then skip the rest of the item
        else:
            inputs += [""] * reps_prompts(item)
    result = invoke(
        runner,
        "start",
        session["slot"],
        "--date",
        START,
        "--fast",
        input="\n".join([*inputs, "", "", "", ""]) + "\n",
    )
    assert result.exit_code == 0, result.output
    with store.uow() as uow:
        (log,) = uow.sessions.list(athlete)
        row = log.items[first_reps.index]
        assert row.skipped is False
        assert row.sets_done == 0
        side = "left" if first_reps.per_side else "both"
        assert {"left": row.reps_left, "both": row.reps_both}[side] == 3


def test_log_session_sent_twice_is_stored_once(store: App, runner: CliRunner) -> None:
    athlete = store.services.default_athlete_id()
    slot = store.services.today(athlete, dt.date(2027, 1, 4)).sessions[0]["slot"]
    args = [
        "log",
        "session",
        slot,
        "--date",
        START,
        "--difficulty",
        "2",
        "--pain",
        "1",
        "--client-id",
        "paper-log-1",
        "--json",
    ]
    first = json.loads(invoke(runner, *args).stdout)
    second = json.loads(invoke(runner, *args).stdout)
    assert first["items_stored"] > 0
    assert second["items_stored"] == 0
    assert second["items_already_stored"] == first["items_stored"]
    with store.uow() as uow:
        assert len(uow.sessions.list(athlete)) == 1


def test_log_item_and_morning_pain(store: App, runner: CliRunner) -> None:
    result = invoke(
        runner,
        "log",
        "item",
        "towel-scrunch",
        "--slot",
        "tv",
        "--date",
        START,
        "--sets",
        "1",
        "--reps",
        "15",
        "--difficulty",
        "3",
        "--pain",
        "2",
    )
    assert result.exit_code == 0, result.output
    assert "Logged 1 exercise." in result.output
    result = invoke(runner, "log", "morning", "2", "--date", "2027-01-05")
    assert "Logged morning pain 2/10 for 2027-01-05" in result.output
    with store.uow() as uow:
        (log,) = uow.sessions.list(store.services.default_athlete_id())
        assert log.next_morning_pain == 2
        assert (log.items[0].reps_left, log.items[0].reps_right) == (15, 15)


def test_an_unknown_exercise_is_a_clear_error(ready: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["log", "item", "towel-scrunh", "--slot", "tv"])
    assert result.exit_code == 2
    assert "did you mean 'towel-scrunch'" in result.output


def test_runs_add_and_list(ready: Path, runner: CliRunner) -> None:
    invoke(
        runner,
        "runs",
        "add",
        "--date",
        "2027-01-05",
        "--km",
        "8.5",
        "--minutes",
        "48",
        "--kind",
        "easy",
        "--felt",
        "4",
        "--note",
        "hills",
    )
    again = [
        "runs",
        "add",
        "--date",
        "2027-01-06",
        "--km",
        "5",
        "--minutes",
        "25",
        "--kind",
        "hard",
        "--felt",
        "3",
        "--client-id",
        "watch-77",
    ]
    invoke(runner, *again)
    assert "nothing new stored" in invoke(runner, *again).output
    runs = json.loads(invoke(runner, "runs", "list", "--json").stdout)
    assert [(r["date"], r["km"], r["kind"], r["felt"], r["note"]) for r in runs] == [
        ("2027-01-05", 8.5, "easy", 4, "hills"),
        ("2027-01-06", 5.0, "hard", 3, None),
    ]
    bad = runner.invoke(cli, ["runs", "add", "--km", "5", "--minutes", "25", "--felt", "9"])
    assert bad.exit_code == 2
    assert "felt" in bad.output


def test_progress_json_and_text(store: App, runner: CliRunner) -> None:
    athlete = store.services.default_athlete_id()
    slot = store.services.today(athlete, dt.date(2027, 1, 4)).sessions[0]["slot"]
    invoke(runner, "log", "session", slot, "--date", START, "--difficulty", "2", "--pain", "1")
    invoke(
        runner, "runs", "add", "--date", "2027-01-05", "--km", "8", "--minutes", "45", "--felt", "4"
    )
    data = json.loads(invoke(runner, "progress", "--json", "--date", "2027-01-06").stdout)
    assert data["schema"] == "footcore.progress/1"
    assert data["adherence"]["overall"]["done_sessions"] == 1
    assert data["runs_after_foot_work"]["after_foot_work"]["runs"] == 1
    assert data["runs_after_foot_work"]["enough"] is False
    text = invoke(runner, "progress", "--date", "2027-01-06").output
    assert "too few runs to say anything" in text
    assert "Weekly minutes done:" in text


def test_backup_then_restore_into_an_empty_database_is_lossless(
    store: App, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    athlete = store.services.default_athlete_id()
    slot = store.services.today(athlete, dt.date(2027, 1, 4)).sessions[0]["slot"]
    invoke(runner, "log", "session", slot, "--date", START, "--difficulty", "2", "--pain", "1")
    invoke(runner, "runs", "add", "--date", "2027-01-05", "--km", "8", "--minutes", "45")
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    assert invoke(runner, "backup", str(first)).exit_code == 0
    monkeypatch.setenv("FOOTCORE_DATA_DIR", str(tmp_path / "elsewhere"))
    restored = invoke(runner, "restore", str(first))
    assert restored.exit_code == 0, restored.output
    invoke(runner, "backup", str(second))
    assert first.read_bytes() == second.read_bytes()
    refused = runner.invoke(cli, ["restore", str(first)])
    assert refused.exit_code == 2
    assert "already holds data" in refused.output


def test_restore_refuses_a_backup_from_a_newer_schema(
    ready: Path, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "backup.json"
    invoke(runner, "backup", str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["schema"] = "0042"
    path.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setenv("FOOTCORE_DATA_DIR", str(tmp_path / "empty"))
    result = runner.invoke(cli, ["restore", str(path)])
    assert result.exit_code == 2
    assert "written by a newer footcore (schema 0042)" in result.output
    assert "Traceback" not in result.output


def test_show_today_renders_the_stored_day_with_yesterdays_decisions(
    store: App, runner: CliRunner, capsys: pytest.CaptureFixture[str]
) -> None:
    athlete = store.services.default_athlete_id()
    slot = store.services.today(athlete, dt.date(2027, 1, 4)).sessions[0]["slot"]
    invoke(runner, "log", "session", slot, "--date", START, "--difficulty", "2", "--pain", "7")
    show_today(dt.date(2027, 1, 5), as_json=True)
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "footcore.today/1"
    assert data["date"] == "2027-01-05"
    assert data["athlete"]["name"] == "Ana"
    assert data["decisions_since_yesterday"], "pain 7/10 yesterday is answered today"
    show_today(dt.date(2027, 1, 5))
    text = capsys.readouterr().out
    assert "Changes since yesterday" in text
    assert "pain 7/10" in text


def test_save_assessment_stores_a_self_test_for_the_stored_athlete(
    store: App, capsys: pytest.CaptureFixture[str]
) -> None:
    save_assessment(
        {"age": 38, "sex": "female", "date": START, "results": {"knee_to_wall_cm": {"left": 10.5}}}
    )
    assert "Stored the self-test of 2027-01-04" in capsys.readouterr().out
    (stored,) = store.services.records.assessments(store.services.default_athlete_id())
    assert stored.taken_on == dt.date(2027, 1, 4)


def test_starting_a_slot_the_profile_lacks_says_so_and_how_to_add_it(
    ready: Path, runner: CliRunner
) -> None:
    """Issue 16 item 13: not "unknown slot for today 'tv'"."""
    result = invoke(runner, "start", "tv", "--date", START, "--fast")
    assert result.exit_code == 2
    err = " ".join(result.stderr.split())
    assert "'tv' is not one of your slots (morning, desk, teeth, pre-run, post-run)" in err
    assert "footcore init --update --profile FILE" in err
    assert "unknown slot for today" not in err


def test_starting_a_slot_with_no_session_that_day_names_the_days_sessions(
    ready: Path, runner: CliRunner
) -> None:
    monday = START  # Ana runs on tue, thu, sat, sun: no pre-run session on a Monday
    result = invoke(runner, "start", "pre-run", "--date", monday, "--fast")
    assert result.exit_code == 2
    err = " ".join(result.stderr.split())
    assert "no pre-run session on 2027-01-04" in err
    assert "that day's sessions:" in err


def test_a_logged_session_is_listed_corrected_and_deleted_from_the_terminal(
    store: App, runner: CliRunner
) -> None:
    """Issue 16 item 18: `log list`, `log edit`, `log delete`; adaptation follows."""
    athlete = store.services.default_athlete_id()
    day = dt.date(2027, 1, 4)
    session = store.services.today(athlete, day).sessions[0]
    slot, first = str(session["slot"]), str(session["items"][0]["exercise"])
    invoke(runner, "log", "session", slot, "--date", START, "--pain", "7", "--difficulty", "3")
    listed = invoke(runner, "log", "list", "--since", START)
    assert listed.exit_code == 0, listed.output
    assert f"{START} {slot}" in listed.stdout
    assert "pain 7/10" in listed.stdout

    edited = invoke(runner, "log", "edit", slot, "--date", START, "--pain", "1", "--skip", first)
    assert edited.exit_code == 0, edited.output
    with store.uow() as uow:
        (log,) = uow.sessions.list(athlete)
        assert log.pain_during == 1
        assert log.difficulty == 3, "what was not corrected stays"
        assert log.items[0].skipped is True
        assert not [d for d in uow.decisions.list(athlete) if d.action == "regress"]

    refused = runner.invoke(cli, ["log", "delete", "tv", "--date", START])
    assert refused.exit_code == 2
    assert f"no tv session is logged on {START}" in refused.stderr
    deleted = invoke(runner, "log", "delete", slot, "--date", START)
    assert deleted.exit_code == 0, deleted.output
    assert "Deleted" in deleted.stdout
    with store.uow() as uow:
        assert uow.sessions.list(athlete) == []


def test_a_guided_session_in_spanish_and_si_for_a_cramp(store: App, runner: CliRunner) -> None:
    athlete = store.services.default_athlete_id()
    day = dt.date(2027, 1, 4)
    session = dict(store.services.today(athlete, day).sessions[0])
    items = [PlayerItem.from_plan(n, i) for n, i in enumerate(session["items"])]
    inputs = ["" for item in items for _ in range(reps_prompts(item))]
    feedback = ["2", "1", "sí", "bien"]
    with i18n.use("es"):
        result = invoke(
            runner,
            "start",
            session["slot"],
            "--date",
            START,
            "--fast",
            input="\n".join(inputs + feedback) + "\n",
        )
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.count("✓ registrado") == len(items)
    assert "¿Qué tal ha ido?" in out
    assert "¿Algún calambre? (s/n):" in out
    done = "1 ejercicio completo" if len(items) == 1 else f"{len(items)} ejercicios completos"
    assert f"Sesión hecha: {done}." in out
    # Each exercise by its Spanish name (the adaptation's reasons after "Qué cambia" are the
    # planner's English, not translated yet).
    played = out.split("Qué cambia")[0]
    for item in session["items"]:
        assert item["name"] not in played
    assert "Set " not in played
    assert "logged" not in played
    with store.uow() as uow:
        (log,) = uow.sessions.list(athlete)
        assert (log.difficulty, log.pain_during, log.cramp, log.note) == (2, 1, True, "bien")

"""`footcore admin` and `footcore coach`: accounts, reset tokens, groups, templates, class
sheets and the dashboard from the terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from footcore.bootstrap import bootstrap
from footcore.cli.app import app as cli
from footcore.config import Settings
from footcore.domain.errors import FootcoreError
from footcore.store.migrate import HEAD
from tests.support.profiles import ana, as_toml

PROFILE = as_toml(ana("sex", "pain", "running.weekly_km"))

TEMPLATE = """
name = "Club feet"
[[sessions]]
days = ["mon", "wed", "fri"]
slot = "morning"
items = ["ball-roll-sole", { exercise = "towel-scrunch", reps = 20 }, "kneeling-toe-stretch"]
"""

PASSWORD = "coach password 1"


def run(runner: CliRunner, *args: str, input: str | None = None) -> str:
    result = runner.invoke(cli, list(args), input=input)
    assert result.exit_code == 0, result.output
    return result.stdout


def twice(password: str) -> str:
    return f"{password}\n{password}\n"


def test_create_user_asks_twice_and_refuses_a_weak_password() -> None:
    runner = CliRunner()
    out = run(
        runner, "admin", "create-user", "Boss@Club.org", "--role", "admin", input=twice(PASSWORD)
    )
    assert "Created admin account boss@club.org." in out
    assert PASSWORD not in out
    weak = runner.invoke(cli, ["admin", "create-user", "x@club.org"], input=twice("short"))
    assert weak.exit_code == 2
    assert "at least 10 characters" in weak.stderr
    assert "Traceback" not in weak.output
    mismatch = runner.invoke(
        cli, ["admin", "create-user", "y@club.org"], input=f"{PASSWORD}\nother one!!\n" * 3
    )
    assert mismatch.exit_code != 0
    users = json.loads(run(runner, "admin", "users", "--json"))
    assert [(u["email"], u["role"]) for u in users] == [("boss@club.org", "admin")]


def test_a_reset_token_is_printed_once_and_sets_a_new_password() -> None:
    runner = CliRunner()
    run(runner, "admin", "create-user", "ana@club.org", input=twice(PASSWORD))
    out = run(runner, "admin", "reset-token", "ana@club.org")
    token = out.split("ana@club.org: ", 1)[1].split()[0]
    assert "footcore admin reset-password TOKEN" in out
    run(runner, "admin", "reset-password", token, input=twice("a brand new passphrase"))
    again = runner.invoke(
        cli, ["admin", "reset-password", token], input=twice("another passphrase")
    )
    assert again.exit_code == 2
    assert "unknown, used or expired" in again.stderr
    missing = runner.invoke(cli, ["admin", "reset-token", "nobody@club.org"])
    assert missing.exit_code == 2
    assert "unknown account" in missing.stderr


def test_a_coach_runs_a_group_from_the_terminal(tmp_path: Path) -> None:
    runner = CliRunner()
    profile = tmp_path / "ana.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    run(runner, "init", "--profile", str(profile), "--start", "2027-01-04")
    no_coach = runner.invoke(cli, ["coach", "groups", "list"])
    assert no_coach.exit_code == 2
    assert "no coach account" in no_coach.stderr
    run(runner, "admin", "create-user", "coach@club.org", "--role", "coach", input=twice(PASSWORD))
    out = run(
        runner, "admin", "create-user", "ana@club.org", "--athlete", "Ana", input=twice(PASSWORD)
    )
    assert "linked to athlete Ana" in out
    out = run(runner, "coach", "groups", "create", "Tuesday club", "--kind", "class")
    code = out.rsplit("Invite code: ", 1)[1].strip()
    assert run(runner, "coach", "groups", "invite-code", "tuesday club").strip().endswith(code)
    assert "No members yet" in run(runner, "coach", "groups", "members", "Tuesday club")
    with bootstrap(Settings.from_env()) as app:  # Ana joins (the web's job later)
        user = app.services.accounts.user_by_email("ana@club.org")
        app.services.coaching.join(app.services.accounts.principal(user.id), code)
    assert "Ana" in run(runner, "coach", "groups", "members", "Tuesday club")
    template = tmp_path / "club.toml"
    template.write_text(TEMPLATE, encoding="utf-8")
    assert "version 1" in run(runner, "coach", "template", "save", str(template))
    run(
        runner,
        "coach",
        "template",
        "assign",
        "Club feet",
        "--group",
        "Tuesday club",
        "--from",
        "2027-01-04",
    )

    sheet = run(runner, "coach", "class", "Tuesday club", "--date", "2027-01-04", "--after", "long")
    assert sheet.startswith("Tuesday club - Club feet\n2027-01-04 - after: long run")
    assert "1. [0:00] Ball roll under the sole" in sheet
    assert "changed: Towel scrunch ->" in sheet
    data = json.loads(
        run(
            runner,
            "coach",
            "class",
            "Tuesday club",
            "--date",
            "2027-01-04",
            "--after",
            "long",
            "--json",
        )
    )
    assert "kneeling-toe-stretch" not in [i["exercise"] for i in data["items"]]
    wrong = runner.invoke(cli, ["coach", "class", "Tuesday club", "--date", "2027-01-05"])
    assert wrong.exit_code == 2
    assert "no session on Tuesday" in wrong.stderr
    bad_after = runner.invoke(cli, ["coach", "class", "Tuesday club", "--after", "sprint"])
    assert bad_after.exit_code == 2
    assert "after" in bad_after.stderr

    board = run(runner, "coach", "dashboard", "Tuesday club", "--date", "2027-01-06")
    assert "Ana" in board
    assert "QUIET" in board
    data = json.loads(
        run(runner, "coach", "dashboard", "Tuesday club", "--date", "2027-01-06", "--json")
    )
    assert data["members"][0]["name"] == "Ana"
    assert data["members"][0]["quiet"] is True

    today = json.loads(run(runner, "today", "--date", "2027-01-04", "--json"))
    whys = [i["why"] for s in today["day"]["sessions"] for i in s["items"]]
    assert any("Club feet" in w for w in whys)

    unknown = runner.invoke(cli, ["coach", "dashboard", "Thursday club"])
    assert unknown.exit_code == 2
    assert "unknown group" in unknown.stderr


def test_delete_user_removes_the_account_and_its_data(tmp_path: Path) -> None:
    runner = CliRunner()
    profile = tmp_path / "ana.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    run(runner, "init", "--profile", str(profile))
    run(runner, "admin", "create-user", "ana@club.org", "--athlete", "Ana", input=twice(PASSWORD))
    exported = json.loads(run(runner, "admin", "export-user", "ana@club.org"))
    assert exported["tables"]["athletes"][0]["name"] == "Ana"
    out = run(runner, "admin", "delete-user", "ana@club.org", "--yes")
    assert out.startswith("Deleted ana@club.org:")
    assert "No accounts" in run(runner, "admin", "users")
    gone = runner.invoke(cli, ["today"])
    assert gone.exit_code == 2
    assert "footcore init" in gone.stderr


def test_set_role_and_unlock_from_the_terminal_keep_the_last_admin() -> None:
    runner = CliRunner()
    run(runner, "admin", "create-user", "boss@club.org", "--role", "admin", input=twice(PASSWORD))
    run(runner, "admin", "create-user", "kim@club.org", input=twice(PASSWORD))
    assert "kim@club.org is now coach." in run(runner, "admin", "set-role", "kim@club.org", "coach")
    last = runner.invoke(cli, ["admin", "set-role", "boss@club.org", "athlete"])
    assert last.exit_code == 2
    assert "admin" in last.stderr
    assert "Traceback" not in last.output
    bad = runner.invoke(cli, ["admin", "set-role", "kim@club.org", "owner"])
    assert bad.exit_code == 2
    assert "athlete, coach, admin" in bad.stderr
    with bootstrap(Settings.from_env()) as app:
        accounts = app.services.accounts
        kim = accounts.user_by_email("kim@club.org")
        for _ in range(5):
            with pytest.raises(FootcoreError):
                accounts.sign_in("kim@club.org", "a wrong password")
        assert accounts.user(kim.id).locked_until is not None
    assert "kim@club.org can sign in again." in run(runner, "admin", "unlock", "kim@club.org")
    with bootstrap(Settings.from_env()) as app:
        assert app.services.accounts.sign_in("kim@club.org", PASSWORD)
    users = json.loads(run(runner, "admin", "users", "--json"))
    assert {u["email"]: u["role"] for u in users} == {
        "boss@club.org": "admin",
        "kim@club.org": "coach",
    }


def test_migrate_reports_the_revision_before_and_after() -> None:
    runner = CliRunner()
    first = run(runner, "admin", "migrate")
    assert f"to {HEAD}." in first
    assert f"The database is at revision {HEAD}" in run(runner, "admin", "migrate")


def test_users_without_accounts_says_which_mode_is_in_force(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    runner = CliRunner()
    assert "one-person mode" in run(runner, "admin", "users")
    monkeypatch.setenv("FOOTCORE_MULTI_USER", "1")
    out = run(runner, "admin", "users")
    assert "multi-user mode is configured" in out
    assert "one-person" not in out


def test_create_user_reads_the_password_from_standard_input_without_a_terminal() -> None:
    """Issue 16 item 15: scripts and containers have no terminal to type into twice."""
    runner = CliRunner()
    out = run(
        runner,
        "admin",
        "create-user",
        "ops@club.org",
        "--role",
        "admin",
        "--password-stdin",
        input=f"{PASSWORD}\n",
    )
    assert "Created admin account ops@club.org." in out
    assert "Password" not in out, "nothing is asked"
    short = runner.invoke(
        cli, ["admin", "create-user", "z@club.org", "--password-stdin"], input="short\n"
    )
    assert short.exit_code == 2
    assert "at least 10 characters" in short.stderr
    users = json.loads(run(runner, "admin", "users", "--json"))
    assert [u["email"] for u in users] == ["ops@club.org"]


def test_a_short_password_is_refused_before_it_is_asked_a_second_time() -> None:
    runner = CliRunner()
    result = runner.invoke(
        cli, ["admin", "create-user", "w@club.org"], input=f"short\n{PASSWORD}\n{PASSWORD}\n"
    )
    assert result.exit_code == 0, result.output
    assert "at least 10 characters" in result.stderr
    assert result.stdout.count("Repeat") == 1, "asked again only for the good one"
    assert "Created athlete account w@club.org." in result.stdout

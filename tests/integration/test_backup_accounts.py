"""Backup and restore of a multi-user database, on both engines: accounts, groups and
coaches' content survive a restore whole; sign-in sessions and reset tokens do not; the
secret key stays with the database; bad files are refused by table, row and column."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, inspect, select

from footcore.bootstrap import App, bootstrap
from footcore.config import Settings
from footcore.domain.access import Principal, Role
from footcore.domain.errors import FootcoreError
from footcore.services.accounts import SignInError
from footcore.services.backup import LEFT_OUT, dump
from footcore.services.coaching.following import template_input
from footcore.store.backup import backup_tables, schema_tables
from footcore.store.tables import AthleteVersion
from footcore.store.tables.accounts import AppSecret, PlannedSession, WebSession

from .support import FAST, PROFILE, Clock
from .test_backup import (
    ACCOUNT_TABLES_0003,
    OUTCOME_TABLES_0006,
    PASSWORD,
    Club,
    again,
    populate,
)


def rows(app: App, table: str) -> list[dict[str, Any]]:
    rows_: list[dict[str, Any]] = app.services.backup()["tables"][table]
    return rows_


def count(app: App, model: type[Any]) -> int:
    with app.uow() as uow:
        return int(uow.db.scalar(select(func.count()).select_from(model)) or 0)


def uid(p: Principal) -> int:
    assert p.user_id is not None
    return p.user_id


def change_everything(app: App, club: Club) -> None:
    """Changes after the backup that a restore must undo."""
    coaching, accounts = app.services.coaching, app.services.accounts
    coaching.leave(club.ana, club.group_id)
    coaching.accept(club.ben, club.group_id)
    coaching.remove_exercise(again(app, club.coach), "seated-toe-spread")
    accounts.delete_account(uid(club.cy))
    accounts.create_user("zed@example.org", PASSWORD, Role.COACH)
    accounts.change_password(uid(club.ben), PASSWORD, "another good password")


def test_every_account_row_survives_restore_replace_with_links_intact(
    app: App, clock: Clock
) -> None:
    club = populate(app, clock)
    data = json.loads(dump(app.services.backup()))
    change_everything(app, club)

    counts = app.services.restore(data, replace=True)

    after = app.services.backup()
    for table in ACCOUNT_TABLES_0003:
        assert counts[table] == len(data["tables"][table]) > 0, table
        assert after["tables"][table] == data["tables"][table], table
    assert dump(after) == dump(data)
    # Every account acts as before: role, athlete link, groups, coached athletes.
    for who in (club.ana, club.ben, club.cy, club.coach, club.admin, club.locked):
        assert again(app, who) == who
    accounts, coaching = app.services.accounts, app.services.coaching
    assert accounts.user_by_email("ana@example.org").athlete_id == club.ana.athlete_id
    assert club.ana.member_groups == {club.group_id}
    assert club.coach.coached_athletes == {club.ana.athlete_id}
    assert [m.name for m in coaching.members(club.coach, club.group_id)] == ["Ana"]
    assert [g.name for g in coaching.invitations(club.ben)] == ["Tuesday club"]
    statuses = sorted(m["status"] for m in after["tables"]["memberships"])
    assert statuses == ["accepted", "invited", "left"]
    # The same password signs in; lockout state is kept as it was.
    users = {u["email"]: u for u in after["tables"]["users"]}
    assert users["ben@example.org"]["failed_sign_ins"] == 2
    with pytest.raises(SignInError):
        accounts.sign_in("ben@example.org", "another good password")
    assert accounts.sign_in("ben@example.org", PASSWORD).user.email == "ben@example.org"
    assert accounts.sign_in("ana@example.org", PASSWORD).user.email == "ana@example.org"
    assert users["dee@example.org"]["locked_until"] is not None
    # Templates and the coach's own exercise are back, and Ana's plan follows hers.
    assert coaching.exercises(club.coach) == ["seated-toe-spread"]
    assert [(t.name, t.version) for t in coaching.templates(club.coach)] == [("Club feet", 2)]
    assert club.ana.athlete_id is not None
    with app.uow() as uow:
        followed = template_input(uow, club.ana.athlete_id)
    assignments = after["tables"]["template_assignments"]
    assert followed is not None
    assert followed["assignment_id"] == next(a["id"] for a in assignments if a["athlete_id"])
    assert len(assignments) == 2
    assert [a["group_id"] for a in assignments if a["group_id"]] == [club.group_id]


def test_restore_replace_signs_everyone_out_voids_reset_tokens_and_keeps_the_secret_key(
    app: App, clock: Clock
) -> None:
    club = populate(app, clock)
    accounts = app.services.accounts
    key = accounts.secret_key()
    secrets = count(app, AppSecret)  # the secret key and the reminders' VAPID key
    assert accounts.resolve_session(club.ana_session) is not None
    data = app.services.backup()
    assert not set(data["tables"]) & set(LEFT_OUT)

    app.services.restore(data, replace=True)

    assert accounts.resolve_session(club.ana_session) is None
    assert count(app, WebSession) == 0
    with pytest.raises(FootcoreError):
        accounts.reset_password(club.ben_reset, "a brand new password")
    assert accounts.secret_key() == key
    assert count(app, AppSecret) == secrets  # the installation's keys stay, none added
    # The planned-session cache was emptied with the programmes and is rebuilt on demand.
    assert count(app, PlannedSession) == 0
    board = app.services.coaching.dashboard(club.coach, club.group_id)
    assert [m.name for m in board.members] == ["Ana"]
    assert count(app, PlannedSession) > 0


def test_a_restore_into_a_new_database_gets_its_own_secret_key(
    app: App, clock: Clock, empty_db_url: str, tmp_path: Path
) -> None:
    populate(app, clock)
    target = bootstrap(Settings(database_url=empty_db_url, data_dir=tmp_path))
    try:
        made_first = target.services.accounts.secret_key()  # as `footcore serve` does
        target.services.restore(app.services.backup())  # the key alone is not "data"
        assert target.services.accounts.secret_key() == made_first
        assert made_first != app.services.accounts.secret_key()
    finally:
        target.close()


def test_a_restore_gives_every_restored_athlete_a_new_data_version(app: App, clock: Clock) -> None:
    """Data versions are not in a backup; answers kept from before a restore go stale."""
    populate(app, clock)

    def versions() -> dict[int, int]:
        with app.uow() as uow:
            found = uow.db.execute(select(AthleteVersion.athlete_id, AthleteVersion.data_version))
            return {row.athlete_id: row.data_version for row in found}

    before = versions()
    data = app.services.backup()
    app.services.restore(data, replace=True)
    after = versions()
    assert set(after) == set(before) == {a["id"] for a in data["tables"]["athletes"]}
    assert all(after[a] != before[a] for a in after)


@pytest.mark.parametrize("held", ["an account only", "everything"])
def test_restore_without_replace_into_a_database_with_data_fails_and_changes_nothing(
    app: App, clock: Clock, tmp_path: Path, held: str
) -> None:
    source = bootstrap(Settings.for_sqlite_file(tmp_path / "source.sqlite3"), today=clock)
    try:
        populate(source, clock)
        data = source.services.backup()
    finally:
        source.close()
    app.services.accounts.hasher = FAST
    if held == "an account only":
        app.services.accounts.create_user("admin@example.org", PASSWORD, Role.ADMIN)
        expected = r"already holds data \(users\)"
    else:
        populate(app, clock)
        expected = r"already holds data \(athletes, .*users, .*\)"
    before = dump(app.services.backup())
    with pytest.raises(FootcoreError, match=expected):
        app.services.restore(data)
    assert dump(app.services.backup()) == before
    assert app.services.accounts.sign_in("admin@example.org", PASSWORD).token


def _set(data: dict[str, Any], table: str, index: int, column: str, value: Any) -> None:
    tables = data["tables"]
    if value == "@email of row 0":
        value = tables[table][0][column]
    elif value == "@an athlete":
        value = tables["athletes"][0]["id"]
    elif value == "@no such id":
        value = 999
    elif value == "@too long":
        value = "x" * 250 + "@example.org"
    if value == "@missing":
        del tables[table][index][column]
    else:
        tables[table][index][column] = value


BAD_ROWS = [
    ("users", 1, "role", "superuser", r"users\[1\]\.role: breaks the rule role IN \('athlete'"),
    ("users", 0, "email", "@too long", r"users\[0\]\.email: longer than 254 characters"),
    ("users", 2, "email", "@email of row 0", r"users\[2\]\.email: the same as users\[0\]"),
    ("users", 3, "athlete_id", "@no such id", r"users\[3\]\.athlete_id: no athletes row .*999"),
    ("users", 4, "failed_sign_ins", "two", r"users\[4\]\.failed_sign_ins: expected a whole"),
    ("users", 5, "password_hash", "@missing", r"users\[5\]\.password_hash: a value is required"),
    ("groups", 0, "created_at", "yesterday", r"groups\[0\]\.created_at: Invalid isoformat"),
    ("memberships", 0, "group_id", "@no such id", r"memberships\[0\]\.group_id: no groups row"),
    ("memberships", 1, "status", "maybe", r"memberships\[1\]\.status: breaks the rule status"),
    (
        "template_assignments",
        0,
        "athlete_id",
        "@an athlete",
        r"template_assignments\[0\]\.group_id/athlete_id: breaks the rule",
    ),
    ("programme_templates", 0, "version", "2", r"programme_templates\[0\]\.version: expected a"),
    ("coach_exercises", 0, "coach_user_id", None, r"coach_exercises\[0\]\.coach_user_id: a value"),
]


@pytest.mark.parametrize(
    ("table", "index", "column", "value", "message"),
    BAD_ROWS,
    ids=[f"{t}.{c}" for t, _, c, _, _ in BAD_ROWS],
)
def test_a_bad_row_in_an_account_table_is_refused_by_table_and_column_and_changes_nothing(
    app: App, clock: Clock, table: str, index: int, column: str, value: Any, message: str
) -> None:
    club = populate(app, clock)
    data: dict[str, Any] = json.loads(dump(app.services.backup()))
    assert data["tables"]["template_assignments"][0]["group_id"] is not None
    change_everything(app, club)
    before = dump(app.services.backup())
    _set(data, table, index, column, value)
    with pytest.raises(FootcoreError, match=rf"^backup file: {message}"):
        app.services.restore(data, replace=True)
    assert dump(app.services.backup()) == before
    # Nothing was deleted either: the sign-in session still works.
    assert app.services.accounts.resolve_session(club.ana_session) is not None


@pytest.mark.parametrize("schema", ["0002", "0004"])
def test_a_backup_without_account_tables_still_restores(
    app: App, clock: Clock, empty_db_url: str, tmp_path: Path, schema: str
) -> None:
    """0002 is before accounts existed; a 0004 file without them is what footcore wrote
    before backups held accounts. With --replace the accounts go too (nothing is kept
    that the file does not hold)."""
    populate(app, clock)
    secrets = count(app, AppSecret)  # the secret key and the reminders' VAPID key
    data: dict[str, Any] = json.loads(dump(app.services.backup()))
    data["schema"] = schema
    del data["tables"]["reminder_settings"]  # reminders came later (0008)
    for table in (*ACCOUNT_TABLES_0003, *OUTCOME_TABLES_0006):
        del data["tables"][table]
    if schema < "0004":
        del data["tables"]["calendar_feeds"]
    target = bootstrap(Settings(database_url=empty_db_url, data_dir=tmp_path))
    try:
        counts = target.services.restore(data)
        assert counts["users"] == 0
        restored = target.services.backup()["tables"]
        assert all(restored[t] == data["tables"][t] for t in data["tables"])
    finally:
        target.close()
    app.services.restore(data, replace=True)
    assert rows(app, "users") == rows(app, "memberships") == []
    assert rows(app, "session_logs") == data["tables"]["session_logs"]
    assert count(app, AppSecret) == secrets


def test_a_backup_holds_every_table_of_the_schema_but_the_left_out_ones(
    app: App, clock: Clock
) -> None:
    populate(app, clock)
    data = app.services.backup()
    names = set(inspect(app.engine).get_table_names()) - {"alembic_version"}
    assert set(LEFT_OUT) < names
    assert {t.name for t in schema_tables()} == names
    assert set(data["tables"]) == {t.name for t in backup_tables()} == names - set(LEFT_OUT)
    # Parents come before children, across the training and the account tables.
    seen: set[str] = set()
    for table in schema_tables():
        assert {fk.column.table.name for fk in table.foreign_keys} - {table.name} <= seen
        seen.add(table.name)
    assert all(u["password_hash"].startswith("$argon2id$") for u in data["tables"]["users"])


def test_a_file_with_a_table_a_backup_never_holds_is_refused(app: App, clock: Clock) -> None:
    populate(app, clock)
    data = {**app.services.backup()}
    data["tables"] = {**data["tables"], "web_sessions": []}
    with pytest.raises(FootcoreError, match="never holds the tables web_sessions"):
        app.services.restore(data, replace=True)


def test_a_column_missing_from_every_row_takes_its_default_or_is_required(
    app: App, clock: Clock
) -> None:
    """How a file from before a column existed restores (no column list in the code)."""
    populate(app, clock)
    data: dict[str, Any] = json.loads(dump(app.services.backup()))
    for user in data["tables"]["users"]:
        del user["failed_sign_ins"]  # has a default (0)
        del user["last_sign_in_at"]  # may be empty
    app.services.restore(data, replace=True)
    users = rows(app, "users")
    assert [u["failed_sign_ins"] for u in users] == [0] * len(users)
    assert [u["last_sign_in_at"] for u in users] == [None] * len(users)
    for user in data["tables"]["users"]:
        del user["email"]  # has none: the file must hold it
    with pytest.raises(FootcoreError, match=r"users\[0\]\.email: a value is required"):
        app.services.restore(data, replace=True)


def test_a_backup_is_one_snapshot_while_accounts_are_being_made(
    app: App, clock: Clock, db_url: str, tmp_path: Path
) -> None:
    """An athlete and their account made while a backup runs are in it whole or not at all,
    so the file always restores. (On SQLite the backup holds the write lock from its first
    statement, so the writer below waits until it ends; on PostgreSQL the backup reads one
    snapshot.)"""
    populate(app, clock)
    writer = bootstrap(Settings(database_url=db_url, data_dir=tmp_path), today=clock)
    writer.services.accounts.hasher = FAST
    done = threading.Event()
    errors: list[BaseException] = []

    def sign_up_someone() -> None:
        try:
            athlete = writer.services.onboard({**PROFILE, "name": "Fay"}).athlete.id
            writer.services.accounts.sign_up("fay@example.org", PASSWORD, athlete_id=athlete)
        except BaseException as exc:  # reported by the test below
            errors.append(exc)
        finally:
            done.set()

    started: list[threading.Thread] = []

    def between_tables(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        # After the backup has read the athletes and before it reads the users.
        if not started and "FROM users" in statement:
            thread = threading.Thread(target=sign_up_someone)
            started.append(thread)
            thread.start()
            if app.engine.dialect.name == "postgresql":
                done.wait()  # committed before the backup reads on

    event.listen(app.engine, "before_cursor_execute", between_tables)
    try:
        data = app.services.backup()
    finally:
        event.remove(app.engine, "before_cursor_execute", between_tables)
    try:
        started[0].join()
        assert errors == []
        assert "fay@example.org" not in {u["email"] for u in data["tables"]["users"]}
        assert "Fay" not in {a["name"] for a in data["tables"]["athletes"]}
        assert writer.services.accounts.user_by_email("fay@example.org").athlete_id
        app.services.restore(data, replace=True)
        assert dump(app.services.backup()) == dump(data)
    finally:
        writer.close()

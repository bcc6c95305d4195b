"""Backup and restore: a lossless round trip, across engines, all or nothing.

``populate`` fills every table a backup holds: one athlete's training data and a
multi-user club (accounts of every role, a group with accepted, invited and departed
members, templates assigned to the group and to one athlete, a coach's own exercise).
The account-specific proofs are in ``test_backup_accounts.py``, the commands' in
``test_backup_cli.py``.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from footcore.bootstrap import App, bootstrap
from footcore.config import Settings
from footcore.domain.access import Principal, Role
from footcore.domain.errors import FootcoreError
from footcore.services import Feedback, ItemEntry, RunEntry, SessionHeader
from footcore.services.accounts import SignInError
from footcore.services.backup import dump
from footcore.services.exports import ExportService
from footcore.store.backup import backup_tables
from footcore.store.migrate import HEAD

from .support import FAST, PROFILE, TODAY, Clock

ASSESSMENT = {
    "age": 38,
    "sex": "female",
    "results": {"knee_to_wall_cm": {"left": 9.5, "right": 11.0}, "pain_nrs": 3},
}

PASSWORD = "correct horse battery"
#: Cheap argon2 parameters: the tests check behaviour, not hashing cost.

TEMPLATE: dict[str, Any] = {
    "name": "Club feet",
    "sessions": [
        {
            "days": ["mon", "wed", "fri"],
            "slot": "morning",
            "items": [
                "ball-roll-sole",
                {"exercise": "towel-scrunch", "reps": 20, "note": "Slow and even."},
                {"exercise": "seated-toe-spread", "note": "The coach's own."},
            ],
        }
    ],
}

COACH_EXERCISE = """
[[exercise]]
slug = "seated-toe-spread"
name = "Seated toe spread"
category = "activate"
description = "Sitting tall with both feet flat, spread the toes wide, hold, then relax."
position = "seated"
equipment = []
slots = ["morning", "desk"]
targets = ["intrinsic-foot"]
goals = ["general"]
load = "none"
dose = { sets = 2, reps = 8, hold_s = 3, per_side = false }
cues = ["Heels and the balls of the feet stay down.", "Spread slowly; stop before a cramp."]
cautions = ["Stop above 5 out of 10 pain; do less if it is still there the next morning."]
"""


#: The backed-up tables migration 0003 added (accounts, groups, coaches' content).
ACCOUNT_TABLES_0003 = (
    "users",
    "groups",
    "memberships",
    "programme_templates",
    "template_assignments",
    "coach_exercises",
)

#: The tables migration 0006 added (check-ins, consents, studies, audit events); files of
#: an older schema have none of them.
OUTCOME_TABLES_0006 = (
    "checkins",
    "checkin_answers",
    "studies",
    "study_arms",
    "study_participants",
    "study_allocations",
    "consents",
    "audit_events",
)


@dataclass(frozen=True)
class Club:
    """What ``populate`` made besides the training data."""

    ana: Principal  # athlete, accepted member, own template assignment, signed in
    ben: Principal  # athlete, invited (pending), 2 failed sign-ins, a reset token issued
    cy: Principal  # athlete who joined and left
    coach: Principal
    admin: Principal
    locked: Principal  # an athlete account locked by 5 failed sign-ins
    group_id: int
    ana_session: str  # a sign-in session token of Ana's
    ben_reset: str  # a password-reset token of Ben's


def _athlete(app: App, email: str) -> Principal:
    name = email.split("@", maxsplit=1)[0].capitalize()
    athlete_id = app.services.onboard({**PROFILE, "name": name}).athlete.id
    user = app.services.accounts.sign_up(email, PASSWORD, athlete_id=athlete_id)
    return app.services.accounts.principal(user.id)


def again(app: App, p: Principal) -> Principal:
    """The principal reloaded (memberships change what it may see)."""
    assert p.user_id is not None
    return app.services.accounts.principal(p.user_id)


def _account(app: App, email: str, role: Role) -> Principal:
    user = app.services.accounts.create_user(email, PASSWORD, role)
    return app.services.accounts.principal(user.id)


CHECKIN = {
    "areas": {
        "foot-ankle": {
            "participation": "reduced",
            "training": "moderate",
            "performance": "minor",
            "symptoms": "moderate",
        }
    }
}


def populate_club(app: App, ana_athlete_id: int) -> Club:
    """Accounts of every role and a coach's club around the athlete ``ana_athlete_id``."""
    accounts, coaching = app.services.accounts, app.services.coaching
    accounts.hasher = FAST
    ana = accounts.principal(
        accounts.sign_up("ana@example.org", PASSWORD, athlete_id=ana_athlete_id).id
    )
    ben = _athlete(app, "ben@example.org")
    cy = _athlete(app, "cy@example.org")
    locked = _athlete(app, "dee@example.org")
    coach = _account(app, "coach@example.org", Role.COACH)
    admin = _account(app, "admin@example.org", Role.ADMIN)
    group = coaching.create_group(coach, "Tuesday club", "club")
    assert group.invite_code is not None  # the coach sees the code
    coaching.join(ana, group.invite_code)
    coaching.invite(coach, group.id, "ben@example.org")
    coaching.join(cy, group.invite_code)
    coaching.leave(cy, group.id)
    coaching.create_group(coach, "Thursday class", "class")  # a group with no members
    coach = again(app, coach)
    coaching.add_exercise(coach, COACH_EXERCISE)
    coaching.save_template(coach, TEMPLATE)
    coaching.save_template(coach, {**TEMPLATE, "description": "Winter block"})  # version 2
    coaching.assign_template(coach, "Club feet", group_id=group.id, starts_on=TODAY)
    coaching.assign_template(
        coach, "Club feet", athlete_id=ana_athlete_id, starts_on=TODAY + dt.timedelta(days=7)
    )
    for _ in range(2):
        with pytest.raises(SignInError):
            accounts.sign_in("ben@example.org", "not the password")
    for _ in range(5):
        with pytest.raises(SignInError):
            accounts.sign_in("dee@example.org", "not the password")
    # Outcomes: a weekly check-in shared with the coach, and a study Ana takes part in.
    assert ana.athlete_id is not None
    app.services.checkins.record(ana.athlete_id, CHECKIN)
    app.services.checkins.set_sharing(again(app, ana), group.id, True)
    study = app.services.studies.create_study(
        coach,
        group.id,
        title="Feet first",
        question="Does foot-core work cut injuries?",
        arms=[{"name": "Foot core"}, {"name": "Usual warm-up"}],
        follow_up_weeks=12,
        seed=7,
    )
    app.services.studies.join(again(app, ana), study.id, weekly_km=35, previous_injury=True)
    app.services.studies.start(coach, study.id)
    session = accounts.sign_in("ana@example.org", PASSWORD).token
    reset = accounts.issue_reset_token("ben@example.org").token
    accounts.secret_key()
    return Club(
        ana=again(app, ana),
        ben=ben,
        cy=cy,
        coach=coach,
        admin=admin,
        locked=locked,
        group_id=group.id,
        ana_session=session,
        ben_reset=reset,
    )


def populate(app: App, clock: Clock) -> Club:
    """Every table a backup holds gets rows."""
    clock.day = TODAY
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
    app.services.reminders.choose(athlete, "daily", "07:30", "22:00", "06:30")
    return populate_club(app, athlete)


def test_backup_restore_backup_gives_identical_files_across_engines(
    app: App, clock: Clock, empty_db_url: str, tmp_path: Path
) -> None:
    club = populate(app, clock)
    first = app.services.backup()
    counts = {name: len(rows) for name, rows in first["tables"].items()}
    assert list(counts) == [t.name for t in backup_tables()]
    assert all(counts[t] > 0 for t in counts), counts
    target = bootstrap(Settings(database_url=empty_db_url, data_dir=tmp_path), today=clock)
    target.services.accounts.hasher = FAST
    try:
        restored = target.services.restore(json.loads(dump(first)))
        assert restored == counts
        second = target.services.backup()
        assert dump(second) == dump(first)
        assert [r["felt"] for r in second["tables"]["runs"]] == [4, None, 4]
        feeds = second["tables"]["calendar_feeds"]
        assert [f["revoked_at"] is None for f in feeds] == [False, True]
        # The restored database keeps working: new rows get fresh ids in every kind of table.
        athlete = target.services.default_athlete_id()
        target.services.add_run(athlete, RunEntry(TODAY, 5.0, 30.0, "hard", 3))
        runs = target.services.runs(athlete)
        assert len({r.id for r in runs}) == counts["runs"] + 1
        assert target.services.accounts.sign_in("ana@example.org", PASSWORD).token
        eve = _athlete(target, "eve@example.org")
        coaching = target.services.coaching
        coach = again(target, club.coach)
        group = coaching.create_group(coach, "Saturday club")
        assert group.invite_code is not None
        coaching.join(eve, group.invite_code)
        coaching.save_template(again(target, coach), {**TEMPLATE, "name": "New block"})
        coaching.assign_template(again(target, coach), "New block", group_id=group.id)
        third = target.services.backup()["tables"]
        for name in ("athletes", "users", "groups", "memberships", "template_assignments"):
            ids = [row["id"] for row in third[name]]
            assert len(set(ids)) == len(ids) == counts[name] + 1, name
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


@pytest.mark.parametrize(
    ("table", "column", "value", "reason"),
    [
        ("profile_versions", "data", "not a mapping", r"profile_versions\[0\]\.data"),
        (
            "profile_versions",
            "data",
            {**PROFILE, "age": "x"},
            r"(?s)profile_versions\[0\]\.data: .*age",
        ),
        ("programmes", "plan", {"schema": "nope"}, r"(?s)programmes\[0\]\.plan: .*schema"),
        ("runs", "minutes", float("inf"), r"runs\[0\]\.minutes: expected a finite number"),
        ("runs", "id", -4, r"runs\[0\]\.id: must be 1 or more"),
    ],
)
def test_a_backup_with_content_the_app_cannot_read_restores_nothing(
    app: App,
    clock: Clock,
    empty_db_url: str,
    tmp_path: Path,
    table: str,
    column: str,
    value: Any,
    reason: str,
) -> None:
    """Each of these restored with exit 0 and then broke today, progress, the calendar and
    the FHIR export (issue 20): a restore reads every row as the app will."""
    populate(app, clock)
    data: dict[str, Any] = json.loads(dump(app.services.backup()))
    data["tables"][table][0][column] = value
    target = bootstrap(Settings(database_url=empty_db_url, data_dir=tmp_path))
    try:
        with pytest.raises(FootcoreError, match=reason):
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
    for run in data["tables"]["runs"]:
        del run["client_id"]  # ... and runs.client_id
    for table in (*ACCOUNT_TABLES_0003, *OUTCOME_TABLES_0006):  # 0003 added the accounts
        del data["tables"][table]
    del data["tables"]["calendar_feeds"]  # (0004 added this one)
    target = bootstrap(Settings(database_url=empty_db_url, data_dir=tmp_path))
    try:
        counts = target.services.restore(data)
        assert counts["decisions"] == counts["users"] == counts["memberships"] == 0
        athlete = target.services.default_athlete_id()
        assert len(target.services.runs(athlete)) == len(data["tables"]["runs"])
        restored = target.services.backup()["tables"]
        assert all(r["client_id"] is None for r in restored["runs"])
        assert restored["session_logs"] == data["tables"]["session_logs"]
    finally:
        target.close()

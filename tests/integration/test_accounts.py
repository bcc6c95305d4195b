"""Accounts on both engines: sign-up rules, sign-in with lockout, sessions, password resets,
the secret key, export and deletion that leaves no row behind."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Table, func, select

import footcore.services.accounts as accounts_module
from footcore.bootstrap import App, bootstrap
from footcore.config import Settings
from footcore.domain.access import Role
from footcore.domain.errors import FootcoreError, NotFoundError, ValidationError
from footcore.services import Feedback, ItemEntry, RunEntry, SessionHeader
from footcore.services.accounts import (
    LOCKOUT_AFTER,
    LOCKOUT_MINUTES,
    RESET_HOURS,
    SESSION_DAYS,
    SIGN_IN_FAILED,
    SignInError,
)
from footcore.services.exports import ExportService
from footcore.store.repositories.accounts import UserRepository
from footcore.store.tables import TABLES_IN_ORDER
from footcore.store.tables.accounts import ACCOUNT_TABLES_IN_ORDER, User

from .support import FAST, PROFILE, Clock, run_together

T0 = dt.datetime(2027, 1, 4, 8, 0, tzinfo=dt.UTC)
PASSWORD = "correct horse battery"
#: Cheap argon2 parameters: the tests check behaviour, not hashing cost.


class Now:
    def __init__(self) -> None:
        self.at = T0

    def __call__(self) -> dt.datetime:
        return self.at

    def advance(self, **delta: float) -> None:
        self.at += dt.timedelta(**delta)


@pytest.fixture
def now() -> Now:
    return Now()


@pytest.fixture
def acc(db_url: str, tmp_path: Path, clock: Clock, now: Now) -> Iterator[App]:
    app = bootstrap(Settings(database_url=db_url, data_dir=tmp_path), today=clock, now=now)
    app.services.accounts.hasher = FAST
    yield app
    app.close()


def all_tables() -> list[Table]:
    return [m.__table__ for m in (*TABLES_IN_ORDER, *ACCOUNT_TABLES_IN_ORDER)]  # type: ignore[misc]


def counts(app: App) -> dict[str, int]:
    with app.uow() as uow:
        return {
            t.name: int(uow.db.scalar(select(func.count()).select_from(t)) or 0)
            for t in all_tables()
        }


def test_sign_up_lower_cases_the_email_and_stores_only_a_hash(acc: App) -> None:
    user = acc.services.accounts.sign_up(" Ana@Example.ORG ", PASSWORD)
    assert user.email == "ana@example.org"
    assert user.role == "athlete"
    with acc.uow() as uow:
        row = uow.db.get(User, user.id)
        assert row is not None
        assert row.password_hash.startswith("$argon2id$")
        assert PASSWORD not in row.password_hash


@pytest.mark.parametrize(
    ("email", "password", "where"),
    [
        ("not-an-email", PASSWORD, "email"),
        ("ana@example.org", "short", "password"),
        ("ana@example.org", "ana@example.org", "password"),
        ("ana.long.name@example.org", "ana.long.name", "password"),
    ],
)
def test_sign_up_refuses_bad_emails_and_weak_passwords(
    acc: App, email: str, password: str, where: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        acc.services.accounts.sign_up(email, password)
    assert where in {p.where for p in caught.value.problems}
    assert counts(acc)["users"] == 0


def test_the_same_email_cannot_sign_up_twice(acc: App) -> None:
    acc.services.accounts.sign_up("ana@example.org", PASSWORD)
    with pytest.raises(ValidationError, match="already exists"):
        acc.services.accounts.sign_up("ANA@example.org", PASSWORD + "x")


def test_sign_in_opens_a_session_that_resolves_to_the_user(acc: App) -> None:
    acc.services.accounts.sign_up("ana@example.org", PASSWORD)
    made = acc.services.accounts.sign_in("ana@example.org", PASSWORD)
    found = acc.services.accounts.resolve_session(made.token)
    assert found is not None
    assert found.user.email == "ana@example.org"
    assert found.csrf_token == made.csrf_token
    assert acc.services.accounts.csrf_ok(found, made.csrf_token)
    assert not acc.services.accounts.csrf_ok(found, made.csrf_token + "x")
    assert not acc.services.accounts.csrf_ok(found, None)
    with acc.uow() as uow:  # only the hash of the token is stored
        stored = uow.accounts.web_sessions.by_token_hash(made.token)
        assert stored is None


def test_a_wrong_password_and_an_unknown_email_give_the_same_message(acc: App) -> None:
    acc.services.accounts.sign_up("ana@example.org", PASSWORD)
    with pytest.raises(SignInError) as wrong:
        acc.services.accounts.sign_in("ana@example.org", "wrong password!")
    with pytest.raises(SignInError) as unknown:
        acc.services.accounts.sign_in("nobody@example.org", PASSWORD)
    assert str(wrong.value) == str(unknown.value) == SIGN_IN_FAILED


def test_five_failures_lock_the_account_until_the_window_passes(acc: App, now: Now) -> None:
    acc.services.accounts.sign_up("ana@example.org", PASSWORD)
    for _ in range(LOCKOUT_AFTER):
        with pytest.raises(SignInError):
            acc.services.accounts.sign_in("ana@example.org", "wrong password!")
    # Locked: even the right password is refused, with the same message.
    with pytest.raises(SignInError) as locked:
        acc.services.accounts.sign_in("ana@example.org", PASSWORD)
    assert str(locked.value) == SIGN_IN_FAILED
    now.advance(minutes=LOCKOUT_MINUTES - 1)
    with pytest.raises(SignInError):
        acc.services.accounts.sign_in("ana@example.org", PASSWORD)
    now.advance(minutes=1, seconds=1)
    made = acc.services.accounts.sign_in("ana@example.org", PASSWORD)
    assert made.user.email == "ana@example.org"
    assert acc.services.accounts.user(made.user.id).locked_until is None


def test_four_failures_then_a_success_start_the_count_again(acc: App) -> None:
    acc.services.accounts.sign_up("ana@example.org", PASSWORD)
    for _ in range(LOCKOUT_AFTER - 1):
        with pytest.raises(SignInError):
            acc.services.accounts.sign_in("ana@example.org", "wrong password!")
    acc.services.accounts.sign_in("ana@example.org", PASSWORD)
    for _ in range(LOCKOUT_AFTER - 1):
        with pytest.raises(SignInError):
            acc.services.accounts.sign_in("ana@example.org", "wrong password!")
    assert acc.services.accounts.sign_in("ana@example.org", PASSWORD).token


def test_the_lockout_is_shared_by_every_worker_through_the_database(
    db_url: str, tmp_path: Path, clock: Clock, now: Now
) -> None:
    apps = [
        bootstrap(Settings(database_url=db_url, data_dir=tmp_path), today=clock, now=now)
        for _ in range(2)
    ]
    try:
        for app in apps:
            app.services.accounts.hasher = FAST
        apps[0].services.accounts.sign_up("ana@example.org", PASSWORD)
        for n in range(LOCKOUT_AFTER):
            with pytest.raises(SignInError):
                apps[n % 2].services.accounts.sign_in("ana@example.org", "wrong password!")
        with pytest.raises(SignInError):
            apps[1].services.accounts.sign_in("ana@example.org", PASSWORD)
        made = apps[0].services.accounts.create_session(
            apps[0].services.accounts.user_by_email("ana@example.org").id
        )
        assert apps[1].services.accounts.resolve_session(made.token) is not None
    finally:
        for app in apps:
            app.close()


def test_a_hash_with_old_parameters_is_replaced_at_sign_in(acc: App) -> None:
    user = acc.services.accounts.sign_up("ana@example.org", PASSWORD)
    acc.services.accounts.hasher = PasswordHasher(time_cost=2, memory_cost=2048, parallelism=1)
    acc.services.accounts.sign_in("ana@example.org", PASSWORD)
    with acc.uow() as uow:
        row = uow.db.get(User, user.id)
        assert row is not None
        assert "m=2048,t=2" in row.password_hash
    assert acc.services.accounts.sign_in("ana@example.org", PASSWORD).token


def test_sessions_expire_and_sign_out_ends_them(acc: App, now: Now) -> None:
    acc.services.accounts.sign_up("ana@example.org", PASSWORD)
    first = acc.services.accounts.sign_in("ana@example.org", PASSWORD)
    second = acc.services.accounts.sign_in("ana@example.org", PASSWORD)
    assert acc.services.accounts.sign_out(first.token)
    assert acc.services.accounts.resolve_session(first.token) is None
    assert acc.services.accounts.resolve_session(second.token) is not None
    now.advance(days=SESSION_DAYS, seconds=1)
    assert acc.services.accounts.resolve_session(second.token) is None
    assert counts(acc)["web_sessions"] == 0
    assert acc.services.accounts.resolve_session("made-up-token") is None


def test_a_reset_token_works_once_signs_out_everywhere_and_lifts_a_lock(acc: App, now: Now) -> None:
    acc.services.accounts.sign_up("ana@example.org", PASSWORD)
    session = acc.services.accounts.sign_in("ana@example.org", PASSWORD)
    for _ in range(LOCKOUT_AFTER):
        with pytest.raises(SignInError):
            acc.services.accounts.sign_in("ana@example.org", "wrong password!")
    reset = acc.services.accounts.issue_reset_token("Ana@example.org")
    acc.services.accounts.reset_password(reset.token, "a brand new passphrase")
    assert acc.services.accounts.resolve_session(session.token) is None
    assert acc.services.accounts.sign_in("ana@example.org", "a brand new passphrase").token
    with pytest.raises(FootcoreError, match="unknown, used or expired"):
        acc.services.accounts.reset_password(reset.token, "another new passphrase")
    with pytest.raises(SignInError):
        acc.services.accounts.sign_in("ana@example.org", PASSWORD)


def test_a_reset_token_expires_after_an_hour(acc: App, now: Now) -> None:
    acc.services.accounts.sign_up("ana@example.org", PASSWORD)
    reset = acc.services.accounts.issue_reset_token("ana@example.org")
    now.advance(hours=RESET_HOURS, seconds=1)
    with pytest.raises(FootcoreError, match="unknown, used or expired"):
        acc.services.accounts.reset_password(reset.token, "a brand new passphrase")
    assert acc.services.accounts.sign_in("ana@example.org", PASSWORD).token


def test_a_reset_still_checks_the_new_password(acc: App) -> None:
    acc.services.accounts.sign_up("ana@example.org", PASSWORD)
    reset = acc.services.accounts.issue_reset_token("ana@example.org")
    with pytest.raises(ValidationError):
        acc.services.accounts.reset_password(reset.token, "short")
    # The token was not spent by the refused attempt.
    acc.services.accounts.reset_password(reset.token, "a brand new passphrase")


def test_a_reset_token_for_an_unknown_email_is_refused(acc: App) -> None:
    with pytest.raises(NotFoundError):
        acc.services.accounts.issue_reset_token("nobody@example.org")


def test_the_secret_key_is_made_once_and_kept_in_the_database(
    acc: App, db_url: str, tmp_path: Path
) -> None:
    key = acc.services.accounts.secret_key()
    assert len(key) >= 60
    with bootstrap(Settings(database_url=db_url, data_dir=tmp_path)) as other:
        assert other.services.accounts.secret_key() == key


def test_one_person_mode_only_on_loopback_without_accounts(acc: App) -> None:
    accounts = acc.services.accounts
    assert not accounts.multi_user(False, "127.0.0.1")
    assert accounts.multi_user(True, "127.0.0.1")
    assert accounts.multi_user(False, "0.0.0.0")
    accounts.create_user("admin@example.org", PASSWORD, Role.ADMIN)
    assert accounts.multi_user(False, "localhost")


def _fill(app: App) -> tuple[int, int]:
    """Two athletes with data in every athlete table; Ana has an account and is coached."""
    services = app.services
    ana = services.onboard(PROFILE).athlete.id
    ben = services.onboard({**PROFILE, "name": "Ben"}).athlete.id
    for athlete in (ana, ben):
        services.add_run(athlete, RunEntry(dt.date(2027, 1, 5), 8.0, 45.0, "easy", 4))
        services.record_assessment(
            athlete,
            {"age": 38, "sex": "female", "results": {"heel_raise_reps": {"left": 20, "right": 22}}},
        )
        header = SessionHeader(f"s-{athlete}", dt.date(2027, 1, 4), "morning", "manual", 1, 2.0)
        item = ItemEntry(0, "ball-roll-sole", {"sets": 1, "duration_s": 60}, 1)
        services.log_session(athlete, header, [item], Feedback(difficulty=2, pain=7))
    user = services.accounts.sign_up("ana@example.org", PASSWORD, athlete_id=ana)
    services.accounts.sign_in("ana@example.org", PASSWORD)
    services.accounts.issue_reset_token("ana@example.org")
    coach = services.accounts.create_user("coach@example.org", PASSWORD, Role.COACH)
    cp = services.accounts.principal(coach.id)
    group = services.coaching.create_group(cp, "Tuesday club")
    services.coaching.join(services.accounts.principal(user.id), group.invite_code or "")
    services.coaching.save_template(
        cp,
        {
            "name": "Base",
            "sessions": [{"days": ["mon"], "slot": "morning", "items": ["ankle-circles"]}],
        },
    )
    services.coaching.assign_template(services.accounts.principal(coach.id), "Base", athlete_id=ana)
    ExportService(services.ctx).create_feed(ana)  # a calendar subscription address
    return ana, ben


def test_delete_account_leaves_no_row_of_the_athlete_in_any_table(acc: App) -> None:
    ana, ben = _fill(acc)
    before = counts(acc)
    ben_rows = acc.services.accounts.export_athlete(ben)["tables"]
    user = acc.services.accounts.user_by_email("ana@example.org")
    deleted = acc.services.accounts.delete_account(user.id)
    after = counts(acc)
    assert deleted["athletes"] == 1
    assert deleted["users"] == 1
    assert deleted["calendar_feeds"] == 1
    # Every table lost exactly the rows that were Ana's, and nothing else.
    for table in all_tables():
        assert after[table.name] == before[table.name] - deleted.get(table.name, 0)
    with acc.uow() as uow:
        for table in all_tables():
            for column in ("athlete_id",):
                if column in table.c:
                    left = uow.db.scalar(
                        select(func.count()).select_from(table).where(table.c[column] == ana)
                    )
                    assert left == 0, table.name
            if "user_id" in table.c:
                left = uow.db.scalar(
                    select(func.count()).select_from(table).where(table.c.user_id == user.id)
                )
                assert left == 0, table.name
    assert after["item_logs"] == 1
    assert after["session_logs"] == 1
    assert acc.services.accounts.export_athlete(ben)["tables"] == ben_rows
    assert acc.services.accounts.users()[0].email == "coach@example.org"


def test_deleting_a_coach_removes_their_groups_templates_and_exercises(acc: App) -> None:
    ana, _ = _fill(acc)
    coach = acc.services.accounts.user_by_email("coach@example.org")
    acc.services.accounts.delete_account(coach.id)
    after = counts(acc)
    for name in ("groups", "memberships", "programme_templates", "template_assignments"):
        assert after[name] == 0, name
    assert acc.services.current_programme(ana).plan["schema"] == "footcore.plan/1"


def test_the_only_admin_cannot_delete_their_account(acc: App) -> None:
    admin = acc.services.accounts.create_user("admin@example.org", PASSWORD, Role.ADMIN)
    with pytest.raises(FootcoreError, match="only admin"):
        acc.services.accounts.delete_account(admin.id)


def test_export_holds_every_row_of_the_athlete_and_no_secret(acc: App) -> None:
    ana, _ = _fill(acc)
    user = acc.services.accounts.user_by_email("ana@example.org")
    data: dict[str, Any] = acc.services.accounts.export_all(user.id)
    tables = data["tables"]
    assert data["format"] == "footcore.account-export/1"
    assert [r["id"] for r in tables["athletes"]] == [ana]
    for name in ("profile_versions", "programmes", "assessments", "session_logs", "runs"):
        assert tables[name], name
        assert all(r["athlete_id"] == ana for r in tables[name]), name
    assert len(tables["item_logs"]) == 1
    assert len(tables["memberships"]) == 1
    assert len(tables["template_assignments"]) == 1
    assert "web_sessions" not in tables
    assert "password_resets" not in tables
    assert "password_hash" not in tables["users"][0]
    [feed] = tables["calendar_feeds"]
    assert feed["athlete_id"] == ana
    assert feed["revoked_at"] is None
    assert "token_sha256" not in feed
    text = repr(data)
    assert "argon2" not in text


def test_an_account_can_be_linked_to_training_data_once(acc: App) -> None:
    ana = acc.services.onboard(PROFILE).athlete.id
    user = acc.services.accounts.sign_up("ana@example.org", PASSWORD)
    assert acc.services.accounts.link_athlete(user.id, ana).athlete_id == ana
    other = acc.services.accounts.sign_up("ben@example.org", PASSWORD)
    with pytest.raises(ValidationError, match="already belongs"):
        acc.services.accounts.link_athlete(other.id, ana)


def test_two_accounts_claiming_one_athlete_at_once_get_one_link_and_one_reason(
    acc: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both pass the "nobody has this athlete" check at the same moment (held together at
    a barrier on PostgreSQL, where the two transactions run side by side): one link is
    made and the other is refused with the reason, never a database error."""
    ana = acc.services.onboard(PROFILE).athlete.id
    users = [acc.services.accounts.sign_up(f"{n}@example.org", PASSWORD).id for n in ("a", "b")]
    wait = 10 if acc.engine.dialect.name == "postgresql" else 0.2  # SQLite: one at a time
    barrier = threading.Barrier(2, timeout=wait)
    look = UserRepository.by_athlete

    def look_together(self: UserRepository, athlete_id: int) -> Any:
        found = look(self, athlete_id)
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()
        return found

    monkeypatch.setattr(UserRepository, "by_athlete", look_together)
    outcomes: list[object] = []

    def link(user_id: int) -> None:
        try:
            outcomes.append(acc.services.accounts.link_athlete(user_id, ana).athlete_id)
        except Exception as exc:
            outcomes.append(exc)

    run_together(link, users)
    linked = [o for o in outcomes if o == ana]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert (len(linked), len(refused)) == (1, 1), outcomes
    assert "already belongs to an account" in str(refused[0])
    owners = [u for u in users if acc.services.accounts.user(u).athlete_id == ana]
    assert len(owners) == 1


def test_a_reset_token_never_starts_with_a_dash(acc: App, monkeypatch: pytest.MonkeyPatch) -> None:
    # A token beginning with '-' reads as an option on the command line: 'footcore admin
    # reset-password -hX...' answered "No such option: -h" (seen in a CI run).
    acc.services.accounts.sign_up("ana@example.org", PASSWORD)
    drawn = iter(["-hSecondLooksLikeAnOption", "usable-token-AbC"])
    with monkeypatch.context() as patched:
        patched.setattr(accounts_module, "secrets", _Secrets(drawn))
        reset = acc.services.accounts.issue_reset_token("ana@example.org")
    assert reset.token == "usable-token-AbC"
    acc.services.accounts.reset_password(reset.token, "a brand new passphrase")
    assert acc.services.accounts.sign_in("ana@example.org", "a brand new passphrase").token


class _Secrets:
    """``secrets`` as the accounts service sees it, drawing its tokens from a list."""

    def __init__(self, drawn: Iterator[str]) -> None:
        self._drawn = drawn

    def token_urlsafe(self, nbytes: int | None = None) -> str:
        return next(self._drawn)

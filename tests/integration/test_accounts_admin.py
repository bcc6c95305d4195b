"""Account changes on both engines: changing one's password (the other sessions end, a wrong
current password counts as a failed sign-in), and an admin's changes - roles, with the rule
that an admin always remains; unlocking; reset tokens by account; the account list."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from footcore.bootstrap import App, bootstrap
from footcore.config import Settings
from footcore.domain.access import Role
from footcore.domain.errors import FootcoreError, NotFoundError, ValidationError
from footcore.services.accounts import (
    CURRENT_WRONG,
    LOCKOUT_AFTER,
    LOCKOUT_MINUTES,
    AccountService,
    SignInError,
)

from .support import FAST, PROFILE, Clock
from .test_accounts import Now

PASSWORD = "correct horse battery"
NEW = "a brand new passphrase"


@pytest.fixture
def now() -> Now:
    return Now()


@pytest.fixture
def acc(db_url: str, tmp_path: Path, clock: Clock, now: Now) -> Iterator[App]:
    app = bootstrap(Settings(database_url=db_url, data_dir=tmp_path), today=clock, now=now)
    app.services.accounts.hasher = FAST
    yield app
    app.close()


def problems_of(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    return {p.where: p.message for p in exc.value.problems}


# -- changing one's password -----------------------------------------------------------------


def test_a_password_change_keeps_this_session_and_signs_out_the_others(acc: App) -> None:
    accounts = acc.services.accounts
    user = accounts.sign_up("ana@example.org", PASSWORD)
    here = accounts.sign_in("ana@example.org", PASSWORD)
    phone = accounts.sign_in("ana@example.org", PASSWORD)
    laptop = accounts.sign_in("ana@example.org", PASSWORD)
    kept = accounts.resolve_session(here.token)
    assert kept is not None
    ended = accounts.change_password(user.id, PASSWORD, NEW, keep_session=kept.session_id)
    assert ended == 2
    assert accounts.resolve_session(here.token) is not None
    assert accounts.resolve_session(phone.token) is None
    assert accounts.resolve_session(laptop.token) is None
    assert accounts.sign_in("ana@example.org", NEW).token
    with pytest.raises(SignInError):
        accounts.sign_in("ana@example.org", PASSWORD)


def test_a_password_change_without_a_session_to_keep_signs_out_everywhere(acc: App) -> None:
    accounts = acc.services.accounts
    user = accounts.sign_up("ana@example.org", PASSWORD)
    session = accounts.sign_in("ana@example.org", PASSWORD)
    assert accounts.change_password(user.id, PASSWORD, NEW) == 1
    assert accounts.resolve_session(session.token) is None


def test_a_wrong_current_password_is_refused_and_changes_nothing(acc: App) -> None:
    accounts = acc.services.accounts
    user = accounts.sign_up("ana@example.org", PASSWORD)
    other = accounts.sign_in("ana@example.org", PASSWORD)
    with pytest.raises(ValidationError) as exc:
        accounts.change_password(user.id, "not the password", NEW)
    assert problems_of(exc) == {"current_password": CURRENT_WRONG}
    assert accounts.resolve_session(other.token) is not None
    assert accounts.sign_in("ana@example.org", PASSWORD).token


def test_wrong_current_passwords_count_as_failed_sign_ins_and_lock_the_account(
    acc: App, now: Now
) -> None:
    accounts = acc.services.accounts
    user = accounts.sign_up("ana@example.org", PASSWORD)
    for _ in range(LOCKOUT_AFTER - 1):
        with pytest.raises(ValidationError):
            accounts.change_password(user.id, "not the password", NEW)
    with pytest.raises(SignInError):  # the fifth failure in a row, at sign-in
        accounts.sign_in("ana@example.org", "still not the password")
    assert accounts.user(user.id).locked_until is not None
    with pytest.raises(SignInError):
        accounts.sign_in("ana@example.org", PASSWORD)
    with pytest.raises(ValidationError) as exc:  # even the right password, while locked
        accounts.change_password(user.id, PASSWORD, NEW)
    assert "locked" in problems_of(exc)["current_password"]
    now.advance(minutes=LOCKOUT_MINUTES, seconds=1)
    assert accounts.change_password(user.id, PASSWORD, NEW) == 0
    assert accounts.sign_in("ana@example.org", NEW).token


def test_a_right_current_password_starts_the_failure_count_again(acc: App) -> None:
    accounts = acc.services.accounts
    user = accounts.sign_up("ana@example.org", PASSWORD)
    for _ in range(LOCKOUT_AFTER - 1):
        with pytest.raises(ValidationError):
            accounts.change_password(user.id, "not the password", NEW)
    accounts.change_password(user.id, PASSWORD, NEW)
    for _ in range(LOCKOUT_AFTER - 1):
        with pytest.raises(SignInError):
            accounts.sign_in("ana@example.org", "wrong again, sorry")
    assert accounts.sign_in("ana@example.org", NEW).token


@pytest.mark.parametrize(
    ("new", "says"),
    [
        ("short", "at least 10 characters"),
        ("ana@example.org", "not be your email"),
        (PASSWORD, "differ from the current password"),
    ],
)
def test_the_new_password_is_checked_like_any_password(acc: App, new: str, says: str) -> None:
    user = acc.services.accounts.sign_up("ana@example.org", PASSWORD)
    with pytest.raises(ValidationError) as exc:
        acc.services.accounts.change_password(user.id, PASSWORD, new)
    assert says in problems_of(exc)["new_password"]


def test_a_wrong_current_and_a_weak_new_password_are_both_reported(acc: App) -> None:
    user = acc.services.accounts.sign_up("ana@example.org", PASSWORD)
    with pytest.raises(ValidationError) as exc:
        acc.services.accounts.change_password(user.id, "not the password", "short")
    assert set(problems_of(exc)) == {"current_password", "new_password"}


# -- an admin's changes ----------------------------------------------------------------------


def test_a_new_role_applies_to_the_principal_at_once(acc: App) -> None:
    accounts = acc.services.accounts
    user = accounts.sign_up("ana@example.org", PASSWORD)
    assert not accounts.principal(user.id).is_coach
    assert accounts.set_role(user.id, "coach").role == "coach"
    assert accounts.principal(user.id).is_coach
    assert accounts.set_role(user.id, Role.ADMIN).role == "admin"
    assert accounts.principal(user.id).is_admin


def test_an_unknown_role_or_account_is_refused(acc: App) -> None:
    user = acc.services.accounts.sign_up("ana@example.org", PASSWORD)
    with pytest.raises(ValidationError) as exc:
        acc.services.accounts.set_role(user.id, "superuser")
    assert "athlete, coach, admin" in problems_of(exc)["role"]
    with pytest.raises(NotFoundError):
        acc.services.accounts.set_role(999_999, "coach")


def test_the_last_admin_can_neither_lose_the_role_nor_be_deleted(acc: App) -> None:
    accounts = acc.services.accounts
    erin = accounts.create_user("erin@example.org", PASSWORD, Role.ADMIN)
    for change in (
        lambda: accounts.set_role(erin.id, "coach"),
        lambda: accounts.delete_account(erin.id),
    ):
        with pytest.raises(FootcoreError, match="only admin account"):
            change()
    assert accounts.user(erin.id).role == "admin"
    # With a second admin, either may step down or go - but not both.
    finn = accounts.create_user("finn@example.org", PASSWORD, Role.ATHLETE)
    accounts.set_role(finn.id, Role.ADMIN)
    assert accounts.set_role(erin.id, "athlete").role == "athlete"
    with pytest.raises(FootcoreError, match="only admin account"):
        accounts.set_role(finn.id, "coach")
    with pytest.raises(FootcoreError, match="only admin account"):
        accounts.delete_account(finn.id)
    assert [u.email for u in accounts.users() if u.role == "admin"] == ["finn@example.org"]


def test_unlocking_lets_the_owner_sign_in_at_once(acc: App) -> None:
    accounts = acc.services.accounts
    user = accounts.sign_up("ana@example.org", PASSWORD)
    for _ in range(LOCKOUT_AFTER):
        with pytest.raises(SignInError):
            accounts.sign_in("ana@example.org", "wrong password!")
    assert [r.locked for r in accounts.account_list()] == [True]
    with pytest.raises(SignInError):
        accounts.sign_in("ana@example.org", PASSWORD)
    accounts.unlock(user.id)
    assert [r.locked for r in accounts.account_list()] == [False]
    assert accounts.sign_in("ana@example.org", PASSWORD).token


def test_a_reset_token_issued_for_an_account_works_like_the_terminals(acc: App) -> None:
    accounts = acc.services.accounts
    user = accounts.sign_up("ana@example.org", PASSWORD)
    session = accounts.sign_in("ana@example.org", PASSWORD)
    token = accounts.issue_reset_token_for(user.id)
    assert token.email == "ana@example.org"
    accounts.reset_password(token.token, NEW)
    assert accounts.resolve_session(session.token) is None
    assert accounts.sign_in("ana@example.org", NEW).token
    with pytest.raises(FootcoreError, match="unknown, used or expired"):
        accounts.reset_password(token.token, "yet another passphrase")
    with pytest.raises(NotFoundError):
        accounts.issue_reset_token_for(999_999)


def test_the_account_list_names_the_linked_athlete(acc: App) -> None:
    accounts = acc.services.accounts
    ana = acc.services.onboard(PROFILE).athlete.id
    accounts.create_user("ana@example.org", PASSWORD, Role.ATHLETE, ana)
    accounts.create_user("cleo@example.org", PASSWORD, Role.COACH)
    rows = accounts.account_list()
    assert [(r.user.email, r.user.role, r.athlete_name, r.locked) for r in rows] == [
        ("ana@example.org", "athlete", "Ana", False),
        ("cleo@example.org", "coach", None, False),
    ]


def test_two_admins_demoting_each_other_at_the_same_moment_leave_one_admin(
    db_url: str, tmp_path: Path, clock: Clock, now: Now
) -> None:
    """Two workers: the first holds the admin rows (its change not yet committed) while the
    second asks for the other admin's change; the second waits for the first and then finds
    the only admin left, whatever the timing."""
    apps = [
        bootstrap(Settings(database_url=db_url, data_dir=tmp_path), today=clock, now=now)
        for _ in range(2)
    ]
    try:
        for app in apps:
            app.services.accounts.hasher = FAST
        erin = apps[0].services.accounts.create_user("erin@example.org", PASSWORD, Role.ADMIN)
        finn = apps[0].services.accounts.create_user("finn@example.org", PASSWORD, Role.ADMIN)
        outcome: dict[str, str] = {}

        def second_worker() -> None:
            try:
                apps[1].services.accounts.set_role(finn.id, "coach")
                outcome["finn"] = "made a coach"
            except FootcoreError as exc:
                outcome["finn"] = exc.message

        with apps[0].uow() as uow:
            user = uow.accounts.users.get(erin.id)
            assert user is not None
            AccountService._keep_an_admin(uow, user, "made a coach")
            user.role = "coach"
            uow.flush()
            worker = threading.Thread(target=second_worker)
            worker.start()
            worker.join(timeout=0.3)  # let it reach the admin rows while they are held
        worker.join(timeout=30)
        assert not worker.is_alive()
        assert "only admin account" in outcome["finn"]
        roles = {u.email: u.role for u in apps[0].services.accounts.users()}
        assert roles == {"erin@example.org": "coach", "finn@example.org": "admin"}
    finally:
        for app in apps:
            app.close()

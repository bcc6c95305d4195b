"""Accounts in the web app: modes, sign-up / sign-in / sign-out, the lockout message, the
password reset with an admin's token, cookie flags, CSRF, export and deletion."""

from __future__ import annotations

import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import anyio
import httpx
import pytest
from sqlalchemy import func, select

from footcore.config import Settings
from footcore.domain.errors import NotFoundError
from footcore.services.accounts import LOCKOUT_AFTER, SIGN_IN_FAILED
from footcore.store.tables import Athlete, ProfileVersion, Programme
from footcore.web.app import create_app
from footcore.web.auth import PRESESSION_COOKIE, SESSION_COOKIE
from tests.e2e.web_accounts import FAST, PASSWORD, PROFILE, TODAY, Client, multi_user_app


@pytest.fixture
def client(tmp_path: Path) -> Iterator[Client]:
    c = Client(multi_user_app(tmp_path))
    yield c
    c.close()
    c.app.state.footcore.close()


def sign_up(client: Client, email: str, password: str = PASSWORD) -> httpx.Response:
    token = client.form_token("/sign-up")
    return client.post(
        "/sign-up",
        data={
            "csrf_token": token,
            "email": email,
            "password": password,
            "password_again": password,
        },
    )


def test_loopback_without_accounts_is_one_person_mode_without_sign_in(tmp_path: Path) -> None:
    app = create_app(Settings.for_sqlite_file(tmp_path / "f.sqlite3"), host="127.0.0.1")
    c = Client(app)
    try:
        assert c.get("/api/v1/account").json()["mode"] == "one-person"
        assert c.get("/sign-in").headers["location"] == "/"
        assert c.get("/settings").headers["location"] == "/onboarding"  # no sign-in needed
        # An account made in the terminal switches the install to multi-user mode.
        app.state.footcore.services.accounts.hasher = FAST
        app.state.footcore.services.accounts.create_user("ana@example.org", PASSWORD)
        assert c.get("/api/v1/account").status_code == 401
        assert c.get("/settings").headers["location"] == "/sign-in?next=/settings"
    finally:
        c.close()
        app.state.footcore.close()


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "footcore.example.org"])
def test_listening_beyond_loopback_forces_multi_user_mode(tmp_path: Path, host: str) -> None:
    app = create_app(Settings.for_sqlite_file(tmp_path / "f.sqlite3"), host=host)
    c = Client(app)
    try:
        assert c.get("/api/v1/account").status_code == 401
        assert c.get("/api/v1/profile").status_code == 401
        assert c.get("/today").headers["location"] == "/sign-in?next=/today"
        assert c.get("/api/v1/exercises").status_code == 200  # the library stays public
    finally:
        c.close()
        app.state.footcore.close()


def test_configured_multi_user_mode_needs_sign_in_on_loopback(tmp_path: Path) -> None:
    settings = Settings(
        database_url=Settings.for_sqlite_file(tmp_path / "f.sqlite3").database_url,
        data_dir=tmp_path,
        multi_user=True,
    )
    app = create_app(settings, host="127.0.0.1")
    c = Client(app)
    try:
        assert c.get("/api/v1/account").status_code == 401
    finally:
        c.close()
        app.state.footcore.close()


def test_sign_up_signs_in_then_onboarding_links_the_training_data(client: Client) -> None:
    response = sign_up(client, "Ana@Example.org")
    assert response.status_code == 303
    assert response.headers["location"] == "/onboarding"
    me = client.get("/api/v1/account").json()
    assert me["user"]["email"] == "ana@example.org"
    assert me["user"]["role"] == "athlete"
    assert me["athlete_id"] is None
    made = client.post(
        "/api/v1/onboarding",
        json={"profile": PROFILE, "start": TODAY.isoformat()},
        headers={"X-CSRF-Token": me["csrf_token"]},
    )
    assert made.status_code == 201, made.text
    assert client.get("/api/v1/account").json()["athlete_id"] == made.json()["athlete"]["id"]
    assert client.get("/api/v1/profile").json()["name"] == "Ana"
    again = client.post(
        "/api/v1/onboarding", json={"profile": PROFILE}, headers={"X-CSRF-Token": me["csrf_token"]}
    )
    assert again.status_code == 409


def test_sign_up_lists_every_problem(client: Client) -> None:
    token = client.form_token("/sign-up")
    response = client.post(
        "/sign-up",
        data={
            "csrf_token": token,
            "email": "not-an-email",
            "password": "short",
            "password_again": "short",
        },
    )
    assert response.status_code == 422
    assert "must be an email address" in response.text
    assert "at least 10 characters" in response.text
    differ = client.post(
        "/sign-up",
        data={
            "csrf_token": token,
            "email": "a@example.org",
            "password": PASSWORD,
            "password_again": PASSWORD + "x",
        },
    )
    assert "the two passwords differ" in differ.text
    assert SESSION_COOKIE not in client.cookies


def test_session_cookie_is_http_only_lax_and_secure_over_https(tmp_path: Path) -> None:
    app = multi_user_app(tmp_path)
    app.state.footcore.services.accounts.create_user("ana@example.org", PASSWORD)
    plain, tls = Client(app), Client(app, base_url="https://footcore")
    try:
        for c, secure in ((plain, False), (tls, True)):
            response = c.sign_in("ana@example.org")
            assert response.status_code == 303
            header = next(
                h for h in response.headers.get_list("set-cookie") if h.startswith(SESSION_COOKIE)
            )
            flags = {part.strip().lower() for part in header.split(";")}
            assert "httponly" in flags
            assert "samesite=lax" in flags
            assert "path=/" in flags
            assert ("secure" in flags) is secure
            assert c.get("/api/v1/account").json()["user"]["email"] == "ana@example.org"
    finally:
        plain.close()
        tls.close()
        app.state.footcore.close()


def test_every_failed_sign_in_shows_the_same_message_and_locks_after_repeats(
    client: Client,
) -> None:
    accounts = client.app.state.footcore.services.accounts
    accounts.create_user("ana@example.org", PASSWORD)
    unknown = client.sign_in("nobody@example.org")
    assert unknown.status_code == 400
    assert SIGN_IN_FAILED[1:] in unknown.text
    for _ in range(LOCKOUT_AFTER):
        wrong = client.sign_in("ana@example.org", "wrong password 123")
        assert wrong.status_code == 400
        assert SIGN_IN_FAILED[1:] in wrong.text
    locked = client.sign_in("ana@example.org")  # the right password, during the lock
    assert locked.status_code == 400
    assert SIGN_IN_FAILED[1:] in locked.text
    assert SESSION_COOKIE not in client.cookies
    assert accounts.user_by_email("ana@example.org").locked_until is not None


def test_sign_in_returns_to_the_page_asked_for_and_never_to_another_site(client: Client) -> None:
    client.app.state.footcore.services.accounts.create_user("ana@example.org", PASSWORD)
    token = client.form_token("/sign-in?next=/progress")
    ok = client.post(
        "/sign-in",
        data={
            "csrf_token": token,
            "email": "ana@example.org",
            "password": PASSWORD,
            "next": "/progress",
        },
    )
    assert ok.headers["location"] == "/progress"
    client.post("/sign-out", data={"csrf_token": client.api_token()})
    token = client.form_token("/sign-in")
    away = client.post(
        "/sign-in",
        data={
            "csrf_token": token,
            "email": "ana@example.org",
            "password": PASSWORD,
            "next": "//evil.example/x",
        },
    )
    assert away.headers["location"] == "/"


def test_sign_out_ends_the_session_in_the_database(client: Client) -> None:
    client.app.state.footcore.services.accounts.create_user("ana@example.org", PASSWORD)
    client.sign_in("ana@example.org")
    old = client.cookies[SESSION_COOKIE]
    out = client.post("/sign-out", data={"csrf_token": client.api_token()})
    assert out.headers["location"] == "/sign-in"
    assert client.app.state.footcore.services.accounts.resolve_session(old) is None
    assert client.get("/api/v1/account").status_code == 401


def test_a_reset_token_from_the_admin_sets_a_new_password_once(client: Client) -> None:
    accounts = client.app.state.footcore.services.accounts
    accounts.create_user("ana@example.org", PASSWORD)
    issued = accounts.issue_reset_token("ana@example.org")
    new = "a brand new secret 2"
    token = client.form_token("/reset-password")
    form = {"csrf_token": token, "token": issued.token, "password": new, "password_again": new}
    done = client.post("/reset-password", data=form)
    assert done.headers["location"] == "/sign-in?reset=1"
    assert "Your password is changed" in client.get("/sign-in?reset=1").text
    assert client.sign_in("ana@example.org", PASSWORD).status_code == 400
    assert client.sign_in("ana@example.org", new).status_code == 303
    client.post("/sign-out", data={"csrf_token": client.api_token()})
    token = client.form_token("/reset-password")
    reused = client.post("/reset-password", data={**form, "csrf_token": token})
    assert reused.status_code == 422
    assert "unknown, used or expired" in reused.text


def test_changes_without_the_csrf_token_are_refused(client: Client) -> None:
    accounts = client.app.state.footcore.services.accounts
    accounts.create_user("ana@example.org", PASSWORD)
    # The account forms: the token must match the visitor's cookie.
    client.get("/sign-in")
    assert PRESESSION_COOKIE in client.cookies
    for token in (None, "forged"):
        data = {"email": "ana@example.org", "password": PASSWORD}
        if token:
            data["csrf_token"] = token
        refused = client.post("/sign-in", data=data)
        assert refused.status_code == 403
        assert "did not come from footcore" in refused.text
    assert client.sign_in("ana@example.org").status_code == 303
    # Signed in: forms and JSON alike need the session's token.
    onboard = client.post("/api/v1/onboarding", json={"profile": PROFILE})
    assert onboard.status_code == 403
    assert onboard.json()["error"]["kind"] == "forbidden"
    wrong = client.post(
        "/api/v1/onboarding", json={"profile": PROFILE}, headers={"X-CSRF-Token": "nope"}
    )
    assert wrong.status_code == 403
    assert client.post("/sign-out").status_code == 403
    assert client.get("/api/v1/account").status_code == 200  # still signed in
    ok = client.post(
        "/api/v1/onboarding",
        json={"profile": PROFILE},
        headers={"X-CSRF-Token": client.api_token()},
    )
    assert ok.status_code == 201


def test_one_person_forms_need_the_install_token_and_json_needs_none(tmp_path: Path) -> None:
    app = create_app(Settings.for_sqlite_file(tmp_path / "f.sqlite3"), today=lambda: TODAY)
    c = Client(app)
    try:
        form = {
            "name": "Ana",
            "age": "38",
            "goals": ["general"],
            "minutes_per_day": "10",
            "slots": ["morning"],
        }
        assert c.post("/onboarding", data=form).status_code == 403
        assert c.post("/onboarding", data={**form, "csrf_token": "forged"}).status_code == 403
        token = c.form_token("/onboarding")
        assert token == c.api_token()
        assert c.post("/onboarding", data={**form, "csrf_token": token}).status_code == 303
        run = {"date": TODAY.isoformat(), "kind": "easy", "km": 5, "minutes": 30, "felt": 4}
        stored = c.post("/api/v1/runs", json=run)
        assert stored.status_code in (200, 201), stored.text
        # A multipart form (the run-file import) carries the token as a field too.
        files = [("files", ("runs.csv", b"date,km,minutes\n", "text/csv"))]
        assert c.post("/progress/runs/import", files=files).status_code == 403
        imported = c.post("/progress/runs/import", files=files, data={"csrf_token": token})
        assert imported.status_code in (200, 303), imported.text[:300]
        # A second app on the same data has the same install token (it is stored, not random).
        again = create_app(Settings.for_sqlite_file(tmp_path / "f.sqlite3"))
        d = Client(again)
        assert d.api_token() == token
        d.close()
        again.state.footcore.close()
    finally:
        c.close()
        app.state.footcore.close()


def test_an_athlete_exports_everything_then_deletes_the_account(client: Client) -> None:
    services = client.app.state.footcore.services
    athlete_id = services.onboard({**PROFILE, "name": "Ana"}, TODAY).athlete.id
    user = services.accounts.create_user("ana@example.org", PASSWORD, "athlete", athlete_id)
    client.sign_in("ana@example.org")
    page = client.get("/settings")
    assert 'href="/settings/export"' in page.text
    assert 'href="/settings/delete"' in page.text
    download = client.get("/settings/export")
    assert download.headers["content-disposition"].startswith("attachment;")
    data = download.json()
    assert data["format"] == "footcore.account-export/1"
    assert [r["id"] for r in data["tables"]["athletes"]] == [athlete_id]
    assert "password_hash" not in data["tables"]["users"][0]
    assert client.get("/api/v1/account/export").json() == data
    token = client.form_token("/settings/delete")
    unconfirmed = client.post("/settings/delete", data={"csrf_token": token})
    assert unconfirmed.status_code == 422
    gone = client.post("/settings/delete", data={"csrf_token": token, "confirm": "yes"})
    assert gone.headers["location"] == "/?deleted=1"
    assert "nothing of yours is stored any more" in client.get("/?deleted=1").text
    assert client.get("/api/v1/account").status_code == 401
    with pytest.raises(NotFoundError):
        services.accounts.user(user.id)
    with services.ctx.uow() as uow:  # every row of theirs is gone
        for table in (Athlete, ProfileVersion, Programme):
            assert uow.db.scalar(select(func.count()).select_from(table)) == 0


def test_the_api_deletes_the_account_and_answers_the_row_counts(client: Client) -> None:
    services = client.app.state.footcore.services
    athlete_id = services.onboard({**PROFILE, "name": "Ana"}, TODAY).athlete.id
    services.accounts.create_user("ana@example.org", PASSWORD, "athlete", athlete_id)
    client.sign_in("ana@example.org")
    token = client.api_token()
    assert client.request("DELETE", "/api/v1/account").status_code == 403  # no token
    answer = client.request("DELETE", "/api/v1/account", headers={"X-CSRF-Token": token})
    assert answer.status_code == 200, answer.text
    deleted = answer.json()["deleted"]
    assert deleted["users"] == 1
    assert deleted["athletes"] == 1
    assert client.get("/api/v1/account").status_code == 401


def test_a_request_from_another_machine_is_never_served_in_one_person_mode(
    tmp_path: Path,
) -> None:
    app = create_app(Settings.for_sqlite_file(tmp_path / "f.sqlite3"), host="127.0.0.1")

    async def ask(client_host: str) -> int:
        transport = httpx.ASGITransport(app=app, client=(client_host, 5000))
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
            return (await c.get("/api/v1/account")).status_code

    def status_for(client_host: str) -> int:
        # An event loop of its own in a worker thread: after Playwright's sync API has run
        # in this process, the main thread counts as already running one.
        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(anyio.run, ask, client_host).result()

    try:
        assert status_for("127.0.0.1") == 200
        assert status_for("192.168.1.5") == 401
    finally:
        app.state.footcore.close()


def test_downloads_of_an_athlete_with_a_non_latin_name_keep_the_name(tmp_path: Path) -> None:
    """Found by schemathesis: headers are Latin-1, so the name goes into filename*."""
    app = create_app(Settings.for_sqlite_file(tmp_path / "f.sqlite3"), today=lambda: TODAY)
    c = Client(app)
    try:
        made = c.post("/api/v1/onboarding", json={"profile": {**PROFILE, "name": "鈴木 Ana"}})
        assert made.status_code == 201
        answer = c.get("/api/v1/exports/calendar.ics")
        assert answer.status_code == 200
        disposition = answer.headers["content-disposition"]
        assert disposition.isascii()
        assert "%E9%88%B4%E6%9C%A8" in disposition
    finally:
        c.close()
        app.state.footcore.close()


# -- the Account page: changing the password -------------------------------------------------

NEW_PASSWORD = "a brand new secret 2"


def change_form(client: Client, current: str, new: str, again: str | None = None) -> dict[str, str]:
    return {
        "csrf_token": client.form_token("/account"),
        "current_password": current,
        "new_password": new,
        "new_password_again": new if again is None else again,
    }


def test_changing_the_password_keeps_this_browser_signed_in_and_signs_out_the_others(
    client: Client,
) -> None:
    client.app.state.footcore.services.accounts.create_user("ana@example.org", PASSWORD)
    phone = Client(client.app)
    try:
        client.sign_in("ana@example.org")
        phone.sign_in("ana@example.org")
        page = client.get("/account")
        assert page.status_code == 200
        assert 'autocomplete="current-password"' in page.text
        done = client.post("/account/password", data=change_form(client, PASSWORD, NEW_PASSWORD))
        assert done.headers["location"] == "/account?changed=1"
        after = client.get(done.headers["location"])
        assert "One other device was signed out; this one stays signed in." in after.text
        assert client.get("/api/v1/account").status_code == 200
        assert phone.get("/api/v1/account").status_code == 401
        assert phone.sign_in("ana@example.org", PASSWORD).status_code == 400
        assert phone.sign_in("ana@example.org", NEW_PASSWORD).status_code == 303
    finally:
        phone.close()


def test_a_wrong_current_password_or_two_different_new_ones_are_said_clearly(
    client: Client,
) -> None:
    client.app.state.footcore.services.accounts.create_user("ana@example.org", PASSWORD)
    client.sign_in("ana@example.org")
    wrong = client.post(
        "/account/password", data=change_form(client, "not my password", NEW_PASSWORD)
    )
    assert wrong.status_code == 422
    assert "Current password</strong>: is not right (after 5 wrong passwords" in wrong.text
    differ = client.post(
        "/account/password", data=change_form(client, PASSWORD, NEW_PASSWORD, "something else")
    )
    assert differ.status_code == 422
    assert "the two new passwords differ" in differ.text
    weak = client.post("/account/password", data=change_form(client, PASSWORD, "short"))
    assert "New password</strong>: must be at least 10 characters" in weak.text
    assert client.sign_in("ana@example.org", PASSWORD).status_code == 303  # nothing changed


def test_wrong_current_passwords_lock_the_account_like_failed_sign_ins(client: Client) -> None:
    client.app.state.footcore.services.accounts.create_user("ana@example.org", PASSWORD)
    client.sign_in("ana@example.org")
    for _ in range(LOCKOUT_AFTER):
        form = change_form(client, "not my password", NEW_PASSWORD)
        assert client.post("/account/password", data=form).status_code == 422
    locked = client.post("/account/password", data=change_form(client, PASSWORD, NEW_PASSWORD))
    assert "the account is locked after 5 wrong passwords" in locked.text
    assert client.get("/api/v1/account").status_code == 200  # this browser stays signed in
    other = Client(client.app)
    try:
        assert SIGN_IN_FAILED[1:] in other.sign_in("ana@example.org").text  # capitalised
    finally:
        other.close()


def test_the_api_changes_the_password_like_the_page(client: Client) -> None:
    client.app.state.footcore.services.accounts.create_user("ana@example.org", PASSWORD)
    client.sign_in("ana@example.org")
    headers = {"X-CSRF-Token": client.api_token()}
    body = {"current_password": "not my password", "new_password": NEW_PASSWORD}
    wrong = client.post("/api/v1/account/password", json=body, headers=headers)
    assert wrong.status_code == 422
    assert [p["where"] for p in wrong.json()["error"]["problems"]] == ["current_password"]
    assert client.post("/api/v1/account/password", json=body).status_code == 403  # no token
    body["current_password"] = PASSWORD
    done = client.post("/api/v1/account/password", json=body, headers=headers)
    assert done.json() == {"signed_out_sessions": 0}
    assert client.get("/api/v1/account").status_code == 200
    assert client.sign_in("ana@example.org", NEW_PASSWORD).status_code == 303


def test_one_person_mode_has_no_account_page(tmp_path: Path) -> None:
    app = create_app(Settings.for_sqlite_file(tmp_path / "f.sqlite3"), host="127.0.0.1")
    c = Client(app)
    try:
        assert c.get("/account").headers["location"] == "/"
        body = {"current_password": PASSWORD, "new_password": NEW_PASSWORD}
        refused = c.post("/api/v1/account/password", json=body)
        assert refused.status_code == 403  # a feature this install does not have
        assert "one-person mode has no account" in refused.json()["error"]["message"]
    finally:
        c.close()
        app.state.footcore.close()


# -- Accounts: an admin's pages --------------------------------------------------------------


@pytest.fixture
def admin(client: Client) -> tuple[Client, dict[str, int]]:
    """Erin (admin) signed in; Ana (athlete with training data) and Cleo (coach) exist."""
    services = client.app.state.footcore.services
    athlete_id = services.onboard({**PROFILE, "name": "Ana"}, TODAY).athlete.id
    ids = {
        "erin": services.accounts.create_user("erin@example.org", PASSWORD, "admin").id,
        "ana": services.accounts.create_user("ana@example.org", PASSWORD, "athlete", athlete_id).id,
        "cleo": services.accounts.create_user("cleo@example.org", PASSWORD, "coach").id,
    }
    client.sign_in("erin@example.org")
    return client, ids


def test_the_admin_sees_every_account_with_role_data_and_lock(
    admin: tuple[Client, dict[str, int]],
) -> None:
    client, ids = admin
    other = Client(client.app)
    for _ in range(LOCKOUT_AFTER):
        other.sign_in("cleo@example.org", "not her password")
    other.close()
    assert 'href="/admin/accounts"' in client.get("/account").text
    page = client.get("/admin/accounts").text
    assert f'href="/admin/accounts/{ids["ana"]}">ana@example.org</a>' in page
    assert ">Ana</td>" in page  # the linked training data
    assert page.count('class="chip chip--alert">locked</span>') == 1
    assert "3 accounts, 1 of them admin." in page
    one = client.get(f"/admin/accounts/{ids['cleo']}")
    assert "Unlock the account" in one.text
    assert client.get("/admin/accounts/999999").status_code == 404


def test_only_admins_reach_the_accounts_pages(admin: tuple[Client, dict[str, int]]) -> None:
    client, ids = admin
    ana = Client(client.app)
    try:
        ana.sign_in("ana@example.org")
        assert 'href="/admin/accounts"' not in ana.get("/account").text
        assert ana.get("/admin/accounts").status_code == 403
        assert ana.get(f"/admin/accounts/{ids['ana']}").status_code == 403
        token = ana.form_token("/account")
        made = ana.post(
            f"/admin/accounts/{ids['ana']}/role", data={"csrf_token": token, "role": "admin"}
        )
        assert made.status_code == 403
    finally:
        ana.close()
    assert client.app.state.footcore.services.accounts.user(ids["ana"]).role == "athlete"


def test_the_admin_changes_a_role_but_never_removes_the_last_admin(
    admin: tuple[Client, dict[str, int]],
) -> None:
    client, ids = admin
    page = f"/admin/accounts/{ids['cleo']}"
    form = {"csrf_token": client.form_token(page), "role": "admin"}
    done = client.post(f"{page}/role", data=form)
    assert done.headers["location"] == f"{page}?done=role"
    assert "The role is now admin" in client.get(done.headers["location"]).text
    # Cleo is an admin now, so Erin may step down - and is sent to her own Account page.
    mine = f"/admin/accounts/{ids['erin']}"
    down = client.post(f"{mine}/role", data={**form, "role": "coach"})
    assert down.headers["location"] == "/account?role=1"
    assert client.get("/admin/accounts").status_code == 403
    cleo = Client(client.app)
    try:
        cleo.sign_in("cleo@example.org")
        last = cleo.post(
            f"/admin/accounts/{ids['cleo']}/role",
            data={"csrf_token": cleo.form_token(page), "role": "athlete"},
        )
        assert last.status_code == 422
        assert "cleo@example.org is the only admin account" in last.text
        bad = cleo.post(
            f"/admin/accounts/{ids['ana']}/role",
            data={"csrf_token": cleo.form_token(page), "role": "owner"},
        )
        assert bad.status_code == 422
        assert "must be one of athlete, coach, admin" in bad.text
    finally:
        cleo.close()


def test_the_admin_unlocks_an_account_at_once(admin: tuple[Client, dict[str, int]]) -> None:
    client, ids = admin
    ana = Client(client.app)
    try:
        for _ in range(LOCKOUT_AFTER):
            ana.sign_in("ana@example.org", "not her password")
        assert ana.sign_in("ana@example.org").status_code == 400
        page = f"/admin/accounts/{ids['ana']}"
        done = client.post(f"{page}/unlock", data={"csrf_token": client.form_token(page)})
        assert done.headers["location"] == f"{page}?done=unlock"
        assert ana.sign_in("ana@example.org").status_code == 303
    finally:
        ana.close()


def test_a_reset_token_is_shown_once_and_sets_a_new_password(
    admin: tuple[Client, dict[str, int]],
) -> None:
    client, ids = admin
    page = f"/admin/accounts/{ids['ana']}"
    shown = client.post(f"{page}/reset-token", data={"csrf_token": client.form_token(page)})
    assert shown.status_code == 200
    assert shown.headers["cache-control"] == "no-store"
    found = re.search(r'<textarea id="token"[^>]*>([^<]+)</textarea>', shown.text)
    assert found
    assert "http://127.0.0.1/reset-password" in shown.text
    ana = Client(client.app)
    try:
        form = {
            "csrf_token": ana.form_token("/reset-password"),
            "token": found.group(1),
            "password": NEW_PASSWORD,
            "password_again": NEW_PASSWORD,
        }
        assert ana.post("/reset-password", data=form).headers["location"] == "/sign-in?reset=1"
        assert ana.sign_in("ana@example.org", NEW_PASSWORD).status_code == 303
    finally:
        ana.close()


def test_the_admin_deletes_an_account_and_its_data_after_confirming(
    admin: tuple[Client, dict[str, int]],
) -> None:
    client, ids = admin
    services = client.app.state.footcore.services
    page = f"/admin/accounts/{ids['ana']}"
    token = client.form_token(page)
    unconfirmed = client.post(f"{page}/delete", data={"csrf_token": token})
    assert unconfirmed.status_code == 422
    assert "tick the box" in unconfirmed.text
    gone = client.post(f"{page}/delete", data={"csrf_token": token, "confirm": "yes"})
    assert gone.headers["location"] == "/admin/accounts?deleted=ana%40example.org"
    assert (
        "Deleted ana@example.org and all of its data." in client.get(gone.headers["location"]).text
    )
    with pytest.raises(NotFoundError):
        services.accounts.user(ids["ana"])
    with services.ctx.uow() as uow:
        for table in (Athlete, ProfileVersion, Programme):
            assert uow.db.scalar(select(func.count()).select_from(table)) == 0
    last = client.post(
        f"/admin/accounts/{ids['erin']}/delete", data={"csrf_token": token, "confirm": "yes"}
    )
    assert last.status_code == 422
    assert "erin@example.org is the only admin account, so it cannot be deleted" in last.text

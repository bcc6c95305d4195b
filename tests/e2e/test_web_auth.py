"""Accounts in the web app: modes, sign-up / sign-in / sign-out, the lockout message, the
password reset with an admin's token, cookie flags, CSRF, export and deletion."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

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
    assert again.status_code == 422


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
            assert uow.session.scalar(select(func.count()).select_from(table)) == 0


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
    import httpx

    app = create_app(Settings.for_sqlite_file(tmp_path / "f.sqlite3"), host="127.0.0.1")

    async def ask(client_host: str) -> int:
        transport = httpx.ASGITransport(app=app, client=(client_host, 5000))
        async with httpx.AsyncClient(transport=transport, base_url="http://footcore") as c:
            return (await c.get("/api/v1/account")).status_code

    from concurrent.futures import ThreadPoolExecutor

    import anyio

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

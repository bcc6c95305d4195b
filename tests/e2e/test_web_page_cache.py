"""The kept pages (``footcore.web.page_cache``): ``/library`` and ``/play/{slot}`` are
rendered once and served again, but never with another person's account or CSRF token, and
never after the data they show has changed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape
from starlette.routing import Match

from footcore.config import Settings
from footcore.web.app import create_app
from footcore.web.auth import PRESESSION_COOKIE
from footcore.web.page_cache import PageCache
from footcore.web.pages import KEPT
from tests.e2e.web_accounts import PASSWORD, PROFILE, TODAY, Client, multi_user_app
from tests.integration.support import COACH_EXERCISE

PLAY = f"/play/morning?date={TODAY.isoformat()}"
ALREADY_LOGGED = "This session is already logged today"


def page_token(html: str) -> str:
    found = re.search(r'<meta name="csrf-token" content="([^"]*)">', html)
    assert found, html[:500]
    return found.group(1)


def kept(client: Client) -> PageCache:
    found: PageCache = client.app.state.page_cache
    return found


@pytest.fixture
def alone(tmp_path: Path) -> Iterator[Client]:
    """One-person mode, an athlete set up on TODAY (a Monday: a morning session)."""
    app = create_app(Settings.for_sqlite_file(tmp_path / "f.sqlite3"), today=lambda: TODAY)
    client = Client(app)
    answer = client.post("/api/v1/onboarding", json={"profile": PROFILE, "start": str(TODAY)})
    assert answer.status_code == 201, answer.text
    yield client
    client.close()
    app.state.footcore.close()


@pytest.mark.parametrize("path", ["/library", "/play/morning"])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_kept_page_is_matched_first_and_by_no_other_route(
    alone: Client, path: str, method: str
) -> None:
    """The kept pages' routes are moved before every other route: safe only because no
    other route matches their paths."""
    scope: dict[str, Any] = {"type": "http", "method": method, "path": path, "root_path": ""}
    scope |= {"headers": [], "query_string": b""}
    routes = alone.app.router.routes
    matching = [i for i, r in enumerate(routes) if r.matches(scope)[0] is not Match.NONE]
    assert len(matching) == 1
    assert matching[0] < len(KEPT)


def log_the_session(client: Client) -> None:
    day = client.get("/api/v1/today").json()["day"]
    morning = next(s for s in day["sessions"] if s["slot"] == "morning")
    items = [
        {"index": n, "exercise": i["exercise"], "sets_done": i.get("sets") or 1}
        for n, i in enumerate(morning["items"])
    ]
    body = {"date": str(TODAY), "slot": "morning", "source": "guided", "items": items}
    answer = client.put("/api/v1/sessions/page-cache-1", json={"client_id": "page-cache-1", **body})
    assert answer.status_code == 200, answer.text


def test_the_player_page_is_kept_until_the_athlete_logs_the_session(alone: Client) -> None:
    first = alone.get(PLAY)
    assert first.status_code == 200
    assert ALREADY_LOGGED not in first.text
    again = alone.get(PLAY)
    assert again.text == first.text
    assert kept(alone).served.stats.hits >= 1  # the second answer was the kept page
    log_the_session(alone)
    after = alone.get(PLAY)
    assert ALREADY_LOGGED in after.text
    assert after.headers["etag"] != first.headers["etag"]


def test_a_kept_page_revalidates_with_a_304_until_its_data_changes(alone: Client) -> None:
    first = alone.get(PLAY)
    tag = first.headers["etag"]
    assert first.headers["cache-control"] == "private, no-cache"
    assert {"Cookie", "Accept-Language"} <= {v.strip() for v in first.headers["vary"].split(",")}
    same = alone.get(PLAY, headers={"If-None-Match": tag})
    assert same.status_code == 304
    assert same.content == b""
    log_the_session(alone)
    changed = alone.get(PLAY, headers={"If-None-Match": tag})
    assert changed.status_code == 200
    assert ALREADY_LOGGED in changed.text


@pytest.mark.parametrize("path", ["/library", PLAY])
def test_a_kept_page_follows_the_browsers_language(alone: Client, path: str) -> None:
    for language in ("es", "en", "es"):
        page = alone.get(path, headers={"Accept-Language": language})
        assert page.status_code == 200
        assert f'<html lang="{language}">' in page.text


def test_the_library_keeps_one_page_per_search(alone: Client) -> None:
    everything = alone.get("/library")
    towel = alone.get("/library?q=towel")
    assert everything.text != towel.text
    assert 'value="towel"' in towel.text
    assert alone.get("/library").text == everything.text


# -- multi-user mode -------------------------------------------------------------------------


@pytest.fixture
def club(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """Cleo (coach), and Ana and Bea (athletes, each with a plan), each signed in."""
    app = multi_user_app(tmp_path)
    services = app.state.footcore.services
    acc = services.accounts
    users = {"cleo": acc.create_user("cleo@example.org", PASSWORD, "coach")}
    for name in ("ana", "bea"):
        athlete = services.onboard({**PROFILE, "name": name}, TODAY).athlete.id
        users[name] = acc.create_user(f"{name}@example.org", PASSWORD, "athlete", athlete)
    clients = {}
    for name in users:
        client = Client(app)
        assert client.sign_in(f"{name}@example.org").status_code == 303
        clients[name] = client
    yield {"app": app, "clients": clients, "users": users}
    for c in clients.values():
        c.close()
    app.state.footcore.close()


@pytest.mark.parametrize("path", ["/library", PLAY])
def test_no_account_is_ever_served_another_accounts_page(club: dict[str, Any], path: str) -> None:
    ana, bea = club["clients"]["ana"], club["clients"]["bea"]
    pages = {}
    for name, client in (("ana", ana), ("ana", ana), ("bea", bea), ("bea", bea), ("ana", ana)):
        page = client.get(path)
        assert page.status_code == 200
        pages[name] = page.text
        other = "bea" if name == "ana" else "ana"
        assert f"{name}@example.org" in page.text
        assert f"{other}@example.org" not in page.text
        assert page_token(page.text) == client.csrf()  # this session's own token
    assert page_token(pages["ana"]) != page_token(pages["bea"])
    assert kept(ana).served.stats.hits >= 2


def test_signed_out_visitors_each_get_their_own_token(club: dict[str, Any]) -> None:
    assert club["clients"]["ana"].get("/library").status_code == 200
    tokens = []
    for _ in range(2):
        visitor = Client(club["app"])
        page = visitor.get("/library")
        assert page.status_code == 200
        assert "@example.org" not in page.text
        token = page_token(page.text)
        assert token == visitor.cookies[PRESESSION_COOKIE]  # the double-submit pair
        assert visitor.get("/library").text == page.text  # its own page, kept
        tokens.append(token)
        visitor.close()
    assert tokens[0] != tokens[1]


def test_a_token_from_the_cookie_is_escaped_as_the_template_would(club: dict[str, Any]) -> None:
    odd = 'a"b<c>&d'
    visitor = Client(club["app"])
    page = visitor.get("/library", headers={"Cookie": f"{PRESESSION_COOKIE}={odd}"})
    visitor.close()
    assert page_token(page.text) == str(escape(odd))
    assert odd not in page.text


def test_a_coachs_new_exercise_is_in_her_library_at_once(club: dict[str, Any]) -> None:
    cleo = club["clients"]["cleo"]
    assert "Seated toe yoga" not in cleo.get("/library").text
    assert "Seated toe yoga" not in cleo.get("/library").text  # kept: the built-in catalogue
    services = club["app"].state.footcore.services
    coach = services.accounts.principal(club["users"]["cleo"].id)
    services.coaching.add_exercise(coach, COACH_EXERCISE)
    assert "Seated toe yoga" in cleo.get("/library").text
    assert "Seated toe yoga" not in club["clients"]["ana"].get("/library").text


@pytest.mark.parametrize("path", ["/library", PLAY])
def test_two_sessions_of_one_account_each_get_their_own_token(
    club: dict[str, Any], path: str
) -> None:
    ana = club["clients"]["ana"]
    other = Client(club["app"])  # Ana again, in a second browser: another session
    assert other.sign_in("ana@example.org").status_code == 303
    for client in (ana, other, ana, other):
        page = client.get(path)
        assert page.status_code == 200
        assert page_token(page.text) == client.csrf()
    assert ana.csrf() != other.csrf()
    other.close()

"""One-person mode answers only at its own address (DNS rebinding, issue 20).

A page on a domain that re-binds its name to 127.0.0.1 is same-origin with a one-person
server in the browser. These are the probe's exact requests (``Host: attacker.example:PORT``,
``Origin: http://attacker.example:PORT``), then every unsafe route of the app's own route table
(so a route added later is covered without touching this file), then what must keep working:
loopback names, the operator's own names, and multi-user mode behind a proxy.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio.from_thread
import httpx
import pytest
from fastapi import FastAPI

from footcore.config import Settings
from footcore.web.app import create_app
from footcore.web.auth import UNSAFE_METHODS
from tests.e2e.test_web_access_matrix import route_table
from tests.e2e.test_web_athlete_api import PROFILE, TODAY

PORT = 8000
ATTACKER = f"attacker.example:{PORT}"
ATTACKER_ORIGIN = f"http://attacker.example:{PORT}"


class Server:
    """The app in-process as if uvicorn served it on 127.0.0.1:PORT (the ASGI scope's
    ``server``); each request may name any Host and Origin."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self._stack = contextlib.ExitStack()
        self._portal = self._stack.enter_context(anyio.from_thread.start_blocking_portal())
        transport = httpx.ASGITransport(app=app)
        self._client = httpx.AsyncClient(transport=transport, base_url=f"http://127.0.0.1:{PORT}")

    def request(
        self,
        method: str,
        url: str,
        *,
        host: str | None = None,
        origin: str | None = None,
        **kw: Any,
    ) -> httpx.Response:
        headers = dict(kw.pop("headers", {}))
        if host is not None:
            headers["Host"] = host
        if origin is not None:
            headers["Origin"] = origin
        call = functools.partial(self._client.request, method, url, headers=headers, **kw)
        return self._portal.call(call)

    def close(self) -> None:
        self._portal.call(self._client.aclose)
        self._stack.close()
        self.app.state.footcore.close()


def _server(tmp_path: Path, **settings: Any) -> Server:
    base = Settings.for_sqlite_file(tmp_path / "f.sqlite3")
    return Server(create_app(Settings(**{**base.__dict__, **settings}), today=lambda: TODAY))


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    s = _server(tmp_path)
    made = s.request("POST", "/api/v1/onboarding", json={"profile": PROFILE, "start": "2027-01-04"})
    assert made.status_code == 201, made.text
    yield s
    s.close()


def _export(server: Server) -> Any:
    answer = server.request("GET", "/api/v1/account/export")
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_the_probes_delete_from_a_rebound_name_is_refused_and_the_athlete_stays(
    server: Server,
) -> None:
    before = _export(server)
    answer = server.request("DELETE", "/api/v1/account", host=ATTACKER, origin=ATTACKER_ORIGIN)
    assert answer.status_code == 400, answer.text
    assert "own address" in answer.json()["error"]["message"]
    assert _export(server) == before


def test_the_probes_export_from_a_rebound_name_returns_nothing(server: Server) -> None:
    answer = server.request("GET", "/api/v1/account/export", host=ATTACKER)
    assert answer.status_code == 400
    assert "Ana" not in answer.text


def test_pages_are_refused_under_a_foreign_name_too(server: Server) -> None:
    answer = server.request("GET", "/today", host=ATTACKER)
    assert answer.status_code == 400
    assert "Ana" not in answer.text


def _unsafe_routes(app: FastAPI) -> list[tuple[str, str]]:
    return sorted(
        (method, re.sub(r"\{[^}]+\}", "1", path))
        for method, path in route_table(app)
        if method in UNSAFE_METHODS
    )


def test_every_unsafe_route_refuses_a_foreign_host_and_a_foreign_origin(
    server: Server,
) -> None:
    routes = _unsafe_routes(server.app)
    assert ("DELETE", "/api/v1/account") in routes
    assert len(routes) > 30  # the table is the app's own, not a list kept here
    before = _export(server)
    wrong = []
    for method, path in routes:
        for host, origin, status in (
            (ATTACKER, ATTACKER_ORIGIN, 400),  # a re-bound name
            (ATTACKER, None, 400),  # no Origin: a Host alone must be our own
            (f"127.0.0.1:{PORT}", ATTACKER_ORIGIN, 403),  # a page of another site
            (f"127.0.0.1:{PORT}", "null", 403),  # a sandboxed frame
            (f"127.0.0.1:{PORT}", f"http://127.0.0.1:{PORT + 1}", 403),  # another local app
        ):
            answer = server.request(method, path, host=host, origin=origin, json={})
            if answer.status_code != status:
                wrong.append((method, path, host, origin, answer.status_code))
    assert wrong == []
    assert _export(server) == before


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]", "LOCALHOST", "127.0.0.2"])
def test_loopback_names_on_the_servers_port_are_answered(server: Server, host: str) -> None:
    own = f"{host}:{PORT}"
    answer = server.request("GET", "/api/v1/profile", host=own)
    assert answer.status_code == 200, answer.text
    change = server.request(
        "PUT",
        "/api/v1/profile",
        host=own,
        origin=f"http://{own}",
        json={**PROFILE, "minutes_per_day": 10},
    )
    assert change.status_code == 200, change.text


def test_a_loopback_name_on_another_port_is_refused(server: Server) -> None:
    answer = server.request("GET", "/api/v1/profile", host=f"127.0.0.1:{PORT + 1}")
    assert answer.status_code == 400


def test_a_change_without_an_origin_header_is_answered(server: Server) -> None:
    """Scripts and the terminal send no Origin; browsers always send one with an unsafe
    request, so its absence is no way in for a page of another site."""
    answer = server.request("PUT", "/api/v1/profile", json={**PROFILE, "minutes_per_day": 10})
    assert answer.status_code == 200, answer.text


def test_names_the_operator_allows_are_answered(tmp_path: Path) -> None:
    s = _server(tmp_path, allowed_hosts=("footcore.home.arpa", "localhost:9000"))
    try:
        assert s.request("GET", "/healthz", host="footcore.home.arpa").status_code == 200
        assert s.request("GET", "/healthz", host="localhost:9000").status_code == 200
        assert s.request("GET", "/healthz", host="elsewhere.example").status_code == 400
    finally:
        s.close()


def test_multi_user_mode_behind_a_proxy_answers_its_public_name(tmp_path: Path) -> None:
    """Sign-in and per-session CSRF tokens guard multi-user mode; its Host is the proxy's."""
    s = _server(tmp_path, multi_user=True)
    try:
        answer = s.request(
            "GET", "/healthz", host="footcore.example.org", headers={"X-Forwarded-For": "1.2.3.4"}
        )
        assert answer.status_code == 200
        assert s.request("GET", "/sign-in", host="footcore.example.org").status_code == 200
    finally:
        s.close()


def test_today_is_unchanged_by_the_refusals(server: Server) -> None:
    """The refusals happen before any route runs: a refused POST logs nothing."""
    day = server.request("GET", "/api/v1/today").json()
    refused = server.request(
        "POST", "/api/v1/runs", host=ATTACKER, origin=ATTACKER_ORIGIN, json={"km": 5}
    )
    assert refused.status_code == 400
    assert server.request("GET", "/api/v1/today").json() == day
    assert dt.date.fromisoformat(day["day"]["date"]) == TODAY

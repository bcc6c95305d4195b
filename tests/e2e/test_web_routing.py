"""The app's routers turn away the paths none of their routes can match
(``footcore.web.routing``): every request is matched exactly as without that check, and a
page's request no longer tries the API's routes first."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import APIRouter
from fastapi.routing import APIRoute
from starlette.convertors import (
    FloatConvertor,
    IntegerConvertor,
    PathConvertor,
    UUIDConvertor,
)
from starlette.routing import BaseRoute, Match, Route

from footcore.config import Settings
from footcore.web.app import create_app
from footcore.web.routing import GuardedRouter
from tests.e2e.web_accounts import PROFILE, TODAY, Client

METHODS = ("GET", "POST", "PUT", "DELETE")
#: Paths no route serves, or served only with(out) a final slash (the slash redirect).
ODD_PATHS = (
    "/nope",
    "/api/v1/nope",
    "/api/v1/today/",
    "/today/",
    "/library/",
    "/coach/",
    "/api/",
    "/static/app.css",
    "/static",
    "",
    "/",
)


@pytest.fixture
def client(tmp_path: Path) -> Iterator[Client]:
    app = create_app(Settings.for_sqlite_file(tmp_path / "f.sqlite3"), today=lambda: TODAY)
    client = Client(app)
    answer = client.post("/api/v1/onboarding", json={"profile": PROFILE, "start": str(TODAY)})
    assert answer.status_code == 201, answer.text
    yield client
    client.close()
    app.state.footcore.close()


def included_routers(routes: list[BaseRoute]) -> list[APIRouter]:
    return [r.original_router for r in routes if hasattr(r, "original_router")]


def leaf_routes(routes: list[BaseRoute]) -> list[Route]:
    found = [r for r in routes if isinstance(r, Route)]
    for router in included_routers(routes):
        found += [r for r in router.routes if isinstance(r, Route)]
    return found


def sample_path(route: Route) -> str:
    """A path ``route`` matches: each parameter given a value of its type."""
    values: dict[str, Any] = {}
    for name, convertor in route.param_convertors.items():
        if isinstance(convertor, IntegerConvertor):
            values[name] = 7
        elif isinstance(convertor, FloatConvertor):
            values[name] = 1.5
        elif isinstance(convertor, UUIDConvertor):
            values[name] = uuid.UUID(int=7)
        elif isinstance(convertor, PathConvertor):
            values[name] = "a/b"
        else:
            values[name] = "morning"
    return route.path_format.format(**values)


def scope(path: str, method: str) -> dict[str, Any]:
    return {
        "type": "http",
        "method": method,
        "path": path,
        "root_path": "",
        "headers": [],
        "query_string": b"",
    }


def match_vector(routes: list[BaseRoute], path: str, method: str) -> list[Match]:
    """How each of the app's routes, in order, matches the request: all the app's router
    decides on (the first full match, else the first partial one, else a slash redirect
    tried the same way, else 404)."""
    return [route.matches(scope(path, method))[0] for route in routes]


def test_every_request_is_matched_as_without_the_check(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    routes = client.app.router.routes
    paths = {sample_path(r) for r in leaf_routes(routes)}
    paths |= {p[:-1] if p.endswith("/") else p + "/" for p in paths if p != "/"}
    paths |= set(ODD_PATHS)
    requests = [(path, method) for path in sorted(paths) for method in METHODS]
    guarded = [match_vector(routes, path, method) for path, method in requests]
    monkeypatch.setattr(GuardedRouter, "matches", APIRouter.matches)
    plain = [match_vector(routes, path, method) for path, method in requests]
    assert guarded == plain
    full = sum(vector.count(Match.FULL) for vector in guarded)
    partial = sum(vector.count(Match.PARTIAL) for vector in guarded)
    assert full > len(leaf_routes(routes))  # real matches were compared, not only misses
    assert partial > 0  # and the method mismatches that answer 405


def test_every_router_the_app_includes_turns_away_paths_not_its_own(client: Client) -> None:
    routers = included_routers(client.app.router.routes)
    assert len(routers) > 20
    for router in routers:
        assert isinstance(router, GuardedRouter)
        assert router.path_starts()  # it can tell (no router or host inside it)
    # Its starts are its routes' own paths: included with no prefix of the app's.
    included: list[Any] = [r for r in client.app.router.routes if hasattr(r, "original_router")]
    assert [r.include_context.prefix for r in included] == [""] * len(included)


@pytest.mark.parametrize("path", ["/settings", "/coach", "/progress", "/today", "/sw.js"])
def test_a_page_request_tries_none_of_the_api_routes(
    client: Client, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    tried: list[str] = []
    real = APIRoute.matches

    def spy(self: APIRoute, scope: Any) -> Any:
        tried.append(self.path)
        return real(self, scope)

    monkeypatch.setattr(APIRoute, "matches", spy)
    vector = match_vector(client.app.router.routes, path, "GET")
    assert Match.FULL in vector
    assert tried  # the page's own router was tried
    assert not [p for p in tried if p.startswith("/api/")]


def test_pages_redirects_and_errors_answer_as_before(client: Client) -> None:
    assert client.get("/today").status_code == 200
    assert client.get("/settings").status_code == 200
    moved = client.get("/today/", follow_redirects=False)
    assert moved.status_code == 307
    assert moved.headers["location"].endswith("/today")
    assert client.post("/progress").status_code == 405
    assert client.get("/nope").status_code == 404
    assert client.get("/api/v1/nope").status_code == 404

"""The routers of the web app: each turns away a request that none of its routes can match
after one string comparison.

The app tries the routers it includes in order, and a router tries each of its routes in
turn (a regular expression and FastAPI's bookkeeping per route, a few microseconds each), so
a page whose router came after the API's paid for every API route first: 0.3-0.7 ms of a
``GET /settings`` or ``/coach`` (BENCHMARKS.md, finding 18). Every path a route matches
starts with the route's path up to its first parameter (Starlette anchors the pattern at
both ends), so a :class:`GuardedRouter` keeps those starts and answers "no match" for a
request path that begins with none of them (one ``str.startswith`` over a tuple). The
routes that could match are tried as before, in the same order: which route answers, and
whether a request gets a 404, a 405 or a slash redirect, does not change
(``tests/e2e/test_web_routing.py``).
"""

from __future__ import annotations

from fastapi import APIRouter
from starlette._utils import get_route_path
from starlette.routing import BaseRoute, Match, Mount, Route, WebSocketRoute
from starlette.types import Scope


def path_start(route: BaseRoute) -> str | None:
    """The text every path ``route`` matches begins with (its path up to the first
    parameter), or None when that cannot be told (a router or a host inside a router)."""
    if isinstance(route, Route | WebSocketRoute | Mount):
        return route.path.split("{", 1)[0]
    return None


class GuardedRouter(APIRouter):
    """An ``APIRouter`` that answers "no match" at once for a path none of its routes can
    match (see the module's text). Included in the app without a ``prefix``: the starts are
    its routes' own paths."""

    #: (number of routes they were worked out from, the starts or None for "try them all").
    _starts: tuple[int, tuple[str, ...] | None] = (-1, None)

    def path_starts(self) -> tuple[str, ...] | None:
        """The starts of the routes' paths, worked out again when a route was added."""
        counted, starts = self._starts
        if counted != len(self.routes):
            found = [path_start(route) for route in self.routes]
            starts = None if None in found else tuple(sorted({s for s in found if s is not None}))
            self._starts = (len(self.routes), starts)
        return starts

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] in {"http", "websocket"}:
            starts = self.path_starts()
            if starts is not None and not get_route_path(scope).startswith(starts):
                return Match.NONE, {}
        return super().matches(scope)

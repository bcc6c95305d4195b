"""The one in-process HTTP client of the web tests."""

from __future__ import annotations

import contextlib
import functools
import re
from typing import Any

import anyio.from_thread
import httpx
from fastapi import FastAPI


class Client:
    """httpx over ASGI, in-process, on ONE event loop running in a thread of its own.

    The loop lives as long as the client (anyio's blocking portal): no request creates or
    closes a loop, and nothing depends on the calling thread's loop. (Playwright's sync API
    marks the main thread's loop as running between its calls, and a fresh loop per request
    left the app's thread-pool and transport bound to loops already closed.) Cookies are kept
    like a browser keeps them.

    ``address`` is the client's (host, port) as the app sees it (httpx's default when None);
    ``closes_app``: :meth:`close` closes the app's footcore too (its database), for a client
    that is the app's only user.
    """

    def __init__(
        self,
        app: FastAPI,
        *,
        base_url: str = "http://127.0.0.1",
        address: tuple[str, int] | None = None,
        cookies: dict[str, str] | None = None,
        closes_app: bool = True,
    ) -> None:
        self.app = app
        self.closes_app = closes_app
        self._stack = contextlib.ExitStack()
        self._portal = self._stack.enter_context(anyio.from_thread.start_blocking_portal())
        transport = (
            httpx.ASGITransport(app=app)
            if address is None
            else httpx.ASGITransport(app=app, client=address)
        )
        self._client = httpx.AsyncClient(transport=transport, base_url=base_url, cookies=cookies)

    @property
    def cookies(self) -> httpx.Cookies:
        return self._client.cookies

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        return self._portal.call(functools.partial(self._client.request, method, url, **kwargs))

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)

    def put(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("PUT", url, **kwargs)

    def csrf(self) -> str:
        """The API's CSRF token (``/api/v1/account``; one-person mode: the install's)."""
        token: str = self.get("/api/v1/account").json()["csrf_token"]
        return token

    def form_token(self, page: str) -> str:
        """The CSRF token in a page's forms, as a browser would submit it."""
        found = re.search(r'name="csrf_token" value="([^"]+)"', self.get(page).text)
        assert found, page
        return found.group(1)

    def close(self) -> None:
        self._portal.call(self._client.aclose)
        self._stack.close()
        if self.closes_app:
            self.app.state.footcore.close()

"""Rendered pages kept in the web process: the exercise library (``GET /library``) and the
session player (``GET /play/{slot}``), rendered once and then served as bytes, gzipped once,
with an entity tag (a revalidation with ``If-None-Match`` costs a 304 and no body).

What one of these pages shows depends on, and so is kept under (the *key*):

- its data: the library the catalogue (the app's built-in one never changes in a process; a
  catalogue extended by a coach's own exercises is built per request, and such a page is
  rendered every time, never kept); the player an athlete's data version
  (:mod:`footcore.store.data_versions`, which every write of the athlete's data or of their
  coaches' exercises changes), read *before* the page is rendered, as for today's answers in
  :mod:`footcore.web.cache`, with the day asked and today's date;
- the request's words: the page's language, the one chosen and the browser's;
- the viewer (:func:`viewer`): the mode, the signed-in account (its email, role and
  language) and the principal (the menu follows it): everything
  :func:`footcore.web.templating.account_context` hands the templates but the CSRF token.

The CSRF token (per install in one-person mode, per session when signed in, the
double-submit cookie's when signed out) is not rendered in: the page is rendered with a
placeholder, random per process (no text a visitor sends, a search echoed into the page,
can be one), and the token, escaped as the template would, is put in its place. The page
with its token is then kept under the key *and the token*, so one browser's repeated visits
cost a lookup. Two people share rendered bytes only when everything the page shows about
them is the same, and never a token. A signed-out visitor without the cookie is given a new
token each time: that page is filled in and sent, not kept.

Every answer is ``private, no-cache`` (revalidate before each use) and varies with
``Cookie`` and ``Accept-Language``.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Hashable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import Response
from markupsafe import escape
from starlette.concurrency import run_in_threadpool

from footcore import i18n
from footcore.web.auth import csrf_token, remember_presession
from footcore.web.cache import AnswerCache
from footcore.web.conditional import Representation
from footcore.web.language import browser_language, chosen_language
from footcore.web.mode import settle_mode
from footcore.web.templating import account_context

#: Pages kept per process, rendered (with the placeholder) and filled in (with a token):
#: each up to about 60 KB, with its gzipped copy for the filled-in ones.
PAGE_CACHE_ENTRIES = 256

HTML = "text/html; charset=utf-8"
#: Per person (the account bar, the menu, the token), revalidated before each use.
PAGE_CACHE_CONTROL = "private, no-cache"
PAGE_VARY = ("Cookie", "Accept-Language")

#: Renders the page with the placeholder given as its CSRF token, in a worker thread.
Renderer = Callable[[str], bytes]


def viewer(request: Request) -> tuple[Any, ...]:
    """Everything a page shows about who asks and in which words, but the CSRF token: a
    key part. May read the session (multi-user mode): see :func:`viewer_of`."""
    account = account_context(request)
    return (
        i18n.current(),
        chosen_language(request),
        browser_language(request),
        tuple(sorted((k, v) for k, v in account.items() if k != "csrf_token")),
    )


async def viewer_of(request: Request) -> tuple[Any, ...]:
    """:func:`viewer`, on the event loop when the request is settled without a database
    read (one-person mode with its athlete), else in a worker thread."""
    multi = await settle_mode(request)
    if not multi and hasattr(request.state, "principal"):
        return viewer(request)
    return await run_in_threadpool(viewer, request)


class PageCache:
    """The kept pages of one app (:mod:`footcore.web.page_cache`). Thread-safe."""

    def __init__(self, entries: int = PAGE_CACHE_ENTRIES) -> None:
        self.placeholder = "csrf-" + secrets.token_hex(16)
        self.rendered: AnswerCache[tuple[bytes, ...]] = AnswerCache(entries)
        self.served: AnswerCache[Representation] = AnswerCache(entries)

    def clear(self) -> None:
        self.rendered.clear()
        self.served.clear()

    async def response(
        self,
        request: Request,
        key: Hashable | None,
        version: int,
        render: Renderer,
        *,
        vary: tuple[str, ...] = (),
    ) -> Response:
        """The page kept under ``key`` at ``version`` (the data version read before
        rendering) with this request's token, else rendered by ``render`` and kept (not
        kept when ``key`` is None). Call :func:`viewer_of` first: ``key`` contains it."""
        token = csrf_token(request)
        kept = getattr(request.state, "new_presession", None) is None and key is not None
        page = self.served.get((key, token), version) if kept else None
        if page is None:
            parts = self.rendered.get(key, version) if key is not None else None
            if parts is None:
                body = await run_in_threadpool(render, self.placeholder)
                parts = tuple(body.split(self.placeholder.encode()))
                if key is not None:
                    self.rendered.put(key, version, parts)
            filled = str(escape(token)).encode().join(parts)
            if not kept:
                headers = {"Cache-Control": PAGE_CACHE_CONTROL}
                headers["Vary"] = ", ".join((*PAGE_VARY, *vary))
                response = Response(filled, media_type=HTML, headers=headers)
                remember_presession(request, response)
                return response
            page = Representation.of(filled, compresslevel=6)
            self.served.put((key, token), version, page)
        return page.response(
            request, cache_control=PAGE_CACHE_CONTROL, vary=(*PAGE_VARY, *vary), media_type=HTML
        )


def install(app: FastAPI) -> PageCache:
    """Give ``app`` its page cache (``app.state.page_cache``)."""
    pages = PageCache()
    app.state.page_cache = pages
    return pages


def page_cache(request: Request) -> PageCache:
    found: PageCache = request.app.state.page_cache
    return found

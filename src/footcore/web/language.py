"""Which language a request's pages are in, and the middleware that sets it.

In order: the language the signed-in account chose (``users.language``); else the one this
browser chose (the ``footcore_language`` cookie, set by the same form: one-person mode has
no account, and a signed-out page should stay in the language just chosen); else the best
match for the browser's ``Accept-Language`` (Babel's negotiation); else English.

The language is worked out on first use only (:func:`footcore.i18n.use_lazily`): a static
file or a JSON answer, which translate nothing, never look up a session for it.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from footcore import i18n
from footcore.domain.languages import known
from footcore.web.auth import multi_user, set_cookie, sign_in_of

LANGUAGE_COOKIE = "footcore_language"
#: A browser's choice is kept for a year (each save renews it).
COOKIE_DAYS = 365


def chosen_language(request: Request) -> str | None:
    """The language chosen for this request by the account or the browser, or None when
    it follows ``Accept-Language``."""
    if multi_user(request):
        sign_in = sign_in_of(request)
        if sign_in is not None and sign_in.user.language:
            return known(sign_in.user.language)
    return known(request.cookies.get(LANGUAGE_COOKIE))


def browser_language(request: Request) -> str:
    """The shipped language the browser's ``Accept-Language`` asks for most, else English."""
    return i18n.negotiate(request.headers.get("accept-language"))


def language_of(request: Request) -> str:
    """The language of this request's pages."""
    return chosen_language(request) or browser_language(request)


def remember_language(request: Request, response: Response, language: str | None) -> None:
    """Keep this browser's choice in its cookie; None forgets it (back to the browser's)."""
    if language is None:
        response.delete_cookie(LANGUAGE_COOKIE, path="/")
    else:
        set_cookie(request, response, LANGUAGE_COOKIE, language, max_age=COOKIE_DAYS * 86400)


class LanguageMiddleware:
    """Sets the language of each HTTP request's text (worked out on first use)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        token = i18n.use_lazily(lambda: language_of(Request(scope)))
        try:
            await self.app(scope, receive, send)
        finally:
            i18n.reset(token)

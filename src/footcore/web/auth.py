"""Who is asking: the mode, the session cookie, the acting principal and CSRF tokens.

Nothing here is kept in the web process: the mode is asked from the accounts service (an
account made by another worker switches every worker to multi-user mode at its next
request), sessions are database rows, and the per-install CSRF token is derived from the
secret key stored with the data. A request caches what it resolved on ``request.state``.

CSRF (docs/web.md):

- signed in: the session's own CSRF secret, for every unsafe method (POST, PUT, PATCH,
  DELETE), as the ``csrf_token`` form field or the ``X-CSRF-Token`` header;
- the account forms before a session exists (sign-in, sign-up, password reset): a random
  value in the ``footcore_csrf`` cookie that the form must repeat (double submit);
- one-person mode: a per-install token (an HMAC of the secret key) on every form; JSON
  requests need none there, as a page on another site cannot send ``application/json``
  without a CORS preflight, which footcore never grants;
- anonymous requests to anything else need no token: they are refused by the access rules.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from footcore.domain import access
from footcore.domain.access import Principal
from footcore.domain.errors import ConflictError, FootcoreError, Problem
from footcore.services import NotSetUpError
from footcore.services.accounts import SESSION_DAYS
from footcore.web.mode import is_remote, settle_mode
from footcore.web.security import host_allowed, same_origin

SESSION_COOKIE = "footcore_session"
PRESESSION_COOKIE = "footcore_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
#: POST routes that change nothing (a computation with a body): no token needed.
NO_CHANGE_POSTS = frozenset({"/api/v1/assessments/score"})
#: Forms that work before anyone is signed in; they carry the double-submit token.
ACCOUNT_FORMS = frozenset({"/sign-in", "/sign-up", "/reset-password"})


class CsrfError(access.AccessError):
    """A missing or wrong CSRF token: 403."""

    def __init__(self) -> None:
        super().__init__(
            access.FORBIDDEN,
            "this form has expired or did not come from footcore: reload the page and try again",
        )


def _services(request: Request) -> Any:
    return request.app.state.footcore.services


def multi_user(request: Request) -> bool:
    """Multi-user mode for this request: configured, forced by the host the server listens
    on, or any account exists. Also forced for a request that comes from another machine
    (a server started some other way than ``footcore serve``, which passes the host) or
    through a reverse proxy: the one-person mode never answers beyond loopback."""
    if not hasattr(request.state, "multi_user"):
        state = request.app.state
        request.state.multi_user = (
            bool(state.multi_user_forced)
            or is_remote(request)
            or _services(request).accounts.multi_user(False, state.host)
        )
    return bool(request.state.multi_user)


def sign_in_of(request: Request) -> Any:
    """The sign-in (a :class:`~footcore.services.accounts.SessionView`, the web session) of
    the cookie, or None."""
    if not hasattr(request.state, "sign_in"):
        token = request.cookies.get(SESSION_COOKIE)
        request.state.sign_in = (
            _services(request).accounts.resolve_session(token)
            if token and multi_user(request)
            else None
        )
    return request.state.sign_in


def default_athlete(request: Request) -> int | None:
    try:
        return int(_services(request).default_athlete_id())
    except NotSetUpError:
        return None


def principal_of(request: Request) -> Principal:
    """The person acting: one-person mode's owner, a signed-in user, or anonymous."""
    if not hasattr(request.state, "principal"):
        if not multi_user(request):
            found = Principal.one_person(default_athlete(request))
        else:
            sign_in = sign_in_of(request)
            found = (
                _services(request).accounts.principal(sign_in.user.id)
                if sign_in is not None
                else Principal.anonymous()
            )
        request.state.principal = found
    principal: Principal = request.state.principal
    return principal


def athlete_of(request: Request) -> int | None:
    """The athlete the request acts for: one-person mode's athlete, or the signed-in
    person's own training data; None before onboarding (or when anonymous)."""
    return principal_of(request).athlete_id


# -- CSRF ------------------------------------------------------------------------------------


def install_token(request: Request) -> str:
    """One-person mode's CSRF token: the same for the whole install, unguessable."""
    if not hasattr(request.app.state, "install_csrf"):
        key = request.app.state.secret_key.encode()
        request.app.state.install_csrf = hmac.new(
            key, b"footcore one-person csrf", hashlib.sha256
        ).hexdigest()
    token: str = request.app.state.install_csrf
    return token


def csrf_token(request: Request) -> str:
    """The token this request's forms and scripts must send back."""
    if not multi_user(request):
        return install_token(request)
    sign_in = sign_in_of(request)
    if sign_in is not None:
        token: str = sign_in.csrf_token
        return token
    found = request.cookies.get(PRESESSION_COOKIE)
    if not found or len(found) > 100:
        found = getattr(request.state, "new_presession", None) or secrets.token_urlsafe(32)
        request.state.new_presession = found
    return found


def remember_presession(request: Request, response: Response) -> None:
    """Set the double-submit cookie when :func:`csrf_token` had to make one."""
    made = getattr(request.state, "new_presession", None)
    if made:
        set_cookie(request, response, PRESESSION_COOKIE, made, max_age=None)


def _submitted_matches(expected: str, submitted: str | None) -> bool:
    return bool(submitted) and secrets.compare_digest(expected.encode(), (submitted or "").encode())


async def _submitted(request: Request) -> str | None:
    header = request.headers.get(CSRF_HEADER)
    if header:
        return header
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.form()  # cached on the request: the route reads it again
        value = form.get(CSRF_FIELD)
        return value if isinstance(value, str) else None
    return None


def _is_json(request: Request) -> bool:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return kind == "application/json"


class ForeignHostError(FootcoreError):
    """A one-person server asked under a name that is not its own: 400."""


class ForeignOriginError(access.AccessError):
    """A change sent to a one-person server by a page of another site: 403."""

    def __init__(self, origin: str) -> None:
        super().__init__(
            access.FORBIDDEN,
            f"this change came from another site ({origin[:100]}): footcore without accounts "
            "takes changes only from its own pages",
        )


async def own_address_guard(request: Request) -> None:
    """Run first by the app-wide dependency (:func:`request_guard`): in one-person mode answer only
    requests sent to the server's own address (``Host``; 400 otherwise), and take unsafe
    ones only from its own pages (an ``Origin`` header, when sent, must be the server's own;
    403 otherwise). A request whose Host and Origin are in order costs no database read;
    only a suspicious one settles the mode (multi-user mode has sign-in and per-session CSRF
    tokens, and a re-bound name carries none of the cookies)."""
    host = request.headers.get("host")
    scheme = request.url.scheme
    server = request.scope.get("server")
    extra = request.app.state.settings.allowed_hosts
    host_ok = host_allowed(
        host, scheme=scheme, server_port=server[1] if server else None, extra=extra
    )
    origin = request.headers.get("origin")
    origin_ok = (
        request.method not in UNSAFE_METHODS
        or origin is None
        or (host_ok and same_origin(origin, host=host or "", scheme=scheme))
    )
    if host_ok and origin_ok:
        return
    if await settle_mode(request):
        return
    if not host_ok:
        raise ForeignHostError(
            "this footcore (no accounts) answers only at its own address (127.0.0.1, "
            "localhost or [::1] on the port it listens on); "
            f"this request was sent to {str(host)[:100]!r}. To reach it under another name, "
            "add that name to FOOTCORE_ALLOWED_HOSTS (docs/configuration.md)"
        )
    raise ForeignOriginError(str(origin))


async def csrf_guard(request: Request) -> None:
    """Run by the app-wide dependency (:func:`request_guard`) after
    :func:`own_address_guard`: refuse unsafe requests without the right token (403)."""
    if request.method not in UNSAFE_METHODS or request.url.path in NO_CHANGE_POSTS:
        return
    if not await settle_mode(request):
        if _is_json(request):
            return
        if not _submitted_matches(install_token(request), await _submitted(request)):
            raise CsrfError()
        return
    sign_in = await run_in_threadpool(sign_in_of, request)
    if sign_in is not None:
        if not _submitted_matches(sign_in.csrf_token, await _submitted(request)):
            raise CsrfError()
        return
    if request.url.path in ACCOUNT_FORMS:
        cookie = request.cookies.get(PRESESSION_COOKIE)
        if not cookie or not _submitted_matches(cookie, await _submitted(request)):
            raise CsrfError()


async def request_guard(request: Request) -> None:
    """The app's one app-wide dependency: :func:`own_address_guard`, then
    :func:`csrf_guard`. One dependency instead of two: FastAPI solves each dependency of
    every request (a call, its parameters, its cache), and the two are always asked
    together, in this order."""
    await own_address_guard(request)
    await csrf_guard(request)


# -- cookies ---------------------------------------------------------------------------------


def set_cookie(
    request: Request, response: Response, name: str, value: str, *, max_age: int | None
) -> None:
    """HttpOnly, SameSite=Lax, Path=/, and Secure whenever the request came over https."""
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


def start_session(request: Request, response: Response, new: Any) -> None:
    """Put a new session's token into the cookie."""
    set_cookie(request, response, SESSION_COOKIE, new.token, max_age=SESSION_DAYS * 86400)
    response.delete_cookie(PRESESSION_COOKIE, path="/")


def end_session(request: Request, response: Response) -> None:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        _services(request).accounts.sign_out(token)
    response.delete_cookie(
        SESSION_COOKIE,
        path="/",
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


def require_signed_in(request: Request) -> Principal:
    """The principal, or 401 (pages: the sign-in page) when nobody is signed in."""
    p = principal_of(request)
    if not p.local and not p.signed_in:
        access.require(access.SIGN_IN, "account", "")
    return p


def onboard(request: Request, profile: Any, start: Any = None) -> Any:
    """Set up the acting person's training data; in multi-user mode it is linked to their
    account (one-person mode: the install's athlete). Refused (400) when they have some."""
    p = require_signed_in(request)
    services = _services(request)
    if athlete_of(request) is not None:
        raise ConflictError(
            "onboarding: an athlete is set up already",
            [Problem("", "an athlete is set up already; PUT /api/v1/profile")],
        )
    # One transaction: the athlete and the account's link to it are stored together or not.
    result = services.onboard(profile, start, user_id=None if p.local else p.user_id)
    for cached in ("principal", "catalogue"):
        if hasattr(request.state, cached):
            delattr(request.state, cached)
    return result

"""Every error becomes a clear answer: JSON for the API, a page for people.

The JSON shape is always ``{"error": {"status", "kind", "message", "problems": [{"where",
"message"}], ...}}``; a :class:`~footcore.domain.errors.NotFoundError` adds ``what``,
``name`` and ``suggestions``. User mistakes answer 4xx, never 500.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from footcore.domain.access import AccessError
from footcore.domain.assessments import TESTS
from footcore.domain.errors import (
    ConflictError,
    DatabaseBusyError,
    FootcoreError,
    NotFoundError,
    Problem,
    UnavailableError,
    ValidationError,
)
from footcore.services import NotSetUpError
from footcore.web.deps import NotOnboardedError, OnboardingNeeded
from footcore.web.templating import render

#: Paths answered in JSON; everything else is a page for people.
JSON_PREFIXES = ("/api/", "/openapi.json", "/healthz", "/readyz")

#: Where a suggestion of each kind of thing lives, for links on error pages.
SUGGESTION_URLS = {"exercise": "/library/{}", "self-test": "/self-tests/{}"}

KINDS = {
    400: "bad-request",
    401: "sign-in",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "not-set-up",
    422: "invalid",
    503: "busy",
}


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith(JSON_PREFIXES) or path.rstrip("/") == "/api"


def status_for(exc: FootcoreError) -> int:
    if isinstance(exc, AccessError):
        return exc.verdict.status
    if isinstance(exc, DatabaseBusyError):
        return 503
    if isinstance(exc, NotOnboardedError | NotSetUpError):
        return 409
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, ConflictError):
        return 409
    if isinstance(exc, UnavailableError):
        return 403
    if isinstance(exc, ValidationError):
        return 422
    return 400


def error_body(
    status: int, message: str, problems: Iterable[Problem] = (), **extra: Any
) -> dict[str, Any]:
    detail: dict[str, Any] = {
        "status": status,
        "kind": KINDS.get(status, "internal" if status >= 500 else "error"),
        "message": message,
        "problems": [{"where": p.where, "message": p.message} for p in problems],
    }
    detail.update(extra)
    return {"error": detail}


def body_for(exc: FootcoreError) -> dict[str, Any]:
    status = status_for(exc)
    if isinstance(exc, NotFoundError):
        return error_body(
            status,
            exc.message,
            exc.problems,
            what=exc.kind,
            name=exc.name,
            suggestions=list(exc.suggestions),
        )
    if isinstance(exc, ConflictError):
        return error_body(status, exc.message, exc.problems, kind="conflict")
    return error_body(status, exc.message, exc.problems)


def _where(loc: Sequence[Any]) -> str:
    """``("query", "category")`` -> ``query.category``; list indexes as ``[0]``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def validation_problems(exc: RequestValidationError) -> list[Problem]:
    problems = []
    for err in exc.errors():
        message = str(err.get("msg", "invalid value"))
        if "input" in err and err.get("type") not in ("missing", "json_invalid"):
            message += f" (got {err['input']!r})"
        problems.append(Problem(_where(err.get("loc", ())), message))
    return problems


def _page(request: Request, status: int, title: str, body: dict[str, Any]) -> Response:
    detail = body["error"]
    what = str(detail.get("what", ""))
    template = SUGGESTION_URLS.get(what)
    names = _display_names(request, what)
    links = [
        (names.get(s, s), template.format(s)) for s in detail.get("suggestions", []) if template
    ]
    return render(
        request,
        "error.html",
        {"status": status, "title": title, "error": detail, "suggestion_links": links},
        status_code=status,
    )


def _display_names(request: Request, what: str) -> dict[str, str]:
    """Readable names for suggested slugs, so that an error page links "Towel scrunch"."""
    if what == "exercise":
        return {ex.slug: ex.name for ex in request.app.state.catalogue}
    if what == "self-test":
        return {t.id: t.name for t in TESTS.values()}
    return {}


def sign_in_redirect(request: Request) -> Response:
    """A page that needs someone signed in sends the visitor to sign in, then back."""
    here = request.url.path
    if request.method == "GET" and request.url.query:
        here += "?" + request.url.query
    return RedirectResponse("/sign-in?next=" + quote(here, safe="/"), status_code=303)


def _answer(request: Request, status: int, title: str, body: dict[str, Any]) -> Response:
    if wants_json(request):
        return JSONResponse(body, status_code=status)
    return _page(request, status, title, body)


async def _footcore_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, FootcoreError)
    status = status_for(exc)
    if status == 401 and not wants_json(request):
        return sign_in_redirect(request)
    if isinstance(exc, NotFoundError):
        title = f"No such {exc.kind.replace('-', ' ')}"
    elif status == 403:
        title = "Not allowed"
    else:
        title = "Please check the request"
    return _answer(request, status, title, body_for(exc))


async def _request_invalid(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = validation_problems(exc)
    noun = "problem" if len(problems) == 1 else "problems"
    body = error_body(422, f"request: {len(problems)} {noun}", problems)
    return _answer(request, 422, "Please check the request", body)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    if status == 404:
        message = f"nothing at {request.url.path}"
        title = "Page not found"
    else:
        message = str(exc.detail)
        title = message
    body = error_body(status, message)
    response = _answer(request, status, title, body)
    if exc.headers:
        response.headers.update(exc.headers)
    if status == 405 and (allowed := allowed_methods(request)):
        response.headers["Allow"] = ", ".join(allowed)
    return response


def allowed_methods(request: Request) -> list[str]:
    """The methods the OpenAPI document gives the requested path (a literal path before a
    template that also matches it: ``/groups/join`` is not ``/groups/{group_id}``), with
    HEAD beside GET. Starlette's own ``Allow`` names only the methods of the first route
    whose path matched, and footcore declares GET and POST of one path as separate routes.
    A path outside the document (a page) keeps Starlette's answer."""
    table: list[tuple[re.Pattern[str], bool, list[str]]] | None = getattr(
        request.app.state, "allow_table", None
    )
    if table is None:
        table = []
        for path, operations in request.app.openapi().get("paths", {}).items():
            pattern = re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(path)) + "$")
            table.append((pattern, "{" not in path, [m.upper() for m in operations]))
        request.app.state.allow_table = table
    here = request.url.path
    matches = [(literal, methods) for pattern, literal, methods in table if pattern.match(here)]
    literal = [methods for is_literal, methods in matches if is_literal]
    chosen = literal[:1] or [methods for _, methods in matches]
    found = {m for methods in chosen for m in methods}
    if "GET" in found:
        found.add("HEAD")
    order = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]
    return sorted(found, key=lambda m: (order.index(m) if m in order else len(order), m))


async def _internal_error(request: Request, exc: Exception) -> Response:
    body = error_body(500, "something went wrong inside footcore; this is a bug")
    if wants_json(request):
        return JSONResponse(body, status_code=500)
    return _page(request, 500, "Something went wrong", body)


async def _onboarding_needed(request: Request, exc: Exception) -> Response:
    """A page for the athlete before anyone is set up: onboarding comes first."""
    return RedirectResponse("/onboarding", status_code=303)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(OnboardingNeeded, _onboarding_needed)
    app.add_exception_handler(FootcoreError, _footcore_error)
    app.add_exception_handler(RequestValidationError, _request_invalid)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _internal_error)

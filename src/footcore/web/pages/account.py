"""Accounts in the browser: sign up, sign in, sign out, redeem a password-reset token,
export everything and delete the account (Settings).

Every failed sign-in shows the same message (the service decides it), whatever went wrong.
In one-person mode there is nobody to sign in: these pages send people to the start page.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from footcore.domain.errors import FootcoreError, Problem, ValidationError
from footcore.web import auth
from footcore.web.deps import ServicesDep
from footcore.web.templating import render

router = APIRouter(include_in_schema=False)

MAX_FIELD = 1100


def safe_next(target: object) -> str:
    """Where to go after signing in: a path on this site only (never ``//host`` or a URL)."""
    text = str(target or "")
    if not text.startswith("/") or text.startswith("//") or "\\" in text or len(text) > 500:
        return "/"
    return text


def _text(form: Any, name: str) -> str:
    value = form.get(name)
    return value[:MAX_FIELD] if isinstance(value, str) else ""


def _one_person(request: Request) -> Response | None:
    return None if auth.multi_user(request) else RedirectResponse("/", 303)


def _form(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    return render(request, name, context, status_code=status)


@router.get("/sign-in", response_model=None)
def sign_in_page(request: Request) -> Response:
    if (away := _one_person(request)) is not None:
        return away
    context = {
        "title": "Sign in",
        "email": "",
        "message": None,
        "next": safe_next(request.query_params.get("next")),
    }
    return _form(request, "account/sign_in.html", context)


@router.post("/sign-in", response_model=None)
async def sign_in(request: Request, services: ServicesDep) -> Response:
    if (away := _one_person(request)) is not None:
        return away
    form = await request.form()
    email, password = _text(form, "email"), _text(form, "password")
    target = safe_next(form.get("next"))
    try:
        new = services.accounts.sign_in(email, password)
    except FootcoreError as exc:  # the same message for every failure
        context = {"title": "Sign in", "email": email, "message": exc.message, "next": target}
        return _form(request, "account/sign_in.html", context, status=400)
    response = RedirectResponse(target, 303)
    auth.start_session(request, response, new)
    return response


@router.get("/sign-up", response_model=None)
def sign_up_page(request: Request) -> Response:
    if (away := _one_person(request)) is not None:
        return away
    return _form(request, "account/sign_up.html", {"title": "Sign up", "email": "", "problems": []})


@router.post("/sign-up", response_model=None)
async def sign_up(request: Request, services: ServicesDep) -> Response:
    if (away := _one_person(request)) is not None:
        return away
    form = await request.form()
    email, password = _text(form, "email"), _text(form, "password")
    problems: list[Problem] = []
    if password != _text(form, "password_again"):
        problems.append(Problem("password_again", "the two passwords differ"))
    else:
        try:
            user = services.accounts.sign_up(email, password)
        except ValidationError as exc:
            problems = list(exc.problems)
    if problems:
        context = {"title": "Sign up", "email": email, "problems": problems}
        return _form(request, "account/sign_up.html", context, status=422)
    response = RedirectResponse("/onboarding", 303)
    auth.start_session(request, response, services.accounts.create_session(user.id))
    return response


@router.post("/sign-out", response_model=None)
def sign_out(request: Request) -> Response:
    response = RedirectResponse("/sign-in" if auth.multi_user(request) else "/", 303)
    auth.end_session(request, response)
    return response


@router.get("/reset-password", response_model=None)
def reset_page(request: Request) -> Response:
    if (away := _one_person(request)) is not None:
        return away
    context = {"title": "New password", "problems": [], "token": ""}
    return _form(request, "account/reset.html", context)


@router.post("/reset-password", response_model=None)
async def reset(request: Request, services: ServicesDep) -> Response:
    if (away := _one_person(request)) is not None:
        return away
    form = await request.form()
    token, password = _text(form, "token").strip(), _text(form, "password")
    problems: list[Problem] = []
    if password != _text(form, "password_again"):
        problems.append(Problem("password_again", "the two passwords differ"))
    else:
        try:
            services.accounts.reset_password(token, password)
        except ValidationError as exc:
            problems = list(exc.problems)
        except FootcoreError as exc:
            problems = [Problem("token", exc.message)]
    if problems:
        context = {"title": "New password", "problems": problems, "token": token}
        return _form(request, "account/reset.html", context, status=422)
    return RedirectResponse("/sign-in?reset=1", 303)


# -- Settings: export and delete ----------------------------------------------------------


@router.get("/settings/export", response_model=None)
def export_download(request: Request, services: ServicesDep) -> Response:
    """Everything stored about the person, as a JSON download."""
    from footcore.web.api.accounts import export_for

    data = export_for(request, services)
    day = services.ctx.today()
    return Response(
        json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True),
        media_type="application/json",
        headers={"content-disposition": f'attachment; filename="footcore-export-{day}.json"'},
    )


@router.get("/settings/delete", response_model=None)
def delete_page(request: Request) -> Response:
    auth.require_signed_in(request)
    if auth.athlete_of(request) is None and auth.principal_of(request).local:
        return RedirectResponse("/onboarding", 303)
    return _form(request, "account/delete.html", {"title": "Delete your account", "problems": []})


@router.post("/settings/delete", response_model=None)
async def delete(request: Request, services: ServicesDep) -> Response:
    from footcore.web.api.accounts import delete_for

    auth.require_signed_in(request)
    form = await request.form()
    if form.get("confirm") != "yes":
        problems = [Problem("confirm", "tick the box to confirm that everything goes")]
        return _form(
            request,
            "account/delete.html",
            {"title": "Delete your account", "problems": problems},
            status=422,
        )
    delete_for(request, services)
    response = RedirectResponse("/?deleted=1", 303)
    auth.end_session(request, response)
    return response

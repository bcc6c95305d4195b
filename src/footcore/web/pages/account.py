"""Accounts in the browser: sign up, sign in, sign out, redeem a password-reset token,
export everything and delete the account (Settings), the Account page (change the password)
and, for admins, the Accounts pages (roles, unlocking, reset tokens, deleting an account).

Every failed sign-in shows the same message (the service decides it), whatever went wrong.
In one-person mode there is nobody to sign in: these pages send people to the start page.
The rules live elsewhere: who may manage accounts in :mod:`footcore.domain.access`, the
last-admin rule and the password rules in :mod:`footcore.services.accounts`.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from footcore.domain import access
from footcore.domain.access import Principal, Role
from footcore.domain.errors import FootcoreError, NotFoundError, Problem, ValidationError
from footcore.i18n import N_
from footcore.i18n import gettext as _
from footcore.web import auth
from footcore.web.api.accounts import delete_for, export_for
from footcore.web.deps import IdPath, ServicesDep
from footcore.web.forms import FormDep
from footcore.web.routing import GuardedRouter
from footcore.web.templating import render

router = GuardedRouter(include_in_schema=False)

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
        "title": _("Sign in"),
        "email": "",
        "message": None,
        "next": safe_next(request.query_params.get("next")),
    }
    return _form(request, "account/sign_in.html", context)


@router.post("/sign-in", response_model=None)
def sign_in(request: Request, services: ServicesDep, form: FormDep) -> Response:
    if (away := _one_person(request)) is not None:
        return away
    email, password = _text(form, "email"), _text(form, "password")
    target = safe_next(form.get("next"))
    try:
        new = services.accounts.sign_in(email, password)
    except FootcoreError as exc:  # the same message for every failure
        context = {"title": _("Sign in"), "email": email, "message": exc.message, "next": target}
        return _form(request, "account/sign_in.html", context, status=400)
    response = RedirectResponse(target, 303)
    auth.start_session(request, response, new)
    return response


@router.get("/sign-up", response_model=None)
def sign_up_page(request: Request) -> Response:
    if (away := _one_person(request)) is not None:
        return away
    return _form(
        request, "account/sign_up.html", {"title": _("Sign up"), "email": "", "problems": []}
    )


@router.post("/sign-up", response_model=None)
def sign_up(request: Request, services: ServicesDep, form: FormDep) -> Response:
    if (away := _one_person(request)) is not None:
        return away
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
        context = {"title": _("Sign up"), "email": email, "problems": problems}
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
    context = {"title": _("New password"), "problems": [], "token": ""}
    return _form(request, "account/reset.html", context)


@router.post("/reset-password", response_model=None)
def reset(request: Request, services: ServicesDep, form: FormDep) -> Response:
    if (away := _one_person(request)) is not None:
        return away
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
        context = {"title": _("New password"), "problems": problems, "token": token}
        return _form(request, "account/reset.html", context, status=422)
    return RedirectResponse("/sign-in?reset=1", 303)


# -- Settings: export and delete ----------------------------------------------------------


@router.get("/settings/export", response_model=None)
def export_download(request: Request, services: ServicesDep) -> Response:
    """Everything stored about the person, as a JSON download."""
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
    return _form(
        request, "account/delete.html", {"title": _("Delete your account"), "problems": []}
    )


@router.post("/settings/delete", response_model=None)
def delete(request: Request, services: ServicesDep, form: FormDep) -> Response:
    auth.require_signed_in(request)
    if form.get("confirm") != "yes":
        problems = [Problem("confirm", "tick the box to confirm that everything goes")]
        return _form(
            request,
            "account/delete.html",
            {"title": _("Delete your account"), "problems": problems},
            status=422,
        )
    delete_for(request, services)
    response = RedirectResponse("/?deleted=1", 303)
    auth.end_session(request, response)
    return response


# -- the Account page: who you are, change the password --------------------------------------


def _account_page(
    request: Request, services: Any, problems: list[Problem], status: int = 200
) -> HTMLResponse:
    sign_in = auth.sign_in_of(request)
    p = auth.principal_of(request)
    user = services.accounts.user(sign_in.user.id)
    context = {
        "title": _("Your account"),
        "user": user,
        "is_admin": access.can_manage_accounts(p).allowed,
        "has_data": p.athlete_id is not None,
        "problems": problems,
        "changed": changed
        if (changed := request.query_params.get("changed", "")).isdigit()
        else None,
    }
    return _form(request, "account/account.html", context, status=status)


@router.get("/account", response_model=None)
def account_page(request: Request, services: ServicesDep) -> Response:
    if (away := _one_person(request)) is not None:
        return away
    auth.require_signed_in(request)
    return _account_page(request, services, [])


@router.post("/account/password", response_model=None)
def change_password(request: Request, services: ServicesDep, form: FormDep) -> Response:
    """A new password, given the current one; every other session of the account ends and
    this one stays signed in."""
    if (away := _one_person(request)) is not None:
        return away
    auth.require_signed_in(request)
    sign_in = auth.sign_in_of(request)
    new = _text(form, "new_password")
    if new != _text(form, "new_password_again"):
        problems = [Problem("new_password_again", "the two new passwords differ")]
        return _account_page(request, services, problems, status=422)
    try:
        ended = services.accounts.change_password(
            sign_in.user.id, _text(form, "current_password"), new, sign_in.session_id
        )
    except ValidationError as exc:
        return _account_page(request, services, list(exc.problems), status=422)
    return RedirectResponse(f"/account?changed={ended}", 303)


# -- Accounts (admins): list, role, unlock, reset token, delete --------------------------------

ROLE_TEXT = {
    Role.ATHLETE: N_("their own training data, groups they join"),
    Role.COACH: N_("also groups, templates, own exercises, class sheets"),
    Role.ADMIN: N_("everything, including these pages"),
}


def _admin(request: Request) -> Principal:
    p = auth.require_signed_in(request)
    access.require(access.can_manage_accounts(p), "account", "")
    return p


def _user_page(
    request: Request,
    services: Any,
    user_id: int,
    *,
    problems: dict[str, list[Problem]] | None = None,
    status: int = 200,
) -> HTMLResponse:
    p = _admin(request)
    row = next((r for r in services.accounts.account_list() if r.user.id == user_id), None)
    if row is None:
        raise NotFoundError("account", str(user_id))
    context = {
        "title": row.user.email,
        "row": row,
        "yourself": p.user_id == user_id,
        "roles": [(r, _(ROLE_TEXT[r])) for r in Role],
        "problems": problems or {},
        "done": request.query_params.get("done", ""),
    }
    return _form(request, "account/admin_user.html", context, status=status)


@router.get("/admin/accounts", response_model=None)
def accounts_page(request: Request, services: ServicesDep) -> Response:
    p = _admin(request)
    rows = services.accounts.account_list()
    deleted = request.query_params.get("deleted", "")[:300]  # shown once it is really gone
    context = {
        "title": _("Accounts"),
        "rows": rows,
        "you": p.user_id,
        "admins": sum(1 for r in rows if r.user.role == Role.ADMIN),
        "deleted": deleted if deleted not in {r.user.email for r in rows} else "",
    }
    return _form(request, "account/admin_accounts.html", context)


@router.get("/admin/accounts/{user_id}", response_model=None)
def account_admin_page(user_id: IdPath, request: Request, services: ServicesDep) -> Response:
    return _user_page(request, services, user_id)


@router.post("/admin/accounts/{user_id}/role", response_model=None)
def set_role(user_id: IdPath, request: Request, services: ServicesDep, form: FormDep) -> Response:
    p = _admin(request)
    try:
        services.accounts.set_role(user_id, _text(form, "role")[:20])
    except (NotFoundError, access.AccessError):
        raise
    except FootcoreError as exc:  # not a role, or the last admin
        problems = list(exc.problems) or [Problem("role", exc.message)]
        return _user_page(request, services, user_id, problems={"role": problems}, status=422)
    if p.user_id == user_id and not services.accounts.principal(user_id).is_admin:
        return RedirectResponse("/account?role=1", 303)  # no longer an admin
    return RedirectResponse(f"/admin/accounts/{user_id}?done=role", 303)


@router.post("/admin/accounts/{user_id}/unlock", response_model=None)
def unlock(user_id: IdPath, request: Request, services: ServicesDep) -> Response:
    _admin(request)
    services.accounts.unlock(user_id)
    return RedirectResponse(f"/admin/accounts/{user_id}?done=unlock", 303)


@router.post("/admin/accounts/{user_id}/reset-token", response_model=None)
def reset_token(user_id: IdPath, request: Request, services: ServicesDep) -> Response:
    """A one-time password-reset token, shown once (the page is not stored by the browser;
    the database keeps only its hash)."""
    _admin(request)
    token = services.accounts.issue_reset_token_for(user_id)
    context = {
        "title": _("Password-reset token"),
        "token": token,
        "user_id": user_id,
        "reset_url": str(request.base_url).rstrip("/") + "/reset-password",
    }
    return render(
        request,
        "account/admin_reset_token.html",
        context,
        headers={"cache-control": "no-store"},
    )


@router.post("/admin/accounts/{user_id}/delete", response_model=None)
def delete_user(
    user_id: IdPath, request: Request, services: ServicesDep, form: FormDep
) -> Response:
    """Delete an account and every row of its training data (the same deletion as "delete
    my account"); the last admin account stays."""
    p = _admin(request)
    if form.get("confirm") != "yes":
        problems = {"delete": [Problem("confirm", "tick the box to confirm that everything goes")]}
        return _user_page(request, services, user_id, problems=problems, status=422)
    email = services.accounts.user(user_id).email
    try:
        services.accounts.delete_account(user_id)
    except (NotFoundError, access.AccessError):
        raise
    except FootcoreError as exc:  # the last admin
        problems = {"delete": [Problem("account", exc.message)]}
        return _user_page(request, services, user_id, problems=problems, status=422)
    if p.user_id == user_id:  # their own account: signed out with it
        response = RedirectResponse("/?deleted=1", 303)
        auth.end_session(request, response)
        return response
    return RedirectResponse(f"/admin/accounts?deleted={quote(email)}", 303)

"""Onboarding: the profile form, optional first self-tests, then the programme."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from footcore.domain.errors import Problem, ValidationError
from footcore.i18n import gettext as _
from footcore.web import auth
from footcore.web.deps import PageAthleteDep
from footcore.web.forms import FormDep, form_values, profile_from_form
from footcore.web.pages.common import vocab
from footcore.web.pages.self_test_entry import entry_context
from footcore.web.routing import GuardedRouter
from footcore.web.templating import render

router = GuardedRouter(include_in_schema=False)

STARTER = {
    "name": "",
    "age": "",
    "goals": ["general"],
    "equipment": [],
    "minutes_per_day": 10,
    "slots": ["morning", "desk", "teeth", "pre-run", "post-run"],
}


def _form(
    request: Request, values: dict[str, Any], problems: list[Problem], status: int = 200
) -> HTMLResponse:
    context = {
        "v": form_values(values),
        "vocab": vocab(),
        "problems": problems,
        "title": _("Get started"),
    }
    return render(request, "athlete/onboarding.html", context, status_code=status)


@router.get("/onboarding", response_model=None)
def onboarding(request: Request) -> Response:
    auth.require_signed_in(request)
    if auth.athlete_of(request) is not None:
        return RedirectResponse("/settings", 303)
    return _form(request, STARTER, [])


@router.post("/onboarding", response_model=None)
def onboarding_post(request: Request, form: FormDep) -> Response:
    auth.require_signed_in(request)
    if auth.athlete_of(request) is not None:
        return RedirectResponse("/settings", 303)
    data, problems = profile_from_form(form)
    if not problems:
        try:
            auth.onboard(request, data)
        except ValidationError as exc:
            problems = list(exc.problems)
    if problems:
        return _form(request, data, problems, status=422)
    return RedirectResponse("/onboarding/self-tests", 303)


@router.get("/onboarding/self-tests", response_class=HTMLResponse)
def first_self_tests(request: Request, athlete_id: PageAthleteDep) -> HTMLResponse:
    context = entry_context(request, athlete_id, onboarding=True)
    return render(request, "athlete/self_test_entry.html", context)

"""Settings: the profile (goals, equipment, slots with their times of day, running week,
pain, cramps) and units; every save is a new profile version."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from footcore.domain.errors import Problem, ValidationError
from footcore.web.athlete import profile_of
from footcore.web.deps import PageAthleteDep, ServicesDep
from footcore.web.forms import FormDep, form_values, profile_from_form
from footcore.web.nav import NavItem
from footcore.web.pages.common import vocab
from footcore.web.templating import render

router = APIRouter(include_in_schema=False)
NAV = NavItem("settings", "Settings", "/settings", athlete=True)


def _page(
    request: Request,
    values: dict[str, Any],
    problems: list[Problem],
    version: int,
    status: int = 200,
) -> HTMLResponse:
    context = {
        "v": form_values(values),
        "vocab": vocab(),
        "problems": problems,
        "version": version,
        "saved": request.query_params.get("saved") == "1",
        "title": "Settings",
    }
    return render(request, "athlete/settings.html", context, status_code=status)


@router.get("/settings", response_class=HTMLResponse)
def settings_page(request: Request, services: ServicesDep, athlete_id: PageAthleteDep) -> Response:
    view = services.programmes.athlete(athlete_id)
    return _page(request, dict(view.profile), [], view.profile_version)


@router.post("/settings", response_model=None)
def settings_post(
    request: Request,
    services: ServicesDep,
    athlete_id: PageAthleteDep,
    form: FormDep,
) -> Response:
    data, problems = profile_from_form(form)
    if not problems:
        try:
            services.update_profile(athlete_id, data)
        except ValidationError as exc:
            problems = list(exc.problems)
        else:
            return RedirectResponse("/settings?saved=1", 303)
    version = services.programmes.athlete(athlete_id).profile_version
    return _page(request, data, problems, version, status=422)


__all__ = ["profile_of"]

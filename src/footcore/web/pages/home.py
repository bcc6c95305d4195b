"""The start page: what footcore is and where to start (``/`` before onboarding, ``/about``)."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse

from footcore.domain.assessments import TESTS
from footcore.domain.exercise import Catalogue
from footcore.domain.vocab import Target
from footcore.web.auth import athlete_of
from footcore.web.deps import CatalogueDep, ServicesDep
from footcore.web.routing import GuardedRouter
from footcore.web.templating import render

router = GuardedRouter(include_in_schema=False)


def start_page(request: Request, catalogue: Catalogue, *, onboarded: bool) -> HTMLResponse:
    areas = [(t, len(catalogue.filter(target=t))) for t in Target]
    context = {
        "exercise_count": len(catalogue),
        "test_count": len(TESTS),
        "areas": [(t, n) for t, n in areas if n],
        "onboarded": onboarded,
    }
    return render(request, "home.html", context)


@router.get("/about", response_class=HTMLResponse)
def about(request: Request, services: ServicesDep, catalogue: CatalogueDep) -> HTMLResponse:
    return start_page(request, catalogue, onboarded=athlete_of(request) is not None)

"""The front page: what footcore is and where to start."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from footcore.domain.vocab import Target
from footcore.web.deps import CatalogueDep
from footcore.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, catalogue: CatalogueDep) -> HTMLResponse:
    from footcore.domain.assessments import TESTS

    areas = [(t, len(catalogue.filter(target=t))) for t in Target]
    context = {
        "exercise_count": len(catalogue),
        "test_count": len(TESTS),
        "areas": [(t, n) for t, n in areas if n],
    }
    return render(request, "home.html", context)

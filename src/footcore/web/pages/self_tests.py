"""Self-test guides: how to do each test at home, its unit, range and norms (read-only)."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from footcore.domain.assessments import FAAM_ITEMS, TESTS, Shape, get_test
from footcore.domain.assessments.definitions import SOURCES
from footcore.i18n import gettext as _
from footcore.web.nav import NavItem
from footcore.web.routing import GuardedRouter
from footcore.web.templating import render

router = GuardedRouter(include_in_schema=False)
NAV = NavItem("self-tests", "Self-tests", "/self-tests")


@router.get("/self-tests", response_class=HTMLResponse)
def self_tests(request: Request) -> HTMLResponse:
    return render(
        request, "self_tests/index.html", {"tests": list(TESTS.values()), "title": _("Self-tests")}
    )


@router.get("/self-tests/{test_id}", response_model=None)
def self_test_page(request: Request, test_id: str) -> Response:
    test = get_test(test_id)
    if test.id != test_id:
        # An alias (knee-to-wall, ktw): send people to the one address of the test.
        return RedirectResponse(f"/self-tests/{test.id}", 308)
    sources = [SOURCES[s] for s in test.sources if s in SOURCES]
    # The questionnaire's items, so that it can be answered from the page.
    items = FAAM_ITEMS if test.shape is Shape.FAAM else {}
    context = {"test": test, "sources": sources, "items": items, "title": _(test.name)}
    return render(request, "self_tests/test.html", context)

"""Self-test entry: a guided form with each protocol; results stored and compared with
norms (bands, side differences) and with earlier results (real change)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from footcore.domain.assessments import TESTS, SelfTest, Shape, compare, score_battery
from footcore.domain.errors import FootcoreError, NotFoundError, Problem, ValidationError
from footcore.i18n import gettext as _
from footcore.services import Services
from footcore.web.athlete import profile_of
from footcore.web.deps import PageAthleteDep, ServicesDep, TodayDep
from footcore.web.forms import FormDep, with_checked
from footcore.web.routing import GuardedRouter
from footcore.web.templating import render
from footcore.web.units import Units

router = GuardedRouter(include_in_schema=False)

#: The tests offered in the guided form, in the order they are done (the questionnaire has
#: its own page).
ENTRY_SHAPES = (
    Shape.NUMBER,
    Shape.TRIES,
    Shape.TOE_ITEMS,
    Shape.GRADE,
    Shape.PASS_FAIL,
    Shape.PAIN,
)
TOE_PARTS = (
    ("spread", "Spread"),
    ("big_toe_lift", "Big toe up"),
    ("small_toe_lift", "Small toes up"),
)
GRADES = ("poor", "fair", "good")


def entry_tests() -> list[SelfTest]:
    return [t for t in TESTS.values() if t.shape in ENTRY_SHAPES]


def entry_context(
    request: Request,
    athlete_id: int,
    *,
    onboarding: bool = False,
    values: dict[str, str] | None = None,
    problems: list[Problem] | None = None,
) -> dict[str, Any]:
    services: Services = request.app.state.footcore.services
    profile = profile_of(services, athlete_id)
    units = Units.of(profile)
    return {
        "tests": entry_tests(),
        "units": units,
        "toe_parts": TOE_PARTS,
        "grades": GRADES,
        "values": values or {},
        "problems": problems or [],
        "onboarding": onboarding,
        "today": services.ctx.today().isoformat(),
        "title": _("Your first self-tests") if onboarding else _("Record self-test results"),
    }


def _results_from_form(form: FormData, units: Units) -> tuple[dict[str, Any], list[Problem]]:
    results: dict[str, Any] = {}
    problems: list[Problem] = []
    for test in entry_tests():
        sides: tuple[str | None, ...] = test.sides if test.sided else (None,)
        value: dict[str, Any] = {}
        for side in sides:
            key = f"r.{test.id}" + (f".{side}" if side else "")
            where = f"results.{test.id}" + (f".{side}" if side else "")
            if test.shape is Shape.TOE_ITEMS:
                parts = {p: str(form.get(f"{key}.{p}", "")).strip() for p, _ in TOE_PARTS}
                if any(parts.values()):
                    if not all(parts.values()):
                        problems.append(Problem(where, "give all three movements a score"))
                        continue
                    value[side or ""] = {p: int(v) for p, v in parts.items()}
                continue
            raw = str(form.get(key, "")).strip().replace(",", ".")
            if not raw:
                continue
            if test.shape in (Shape.GRADE, Shape.PASS_FAIL):
                value[side or ""] = raw
                continue
            try:
                number = float(raw)
            except ValueError:
                problems.append(Problem(where, f"must be a number, got {raw!r}"))
                continue
            stored_unit = test.unit if test.unit in ("cm", "mm") else ""
            number = units.store(number, stored_unit) if stored_unit else number
            value[side or ""] = int(number) if number.is_integer() else number
        if not value:
            continue
        results[test.id] = value.get("", value)
    return results, problems


@router.get("/self-tests/record", response_class=HTMLResponse)
def record_form(request: Request, athlete_id: PageAthleteDep) -> HTMLResponse:
    return render(request, "athlete/self_test_entry.html", entry_context(request, athlete_id))


@router.post("/self-tests/record", response_model=None)
def record_post(
    request: Request,
    services: ServicesDep,
    athlete_id: PageAthleteDep,
    today: TodayDep,
    form: FormDep,
) -> Response:
    onboarding = form.get("onboarding") == "true"
    profile = profile_of(services, athlete_id)
    units = Units.of(profile)
    results, problems = _results_from_form(form, units)
    taken = str(form.get("date", "")).strip()
    try:
        taken_on = dt.date.fromisoformat(taken) if taken else today
    except ValueError:
        problems.append(Problem("date", f"expected a date, got {taken!r}"))
        taken_on = today
    if not results and not problems:
        problems.append(Problem("results", "enter at least one result (or skip this step)"))
    data = {"age": profile["age"], "sex": profile.get("sex", "unspecified"), "results": results}
    if problems:  # the results' own rules too: every problem in one round
        if results:
            problems = with_checked(problems, lambda: score_battery(data))
    else:
        try:
            view = services.record_assessment(athlete_id, data, taken_on)
        except ValidationError as exc:
            problems = list(exc.problems)
        else:
            first = "?first=1" if onboarding else ""  # then on to the programme
            return RedirectResponse(f"/self-tests/results/{view.id}{first}", 303)
    values = {k: str(v) for k, v in form.items()}
    context = entry_context(
        request, athlete_id, onboarding=onboarding, values=values, problems=problems
    )
    return render(request, "athlete/self_test_entry.html", context, status_code=422)


@router.get("/self-tests/results", response_class=HTMLResponse)
def results_list(request: Request, services: ServicesDep, athlete_id: PageAthleteDep) -> Response:
    stored = services.records.assessments(athlete_id)
    if stored:
        latest = max(stored, key=lambda a: (a.taken_on, a.id))
        return RedirectResponse(f"/self-tests/results/{latest.id}", 303)
    return RedirectResponse("/self-tests/record", 303)


@router.get("/self-tests/results/{assessment_id}", response_class=HTMLResponse)
def results_page(
    request: Request, assessment_id: int, services: ServicesDep, athlete_id: PageAthleteDep
) -> HTMLResponse:
    stored = sorted(services.records.assessments(athlete_id), key=lambda a: (a.taken_on, a.id))
    found = next((a for a in stored if a.id == assessment_id), None)
    if found is None:
        raise NotFoundError("self-test result", str(assessment_id), [str(a.id) for a in stored])
    profile = profile_of(services, athlete_id)
    changes: dict[tuple[str, str], str] = {}
    earlier = [a for a in stored if (a.taken_on, a.id) < (found.taken_on, found.id)]
    if earlier:
        changes = _changes(earlier[-1].report, found.report)
    context = {
        "assessment": found,
        "report": found.report,
        "previous": earlier[-1] if earlier else None,
        "history": list(reversed(stored)),
        "changes": changes,
        "units": Units.of(profile),
        "tests": TESTS,
        "first": request.query_params.get("first") == "1",
        "title": _("Self-test results"),
    }
    return render(request, "athlete/self_test_results.html", context)


def _changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[tuple[str, str], str]:
    """(test, part) -> the real-change verdict between two stored reports."""

    def strip_totals(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip_totals(v) for k, v in value.items() if k != "total"}
        return value

    def battery(report: Mapping[str, Any]) -> dict[str, Any]:
        results = {k: strip_totals(v["value"]) for k, v in report["results"].items()}
        return {"age": report["age"], "sex": report["sex"], "date": report["date"],
                "results": results}  # fmt: skip

    try:
        result = compare(battery(before), battery(after))
    except FootcoreError:
        return {}
    return {(c.test_id, c.part): c.verdict for c in result.changes}

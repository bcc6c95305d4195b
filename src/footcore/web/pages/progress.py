"""Progress: adherence, streaks, weekly minutes, pain, each self-test over time with its
real-change band, runs (with a form to add one) and the recent adaptation decisions."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from footcore.domain.errors import Problem, ValidationError
from footcore.i18n import gettext as _
from footcore.services import RunEntry
from footcore.services.records import validate_run
from footcore.web import athlete as adapters
from footcore.web.api.exports import import_files, read_uploads
from footcore.web.deps import FootcoreDep, PageAthleteDep, ServicesDep, TodayDep
from footcore.web.forms import FormDep, with_checked
from footcore.web.nav import NavItem
from footcore.web.pages.checkin import outcome_chart
from footcore.web.pages.common import vocab
from footcore.web.routing import GuardedRouter
from footcore.web.templating import render
from footcore.web.units import Units

router = GuardedRouter(include_in_schema=False)
NAV = NavItem("progress", "Progress", "/progress", athlete=True)

#: Units a self-test may be shown in another system (see units.py).
CONVERTIBLE = ("cm", "mm")


def day_label(iso: str) -> str:
    """``2 Nov`` for ``2026-11-02`` (chart axes are narrow on a phone)."""
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day:%b}"


def _line(points: list[Any]) -> str:
    """A line joins two points or more; a single one is drawn as a bar, so that it shows."""
    return "line" if len(points) > 1 else "bar"


def _minutes_chart(weeks: list[dict[str, Any]], labels: list[str]) -> dict[str, Any]:
    """Minutes planned and done, week by week."""
    return {
        "type": "bar",
        "labels": labels,
        "unit": "min",
        "series": [
            {"label": "Planned", "data": [w["planned_minutes"] for w in weeks], "tone": "quiet"},
            {"label": "Done", "data": [w["done_minutes"] for w in weeks], "tone": "main"},
        ],
    }


def _adherence_chart(weeks: list[dict[str, Any]], labels: list[str]) -> dict[str, Any]:
    """The share of planned minutes done, week by week (none where nothing was planned)."""
    done = [
        round(100 * w["done_minutes"] / w["planned_minutes"]) if w["planned_minutes"] else None
        for w in weeks
    ]
    return {
        "type": _line(labels),
        "labels": labels,
        "unit": "%",
        "max": 100,
        "series": [{"label": "Planned minutes done", "data": done, "tone": "main"}],
    }


def _pain_chart(pain: list[dict[str, Any]]) -> dict[str, Any]:
    """Pain during the foot work and the next morning."""
    return {
        "type": _line(pain),
        "labels": [day_label(p["date"]) for p in pain],
        "unit": "/10",
        "max": 10,
        "series": [
            {"label": "During foot work", "data": [p["during"] for p in pain], "tone": "main"},
            {"label": "Next morning", "data": [p["morning"] for p in pain], "tone": "second"},
        ],
    }


def _self_test_chart(t: dict[str, Any], units: Units) -> dict[str, Any]:
    """One self-test's results in the person's units, with the band of real change around
    the first result (when there are two results or more)."""
    unit = t["unit"]
    points = [(p["date"], p["value"]) for p in t["points"]]
    shown = [units.show(v, unit) if unit in CONVERTIBLE else v for _, v in points]
    src = t["smallest_real_change"]
    first = next((v for v in shown if v is not None), None)
    band = None
    if src is not None and first is not None and len(points) > 1:
        step = units.show(src, unit) if unit in CONVERTIBLE else src
        assert step is not None
        band = {"low": round(first - step, 2), "high": round(first + step, 2)}
    return {
        "id": f"{t['test']}-{t['part']}",
        "title": t["name"] + ("" if t["part"] == "value" else f", {t['part']}"),
        "verdict": t["verdict"],
        "unit": units.unit(unit) if unit in CONVERTIBLE else unit,
        "chart": {
            "type": _line(points),
            "labels": [day_label(d) for d, _ in points],
            "unit": units.unit(unit) if unit in CONVERTIBLE else unit,
            "series": [{"label": "Result", "data": shown, "tone": "main"}],
            "band": band,
        },
    }


def _runs_chart(runs: list[Any], units: Units) -> dict[str, Any]:
    """Each run's distance in the person's units."""
    return {
        "type": "bar",
        "labels": [day_label(r.date.isoformat()) for r in runs],
        "unit": units.unit("km"),
        "series": [
            {"label": "Distance", "data": [units.show(r.km, "km") for r in runs], "tone": "main"}
        ],
    }


def chart_data(
    report: dict[str, Any], pain: list[dict[str, Any]], runs: list[Any], units: Units
) -> dict[str, Any]:
    """What each chart draws (the script reads it from the page; the tables say the same)."""
    weeks = report["weekly_minutes"]
    labels = [day_label(w["week_start"]) for w in weeks]
    return {
        "minutes": _minutes_chart(weeks, labels),
        "adherence": _adherence_chart(weeks, labels),
        "pain": _pain_chart(pain),
        "tests": [_self_test_chart(t, units) for t in report["self_tests"]],
        "runs": _runs_chart(runs, units),
    }


def _context(
    request: Request,
    services: Any,
    footcore: Any,
    athlete_id: int,
    today: dt.date,
    *,
    run_values: dict[str, str] | None = None,
    problems: list[Problem] | None = None,
) -> dict[str, Any]:
    report = services.progress(athlete_id, today).to_dict()
    profile = adapters.profile_of(services, athlete_id)
    units = Units.of(profile)
    runs = services.runs(athlete_id)
    pain = adapters.pain_by_day(adapters.session_logs(footcore, athlete_id, until=today))
    outcome = services.checkins.outcome(athlete_id, today).to_dict()
    return {
        "outcome": outcome,
        "outcome_chart": outcome_chart(outcome),
        "report": report,
        "charts": chart_data(report, pain, runs, units),
        "pain": pain,
        "runs": list(reversed(runs)),
        "units": units,
        "vocab": vocab(),
        "today": today.isoformat(),
        "run_values": run_values or {},
        "problems": problems or [],
        "client_id": str(uuid.uuid4()),
        "import_report": None,
        "import_problems": [],
        "recent": list(
            reversed(services.logs.logged_list(athlete_id, today - dt.timedelta(days=14), today))
        ),
        "title": _("Progress"),
    }


@router.get("/progress", response_class=HTMLResponse)
def progress_page(
    request: Request,
    *,
    services: ServicesDep,
    footcore: FootcoreDep,
    athlete_id: PageAthleteDep,
    today: TodayDep,
) -> HTMLResponse:
    context = _context(request, services, footcore, athlete_id, today)
    return render(request, "progress/progress.html", context)


@router.post("/progress/runs/import", response_model=None)
async def import_runs(
    request: Request,
    *,
    services: ServicesDep,
    footcore: FootcoreDep,
    athlete_id: PageAthleteDep,
    today: TodayDep,
) -> Response:
    """Run files from a watch or an app (GPX, TCX, FIT, CSV), shown with what happened."""
    form = await request.form()
    uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile)]
    problems: list[Problem] = []
    report = None
    try:
        read = await read_uploads(uploads)
        report = await run_in_threadpool(import_files, services, athlete_id, read)
    except ValidationError as exc:
        problems = list(exc.problems)
    context = _context(request, services, footcore, athlete_id, today)
    context["import_report"] = report
    context["import_problems"] = problems
    return render(request, "progress/progress.html", context, status_code=422 if problems else 200)


@router.post("/progress/runs", response_model=None)
def add_run(
    request: Request,
    *,
    services: ServicesDep,
    footcore: FootcoreDep,
    athlete_id: PageAthleteDep,
    today: TodayDep,
    form: FormDep,
) -> Response:
    values = {k: str(v) for k, v in form.items()}
    units = Units.of(adapters.profile_of(services, athlete_id))
    problems: list[Problem] = []

    def number(key: str, where: str) -> float:
        raw = values.get(key, "").strip().replace(",", ".")
        try:
            return float(raw)
        except ValueError:
            problems.append(Problem(where, f"must be a number, got {raw!r}"))
            return 0.0

    try:
        day = dt.date.fromisoformat(values.get("date", "").strip())
    except ValueError:
        problems.append(Problem("date", "give the day of the run"))
        day = today
    distance = number("distance", "distance")
    minutes = number("minutes", "minutes")
    felt = values.get("felt", "").strip()
    if felt and not felt.isdigit():
        problems.append(Problem("felt", "choose how the run felt, or leave it blank"))
    run = RunEntry(
        date=day,
        km=round(units.store(distance, "km"), 3),
        minutes=minutes,
        kind=values.get("kind", ""),
        felt=int(felt) if felt.isdigit() else None,
        note=values.get("note", "").strip() or None,
        client_id=values.get("client_id") or None,
    )
    if problems:  # the run's own rules too: every problem in one round
        problems = with_checked(problems, lambda: validate_run(run))
    else:
        try:
            services.add_run(athlete_id, run)
        except ValidationError as exc:
            problems = list(exc.problems)
        else:
            return RedirectResponse("/progress?run=saved#runs", 303)
    context = _context(
        request, services, footcore, athlete_id, today, run_values=values, problems=problems
    )
    return render(request, "progress/progress.html", context, status_code=422)

"""The weekly injury check-in and club studies in the browser (docs/outcomes.md).

- ``/checkin``: the questionnaire (one card per body area, opened only for areas with a
  problem); ``POST /checkin/none`` is the one tap "no problems" on Today, ``POST
  /checkin/skip`` skips the week.
- ``POST /groups/{id}/sharing``: share the check-ins with a group's coach, or stop.
- ``/studies/{id}``: a member's view of a study: what it asks, agreeing to take part, their
  arm's instructions, withdrawing.
- ``/coach/groups/{id}/outcomes``: the group's weekly prevalence of problems (members who
  share only) and the members with a substantial problem now.
- ``/coach/groups/{id}/studies/new``, ``/coach/studies/{id}``: setting up a study, and its
  report with start, reminders, close and the anonymised export.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from footcore.domain import access, ostrc
from footcore.domain.errors import FootcoreError, NotFoundError, Problem, ValidationError
from footcore.i18n import gettext as _
from footcore.web import athlete as adapters
from footcore.web import auth
from footcore.web.deps import IdPath, PageAthleteDep, ServicesDep, TodayDep
from footcore.web.forms import FormDep
from footcore.web.routing import GuardedRouter
from footcore.web.templating import render

router = GuardedRouter(include_in_schema=False)

AREA_COLOURS = ("main", "second", "third", "fourth", "fifth", "quiet")


def _text(form: Any, name: str, limit: int = 4000) -> str:
    value = form.get(name)
    return value[:limit] if isinstance(value, str) else ""


def week_label(day: dt.date) -> str:
    return f"{day.day} {day:%b}"


def outcome_chart(outcome: dict[str, Any]) -> dict[str, Any]:
    """Weekly severity per area (areas that ever had a problem); unanswered weeks are gaps,
    never zeros."""
    weeks = outcome["weeks"]
    shown = [a for a in ostrc.AREAS if outcome["weeks_with_problem_per_area"].get(str(a))]
    series = []
    for i, area in enumerate(shown):
        series.append(
            {
                "label": area.label.capitalize(),
                "data": [
                    w["areas"][str(area)]["severity"] if w["answered"] else None for w in weeks
                ],
                "tone": AREA_COLOURS[i % len(AREA_COLOURS)],
            }
        )
    return {
        "type": "line",
        "labels": [week_label(dt.date.fromisoformat(w["week"])) for w in weeks],
        "unit": "severity",
        "max": 100,
        "gaps": True,
        "series": series,
    }


# -- the check-in ----------------------------------------------------------------------------


def _form_page(
    request: Request,
    services: Any,
    athlete_id: int,
    today: dt.date,
    *,
    values: dict[str, str] | None = None,
    problems: list[Problem] | None = None,
    status: int = 200,
) -> HTMLResponse:
    view = services.checkins.status(athlete_id, today)
    context = {
        "title": _("Weekly check-in"),
        "status": view,
        "areas": ostrc.AREAS,
        "questions": ostrc.INSTRUMENT_QUESTIONS,
        "values": values or {},
        "problems": problems or [],
        "week": view.week,
        "week_end": view.week + dt.timedelta(days=6),
    }
    return render(request, "athlete/checkin.html", context, status_code=status)


@router.get("/checkin", response_class=HTMLResponse)
def checkin_page(
    request: Request, services: ServicesDep, athlete_id: PageAthleteDep, today: TodayDep
) -> HTMLResponse:
    return _form_page(request, services, athlete_id, today)


@router.post("/checkin", response_model=None)
def checkin(
    request: Request,
    services: ServicesDep,
    athlete_id: PageAthleteDep,
    today: TodayDep,
    form: FormDep,
) -> Response:
    values = {k: str(v) for k, v in form.items() if isinstance(v, str)}
    areas: dict[str, dict[str, str]] = {}
    for area in ostrc.AREAS:
        first = values.get(f"{area}.participation", "")
        if not first or first == "full":
            continue
        areas[str(area)] = {
            q: values[f"{area}.{q}"] for q in ostrc.QUESTIONS if values.get(f"{area}.{q}")
        }
    try:
        services.checkins.record(athlete_id, {"areas": areas} if areas else {"none": True}, today)
    except ValidationError as exc:
        return _form_page(
            request,
            services,
            athlete_id,
            today,
            values=values,
            problems=list(exc.problems),
            status=422,
        )
    except FootcoreError as exc:
        return _form_page(
            request, services, athlete_id, today, problems=[Problem("", exc.message)], status=400
        )
    return RedirectResponse("/today?checkin=saved#checkin", 303)


@router.post("/checkin/none", response_model=None)
def checkin_none(
    services: ServicesDep, athlete_id: PageAthleteDep, today: TodayDep, form: FormDep
) -> Response:
    """The one tap on Today: no problem anywhere this week."""
    try:
        services.checkins.record(athlete_id, {"none": True}, today)
    except FootcoreError:
        return RedirectResponse("/today?checkin=done#checkin", 303)
    return RedirectResponse("/today?checkin=saved#checkin", 303)


@router.post("/checkin/skip", response_model=None)
def checkin_skip(
    services: ServicesDep, athlete_id: PageAthleteDep, today: TodayDep, form: FormDep
) -> Response:
    try:
        services.checkins.skip(athlete_id, today)
    except FootcoreError:
        return RedirectResponse("/today?checkin=done#checkin", 303)
    return RedirectResponse("/today?checkin=skipped#checkin", 303)


# -- sharing and studies, for members ------------------------------------------------------------


@router.post("/groups/{group_id}/sharing", response_model=None)
def sharing(group_id: IdPath, request: Request, services: ServicesDep, form: FormDep) -> Response:
    p = auth.require_signed_in(request)
    share = _text(form, "share") == "yes"
    services.checkins.set_sharing(p, group_id, share)
    return RedirectResponse(f"/groups?shared={'1' if share else '0'}", 303)


def _study_page(
    request: Request, services: Any, study_id: int, problems: list[Problem], status: int = 200
) -> HTMLResponse:
    p = auth.require_signed_in(request)
    study = services.studies.study(p, study_id)
    mine = services.studies.participation(p, study_id) if p.athlete_id is not None else None
    profile_km = None
    if p.athlete_id is not None:
        running = adapters.profile_of(services, p.athlete_id).get("running") or {}
        profile_km = running.get("weekly_km")
    context = {
        "title": study.title,
        "study": study,
        "mine": mine,
        "problems": problems,
        "weekly_km": profile_km,
        "can_join": p.athlete_id is not None,
    }
    return render(request, "athlete/study.html", context, status_code=status)


@router.get("/studies/{study_id}", response_class=HTMLResponse)
def study_page(study_id: IdPath, request: Request, services: ServicesDep) -> HTMLResponse:
    return _study_page(request, services, study_id, [])


@router.post("/studies/{study_id}/join", response_model=None)
def join_study(
    study_id: IdPath, request: Request, services: ServicesDep, form: FormDep
) -> Response:
    p = auth.require_signed_in(request)
    problems = []
    if _text(form, "agree") != "yes":
        problems.append(Problem("agree", "tick the box to say you agree"))
    raw = _text(form, "weekly_km", 20).strip().replace(",", ".")
    try:
        km = float(raw)
    except ValueError:
        problems.append(Problem("weekly_km", "your usual running per week, in km"))
        km = 0.0
    injured = _text(form, "previous_injury")
    if injured not in ("yes", "no"):
        problems.append(Problem("previous_injury", "answer yes or no"))
    if not problems:
        try:
            services.studies.join(p, study_id, weekly_km=km, previous_injury=injured == "yes")
        except ValidationError as exc:
            problems = list(exc.problems)
        except (access.AccessError, NotFoundError):
            raise
        except FootcoreError as exc:
            problems = [Problem("", exc.message)]
    if problems:
        return _study_page(request, services, study_id, problems, status=422)
    return RedirectResponse(f"/studies/{study_id}?joined=1", 303)


@router.post("/studies/{study_id}/withdraw", response_model=None)
def withdraw(study_id: IdPath, request: Request, services: ServicesDep, form: FormDep) -> Response:
    p = auth.require_signed_in(request)
    services.studies.withdraw(p, study_id)
    return RedirectResponse(f"/studies/{study_id}?withdrawn=1", 303)


# -- the coach ---------------------------------------------------------------------------------


@router.get("/coach/groups/{group_id}/outcomes", response_class=HTMLResponse)
def group_outcomes(
    group_id: IdPath, request: Request, services: ServicesDep, today: TodayDep
) -> HTMLResponse:
    p = auth.require_signed_in(request)
    view = services.studies.group_outcomes(p, group_id, today).to_dict()
    weeks = view["weeks"]
    chart = {
        "type": "line",
        "labels": [week_label(dt.date.fromisoformat(w["week"])) for w in weeks],
        "unit": "%",
        "max": 100,
        "gaps": True,
        "series": [
            {
                "label": "Any problem",
                "data": [None if w["partial"] else _pct(w["all"]["prevalence"]) for w in weeks],
                "tone": "second",
            },
            {
                "label": "Substantial problem",
                "data": [
                    None if w["partial"] else _pct(w["substantial"]["prevalence"]) for w in weeks
                ],
                "tone": "main",
            },
        ],
    }
    studies = [s for s in services.studies.studies(p) if s.group_id == group_id]
    context = {
        "title": _("%(group)s: check-ins") % {"group": view["group"]},
        "view": view,
        "prevalence_chart": chart,
        "areas": ostrc.BODY_AREAS,
        "area_labels": {str(a): a.label for a in ostrc.AREAS},
        "studies": studies,
    }
    return render(request, "coach/outcomes.html", context)


def _pct(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


def _new_study_page(
    request: Request,
    services: Any,
    group_id: int,
    values: dict[str, str],
    problems: list[Problem],
    *,
    status: int = 200,
) -> HTMLResponse:
    p = auth.require_signed_in(request)
    group = services.coaching.group(p, group_id)
    access.require(
        access.can_manage_group(p, access.GroupRef(group.id, group.coach_user_id)),
        "group",
        group_id,
    )
    context = {
        "title": _("New study"),
        "group": group,
        "values": values,
        "problems": problems,
        "templates": services.coaching.templates(p),
    }
    return render(request, "coach/study_new.html", context, status_code=status)


@router.get("/coach/groups/{group_id}/studies/new", response_class=HTMLResponse)
def new_study_page(group_id: IdPath, request: Request, services: ServicesDep) -> HTMLResponse:
    defaults = {
        "title": "",
        "question": "",
        "follow_up_weeks": "26",
        "arm0.name": "Foot-core programme",
        "arm0.instructions": "Do the foot sessions footcore plans for you, three or more days "
        "a week, and answer the weekly check-in.",
        "arm1.name": "Usual warm-up",
        "arm1.instructions": "Warm up as the club always has; do no extra foot exercises "
        "during the study. Answer the weekly check-in.",
    }
    return _new_study_page(request, services, group_id, defaults, [])


@router.post("/coach/groups/{group_id}/studies", response_model=None)
def create_study(
    group_id: IdPath, request: Request, services: ServicesDep, form: FormDep
) -> Response:
    p = auth.require_signed_in(request)
    values = {k: str(v)[:4000] for k, v in form.items() if isinstance(v, str)}
    arms = []
    for i in range(4):
        name = values.get(f"arm{i}.name", "").strip()
        if not name:
            continue
        template = values.get(f"arm{i}.template", "")
        arms.append(
            {
                "name": name,
                "instructions": values.get(f"arm{i}.instructions", ""),
                "template_id": int(template) if template.isdigit() else None,
            }
        )
    weeks_text = values.get("follow_up_weeks", "").strip()
    seed_text = values.get("seed", "").strip()
    problems = []
    if not weeks_text.isdigit():
        problems.append(Problem("follow_up_weeks", "a whole number of weeks, 1 to 104"))
    if seed_text and not seed_text.isdigit():
        problems.append(Problem("seed", "a whole number, or leave it empty for a random one"))
    if not problems:
        try:
            study = services.studies.create_study(
                p,
                group_id,
                title=values.get("title", ""),
                question=values.get("question", ""),
                arms=arms,
                follow_up_weeks=int(weeks_text),
                seed=int(seed_text) if seed_text else None,
            )
        except ValidationError as exc:
            problems = list(exc.problems)
        else:
            return RedirectResponse(f"/coach/studies/{study.id}", 303)
    return _new_study_page(request, services, group_id, values, problems, status=422)


@router.get("/coach/studies/{study_id}", response_class=HTMLResponse)
def study_report_page(
    study_id: IdPath, request: Request, services: ServicesDep, today: TodayDep
) -> HTMLResponse:
    p = auth.require_signed_in(request)
    report = services.studies.report(p, study_id, today)
    quiet = (
        services.studies.quiet(p, study_id, today) if report["study"]["status"] == "running" else []
    )
    context = {
        "title": report["study"]["title"],
        "report": report,
        "quiet": quiet,
        "message": request.query_params.get("done"),
        "error": request.query_params.get("error"),
    }
    return render(request, "coach/study.html", context)


@router.post("/coach/studies/{study_id}/{action}", response_model=None)
def study_action(
    study_id: IdPath, action: str, request: Request, services: ServicesDep, form: FormDep
) -> Response:
    p = auth.require_signed_in(request)
    studies = services.studies
    try:
        if action == "start":
            studies.start(p, study_id)
            done = "started"
        elif action == "remind":
            done = f"reminded-{studies.remind(p, study_id)}"
        elif action == "close":
            studies.close(p, study_id)
            done = "closed"
        else:
            raise FootcoreError(f"unknown action {action!r}")
    except (access.AccessError, NotFoundError):
        raise
    except FootcoreError as exc:
        return RedirectResponse(f"/coach/studies/{study_id}?error={quote(exc.message)}", 303)
    return RedirectResponse(f"/coach/studies/{study_id}?done={done}", 303)


@router.get("/coach/studies/{study_id}/export.csv", response_model=None)
def export_csv(
    study_id: IdPath, request: Request, services: ServicesDep, today: TodayDep
) -> Response:
    p = auth.require_signed_in(request)
    data, _ = services.studies.export(p, study_id, today)
    return Response(
        data,
        media_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="study-{study_id}.csv"'},
    )


@router.get("/coach/studies/{study_id}/dictionary.csv", response_model=None)
def dictionary_csv(study_id: IdPath, request: Request, services: ServicesDep) -> Response:
    # Deferred: the study report loads only for its data dictionary (measured).
    from footcore.services.study_report import data_dictionary  # noqa: PLC0415

    p = auth.require_signed_in(request)
    services.studies.audit_trail(p, study_id)  # the coach's access, as for the report
    return Response(
        data_dictionary(),
        media_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="study-{study_id}-dictionary.csv"'},
    )

"""Groups and coach mode in the browser.

- ``/groups``: the groups a person belongs to; join with a code, leave.
- ``/coach``: a coach's groups (with invite codes), programme templates and own exercises.
- ``/coach/templates/new``: a template started from a generated plan (goals, equipment,
  minutes, slots, run days, level), then reviewed and edited session by session
  (``/coach/templates/draft``) before it is saved; ``/coach/templates/{id}/edit`` opens a
  saved template in the same editor.
- ``/coach/groups/{id}``: the dashboard (adherence, self-tests and real changes, pain and
  cramp flags, gone quiet), members, the invite code, the group's template.
- ``/coach/groups/{id}/class``: the day's class sheet for the person leading it (printable).
- ``/coach/groups/{id}/members/{athlete_id}``: one member's progress, and a template of
  their own.

Every page asks the coaching service, which asks :mod:`footcore.domain.access`; what a
person may not see answers exactly like what does not exist.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from footcore import i18n
from footcore.domain import access
from footcore.domain.errors import FootcoreError, Problem, ValidationError
from footcore.domain.planning import LEVELS
from footcore.domain.vocab import RunKind
from footcore.i18n import gettext as _
from footcore.web import auth
from footcore.web.api.accounts import member_of
from footcore.web.deps import CatalogueDep, IdPath, ServicesDep, TodayDep
from footcore.web.forms import FormDep
from footcore.web.nav import NavItem
from footcore.web.pages import template_editor
from footcore.web.pages.common import vocab
from footcore.web.routing import GuardedRouter
from footcore.web.templating import render

router = GuardedRouter(include_in_schema=False)
NAV = (
    NavItem("groups", "Groups", "/groups", athlete=True, accounts=True),
    NavItem("coach", "Coach", "/coach", coach=True, accounts=True),
)

MAX_TEXT = 64 * 1024

TEMPLATE_EXAMPLE = """name = "Club feet"
description = "Winter block"
fill_other_days = true

[[sessions]]
days = ["mon", "wed", "fri"]
slot = "morning"
items = ["ball-roll-sole", { exercise = "towel-scrunch", reps = 20, note = "Slow and even." }]
"""


def _text(form: Any, name: str) -> str:
    value = form.get(name)
    return value[:MAX_TEXT] if isinstance(value, str) else ""


def _int(form: Any, name: str) -> int | None:
    text = _text(form, name).strip()
    return int(text) if text.isdigit() and len(text) < 12 else None


# -- an athlete's groups ---------------------------------------------------------------------


def _groups_page(
    request: Request, services: Any, problems: list[Problem], status: int = 200
) -> HTMLResponse:
    p = auth.principal_of(request)
    groups = services.coaching.groups(p)
    member = [g for g in groups if g.id in p.member_groups]
    sharing = {s.group_id: s for s in services.checkins.sharing(p)} if p.athlete_id else {}
    studies = [s for s in services.studies.studies(p) if s.group_id in p.member_groups]
    context = {
        "title": _("Groups"),
        "groups": member,
        "sharing": sharing,
        "studies": studies,
        "shared": request.query_params.get("shared"),
        "problems": problems,
        "joined": request.query_params.get("joined"),
        "left": request.query_params.get("left") == "1",
    }
    return render(request, "coach/groups.html", context, status_code=status)


@router.get("/groups", response_class=HTMLResponse)
def groups_page(request: Request, services: ServicesDep) -> HTMLResponse:
    auth.require_signed_in(request)
    return _groups_page(request, services, [])


@router.post("/groups/join", response_model=None)
def join(request: Request, services: ServicesDep, form: FormDep) -> Response:
    p = auth.require_signed_in(request)
    try:
        group = services.coaching.join(p, _text(form, "code")[:40])
    except access.AccessError:
        raise
    except FootcoreError as exc:
        return _groups_page(request, services, [Problem("code", exc.message)], status=422)
    return RedirectResponse(f"/groups?joined={group.id}", 303)


@router.post("/groups/{group_id}/leave", response_model=None)
def leave(group_id: IdPath, request: Request, services: ServicesDep) -> Response:
    p = auth.require_signed_in(request)
    services.coaching.leave(p, group_id)
    return RedirectResponse("/groups?left=1", 303)


# -- the coach's pages -----------------------------------------------------------------------


def _coach(request: Request) -> Any:
    p = auth.require_signed_in(request)
    access.require(access.can_create_coach_content(p), "coach page", "")
    return p


def _coach_page(
    request: Request,
    services: Any,
    *,
    problems: dict[str, list[Problem]] | None = None,
    drafts: dict[str, str] | None = None,
    status: int = 200,
) -> HTMLResponse:
    p = _coach(request)
    coaching = services.coaching
    owned = [g for g in coaching.groups(p) if g.invite_code is not None]
    context = {
        "title": _("Coach"),
        "groups": owned,
        "templates": coaching.templates(p),
        "exercises": coaching.exercises(p),
        "problems": problems or {},
        "drafts": {"template": TEMPLATE_EXAMPLE, "exercise": "", **(drafts or {})},
        "kinds": ("club", "class"),
        "saved": request.query_params.get("saved", ""),
    }
    return render(request, "coach/coach.html", context, status_code=status)


@router.get("/coach", response_class=HTMLResponse)
def coach_page(request: Request, services: ServicesDep) -> HTMLResponse:
    return _coach_page(request, services)


@router.post("/coach/groups", response_model=None)
def create_group(request: Request, services: ServicesDep, form: FormDep) -> Response:
    p = _coach(request)
    try:
        group = services.coaching.create_group(p, _text(form, "name"), _text(form, "kind"))
    except ValidationError as exc:
        return _coach_page(request, services, problems={"group": list(exc.problems)}, status=422)
    return RedirectResponse(f"/coach/groups/{group.id}", 303)


def parse_template_text(text: str) -> dict[str, Any]:
    """A template typed as TOML (or JSON, when it starts with ``{``)."""
    try:
        data = json.loads(text) if text.lstrip().startswith("{") else tomllib.loads(text)
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        raise ValidationError("template", [Problem("text", str(exc))]) from None
    except RecursionError:
        raise ValidationError("template", [Problem("text", "nested too deeply")]) from None
    if not isinstance(data, dict):
        raise ValidationError("template", [Problem("text", "must be a table of settings")])
    return data


@router.post("/coach/templates", response_model=None)
def save_template(request: Request, services: ServicesDep, form: FormDep) -> Response:
    p = _coach(request)
    text = _text(form, "template")
    try:
        view = services.coaching.save_template(p, parse_template_text(text))
    except ValidationError as exc:
        return _coach_page(
            request,
            services,
            problems={"template": list(exc.problems)},
            drafts={"template": text},
            status=422,
        )
    return RedirectResponse(f"/coach?saved=template-{view.id}#templates", 303)


# -- the template builder: start from a generated plan, review, edit, save -------------------


def _new_template_page(
    request: Request, values: dict[str, Any], problems: list[Problem], status: int = 200
) -> HTMLResponse:
    context = {
        "title": _("New template from a plan"),
        "v": values,
        "vocab": vocab(),
        "levels": LEVELS,
        "problems": problems,
    }
    return render(request, "coach/template_new.html", context, status_code=status)


@router.get("/coach/templates/new", response_class=HTMLResponse)
def new_template_page(request: Request) -> HTMLResponse:
    _coach(request)
    return _new_template_page(request, dict(template_editor.DRAFT_DEFAULTS), [])


def _editor_page(
    request: Request,
    services: Any,
    body: dict[str, Any],
    *,
    problems: list[Problem] | None = None,
    notes: tuple[str, ...] = (),
    source: str = "",
    status: int = 200,
) -> HTMLResponse:
    p = auth.principal_of(request)
    catalogue = services.coaching.template_catalogue(p)
    names = {t.name for t in services.coaching.templates(p)}
    view = template_editor.editor_view(body, catalogue, problems or [])
    context = {
        "title": _("Review the template"),
        "view": view,
        "notes": notes,
        "source": source,
        "existing": view.name.strip() in names,
        "max_items": template_editor.MAX_ITEMS,
    }
    return render(request, "coach/template_editor.html", context, status_code=status)


@router.post("/coach/templates/from-plan", response_model=None)
def template_from_plan(request: Request, services: ServicesDep, form: FormDep) -> Response:
    """A draft from the plan the planner makes for such an athlete; shown in the editor."""
    p = _coach(request)
    data = template_editor.draft_request(form)
    try:
        draft = services.coaching.template_from_plan(p, data)
    except ValidationError as exc:
        values = template_editor.draft_values(data)
        return _new_template_page(request, values, list(exc.problems), status=422)
    body = draft.to_dict()["template"]
    return _editor_page(request, services, body, notes=draft.notes, source="plan")


@router.get("/coach/templates/{template_id}/edit", response_class=HTMLResponse)
def edit_template(template_id: IdPath, request: Request, services: ServicesDep) -> HTMLResponse:
    p = auth.require_signed_in(request)
    view = services.coaching.template(p, template_id)
    return _editor_page(request, services, dict(view.body), source="saved")


@router.post("/coach/templates/draft", response_model=None)
def template_draft(request: Request, services: ServicesDep, form: FormDep) -> Response:
    """The editor's form: apply the coach's changes and show the template again (checked),
    or save it (``action=save``) - checked exactly as a typed template."""
    p = _coach(request)
    catalogue = services.coaching.template_catalogue(p)
    body = template_editor.body_from_form(form, catalogue)
    try:
        if form.get("action") == "save":
            saved = services.coaching.save_template(p, body)
            return RedirectResponse(f"/coach?saved=template-{saved.id}#templates", 303)
        body = services.coaching.check_template(p, body)
    except ValidationError as exc:
        return _editor_page(request, services, body, problems=list(exc.problems), status=422)
    return _editor_page(request, services, body)


@router.post("/coach/exercises", response_model=None)
def add_exercise(request: Request, services: ServicesDep, form: FormDep) -> Response:
    p = _coach(request)
    text = _text(form, "exercise")
    try:
        slug = services.coaching.add_exercise(p, text)
    except ValidationError as exc:
        return _coach_page(
            request,
            services,
            problems={"exercise": list(exc.problems)},
            drafts={"exercise": text},
            status=422,
        )
    return RedirectResponse(f"/library/{slug}", 303)


@router.get("/coach/groups/{group_id}", response_class=HTMLResponse)
def group_page(
    group_id: IdPath, request: Request, services: ServicesDep, today: TodayDep
) -> HTMLResponse:
    p = auth.require_signed_in(request)
    board = services.coaching.dashboard(p, group_id, today)
    context = {
        "title": board.group.name,
        "board": board,
        "templates": services.coaching.templates(p),
        "run_kinds": list(RunKind),
        "assigned": request.query_params.get("assigned") == "1",
    }
    return render(request, "coach/group.html", context)


@router.post("/coach/groups/{group_id}/code", response_model=None)
def new_code(group_id: IdPath, request: Request, services: ServicesDep) -> Response:
    p = auth.require_signed_in(request)
    services.coaching.new_code(p, group_id)
    return RedirectResponse(f"/coach/groups/{group_id}", 303)


def _starts(form: Any) -> dt.date | None:
    text = _text(form, "starts_on").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError("assignment", [Problem("starts_on", "a date, YYYY-MM-DD")]) from None


@router.post("/coach/groups/{group_id}/assign", response_model=None)
def assign_group(
    group_id: IdPath, request: Request, services: ServicesDep, form: FormDep
) -> Response:
    p = auth.require_signed_in(request)
    template = _int(form, "template_id")
    if template is None:
        raise ValidationError("assignment", [Problem("template_id", "choose a template")])
    services.coaching.assign_template(p, template, group_id=group_id, starts_on=_starts(form))
    return RedirectResponse(f"/coach/groups/{group_id}?assigned=1", 303)


@router.get("/coach/groups/{group_id}/class", response_class=HTMLResponse)
def class_page(
    group_id: IdPath,
    request: Request,
    services: ServicesDep,
    today: TodayDep,
    catalogue: CatalogueDep,
) -> HTMLResponse:
    p = auth.require_signed_in(request)
    query = request.query_params
    after = query.get("after", "none")
    if after not in RunKind.slugs():
        raise ValidationError("class", [Problem("after", f"one of {', '.join(RunKind.slugs())}")])
    day = today
    if query.get("date"):
        try:
            day = dt.date.fromisoformat(query["date"])
        except ValueError:
            raise ValidationError("class", [Problem("date", "a date, YYYY-MM-DD")]) from None
    group = services.coaching.group(p, group_id)
    sheet = services.coaching.class_sheet(p, group_id, day, after)
    # Each exercise's drawing, for the person leading the class to show.
    drawn = {
        i.exercise: catalogue.get(i.exercise)
        for i in sheet.items
        if i.exercise in catalogue and catalogue.get(i.exercise).demo is not None
    }
    # The exercises' words (name, cues, cautions) in the page's language.
    language = i18n.current()
    local = {
        i.exercise: catalogue.get(i.exercise).in_language(language)
        for i in sheet.items
        if i.exercise in catalogue
    }
    context = {
        "title": _("Class: %(group)s") % {"group": group.name},
        "local": local,
        "group": group,
        "sheet": sheet,
        "drawn": drawn,
        "data": sheet.to_dict(),
        "after": after,
        "run_kinds": list(RunKind),
    }
    return render(request, "coach/class.html", context)


@router.get("/coach/groups/{group_id}/members/{athlete_id}", response_class=HTMLResponse)
def member_page(
    group_id: IdPath, athlete_id: IdPath, request: Request, services: ServicesDep, today: TodayDep
) -> HTMLResponse:
    p = auth.principal_of(request)
    name = member_of(request, services, group_id, athlete_id)
    report = services.progress(athlete_id, today).to_dict()
    context = {
        "title": name,
        "name": name,
        "group_id": group_id,
        "athlete_id": athlete_id,
        "report": report,
        "templates": services.coaching.templates(p),
        "assigned": request.query_params.get("assigned") == "1",
    }
    return render(request, "coach/member.html", context)


@router.post("/coach/groups/{group_id}/members/{athlete_id}/assign", response_model=None)
def assign_member(
    group_id: IdPath,
    athlete_id: IdPath,
    request: Request,
    services: ServicesDep,
    form: FormDep,
) -> Response:
    p = auth.principal_of(request)
    member_of(request, services, group_id, athlete_id)
    template = _int(form, "template_id")
    if template is None:
        raise ValidationError("assignment", [Problem("template_id", "choose a template")])
    services.coaching.assign_template(p, template, athlete_id=athlete_id, starts_on=_starts(form))
    return RedirectResponse(f"/coach/groups/{group_id}/members/{athlete_id}?assigned=1", 303)

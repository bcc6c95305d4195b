"""Correcting a logged session: which exercises were done in full, as logged, or skipped,
and the feedback; or deleting it. Either way the adaptation that followed is decided again
(``LogService.correct_session`` / ``delete_session``). Plain forms, no JavaScript needed."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from footcore.domain.errors import FootcoreError, Problem, ValidationError
from footcore.i18n import gettext as _
from footcore.services import Feedback, ItemEntry
from footcore.services.logs import planned_entry
from footcore.web.deps import PageAthleteDep, ServicesDep
from footcore.web.forms import FormDep
from footcore.web.routing import GuardedRouter
from footcore.web.templating import render

router = GuardedRouter(include_in_schema=False)


def choices() -> tuple[tuple[str, str], ...]:
    """What a person may say of each exercise, in the page's language."""
    return (("full", _("Done in full")), ("as-logged", _("As logged")), ("skipped", _("Not done")))


def _state(entry: ItemEntry | None) -> str:
    if entry is None or entry.skipped:
        return "skipped"
    planned_sets = int(entry.planned.get("sets") or 1)
    return "full" if entry.sets_done >= planned_sets else "as-logged"


def _rows(services: Any, athlete_id: int, client_id: str) -> dict[str, Any]:
    """The session's exercises (planned ones never reached too) and its feedback."""
    day, slot, items, feedback = services.logs.logged_entries(athlete_id, client_id)
    logged = {i.index: i for i in items}
    try:
        planned = list(services.programmes.planned_session(athlete_id, day, slot)["items"])
    except FootcoreError:  # a session of a day the programme no longer has
        planned = [dict(i.planned) for i in items]
    rows = []
    for n, item in enumerate(planned):
        entry = logged.get(n)
        rows.append(
            {
                "index": n,
                "name": str(item.get("name") or item["exercise"]),
                "planned": item,
                "entry": entry,
                "state": _state(entry),
                "partial": entry is not None and _state(entry) == "as-logged",
            }
        )
    return {"day": day, "slot": slot, "rows": rows, "feedback": feedback}


def _page(
    request: Request,
    services: Any,
    athlete_id: int,
    client_id: str,
    *,
    problems: list[Problem] | None = None,
    status: int = 200,
) -> HTMLResponse:
    context = {
        **_rows(services, athlete_id, client_id),
        "client_id": client_id,
        "choices": choices(),
        "problems": problems or [],
        "title": _("Correct a session"),
    }
    return render(request, "athlete/correct_session.html", context, status_code=status)


@router.get("/sessions/{client_id}/edit", response_class=HTMLResponse)
def edit_page(
    request: Request, client_id: str, services: ServicesDep, athlete_id: PageAthleteDep
) -> HTMLResponse:
    return _page(request, services, athlete_id, client_id)


def _number(form: Any, key: str) -> int | None:
    raw = str(form.get(key, "")).strip()
    return int(raw) if raw.isdigit() else None


@router.post("/sessions/{client_id}/edit", response_model=None)
def edit_post(
    request: Request,
    client_id: str,
    services: ServicesDep,
    athlete_id: PageAthleteDep,
    form: FormDep,
) -> Response:
    data = _rows(services, athlete_id, client_id)
    items: list[ItemEntry] = []
    for row in data["rows"]:
        choice = str(form.get(f"item-{row['index']}", row["state"]))
        if choice == "full":
            items.append(planned_entry(row["index"], row["planned"]))
        elif choice == "as-logged" and row["entry"] is not None:
            items.append(row["entry"])
        elif row["entry"] is not None or choice == "skipped":
            items.append(planned_entry(row["index"], row["planned"], skipped=True))
    cramp = {"yes": True, "no": False}.get(str(form.get("cramp", "")))
    note = str(form.get("note", "")).strip() or None
    feedback: Feedback = replace(
        data["feedback"],
        difficulty=_number(form, "difficulty"),
        pain=_number(form, "pain"),
        cramp=cramp,
        note=note,
    )
    try:
        services.logs.correct_session(athlete_id, client_id, items, feedback)
    except ValidationError as exc:
        return _page(
            request, services, athlete_id, client_id, problems=list(exc.problems), status=422
        )
    return RedirectResponse("/progress?session=corrected#sessions", 303)


@router.post("/sessions/{client_id}/delete", response_model=None)
def delete_post(
    request: Request,
    client_id: str,
    services: ServicesDep,
    athlete_id: PageAthleteDep,
    form: FormDep,
) -> Response:
    if form.get("confirm") != "yes":
        problems = [Problem("confirm", "tick the box to say you mean to delete it")]
        return _page(request, services, athlete_id, client_id, problems=problems, status=422)
    services.logs.delete_session(athlete_id, client_id)
    return RedirectResponse("/progress?session=deleted#sessions", 303)

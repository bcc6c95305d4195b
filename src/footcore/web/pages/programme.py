"""The programme: levels (unlocked or not, and what each brings), the weeks, and each
day's sessions with the reason for every exercise; and the calendar feed: a secret address
a calendar app subscribes to (``GET /calendar/{token}.ics``, no sign-in: the token is the
secret), made, replaced and stopped from the programme page."""

from __future__ import annotations

import contextlib
from typing import Any

from fastapi import Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from footcore import i18n
from footcore.domain.languages import known
from footcore.domain.planning import LEVELS, RULES
from footcore.i18n import gettext as _
from footcore.web.athlete import profile_of, unlocked_level
from footcore.web.deps import PageAthleteDep, ServicesDep, TodayDep
from footcore.web.forms import FormDep
from footcore.web.nav import NavItem
from footcore.web.routing import GuardedRouter
from footcore.web.templating import render

router = GuardedRouter(include_in_schema=False)
NAV = NavItem("programme", "Programme", "/programme", athlete=True)


@router.get("/programme", response_class=HTMLResponse)
def programme_page(
    request: Request,
    services: ServicesDep,
    athlete_id: PageAthleteDep,
    today: TodayDep,
    week: int | None = Query(None, ge=1, le=104),
) -> HTMLResponse:
    return _programme(request, services, athlete_id, today, week=week)


def _programme(
    request: Request,
    services: Any,
    athlete_id: int,
    today: Any,
    *,
    week: int | None = None,
    feed_url: str | None = None,
) -> HTMLResponse:
    programme = services.current_programme(athlete_id, today)
    plan = programme.plan
    weeks: list[dict[str, Any]] = list(plan["weeks"])
    iso = today.isoformat()
    this_week = next(
        (w for w in weeks if any(d["date"] == iso for d in w["days"])), weeks[0] if weeks else None
    )
    current_level = int(this_week["level"]) if this_week else 1
    open_level = unlocked_level(services, athlete_id, current_level)
    number = week or (int(this_week["number"]) if this_week else 1)
    shown = next((w for w in weeks if int(w["number"]) == number), this_week)
    profile = profile_of(services, athlete_id)
    context = {
        "plan": plan,
        "weeks": weeks,
        "week": shown,
        "this_week": this_week,
        "today": iso,
        "levels": [
            {
                "level": lv,
                "unlocked": lv.number <= open_level,
                "current": lv.number == current_level,
            }
            for lv in LEVELS
        ],
        "rules": RULES,
        "welcome": request.query_params.get("welcome") == "1",
        "name": profile.get("name", ""),
        "title": _("Programme"),
        "feed_url": feed_url,
        "feed_state": request.query_params.get("feed"),
    }
    # The page that shows a new feed address once is never kept by a cache.
    headers = {"Cache-Control": "no-store"} if feed_url else None
    return render(request, "athlete/programme.html", context, headers=headers)


def _exports(services: Any) -> Any:
    # Deferred: the exports (fpdf) load only when a file is asked for (measured).
    from footcore.services.exports import ExportService  # noqa: PLC0415

    return ExportService(services.ctx)


@router.post("/programme/calendar-feed", response_class=HTMLResponse)
def create_calendar_feed(
    request: Request,
    services: ServicesDep,
    athlete_id: PageAthleteDep,
    today: TodayDep,
    form: FormDep,
) -> HTMLResponse:
    """Make a new feed address (older ones stop working) and show it, this once; with the
    reminders chosen (one a day unless the address says otherwise)."""
    # Deferred: the exports (fpdf) load only when a file is asked for (measured).
    from footcore.services.exports import feed_path  # noqa: PLC0415

    path = feed_path(_exports(services).create_feed(athlete_id))
    reminders = str(form.get("reminders") or "daily")
    if reminders in ("session", "none"):
        path += f"?reminders={reminders}"
    url = str(request.base_url).rstrip("/") + path
    return _programme(request, services, athlete_id, today, feed_url=url)


@router.post("/programme/calendar-feed/revoke", response_model=None)
def revoke_calendar_feed(services: ServicesDep, athlete_id: PageAthleteDep) -> Response:
    _exports(services).revoke_feeds(athlete_id)
    return RedirectResponse("/programme?feed=revoked", 303)


def _account_language(services: Any, athlete_id: int) -> str | None:
    """The language the account of an athlete reads footcore in, if it chose one."""
    for user in services.accounts.users():
        if user.athlete_id == athlete_id:
            return known(user.language or "")
    return None


@router.get("/calendar/{token}.ics", response_model=None)
def calendar_feed(
    token: str,
    services: ServicesDep,
    reminders: str | None = None,
    language: str | None = None,
) -> Response:
    """The feed's calendar for a calendar app: no sign-in, the address is the secret; an
    unknown and a stopped address answer the same 404. ``?reminders=session`` or ``none``
    changes the one reminder a day. The events are in the language of the feed's account
    (``?language=es`` or ``en`` chooses one; without either, the calendar app's
    ``Accept-Language``)."""
    exports = _exports(services)
    athlete = exports.feed_athlete(token)
    chosen = known(language or "") or _account_language(services, athlete)
    with i18n.use(chosen) if chosen else contextlib.nullcontext():
        file = exports.calendar_for_feed(token, reminders)
    return Response(
        file.content,
        media_type=file.media_type,
        headers={"Cache-Control": "private", "X-Robots-Tag": "noindex"},
    )

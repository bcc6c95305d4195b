"""Today: the day's sessions by slot with a start button, what changed since yesterday and
why, the streak, a level-unlocked banner (shown once) and what the next level brings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from footcore import i18n
from footcore.domain.errors import ConflictError, ValidationError
from footcore.domain.planning import LEVELS
from footcore.i18n import gettext as _
from footcore.web import athlete as adapters
from footcore.web.auth import athlete_of
from footcore.web.deps import (
    CatalogueDep,
    FootcoreDep,
    PageAthleteDep,
    ServicesDep,
    TodayDep,
)
from footcore.web.forms import FormDep
from footcore.web.nav import NavItem
from footcore.web.pages.home import start_page
from footcore.web.routing import GuardedRouter
from footcore.web.templating import render

router = GuardedRouter(include_in_schema=False)
NAV = NavItem("today", "Today", "/today", athlete=True)

#: Cookie remembering the highest level whose unlock banner was shown.
SEEN_LEVEL_COOKIE = "footcore_seen_level"


def level_texts(level: int | None, unlocked: int, banner: int | None) -> dict[str, Any]:
    """The week's level, the level of the banner, and the next one still to unlock."""

    def at(number: int | None) -> Any:
        return LEVELS[min(max(number or 1, 1), len(LEVELS)) - 1]

    following = LEVELS[unlocked] if unlocked < len(LEVELS) else None
    return {"current": at(level), "banner": at(banner), "next": following}


def _chain_name(catalogue: Any, slug: str) -> str:
    if slug in catalogue:
        return str(catalogue.get(slug).in_language(i18n.current()).name)
    return slug.replace("-", " ")


@router.get("/today", response_class=HTMLResponse)
def today_page(
    request: Request,
    *,
    services: ServicesDep,
    footcore: FootcoreDep,
    catalogue: CatalogueDep,
    athlete_id: PageAthleteDep,
    today: TodayDep,
) -> HTMLResponse:
    view = services.today(athlete_id, today)
    report = services.progress(athlete_id, today)
    profile = adapters.profile_of(services, athlete_id)
    yesterday = today - dt.timedelta(days=1)
    worked_yesterday = adapters.session_logs(footcore, athlete_id, yesterday, yesterday)
    morning_open = bool(worked_yesterday) and all(
        log["next_morning_pain"] is None for log in worked_yesterday
    )
    unlocks = [d for d in view.decisions if d.action == "unlock" and d.level]
    seen = _int(request.cookies.get(SEEN_LEVEL_COOKIE))
    banner = max(unlocks, key=lambda d: d.level or 0) if unlocks else None
    if banner is not None and seen is not None and (banner.level or 0) <= seen:
        banner = None
    logged = {s.slot: s for s in view.logged}
    checkin = services.checkins.status(athlete_id, today)
    studies = [
        (study, mine)
        for study, mine in services.studies.my_participations(athlete_id)
        if mine.arm is not None and mine.withdrawn_at is None and study.status == "running"
    ]
    context = {
        "checkin": checkin,
        "studies": studies,
        "view": view,
        "sessions": view.sessions,
        "logged": logged,
        "streak": report.streaks,
        "this_week": report.this_week,
        "decisions": [
            {"d": d, "name": _chain_name(catalogue, d.chain)}
            for d in view.decisions
            if d.action != "unlock"
        ],
        "banner": banner,
        "levels": level_texts(
            view.level,
            adapters.unlocked_level(services, athlete_id, view.level),
            banner.level if banner else None,
        ),
        "slot_times": profile.get("slot_times", {}),
        "morning_open": morning_open,
        "yesterday": yesterday,
        "title": _("Today"),
    }
    response = render(request, "athlete/today.html", context)
    if banner is not None:
        # Once: the banner is not shown again for this level in this browser.
        response.set_cookie(
            SEEN_LEVEL_COOKIE, str(banner.level), max_age=400 * 86400, samesite="lax"
        )
    return response


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


@router.post("/today/morning-pain", response_model=None)
def morning_pain(
    request: Request,
    services: ServicesDep,
    athlete_id: PageAthleteDep,
    today: TodayDep,
    form: FormDep,
) -> Response:
    try:
        nrs = int(str(form.get("nrs", "")))
    except ValueError:
        nrs = -1
    try:
        services.record_morning_pain(athlete_id, today, nrs)
    except (ValidationError, ConflictError):  # out of range, or nothing logged that day
        return RedirectResponse("/today?morning=invalid", 303)
    return RedirectResponse("/today?morning=saved", 303)


@router.get("/", response_model=None)
def home_or_today(request: Request, services: ServicesDep, catalogue: CatalogueDep) -> Response:
    """Today once someone is set up; before that, the start page."""
    if athlete_of(request) is not None:
        return RedirectResponse("/today", 303)
    return start_page(request, catalogue, onboarded=False)

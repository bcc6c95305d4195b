"""The programme: levels (unlocked or not, and what each brings), the weeks, and each
day's sessions with the reason for every exercise."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from footcore.web.athlete import profile_of, unlocked_level
from footcore.web.deps import PageAthleteDep, ServicesDep, TodayDep
from footcore.web.nav import NavItem
from footcore.web.templating import render

router = APIRouter(include_in_schema=False)
NAV = NavItem("programme", "Programme", "/programme", athlete=True)


def split_why(why: str) -> tuple[str, str]:
    """The reason in words, and the rule ids it ends with (``Rules: a, b``)."""
    if "Rules:" in why:
        text, rules = why.rsplit("Rules:", 1)
        return text.strip(), rules.strip().rstrip(".")
    return why, ""


@router.get("/programme", response_class=HTMLResponse)
def programme_page(
    request: Request,
    services: ServicesDep,
    athlete_id: PageAthleteDep,
    today: TodayDep,
    week: int | None = Query(None, ge=1, le=104),
) -> HTMLResponse:
    from footcore.domain.planning import LEVELS, RULES

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
        "split_why": split_why,
        "welcome": request.query_params.get("welcome") == "1",
        "name": profile.get("name", ""),
        "title": "Programme",
    }
    return render(request, "athlete/programme.html", context)

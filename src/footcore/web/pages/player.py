"""The session player page: a shell that ``static/js/player.js`` runs.

The script gets the session from ``GET /api/v1/today/{slot}``, keeps progress in the
browser (localStorage, keyed by the session's client id) and sends each finished item and
the final log to the API, retrying when the connection comes back.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from footcore.domain.vocab import Target
from footcore.web.athlete import foot_map_url, player_session
from footcore.web.deps import PageAthleteDep, ServicesDep, TodayDep
from footcore.web.footmap import foot_map
from footcore.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/play/{slot}", response_class=HTMLResponse)
def player_page(
    request: Request,
    *,
    slot: str,
    services: ServicesDep,
    athlete_id: PageAthleteDep,
    today: TodayDep,
    date: dt.date | None = None,
) -> HTMLResponse:
    day = date or today
    # The athlete's catalogue (a coach's exercise shows its cues to the coach's members).
    catalogue = services.programmes.catalogue_for(athlete_id)
    session = player_session(services, catalogue, athlete_id, day, slot)
    drawn = {
        item["exercise"]: catalogue.get(item["exercise"])
        for item in session["items"]
        if item["exercise"] in catalogue and catalogue.get(item["exercise"]).demo is not None
    }
    context = {
        "session": session,
        "drawn": drawn,
        "api_url": f"/api/v1/today/{slot}?date={day.isoformat()}",
        "title": f"Session: {session['slot_label']}",
    }
    return render(request, "player/player.html", context)


@router.get("/foot-map.svg", response_model=None)
def foot_map_svg(target: Annotated[list[Target] | None, Query()] = None) -> Response:
    """The foot map of some targets as an SVG file (the player swaps it per exercise)."""
    svg = foot_map(target or (), id_prefix="fm", captions=False)
    headers = {"Cache-Control": "public, max-age=86400"}
    return Response(str(svg), media_type="image/svg+xml", headers=headers)


__all__ = ["foot_map_url"]

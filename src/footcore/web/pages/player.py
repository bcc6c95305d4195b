"""The session player page: a shell that ``static/js/player.js`` runs.

The script gets the session from ``GET /api/v1/today/{slot}``, keeps progress in the
browser (localStorage, keyed by the session's client id) and sends each finished item and
the final log to the API, retrying when the connection comes back.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.responses import HTMLResponse, Response

from footcore import i18n
from footcore.domain.vocab import Target
from footcore.i18n import gettext as _
from footcore.i18n.plan_words import plan_text
from footcore.services import Services
from footcore.web.athlete import foot_map_url, player_session
from footcore.web.deps import ServicesDep, TodayDep, get_principal, page_athlete_id
from footcore.web.footmap import foot_map
from footcore.web.labels import label
from footcore.web.mode import one_person_athlete
from footcore.web.page_cache import page_cache, viewer_of
from footcore.web.routing import GuardedRouter
from footcore.web.templating import render

router = GuardedRouter(include_in_schema=False)
#: The player page itself, matched before every other route (:data:`footcore.web.pages.KEPT`).
kept = GuardedRouter(include_in_schema=False)


@kept.get("/play/{slot}", response_class=HTMLResponse)
async def player_page(
    request: Request,
    *,
    slot: str,
    services: ServicesDep,
    today: TodayDep,
    date: dt.date | None = None,
) -> Response:
    """Rendered once per athlete data version, day, language and viewer, then served from
    :mod:`footcore.web.page_cache` (the version read before rendering)."""
    athlete_id, version = await _athlete_and_version(request)
    day = date or today

    def rendered(csrf_token: str) -> bytes:
        context = player_context(services, athlete_id, day, slot)
        context["csrf_token"] = csrf_token
        return bytes(render(request, "player/player.html", context).body)

    seen_by = await viewer_of(request)
    key = ("play", athlete_id, slot, day, today, seen_by) if version is not None else None
    return await page_cache(request).response(request, key, version or 0, rendered)


async def _athlete_and_version(request: Request) -> tuple[int, int | None]:
    """The athlete the page is for (as ``PageAthleteDep``: sign in first, or onboarding)
    and its data version; in one-person mode both from one read."""
    first = await one_person_athlete(request)
    athlete_id = await page_athlete_id(await get_principal(request))
    if first is not None:
        return athlete_id, first.version
    version: int | None = await request.app.state.versions.version_async(athlete_id)
    return athlete_id, version


def player_context(services: Services, athlete_id: int, day: dt.date, slot: str) -> dict[str, Any]:
    """What the player's template shows (in a worker thread: it reads the database)."""
    # The athlete's catalogue (a coach's exercise shows its cues to the coach's members).
    catalogue = services.programmes.catalogue_for(athlete_id)
    session = player_session(services, catalogue, athlete_id, day, slot)
    drawn = {
        item["exercise"]: catalogue.get(item["exercise"])
        for item in session["items"]
        if item["exercise"] in catalogue and catalogue.get(item["exercise"]).demo is not None
    }
    language = i18n.current()
    return {
        "session": session,
        "drawn": {slug: ex.in_language(language) for slug, ex in drawn.items()},
        "words": player_words(),
        "exercise_words": {
            ex.slug: {
                "name": ex.name,
                "cues": list(ex.cues),
                "category_label": label(ex.category),
                "why": plan_text(item["why"]),  # the planner's reason in the page's language
            }
            for ex, item in (
                (catalogue.get(item["exercise"]).in_language(language), item)
                for item in session["items"]
                if item["exercise"] in catalogue
            )
        },
        "api_url": f"/api/v1/today/{slot}?date={day.isoformat()}",
        "title": _("Session: %(slot)s") % {"slot": label(session["slot"])},
    }


@router.get("/foot-map.svg", response_model=None)
def foot_map_svg(target: Annotated[list[Target] | None, Query()] = None) -> Response:
    """The foot map of some targets as an SVG file (the player swaps it per exercise)."""
    svg = foot_map(target or (), id_prefix="fm", captions=False)
    headers = {"Cache-Control": "public, max-age=86400"}
    return Response(str(svg), media_type="image/svg+xml", headers=headers)


__all__ = ["foot_map_url"]


def player_words() -> dict[str, str]:
    """What the player's script writes, in the page's language (``{name}`` fields are
    filled in by the script)."""
    return {
        "swap_offline": _("Swapping needs a connection; carry on with this one or skip it."),
        "swap_none": _("No equivalent exercise fits your equipment."),
        "swapped_why": _("Swapped in for {name}: same kind of work on the same area."),
        "progress": _("Harder"),
        "regress": _("Easier"),
        "hold": _("Same"),
        "unlock": _("Level unlocked"),
        "move": _("Moved"),
        "left_foot_said": _("left foot."),
        "right_foot_said": _("right foot."),
        "set_of": _("Set {set} of {sets}"),
        "exercise_of": _("Exercise {n} of {total}"),
        "works_on": _("Works on: {targets}"),
        "foot_map": _("Foot map"),
        "left_foot": _("Left foot"),
        "right_foot": _("Right foot"),
        "both_feet": _("Both feet"),
        "resume": _("Resume"),
        "pause": _("Pause"),
        "reps_tap": _("Reps: tap + for each one, then Done"),
        "done": _("Done"),
        "hold_now": _("Hold"),
        "release_now": _("Release"),
        "hold_phase": _("{phase} · rep {rep} of {reps} · {left} s left in this set"),
        "keep_going": _("Keep going"),
        "ten_left": _("10 seconds left"),
        "end_now": _("End now"),
        "next": _("Next: {name}"),
        "last": _("Last exercise"),
        "offline": _(
            "Offline: your progress is kept on this device and sent when the connection is back."
        ),
        "signed_out": _(
            "Kept on this device: sign in again (or reload the page) and it will be sent."
        ),
        "not_saved": _("Not saved: {message}"),
        "saved": _("Saved."),
        "logged": _("Logged {done} of {total} exercises."),
        "kept": _("Kept on this device; it will be sent as soon as you are back online."),
        "load_failed": _(
            "The session could not be loaded. Check the connection and reload the page."
        ),
    }

"""Small read adapters the web app needs beyond the services' flat methods.

The session logs (for the pain chart and ``GET /api/v1/sessions``) are read through the unit
of work directly: the services have no listing of logs yet. Everything else here only
reshapes what the services hand back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from footcore.bootstrap import App
from footcore.domain.errors import NotFoundError
from footcore.domain.exercise import Catalogue, Exercise
from footcore.domain.wording import why_text
from footcore.services import Services
from footcore.services.context import require_athlete
from footcore.services.views import LoggedSlot
from footcore.web.footmap import targets_sentence
from footcore.web.labels import label

SIDES = ("left", "right", "both")


def profile_of(services: Services, athlete_id: int) -> dict[str, Any]:
    """The athlete's current profile mapping (the profile file's keys)."""
    return dict(services.programmes.athlete(athlete_id).profile)


def unlocked_level(services: Services, athlete_id: int, week_level: int | None) -> int:
    """The highest level open: the week's level, or more when adaptation unlocked it (an
    unlocked level shows in the plan from the week the calendar reaches it)."""
    adjustments = services.current_programme(athlete_id).adjustments
    stored = adjustments.get("unlocked_level")
    return max(week_level or 1, int(stored) if stored else 1)


def foot_map_url(targets: Any) -> str:
    return "/foot-map.svg?" + urlencode([("target", str(t)) for t in targets])


def _item_log(item: Any) -> dict[str, Any]:
    reps = {s: getattr(item, f"reps_{s}") for s in SIDES}
    seconds = {s: getattr(item, f"seconds_{s}") for s in SIDES}
    return {
        "index": item.item_index,
        "exercise": item.exercise,
        "planned": dict(item.planned),
        "sets_done": item.sets_done,
        "reps": {k: v for k, v in reps.items() if v is not None},
        "seconds": {k: v for k, v in seconds.items() if v is not None},
        "skipped": item.skipped,
        "difficulty": item.difficulty,
        "pain": item.pain_during,
        "cramp": item.cramp,
        "note": item.note,
    }


def _session_log(log: Any) -> dict[str, Any]:
    return {
        "client_id": log.client_id,
        "date": log.date.isoformat(),
        "slot": log.slot,
        "source": log.source,
        "planned_items": log.planned_items,
        "planned_minutes": log.planned_minutes,
        "started_at": log.started_at.isoformat(),
        "ended_at": log.ended_at.isoformat() if log.ended_at else None,
        "finished": log.ended_at is not None,
        "difficulty": log.difficulty,
        "pain": log.pain_during,
        "next_morning_pain": log.next_morning_pain,
        "cramp": log.cramp,
        "note": log.note,
        "items": [_item_log(i) for i in log.items],
    }


def session_logs(
    footcore: App, athlete_id: int, since: dt.date | None = None, until: dt.date | None = None
) -> list[dict[str, Any]]:
    """Stored session logs with their items, oldest first."""
    with footcore.uow() as uow:
        require_athlete(uow, athlete_id)
        return [
            _session_log(log) for log in uow.sessions.list(athlete_id, since=since, until=until)
        ]


def session_log(footcore: App, athlete_id: int, client_id: str) -> dict[str, Any]:
    with footcore.uow() as uow:
        require_athlete(uow, athlete_id)
        log = uow.sessions.by_client_id(athlete_id, client_id)
        if log is None:
            raise NotFoundError("session log", client_id, [])
        return _session_log(log)


def pain_by_day(logs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per day: the highest pain during foot work (session or exercise) and the highest
    next-morning pain, where given."""
    days: dict[str, dict[str, Any]] = {}
    for log in logs:
        day = days.setdefault(log["date"], {"date": log["date"], "during": None, "morning": None})
        during = [log["pain"], *(i["pain"] for i in log["items"])]
        for key, values in (("during", during), ("morning", [log["next_morning_pain"]])):
            for value in values:
                if value is not None:
                    day[key] = value if day[key] is None else max(day[key], value)
    return [d for d in days.values() if d["during"] is not None or d["morning"] is not None]


def exercise_brief(ex: Exercise) -> dict[str, Any]:
    return {
        "name": ex.name,
        "category": str(ex.category),
        "targets": [str(t) for t in ex.targets],
        "targets_text": targets_sentence(ex.targets),
        "foot_map": foot_map_url(ex.targets),
        "cues": list(ex.cues),
        "cautions": list(ex.cautions),
    }


def _unknown_brief(item: Mapping[str, Any], slug: str) -> dict[str, Any]:
    """What the player shows of an exercise the catalogue no longer has: the plan's name."""
    return {
        "name": str(item.get("name") or slug),
        "category": str(item.get("category", "")),
        "targets": [],
        "targets_text": "",
        "foot_map": foot_map_url(()),
        "cues": [],
        "cautions": [],
    }


def _player_item(catalogue: Catalogue, index: int, item: Mapping[str, Any]) -> dict[str, Any]:
    """One plan item as the player shows it: the exercise, why it is there and its dose."""
    slug = str(item["exercise"])
    brief = exercise_brief(catalogue.get(slug)) if slug in catalogue else _unknown_brief(item, slug)
    return {
        "index": index,
        "exercise": slug,
        **brief,
        "why": why_text(str(item.get("why", ""))),
        "sets": max(1, int(item.get("sets") or 1)),
        "reps": item.get("reps"),
        "hold_s": item.get("hold_s"),
        "duration_s": item.get("duration_s"),
        "per_side": bool(item.get("per_side")),
        "tempo": item.get("tempo"),
        "rest_s": item.get("rest_s"),
        "added_load": item.get("added_load"),
        "minutes": item.get("minutes"),
        "planned": _planned(item),
    }


def _logged_summary(logged: LoggedSlot | None) -> dict[str, Any] | None:
    """How far the session's log got, if it has one."""
    if logged is None:
        return None
    return {
        "client_id": logged.client_id,
        "items_done": logged.items_done,
        "items_skipped": logged.items_skipped,
        "items_in_full": logged.items_in_full,
        "complete": logged.complete,
        "finished": logged.finished,
    }


def player_session(
    services: Services, catalogue: Catalogue, athlete_id: int, on: dt.date, slot: str
) -> dict[str, Any]:
    """The planned session of ``slot`` on ``on``, with what the player shows for each item."""
    view = services.today(athlete_id, on)
    sessions = {str(s["slot"]): s for s in view.sessions}
    if slot not in sessions:
        raise NotFoundError(f"session on {on.isoformat()}", slot, list(sessions))
    session = sessions[slot]
    items = [_player_item(catalogue, i, item) for i, item in enumerate(session["items"])]
    logged = next((s for s in view.logged if s.slot == slot), None)
    profile = profile_of(services, athlete_id)
    return {
        "date": on.isoformat(),
        "slot": slot,
        "slot_label": label(slot),
        "minutes": float(session["minutes"]),
        "equipment": list(profile.get("equipment", [])),
        "items": items,
        "logged": _logged_summary(logged),
    }


PLANNED_KEYS = ("exercise", "sets", "reps", "hold_s", "duration_s", "per_side", "minutes", "steps")


def _planned(item: Mapping[str, Any]) -> dict[str, Any]:
    """The dose of a plan item as stored with its log."""
    return {k: item.get(k) for k in PLANNED_KEYS if k in item}

"""``/api/v1`` over the athlete's data: onboarding and profile, the programme and today,
session logs (idempotent on the client's id), morning pain, runs, self-tests and progress.

Every route calls one service (or a read adapter of :mod:`footcore.web.athlete`); every
body is a pydantic model, and a :class:`~footcore.domain.errors.FootcoreError` from the
services answers 4xx through the app's error handlers.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import Query, Request, Response

from footcore.catalogue.plain_data import exercise_to_dict
from footcore.domain.errors import Problem, ValidationError
from footcore.domain.planning import LEVELS
from footcore.domain.vocab import Equipment
from footcore.domain.wording import dose_text
from footcore.services import Feedback, ItemEntry, RunEntry, SessionHeader
from footcore.web import athlete as adapters
from footcore.web import auth
from footcore.web.api.models import (
    ERROR_RESPONSES,
    AssessmentIn,
    AthleteOut,
    DecisionOut,
    DecisionsOut,
    EquivalentOut,
    FeedbackIn,
    ItemIn,
    ItemStoredOut,
    LevelOut,
    LogReceiptOut,
    MorningPainIn,
    OnboardIn,
    OnboardOut,
    PlanOut,
    PlayerSessionOut,
    ProfileIn,
    ProgressOut,
    RunIn,
    RunOut,
    RunStoredOut,
    SessionCorrectionIn,
    SessionLogIn,
    SessionLogOut,
    SessionOpenIn,
    SessionOpenOut,
    StoredAssessmentOut,
    TodayOut,
)
from footcore.web.cache import TodayAnswers
from footcore.web.deps import (
    AthleteDep,
    CatalogueDep,
    DateQuery,
    FootcoreDep,
    IsoDate,
    ServicesDep,
)
from footcore.web.routing import GuardedRouter
from footcore.web.writes import written

NEEDS_ATHLETE: dict[int | str, dict[str, Any]] = {
    409: ERROR_RESPONSES[409],
    400: ERROR_RESPONSES[400],
    404: ERROR_RESPONSES[404],
}
EquipmentQuery = Annotated[
    list[Equipment] | None,
    Query(description="Equipment at hand; default: the athlete's, else none."),
]
router = GuardedRouter(prefix="/api/v1", responses={422: ERROR_RESPONSES[422], **NEEDS_ATHLETE})


# --- parsing helpers ------------------------------------------------------------------------


def parse_day(text: str | None, where: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            "request", [Problem(where, f"expected a date as YYYY-MM-DD, got {text!r}")]
        ) from None


def parse_time(text: str | None, where: str) -> dt.datetime | None:
    """An ISO 8601 time; one without an offset is taken as UTC."""
    if text is None:
        return None
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValidationError(
            "request", [Problem(where, f"expected an ISO 8601 time, got {text!r}")]
        ) from None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _header(body: SessionOpenIn) -> SessionHeader:
    day = parse_day(body.date, "body.date")
    assert day is not None
    return SessionHeader(
        client_id=body.client_id,
        date=day,
        slot=str(body.slot),
        source=body.source,
        planned_items=body.planned_items,
        planned_minutes=body.planned_minutes,
        started_at=parse_time(body.started_at, "body.started_at"),
    )


def _item(body: ItemIn, where: str) -> ItemEntry:
    return ItemEntry(
        index=body.index,
        exercise=body.exercise,
        planned=body.planned,
        sets_done=body.sets_done,
        reps=body.reps,
        seconds=body.seconds,
        skipped=body.skipped,
        difficulty=body.difficulty,
        pain=body.pain,
        cramp=body.cramp,
        note=body.note,
        started_at=parse_time(body.started_at, f"{where}.started_at"),
        ended_at=parse_time(body.ended_at, f"{where}.ended_at"),
    )


def _feedback(body: FeedbackIn) -> Feedback:
    return Feedback(
        difficulty=body.difficulty,
        pain=body.pain,
        cramp=body.cramp,
        note=body.note,
        ended_at=parse_time(body.ended_at, "body.ended_at"),
    )


# --- athlete and programme --------------------------------------------------------------------


@router.post(
    "/onboarding",
    response_model=OnboardOut,
    status_code=201,
    tags=["athlete"],
    summary="Set up the athlete and the first programme",
)
def onboard(body: OnboardIn, request: Request) -> dict[str, Any]:
    """Stores the profile (version 1) and generates the programme. One athlete per account
    (one-person mode: one for the install): a second onboarding answers 400."""
    start = parse_day(body.start, "body.start")
    result = auth.onboard(request, body.profile.to_profile(), start)
    p = result.programme
    return {
        "athlete": _athlete(result.athlete),
        "programme": {
            "id": p.id,
            "generator_version": p.generator_version,
            "start": p.start.isoformat(),
            "weeks": p.weeks,
        },
    }


def _athlete(view: Any) -> dict[str, Any]:
    return {
        "id": view.id,
        "name": view.name,
        "profile_version": view.profile_version,
        "profile": dict(view.profile),
    }


@router.get("/profile", response_model=AthleteOut, tags=["athlete"], summary="The profile")
def get_profile(services: ServicesDep, athlete_id: AthleteDep) -> dict[str, Any]:
    return _athlete(services.programmes.athlete(athlete_id))


@router.put(
    "/profile", response_model=AthleteOut, tags=["athlete"], summary="Save a new profile version"
)
def put_profile(body: ProfileIn, services: ServicesDep, athlete_id: AthleteDep) -> dict[str, Any]:
    """A new profile version; the programme follows the next time it is read."""
    return _athlete(services.update_profile(athlete_id, body.to_profile()))


@router.get(
    "/plan",
    response_model=PlanOut,
    tags=["programme"],
    summary="The programme in force (footcore.plan/1)",
)
def get_plan(services: ServicesDep, athlete_id: AthleteDep, on: DateQuery = None) -> Any:
    """The stored programme, regenerated first when anything it depends on changed."""
    return services.current_programme(athlete_id, on).plan


@router.get(
    "/levels", response_model=list[LevelOut], tags=["programme"], summary="Levels, unlocked or not"
)
def get_levels(
    services: ServicesDep, athlete_id: AthleteDep, on: DateQuery = None
) -> list[dict[str, Any]]:
    """The six levels, what each brings, which are unlocked, and the level of the day's
    week (``current``)."""
    level = services.today(athlete_id, on).level or 1
    open_level = adapters.unlocked_level(services, athlete_id, level)
    return [
        {
            "number": lv.number,
            "title": lv.title,
            "unlocks": lv.unlocks,
            "focus": lv.focus,
            "unlocked": lv.number <= open_level,
            "current": lv.number == level,
        }
        for lv in LEVELS
    ]


@router.get("/today", response_model=TodayOut, tags=["programme"], summary="Today's sessions")
async def get_today(request: Request, on: DateQuery = None) -> Response:
    """``footcore.today/1``: the day's sessions by slot, what is logged, and the
    adaptation decisions since yesterday with their reasons."""
    # Kept per athlete and checked against the athlete's data version on every request
    # (footcore.web.cache); the same answers as services.today(athlete, on).
    answers: TodayAnswers = request.app.state.today_answers
    return await answers.response(request, on)


@router.get(
    "/today/{slot}",
    response_model=PlayerSessionOut,
    tags=["programme"],
    summary="One session of the day, for the player",
    responses={404: ERROR_RESPONSES[404]},
)
def get_session_for_player(
    slot: str,
    services: ServicesDep,
    athlete_id: AthleteDep,
    on: DateQuery = None,
) -> dict[str, Any]:
    """The planned session of ``slot``: each item with its name, cues, targets, foot map
    and dose (a coach's exercise too, for the members of the coach's groups). 404 when
    nothing is planned in that slot on the day."""
    day = on or services.ctx.today()
    catalogue = services.programmes.catalogue_for(athlete_id)
    return adapters.player_session(services, catalogue, athlete_id, day, slot)


@router.get(
    "/exercises/{slug}/equivalents",
    response_model=list[EquivalentOut],
    tags=["exercises"],
    summary="Exercises that can stand in for one",
    responses={404: ERROR_RESPONSES[404]},
)
def get_equivalents(
    slug: str,
    request: Request,
    services: ServicesDep,
    catalogue: CatalogueDep,
    equipment: EquipmentQuery = None,
) -> list[dict[str, Any]]:
    """Same category, a shared target, doable with the equipment, not heavier; closest
    first."""
    have: list[str] | list[Equipment]
    if equipment is not None:
        have = equipment
    else:
        athlete_id = auth.athlete_of(request)
        have = (
            adapters.profile_of(services, athlete_id).get("equipment", [])
            if athlete_id is not None
            else []
        )
    found = catalogue.equivalents(slug, [Equipment(e) for e in have])
    return [
        {
            "slug": ex.slug,
            "name": ex.name,
            "category": str(ex.category),
            "targets": [str(t) for t in ex.targets],
            "dose": exercise_to_dict(ex)["dose"],
            "dose_summary": dose_text(ex.dose),
            "foot_map": adapters.foot_map_url(ex.targets),
            "cues": list(ex.cues),
        }
        for ex in found
    ]


# --- session logs -----------------------------------------------------------------------------


@router.post(
    "/sessions",
    response_model=SessionOpenOut,
    status_code=201,
    responses={
        200: {"model": SessionOpenOut, "description": "Started before (the same client_id)."}
    },
    tags=["sessions"],
    summary="Start a session (stored once per client id)",
)
async def open_session(
    body: SessionOpenIn, services: ServicesDep, athlete_id: AthleteDep, response: Response
) -> dict[str, Any]:
    """Sending the same ``client_id`` again stores nothing new (``created`` false)."""
    work = services.logs.open_session_work(athlete_id, _header(body))
    session_id, created = await written(services, work)
    response.status_code = 201 if created else 200
    return {"client_id": body.client_id, "session_id": session_id, "created": created}


@router.post(
    "/sessions/{client_id}/items",
    response_model=ItemStoredOut,
    tags=["sessions"],
    summary="Store one finished item (once per index)",
)
async def log_item(
    client_id: str, body: ItemIn, services: ServicesDep, athlete_id: AthleteDep
) -> dict[str, Any]:
    work = services.logs.log_item_work(athlete_id, client_id, _item(body, "body"))
    stored = await written(services, work)
    return {"client_id": client_id, "index": body.index, "stored": stored}


@router.post(
    "/sessions/{client_id}/finish",
    response_model=DecisionsOut,
    tags=["sessions"],
    summary="Finish a session with its feedback",
)
async def finish_session(
    client_id: str, body: FeedbackIn, services: ServicesDep, athlete_id: AthleteDep
) -> dict[str, Any]:
    """The first feedback sent is kept; the answer lists the adaptation decisions this
    session led to (also when it was finished before)."""
    work = services.logs.finish_session_work(athlete_id, client_id, _feedback(body))
    decisions = await written(services, work)
    return {"client_id": client_id, "decisions": [d.to_dict() for d in decisions]}


@router.put(
    "/sessions/{client_id}",
    response_model=LogReceiptOut,
    tags=["sessions"],
    summary="Store a whole session at once (idempotent)",
)
async def put_session(
    client_id: str, body: SessionLogIn, services: ServicesDep, athlete_id: AthleteDep
) -> dict[str, Any]:
    """Start, items and feedback in one transaction. Sending it again (a retry after the
    connection dropped) stores nothing twice."""
    if body.client_id != client_id:
        raise ValidationError(
            "session log", [Problem("body.client_id", "must equal the client id in the path")]
        )
    items = [_item(item, f"body.items[{i}]") for i, item in enumerate(body.items)]
    feedback = _feedback(body.feedback)
    work = services.logs.log_session_work(athlete_id, _header(body), items, feedback)
    receipt = await written(services, work)
    return receipt.to_dict()


@router.patch(
    "/sessions/{client_id}",
    response_model=DecisionsOut,
    tags=["sessions"],
    summary="Correct a logged session (its exercises and feedback)",
    responses={404: ERROR_RESPONSES[404]},
)
def correct_session(
    client_id: str, body: SessionCorrectionIn, services: ServicesDep, athlete_id: AthleteDep
) -> dict[str, Any]:
    """The items replace the logged ones; the adaptation decided from the session's day on
    is decided again. The answer lists this session's decisions as they now stand."""
    items = [_item(item, f"body.items[{i}]") for i, item in enumerate(body.items)]
    decisions = services.logs.correct_session(
        athlete_id, client_id, items, _feedback(body.feedback)
    )
    return {"client_id": client_id, "decisions": [d.to_dict() for d in decisions]}


@router.delete(
    "/sessions/{client_id}",
    status_code=204,
    response_class=Response,
    tags=["sessions"],
    summary="Delete a logged session",
    responses={404: ERROR_RESPONSES[404]},
)
def delete_session(client_id: str, services: ServicesDep, athlete_id: AthleteDep) -> Response:
    """The session and its exercises go; the adaptation decided from its day on is decided
    again without it."""
    services.logs.delete_session(athlete_id, client_id)
    return Response(status_code=204)


@router.get(
    "/sessions",
    response_model=list[SessionLogOut],
    tags=["sessions"],
    summary="Session logs, oldest first",
)
def list_sessions(
    footcore: FootcoreDep,
    athlete_id: AthleteDep,
    since: Annotated[IsoDate | None, Query(description="First day, YYYY-MM-DD.")] = None,
    until: Annotated[IsoDate | None, Query(description="Last day, YYYY-MM-DD.")] = None,
) -> list[dict[str, Any]]:
    return adapters.session_logs(footcore, athlete_id, since, until)


@router.get(
    "/sessions/{client_id}",
    response_model=SessionLogOut,
    tags=["sessions"],
    summary="One session log",
    responses={404: ERROR_RESPONSES[404]},
)
def get_session(client_id: str, footcore: FootcoreDep, athlete_id: AthleteDep) -> dict[str, Any]:
    return adapters.session_log(footcore, athlete_id, client_id)


@router.post(
    "/morning-pain",
    response_model=list[DecisionOut],
    tags=["sessions"],
    summary="Pain on waking after yesterday's foot work",
)
def morning_pain(
    body: MorningPainIn, services: ServicesDep, athlete_id: AthleteDep
) -> list[dict[str, Any]]:
    """Stored on the sessions of the day before; a worse morning steps chains back."""
    morning = parse_day(body.date, "body.date") or services.ctx.today()
    return [d.to_dict() for d in services.record_morning_pain(athlete_id, morning, body.nrs)]


# --- runs, self-tests, progress ---------------------------------------------------------------


@router.get("/runs", response_model=list[RunOut], tags=["runs"], summary="Runs, oldest first")
def list_runs(services: ServicesDep, athlete_id: AthleteDep) -> list[dict[str, Any]]:
    return [r.to_dict() for r in services.runs(athlete_id)]


@router.post(
    "/runs",
    response_model=RunStoredOut,
    status_code=201,
    responses={200: {"model": RunStoredOut, "description": "Stored before (the same client_id)."}},
    tags=["runs"],
    summary="Record a run",
)
def add_run(
    body: RunIn, services: ServicesDep, athlete_id: AthleteDep, response: Response
) -> dict[str, bool]:
    """With a ``client_id``, sending the same run again stores it once."""
    day = parse_day(body.date, "body.date")
    assert day is not None
    run = RunEntry(
        date=day,
        km=body.km,
        minutes=body.minutes,
        kind=body.kind,
        felt=body.felt,
        note=body.note,
        client_id=body.client_id,
    )
    stored = services.add_run(athlete_id, run)
    response.status_code = 201 if stored else 200
    return {"stored": stored}


@router.get(
    "/assessments",
    response_model=list[StoredAssessmentOut],
    tags=["self-tests"],
    summary="Stored self-test results",
)
def list_assessments(services: ServicesDep, athlete_id: AthleteDep) -> list[dict[str, Any]]:
    return [
        {"id": a.id, "taken_on": a.taken_on.isoformat(), "report": dict(a.report)}
        for a in services.records.assessments(athlete_id)
    ]


@router.post(
    "/assessments",
    response_model=StoredAssessmentOut,
    status_code=201,
    tags=["self-tests"],
    summary="Score and store self-test results",
)
def record_assessment(
    body: AssessmentIn, services: ServicesDep, athlete_id: AthleteDep
) -> dict[str, Any]:
    """Scored like ``POST /assessments/score`` and stored; the programme takes the newest
    results into account."""
    view = services.record_assessment(athlete_id, body.model_dump(exclude_none=True))
    return {"id": view.id, "taken_on": view.taken_on.isoformat(), "report": dict(view.report)}


@router.get(
    "/progress",
    response_model=ProgressOut,
    tags=["progress"],
    summary="Adherence, streaks, weekly minutes, self-tests, runs",
)
def get_progress(services: ServicesDep, athlete_id: AthleteDep, on: DateQuery = None) -> Any:
    return services.progress(athlete_id, on).to_dict()

"""``/api/v1`` for the weekly injury check-in, sharing it with a coach, the coach's group
view and club studies (docs/outcomes.md). Every route calls one service."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query, Request, Response
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool

from footcore.domain.ostrc import AREAS
from footcore.web.api.models import ERROR_RESPONSES, Number, Whole
from footcore.web.deps import AthleteDep, DateQuery, IdPath, IsoDate, ServicesDep, SignedInDep
from footcore.web.routing import GuardedRouter

router = GuardedRouter(
    prefix="/api/v1",
    responses={s: ERROR_RESPONSES[s] for s in (400, 404, 409, 422)},
)


def _not_a_flag(value: object) -> object:
    if isinstance(value, bool):
        raise ValueError("an answer is an option's key or its score, not true or false")
    return value


#: An answer: the option's key ("reduced") or its score (17).
Answer = Annotated[str | int, BeforeValidator(_not_a_flag)]


class AreaIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    participation: Answer
    training: Answer | None = None
    performance: Answer | None = None
    symptoms: Answer | None = None


class CheckinIn(BaseModel):
    """This week's check-in: ``{"none": true}`` for no problem anywhere (the one tap), or
    the areas that had a problem, each with its four answers (option keys or scores)."""

    model_config = ConfigDict(extra="forbid")
    none: StrictBool = False
    areas: dict[str, AreaIn] = Field(
        default_factory=dict,
        max_length=6,
        json_schema_extra={"propertyNames": {"enum": [str(a) for a in AREAS]}},
    )


class SharingIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    share: StrictBool


class ArmIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=120)
    instructions: str = Field(default="", max_length=4000)
    template_id: Whole | None = Field(default=None, ge=1, le=2_147_483_647)


class StudyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1, max_length=200)
    question: str = Field(default="", max_length=4000)
    arms: list[ArmIn] = Field(min_length=2, max_length=4)
    follow_up_weeks: Whole = Field(ge=1, le=104)
    seed: Whole | None = Field(default=None, ge=0, lt=2**62)


class JoinIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    weekly_km: Number = Field(ge=0, le=400)
    previous_injury: StrictBool


class StartIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    starts_on: IsoDate | None = None


class RemindedOut(BaseModel):
    reminded: int


Json = dict[str, Any]


# -- the athlete's check-in ------------------------------------------------------------------


@router.get("/checkin", response_model=Json, tags=["check-in"], summary="This week's check-in")
def get_checkin(services: ServicesDep, athlete_id: AthleteDep, on: DateQuery = None) -> Json:
    """Due, done or skipped this week, and what the latest check-in means for the plan."""
    return services.checkins.status(athlete_id, on).to_dict()


@router.post(
    "/checkin",
    response_model=Json,
    status_code=201,
    tags=["check-in"],
    summary="Answer this week's check-in",
)
def post_checkin(
    body: CheckinIn, services: ServicesDep, athlete_id: AthleteDep, on: DateQuery = None
) -> Json:
    """Once a week (Monday to Sunday): a second answer in the same week answers 400; a
    skipped week can still be answered."""
    data: dict[str, Any] = {"none": body.none} if body.none else {}
    if body.areas:
        data["areas"] = {k: v.model_dump(exclude_none=True) for k, v in body.areas.items()}
    return services.checkins.record(athlete_id, data, on).to_dict()


@router.post(
    "/checkin/skip", response_model=Json, tags=["check-in"], summary="Skip this week's check-in"
)
def skip_checkin(services: ServicesDep, athlete_id: AthleteDep, on: DateQuery = None) -> Json:
    return services.checkins.skip(athlete_id, on).to_dict()


@router.get("/checkins", response_model=list[Json], tags=["check-in"], summary="Every check-in")
def list_checkins(services: ServicesDep, athlete_id: AthleteDep) -> list[Json]:
    return [c.to_dict() for c in services.checkins.history(athlete_id)]


@router.get(
    "/outcome",
    response_model=Json,
    tags=["check-in"],
    summary="Weekly severity per area, weeks with a problem, the dose so far",
)
def get_outcome(services: ServicesDep, athlete_id: AthleteDep, on: DateQuery = None) -> Json:
    return services.checkins.outcome(athlete_id, on).to_dict()


@router.get(
    "/sharing",
    response_model=list[Json],
    tags=["check-in"],
    summary="Whom you share your check-ins with",
)
def get_sharing(request: Request, principal: SignedInDep, services: ServicesDep) -> list[Json]:
    return [s.to_dict() for s in services.checkins.sharing(principal)]


@router.put(
    "/sharing/{group_id:int}",
    response_model=Json,
    tags=["check-in"],
    summary="Share your check-ins with a group's coach, or stop",
)
def put_sharing(
    group_id: IdPath, body: SharingIn, principal: SignedInDep, services: ServicesDep
) -> Json:
    """Recorded with the wording agreed to; every change is audited."""
    return services.checkins.set_sharing(principal, group_id, body.share).to_dict()


# -- the coach -----------------------------------------------------------------------------


@router.get(
    "/groups/{group_id:int}/outcomes",
    response_model=Json,
    tags=["groups"],
    summary="Weekly prevalence of problems in the group",
)
def group_outcomes(
    group_id: IdPath,
    principal: SignedInDep,
    services: ServicesDep,
    on: DateQuery = None,
    weeks: Annotated[int, Query(ge=2, le=104)] = 12,
) -> Json:
    """Only members who share their check-ins with you count; nothing of the others shows."""
    return services.studies.group_outcomes(principal, group_id, on, weeks).to_dict()


# -- studies ---------------------------------------------------------------------------------


@router.get("/studies", response_model=list[Json], tags=["studies"], summary="Your studies")
def list_studies(principal: SignedInDep, services: ServicesDep) -> list[Json]:
    """Studies of the groups you coach or belong to."""
    return [s.to_dict() for s in services.studies.studies(principal)]


@router.post(
    "/groups/{group_id:int}/studies",
    response_model=Json,
    status_code=201,
    tags=["studies"],
    summary="Set up a study in your group",
)
def create_study(
    group_id: IdPath, body: StudyIn, principal: SignedInDep, services: ServicesDep
) -> Json:
    view = services.studies.create_study(
        principal,
        group_id,
        title=body.title,
        question=body.question,
        arms=[a.model_dump() for a in body.arms],
        follow_up_weeks=body.follow_up_weeks,
        seed=body.seed,
    )
    return view.to_dict()


@router.get("/studies/{study_id:int}", response_model=Json, tags=["studies"], summary="One study")
def get_study(study_id: IdPath, principal: SignedInDep, services: ServicesDep) -> Json:
    return services.studies.study(principal, study_id).to_dict()


@router.post(
    "/studies/{study_id:int}/join",
    response_model=Json,
    status_code=201,
    tags=["studies"],
    summary="Agree to take part",
)
def join_study(
    study_id: IdPath, body: JoinIn, principal: SignedInDep, services: ServicesDep
) -> Json:
    """Your usual weekly distance and whether you had a running injury before are the
    strata of the randomisation."""
    return services.studies.join(
        principal, study_id, weekly_km=body.weekly_km, previous_injury=body.previous_injury
    ).to_dict()


@router.post(
    "/studies/{study_id:int}/withdraw", response_model=Json, tags=["studies"], summary="Withdraw"
)
def withdraw(study_id: IdPath, principal: SignedInDep, services: ServicesDep) -> Json:
    return services.studies.withdraw(principal, study_id).to_dict()


@router.get(
    "/studies/{study_id:int}/participation",
    response_model=Json | None,
    tags=["studies"],
    summary="Your place in a study",
)
def participation(study_id: IdPath, principal: SignedInDep, services: ServicesDep) -> Any:
    found = services.studies.participation(principal, study_id)
    return found.to_dict() if found is not None else None


@router.post(
    "/studies/{study_id:int}/start",
    response_model=Json,
    tags=["studies"],
    summary="Randomise and start follow-up",
)
def start_study(
    study_id: IdPath, body: StartIn, principal: SignedInDep, services: ServicesDep
) -> Json:
    return services.studies.start(principal, study_id, body.starts_on).to_dict()


@router.post(
    "/studies/{study_id:int}/close", response_model=Json, tags=["studies"], summary="Close a study"
)
def close_study(study_id: IdPath, principal: SignedInDep, services: ServicesDep) -> Json:
    return services.studies.close(principal, study_id).to_dict()


@router.get(
    "/studies/{study_id:int}/quiet",
    response_model=list[str],
    tags=["studies"],
    summary="Participants without a check-in this week (their study codes)",
)
def quiet(
    study_id: IdPath, principal: SignedInDep, services: ServicesDep, on: DateQuery = None
) -> list[str]:
    return services.studies.quiet(principal, study_id, on)


@router.post(
    "/studies/{study_id:int}/reminders",
    response_model=RemindedOut,
    tags=["studies"],
    summary="Remind the quiet participants",
)
def remind(
    study_id: IdPath, principal: SignedInDep, services: ServicesDep, on: DateQuery = None
) -> dict[str, int]:
    """They see the request on Today until they answer this week's check-in."""
    return {"reminded": services.studies.remind(principal, study_id, on)}


@router.get(
    "/studies/{study_id:int}/report",
    response_model=Json,
    tags=["studies"],
    summary="The arms compared",
)
def study_report(
    study_id: IdPath, principal: SignedInDep, services: ServicesDep, on: DateQuery = None
) -> Json:
    return services.studies.report(principal, study_id, on)


_CSV: dict[int | str, dict[str, Any]] = {200: {"content": {"text/csv": {}}, "description": "CSV"}}


@router.get(
    "/studies/{study_id:int}/export.csv",
    tags=["studies"],
    summary="Anonymised participant-weeks (CSV)",
    response_class=Response,
    responses=_CSV,
)
def study_export(
    study_id: IdPath, principal: SignedInDep, services: ServicesDep, on: DateQuery = None
) -> Response:
    """Fresh random ids in every export; no names, no dates (study weeks only)."""
    data, _ = services.studies.export(principal, study_id, on)
    return Response(
        data,
        media_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="study-{study_id}.csv"'},
    )


@router.get(
    "/studies/{study_id:int}/dictionary.csv",
    tags=["studies"],
    summary="The export's data dictionary (CSV)",
    response_class=Response,
    responses=_CSV,
)
def study_dictionary(study_id: IdPath, principal: SignedInDep, services: ServicesDep) -> Response:
    # Deferred: not loaded by the web app's start (measured).
    from footcore.services.study_report import data_dictionary  # noqa: PLC0415

    services.studies.audit_trail(principal, study_id)  # the coach's, as for the export
    return Response(
        data_dictionary(),
        media_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="study-{study_id}-dictionary.csv"'},
    )


@router.get(
    "/studies/{study_id:int}/audit",
    response_model=list[Json],
    tags=["studies"],
    summary="The study's audit trail",
)
def study_audit(study_id: IdPath, principal: SignedInDep, services: ServicesDep) -> list[Json]:
    return services.studies.audit_trail(principal, study_id)

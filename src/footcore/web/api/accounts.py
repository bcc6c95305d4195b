"""``/api/v1``: the account (who is signed in, export, deletion), groups and coach mode.

Every route asks :mod:`footcore.domain.access` (directly, or through the coaching service,
which asks it before it reads or writes); a denial answers 401, 403 or 404 exactly as for
a thing that does not exist. Changes need the CSRF token (``X-CSRF-Token``), which
``GET /api/v1/account`` gives.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from fastapi import Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from footcore.domain import access
from footcore.domain.errors import FootcoreError, NotFoundError, UnavailableError
from footcore.domain.vocab import Equipment, Goal, RunKind, Slot
from footcore.services import Services
from footcore.web import auth
from footcore.web.api.models import ERROR_RESPONSES, ProgressOut, Weekday, Whole
from footcore.web.deps import IdPath, IsoDate, NotOnboardedError, ServicesDep, SignedInDep, TodayDep
from footcore.web.routing import GuardedRouter

ERRORS: dict[int | str, dict[str, Any]] = {
    s: ERROR_RESPONSES[s] for s in (400, 401, 403, 404, 409, 422)
}
router = GuardedRouter(prefix="/api/v1", responses=ERRORS)

MAX_TEMPLATE_KEYS = 200
MAX_TOML = 64 * 1024


class UserOut(BaseModel):
    id: int
    email: str
    role: str
    athlete_id: int | None
    created_at: str
    locked_until: str | None
    last_sign_in_at: str | None


class AccountOut(BaseModel):
    mode: Literal["one-person", "multi-user"]
    user: UserOut | None = Field(description="The account signed in (none in one-person mode).")
    athlete_id: int | None
    csrf_token: str = Field(description="Send it as the X-CSRF-Token header on every change.")


class ExportOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    format: str
    schema_: str | int = Field(alias="schema")
    tables: dict[str, list[dict[str, Any]]]


class PasswordIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    current_password: str = Field(max_length=1024)
    new_password: str = Field(max_length=1024)


class PasswordOut(BaseModel):
    signed_out_sessions: int = Field(
        description="Other sessions of the account that were ended (this one stays)."
    )


class DeletedOut(BaseModel):
    deleted: dict[str, int] = Field(description="Rows deleted, per table.")


class GroupIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    # The service checks them (one answer lists every problem); the schema states them.
    name: str = Field(max_length=500, json_schema_extra={"minLength": 1, "maxLength": 120})
    kind: str = Field("club", max_length=20, json_schema_extra={"enum": ["club", "class"]})


class GroupOut(BaseModel):
    id: int
    name: str
    kind: str
    coach_user_id: int
    invite_code: str | None = Field(description="Only for the group's coach.")
    members: int = Field(description="Accepted members.")


class JoinIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(min_length=1, max_length=40)


class MemberOut(BaseModel):
    athlete_id: int
    name: str
    status: str
    since: str | None


class TemplateOut(BaseModel):
    id: int
    name: str
    version: int
    body: dict[str, Any]


class RunningIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    days: list[Weekday] = Field(default_factory=list, max_length=7)
    long_run_day: Weekday | None = None


def _terms(vocabulary: type[StrEnum]) -> dict[str, Any]:
    return {"enum": [str(term) for term in vocabulary]}


class DraftIn(BaseModel):
    """Who a template drafted from a plan is for (the profile's keys of the same name)."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(max_length=500, json_schema_extra={"minLength": 1, "maxLength": 120})
    description: str = Field("", max_length=5000)
    # The service checks level and minutes with the other keys, so one answer lists every
    # problem; the schema states the ranges.
    level: Whole = Field(
        1,
        description="1-6: the plan's week that reaches this level.",
        json_schema_extra={"minimum": 1, "maximum": 6},
    )
    goals: list[Annotated[str, Field(json_schema_extra=_terms(Goal))]] = Field(
        default_factory=lambda: ["general"], max_length=20, json_schema_extra={"minItems": 1}
    )
    equipment: list[Annotated[str, Field(json_schema_extra=_terms(Equipment))]] = Field(
        default_factory=list, max_length=20
    )
    minutes_per_day: Whole = Field(10, json_schema_extra={"minimum": 2, "maximum": 60})
    slots: list[Annotated[str, Field(json_schema_extra=_terms(Slot))]] = Field(
        default_factory=lambda: ["morning", "desk", "tv"],
        max_length=20,
        json_schema_extra={"minItems": 1},
    )
    running: RunningIn | None = None


class DraftOut(BaseModel):
    template: dict[str, Any] = Field(description="A footcore.template/1 document, not saved.")
    notes: list[str] = Field(description="What could not be carried over from the plan.")


class AssignIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    group_id: Whole | None = Field(None, ge=1, le=2_147_483_647)
    athlete_id: Whole | None = Field(None, ge=1, le=2_147_483_647)
    starts_on: IsoDate | None = None


class AssignedOut(BaseModel):
    assignment_id: int


class ExerciseFileIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    toml: str = Field(min_length=1, max_length=MAX_TOML)


class SlugOut(BaseModel):
    slug: str


def user_dict(view: Any) -> dict[str, Any]:
    data: dict[str, Any] = view.to_dict()
    return data


def group_dict(view: Any) -> dict[str, Any]:
    data: dict[str, Any] = view.to_dict()
    return data


# -- the account -----------------------------------------------------------------------------


@router.get("/account", response_model=AccountOut, tags=["account"], summary="Who is signed in")
def get_account(request: Request, principal: SignedInDep) -> dict[str, Any]:
    """The mode, the account and its athlete, and the CSRF token for changes; 401 when
    nobody is signed in (multi-user mode)."""
    sign_in = auth.sign_in_of(request)
    return {
        "mode": "multi-user" if auth.multi_user(request) else "one-person",
        "user": user_dict(sign_in.user) if sign_in is not None else None,
        "athlete_id": principal.athlete_id,
        "csrf_token": auth.csrf_token(request),
    }


@router.post(
    "/account/password",
    response_model=PasswordOut,
    tags=["account"],
    summary="Change your password",
)
def change_password(
    body: PasswordIn, request: Request, _: SignedInDep, services: ServicesDep
) -> dict[str, Any]:
    """Needs the current password; a wrong one counts as a failed sign-in (five in a row
    lock the account for 15 minutes) and answers 422 with the problem at
    ``current_password``. Every other session of the account is signed out; this one stays
    signed in. One-person mode has no account and no password (400)."""
    sign_in = auth.sign_in_of(request)
    if sign_in is None:
        raise UnavailableError("one-person mode has no account, so there is no password to change")
    ended = services.accounts.change_password(
        sign_in.user.id, body.current_password, body.new_password, sign_in.session_id
    )
    return {"signed_out_sessions": ended}


def export_for(request: Request, services: Services) -> dict[str, Any]:
    """Every row of the acting person's account and training data."""
    p = auth.require_signed_in(request)
    if p.local:
        athlete_id = auth.athlete_of(request)
        if athlete_id is None:
            raise NotOnboardedError()
        data: dict[str, Any] = services.accounts.export_athlete(athlete_id)
        return data
    assert p.user_id is not None
    access.require(access.can_close_account(p, p.user_id), "account", p.user_id)
    data = services.accounts.export_all(p.user_id)
    return data


def delete_for(request: Request, services: Services) -> dict[str, int]:
    """Delete the acting person's account and every row of theirs."""
    p = auth.require_signed_in(request)
    if p.local:
        athlete_id = auth.athlete_of(request)
        if athlete_id is None:
            raise NotOnboardedError()
        counts: dict[str, int] = services.accounts.delete_athlete(athlete_id)
        return counts
    assert p.user_id is not None
    access.require(access.can_close_account(p, p.user_id), "account", p.user_id)
    counts = services.accounts.delete_account(p.user_id)
    return counts


@router.get(
    "/account/export",
    response_model=ExportOut,
    tags=["account"],
    summary="Everything stored about you, as JSON",
)
def export_account(request: Request, _: SignedInDep, services: ServicesDep) -> dict[str, Any]:
    """Every row of your account and training data (the backup's row form); secrets such
    as the password hash are left out."""
    return export_for(request, services)


@router.delete(
    "/account", response_model=DeletedOut, tags=["account"], summary="Delete your account"
)
def delete_account(
    request: Request, response: Response, _: SignedInDep, services: ServicesDep
) -> dict[str, Any]:
    """Deletes the account and every row of its training data (one-person mode: the
    athlete's); the session ends."""
    counts = delete_for(request, services)
    auth.end_session(request, response)
    return {"deleted": counts}


# -- groups ----------------------------------------------------------------------------------


@router.get("/groups", response_model=list[GroupOut], tags=["groups"], summary="Your groups")
def list_groups(request: Request, principal: SignedInDep, services: ServicesDep) -> Any:
    """The groups you coach and the groups you belong to (accepted)."""
    return [group_dict(g) for g in services.coaching.groups(principal)]


@router.post(
    "/groups", response_model=GroupOut, status_code=201, tags=["groups"], summary="New group"
)
def create_group(
    body: GroupIn, request: Request, principal: SignedInDep, services: ServicesDep
) -> Any:
    """A group (``club`` or ``class``) with a fresh invite code; coaches only."""
    return group_dict(services.coaching.create_group(principal, body.name, body.kind))


@router.post("/groups/join", response_model=GroupOut, tags=["groups"], summary="Join a group")
def join_group(
    body: JoinIn, request: Request, principal: SignedInDep, services: ServicesDep
) -> Any:
    """Join with the invite code your coach gave you (accepted at once)."""
    return group_dict(services.coaching.join(principal, body.code))


@router.get("/groups/{group_id:int}", response_model=GroupOut, tags=["groups"], summary="One group")
def get_group(
    group_id: IdPath, request: Request, principal: SignedInDep, services: ServicesDep
) -> Any:
    return group_dict(services.coaching.group(principal, group_id))


@router.post(
    "/groups/{group_id:int}/invite-code",
    response_model=GroupOut,
    tags=["groups"],
    summary="Replace the invite code",
)
def new_code(
    group_id: IdPath, request: Request, principal: SignedInDep, services: ServicesDep
) -> Any:
    """A fresh invite code; the old one stops working. The group's coach only."""
    return group_dict(services.coaching.new_code(principal, group_id))


@router.post(
    "/groups/{group_id:int}/leave", status_code=204, tags=["groups"], summary="Leave a group"
)
def leave_group(
    group_id: IdPath, request: Request, principal: SignedInDep, services: ServicesDep
) -> Response:
    """Leave (or decline an invitation); the coach no longer sees you."""
    services.coaching.leave(principal, group_id)
    return Response(status_code=204)


@router.get(
    "/groups/{group_id:int}/members",
    response_model=list[MemberOut],
    tags=["groups"],
    summary="Accepted members",
)
def list_members(
    group_id: IdPath, request: Request, principal: SignedInDep, services: ServicesDep
) -> Any:
    return [
        {
            "athlete_id": m.athlete_id,
            "name": m.name,
            "status": m.status,
            "since": m.since.isoformat() if m.since else None,
        }
        for m in services.coaching.members(principal, group_id)
    ]


def member_of(request: Request, services: Services, group_id: int, athlete_id: int) -> str:
    """A member the coach may see: in this group (accepted) and viewable; their name."""
    p = auth.require_signed_in(request)
    members = {m.athlete_id: m.name for m in services.coaching.members(p, group_id)}
    if athlete_id not in members:
        raise NotFoundError("athlete", str(athlete_id))
    access.require(access.can_view_athlete(p, athlete_id), "athlete", athlete_id)
    return members[athlete_id]


@router.get(
    "/groups/{group_id:int}/members/{athlete_id:int}/progress",
    response_model=ProgressOut,
    tags=["groups"],
    summary="A member's progress (their coach)",
)
def member_progress(
    group_id: IdPath,
    athlete_id: IdPath,
    request: Request,
    _: SignedInDep,
    services: ServicesDep,
    today: TodayDep,
) -> Any:
    member_of(request, services, group_id, athlete_id)
    return services.progress(athlete_id, today).to_dict()


@router.get(
    "/groups/{group_id:int}/dashboard",
    response_model=dict[str, Any],
    tags=["groups"],
    summary="The coach's dashboard",
)
def dashboard(
    group_id: IdPath,
    request: Request,
    principal: SignedInDep,
    services: ServicesDep,
    on: Annotated[IsoDate | None, Query(alias="date")] = None,
) -> Any:
    """Per accepted member: adherence, gone quiet, pain and cramp flags, latest self-test and
    its real changes."""
    return services.coaching.dashboard(principal, group_id, on).to_dict()


@router.get(
    "/groups/{group_id:int}/class",
    response_model=dict[str, Any],
    tags=["groups"],
    summary="Today's class sheet",
)
def class_sheet(
    group_id: IdPath,
    *,
    request: Request,
    principal: SignedInDep,
    services: ServicesDep,
    on: Annotated[IsoDate | None, Query(alias="date")] = None,
    after: Annotated[RunKind, Query(description="The run the class comes from.")] = RunKind.NONE,
    session: Annotated[int | None, Query(ge=1, le=50)] = None,
) -> Any:
    """The group's template session for the day, laid out for the person leading it."""
    sheet = services.coaching.class_sheet(principal, group_id, on, str(after), session)
    return sheet.to_dict()


# -- templates and a coach's own exercises ---------------------------------------------------


def template_dict(view: Any) -> dict[str, Any]:
    return {"id": view.id, "name": view.name, "version": view.version, "body": dict(view.body)}


@router.get(
    "/templates", response_model=list[TemplateOut], tags=["coach"], summary="Your templates"
)
def list_templates(request: Request, principal: SignedInDep, services: ServicesDep) -> Any:
    access.require(access.can_create_coach_content(principal), "programme template", "")
    return [template_dict(t) for t in services.coaching.templates(principal)]


@router.post("/templates", response_model=TemplateOut, tags=["coach"], summary="Save a template")
def save_template(
    body: dict[str, Any], request: Request, principal: SignedInDep, services: ServicesDep
) -> Any:
    """A ``footcore.template/1`` document (docs/accounts.md); every problem is listed (422).
    Saving a changed template of the same name raises its version."""
    if len(body) > MAX_TEMPLATE_KEYS:
        raise FootcoreError("template: too many keys")
    return template_dict(services.coaching.save_template(principal, body))


@router.post(
    "/templates/from-plan",
    response_model=DraftOut,
    tags=["coach"],
    summary="Draft a template from a generated plan",
)
def template_from_plan(
    body: DraftIn, request: Request, principal: SignedInDep, services: ServicesDep
) -> Any:
    """One week of the plan the planner makes for such an athlete, as a template to review,
    change and save (``POST /api/v1/templates``); nothing is stored. Coaches only."""
    data = body.model_dump(exclude_none=True)
    return services.coaching.template_from_plan(principal, data).to_dict()


@router.post(
    "/templates/{template_id:int}/assign",
    response_model=AssignedOut,
    tags=["coach"],
    summary="Assign a template to a group or one athlete",
)
def assign_template(
    template_id: IdPath,
    body: AssignIn,
    request: Request,
    principal: SignedInDep,
    services: ServicesDep,
) -> Any:
    made = services.coaching.assign_template(
        principal,
        template_id,
        group_id=body.group_id,
        athlete_id=body.athlete_id,
        starts_on=body.starts_on,
    )
    return {"assignment_id": made}


@router.get(
    "/coach-exercises",
    response_model=list[str],
    tags=["coach"],
    summary="Coaches' own exercises you may see",
)
def list_coach_exercises(request: Request, principal: SignedInDep, services: ServicesDep) -> Any:
    return services.coaching.exercises(principal)


@router.post(
    "/coach-exercises",
    response_model=SlugOut,
    tags=["coach"],
    summary="Add or replace your own exercise",
)
def add_coach_exercise(
    body: ExerciseFileIn, request: Request, principal: SignedInDep, services: ServicesDep
) -> Any:
    """One ``[[exercise]]`` in the catalogue file format, validated like the built-ins; seen
    by you and the accepted members of your groups only."""
    return {"slug": services.coaching.add_exercise(principal, body.toml)}


@router.delete(
    "/coach-exercises/{slug}", status_code=204, tags=["coach"], summary="Remove your exercise"
)
def remove_coach_exercise(
    slug: str, request: Request, principal: SignedInDep, services: ServicesDep
) -> Response:
    services.coaching.remove_exercise(principal, slug)
    return Response(status_code=204)

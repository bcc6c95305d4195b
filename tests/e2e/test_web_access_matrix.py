"""The access matrix: every API route and page of the app, for every kind of person
(anonymous, the athlete, another athlete, the athlete's coach, another coach, an admin), with
the ownership the route's ids give, answers as docs/accounts.md says.

The table is checked against the app's own route table: a route without an entry FAILS
(``test_every_route_has_an_entry_in_the_matrix``), and so does an entry for a route that is
gone. The world (``build_world``): Ana (athlete) is an accepted member of Cleo's group (Cleo
is "coach"); Bea ("other_athlete") belongs to Dora's group (Dora is "other_coach"); Erin is
an admin. Ids in paths are Ana's, Cleo's group, Cleo's template and Cleo's own exercise, so
each cell also says who may reach which person's things.

Outcomes: ``ok`` (2xx or a redirect that is not to the sign-in page), ``in`` (sign in: 401
for the API, a redirect to /sign-in for pages), ``onb`` (no training data yet: 409 for the
API, a redirect to /onboarding for pages) or the status itself (400, 403, 404, 422).
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from starlette.routing import Route

from footcore.services import SessionHeader
from footcore.services.exports import ExportService
from tests.e2e.web_accounts import (
    PASSWORD,
    PROFILE,
    TEMPLATE,
    TODAY,
    Client,
    World,
    build_world,
)
from tests.integration.support import COACH_EXERCISE

ROLES = ("anonymous", "athlete", "other_athlete", "coach", "other_coach", "admin")
Outcome = str | int


def row(*outcomes: Outcome) -> dict[str, Outcome]:
    assert len(outcomes) == len(ROLES)
    return dict(zip(ROLES, outcomes, strict=True))


PUBLIC = row("ok", "ok", "ok", "ok", "ok", "ok")
SIGNED_IN = row("in", "ok", "ok", "ok", "ok", "ok")
OWN_DATA = row("in", "ok", "ok", "onb", "onb", "onb")  # coaches and the admin have none
COACH_CONTENT = row("in", 403, 403, "ok", "ok", "ok")
MANAGE_GROUP = row("in", 403, 404, "ok", 404, "ok")  # Ana is a member: 403
VIEW_GROUP = row("in", "ok", 404, "ok", 404, "ok")
COACHED_MEMBER = row("in", 403, 404, "ok", 404, "ok")
OWNED_TEMPLATE = row("in", 404, 404, "ok", 404, "ok")
COACH_EXERCISE_SEEN = row(404, "ok", 404, "ok", 404, "ok")  # a stranger: it does not exist
JOIN = row("in", "ok", "ok", 403, 403, 403)  # joining needs training data of one's own
ADMIN = row("in", 403, 403, 403, 403, "ok")  # managing accounts: admins only
# The member's own part in a group (sharing check-ins, taking part in a study): people
# without training data are refused; an athlete outside the group gets 404.
SHARE = row("in", "ok", 404, 403, 403, 403)


@dataclass(frozen=True)
class Case:
    """How to call a route, and what each person gets."""

    expect: dict[str, Outcome]
    path: str = ""  # with {ids}; default: the route's own path
    json: Callable[[World, str], Any] | None = None
    form: Callable[[World, str], dict[str, Any]] | None = None
    files: Any = None
    destructive: bool = False  # run on a fresh world for each person
    query: dict[str, str] = field(default_factory=dict)


def _j(value: Any) -> Callable[[World, str], Any]:
    return lambda _world, _role: value


def _f(value: dict[str, Any]) -> Callable[[World, str], dict[str, Any]]:
    return lambda _world, _role: value


# A browser's push subscription: an https push-service address and a real P-256 key.
PUSH_ENDPOINT = "https://push.example.net/send/matrix"
SUBSCRIPTION = {
    "endpoint": PUSH_ENDPOINT,
    "keys": {
        "p256dh": "BLEGRsdXgUm3Y37VQJrD4oxW9LsikQlAOvGwdFNtwirL"
        "kjaeTeG9vyN-TKpimrRKgLUPcKlu-yWIoUr5QxyMk3E",
        "auth": "AAECAwQFBgcICQoLDA0ODw",
    },
}

PROFILE_FORM = {
    "name": "Zoe",
    "age": "30",
    "goals": ["general"],
    "minutes_per_day": "10",
    "slots": ["morning"],
    "units": "metric",
}
SESSION = {"client_id": "open-1", "date": TODAY.isoformat(), "slot": "morning"}
ITEM = {"index": 0, "exercise": "towel-scrunch", "sets_done": 1}
RUN = {"date": TODAY.isoformat(), "kind": "easy", "km": 5, "minutes": 30, "felt": 4}
BATTERY = {"age": 38, "sex": "female", "results": {"knee_to_wall_cm": {"left": 10, "right": 12}}}


def _exercise(_world: World, role: str) -> Any:
    return {"toml": COACH_EXERCISE.replace("seated-toe-yoga", f"toe-yoga-{role.replace('_', '-')}")}


def _exercise_form(world: World, role: str) -> dict[str, Any]:
    return {"exercise": _exercise(world, role)["toml"]}


def _assign(world: World, _role: str) -> Any:
    return {"group_id": world.ids["group"], "starts_on": TODAY.isoformat()}


def _join(world: World, _role: str) -> Any:
    return {"code": world.ids["code"]}


STUDY_JSON = {
    "title": "Matrix study",
    "arms": [{"name": "Foot core"}, {"name": "Usual warm-up"}],
    "follow_up_weeks": 12,
}
STUDY_FORM = {"title": "Matrix study", "follow_up_weeks": "12", "arm0.name": "A", "arm1.name": "B"}
JOIN_STUDY = {"weekly_km": 30, "previous_injury": False}

NEW_PASSWORD = "another long secret 2"
#: "Start from a plan" (the template builder's first form) and its editor's form.
DRAFT_FORM = {
    "name": "Matrix draft",
    "level": "2",
    "goals": ["general"],
    "slots": ["morning", "tv"],
    "minutes_per_day": "10",
}
DRAFT_EDIT_FORM = {
    "name": "Matrix draft",
    "sessions": "1",
    "s0.slot": "morning",
    "s0.days": ["mon", "thu"],
    "s0.items": "1",
    "s0.i0.exercise": "towel-scrunch",
    "s0.i0.was": "towel-scrunch",
    "s0.i0.reps": "15",
    "action": "check",
}


def _sign_up(_world: World, role: str) -> dict[str, Any]:
    email = f"new-{role.replace('_', '-')}@example.org"
    return {"email": email, "password": "a fine new secret", "password_again": "a fine new secret"}


MATRIX: dict[tuple[str, str], Case] = {
    # -- public ------------------------------------------------------------------------------
    ("GET", "/openapi.json"): Case(PUBLIC),
    ("GET", "/healthz"): Case(PUBLIC),
    ("GET", "/readyz"): Case(PUBLIC),
    ("GET", "/docs"): Case(PUBLIC),
    ("GET", "/about"): Case(PUBLIC),
    ("GET", "/manifest.webmanifest"): Case(PUBLIC),
    ("GET", "/sw.js"): Case(PUBLIC),
    ("GET", "/"): Case(PUBLIC),
    ("GET", "/foot-map.svg"): Case(PUBLIC),
    ("GET", "/library"): Case(PUBLIC),
    ("GET", "/self-tests"): Case(PUBLIC),
    ("GET", "/self-tests/{test_id}"): Case(PUBLIC, "/self-tests/knee-to-wall"),
    ("GET", "/api/v1/exercises"): Case(PUBLIC),
    ("GET", "/api/v1/self-tests"): Case(PUBLIC),
    ("GET", "/api/v1/self-tests/{test_id}"): Case(PUBLIC, "/api/v1/self-tests/knee-to-wall"),
    ("POST", "/api/v1/assessments/score"): Case(PUBLIC, json=_j(BATTERY)),
    ("GET", "/api/v1/exercises/{slug}/equivalents"): Case(
        PUBLIC, "/api/v1/exercises/towel-scrunch/equivalents"
    ),
    # A coach's own exercise exists only for the coach, the group's members and admins.
    ("GET", "/api/v1/exercises/{slug}"): Case(
        COACH_EXERCISE_SEEN, "/api/v1/exercises/seated-toe-yoga"
    ),
    ("GET", "/library/{slug}"): Case(COACH_EXERCISE_SEEN, "/library/seated-toe-yoga"),
    ("GET", "/library/{slug}/demo.svg"): Case(
        COACH_EXERCISE_SEEN, "/library/seated-toe-yoga/demo.svg"
    ),
    ("GET", "/library/{slug}/frames.svg"): Case(
        COACH_EXERCISE_SEEN, "/library/seated-toe-yoga/frames.svg"
    ),
    # -- accounts ----------------------------------------------------------------------------
    ("GET", "/sign-in"): Case(PUBLIC),
    ("GET", "/sign-up"): Case(PUBLIC),
    ("GET", "/reset-password"): Case(PUBLIC),
    ("POST", "/sign-in"): Case(
        row(400, 400, 400, 400, 400, 400),  # the page answers everyone; unknown email
        form=_f({"email": "nobody@example.org", "password": "whatever it is 1"}),
    ),
    # Anyone may make an account: the new one is signed in and sent to onboarding ("onb").
    ("POST", "/sign-up"): Case(row(*["onb"] * 6), form=_sign_up, destructive=True),
    # Signing out sends everyone to the sign-in page ("in").
    ("POST", "/sign-out"): Case(row(*["in"] * 6), form=_f({}), destructive=True),
    ("POST", "/reset-password"): Case(
        row(422, 422, 422, 422, 422, 422),
        form=_f(
            {
                "token": "made-up",
                "password": "a fine new secret",
                "password_again": "a fine new secret",
            }
        ),
    ),
    ("GET", "/api/v1/account"): Case(SIGNED_IN),
    ("GET", "/api/v1/account/export"): Case(SIGNED_IN),
    ("GET", "/settings/export"): Case(SIGNED_IN),
    ("GET", "/settings/delete"): Case(SIGNED_IN),
    # The last admin cannot be deleted (400); everyone else deletes their own account.
    ("DELETE", "/api/v1/account"): Case(row("in", "ok", "ok", "ok", "ok", 400), destructive=True),
    ("POST", "/settings/delete"): Case(
        row("in", "ok", "ok", "ok", "ok", 400), form=_f({"confirm": "yes"}), destructive=True
    ),
    # Anyone signed in changes their own password (the current one is PASSWORD for all).
    ("GET", "/account"): Case(SIGNED_IN),
    ("POST", "/account/password"): Case(
        SIGNED_IN,
        form=_f(
            {
                "current_password": PASSWORD,
                "new_password": NEW_PASSWORD,
                "new_password_again": NEW_PASSWORD,
            }
        ),
        destructive=True,
    ),
    ("POST", "/api/v1/account/password"): Case(
        SIGNED_IN,
        json=_j({"current_password": PASSWORD, "new_password": NEW_PASSWORD}),
        destructive=True,
    ),
    # -- accounts of everyone (admins): the account acted on is Ana's ------------------------
    ("GET", "/admin/accounts"): Case(ADMIN),
    ("GET", "/admin/accounts/{user_id}"): Case(ADMIN, "/admin/accounts/{ana_user}"),
    ("POST", "/admin/accounts/{user_id}/role"): Case(
        ADMIN, "/admin/accounts/{ana_user}/role", form=_f({"role": "coach"}), destructive=True
    ),
    ("POST", "/admin/accounts/{user_id}/unlock"): Case(
        ADMIN, "/admin/accounts/{ana_user}/unlock", form=_f({})
    ),
    ("POST", "/admin/accounts/{user_id}/reset-token"): Case(
        ADMIN, "/admin/accounts/{ana_user}/reset-token", form=_f({})
    ),
    ("POST", "/admin/accounts/{user_id}/delete"): Case(
        ADMIN, "/admin/accounts/{ana_user}/delete", form=_f({"confirm": "yes"}), destructive=True
    ),
    # -- one's own training data -------------------------------------------------------------
    ("POST", "/api/v1/onboarding"): Case(
        row("in", 409, 409, "ok", "ok", "ok"),
        json=_j({"profile": PROFILE, "start": TODAY.isoformat()}),
        destructive=True,
    ),
    ("GET", "/onboarding"): Case(row("in", "ok", "ok", "ok", "ok", "ok")),
    ("POST", "/onboarding"): Case(
        row("in", "ok", "ok", "ok", "ok", "ok"), form=_f(PROFILE_FORM), destructive=True
    ),
    ("GET", "/onboarding/self-tests"): Case(OWN_DATA),
    ("GET", "/api/v1/profile"): Case(OWN_DATA),
    ("PUT", "/api/v1/profile"): Case(OWN_DATA, json=_j(PROFILE)),
    ("GET", "/api/v1/plan"): Case(OWN_DATA),
    ("GET", "/api/v1/levels"): Case(OWN_DATA),
    ("GET", "/api/v1/today"): Case(OWN_DATA),
    ("GET", "/api/v1/today/{slot}"): Case(OWN_DATA, "/api/v1/today/morning"),
    ("POST", "/api/v1/sessions"): Case(OWN_DATA, json=_j(SESSION)),
    # Ana's session "ana-1": another athlete's request finds no such session of their own
    # (422 "no session 'ana-1' was started", exactly as for an id nobody used).
    ("POST", "/api/v1/sessions/{client_id}/items"): Case(
        row("in", "ok", 404, "onb", "onb", "onb"), "/api/v1/sessions/ana-1/items", json=_j(ITEM)
    ),
    ("POST", "/api/v1/sessions/{client_id}/finish"): Case(
        row("in", "ok", 404, "onb", "onb", "onb"), "/api/v1/sessions/ana-1/finish", json=_j({})
    ),
    ("PUT", "/api/v1/sessions/{client_id}"): Case(
        OWN_DATA, "/api/v1/sessions/put-1", json=_j({**SESSION, "client_id": "put-1"})
    ),
    ("GET", "/api/v1/sessions"): Case(OWN_DATA),
    ("GET", "/api/v1/sessions/{client_id}"): Case(
        row("in", "ok", 404, "onb", "onb", "onb"), "/api/v1/sessions/ana-1"
    ),
    # Correcting and deleting Ana's session: another athlete has no such session (404).
    ("PATCH", "/api/v1/sessions/{client_id}"): Case(
        row("in", "ok", 404, "onb", "onb", "onb"),
        "/api/v1/sessions/ana-1",
        json=_j({"items": [ITEM], "feedback": {"pain": 1}}),
        destructive=True,
    ),
    ("DELETE", "/api/v1/sessions/{client_id}"): Case(
        row("in", "ok", 404, "onb", "onb", "onb"), "/api/v1/sessions/ana-1", destructive=True
    ),
    ("GET", "/sessions/{client_id}/edit"): Case(
        row("in", "ok", 404, "onb", "onb", "onb"), "/sessions/ana-1/edit"
    ),
    ("POST", "/sessions/{client_id}/edit"): Case(
        row("in", "ok", 404, "onb", "onb", "onb"),
        "/sessions/ana-1/edit",
        form=_f({"item-0": "full", "pain": "1"}),
        destructive=True,
    ),
    ("POST", "/sessions/{client_id}/delete"): Case(
        row("in", "ok", 404, "onb", "onb", "onb"),
        "/sessions/ana-1/delete",
        form=_f({"confirm": "yes"}),
        destructive=True,
    ),
    # Past the access rules, each athlete's own data decides (nothing logged yesterday: 422).
    ("POST", "/api/v1/morning-pain"): Case(
        row("in", 409, 409, "onb", "onb", "onb"), json=_j({"nrs": 1})
    ),
    ("GET", "/api/v1/runs"): Case(OWN_DATA),
    ("POST", "/api/v1/runs"): Case(OWN_DATA, json=_j(RUN)),
    ("POST", "/api/v1/runs/import"): Case(
        OWN_DATA, files=[("files", ("a.csv", b"date,km,minutes\n", "text/csv"))]
    ),
    ("GET", "/api/v1/assessments"): Case(OWN_DATA),
    ("POST", "/api/v1/assessments"): Case(OWN_DATA, json=_j(BATTERY)),
    ("GET", "/api/v1/progress"): Case(OWN_DATA),
    ("GET", "/api/v1/exports/calendar.ics"): Case(OWN_DATA),
    ("GET", "/api/v1/exports/programme.pdf"): Case(OWN_DATA),
    ("GET", "/api/v1/exports/progress.pdf"): Case(OWN_DATA),
    ("GET", "/api/v1/exports/fhir.json"): Case(OWN_DATA),
    ("GET", "/api/v1/exports/sessions.csv"): Case(OWN_DATA),
    ("GET", "/api/v1/exports/self-tests.csv"): Case(OWN_DATA),
    ("GET", "/api/v1/exports/session.fit"): Case(OWN_DATA, query={"slot": "morning"}),
    ("GET", "/today"): Case(OWN_DATA),
    ("POST", "/today/morning-pain"): Case(OWN_DATA, form=_f({"nrs": "1"})),
    ("GET", "/play/{slot}"): Case(OWN_DATA, "/play/morning"),
    ("GET", "/programme"): Case(OWN_DATA),
    # The calendar feed: no sign-in, the token in the address is the secret (Ana's feed).
    ("GET", "/calendar/{token}.ics"): Case(PUBLIC, "/calendar/{feed}.ics"),
    # Making a feed stops the older ones, and stopping them ends Ana's: a fresh world each.
    ("POST", "/programme/calendar-feed"): Case(OWN_DATA, form=_f({}), destructive=True),
    ("POST", "/programme/calendar-feed/revoke"): Case(OWN_DATA, form=_f({}), destructive=True),
    ("GET", "/self-tests/record"): Case(OWN_DATA),
    ("POST", "/self-tests/record"): Case(
        OWN_DATA,
        form=_f(
            {
                "date": TODAY.isoformat(),
                "r.knee_to_wall_cm.left": "9",
                "r.knee_to_wall_cm.right": "12",
            }
        ),
    ),
    ("GET", "/self-tests/results"): Case(OWN_DATA),
    # Ana's stored result: to anyone else it does not exist.
    ("GET", "/self-tests/results/{assessment_id}"): Case(
        row("in", "ok", 404, "onb", "onb", "onb"), "/self-tests/results/{assessment}"
    ),
    ("GET", "/progress"): Case(OWN_DATA),
    ("POST", "/progress/runs"): Case(
        OWN_DATA,
        form=_f(
            {
                "date": TODAY.isoformat(),
                "kind": "easy",
                "distance": "5",
                "minutes": "30",
                "felt": "4",
            }
        ),
    ),
    ("POST", "/progress/runs/import"): Case(
        OWN_DATA, files=[("files", ("a.csv", b"date,km,minutes\n", "text/csv"))]
    ),
    ("GET", "/settings"): Case(OWN_DATA),
    ("POST", "/settings"): Case(OWN_DATA, form=_f(PROFILE_FORM)),
    # Anyone signed in chooses the language of their pages (kept for the account).
    ("POST", "/settings/language"): Case(SIGNED_IN, form=_f({"language": "es"})),
    # -- groups ------------------------------------------------------------------------------
    ("GET", "/groups"): Case(SIGNED_IN),
    ("GET", "/api/v1/groups"): Case(SIGNED_IN),
    ("POST", "/api/v1/groups"): Case(COACH_CONTENT, json=_j({"name": "Thursday club"})),
    ("POST", "/api/v1/groups/join"): Case(JOIN, json=_join, destructive=True),
    ("POST", "/groups/join"): Case(JOIN, form=_join, destructive=True),
    ("GET", "/api/v1/groups/{group_id}"): Case(VIEW_GROUP, "/api/v1/groups/{group}"),
    ("POST", "/api/v1/groups/{group_id}/invite-code"): Case(
        MANAGE_GROUP, "/api/v1/groups/{group}/invite-code", json=_j({}), destructive=True
    ),
    # Ana leaves her group; anyone without training data is refused (403), strangers 404.
    ("POST", "/api/v1/groups/{group_id}/leave"): Case(
        row("in", "ok", 404, 403, 403, 403),
        "/api/v1/groups/{group}/leave",
        json=_j({}),
        destructive=True,
    ),
    ("POST", "/groups/{group_id}/leave"): Case(
        row("in", "ok", 404, 403, 403, 403),
        "/groups/{group}/leave",
        form=_f({}),
        destructive=True,
    ),
    ("GET", "/api/v1/groups/{group_id}/members"): Case(
        MANAGE_GROUP, "/api/v1/groups/{group}/members"
    ),
    ("GET", "/api/v1/groups/{group_id}/members/{athlete_id}/progress"): Case(
        COACHED_MEMBER, "/api/v1/groups/{group}/members/{athlete}/progress"
    ),
    ("GET", "/api/v1/groups/{group_id}/dashboard"): Case(
        MANAGE_GROUP, "/api/v1/groups/{group}/dashboard"
    ),
    ("GET", "/api/v1/groups/{group_id}/class"): Case(MANAGE_GROUP, "/api/v1/groups/{group}/class"),
    # -- coach mode --------------------------------------------------------------------------
    ("GET", "/coach"): Case(COACH_CONTENT),
    ("POST", "/coach/groups"): Case(COACH_CONTENT, form=_f({"name": "Friday", "kind": "club"})),
    ("POST", "/coach/templates"): Case(COACH_CONTENT, form=_f({"template": TEMPLATE})),
    ("POST", "/coach/exercises"): Case(COACH_CONTENT, form=_exercise_form),
    ("GET", "/coach/groups/{group_id}"): Case(MANAGE_GROUP, "/coach/groups/{group}"),
    ("POST", "/coach/groups/{group_id}/code"): Case(
        MANAGE_GROUP, "/coach/groups/{group}/code", form=_f({}), destructive=True
    ),
    # The template is Cleo's: to a member it does not exist (404) before the group is asked.
    ("POST", "/coach/groups/{group_id}/assign"): Case(
        OWNED_TEMPLATE,
        "/coach/groups/{group}/assign",
        form=lambda w, _r: {"template_id": str(w.ids["template"]), "starts_on": TODAY.isoformat()},
    ),
    ("GET", "/coach/groups/{group_id}/class"): Case(MANAGE_GROUP, "/coach/groups/{group}/class"),
    ("GET", "/coach/groups/{group_id}/members/{athlete_id}"): Case(
        COACHED_MEMBER, "/coach/groups/{group}/members/{athlete}"
    ),
    ("POST", "/coach/groups/{group_id}/members/{athlete_id}/assign"): Case(
        COACHED_MEMBER,
        "/coach/groups/{group}/members/{athlete}/assign",
        form=lambda w, _r: {"template_id": str(w.ids["template"])},
    ),
    # The template builder: a draft from a generated plan, its editor, a saved one reopened.
    ("GET", "/coach/templates/new"): Case(COACH_CONTENT),
    ("POST", "/coach/templates/from-plan"): Case(COACH_CONTENT, form=_f(DRAFT_FORM)),
    ("POST", "/coach/templates/draft"): Case(COACH_CONTENT, form=_f(DRAFT_EDIT_FORM)),
    ("GET", "/coach/templates/{template_id}/edit"): Case(
        OWNED_TEMPLATE, "/coach/templates/{template}/edit"
    ),
    ("POST", "/api/v1/templates/from-plan"): Case(
        COACH_CONTENT, json=_j({"name": "Matrix draft", "level": 2, "slots": ["morning"]})
    ),
    ("GET", "/api/v1/templates"): Case(COACH_CONTENT),
    ("POST", "/api/v1/templates"): Case(COACH_CONTENT, json=_j(tomllib.loads(TEMPLATE))),
    ("POST", "/api/v1/templates/{template_id}/assign"): Case(
        OWNED_TEMPLATE, "/api/v1/templates/{template}/assign", json=_assign
    ),
    ("GET", "/api/v1/coach-exercises"): Case(SIGNED_IN),
    ("POST", "/api/v1/coach-exercises"): Case(COACH_CONTENT, json=_exercise),
    # -- weekly check-in, sharing, group outcomes, studies (docs/outcomes.md) ---------------
    ("GET", "/checkin"): Case(OWN_DATA),
    ("POST", "/checkin"): Case(OWN_DATA, form=_f({"knee.participation": "full"}), destructive=True),
    ("POST", "/checkin/none"): Case(OWN_DATA, form=_f({}), destructive=True),
    ("POST", "/checkin/skip"): Case(OWN_DATA, form=_f({}), destructive=True),
    ("GET", "/api/v1/checkin"): Case(OWN_DATA),
    ("POST", "/api/v1/checkin"): Case(OWN_DATA, json=_j({"none": True}), destructive=True),
    ("POST", "/api/v1/checkin/skip"): Case(OWN_DATA, json=_j({}), destructive=True),
    ("GET", "/api/v1/checkins"): Case(OWN_DATA),
    # -- reminders by Web Push (docs/web.md) -------------------------------------------------
    ("POST", "/settings/reminders"): Case(OWN_DATA, form=_f({"mode": "session"})),
    ("GET", "/api/v1/reminders"): Case(OWN_DATA),
    ("PUT", "/api/v1/reminders"): Case(OWN_DATA, json=_j({"mode": "daily", "daily_at": "07:00"})),
    ("POST", "/api/v1/push/subscriptions"): Case(OWN_DATA, json=_j(SUBSCRIPTION)),
    ("POST", "/api/v1/push/unsubscribe"): Case(OWN_DATA, json=_j({"endpoint": PUSH_ENDPOINT})),
    # No browser is subscribed in the matrix's world: the athletes' request is understood
    # and refused for that reason (409).
    ("POST", "/api/v1/push/test"): Case(row("in", 409, 409, "onb", "onb", "onb"), json=_j({})),
    ("GET", "/api/v1/outcome"): Case(OWN_DATA),
    # Sharing is the member's own: people without training data are refused (403).
    ("GET", "/api/v1/sharing"): Case(row("in", "ok", "ok", 403, 403, 403)),
    ("PUT", "/api/v1/sharing/{group_id}"): Case(
        SHARE, "/api/v1/sharing/{group}", json=_j({"share": True}), destructive=True
    ),
    ("POST", "/groups/{group_id}/sharing"): Case(
        SHARE, "/groups/{group}/sharing", form=_f({"share": "yes"}), destructive=True
    ),
    ("GET", "/api/v1/groups/{group_id}/outcomes"): Case(
        MANAGE_GROUP, "/api/v1/groups/{group}/outcomes"
    ),
    ("GET", "/coach/groups/{group_id}/outcomes"): Case(
        MANAGE_GROUP, "/coach/groups/{group}/outcomes"
    ),
    ("GET", "/coach/groups/{group_id}/studies/new"): Case(
        MANAGE_GROUP, "/coach/groups/{group}/studies/new"
    ),
    ("POST", "/coach/groups/{group_id}/studies"): Case(
        MANAGE_GROUP, "/coach/groups/{group}/studies", form=_f(STUDY_FORM)
    ),
    ("POST", "/api/v1/groups/{group_id}/studies"): Case(
        MANAGE_GROUP, "/api/v1/groups/{group}/studies", json=_j(STUDY_JSON)
    ),
    ("GET", "/api/v1/studies"): Case(SIGNED_IN),
    ("GET", "/api/v1/studies/{study_id}"): Case(VIEW_GROUP, "/api/v1/studies/{study}"),
    ("GET", "/studies/{study_id}"): Case(VIEW_GROUP, "/studies/{study}"),
    # Taking part is the member's own (403 without training data; 404 outside the group).
    ("POST", "/api/v1/studies/{study_id}/join"): Case(
        SHARE, "/api/v1/studies/{study}/join", json=_j(JOIN_STUDY), destructive=True
    ),
    ("POST", "/studies/{study_id}/join"): Case(
        SHARE,
        "/studies/{study}/join",
        form=_f({**JOIN_STUDY, "previous_injury": "no", "agree": "yes", "weekly_km": "30"}),
        destructive=True,
    ),
    ("POST", "/api/v1/studies/{study_id}/withdraw"): Case(
        SHARE, "/api/v1/studies/{joined}/withdraw", json=_j({}), destructive=True
    ),
    ("POST", "/studies/{study_id}/withdraw"): Case(
        SHARE, "/studies/{joined}/withdraw", form=_f({}), destructive=True
    ),
    ("GET", "/api/v1/studies/{study_id}/participation"): Case(
        SHARE, "/api/v1/studies/{joined}/participation"
    ),
    # The running study cannot start again: its coach (and the admin) get 400.
    ("POST", "/api/v1/studies/{study_id}/start"): Case(
        row("in", 403, 404, 409, 404, 409), "/api/v1/studies/{joined}/start", json=_j({})
    ),
    ("POST", "/api/v1/studies/{study_id}/close"): Case(
        MANAGE_GROUP, "/api/v1/studies/{joined}/close", json=_j({}), destructive=True
    ),
    ("GET", "/api/v1/studies/{study_id}/quiet"): Case(
        MANAGE_GROUP, "/api/v1/studies/{joined}/quiet"
    ),
    ("POST", "/api/v1/studies/{study_id}/reminders"): Case(
        MANAGE_GROUP, "/api/v1/studies/{joined}/reminders", json=_j({}), destructive=True
    ),
    ("GET", "/api/v1/studies/{study_id}/report"): Case(
        MANAGE_GROUP, "/api/v1/studies/{joined}/report"
    ),
    ("GET", "/api/v1/studies/{study_id}/export.csv"): Case(
        MANAGE_GROUP, "/api/v1/studies/{joined}/export.csv"
    ),
    ("GET", "/api/v1/studies/{study_id}/dictionary.csv"): Case(
        MANAGE_GROUP, "/api/v1/studies/{joined}/dictionary.csv"
    ),
    ("GET", "/api/v1/studies/{study_id}/audit"): Case(
        MANAGE_GROUP, "/api/v1/studies/{joined}/audit"
    ),
    ("GET", "/coach/studies/{study_id}"): Case(MANAGE_GROUP, "/coach/studies/{joined}"),
    ("POST", "/coach/studies/{study_id}/{action}"): Case(
        MANAGE_GROUP, "/coach/studies/{joined}/remind", form=_f({}), destructive=True
    ),
    ("GET", "/coach/studies/{study_id}/export.csv"): Case(
        MANAGE_GROUP, "/coach/studies/{joined}/export.csv"
    ),
    ("GET", "/coach/studies/{study_id}/dictionary.csv"): Case(
        MANAGE_GROUP, "/coach/studies/{joined}/dictionary.csv"
    ),
    # Ana sees Cleo's exercise (403 on change); strangers get 404.
    ("DELETE", "/api/v1/coach-exercises/{slug}"): Case(
        row("in", 403, 404, "ok", 404, "ok"),
        "/api/v1/coach-exercises/seated-toe-yoga",
        destructive=True,
    ),
}


def route_table(app: FastAPI) -> set[tuple[str, str]]:
    """(method, path) of every route the app answers, through included routers; paths as
    the OpenAPI document writes them (``{group_id}``, not the ``{group_id:int}`` convertor)."""
    found: set[tuple[str, str]] = set()

    def walk(routes: Any, prefix: str) -> None:
        for r in routes:
            if hasattr(r, "original_router"):  # an included router
                walk(r.original_router.routes, prefix + r.include_context.prefix)
            elif isinstance(r, Route):
                path = re.sub(r"\{(\w+):\w+\}", r"{\1}", prefix + r.path)
                found.update((m, path) for m in (r.methods or ()) if m != "HEAD")

    walk(app.routes, "")
    return found


def judge(response: Any, api: bool) -> Outcome:
    status = response.status_code
    location = response.headers.get("location", "")
    if status in (302, 303, 307) and location.startswith("/sign-in"):
        return "in"
    if status in (302, 303) and location == "/onboarding" and not api:
        return "onb"
    if status == 401 and api:
        return "in"
    if status == 409 and api and response.json()["error"]["kind"] == "not-set-up":
        return "onb"
    if status < 400:
        return "ok"
    return int(status)


def call(world: World, role: str, key: tuple[str, str], case: Case) -> Outcome:
    method, route_path = key
    client: Client = world.clients[role]
    ids = world.ids
    path = (case.path or route_path).format(**{k: v for k, v in ids.items() if k != "users"})
    api = path.startswith("/api/") or path in ("/openapi.json", "/healthz", "/readyz")
    token = world.tokens[role]
    kwargs: dict[str, Any] = {"params": case.query}
    if case.json is not None:
        kwargs["json"] = case.json(world, role)
        kwargs["headers"] = {"X-CSRF-Token": token}
    elif case.form is not None:
        kwargs["data"] = {"csrf_token": token, **case.form(world, role)}
    elif case.files is not None:
        kwargs["files"] = case.files
        kwargs["headers"] = {"X-CSRF-Token": token}
    elif method != "GET":
        kwargs["headers"] = {"X-CSRF-Token": token}
    response = client.request(method, path, **kwargs)
    assert response.status_code < 500, (role, key, response.text[:500])
    return judge(response, api)


def prepare(world: World) -> World:
    """Ana's stored session and self-test, and every person's CSRF token."""
    services = world.app.state.footcore.services
    ana = world.ids["athlete"]
    services.open_session(ana, SessionHeader(client_id="ana-1", date=TODAY, slot="morning"))
    stored = services.record_assessment(
        ana, {"age": 38, "sex": "female", "date": "2027-01-04", "results": {"pain_nrs": 1}}
    )
    world.ids["assessment"] = stored.id
    world.ids["feed"] = ExportService(services.ctx).create_feed(ana)
    world.ids["ana_user"] = world.ids["users"]["athlete"]
    # Two studies in Cleo's group: one recruiting (nobody in it yet), one running with Ana.
    cleo = services.accounts.principal(world.ids["users"]["coach"])
    studies = services.studies
    arms = STUDY_JSON["arms"]
    world.ids["study"] = studies.create_study(
        cleo, world.ids["group"], title="Open", question="", arms=arms, follow_up_weeks=12
    ).id
    joined = studies.create_study(
        cleo, world.ids["group"], title="Running", question="", arms=arms, follow_up_weeks=12
    ).id
    ana_p = services.accounts.principal(world.ids["users"]["athlete"])
    studies.join(ana_p, joined, weekly_km=30, previous_injury=False)
    studies.start(cleo, joined)
    world.ids["joined"] = joined
    world.tokens = {role: world.clients[role].form_token("/sign-in") for role in ROLES}
    return world


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    world = prepare(build_world(tmp_path_factory.mktemp("matrix")))
    yield world
    world.close()


def test_every_route_has_an_entry_in_the_matrix(shared: World) -> None:
    routes = route_table(shared.app)
    assert routes - set(MATRIX) == set(), "routes without an entry in the access matrix"
    assert set(MATRIX) - routes == set(), "matrix entries for routes that do not exist"


SAFE = sorted(k for k, c in MATRIX.items() if not c.destructive)
DESTRUCTIVE = sorted(k for k, c in MATRIX.items() if c.destructive)


@pytest.mark.parametrize("key", SAFE, ids=[f"{m} {p}" for m, p in SAFE])
def test_route_allows_and_denies_each_person_as_the_rules_say(
    shared: World, key: tuple[str, str]
) -> None:
    case = MATRIX[key]
    got = {role: call(shared, role, key, case) for role in ROLES}
    assert got == case.expect


@pytest.mark.parametrize("key", DESTRUCTIVE, ids=[f"{m} {p}" for m, p in DESTRUCTIVE])
def test_changing_route_allows_and_denies_each_person_on_a_fresh_world(
    tmp_path: Path, key: tuple[str, str]
) -> None:
    case = MATRIX[key]
    got: dict[str, Outcome] = {}
    for role in ROLES:
        world = prepare(build_world(tmp_path / role))
        try:
            got[role] = call(world, role, key, case)
        finally:
            world.close()
    assert got == case.expect


def test_a_denied_group_answers_exactly_like_a_missing_one(shared: World) -> None:
    missing = shared.clients["other_coach"].get("/api/v1/groups/999999")
    hidden = shared.clients["other_coach"].get(f"/api/v1/groups/{shared.ids['group']}")
    assert missing.status_code == hidden.status_code == 404
    assert missing.json()["error"]["message"].replace("999999", "X") == hidden.json()["error"][
        "message"
    ].replace(str(shared.ids["group"]), "X")
    page = shared.clients["other_coach"].get(f"/coach/groups/{shared.ids['group']}")
    assert page.status_code == 404
    assert "Tuesday club" not in page.text


def test_the_matrix_covers_one_day_of_the_fixed_clock() -> None:
    assert TODAY.weekday() == dt.date(2027, 1, 4).weekday() == 0  # the template's Monday

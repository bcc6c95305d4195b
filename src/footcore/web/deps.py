"""Dependencies named once for routes of both the API and the pages.

Those that only compute (no database, no file) are ``async def``: FastAPI runs them on the
event loop, where a plain ``def`` would cost a hop to a worker thread each.

- ``FootcoreDep``: the :class:`footcore.bootstrap.App` built once by ``create_app``;
- ``ServicesDep``: its use cases; ``CatalogueDep``: its exercise catalogue;
- ``PrincipalDep``: the person acting (:func:`footcore.web.auth.principal_of`): one-person
  mode's owner (settled by :func:`footcore.web.mode.one_person_athlete` with one read on
  the event loop), the signed-in user, or anonymous;
- ``SignedInDep``: the same, or 401 when nobody is signed in (multi-user mode);
- ``AthleteDep``: the athlete the API acts for (one-person mode: the first one set up;
  multi-user mode: the signed-in person's own training data, 401 when nobody is signed
  in), or 409 ``not-set-up``; ``PageAthleteDep``: the same for pages, which send people to
  ``/sign-in`` or ``/onboarding`` instead;
- ``TodayDep``: the athlete's calendar date (the services' clock);
- ``LibraryQueryDep``: the library filters.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from fastapi import Depends, Path, Query, Request
from pydantic import BeforeValidator
from starlette.concurrency import run_in_threadpool

from footcore.bootstrap import App
from footcore.domain import access
from footcore.domain.access import Principal
from footcore.domain.errors import FootcoreError
from footcore.domain.exercise import Catalogue
from footcore.domain.vocab import Category, Equipment, Goal, Slot, Target
from footcore.services import NotSetUpError, Services
from footcore.web.auth import principal_of
from footcore.web.library import LibraryQuery
from footcore.web.mode import one_person_athlete, settle_mode


class NotOnboardedError(FootcoreError):
    """Nobody is set up yet: the API answers 409, pages send people to onboarding."""

    def __init__(self) -> None:
        super().__init__(
            "no athlete is set up yet: send a profile to POST /api/v1/onboarding "
            "(or open /onboarding in a browser)"
        )


class OnboardingNeeded(Exception):
    """Raised by page dependencies before onboarding; answered with a redirect."""


async def get_footcore(request: Request) -> App:
    footcore: App = request.app.state.footcore
    return footcore


FootcoreDep = Annotated[App, Depends(get_footcore)]


async def get_services(footcore: FootcoreDep) -> Services:
    return footcore.services


ServicesDep = Annotated[Services, Depends(get_services)]


async def get_catalogue(request: Request, services: ServicesDep) -> Catalogue:
    """The built-in exercises, plus (multi-user mode) the coaches' own exercises this
    person may see: a coach's exercise does not exist for anyone else. In one-person mode
    the mode is settled by one read on the event loop, with no worker thread."""
    if not await settle_mode(request):
        return services.ctx.catalogue()
    if not hasattr(request.state, "catalogue"):
        request.state.catalogue = await run_in_threadpool(
            lambda: services.coaching.catalogue_for(principal_of(request))
        )
    found: Catalogue = request.state.catalogue
    return found


CatalogueDep = Annotated[Catalogue, Depends(get_catalogue)]


def onboarded_athlete(services: Services) -> int | None:
    """The first athlete set up (one-person mode's athlete), or None before onboarding."""
    try:
        return services.default_athlete_id()
    except NotSetUpError:
        return None


async def get_principal(request: Request) -> Principal:
    """The person acting (:func:`footcore.web.auth.principal_of`); one-person mode's owner
    without a worker thread."""
    if hasattr(request.state, "principal") or await one_person_athlete(request) is not None:
        found: Principal = request.state.principal
        return found
    return await run_in_threadpool(principal_of, request)


PrincipalDep = Annotated[Principal, Depends(get_principal)]


async def signed_in_principal(principal: PrincipalDep) -> Principal:
    """The principal; 401 (pages: the sign-in page) when nobody is signed in. A dependency,
    so it answers before the request body is even validated."""
    if not principal.local and not principal.signed_in:
        access.require(access.SIGN_IN, "account", "")
    return principal


SignedInDep = Annotated[Principal, Depends(signed_in_principal)]


def _own_athlete(principal: Principal) -> int | None:
    """The athlete the request acts for, checked by the access rules; 401 when nobody is
    signed in (multi-user mode)."""
    if not principal.local and not principal.signed_in:
        access.require(access.SIGN_IN, "athlete", "")
    athlete_id = principal.athlete_id
    if athlete_id is not None:
        access.require(access.can_edit_athlete(principal, athlete_id), "athlete", athlete_id)
    return athlete_id


def athlete_for(principal: Principal) -> int:
    """The athlete the API acts for: 401 when nobody is signed in (multi-user mode), 409
    ``not-set-up`` before onboarding."""
    athlete_id = _own_athlete(principal)
    if athlete_id is None:
        raise NotOnboardedError()
    return athlete_id


async def get_athlete_id(principal: PrincipalDep) -> int:
    return athlete_for(principal)


AthleteDep = Annotated[int, Depends(get_athlete_id)]


async def page_athlete_id(principal: PrincipalDep) -> int:
    athlete_id = _own_athlete(principal)
    if athlete_id is None:
        raise OnboardingNeeded()
    return athlete_id


PageAthleteDep = Annotated[int, Depends(page_athlete_id)]


async def get_today(services: ServicesDep) -> dt.date:
    return services.ctx.today()


TodayDep = Annotated[dt.date, Depends(get_today)]


def _iso_date(value: object) -> object:
    """A date given as text must be YYYY-MM-DD: pydantic alone would also read "0" as a Unix
    time (1970-01-01), a date no one meant."""
    if isinstance(value, str) and not _ISO_DATE.fullmatch(value):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}")
    return value


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: A day in a query or body: an ISO date and nothing else (the schema's ``format: date``).
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]

DateQuery = Annotated[
    IsoDate | None, Query(alias="date", description="The day, YYYY-MM-DD (default: today).")
]

MAX_QUERY_LENGTH = 200

#: A stored row's id in a path: a positive 32-bit integer (what every database stores).
IdPath = Annotated[int, Path(ge=1, le=2_147_483_647)]


def _blank_to_none(value: object) -> object:
    """An empty choice (``category=`` from a form's "any" option) means no filter."""
    return None if value == "" else value


def _drop_blanks(values: object) -> object:
    """``equipment=`` (nothing after the sign) adds nothing to the list."""
    if isinstance(values, list):
        return [v for v in values if v != ""]
    return values


Blank = BeforeValidator(_blank_to_none)


async def library_query(
    *,
    q: Annotated[
        str,
        Query(
            max_length=MAX_QUERY_LENGTH,
            description="Words to find in the name, description or cues (all must appear).",
        ),
    ] = "",
    category: Annotated[Category | None, Blank, Query(description="Only this category.")] = None,
    slot: Annotated[
        Slot | None, Blank, Query(description="Only exercises that fit this slot.")
    ] = None,
    equipment: Annotated[
        list[Equipment] | None,
        BeforeValidator(_drop_blanks),
        Query(
            description=(
                "Equipment you have (repeat the parameter for more): only exercises you can "
                "do with it, substitutes included. Leave out to see everything."
            )
        ),
    ] = None,
    bodyweight_only: Annotated[
        bool,
        Query(
            description=(
                "Only exercises that need no equipment beyond what `equipment` lists "
                "(stand-ins count), for when you have nothing at hand."
            )
        ),
    ] = False,
    target: Annotated[
        Target | None, Blank, Query(description="Only exercises working this.")
    ] = None,
    goal: Annotated[
        Goal | None, Blank, Query(description="Only exercises serving this goal.")
    ] = None,
) -> LibraryQuery:
    return LibraryQuery(
        q=q.strip(),
        category=category,
        slot=slot,
        equipment=tuple(dict.fromkeys(equipment or ())),
        bodyweight_only=bodyweight_only,
        target=target,
        goal=goal,
    )


LibraryQueryDep = Annotated[LibraryQuery, Depends(library_query)]

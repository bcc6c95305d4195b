"""Dependencies named once for routes of both the API and the pages.

- ``FootcoreDep``: the :class:`footcore.bootstrap.App` built once by ``create_app``;
- ``ServicesDep``: its use cases; ``CatalogueDep``: its exercise catalogue;
- ``AthleteDep``: the athlete the API acts for (one-person mode: the first one set up), or
  409 ``not-set-up``; ``PageAthleteDep``: the same for pages, which send people to
  ``/onboarding`` instead;
- ``TodayDep``: the athlete's calendar date (the services' clock);
- ``LibraryQueryDep``: the library filters.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Depends, Query, Request
from pydantic import BeforeValidator

from footcore.bootstrap import App
from footcore.domain.errors import FootcoreError
from footcore.domain.exercise import Catalogue
from footcore.domain.vocab import Category, Equipment, Goal, Slot, Target
from footcore.services import NotSetUpError, Services
from footcore.web.library import LibraryQuery


class NotOnboardedError(FootcoreError):
    """Nobody is set up yet: the API answers 409, pages send people to onboarding."""

    def __init__(self) -> None:
        super().__init__(
            "no athlete is set up yet: send a profile to POST /api/v1/onboarding "
            "(or open /onboarding in a browser)"
        )


class OnboardingNeeded(Exception):
    """Raised by page dependencies before onboarding; answered with a redirect."""


def get_footcore(request: Request) -> App:
    footcore: App = request.app.state.footcore
    return footcore


FootcoreDep = Annotated[App, Depends(get_footcore)]


def get_services(footcore: FootcoreDep) -> Services:
    return footcore.services


ServicesDep = Annotated[Services, Depends(get_services)]


def get_catalogue(services: ServicesDep) -> Catalogue:
    return services.ctx.catalogue()


CatalogueDep = Annotated[Catalogue, Depends(get_catalogue)]


def onboarded_athlete(services: Services) -> int | None:
    """The athlete the app serves, or None before onboarding."""
    try:
        return services.default_athlete_id()
    except NotSetUpError:
        return None


def get_athlete_id(services: ServicesDep) -> int:
    athlete_id = onboarded_athlete(services)
    if athlete_id is None:
        raise NotOnboardedError()
    return athlete_id


AthleteDep = Annotated[int, Depends(get_athlete_id)]


def page_athlete_id(services: ServicesDep) -> int:
    athlete_id = onboarded_athlete(services)
    if athlete_id is None:
        raise OnboardingNeeded()
    return athlete_id


PageAthleteDep = Annotated[int, Depends(page_athlete_id)]


def get_today(services: ServicesDep) -> dt.date:
    return services.ctx.today()


TodayDep = Annotated[dt.date, Depends(get_today)]

DateQuery = Annotated[
    dt.date | None, Query(alias="date", description="The day, YYYY-MM-DD (default: today).")
]

MAX_QUERY_LENGTH = 200


def _blank_to_none(value: object) -> object:
    """An empty choice (``category=`` from a form's "any" option) means no filter."""
    return None if value == "" else value


def _drop_blanks(values: object) -> object:
    """``equipment=`` (nothing after the sign) adds nothing to the list."""
    if isinstance(values, list):
        return [v for v in values if v != ""]
    return values


Blank = BeforeValidator(_blank_to_none)


def library_query(
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

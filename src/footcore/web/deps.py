"""Dependencies named once (``CatalogueDep``) for routes of both the API and the pages."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request
from pydantic import BeforeValidator

from footcore.domain.exercise import Catalogue
from footcore.domain.vocab import Category, Equipment, Goal, Slot, Target
from footcore.web.library import LibraryQuery


def get_catalogue(request: Request) -> Catalogue:
    catalogue: Catalogue = request.app.state.catalogue
    return catalogue


CatalogueDep = Annotated[Catalogue, Depends(get_catalogue)]

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

"""``/api/v1/exercises``: the exercise library, as JSON."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response

from footcore.web.api.models import ERROR_RESPONSES, ExerciseOut
from footcore.web.cache import LibraryAnswers
from footcore.web.conditional import NOT_MODIFIED_RESPONSE
from footcore.web.deps import CatalogueDep, LibraryQueryDep
from footcore.web.routing import GuardedRouter

router = GuardedRouter(prefix="/api/v1", responses={422: ERROR_RESPONSES[422]})


@router.get(
    "/exercises",
    response_model=list[ExerciseOut],
    tags=["exercises"],
    summary="List exercises, with filters",
    responses={304: NOT_MODIFIED_RESPONSE},
)
async def list_exercises(
    request: Request, catalogue: CatalogueDep, query: LibraryQueryDep
) -> Response:
    """The exercises matching every filter given, in session order (same items and keys as
    ``footcore exercises --json``). Answers carry an `ETag` (send it back in
    `If-None-Match`: 304 while unchanged) and `Cache-Control: private, no-cache`; gzip for
    clients that accept it."""
    answers: LibraryAnswers = request.app.state.library_answers
    return await answers.response(request, catalogue, query)


@router.get(
    "/exercises/{slug}",
    response_model=ExerciseOut,
    tags=["exercises"],
    summary="One exercise",
    responses={304: NOT_MODIFIED_RESPONSE, 404: ERROR_RESPONSES[404]},
)
async def get_exercise(request: Request, slug: str, catalogue: CatalogueDep) -> Response:
    """One exercise by slug; an unknown slug answers 404 with close matches. `ETag`,
    `If-None-Match` and gzip as for the list."""
    answers: LibraryAnswers = request.app.state.library_answers
    return await answers.exercise(request, catalogue, slug)

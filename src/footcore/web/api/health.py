"""``/healthz`` and ``/readyz``: whether the app is up and whether its database answers."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response

from footcore import __version__
from footcore.services.data_versions import DataVersions
from footcore.web.api.models import HealthOut, ReadyOut
from footcore.web.routing import GuardedRouter

router = GuardedRouter()


@router.get("/healthz", response_model=HealthOut, tags=["meta"], summary="Health check")
def healthz() -> dict[str, str]:
    """Answers while the app is up, with footcore's version."""
    return {"status": "ok", "version": __version__}


@router.get(
    "/readyz",
    response_model=ReadyOut,
    tags=["meta"],
    summary="Readiness: the database answers",
    responses={503: {"model": ReadyOut, "description": "The database did not answer."}},
)
async def readyz(request: Request) -> Response:
    """Ready when the worker's database answers one read (no transaction, no worker
    thread): for a load balancer that should send no request to a worker whose database
    is unreachable. ``/healthz`` only says the process is up."""
    reader: DataVersions = request.app.state.versions
    database = reader.database
    try:
        await reader.accounts_exist_async()
    except Exception as exc:  # any failure of the read means: not ready
        body = ReadyOut(
            status="unavailable",
            database=database,
            reason=f"the database did not answer ({type(exc).__name__})",
        )
        return Response(body.model_dump_json(), status_code=503, media_type="application/json")
    body = ReadyOut(status="ready", database=database)
    return Response(body.model_dump_json(), media_type="application/json")

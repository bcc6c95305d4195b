"""``/api/v1/exports/...``: the athlete's files (calendar, printable PDFs, FHIR, CSV, a FIT
workout) and ``POST /api/v1/runs/import`` (GPX, TCX, FIT or CSV run files).

The files are made by ``footcore.services.exports`` and ``footcore.services.imports``; these
routes only parse the request and hand the file back as a download.
"""

from __future__ import annotations

import contextlib
import zoneinfo
from collections.abc import Sequence
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import File, Query, Response, UploadFile
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile as StarletteUploadFile

from footcore import i18n
from footcore.domain.errors import Problem, ValidationError
from footcore.domain.languages import LANGUAGES, known
from footcore.domain.vocab import Slot
from footcore.services import Services
from footcore.web.api.models import ERROR_RESPONSES, RunImportOut
from footcore.web.deps import AthleteDep, IsoDate, ServicesDep
from footcore.web.routing import GuardedRouter

router = GuardedRouter(
    prefix="/api/v1",
    tags=["exports"],
    responses={s: ERROR_RESPONSES[s] for s in (400, 404, 409, 422)},
)

#: Largest upload of run files read at once.
MAX_IMPORT_BYTES = 20 * 1024 * 1024


def _binary(media_type: str, description: str) -> dict[int | str, dict[str, Any]]:
    # A JSON download is a JSON object to a client reading the body; others are bytes.
    json_like = media_type.endswith(("/json", "+json"))
    schema = {"type": "object"} if json_like else {"type": "string", "format": "binary"}
    return {200: {"description": description, "content": {media_type: {"schema": schema}}}}


def _download(file: Any) -> Response:
    name = file.filename
    # Headers are Latin-1: the plain name keeps ASCII only (the athlete's name may not be);
    # filename* carries the whole name for every current browser.
    plain = "".join(c if 32 <= ord(c) < 127 and c not in '"\\' else "_" for c in name)
    disposition = f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name)}"
    return Response(
        file.content, media_type=file.media_type, headers={"Content-Disposition": disposition}
    )


def exports_of(services: Services) -> Any:
    # Deferred: not loaded by the web app's start (measured).
    from footcore.services.exports import ExportService  # noqa: PLC0415

    return ExportService(services.ctx)


def _time_zones(schema: dict[str, Any]) -> None:
    """The zones the server knows, as the parameter's enum (read when the OpenAPI document
    is made, not at import)."""
    schema["enum"] = sorted(zoneinfo.available_timezones())


Paper = Annotated[
    str, Query(description="a4 or letter.", json_schema_extra={"enum": ["a4", "letter"]})
]


@router.get(
    "/exports/calendar.ics",
    response_class=Response,
    responses=_binary("text/calendar", "The programme as iCalendar events (stable UIDs)."),
    summary="The programme for a calendar",
)
def calendar(
    services: ServicesDep,
    athlete_id: AthleteDep,
    tz: Annotated[
        str | None,
        Query(
            description="IANA time zone, e.g. Europe/Madrid (default: the profile's, else "
            "the server's).",
            min_length=1,
            json_schema_extra=_time_zones,
        ),
    ] = None,
    reminder: Annotated[
        int, Query(ge=0, le=24 * 60, description="Minutes of warning before a session.")
    ] = 10,
    reminders: Annotated[
        str | None,
        Query(
            description="daily (one a day, the default), session (each session) or none.",
            json_schema_extra={"enum": ["daily", "session", "none"]},
        ),
    ] = None,
) -> Response:
    """Importing the file again updates the events instead of doubling them."""
    return _download(
        exports_of(services).calendar(
            athlete_id, tz=tz, reminder_minutes=reminder, reminders=reminders
        )
    )


#: The language of a printed handout (``?language=es``); without it, the request's.
HandoutLanguage = Annotated[
    str | None,
    Query(
        max_length=10,
        description="The handout's language (en, es); default: the page's.",
        json_schema_extra={"enum": list(LANGUAGES)},
    ),
]


@router.get(
    "/exports/programme.pdf",
    response_class=Response,
    responses=_binary("application/pdf", "The programme to print."),
    summary="The programme as a printable PDF",
)
def programme_pdf(
    services: ServicesDep,
    athlete_id: AthleteDep,
    paper: Paper = "a4",
    language: HandoutLanguage = None,
) -> Response:
    with _handout_language(language):
        return _download(exports_of(services).handout(athlete_id, "plan", paper))


@router.get(
    "/exports/progress.pdf",
    response_class=Response,
    responses=_binary("application/pdf", "The progress report to print."),
    summary="The progress report as a printable PDF",
)
def progress_pdf(
    services: ServicesDep,
    athlete_id: AthleteDep,
    paper: Paper = "a4",
    language: HandoutLanguage = None,
) -> Response:
    with _handout_language(language):
        return _download(exports_of(services).handout(athlete_id, "progress", paper))


def _handout_language(language: str | None) -> contextlib.AbstractContextManager[object]:
    """The handout's words in ``language`` when asked for one (a shipped language, else a
    422), else in the request's language (the account's choice, this browser's, or its
    Accept-Language)."""
    if language is None:
        return contextlib.nullcontext()
    if known(language) is None:
        problem = Problem("language", f"not one of {', '.join(LANGUAGES)} (got {language!r})")
        raise ValidationError("handout", [problem])
    return i18n.use(language)


@router.get(
    "/exports/fhir.json",
    response_class=Response,
    responses=_binary("application/fhir+json", "A FHIR Bundle."),
    summary="Profile, programme and self-tests as a FHIR Bundle",
)
def fhir(services: ServicesDep, athlete_id: AthleteDep) -> Response:
    return _download(exports_of(services).fhir(athlete_id))


@router.get(
    "/exports/sessions.csv",
    response_class=Response,
    responses=_binary("text/csv", "One row per logged exercise."),
    summary="Session logs as CSV",
)
def sessions_csv(services: ServicesDep, athlete_id: AthleteDep) -> Response:
    return _download(exports_of(services).session_logs_csv(athlete_id))


@router.get(
    "/exports/self-tests.csv",
    response_class=Response,
    responses=_binary("text/csv", "One row per scored value."),
    summary="Self-test results as CSV",
)
def self_tests_csv(services: ServicesDep, athlete_id: AthleteDep) -> Response:
    return _download(exports_of(services).self_tests_csv(athlete_id))


@router.get(
    "/exports/session.fit",
    response_class=Response,
    responses=_binary("application/vnd.ant.fit", "A FIT workout file."),
    summary="One planned session as a workout for a watch",
)
def session_fit(
    services: ServicesDep,
    athlete_id: AthleteDep,
    slot: Annotated[Slot, Query(description="The session's slot.")],
    date: Annotated[IsoDate | None, Query(description="The day (default: today).")] = None,
) -> Response:
    day = date or services.ctx.today()
    return _download(exports_of(services).session_fit(athlete_id, day, slot.value))


@router.post(
    "/runs/import",
    response_model=RunImportOut,
    tags=["runs"],
    summary="Import runs from GPX, TCX, FIT or CSV files",
)
async def import_runs(
    services: ServicesDep,
    athlete_id: AthleteDep,
    files: Annotated[list[UploadFile], File(description="One or more run files.")],
) -> dict[str, Any]:
    """Each run is stored once (a file sent again, or the same run in two formats, is
    reported as already stored); files that cannot be read are listed with the reason."""
    read = await read_uploads(files)
    report = await run_in_threadpool(import_files, services, athlete_id, read)
    return report.to_dict()  # type: ignore[no-any-return]


async def read_uploads(files: Sequence[StarletteUploadFile]) -> list[tuple[str, bytes]]:
    read: list[tuple[str, bytes]] = []
    total = 0
    for upload in files:
        # The size the upload declared is checked before its bytes are loaded.
        content = b"" if total + (upload.size or 0) > MAX_IMPORT_BYTES else await upload.read()
        total += max(len(content), upload.size or 0)
        if total > MAX_IMPORT_BYTES:
            raise ValidationError(
                "run import",
                [Problem("files", f"more than {MAX_IMPORT_BYTES // (1024 * 1024)} MB at once")],
            )
        if content:
            read.append((upload.filename or "run", content))
    if not read:
        raise ValidationError("run import", [Problem("files", "choose at least one file")])
    return read


def import_files(services: Services, athlete_id: int, files: list[tuple[str, bytes]]) -> Any:
    # Deferred: not loaded by the web app's start (measured).
    from footcore.services.imports import ImportService  # noqa: PLC0415

    return ImportService(services.ctx).import_runs(athlete_id, files)

"""Building footcore from its settings: the one place engines and services are made.

``bootstrap(settings)`` creates the engine, brings the schema to the newest migration,
and wires the unit of work and the use cases. Nothing happens at import time; the CLI, the
web app and the tests all call this.

It is the composition root: the services declare what they need from outside as Protocols
(:mod:`footcore.services.ports`, the abstract unit of work, the data versions' read model)
and this module hands them the implementations: the store's unit of work, footcore.io's file
formats (:func:`file_formats`, each module loaded on first use), footcore.config's loopback
rule, the store's data-version reader (:attr:`App.versions`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from footcore.config import Settings, multi_user_required
from footcore.domain.errors import FootcoreError
from footcore.services.context import Context, builtin_catalogue, local_today, utc_now

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from footcore.domain.exercise import Catalogue
    from footcore.services import Services
    from footcore.services.data_versions import DataVersions
    from footcore.services.ports import (
        CalendarFormat,
        CsvFormat,
        DocumentReader,
        FhirFormat,
        FileFormats,
        FitWorkoutFormat,
        HandoutFormat,
        RunFileReader,
    )
    from footcore.services.unit_of_work import UnitOfWorkFactory, WriteQueue
    from footcore.store.group_commit import GroupCommitWriter
    from footcore.store.stored_day import StoredDay
    from footcore.store.uow import UnitOfWorkFactory as SqlAlchemyUnitOfWorkFactory


@dataclass
class App:
    settings: Settings
    engine: Engine
    session_factory: sessionmaker[Session]
    uow: SqlAlchemyUnitOfWorkFactory
    services: Services
    #: The session-log writes' group commit (``services.ctx.writes``).
    writes: GroupCommitWriter | None = None

    @functools.cached_property
    def versions(self) -> DataVersions:
        """The athletes' data versions, read outside any transaction (the web's kept answers
        and its one-person check): the store's reader behind the read model's Protocol
        (:mod:`footcore.services.data_versions`); made on first use, closed with the engine."""
        # Deferred: SQLAlchemy loads only on the full path (bootstrap() has loaded this
        # module with the unit of work by now; tests/e2e/test_cli_imports.py).
        from footcore.store.data_versions import VersionReader  # noqa: PLC0415

        return VersionReader(self.engine)

    def schema_revision(self) -> str | None:
        """The schema revision the database is at (None: an empty database), read in a
        read-only transaction (``footcore admin migrate`` says it before and after)."""
        # Deferred: SQLAlchemy and Alembic load only on the full path (bootstrap() has
        # loaded this module by now; tests/e2e/test_cli_imports.py).
        from footcore.store.migrate import current_revision  # noqa: PLC0415

        return current_revision(self.engine)

    def close(self) -> None:
        """Finish the writes queued so far, then release the database connections."""
        if self.writes is not None:
            self.writes.close()
        self.engine.dispose()

    def __enter__(self) -> App:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextlib.contextmanager
def _first_load() -> Iterator[None]:
    """Around the first load of the database code in a process (a CLI command's cold start).

    Importing SQLAlchemy and footcore's store makes some 90,000 objects the garbage collector
    tracks, nearly all of them kept as long as the process lives (modules, classes, tables),
    and the collector walks them again and again while they are made: 30-40 ms of a cold
    ``footcore today``. So the collector is paused while they are made, and ``gc.freeze()``
    then moves them out of its way (it still collects everything made later). When the
    database code is already loaded (a test session, a second app in one process) nothing
    changes.
    """
    if "sqlalchemy.orm" in sys.modules or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def bootstrap(
    settings: Settings,
    *,
    migrate: bool = True,
    catalogue: Callable[[], Catalogue] | None = None,
    now: Callable[[], dt.datetime] | None = None,
    today: Callable[[], dt.date] | None = None,
) -> App:
    """Build footcore for ``settings``; ``migrate`` runs ``alembic upgrade head`` first.

    ``catalogue``, ``now`` and ``today`` replace the built-in catalogue and the clocks
    (tests pass fixed ones).
    """
    with _first_load():
        # Deferred: SQLAlchemy, migrations and the unit of work load only on the full path;
        # the stored `footcore today` reads with sqlite3 (tests/e2e/test_cli_imports.py).
        from sqlalchemy.exc import DatabaseError  # noqa: PLC0415
        from sqlalchemy.orm import sessionmaker  # noqa: PLC0415

        # Deferred: SQLAlchemy, migrations and the unit of work load only on the full path;
        # the stored `footcore today` reads with sqlite3 (tests/e2e/test_cli_imports.py).
        from footcore.services import Services  # noqa: PLC0415
        from footcore.store.engine import make_engine  # noqa: PLC0415
        from footcore.store.group_commit import GroupCommitWriter  # noqa: PLC0415
        from footcore.store.migrate import upgrade  # noqa: PLC0415
        from footcore.store.uow import uow_factory  # noqa: PLC0415

        engine = make_engine(settings.database_url)
    try:
        if migrate:
            upgrade(engine)
    except DatabaseError as exc:
        # The database cannot be reached (OperationalError), or the file is not a database
        # or is damaged (SQLite's DatabaseError): said in one line, with nothing changed.
        engine.dispose()
        where = engine.url.render_as_string(hide_password=True)
        raise FootcoreError(database_error_text(where, exc)) from None
    except BaseException:
        engine.dispose()
        raise
    session_factory = sessionmaker(engine, expire_on_commit=False)
    uow = uow_factory(session_factory)
    # SQLite's writers take turns (one writer thread); PostgreSQL's overlap their round trips.
    sqlite = engine.dialect.name == "sqlite"
    writes = GroupCommitWriter(uow, threads=1 if sqlite else settings.web_threads)
    ctx = context(uow, catalogue=catalogue, now=now, today=today, writes=writes)
    return App(settings, engine, session_factory, uow, Services(ctx), writes)


def context(
    uow: UnitOfWorkFactory,
    *,
    catalogue: Callable[[], Catalogue] | None = None,
    now: Callable[[], dt.datetime] | None = None,
    today: Callable[[], dt.date] | None = None,
    writes: WriteQueue | None = None,
) -> Context:
    """The services' :class:`Context` over ``uow`` (the store's unit of work, or a test's
    in-memory one), with footcore's adapters in its ports: footcore.io's file formats and
    footcore.config's loopback rule. Left out, the catalogue is the built-in one and the
    clocks are the machine's."""
    return Context(
        uow=uow,
        formats=file_formats(),
        multi_user_required=multi_user_required,
        catalogue=catalogue or builtin_catalogue,
        now=now or utc_now,
        today=today or local_today,
        writes=writes,
    )


def file_formats() -> FileFormats:
    """footcore.io's modules behind the services' file-format ports, each imported when a
    use case first asks for it (a command that writes or reads no file loads none)."""
    # Deferred: making the ports' Protocol classes costs about 0.9 ms, and the stored
    # `footcore today` wires no services (measured with python -X importtime).
    from footcore.services.ports import FileFormats  # noqa: PLC0415

    return FileFormats(
        calendar=_calendar,
        handouts=_handouts,
        fhir=_fhir,
        fit_workout=_fit_workout,
        csv=_csv,
        run_files=_run_files,
        documents=_documents,
    )


# Deferred, each of the seven below: a format module (and its library: icalendar, fpdf,
# fhir.resources, fit_tool, the run-file readers) loads when a use case first needs it, never
# at start (tests/e2e/test_cli_imports.py: no footcore.io for the stored `footcore today`).
def _calendar() -> CalendarFormat:
    from footcore.io import calendar  # noqa: PLC0415

    return calendar


def _handouts() -> HandoutFormat:
    from footcore.io import pdf  # noqa: PLC0415

    return pdf


def _fhir() -> FhirFormat:
    from footcore.io import fhir  # noqa: PLC0415

    return fhir


def _fit_workout() -> FitWorkoutFormat:
    from footcore.io import fitworkout  # noqa: PLC0415

    return fitworkout


def _csv() -> CsvFormat:
    from footcore.io import csvexport  # noqa: PLC0415

    return csvexport


def _run_files() -> RunFileReader:
    from footcore.io import sandbox  # noqa: PLC0415

    return sandbox


def _documents() -> DocumentReader:
    from footcore.io import files  # noqa: PLC0415

    return files


def database_error_text(where: str, exc: BaseException) -> str:
    """What the command line says when the database ``where`` (its URL, password hidden)
    failed with ``exc`` (SQLAlchemy's wrapper of the driver's error, or the driver's): the
    driver's own words, and for a SQLite file that is not a database or is damaged, that the
    file was left as it is and how to get the data back."""
    orig = getattr(exc, "orig", None) or exc
    if damaged_sqlite_file(exc):
        return (
            f"the database {where} is damaged or is not a footcore database: {orig}; the file"
            " was left as it is: move it aside and `footcore restore` your latest backup into"
            " a new one"
        )
    return f"cannot open the database {where}: {orig}"


def damaged_sqlite_file(exc: BaseException) -> bool:
    """Whether ``exc`` (or the driver's error it wraps) is SQLite saying that its file is not
    a database or that its pages are damaged ("file is not a database", "database disk image
    is malformed"): sqlite3's DatabaseError itself, not one of its narrower kinds (a busy or
    read-only database, a constraint, a programming error)."""
    sqlite3 = sys.modules.get("sqlite3")  # not loaded: not SQLite's error
    orig = getattr(exc, "orig", None) or exc
    return sqlite3 is not None and type(orig) is sqlite3.DatabaseError


def stored_day(settings: Settings) -> StoredDay | None:
    """The stored day's read model (``footcore.store.stored_day``) for the database of
    ``settings``: one read-only snapshot of a SQLite file at the newest schema, read with the
    standard library's ``sqlite3`` (no SQLAlchemy). None for any other database, a file not
    made yet or one that needs migrating: :func:`bootstrap` serves those."""
    # Deferred: SQLAlchemy, migrations and the unit of work load only on the full path;
    # the stored `footcore today` reads with sqlite3 (tests/e2e/test_cli_imports.py).
    from footcore.store.stored_day import open_stored_day  # noqa: PLC0415

    return open_stored_day(settings.database_url)

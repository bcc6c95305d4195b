"""The SQLAlchemy unit of work: one database transaction with the repositories that share it.

It is what the services' abstract unit of work (:mod:`footcore.services.unit_of_work`) stands
for in production. ``with uow_factory() as uow:`` opens a database session (``uow.db``, for
the store's own code; services never touch it); leaving the block normally commits, any
exception rolls everything back, so nothing half-written survives a failure. Every session
keeps the athletes' data versions (:mod:`footcore.store.data_versions`): a transaction that
writes an athlete's data gives the athlete a new version as it commits.

``uow(read_only=True)`` makes a unit of work that only reads: on SQLite its transaction
opens a deferred ``BEGIN`` (readers never queue behind a writer) and takes no write lock
(:func:`footcore.store.engine.write_lock`); closing it ends the transaction. A write in it fails at
once, so nothing is ever silently dropped: ORM changes and INSERT/UPDATE/DELETE statements
raise :class:`ReadOnlyError`, and the database itself refuses any other SQL that writes.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol, Self

from sqlalchemy import Engine, event
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction, sessionmaker

from footcore.store.data_versions import track
from footcore.store.engine import READ_ONLY, read_only_engine, write_lock
from footcore.store.repositories import (
    AssessmentRepository,
    AthleteRepository,
    CalendarFeedRepository,
    DecisionRepository,
    ProbeRepository,
    ProfileRepository,
    ProgrammeRepository,
    RunRepository,
    SessionLogRepository,
)

if TYPE_CHECKING:
    from footcore.store.backup import BackupRepository
    from footcore.store.owned import OwnedRowsRepository
    from footcore.store.repositories.accounts import AccountRepositories
    from footcore.store.repositories.outcomes import OutcomeRepositories
    from footcore.store.repositories.push import PushRepositories


class ReadOnlyError(RuntimeError):
    """A read-only unit of work was asked to write (a programming error)."""


class SqlAlchemyUnitOfWork:
    """A transaction boundary. Use as a context manager; it is not reentrant."""

    db: Session
    athletes: AthleteRepository
    profiles: ProfileRepository
    programmes: ProgrammeRepository
    assessments: AssessmentRepository
    sessions: SessionLogRepository
    runs: RunRepository
    decisions: DecisionRepository
    feeds: CalendarFeedRepository
    probes: ProbeRepository

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        *,
        read_only: bool = False,
        read_bind: Engine | None = None,
        lock: AbstractContextManager[None] | None = None,
    ) -> None:
        self._factory = session_factory
        self._open = False
        self.read_only = read_only
        self._read_bind = read_bind
        self._lock = lock

    def __enter__(self) -> Self:
        if self._open:
            raise RuntimeError("a unit of work cannot be entered twice")
        if self._lock is not None:
            self._lock.__enter__()
        self._open = True
        if self.read_only:
            self.db = self._factory(bind=self._read_bind)
            self.db.info[READ_ONLY] = True
        else:
            self.db = self._factory()
        self.athletes = AthleteRepository(self.db)
        self.profiles = ProfileRepository(self.db)
        self.programmes = ProgrammeRepository(self.db)
        self.assessments = AssessmentRepository(self.db)
        self.sessions = SessionLogRepository(self.db)
        self.runs = RunRepository(self.db)
        self.decisions = DecisionRepository(self.db)
        self.feeds = CalendarFeedRepository(self.db)
        self.probes = ProbeRepository(self.db)
        self._accounts: AccountRepositories | None = None
        self._outcomes: OutcomeRepositories | None = None
        self._push: PushRepositories | None = None
        return self

    @property
    def accounts(self) -> AccountRepositories:
        """Accounts and coaching (imported on first use: most commands never need them)."""
        if self._accounts is None:
            # Deferred: each repository loads on first use.
            from footcore.store.repositories.accounts import AccountRepositories  # noqa: PLC0415

            self._accounts = AccountRepositories(self.db)
        return self._accounts

    @property
    def backup(self) -> BackupRepository:
        """Every backed-up table at once: backup and restore (imported on first use)."""
        # Deferred: each repository loads on first use.
        from footcore.store.backup import BackupRepository  # noqa: PLC0415

        return BackupRepository(self.db)

    @property
    def owned(self) -> OwnedRowsRepository:
        """Every row of one account or athlete: export and deletion (imported on first
        use)."""
        # Deferred: each repository loads on first use.
        from footcore.store.owned import OwnedRowsRepository  # noqa: PLC0415

        return OwnedRowsRepository(self.db)

    @property
    def outcomes(self) -> OutcomeRepositories:
        """Check-ins, consents, studies and the audit trail (imported on first use)."""
        if self._outcomes is None:
            # Deferred: each repository loads on first use.
            from footcore.store.repositories.outcomes import OutcomeRepositories  # noqa: PLC0415

            self._outcomes = OutcomeRepositories(self.db)
        return self._outcomes

    @property
    def push(self) -> PushRepositories:
        """Reminder settings, push subscriptions, reminders sent (imported on first use)."""
        if self._push is None:
            # Deferred: each repository loads on first use.
            from footcore.store.repositories.push import PushRepositories  # noqa: PLC0415

            self._push = PushRepositories(self.db)
        return self._push

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if self.read_only:
                pass  # closing ends the transaction; a rollback would expire what was read
            elif exc_type is None:
                self.db.commit()
            else:
                self.db.rollback()
        finally:
            self.db.close()
            self._open = False
            if self._lock is not None:
                self._lock.__exit__(exc_type, exc, tb)

    def flush(self) -> None:
        """Send pending changes inside the transaction (ids become known)."""
        self.db.flush()


class UnitOfWorkFactory(Protocol):
    """Makes a fresh unit of work each time: ``uow()`` may write, ``uow(read_only=True)``
    only reads."""

    def __call__(self, *, read_only: bool = False) -> SqlAlchemyUnitOfWork: ...


def _refuse_flush(session: Session, _context: UOWTransaction, _instances: Any) -> None:
    if session.info.get(READ_ONLY) and (session.new or session.dirty or session.deleted):
        raise ReadOnlyError("a read-only unit of work cannot store changes")


def _refuse_write(state: ORMExecuteState) -> None:
    writes = state.is_insert or state.is_update or state.is_delete
    if writes and state.session.info.get(READ_ONLY):
        raise ReadOnlyError("a read-only unit of work cannot run an INSERT, UPDATE or DELETE")


def uow_factory(session_factory: sessionmaker[Session]) -> UnitOfWorkFactory:
    """A callable that makes a fresh unit of work each time. Sessions of
    ``session_factory`` keep the athletes' data versions from now on."""
    track(session_factory)
    event.listen(session_factory, "before_flush", _refuse_flush)
    event.listen(session_factory, "do_orm_execute", _refuse_write)
    engine = session_factory.kw["bind"]
    read_bind = read_only_engine(engine)

    def make(*, read_only: bool = False) -> SqlAlchemyUnitOfWork:
        if read_only:
            return SqlAlchemyUnitOfWork(session_factory, read_only=True, read_bind=read_bind)
        return SqlAlchemyUnitOfWork(session_factory, lock=write_lock(engine))

    return make

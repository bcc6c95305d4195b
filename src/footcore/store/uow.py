"""The unit of work: one database transaction with the repositories that share it.

``with uow_factory() as uow:`` opens a session; leaving the block normally commits, any
exception rolls everything back, so nothing half-written survives a failure. Every session
keeps the athletes' data versions (:mod:`footcore.store.versions`): a transaction that
writes an athlete's data gives the athlete a new version as it commits.
"""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Self

from sqlalchemy.orm import Session, sessionmaker

from footcore.store.repositories import (
    AssessmentRepository,
    AthleteRepository,
    DecisionRepository,
    ProfileRepository,
    ProgrammeRepository,
    RunRepository,
    SessionLogRepository,
)

if TYPE_CHECKING:
    from footcore.store.repositories_accounts import AccountRepositories


class UnitOfWork:
    """A transaction boundary. Use as a context manager; it is not reentrant."""

    session: Session
    athletes: AthleteRepository
    profiles: ProfileRepository
    programmes: ProgrammeRepository
    assessments: AssessmentRepository
    sessions: SessionLogRepository
    runs: RunRepository
    decisions: DecisionRepository

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._factory = session_factory
        self._open = False

    def __enter__(self) -> Self:
        if self._open:
            raise RuntimeError("a unit of work cannot be entered twice")
        self._open = True
        self.session = self._factory()
        self.athletes = AthleteRepository(self.session)
        self.profiles = ProfileRepository(self.session)
        self.programmes = ProgrammeRepository(self.session)
        self.assessments = AssessmentRepository(self.session)
        self.sessions = SessionLogRepository(self.session)
        self.runs = RunRepository(self.session)
        self.decisions = DecisionRepository(self.session)
        self._accounts: AccountRepositories | None = None
        return self

    @property
    def accounts(self) -> AccountRepositories:
        """Accounts and coaching (imported on first use: most commands never need them)."""
        if self._accounts is None:
            from footcore.store.repositories_accounts import AccountRepositories

            self._accounts = AccountRepositories(self.session)
        return self._accounts

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if exc_type is None:
                self.session.commit()
            else:
                self.session.rollback()
        finally:
            self.session.close()
            self._open = False

    def flush(self) -> None:
        """Send pending changes inside the transaction (ids become known)."""
        self.session.flush()


UnitOfWorkFactory = Callable[[], UnitOfWork]


def uow_factory(session_factory: sessionmaker[Session]) -> UnitOfWorkFactory:
    """A callable that makes a fresh unit of work each time. Sessions of
    ``session_factory`` keep the athletes' data versions from now on."""
    from footcore.store.versions import track

    track(session_factory)

    def make() -> UnitOfWork:
        return UnitOfWork(session_factory)

    return make

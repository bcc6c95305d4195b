"""What every use case needs: a unit-of-work factory, the catalogue, a clock, and what comes
from outside the services (the file formats behind their ports, the loopback rule), which
:mod:`footcore.bootstrap` wires in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, TypeVar

from footcore.domain.errors import FootcoreError, NotFoundError
from footcore.domain.exercise import Catalogue

if TYPE_CHECKING:
    from footcore.services.ports import FileFormats
    from footcore.services.unit_of_work import (
        AthleteRecord,
        UnitOfWork,
        UnitOfWorkFactory,
        WriteQueue,
    )

T = TypeVar("T")


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def local_today() -> dt.date:
    return dt.date.today()


@cache
def _builtin() -> Catalogue:
    # Deferred: the stored `footcore today` never reads the catalogue (measured).
    from footcore.catalogue.loader import builtin_catalogue  # noqa: PLC0415

    return builtin_catalogue()


def builtin_catalogue() -> Catalogue:
    """The built-in catalogue, loaded once per process on first use."""
    return _builtin()


@dataclass(frozen=True, kw_only=True)
class Context:
    uow: UnitOfWorkFactory
    #: The file formats behind the services' ports (:mod:`footcore.services.ports`).
    formats: FileFormats
    #: The loopback rule: whether a server listening on this host must have accounts and
    #: sign-in (``footcore.config.multi_user_required``).
    multi_user_required: Callable[[str], bool]
    catalogue: Callable[[], Catalogue] = builtin_catalogue
    now: Callable[[], dt.datetime] = utc_now
    today: Callable[[], dt.date] = local_today
    #: Where session-log writes go (group commit); None: each in a unit of work of its own.
    writes: WriteQueue | None = None

    def write(self, work: Callable[[UnitOfWork], T]) -> T:
        """Run ``work`` in a unit of work that may write, through :attr:`writes` when there
        is one (then it may share its transaction with writes that came at the same time),
        and answer its result once committed."""
        if self.writes is None:
            with self.uow() as uow:
                return work(uow)
        return self.writes.run(work)


def require_athlete(uow: UnitOfWork, athlete_id: int) -> AthleteRecord:
    athlete = uow.athletes.get(athlete_id)
    if athlete is None:
        known = [str(a.id) for a in uow.athletes.list()]
        raise NotFoundError("athlete", str(athlete_id), known)
    return athlete


class NotSetUpError(FootcoreError):
    """No athlete is stored yet: ``footcore init`` comes first."""

    def __init__(self) -> None:
        super().__init__(
            "no athlete is set up yet: run 'footcore init' (or 'footcore init --profile FILE')"
        )

"""The athletes' data versions as the web reads them: the read model's interface.

Every transaction that writes an athlete's training data (or a coach's row that shapes it)
gives the athlete a new data version (``footcore.store.data_versions``). The web keeps
answers under the version read before they were computed, and settles one-person mode from
one read; it reads the versions through this Protocol, whose implementation the store
provides (``VersionReader``) and :mod:`footcore.bootstrap` hands over (``App.versions``).
The reads open no transaction and, on the event loop, never block it on a server.
"""

from __future__ import annotations

from typing import Protocol

from footcore.store.rows import FirstAthlete

__all__ = ["DataVersions", "FirstAthlete"]


class DataVersions(Protocol):
    @property
    def database(self) -> str:
        """The kind of database read: ``sqlite`` or ``postgresql``."""

    async def version_async(self, athlete_id: int) -> int | None:
        """The athlete's data version; None when it has none (or does not exist)."""

    async def accounts_exist_async(self) -> bool:
        """Whether any account is stored (then one-person mode is over)."""

    async def first_athlete_async(self) -> FirstAthlete | None:
        """The first athlete set up (lowest id), its version and whether any account
        exists; None when nobody is set up."""

"""What the coaches' views read for many athletes at once, in a fixed number of queries:
their latest profiles, and the sessions their latest programmes plan (the dashboard, the
class sheet and the group studies)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from footcore.domain import progress as maths

if TYPE_CHECKING:
    from footcore.domain.progress import PlannedSession
    from footcore.services.unit_of_work import RosterRepository, UnitOfWork


def latest_profiles(
    uow: UnitOfWork, athlete_ids: Sequence[int]
) -> list[tuple[int, str, Mapping[str, Any]]]:
    """(athlete id, name, latest profile data) of each athlete."""
    return list(uow.accounts.roster.latest_profiles(athlete_ids))


def planned_sessions(
    roster: RosterRepository, athlete_ids: Sequence[int], first: dt.date, last: dt.date
) -> dict[int, list[PlannedSession]]:
    """athlete id -> planned sessions from ``first`` to ``last`` of their latest programme,
    from the stored planned sessions (a few rows per member; rebuilt from the snapshot where
    missing, e.g. after a restore)."""
    latest = roster.latest_programmes(athlete_ids)
    pids = [pid for pid, _start, _made in latest.values()]
    missing = set(pids) - roster.scheduled(pids)
    for pid, athlete_id, plan in roster.plans(sorted(missing)):
        roster.store_schedule(athlete_id, pid, plan)
    out: dict[int, list[PlannedSession]] = {a: [] for a in latest}
    for athlete_id, date, slot, minutes in roster.planned(pids, first, last):
        out[athlete_id].append(maths.PlannedSession(date, slot, minutes))
    return out

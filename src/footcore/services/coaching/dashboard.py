"""The coach's dashboard: every accepted member of a group at a glance, in a fixed number
of queries whatever the group's size (no query per member).

Thresholds (docs/accounts.md):

- adherence: planned sessions done over the last ``ADHERENCE_DAYS`` days (the progress
  report's rule: today counts only once done);
- gone quiet: no session logged in the last ``QUIET_DAYS`` days;
- open pain flag: the adaptation rule (pain above 5/10 or a worse next morning, closed by a
  later session at 3/10 or less) over the last ``FLAG_DAYS`` days of finished sessions;
- cramp flag: a cramp logged in the last ``CRAMP_DAYS`` days;
- real changes: the self-tests' smallest real change, first result against the latest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from footcore.domain import adaptation
from footcore.domain import progress as maths
from footcore.domain.access import Principal
from footcore.domain.assessments import compare
from footcore.services.coaching.groups import GroupView, group_for, group_view
from footcore.services.coaching.roster import planned_sessions
from footcore.services.context import Context
from footcore.services.studies import StudyService

ADHERENCE_DAYS = 14
QUIET_DAYS = 7
FLAG_DAYS = 28
CRAMP_DAYS = 14


@dataclass(frozen=True)
class MemberStatus:
    """One accepted member on the coach's dashboard."""

    athlete_id: int
    name: str
    adherence_pct: float | None
    planned_sessions: int
    done_sessions: int
    last_log: dt.date | None
    days_since_log: int | None
    quiet: bool
    latest_self_test: dt.date | None
    real_changes: tuple[str, ...]
    pain_flag: str | None
    cramp_flag: str | None
    #: A substantial problem in this or last week's check-in; only for members who share
    #: their check-ins with the coach (None for everyone else).
    checkin_flag: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "athlete_id": self.athlete_id,
            "name": self.name,
            "adherence_pct": self.adherence_pct,
            "planned_sessions": self.planned_sessions,
            "done_sessions": self.done_sessions,
            "last_log": self.last_log.isoformat() if self.last_log else None,
            "days_since_log": self.days_since_log,
            "quiet": self.quiet,
            "latest_self_test": self.latest_self_test.isoformat()
            if self.latest_self_test
            else None,
            "real_changes": list(self.real_changes),
            "pain_flag": self.pain_flag,
            "cramp_flag": self.cramp_flag,
            "checkin_flag": self.checkin_flag,
        }


@dataclass(frozen=True)
class Dashboard:
    group: GroupView
    date: dt.date
    members: tuple[MemberStatus, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": "footcore.dashboard/1",
            "group": self.group.to_dict(),
            "date": self.date.isoformat(),
            "thresholds": {
                "adherence_days": ADHERENCE_DAYS,
                "quiet_days": QUIET_DAYS,
                "flag_days": FLAG_DAYS,
                "cramp_days": CRAMP_DAYS,
            },
            "members": [m.to_dict() for m in self.members],
        }


class DashboardService:
    """The coach's dashboard of a group."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def dashboard(self, p: Principal, group_id: int, on: dt.date | None = None) -> Dashboard:
        """Every accepted member at a glance; a fixed number of queries whatever the group's
        size (no query per member)."""
        day = on or self.ctx.today()
        with self.ctx.uow() as uow:
            group = group_for(uow, p, group_id, manage=True)
            view = group_view(uow, group, p)
            roster = uow.accounts.roster
            names = uow.accounts.groups.member_names(group.id)
            ids = sorted(names)
            since = day - dt.timedelta(days=max(FLAG_DAYS, ADHERENCE_DAYS) - 1)
            window = day - dt.timedelta(days=ADHERENCE_DAYS - 1)
            planned = planned_sessions(roster, ids, window, day)
            logs = roster.window_logs(ids, since, day)
            last_logs = roster.last_log_dates(ids)
            tests: dict[int, list[tuple[dt.date, Mapping[str, Any]]]] = {}
            for a, taken_on, data in roster.assessment_inputs(ids):
                tests.setdefault(a, []).append((taken_on, data))
            checkin_flags = StudyService(self.ctx).flags_for(uow, group.id, day)

        by_athlete: dict[int, list[Any]] = {}
        for row in logs:
            by_athlete.setdefault(row[0], []).append(row)
        statuses = [
            _member_status(
                a,
                names[a],
                by_athlete.get(a, []),
                planned=planned.get(a, []),
                last=last_logs.get(a),
                tests=tests.get(a, []),
                checkin_flag=checkin_flags.get(a),
                day=day,
            )
            for a in ids
        ]
        statuses.sort(key=lambda s: (not s.quiet, s.name.lower(), s.athlete_id))
        return Dashboard(view, day, tuple(statuses))


def _member_status(
    athlete_id: int,
    name: str,
    rows: Sequence[Any],
    *,
    planned: Sequence[maths.PlannedSession],
    last: dt.date | None,
    tests: Sequence[tuple[dt.date, Mapping[str, Any]]],
    checkin_flag: str | None,
    day: dt.date,
) -> MemberStatus:
    """One member's line of the dashboard, from their rows of ``roster.window_logs``
    (oldest first), planned sessions, last log and self-tests (oldest first)."""
    window = day - dt.timedelta(days=ADHERENCE_DAYS - 1)
    done = [
        maths.DoneSession(
            r[2],
            str(r[3]),
            0.0,
            int(r[11] or 0),
            maths.session_complete(int(r[13] or 0), int(r[12] or 0), int(r[11] or 0)),
        )
        for r in rows
        if r[2] >= window
    ]
    adh = maths.adherence(planned, done, day)
    outcomes = [
        adaptation.SessionOutcome(
            key=str(r[1]),
            date=r[2],
            slot=str(r[3]),
            items=(),
            pain=_max(r[4], r[10]),
            cramp=bool(r[6]),
            next_morning_pain=r[5],
        )
        for r in rows
        if r[7] is not None
    ]
    cramps = [r[2] for r in rows if (r[6] or r[9]) and r[2] > day - dt.timedelta(days=CRAMP_DAYS)]
    days_since = (day - last).days if last is not None else None
    return MemberStatus(
        athlete_id=athlete_id,
        name=name,
        adherence_pct=adh.sessions_pct,
        planned_sessions=adh.planned_sessions,
        done_sessions=adh.done_sessions,
        last_log=last,
        days_since_log=days_since,
        quiet=days_since is None or days_since >= QUIET_DAYS,
        latest_self_test=tests[-1][0] if tests else None,
        real_changes=_real_changes(tests),
        pain_flag=adaptation.open_pain_flag(outcomes),
        cramp_flag=f"cramp on {max(cramps).isoformat()}" if cramps else None,
        checkin_flag=checkin_flag,
    )


def _real_changes(tests: Sequence[tuple[dt.date, Mapping[str, Any]]]) -> tuple[str, ...]:
    """The self-tests' real changes, first result against the latest."""
    if len(tests) < 2:
        return ()
    report = compare(tests[0][1], tests[-1][1])
    return tuple(
        f"{c.name}{' (' + c.part + ')' if c.part else ''}: {c.verdict}"
        for c in report.changes
        if c.is_real
    )


def _max(a: int | None, b: int | None) -> int | None:
    values = [v for v in (a, b) if v is not None]
    return max(values) if values else None

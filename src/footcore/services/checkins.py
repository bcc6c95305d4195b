"""The weekly injury check-in: answering (or skipping) once a week, what it does to the plan,
the person's outcome over time, and their consent to share check-ins with a group's coach.

Check-ins are one per athlete and calendar week (Monday to Sunday): a second answer in the
same week is refused; a skipped week can still be answered. How a check-in changes the plan
is :func:`footcore.domain.ostrc.plan_response` (one rule, with its reasons); here it is fed
into the planner's existing inputs by :func:`plan_inputs` and :func:`explain_flags`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from footcore.domain import access, ostrc
from footcore.domain.access import GroupRef, Principal
from footcore.domain.errors import ConflictError, NotFoundError
from footcore.domain.ostrc import Area, AreaAnswer, PlanResponse, WeeklyCheckin
from footcore.services.context import Context, require_athlete

if TYPE_CHECKING:
    from footcore.domain.planning import Plan
    from footcore.services.unit_of_work import UnitOfWork
    from footcore.store.rows import CheckinRow

#: The version of the words a member agrees to when sharing check-ins (docs/outcomes.md).
SHARE_WORDING = "share-checkins/1"
SHARE_TEXT = (
    "I agree that the coach of this group sees my weekly injury check-ins (which body areas "
    "had a problem, how much, and my severity scores). I can stop sharing at any time; the "
    "coach then sees none of them."
)

#: Weeks of check-ins the plan's rule reads (this week, and the two before for "rising").
PLAN_WEEKS = 3


def checkins_from_rows(rows: Iterable[CheckinRow]) -> dict[int, list[WeeklyCheckin]]:
    """Stored rows (many athletes) as domain check-ins per athlete, weeks in order."""
    out: dict[int, list[WeeklyCheckin]] = {}
    for athlete_id, week, skipped, answers in rows:
        out.setdefault(athlete_id, []).append(_checkin(week, skipped, answers))
    return out


def _checkin(
    week: dt.date, skipped: bool, answers: Mapping[str, tuple[int, int, int, int]]
) -> WeeklyCheckin:
    if skipped:
        return WeeklyCheckin(week, (), True)
    return WeeklyCheckin(
        week,
        tuple(
            AreaAnswer(a, *answers[str(a)]) if str(a) in answers else ostrc.no_problem(a)
            for a in ostrc.AREAS
        ),
    )


def history(uow: UnitOfWork, athlete_id: int, since: dt.date | None = None) -> list[WeeklyCheckin]:
    return checkins_from_rows(uow.outcomes.checkins.rows([athlete_id], since=since)).get(
        athlete_id, []
    )


def plan_response_for(uow: UnitOfWork, athlete_id: int, today: dt.date) -> PlanResponse:
    """What the athlete's recent check-ins mean for the plan (two cheap queries)."""
    since = ostrc.week_start(today) - dt.timedelta(days=7 * PLAN_WEEKS)
    return ostrc.plan_response(history(uow, athlete_id, since), today)


# -- into the planner's existing inputs ---------------------------------------------------------


@dataclass(frozen=True)
class _Flag:
    code: str
    message: str


@dataclass(frozen=True)
class _Report:
    """A self-test report (or none) with the check-in's flag added: what the planner reads
    of a report (``ReportLike``: focus areas and flags)."""

    focus: tuple[Any, ...]
    flags: tuple[Any, ...]
    pain: Any | None = None  # the self-test's recorded pain, as the planner reads it


def plan_inputs(
    response: PlanResponse, logged_pain: int | None, profile_pain: int, report: Any | None
) -> tuple[int | None, Any | None]:
    """The pain and the report the planner is given: the check-in's pain where it is
    higher than the pain the planner would see anyway, and its ``see-clinician`` flag beside
    the self-test report's flags."""
    pain = ostrc.planner_pain(logged_pain, profile_pain, response)
    if response.flag is None:
        return pain, report
    flags = tuple(report.flags) if report is not None else ()
    focus = tuple(report.focus) if report is not None else ()
    tested = getattr(report, "pain", None)
    return pain, _Report(focus, (*flags, _Flag(response.flag, response.message)), tested)


def explain_flags(
    plan: Plan,
    response: PlanResponse,
    logged_pain: int | None,
    profile_pain: int,
    report: Any | None,
) -> Plan:
    """The plan with the check-in's reason on the flag it raised: in its own words where the
    check-in alone raised it, added to the planner's words where pain or a self-test would
    have raised it anyway."""
    code = ostrc.FLAG_OF.get(response.reaction)
    if code is None:
        return plan
    own = logged_pain if logged_pain is not None else profile_pain
    self_test = [f.code for f in (report.flags if report is not None else ())]
    alone = ostrc.caused_flag(response, own, self_test)
    flags = tuple(
        dataclasses.replace(
            f, message=response.message if alone else f"{f.message} {response.message}"
        )
        if f.code == code
        else f
        for f in plan.flags
    )
    return dataclasses.replace(plan, flags=flags)


# -- views -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckinStatus:
    """This week's check-in: due, done or skipped, and what the latest one means."""

    athlete_id: int
    week: dt.date
    checkin: WeeklyCheckin | None
    response: PlanResponse
    reminded: bool = False

    @property
    def done(self) -> bool:
        return self.checkin is not None and not self.checkin.skipped

    @property
    def skipped(self) -> bool:
        return self.checkin is not None and self.checkin.skipped

    @property
    def due(self) -> bool:
        return self.checkin is None

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": "footcore.checkin-status/1",
            "athlete_id": self.athlete_id,
            "week": self.week.isoformat(),
            "due": self.due,
            "done": self.done,
            "skipped": self.skipped,
            "checkin": self.checkin.to_dict() if self.checkin else None,
            "plan": self.response.to_dict(),
            "reminded": self.reminded,
        }


@dataclass(frozen=True)
class SharingView:
    group_id: int
    group: str
    shared: bool
    since: dt.datetime | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "group_id": self.group_id,
            "group": self.group,
            "shared": self.shared,
            "since": self.since.isoformat() if self.since else None,
            "wording": SHARE_WORDING,
            "text": SHARE_TEXT,
        }


class CheckinService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # -- answering ----------------------------------------------------------------------------

    def record(
        self, athlete_id: int, data: Mapping[str, Any], on: dt.date | None = None
    ) -> CheckinStatus:
        """This week's check-in (``{"none": true}`` for no problems anywhere, else
        ``{"areas": {...}}``); refused when this week is already answered."""
        day = on or self.ctx.today()
        checkin = ostrc.parse_checkin(data, day)
        with self.ctx.uow() as uow:
            require_athlete(uow, athlete_id)
            repo = uow.outcomes.checkins
            found = repo.get(athlete_id, checkin.week)
            if found is not None and not found.skipped:
                raise ConflictError(
                    f"this week's check-in is already done (week of {checkin.week.isoformat()}):"
                    " one a week; the next one opens on Monday"
                )
            if found is not None:  # a skipped week, answered after all
                repo.delete(found.id)
            repo.add(
                athlete_id,
                checkin.week,
                [
                    {
                        "area": str(a.area),
                        "participation": a.participation,
                        "training": a.training,
                        "performance": a.performance,
                        "symptoms": a.symptoms,
                    }
                    for a in checkin.problems
                ],
                self.ctx.now(),
            )
            return self._status(uow, athlete_id, day)

    def skip(self, athlete_id: int, on: dt.date | None = None) -> CheckinStatus:
        """Skip this week's check-in (it will not be asked again until Monday)."""
        day = on or self.ctx.today()
        week = ostrc.week_start(day)
        with self.ctx.uow() as uow:
            require_athlete(uow, athlete_id)
            found = uow.outcomes.checkins.get(athlete_id, week)
            if found is not None and not found.skipped:
                raise ConflictError(
                    f"this week's check-in is already done (week of {week.isoformat()}), so "
                    "there is nothing to skip"
                )
            if found is None:
                uow.outcomes.checkins.add(athlete_id, week, [], self.ctx.now(), skipped=True)
            return self._status(uow, athlete_id, day)

    def status(self, athlete_id: int, on: dt.date | None = None) -> CheckinStatus:
        day = on or self.ctx.today()
        with self.ctx.uow(read_only=True) as uow:
            require_athlete(uow, athlete_id)
            return self._status(uow, athlete_id, day)

    def _status(self, uow: UnitOfWork, athlete_id: int, day: dt.date) -> CheckinStatus:
        since = ostrc.week_start(day) - dt.timedelta(days=7 * PLAN_WEEKS)
        weeks = history(uow, athlete_id, since)
        week = ostrc.week_start(day)
        this = next((c for c in weeks if c.week == week), None)
        reminded = any(
            p.reminded_at is not None
            and p.withdrawn_at is None
            and ostrc.week_start(p.reminded_at.date()) == week
            for p in uow.outcomes.studies.participations(athlete_id)
        )
        return CheckinStatus(athlete_id, week, this, ostrc.plan_response(weeks, day), reminded)

    # -- reading ------------------------------------------------------------------------------

    def history(self, athlete_id: int) -> list[WeeklyCheckin]:
        with self.ctx.uow(read_only=True) as uow:
            require_athlete(uow, athlete_id)
            return history(uow, athlete_id)

    def outcome(self, athlete_id: int, on: dt.date | None = None) -> ostrc.Outcome:
        """Weekly severity per area, weeks with a problem, and the protective dose so far."""
        day = on or self.ctx.today()
        with self.ctx.uow(read_only=True) as uow:
            require_athlete(uow, athlete_id)
            weeks = history(uow, athlete_id)
            days = uow.outcomes.work.days([athlete_id]).get(athlete_id, [])
        return ostrc.outcome(weeks, day, days)

    # -- sharing with a group's coach ---------------------------------------------------------

    def sharing(self, p: Principal) -> list[SharingView]:
        """The groups the person belongs to, and whether each coach sees their check-ins."""
        athlete_id = _own_athlete(p)
        with self.ctx.uow(read_only=True) as uow:
            out = []
            for g in uow.accounts.groups.of_athlete(athlete_id):
                c = uow.outcomes.consents.current(athlete_id, "share-checkins", group_id=g.id)
                out.append(SharingView(g.id, g.name, c is not None, c.given_at if c else None))
            return out

    def set_sharing(self, p: Principal, group_id: int, share: bool) -> SharingView:
        """Agree (or stop agreeing) that this group's coach sees the check-ins; recorded,
        with an audit event, each time it changes."""
        athlete_id = _own_athlete(p)
        now = self.ctx.now()
        with self.ctx.uow() as uow:
            group = uow.accounts.groups.get(group_id)
            if group is None or group_id not in {
                g.id for g in uow.accounts.groups.of_athlete(athlete_id)
            }:
                raise NotFoundError("group", str(group_id))
            access.require(
                access.can_view_group(p, GroupRef(group.id, group.coach_user_id)),
                "group",
                group_id,
            )
            consents = uow.outcomes.consents
            current = consents.current(athlete_id, "share-checkins", group_id=group_id)
            if share and current is None:
                current = consents.add(
                    {
                        "athlete_id": athlete_id,
                        "kind": "share-checkins",
                        "group_id": group_id,
                        "wording": SHARE_WORDING,
                        "given_at": now,
                    }
                )
                uow.outcomes.audit.add(
                    "consent-given",
                    now,
                    actor_user_id=p.user_id,
                    athlete_id=athlete_id,
                    group_id=group_id,
                    detail={"kind": "share-checkins", "wording": SHARE_WORDING},
                )
            elif not share and current is not None:
                current.revoked_at = now
                uow.outcomes.audit.add(
                    "consent-revoked",
                    now,
                    actor_user_id=p.user_id,
                    athlete_id=athlete_id,
                    group_id=group_id,
                    detail={"kind": "share-checkins"},
                )
                current = None
            return SharingView(
                group.id, group.name, current is not None, current.given_at if current else None
            )


def _own_athlete(p: Principal) -> int:
    if p.athlete_id is None:
        raise access.AccessError(access.FORBIDDEN, "this account has no training data")
    return p.athlete_id


def shared_with(uow: UnitOfWork, athlete_ids: Sequence[int], group_id: int) -> set[int]:
    """Those of ``athlete_ids`` who share their check-ins with this group's coach now."""
    sharing = uow.outcomes.consents.sharing(group_id)
    return {a for a in athlete_ids if a in sharing}


__all__ = [
    "SHARE_TEXT",
    "SHARE_WORDING",
    "Area",
    "CheckinService",
    "CheckinStatus",
    "SharingView",
    "checkins_from_rows",
    "explain_flags",
    "plan_inputs",
    "plan_response_for",
]

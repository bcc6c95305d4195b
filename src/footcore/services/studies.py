"""What a coach sees of the weekly check-ins, and club studies.

**Group outcomes** (``group_outcomes``): per week, of the members who share their check-ins
with the coach and answered that week, how many had a problem and how many a substantial
one, in all and per area; the mean of the weekly prevalences with a t interval (the way the
OSTRC papers report it); and the members with a substantial problem now. Nothing of a member
who does not share is shown: not a count of theirs in a week, not a name in a flag.

**Studies**: a coach sets up a study in a group (two to four arms, follow-up weeks, a seed);
members who agree take part (their weekly distance and whether they were injured before
are the strata); starting the study allocates everyone enrolled by then, and anyone joining
later is allocated on joining. Each allocation is appended to a hash-chained log. An arm may
carry a programme template, given to its participants from their start. The report compares
the arms (see :mod:`footcore.services.study_stats`), and the export gives participant-weeks
under random ids made afresh for each export, with a data dictionary.

Every change of consent or allocation, and setting up, starting, reminding and closing a
study, writes an audit event.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from footcore.domain import access, ostrc
from footcore.domain import study as design
from footcore.domain.access import GroupRef, Principal
from footcore.domain.errors import (
    ConflictError,
    NotFoundError,
    Problem,
    ValidationError,
)
from footcore.domain.ostrc import AREAS, BODY_AREAS, FOOT_AREAS, Area, WeeklyCheckin
from footcore.services.checkins import checkins_from_rows
from footcore.services.coaching.groups import group_for
from footcore.services.coaching.roster import planned_sessions
from footcore.services.context import Context
from footcore.services.study_report import build_report, data_dictionary, export_rows
from footcore.services.study_views import (
    MIN_EVENTS,
    MIN_PER_ARM,
    STUDY_TEXT,
    STUDY_WORDING,
    ArmView,
    Person,
    StudyView,
)

if TYPE_CHECKING:
    from footcore.services.unit_of_work import (
        GroupRecord,
        StudyAllocationRecord,
        StudyArmRecord,
        StudyParticipantRecord,
        StudyRecord,
        UnitOfWork,
    )

#: Weeks of group prevalence a coach sees by default.
GROUP_WEEKS = 12
#: Longest study title and arm texts.
MAX_TITLE = 200
MAX_TEXT = 4000
ARM_CODES = ("A", "B", "C", "D")
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


# -- views ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParticipationView:
    """The member's own place in a study."""

    study_id: int
    code: str
    enrolled_at: dt.datetime
    withdrawn_at: dt.datetime | None
    arm: ArmView | None
    starts_on: dt.date | None
    week: int | None  # follow-up week now (1-based), None before the start or after the end

    def to_dict(self) -> dict[str, Any]:
        return {
            "study_id": self.study_id,
            "code": self.code,
            "enrolled_at": self.enrolled_at.isoformat(),
            "withdrawn_at": self.withdrawn_at.isoformat() if self.withdrawn_at else None,
            "arm": self.arm.to_dict() if self.arm else None,
            "starts_on": self.starts_on.isoformat() if self.starts_on else None,
            "follow_up_week": self.week,
        }


@dataclass(frozen=True)
class Flagged:
    athlete_id: int
    name: str
    week: dt.date
    areas: tuple[str, ...]
    severity: int
    reaction: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "athlete_id": self.athlete_id,
            "name": self.name,
            "week": self.week.isoformat(),
            "areas": list(self.areas),
            "severity": self.severity,
            "reaction": self.reaction,
        }


@dataclass(frozen=True)
class GroupOutcomes:
    group_id: int
    group: str
    date: dt.date
    members: int
    sharing: int
    weeks: tuple[dict[str, Any], ...]
    summary: Mapping[str, Any]
    flagged: tuple[Flagged, ...]
    note: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": "footcore.group-outcomes/1",
            "group_id": self.group_id,
            "group": self.group,
            "date": self.date.isoformat(),
            "members": self.members,
            "sharing": self.sharing,
            "not_sharing": self.members - self.sharing,
            "weeks": list(self.weeks),
            "summary": dict(self.summary),
            "flagged": [f.to_dict() for f in self.flagged],
            "note": self.note,
        }


def _prevalence_week(
    week: dt.date, data: Sequence[tuple[Any, WeeklyCheckin]], *, current: bool
) -> dict[str, Any]:
    entry: dict[str, Any] = {"week": week.isoformat(), "partial": current}
    for name, substantial in (("all", False), ("substantial", True)):
        found = ostrc.weekly_prevalence(data, substantial=substantial)
        w = found[0] if found else ostrc.WeekPrevalence(week, 0, 0)
        entry["responses"] = w.responses
        entry[name] = {"cases": w.cases, "prevalence": w.prevalence}
        entry[f"{name}_by_area"] = {}
        for area in AREAS:
            per = ostrc.weekly_prevalence(data, substantial=substantial, areas=[area])
            p = per[0] if per else ostrc.WeekPrevalence(week, 0, 0)
            entry[f"{name}_by_area"][str(area)] = {"cases": p.cases, "prevalence": p.prevalence}
    return entry


def _group_weeks(
    by_athlete: Mapping[Any, Sequence[WeeklyCheckin]],
    first: dt.date,
    this_week: dt.date,
    weeks: int,
    *,
    sharing: int,
) -> list[dict[str, Any]]:
    """One entry per week from ``first``: the prevalence among the members who answered
    (the current week marked partial), and how many share."""
    table = []
    for i in range(weeks):
        week = first + dt.timedelta(days=7 * i)
        data = [(a, c) for a, cs in by_athlete.items() for c in cs if c.week == week]
        entry = _prevalence_week(week, data, current=week == this_week)
        entry["sharing"] = sharing
        table.append(entry)
    return table


def _group_summary(complete: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The mean weekly prevalence over the complete weeks with answers, with t intervals."""
    # Imported here: statsmodels and scipy (see study_report.build_report).
    from footcore.services import study_stats  # noqa: PLC0415

    return {
        "weeks_counted": len(complete),
        "mean_prevalence_all": study_stats.mean_with_t_interval(
            [e["all"]["prevalence"] for e in complete]
        ).to_dict(),
        "mean_prevalence_substantial": study_stats.mean_with_t_interval(
            [e["substantial"]["prevalence"] for e in complete]
        ).to_dict(),
    }


def _group_note(*, sharing: bool, complete_weeks: int) -> str:
    """What the coach should know when reading the group's outcomes."""
    if not sharing:
        return (
            "No member shares their weekly check-ins with you yet. Members choose this "
            "themselves (Groups page); until then nothing of theirs is shown here."
        )
    if complete_weeks < 4:
        return (
            f"{complete_weeks} complete week{'s' if complete_weeks != 1 else ''} of "
            "answers so far: too few for a steady picture. Weekly prevalence counts only "
            "members who answered that week."
        )
    return (
        "Weekly prevalence counts only members who share and answered that week; the "
        "current week is not complete and is left out of the means."
    )


def _study_problems(title: str, question: str, follow_up_weeks: int, arms: int) -> list[Problem]:
    """What is wrong with a new study's title, question, follow-up and number of arms."""
    problems: list[Problem] = []
    if not title or len(title) > MAX_TITLE:
        problems.append(Problem("title", f"give a title of 1 to {MAX_TITLE} characters"))
    if len(question or "") > MAX_TEXT:
        problems.append(Problem("question", f"at most {MAX_TEXT} characters"))
    if not 1 <= int(follow_up_weeks) <= 104:
        problems.append(Problem("follow_up_weeks", "from 1 to 104 weeks"))
    if not design.MIN_ARMS <= arms <= design.MAX_ARMS:
        problems.append(Problem("arms", f"a study has {design.MIN_ARMS} to {design.MAX_ARMS} arms"))
    return problems


def _arm_problems(arms: Sequence[Mapping[str, Any]]) -> list[Problem]:
    """What is wrong with each arm: its name (given, not too long, not another arm's) and
    the length of its instructions."""
    problems: list[Problem] = []
    names: list[str] = []
    for i, arm in enumerate(arms):
        name = str(arm.get("name", "")).strip()
        if not name or len(name) > 120:
            problems.append(Problem(f"arms[{i}].name", "give a name of 1 to 120 characters"))
        if name.lower() in (n.lower() for n in names):
            problems.append(Problem(f"arms[{i}].name", "two arms cannot share a name"))
        names.append(name)
        if len(str(arm.get("instructions", ""))) > MAX_TEXT:
            problems.append(Problem(f"arms[{i}].instructions", f"at most {MAX_TEXT} characters"))
    return problems


def _arm_rows(
    uow: UnitOfWork, group: GroupRecord, arms: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """The arms as stored, coded A, B, ...; an arm's programme template must be the
    group's coach's own."""
    rows = []
    for i, arm in enumerate(arms):
        template_id = arm.get("template_id")
        if template_id is not None:
            row = uow.accounts.templates.get(int(template_id))
            if row is None or row.coach_user_id != group.coach_user_id:
                raise NotFoundError("programme template", str(template_id))
        rows.append(
            {
                "code": ARM_CODES[i],
                "name": str(arm["name"]).strip(),
                "instructions": str(arm.get("instructions", "")).strip(),
                "template_id": template_id,
            }
        )
    return rows


def _record_allocation(
    uow: UnitOfWork,
    s: StudyRecord,
    entry: design.LogEntry,
    athlete_id: int,
    actor: int | None,
) -> None:
    """Append the allocation to the study's log and audit it."""
    uow.outcomes.studies.append(
        {
            "study_id": s.id,
            "seq": entry.seq,
            "participant_code": entry.code,
            "stratum": entry.stratum,
            "arm": entry.arm,
            "allocated_at": entry.at,
            "prev_hash": entry.prev_hash,
            "hash": entry.hash,
        }
    )
    uow.outcomes.audit.add(
        "allocated",
        entry.at,
        actor_user_id=actor,
        athlete_id=athlete_id,
        group_id=s.group_id,
        study_id=s.id,
        detail={"code": entry.code, "seq": entry.seq, "stratum": entry.stratum},
    )


def _new_code(taken: set[str]) -> str:
    while True:
        code = "P-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
        if code not in taken:
            return code


class StudyService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # -- the coach's view of check-ins --------------------------------------------------------

    def group_outcomes(
        self, p: Principal, group_id: int, on: dt.date | None = None, weeks: int = GROUP_WEEKS
    ) -> GroupOutcomes:
        """Weekly prevalence of problems among the members who share their check-ins."""
        day = on or self.ctx.today()
        this_week = ostrc.week_start(day)
        first = this_week - dt.timedelta(days=7 * (weeks - 1))
        with self.ctx.uow(read_only=True) as uow:
            group = group_for(uow, p, group_id, manage=True)
            members = self._members(uow, group.id)
            sharing = sorted(uow.outcomes.consents.sharing(group.id) & set(members))
            rows = uow.outcomes.checkins.rows(sharing, since=first, until=this_week)
        by_athlete = checkins_from_rows(rows)
        table = _group_weeks(by_athlete, first, this_week, weeks, sharing=len(sharing))
        complete = [e for e in table if not e["partial"] and e["responses"]]
        return GroupOutcomes(
            group.id,
            group.name,
            day,
            len(members),
            len(sharing),
            tuple(table),
            _group_summary(complete),
            tuple(_flagged(by_athlete, members, day)),
            _group_note(sharing=bool(sharing), complete_weeks=len(complete)),
        )

    def flags_for(self, uow: UnitOfWork, group_id: int, day: dt.date) -> dict[int, str]:
        """athlete id -> a short flag for the coach's dashboard, for members who share their
        check-ins and reported a substantial problem this week or last."""
        members = self._members(uow, group_id)
        sharing = sorted(uow.outcomes.consents.sharing(group_id) & set(members))
        since = ostrc.week_start(day) - dt.timedelta(days=7)
        by_athlete = checkins_from_rows(uow.outcomes.checkins.rows(sharing, since=since))
        return {
            f.athlete_id: f"substantial problem, {', '.join(Area(a).label for a in f.areas)} "
            f"(severity {f.severity}), "
            f"week of {f.week.isoformat()}"
            for f in _flagged(by_athlete, members, day)
        }

    # -- studies: set up -------------------------------------------------------------------

    def create_study(
        self,
        p: Principal,
        group_id: int,
        *,
        title: str,
        question: str,
        arms: Sequence[Mapping[str, Any]],
        follow_up_weeks: int,
        seed: int | None = None,
    ) -> StudyView:
        title = (title or "").strip()
        problems = _study_problems(title, question, follow_up_weeks, len(arms))
        problems += _arm_problems(arms)
        if seed is not None and not 0 <= int(seed) < 2**62:
            problems.append(Problem("seed", "a whole number from 0 to 2^62"))
        if problems:
            raise ValidationError("study", problems)
        now = self.ctx.now()
        with self.ctx.uow() as uow:
            group = group_for(uow, p, group_id, manage=True)
            arm_rows = _arm_rows(uow, group, arms)
            study = uow.outcomes.studies.add(
                {
                    "group_id": group.id,
                    "title": title,
                    "question": (question or "").strip(),
                    "follow_up_weeks": int(follow_up_weeks),
                    "seed": int(seed) if seed is not None else secrets.randbits(48),
                    "status": "recruiting",
                    "created_at": now,
                },
                arm_rows,
            )
            uow.outcomes.audit.add(
                "study-created",
                now,
                actor_user_id=p.user_id,
                group_id=group.id,
                study_id=study.id,
                detail={
                    "title": title,
                    "arms": [a["name"] for a in arm_rows],
                    "follow_up_weeks": int(follow_up_weeks),
                    "seed": study.seed,
                },
            )
            return self._view(uow, study, group, coach=True)

    def studies(self, p: Principal) -> list[StudyView]:
        """The studies of the groups the person coaches or belongs to."""
        with self.ctx.uow(read_only=True) as uow:
            coached = set(p.owned_groups)
            if p.is_admin and not p.local:
                coached |= {g.id for g in uow.accounts.groups.list()}
            if p.local:
                coached |= {g.id for g in uow.accounts.groups.list()}
            ids = sorted(coached | set(p.member_groups))
            out = []
            for s in uow.outcomes.studies.of_groups(ids):
                group = uow.accounts.groups.get(s.group_id)
                assert group is not None
                out.append(self._view(uow, s, group, coach=s.group_id in coached))
            return out

    def study(self, p: Principal, study_id: int) -> StudyView:
        with self.ctx.uow(read_only=True) as uow:
            s, group, coach = self._study(uow, p, study_id, manage=False)
            return self._view(uow, s, group, coach=coach)

    # -- taking part ------------------------------------------------------------------------

    def join(
        self, p: Principal, study_id: int, *, weekly_km: float, previous_injury: bool
    ) -> ParticipationView:
        """Agree to take part (recorded with the wording agreed to); allocated at once when
        the study is running."""
        athlete_id = _own_athlete(p)
        if not 0 <= float(weekly_km) <= 400:
            raise ValidationError(
                "study", [Problem("weekly_km", "your usual running per week, 0 to 400 km")]
            )
        now = self.ctx.now()
        with self.ctx.uow() as uow:
            s, group, _ = self._study(uow, p, study_id, manage=False)
            if athlete_id not in self._members(uow, group.id):
                raise access.AccessError(
                    access.FORBIDDEN, "only accepted members of the group can take part"
                )
            if s.status == "closed":
                raise ConflictError("this study is closed: it takes no new participants")
            studies = uow.outcomes.studies
            found = studies.participant(s.id, athlete_id)
            if found is not None and found.withdrawn_at is None:
                raise ConflictError("you already take part in this study")
            if found is not None:
                raise ConflictError(
                    "you withdrew from this study; a study takes each person once, so you "
                    "cannot join it again"
                )
            taken = {x.code for x in studies.participants(s.id)}
            row = studies.add_participant(
                {
                    "study_id": s.id,
                    "athlete_id": athlete_id,
                    "code": _new_code(taken),
                    "weekly_km": float(weekly_km),
                    "previous_injury": bool(previous_injury),
                    "enrolled_at": now,
                }
            )
            uow.outcomes.consents.add(
                {
                    "athlete_id": athlete_id,
                    "kind": "study",
                    "study_id": s.id,
                    "wording": STUDY_WORDING,
                    "given_at": now,
                }
            )
            uow.outcomes.audit.add(
                "study-consent-given",
                now,
                actor_user_id=p.user_id,
                athlete_id=athlete_id,
                group_id=group.id,
                study_id=s.id,
                detail={"code": row.code, "wording": STUDY_WORDING},
            )
            if s.status == "running":
                self._allocate(uow, s, [row], p.user_id)
            return self._participation(uow, s, row)

    def withdraw(self, p: Principal, study_id: int) -> ParticipationView:
        """Stop taking part: nothing of the member's from now on is used."""
        athlete_id = _own_athlete(p)
        now = self.ctx.now()
        with self.ctx.uow() as uow:
            s, group, _ = self._study(uow, p, study_id, manage=False)
            row = uow.outcomes.studies.participant(s.id, athlete_id)
            if row is None or row.withdrawn_at is not None:
                raise ConflictError("you do not take part in this study")
            row.withdrawn_at = now
            consent = uow.outcomes.consents.current(athlete_id, "study", study_id=s.id)
            if consent is not None:
                consent.revoked_at = now
            uow.outcomes.audit.add(
                "study-withdrawn",
                now,
                actor_user_id=p.user_id,
                athlete_id=athlete_id,
                group_id=group.id,
                study_id=s.id,
                detail={"code": row.code},
            )
            return self._participation(uow, s, row)

    def participation(self, p: Principal, study_id: int) -> ParticipationView | None:
        athlete_id = _own_athlete(p)
        with self.ctx.uow(read_only=True) as uow:
            s, _, _ = self._study(uow, p, study_id, manage=False)
            row = uow.outcomes.studies.participant(s.id, athlete_id)
            return self._participation(uow, s, row) if row is not None else None

    def my_participations(self, athlete_id: int) -> list[tuple[StudyView, ParticipationView]]:
        """The athlete's studies (for Today: the arm's instructions and the follow-up)."""
        with self.ctx.uow(read_only=True) as uow:
            out = []
            for row in uow.outcomes.studies.participations(athlete_id):
                s = uow.outcomes.studies.get(row.study_id)
                assert s is not None
                group = uow.accounts.groups.get(s.group_id)
                assert group is not None
                out.append(
                    (self._view(uow, s, group, coach=False), self._participation(uow, s, row))
                )
            return out

    # -- running the study -----------------------------------------------------------------

    def start(self, p: Principal, study_id: int, starts_on: dt.date | None = None) -> StudyView:
        """Randomise everyone enrolled (in the order they joined) and begin follow-up."""
        now = self.ctx.now()
        with self.ctx.uow() as uow:
            s, group, _ = self._study(uow, p, study_id, manage=True)
            if s.status != "recruiting":
                raise ConflictError(f"this study is {s.status}: only a recruiting study starts")
            people = [x for x in uow.outcomes.studies.participants(s.id) if x.withdrawn_at is None]
            if not people:
                raise ConflictError(
                    "nobody has agreed to take part yet: members join the study first"
                )
            s.status = "running"
            s.started_at = now
            s.starts_on = ostrc.week_start(starts_on or self.ctx.today())
            uow.outcomes.audit.add(
                "study-started",
                now,
                actor_user_id=p.user_id,
                group_id=group.id,
                study_id=s.id,
                detail={"starts_on": s.starts_on.isoformat(), "participants": len(people)},
            )
            self._allocate(uow, s, people, p.user_id)
            return self._view(uow, s, group, coach=True)

    def close(self, p: Principal, study_id: int) -> StudyView:
        now = self.ctx.now()
        with self.ctx.uow() as uow:
            s, group, _ = self._study(uow, p, study_id, manage=True)
            if s.status == "closed":
                raise ConflictError("this study is closed already")
            s.status = "closed"
            s.closed_at = now
            uow.outcomes.audit.add(
                "study-closed", now, actor_user_id=p.user_id, group_id=group.id, study_id=s.id
            )
            return self._view(uow, s, group, coach=True)

    def quiet(self, p: Principal, study_id: int, on: dt.date | None = None) -> list[str]:
        """Codes of active participants without a check-in (or a skip) this week."""
        day = on or self.ctx.today()
        with self.ctx.uow(read_only=True) as uow:
            s, _, _ = self._study(uow, p, study_id, manage=True)
            return [row.code for row in self._quiet(uow, s, day)]

    def remind(self, p: Principal, study_id: int, on: dt.date | None = None) -> int:
        """Ask this week's quiet participants for their check-in: they see the request on
        Today. Returns how many were reminded."""
        day = on or self.ctx.today()
        now = self.ctx.now()
        with self.ctx.uow() as uow:
            s, group, _ = self._study(uow, p, study_id, manage=True)
            if s.status != "running":
                raise ConflictError("reminders go out while a study is running")
            quiet = self._quiet(uow, s, day)
            for row in quiet:
                row.reminded_at = now
            uow.outcomes.audit.add(
                "reminders-sent",
                now,
                actor_user_id=p.user_id,
                group_id=group.id,
                study_id=s.id,
                detail={"week": ostrc.week_start(day).isoformat(), "count": len(quiet)},
            )
            return len(quiet)

    def audit_trail(self, p: Principal, study_id: int) -> list[dict[str, Any]]:
        with self.ctx.uow(read_only=True) as uow:
            s, _, _ = self._study(uow, p, study_id, manage=True)
            return [
                {
                    "at": e.at.isoformat(),
                    "action": e.action,
                    "actor_user_id": e.actor_user_id,
                    "detail": e.detail,
                }
                for e in uow.outcomes.audit.of_study(s.id)
            ]

    # -- the report and the export ---------------------------------------------------------

    def report(self, p: Principal, study_id: int, on: dt.date | None = None) -> dict[str, Any]:
        """The arms compared: enrolment and balance, the allocation log checked, follow-up
        and adherence, and injury incidence and prevalence with confidence intervals."""
        day = on or self.ctx.today()
        with self.ctx.uow(read_only=True) as uow:
            s, group, _ = self._study(uow, p, study_id, manage=True)
            arms = [
                ArmView(a.code, a.name, a.instructions, a.template_id) for a in self._arms(uow, s)
            ]
            log = self._log(uow, s)
            check = design.verify_log(s.id, s.seed, [a.code for a in arms], log)
            people = self._people(uow, s, day)
            enrolled = uow.outcomes.studies.participants(s.id)
            view = self._view(uow, s, group, coach=True)
        return build_report(view, arms, people, enrolled=enrolled, log=log, check=check, day=day)

    def export(self, p: Principal, study_id: int, on: dt.date | None = None) -> tuple[str, str]:
        """The anonymised participant-weeks (CSV) and the data dictionary (CSV)."""
        day = on or self.ctx.today()
        with self.ctx.uow() as uow:
            s, group, _ = self._study(uow, p, study_id, manage=True)
            people = self._people(uow, s, day)
            uow.outcomes.audit.add(
                "data-exported",
                self.ctx.now(),
                actor_user_id=p.user_id,
                group_id=group.id,
                study_id=s.id,
                detail={"participants": len(people)},
            )
        header, rows = export_rows(people, s.follow_up_weeks, day)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        return out.getvalue(), data_dictionary()

    # -- internals -------------------------------------------------------------------------

    def _allocate(
        self,
        uow: UnitOfWork,
        s: StudyRecord,
        people: Sequence[StudyParticipantRecord],
        actor: int | None,
    ) -> None:
        """Allocate the participants not yet in the log, each appended to the hash-chained
        log and audited, and give them their arm's programme template, if it has one."""
        arms = self._arms(uow, s)
        log = uow.outcomes.studies.allocations(s.id)
        done = {e.participant_code for e in log}
        taken: dict[str, int] = {}
        for e in log:
            taken[e.stratum] = taken.get(e.stratum, 0) + 1
        todo = [x for x in people if x.code not in done]
        enrolled = [
            design.Enrolled(x.code, design.stratum(x.weekly_km, x.previous_injury)) for x in todo
        ]
        previous = self._entry(log[-1]) if log else None
        now = self.ctx.now()
        by_code = {x.code: x for x in todo}
        by_arm = {a.code: a for a in arms}
        for person, arm in design.allocate(s.seed, [a.code for a in arms], taken, enrolled):
            entry = design.next_entry(
                s.id, previous, code=person.code, name=person.stratum, arm=arm, at=now
            )
            participant = by_code[person.code]
            _record_allocation(uow, s, entry, participant.athlete_id, actor)
            previous = entry
            template = by_arm[arm].template_id
            if template is not None:
                self._assign_template(uow, s, template, participant.athlete_id, now)

    def _assign_template(
        self, uow: UnitOfWork, s: StudyRecord, template: int, athlete_id: int, now: dt.datetime
    ) -> None:
        """The arm's programme template for the participant, from the study's start or this
        week, whichever is later."""
        uow.accounts.templates.assign(
            {
                "template_id": template,
                "athlete_id": athlete_id,
                "starts_on": max(s.starts_on or self.ctx.today(), ostrc.week_start(now.date())),
                "created_at": now,
            }
        )

    @staticmethod
    def _entry(row: StudyAllocationRecord) -> design.LogEntry:
        return design.LogEntry(
            row.seq,
            row.participant_code,
            row.stratum,
            row.arm,
            row.allocated_at,
            row.prev_hash,
            row.hash,
        )

    def _log(self, uow: UnitOfWork, s: StudyRecord) -> list[design.LogEntry]:
        return [self._entry(r) for r in uow.outcomes.studies.allocations(s.id)]

    @staticmethod
    def _arms(uow: UnitOfWork, s: StudyRecord) -> Sequence[StudyArmRecord]:
        return uow.outcomes.studies.arms(s.id)

    def _people(self, uow: UnitOfWork, s: StudyRecord, day: dt.date) -> list[Person]:
        """Every allocated participant with their follow-up weeks up to ``day``: check-ins,
        planned and done sessions (nothing after a withdrawal)."""
        arm_of = {
            e.participant_code: (e.arm, e.allocated_at)
            for e in uow.outcomes.studies.allocations(s.id)
        }
        people: list[Person] = []
        for row in uow.outcomes.studies.participants(s.id):
            if row.code not in arm_of:
                continue
            arm, at = arm_of[row.code]
            start = max(s.starts_on or at.date(), ostrc.week_start(at.date()))
            people.append(
                Person(
                    code=row.code,
                    athlete_id=row.athlete_id,
                    arm=arm,
                    weekly_km=row.weekly_km,
                    injured_before=row.previous_injury,
                    start=start,
                    withdrawn=row.withdrawn_at.date() if row.withdrawn_at else None,
                )
            )
        ids = [x.athlete_id for x in people if x.athlete_id is not None]
        if not people:
            return people
        first = min(x.start for x in people)
        last = min(day, max(x.start for x in people) + dt.timedelta(days=7 * s.follow_up_weeks - 1))
        checkins = checkins_from_rows(uow.outcomes.checkins.rows(ids, since=first, until=last))
        planned = planned_sessions(uow.accounts.roster, ids, first, last)
        done = uow.outcomes.work.sessions(ids, first, last)
        done_by: dict[int, set[tuple[dt.date, str]]] = {}
        for a, d, slot in done:
            done_by.setdefault(a, set()).add((d, slot))
        for x in people:
            assert x.athlete_id is not None
            end = x.start + dt.timedelta(days=7 * s.follow_up_weeks - 1)
            if x.withdrawn is not None:
                end = min(end, x.withdrawn)
            end = min(end, day)
            x.weeks = [c for c in checkins.get(x.athlete_id, []) if x.start <= c.week <= end]
            own_done = done_by.get(x.athlete_id, set())
            for ps in planned.get(x.athlete_id, []):
                if x.start <= ps.date <= end:
                    week = ostrc.week_start(ps.date)
                    x.planned[week] = x.planned.get(week, 0) + 1
                    if (ps.date, ps.slot) in own_done:
                        x.done[week] = x.done.get(week, 0) + 1
        return people

    def _quiet(self, uow: UnitOfWork, s: StudyRecord, day: dt.date) -> list[StudyParticipantRecord]:
        week = ostrc.week_start(day)
        allocated = {e.participant_code for e in uow.outcomes.studies.allocations(s.id)}
        active = [
            x
            for x in uow.outcomes.studies.participants(s.id)
            if x.withdrawn_at is None and x.code in allocated
        ]
        answered = {
            a
            for a, w, _, _ in uow.outcomes.checkins.rows([x.athlete_id for x in active], since=week)
            if w == week
        }
        return [x for x in active if x.athlete_id not in answered]

    def _participation(
        self, uow: UnitOfWork, s: StudyRecord, row: StudyParticipantRecord
    ) -> ParticipationView:
        entry = next(
            (e for e in uow.outcomes.studies.allocations(s.id) if e.participant_code == row.code),
            None,
        )
        arm = None
        start = None
        week = None
        if entry is not None:
            a = next(x for x in self._arms(uow, s) if x.code == entry.arm)
            arm = ArmView(a.code, a.name, a.instructions, a.template_id)
            start = max(
                s.starts_on or entry.allocated_at.date(),
                ostrc.week_start(entry.allocated_at.date()),
            )
            n = (self.ctx.today() - start).days // 7 + 1
            week = n if 1 <= n <= s.follow_up_weeks and row.withdrawn_at is None else None
        return ParticipationView(
            s.id, row.code, row.enrolled_at, row.withdrawn_at, arm, start, week
        )

    def _view(
        self, uow: UnitOfWork, s: StudyRecord, group: GroupRecord, *, coach: bool
    ) -> StudyView:
        arms = tuple(
            ArmView(a.code, a.name, a.instructions, a.template_id) for a in self._arms(uow, s)
        )
        count = sum(1 for x in uow.outcomes.studies.participants(s.id) if x.withdrawn_at is None)
        return StudyView(
            s.id,
            s.group_id,
            group.name,
            s.title,
            s.question,
            s.follow_up_weeks,
            s.status,
            s.starts_on,
            arms,
            count,
            s.seed if coach else None,
        )

    def _study(
        self, uow: UnitOfWork, p: Principal, study_id: int, *, manage: bool
    ) -> tuple[StudyRecord, GroupRecord, bool]:
        s = uow.outcomes.studies.get(study_id)
        if s is None:
            raise NotFoundError("study", str(study_id))
        group = uow.accounts.groups.get(s.group_id)
        assert group is not None
        ref = GroupRef(group.id, group.coach_user_id)
        if manage:
            access.require(access.can_manage_group(p, ref), "study", study_id)
        else:
            access.require(access.can_view_group(p, ref), "study", study_id)
        return s, group, access.can_manage_group(p, ref).allowed

    @staticmethod
    def _members(uow: UnitOfWork, group_id: int) -> dict[int, str]:
        return uow.accounts.groups.member_names(group_id)


def _flagged(
    by_athlete: Mapping[int, Sequence[WeeklyCheckin]], members: Mapping[int, str], day: dt.date
) -> list[Flagged]:
    out = []
    for athlete_id, weeks in by_athlete.items():
        if athlete_id not in members:
            continue
        recent = [
            c
            for c in weeks
            if not c.skipped and c.week >= ostrc.week_start(day) - dt.timedelta(days=7)
        ]
        if not recent:
            continue
        latest = max(recent, key=lambda c: c.week)
        heavy = [a for a in latest.answers if a.substantial and a.area in BODY_AREAS]
        if not heavy:
            continue
        reaction = ostrc.plan_response(weeks, day).reaction
        out.append(
            Flagged(
                athlete_id,
                members[athlete_id],
                latest.week,
                tuple(str(a.area) for a in heavy),
                max(a.severity for a in heavy),
                str(reaction),
            )
        )
    out.sort(key=lambda f: (-f.severity, f.name.lower()))
    return out


def _own_athlete(p: Principal) -> int:
    if p.athlete_id is None:
        raise access.AccessError(access.FORBIDDEN, "this account has no training data")
    return p.athlete_id


__all__ = [
    "FOOT_AREAS",
    "MIN_EVENTS",
    "MIN_PER_ARM",
    "STUDY_TEXT",
    "STUDY_WORDING",
    "Area",
    "GroupOutcomes",
    "ParticipationView",
    "StudyService",
    "StudyView",
]

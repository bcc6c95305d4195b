"""Repositories over the account and coaching tables (one session, one transaction).

Queries that serve many athletes at once (a coach's dashboard, a class) take lists of ids and
answer in one query each, never one query per member.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from sqlalchemy import ColumnElement, and_, case, delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from footcore.store.repositories.base import Repository as _Repository
from footcore.store.repositories.base import insert_once
from footcore.store.tables import (
    Assessment,
    Athlete,
    ItemLog,
    ProfileVersion,
    Programme,
    Run,
    SessionLog,
)
from footcore.store.tables.accounts import (
    AppSecret,
    CoachExercise,
    Group,
    Membership,
    PasswordReset,
    PlannedSession,
    ProgrammeTemplate,
    TemplateAssignment,
    User,
    WebSession,
)


class UserRepository(_Repository):
    def add(self, values: Mapping[str, Any]) -> User:
        user = User(**values)
        self.session.add(user)
        self.session.flush()
        return user

    def get(self, user_id: int) -> User | None:
        return self.session.get(User, user_id)

    def by_email(self, email: str) -> User | None:
        return self.session.scalar(select(User).where(User.email == email.lower()))

    def by_athlete(self, athlete_id: int) -> User | None:
        return self.session.scalar(select(User).where(User.athlete_id == athlete_id))

    def list(self) -> list[User]:
        return list(self.session.scalars(select(User).order_by(User.id)))

    def count(self) -> int:
        return int(self.session.scalar(select(func.count(User.id))) or 0)

    def with_athlete_names(self) -> Sequence[tuple[User, str | None]]:
        """Every account with the name of its linked athlete (None without one), by id."""
        rows = self.session.execute(
            select(User, Athlete.name)
            .outerjoin(Athlete, Athlete.id == User.athlete_id)
            .order_by(User.id)
        )
        return [(user, name) for user, name in rows]

    def admins(self, *, lock: bool = False) -> Sequence[User]:
        """The admin accounts; ``lock`` holds their rows until the transaction ends
        (PostgreSQL: two admins demoting each other at once cannot both pass the
        last-admin rule; SQLite's transactions are serial already)."""
        query = select(User).where(User.role == "admin").order_by(User.id)
        if lock:
            query = query.with_for_update()
        return list(self.session.scalars(query))

    def delete(self, user_id: int) -> None:
        self.session.execute(delete(User).where(User.id == user_id))

    def count_failure(self, user_id: int) -> None:
        """Add one failed sign-in to the account, atomically (several workers counting at
        once lose no failure), and read the count back into the account this unit of work
        handed out."""
        self.session.execute(
            update(User).where(User.id == user_id).values(failed_sign_ins=User.failed_sign_ins + 1)
        )
        user = self.session.get(User, user_id)
        if user is not None:
            self.session.refresh(user)

    def link_athlete(
        self, user_id: int, athlete_id: int
    ) -> Literal["linked", "has-athlete", "taken"]:
        """Link the account to the athlete, only while it has none: ``"has-athlete"`` when
        it has one (a concurrent link came first), ``"taken"`` when another account holds
        the athlete (``users.athlete_id`` is unique; the transaction must then end)."""
        try:
            linked: Any = self.session.execute(
                update(User)
                .where(User.id == user_id, User.athlete_id.is_(None))
                .values(athlete_id=athlete_id)
                .execution_options(synchronize_session="evaluate")
            )
        except IntegrityError:
            return "taken"
        return "linked" if linked.rowcount == 1 else "has-athlete"


class WebSessionRepository(_Repository):
    def add(self, values: Mapping[str, Any]) -> WebSession:
        row = WebSession(**values)
        self.session.add(row)
        self.session.flush()
        return row

    def by_token_hash(self, token_hash: str) -> WebSession | None:
        return self.session.scalar(select(WebSession).where(WebSession.token_hash == token_hash))

    def delete(self, session_id: int) -> None:
        self.session.execute(delete(WebSession).where(WebSession.id == session_id))

    def delete_for_user(self, user_id: int) -> int:
        result: Any = self.session.execute(delete(WebSession).where(WebSession.user_id == user_id))
        return int(result.rowcount or 0)

    def delete_for_user_except(self, user_id: int, keep_id: int | None) -> int:
        """End every session of the user but one (``keep_id``: the one in use)."""
        condition: Any = WebSession.user_id == user_id
        if keep_id is not None:
            condition = condition & (WebSession.id != keep_id)
        result: Any = self.session.execute(delete(WebSession).where(condition))
        return int(result.rowcount or 0)

    def delete_expired(self, now: dt.datetime) -> int:
        result: Any = self.session.execute(delete(WebSession).where(WebSession.expires_at <= now))
        return int(result.rowcount or 0)


class PasswordResetRepository(_Repository):
    def add(self, values: Mapping[str, Any]) -> PasswordReset:
        row = PasswordReset(**values)
        self.session.add(row)
        self.session.flush()
        return row

    def by_token_hash(self, token_hash: str) -> PasswordReset | None:
        return self.session.scalar(
            select(PasswordReset).where(PasswordReset.token_hash == token_hash)
        )

    def use(self, reset_id: int, now: dt.datetime) -> bool:
        """Mark used unless it already was; True for the one caller that wins."""
        result: Any = self.session.execute(
            update(PasswordReset)
            .where(PasswordReset.id == reset_id, PasswordReset.used_at.is_(None))
            .values(used_at=now)
        )
        return bool(result.rowcount)


class GroupRepository(_Repository):
    def add(self, values: Mapping[str, Any]) -> Group:
        group = Group(**values)
        self.session.add(group)
        self.session.flush()
        return group

    def get(self, group_id: int) -> Group | None:
        return self.session.get(Group, group_id)

    def by_code(self, code: str) -> Group | None:
        return self.session.scalar(select(Group).where(Group.invite_code == code))

    def of_coach(self, coach_user_id: int) -> list[Group]:
        return list(
            self.session.scalars(
                select(Group).where(Group.coach_user_id == coach_user_id).order_by(Group.id)
            )
        )

    def of_athlete(self, athlete_id: int, status: str = "accepted") -> list[Group]:
        return list(
            self.session.scalars(
                select(Group)
                .join(Membership, Membership.group_id == Group.id)
                .where(Membership.athlete_id == athlete_id, Membership.status == status)
                .order_by(Group.id)
            )
        )

    def coached_athletes(self, coach_user_id: int) -> set[int]:
        """Athletes with an accepted membership in any group of this coach."""
        return set(
            self.session.scalars(
                select(Membership.athlete_id)
                .join(Group, Membership.group_id == Group.id)
                .where(Group.coach_user_id == coach_user_id, Membership.status == "accepted")
            )
        )

    def membership(self, group_id: int, athlete_id: int) -> Membership | None:
        return self.session.scalar(
            select(Membership).where(
                Membership.group_id == group_id, Membership.athlete_id == athlete_id
            )
        )

    def add_membership(self, values: dict[str, Any]) -> Membership:
        insert_once(
            self.session,
            Membership.__table__,  # type: ignore[arg-type]
            values,
            ("group_id", "athlete_id"),
        )
        found = self.membership(values["group_id"], values["athlete_id"])
        assert found is not None
        return found

    def member_rows(self, group_id: int) -> list[tuple[int, str, str, dt.datetime | None]]:
        """(athlete id, name, status, accepted at) of the group's accepted members, by name."""
        rows = self.session.execute(
            select(Athlete.id, Athlete.name, Membership.status, Membership.accepted_at)
            .join(Membership, Membership.athlete_id == Athlete.id)
            .where(Membership.group_id == group_id, Membership.status == "accepted")
            .order_by(Athlete.name, Athlete.id)
        )
        return [(a, n, s, t) for a, n, s, t in rows]

    def member_names(self, group_id: int) -> dict[int, str]:
        """athlete id -> name of the group's accepted members."""
        rows = self.session.execute(
            select(Athlete.id, Athlete.name)
            .join(Membership, Membership.athlete_id == Athlete.id)
            .where(Membership.group_id == group_id, Membership.status == "accepted")
        )
        return {int(a): str(n) for a, n in rows}

    def count_members(self, group_id: int) -> int:
        """How many accepted members the group has."""
        return int(
            self.session.scalar(
                select(func.count(Membership.id)).where(
                    Membership.group_id == group_id, Membership.status == "accepted"
                )
            )
            or 0
        )

    def members(self, group_id: int, status: str = "accepted") -> list[Membership]:
        return list(
            self.session.scalars(
                select(Membership)
                .where(Membership.group_id == group_id, Membership.status == status)
                .order_by(Membership.id)
            )
        )

    def list(self) -> list[Group]:
        """Every group, by id."""
        return list(self.session.scalars(select(Group).order_by(Group.id)))


class TemplateRepository(_Repository):
    def add(self, values: Mapping[str, Any]) -> ProgrammeTemplate:
        row = ProgrammeTemplate(**values)
        self.session.add(row)
        self.session.flush()
        return row

    def get(self, template_id: int) -> ProgrammeTemplate | None:
        return self.session.get(ProgrammeTemplate, template_id)

    def by_name(self, coach_user_id: int, name: str) -> ProgrammeTemplate | None:
        return self.session.scalar(
            select(ProgrammeTemplate).where(
                ProgrammeTemplate.coach_user_id == coach_user_id, ProgrammeTemplate.name == name
            )
        )

    def of_coach(self, coach_user_id: int) -> list[ProgrammeTemplate]:
        return list(
            self.session.scalars(
                select(ProgrammeTemplate)
                .where(ProgrammeTemplate.coach_user_id == coach_user_id)
                .order_by(ProgrammeTemplate.id)
            )
        )

    def assign(self, values: Mapping[str, Any]) -> TemplateAssignment:
        row = TemplateAssignment(**values)
        self.session.add(row)
        self.session.flush()
        return row

    def current_for(
        self, athlete_id: int, group_ids: Sequence[int], on: dt.date | None = None
    ) -> TemplateAssignment | None:
        """The assignment in force for an athlete: one made for the athlete wins over a
        group's; the latest start (then the latest made) wins among equals."""
        targets: list[ColumnElement[bool]] = [TemplateAssignment.athlete_id == athlete_id]
        if group_ids:
            targets.append(TemplateAssignment.group_id.in_(group_ids))
        conditions: list[ColumnElement[bool]] = [or_(*targets)]
        if on is not None:
            conditions.append(TemplateAssignment.starts_on <= on)
        rows = list(self.session.scalars(select(TemplateAssignment).where(*conditions)))
        if not rows:
            return None
        return max(rows, key=lambda r: (r.athlete_id is not None, r.starts_on, r.created_at, r.id))

    def for_group(self, group_id: int) -> TemplateAssignment | None:
        return self.session.scalar(
            select(TemplateAssignment)
            .where(TemplateAssignment.group_id == group_id)
            .order_by(TemplateAssignment.starts_on.desc(), TemplateAssignment.id.desc())
            .limit(1)
        )


class CoachExerciseRepository(_Repository):
    def add(self, values: Mapping[str, Any]) -> CoachExercise:
        row = CoachExercise(**values)
        self.session.add(row)
        self.session.flush()
        return row

    def by_slug(self, slug: str) -> CoachExercise | None:
        return self.session.scalar(select(CoachExercise).where(CoachExercise.slug == slug))

    def of_coaches(self, coach_user_ids: Iterable[int]) -> list[CoachExercise]:
        ids = sorted(set(coach_user_ids))
        if not ids:
            return []
        return list(
            self.session.scalars(
                select(CoachExercise)
                .where(CoachExercise.coach_user_id.in_(ids))
                .order_by(CoachExercise.coach_user_id, CoachExercise.slug)
            )
        )

    def list(self) -> list[CoachExercise]:
        """Every coach's exercises (what an administrator may see)."""
        return list(self.session.scalars(select(CoachExercise)))

    def delete(self, row_id: int) -> None:
        self.session.execute(delete(CoachExercise).where(CoachExercise.id == row_id))


class SecretRepository(_Repository):
    def get(self, key: str) -> str | None:
        return self.session.scalar(select(AppSecret.value).where(AppSecret.key == key))

    def add_once(self, key: str, value: str, now: dt.datetime) -> str:
        """Store ``value`` unless the key has one; the stored value either way (two
        processes starting together agree on one secret)."""
        insert_once(
            self.session,
            AppSecret.__table__,  # type: ignore[arg-type]
            {"key": key, "value": value, "created_at": now},
            ("key",),
        )
        stored = self.get(key)
        assert stored is not None
        return stored


class RosterRepository(_Repository):
    """Batched reads over many athletes for the coach's dashboard (one query per kind)."""

    def latest_programmes(
        self, athlete_ids: Sequence[int]
    ) -> dict[int, tuple[int, dt.date, dt.datetime]]:
        """athlete id -> (latest programme id, its start, when it was made)."""
        if not athlete_ids:
            return {}
        # One statement, answered from the (athlete_id, id, start, created_at) index alone:
        # each athlete's snapshots are read from their index entries, and the newest id is
        # one probe of the same index; the table (and its plan documents) is never read.
        newer = aliased(Programme)
        newest = (
            select(func.max(newer.id)).where(newer.athlete_id == Programme.athlete_id)
        ).scalar_subquery()
        rows = self.session.execute(
            select(Programme.athlete_id, Programme.id, Programme.start, Programme.created_at).where(
                Programme.athlete_id.in_(athlete_ids), Programme.id == newest
            )
        )
        return {a: (pid, start, made) for a, pid, start, made in rows}

    def scheduled(self, programme_ids: Sequence[int]) -> set[int]:
        """The programmes whose planned sessions are stored."""
        if not programme_ids:
            return set()
        # One index probe per programme (EXISTS stops at the first planned session) rather
        # than a DISTINCT over every planned session of the programmes.
        stored = (
            select(PlannedSession.id).where(PlannedSession.programme_id == Programme.id).exists()
        )
        return set(
            self.session.scalars(
                select(Programme.id).where(Programme.id.in_(programme_ids), stored)
            )
        )

    def store_schedule(self, athlete_id: int, programme_id: int, plan: Mapping[str, Any]) -> None:
        """Keep the planned sessions of this snapshot (and drop those of older ones)."""
        self.session.execute(
            delete(PlannedSession).where(
                PlannedSession.athlete_id == athlete_id,
                PlannedSession.programme_id != programme_id,
            )
        )
        if self.scheduled([programme_id]):
            return
        rows = [
            {
                "programme_id": programme_id,
                "athlete_id": athlete_id,
                "date": dt.date.fromisoformat(day["date"]),
                "slot": str(s["slot"]),
                "minutes": float(s["minutes"]),
            }
            for week in plan.get("weeks", [])
            for day in week.get("days", [])
            for s in day.get("sessions", [])
        ]
        if rows:
            self.session.execute(insert(PlannedSession), rows)

    def plans(self, programme_ids: Sequence[int]) -> list[tuple[int, int, dict[str, Any]]]:
        """(programme id, athlete id, plan) of these snapshots."""
        if not programme_ids:
            return []
        rows = self.session.execute(
            select(Programme.id, Programme.athlete_id, Programme.plan).where(
                Programme.id.in_(programme_ids)
            )
        )
        return [(pid, a, plan) for pid, a, plan in rows]

    def planned(
        self, programme_ids: Sequence[int], first: dt.date, last: dt.date
    ) -> list[tuple[int, dt.date, str, float]]:
        """(athlete id, date, slot, minutes) planned from ``first`` to ``last``."""
        if not programme_ids:
            return []
        rows = self.session.execute(
            select(
                PlannedSession.athlete_id,
                PlannedSession.date,
                PlannedSession.slot,
                PlannedSession.minutes,
            ).where(
                PlannedSession.programme_id.in_(programme_ids),
                PlannedSession.date >= first,
                PlannedSession.date <= last,
            )
        )
        return [(a, d, slot, m) for a, d, slot, m in rows]

    def session_logs(self, athlete_ids: Sequence[int], since: dt.date) -> list[SessionLog]:
        if not athlete_ids:
            return []
        return list(
            self.session.scalars(
                select(SessionLog)
                .where(SessionLog.athlete_id.in_(athlete_ids), SessionLog.date >= since)
                .order_by(SessionLog.athlete_id, SessionLog.date, SessionLog.id)
            )
        )

    def window_logs(
        self, athlete_ids: Sequence[int], first: dt.date, last: dt.date
    ) -> list[tuple[Any, ...]]:
        """The session logs of these athletes from ``first`` to ``last``, oldest first per
        athlete, each with its items' summary, as rows of (athlete id, session id, date,
        slot, pain during, next-morning pain, cramp, ended at, items not skipped, any item
        cramped (0/1), highest item pain, items done in full, items logged, items planned);
        the item columns are None for a session without items.

        The item aggregate covers only the window's sessions (joined inside the aggregate),
        so both engines reach ``item_logs`` through the session logs' (athlete, date) index
        and the items' (session, index) key, never by scanning every item ever logged."""
        if not athlete_ids:
            return []
        in_window = (
            SessionLog.athlete_id.in_(athlete_ids),
            SessionLog.date >= first,
            SessionLog.date <= last,
        )
        # Done in full (``services.outcomes.planned_done``): not skipped, every planned set.
        in_full = and_(
            ItemLog.skipped.is_(False),
            ItemLog.sets_done >= func.coalesce(ItemLog.planned["sets"].as_integer(), 1),
        )
        items = (
            select(
                ItemLog.session_log_id.label("sid"),
                func.sum(case((ItemLog.skipped.is_(False), 1), else_=0)).label("done"),
                func.max(case((ItemLog.cramp.is_(True), 1), else_=0)).label("cramp"),
                func.max(ItemLog.pain_during).label("pain"),
                func.sum(case((in_full, 1), else_=0)).label("full"),
                func.count().label("logged"),
            )
            .join(SessionLog, SessionLog.id == ItemLog.session_log_id)
            .where(*in_window)
            .group_by(ItemLog.session_log_id)
            .subquery()
        )
        rows = self.session.execute(
            select(
                SessionLog.athlete_id,
                SessionLog.id,
                SessionLog.date,
                SessionLog.slot,
                SessionLog.pain_during,
                SessionLog.next_morning_pain,
                SessionLog.cramp,
                SessionLog.ended_at,
                items.c.done,
                items.c.cramp,
                items.c.pain,
                items.c.full,
                items.c.logged,
                SessionLog.planned_items,
            )
            .outerjoin(items, items.c.sid == SessionLog.id)
            .where(*in_window)
            .order_by(SessionLog.athlete_id, SessionLog.date, SessionLog.started_at)
        )
        return [tuple(r) for r in rows]

    def item_counts(self, session_ids: Sequence[int]) -> dict[int, tuple[int, bool]]:
        """session id -> (items not skipped, any item cramped)."""
        if not session_ids:
            return {}
        done = func.sum(case((ItemLog.skipped.is_(False), 1), else_=0))
        cramp = func.max(case((ItemLog.cramp.is_(True), 1), else_=0))
        rows = self.session.execute(
            select(ItemLog.session_log_id, done, cramp)
            .where(ItemLog.session_log_id.in_(session_ids))
            .group_by(ItemLog.session_log_id)
        )
        return {sid: (int(d or 0), bool(c)) for sid, d, c in rows}

    def last_log_dates(self, athlete_ids: Sequence[int]) -> dict[int, dt.date]:
        if not athlete_ids:
            return {}
        return _latest_dates(SessionLog, athlete_ids, self.session)

    def last_run_dates(self, athlete_ids: Sequence[int]) -> dict[int, dt.date]:
        if not athlete_ids:
            return {}
        return _latest_dates(Run, athlete_ids, self.session)

    def assessment_inputs(
        self, athlete_ids: Sequence[int]
    ) -> list[tuple[int, dt.date, dict[str, Any]]]:
        """(athlete id, date, what was measured) of the athletes' self-tests, by athlete and
        date."""
        if not athlete_ids:
            return []
        rows = self.session.execute(
            select(Assessment.athlete_id, Assessment.taken_on, Assessment.input)
            .where(Assessment.athlete_id.in_(athlete_ids))
            .order_by(Assessment.athlete_id, Assessment.taken_on, Assessment.id)
        )
        return [(a, t, d) for a, t, d in rows]

    def latest_profiles(self, athlete_ids: Sequence[int]) -> list[tuple[int, str, dict[str, Any]]]:
        """(athlete id, name, newest profile) of the athletes, by name."""
        if not athlete_ids:
            return []
        latest = (
            select(ProfileVersion.athlete_id, func.max(ProfileVersion.version).label("v"))
            .where(ProfileVersion.athlete_id.in_(athlete_ids))
            .group_by(ProfileVersion.athlete_id)
            .subquery()
        )
        rows = self.session.execute(
            select(Athlete.id, Athlete.name, ProfileVersion.data)
            .join(ProfileVersion, ProfileVersion.athlete_id == Athlete.id)
            .join(
                latest,
                (latest.c.athlete_id == ProfileVersion.athlete_id)
                & (latest.c.v == ProfileVersion.version),
            )
            .order_by(Athlete.name, Athlete.id)
        )
        return [(a, n, d) for a, n, d in rows]

    def assessments(self, athlete_ids: Sequence[int]) -> list[Assessment]:
        if not athlete_ids:
            return []
        return list(
            self.session.scalars(
                select(Assessment)
                .where(Assessment.athlete_id.in_(athlete_ids))
                .order_by(Assessment.athlete_id, Assessment.taken_on, Assessment.id)
            )
        )


class AccountRepositories:
    """The account and coaching repositories of one unit of work (``uow.accounts``)."""

    def __init__(self, session: Session) -> None:
        self.users = UserRepository(session)
        self.web_sessions = WebSessionRepository(session)
        self.resets = PasswordResetRepository(session)
        self.groups = GroupRepository(session)
        self.templates = TemplateRepository(session)
        self.exercises = CoachExerciseRepository(session)
        self.secrets = SecretRepository(session)
        self.roster = RosterRepository(session)


def _latest_dates(
    table: type[SessionLog] | type[Run], athlete_ids: Sequence[int], session: Session
) -> dict[int, dt.date]:
    """Each athlete's latest date in ``table``: one correlated ``max`` per athlete, which the
    (athlete_id, date) index answers with a single probe, instead of grouping every row of
    every athlete."""
    latest = select(func.max(table.date)).where(table.athlete_id == Athlete.id).scalar_subquery()
    rows = session.execute(select(Athlete.id, latest).where(Athlete.id.in_(athlete_ids)))
    return {int(a): d for a, d in rows if d is not None}

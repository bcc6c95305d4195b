"""The training repositories: athletes, profiles, programme snapshots, self-tests, logged
sessions, runs, decisions, calendar feeds and the cheap existence probes.

Writes that must happen once whatever the retries (a session, an item, a run, a decision)
use ``INSERT ... ON CONFLICT DO NOTHING`` on their natural key, which is atomic on SQLite and
PostgreSQL alike, so two processes sending the same thing at once still store it once.
"""

from __future__ import annotations

import builtins
import datetime as dt
import json
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Row,
    Text,
    bindparam,
    delete,
    func,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.orm import defer, selectinload

from footcore.store.repositories.base import Repository as _Repository
from footcore.store.repositories.base import insert_once, insert_once_id, table_of
from footcore.store.rows import (
    DoneItemRow,
    DoneSessionRow,
    FeedbackItemRow,
    FeedbackSessionRow,
    PlanParts,
)
from footcore.store.tables import (
    Assessment,
    Athlete,
    CalendarFeed,
    Decision,
    ItemLog,
    ProfileVersion,
    Programme,
    Run,
    SessionLog,
)
from footcore.store.tables.accounts import PlannedSession

#: The athlete's id and newest programme id (built once: logging a session asks it each time).
_NEWEST_PROGRAMME = select(
    Athlete.id,
    select(Programme.id)
    .where(Programme.athlete_id == Athlete.id)
    .order_by(Programme.id.desc())
    .limit(1)
    .scalar_subquery(),
).where(Athlete.id == bindparam("athlete_id"))


class AthleteRepository(_Repository):
    def add(self, name: str, now: dt.datetime) -> Athlete:
        athlete = Athlete(name=name, created_at=now)
        self.session.add(athlete)
        self.session.flush()
        return athlete

    def get(self, athlete_id: int) -> Athlete | None:
        return self.session.get(Athlete, athlete_id)

    def list(self) -> list[Athlete]:
        return list(self.session.scalars(select(Athlete).order_by(Athlete.id)))

    def lock(self, athlete_id: int) -> None:
        """Hold the athlete's row until the transaction ends (PostgreSQL ``FOR UPDATE``; a
        SQLite write transaction holds the whole database already)."""
        self.session.execute(
            select(Athlete.id).where(Athlete.id == athlete_id).with_for_update()
        ).first()

    def newest_programme_id(self, athlete_id: int) -> tuple[bool, int | None]:
        """Whether the athlete exists, and the id of their newest programme snapshot (None
        before the first): one statement, nothing loaded as objects."""
        # A plain read: on the session's connection, without the ORM's execution (half the
        # cost of this call; nothing here is an ORM object or a write to track).
        conn = self.session.connection()
        row = conn.execute(_NEWEST_PROGRAMME, {"athlete_id": athlete_id}).first()
        return (False, None) if row is None else (True, row[1])

    def first(self) -> Athlete | None:
        """The first athlete set up (lowest id), without loading the others."""
        return self.session.scalar(select(Athlete).order_by(Athlete.id).limit(1))


class ProfileRepository(_Repository):
    def add(self, athlete_id: int, data: Mapping[str, Any], now: dt.datetime) -> ProfileVersion:
        """Save a new version (one above the highest so far)."""
        highest = self.session.scalar(
            select(func.max(ProfileVersion.version)).where(ProfileVersion.athlete_id == athlete_id)
        )
        version = ProfileVersion(
            athlete_id=athlete_id, version=(highest or 0) + 1, data=dict(data), created_at=now
        )
        self.session.add(version)
        self.session.flush()
        return version

    def latest(self, athlete_id: int) -> ProfileVersion | None:
        return self.session.scalar(
            select(ProfileVersion)
            .where(ProfileVersion.athlete_id == athlete_id)
            .order_by(ProfileVersion.version.desc())
            .limit(1)
        )


class ProgrammeRepository(_Repository):
    def add(self, values: Mapping[str, Any]) -> Programme:
        programme = Programme(**values)
        self.session.add(programme)
        self.session.flush()
        return programme

    def latest(self, athlete_id: int) -> Programme | None:
        """The athlete's newest snapshot. Its plan document (1.7 MB of JSON after a year) is
        loaded only when ``plan`` is first read: checking whether the snapshot is current
        needs only the other columns."""
        return self.session.scalar(
            select(Programme)
            .options(defer(Programme.plan))
            .where(Programme.athlete_id == athlete_id)
            .order_by(Programme.id.desc())
            .limit(1)
        )

    def get(self, programme_id: int) -> Programme | None:
        return self.session.get(Programme, programme_id)

    def extracts_in_database(self) -> bool:
        """Whether the database reads parts of a plan more cheaply than the whole document:
        SQLite's JSON functions do, and PostgreSQL's do on a ``jsonb`` column; on a ``json``
        column PostgreSQL parses the whole text for every part (slower than sending it)."""
        dialect = self.session.get_bind().dialect
        if dialect.name == "sqlite":
            return True
        if dialect.name == "postgresql":
            # Deferred: the PostgreSQL dialect loads only for a PostgreSQL database (measured).
            from sqlalchemy.dialects.postgresql import JSONB  # noqa: PLC0415

            column = table_of(Programme).c.plan
            return isinstance(column.type.dialect_impl(dialect), JSONB)
        return False

    def plan_parts(self, snapshot: object, week_index: int | None) -> PlanParts:
        """Week ``week_index`` (0-based; None for no week) of the snapshot's plan, with its
        flags and notes, without decoding the rest of the document where the database can
        pick the parts out (:meth:`extracts_in_database`). ``snapshot``: a programme this
        repository handed out."""
        programme = cast(Programme, snapshot)
        index = week_index if week_index is not None and 0 <= week_index < programme.weeks else None
        if "plan" not in inspect(programme).unloaded or not self.extracts_in_database():
            plan = programme.plan
            weeks = plan.get("weeks", [])
            week = weeks[index] if index is not None and index < len(weeks) else None
            return PlanParts(week, list(plan.get("flags", [])), list(plan.get("notes", [])))
        columns: builtins.list[Any] = [Programme.plan["flags"], Programme.plan["notes"]]
        if index is not None:
            columns.append(Programme.plan[("weeks", index)])
        row = self.session.execute(select(*columns).where(Programme.id == programme.id)).one()
        week = row[2] if index is not None else None
        return PlanParts(week, list(row[0] or []), list(row[1] or []))

    def planned_sessions(
        self, programme_id: int, until: dt.date
    ) -> builtins.list[tuple[dt.date, str, float]] | None:
        """(date, slot, minutes) of the snapshot's sessions up to ``until``, in plan order,
        from the stored planned sessions; None when they are not stored for this snapshot
        (the caller derives them from the plan and stores them)."""
        rows = self.session.execute(
            select(PlannedSession.date, PlannedSession.slot, PlannedSession.minutes)
            .where(PlannedSession.programme_id == programme_id, PlannedSession.date <= until)
            .order_by(PlannedSession.date, PlannedSession.id)
        ).all()
        if rows:
            return [(d, slot, minutes) for d, slot, minutes in rows]
        stored = self.session.scalar(
            select(PlannedSession.id).where(PlannedSession.programme_id == programme_id).limit(1)
        )
        return [] if stored is not None else None

    def prune(self, athlete_id: int, keep: int) -> int:
        """Delete the athlete's older snapshots: the newest ``keep`` stay, and so does every
        snapshot a session log points at. Returns how many were deleted."""
        ids = builtins.list(
            self.session.scalars(
                select(Programme.id)
                .where(Programme.athlete_id == athlete_id)
                .order_by(Programme.id.desc())
            )
        )
        older = ids[keep:]
        if not older:
            return 0
        logged = set(
            self.session.scalars(
                select(SessionLog.programme_id)
                .where(SessionLog.athlete_id == athlete_id, SessionLog.programme_id.in_(older))
                .distinct()
            )
        )
        doomed = [pid for pid in older if pid not in logged]
        if doomed:
            self.session.execute(delete(Programme).where(Programme.id.in_(doomed)))
        return len(doomed)


class AssessmentRepository(_Repository):
    def add(self, values: Mapping[str, Any]) -> Assessment:
        assessment = Assessment(**values)
        self.session.add(assessment)
        self.session.flush()
        return assessment

    def list(self, athlete_id: int) -> list[Assessment]:
        return list(
            self.session.scalars(
                select(Assessment)
                .where(Assessment.athlete_id == athlete_id)
                .order_by(Assessment.taken_on, Assessment.id)
            )
        )

    def latest_id(self, athlete_id: int) -> int | None:
        """The id of the newest self-test (latest date, then latest stored)."""
        return self.session.scalar(
            select(Assessment.id)
            .where(Assessment.athlete_id == athlete_id)
            .order_by(Assessment.taken_on.desc(), Assessment.id.desc())
            .limit(1)
        )

    def inputs(self, athlete_id: int) -> builtins.list[dict[str, Any]]:
        """What was measured in each self-test, in :meth:`list`'s order (no stored reports)."""
        return builtins.list(
            self.session.scalars(
                select(Assessment.input)
                .where(Assessment.athlete_id == athlete_id)
                .order_by(Assessment.taken_on, Assessment.id)
            )
        )


class _Doses:
    """Planned doses (an item log's ``planned`` JSON) read as text and decoded once per
    distinct text: a year of logs repeats a few dozen doses hundreds of times. Each decoded
    dose is shared by the rows that stored it, so it is handed out read-only."""

    def __init__(self) -> None:
        self._seen: dict[str | None, Mapping[str, Any]] = {}

    def read(self, text: str | None) -> Mapping[str, Any]:
        found = self._seen.get(text)
        if found is None:
            found = MappingProxyType((json.loads(text) if text is not None else None) or {})
            self._seen[text] = found
        return found


class SessionLogRepository(_Repository):
    def open_once(self, values: Mapping[str, Any]) -> tuple[int, bool]:
        """The id of the session with this ``client_id``, made now if new; True when it was
        made (one statement when new)."""
        table = table_of(SessionLog)
        made = insert_once_id(self.session, table, values, ("athlete_id", "client_id"))
        if made is not None:
            return made, True
        found = self.session.scalar(
            select(SessionLog.id).where(
                SessionLog.athlete_id == values["athlete_id"],
                SessionLog.client_id == values["client_id"],
            )
        )
        assert found is not None
        return found, False

    def add_item_once(self, values: Mapping[str, Any]) -> bool:
        """Store one item of a session unless its index is already stored."""
        return insert_once(
            self.session,
            table_of(ItemLog),
            values,
            ("session_log_id", "item_index"),
        )

    def delete(self, session_log_id: int) -> None:
        """A logged session, its exercises and the decisions made from it."""
        log_id = session_log_id
        self.session.execute(delete(Decision).where(Decision.session_log_id == log_id))
        self.session.execute(delete(ItemLog).where(ItemLog.session_log_id == log_id))
        self.session.execute(delete(SessionLog).where(SessionLog.id == log_id))
        self.session.expire_all()

    def clear_items(self, session_log_id: int) -> None:
        """Drop a session's logged exercises (a correction stores them again)."""
        self.session.execute(delete(ItemLog).where(ItemLog.session_log_id == session_log_id))
        self.session.expire_all()

    def by_client_id(
        self, athlete_id: int, client_id: str, *, lock: bool = False
    ) -> SessionLog | None:
        """The session with this ``client_id``. ``lock``: hold its row until the transaction
        ends (PostgreSQL ``FOR UPDATE``; a SQLite writer holds the whole file already), so a
        second writer waits and then reads what the first stored."""
        self.session.expire_all()
        query = (
            select(SessionLog)
            .options(selectinload(SessionLog.items))
            .where(SessionLog.athlete_id == athlete_id, SessionLog.client_id == client_id)
        )
        return self.session.scalar(query.with_for_update() if lock else query)

    def list(
        self,
        athlete_id: int,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> list[SessionLog]:
        conditions: list[ColumnElement[bool]] = [SessionLog.athlete_id == athlete_id]
        if since is not None:
            conditions.append(SessionLog.date >= since)
        if until is not None:
            conditions.append(SessionLog.date <= until)
        return list(
            self.session.scalars(
                select(SessionLog)
                .options(selectinload(SessionLog.items))
                .where(*conditions)
                .order_by(SessionLog.date, SessionLog.started_at, SessionLog.id)
            )
        )

    def done_rows(
        self, athlete_id: int, until: dt.date | None = None
    ) -> builtins.list[DoneSessionRow]:
        """The athlete's session logs up to ``until`` as plain rows for the progress report,
        in :meth:`list`'s order with items by index: one query and no ORM objects (a year
        of logs is hundreds of sessions and their items)."""
        conditions: list[ColumnElement[bool]] = [SessionLog.athlete_id == athlete_id]
        if until is not None:
            conditions.append(SessionLog.date <= until)
        rows = self.session.execute(
            select(
                SessionLog.id,
                SessionLog.date,
                SessionLog.slot,
                ItemLog.id,
                ItemLog.skipped,
                ItemLog.sets_done,
                ItemLog.reps_left,
                ItemLog.reps_right,
                ItemLog.reps_both,
                ItemLog.seconds_left,
                ItemLog.seconds_right,
                ItemLog.seconds_both,
                ItemLog.planned.cast(Text),
                SessionLog.planned_items,
            )
            .outerjoin(ItemLog, ItemLog.session_log_id == SessionLog.id)
            .where(*conditions)
            .order_by(SessionLog.date, SessionLog.started_at, SessionLog.id, ItemLog.item_index)
        )
        out: builtins.list[DoneSessionRow] = []
        doses = _Doses()
        for row in rows:
            r: Any = row
            if not out or out[-1].id != r[0]:
                out.append(DoneSessionRow(r[0], r[1], r[2], r[13]))
            if r[3] is None:  # a session with no item stored yet
                continue
            out[-1].items.append(
                DoneItemRow(
                    planned=doses.read(r[12]),
                    skipped=bool(r[4]),
                    sets_done=r[5],
                    reps_left=r[6],
                    reps_right=r[7],
                    reps_both=r[8],
                    seconds_left=r[9],
                    seconds_right=r[10],
                    seconds_both=r[11],
                )
            )
        return out

    def finished_rows(
        self, athlete_id: int, since: dt.date | None = None
    ) -> builtins.list[FeedbackSessionRow]:
        """The athlete's finished sessions (feedback given) from ``since`` on as plain rows
        for adaptation, in :meth:`list`'s order with items by index: one query and no ORM
        objects."""
        conditions: list[ColumnElement[bool]] = [
            SessionLog.athlete_id == athlete_id,
            SessionLog.ended_at.is_not(None),
        ]
        if since is not None:
            conditions.append(SessionLog.date >= since)
        rows = self.session.execute(
            select(
                SessionLog.id,
                SessionLog.client_id,
                SessionLog.date,
                SessionLog.slot,
                SessionLog.difficulty,
                SessionLog.pain_during,
                SessionLog.cramp,
                SessionLog.next_morning_pain,
                ItemLog.id,
                ItemLog.exercise,
                ItemLog.planned.cast(Text),
                ItemLog.skipped,
                ItemLog.sets_done,
                ItemLog.difficulty,
                ItemLog.pain_during,
                ItemLog.cramp,
            )
            .outerjoin(ItemLog, ItemLog.session_log_id == SessionLog.id)
            .where(*conditions)
            .order_by(SessionLog.date, SessionLog.started_at, SessionLog.id, ItemLog.item_index)
        )
        out: builtins.list[FeedbackSessionRow] = []
        doses = _Doses()
        for row in rows:
            r: Any = row
            if not out or out[-1].id != r[0]:
                out.append(FeedbackSessionRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]))
            if r[8] is None:  # a session with no item stored
                continue
            out[-1].items.append(
                FeedbackItemRow(
                    exercise=r[9],
                    planned=doses.read(r[10]),
                    skipped=bool(r[11]),
                    sets_done=r[12],
                    difficulty=r[13],
                    pain_during=r[14],
                    cramp=r[15],
                )
            )
        return out

    def count_items(self, athlete_id: int) -> int:
        return int(
            self.session.scalar(
                select(func.count(ItemLog.id))
                .join(SessionLog, ItemLog.session_log_id == SessionLog.id)
                .where(SessionLog.athlete_id == athlete_id)
            )
            or 0
        )


class RunRepository(_Repository):
    def add_once(self, values: Mapping[str, Any]) -> bool:
        """Store a run; with a ``client_id`` a repeated submission is stored once."""
        if values.get("client_id") is None:
            self.session.add(Run(**values))
            self.session.flush()
            return True
        return insert_once(self.session, table_of(Run), values, ("athlete_id", "client_id"))

    def list(
        self, athlete_id: int, since: dt.date | None = None, until: dt.date | None = None
    ) -> list[Run]:
        conditions: list[ColumnElement[bool]] = [Run.athlete_id == athlete_id]
        if since is not None:
            conditions.append(Run.date >= since)
        if until is not None:
            conditions.append(Run.date <= until)
        return list(self.session.scalars(select(Run).where(*conditions).order_by(Run.date, Run.id)))

    def rows(
        self, athlete_id: int, since: dt.date | None = None, until: dt.date | None = None
    ) -> builtins.list[Row[dt.date, float, float, str, int | None]]:
        """:meth:`list` as plain rows of (date, km, minutes, kind, felt), by name too."""
        conditions: list[ColumnElement[bool]] = [Run.athlete_id == athlete_id]
        if since is not None:
            conditions.append(Run.date >= since)
        if until is not None:
            conditions.append(Run.date <= until)
        return builtins.list(
            self.session.execute(
                select(Run.date, Run.km, Run.minutes, Run.kind, Run.felt)
                .where(*conditions)
                .order_by(Run.date, Run.id)
            )
        )


class DecisionRepository(_Repository):
    def delete_since(self, athlete_id: int, since: dt.date) -> None:
        """Every decision dated ``since`` or later (they are decided again)."""
        self.session.execute(
            delete(Decision).where(Decision.athlete_id == athlete_id, Decision.date >= since)
        )

    def add_once(self, values: Mapping[str, Any]) -> bool:
        """Store a decision unless one with the same key exists."""
        return insert_once(self.session, table_of(Decision), values, ("athlete_id", "key"))

    def list(self, athlete_id: int, since: dt.date | None = None) -> list[Decision]:
        conditions: list[ColumnElement[bool]] = [Decision.athlete_id == athlete_id]
        if since is not None:
            conditions.append(Decision.date >= since)
        return list(
            self.session.scalars(
                select(Decision).where(*conditions).order_by(Decision.date, Decision.id)
            )
        )

    def rows(
        self, athlete_id: int, since: dt.date | None = None
    ) -> builtins.list[Row[str, str, str, dt.date, int | None]]:
        """:meth:`list` as plain rows of (chain, action, reason, date, level), by name too:
        what ``footcore.services.outcomes.decision_from_row`` reads."""
        conditions: list[ColumnElement[bool]] = [Decision.athlete_id == athlete_id]
        if since is not None:
            conditions.append(Decision.date >= since)
        return builtins.list(
            self.session.execute(
                select(
                    Decision.chain, Decision.action, Decision.reason, Decision.date, Decision.level
                )
                .where(*conditions)
                .order_by(Decision.date, Decision.id)
            )
        )


class CalendarFeedRepository(_Repository):
    """Calendar subscription addresses, kept as the SHA-256 of their secret token."""

    def replace(self, athlete_id: int, token_sha256: str, now: dt.datetime) -> None:
        """Revoke the athlete's working feeds and store a new one."""
        self.revoke(athlete_id, now)
        self.session.add(
            CalendarFeed(athlete_id=athlete_id, token_sha256=token_sha256, created_at=now)
        )

    def revoke(self, athlete_id: int, now: dt.datetime) -> int:
        """Stop every working feed of the athlete; how many there were."""
        result: Any = self.session.execute(
            update(CalendarFeed)
            .where(CalendarFeed.athlete_id == athlete_id, CalendarFeed.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        return int(result.rowcount or 0)

    def athlete_of(self, token_sha256: str) -> int | None:
        """The athlete of a working (not revoked) feed with this token hash."""
        found = self.session.scalar(
            select(CalendarFeed.athlete_id).where(
                CalendarFeed.token_sha256 == token_sha256, CalendarFeed.revoked_at.is_(None)
            )
        )
        return None if found is None else int(found)


class ProbeRepository(_Repository):
    """Cheap checks whether rows of a kind exist at all, written as plain SQL so that the
    common case (one person, no coach, no check-in) loads no accounts or outcomes module."""

    def any_coach_exercise(self) -> bool:
        return self.session.scalar(text("SELECT 1 FROM coach_exercises LIMIT 1")) is not None

    def any_template_assignment(self) -> bool:
        return self.session.scalar(text("SELECT 1 FROM template_assignments LIMIT 1")) is not None

    def any_checkin(self, athlete_id: int, since: dt.date) -> bool:
        """Whether the athlete has a weekly check-in for the week of ``since`` or later."""
        found = self.session.scalar(
            text("SELECT 1 FROM checkins WHERE athlete_id = :a AND week >= :w LIMIT 1"),
            {"a": athlete_id, "w": since},
        )
        return found is not None

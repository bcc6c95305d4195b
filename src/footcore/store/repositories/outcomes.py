"""Repositories over check-ins, consents, studies and the audit trail (one session, one
transaction). Reads that serve a whole group or study take lists of ids and answer in one
query, never one per member."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from footcore.store.repositories.base import Repository as _Repository
from footcore.store.rows import CheckinRow
from footcore.store.tables import ItemLog, SessionLog
from footcore.store.tables.outcomes import (
    AuditEvent,
    Checkin,
    CheckinAnswer,
    Consent,
    Study,
    StudyAllocation,
    StudyArm,
    StudyParticipant,
)


class CheckinRepository(_Repository):
    def get(self, athlete_id: int, week: dt.date) -> Checkin | None:
        return self.session.scalar(
            select(Checkin).where(Checkin.athlete_id == athlete_id, Checkin.week == week)
        )

    def add(
        self,
        athlete_id: int,
        week: dt.date,
        answers: Sequence[Mapping[str, Any]],
        now: dt.datetime,
        *,
        skipped: bool = False,
    ) -> Checkin:
        row = Checkin(athlete_id=athlete_id, week=week, skipped=skipped, created_at=now)
        self.session.add(row)
        self.session.flush()
        for answer in answers:
            self.session.add(CheckinAnswer(checkin_id=row.id, **answer))
        self.session.flush()
        return row

    def delete(self, checkin_id: int) -> None:
        self.session.execute(delete(CheckinAnswer).where(CheckinAnswer.checkin_id == checkin_id))
        self.session.execute(delete(Checkin).where(Checkin.id == checkin_id))

    def rows(
        self,
        athlete_ids: Sequence[int],
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> list[CheckinRow]:
        """Every check-in of the athletes (weeks from ``since`` to ``until``), by athlete
        and week, with the areas that had a problem; two queries in all."""
        if not athlete_ids:
            return []
        query = select(Checkin.id, Checkin.athlete_id, Checkin.week, Checkin.skipped).where(
            Checkin.athlete_id.in_(athlete_ids)
        )
        if since is not None:
            query = query.where(Checkin.week >= since)
        if until is not None:
            query = query.where(Checkin.week <= until)
        heads = self.session.execute(query.order_by(Checkin.athlete_id, Checkin.week)).all()
        answers: dict[int, dict[str, tuple[int, int, int, int]]] = {}
        ids = [h[0] for h in heads if not h[3]]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for r in self.session.execute(
                select(
                    CheckinAnswer.checkin_id,
                    CheckinAnswer.area,
                    CheckinAnswer.participation,
                    CheckinAnswer.training,
                    CheckinAnswer.performance,
                    CheckinAnswer.symptoms,
                ).where(CheckinAnswer.checkin_id.in_(chunk))
            ):
                answers.setdefault(r[0], {})[r[1]] = (r[2], r[3], r[4], r[5])
        return [(h[1], h[2], bool(h[3]), answers.get(h[0], {})) for h in heads]


class ConsentRepository(_Repository):
    def current(
        self,
        athlete_id: int,
        kind: str,
        *,
        group_id: int | None = None,
        study_id: int | None = None,
    ) -> Consent | None:
        return self.session.scalar(
            select(Consent)
            .where(
                Consent.athlete_id == athlete_id,
                Consent.kind == kind,
                Consent.group_id.is_(None) if group_id is None else Consent.group_id == group_id,
                Consent.study_id.is_(None) if study_id is None else Consent.study_id == study_id,
                Consent.revoked_at.is_(None),
            )
            .order_by(Consent.id.desc())
            .limit(1)
        )

    def add(self, values: Mapping[str, Any]) -> Consent:
        row = Consent(**values)
        self.session.add(row)
        self.session.flush()
        return row

    def sharing(self, group_id: int) -> set[int]:
        """Athletes who share their check-ins with this group's coach now."""
        return set(
            self.session.scalars(
                select(Consent.athlete_id).where(
                    Consent.group_id == group_id,
                    Consent.kind == "share-checkins",
                    Consent.revoked_at.is_(None),
                )
            )
        )

    def of_athlete(self, athlete_id: int) -> list[Consent]:
        return list(
            self.session.scalars(
                select(Consent).where(Consent.athlete_id == athlete_id).order_by(Consent.id)
            )
        )


class StudyRepository(_Repository):
    def add(self, values: Mapping[str, Any], arms: Sequence[Mapping[str, Any]]) -> Study:
        """A study with its arms (``arms``: each arm's values but its study)."""
        study = Study(**values)
        self.session.add(study)
        self.session.flush()
        for arm in arms:
            self.session.add(StudyArm(**arm, study_id=study.id))
        self.session.flush()
        return study

    def get(self, study_id: int) -> Study | None:
        return self.session.get(Study, study_id)

    def of_groups(self, group_ids: Sequence[int]) -> list[Study]:
        if not group_ids:
            return []
        return list(
            self.session.scalars(
                select(Study).where(Study.group_id.in_(group_ids)).order_by(Study.id)
            )
        )

    def arms(self, study_id: int) -> list[StudyArm]:
        return list(
            self.session.scalars(
                select(StudyArm).where(StudyArm.study_id == study_id).order_by(StudyArm.code)
            )
        )

    def participants(self, study_id: int) -> list[StudyParticipant]:
        return list(
            self.session.scalars(
                select(StudyParticipant)
                .where(StudyParticipant.study_id == study_id)
                .order_by(StudyParticipant.enrolled_at, StudyParticipant.id)
            )
        )

    def participant(self, study_id: int, athlete_id: int) -> StudyParticipant | None:
        return self.session.scalar(
            select(StudyParticipant).where(
                StudyParticipant.study_id == study_id, StudyParticipant.athlete_id == athlete_id
            )
        )

    def participations(self, athlete_id: int) -> list[StudyParticipant]:
        return list(
            self.session.scalars(
                select(StudyParticipant)
                .where(StudyParticipant.athlete_id == athlete_id)
                .order_by(StudyParticipant.id)
            )
        )

    def add_participant(self, values: Mapping[str, Any]) -> StudyParticipant:
        row = StudyParticipant(**values)
        self.session.add(row)
        self.session.flush()
        return row

    def allocations(self, study_id: int) -> list[StudyAllocation]:
        return list(
            self.session.scalars(
                select(StudyAllocation)
                .where(StudyAllocation.study_id == study_id)
                .order_by(StudyAllocation.seq)
            )
        )

    def append(self, values: Mapping[str, Any]) -> StudyAllocation:
        """A new entry at the end of the log (the unique (study, seq) refuses a second
        writer that read the same end)."""
        row = StudyAllocation(**values)
        self.session.add(row)
        self.session.flush()
        return row

    def count_allocated(self, study_id: int) -> int:
        return int(
            self.session.scalar(
                select(func.count(StudyAllocation.id)).where(StudyAllocation.study_id == study_id)
            )
            or 0
        )


class AuditRepository(_Repository):
    def add(
        self,
        action: str,
        at: dt.datetime,
        *,
        actor_user_id: int | None = None,
        athlete_id: int | None = None,
        group_id: int | None = None,
        study_id: int | None = None,
        detail: Mapping[str, Any] | None = None,
    ) -> AuditEvent:
        row = AuditEvent(
            at=at,
            action=action,
            actor_user_id=actor_user_id,
            athlete_id=athlete_id,
            group_id=group_id,
            study_id=study_id,
            detail=dict(detail or {}),
        )
        self.session.add(row)
        self.session.flush()
        return row

    def of_study(self, study_id: int) -> list[AuditEvent]:
        return list(
            self.session.scalars(
                select(AuditEvent).where(AuditEvent.study_id == study_id).order_by(AuditEvent.id)
            )
        )

    def of_athlete(self, athlete_id: int) -> list[AuditEvent]:
        return list(
            self.session.scalars(
                select(AuditEvent)
                .where(AuditEvent.athlete_id == athlete_id)
                .order_by(AuditEvent.id)
            )
        )


class WorkRepository(_Repository):
    """Foot work done, as the outcome reports count it."""

    def days(
        self, athlete_ids: Sequence[int], since: dt.date | None = None
    ) -> dict[int, list[dt.date]]:
        """Per athlete, the days with foot work (a session with at least one exercise not
        skipped), in order; one query."""
        if not athlete_ids:
            return {}
        query = (
            select(SessionLog.athlete_id, SessionLog.date)
            .join(ItemLog, ItemLog.session_log_id == SessionLog.id)
            .where(SessionLog.athlete_id.in_(athlete_ids), ItemLog.skipped.is_(False))
            .distinct()
            .order_by(SessionLog.athlete_id, SessionLog.date)
        )
        if since is not None:
            query = query.where(SessionLog.date >= since)
        out: dict[int, list[dt.date]] = {}
        for athlete_id, day in self.session.execute(query):
            out.setdefault(athlete_id, []).append(day)
        return out

    def sessions(
        self, athlete_ids: Sequence[int], since: dt.date, until: dt.date
    ) -> list[tuple[int, dt.date, str]]:
        """(athlete, date, slot) of every session done (an exercise not skipped)."""
        if not athlete_ids:
            return []
        query = (
            select(SessionLog.athlete_id, SessionLog.date, SessionLog.slot)
            .join(ItemLog, ItemLog.session_log_id == SessionLog.id)
            .where(
                SessionLog.athlete_id.in_(athlete_ids),
                ItemLog.skipped.is_(False),
                SessionLog.date >= since,
                SessionLog.date <= until,
            )
            .distinct()
        )
        return [(int(a), d, str(s)) for a, d, s in self.session.execute(query)]


class OutcomeRepositories:
    """Every outcome repository of one unit of work."""

    def __init__(self, session: Session) -> None:
        self.checkins = CheckinRepository(session)
        self.consents = ConsentRepository(session)
        self.studies = StudyRepository(session)
        self.audit = AuditRepository(session)
        self.work = WorkRepository(session)

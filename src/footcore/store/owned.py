"""Every row that belongs to one account or athlete, for the account export and deletion.

``uow.owned.export`` reads them in the backup's row form, leaving out credentials (sign-in
sessions, reset tokens, password hashes, lock state, calendar-feed token hashes);
``uow.owned.delete`` deletes them table by table, children first, so nothing depends on the
database's cascades.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Table, delete, select
from sqlalchemy.orm import Session

from footcore.store.backup import dump_value
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
from footcore.store.tables.accounts import (
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
from footcore.store.tables.push import PushSubscription, ReminderSent, ReminderSetting

#: Tables an export leaves out whole: short-lived credentials.
_CREDENTIAL_TABLES: tuple[type[Any], ...] = (WebSession, PasswordReset)

_SECRET_COLUMNS: dict[type[Any], tuple[str, ...]] = {
    User: ("password_hash", "failed_sign_ins", "locked_until"),
    CalendarFeed: ("token_sha256",),
}
#: A browser's push address and keys are left out of an export the same way: with them,
#: anyone could send that browser notifications.
_PUSH_SECRET_COLUMNS = ("endpoint", "p256dh", "auth")


def _owned_rows(user_id: int | None, athlete_id: int | None) -> list[tuple[type[Any], Any]]:
    """(table, condition) for every row that belongs to the user or athlete, parents
    first."""
    a = athlete_id
    rows: list[tuple[type[Any], Any]] = []
    if a is not None:
        session_ids = select(SessionLog.id).where(SessionLog.athlete_id == a)
        rows += [
            (Athlete, Athlete.id == a),
            (ProfileVersion, ProfileVersion.athlete_id == a),
            (Programme, Programme.athlete_id == a),
            (Assessment, Assessment.athlete_id == a),
            (SessionLog, SessionLog.athlete_id == a),
            (ItemLog, ItemLog.session_log_id.in_(session_ids)),
            (Run, Run.athlete_id == a),
            (Decision, Decision.athlete_id == a),
            (PlannedSession, PlannedSession.athlete_id == a),
            (CalendarFeed, CalendarFeed.athlete_id == a),
            *_outcome_rows(a),
            *_push_rows(a),
        ]
    if user_id is None:
        rows += [
            (Membership, Membership.athlete_id == a),
            (TemplateAssignment, TemplateAssignment.athlete_id == a),
        ]
        return rows
    group_ids = select(Group.id).where(Group.coach_user_id == user_id)
    template_ids = select(ProgrammeTemplate.id).where(ProgrammeTemplate.coach_user_id == user_id)
    memberships: Any = Membership.group_id.in_(group_ids)
    assignments: Any = TemplateAssignment.group_id.in_(
        group_ids
    ) | TemplateAssignment.template_id.in_(template_ids)
    if a is not None:
        memberships = memberships | (Membership.athlete_id == a)
        assignments = assignments | (TemplateAssignment.athlete_id == a)
    rows += [
        (User, User.id == user_id),
        (WebSession, WebSession.user_id == user_id),
        (PasswordReset, PasswordReset.user_id == user_id),
        (Group, Group.coach_user_id == user_id),
        (Membership, memberships),
        (ProgrammeTemplate, ProgrammeTemplate.coach_user_id == user_id),
        (TemplateAssignment, assignments),
        (CoachExercise, CoachExercise.coach_user_id == user_id),
        *_coach_study_rows(group_ids),
    ]
    return rows


def _outcome_rows(a: int) -> list[tuple[type[Any], Any]]:
    """An athlete's check-ins, consents, study participations and the audit events that
    name them, parents first."""
    checkin_ids = select(Checkin.id).where(Checkin.athlete_id == a)
    return [
        (Checkin, Checkin.athlete_id == a),
        (CheckinAnswer, CheckinAnswer.checkin_id.in_(checkin_ids)),
        (StudyParticipant, StudyParticipant.athlete_id == a),
        (Consent, Consent.athlete_id == a),
        (AuditEvent, AuditEvent.athlete_id == a),
    ]


def _push_rows(a: int) -> list[tuple[type[Any], Any]]:
    """An athlete's reminder settings, subscribed browsers and reminders sent."""
    return [
        (ReminderSetting, ReminderSetting.athlete_id == a),
        (PushSubscription, PushSubscription.athlete_id == a),
        (ReminderSent, ReminderSent.athlete_id == a),
    ]


def _coach_study_rows(group_ids: Any) -> list[tuple[type[Any], Any]]:
    """The studies of a coach's groups with everything in them, parents first."""
    study_ids = select(Study.id).where(Study.group_id.in_(group_ids))
    return [
        (Study, Study.group_id.in_(group_ids)),
        (StudyArm, StudyArm.study_id.in_(study_ids)),
        (StudyParticipant, StudyParticipant.study_id.in_(study_ids)),
        (StudyAllocation, StudyAllocation.study_id.in_(study_ids)),
        (Consent, Consent.group_id.in_(group_ids) | Consent.study_id.in_(study_ids)),
        (AuditEvent, AuditEvent.group_id.in_(group_ids) | AuditEvent.study_id.in_(study_ids)),
    ]


class OwnedRowsRepository:
    """The rows of one account and its athlete (``uow.owned``)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def export(
        self, user_id: int | None, athlete_id: int | None
    ) -> dict[str, list[dict[str, Any]]]:
        """table name -> rows (by id, keys sorted, values as JSON holds them), parents first,
        without credentials."""
        tables: dict[str, list[dict[str, Any]]] = {}
        for model, condition in _owned_rows(user_id, athlete_id):
            if model in _CREDENTIAL_TABLES:
                continue
            table = cast(Table, model.__table__)
            rows = self.session.execute(
                select(table).where(condition).order_by(*table.primary_key.columns)
            )
            out: list[dict[str, Any]] = []
            for row in rows.mappings():
                values = {str(k): dump_value(v) for k, v in sorted(row.items())}
                hidden = _PUSH_SECRET_COLUMNS if table.name == "push_subscriptions" else ()
                for secret in (*_SECRET_COLUMNS.get(model, ()), *hidden):
                    values.pop(secret, None)
                out.append(values)
            tables[table.name] = out
        return tables

    def delete(self, user_id: int | None, athlete_id: int | None) -> dict[str, int]:
        """Delete the rows, children first; rows deleted per table."""
        counts: dict[str, int] = {}
        for model, condition in reversed(_owned_rows(user_id, athlete_id)):
            table = cast(Table, model.__table__)
            result: Any = self.session.execute(delete(table).where(condition))
            counts[table.name] = counts.get(table.name, 0) + int(result.rowcount or 0)
        self.session.expire_all()
        return counts

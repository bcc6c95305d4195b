"""The unit of work the services talk to, and the repositories it holds, as abstract types.

Services depend on these Protocols only: never on SQLAlchemy, a table class or the store's
concrete classes (``tests/unit/test_architecture.py`` checks it). Two implementations stand
behind them: :class:`footcore.store.uow.SqlAlchemyUnitOfWork` (the database, on SQLite or
PostgreSQL), wired in by :func:`footcore.bootstrap.bootstrap`, and the in-memory fake in
``tests/support/fake_uow.py`` that service unit tests use without a database. mypy checks
that the SQLAlchemy one fits (``bootstrap`` hands it to :class:`~footcore.services.context.
Context`), and the fake's tests check that the fake does.

A record is a stored row as the services read (and sometimes change) it: an attribute set
on a record is stored when the unit of work commits. Repository methods that add a row take
its column values and return the new record.
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future
from types import TracebackType
from typing import Any, Literal, Protocol, Self, TypeVar

from footcore.domain.reminders import ReminderSettings, Subscription
from footcore.store.rows import (
    CheckinRow,
    DoneSessionRow,
    FeedbackSessionRow,
    PlanParts,
)

# -- records ---------------------------------------------------------------------------------


class AthleteRecord(Protocol):
    """A stored athletes row."""

    id: int
    name: str
    created_at: dt.datetime


class ProfileVersionRecord(Protocol):
    """A stored profile_versions row."""

    id: int
    athlete_id: int
    version: int
    data: dict[str, Any]
    created_at: dt.datetime


class ProgrammeRecord(Protocol):
    """A stored programmes row."""

    id: int
    athlete_id: int
    profile_version_id: int
    generator_version: str
    start: dt.date
    weeks: int
    adjustments: dict[str, Any]
    plan: dict[str, Any]
    created_at: dt.datetime


class AssessmentRecord(Protocol):
    """A stored assessments row."""

    id: int
    athlete_id: int
    taken_on: dt.date
    input: dict[str, Any]
    report: dict[str, Any]
    created_at: dt.datetime


class SessionLogRecord(Protocol):
    """A stored session_logs row."""

    id: int
    athlete_id: int
    client_id: str
    date: dt.date
    slot: str
    source: str
    programme_id: int | None
    planned_items: int
    planned_minutes: float
    started_at: dt.datetime
    ended_at: dt.datetime | None
    difficulty: int | None
    pain_during: int | None
    next_morning_pain: int | None
    cramp: bool | None
    note: str | None
    created_at: dt.datetime

    @property
    def items(self) -> Sequence[ItemLogRecord]: ...


class ItemLogRecord(Protocol):
    """A stored item_logs row."""

    id: int
    session_log_id: int
    item_index: int
    exercise: str
    planned: dict[str, Any]
    sets_done: int
    reps_left: int | None
    reps_right: int | None
    reps_both: int | None
    seconds_left: float | None
    seconds_right: float | None
    seconds_both: float | None
    skipped: bool
    difficulty: int | None
    pain_during: int | None
    cramp: bool | None
    note: str | None
    started_at: dt.datetime
    ended_at: dt.datetime
    created_at: dt.datetime


class RunRecord(Protocol):
    """A stored runs row."""

    id: int
    athlete_id: int
    date: dt.date
    km: float
    minutes: float
    kind: str
    felt: int | None
    note: str | None
    client_id: str | None
    created_at: dt.datetime


class DecisionRecord(Protocol):
    """A stored decisions row."""

    id: int
    athlete_id: int
    key: str
    date: dt.date
    chain: str
    action: str
    reason: str
    level: int | None
    session_log_id: int | None
    created_at: dt.datetime


class UserRecord(Protocol):
    """A stored users row."""

    id: int
    email: str
    password_hash: str
    role: str
    athlete_id: int | None
    failed_sign_ins: int
    locked_until: dt.datetime | None
    last_sign_in_at: dt.datetime | None
    created_at: dt.datetime
    language: str | None  # the web pages' language (footcore.domain.languages); None: the browser's


class WebSessionRecord(Protocol):
    """A stored web_sessions row."""

    id: int
    token_hash: str
    user_id: int
    csrf_secret: str
    created_at: dt.datetime
    expires_at: dt.datetime
    last_seen_at: dt.datetime


class PasswordResetRecord(Protocol):
    """A stored password_resets row."""

    id: int
    token_hash: str
    user_id: int
    created_at: dt.datetime
    expires_at: dt.datetime
    used_at: dt.datetime | None


class GroupRecord(Protocol):
    """A stored groups row."""

    id: int
    name: str
    kind: str
    coach_user_id: int
    invite_code: str
    created_at: dt.datetime


class MembershipRecord(Protocol):
    """A stored memberships row."""

    id: int
    group_id: int
    athlete_id: int
    status: str
    created_at: dt.datetime
    accepted_at: dt.datetime | None
    left_at: dt.datetime | None


class ProgrammeTemplateRecord(Protocol):
    """A stored programme_templates row."""

    id: int
    coach_user_id: int
    name: str
    body: dict[str, Any]
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime


class TemplateAssignmentRecord(Protocol):
    """A stored template_assignments row."""

    id: int
    template_id: int
    group_id: int | None
    athlete_id: int | None
    starts_on: dt.date
    created_at: dt.datetime


class CoachExerciseRecord(Protocol):
    """A stored coach_exercises row."""

    id: int
    coach_user_id: int
    slug: str
    toml: str
    created_at: dt.datetime
    updated_at: dt.datetime


class CheckinRecord(Protocol):
    """A stored checkins row."""

    id: int
    athlete_id: int
    week: dt.date
    skipped: bool
    created_at: dt.datetime


class StudyRecord(Protocol):
    """A stored studies row."""

    id: int
    group_id: int
    title: str
    question: str
    follow_up_weeks: int
    seed: int
    status: str
    starts_on: dt.date | None
    created_at: dt.datetime
    started_at: dt.datetime | None
    closed_at: dt.datetime | None


class StudyArmRecord(Protocol):
    """A stored study_arms row."""

    id: int
    study_id: int
    code: str
    name: str
    instructions: str
    template_id: int | None


class StudyParticipantRecord(Protocol):
    """A stored study_participants row."""

    id: int
    study_id: int
    athlete_id: int
    code: str
    weekly_km: float
    previous_injury: bool
    enrolled_at: dt.datetime
    withdrawn_at: dt.datetime | None
    reminded_at: dt.datetime | None


class StudyAllocationRecord(Protocol):
    """A stored study_allocations row."""

    id: int
    study_id: int
    seq: int
    participant_code: str
    stratum: str
    arm: str
    allocated_at: dt.datetime
    prev_hash: str
    hash: str


class ConsentRecord(Protocol):
    """A stored consents row."""

    id: int
    athlete_id: int
    kind: str
    group_id: int | None
    study_id: int | None
    wording: str
    given_at: dt.datetime
    revoked_at: dt.datetime | None


class AuditEventRecord(Protocol):
    """A stored audit_events row."""

    id: int
    at: dt.datetime
    action: str
    actor_user_id: int | None
    athlete_id: int | None
    group_id: int | None
    study_id: int | None
    detail: dict[str, Any]


class RunRow(Protocol):
    """A run as the planner and the progress report read it (no ORM object)."""

    @property
    def date(self) -> dt.date: ...
    @property
    def km(self) -> float: ...
    @property
    def minutes(self) -> float: ...
    @property
    def kind(self) -> str: ...
    @property
    def felt(self) -> int | None: ...


class DecisionRow(Protocol):
    """An adaptation decision as adaptation reads it back (no ORM object)."""

    @property
    def chain(self) -> str: ...
    @property
    def action(self) -> str: ...
    @property
    def reason(self) -> str: ...
    @property
    def date(self) -> dt.date: ...
    @property
    def level(self) -> int | None: ...


# -- repositories ----------------------------------------------------------------------------


class PushRepositories(Protocol):
    """Reminder settings, push subscriptions and the reminders sent (``uow.push``)."""

    def settings(self, athlete_id: int) -> ReminderSettings | None: ...
    def save_settings(
        self, athlete_id: int, chosen: ReminderSettings, now: dt.datetime
    ) -> None: ...
    def to_remind(self) -> list[tuple[int, ReminderSettings]]: ...
    def subscribe(
        self,
        athlete_id: int,
        *,
        endpoint: str,
        p256dh: str,
        auth: str,
        device: str,
        now: dt.datetime,
    ) -> bool: ...
    def unsubscribe(self, athlete_id: int, endpoint: str) -> int: ...
    def subscriptions(self, athlete_id: int) -> list[Subscription]: ...
    def remove(self, subscription_ids: Iterable[int]) -> None: ...
    def delivered(self, subscription_ids: Iterable[int], now: dt.datetime) -> None: ...
    def sent_keys(self, athlete_id: int, prefix: str) -> set[str]: ...
    def claim(self, athlete_id: int, key: str, now: dt.datetime) -> bool: ...


class AthleteRepository(Protocol):
    def add(self, name: str, now: dt.datetime) -> AthleteRecord: ...

    def get(self, athlete_id: int) -> AthleteRecord | None: ...

    def list(self) -> Sequence[AthleteRecord]: ...

    def lock(self, athlete_id: int) -> None: ...

    def newest_programme_id(self, athlete_id: int) -> tuple[bool, int | None]: ...

    def first(self) -> AthleteRecord | None: ...


class ProfileRepository(Protocol):
    def add(
        self, athlete_id: int, data: Mapping[str, Any], now: dt.datetime
    ) -> ProfileVersionRecord: ...

    def latest(self, athlete_id: int) -> ProfileVersionRecord | None: ...


class ProgrammeRepository(Protocol):
    def add(self, values: Mapping[str, Any]) -> ProgrammeRecord: ...

    def latest(self, athlete_id: int) -> ProgrammeRecord | None: ...

    def plan_parts(self, programme: ProgrammeRecord, week_index: int | None) -> PlanParts: ...

    def planned_sessions(
        self, programme_id: int, until: dt.date
    ) -> builtins.list[tuple[dt.date, str, float]] | None: ...

    def prune(self, athlete_id: int, keep: int) -> int: ...


class AssessmentRepository(Protocol):
    def add(self, values: Mapping[str, Any]) -> AssessmentRecord: ...

    def list(self, athlete_id: int) -> Sequence[AssessmentRecord]: ...

    def latest_id(self, athlete_id: int) -> int | None: ...

    def inputs(self, athlete_id: int) -> builtins.list[dict[str, Any]]: ...


class SessionLogRepository(Protocol):
    def open_once(self, values: Mapping[str, Any]) -> tuple[int, bool]: ...

    def add_item_once(self, values: Mapping[str, Any]) -> bool: ...

    def delete(self, session_log_id: int) -> None: ...

    def clear_items(self, session_log_id: int) -> None: ...

    def by_client_id(
        self, athlete_id: int, client_id: str, *, lock: bool = False
    ) -> SessionLogRecord | None: ...

    def list(
        self, athlete_id: int, since: dt.date | None = None, until: dt.date | None = None
    ) -> Sequence[SessionLogRecord]: ...

    def done_rows(
        self, athlete_id: int, until: dt.date | None = None
    ) -> builtins.list[DoneSessionRow]: ...

    def finished_rows(
        self, athlete_id: int, since: dt.date | None = None
    ) -> builtins.list[FeedbackSessionRow]: ...


class RunRepository(Protocol):
    def add_once(self, values: Mapping[str, Any]) -> bool: ...

    def list(
        self, athlete_id: int, since: dt.date | None = None, until: dt.date | None = None
    ) -> Sequence[RunRecord]: ...

    def rows(
        self, athlete_id: int, since: dt.date | None = None, until: dt.date | None = None
    ) -> Sequence[RunRow]: ...


class DecisionRepository(Protocol):
    def delete_since(self, athlete_id: int, since: dt.date) -> None: ...

    def add_once(self, values: Mapping[str, Any]) -> bool: ...

    def list(self, athlete_id: int, since: dt.date | None = None) -> Sequence[DecisionRecord]: ...

    def rows(self, athlete_id: int, since: dt.date | None = None) -> Sequence[DecisionRow]: ...


class CalendarFeedRepository(Protocol):
    """Calendar subscription addresses, kept as the SHA-256 of their secret token."""

    def replace(self, athlete_id: int, token_sha256: str, now: dt.datetime) -> None: ...

    def revoke(self, athlete_id: int, now: dt.datetime) -> int: ...

    def athlete_of(self, token_sha256: str) -> int | None: ...


class ProbeRepository(Protocol):
    """Cheap checks whether rows of a kind exist at all, written as plain SQL so that the
    common case (one person, no coach, no check-in) loads no accounts or outcomes module."""

    def any_coach_exercise(self) -> bool: ...

    def any_template_assignment(self) -> bool: ...

    def any_checkin(self, athlete_id: int, since: dt.date) -> bool: ...


class UserRepository(Protocol):
    def add(self, values: Mapping[str, Any]) -> UserRecord: ...

    def get(self, user_id: int) -> UserRecord | None: ...

    def by_email(self, email: str) -> UserRecord | None: ...

    def by_athlete(self, athlete_id: int) -> UserRecord | None: ...

    def list(self) -> Sequence[UserRecord]: ...

    def count(self) -> int: ...

    def with_athlete_names(self) -> Sequence[tuple[UserRecord, str | None]]: ...

    def admins(self, *, lock: bool = False) -> Sequence[UserRecord]: ...

    def count_failure(self, user_id: int) -> None: ...

    def link_athlete(
        self, user_id: int, athlete_id: int
    ) -> Literal["linked", "has-athlete", "taken"]: ...


class WebSessionRepository(Protocol):
    def add(self, values: Mapping[str, Any]) -> WebSessionRecord: ...

    def by_token_hash(self, token_hash: str) -> WebSessionRecord | None: ...

    def delete(self, session_id: int) -> None: ...

    def delete_for_user(self, user_id: int) -> int: ...

    def delete_for_user_except(self, user_id: int, keep_id: int | None) -> int: ...

    def delete_expired(self, now: dt.datetime) -> int: ...


class PasswordResetRepository(Protocol):
    def add(self, values: Mapping[str, Any]) -> PasswordResetRecord: ...

    def by_token_hash(self, token_hash: str) -> PasswordResetRecord | None: ...

    def use(self, reset_id: int, now: dt.datetime) -> bool: ...


class GroupRepository(Protocol):
    def add(self, values: Mapping[str, Any]) -> GroupRecord: ...

    def get(self, group_id: int) -> GroupRecord | None: ...

    def by_code(self, code: str) -> GroupRecord | None: ...

    def of_coach(self, coach_user_id: int) -> Sequence[GroupRecord]: ...

    def of_athlete(self, athlete_id: int, status: str = "accepted") -> Sequence[GroupRecord]: ...

    def coached_athletes(self, coach_user_id: int) -> set[int]: ...

    def membership(self, group_id: int, athlete_id: int) -> MembershipRecord | None: ...

    def add_membership(self, values: dict[str, Any]) -> MembershipRecord: ...

    def member_rows(
        self, group_id: int
    ) -> builtins.list[tuple[int, str, str, dt.datetime | None]]: ...

    def member_names(self, group_id: int) -> dict[int, str]: ...

    def count_members(self, group_id: int) -> int: ...

    def members(self, group_id: int, status: str = "accepted") -> Sequence[MembershipRecord]: ...

    def list(self) -> Sequence[GroupRecord]: ...


class TemplateRepository(Protocol):
    def add(self, values: Mapping[str, Any]) -> ProgrammeTemplateRecord: ...

    def get(self, template_id: int) -> ProgrammeTemplateRecord | None: ...

    def by_name(self, coach_user_id: int, name: str) -> ProgrammeTemplateRecord | None: ...

    def of_coach(self, coach_user_id: int) -> Sequence[ProgrammeTemplateRecord]: ...

    def assign(self, values: Mapping[str, Any]) -> TemplateAssignmentRecord: ...

    def current_for(
        self, athlete_id: int, group_ids: Sequence[int], on: dt.date | None = None
    ) -> TemplateAssignmentRecord | None: ...

    def for_group(self, group_id: int) -> TemplateAssignmentRecord | None: ...


class CoachExerciseRepository(Protocol):
    def add(self, values: Mapping[str, Any]) -> CoachExerciseRecord: ...

    def by_slug(self, slug: str) -> CoachExerciseRecord | None: ...

    def of_coaches(self, coach_user_ids: Iterable[int]) -> Sequence[CoachExerciseRecord]: ...

    def list(self) -> Sequence[CoachExerciseRecord]: ...

    def delete(self, row_id: int) -> None: ...


class SecretRepository(Protocol):
    def get(self, key: str) -> str | None: ...

    def add_once(self, key: str, value: str, now: dt.datetime) -> str: ...


class RosterRepository(Protocol):
    """Batched reads over many athletes for the coach's dashboard (one query per kind)."""

    def latest_programmes(
        self, athlete_ids: Sequence[int]
    ) -> dict[int, tuple[int, dt.date, dt.datetime]]: ...

    def scheduled(self, programme_ids: Sequence[int]) -> set[int]: ...

    def store_schedule(
        self, athlete_id: int, programme_id: int, plan: Mapping[str, Any]
    ) -> None: ...

    def plans(
        self, programme_ids: Sequence[int]
    ) -> builtins.list[tuple[int, int, dict[str, Any]]]: ...

    def planned(
        self, programme_ids: Sequence[int], first: dt.date, last: dt.date
    ) -> builtins.list[tuple[int, dt.date, str, float]]: ...

    def window_logs(
        self, athlete_ids: Sequence[int], first: dt.date, last: dt.date
    ) -> builtins.list[tuple[Any, ...]]: ...

    def last_log_dates(self, athlete_ids: Sequence[int]) -> dict[int, dt.date]: ...

    def assessment_inputs(
        self, athlete_ids: Sequence[int]
    ) -> builtins.list[tuple[int, dt.date, dict[str, Any]]]: ...

    def latest_profiles(
        self, athlete_ids: Sequence[int]
    ) -> builtins.list[tuple[int, str, dict[str, Any]]]: ...


class CheckinRepository(Protocol):
    def delete(self, checkin_id: int) -> None: ...

    def get(self, athlete_id: int, week: dt.date) -> CheckinRecord | None: ...

    def add(
        self,
        athlete_id: int,
        week: dt.date,
        answers: Sequence[Mapping[str, Any]],
        now: dt.datetime,
        *,
        skipped: bool = False,
    ) -> CheckinRecord: ...

    def rows(
        self, athlete_ids: Sequence[int], since: dt.date | None = None, until: dt.date | None = None
    ) -> builtins.list[CheckinRow]: ...


class ConsentRepository(Protocol):
    def current(
        self,
        athlete_id: int,
        kind: str,
        *,
        group_id: int | None = None,
        study_id: int | None = None,
    ) -> ConsentRecord | None: ...

    def add(self, values: Mapping[str, Any]) -> ConsentRecord: ...

    def sharing(self, group_id: int) -> set[int]: ...


class StudyRepository(Protocol):
    def add(self, values: Mapping[str, Any], arms: Sequence[Mapping[str, Any]]) -> StudyRecord: ...

    def get(self, study_id: int) -> StudyRecord | None: ...

    def of_groups(self, group_ids: Sequence[int]) -> Sequence[StudyRecord]: ...

    def arms(self, study_id: int) -> Sequence[StudyArmRecord]: ...

    def participants(self, study_id: int) -> Sequence[StudyParticipantRecord]: ...

    def participant(self, study_id: int, athlete_id: int) -> StudyParticipantRecord | None: ...

    def participations(self, athlete_id: int) -> Sequence[StudyParticipantRecord]: ...

    def add_participant(self, values: Mapping[str, Any]) -> StudyParticipantRecord: ...

    def allocations(self, study_id: int) -> Sequence[StudyAllocationRecord]: ...

    def append(self, values: Mapping[str, Any]) -> StudyAllocationRecord: ...


class AuditRepository(Protocol):
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
    ) -> AuditEventRecord: ...

    def of_study(self, study_id: int) -> Sequence[AuditEventRecord]: ...


class WorkRepository(Protocol):
    """Foot work done, as the outcome reports count it."""

    def days(
        self, athlete_ids: Sequence[int], since: dt.date | None = None
    ) -> dict[int, builtins.list[dt.date]]: ...

    def sessions(
        self, athlete_ids: Sequence[int], since: dt.date, until: dt.date
    ) -> builtins.list[tuple[int, dt.date, str]]: ...


class BackupRepository(Protocol):
    """Every backed-up table at once."""

    def check(self, data: Mapping[str, Any]) -> Any:
        """A whole backup file checked against the schema (FootcoreError naming what is
        wrong), reading no row; what :meth:`restore` takes."""
        ...

    def dump(self) -> dict[str, builtins.list[dict[str, Any]]]: ...

    def restore(self, checked: Any, replace: bool = False) -> dict[str, int]: ...


class OwnedRowsRepository(Protocol):
    """Every row of one account and its athlete."""

    def export(
        self, user_id: int | None, athlete_id: int | None
    ) -> dict[str, builtins.list[dict[str, Any]]]: ...

    def delete(self, user_id: int | None, athlete_id: int | None) -> dict[str, int]: ...


class AccountRepositories(Protocol):
    """The account and coaching repositories (``uow.accounts``)."""

    @property
    def users(self) -> UserRepository: ...
    @property
    def web_sessions(self) -> WebSessionRepository: ...
    @property
    def resets(self) -> PasswordResetRepository: ...
    @property
    def groups(self) -> GroupRepository: ...
    @property
    def templates(self) -> TemplateRepository: ...
    @property
    def exercises(self) -> CoachExerciseRepository: ...
    @property
    def secrets(self) -> SecretRepository: ...
    @property
    def roster(self) -> RosterRepository: ...


class OutcomeRepositories(Protocol):
    """Check-ins, consents, studies, the audit trail and work done (``uow.outcomes``)."""

    @property
    def checkins(self) -> CheckinRepository: ...
    @property
    def consents(self) -> ConsentRepository: ...
    @property
    def studies(self) -> StudyRepository: ...
    @property
    def audit(self) -> AuditRepository: ...
    @property
    def work(self) -> WorkRepository: ...


# -- the unit of work ------------------------------------------------------------------------


class UnitOfWork(Protocol):
    """One transaction: ``with ctx.uow() as uow:`` commits when the block ends normally and
    rolls back on any exception. Not reentrant."""

    @property
    def athletes(self) -> AthleteRepository: ...
    @property
    def profiles(self) -> ProfileRepository: ...
    @property
    def programmes(self) -> ProgrammeRepository: ...
    @property
    def assessments(self) -> AssessmentRepository: ...
    @property
    def sessions(self) -> SessionLogRepository:
        """Logged training sessions (not database sessions)."""
        ...

    @property
    def runs(self) -> RunRepository: ...
    @property
    def decisions(self) -> DecisionRepository: ...
    @property
    def feeds(self) -> CalendarFeedRepository: ...
    @property
    def probes(self) -> ProbeRepository: ...
    @property
    def accounts(self) -> AccountRepositories: ...
    @property
    def outcomes(self) -> OutcomeRepositories: ...
    @property
    def backup(self) -> BackupRepository: ...
    @property
    def owned(self) -> OwnedRowsRepository: ...
    @property
    def push(self) -> PushRepositories: ...

    def flush(self) -> None:
        """Send pending changes inside the transaction: new rows get their ids."""
        ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


class UnitOfWorkFactory(Protocol):
    """Makes a fresh unit of work each time: ``uow()`` may write, ``uow(read_only=True)``
    only reads."""

    def __call__(self, *, read_only: bool = False) -> UnitOfWork: ...


T = TypeVar("T")


class WriteQueue(Protocol):
    """Where the session-log writes go (:class:`footcore.store.group_commit.
    GroupCommitWriter` in production): a piece of work is a function of a unit of work that
    may write; writes that arrive together may share one transaction and one commit. The
    answer comes after the commit (an acknowledged write is stored); a piece of work that
    raises a :class:`~footcore.domain.errors.FootcoreError` fails alone and stores nothing,
    and a batch whose transaction fails fails every piece of work in it, storing none."""

    def submit(self, work: Callable[[UnitOfWork], T]) -> Future[T]:
        """Queue ``work``; the future answers its result once it is committed."""
        ...

    def submit_many(self, works: Sequence[Callable[[UnitOfWork], Any]]) -> list[Future[Any]]:
        """Queue ``works`` together (they may share a batch); one future for each, as
        :meth:`submit` answers."""
        ...

    def run(self, work: Callable[[UnitOfWork], T]) -> T:
        """Queue ``work`` and wait for its result."""
        ...

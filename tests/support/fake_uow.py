"""An in-memory unit of work for service unit tests: no database, no SQLAlchemy.

It stands in for :class:`footcore.store.uow.SqlAlchemyUnitOfWork` behind the services'
abstract :class:`footcore.services.unit_of_work.UnitOfWork` (mypy checks that it fits when a
test hands :func:`fake_context`'s factory to a ``Context``). Like the database it keeps its
rows across units of work, commits when a ``with`` block ends normally and keeps nothing of a
block that raised: each unit of work works on a copy of the rows and writes it back on
commit. A read-only unit of work never writes back.

It holds the training data (athletes, profiles, programme snapshots, self-tests, logged
sessions and their items, runs, decisions, calendar feeds) and the planned sessions each
programme snapshot stores for the coach's dashboard (``uow.accounts.roster``'s writes and
reads of them). Accounts, coaching, outcomes, backups and account export are database-only
for now: asking the fake for them raises
:class:`NotInMemory`, so a test that reaches them fails loudly instead of passing on
nothing (those services keep their integration tests).
"""

from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, NoReturn, Self

from footcore.bootstrap import context
from footcore.domain.exercise import Catalogue
from footcore.services import Services
from footcore.services.context import Context, builtin_catalogue
from footcore.services.unit_of_work import (
    AccountRepositories,
    BackupRepository,
    OutcomeRepositories,
    OwnedRowsRepository,
    PushRepositories,
)
from footcore.store.rows import (
    DoneItemRow,
    DoneSessionRow,
    FeedbackItemRow,
    FeedbackSessionRow,
    PlanParts,
)

# -- rows ------------------------------------------------------------------------------------


@dataclass
class Athlete:
    id: int
    name: str
    created_at: dt.datetime


@dataclass
class ProfileVersion:
    id: int
    athlete_id: int
    version: int
    data: dict[str, Any]
    created_at: dt.datetime


@dataclass
class Programme:
    id: int
    athlete_id: int
    profile_version_id: int
    generator_version: str
    start: dt.date
    weeks: int
    adjustments: dict[str, Any]
    plan: dict[str, Any]
    created_at: dt.datetime


@dataclass
class Assessment:
    id: int
    athlete_id: int
    taken_on: dt.date
    input: dict[str, Any]
    report: dict[str, Any]
    created_at: dt.datetime


@dataclass
class ItemLog:
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


@dataclass
class SessionLog:
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
    items: list[ItemLog] = field(default_factory=list)


@dataclass
class Run:
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


@dataclass
class Decision:
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


@dataclass
class CalendarFeed:
    id: int
    athlete_id: int
    token_sha256: str
    created_at: dt.datetime
    revoked_at: dt.datetime | None


@dataclass
class PlannedSession:
    programme_id: int
    athlete_id: int
    date: dt.date
    slot: str
    minutes: float


@dataclass
class Rows:
    """Every stored row, table by table, and the next id of each table."""

    athletes: list[Athlete] = field(default_factory=list)
    profiles: list[ProfileVersion] = field(default_factory=list)
    programmes: list[Programme] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    sessions: list[SessionLog] = field(default_factory=list)
    runs: list[Run] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    feeds: list[CalendarFeed] = field(default_factory=list)
    planned: list[PlannedSession] = field(default_factory=list)  # in plan order
    ids: dict[str, int] = field(default_factory=dict)  # the last id given, by table

    def next_id(self, table: str) -> int:
        self.ids[table] = self.ids.get(table, 0) + 1
        return self.ids[table]


class NotInMemory(RuntimeError):
    """The service asked the in-memory unit of work for data only the database keeps."""


def _not_in_memory(what: str) -> NoReturn:
    raise NotInMemory(f"the in-memory unit of work keeps no {what}: use an integration test")


# -- repositories ----------------------------------------------------------------------------


class _Repository:
    def __init__(self, tables: Rows) -> None:
        self.tables = tables


class FakeAthletes(_Repository):
    def add(self, name: str, now: dt.datetime) -> Athlete:
        athlete = Athlete(self.tables.next_id("athletes"), name, now)
        self.tables.athletes.append(athlete)
        return athlete

    def get(self, athlete_id: int) -> Athlete | None:
        return next((a for a in self.tables.athletes if a.id == athlete_id), None)

    def lock(self, athlete_id: int) -> None:
        """Nothing to hold: one unit of work at a time works on the rows."""

    def newest_programme_id(self, athlete_id: int) -> tuple[bool, int | None]:
        if self.get(athlete_id) is None:
            return False, None
        ids = [p.id for p in self.tables.programmes if p.athlete_id == athlete_id]
        return True, max(ids, default=None)

    def first(self) -> Athlete | None:
        return min(self.tables.athletes, key=lambda a: a.id, default=None)

    def list(self) -> Sequence[Athlete]:
        return sorted(self.tables.athletes, key=lambda a: a.id)


class FakeProfiles(_Repository):
    def add(self, athlete_id: int, data: Mapping[str, Any], now: dt.datetime) -> ProfileVersion:
        mine = [p.version for p in self.tables.profiles if p.athlete_id == athlete_id]
        row = ProfileVersion(
            self.tables.next_id("profiles"), athlete_id, max(mine, default=0) + 1, dict(data), now
        )
        self.tables.profiles.append(row)
        return row

    def latest(self, athlete_id: int) -> ProfileVersion | None:
        mine = [p for p in self.tables.profiles if p.athlete_id == athlete_id]
        return max(mine, key=lambda p: p.version, default=None)


class FakeProgrammes(_Repository):
    def add(self, values: Mapping[str, Any]) -> Programme:
        row = Programme(id=self.tables.next_id("programmes"), **values)
        self.tables.programmes.append(row)
        return row

    def latest(self, athlete_id: int) -> Programme | None:
        mine = [p for p in self.tables.programmes if p.athlete_id == athlete_id]
        return max(mine, key=lambda p: p.id, default=None)

    def plan_parts(self, snapshot: object, week_index: int | None) -> PlanParts:
        assert isinstance(snapshot, Programme)
        plan, weeks = snapshot.plan, snapshot.plan.get("weeks", [])
        ok = week_index is not None and 0 <= week_index < min(snapshot.weeks, len(weeks))
        week = weeks[week_index] if ok and week_index is not None else None
        return PlanParts(week, list(plan.get("flags", [])), list(plan.get("notes", [])))

    def planned_sessions(
        self, programme_id: int, until: dt.date
    ) -> list[tuple[dt.date, str, float]] | None:
        """None when none is stored for this snapshot (the service derives them from the
        plan and stores them)."""
        mine = [p for p in self.tables.planned if p.programme_id == programme_id]
        if not mine:
            return None
        # Plan order is date order (the store sorts by date, then by when it was stored).
        kept = sorted((p for p in mine if p.date <= until), key=lambda p: p.date)
        return [(p.date, p.slot, p.minutes) for p in kept]

    def prune(self, athlete_id: int, keep: int) -> int:
        mine = sorted(
            (p.id for p in self.tables.programmes if p.athlete_id == athlete_id), reverse=True
        )
        logged = {s.programme_id for s in self.tables.sessions if s.athlete_id == athlete_id}
        doomed = {pid for pid in mine[keep:] if pid not in logged}
        self.tables.programmes = [p for p in self.tables.programmes if p.id not in doomed]
        self.tables.planned = [p for p in self.tables.planned if p.programme_id not in doomed]
        return len(doomed)


class FakeAssessments(_Repository):
    def add(self, values: Mapping[str, Any]) -> Assessment:
        row = Assessment(id=self.tables.next_id("assessments"), **values)
        self.tables.assessments.append(row)
        return row

    def latest_id(self, athlete_id: int) -> int | None:
        mine = self.list(athlete_id)
        return mine[-1].id if mine else None

    def inputs(self, athlete_id: int) -> list[dict[str, Any]]:
        return [a.input for a in self.list(athlete_id)]

    def list(self, athlete_id: int) -> Sequence[Assessment]:
        mine = [a for a in self.tables.assessments if a.athlete_id == athlete_id]
        return sorted(mine, key=lambda a: (a.taken_on, a.id))


def _between(day: dt.date, since: dt.date | None, until: dt.date | None) -> bool:
    return (since is None or day >= since) and (until is None or day <= until)


class FakeSessions(_Repository):
    def open_once(self, values: Mapping[str, Any]) -> tuple[int, bool]:
        found = self.by_client_id(values["athlete_id"], values["client_id"])
        if found is not None:
            return found.id, False
        row = SessionLog(id=self.tables.next_id("sessions"), **values)
        self.tables.sessions.append(row)
        return row.id, True

    def add_item_once(self, values: Mapping[str, Any]) -> bool:
        log = next(s for s in self.tables.sessions if s.id == values["session_log_id"])
        if any(i.item_index == values["item_index"] for i in log.items):
            return False
        log.items.append(ItemLog(id=self.tables.next_id("items"), **values))
        log.items.sort(key=lambda i: i.item_index)
        return True

    def delete(self, session_log_id: int) -> None:
        self.tables.decisions = [
            d for d in self.tables.decisions if d.session_log_id != session_log_id
        ]
        self.tables.sessions = [s for s in self.tables.sessions if s.id != session_log_id]

    def clear_items(self, session_log_id: int) -> None:
        for log in self.tables.sessions:
            if log.id == session_log_id:
                log.items.clear()

    def by_client_id(
        self, athlete_id: int, client_id: str, *, lock: bool = False
    ) -> SessionLog | None:
        return next(
            (
                s
                for s in self.tables.sessions
                if s.athlete_id == athlete_id and s.client_id == client_id
            ),
            None,
        )

    def done_rows(self, athlete_id: int, until: dt.date | None = None) -> list[DoneSessionRow]:
        return [
            DoneSessionRow(
                s.id,
                s.date,
                s.slot,
                s.planned_items,
                [
                    DoneItemRow(
                        i.planned,
                        i.skipped,
                        i.sets_done,
                        i.reps_left,
                        i.reps_right,
                        i.reps_both,
                        i.seconds_left,
                        i.seconds_right,
                        i.seconds_both,
                    )
                    for i in s.items
                ],
            )
            for s in self.list(athlete_id, until=until)
        ]

    def finished_rows(
        self, athlete_id: int, since: dt.date | None = None
    ) -> list[FeedbackSessionRow]:
        return [
            FeedbackSessionRow(
                s.id,
                s.client_id,
                s.date,
                s.slot,
                s.difficulty,
                s.pain_during,
                s.cramp,
                s.next_morning_pain,
                [
                    FeedbackItemRow(
                        i.exercise,
                        i.planned,
                        i.skipped,
                        i.sets_done,
                        i.difficulty,
                        i.pain_during,
                        i.cramp,
                    )
                    for i in s.items
                ],
            )
            for s in self.list(athlete_id, since=since)
            if s.ended_at is not None
        ]

    def list(
        self, athlete_id: int, since: dt.date | None = None, until: dt.date | None = None
    ) -> Sequence[SessionLog]:
        mine = [
            s
            for s in self.tables.sessions
            if s.athlete_id == athlete_id and _between(s.date, since, until)
        ]
        return sorted(mine, key=lambda s: (s.date, s.started_at, s.id))


class FakeRuns(_Repository):
    def add_once(self, values: Mapping[str, Any]) -> bool:
        client_id = values.get("client_id")
        if client_id is not None and any(
            r.athlete_id == values["athlete_id"] and r.client_id == client_id
            for r in self.tables.runs
        ):
            return False
        self.tables.runs.append(Run(id=self.tables.next_id("runs"), **values))
        return True

    def rows(
        self, athlete_id: int, since: dt.date | None = None, until: dt.date | None = None
    ) -> Sequence[Run]:
        return self.list(athlete_id, since, until)

    def list(
        self, athlete_id: int, since: dt.date | None = None, until: dt.date | None = None
    ) -> Sequence[Run]:
        mine = [
            r
            for r in self.tables.runs
            if r.athlete_id == athlete_id and _between(r.date, since, until)
        ]
        return sorted(mine, key=lambda r: (r.date, r.id))


class FakeDecisions(_Repository):
    def delete_since(self, athlete_id: int, since: dt.date) -> None:
        self.tables.decisions = [
            d for d in self.tables.decisions if not (d.athlete_id == athlete_id and d.date >= since)
        ]

    def add_once(self, values: Mapping[str, Any]) -> bool:
        if any(
            d.athlete_id == values["athlete_id"] and d.key == values["key"]
            for d in self.tables.decisions
        ):
            return False
        self.tables.decisions.append(Decision(id=self.tables.next_id("decisions"), **values))
        return True

    def rows(self, athlete_id: int, since: dt.date | None = None) -> Sequence[Decision]:
        return self.list(athlete_id, since)

    def list(self, athlete_id: int, since: dt.date | None = None) -> Sequence[Decision]:
        mine = [
            d
            for d in self.tables.decisions
            if d.athlete_id == athlete_id and _between(d.date, since, None)
        ]
        return sorted(mine, key=lambda d: (d.date, d.id))


class FakeFeeds(_Repository):
    def replace(self, athlete_id: int, token_sha256: str, now: dt.datetime) -> None:
        self.revoke(athlete_id, now)
        feed = CalendarFeed(self.tables.next_id("feeds"), athlete_id, token_sha256, now, None)
        self.tables.feeds.append(feed)

    def revoke(self, athlete_id: int, now: dt.datetime) -> int:
        working = [f for f in self.tables.feeds if f.athlete_id == athlete_id and not f.revoked_at]
        for feed in working:
            feed.revoked_at = now
        return len(working)

    def athlete_of(self, token_sha256: str) -> int | None:
        return next(
            (
                f.athlete_id
                for f in self.tables.feeds
                if f.token_sha256 == token_sha256 and f.revoked_at is None
            ),
            None,
        )


class FakeProbes(_Repository):
    """No coach exercise, template assignment or check-in is ever kept in memory."""

    def any_coach_exercise(self) -> bool:
        return False

    def any_template_assignment(self) -> bool:
        return False

    def any_checkin(self, athlete_id: int, since: dt.date) -> bool:
        return False


class FakeRoster(_Repository):
    """The planned sessions of the coach's dashboard; its other reads are database-only."""

    def scheduled(self, programme_ids: Sequence[int]) -> set[int]:
        return {p.programme_id for p in self.tables.planned} & set(programme_ids)

    def store_schedule(self, athlete_id: int, programme_id: int, plan: Mapping[str, Any]) -> None:
        self.tables.planned = [
            p
            for p in self.tables.planned
            if p.athlete_id != athlete_id or p.programme_id == programme_id
        ]
        if self.scheduled([programme_id]):
            return
        self.tables.planned.extend(
            PlannedSession(
                programme_id,
                athlete_id,
                dt.date.fromisoformat(day["date"]),
                str(s["slot"]),
                float(s["minutes"]),
            )
            for week in plan.get("weeks", [])
            for day in week.get("days", [])
            for s in day.get("sessions", [])
        )

    def planned(
        self, programme_ids: Sequence[int], first: dt.date, last: dt.date
    ) -> list[tuple[int, dt.date, str, float]]:
        return [
            (p.athlete_id, p.date, p.slot, p.minutes)
            for p in self.tables.planned
            if p.programme_id in programme_ids and first <= p.date <= last
        ]

    def __getattr__(self, name: str) -> NoReturn:
        _not_in_memory(f"coach's dashboard reads ({name})")


class FakeAccounts(_Repository):
    """``uow.accounts``: only its roster's planned sessions are kept in memory."""

    @property
    def roster(self) -> FakeRoster:
        return FakeRoster(self.tables)

    def __getattr__(self, name: str) -> NoReturn:
        _not_in_memory(f"accounts or coaching ({name})")


# -- the unit of work ------------------------------------------------------------------------


class FakeUnitOfWork:
    """One transaction over a :class:`FakeDatabase`'s rows."""

    def __init__(self, database: FakeDatabase, *, read_only: bool = False) -> None:
        self.database = database
        self.read_only = read_only
        self.committed = False
        self._rows: Rows | None = None

    def __enter__(self) -> Self:
        if self._rows is not None:
            raise RuntimeError("a unit of work cannot be entered twice")
        # A deep copy; a pickle round trip makes the same copy (shared references stay
        # shared) several times faster than copy.deepcopy over the stored plan documents.
        self._rows = pickle.loads(pickle.dumps(self.database.rows, pickle.HIGHEST_PROTOCOL))
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None and not self.read_only and self._rows is not None:
            self.database.rows = self._rows
            self.committed = True

    @property
    def tables(self) -> Rows:
        if self._rows is None:
            raise RuntimeError("use the unit of work in a with block")
        return self._rows

    def flush(self) -> None:
        """Nothing to send: rows get their ids as they are added."""

    @property
    def athletes(self) -> FakeAthletes:
        return FakeAthletes(self.tables)

    @property
    def profiles(self) -> FakeProfiles:
        return FakeProfiles(self.tables)

    @property
    def programmes(self) -> FakeProgrammes:
        return FakeProgrammes(self.tables)

    @property
    def assessments(self) -> FakeAssessments:
        return FakeAssessments(self.tables)

    @property
    def sessions(self) -> FakeSessions:
        return FakeSessions(self.tables)

    @property
    def runs(self) -> FakeRuns:
        return FakeRuns(self.tables)

    @property
    def decisions(self) -> FakeDecisions:
        return FakeDecisions(self.tables)

    @property
    def feeds(self) -> FakeFeeds:
        return FakeFeeds(self.tables)

    @property
    def probes(self) -> FakeProbes:
        return FakeProbes(self.tables)

    @property
    def accounts(self) -> AccountRepositories:
        return FakeAccounts(self.tables)  # the roster only; the rest raises NotInMemory

    @property
    def outcomes(self) -> OutcomeRepositories:
        _not_in_memory("check-ins, consents or studies")

    @property
    def backup(self) -> BackupRepository:
        _not_in_memory("backup")

    @property
    def owned(self) -> OwnedRowsRepository:
        _not_in_memory("account export")

    @property
    def push(self) -> PushRepositories:
        _not_in_memory("reminder settings or push subscriptions")


class FakeDatabase:
    """The rows every :class:`FakeUnitOfWork` of one test shares; calling it makes a unit
    of work (a ``UnitOfWorkFactory``)."""

    def __init__(self) -> None:
        self.rows = Rows()
        self.made: list[FakeUnitOfWork] = []

    def __call__(self, *, read_only: bool = False) -> FakeUnitOfWork:
        uow = FakeUnitOfWork(self, read_only=read_only)
        self.made.append(uow)
        return uow


def fake_context(
    database: FakeDatabase,
    *,
    today: dt.date,
    now: dt.datetime | None = None,
    catalogue: Callable[[], Catalogue] = builtin_catalogue,
) -> Context:
    """A ``Context`` over the in-memory rows, with a fixed day (and moment); its ports are
    wired as in production (``footcore.bootstrap.context``)."""
    moment = now or dt.datetime.combine(today, dt.time(7), dt.UTC)
    return context(database, catalogue=catalogue, now=lambda: moment, today=lambda: today)


@dataclass
class InMemoryApp:
    """What a service test uses of ``footcore.bootstrap.App`` (its ``services``), over the
    in-memory rows: the service tests moved from tests/integration take it as ``app``."""

    uow: FakeDatabase
    services: Services


def in_memory_app(today: Callable[[], dt.date]) -> InMemoryApp:
    """Every use case over a fresh :class:`FakeDatabase`; ``today`` is the services' day (a
    settable ``tests.support.clock.Clock``), timestamps stay real, as in ``bootstrap``."""
    database = FakeDatabase()
    return InMemoryApp(database, Services(context(database, today=today)))

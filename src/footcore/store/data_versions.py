"""Athletes' data versions: one indexed read tells whether anything an athlete's answers
depend on has changed since an answer was kept.

``athlete_versions.data_version`` takes a new random value in every transaction that writes
a row of the athlete's training data, or a row of a coach's that shapes the athlete's plan:
a membership, a group they belong to, a template assigned to them or to their group, the
exercises of their coaches, a coach's account being deleted. A new random value (rather
than a counter) does not bring back a value a reader kept (one chance in 4 * 10**18), even
when an athlete is deleted and a new one gets the same id, or a backup is restored.

The versions are kept in ONE place, :func:`track`, which listens on the session factory:

- every ORM flush (rows added, changed or deleted through the session), and
- every INSERT, UPDATE or DELETE sent through ``Session.execute`` (bulk deletes, a
  restore), whose rows are looked up before the statement runs; ``insert_once``, which
  runs on the session's connection to spare the ORM's execution, counts the row it
  inserted itself (:func:`note_insert`);

the athletes found are collected in the session and their versions set once, just before
the transaction commits (so a version changes exactly when the data does, atomically).
Writes that bypass the session (a bare ``engine.connect()``, ``text()`` SQL, migrations)
are not seen: such code must call :func:`bump` itself.

:class:`VersionReader` reads versions without opening a transaction (no ``BEGIN
IMMEDIATE`` on SQLite, so a reader never waits for a writer), for the web's cached answers:
the implementation of the read model's Protocol, ``footcore.services.data_versions``, that
``footcore.bootstrap.App.versions`` hands to the web.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import secrets
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    BigInteger,
    ClauseElement,
    ColumnElement,
    Connection,
    Engine,
    Select,
    bindparam,
    event,
    inspect,
    literal,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.orm import (
    ORMExecuteState,
    Session,
    SessionTransaction,
    UOWTransaction,
    sessionmaker,
)
from sqlalchemy.sql.elements import BindParameter

from footcore.store.rows import FirstAthlete
from footcore.store.tables import Athlete, AthleteVersion, SessionLog
from footcore.store.tables.accounts import Group, Membership, ProgrammeTemplate
from footcore.store.tables.accounts import TemplateAssignment as TA
from footcore.store.tables.outcomes import Checkin

#: ``Session.info`` key of the athletes touched in the current transaction.
TOUCHED = "footcore.touched_athletes"

#: PostgreSQL connections per event loop for the asynchronous version reads.
ASYNC_READERS = 4

#: More distinct keys than this in one statement (a restore, a bulk load): every athlete's
#: version changes, instead of looking each one up.
MAX_KEYS = 500


class _Every:
    """Stands for "every athlete" in a set of touched athletes."""

    def __repr__(self) -> str:
        return "EVERY"


EVERY = _Every()

Touched = set[int] | _Every


def new_version() -> int:
    """A fresh random version (62 bits, never 0: fits a signed 64-bit integer)."""
    return secrets.randbits(62) + 1


# -- which athletes a row touches ------------------------------------------------------------

#: Tables whose rows belong to one athlete, and the column naming them.
OWN_ROWS: Mapping[str, str] = {
    "athletes": "id",
    "profile_versions": "athlete_id",
    "programmes": "athlete_id",
    "assessments": "athlete_id",
    "session_logs": "athlete_id",
    "runs": "athlete_id",
    "decisions": "athlete_id",
    "calendar_feeds": "athlete_id",
    "planned_sessions": "athlete_id",
    "memberships": "athlete_id",
    "checkins": "athlete_id",
    "consents": "athlete_id",
    "study_participants": "athlete_id",
}

#: Tables whose rows touch no athlete's answers (sign-in state, secrets, the versions).
UNTRACKED = frozenset(
    {
        "athlete_versions",
        "web_sessions",
        "password_resets",
        "app_secrets",
        "alembic_version",
        # A study's own rows (its arms, allocation log, audit trail) shape no athlete's
        # answers; what does (a participant row, a template assigned) is tracked.
        "studies",
        "study_arms",
        "study_allocations",
        "audit_events",
        # Reminders by push: how and where to remind an athlete shapes no answer of theirs.
        "reminder_settings",
        "push_subscriptions",
        "reminders_sent",
    }
)

#: ``users`` counts only when a row is deleted: deleting a coach deletes their groups,
#: templates and exercises with it. Other changes to an account (signing in, a new password)
#: change nobody's training answers.
DELETES_ONLY = frozenset({"users"})

#: Values of a key column: a list of Python values, or a subquery selecting them.
Keys = Sequence[Any] | Select[Any]
KeysOf = Callable[[str], Keys]


def _members(group_ids: Keys) -> ColumnElement[bool]:
    return Athlete.id.in_(select(Membership.athlete_id).where(Membership.group_id.in_(group_ids)))


def _assigned(template_ids: Keys) -> ColumnElement[bool]:
    """Athletes given one of the templates, directly or through a group."""
    direct = select(TA.athlete_id).where(TA.template_id.in_(template_ids))
    groups = select(TA.group_id).where(TA.template_id.in_(template_ids))
    return or_(Athlete.id.in_(direct), _members(groups))


def _coached(coach_ids: Keys) -> ColumnElement[bool]:
    """Athletes in a coach's groups or given one of the coach's templates."""
    groups = select(Group.id).where(Group.coach_user_id.in_(coach_ids))
    templates = select(ProgrammeTemplate.id).where(ProgrammeTemplate.coach_user_id.in_(coach_ids))
    return or_(_members(groups), _assigned(templates))


def _item_logs(keys: KeysOf) -> ColumnElement[bool]:
    return Athlete.id.in_(
        select(SessionLog.athlete_id).where(SessionLog.id.in_(keys("session_log_id")))
    )


def _checkin_answers(keys: KeysOf) -> ColumnElement[bool]:
    return Athlete.id.in_(select(Checkin.athlete_id).where(Checkin.id.in_(keys("checkin_id"))))


def _assignments(keys: KeysOf) -> ColumnElement[bool]:
    return or_(Athlete.id.in_(keys("athlete_id")), _members(keys("group_id")))


#: Tables whose rows reach athletes through other rows: the key columns to read, and the
#: condition on ``athletes.id`` that finds the athletes, given those columns' values.
THROUGH: Mapping[str, tuple[tuple[str, ...], Callable[[KeysOf], ColumnElement[bool]]]] = {
    "item_logs": (("session_log_id",), _item_logs),
    "checkin_answers": (("checkin_id",), _checkin_answers),
    "template_assignments": (("athlete_id", "group_id"), _assignments),
    "groups": (("id",), lambda keys: _members(keys("id"))),
    "programme_templates": (("id",), lambda keys: _assigned(keys("id"))),
    "coach_exercises": (("coach_user_id",), lambda keys: _coached(keys("coach_user_id"))),
    "users": (("id",), lambda keys: _coached(keys("id"))),
}


def key_columns(table: str) -> tuple[str, ...]:
    """The columns of ``table`` that say which athletes its rows touch (empty: none)."""
    if table in OWN_ROWS:
        return (OWN_ROWS[table],)
    if table in THROUGH:
        return THROUGH[table][0]
    return ()


def _touched_by_values(conn: Connection, table: str, rows: Iterable[Mapping[str, Any]]) -> Touched:
    """Athletes touched by rows with these column values."""
    columns = key_columns(table)
    values: dict[str, set[Any]] = {c: set() for c in columns}
    for row in rows:
        given = {c: row.get(c) for c in columns if row.get(c) is not None}
        if not given or any(isinstance(v, ClauseElement) for v in given.values()):
            return EVERY  # a row that does not say whom it reaches (plainly): be safe
        for c, value in given.items():
            values[c].add(value)
    if any(len(v) > MAX_KEYS for v in values.values()):
        return EVERY
    if table in OWN_ROWS:
        return {int(v) for v in values[OWN_ROWS[table]]}
    if not any(values.values()):
        return set()
    condition = THROUGH[table][1](lambda c: sorted(values[c]))
    return set(conn.execute(select(Athlete.id).where(condition)).scalars())


def _touched_by_where(conn: Connection, table: Any, where: ColumnElement[bool] | None) -> Touched:
    """Athletes touched by the rows of ``table`` matching ``where`` (read before they change)."""
    name = table.name
    clause = where if where is not None else true()
    if name in OWN_ROWS:
        column = table.c[OWN_ROWS[name]]
        found = select(column).where(clause).where(column.is_not(None)).distinct()
        return set(conn.execute(found).scalars())

    def keys(column: str) -> Select[Any]:
        return select(table.c[column]).where(clause)

    condition = THROUGH[name][1](keys)
    return set(conn.execute(select(Athlete.id).where(condition)).scalars())


def _add(session: Session, found: Touched) -> None:
    if not found:
        return
    current: Touched | None = session.info.get(TOUCHED)
    if current is EVERY or found is EVERY:
        session.info[TOUCHED] = EVERY
    else:
        assert isinstance(found, set)
        if current is None:
            session.info[TOUCHED] = set(found)
        else:
            assert isinstance(current, set)
            current |= found


# -- setting versions --------------------------------------------------------------------------


#: Built once (every write sends it): the athletes' ids and the version are parameters.
_SET_VERSIONS = (
    update(AthleteVersion)
    .where(AthleteVersion.athlete_id.in_(bindparam("ids", expanding=True)))
    .values(data_version=bindparam("version"))
)


def bump(conn: Connection, athletes: Touched) -> int | None:
    """Give the athletes (those that exist) a new data version, in ``conn``'s transaction;
    returns the version set (None when there was nobody)."""
    if not athletes:
        return None
    version = new_version()
    if athletes is EVERY:
        _upsert(conn, true(), version)
        return version
    assert isinstance(athletes, set)
    ordered = sorted(athletes)  # rows locked in one order: two writers cannot deadlock
    for start in range(0, len(ordered), MAX_KEYS):
        chunk = ordered[start : start + MAX_KEYS]
        done = conn.execute(_SET_VERSIONS, {"ids": chunk, "version": version})
        if done.rowcount != len(chunk):  # a new athlete (or a deleted one): the slow way
            _upsert(conn, Athlete.id.in_(chunk), version)
    return version


def _upsert(conn: Connection, which: ColumnElement[bool], version: int) -> None:
    rows = (
        select(Athlete.id, literal(version, BigInteger))
        .where(which)
        .where(true())  # SQLite needs a WHERE before ON CONFLICT in INSERT ... SELECT
        .order_by(Athlete.id)
    )
    from sqlalchemy.dialects import postgresql, sqlite  # noqa: PLC0415

    dialect: Any = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(AthleteVersion).from_select(["athlete_id", "data_version"], rows)
    stmt = stmt.on_conflict_do_update(
        index_elements=["athlete_id"], set_={"data_version": stmt.excluded.data_version}
    )
    conn.execute(stmt)


# -- the listeners ------------------------------------------------------------------------------


def _table_of(instance: object) -> Any:
    return inspect(instance).mapper.local_table


def _values(instance: object, columns: Sequence[str], *, old: bool) -> list[dict[str, Any]]:
    """The key values of an ORM instance (and, with ``old``, the values it had before)."""
    state = inspect(instance)
    rows = [{c: getattr(instance, c) for c in columns}]
    if old:
        for c in columns:
            for before in state.attrs[c].history.deleted or ():
                rows.append({**rows[0], c: before})
    return rows


def _instances(session: Session, instances: Sequence[object], *, old: bool, deleting: bool) -> None:
    if not instances:
        return
    conn = session.connection()
    by_table: dict[str, list[dict[str, Any]]] = {}
    for instance in instances:
        table = _table_of(instance)
        name = table.name
        if name in UNTRACKED or (name in DELETES_ONLY and not deleting):
            continue
        columns = key_columns(name)
        if not columns:
            _add(session, EVERY)  # a table nobody classified: be safe
            continue
        by_table.setdefault(name, []).extend(_values(instance, columns, old=old))
    for name, rows in by_table.items():
        _add(session, _touched_by_values(conn, name, rows))


def _before_flush(session: Session, _context: UOWTransaction, _instances_arg: Any) -> None:
    # Deleted rows first: what they reach (a group's members) is gone after the flush.
    _instances(session, list(session.deleted), old=False, deleting=True)
    dirty = [i for i in session.dirty if session.is_modified(i, include_collections=False)]
    _instances(session, dirty, old=True, deleting=False)


def _after_flush(session: Session, _context: UOWTransaction) -> None:
    # New rows now have their ids and foreign keys.
    _instances(session, list(session.new), old=False, deleting=False)


def _statement_rows(state: ORMExecuteState) -> list[Mapping[str, Any]]:
    """The rows an INSERT writes: the executemany parameters, or the statement's values."""
    params: Any = state.parameters
    if isinstance(params, Sequence) and not isinstance(params, Mapping):
        return [dict(p) for p in params]
    statement: Any = state.statement
    given = _given_values(statement)
    if given is None:
        given = statement.compile(dialect=state.session.get_bind().dialect).params
    return [{**given, **(params or {})}]


def _given_values(statement: Any) -> dict[str, Any] | None:
    """The plain values of ``insert(...).values(...)``, read without compiling the
    statement (a third of a millisecond per write): SQLAlchemy keeps them on the statement
    as bound parameters. None when it does not (then the statement is compiled)."""
    kept = getattr(statement, "_values", None)
    if kept is None and not getattr(statement, "_multi_values", None):
        # No values on the statement: they all come as parameters (a prepared INSERT),
        # unless it inserts from a SELECT.
        return {} if getattr(statement, "select", None) is None else None
    if not isinstance(kept, Mapping) or getattr(statement, "_multi_values", None):
        return None
    out: dict[str, Any] = {}
    for key, given in kept.items():
        name = key if isinstance(key, str) else getattr(key, "key", None)
        if not isinstance(name, str):
            return None
        # A SQL expression stays one: the caller then renews every athlete's version.
        out[name] = given.effective_value if isinstance(given, BindParameter) else given
    return out


def _on_execute(state: ORMExecuteState) -> None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    statement: Any = state.statement
    table = statement.table
    name = table.name
    if name in UNTRACKED or (name in DELETES_ONLY and not state.is_delete):
        return
    session = state.session
    if not key_columns(name):
        _add(session, EVERY)
        return
    conn = session.connection()
    if state.is_insert:
        _add(session, _touched_by_values(conn, name, _statement_rows(state)))
        return
    _add(session, _touched_by_where(conn, table, statement.whereclause))
    if state.is_update:
        # Rows moved to another athlete touch that one too.
        compiled = statement.compile(dialect=session.get_bind().dialect)
        moved = {c: compiled.params[c] for c in key_columns(name) if c in compiled.params}
        if any(v is not None for v in moved.values()):
            _add(session, _touched_by_values(conn, name, [moved]))


def note_insert(session: Session, table: str, rows: Iterable[Mapping[str, Any]]) -> None:
    """Count rows inserted on the session's connection, past the ORM's execution (which
    :func:`_on_execute` watches), as :func:`_on_execute` counts an ORM insert: their athletes
    get a new version when the transaction commits."""
    if table in UNTRACKED or table in DELETES_ONLY:
        return
    if not key_columns(table):
        _add(session, EVERY)
        return
    _add(session, _touched_by_values(session.connection(), table, rows))


def _before_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return  # the outermost commit sets the versions
    session.flush()  # the last changes, so their athletes are collected too
    touched = session.info.pop(TOUCHED, None)
    if touched:
        bump(session.connection(), touched)


def _after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # the outermost one: committed or rolled back
        session.info.pop(TOUCHED, None)


_LISTENERS: tuple[tuple[str, Callable[..., None]], ...] = (
    ("before_flush", _before_flush),
    ("after_flush", _after_flush),
    ("do_orm_execute", _on_execute),
    ("before_commit", _before_commit),
    ("after_transaction_end", _after_transaction_end),
)


#: The session factories already tracked. Not ``event.contains``: SQLAlchemy's event
#: registry is keyed by ``id()``, and a new factory can get the id of one that was freed
#: while its listeners were not, which made ``contains`` say yes for a factory with none.
_TRACKED: weakref.WeakSet[sessionmaker[Session]] = weakref.WeakSet()


def track(session_factory: sessionmaker[Session]) -> None:
    """Keep data versions for every session ``session_factory`` makes (idempotent)."""
    if session_factory in _TRACKED:
        return
    for name, listener in _LISTENERS:
        event.listen(session_factory, name, listener)
    _TRACKED.add(session_factory)


def _close_quietly(conn: Any) -> None:
    with contextlib.suppress(Exception):
        conn.close()


def _finish(conn: Any) -> None:
    """Close a psycopg asynchronous connection from anywhere (no event loop needed)."""
    with contextlib.suppress(Exception):
        conn.pgconn.finish()


# -- reading versions -----------------------------------------------------------------------------


class VersionReader:
    """Reads data versions with one statement each, outside any transaction.

    It keeps database connections of its own: a read needs no pool check-out, ping and
    reset, and opens no transaction (on SQLite the engine's ``BEGIN IMMEDIATE`` would make a
    reader queue behind writers; on PostgreSQL the connections are in autocommit mode).

    - :meth:`version` and :meth:`first_athlete` block: for worker threads (and for SQLite,
      a local file read in microseconds). Threads share the connections, one per read at a
      time; they are taken out of the engine's pool.
    - :meth:`version_async` and :meth:`first_athlete_async` are for the event loop: on
      PostgreSQL they use psycopg's asynchronous connections, at most
      :data:`ASYNC_READERS` per event loop, so the loop serves other requests while the
      server answers; on SQLite they read at once.

    Every connection is closed when the engine is disposed (``App.close``) or by
    :meth:`close`. A connection that fails (the server restarted) is replaced once."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        style = engine.dialect.paramstyle
        marks = {"qmark": "?", "format": "%s", "numeric": ":1"}
        self._named = style not in marks
        mark = marks.get(style, "%(athlete)s" if style == "pyformat" else ":athlete")
        self._version_sql = f"SELECT data_version FROM athlete_versions WHERE athlete_id = {mark}"
        self._first_sql = (
            "SELECT a.id, v.data_version, (SELECT 1 FROM users LIMIT 1) "
            "FROM athletes a LEFT JOIN athlete_versions v ON v.athlete_id = a.id "
            "ORDER BY a.id LIMIT 1"
        )
        self._accounts_sql = "SELECT 1 FROM users LIMIT 1"
        self._idle: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._loops: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _LoopReaders] = (
            weakref.WeakKeyDictionary()
        )
        event.listen(engine, "engine_disposed", self._on_dispose)

    @property
    def database(self) -> str:
        """The kind of database read: ``sqlite`` or ``postgresql``."""
        return str(self.engine.dialect.name)

    @property
    def blocks(self) -> bool:
        """Whether a read waits on a server (PostgreSQL) rather than reading a local file."""
        return self.engine.dialect.name != "sqlite"

    def _connect(self) -> Any:
        fairy = self.engine.raw_connection()
        fairy.detach()  # ours from now on: the pool neither resets nor closes it
        conn: Any = fairy.dbapi_connection
        if self.engine.dialect.name == "postgresql":
            conn.rollback()  # the check-out's ping opened a transaction
            conn.autocommit = True
        return conn

    def _fetch(self, sql: str, athlete_id: int | None = None) -> tuple[Any, ...] | None:
        params: Any = ()
        if athlete_id is not None:
            params = {"athlete": athlete_id} if self._named else (athlete_id,)
        try:
            conn = self._idle.get_nowait()
        except queue.Empty:
            conn = self._connect()
        try:
            row = self._execute(conn, sql, params)
        except self.engine.dialect.loaded_dbapi.Error:
            _close_quietly(conn)  # a broken connection (the server restarted): once more
            conn = self._connect()
            try:
                row = self._execute(conn, sql, params)
            except BaseException:
                _close_quietly(conn)
                raise
        except BaseException:
            _close_quietly(conn)
            raise
        self._idle.put(conn)
        return None if row is None else tuple(row)

    @staticmethod
    def _execute(conn: Any, sql: str, params: Any) -> Any:
        cursor = conn.cursor()
        try:
            cursor.execute(sql, params)
            return cursor.fetchone()
        finally:
            cursor.close()

    def close(self) -> None:
        """Close the connections this reader keeps; reads after this open new ones."""
        while True:
            try:
                _close_quietly(self._idle.get_nowait())
            except queue.Empty:
                break
        loops, self._loops = list(self._loops.values()), weakref.WeakKeyDictionary()
        for readers in loops:
            for conn in readers.idle:
                _finish(conn)
            readers.idle.clear()

    # -- on the event loop --

    async def _fetch_async(self, sql: str, athlete_id: int | None = None) -> tuple[Any, ...] | None:
        if not self.blocks:
            return self._fetch(sql, athlete_id)
        # Deferred: the PostgreSQL driver loads only for a PostgreSQL database (measured).
        import psycopg  # noqa: PLC0415

        params = {"athlete": athlete_id} if athlete_id is not None else None
        loop = asyncio.get_running_loop()
        readers = self._loops.get(loop)
        if readers is None:
            readers = self._loops[loop] = _LoopReaders(asyncio.Semaphore(ASYNC_READERS), [])
        async with readers.free:
            conn = readers.idle.pop() if readers.idle else await self._connect_async()
            try:
                try:
                    row = await (await conn.execute(sql, params)).fetchone()
                except psycopg.Error:
                    _finish(conn)  # a broken connection (the server restarted): once more
                    conn = await self._connect_async()
                    row = await (await conn.execute(sql, params)).fetchone()
            except BaseException:  # cancelled mid-read, or failed twice: its state is unknown
                _finish(conn)
                raise
            readers.idle.append(conn)
        return None if row is None else tuple(row)

    async def _connect_async(self) -> Any:
        # Deferred: the PostgreSQL driver loads only for a PostgreSQL database (measured).
        import psycopg  # noqa: PLC0415

        url = self.engine.url.set(drivername="postgresql")
        return await psycopg.AsyncConnection.connect(
            url.render_as_string(hide_password=False), autocommit=True
        )

    async def version_async(self, athlete_id: int) -> int | None:
        """:meth:`version`, without blocking the event loop on a server."""
        row = await self._fetch_async(self._version_sql, athlete_id)
        return None if row is None or row[0] is None else int(row[0])

    async def accounts_exist_async(self) -> bool:
        """Whether any account is stored (then one-person mode is over)."""
        return await self._fetch_async(self._accounts_sql) is not None

    async def first_athlete_async(self) -> FirstAthlete | None:
        """:meth:`first_athlete`, without blocking the event loop on a server."""
        return _first(await self._fetch_async(self._first_sql))

    def _on_dispose(self, _engine: Engine) -> None:
        self.close()

    def version(self, athlete_id: int) -> int | None:
        """The athlete's data version; None when the athlete has none (or does not exist)."""
        row = self._fetch(self._version_sql, athlete_id)
        return None if row is None or row[0] is None else int(row[0])

    def first_athlete(self) -> FirstAthlete | None:
        """The first athlete set up (lowest id) with its version; None when there is none."""
        return _first(self._fetch(self._first_sql))


def _first(row: tuple[Any, ...] | None) -> FirstAthlete | None:
    if row is None:
        return None
    return FirstAthlete(
        athlete_id=int(row[0]),
        version=None if row[1] is None else int(row[1]),
        accounts_exist=row[2] is not None,
    )


@dataclass
class _LoopReaders:
    """One event loop's asynchronous connections: ``free`` bounds how many are in use."""

    free: asyncio.Semaphore
    idle: list[Any]


__all__ = [
    "EVERY",
    "OWN_ROWS",
    "THROUGH",
    "UNTRACKED",
    "FirstAthlete",
    "VersionReader",
    "bump",
    "key_columns",
    "new_version",
    "track",
]

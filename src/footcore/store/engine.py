"""Engines for SQLite (the embedded default) and PostgreSQL.

SQLite connections get, on every connect: WAL journal (readers never block the writer),
``busy_timeout`` 5000 ms (a writer waits for another instead of failing), foreign keys on,
and ``synchronous=NORMAL`` (safe with WAL). A transaction that may write opens with
``BEGIN IMMEDIATE``, so two processes writing the same file queue for the write lock up front
rather than failing when a read transaction tries to become a write one. A read-only unit of
work (its connection carries the :data:`READ_ONLY` execution option) opens a deferred
``BEGIN``: WAL readers run side by side and never wait for a writer.

Writers to a SQLite file take :func:`write_lock` first. SQLite's own busy handler sleeps in
steps of up to 100 ms while another connection holds the write lock, so writers contending
through it wait far longer than the milliseconds a write takes. Threads of one process
queue on a lock in the process, which hands over at once; processes (several web workers,
the CLI) on an advisory lock on a file beside the database (``footcore.sqlite3-writelock``,
POSIX ``flock``), tried every few milliseconds. Where that file cannot be opened (another
user's directory, a platform without ``flock``) the busy handler still queues processes.
"""

from __future__ import annotations

import os
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any

try:
    import fcntl as _fcntl
except ImportError:  # no flock on this platform: SQLite's busy handler orders processes
    _fcntl = None  # type: ignore[assignment]

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from footcore.domain.errors import DatabaseBusyError, FootcoreError

BUSY_TIMEOUT_MS = 5000

#: Execution option of a read-only unit of work's connection (see the module docstring).
READ_ONLY = "footcore_read_only"

#: One lock per SQLite file in this process, by resolved path (engines on the same file share
#: it), and each file engine's lock; :func:`write_lock` takes it.
_FILE_LOCKS: dict[str, _WriteLock] = {}
_FILE_LOCKS_GUARD = threading.Lock()
_ENGINE_LOCKS: weakref.WeakKeyDictionary[Engine, _WriteLock] = weakref.WeakKeyDictionary()


def make_engine(url: str) -> Engine:
    """A configured engine for a SQLAlchemy URL (``sqlite...`` or ``postgresql+psycopg...``)."""
    try:
        parsed = make_url(url)
    except Exception:  # SQLAlchemy raises ArgumentError with a terse text
        raise FootcoreError(f"not a database URL: {url!r}") from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(url, parsed.database)
    if backend == "postgresql":
        if parsed.get_driver_name() != "psycopg":
            raise FootcoreError(
                f"PostgreSQL URLs must use the psycopg driver (postgresql+psycopg://...), "
                f"got {parsed.drivername!r}"
            )
        return create_engine(url, pool_pre_ping=True)
    raise FootcoreError(
        f"unsupported database {backend!r}: use sqlite+pysqlite:///FILE or "
        "postgresql+psycopg://USER@HOST/DB"
    )


def lock_file_path(database: str | Path) -> Path:
    """The file beside a SQLite database whose ``flock`` orders the processes' writers."""
    path = Path(database).expanduser().resolve()
    return path.with_name(path.name + "-writelock")


class _WriteLock:
    """Writers to one SQLite file: this process's threads queue on a reentrant lock; the
    outermost holder also takes the processes' ``flock`` on :func:`lock_file_path`."""

    def __init__(self, database: str) -> None:
        self.path = lock_file_path(database)
        self._threads = threading.RLock()
        self._depth = 0
        self._fd: int | None = None

    @contextmanager
    def held(self) -> Iterator[None]:
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        if not self._threads.acquire(timeout=BUSY_TIMEOUT_MS / 1000):
            raise DatabaseBusyError(BUSY_TIMEOUT_MS // 1000)
        try:
            self._depth += 1
            try:
                if self._depth == 1:
                    self._lock_file(deadline)
                yield
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self._unlock_file()
        finally:
            self._threads.release()

    def _lock_file(self, deadline: float) -> None:
        """Take the processes' lock: the lock file is opened for each outermost hold (and
        closed with it, which also releases the lock), so no descriptor outlives it."""
        if _fcntl is None:
            return
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_CREAT, 0o644)
        except OSError:
            return  # cannot be opened here: the busy handler orders the processes
        pause = 0.0005
        while True:
            try:
                _fcntl.flock(fd, _fcntl.LOCK_EX | _fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise DatabaseBusyError(BUSY_TIMEOUT_MS // 1000) from None
                time.sleep(pause)
                pause = min(pause * 2, 0.004)
            else:
                self._fd = fd
                return

    def _unlock_file(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)  # releases the flock


def _file_lock(database: str) -> _WriteLock:
    key = str(Path(database).expanduser().resolve())
    with _FILE_LOCKS_GUARD:
        found = _FILE_LOCKS.get(key)
        if found is None:
            found = _FILE_LOCKS[key] = _WriteLock(database)
        return found


def read_only_engine(engine: Engine) -> Engine:
    """``engine`` for read-only units of work: its transactions open a deferred ``BEGIN`` on
    SQLite, and refuse to write on either database (SQLite's ``query_only``, a PostgreSQL
    ``READ ONLY`` transaction)."""
    options: dict[str, Any] = {READ_ONLY: True}
    if engine.dialect.name == "postgresql":
        options["postgresql_readonly"] = True
    return engine.execution_options(**options)


def write_lock(engine: Engine) -> AbstractContextManager[None]:
    """What a unit of work that may write holds for its whole transaction: the writers' lock
    on the engine's SQLite file, this process's and the processes' (waiting at most the busy
    timeout, then :class:`DatabaseBusyError`); nothing on PostgreSQL or an in-memory SQLite
    database."""
    lock = _ENGINE_LOCKS.get(engine)
    if lock is None:
        return nullcontext()
    return lock.held()


def _sqlite_engine(url: str, database: str | None) -> Engine:
    if database and database != ":memory:":
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    if database and database != ":memory:" and not database.startswith("file:"):
        _ENGINE_LOCKS[engine] = _file_lock(database)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below issue BEGIN itself.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            # WAL is kept in the file: set it only once, since changing the journal mode
            # needs the database to itself and would wait for a writer of another process.
            if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
            cursor.execute("PRAGMA foreign_keys = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        read_only = bool(connection.get_execution_options().get(READ_ONLY, False))
        # query_only makes SQLite refuse any write in a read-only transaction (a write
        # there would otherwise succeed and then vanish in its rollback); set only when the
        # pooled connection's mode changes.
        if connection.info.get(READ_ONLY, False) != read_only:
            connection.exec_driver_sql(f"PRAGMA query_only = {int(read_only)}")
            connection.info[READ_ONLY] = read_only
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine

"""Database fixtures: every integration test runs on SQLite AND on a real PostgreSQL.

- SQLite: the schema is migrated once per test session into a template file, which each
  test copies to its own temporary file.
- PostgreSQL: the server named by ``FOOTCORE_TEST_POSTGRES_URL`` (default
  ``postgresql+psycopg://postgres@127.0.0.1:5432/test``) gets one fresh, uniquely named
  database per test session (per xdist worker), migrated once and dropped at the end;
  every test starts from empty tables (TRUNCATE ... RESTART IDENTITY before each test).
  Tests that need a database of their own (migrations) get a further fresh database.
  If the server cannot be reached, the PostgreSQL tests FAIL with the reason: they are
  never skipped.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

import footcore.store.tables.accounts  # noqa: F401  (its tables join the metadata)
from footcore.bootstrap import App, bootstrap
from footcore.config import Settings, sqlite_url
from footcore.store.tables import Base

from .support import FAST, Clock

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
ENGINES = ["sqlite", "postgresql"]


def pg_admin_url() -> str:
    return os.environ.get("FOOTCORE_TEST_POSTGRES_URL", DEFAULT_PG)


class PostgresServer:
    """Creates and drops uniquely named databases on the test server."""

    def __init__(self, admin_url: str) -> None:
        self.admin_url = admin_url
        self.created: list[str] = []
        try:
            self.engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except Exception as exc:
            pytest.fail(
                f"PostgreSQL for the integration tests is not reachable at {admin_url} "
                f"({type(exc).__name__}: {exc}). Start the server or point "
                "FOOTCORE_TEST_POSTGRES_URL at one (postgresql+psycopg://USER@HOST:PORT/DB).",
                pytrace=False,
            )

    def create(self) -> str:
        name = f"footcore_test_{uuid.uuid4().hex[:12]}"
        with self.engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        self.created.append(name)
        return make_url(self.admin_url).set(database=name).render_as_string(hide_password=False)

    def drop_all(self) -> None:
        with self.engine.connect() as conn:
            for name in self.created:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.engine.dispose()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    server = PostgresServer(pg_admin_url())
    yield server
    server.drop_all()


@pytest.fixture(scope="session")
def pg_migrated_url(pg_server: PostgresServer) -> str:
    url = pg_server.create()
    bootstrap(Settings(database_url=url, data_dir=Path("."))).close()
    return url


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    bootstrap(Settings.for_sqlite_file(path)).close()
    return path


def _truncate_all(url: str) -> None:
    """Empty every table of the schema (the secret key's too: each test starts as a fresh
    install would), keeping the schema and alembic's revision."""

    names = ", ".join(t.name for t in Base.metadata.sorted_tables)
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    finally:
        engine.dispose()


@pytest.fixture(params=ENGINES)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated, empty database on each engine."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        path = tmp_path / "footcore.sqlite3"
        shutil.copyfile(template, path)
        return sqlite_url(path)
    url: str = request.getfixturevalue("pg_migrated_url")
    _truncate_all(url)
    return url


@pytest.fixture(params=ENGINES)
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database with no schema at all, on each engine (for migration tests)."""
    if request.param == "sqlite":
        return sqlite_url(tmp_path / "empty.sqlite3")
    server: PostgresServer = request.getfixturevalue("pg_server")
    return server.create()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def make_app(db_url: str, tmp_path: Path, clock: Clock) -> Iterator[Callable[[], App]]:
    apps: list[App] = []

    def make() -> App:
        app = bootstrap(Settings(database_url=db_url, data_dir=tmp_path), today=clock)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.close()


@pytest.fixture
def app(make_app: Callable[[], App]) -> App:
    return make_app()


@pytest.fixture
def coach_app(db_url: str, tmp_path: Path, clock: Clock) -> Iterator[App]:
    """An app whose password hashing is cheap, for tests with accounts and coaches."""
    app = bootstrap(Settings(database_url=db_url, data_dir=tmp_path), today=clock)
    app.services.accounts.hasher = FAST
    yield app
    app.close()

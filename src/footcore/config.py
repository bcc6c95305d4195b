"""footcore's settings: one frozen object, read from the environment once by the caller.

Every setting is listed in ``docs/configuration.md`` (a test keeps the two in step).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

#: Environment variables footcore reads, with what each one sets.
ENVIRONMENT: Mapping[str, str] = {
    "FOOTCORE_DATABASE_URL": "database_url",
    "FOOTCORE_DATA_DIR": "data_dir",
}

DATABASE_FILE = "footcore.sqlite3"


def default_data_dir() -> Path:
    """The per-user data directory of the platform (for example ``~/.local/share/footcore``)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("footcore", appauthor=False))


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy URL of an SQLite file."""
    return f"sqlite+pysqlite:///{path}"


@dataclass(frozen=True)
class Settings:
    """Where footcore keeps its data.

    ``database_url``: a SQLAlchemy URL. SQLite (``sqlite+pysqlite:///PATH``) is the embedded
    default; PostgreSQL is ``postgresql+psycopg://USER@HOST:PORT/DB``.
    ``data_dir``: the directory for the default SQLite file and other local files.
    """

    database_url: str
    data_dir: Path

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from ``FOOTCORE_DATA_DIR`` and ``FOOTCORE_DATABASE_URL``.

        Without ``FOOTCORE_DATA_DIR`` the platform's user data directory is used; without
        ``FOOTCORE_DATABASE_URL`` the database is the SQLite file ``footcore.sqlite3`` in the
        data directory.
        """
        env = os.environ if environ is None else environ
        raw_dir = env.get("FOOTCORE_DATA_DIR", "").strip()
        data_dir = Path(raw_dir).expanduser() if raw_dir else default_data_dir()
        url = env.get("FOOTCORE_DATABASE_URL", "").strip() or sqlite_url(data_dir / DATABASE_FILE)
        return cls(database_url=url, data_dir=data_dir)

    @classmethod
    def for_sqlite_file(cls, path: Path) -> Settings:
        """Settings for one SQLite file (tests, scripts); its directory is the data directory."""
        return cls(database_url=sqlite_url(path), data_dir=path.parent)

"""footcore's settings: one frozen object, read from the environment once by the caller.

Every setting is listed in ``docs/configuration.md`` (a test keeps the two in step).
"""

from __future__ import annotations

import ipaddress
import os
import re
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from footcore.domain.errors import FootcoreError

#: Environment variables footcore reads, with what each one sets.
ENVIRONMENT: Mapping[str, str] = {
    "FOOTCORE_DATABASE_URL": "database_url",
    "FOOTCORE_DATA_DIR": "data_dir",
    "FOOTCORE_MULTI_USER": "multi_user",
    "FOOTCORE_WEB_THREADS": "web_threads",
    "FOOTCORE_ALLOWED_HOSTS": "allowed_hosts",
    "FOOTCORE_PUSH_CONTACT": "push_contact",
}

#: Values of ``FOOTCORE_MULTI_USER`` that switch multi-user mode on or off.
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")

DATABASE_FILE = "footcore.sqlite3"

#: Worker threads per web process for the routes and dependencies that are plain ``def``
#: (FastAPI runs them in anyio's thread pool, 40 threads by default). footcore's work is
#: CPU-bound Python, so more threads only take turns holding the GIL: benchmarks/findings.md
#: measured fewer threads giving more requests a second and a far shorter tail. See
#: docs/web.md for when another number helps.
WEB_THREADS = 4
MAX_WEB_THREADS = 64


def default_data_dir() -> Path:
    """The per-user data directory of the platform (for example ``~/.local/share/footcore``)."""
    # Deferred: platformdirs only when no data directory is set (not by `footcore today`
    # with FOOTCORE_DATA_DIR, nor the CLI's help; measured).
    import platformdirs  # noqa: PLC0415

    return Path(platformdirs.user_data_dir("footcore", appauthor=False))


def default_cache_dir() -> Path:
    """The per-user cache directory of the platform (for example ``~/.cache/footcore``)."""
    # Deferred: platformdirs only when no data directory is set (not by `footcore today`
    # with FOOTCORE_DATA_DIR, nor the CLI's help; measured).
    import platformdirs  # noqa: PLC0415

    return Path(platformdirs.user_cache_dir("footcore", appauthor=False))


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy URL of an SQLite file."""
    return f"sqlite+pysqlite:///{path}"


@dataclass(frozen=True)
class Settings:
    """Where footcore keeps its data.

    ``database_url``: a SQLAlchemy URL. SQLite (``sqlite+pysqlite:///PATH``) is the embedded
    default; PostgreSQL is ``postgresql+psycopg://USER@HOST:PORT/DB``.
    ``data_dir``: the directory for the default SQLite file and other local files.
    ``multi_user``: accounts and sign-in are on (also forced whenever the web server listens
    beyond loopback, see :func:`multi_user_required`).
    ``web_threads``: threads per web process for the routes that use the database.
    ``allowed_hosts``: names (``name`` or ``name:port``) a one-person server answers to
    besides its loopback address (see :func:`footcore.web.security.host_allowed`).
    ``push_contact``: a ``mailto:`` or ``https:`` address the push services can reach the
    server's operator at (the VAPID ``sub`` claim); reminders are sent only with one.
    """

    database_url: str
    data_dir: Path
    multi_user: bool = False
    web_threads: int = WEB_THREADS
    allowed_hosts: tuple[str, ...] = ()
    push_contact: str | None = None

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
        return cls(
            database_url=url,
            data_dir=data_dir,
            multi_user=_flag(env, "FOOTCORE_MULTI_USER"),
            web_threads=_count(env, "FOOTCORE_WEB_THREADS", WEB_THREADS, MAX_WEB_THREADS),
            allowed_hosts=_hosts(env, "FOOTCORE_ALLOWED_HOSTS"),
            push_contact=_contact(env, "FOOTCORE_PUSH_CONTACT"),
        )

    @classmethod
    def for_sqlite_file(cls, path: Path) -> Settings:
        """Settings for one SQLite file (tests, scripts); its directory is the data directory."""
        return cls(database_url=sqlite_url(path), data_dir=path.parent)


def _flag(env: Mapping[str, str], name: str) -> bool:
    raw = env.get(name, "").strip().lower()
    if not raw or raw in _FALSE:
        return False
    if raw in _TRUE:
        return True
    raise FootcoreError(f"{name}={raw!r}: use 1/true/yes/on or 0/false/no/off")


def _count(env: Mapping[str, str], name: str, default: int, most: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if raw.isdigit() and 1 <= int(raw) <= most:
        return int(raw)
    raise FootcoreError(f"{name}={raw!r}: use a whole number from 1 to {most}")


#: A contact the push services accept (the VAPID ``sub`` claim): an email as a ``mailto:``
#: address, or an https address.
_CONTACT = re.compile(r"^(mailto:[^@\s]+@[^@\s]+\.[^@\s]+|https://[^/\s]+\.[^/\s]+(/\S*)?)$")


def _contact(env: Mapping[str, str], name: str) -> str | None:
    raw = env.get(name, "").strip()
    if not raw:
        return None
    if _CONTACT.match(raw):
        return raw
    raise FootcoreError(
        f"{name}={raw!r}: use a mailto: address (mailto:you@example.org) or an https: address"
    )


def split_host(value: str) -> tuple[str, int | None]:
    """``"Example.org:8080"`` -> ``("example.org", 8080)``; ``"[::1]"`` -> ``("::1", None)``.
    Raises ``ValueError`` for anything that is not a host name or address with an optional
    port (a path, a user, an empty name, a port out of range)."""
    text = value.strip()
    if not text or any(ch in text for ch in "/?#@\\ \t"):
        raise ValueError(value)
    parts = urllib.parse.urlsplit(f"//{text}")
    name = (parts.hostname or "").rstrip(".")
    if not name:
        raise ValueError(value)
    return name, parts.port  # .port raises ValueError for a port out of range


def _hosts(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    raw = env.get(name, "").strip()
    if not raw:
        return ()
    found = []
    for entry in raw.split(","):
        if not entry.strip():
            continue
        try:
            split_host(entry)
        except ValueError:
            raise FootcoreError(
                f"{name}: {entry.strip()!r} is not a host name or address with an optional "
                "port (for example footcore.home.arpa or localhost:9000)"
            ) from None
        found.append(entry.strip().lower())
    return tuple(found)


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    name = host.strip().strip("[]").lower()
    if name in ("localhost", "localhost.", "ip6-localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def multi_user_required(host: str) -> bool:
    """Whether a server listening on ``host`` must run in multi-user mode (accounts and
    sign-in): always, unless it listens on loopback only. ``0.0.0.0``, ``::``, a LAN address
    or a host name all reach beyond this machine."""
    return not is_loopback(host)

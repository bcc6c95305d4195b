"""`footcore serve`: run the web app (pages and the JSON API) with uvicorn.

One worker (the default) serves the app built in this process. ``--workers N`` starts N
uvicorn worker processes on the same port; each builds the app from the environment
(``footcore.web.app:make_app``), so the database is migrated here first, once, and a
server listening beyond loopback passes multi-user mode on to its workers as
``FOOTCORE_MULTI_USER=1``. Nothing a request depends on lives in a worker (sessions,
lockouts, CSRF secrets, the secret key and calendar feeds are database rows), so any worker
can answer any request.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import ipaddress
import os
from collections.abc import Callable, Iterator, Mapping
from typing import Annotated

import typer

from footcore.cli import console
from footcore.config import Settings, multi_user_required
from footcore.domain.errors import FootcoreError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
MAX_WORKERS = 64
#: Where the reverse proxy is when ``--forwarded-allow-ips`` is not given: this machine.
DEFAULT_PROXY_IPS = "127.0.0.1,::1"
#: The factory each worker process imports (it reads the settings from the environment).
FACTORY = "footcore.web.app:make_app"


def register(app: typer.Typer) -> None:
    """Add the web commands to the root app."""
    app.command("serve")(serve)


def serve(
    host: Annotated[
        str,
        typer.Option(help="Address to listen on; 0.0.0.0 opens footcore to your network."),
    ] = DEFAULT_HOST,
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = DEFAULT_PORT,
    workers: Annotated[
        int,
        typer.Option(
            help=(
                "Worker processes on the one port (about one per CPU core). More than one "
                "needs a database every process can open: PostgreSQL, or an SQLite file on "
                "this machine."
            ),
            min=1,
            max=MAX_WORKERS,
        ),
    ] = 1,
    proxy_headers: Annotated[
        bool,
        typer.Option(
            "--proxy-headers/--no-proxy-headers",
            help=(
                "Behind a reverse proxy: take the scheme (https) and the visitor's address "
                "from its X-Forwarded-Proto and X-Forwarded-For headers, so that cookies are "
                "Secure and links use https. Only headers from --forwarded-allow-ips count."
            ),
        ),
    ] = False,
    forwarded_allow_ips: Annotated[
        str | None,
        typer.Option(
            help=(
                "Comma-separated addresses or networks of the reverse proxy whose "
                "X-Forwarded-* headers are believed (with --proxy-headers; default "
                f"{DEFAULT_PROXY_IPS}, a proxy on this machine)."
            ),
        ),
    ] = None,
) -> None:
    """Serve footcore's pages and API (http://127.0.0.1:8000 by default; Ctrl+C stops).

    Listening beyond loopback (--host 0.0.0.0, a LAN address) switches multi-user mode on:
    accounts and sign-in. For many users see docs/deployment.md: PostgreSQL, several
    --workers and a reverse proxy in front (--proxy-headers)."""
    trusted = _proxy_ips(proxy_headers, forwarded_allow_ips)
    check_port(host, port)
    settings = Settings.from_env()
    forced = settings.multi_user or multi_user_required(host)
    mode = console._("multi-user") if forced else console._("one-person")
    run = _runner(host, port, proxy_headers=proxy_headers, trusted=trusted)
    if workers == 1:
        _serve_one_process(run, settings, host, port, mode=mode)
        return
    _serve_workers(run, settings, host, port, mode=mode, workers=workers, forced=forced)


def _runner(
    host: str, port: int, *, proxy_headers: bool, trusted: str | None
) -> Callable[..., None]:
    """uvicorn's server on this address, with the proxy headers as asked; called with the
    app (or the factory's path and the workers)."""
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan`, `progress` or
    # `today --profile` (measured).
    import uvicorn  # noqa: PLC0415

    return functools.partial(
        uvicorn.run,
        host=host,
        port=port,
        proxy_headers=proxy_headers,
        forwarded_allow_ips=trusted,
        server_header=False,
        log_level="info",
    )


def _serve_one_process(
    run: Callable[..., None], settings: Settings, host: str, port: int, *, mode: str
) -> None:
    """Serve the app from this process."""
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan`, `progress` or
    # `today --profile` (measured).
    from footcore.web.app import create_app  # noqa: PLC0415

    web = create_app(settings, host=host)
    said = console._(
        "footcore: serving on http://%(host)s:%(port)s in %(mode)s mode  (Ctrl+C stops)"
    )
    console.err.print(said % {"host": host, "port": port, "mode": mode})
    run(web)


def _serve_workers(
    run: Callable[..., None],
    settings: Settings,
    host: str,
    port: int,
    *,
    mode: str,
    workers: int,
    forced: bool,
) -> None:
    """Serve from several worker processes: the database must be one they all open, and it
    is migrated once first; each worker builds the app from FACTORY (multi-user when
    ``forced``)."""
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan` or `today --profile`
    # (measured).
    from footcore.bootstrap import bootstrap  # noqa: PLC0415

    _check_shared_database(settings.database_url)
    bootstrap(settings).close()  # migrate once, before the workers start
    said = console._(
        "footcore: serving on http://%(host)s:%(port)s in %(mode)s mode with %(n)s workers"
        "  (Ctrl+C stops)"
    )
    console.err.print(said % {"host": host, "port": port, "mode": mode, "n": workers})
    with _environment({"FOOTCORE_MULTI_USER": "1"} if forced else {}):
        run(FACTORY, factory=True, workers=workers)


def check_port(host: str, port: int) -> None:
    """Refuse, in one line, a port something else already listens on (uvicorn would print a
    stack of log lines after footcore had said it was serving). Binds the way uvicorn does
    and lets go at once."""
    # Deferred: not loaded by `--help`, `exercise --json` or `exercises` (measured).
    import socket  # noqa: PLC0415

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror:
        raise FootcoreError(
            console._("--host: cannot listen on '%(host)s': no such address") % {"host": host}
        ) from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                said = console._(
                    "port %(port)s on %(host)s is already in use (another footcore, or another "
                    "program, listens there): stop it, or choose another with --port %(other)s"
                )
                other = port + 1 if port < 65535 else 8080
                raise FootcoreError(said % {"port": port, "host": host, "other": other}) from None
            if exc.errno == errno.EACCES:
                said = console._(
                    "port %(port)s on %(host)s needs more rights than this user has: choose a "
                    "port above 1023 with --port"
                )
                raise FootcoreError(said % {"port": port, "host": host}) from None
            said = console._("cannot listen on %(host)s:%(port)s: %(why)s")
            raise FootcoreError(said % {"host": host, "port": port, "why": exc.strerror}) from None


def _proxy_ips(proxy_headers: bool, given: str | None) -> str | None:
    """The proxy addresses to trust, checked; None without ``--proxy-headers``."""
    if given is None:
        return DEFAULT_PROXY_IPS if proxy_headers else None
    if not proxy_headers:
        raise FootcoreError(
            console._("--forwarded-allow-ips only counts with --proxy-headers; add it")
        )
    entries = [e.strip() for e in given.split(",") if e.strip()]
    if not entries:
        raise FootcoreError(console._("--forwarded-allow-ips is empty: give the proxy's address"))
    if "*" in entries:
        if len(entries) > 1:
            raise FootcoreError(
                console._("--forwarded-allow-ips: * (believe every sender) stands alone")
            )
        return "*"
    bad = []
    for entry in entries:
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            bad.append(entry)
    if bad:
        said = console._(
            "--forwarded-allow-ips: not an IP address or network: %(bad)s "
            "(for example 127.0.0.1,10.0.0.0/8, or * to believe every sender)"
        )
        raise FootcoreError(said % {"bad": ", ".join(bad)})
    return ",".join(entries)


def _check_shared_database(url: str) -> None:
    """Several workers must share one database: an in-memory SQLite one is per process."""
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan` or `today --profile`
    # (measured).
    from sqlalchemy.engine import make_url  # noqa: PLC0415

    try:
        parsed = make_url(url)
    except Exception:  # bootstrap reports a malformed URL with its own message
        return
    if parsed.get_backend_name() == "sqlite" and (
        parsed.database in (None, "", ":memory:") or parsed.query.get("mode") == "memory"
    ):
        raise FootcoreError(
            console._(
                "--workers needs a database every worker opens: an in-memory SQLite database "
                "exists once per process; use an SQLite file or PostgreSQL "
                "(FOOTCORE_DATABASE_URL)"
            )
        )


@contextlib.contextmanager
def _environment(values: Mapping[str, str]) -> Iterator[None]:
    """Set environment variables for the worker processes uvicorn starts, then restore
    this process's own."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, old in saved.items():
            if old is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = old

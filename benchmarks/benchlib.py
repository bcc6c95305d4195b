"""What every benchmark shares: the machine, percentiles, free ports, servers, databases.

Imported by the ``bench_*.py`` scripts (run from the repository root, ``benchmarks/`` is on
``sys.path`` as the scripts' own directory). Nothing here runs at import time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT / "benchmarks"
#: The PostgreSQL server the benchmarks make (and drop) their databases on.
DEFAULT_PG_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def load_average() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "n/a"
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f}"


def utc_stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


@dataclass
class Machine:
    """Where and when figures were taken; load average before and after the run."""

    date: str = field(default_factory=utc_stamp)
    cpu: str = field(default_factory=cpu_name)
    cores: int = field(default_factory=lambda: os.cpu_count() or 1)
    system: str = field(default_factory=lambda: f"{platform.system()} {platform.release()}")
    python: str = field(
        default_factory=lambda: f"{platform.python_implementation()} {platform.python_version()}"
    )
    load_before: str = field(default_factory=load_average)
    load_after: str = ""

    def finish(self) -> None:
        self.load_after = load_average()

    def markdown(self) -> str:
        return (
            f"{self.date}; {self.cpu}, {self.cores} cores, {self.system}, {self.python}; "
            f"load average (1/5/15 min) before {self.load_before}, after {self.load_after}"
        )


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile (``share`` 0..1) of ``values``."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(url: str, timeout_s: float = 60.0) -> None:
    """Wait until ``url`` answers 200 (the server is up), or raise."""
    deadline = time.monotonic() + timeout_s
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
            last = exc
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout_s:.0f} s: {last}")


@contextlib.contextmanager
def uvicorn_server(
    app: str,
    env: Mapping[str, str],
    *,
    factory: bool = False,
    app_dir: Path | None = None,
    health: str = "/healthz",
    workers: int = 1,
) -> Iterator[str]:
    """Serve ``app`` with uvicorn in a subprocess on a free loopback port, as deployed
    (``workers`` processes, default one; access log on, written to /dev/null); yields the
    base URL and stops the server on exit."""
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", str(port)]
    command += ["--no-server-header", "--log-level", "info"]
    if factory:
        command.append("--factory")
    if workers > 1:
        command += ["--workers", str(workers)]
    if app_dir is not None:
        command += ["--app-dir", str(app_dir)]
    process = subprocess.Popen(
        command,
        env={**os.environ, **env},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(base + health)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def pg_server_url() -> str:
    return os.environ.get("FOOTCORE_BENCH_POSTGRES_URL", DEFAULT_PG_SERVER)


@contextlib.contextmanager
def postgres_database(prefix: str, *, keep: bool = False) -> Iterator[str]:
    """A fresh, uniquely named PostgreSQL database; yields its URL and drops it on exit
    (unless ``keep``)."""
    server = make_url(pg_server_url())
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = server.set(database=name).render_as_string(hide_password=False)
        try:
            yield url
        finally:
            if not keep:
                with admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def fmt_ms(value: float) -> str:
    return f"{value:.1f} ms" if value >= 1 else f"{value * 1000:.0f} µs"

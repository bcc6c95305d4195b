"""Real uvicorn worker processes for the many-users tests, and a client that can tell which
worker answered each request.

``Workers`` runs a server command (``uvicorn ... --workers 2`` or ``footcore serve
--workers 2``) in a process group of its own, with the settings in its environment, and
reads its log. The uvicorn log configuration written here puts the process id in front of
every line, so each access line says which worker answered; production code is not
changed for the tests.

``Visitor`` is one person's HTTP client: it keeps cookies like a browser but opens a new
connection for every request (no keep-alive), so the kernel hands each request to
whichever worker accepts it first. It finds the worker of a response from the client's
own port, which the access line names.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 20.0

#: ``<pid> <logger> <message>``; access lines: ``<pid> uvicorn.access 127.0.0.1:PORT - "..."``
LOG_CONFIG: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "default": {
            "()": "uvicorn.logging.DefaultFormatter",
            "fmt": "%(process)d %(name)s %(message)s",
            "use_colors": False,
        },
        "access": {
            "()": "uvicorn.logging.AccessFormatter",
            "fmt": '%(process)d %(name)s %(client_addr)s - "%(request_line)s" %(status_code)s',
            "use_colors": False,
        },
    },
    "handlers": {
        "default": {"formatter": "default", "class": "logging.FileHandler", "filename": ""},
        "access": {"formatter": "access", "class": "logging.FileHandler", "filename": ""},
    },
    "loggers": {
        "uvicorn": {"handlers": ["default"], "level": "INFO", "propagate": False},
        "uvicorn.error": {"level": "INFO"},
        "uvicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
    },
}

_ACCESS = re.compile(r'^(\d+) uvicorn\.access [^ ]+:(\d+) - "(\S+) (\S+) HTTP/[\d.]+" (\d+)')
_WORKER = re.compile(r"Started server process \[(\d+)\]")
_READY = "Application startup complete."
_RUNNING = re.compile(r"Uvicorn running on http://[^ ]+:(\d+) ")


def write_log_config(path: Path, log_file: Path) -> Path:
    """A uvicorn ``--log-config`` file that writes every line, with its process id, to
    ``log_file`` (each process appends whole lines)."""
    config = json.loads(json.dumps(LOG_CONFIG))
    for handler in config["handlers"].values():
        handler["filename"] = str(log_file)
    path.write_text(json.dumps(config, indent=2))
    return path


@dataclass
class Workers:
    """A running multi-worker server: its base URL, worker pids and log."""

    process: subprocess.Popen[bytes]
    log_file: Path
    output_file: Path
    base_url: str = ""
    pids: frozenset[int] = frozenset()
    _read: int = 0
    _lines: list[str] = field(default_factory=list)
    _answered: dict[tuple[int, str, str], int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def new_lines(self) -> list[str]:
        """Log lines written since the last call."""
        with self._lock:
            if not self.log_file.exists():
                return []
            with self.log_file.open("rb") as f:
                f.seek(self._read)
                data = f.read()
            complete = data[: data.rfind(b"\n") + 1]
            self._read += len(complete)
            lines = complete.decode(errors="replace").splitlines()
            self._lines.extend(lines)
            for line in lines:
                if (m := _ACCESS.match(line)) is not None:
                    key = (int(m.group(2)), m.group(3), m.group(4))
                    self._answered[key] = int(m.group(1))
            return lines

    def pid_of(self, port: int, method: str, target: str) -> int:
        """The worker whose access line names this client port and request."""
        key = (port, method, target)
        deadline = time.monotonic() + 10
        while True:
            self.new_lines()
            with self._lock:
                pid = self._answered.pop(key, None)
            if pid is not None:
                assert pid in self.pids, f"pid {pid} is not a worker of {sorted(self.pids)}"
                return pid
            if time.monotonic() > deadline:
                raise AssertionError(f"no access line for {key}:\n{self.log()}")
            time.sleep(0.01)

    def log(self) -> str:
        self.new_lines()
        if self.output_file == self.log_file or not self.output_file.exists():
            return "\n".join(self._lines)
        output = self.output_file.read_text(errors="replace")
        return "\n".join(self._lines) + "\n--- stdout/stderr ---\n" + output

    def lines(self) -> list[str]:
        self.new_lines()
        return list(self._lines)


@contextlib.contextmanager
def running(
    command: Sequence[str],
    env: dict[str, str],
    work: Path,
    *,
    log_file: Path | None = None,
    expect_workers: int = 2,
) -> Iterator[Workers]:
    """Start ``command`` in ``work``, wait until ``expect_workers`` worker processes have
    started the app, and stop the whole process group afterwards. The log is read from
    ``log_file`` (see :func:`write_log_config`), or else from the command's output."""
    output_file = work / "server.out"
    log_file = log_file or output_file
    full_env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), **env}
    with output_file.open("wb") as out:
        process = subprocess.Popen(
            list(command),
            cwd=work,
            env=full_env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Workers(process, log_file, output_file)
    try:
        _wait_until_started(server, expect_workers)
        yield server
    finally:
        _stop(process)


def _wait_until_started(server: Workers, expect: int) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    port = None
    started: set[int] = set()
    ready = 0
    while True:
        for line in server.new_lines():
            if (m := _RUNNING.search(line)) is not None:
                port = int(m.group(1))
            if (m := _WORKER.search(line)) is not None:
                started.add(int(m.group(1)))
            ready += _READY in line
        if port is not None and len(started) >= expect and ready >= expect:
            break
        if server.process.poll() is not None:
            raise AssertionError(
                f"the server exited with {server.process.returncode}:\n{server.log()}"
            )
        if time.monotonic() > deadline:
            raise AssertionError(f"the server did not start {expect} workers:\n{server.log()}")
        time.sleep(0.05)
    server.base_url = f"http://127.0.0.1:{port}"
    server.pids = frozenset(started)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the server (uvicorn stops its workers), then SIGKILL to the process group
    it was started in if anything is left."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=STOP_TIMEOUT_S)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=STOP_TIMEOUT_S)


@dataclass(frozen=True)
class Answer:
    response: httpx.Response
    pid: int


class Visitor:
    """One person's client: cookies kept, a fresh connection for every request."""

    def __init__(self, server: Workers) -> None:
        self.server = server
        self.client = httpx.Client(
            base_url=server.base_url,
            limits=httpx.Limits(max_keepalive_connections=0),
            follow_redirects=False,
            timeout=30.0,
        )

    def close(self) -> None:
        self.client.close()

    @property
    def cookies(self) -> httpx.Cookies:
        return self.client.cookies

    def request(self, method: str, path: str, **kwargs: Any) -> Answer:
        request = self.client.build_request(method, path, **kwargs)
        response = self.client.send(request, stream=True)
        try:
            port = int(response.extensions["network_stream"].get_extra_info("client_addr")[1])
            response.read()
        finally:
            response.close()
        target = request.url.raw_path.decode()
        return Answer(response, self.server.pid_of(port, method, target))

    def get(self, path: str, **kwargs: Any) -> Answer:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> Answer:
        return self.request("POST", path, **kwargs)

    def everywhere(
        self,
        method: str,
        path: str,
        check: Callable[[httpx.Response], object],
        *,
        rounds: int = 30,
        **kwargs: Any,
    ) -> list[Answer]:
        """Send the same request until every worker has answered it, and check every answer
        with ``check``. Each round sends one request per worker at the same time (each on
        its own connection), which spreads them better than one after another; fails when
        ``rounds`` rounds were all answered by fewer workers."""
        answers: list[Answer] = []
        width = len(self.server.pids)
        with ThreadPoolExecutor(max_workers=width) as pool:
            for _ in range(rounds):
                batch = list(pool.map(lambda _: self.request(method, path, **kwargs), range(width)))
                for answer in batch:
                    check(answer.response)
                answers.extend(batch)
                if {a.pid for a in answers} == self.server.pids:
                    return answers
        seen = sorted({a.pid for a in answers})
        raise AssertionError(
            f"{method} {path}: {len(answers)} requests were all answered by worker(s) {seen} "
            f"of {sorted(self.server.pids)}; the test cannot show that every worker agrees"
        )

"""A footcore app served for real: uvicorn in a background thread on a free port of
127.0.0.1 (the browser tests and the schemathesis run use it)."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import uvicorn

HOST = "127.0.0.1"


class _ThreadedServer(uvicorn.Server):
    """uvicorn in a background thread (it installs no signal handlers off the main thread)."""

    def start(self, sock: socket.socket) -> threading.Thread:
        thread = threading.Thread(target=self.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        deadline = time.monotonic() + 30
        while not self.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the footcore test server did not start")
            time.sleep(0.02)
        return thread


@contextlib.contextmanager
def serve_app(app: Any) -> Iterator[str]:
    """``app`` served by uvicorn in a thread on a free port of 127.0.0.1; its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((HOST, 0))
    port = sock.getsockname()[1]
    server = _ThreadedServer(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = server.start(sock)
    try:
        yield f"http://{HOST}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()

"""Awaiting the group commit's writes on the event loop.

The session-log routes are ``async def``: they check the request on the event loop, hand
the write to the services' write queue (``ctx.writes``, :mod:`footcore.store.group_commit`)
and wait for its commit without holding a worker thread. The writer thread answers a whole
batch at once; :class:`_Wakeups` hands those answers to the event loop with one wake-up per
batch (one ``call_soon_threadsafe``) instead of one per request.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import weakref
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool

from footcore.services import Services
from footcore.services.unit_of_work import UnitOfWork

T = TypeVar("T")


class _Wakeups:
    """One event loop's answers from the writer thread, delivered together."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._lock = threading.Lock()
        self._ready: list[tuple[asyncio.Future[Any], Future[Any]]] = []
        self._scheduled = False

    def wait(self, done: Future[T]) -> asyncio.Future[T]:
        waiter: asyncio.Future[T] = self._loop.create_future()
        done.add_done_callback(lambda f: self._answered(waiter, f))
        return waiter

    def _answered(self, waiter: asyncio.Future[Any], done: Future[Any]) -> None:
        # On the writer thread (or at once, when the write was already answered).
        with self._lock:
            self._ready.append((waiter, done))
            if self._scheduled:
                return
            self._scheduled = True
        with contextlib.suppress(RuntimeError):  # a closed loop: nobody waits any more
            self._loop.call_soon_threadsafe(self._deliver)

    def _deliver(self) -> None:
        with self._lock:
            ready, self._ready, self._scheduled = self._ready, [], False
        for waiter, done in ready:
            if waiter.done():  # the request was cancelled (the client went away)
                continue
            error = done.exception()
            if error is None:
                waiter.set_result(done.result())
            else:
                waiter.set_exception(error)


_LOOPS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Wakeups] = weakref.WeakKeyDictionary()


async def written(services: Services, work: Callable[[UnitOfWork], T]) -> T:
    """``work``'s result once it is committed (through the write queue, or in a worker
    thread when there is none)."""
    writes = services.ctx.writes
    if writes is None:
        return await run_in_threadpool(services.ctx.write, work)
    loop = asyncio.get_running_loop()
    wakeups = _LOOPS.get(loop)
    if wakeups is None:
        wakeups = _LOOPS[loop] = _Wakeups(loop)
    return await wakeups.wait(writes.submit(work))

"""Awaiting the group commit's writes on the event loop.

The session-log routes are ``async def``: they check the request on the event loop, hand
the write to the services' write queue (``ctx.writes``, :mod:`footcore.store.group_commit`)
and wait for its commit without holding a worker thread. :class:`_Wakeups` does both
hand-overs for one event loop:

- to the writer: the writes the loop's requests submit during one turn of the loop are
  handed over together at the start of the next (``loop.call_soon``), as one batch
  (``submit_many``), so a burst of concurrent requests shares one transaction and one
  commit. Handed over one by one, the first woke the writer thread at once, which
  committed it alone (and the next two or three) while the loop was still reading the
  others: batches of two or three writes under 32 concurrent requests;
- back to the loop: the writer answers a whole batch at once, and those answers reach the
  event loop with one wake-up per batch (one ``call_soon_threadsafe``) instead of one per
  request.

Nothing changes in what an answer means: each request is answered only after its batch
committed, and a failed batch fails every request in it.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import threading
import weakref
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool

from footcore.services import Services
from footcore.services.unit_of_work import UnitOfWork, WriteQueue

T = TypeVar("T")


class _Wakeups:
    """One event loop's writes, handed to the writer together, and their answers from the
    writer thread, delivered together."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        # Submitted during this turn of the loop (only the loop's thread touches these).
        self._submitted: list[tuple[WriteQueue, Callable[[UnitOfWork], Any], asyncio.Future[Any]]]
        self._submitted = []
        self._handing_over = False
        # Answered by the writer thread, not yet delivered to the loop.
        self._lock = threading.Lock()
        self._ready: list[tuple[asyncio.Future[Any], Future[Any]]] = []
        self._scheduled = False

    def submit(self, writes: WriteQueue, work: Callable[[UnitOfWork], T]) -> asyncio.Future[T]:
        """``work``'s answer, once its batch is committed; handed to ``writes`` with the
        other writes of this turn of the loop."""
        waiter: asyncio.Future[T] = self._loop.create_future()
        self._submitted.append((writes, work, waiter))
        if not self._handing_over:
            self._handing_over = True
            self._loop.call_soon(self._hand_over)
        return waiter

    def _hand_over(self) -> None:
        submitted, self._submitted, self._handing_over = self._submitted, [], False
        by_queue: dict[int, tuple[WriteQueue, list[tuple[Callable[..., Any], Any]]]] = {}
        for writes, work, waiter in submitted:
            if waiter.done():  # cancelled before it was handed over: nothing to write
                continue
            by_queue.setdefault(id(writes), (writes, []))[1].append((work, waiter))
        for writes, jobs in by_queue.values():
            try:
                futures = writes.submit_many([work for work, _ in jobs])
            except Exception as exc:  # the writer is closed: nothing was queued
                for _, waiter in jobs:
                    if not waiter.done():
                        waiter.set_exception(exc)
                continue
            for (_, waiter), done in zip(jobs, futures, strict=True):
                done.add_done_callback(functools.partial(self._answered, waiter))

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
    return await wakeups.submit(writes, work)

"""Group commit: writes that arrive together share one transaction and one commit.

:class:`GroupCommitWriter` is the store's :class:`footcore.services.unit_of_work.WriteQueue`.
A caller hands it a unit of work's worth of writing, a function of the unit of work
(:meth:`~GroupCommitWriter.submit`, which answers a :class:`concurrent.futures.Future`), or
several at once (:meth:`~GroupCommitWriter.submit_many`: the web app hands over every write
its event loop took in during one turn, so a burst of concurrent requests wakes the writer
once and lands in one batch instead of the writer waking for the first and committing it
alone); one writer thread (started on first use, ended when idle) takes every piece of work
waiting (at most :data:`MAX_BATCH`), runs them one after the other in *one* unit of work, in
the order they came, commits once, and only then answers each. So an answer still means the
write is stored as durably as a write of its own would be (on SQLite in WAL mode, in the log
before the answer; on PostgreSQL, with the server's WAL flushed by the commit), but the
costs of a transaction (taking the writers' lock, ``BEGIN``, the data versions' update, the
commit and its flush) are paid once per batch instead of once per write, and the requests
waiting on the event loop are woken together.

What fails, and what is stored:

- A piece of work that raises one of footcore's own errors (:class:`FootcoreError`: a
  session that was never started, a conflict) fails alone. Nothing it may have changed is
  kept: the batch's transaction is rolled back and the other pieces are run again, in the
  same order, in a new transaction (they saw the same state the first time, since the
  failed piece is refused as if it had come alone). Each piece is a pure function of the
  unit of work, so running it again is safe.
- Anything else (the database failed a statement, the writers' lock timed out, the commit
  itself failed) fails the batch: every request in it answers with that error and none of
  them is stored (the whole transaction is rolled back). A client retries with the same
  idempotency key, as after any failed write.

On SQLite one writer thread per process is enough: writers take turns anyway
(:func:`footcore.store.engine.write_lock`). On PostgreSQL each statement is a round trip to
the server, so ``threads`` writers (bootstrap: ``FOOTCORE_WEB_THREADS``, default 4) each take
batches of their own, whose statements and commits overlap as the worker threads' did; the
commit's WAL flush is still shared by each batch's writes. Batches committed side by side
are in no particular order between them, as the worker threads' transactions were.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from footcore.domain.errors import FootcoreError
from footcore.store.uow import UnitOfWorkFactory

T = TypeVar("T")

#: The most pieces of work one transaction holds.
MAX_BATCH = 64
#: Seconds the writer thread waits for work before it ends (the next write starts another):
#: a CLI command or a test that never closes its app leaves no thread behind for long.
IDLE_S = 2.0


class WriterClosedError(FootcoreError):
    """The writer was closed (the server is stopping) before this write ran."""

    def __init__(self) -> None:
        super().__init__("the server is stopping: nothing was stored, try again")


@dataclass
class _Job:
    work: Callable[[Any], Any]
    future: Future[Any]


_STOP = object()


class GroupCommitWriter:
    """Runs submitted writes in batches, one transaction per batch, on up to ``threads``
    writer threads started on demand. ``close()`` stops them (waiting for what was submitted
    before)."""

    def __init__(
        self, uow: UnitOfWorkFactory, *, max_batch: int = MAX_BATCH, threads: int = 1
    ) -> None:
        if max_batch < 1 or threads < 1:
            raise ValueError("max_batch and threads must be at least 1")
        self._uow = uow
        self._max_batch = max_batch
        self._most = threads
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._threads: set[threading.Thread] = set()
        self._guard = threading.Lock()
        self._between = threading.Lock()  # held by a writer while it takes a batch
        self._closed = False
        #: Batches committed and pieces of work run, for tests and benchmarks.
        self.batches = 0
        self.jobs = 0

    # -- the callers' side -------------------------------------------------------------------

    def submit(self, work: Callable[[Any], T]) -> Future[T]:
        """Queue ``work`` (called with the batch's unit of work); the future answers its
        result after the batch's commit, or the error that failed it."""
        return self.submit_many([work])[0]

    def submit_many(self, works: Sequence[Callable[[Any], Any]]) -> list[Future[Any]]:
        """Queue ``works`` together, in order (one hand-over, one wake-up of a writer): they
        go into the same batch as far as :data:`MAX_BATCH` allows. One future for each, as
        :meth:`submit` answers."""
        jobs = [_Job(work, Future()) for work in works]
        if not jobs:
            return []
        with self._guard:
            if self._closed:
                raise WriterClosedError()
            if len(self._threads) < self._most:
                thread = threading.Thread(
                    target=self._run, name="footcore-group-commit", daemon=True
                )
                self._threads.add(thread)
                thread.start()
            for start in range(0, len(jobs), self._max_batch):
                self._queue.put(jobs[start : start + self._max_batch])
        return [job.future for job in jobs]

    def run(self, work: Callable[[Any], T]) -> T:
        """:meth:`submit` and wait for the answer (for callers on a thread of their own)."""
        if threading.current_thread() in self._threads:
            # Work that writes from inside a batch would wait for itself: run it at once in a
            # transaction of its own.
            with self._uow() as uow:
                return work(uow)
        return self.submit(work).result()

    @contextmanager
    def hold(self) -> Iterator[None]:
        """Keep the writers from taking a new batch for the block: work submitted meanwhile
        waits, and (with one writer thread) goes in one batch, up to :data:`MAX_BATCH`, when
        the block ends. For tests."""
        with self._between:
            yield

    def close(self) -> None:
        """Stop the writer threads after the work already submitted; later submits fail."""
        with self._guard:
            if self._closed:
                return
            self._closed = True
            threads = list(self._threads)
            for _ in threads:
                self._queue.put(_STOP)  # each thread ends at the first it takes
        for thread in threads:
            if thread is not threading.current_thread():
                thread.join()

    # -- the writer thread -------------------------------------------------------------------

    def _run(self) -> None:
        # The queue holds lists of jobs (one per hand-over) and _STOP. Jobs of a list that do
        # not fit in this batch are the next batch's first.
        carry: list[_Job] = []
        while True:
            if not carry:
                try:
                    first = self._queue.get(timeout=IDLE_S)
                except queue.Empty:
                    with self._guard:  # submit() puts under the same guard: nothing is missed
                        if self._queue.empty():
                            self._threads.discard(threading.current_thread())
                            return
                    continue
                if first is _STOP:
                    return
                carry = first
            with self._between:
                batch, carry = carry[: self._max_batch], carry[self._max_batch :]
                stop = False
                while not carry and len(batch) < self._max_batch:
                    try:
                        more = self._queue.get_nowait()
                    except queue.Empty:
                        break
                    if more is _STOP:
                        stop = True
                        break
                    room = self._max_batch - len(batch)
                    batch += more[:room]
                    carry = more[room:]
            self._commit(batch)
            if stop:  # taken only with nothing carried over: every job before it is answered
                return

    def _commit(self, batch: list[_Job]) -> None:
        pending = [job for job in batch if job.future.set_running_or_notify_cancel()]
        while pending:
            results: list[Any] = []
            failed: tuple[int, FootcoreError] | None = None
            try:
                with self._uow() as uow:
                    for n, job in enumerate(pending):
                        try:
                            results.append(job.work(uow))
                        except FootcoreError as exc:
                            failed = (n, exc)
                            # Leaving the block with the error rolls the batch back.
                            raise
            except FootcoreError as exc:
                if failed is None:  # the unit of work failed (the writers' lock timed out)
                    self._fail(pending, exc)
                    return
                n, error = failed
                pending[n].future.set_exception(error)
                self.jobs += 1
                del pending[n]  # the others again, in a new transaction
                continue
            except BaseException as exc:  # the database failed: the whole batch fails
                self._fail(pending, exc)
                return
            self.batches += 1
            self.jobs += len(pending)
            for job, result in zip(pending, results, strict=True):
                job.future.set_result(result)
            return

    def _fail(self, jobs: list[_Job], exc: BaseException) -> None:
        self.batches += 1
        self.jobs += len(jobs)
        for job in jobs:
            job.future.set_exception(exc)

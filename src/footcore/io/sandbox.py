"""Reading untrusted run files in a child process, with a time and a memory limit.

The readers of :mod:`footcore.io.runfiles` are other people's pure-Python parsers: a large or
crafted GPX, TCX or FIT file can keep one busy for a minute and take hundreds of megabytes.
In a web server that would hold the interpreter (and slow every other request) for as long
as it lasts. :func:`read_run_files_limited` therefore reads a batch larger than
:data:`IN_PROCESS_BYTES` in a fresh child process:

- the child gets at most :data:`READ_MEMORY` bytes of address space (a reader that needs
  more fails with a plain "too large to read" for that file, and the server is untouched);
- the batch gets :data:`READ_SECONDS` seconds; when they run out the child is killed, the
  files already read keep their results and each file not read is refused in words;
- at most :data:`MAX_READERS` children read at once in one process (a further import waits
  for a free reader, which is part of its time);
- the parent only waits on a pipe, so other requests and threads run meanwhile.

Small batches (nearly every real import: a run's GPX is a few hundred kilobytes) are read in
the calling process, where starting a child would cost more than the reading.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection

from footcore.io.runfiles import FileResult, read_run_file, read_run_files

#: Batches up to this many bytes are read in the calling process.
IN_PROCESS_BYTES = 2 * 1024 * 1024
#: Time for reading one batch in a child process (waiting for a free reader included).
READ_SECONDS = 60.0
#: Address space a reading child may use.
READ_MEMORY = 2 * 1024 * 1024 * 1024
#: Reading children at once in one process.
MAX_READERS = 2

_READERS = threading.BoundedSemaphore(MAX_READERS)


def read_run_files_limited(
    files: Sequence[tuple[str, bytes]],
    on_file: Callable[[str], None] | None = None,
    *,
    latest: dt.date | None = None,
    seconds: float = READ_SECONDS,
) -> list[FileResult]:
    """Read (name, bytes) files as :func:`footcore.io.runfiles.read_run_files` does, within
    the limits above; one result per file, in order, whatever happens to the child."""
    if sum(len(data) for _, data in files) <= IN_PROCESS_BYTES:
        return read_run_files(files, on_file, latest=latest)
    deadline = time.monotonic() + seconds
    results: list[FileResult] = []
    if not _READERS.acquire(timeout=seconds):
        first = later = "other imports are being read; try again in a minute"
    else:
        try:
            _read_in_child(files, on_file, latest, deadline, results)
        finally:
            _READERS.release()
        if len(results) == len(files):
            return results
        if time.monotonic() >= deadline:
            first = later = (
                f"not read: reading stopped after {seconds:.0f} seconds (the files before it "
                "were read); import it on its own, or split it"
            )
        else:  # the child died on this file, nearly always for want of memory
            first = "it needs more memory to read than a run file should"
            later = "not read: reading stopped at a file before it"
    for at, (name, _) in enumerate(files[len(results) :]):
        results.append(FileResult(name, error=later if at else first))
        if on_file is not None:
            on_file(name)
    return results


def _read_in_child(
    files: Sequence[tuple[str, bytes]],
    on_file: Callable[[str], None] | None,
    latest: dt.date | None,
    deadline: float,
    results: list[FileResult],
) -> None:
    """Start a child reading ``files`` and collect its results until it ends or time is up."""
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(
        target=_child_main, args=(send, list(files), latest, READ_MEMORY), daemon=True
    )
    child.start()
    send.close()
    try:
        while len(results) < len(files):
            left = deadline - time.monotonic()
            if left <= 0 or not receive.poll(left):
                return
            try:
                result = receive.recv()
            except EOFError:  # the child died (out of memory, killed)
                return
            results.append(result)
            if on_file is not None:
                on_file(result.name)
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join()


def _child_main(
    send: Connection, files: list[tuple[str, bytes]], latest: dt.date | None, memory: int
) -> None:
    """In the child: limit the address space, read each file, send each result. The child
    says nothing on its own: a reader dying for want of memory is reported by the parent, in
    words, never as a traceback on the runner's terminal."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    try:
        try:
            # Here: `resource` is POSIX only; its ImportError is caught with the rest.
            import resource  # noqa: PLC0415

            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        except (ImportError, ValueError, OSError):  # not on this platform: the time limit holds
            pass
        for name, data in files:
            send.send(read_run_file(name, data, latest=latest))
        send.close()
    except BaseException:  # memory ran out past the reader's own handling: the parent reports it
        os._exit(1)

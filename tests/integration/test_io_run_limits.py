"""The limits on reading run files in a child process: time and memory (issue 20, item 8).

A batch larger than ``footcore.io.sandbox.IN_PROCESS_BYTES`` is read in a child process (a
fresh interpreter, started with "spawn") that has a time and a memory limit, so the caller
only waits on a pipe. These tests start such children; the limits on rows and bytes, read in
the calling process, are checked in tests/unit/test_io_run_limits.py.
"""

from __future__ import annotations

import multiprocessing

import pytest

from footcore.io import sandbox
from footcore.io.runfiles import read_run_files
from footcore.io.sandbox import read_run_files_limited
from tests.unit.runfile_samples import gpx_run, tcx_run

MB = 1024 * 1024


def test_a_large_batch_read_in_a_child_gives_the_same_results_as_in_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files = [
        ("one.gpx", gpx_run(km=10, minutes=55, hr=150)),
        ("two.tcx", tcx_run(km=8, minutes=44, hr=145)),
        ("bad.gpx", b"<gpx>"),
    ]
    here = read_run_files(files)
    monkeypatch.setattr(sandbox, "IN_PROCESS_BYTES", 0)
    seen: list[str] = []
    there = read_run_files_limited(files, seen.append)
    assert there == here
    assert seen == ["one.gpx", "two.tcx", "bad.gpx"]


def test_a_batch_out_of_time_is_stopped_and_each_unread_file_refused_in_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sandbox, "IN_PROCESS_BYTES", 0)
    files = [("one.gpx", gpx_run(km=10, minutes=55)), ("two.gpx", gpx_run(km=5, minutes=30))]
    seen: list[str] = []
    results = read_run_files_limited(files, seen.append, seconds=0)
    assert [r.name for r in results] == ["one.gpx", "two.gpx"]
    assert all(r.runs == [] for r in results)
    assert all(r.error is not None and "reading stopped after" in r.error for r in results)
    assert seen == ["one.gpx", "two.gpx"]
    assert multiprocessing.active_children() == []  # the child was killed and reaped


def test_a_reader_out_of_memory_refuses_the_file_and_the_caller_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sandbox, "IN_PROCESS_BYTES", 0)
    monkeypatch.setattr(sandbox, "READ_MEMORY", 1)  # below what the child already uses
    # Under that limit the child can only use memory it had already taken and freed again
    # (about 0.1 MB after its start, measured); so the file must need far more than that
    # whatever the child did before, not 1.2 MB (the usual 55-minute run) but about 12 MB.
    results = read_run_files_limited([("big.gpx", gpx_run(km=100, minutes=550))])
    assert results[0].runs == []
    assert results[0].error is not None
    assert "memory" in results[0].error or "too large" in results[0].error
    # The caller is unharmed and reads the next batch as usual.
    monkeypatch.setattr(sandbox, "READ_MEMORY", 2 * 1024 * MB)
    again = read_run_files_limited([("big.gpx", gpx_run(km=10, minutes=55))])
    assert again[0].error is None

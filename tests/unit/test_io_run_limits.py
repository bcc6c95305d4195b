"""The limits on reading run files: rows, bytes, time and memory (issue 20, item 8).

A 50 MB CSV of 2.6 million rows once ran past five minutes and took 1.9 GB; a large upload
held the web server for a minute. Reading now stops at a row limit, each format has a size
limit checked before parsing, and a large batch is read in a child process that has a time
and a memory limit, so the caller only waits on a pipe (the tests that start such a child:
tests/integration/test_io_run_limits.py).
"""

from __future__ import annotations

import threading
from pathlib import Path

import gpxpy
import gpxpy.gpx
import pytest

from footcore.io import runfiles, sandbox
from footcore.io.runfiles import (
    RunFileError,
    check_size,
    read_capped,
    read_run_file,
)
from footcore.io.sandbox import read_run_files_limited

from .runfile_samples import gpx_run

MB = 1024 * 1024


def csv_rows(count: int) -> bytes:
    lines = ["date,distance_km,moving_time,type"]
    lines += [f"2024-{1 + i // 28 % 12:02d}-{1 + i % 28:02d},10,3000,Run" for i in range(count)]
    return ("\n".join(lines) + "\n").encode()


def test_a_csv_over_the_row_limit_is_refused_in_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runfiles, "MAX_CSV_ROWS", 100)
    result = read_run_file("activities.csv", csv_rows(101))
    assert result.runs == []
    assert result.error is not None
    assert "more than 100 rows" in result.error
    assert "split it" in result.error


def test_a_csv_at_the_row_limit_is_read_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runfiles, "MAX_CSV_ROWS", 100)
    result = read_run_file("activities.csv", csv_rows(100))
    assert result.error is None
    assert len(result.runs) == 100


def test_reading_a_csv_stops_at_the_row_limit_without_decoding_the_rest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Bytes that are not UTF-8, far past the limit: a reader that decoded the whole file
    # first (as before) would refuse it as "not UTF-8 text" instead.
    monkeypatch.setattr(runfiles, "MAX_CSV_ROWS", 100)
    data = csv_rows(20_000) + b"2024-01-01,10,3000,\xff\xfe\n"
    result = read_run_file("activities.csv", data)
    assert result.error is not None
    assert "more than 100 rows" in result.error


def test_a_csv_that_breaks_utf8_within_the_limit_is_still_refused_as_not_text() -> None:
    result = read_run_file("activities.csv", csv_rows(3) + b"2024-01-01,10,3000,\xff\n")
    assert result.error == "not UTF-8 text"


@pytest.mark.parametrize(
    ("name", "limit_mb"), [("a.gpx", 30), ("a.tcx", 40), ("a.fit", 16), ("a.csv", 50)]
)
def test_each_format_has_a_size_limit_named_in_the_refusal(name: str, limit_mb: int) -> None:
    check_size(name, limit_mb * MB)  # at the limit: read
    with pytest.raises(RunFileError) as refused:
        check_size(name, limit_mb * MB + 1)
    assert f"larger than the {limit_mb} MB" in refused.value.reason


def test_a_file_over_its_limit_is_refused_before_any_parsing() -> None:
    # 17 MB of a FIT file's worth of zeros: parsing would fail differently (no FIT header).
    result = read_run_file("watch.fit", bytes(17 * MB))
    assert result.error is not None
    assert "larger than the 16 MB" in result.error


def test_a_file_is_read_from_disk_only_to_one_byte_past_its_limit(tmp_path: Path) -> None:
    path = tmp_path / "watch.fit"
    path.write_bytes(bytes(17 * MB))
    data = read_capped(path)
    assert len(data) == 16 * MB + 1
    assert "larger than the 16 MB" in (read_run_file("watch.fit", data).error or "")


def test_a_parser_that_wraps_its_memory_error_still_reads_as_too_large(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """gpxpy turns every error of its XML parser into its own syntax error; one that began as
    a MemoryError (the child's memory limit) is a file too large, not a damaged one."""

    def parse_out_of_memory(text: str) -> None:
        try:
            raise MemoryError
        except Exception as exc:
            raise gpxpy.gpx.GPXXMLSyntaxException(f"Error parsing XML: {exc}", exc)  # noqa: B904

    monkeypatch.setattr(gpxpy, "parse", parse_out_of_memory)
    result = runfiles.read_run_file("big.gpx", gpx_run(km=10, minutes=55))
    assert result.error is not None
    assert "too large to read" in result.error
    assert "damaged" not in result.error


def test_when_every_reader_is_busy_the_files_are_refused_with_try_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sandbox, "IN_PROCESS_BYTES", 0)
    monkeypatch.setattr(sandbox, "_READERS", threading.BoundedSemaphore(1))
    sandbox._READERS.acquire()
    results = read_run_files_limited([("one.gpx", gpx_run(km=10, minutes=55))], seconds=0)
    assert results[0].error == "other imports are being read; try again in a minute"

"""Reading runs from the files watches and phone apps write: GPX, TCX, FIT and a CSV list.

Each reader turns one file (its name and bytes) into :class:`RunRecord` values: a pure record
of when the run started, how far and how long it went, its average heart rate where the file
has one, and its type and name. The formats are read with well-kept libraries (``gpxpy``,
``tcxreader``, ``fitdecode``, the standard ``csv`` module); nothing here parses XML or FIT
bytes by hand.

A file that cannot be read, or holds no run (a bike ride, a walk), raises
:class:`RunFileError` naming the file; :func:`read_run_files` collects those per file, so the
caller can store the good files and report the rest by name.

What a run file holds is a :class:`footcore.domain.run_kind.RunRecord`; which kind of run it
is (easy, long or hard) is decided in the domain (:func:`footcore.domain.run_kind.classify`).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import itertools
import math
import re
import statistics
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from footcore.domain.errors import FootcoreError
from footcore.domain.run_kind import RunRecord

SUFFIXES = (".gpx", ".tcx", ".fit", ".csv")
_MB = 1024 * 1024
#: The largest file of each format read. A day-long run recorded every second is about 20 MB
#: of GPX, 30 MB of TCX and 4 MB of FIT; a CSV list stops at MAX_CSV_ROWS rows anyway.
MAX_BYTES = {".gpx": 30 * _MB, ".tcx": 40 * _MB, ".fit": 16 * _MB, ".csv": 50 * _MB}
MAX_FILE_BYTES = max(MAX_BYTES.values())
#: Rows of a CSV list read at most (a run a day for fifty years, with the rides between).
MAX_CSV_ROWS = 20_000

# A "run" slower than this (min/km) is a walk; faster is not on foot.
SLOWEST_PACE = 15.0
FASTEST_PACE = 2.5
# Below this speed (m/s) between two track points the runner counts as stopped.
STOPPED_SPEED = 0.5

RUN_TYPES = re.compile(r"run|jog|trail|treadmill|track", re.IGNORECASE)


class RunFileError(FootcoreError):
    """A run file that cannot be imported, with the file's name."""

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        self.reason = reason
        super().__init__(f"{name}: {reason}")


@dataclass
class FileResult:
    """What reading one file gave: its runs, rows skipped as not runs, or the error."""

    name: str
    runs: list[RunRecord] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    error: str | None = None


# --------------------------------------------------------------------------------------------
# Reading


def read_run_file(name: str, data: bytes, *, latest: dt.date | None = None) -> FileResult:
    """Read one file; the suffix of ``name`` picks the format. Never raises for bad files:
    the problem is in ``FileResult.error``. A run dated after ``latest`` (the caller's
    tomorrow; without it, the end of :data:`LATEST_RUN`) or before :data:`EARLIEST_RUN` is
    refused."""
    suffix = Path(name).suffix.lower()
    result = FileResult(name)
    try:
        if suffix not in SUFFIXES:
            raise RunFileError(
                name, f"not a run file (expected one of: {', '.join(SUFFIXES)}), got {suffix!r}"
            )
        check_size(name, len(data))
        if not data or data.isspace():
            raise RunFileError(name, "the file is empty")
        result.runs, result.skipped = _read_any(name, suffix, data)
        for run in result.runs:
            _check_sane(name, run, latest or LATEST_RUN)
    except RunFileError as exc:
        result.error = exc.reason
        result.runs = []
    return result


def check_size(name: str, size: int) -> None:
    """Refuse a file larger than its format's limit (callers that can see the size before
    reading the bytes call this first, so a huge file is never loaded)."""
    limit = MAX_BYTES.get(Path(name).suffix.lower(), MAX_FILE_BYTES)
    if size > limit:
        raise RunFileError(
            name, f"it is larger than the {limit // _MB} MB a run file of this kind may have"
        )


def read_capped(path: Path) -> bytes:
    """A file's bytes, but never more than one byte past its format's limit (enough for
    :func:`read_run_file` to refuse it without loading a huge file)."""
    limit = MAX_BYTES.get(path.suffix.lower(), MAX_FILE_BYTES)
    with path.open("rb") as handle:
        return handle.read(limit + 1)


def _read_any(name: str, suffix: str, data: bytes) -> tuple[list[RunRecord], list[str]]:
    """The runs in a file of a known format. A file is untrusted input, and the readers are
    other people's code: whatever a damaged or crafted file makes one of them raise (an
    overflow, a type clash of times, a math domain error, a struct or assertion error)
    becomes a refusal of that file in plain words, never a crash."""
    digest = hashlib.sha256(data).hexdigest()
    try:
        if suffix == ".gpx":
            return [_read_gpx(name, data, digest)], []
        if suffix == ".tcx":
            return [_read_tcx(name, data, digest)], []
        if suffix == ".fit":
            return [_read_fit(name, data, digest)], []
        return _read_csv(name, data, digest)
    except RunFileError:
        raise
    except (RecursionError, MemoryError):
        raise RunFileError(name, TOO_BIG_TO_READ) from None
    except Exception as exc:  # whatever the reader raised: see the docstring
        kind = suffix.lstrip(".").upper()
        raise RunFileError(name, f"not a readable {kind} file: {_plain(exc)}") from None


#: Runs dated outside these days are refused (a clock reset to 1970, a crafted file); the
#: services pass tomorrow as the latest day.
EARLIEST_RUN = dt.date(1990, 1, 1)
LATEST_RUN = dt.date(2100, 12, 31)


def _check_sane(name: str, run: RunRecord, latest: dt.date) -> None:
    """A run from a plausible day, with finite figures: the database and every page after
    the import read them."""
    if not EARLIEST_RUN <= run.date <= latest:
        raise RunFileError(
            name,
            f"the run is dated {run.date.isoformat()}, outside {EARLIEST_RUN.isoformat()} to "
            f"{latest.isoformat()} (is the watch's clock right?)",
        )
    figures = (run.km, run.moving_minutes, run.elapsed_minutes, run.avg_hr, run.max_hr)
    if not all(v is None or math.isfinite(v) for v in figures):
        raise RunFileError(name, "its distance, time or heart rate is not a finite number")


def expand_paths(paths: Iterable[Path | str]) -> list[Path]:
    """Files to import: each file given, and the run files inside each folder (sorted)."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            )
        elif path.exists():
            out.append(path)
        else:
            raise FootcoreError(f"{path}: no such file or folder")
    return list(dict.fromkeys(out))


def read_run_files(
    files: Sequence[tuple[str, bytes]],
    on_file: Callable[[str], None] | None = None,
    *,
    latest: dt.date | None = None,
) -> list[FileResult]:
    """Read several files (name, bytes); ``on_file`` is called after each (progress)."""
    results = []
    for name, data in files:
        results.append(read_run_file(name, data, latest=latest))
        if on_file is not None:
            on_file(name)
    return results


def _check_run(
    name: str, sport: str, km: float, minutes: float, *, sport_known: bool = True
) -> None:
    if sport_known and sport and not RUN_TYPES.search(sport):
        raise RunFileError(name, f"not a run: the file says the activity is {sport!r}")
    if minutes <= 0:
        raise RunFileError(name, "the run has no duration")
    if km <= 0:
        return  # a treadmill run without distance is still a run
    pace = minutes / km
    if pace > SLOWEST_PACE:
        raise RunFileError(
            name, f"not a run: the average pace is {pace:.1f} min/km (a walk or a rest)"
        )
    if pace < FASTEST_PACE:
        raise RunFileError(
            name, f"not a run: the average pace is {pace:.1f} min/km (faster than on foot)"
        )


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _read_gpx(name: str, data: bytes, digest: str) -> RunRecord:
    # Deferred: each format's reader loads only for a file of that format.
    import gpxpy.gpx  # noqa: PLC0415

    try:
        gpx = gpxpy.parse(data.decode("utf-8-sig"))
    except (gpxpy.gpx.GPXException, UnicodeDecodeError, ValueError) as exc:
        raise RunFileError(name, f"not a readable GPX file: {_plain(exc)}") from None
    points = [p for track in gpx.tracks for seg in track.segments for p in seg.points]
    if not points:
        raise RunFileError(name, "the GPX file holds no track points")
    if any(p.time is None for p in points):
        raise RunFileError(name, "the GPX track points have no times, so the run has no duration")
    start, end = gpx.get_time_bounds()
    assert start is not None
    assert end is not None
    moving = gpx.get_moving_data(stopped_speed_threshold=STOPPED_SPEED * 3.6)
    km = gpx.length_2d() / 1000.0
    moving_s = float(moving.moving_time) if moving and moving.moving_time else 0.0
    elapsed_s = (end - start).total_seconds()
    sport = next((t.type for t in gpx.tracks if t.type), "") or ""
    title = next((t.name for t in gpx.tracks if t.name), "") or (gpx.name or "")
    rates = [hr for p in points if (hr := _gpx_heart_rate(p)) is not None]
    minutes = (moving_s or elapsed_s) / 60.0
    _check_run(name, sport, km, minutes)
    return RunRecord(
        source=name,
        fmt="gpx",
        date=start.date(),
        km=round(km, 3),
        moving_minutes=round(minutes, 2),
        start=_utc(start),
        elapsed_minutes=round(elapsed_s / 60.0, 2),
        avg_hr=round(statistics.fmean(rates), 1) if rates else None,
        max_hr=float(max(rates)) if rates else None,
        sport=sport,
        name=title,
        file_sha256=digest,
    )


def _gpx_heart_rate(point: object) -> float | None:
    """The heart rate in a GPX point's extensions (Garmin TrackPointExtension ``hr``)."""
    for ext in getattr(point, "extensions", None) or ():
        for element in ext.iter():
            if element.tag.rsplit("}", 1)[-1].lower() in ("hr", "heartrate") and element.text:
                try:
                    return float(element.text)
                except ValueError:
                    return None
    return None


def _read_tcx(name: str, data: bytes, digest: str) -> RunRecord:
    # Deferred: each format's reader loads only for a file of that format.
    from tcxreader.tcxreader import TCXReader  # type: ignore[import-untyped]  # noqa: PLC0415

    try:
        exercise = TCXReader().read(io.BytesIO(data), only_gps=False)
    except (ET.ParseError, ValueError, TypeError, AttributeError, KeyError) as exc:
        raise RunFileError(name, f"not a readable TCX file: {_plain(exc)}") from None
    points = [p for p in exercise.trackpoints or () if p.time is not None]
    if not points or exercise.start_time is None or exercise.end_time is None:
        raise RunFileError(name, "the TCX file holds no timed track points")
    sport = exercise.activity_type or ""
    start = _utc(exercise.start_time)
    end = _utc(exercise.end_time)
    km = float(exercise.distance or 0.0) / 1000.0
    if km <= 0:
        distances = [p.distance for p in points if p.distance is not None]
        km = (max(distances) / 1000.0) if distances else 0.0
    elapsed_s = (end - start).total_seconds()
    moving_s = _moving_seconds(
        [(_utc(p.time), p.distance) for p in points if p.distance is not None]
    )
    minutes = (moving_s or elapsed_s) / 60.0
    _check_run(name, sport, km, minutes)
    rates = [float(p.hr_value) for p in points if p.hr_value]
    return RunRecord(
        source=name,
        fmt="tcx",
        date=start.date(),
        km=round(km, 3),
        moving_minutes=round(minutes, 2),
        start=start,
        elapsed_minutes=round(elapsed_s / 60.0, 2),
        avg_hr=round(statistics.fmean(rates), 1) if rates else None,
        max_hr=max(rates) if rates else None,
        sport=sport,
        name="",
        file_sha256=digest,
    )


def _moving_seconds(samples: Sequence[tuple[dt.datetime, float]]) -> float:
    """Seconds spent moving: intervals between samples faster than ``STOPPED_SPEED``."""
    total = 0.0
    for (t0, d0), (t1, d1) in itertools.pairwise(samples):
        seconds = (t1 - t0).total_seconds()
        if seconds > 0 and (d1 - d0) / seconds >= STOPPED_SPEED:
            total += seconds
    return total


@dataclass
class _FitMessages:
    """The messages of a FIT file a run is read from."""

    file_type: object = None
    sessions: list[dict[str, object]] = field(default_factory=list)
    records: list[dict[str, object]] = field(default_factory=list)
    sports: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _FitRun:
    """What a FIT file says of its run, before it is checked and rounded."""

    sport: str
    start: dt.datetime
    km: float
    minutes: float
    elapsed_minutes: float | None
    avg_hr: float | None
    max_hr: float | None


def _fit_messages(name: str, data: bytes) -> _FitMessages:
    """The file id, sessions, records and sports of a FIT file, with its checksum checked."""
    # Deferred: each format's reader loads only for a file of that format.
    import fitdecode  # type: ignore[import-untyped]  # noqa: PLC0415

    found = _FitMessages()
    try:
        with fitdecode.FitReader(
            io.BytesIO(data),
            check_crc=fitdecode.CrcCheck.RAISE,
            error_handling=fitdecode.ErrorHandling.RAISE,
        ) as reader:
            for frame in reader:
                if not isinstance(frame, fitdecode.FitDataMessage):
                    continue
                values = {f.name: f.value for f in frame.fields}
                if frame.name == "file_id":
                    found.file_type = values.get("type")
                elif frame.name == "session":
                    found.sessions.append(values)
                elif frame.name == "record":
                    found.records.append(values)
                elif frame.name == "sport" and values.get("sport"):
                    found.sports.append(str(values["sport"]))
    except (fitdecode.FitError, ValueError, KeyError, EOFError) as exc:
        raise RunFileError(name, f"not a readable FIT file: {_plain(exc)}") from None
    return found


def _fit_session_run(name: str, s: Mapping[str, object], sports: Sequence[str]) -> _FitRun:
    """The run as the file's first session sums it up."""
    sport = str(s.get("sport") or (sports[0] if sports else ""))
    start_raw = s.get("start_time") or s.get("timestamp")
    if not isinstance(start_raw, dt.datetime):
        raise RunFileError(name, "the FIT session has no start time")
    timer = _number(s.get("total_timer_time"))
    elapsed = _number(s.get("total_elapsed_time")) or timer or 0.0
    return _FitRun(
        sport=sport,
        start=_utc(start_raw),
        km=float(_number(s.get("total_distance")) or 0.0) / 1000.0,
        minutes=(timer or elapsed) / 60.0,
        elapsed_minutes=elapsed / 60.0,
        avg_hr=_number(s.get("avg_heart_rate")),
        max_hr=_number(s.get("max_heart_rate")),
    )


def _fit_records_run(
    name: str, records: Sequence[Mapping[str, object]], sports: Sequence[str]
) -> _FitRun:
    """The run worked out from its timed records, for a file without a session: distance
    from the last record, moving time from the samples, heart rate averaged."""
    timed = [r for r in records if isinstance(r.get("timestamp"), dt.datetime)]
    if not timed:
        raise RunFileError(name, "the FIT file holds no session and no timed records")
    start = _utc(timed[0]["timestamp"])  # type: ignore[arg-type]
    end = _utc(timed[-1]["timestamp"])  # type: ignore[arg-type]
    samples = [
        (_utc(r["timestamp"]), float(d))  # type: ignore[arg-type]
        for r in timed
        if (d := _number(r.get("distance"))) is not None
    ]
    elapsed_s = (end - start).total_seconds()
    rates = [h for r in timed if (h := _number(r.get("heart_rate")))]
    return _FitRun(
        sport=sports[0] if sports else "",
        start=start,
        km=samples[-1][1] / 1000.0 if samples else 0.0,
        minutes=(_moving_seconds(samples) or elapsed_s) / 60.0,
        elapsed_minutes=elapsed_s / 60.0,
        avg_hr=statistics.fmean(rates) if rates else None,
        max_hr=max(rates) if rates else None,
    )


def _read_fit(name: str, data: bytes, digest: str) -> RunRecord:
    found = _fit_messages(name, data)
    if found.file_type is not None and found.file_type != "activity":
        raise RunFileError(name, f"not an activity: the FIT file is a {found.file_type!s} file")
    if found.sessions:
        run = _fit_session_run(name, found.sessions[0], found.sports)
    else:
        run = _fit_records_run(name, found.records, found.sports)
    sport = run.sport
    _check_run(name, sport, run.km, run.minutes, sport_known=bool(sport) and sport != "generic")
    return RunRecord(
        source=name,
        fmt="fit",
        date=run.start.date(),
        km=round(run.km, 3),
        moving_minutes=round(run.minutes, 2),
        start=run.start,
        elapsed_minutes=round(run.elapsed_minutes, 2) if run.elapsed_minutes is not None else None,
        avg_hr=round(run.avg_hr, 1) if run.avg_hr else None,
        max_hr=run.max_hr or None,
        sport=sport,
        name="",
        file_sha256=digest,
    )


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


# --- CSV --------------------------------------------------------------------------------------

#: Accepted column names (lower case, spaces and underscores alike) for each field.
CSV_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "date": ("date", "activity date", "start time", "start", "start date"),
    "km": ("distance km", "distance (km)", "distance", "km"),
    "miles": ("distance mi", "distance (mi)", "miles", "distance miles"),
    "moving": ("moving time", "moving time s", "moving time (s)", "duration", "time", "minutes"),
    "type": ("type", "activity type", "sport"),
    "name": ("name", "activity name", "title"),
    "avg_hr": ("avg hr", "average heart rate", "avg heart rate", "heart rate", "avg_hr"),
}


STRAVA_DATE = "%b %d, %Y, %I:%M:%S %p"


def _norm_header(text: str) -> str:
    return re.sub(r"[\s_]+", " ", text.strip().lower())


def _read_csv(name: str, data: bytes, digest: str) -> tuple[list[RunRecord], list[str]]:
    """The runs of a CSV list, read row by row (a big file is never held as rows, and reading
    stops at :data:`MAX_CSV_ROWS`)."""
    stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="")
    try:
        return _read_csv_rows(name, stream, digest)
    except UnicodeDecodeError:
        raise RunFileError(name, "not UTF-8 text") from None
    except csv.Error as exc:
        raise RunFileError(name, f"not a readable CSV file ({exc})") from None


def _csv_reader(stream: io.TextIOWrapper) -> Iterator[list[str]]:
    """The file's rows, split at the delimiter its first line uses (comma, semicolon or
    tab; a comma when it cannot be told)."""
    first = stream.readline()
    try:
        dialect = csv.Sniffer().sniff(first, delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    return csv.reader(itertools.chain([first], stream), delimiter=delimiter)


def _csv_columns(name: str, header: Sequence[str]) -> dict[str, int]:
    """field -> column, for the fields the (normalised) header names; the date, moving
    time and a distance are required."""
    columns: dict[str, int] = {}
    for key, names in CSV_COLUMNS.items():
        for wanted in names:
            if wanted in header:
                columns[key] = header.index(wanted)
                break
    missing = [k for k in ("date", "moving") if k not in columns]
    if "km" not in columns and "miles" not in columns:
        missing.append("distance")
    if missing:
        raise RunFileError(
            name,
            "the CSV header lacks "
            + ", ".join(missing)
            + " (expected columns: date, distance_km, moving_time, type; see docs/exports.md)",
        )
    return columns


def _csv_run(
    name: str,
    where: str,
    cell: Callable[[str], str],
    moving_header: str,
    digest: str,
) -> RunRecord:
    """One row's run, its values checked (errors name the row)."""
    sport = cell("type")
    day, start = _csv_when(name, where, cell("date"))
    km = _csv_distance(name, where, cell("km"), cell("miles"))
    minutes = _csv_minutes(name, where, cell("moving"), moving_header)
    hr_text = cell("avg_hr")
    avg_hr = _csv_float(name, f"{where}, heart rate", hr_text) if hr_text else None
    try:
        _check_run(name, sport, km, minutes)
    except RunFileError as exc:
        raise RunFileError(name, f"{where}: {exc.reason}") from None
    return RunRecord(
        source=name,
        fmt="csv",
        date=day,
        km=round(km, 3),
        moving_minutes=round(minutes, 2),
        start=start,
        avg_hr=avg_hr,
        sport=sport,
        name=cell("name"),
        file_sha256=digest,
    )


def _read_csv_rows(
    name: str, stream: io.TextIOWrapper, digest: str
) -> tuple[list[RunRecord], list[str]]:
    rows = _csv_reader(stream)
    header_row = next(rows, None)
    if header_row is None:
        raise RunFileError(name, "the CSV file is empty")
    header = [_norm_header(h) for h in header_row]
    columns = _csv_columns(name, header)
    runs: list[RunRecord] = []
    skipped: list[str] = []
    for number, row in enumerate(rows, start=2):
        if number > MAX_CSV_ROWS + 1:
            raise RunFileError(
                name,
                f"it has more than {MAX_CSV_ROWS:,} rows; split it (by year, say) and import "
                "the parts",
            )
        if not any(cell.strip() for cell in row):
            continue

        def cell(key: str, row: list[str] = row) -> str:
            index = columns.get(key)
            return row[index].strip() if index is not None and index < len(row) else ""

        where = f"row {number}"
        sport = cell("type")
        if sport and not RUN_TYPES.search(sport):
            skipped.append(f"{where}: {sport}")
            continue
        runs.append(_csv_run(name, where, cell, header[columns["moving"]], digest))
    if not runs and not skipped:
        raise RunFileError(name, "the CSV file holds no activities")
    return runs, skipped


def _csv_when(name: str, where: str, text: str) -> tuple[dt.date, dt.datetime | None]:
    if not text:
        raise RunFileError(name, f"{where}: the date is missing")
    try:
        if len(text) <= 10:
            return dt.date.fromisoformat(text), None
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            # Strava's activities.csv: "Jan 2, 2027, 7:30:00 AM", in UTC.
            moment = dt.datetime.strptime(text, STRAVA_DATE).replace(tzinfo=dt.UTC)
        except ValueError:
            raise RunFileError(
                name,
                f"{where}: expected a date as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS, got {text!r}",
            ) from None
    if moment.tzinfo is None:
        # A time without a zone is the runner's local time: keep the day, identify by it.
        return moment.date(), None
    return moment.date(), moment.astimezone(dt.UTC)


def _csv_float(name: str, where: str, text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise RunFileError(name, f"{where}: expected a number, got {text!r}") from None
    if value < 0:
        raise RunFileError(name, f"{where}: must not be negative, got {text!r}")
    return value


def _csv_distance(name: str, where: str, km: str, miles: str) -> float:
    if km:
        return _csv_float(name, f"{where}, distance", km)
    if miles:
        return _csv_float(name, f"{where}, distance", miles) * 1.609344
    raise RunFileError(name, f"{where}: the distance is missing")


def _csv_minutes(name: str, where: str, text: str, column: str) -> float:
    """Moving time as H:MM:SS, MM:SS, or a plain number (seconds; minutes for a
    ``minutes`` column)."""
    if not text:
        raise RunFileError(name, f"{where}: the moving time is missing")
    if ":" in text:
        parts = text.split(":")
        try:
            numbers = [float(p) for p in parts]
        except ValueError:
            numbers = []
        if len(numbers) not in (2, 3):
            raise RunFileError(
                name, f"{where}: expected the moving time as H:MM:SS or MM:SS, got {text!r}"
            )
        seconds = 0.0
        for n in numbers:
            seconds = seconds * 60 + n
        return seconds / 60.0
    value = _csv_float(name, f"{where}, moving time", text)
    return value if column == "minutes" else value / 60.0


#: Why a file that exhausted the reader's memory (or its stack) was refused.
TOO_BIG_TO_READ = "it is nested too deeply or too large to read"


def _out_of_memory(exc: BaseException) -> bool:
    """Whether the reader gave up for want of memory: a parser that wraps every error in its
    own (gpxpy does) still chains the ``MemoryError``, and expat says so in words."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, MemoryError) or "out of memory" in str(current):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def _plain(exc: BaseException) -> str:
    """Why a reader gave up, in words for people (never the reader's own message, which
    speaks of byte offsets, codecs and tokens)."""
    text = str(exc)
    if _out_of_memory(exc):
        return TOO_BIG_TO_READ
    if isinstance(exc, UnicodeDecodeError):
        return "it is not a text file"
    if isinstance(exc, EOFError) or "truncated" in text or "EOF" in type(exc).__name__:
        return "it ends too early (cut short or damaged)"
    if "CRC" in type(exc).__name__:
        return "its checksum does not match (the file is damaged)"
    if "Header" in type(exc).__name__:
        return "it does not start like a FIT file"
    if isinstance(exc, (OverflowError, ArithmeticError)) or "domain" in text:
        return "it holds a number or date beyond any real run"
    if isinstance(exc, TypeError) and "offset" in text:
        return "its times mix ones with and without a time zone"
    line = re.search(r"line (\d+)", text)
    if line is not None:
        return f"its XML breaks off at line {line.group(1)} (cut short or damaged)"
    return "its content is damaged or not what the file name says"

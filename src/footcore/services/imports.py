"""Importing runs from watch and phone files (GPX, TCX, FIT, CSV) into the run records.

One call reads every file first (through the run-file port,
:class:`footcore.services.ports.RunFileReader`: footcore.io's readers), then stores the runs of
the good files in ONE transaction, so a failure leaves nothing half-written; a file that is
malformed or holds no run is reported by name and nothing from it is stored. Each run is stored
with its fingerprint (``RunRecord.fingerprint``: the start instant, or for a CSV row without a
time the date, distance and moving time) as the run's ``client_id``, so importing the same run
again (the same file twice, a FIT and a GPX of one run, a longer CSV export that repeats old
rows) stores it once. Each run is classified easy, long or hard
(``footcore.domain.run_kind.classify``) against the athlete's runs of the 28 days before it,
stored ones and earlier ones in the same import alike.

Files hold no "how did it feel": imported runs are stored without a score (``felt`` None), so
the comparison of runs after foot work leaves them out instead of counting a made-up middle
score; the note says it was imported and why the run counts as long or hard.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from footcore.domain.errors import ValidationError
from footcore.domain.run_kind import HISTORY_DAYS, HistoryRun, RunRecord, classify
from footcore.services.context import Context, require_athlete
from footcore.services.records import RunEntry, validate_run

if TYPE_CHECKING:
    from footcore.services.ports import RunFileResult
    from footcore.services.unit_of_work import UnitOfWork

IMPORTED_FELT: int | None = None
#: When one run arrives in several files, the first format here is the one stored.
FORMAT_PREFERENCE = ("fit", "tcx", "gpx", "csv")


@dataclass(frozen=True)
class ImportedRun:
    source: str
    date: dt.date
    km: float
    minutes: float
    kind: str
    reasons: tuple[str, ...]
    fingerprint: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.source,
            "date": self.date.isoformat(),
            "km": self.km,
            "minutes": self.minutes,
            "kind": self.kind,
            "reasons": list(self.reasons),
            "fingerprint": self.fingerprint,
        }


@dataclass(frozen=True)
class FailedFile:
    name: str
    reason: str


@dataclass(frozen=True)
class ImportReport:
    """What an import did: runs stored, runs already there, rows skipped, files refused."""

    files: int
    stored: tuple[ImportedRun, ...]
    already_stored: tuple[ImportedRun, ...]
    skipped: tuple[str, ...]  # "FILE: row N: Ride" (CSV rows that are not runs)
    failed: tuple[FailedFile, ...]

    @property
    def ok(self) -> bool:
        return not self.failed

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "stored": [r.to_dict() for r in self.stored],
            "already_stored": [r.to_dict() for r in self.already_stored],
            "skipped": list(self.skipped),
            "failed": [{"file": f.name, "reason": f.reason} for f in self.failed],
        }


class ImportService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def import_runs(
        self,
        athlete_id: int,
        files: Sequence[tuple[str, bytes]],
        on_file: Callable[[str], None] | None = None,
    ) -> ImportReport:
        """Import run files given as (name, bytes); ``on_file`` reports progress."""
        # A run from after tomorrow is a wrong clock or a crafted file, never a run.
        latest = self.ctx.today() + dt.timedelta(days=1)
        reader = self.ctx.formats.run_files()
        results = reader.read_run_files_limited(files, on_file, latest=latest)
        records, skipped, failed = _usable_runs(results)
        unique, copies = _one_file_per_run(records)
        stored: list[ImportedRun] = []
        repeated: list[ImportedRun] = []
        with self.ctx.uow() as uow:
            require_athlete(uow, athlete_id)
            age = _age(uow.profiles.latest(athlete_id))
            history, known = _stored_history(uow, athlete_id, unique)
            for record in unique:
                entry, imported = _entry(record, history.before(record.date), age)
                if record.fingerprint not in known:
                    history.add(HistoryRun(record.date, record.km, record.moving_minutes))
                new = uow.runs.add_once(
                    {
                        "athlete_id": athlete_id,
                        "date": entry.date,
                        "km": entry.km,
                        "minutes": entry.minutes,
                        "kind": entry.kind,
                        "felt": entry.felt,
                        "note": entry.note,
                        "client_id": entry.client_id,
                        "created_at": self.ctx.now(),
                    }
                )
                (stored if new else repeated).append(imported)
        for copy in copies:
            repeated.append(_entry(copy, history.before(copy.date), age)[1])
        return ImportReport(
            files=len(results),
            stored=tuple(stored),
            already_stored=tuple(repeated),
            skipped=tuple(skipped),
            failed=tuple(failed),
        )


def _usable_runs(
    results: Sequence[RunFileResult],
) -> tuple[list[RunRecord], list[str], list[FailedFile]]:
    """The runs of the files that read and hold only valid runs, the rows skipped as not
    runs (named by file), and the files that failed, with why."""
    failed: list[FailedFile] = []
    skipped: list[str] = []
    records: list[RunRecord] = []
    for result in results:
        if result.error is not None:
            failed.append(FailedFile(result.name, result.error))
            continue
        problem = _invalid(result.runs)
        if problem is not None:
            failed.append(FailedFile(result.name, problem))
            continue
        records.extend(result.runs)
        skipped.extend(f"{result.name}: {row}" for row in result.skipped)
    return records, skipped, failed


def _one_file_per_run(records: Sequence[RunRecord]) -> tuple[list[RunRecord], list[RunRecord]]:
    """One run in several files (a watch's FIT and an app's GPX): the richest format's
    record of each run, in date order, and the other copies."""
    chosen: dict[str, RunRecord] = {}
    copies: list[RunRecord] = []
    for record in sorted(records, key=lambda r: FORMAT_PREFERENCE.index(r.fmt)):
        if record.fingerprint in chosen:
            copies.append(record)
        else:
            chosen[record.fingerprint] = record
    unique = sorted(
        chosen.values(),
        key=lambda r: (r.date, r.start or dt.datetime.min.replace(tzinfo=dt.UTC)),
    )
    return unique, copies


def _stored_history(
    uow: UnitOfWork, athlete_id: int, unique: Sequence[RunRecord]
) -> tuple[_History, set[str]]:
    """The athlete's stored runs from HISTORY_DAYS before the first new one (each run's
    classification reads the weeks before it), and the client ids already stored."""
    history = _History()
    known: set[str] = set()
    if unique:
        since = unique[0].date - dt.timedelta(days=HISTORY_DAYS)
        for row in uow.runs.list(athlete_id, since=since):
            history.add(HistoryRun(row.date, row.km, row.minutes))
            if row.client_id:
                known.add(row.client_id)
    return history, known


class _History:
    """The known runs in date order, so each run's 28 days before are found by bisection:
    an import of thousands of runs stays linear (scanning every known run for each one made
    20,000 CSV rows take 85 s)."""

    def __init__(self) -> None:
        self._days: list[dt.date] = []
        self._runs: list[HistoryRun] = []

    def add(self, run: HistoryRun) -> None:
        at = bisect.bisect_right(self._days, run.date)
        self._days.insert(at, run.date)
        self._runs.insert(at, run)

    def before(self, day: dt.date) -> Sequence[HistoryRun]:
        """The runs of the ``HISTORY_DAYS`` days before ``day`` (not ``day`` itself)."""
        lo = bisect.bisect_left(self._days, day - dt.timedelta(days=HISTORY_DAYS))
        hi = bisect.bisect_left(self._days, day)
        return self._runs[lo:hi]


def _age(profile_row: Any) -> int | None:
    if profile_row is None:
        return None
    age = profile_row.data.get("age")
    return int(age) if isinstance(age, int | float) and not isinstance(age, bool) else None


def _entry(
    record: RunRecord, history: Sequence[HistoryRun], age: int | None
) -> tuple[RunEntry, ImportedRun]:
    verdict = classify(record, history, age)
    note = f"Imported from {record.source} ({record.fmt.upper()})."
    if verdict.reasons:
        note += f" {verdict.kind.capitalize()}: " + "; ".join(verdict.reasons) + "."
    entry = RunEntry(
        date=record.date,
        km=record.km,
        minutes=record.moving_minutes,
        kind=verdict.kind,
        felt=IMPORTED_FELT,
        note=note,
        client_id=record.fingerprint,
    )
    imported = ImportedRun(
        source=record.source,
        date=record.date,
        km=record.km,
        minutes=record.moving_minutes,
        kind=verdict.kind,
        reasons=verdict.reasons,
        fingerprint=record.fingerprint,
    )
    return entry, imported


def _invalid(runs: Sequence[RunRecord]) -> str | None:
    """Why a file's runs cannot be stored (out of range), or None."""
    for run in runs:
        try:
            validate_run(
                RunEntry(run.date, run.km, run.moving_minutes, "easy", IMPORTED_FELT, None, "x")
            )
        except ValidationError as exc:
            return f"run of {run.date.isoformat()}: {exc}"
    return None

"""The services reach files and the loopback rule only through what their Context is given
(services/ports.py, wired by footcore.bootstrap): a test hands them stand-ins of the same
shape and sees the use case go through them, on the in-memory unit of work."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence

from footcore.domain.run_kind import RunRecord
from footcore.services.accounts import AccountService
from footcore.services.imports import ImportService
from footcore.services.ports import RunFileResult
from tests.support.fake_uow import FakeDatabase, fake_context

DAY = dt.date(2027, 1, 4)
T0 = dt.datetime(2027, 1, 4, 7, 0, tzinfo=dt.UTC)


@dataclasses.dataclass(frozen=True)
class Result:
    name: str
    runs: Sequence[RunRecord]
    skipped: Sequence[str] = ()
    error: str | None = None


class Reader:
    """A run-file reader that reads nothing: it answers the results it was given and keeps
    what it was asked."""

    def __init__(self, results: Sequence[Result]) -> None:
        self.results = results
        self.asked: list[tuple[Sequence[tuple[str, bytes]], dt.date | None]] = []

    def read_run_files_limited(
        self,
        files: Sequence[tuple[str, bytes]],
        on_file: Callable[[str], None] | None = None,
        *,
        latest: dt.date | None = None,
    ) -> Sequence[RunFileResult]:
        self.asked.append((files, latest))
        return self.results


def test_the_run_import_reads_the_files_through_its_port() -> None:
    db = FakeDatabase()
    with db() as uow:
        ana = uow.athletes.add("Ana", T0).id
    start = dt.datetime(2027, 1, 3, 8, 0, tzinfo=dt.UTC)
    record = RunRecord("long.gpx", "gpx", DAY - dt.timedelta(days=1), 21.1, 120.0, start=start)
    reader = Reader([Result("long.gpx", [record]), Result("bad.fit", [], error="damaged")])
    ctx = fake_context(db, today=DAY)
    ctx = dataclasses.replace(
        ctx, formats=dataclasses.replace(ctx.formats, run_files=lambda: reader)
    )
    files = [("long.gpx", b"never parsed here"), ("bad.fit", b"")]
    report = ImportService(ctx).import_runs(ana, files)
    assert reader.asked == [(files, DAY + dt.timedelta(days=1))]  # nothing after tomorrow
    assert [(r.fingerprint, r.kind) for r in report.stored] == [(record.fingerprint, "long")]
    assert [(f.name, f.reason) for f in report.failed] == [("bad.fit", "damaged")]
    with db() as uow:
        assert [(r.km, r.kind) for r in uow.runs.list(ana)] == [(21.1, "long")]


def test_the_loopback_rule_is_the_one_the_context_was_given() -> None:
    """A host the rule says needs accounts is multi-user mode without a database read; the
    production rule (footcore.config's) is wired in by bootstrap.context."""
    db = FakeDatabase()
    ctx = dataclasses.replace(
        fake_context(db, today=DAY), multi_user_required=lambda host: host == "shared.lan"
    )
    assert AccountService(ctx).multi_user(False, "shared.lan") is True
    assert db.made == []
    assert fake_context(db, today=DAY).multi_user_required("0.0.0.0") is True
    assert fake_context(db, today=DAY).multi_user_required("127.0.0.1") is False

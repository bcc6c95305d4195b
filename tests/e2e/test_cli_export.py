"""`footcore export ...` and `footcore runs import`, through the CLI runner on SQLite.

Every file the commands write is read back with an independent reader.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import fitdecode  # type: ignore[import-untyped]
import gpxpy.gpx
import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest
import vobject  # type: ignore[import-untyped]
from fhir.resources.R4B.bundle import Bundle
from pypdf import PdfReader
from typer.testing import CliRunner

from footcore.cli.app import app as cli
from tests.support.profiles import ana, as_toml

START = "2027-01-04"
PROFILE = as_toml(ana("cramp_prone", "pain", "running.weekly_km"))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str) -> Any:
    return runner.invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def ready(tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("FOOTCORE_DATABASE_URL", raising=False)
    monkeypatch.setenv("FOOTCORE_DATA_DIR", str(tmp_path / "data"))
    profile = tmp_path / "ana.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    result = invoke(runner, "init", "--profile", str(profile), "--start", START)
    assert result.exit_code == 0, result.output
    return tmp_path


def test_export_ics_writes_a_calendar_file(ready: Path, runner: CliRunner) -> None:
    out = ready / "plan.ics"
    result = invoke(runner, "export", "ics", "--output", str(out), "--tz", "Europe/Lisbon")
    assert result.exit_code == 0, result.output
    cal = vobject.readOne(out.read_text(encoding="utf-8"))
    first = cal.vevent_list[0]
    assert first.uid.value.startswith(f"{START}-")
    assert first.dtstart.value.tzinfo is not None
    assert first.valarm.trigger.value == dt.timedelta(minutes=-10)


@pytest.mark.parametrize(("kind", "paper"), [("plan", "a4"), ("progress", "letter")])
def test_export_pdf_writes_a_handout_that_opens(
    ready: Path, runner: CliRunner, kind: str, paper: str
) -> None:
    out = ready / f"{kind}.pdf"
    result = invoke(runner, "export", "pdf", "--kind", kind, "--paper", paper, "--output", str(out))
    assert result.exit_code == 0, result.output
    document = pdfium.PdfDocument(out.read_bytes())
    assert len(document) >= 1
    document[0].render(scale=0.3).to_pil()
    document.close()
    width = float(PdfReader(out).pages[0].mediabox.width)
    assert width == pytest.approx(595.3 if paper == "a4" else 612.0, abs=0.5)


def test_export_fhir_writes_a_valid_bundle(ready: Path, runner: CliRunner) -> None:
    out = ready / "fhir.json"
    assert invoke(runner, "export", "fhir", "--output", str(out)).exit_code == 0
    bundle = Bundle.model_validate_json(out.read_bytes())
    assert {type(e.resource).__name__ for e in bundle.entry or []} >= {"Patient", "CarePlan"}


def test_export_fit_writes_the_planned_session(ready: Path, runner: CliRunner) -> None:
    plan = json.loads(invoke(runner, "today", "--date", START, "--json").stdout)
    slot = plan["day"]["sessions"][0]["slot"]
    out = ready / "s.fit"
    result = invoke(runner, "export", "fit", "--date", START, "--slot", slot, "--output", str(out))
    assert result.exit_code == 0, result.output
    steps = 0
    with fitdecode.FitReader(str(out)) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "workout_step":
                steps += 1
    assert steps >= len(plan["day"]["sessions"][0]["items"])


def test_export_csv_writes_to_standard_output(ready: Path, runner: CliRunner) -> None:
    result = invoke(runner, "export", "csv", "--what", "self-tests", "--output", "-")
    assert result.exit_code == 0
    assert next(csv.reader(io.StringIO(result.stdout)))[:3] == ["date", "test", "name"]


def test_export_errors_are_messages_not_tracebacks(ready: Path, runner: CliRunner) -> None:
    result = invoke(runner, "export", "pdf", "--kind", "poster", "--output", str(ready / "x"))
    assert result.exit_code == 2
    assert "kind: must be one of: plan, progress" in result.stderr
    result = invoke(
        runner, "export", "fit", "--date", START, "--slot", "nowhere", "-o", str(ready / "x")
    )
    assert result.exit_code == 2
    assert "no 'nowhere' session is planned on 2027-01-04" in result.stderr
    result = invoke(runner, "export", "ics", "--tz", "Mars/Base", "-o", str(ready / "x"))
    assert result.exit_code == 2
    assert "unknown time zone 'Mars/Base'" in result.stderr


def gpx_file(path: Path, start: dt.datetime, km: float, minutes: float) -> Path:
    doc = gpxpy.gpx.GPX()
    track = gpxpy.gpx.GPXTrack(name="Run")
    track.type = "running"  # type: ignore[assignment]
    doc.tracks.append(track)
    segment = gpxpy.gpx.GPXTrackSegment()
    track.segments.append(segment)
    steps = int(minutes * 6)
    for i in range(steps + 1):
        metres = km * 1000 * i / steps
        segment.points.append(
            gpxpy.gpx.GPXTrackPoint(
                38.7 + metres / 111_195.0, -9.14, time=start + dt.timedelta(seconds=10 * i)
            )
        )
    path.write_text(doc.to_xml(), encoding="utf-8")
    return path


#: Runs read by the CLI must lie in the past of the real clock (a run from the future is
#: refused): the Sunday of last week, at 08:00 UTC.
_TODAY = dt.datetime.now(dt.UTC).date()
LAST_SUNDAY = dt.datetime.combine(
    _TODAY - dt.timedelta(days=_TODAY.weekday() + 1), dt.time(8, 0), tzinfo=dt.UTC
)


def test_runs_import_reads_a_folder_and_stores_each_run_once(
    ready: Path, runner: CliRunner
) -> None:
    folder = ready / "watch"
    folder.mkdir()
    sunday = LAST_SUNDAY
    gpx_file(folder / "long.gpx", sunday, 22, 125)
    gpx_file(folder / "easy.gpx", sunday - dt.timedelta(days=2), 8, 47)
    (folder / "notes.txt").write_text("not a run file")
    result = invoke(runner, "runs", "import", str(folder), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [(r["date"], r["kind"]) for r in report["stored"]] == [
        ((sunday - dt.timedelta(days=2)).date().isoformat(), "easy"),
        (sunday.date().isoformat(), "long"),
    ]
    again = invoke(runner, "runs", "import", str(folder / "long.gpx"))
    assert again.exit_code == 0
    assert "0 stored, 1 already stored" in again.stdout
    listed = json.loads(invoke(runner, "runs", "list", "--json").stdout)
    assert [r["kind"] for r in listed] == ["easy", "long"]


def test_runs_import_names_a_bad_file_and_exits_2(ready: Path, runner: CliRunner) -> None:
    good = gpx_file(ready / "good.gpx", LAST_SUNDAY - dt.timedelta(days=1), 8, 47)
    bad = ready / "broken.fit"
    bad.write_bytes(b"definitely not a FIT file")
    result = invoke(runner, "runs", "import", str(good), str(bad))
    assert result.exit_code == 2
    assert "1 stored, 0 already stored, 1 file refused, from 2 files." in result.stdout
    assert "broken.fit: not a readable FIT file" in result.stderr
    assert "nothing from it was stored" in result.stderr
    missing = invoke(runner, "runs", "import", str(ready / "nope.gpx"))
    assert missing.exit_code == 2
    assert "no such file or folder" in missing.stderr

"""Exports and run imports over stored data, on SQLite and PostgreSQL.

Every produced file is read back with an independent reader: vobject (iCalendar), pypdf and
pypdfium2 (PDF), fhir.resources (FHIR), fitdecode (FIT), csv (CSV).
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import fitdecode  # type: ignore[import-untyped]
import gpxpy.gpx
import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest
import vobject  # type: ignore[import-untyped]
from fhir.resources.R4B.bundle import Bundle
from pypdf import PdfReader

import footcore.services.exports as exports_module
from footcore.bootstrap import App
from footcore.domain.errors import FootcoreError, ValidationError
from footcore.domain.vocab import Slot
from footcore.domain.wording import item_dose_text
from footcore.io.fitworkout import workout_name
from footcore.services import Feedback, ItemEntry, RunEntry, SessionHeader
from footcore.services.exports import ExportService
from footcore.services.imports import IMPORTED_FELT, ImportService

from .support import PROFILE, TODAY, Clock


def battery(day: dt.date, left: float) -> dict[str, object]:
    return {
        "age": 38,
        "sex": "female",
        "date": day.isoformat(),
        "results": {"knee_to_wall_cm": {"left": left, "right": 11.0}, "pain_nrs": 3},
    }


def onboard_with_records(app: App) -> int:
    athlete = app.services.onboard(PROFILE).athlete.id
    day = app.services.today(athlete, TODAY)
    session = dict(day.sessions[0])
    items = [ItemEntry(n, i["exercise"], i, i["sets"]) for n, i in enumerate(session["items"])]
    app.services.log_session(
        athlete,
        SessionHeader("s-1", TODAY, session["slot"], "manual"),
        items,
        Feedback(difficulty=2, pain=2),
    )
    app.services.record_assessment(athlete, battery(TODAY, 9.0))
    return athlete


def test_the_calendar_holds_the_stored_programme_with_stable_uids(app: App) -> None:
    athlete = onboard_with_records(app)
    exports = ExportService(app.services.ctx)
    file = exports.calendar(athlete)
    assert file.media_type.startswith("text/calendar")
    cal = vobject.readOne(file.content.decode("utf-8"))
    plan = app.services.current_programme(athlete).plan
    planned = sum(len(d["sessions"]) for w in plan["weeks"] for d in w["days"])
    events = cal.vevent_list
    assert len(events) == planned
    first = plan["weeks"][0]["days"][0]
    assert (
        events[0].uid.value
        == f"{first['date']}-{first['sessions'][0]['slot']}@athlete-{athlete}.footcore"
    )
    again = vobject.readOne(exports.calendar(athlete).content.decode("utf-8"))
    assert [e.uid.value for e in again.vevent_list] == [e.uid.value for e in events]


def test_both_handouts_open_and_carry_the_athletes_data(app: App) -> None:
    athlete = onboard_with_records(app)
    exports = ExportService(app.services.ctx)
    plan_pdf = exports.handout(athlete, "plan", "letter")
    assert plan_pdf.filename == "footcore-plan-ana-letter.pdf"
    progress = exports.handout(athlete, "progress", "a4")
    for file in (plan_pdf, progress):
        document = pdfium.PdfDocument(file.content)
        assert len(document) >= 1
        document[0].render(scale=0.3).to_pil()
        document.close()
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(progress.content)).pages).split()
    )
    assert "Ana, up to Monday 4 January 2027" in text
    assert "Knee-to-wall, left foot" in text
    with pytest.raises(ValidationError, match="2 problems"):
        exports.handout(athlete, "poster", "a3")


def test_the_progress_handout_reads_pain_from_the_session_logs(app: App) -> None:
    athlete = onboard_with_records(app)
    data = ExportService(app.services.ctx).progress_handout(athlete)
    assert [(p.date, p.during, p.next_morning) for p in data.pain] == [(TODAY, 2, None)]


def test_the_fhir_bundle_validates_and_holds_the_stored_results(app: App) -> None:
    athlete = onboard_with_records(app)
    file = ExportService(app.services.ctx).fhir(athlete)
    bundle = Bundle.model_validate_json(file.content)
    kinds = [e.resource.__class__.__name__ for e in bundle.entry or []]
    assert kinds.count("Patient") == 1
    assert kinds.count("CarePlan") == 1
    assert kinds.count("Observation") == 3  # knee-to-wall left and right, pain


def test_a_planned_session_exports_as_a_fit_workout(app: App) -> None:
    athlete = onboard_with_records(app)
    day = app.services.today(athlete, TODAY)
    slot = str(day.sessions[0]["slot"])
    file = ExportService(app.services.ctx).session_fit(athlete, TODAY, slot)
    names = []
    with fitdecode.FitReader(io.BytesIO(file.content)) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "workout":
                names.append(frame.get_value("wkt_name"))
    assert names == [workout_name(TODAY, Slot(slot))]
    with pytest.raises(FootcoreError, match="no 'nowhere' session is planned"):
        ExportService(app.services.ctx).session_fit(athlete, TODAY, "nowhere")


def test_session_logs_and_self_tests_export_as_csv(app: App) -> None:
    athlete = onboard_with_records(app)
    exports = ExportService(app.services.ctx)
    logs = list(csv.DictReader(io.StringIO(exports.session_logs_csv(athlete).content.decode())))
    day = app.services.today(athlete, TODAY)
    first = dict(day.sessions[0])
    assert [r["exercise"] for r in logs] == [i["exercise"] for i in first["items"]]
    assert [r["planned_dose"] for r in logs] == [item_dose_text(i) for i in first["items"]]
    assert {r["session_pain"] for r in logs} == {"2"}
    tests = list(csv.DictReader(io.StringIO(exports.self_tests_csv(athlete).content.decode())))
    assert [(r["test"], r["part"], r["value"]) for r in tests] == [
        ("knee_to_wall_cm", "left", "9"),
        ("knee_to_wall_cm", "right", "11"),
        ("pain_nrs", "value", "3"),
    ]


# --- run import -------------------------------------------------------------------------------

MORNING = dt.datetime(2027, 1, 10, 7, 30, tzinfo=dt.UTC)


def gpx(km: float, minutes: float, start: dt.datetime = MORNING, kind: str = "running") -> bytes:
    doc = gpxpy.gpx.GPX()
    track = gpxpy.gpx.GPXTrack(name="Run")
    track.type = kind  # type: ignore[assignment]
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
    return doc.to_xml().encode()


def test_imported_runs_are_stored_classified_and_once_only(app: App, clock: Clock) -> None:
    clock.day = MORNING.date() + dt.timedelta(days=1)  # the runs are in the past
    athlete = app.services.onboard(PROFILE).athlete.id
    service = ImportService(app.services.ctx)
    files = [
        ("sat.gpx", gpx(8, 48, MORNING - dt.timedelta(days=1))),
        ("sun.gpx", gpx(21.1, 125)),
        ("log.csv", b"date,distance_km,moving_time,type,name\n2027-01-05,5,0:21:00,Run,5k race\n"),
    ]
    progress: list[str] = []
    report = service.import_runs(athlete, files, on_file=progress.append)
    assert progress == ["sat.gpx", "sun.gpx", "log.csv"]
    assert report.ok
    assert [(r.date.isoformat(), r.kind) for r in report.stored] == [
        ("2027-01-05", "hard"),
        ("2027-01-09", "easy"),
        ("2027-01-10", "long"),
    ]
    runs = app.services.runs(athlete)
    assert [(r.kind, r.felt) for r in runs] == [
        ("hard", IMPORTED_FELT),
        ("easy", IMPORTED_FELT),
        ("long", IMPORTED_FELT),
    ]
    assert runs[2].note is not None
    assert runs[2].note.startswith("Imported from sun.gpx (GPX). Long: 21.1 km")

    again = service.import_runs(athlete, files)
    assert again.stored == ()
    assert len(again.already_stored) == 3
    assert len(app.services.runs(athlete)) == 3


def test_a_bad_file_is_refused_by_name_and_nothing_from_it_is_stored(
    app: App, clock: Clock
) -> None:
    clock.day = MORNING.date() + dt.timedelta(days=1)  # the runs are in the past
    athlete = app.services.onboard(PROFILE).athlete.id
    bad_csv = b"date,distance_km,moving_time\n2027-01-02,5,0:30:00\n2027-01-03,5,later\n"
    report = ImportService(app.services.ctx).import_runs(
        athlete,
        [
            ("good.gpx", gpx(8, 48)),
            ("ride.gpx", gpx(30, 60, kind="cycling")),
            ("half.csv", bad_csv),
            ("cut.gpx", gpx(8, 48)[:200]),
        ],
    )
    assert [(f.name, f.reason.split(":")[0]) for f in report.failed] == [
        ("ride.gpx", "not a run"),
        ("half.csv", "row 3, moving time"),
        ("cut.gpx", "not a readable GPX file"),
    ]
    assert "its XML breaks off at line" in report.failed[2].reason
    assert [r.source for r in report.stored] == ["good.gpx"]
    assert [r.date for r in app.services.runs(athlete)] == [MORNING.date()]


def test_a_run_dated_after_tomorrow_is_refused_and_nothing_is_stored(
    app: App, clock: Clock
) -> None:
    clock.day = MORNING.date() - dt.timedelta(days=2)  # the run is two days ahead
    athlete = app.services.onboard(PROFILE).athlete.id
    report = ImportService(app.services.ctx).import_runs(athlete, [("ahead.gpx", gpx(8, 48))])
    assert [f.name for f in report.failed] == ["ahead.gpx"]
    assert "is the watch's clock right?" in report.failed[0].reason
    assert app.services.runs(athlete) == []


def test_stored_runs_set_the_typical_run_for_long_run_recognition(app: App, clock: Clock) -> None:
    clock.day = MORNING.date() + dt.timedelta(days=2)  # the runs are in the past
    athlete = app.services.onboard(PROFILE).athlete.id
    for days in (3, 6, 9):
        app.services.add_run(
            athlete, RunEntry(MORNING.date() - dt.timedelta(days=days), 12, 66, "easy", 4)
        )
    service = ImportService(app.services.ctx)
    report = service.import_runs(athlete, [("sunday.gpx", gpx(17, 89))])
    assert report.stored[0].kind == "easy"  # 17 km < 1.5 x 12 km
    report = service.import_runs(
        athlete, [("next.gpx", gpx(18.5, 89, MORNING + dt.timedelta(days=1)))]
    )
    assert report.stored[0].kind == "long"
    assert "1.5 x your typical 12.0 km" in report.stored[0].reasons[0]


def test_an_unknown_athlete_imports_nothing(app: App) -> None:
    app.services.onboard(PROFILE)
    with pytest.raises(FootcoreError, match="athlete"):
        ImportService(app.services.ctx).import_runs(999, [("a.gpx", gpx(8, 48))])


def test_the_calendar_is_in_the_profiles_zone_else_the_machines(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 16 item 12: times with a zone and its VTIMEZONE; one reminder a day unless the
    person chooses otherwise."""
    athlete = app.services.onboard(PROFILE).athlete.id
    exports = ExportService(app.services.ctx)
    monkeypatch.setattr(exports_module, "machine_time_zone", lambda: "America/Chicago")
    machine = exports.calendar(athlete).content
    assert b"BEGIN:VTIMEZONE" in machine
    assert b"DTSTART;TZID=America/Chicago:" in machine
    app.services.update_profile(athlete, {**PROFILE, "time_zone": "Europe/Lisbon"})
    own = exports.calendar(athlete).content
    assert b"DTSTART;TZID=Europe/Lisbon:" in own
    events = vobject.readOne(own.decode()).vevent_list
    days = {e.dtstart.value.date() for e in events}
    assert own.count(b"BEGIN:VALARM") == len(days) < len(events)  # one a day
    every = exports.calendar(athlete, reminders="session").content
    assert every.count(b"BEGIN:VALARM") == every.count(b"BEGIN:VEVENT")
    assert b"BEGIN:VALARM" not in exports.calendar(athlete, reminders="none").content
    with pytest.raises(ValidationError, match="reminders"):
        exports.calendar(athlete, reminders="hourly")

"""Reading run files (GPX, TCX, FIT, CSV) and telling easy, long and hard runs apart.

The sample files are written with gpxpy, ElementTree (TCX schema) and fit-tool in
runfile_samples.py; footcore reads them with gpxpy, tcxreader and fitdecode.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from footcore.domain.errors import FootcoreError
from footcore.domain.run_kind import HistoryRun, RunRecord, classify, max_heart_rate
from footcore.io.runfiles import expand_paths, read_run_file, read_run_files

from .runfile_samples import START, fit_run, gpx_run, tcx_run


def one(name: str, data: bytes) -> RunRecord:
    result = read_run_file(name, data)
    assert result.error is None, result.error
    assert len(result.runs) == 1
    return result.runs[0]


def test_a_gpx_run_gives_start_distance_moving_time_and_heart_rate() -> None:
    run = one("Morning_Run.gpx", gpx_run(km=10, minutes=55, hr=150))
    assert run.fmt == "gpx"
    assert run.start == START
    assert run.date == START.date()
    assert run.km == pytest.approx(10, abs=0.05)
    assert run.moving_minutes == pytest.approx(55, abs=0.2)
    assert run.avg_hr == 150
    assert run.sport == "running"
    assert run.name == "Morning Run"


def test_a_tcx_run_is_read_with_its_sport_distance_and_heart_rate() -> None:
    run = one("run.tcx", tcx_run(km=8, minutes=44, hr=145))
    assert (run.fmt, run.sport, run.start) == ("tcx", "Running", START)
    assert run.km == pytest.approx(8)
    assert run.moving_minutes == pytest.approx(44, abs=0.2)
    assert run.avg_hr == 145


def test_a_fit_activity_is_read_from_its_session_message() -> None:
    run = one("watch.fit", fit_run(km=21.1, minutes=110, hr=160))
    assert (run.fmt, run.sport, run.start) == ("fit", "running", START)
    assert run.km == pytest.approx(21.1)
    assert run.moving_minutes == pytest.approx(110)
    assert run.avg_hr == 160
    assert run.max_hr == 170


def test_a_fit_activity_without_a_session_is_summed_from_its_records() -> None:
    run = one("watch.fit", fit_run(km=12, minutes=66, with_session=False))
    assert run.start == START
    assert run.km == pytest.approx(12, abs=0.01)
    assert run.moving_minutes == pytest.approx(66, abs=0.6)


def test_the_same_run_from_a_watch_and_an_app_has_one_fingerprint() -> None:
    fit = one("watch.fit", fit_run(km=10, minutes=55))
    gpx = one("strava.gpx", gpx_run(km=10, minutes=55))
    other = one("later.gpx", gpx_run(start=START + dt.timedelta(hours=9)))
    assert fit.fingerprint == gpx.fingerprint
    assert fit.fingerprint != other.fingerprint
    assert len(fit.fingerprint) <= 64


def test_a_csv_of_activities_reads_runs_and_skips_other_sports() -> None:
    text = (
        "Activity Date,Activity Name,Activity Type,Distance,Moving Time,Average Heart Rate\n"
        "2027-01-02,Easy jog,Run,6.2,2050,141\n"
        "2027-01-03,Commute,Ride,30,4200,\n"
        "2027-01-05T07:30:00Z,Parkrun,Run,5,0:21:30,\n"
    )
    result = read_run_file("activities.csv", text.encode())
    assert result.error is None
    assert [r.date.isoformat() for r in result.runs] == ["2027-01-02", "2027-01-05"]
    easy, park = result.runs
    assert easy.km == 6.2
    assert easy.moving_minutes == pytest.approx(2050 / 60, abs=0.01)
    assert easy.avg_hr == 141
    assert easy.start is None
    assert park.start == dt.datetime(2027, 1, 5, 7, 30, tzinfo=dt.UTC)
    assert park.moving_minutes == 21.5
    assert result.skipped == ["row 3: Ride"]


def test_a_strava_export_with_its_own_date_format_and_two_distance_columns_reads() -> None:
    text = (
        "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,"
        "Moving Time,Distance\n"
        '101,"Jan 2, 2027, 7:30:00 AM",Lunch Run,Run,2100,6.20,2050.0,6200.0\n'
    )
    run = read_run_file("activities.csv", text.encode()).runs[0]
    assert run.start == dt.datetime(2027, 1, 2, 7, 30, tzinfo=dt.UTC)
    assert run.km == 6.2
    assert run.moving_minutes == pytest.approx(2050 / 60, abs=0.01)
    assert run.name == "Lunch Run"


def test_a_csv_in_miles_and_minutes_is_converted() -> None:
    text = "date;distance_mi;minutes;type\n2027-01-02;5;50;running\n"
    run = read_run_file("log.csv", text.encode()).runs[0]
    assert run.km == pytest.approx(8.047, abs=0.001)
    assert run.moving_minutes == 50


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("ride.gpx", gpx_run(kind="cycling"), "not a run: the file says the activity is 'cycling'"),
        ("bike.tcx", tcx_run(sport="Biking"), "not a run: the file says the activity is 'Biking'"),
        (
            "bike.fit",
            fit_run(sport="CYCLING"),
            "not a run: the file says the activity is 'cycling'",
        ),
        ("walk.gpx", gpx_run(km=3, minutes=60, kind=None), "a walk or a rest"),
        ("broken.gpx", b"<gpx><trk>", "not a readable GPX file"),
        ("broken.tcx", b"<TrainingCenterDatabase", "not a readable TCX file"),
        ("cut.fit", fit_run()[:-40], "not a readable FIT file"),
        ("noise.fit", b"this is not a fit file at all", "not a readable FIT file"),
        ("empty.gpx", b"", "the file is empty"),
        ("notes.txt", b"hello", "not a run file"),
        ("bad.csv", b"date,distance_km,moving_time\n2027-01-02,six,0:30:00\n", "expected a number"),
        ("nohead.csv", b"when,how far\n2027-01-02,5\n", "the CSV header lacks"),
    ],
)
def test_a_bad_or_non_running_file_is_refused_with_the_reason(
    name: str, data: bytes, reason: str
) -> None:
    result = read_run_file(name, data)
    assert result.runs == []
    assert result.error is not None
    assert reason in result.error


def test_one_bad_row_refuses_the_whole_csv() -> None:
    text = "date,distance_km,moving_time\n2027-01-02,5,0:30:00\n2027-01-03,5,soon\n"
    result = read_run_file("runs.csv", text.encode())
    assert result.runs == []
    assert result.error is not None
    assert result.error.startswith("row 3, moving time: expected a number, got 'soon'")


def test_reading_several_files_reports_progress_for_each(tmp_path: Path) -> None:
    seen: list[str] = []
    results = read_run_files([("a.gpx", gpx_run()), ("b.txt", b"x")], on_file=seen.append)
    assert seen == ["a.gpx", "b.txt"]
    assert [r.error is None for r in results] == [True, False]


def test_folders_expand_to_the_run_files_inside(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.gpx").write_bytes(b"x")
    (tmp_path / "sub" / "b.FIT").write_bytes(b"x")
    (tmp_path / "notes.md").write_text("x")
    found = expand_paths([tmp_path, tmp_path / "a.gpx"])
    assert [p.name for p in found] == ["a.gpx", "b.FIT"]
    with pytest.raises(FootcoreError, match="no such file or folder"):
        expand_paths([tmp_path / "missing.gpx"])


# --- classification ---------------------------------------------------------------------------


def run(km: float, minutes: float, *, name: str = "", avg_hr: float | None = None) -> RunRecord:
    return RunRecord(
        source="x.gpx",
        fmt="gpx",
        date=START.date(),
        km=km,
        moving_minutes=minutes,
        start=START,
        name=name,
        avg_hr=avg_hr,
    )


def history(km: float, minutes: float, count: int = 4, days_back: int = 2) -> list[HistoryRun]:
    return [
        HistoryRun(START.date() - dt.timedelta(days=days_back + 2 * i), km, minutes)
        for i in range(count)
    ]


def test_an_ordinary_run_is_easy() -> None:
    assert classify(run(8, 46), history(8, 46), age=38).kind == "easy"


def test_fifteen_km_is_long_without_history_and_ninety_minutes_is_long_anyway() -> None:
    assert classify(run(15, 85), []).kind == "long"
    assert classify(run(14.9, 80), []).kind == "easy"
    verdict = classify(run(12, 92), [])
    assert verdict.kind == "long"
    assert "90 minutes" in verdict.reasons[0]


def test_long_means_one_and_a_half_times_the_typical_run_when_that_is_more() -> None:
    usual = history(14, 70)  # 5:00 per km
    assert classify(run(18, 89), usual).kind == "easy"  # 18 < 1.5 x 14 = 21 is not long
    verdict = classify(run(21, 89), usual)
    assert verdict.kind == "long"
    assert "1.5 x your typical 14.0 km" in verdict.reasons[0]


def test_runs_older_than_four_weeks_do_not_set_the_typical_run() -> None:
    old = history(14, 80, days_back=29)
    assert classify(run(16, 85), old).kind == "long"  # only the 15 km floor applies


def test_a_race_interval_or_tempo_name_makes_a_run_hard() -> None:
    for name in ("Parkrun", "Tuesday intervals", "Tempo 6k", "10K RACE"):
        assert classify(run(6, 30, name=name), []).kind == "hard", name


def test_a_high_average_heart_rate_makes_a_run_hard() -> None:
    limit = 0.85 * max_heart_rate(40)  # 0.85 x (208 - 28) = 153
    assert classify(run(8, 46, avg_hr=limit + 1), [], age=40).kind == "hard"
    assert classify(run(8, 46, avg_hr=limit - 1), [], age=40).kind == "easy"
    assert classify(run(8, 46, avg_hr=190), [], age=None).kind == "easy"  # no age, no rule


def test_a_pace_ten_percent_faster_than_usual_makes_a_run_hard() -> None:
    usual = history(8, 48)  # 6:00 per km
    assert classify(run(8, 43), usual).kind == "hard"  # 5:22 per km
    assert classify(run(8, 44), usual).kind == "easy"  # 5:30 per km, only 8% faster
    assert classify(run(2, 8), usual).kind == "easy"  # too short to judge the pace
    assert classify(run(8, 43), history(8, 48, count=2)).kind == "easy"  # too few runs


def test_a_long_race_counts_as_long() -> None:
    verdict = classify(run(42.2, 210, name="City marathon race"), [])
    assert verdict.kind == "long"
    assert any("race" in r for r in verdict.reasons)


@pytest.mark.parametrize(
    ("name", "data", "plain"),
    [
        ("cut.fit", fit_run()[:-40], "it ends too early (cut short or damaged)"),
        ("noise.fit", b"this is not a fit file at all", "it does not start like a FIT file"),
        ("tiny.fit", b"\x0e\x10\x00\x00", "it ends too early (cut short or damaged)"),
        ("binary.gpx", bytes(range(128, 160)), "it is not a text file"),
        ("broken.gpx", b"<gpx><trk>", "its XML breaks off"),
        ("broken.tcx", b"<TrainingCenterDatabase", "its XML breaks off at line 1"),
    ],
)
def test_a_damaged_file_is_refused_in_plain_words_without_the_readers_internals(
    name: str, data: bytes, plain: str
) -> None:
    result = read_run_file(name, data)
    assert result.error is not None
    assert plain in result.error
    for internal in ("@", "bytes", "codec", "token", "0x", "Error"):
        assert internal not in result.error, result.error


def _mixed_time_zones() -> bytes:
    text = gpx_run().decode()
    second = re.findall(r"<time>([^<]+)</time>", text)[1]
    naive = second.replace("Z", "").replace("+00:00", "")
    return text.replace(f"<time>{second}</time>", f"<time>{naive}</time>", 1).encode()


def _fit_with_header_size(size: int) -> bytes:
    data = bytearray(fit_run())
    data[0] = size
    return bytes(data)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        (
            "far.csv",
            b"date,distance_km,moving_time\n9999-12-31T23:59:59-23:59,5,0:30:00\n",
            "a number or date beyond any real run",
        ),
        ("zones.gpx", _mixed_time_zones(), "its times mix ones with and without a time zone"),
        (
            "pole.gpx",
            re.sub(r'lat="[^"]+"', 'lat="inf"', gpx_run().decode(), count=1).encode(),
            "a number or date beyond any real run",
        ),
        (
            "heart.tcx",
            tcx_run().decode().replace("<Value>145</Value>", "<Value>1e999</Value>", 1).encode(),
            "a number or date beyond any real run",
        ),
        ("header.fit", _fit_with_header_size(200), "not a readable FIT file"),
        (
            "year1.gpx",
            gpx_run().decode().replace("<time>2027", "<time>0001").encode(),
            "0001-01-10",
        ),
        ("year9999.gpx", gpx_run(start=START.replace(year=9999)), "9999-01-10"),
    ],
)
def test_a_crafted_or_impossible_file_is_refused_never_raised(
    name: str, data: bytes, reason: str
) -> None:
    """Each of these raised out of the readers (OverflowError, TypeError, a math domain
    error, struct.error) or stored a run in year 1 or 9999 (issue 20)."""
    result = read_run_file(name, data)
    assert result.runs == []
    assert result.error is not None
    assert reason in result.error


def test_a_run_after_the_callers_tomorrow_is_refused() -> None:
    data = gpx_run()  # 2027-01-10
    assert read_run_file("run.gpx", data, latest=dt.date(2027, 1, 10)).runs
    late = read_run_file("run.gpx", data, latest=dt.date(2027, 1, 9))
    assert late.runs == []
    assert late.error is not None
    assert "outside 1990-01-01 to 2027-01-09" in late.error

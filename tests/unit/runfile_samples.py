"""Run files for the tests, written with real libraries (never hand-made bytes).

GPX with gpxpy, TCX with ElementTree in the Garmin TrainingCenterDatabase v2 schema, FIT
activity files with fit-tool. Every sample runs in a straight line north at a steady pace.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import gpxpy.gpx
from fit_tool.fit_file_builder import FitFileBuilder  # type: ignore[import-untyped]
from fit_tool.profile.messages.activity_message import ActivityMessage  # type: ignore[import-untyped]
from fit_tool.profile.messages.event_message import EventMessage  # type: ignore[import-untyped]
from fit_tool.profile.messages.file_id_message import FileIdMessage  # type: ignore[import-untyped]
from fit_tool.profile.messages.record_message import RecordMessage  # type: ignore[import-untyped]
from fit_tool.profile.messages.session_message import SessionMessage  # type: ignore[import-untyped]
from fit_tool.profile.profile_type import (  # type: ignore[import-untyped]
    Event,
    EventType,
    FileType,
    Manufacturer,
    Sport,
)

START = dt.datetime(2027, 1, 10, 8, 0, tzinfo=dt.UTC)
LAT0, LON0 = 38.70, -9.14
METRES_PER_DEG_LAT = 111_195.0
TCX_NS = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"


def _track(
    km: float, minutes: float, step_s: int = 10, start: dt.datetime = START
) -> list[tuple[dt.datetime, float, float, float]]:
    """(time, lat, lon, metres so far) every ``step_s`` seconds."""
    total_s = minutes * 60
    n = int(total_s // step_s)
    out = []
    for i in range(n + 1):
        t = i * step_s
        metres = km * 1000 * t / total_s
        out.append(
            (start + dt.timedelta(seconds=t), LAT0 + metres / METRES_PER_DEG_LAT, LON0, metres)
        )
    return out


def gpx_run(
    km: float = 10.0,
    minutes: float = 55.0,
    *,
    kind: str | None = "running",
    name: str = "Morning Run",
    hr: int | None = 150,
    start: dt.datetime = START,
) -> bytes:
    gpx = gpxpy.gpx.GPX()
    track = gpxpy.gpx.GPXTrack(name=name)
    track.type = kind  # type: ignore[assignment]
    gpx.tracks.append(track)
    segment = gpxpy.gpx.GPXTrackSegment()
    track.segments.append(segment)
    for t, lat, lon, _ in _track(km, minutes, start=start):
        point = gpxpy.gpx.GPXTrackPoint(lat, lon, elevation=20.0, time=t)
        if hr is not None:
            ext = ET.Element(
                "{http://www.garmin.com/xmlschemas/TrackPointExtension/v1}TrackPointExtension"
            )
            sub = ET.SubElement(ext, "{http://www.garmin.com/xmlschemas/TrackPointExtension/v1}hr")
            sub.text = str(hr)
            point.extensions.append(ext)
        segment.points.append(point)
    gpx.nsmap["gpxtpx"] = "http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
    return gpx.to_xml().encode("utf-8")


def tcx_run(
    km: float = 8.0,
    minutes: float = 44.0,
    *,
    sport: str = "Running",
    hr: int | None = 145,
    start: dt.datetime = START,
) -> bytes:
    ET.register_namespace("", TCX_NS)
    root = ET.Element(f"{{{TCX_NS}}}TrainingCenterDatabase")
    activities = ET.SubElement(root, f"{{{TCX_NS}}}Activities")
    activity = ET.SubElement(activities, f"{{{TCX_NS}}}Activity", Sport=sport)
    ET.SubElement(activity, f"{{{TCX_NS}}}Id").text = start.strftime("%Y-%m-%dT%H:%M:%SZ")
    lap = ET.SubElement(
        activity, f"{{{TCX_NS}}}Lap", StartTime=start.strftime("%Y-%m-%dT%H:%M:%SZ")
    )
    ET.SubElement(lap, f"{{{TCX_NS}}}TotalTimeSeconds").text = f"{minutes * 60:.1f}"
    ET.SubElement(lap, f"{{{TCX_NS}}}DistanceMeters").text = f"{km * 1000:.1f}"
    ET.SubElement(lap, f"{{{TCX_NS}}}Calories").text = "500"
    track = ET.SubElement(lap, f"{{{TCX_NS}}}Track")
    for t, lat, lon, metres in _track(km, minutes, start=start):
        tp = ET.SubElement(track, f"{{{TCX_NS}}}Trackpoint")
        ET.SubElement(tp, f"{{{TCX_NS}}}Time").text = t.strftime("%Y-%m-%dT%H:%M:%SZ")
        pos = ET.SubElement(tp, f"{{{TCX_NS}}}Position")
        ET.SubElement(pos, f"{{{TCX_NS}}}LatitudeDegrees").text = f"{lat:.7f}"
        ET.SubElement(pos, f"{{{TCX_NS}}}LongitudeDegrees").text = f"{lon:.7f}"
        ET.SubElement(tp, f"{{{TCX_NS}}}AltitudeMeters").text = "20.0"
        ET.SubElement(tp, f"{{{TCX_NS}}}DistanceMeters").text = f"{metres:.1f}"
        if hr is not None:
            bpm = ET.SubElement(tp, f"{{{TCX_NS}}}HeartRateBpm")
            ET.SubElement(bpm, f"{{{TCX_NS}}}Value").text = str(hr)
    return bytes(ET.tostring(root, xml_declaration=True, encoding="UTF-8"))


def fit_run(
    km: float = 21.1,
    minutes: float = 110.0,
    *,
    sport: str = "RUNNING",
    hr: int | None = 160,
    with_session: bool = True,
    start: dt.datetime = START,
) -> bytes:
    ms = round(start.timestamp() * 1000)
    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    file_id = FileIdMessage()
    file_id.type = FileType.ACTIVITY
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    file_id.time_created = ms
    file_id.serial_number = 0x12345678
    builder.add(file_id)
    timer = EventMessage()
    timer.event = Event.TIMER
    timer.event_type = EventType.START
    timer.timestamp = ms
    builder.add(timer)
    track = _track(km, minutes, step_s=30, start=start)
    records = []
    for t, lat, lon, metres in track:
        record = RecordMessage()
        record.timestamp = round(t.timestamp() * 1000)
        record.position_lat = lat
        record.position_long = lon
        record.distance = metres
        if hr is not None:
            record.heart_rate = hr
        records.append(record)
    builder.add_all(records)
    end_ms = round(track[-1][0].timestamp() * 1000)
    stop = EventMessage()
    stop.event = Event.TIMER
    stop.event_type = EventType.STOP
    stop.timestamp = end_ms
    builder.add(stop)
    if with_session:
        session = SessionMessage()
        session.timestamp = end_ms
        session.start_time = ms
        session.sport = Sport[sport]
        session.total_elapsed_time = minutes * 60
        session.total_timer_time = minutes * 60
        session.total_distance = km * 1000
        if hr is not None:
            session.avg_heart_rate = hr
            session.max_heart_rate = hr + 10
        builder.add(session)
        activity = ActivityMessage()
        activity.timestamp = end_ms
        activity.num_sessions = 1
        activity.total_timer_time = minutes * 60
        builder.add(activity)
    return bytes(builder.build().to_bytes())

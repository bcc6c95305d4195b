"""The athlete's API in-process: onboarding, profile, plan, today, player sessions, logs
(idempotent), morning pain, runs, stored self-tests, progress, and the schema."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from footcore.config import Settings
from footcore.web.app import create_app
from tests.support.http import Client
from tests.support.profiles import ana

TODAY = dt.date(2027, 1, 6)  # a Wednesday
PROFILE: dict[str, Any] = ana()


def make_client(path: Path) -> Client:
    return Client(create_app(Settings.for_sqlite_file(path / "f.sqlite3"), today=lambda: TODAY))


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Client]:
    client = make_client(tmp_path)
    yield client
    client.close()


@pytest.fixture
def client(tmp_path: Path) -> Iterator[Client]:
    c = make_client(tmp_path)
    response = c.post("/api/v1/onboarding", json={"profile": PROFILE, "start": "2027-01-04"})
    assert response.status_code == 201, response.text
    yield c
    c.close()


def first_session(client: Client) -> dict[str, Any]:
    today = client.get("/api/v1/today").json()
    slot = today["day"]["sessions"][0]["slot"]
    session: dict[str, Any] = client.get(f"/api/v1/today/{slot}").json()
    return session


def item_body(item: dict[str, Any]) -> dict[str, Any]:
    sides = ["left", "right"] if item["per_side"] else ["both"]
    return {
        "index": item["index"],
        "exercise": item["exercise"],
        "planned": item["planned"],
        "sets_done": item["sets"],
        "reps": dict.fromkeys(sides, (item["reps"] or 1) * item["sets"]),
        "difficulty": 2,
        "pain": 1,
    }


# --- before onboarding ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/api/v1/today", "/api/v1/plan", "/api/v1/profile", "/api/v1/progress"]
)
def test_athlete_routes_answer_409_before_onboarding(fresh: Client, path: str) -> None:
    response = fresh.get(path)
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["kind"] == "not-set-up"
    assert "/api/v1/onboarding" in error["message"]


def test_onboarding_stores_the_profile_and_builds_a_programme(fresh: Client) -> None:
    response = fresh.post("/api/v1/onboarding", json={"profile": PROFILE, "start": "2027-01-04"})
    assert response.status_code == 201
    body = response.json()
    assert body["athlete"]["name"] == "Ana"
    assert body["athlete"]["profile_version"] == 1
    assert body["programme"]["start"] == "2027-01-04"
    again = fresh.post("/api/v1/onboarding", json={"profile": PROFILE})
    assert again.status_code == 409  # a valid profile, refused on what is stored
    assert again.json()["error"]["kind"] == "conflict"
    assert "set up already" in again.json()["error"]["problems"][0]["message"]


def test_onboarding_rejects_a_bad_profile_listing_every_problem(fresh: Client) -> None:
    bad = {**PROFILE, "age": 5, "goals": ["flying"], "shoe": 42}
    response = fresh.post("/api/v1/onboarding", json={"profile": bad})
    assert response.status_code == 422
    wheres = {p["where"] for p in response.json()["error"]["problems"]}
    assert {"body.profile.age", "body.profile.goals[0]", "body.profile.shoe"} <= wheres


def test_onboarding_reports_domain_problems_with_their_keys(fresh: Client) -> None:
    bad = {**PROFILE, "running": {"days": ["tue"], "long_run_day": "sun"}}
    response = fresh.post("/api/v1/onboarding", json={"profile": bad})
    assert response.status_code == 422
    assert response.json()["error"]["problems"][0]["where"] == "running.long_run_day"


# --- profile, plan, levels, today -------------------------------------------------------------


def test_profile_can_be_read_and_saved_as_a_new_version(client: Client) -> None:
    assert client.get("/api/v1/profile").json()["profile"]["units"] == "metric"
    changed = {**PROFILE, "units": "imperial", "slot_times": {"morning": "06:45"}}
    response = client.put("/api/v1/profile", json=changed)
    assert response.status_code == 200
    assert response.json()["profile_version"] == 2
    assert client.get("/api/v1/profile").json()["profile"]["slot_times"] == {"morning": "06:45"}
    bad = client.put("/api/v1/profile", json={**PROFILE, "slot_times": {"morning": "25:00"}})
    assert bad.status_code == 422


def test_plan_is_the_plan_contract(client: Client) -> None:
    plan = client.get("/api/v1/plan").json()
    assert plan["schema"] == "footcore.plan/1"
    assert plan["start"] == "2027-01-04"
    day = plan["weeks"][0]["days"][0]
    assert {"date", "weekday", "run", "sessions"} <= set(day)


def test_levels_say_which_are_unlocked(client: Client) -> None:
    levels = client.get("/api/v1/levels").json()
    assert [lv["number"] for lv in levels] == [1, 2, 3, 4, 5, 6]
    assert levels[0]["unlocked"]
    assert levels[0]["current"]
    assert not levels[5]["unlocked"]
    assert all(lv["title"] and lv["unlocks"] for lv in levels)


def test_today_is_the_today_contract_with_decisions(client: Client) -> None:
    today = client.get("/api/v1/today").json()
    assert today["schema"] == "footcore.today/1"
    assert today["date"] == TODAY.isoformat()
    assert today["week"] == 1
    assert today["day"]["sessions"]
    assert today["decisions_since_yesterday"] == []
    other = client.get("/api/v1/today?date=2027-01-09").json()
    assert other["date"] == "2027-01-09"
    assert client.get("/api/v1/today?date=soon").status_code == 422


def test_player_session_carries_names_cues_and_foot_maps(client: Client) -> None:
    session = first_session(client)
    item = session["items"][0]
    assert item["name"]
    assert item["cues"]
    assert item["foot_map"].startswith("/foot-map.svg?target=")
    assert session["equipment"] == PROFILE["equipment"]
    svg = client.get(item["foot_map"])
    assert svg.status_code == 200
    assert svg.headers["content-type"].startswith("image/svg+xml")
    assert 'data-state="on"' in svg.text


def test_player_session_of_an_unplanned_slot_is_404_naming_the_planned_ones(
    client: Client,
) -> None:
    response = client.get("/api/v1/today/tv")
    assert response.status_code == 404
    planned = [s["slot"] for s in client.get("/api/v1/today").json()["day"]["sessions"]]
    assert response.json()["error"]["name"] == "tv"
    assert planned


def test_equivalents_share_category_and_a_target_within_the_equipment(client: Client) -> None:
    found = client.get("/api/v1/exercises/calf-raise-double/equivalents").json()
    assert found
    for ex in found:
        assert ex["category"] == "strengthen"
    none = client.get("/api/v1/exercises/calf-raise-double/equivalents?equipment=mat").json()
    assert all("step" not in ex["slug"] for ex in none)
    assert client.get("/api/v1/exercises/nope/equivalents").status_code == 404


# --- session logs -----------------------------------------------------------------------------


def test_a_guided_session_is_stored_item_by_item_and_once(client: Client) -> None:
    session = first_session(client)
    head = {
        "client_id": "c-1",
        "date": session["date"],
        "slot": session["slot"],
        "planned_items": len(session["items"]),
        "planned_minutes": session["minutes"],
        "started_at": "2027-01-06T07:00:00Z",
    }
    assert client.post("/api/v1/sessions", json=head).status_code == 201
    assert client.post("/api/v1/sessions", json=head).json()["created"] is False
    body = item_body(session["items"][0])
    first = client.post("/api/v1/sessions/c-1/items", json=body)
    assert first.json() == {"client_id": "c-1", "index": 0, "stored": True}
    assert client.post("/api/v1/sessions/c-1/items", json=body).json()["stored"] is False
    done = client.post("/api/v1/sessions/c-1/finish", json={"difficulty": 2, "pain": 1})
    assert done.status_code == 200
    assert all(d["reason"] for d in done.json()["decisions"])
    log = client.get("/api/v1/sessions/c-1").json()
    assert log["finished"]
    assert log["difficulty"] == 2
    assert [i["index"] for i in log["items"]] == [0]


def test_a_whole_session_sent_twice_is_stored_once(client: Client) -> None:
    session = first_session(client)
    body = {
        "client_id": "c-2",
        "date": session["date"],
        "slot": session["slot"],
        "items": [item_body(i) for i in session["items"]],
        "feedback": {"difficulty": 3, "pain": 2, "cramp": False},
    }
    first = client.put("/api/v1/sessions/c-2", json=body).json()
    assert first["items_stored"] == len(session["items"])
    second = client.put("/api/v1/sessions/c-2", json=body).json()
    assert second["items_stored"] == 0
    assert second["items_already_stored"] == len(session["items"])
    logs = client.get("/api/v1/sessions").json()
    assert [log["client_id"] for log in logs] == ["c-2"]
    logged = client.get("/api/v1/today").json()["logged"]
    assert logged[0]["finished"] is True


def test_session_writes_are_validated(client: Client) -> None:
    bad_slot = client.post(
        "/api/v1/sessions", json={"client_id": "x", "date": "2027-01-06", "slot": "bath"}
    )
    assert bad_slot.status_code == 422
    assert bad_slot.json()["error"]["problems"][0]["where"] == "body.slot"
    orphan = client.post(
        "/api/v1/sessions/none/items", json={"index": 0, "exercise": "x", "sets_done": 1}
    )
    assert orphan.status_code == 404  # an item for a session that does not exist
    assert "was started" in orphan.json()["error"]["message"]
    mismatch = client.put(
        "/api/v1/sessions/a", json={"client_id": "b", "date": "2027-01-06", "slot": "desk"}
    )
    assert mismatch.status_code == 422
    pain = client.post("/api/v1/sessions/none/finish", json={"pain": 11})
    assert pain.status_code == 422
    assert client.get("/api/v1/sessions/unknown").status_code == 404
    assert client.get("/api/v1/sessions?since=yesterday").status_code == 422


def test_morning_pain_is_stored_on_yesterdays_sessions(client: Client) -> None:
    session = first_session(client)
    body = {
        "client_id": "c-3",
        "date": "2027-01-05",
        "slot": session["slot"],
        "items": [item_body(session["items"][0])],
        "feedback": {"difficulty": 2, "pain": 1},
    }
    client.put("/api/v1/sessions/c-3", json=body)
    response = client.post("/api/v1/morning-pain", json={"nrs": 2})
    assert response.status_code == 200
    assert client.get("/api/v1/sessions/c-3").json()["next_morning_pain"] == 2
    nothing = client.post("/api/v1/morning-pain", json={"date": "2027-01-02", "nrs": 2})
    assert nothing.status_code == 409  # nothing is logged the day before
    assert "nothing is logged" in nothing.json()["error"]["message"]


# --- runs, self-tests, progress ---------------------------------------------------------------


def test_runs_are_added_once_per_client_id_and_listed(client: Client) -> None:
    run = {
        "date": "2027-01-05",
        "km": 8.2,
        "minutes": 45,
        "kind": "easy",
        "felt": 4,
        "client_id": "r1",
    }
    assert client.post("/api/v1/runs", json=run).status_code == 201
    again = client.post("/api/v1/runs", json=run)
    assert again.status_code == 200
    assert again.json() == {"stored": False}
    runs = client.get("/api/v1/runs").json()
    assert [(r["date"], r["km"], r["kind"]) for r in runs] == [("2027-01-05", 8.2, "easy")]
    bad = client.post("/api/v1/runs", json={**run, "kind": "sprint", "client_id": "r2"})
    assert bad.status_code == 422
    assert bad.json()["error"]["problems"][0]["where"] == "kind"


def test_a_run_without_a_felt_score_is_stored_with_none(client: Client) -> None:
    run = {"date": "2027-01-06", "km": 21.1, "minutes": 120, "kind": "long", "client_id": "n1"}
    assert client.post("/api/v1/runs", json=run).status_code == 201
    assert client.post("/api/v1/runs", json={**run, "felt": None, "client_id": "n2",
                                             "date": "2027-01-07"}).status_code == 201  # fmt: skip
    assert [r["felt"] for r in client.get("/api/v1/runs").json()] == [None, None]
    bad = client.post("/api/v1/runs", json={**run, "felt": 6, "client_id": "n3"})
    assert bad.status_code == 422


def test_self_test_results_are_scored_stored_and_listed(client: Client) -> None:
    body = {"age": 38, "sex": "female", "date": "2027-01-05",
            "results": {"knee_to_wall_cm": {"left": 9, "right": 12}}}  # fmt: skip
    response = client.post("/api/v1/assessments", json=body)
    assert response.status_code == 201
    stored = response.json()
    assert stored["taken_on"] == "2027-01-05"
    assert stored["report"]["results"]["knee_to_wall_cm"]["asymmetry"] is True
    assert [a["id"] for a in client.get("/api/v1/assessments").json()] == [stored["id"]]
    bad = client.post("/api/v1/assessments", json={**body, "results": {"knee_to_wall_cm": 99}})
    assert bad.status_code == 422


def test_progress_reports_adherence_streaks_tests_and_runs(client: Client) -> None:
    session = first_session(client)
    items = [item_body(i) for i in session["items"]]
    body = {"client_id": "c-4", "date": session["date"], "slot": session["slot"],
            "items": items, "feedback": {"difficulty": 2}}  # fmt: skip
    client.put("/api/v1/sessions/c-4", json=body)
    progress = client.get("/api/v1/progress").json()
    assert progress["schema"] == "footcore.progress/1"
    assert progress["streaks"]["current_days"] == 1
    assert progress["adherence"]["this_week"]["done_sessions"] == 1
    assert progress["runs_after_foot_work"]["enough"] is False


def test_openapi_documents_every_athlete_route_with_a_response_model(client: Client) -> None:
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    expected = {
        ("/api/v1/onboarding", "post"), ("/api/v1/profile", "get"), ("/api/v1/profile", "put"),
        ("/api/v1/plan", "get"), ("/api/v1/levels", "get"), ("/api/v1/today", "get"),
        ("/api/v1/today/{slot}", "get"), ("/api/v1/exercises/{slug}/equivalents", "get"),
        ("/api/v1/sessions", "post"), ("/api/v1/sessions", "get"),
        ("/api/v1/sessions/{client_id}", "put"), ("/api/v1/sessions/{client_id}", "get"),
        ("/api/v1/sessions/{client_id}/items", "post"),
        ("/api/v1/sessions/{client_id}/finish", "post"), ("/api/v1/morning-pain", "post"),
        ("/api/v1/runs", "get"), ("/api/v1/runs", "post"), ("/api/v1/assessments", "get"),
        ("/api/v1/runs/import", "post"),
        ("/api/v1/assessments", "post"), ("/api/v1/progress", "get"),
    }  # fmt: skip
    for path, method in expected:
        operation = paths[path][method]
        ok = next(v for k, v in operation["responses"].items() if k.startswith("2"))
        assert "schema" in ok["content"]["application/json"], (path, method)
        assert "409" in operation["responses"] or path.endswith("equivalents"), (path, method)
    assert "requestBody" in paths["/api/v1/sessions/{client_id}"]["put"]
    pdf = paths["/api/v1/exports/programme.pdf"]["get"]["responses"]["200"]["content"]
    assert pdf["application/pdf"]["schema"] == {"type": "string", "format": "binary"}


# --- exports and run import -------------------------------------------------------------------


def gpx(km: float = 5.0, start: str = "2027-01-05T08:00:00Z") -> bytes:
    """A run as GPX: points 100 m apart (northwards), 30 s apart."""
    begin = dt.datetime.fromisoformat(start.replace("Z", "+00:00"))
    points = []
    for i in range(round(km * 10) + 1):
        when = (begin + dt.timedelta(seconds=30 * i)).strftime("%Y-%m-%dT%H:%M:%SZ")
        lat = 40.0 + i * 100 / 111_195.0
        points.append(f'<trkpt lat="{lat:.6f}" lon="-3.7"><time>{when}</time></trkpt>')
    return (
        '<?xml version="1.0"?><gpx version="1.1" creator="test" '
        'xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>'
        + "".join(points)
        + "</trkseg></trk></gpx>"
    ).encode()


@pytest.mark.parametrize(
    ("path", "media", "suffix"),
    [
        ("/api/v1/exports/calendar.ics", "text/calendar", ".ics"),
        ("/api/v1/exports/programme.pdf", "application/pdf", "-a4.pdf"),
        ("/api/v1/exports/programme.pdf?paper=letter", "application/pdf", "-letter.pdf"),
        ("/api/v1/exports/progress.pdf", "application/pdf", "-a4.pdf"),
        ("/api/v1/exports/fhir.json", "application/fhir+json", "-fhir.json"),
        ("/api/v1/exports/sessions.csv", "text/csv", "-sessions.csv"),
        ("/api/v1/exports/self-tests.csv", "text/csv", "-self-tests.csv"),
    ],
)
def test_exports_download_as_attachments(
    client: Client, path: str, media: str, suffix: str
) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;")
    assert re.search(rf'filename="footcore-[a-z0-9-]*{re.escape(suffix)}"', disposition)
    assert response.content


def test_a_planned_session_downloads_as_a_fit_workout(client: Client) -> None:
    slot = client.get("/api/v1/today").json()["day"]["sessions"][0]["slot"]
    response = client.get(f"/api/v1/exports/session.fit?slot={slot}&date=2027-01-06")
    assert response.status_code == 200
    assert response.content[8:12] == b".FIT"
    assert client.get("/api/v1/exports/session.fit?slot=tv").status_code == 404


def test_exports_refuse_bad_parameters(client: Client) -> None:
    assert client.get("/api/v1/exports/programme.pdf?paper=a3").status_code == 422


def test_run_files_are_imported_once(client: Client) -> None:
    files = [("files", ("monday.gpx", gpx(), "application/gpx+xml"))]
    token = {"X-CSRF-Token": client.csrf()}
    first = client.post("/api/v1/runs/import", files=files, headers=token)
    assert first.status_code == 200, first.text
    report = first.json()
    assert report["files"] == 1
    assert len(report["stored"]) == 1
    assert report["stored"][0]["km"] == pytest.approx(5.0, abs=0.1)
    again = client.post("/api/v1/runs/import", files=files, headers=token).json()
    assert again["stored"] == []
    assert len(again["already_stored"]) == 1
    assert len(client.get("/api/v1/runs").json()) == 1
    broken = client.post(
        "/api/v1/runs/import", files=[("files", ("x.gpx", b"<gpx", "text/xml"))], headers=token
    )
    assert broken.json()["failed"][0]["file"] == "x.gpx"


def test_a_crafted_run_file_upload_is_refused_by_name_never_a_500(client: Client) -> None:
    """A GPX point at an infinite latitude and a GPX dated 9999 answered 500 or stored a run
    in year 9999 (issue 20); now each is a refused file in the report."""
    token = {"X-CSRF-Token": client.csrf()}
    text = gpx().decode()
    pole = re.sub(r'lat="[^"]+"', 'lat="inf"', text, count=1).encode()
    far = re.sub(r"<time>\d{4}", "<time>9999", text).encode()
    files = [("files", ("pole.gpx", pole, "text/xml")), ("files", ("far.gpx", far, "text/xml"))]
    response = client.post("/api/v1/runs/import", files=files, headers=token)
    assert response.status_code == 200, response.text
    report = response.json()
    assert [f["file"] for f in report["failed"]] == ["pole.gpx", "far.gpx"]
    assert report["stored"] == []
    assert client.get("/api/v1/runs").json() == []


def test_an_upload_over_the_import_limit_is_refused_and_stores_nothing(client: Client) -> None:
    token = {"X-CSRF-Token": client.csrf()}
    files = [
        ("files", ("monday.gpx", gpx(), "application/gpx+xml")),
        ("files", ("huge.csv", b"date,km,moving_time\n" + b" " * (20 * 1024 * 1024), "text/csv")),
    ]
    response = client.post("/api/v1/runs/import", files=files, headers=token)
    assert response.status_code == 422
    assert "more than 20 MB at once" in response.text
    assert client.get("/api/v1/runs").json() == []


def test_a_large_upload_is_read_off_the_request_thread_and_stored(client: Client) -> None:
    """A batch over 2 MB is read in a child process (footcore.io.sandbox); its runs arrive
    as from a small one."""
    token = {"X-CSRF-Token": client.csrf()}
    padding = "<!--" + "x" * (3 * 1024 * 1024) + "-->"
    big = gpx().decode().replace("<trk>", padding + "<trk>", 1).encode()
    response = client.post(
        "/api/v1/runs/import", files=[("files", ("big.gpx", big, "text/xml"))], headers=token
    )
    assert response.status_code == 200, response.text
    assert len(response.json()["stored"]) == 1
    assert len(client.get("/api/v1/runs").json()) == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("index", 9_223_372_036_854_775_808),  # past SQLite's INTEGER
        ("index", 2_147_483_648),  # past PostgreSQL's integer
        ("sets_done", 2_147_483_648),
        ("reps", {"left": 2_147_483_648}),
        ("seconds", {"left": 1e300}),
    ],
)
def test_a_number_beyond_its_documented_range_is_a_422_naming_it(
    client: Client, field: str, value: object
) -> None:
    """These answered 500 (the database refused the number after validation let it in)."""
    session = first_session(client)
    head = {"client_id": "big", "date": session["date"], "slot": session["slot"]}
    assert client.post("/api/v1/sessions", json=head).status_code == 201
    body = {"index": 0, "exercise": "towel-scrunch", "sets_done": 1, field: value}
    response = client.post("/api/v1/sessions/big/items", json=body)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["problems"][0]["where"].startswith(f"body.{field}")
    too_many = client.post("/api/v1/sessions", json={**head, "planned_items": 2_147_483_648})
    assert too_many.status_code == 422
    assert client.get("/api/v1/sessions/big").json()["items"] == []


def test_the_openapi_schema_states_the_range_of_each_logged_number(client: Client) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    item = schemas["ItemIn"]["properties"]
    assert (item["index"]["minimum"], item["index"]["maximum"]) == (0, 199)
    assert item["sets_done"]["maximum"] == 100
    assert item["reps"]["additionalProperties"]["maximum"] == 10_000
    assert schemas["SessionOpenIn"]["properties"]["planned_items"]["maximum"] == 200

"""A form shows all its problems at once, each naming what it is about (issue 16 item 11),
and the first self-tests lead to their results (item 9)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.http import Client

from .test_web_athlete_pages import FORM, make_client


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Client]:
    client = make_client(tmp_path)
    yield client
    client.close()


@pytest.fixture
def client(fresh: Client) -> Client:
    assert fresh.post("/onboarding", data={"csrf_token": fresh.csrf(), **FORM}).status_code == 303
    return fresh


def problems(html: str) -> list[str]:
    """The problems listed in the page's alert, as 'Name: message'."""
    box = re.search(r'<div class="alert alert--error" role="alert".*?</ul>', html, re.S)
    assert box is not None, "no problems box"
    items = re.findall(r"<li><strong>(.*?)</strong>: (.*?)</li>", box.group(0), re.S)
    return [f"{name}: {message}" for name, message in items]


def test_the_profile_form_shows_every_problem_in_one_round_each_named(fresh: Client) -> None:
    form = {**FORM, "age": "abc", "minutes_per_day": "500", "run_days": ["tue"]}
    form["long_run_day"] = "mon"
    response = fresh.post("/onboarding", data={"csrf_token": fresh.csrf(), **form})
    assert response.status_code == 422
    found = problems(response.text)
    assert any(p.startswith("Age: must be a number") for p in found), found
    assert any(p.startswith("Minutes a day:") for p in found), found
    assert any(p.startswith("Long-run day:") and "&#39;mon&#39;" in p for p in found), found
    assert len(found) == 3


def test_the_self_test_form_names_the_test_and_the_foot_and_lists_every_problem(
    client: Client,
) -> None:
    response = client.post(
        "/self-tests/record",
        data={
            "csrf_token": client.csrf(),
            "date": "2027-01-06",
            "r.heel_raise_reps.left": "400",
            "r.heel_raise_reps.right": "20",
            "r.knee_to_wall_cm.right": "far",
            "r.pain_nrs": "11",
        },
    )
    assert response.status_code == 422
    found = problems(response.text)
    assert any(p.startswith("Heel raise, left foot: must be a whole number") for p in found)
    assert any(p.startswith("Knee-to-wall, right foot: must be a number") for p in found)
    assert any(p.startswith("Pain: ") for p in found), found
    assert len(found) == 3


def test_the_run_form_lists_every_problem_in_one_round(client: Client) -> None:
    run = {"date": "2027-01-05", "kind": "sprint", "distance": "x", "minutes": "0", "felt": ""}
    response = client.post("/progress/runs", data={"csrf_token": client.csrf(), **run})
    assert response.status_code == 422
    found = problems(response.text)
    assert any(p.startswith("Distance: must be a number") for p in found), found
    assert any(p.startswith("Kind of run:") for p in found), found
    assert any(p.startswith("Minutes:") for p in found), found


def test_the_first_self_tests_show_their_results_then_lead_to_the_programme(
    client: Client,
) -> None:
    saved = client.post(
        "/self-tests/record",
        data={
            "csrf_token": client.csrf(),
            "onboarding": "true",
            "date": "2027-01-06",
            "r.knee_to_wall_cm.left": "9",
            "r.knee_to_wall_cm.right": "12",
        },
    )
    assert saved.status_code == 303
    location = saved.headers["location"]
    assert location.startswith("/self-tests/results/")
    page = client.get(location).text
    assert "Knee-to-wall" in page
    assert "band--low" in page
    assert 'href="/programme?welcome=1"' in page


def logged_morning(client: Client) -> tuple[str, list[dict[str, object]]]:
    today = client.get("/api/v1/today").json()
    session = today["day"]["sessions"][0]
    items = [
        {"index": n, "exercise": i["exercise"], "planned": i, "sets_done": i["sets"]}
        for n, i in enumerate(session["items"])
    ]
    body = {
        "client_id": "web-1",
        "date": today["date"],
        "slot": session["slot"],
        "planned_items": len(items),
        "items": items,
        "feedback": {"difficulty": 3, "pain": 7},
    }
    assert client.put("/api/v1/sessions/web-1", json=body).status_code == 200
    return "web-1", items


def test_a_logged_session_is_corrected_and_deleted_on_the_web(client: Client) -> None:
    """Issue 16 item 18: from Today, 'Correct or delete'; the decisions follow."""
    client_id, _ = logged_morning(client)
    today = client.get("/today").text
    assert f'href="/sessions/{client_id}/edit"' in today
    page = client.get(f"/sessions/{client_id}/edit")
    assert page.status_code == 200
    assert "Correct this session" in page.text
    form = {"csrf_token": client.csrf(), "item-0": "skipped", "difficulty": "2", "pain": "1"}
    saved = client.post(f"/sessions/{client_id}/edit", data=form)
    assert saved.status_code == 303
    log = client.get(f"/api/v1/sessions/{client_id}").json()
    assert log["pain"] == 1
    assert log["items"][0]["skipped"] is True
    progress = client.get("/progress?session=corrected").text
    assert "Session corrected" in progress
    refused = client.post(f"/sessions/{client_id}/delete", data={"csrf_token": client.csrf()})
    assert refused.status_code == 422
    gone = client.post(
        f"/sessions/{client_id}/delete", data={"csrf_token": client.csrf(), "confirm": "yes"}
    )
    assert gone.status_code == 303
    assert client.get(f"/api/v1/sessions/{client_id}").status_code == 404


def test_the_api_corrects_and_deletes_a_logged_session(client: Client) -> None:
    client_id, items = logged_morning(client)
    corrected = client.request(
        "PATCH",
        f"/api/v1/sessions/{client_id}",
        json={"items": items, "feedback": {"difficulty": 2, "pain": 1}},
    )
    assert corrected.status_code == 200, corrected.text
    assert all(d["action"] != "regress" for d in corrected.json()["decisions"])
    assert client.get(f"/api/v1/sessions/{client_id}").json()["pain"] == 1
    token = {"X-CSRF-Token": client.csrf()}  # no JSON body: the token comes as a header
    gone = client.request("DELETE", f"/api/v1/sessions/{client_id}", headers=token)
    assert gone.status_code == 204
    again = client.request("DELETE", f"/api/v1/sessions/{client_id}", headers=token)
    assert again.status_code == 404

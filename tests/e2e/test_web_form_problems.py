"""A form shows all its problems at once, each naming what it is about (issue 16 item 11),
and the first self-tests lead to their results (item 9)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from .test_web_athlete_pages import FORM, Client, make_client


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

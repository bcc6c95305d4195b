"""The check-in, sharing and study pages in the browser's way (forms and redirects), in a
multi-user world: Ana is a member of Cleo's group."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.web_accounts import Client, World, build_world

SPANISH = {"Accept-Language": "es"}


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    w = build_world(tmp_path)
    yield w
    w.close()


def _post(client: Client, url: str, page: str, **data: str) -> int:
    token = client.form_token(page)
    return client.post(url, data={"csrf_token": token, **data}).status_code


def test_the_one_tap_on_today_answers_the_week(world: World) -> None:
    ana = world.clients["athlete"]
    page = ana.get("/today").text
    assert "Weekly check-in" in page
    assert 'action="/checkin/none"' in page
    assert _post(ana, "/checkin/none", "/today") == 303
    page = ana.get("/today?checkin=saved").text
    assert "Check-in saved" in page
    assert "no problems" in page
    assert 'action="/checkin/none"' not in page  # never twice a week


def test_the_questionnaire_reports_a_problem_and_today_says_how_the_plan_holds(
    world: World,
) -> None:
    ana = world.clients["athlete"]
    form = ana.get("/checkin").text
    assert "did problems with your foot or ankle get in the way" in form
    answers = {
        "foot-ankle.participation": "reduced",
        "foot-ankle.training": "moderate",
        "foot-ankle.performance": "minor",
        "foot-ankle.symptoms": "moderate",
    }
    assert _post(ana, "/checkin", "/checkin", **answers) == 303
    today = ana.get("/today").text
    assert "Your weekly check-in" in today
    assert "holds the load" in today
    progress = ana.get("/progress").text
    assert 'id="chart-outcome"' in progress
    assert "too few" in progress


def test_a_half_answered_area_comes_back_with_its_problems(world: World) -> None:
    ana = world.clients["athlete"]
    token = ana.form_token("/checkin")
    answer = ana.post("/checkin", data={"csrf_token": token, "knee.participation": "none"})
    assert answer.status_code == 422
    assert "needs an answer when there was a problem" in answer.text
    assert 'value="none" checked' in answer.text  # the answer given is kept


def test_sharing_then_the_coach_sees_the_member_then_not(world: World) -> None:
    ana, cleo = world.clients["athlete"], world.clients["coach"]
    group = world.ids["group"]
    _post(ana, "/checkin", "/checkin", **{
        "achilles-calf.participation": "none", "achilles-calf.training": "major",
        "achilles-calf.performance": "major", "achilles-calf.symptoms": "severe",
    })  # fmt: skip
    page = cleo.get(f"/coach/groups/{group}/outcomes").text
    assert "0 of 1 members share" in page
    assert "Ana" not in page.split("Members with a substantial problem now")[1][:400]
    assert _post(ana, f"/groups/{group}/sharing", "/groups", share="yes") == 303
    page = cleo.get(f"/coach/groups/{group}/outcomes").text
    assert "1 of 1 members share" in page
    assert "<strong>Ana</strong>: Achilles or calf" in page
    assert "substantial problem, Achilles or calf" in cleo.get(f"/coach/groups/{group}").text
    assert _post(ana, f"/groups/{group}/sharing", "/groups", share="no") == 303
    assert "0 of 1 members share" in cleo.get(f"/coach/groups/{group}/outcomes").text


def test_a_study_from_setup_to_the_export(world: World) -> None:
    ana, cleo = world.clients["athlete"], world.clients["coach"]
    group = world.ids["group"]
    new = f"/coach/groups/{group}/studies/new"
    token = cleo.form_token(new)
    answer = cleo.post(
        f"/coach/groups/{group}/studies",
        data={
            "csrf_token": token,
            "title": "Feet first",
            "follow_up_weeks": "26",
            "arm0.name": "Foot core",
            "arm1.name": "Usual warm-up",
            "seed": "7",
        },
    )
    assert answer.status_code == 303
    study = answer.headers["location"]
    sid = study.rsplit("/", 1)[1]
    assert f'href="/studies/{sid}"' in ana.get("/groups").text
    consent = ana.get(f"/studies/{sid}", headers=SPANISH).text
    assert "Acepto participar en este estudio de mi club." in consent
    assert "I agree to take part" not in consent
    assert "I agree to take part in this study of my club." in ana.get(f"/studies/{sid}").text
    refused = ana.post(
        f"/studies/{sid}/join",
        data={"csrf_token": ana.form_token(f"/studies/{sid}"), "weekly_km": "30"},
    )
    assert refused.status_code == 422
    assert "tick the box" in refused.text
    assert _post(
        ana, f"/studies/{sid}/join", f"/studies/{sid}",
        weekly_km="30", previous_injury="no", agree="yes",
    ) == 303  # fmt: skip
    assert "You take part" in ana.get(f"/studies/{sid}").text
    assert _post(cleo, f"/coach/studies/{sid}/start", study) == 303
    report = cleo.get(study).text
    assert "The numbers are too small" in report
    assert "hash chain intact" in report
    assert "20-39 km, injured before" in report
    assert "t interval (statsmodels, scipy). 95% intervals." in report
    # The report's notes, strata and methods in Spanish.
    spanish = cleo.get(study, headers=SPANISH).text
    assert (
        "Las cifras son demasiado pequeñas para distinguir los grupos: 0 participantes con"
        in spanish
    )
    assert "El seguimiento va por la semana 1 de 26: son cifras provisionales." in spanish
    assert "20-39 km, con lesión previa" in spanish
    assert "menos de 20 km, sin lesión previa" in spanish
    assert "frente al grupo A; prueba exacta de Fisher" in spanish
    assert "The numbers are too small" not in spanish
    assert "interim numbers" not in spanish
    assert "your group" in ana.get("/today").text.lower()
    data = cleo.get(f"/coach/studies/{sid}/export.csv")
    assert data.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(data.text)))
    assert len(rows) == 1
    assert rows[0]["pid"].startswith("S-")
    assert "variable,type" in cleo.get(f"/coach/studies/{sid}/dictionary.csv").text
    # A member cannot open the coach's report or export.
    assert ana.get(study).status_code == 403
    assert ana.get(f"/coach/studies/{sid}/export.csv").status_code == 403

"""Coach mode in the browser and the API: groups with invite codes, joining and leaving,
the dashboard, the class sheet, templates assigned to a group or one athlete, and a coach's
own exercises seen only by that coach's groups."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.e2e.web_accounts import (
    COACH_EXERCISE,
    PASSWORD,
    PROFILE,
    TEMPLATE,
    TODAY,
    Client,
    multi_user_app,
)


@pytest.fixture
def club(tmp_path: Path) -> Iterator[dict[str, Client]]:
    """Cleo (coach), Ana and Bea (athletes with training data); nobody in a group yet."""
    app = multi_user_app(tmp_path)
    services = app.state.footcore.services
    services.accounts.create_user("cleo@example.org", PASSWORD, "coach")
    for name in ("Ana", "Bea"):
        athlete = services.onboard({**PROFILE, "name": name}, TODAY).athlete.id
        services.accounts.create_user(f"{name.lower()}@example.org", PASSWORD, "athlete", athlete)
    people = {}
    for name in ("cleo", "ana", "bea"):
        client = Client(app)
        assert client.sign_in(f"{name}@example.org").status_code == 303
        people[name] = client
    yield people
    for c in people.values():
        c.close()
    app.state.footcore.close()


def form(client: Client, page: str, action: str, **data: str) -> httpx.Response:
    return client.post(action, data={"csrf_token": client.form_token(page), **data})


def invite_code(cleo: Client, group_id: int) -> str:
    page = cleo.get(f"/coach/groups/{group_id}").text
    code = re.search(r'<code class="invite-code">([A-Z0-9]{10})</code>', page)
    assert code
    return code.group(1)


def make_group(cleo: Client) -> tuple[int, str]:
    made = form(cleo, "/coach", "/coach/groups", name="Tuesday club", kind="class")
    assert made.status_code == 303
    group_id = int(made.headers["location"].rsplit("/", 1)[1])
    return group_id, invite_code(cleo, group_id)


def test_a_coach_makes_a_group_and_only_accepted_members_appear(club: dict[str, Client]) -> None:
    cleo, ana, bea = club["cleo"], club["ana"], club["bea"]
    assert 'href="/coach"' in cleo.get("/about").text
    assert 'href="/coach"' not in ana.get("/today").text  # athletes have no coach menu
    group_id, code = make_group(cleo)
    assert "No member yet" in cleo.get(f"/coach/groups/{group_id}").text
    wrong = form(ana, "/groups", "/groups/join", code="WRONGCODE1")
    assert wrong.status_code == 422
    assert "no group has this invite code" in wrong.text
    joined = form(ana, "/groups", "/groups/join", code=code.lower())  # case does not matter
    assert joined.headers["location"] == f"/groups?joined={group_id}"
    assert "Tuesday club" in ana.get("/groups").text
    members = cleo.get(f"/api/v1/groups/{group_id}/members").json()
    assert [m["name"] for m in members] == ["Ana"]
    board = cleo.get(f"/coach/groups/{group_id}").text
    assert f'href="/coach/groups/{group_id}/members/' in board
    assert "Bea" not in board
    # Bea is a stranger to the group: it does not exist for her.
    assert bea.get(f"/api/v1/groups/{group_id}").status_code == 404
    # Ana leaves: Cleo no longer sees her, and her data is out of reach.
    ana_id = members[0]["athlete_id"]
    left = form(ana, "/groups", f"/groups/{group_id}/leave")
    assert left.headers["location"] == "/groups?left=1"
    assert cleo.get(f"/api/v1/groups/{group_id}/members").json() == []
    assert cleo.get(f"/coach/groups/{group_id}/members/{ana_id}").status_code == 404
    # and may join again
    assert form(ana, "/groups", "/groups/join", code=code).status_code == 303
    assert cleo.get(f"/coach/groups/{group_id}/members/{ana_id}").status_code == 200


def test_a_new_invite_code_replaces_the_old_one(club: dict[str, Client]) -> None:
    cleo, bea = club["cleo"], club["bea"]
    group_id, old = make_group(cleo)
    form(cleo, f"/coach/groups/{group_id}", f"/coach/groups/{group_id}/code")
    new = invite_code(cleo, group_id)
    assert new != old
    assert form(bea, "/groups", "/groups/join", code=old).status_code == 422
    assert form(bea, "/groups", "/groups/join", code=new).status_code == 303


def test_the_dashboard_shows_adherence_flags_and_who_went_quiet(club: dict[str, Client]) -> None:
    cleo, ana = club["cleo"], club["ana"]
    group_id, code = make_group(cleo)
    form(ana, "/groups", "/groups/join", code=code)
    board = cleo.get(f"/api/v1/groups/{group_id}/dashboard").json()
    (row,) = board["members"]
    assert row["name"] == "Ana"
    assert row["quiet"] is True  # nothing logged yet
    page = cleo.get(f"/coach/groups/{group_id}").text
    assert "gone quiet" in page
    assert "Adherence (14 days)" in page
    # Ana logs a session with a cramp: the flag appears, and she is no longer quiet.
    token = {"X-CSRF-Token": ana.api_token()}
    session = {
        "client_id": "c1",
        "date": TODAY.isoformat(),
        "slot": "morning",
        "items": [{"index": 0, "exercise": "towel-scrunch", "sets_done": 2}],
        "feedback": {"pain": 2, "cramp": True, "ended_at": f"{TODAY}T08:00:00+00:00"},
    }
    assert ana.request("PUT", "/api/v1/sessions/c1", json=session, headers=token).status_code == 200
    (row,) = cleo.get(f"/api/v1/groups/{group_id}/dashboard").json()["members"]
    assert row["quiet"] is False
    assert row["cramp_flag"] == f"cramp on {TODAY.isoformat()}"
    assert "cramp on" in cleo.get(f"/coach/groups/{group_id}").text


def test_a_template_is_saved_assigned_and_laid_out_as_a_printable_class(
    club: dict[str, Client],
) -> None:
    cleo, ana = club["cleo"], club["ana"]
    group_id, code = make_group(cleo)
    form(ana, "/groups", "/groups/join", code=code)
    bad = form(
        cleo,
        "/coach",
        "/coach/templates",
        template=TEMPLATE.replace("towel-scrunch", "towel-scrunchh"),
    )
    assert bad.status_code == 422
    assert "towel-scrunch" in bad.text  # the suggestion
    saved = form(cleo, "/coach", "/coach/templates", template=TEMPLATE)
    assert saved.status_code == 303
    (template,) = cleo.get("/api/v1/templates").json()
    assert template["name"] == "Club feet"
    assigned = form(
        cleo,
        f"/coach/groups/{group_id}",
        f"/coach/groups/{group_id}/assign",
        template_id=str(template["id"]),
        starts_on=TODAY.isoformat(),
    )
    assert assigned.headers["location"] == f"/coach/groups/{group_id}?assigned=1"
    # Ana's plan follows the template.
    whys = [
        i["why"] for s in ana.get("/api/v1/today").json()["day"]["sessions"] for i in s["items"]
    ]
    assert any("Club feet" in w for w in whys)
    sheet = cleo.get(f"/coach/groups/{group_id}/class?date={TODAY}&after=long")
    assert sheet.status_code == 200
    assert "Ball roll under the sole" in sheet.text
    assert "after a long run" in sheet.text
    assert 'href="/static/css/print.css" media="print"' in sheet.text
    data = cleo.get(
        f"/api/v1/groups/{group_id}/class", params={"date": TODAY.isoformat(), "after": "long"}
    ).json()
    assert data["items"][0]["start"] == "0:00"
    assert data["rules"]
    assert ana.get(f"/coach/groups/{group_id}/class").status_code == 403  # a member


def test_a_coach_assigns_a_template_to_one_member(club: dict[str, Client]) -> None:
    cleo, ana = club["cleo"], club["ana"]
    group_id, code = make_group(cleo)
    form(ana, "/groups", "/groups/join", code=code)
    form(cleo, "/coach", "/coach/templates", template=TEMPLATE)
    (template,) = cleo.get("/api/v1/templates").json()
    (member,) = cleo.get(f"/api/v1/groups/{group_id}/members").json()
    page = f"/coach/groups/{group_id}/members/{member['athlete_id']}"
    assert "Ana" in cleo.get(page).text
    done = form(cleo, page, page + "/assign", template_id=str(template["id"]))
    assert done.headers["location"] == page + "?assigned=1"
    progress = cleo.get(f"/api/v1/groups/{group_id}/members/{member['athlete_id']}/progress")
    assert progress.json()["athlete"]["name"] == "Ana"


def test_a_coach_exercise_is_seen_only_by_the_coach_and_the_groups_members(
    club: dict[str, Client],
) -> None:
    cleo, ana, bea = club["cleo"], club["ana"], club["bea"]
    _, code = make_group(cleo)
    broken = form(
        cleo,
        "/coach",
        "/coach/exercises",
        exercise=COACH_EXERCISE.replace('load = "none"', 'load = "extreme"'),
    )
    assert broken.status_code == 422
    assert "load" in broken.text
    saved = form(cleo, "/coach", "/coach/exercises", exercise=COACH_EXERCISE)
    assert saved.headers["location"] == "/library/seated-toe-yoga"
    assert cleo.get("/library/seated-toe-yoga").status_code == 200
    assert ana.get("/library/seated-toe-yoga").status_code == 404  # not a member yet
    form(ana, "/groups", "/groups/join", code=code)
    assert ana.get("/library/seated-toe-yoga").status_code == 200
    assert ana.get("/api/v1/exercises/seated-toe-yoga").json()["name"] == "Seated toe yoga"
    assert bea.get("/library/seated-toe-yoga").status_code == 404
    assert bea.get("/api/v1/exercises/seated-toe-yoga").status_code == 404
    slugs = [e["slug"] for e in bea.get("/api/v1/exercises").json()]
    assert "seated-toe-yoga" not in slugs
    anonymous = Client(cleo.app)
    try:
        assert anonymous.get("/library/seated-toe-yoga").status_code == 404
        assert anonymous.get("/library/towel-scrunch").status_code == 200
    finally:
        anonymous.close()

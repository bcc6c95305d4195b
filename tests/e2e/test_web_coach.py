"""Coach mode in the browser and the API: groups with invite codes, joining and leaving,
the dashboard, the class sheet, templates assigned to a group or one athlete, and a coach's
own exercises seen only by that coach's groups."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest

from tests.e2e.web_accounts import (
    PASSWORD,
    PROFILE,
    TEMPLATE,
    TODAY,
    Client,
    multi_user_app,
)
from tests.integration.support import COACH_EXERCISE


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
    # Each exercise is drawn for the person leading the class (still frames: they print).
    drawn = sheet.text.count('<div class="class-sheet__demo"><svg')
    assert drawn == sheet.text.count('class="class-sheet__item')
    assert "animateTransform" not in sheet.text
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
    # Bea's list (the built-in catalogue) is kept by the app; Ana's, with her coach's
    # exercise, is not that answer.
    assert "seated-toe-yoga" in [e["slug"] for e in ana.get("/api/v1/exercises").json()]
    assert "seated-toe-yoga" not in [e["slug"] for e in bea.get("/api/v1/exercises").json()]
    anonymous = Client(cleo.app)
    try:
        assert anonymous.get("/library/seated-toe-yoga").status_code == 404
        assert anonymous.get("/library/towel-scrunch").status_code == 200
    finally:
        anonymous.close()


# -- the template builder: from a generated plan, reviewed and edited, saved -----------------


class FormFields(HTMLParser):
    """The fields a browser submits for the form with ``action``: ticked boxes, each
    select's chosen option, text inputs and text areas (submit buttons are left out)."""

    def __init__(self, action: str) -> None:
        super().__init__()
        self.action = action
        self.fields: list[tuple[str, str]] = []
        self._inside = False
        self._select: str | None = None
        self._first: str | None = None
        self._chosen: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._inside = a.get("action") == self.action
        if not self._inside or ("name" not in a and tag != "option"):
            return
        if tag == "input":
            kind = a.get("type", "text")
            if kind == "submit" or (kind in ("checkbox", "radio") and "checked" not in a):
                return
            self.fields.append((a["name"], a.get("value", "")))
        elif tag == "select":
            self._select, self._first, self._chosen = a["name"], None, None
        elif tag == "option" and self._select is not None:
            self._first = a.get("value", "") if self._first is None else self._first
            if "selected" in a:
                self._chosen = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self.fields.append((a["name"], ""))

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            name, value = self.fields.pop()
            self.fields.append((name, value + data))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select is not None:
            chosen = self._chosen if self._chosen is not None else self._first
            self.fields.append((self._select, chosen or ""))
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._inside = False


def editor_fields(page: str) -> dict[str, list[str]]:
    parser = FormFields("/coach/templates/draft")
    parser.feed(page)
    fields: dict[str, list[str]] = {}
    for name, value in parser.fields:
        fields.setdefault(name, []).append(value)
    return fields


DRAFT: dict[str, str | list[str]] = {
    "name": "Winter block",
    "level": "1",
    "goals": ["general", "achilles"],
    "equipment": ["towel", "step", "band"],
    "minutes_per_day": "12",
    "slots": ["morning", "tv", "post-run"],
    "run_days": ["tue", "sat"],
    "long_run_day": "sat",
}


def start_draft(cleo: Client) -> httpx.Response:
    token = cleo.form_token("/coach/templates/new")
    return cleo.post("/coach/templates/from-plan", data={"csrf_token": token, **DRAFT})


def test_a_coach_drafts_a_template_from_a_plan_edits_it_and_saves_it(
    club: dict[str, Client],
) -> None:
    cleo, ana = club["cleo"], club["ana"]
    group_id, code = make_group(cleo)
    form(ana, "/groups", "/groups/join", code=code)
    assert 'href="/coach/templates/new"' in cleo.get("/coach").text
    editor = start_draft(cleo)
    assert editor.status_code == 200
    assert "Review the template" in editor.text
    fields = editor_fields(editor.text)
    assert fields["name"] == ["Winter block"]
    first = fields["s0.i0.exercise"][0]
    assert fields["s0.i0.was"] == [first]
    # Swap the first exercise, give the second 4 sets, remove the third, add one.
    assert len([k for k in fields if re.fullmatch(r"s0\.i\d\.exercise", k)]) == 3
    swap = "ankle-circles"
    assert first != swap
    fields["s0.i0.exercise"] = [swap]
    fields["s0.i1.sets"] = ["4"]
    fields["s0.i2.remove"] = ["yes"]
    fields["s0.add"] = ["ball-roll-sole"]
    checked = cleo.post("/coach/templates/draft", data={**fields, "action": ["check"]})
    assert checked.status_code == 200, re.findall(r"<li><strong>.*?</li>", checked.text)
    after = editor_fields(checked.text)
    assert after["s0.i0.exercise"] == [swap]
    # The swapped-in exercise starts at its own dose (ankle circles: 1 x 10 reps per side).
    assert (after["s0.i0.sets"], after["s0.i0.reps"]) == (["1"], ["10"])
    assert after["s0.i1.sets"] == ["4"]
    exercises = [v[0] for k, v in after.items() if k.startswith("s0.i") and k.endswith(".exercise")]
    assert exercises[-1] == "ball-roll-sole"
    assert fields["s0.i2.exercise"][0] not in exercises
    # A problem is shown at its place, and nothing is saved.
    after["s0.i1.sets"] = ["40"]
    bad = cleo.post("/coach/templates/draft", data={**after, "action": ["save"]})
    assert bad.status_code == 422
    assert "<strong>Session 1, exercise 2, sets</strong>: a whole number from 1 to 10" in bad.text
    assert cleo.get("/api/v1/templates").json() == []
    after["s0.i1.sets"] = ["4"]
    saved = cleo.post("/coach/templates/draft", data={**after, "action": ["save"]})
    assert saved.status_code == 303
    assert saved.headers["location"].startswith("/coach?saved=template-")
    (template,) = cleo.get("/api/v1/templates").json()
    assert template["name"] == "Winter block"
    session = template["body"]["sessions"][0]
    assert session["items"][0]["exercise"] == swap
    assert session["items"][1]["sets"] == 4
    # Saved, it is assigned like any template and Ana's plan follows it.
    assigned = form(
        cleo,
        f"/coach/groups/{group_id}",
        f"/coach/groups/{group_id}/assign",
        template_id=str(template["id"]),
        starts_on=TODAY.isoformat(),
    )
    assert assigned.status_code == 303
    notes = ana.get("/api/v1/plan").json()["notes"]
    assert any("follows your coach's programme 'Winter block'" in n for n in notes)
    # It opens again in the editor; saving it unchanged keeps its version.
    reopened = cleo.get(f"/coach/templates/{template['id']}/edit")
    assert "You have a template of this name" in reopened.text
    again = editor_fields(reopened.text)
    assert again["s0.i0.exercise"] == [swap]
    cleo.post("/coach/templates/draft", data={**again, "action": ["save"]})
    assert [t["version"] for t in cleo.get("/api/v1/templates").json()] == [1]


def test_a_draft_request_with_problems_is_shown_again_with_each_problem(
    club: dict[str, Client],
) -> None:
    cleo = club["cleo"]
    bad = form(
        cleo,
        "/coach/templates/new",
        "/coach/templates/from-plan",
        name="",
        level="3",
        minutes_per_day="500",
        goals="general",
        slots="pre-run",
    )
    assert bad.status_code == 422
    assert "<strong>Name</strong>: text of 1 to 120 characters" in bad.text
    assert "<strong>Minutes a day</strong>" in bad.text
    assert 'value="3" selected' in bad.text  # what was typed stays


def test_removing_every_exercise_of_a_session_removes_the_session(
    club: dict[str, Client],
) -> None:
    cleo = club["cleo"]
    editor = start_draft(cleo)
    fields = editor_fields(editor.text)
    sessions = int(fields["sessions"][0])
    for key in [k for k in fields if re.fullmatch(r"s0\.i\d\.exercise", k)]:
        fields[key.replace("exercise", "remove")] = ["yes"]
    checked = cleo.post("/coach/templates/draft", data={**fields, "action": ["check"]})
    assert editor_fields(checked.text)["sessions"] == [str(sessions - 1)]


def test_only_coaches_reach_the_template_builder_and_its_api(club: dict[str, Client]) -> None:
    cleo, ana = club["cleo"], club["ana"]
    assert ana.get("/coach/templates/new").status_code == 403
    draft = cleo.post(
        "/api/v1/templates/from-plan",
        json={"name": "From the API", "level": 2, "slots": ["morning", "tv"]},
        headers={"X-CSRF-Token": cleo.api_token()},
    )
    assert draft.status_code == 200, draft.text
    body = draft.json()
    assert body["template"]["schema"] == "footcore.template/1"
    saved = cleo.post(
        "/api/v1/templates", json=body["template"], headers={"X-CSRF-Token": cleo.api_token()}
    )
    assert saved.json()["name"] == "From the API"
    refused = ana.post(
        "/api/v1/templates/from-plan",
        json={"name": "Mine"},
        headers={"X-CSRF-Token": ana.api_token()},
    )
    assert refused.status_code == 403
    invalid = cleo.post(
        "/api/v1/templates/from-plan",
        json={"name": "X", "level": 7, "goals": ["achiles"]},
        headers={"X-CSRF-Token": cleo.api_token()},
    )
    assert invalid.status_code == 422
    assert {p["where"] for p in invalid.json()["error"]["problems"]} == {"level", "goals[0]"}

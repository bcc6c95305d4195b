"""A coach's own exercise in the athlete's sessions: the members of the coach's group whose
template holds it see its cues, dose and foot map in the player's session JSON and on the
player page; anyone else never sees it."""

from __future__ import annotations

import html
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.web_accounts import (
    PASSWORD,
    PROFILE,
    TODAY,
    Client,
    multi_user_app,
)
from tests.integration.support import COACH_EXERCISE

TEMPLATE = """
name = "Toe control"
[[sessions]]
days = ["mon", "wed", "fri"]
slot = "morning"
items = ["seated-toe-yoga", "ball-roll-sole"]
"""
CUE = "Heel and ball of the foot stay down."


@pytest.fixture
def club(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """Cleo (coach) with her exercise in a template assigned to her group; Ana is a member,
    Bea is not."""
    app = multi_user_app(tmp_path)
    services = app.state.footcore.services
    acc, coaching = services.accounts, services.coaching
    cleo = acc.create_user("cleo@example.org", PASSWORD, "coach")
    people = {}
    for name in ("Ana", "Bea"):
        athlete = services.onboard({**PROFILE, "name": name}, TODAY).athlete.id
        people[name] = acc.create_user(f"{name.lower()}@example.org", PASSWORD, "athlete", athlete)
    coach = acc.principal(cleo.id)
    group = coaching.create_group(coach, "Toe club")
    coaching.join(acc.principal(people["Ana"].id), group.invite_code or "")
    coaching.add_exercise(coach, COACH_EXERCISE)
    template = coaching.save_template(coach, tomllib.loads(TEMPLATE))
    coaching.assign_template(coach, template.id, group_id=group.id, starts_on=TODAY)
    clients = {}
    for name in ("ana", "bea"):
        client = Client(app)
        assert client.sign_in(f"{name}@example.org").status_code == 303
        clients[name] = client
    yield {"app": app, "clients": clients, "group": group.id, "users": people}
    for c in clients.values():
        c.close()
    app.state.footcore.close()


def _session(client: Client) -> dict[str, Any]:
    answer = client.get(f"/api/v1/today/morning?date={TODAY.isoformat()}")
    assert answer.status_code == 200, answer.text
    found: dict[str, Any] = answer.json()
    return found


def test_a_member_sees_the_coachs_exercise_with_its_cues_in_the_player(
    club: dict[str, Any],
) -> None:
    ana = club["clients"]["ana"]
    items = {i["exercise"]: i for i in _session(ana)["items"]}
    assert "seated-toe-yoga" in items
    yoga = items["seated-toe-yoga"]
    assert yoga["name"] == "Seated toe yoga"
    assert yoga["cues"] == [CUE, "Move slowly, no cramping."]
    assert yoga["category"] == "activate"
    assert yoga["targets"] == ["intrinsic-foot"]
    assert "target=intrinsic-foot" in yoga["foot_map"]
    assert yoga["cautions"]
    assert yoga["per_side"] is True
    # The page lists the exercise and hands its script the session JSON, cues included.
    page = ana.get(f"/play/morning?date={TODAY.isoformat()}")
    assert page.status_code == 200
    assert "<strong>Seated toe yoga</strong>" in page.text
    url = re.search(r'data-session-url="([^"]+)"', page.text)
    assert url
    played = ana.get(html.unescape(url.group(1))).json()
    assert {i["exercise"]: i["cues"] for i in played["items"]}["seated-toe-yoga"][0] == CUE


def test_a_non_member_never_sees_the_coachs_exercise(club: dict[str, Any]) -> None:
    bea = club["clients"]["bea"]
    today = bea.get(f"/api/v1/today?date={TODAY.isoformat()}")
    assert today.status_code == 200
    assert "seated-toe-yoga" not in today.text
    assert "seated-toe-yoga" not in [i["exercise"] for i in _session(bea)["items"]]
    page = bea.get(f"/play/morning?date={TODAY.isoformat()}")
    assert page.status_code == 200
    assert "Seated toe yoga" not in page.text
    services = club["app"].state.footcore.services
    bea_id = club["users"]["Bea"].athlete_id
    assert "seated-toe-yoga" not in services.programmes.catalogue_for(bea_id)


def test_after_leaving_the_group_the_coachs_exercise_is_gone(club: dict[str, Any]) -> None:
    services = club["app"].state.footcore.services
    ana_user = club["users"]["Ana"]
    services.coaching.leave(services.accounts.principal(ana_user.id), club["group"])
    ana = club["clients"]["ana"]
    assert "seated-toe-yoga" not in [i["exercise"] for i in _session(ana)["items"]]
    page = ana.get(f"/play/morning?date={TODAY.isoformat()}")
    assert "Seated toe yoga" not in page.text
    assert "seated-toe-yoga" not in services.programmes.catalogue_for(ana_user.athlete_id)

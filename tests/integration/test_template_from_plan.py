"""The template builder's service on both engines: a coach drafts a template from a generated
plan, saves it (checked like a typed one), assigns it, and the members' plans follow it and
keep every planning rule; the inputs are checked and only coaches may draft."""

from __future__ import annotations

import random
from typing import Any

import pytest

from footcore.bootstrap import App
from footcore.domain.access import AccessError, Principal, Role, Verdict
from footcore.domain.errors import ValidationError
from footcore.domain.planning import check_plan, plan_from_dict
from footcore.domain.profile import parse_profile
from footcore.domain.vocab import Equipment, Goal, Slot, Weekday

from .support import COACH_EXERCISE, PASSWORD, PROFILE, TODAY


@pytest.fixture
def app(coach_app: App) -> App:
    return coach_app


def person(app: App, email: str, role: Role, **profile: Any) -> Principal:
    athlete_id = None
    if role is Role.ATHLETE:
        name = email.split("@", maxsplit=1)[0].capitalize()
        athlete_id = app.services.onboard({**PROFILE, "name": name, **profile}, TODAY).athlete.id
    user = app.services.accounts.create_user(email, PASSWORD, role, athlete_id)
    return app.services.accounts.principal(user.id)


def random_request(rng: random.Random, name: str) -> dict[str, Any]:
    days = rng.sample(Weekday.slugs(), rng.randint(0, 4))
    data: dict[str, Any] = {
        "name": name,
        "level": rng.randint(1, 6),
        "goals": rng.sample(Goal.slugs(), rng.randint(1, 3)),
        "equipment": rng.sample(Equipment.slugs(), rng.randint(0, 6)),
        "minutes_per_day": rng.randint(5, 40),
        "slots": ["morning", *rng.sample([s for s in Slot.slugs() if s != "morning"], 2)],
    }
    if days:
        data["running"] = {"days": days, "long_run_day": days[0]}
    return data


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_drafted_template_is_saved_assigned_and_followed_within_every_rule(
    app: App, seed: int
) -> None:
    coaching = app.services.coaching
    cleo = person(app, "cleo@example.org", Role.COACH)
    group = coaching.create_group(cleo, "Tuesday club")
    members = [
        person(app, "ana@example.org", Role.ATHLETE),
        person(app, "bea@example.org", Role.ATHLETE, equipment=[], minutes_per_day=6),
    ]
    for m in members:
        coaching.join(m, group.invite_code or "")
    cleo = app.services.accounts.principal(cleo.user_id or 0)
    draft = coaching.template_from_plan(cleo, random_request(random.Random(seed), "Drafted"))
    assert draft.template.name == "Drafted"
    saved = coaching.save_template(cleo, draft.to_dict()["template"])
    assert saved.version == 1
    assert coaching.check_template(cleo, saved.body) == dict(saved.body)
    coaching.assign_template(cleo, saved.id, group_id=group.id, starts_on=TODAY)
    for m in members:
        assert m.athlete_id is not None
        view = app.services.current_programme(m.athlete_id)
        plan = plan_from_dict(view.plan)
        profile = parse_profile(app.services.programmes.athlete(m.athlete_id).profile)
        catalogue = coaching.catalogue_for_athlete(m.athlete_id)
        assert check_plan(plan, profile, catalogue) == []
        assert any("follows your coach's programme 'Drafted'" in n for n in plan.notes)
        assert not any("could not be fitted" in n for n in plan.notes)


def test_a_draft_may_use_the_coachs_own_exercises_and_nobody_elses(app: App) -> None:
    coaching = app.services.coaching
    cleo = person(app, "cleo@example.org", Role.COACH)
    dora = person(app, "dora@example.org", Role.COACH)
    coaching.add_exercise(cleo, COACH_EXERCISE)
    assert "seated-toe-yoga" in coaching.template_catalogue(cleo)
    assert "seated-toe-yoga" not in coaching.template_catalogue(dora)
    body = {
        "name": "Own",
        "sessions": [{"days": ["mon"], "slot": "desk", "items": ["seated-toe-yoga"]}],
    }
    assert coaching.check_template(cleo, body)["sessions"][0]["items"] == [
        {"exercise": "seated-toe-yoga"}
    ]
    with pytest.raises(ValidationError, match="unknown exercise"):
        coaching.check_template(dora, body)


def test_every_problem_of_a_draft_request_is_named(app: App) -> None:
    cleo = person(app, "cleo@example.org", Role.COACH)
    with pytest.raises(ValidationError) as exc:
        app.services.coaching.template_from_plan(
            cleo,
            {
                "name": "",
                "level": 9,
                "goals": ["achiles"],
                "minutes_per_day": 1,
                "colour": "red",
            },
        )
    where = {p.where: p.message for p in exc.value.problems}
    assert set(where) == {"name", "level", "goals[0]", "minutes_per_day", "colour"}
    assert "did you mean 'achilles'" in where["goals[0]"]
    assert "1 to 6" in where["level"]


def test_a_week_without_any_session_is_refused_with_the_reason(app: App) -> None:
    cleo = person(app, "cleo@example.org", Role.COACH)
    with pytest.raises(ValidationError) as exc:
        app.services.coaching.template_from_plan(cleo, {"name": "Runs", "slots": ["pre-run"]})
    assert [p.where for p in exc.value.problems] == ["slots"]


def test_only_coaches_draft_templates(app: App) -> None:
    ana = person(app, "ana@example.org", Role.ATHLETE)
    for call in (
        lambda: app.services.coaching.template_from_plan(ana, {"name": "Mine"}),
        lambda: app.services.coaching.template_catalogue(ana),
        lambda: app.services.coaching.check_template(ana, {"name": "Mine"}),
    ):
        with pytest.raises(AccessError) as exc:
            call()
        assert exc.value.verdict is Verdict.FORBIDDEN

"""Coach mode on both engines: groups and invite codes, who sees whom, templates that the
athletes' programmes follow, coaches' own exercises, class sheets and the dashboard."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete

from footcore.bootstrap import App
from footcore.domain.access import AccessError, Principal, Role, Verdict
from footcore.domain.errors import ConflictError, FootcoreError, NotFoundError, ValidationError
from footcore.domain.planning import check_plan, plan_from_dict
from footcore.domain.profile import parse_profile
from footcore.services import Feedback, ItemEntry, SessionHeader
from footcore.store.tables.accounts import PlannedSession

from .support import COACH_EXERCISE, PASSWORD, PROFILE, TODAY, Clock

TEMPLATE = {
    "name": "Club feet",
    "sessions": [
        {
            "days": ["mon", "wed", "fri"],
            "slot": "morning",
            "items": [
                "ball-roll-sole",
                {"exercise": "towel-scrunch", "reps": 20, "note": "Slow and even."},
                {"exercise": "heel-raise-step-towel"},
                {"exercise": "kneeling-toe-stretch"},
            ],
        },
        {
            "days": ["tue", "thu", "sat"],
            "slot": "post-run",
            "items": ["seated-toe-taps", "calf-wall-stretch"],
        },
    ],
}


def athlete(app: App, email: str, **profile: object) -> Principal:
    name = email.split("@", maxsplit=1)[0].capitalize()
    athlete_id = app.services.onboard({**PROFILE, "name": name, **profile}).athlete.id
    user = app.services.accounts.sign_up(email, PASSWORD, athlete_id=athlete_id)
    return app.services.accounts.principal(user.id)


def coach(app: App, email: str) -> Principal:
    user = app.services.accounts.create_user(email, PASSWORD, Role.COACH)
    return app.services.accounts.principal(user.id)


def again(app: App, p: Principal) -> Principal:
    """The principal reloaded (memberships change what it may see)."""
    assert p.user_id is not None
    return app.services.accounts.principal(p.user_id)


def test_a_coach_sees_only_members_who_accepted(coach_app: App) -> None:
    c = coach(coach_app, "coach@example.org")
    ana = athlete(coach_app, "ana@example.org")
    ben = athlete(coach_app, "ben@example.org")
    cy = athlete(coach_app, "cy@example.org")
    svc = coach_app.services.coaching
    group = svc.create_group(c, "Tuesday club", "club")
    assert group.invite_code
    assert len(group.invite_code) == 10
    svc.join(ana, group.invite_code.lower())
    svc.invite(c, group.id, "ben@example.org")  # invited, not yet accepted
    svc.join(cy, group.invite_code)
    svc.leave(cy, group.id)
    assert [m.name for m in svc.members(c, group.id)] == ["Ana"]
    c = again(coach_app, c)
    assert c.coached_athletes == {ana.athlete_id}
    assert [g.name for g in svc.invitations(ben)] == ["Tuesday club"]
    svc.accept(ben, group.id)
    assert [m.name for m in svc.members(c, group.id)] == ["Ana", "Ben"]
    svc.join(cy, group.invite_code)  # rejoining after leaving works
    assert len(svc.members(c, group.id)) == 3


def test_other_coaches_and_members_cannot_manage_a_group(coach_app: App) -> None:
    c = coach(coach_app, "coach@example.org")
    other = coach(coach_app, "other@example.org")
    ana = athlete(coach_app, "ana@example.org")
    svc = coach_app.services.coaching
    group = svc.create_group(c, "Class A", "class")
    svc.join(ana, group.invite_code or "")
    ana = again(coach_app, ana)
    with pytest.raises(NotFoundError) as hidden:
        svc.members(other, group.id)
    with pytest.raises(NotFoundError) as missing:
        svc.members(other, 9999)
    assert str(hidden.value).replace(str(group.id), "N") == str(missing.value).replace("9999", "N")
    with pytest.raises(AccessError) as forbidden:
        svc.members(ana, group.id)
    assert forbidden.value.verdict is Verdict.FORBIDDEN
    assert svc.group(ana, group.id).invite_code is None  # members do not get the code
    with pytest.raises(AccessError):
        svc.create_group(ana, "My own club")
    with pytest.raises(FootcoreError, match="invite code"):
        svc.join(ana, "WRONGCODE1")


def test_a_new_invite_code_replaces_the_old_one(coach_app: App) -> None:
    c = coach(coach_app, "coach@example.org")
    ana = athlete(coach_app, "ana@example.org")
    svc = coach_app.services.coaching
    group = svc.create_group(c, "Club")
    fresh = svc.new_code(c, group.id)
    assert fresh.invite_code != group.invite_code
    with pytest.raises(FootcoreError, match="invite code"):
        svc.join(ana, group.invite_code or "")
    svc.join(ana, fresh.invite_code or "")


def test_a_template_checks_exercises_and_doses(coach_app: App) -> None:
    c = coach(coach_app, "coach@example.org")
    bad = {
        "name": "Broken",
        "sessions": [
            {
                "days": ["mon", "funday"],
                "slot": "morning",
                "items": [{"exercise": "towel-scrnch"}, {"exercise": "ball-roll-sole", "reps": 5}],
            }
        ],
    }
    with pytest.raises(ValidationError) as caught:
        coach_app.services.coaching.save_template(c, bad)
    text = str(caught.value)
    assert "days[1]" in text
    assert "did you mean 'towel-scrunch'" in text
    assert "timed work" in text


def test_saving_a_template_again_raises_its_version(coach_app: App) -> None:
    c = coach(coach_app, "coach@example.org")
    svc = coach_app.services.coaching
    assert svc.save_template(c, TEMPLATE).version == 1
    assert svc.save_template(c, TEMPLATE).version == 1  # unchanged
    changed = {**TEMPLATE, "description": "Winter block"}
    assert svc.save_template(c, changed).version == 2


def _coached(app: App, **profile: object) -> tuple[Principal, Principal, int]:
    c = coach(app, "coach@example.org")
    a = athlete(app, "ana@example.org", **profile)
    svc = app.services.coaching
    group = svc.create_group(c, "Club")
    svc.join(a, group.invite_code or "")
    svc.save_template(c, TEMPLATE)
    return again(app, c), again(app, a), group.id


@pytest.mark.parametrize(
    ("profile", "expect"),
    [
        ({"equipment": ["ball"]}, "needs"),
        ({"pain": {"nrs": 7, "site": "heel"}}, "gentle"),
    ],
)
def test_an_assigned_template_fits_the_athlete_and_keeps_every_rule(
    coach_app: App, profile: dict[str, object], expect: str
) -> None:
    c, a, _ = _coached(coach_app, **profile)
    assert a.athlete_id is not None
    coach_app.services.coaching.assign_template(c, "Club feet", athlete_id=a.athlete_id)
    view = coach_app.services.current_programme(a.athlete_id)
    assert view.adjustments["template"]["version"] == 1
    plan = plan_from_dict(view.plan)
    stored = coach_app.services.programmes.athlete(a.athlete_id).profile
    assert (
        check_plan(plan, parse_profile(stored), coach_app.services.coaching.catalogue_for(a)) == []
    )
    items = [i for d in plan.days for i in d.items if "Club feet" in i.why]
    assert items, "the plan follows the template"
    assert any("Changed for you" in i.why for i in items)
    assert any("Club feet" in n for n in plan.notes)
    assert any(expect in n for n in plan.notes), plan.notes
    assert any("Coach: Slow and even." in i.why for i in items) or expect == "needs"


def test_a_group_template_reaches_every_member_and_leaving_ends_it(coach_app: App) -> None:
    c, a, group_id = _coached(coach_app)
    assert a.athlete_id is not None
    svc = coach_app.services.coaching
    svc.assign_template(c, "Club feet", group_id=group_id, starts_on=TODAY)
    plan = coach_app.services.current_programme(a.athlete_id).plan
    monday = plan["weeks"][0]["days"][0]
    assert any("Club feet" in i["why"] for s in monday["sessions"] for i in s["items"])
    svc.leave(a, group_id)
    plan = coach_app.services.current_programme(a.athlete_id).plan
    assert not any("Club feet" in n for n in plan["notes"])


def test_an_athlete_cannot_assign_and_another_coach_cannot_reach_the_athlete(
    coach_app: App,
) -> None:
    c, a, _ = _coached(coach_app)
    other = coach(coach_app, "other@example.org")
    svc = coach_app.services.coaching
    assert a.athlete_id is not None
    svc.save_template(other, {**TEMPLATE, "name": "Other"})
    with pytest.raises(NotFoundError):
        svc.assign_template(other, "Other", athlete_id=a.athlete_id)
    with pytest.raises(NotFoundError):
        svc.assign_template(a, "Club feet", athlete_id=a.athlete_id)
    svc.assign_template(c, "Club feet", athlete_id=a.athlete_id)


def test_coach_exercises_are_validated_and_seen_only_by_the_coachs_members(
    coach_app: App,
) -> None:
    c, a, _ = _coached(coach_app)
    other = coach(coach_app, "other@example.org")
    stranger = athlete(coach_app, "sam@example.org")
    svc = coach_app.services.coaching
    other_group = svc.create_group(other, "Other club")
    svc.join(stranger, other_group.invite_code or "")
    stranger = again(coach_app, stranger)
    assert svc.add_exercise(c, COACH_EXERCISE) == "seated-toe-yoga"
    assert svc.exercises(c) == ["seated-toe-yoga"]
    assert svc.exercises(a) == ["seated-toe-yoga"]
    assert "seated-toe-yoga" in svc.catalogue_for(a)
    assert svc.exercises(other) == []
    assert svc.exercises(stranger) == []
    assert "seated-toe-yoga" not in svc.catalogue_for(stranger)
    with pytest.raises(ValidationError, match="taken"):
        svc.add_exercise(other, COACH_EXERCISE)
    with pytest.raises(ValidationError) as broken:
        svc.add_exercise(c, COACH_EXERCISE.replace('load = "none"', 'load = "extreme"'))
    assert "load" in str(broken.value)
    with pytest.raises(NotFoundError):
        svc.remove_exercise(other, "seated-toe-yoga")
    with pytest.raises(AccessError):
        svc.remove_exercise(a, "seated-toe-yoga")
    # The coach's template may use it, and the member's plan then holds it.
    template = {
        "name": "Balance block",
        "sessions": [{"days": ["mon", "thu"], "slot": "morning", "items": ["seated-toe-yoga"]}],
    }
    svc.save_template(c, template)
    with pytest.raises(ValidationError):
        svc.save_template(other, template)
    assert a.athlete_id is not None
    svc.assign_template(c, "Balance block", athlete_id=a.athlete_id)
    plan = coach_app.services.current_programme(a.athlete_id).plan
    assert any(
        i["exercise"] == "seated-toe-yoga"
        for w in plan["weeks"]
        for d in w["days"]
        for s in d["sessions"]
        for i in s["items"]
    )
    svc.remove_exercise(c, "seated-toe-yoga")
    assert svc.exercises(a) == []


def test_the_class_sheet_after_a_long_run_drops_cramp_risk_and_deep_stretches(
    coach_app: App,
) -> None:
    c, _, group_id = _coached(coach_app, cramp_prone=True)
    svc = coach_app.services.coaching
    svc.assign_template(c, "Club feet", group_id=group_id)
    monday = TODAY
    sheet = svc.class_sheet(c, group_id, monday, after="long")
    names = [i.exercise for i in sheet.items]
    assert "towel-scrunch" not in names
    assert "kneeling-toe-stretch" not in names
    assert sheet.items[0].category == "release"
    assert all(not coach_app.services.coaching.catalogue_for(c).get(s).cramp_risk for s in names)
    assert any(i.change and "Towel scrunch" in i.change for i in sheet.items)
    starts = [i.start_s for i in sheet.items]
    assert starts == sorted(starts)
    assert starts[0] == 0
    plain = svc.class_sheet(c, group_id, monday, after="none")
    assert "towel-scrunch" in [i.exercise for i in plain.items]
    with pytest.raises(FootcoreError, match="no session on"):
        svc.class_sheet(c, group_id, monday + dt.timedelta(days=6))


def test_the_dashboard_shows_adherence_flags_and_who_went_quiet(
    coach_app: App, clock: Clock
) -> None:
    c, a, group_id = _coached(coach_app)
    ben = athlete(coach_app, "ben@example.org")
    svc = coach_app.services.coaching
    svc.join(ben, svc.group(c, group_id).invite_code or "")
    assert a.athlete_id is not None
    today = coach_app.services.today(a.athlete_id, TODAY)
    first = today.sessions[0]
    header = SessionHeader("s1", TODAY, str(first["slot"]), "manual", len(first["items"]), 2.0)
    items = [  # the whole session, every set of every exercise
        ItemEntry(n, str(i["exercise"]), dict(i), int(i["sets"]))
        for n, i in enumerate(first["items"])
    ]
    coach_app.services.log_session(a.athlete_id, header, items, Feedback(pain=7, cramp=True))
    clock.day = TODAY + dt.timedelta(days=3)
    board = svc.dashboard(again(coach_app, c), group_id)
    rows = {m.name: m for m in board.members}
    assert set(rows) == {"Ana", "Ben"}
    assert rows["Ana"].done_sessions == 1
    assert rows["Ana"].planned_sessions >= 1
    assert rows["Ana"].pain_flag is not None
    assert "7/10" in rows["Ana"].pain_flag
    assert rows["Ana"].cramp_flag == f"cramp on {TODAY.isoformat()}"
    assert rows["Ana"].days_since_log == 3
    assert not rows["Ana"].quiet
    assert rows["Ben"].quiet
    assert rows["Ben"].done_sessions == 0
    assert rows["Ben"].adherence_pct == 0.0
    assert board.to_dict()["thresholds"]["quiet_days"] == 7
    # The stored planned sessions are derived data: without them (a restore) they are rebuilt.
    with coach_app.uow() as uow:
        uow.db.execute(delete(PlannedSession))
    rebuilt = svc.dashboard(again(coach_app, c), group_id)
    assert rebuilt.members == board.members


def test_a_coach_with_training_data_leaving_their_own_group_is_told_why(coach_app: App) -> None:
    c = coach(coach_app, "coach@example.org")
    svc = coach_app.services.coaching
    group = svc.create_group(c, "Tuesday club", "club")
    coach_app.services.onboard({**PROFILE, "name": "Cleo"}, user_id=c.user_id)
    c = again(coach_app, c)
    with pytest.raises(ConflictError, match=r"you coach group .*only members leave"):
        svc.leave(c, group.id)
    stranger = athlete(coach_app, "ana@example.org")
    with pytest.raises(NotFoundError):  # someone else's group stays unknown to strangers
        svc.leave(stranger, group.id)

"""A template drafted from a generated plan: one week of the plan becomes sessions on
weekdays in slots with the plan's doses, checked like a typed template, within the template's
limits; fitted to athletes it keeps every planning rule."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from footcore.catalogue.loader import builtin_catalogue
from footcore.domain.coaching import (
    MAX_ITEMS,
    MAX_SESSIONS,
    apply_template,
    parse_template,
    template_from_plan,
    template_to_dict,
)
from footcore.domain.errors import ValidationError
from footcore.domain.planning import check_plan, generate_plan
from footcore.domain.profile import Profile, parse_profile
from footcore.domain.vocab import Equipment, Goal, Slot, Weekday

from .test_planner_properties import profiles

CATALOGUE = builtin_catalogue()
MONDAY = dt.date(2027, 1, 4)
FALLBACK = "could not be fitted"


@st.composite
def draft_profiles(draw: st.DrawFn) -> Profile:
    """What a coach describes: goals, equipment, minutes, slots, run days (no pain)."""
    days = draw(st.lists(st.sampled_from(Weekday.slugs()), unique=True, max_size=5))
    data: dict[str, Any] = {
        "name": "Draft",
        "age": 40,
        "goals": draw(st.lists(st.sampled_from(Goal.slugs()), unique=True, min_size=1, max_size=3)),
        "equipment": draw(st.lists(st.sampled_from(Equipment.slugs()), unique=True)),
        "minutes_per_day": draw(st.integers(2, 60)),
        "slots": draw(st.lists(st.sampled_from(Slot.slugs()), unique=True, min_size=1)),
    }
    if days:
        data["running"] = {"days": days, "long_run_day": draw(st.sampled_from(days))}
    return parse_profile(data)


def draft_of(profile: Profile, level: int) -> Any:
    plan = generate_plan(profile, CATALOGUE, MONDAY, level)
    return template_from_plan(plan, level, CATALOGUE, name="Club feet"), plan


def coach_items(plan: Any) -> list[Any]:
    return [i for d in plan.days for i in d.items if "Club feet" in i.why]


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(source=draft_profiles(), level=st.integers(1, 6), athlete=profiles())
def test_a_drafted_template_checks_like_a_typed_one_and_fits_any_athlete(
    source: Profile, level: int, athlete: Profile
) -> None:
    draft, _ = draft_of(source, level)
    if not draft.template.sessions:  # e.g. only run slots and no run days
        return
    template = draft.template
    assert parse_template(template_to_dict(template), CATALOGUE) == template
    assert 1 <= len(template.sessions) <= MAX_SESSIONS
    assert all(1 <= len(s.items) <= MAX_ITEMS for s in template.sessions)
    # The athlete it was drafted for follows it (never the fallback to their own plan) ...
    own = apply_template(template, source, CATALOGUE, generate_plan(source, CATALOGUE, MONDAY, 8))
    assert check_plan(own, source, CATALOGUE) == []
    assert not any(FALLBACK in n for n in own.notes)
    assert coach_items(own)
    # ... and anyone else it is assigned to keeps every planning rule.
    base = generate_plan(athlete, CATALOGUE, MONDAY, 6)
    fitted = apply_template(template, athlete, CATALOGUE, base)
    assert check_plan(fitted, athlete, CATALOGUE) == []


RUNNER = parse_profile(
    {
        "name": "Draft",
        "age": 40,
        "goals": ["achilles"],
        "equipment": ["towel", "step", "band"],
        "minutes_per_day": 15,
        "slots": ["morning", "tv", "post-run"],
        "running": {"days": ["tue", "sat"], "long_run_day": "sat"},
    }
)


def test_each_session_of_the_week_is_in_the_template_on_its_day_with_the_plans_dose() -> None:
    draft, plan = draft_of(RUNNER, 4)
    assert draft.notes == ()
    template = draft.template
    for day in plan.weeks[3].days:
        for session in day.sessions:
            (ts,) = [
                s for s in template.sessions if day.weekday in s.days and s.slot is session.slot
            ]
            assert [i.exercise for i in ts.items] == [i.exercise for i in session.items]
            for planned, item in zip(session.items, ts.items, strict=True):
                assert item.sets == planned.sets
                assert (item.reps, item.duration_s) == (planned.reps, planned.duration_s)
                assert item.hold_s == planned.hold_s
    assert sum(len(s.days) for s in template.sessions) == sum(
        len(d.sessions) for d in plan.weeks[3].days
    )


def test_days_with_the_same_session_share_one_template_session() -> None:
    plan = generate_plan(RUNNER, CATALOGUE, MONDAY, 1)
    week = plan.weeks[0]
    monday = week.days[0]
    days = list(week.days)
    days[2] = replace(days[2], sessions=monday.sessions)  # Wednesday as Monday
    plan = replace(plan, weeks=(replace(week, days=tuple(days)),))
    template = template_from_plan(plan, 1, CATALOGUE, name="Club feet").template
    shared = [s for s in template.sessions if Weekday.MON in s.days]
    assert shared
    assert all(Weekday.WED in s.days for s in shared)
    assert sum(len(s.days) for s in template.sessions) == sum(len(d.sessions) for d in days)


def test_a_busy_week_stays_within_the_sessions_a_template_holds_and_says_what_went() -> None:
    busy = parse_profile(
        {
            "name": "Draft",
            "age": 40,
            "goals": ["general", "plantar-heel-pain", "ankle-mobility"],
            "equipment": list(Equipment.slugs()),
            "minutes_per_day": 60,
            "slots": list(Slot.slugs()),
            "running": {"days": ["mon", "wed", "fri", "sun"], "long_run_day": "sun"},
        }
    )
    plan = generate_plan(busy, CATALOGUE, MONDAY, 5)
    planned = sum(len(d.sessions) for d in plan.weeks[4].days)
    draft = template_from_plan(plan, 5, CATALOGUE, name="Club feet")
    template = draft.template
    assert len(template.sessions) == MAX_SESSIONS < planned
    assert any("at most 21 sessions" in n for n in draft.notes)
    assert all("at most 21 sessions" in n or "at most 4 exercises" in n for n in draft.notes)
    taken = [(d, s.slot) for s in template.sessions for d in s.days]
    assert len(taken) == len(set(taken)), "one session per slot and day"
    parse_template(template_to_dict(template), CATALOGUE)


def test_the_week_must_be_in_the_plan() -> None:
    plan = generate_plan(RUNNER, CATALOGUE, MONDAY, 2)
    with pytest.raises(ValidationError, match="from 1 to 2"):
        template_from_plan(plan, 3, CATALOGUE, name="Club feet")


def test_the_draft_names_and_describes_the_template() -> None:
    plan = generate_plan(RUNNER, CATALOGUE, MONDAY, 1)
    draft = template_from_plan(plan, 1, CATALOGUE, name="  Winter block ", description="Level 1")
    data = draft.to_dict()
    assert (data["template"]["name"], data["template"]["description"]) == (
        "Winter block",
        "Level 1",
    )
    assert data["template"]["schema"] == "footcore.template/1"
    assert data["notes"] == []


def test_a_protocol_session_longer_than_a_template_session_is_cut_and_the_draft_says_so() -> None:
    """A goal's protocol may fill a session with more than four exercises (the foot-core
    programme holds five); a template session holds four, so the draft keeps the first
    four and names what it left out."""
    core = parse_profile(
        {
            "name": "Draft",
            "age": 40,
            "goals": ["general"],
            "minutes_per_day": 30,
            "slots": ["morning"],
        }
    )
    plan = generate_plan(core, CATALOGUE, MONDAY, 1)
    longest = max((s for d in plan.weeks[0].days for s in d.sessions), key=lambda s: len(s.items))
    assert len(longest.items) > 4
    draft = template_from_plan(plan, 1, CATALOGUE, name="Core")
    assert all(len(s.items) <= 4 for s in draft.template.sessions)
    assert any(longest.items[4].name in n and "at most 4" in n for n in draft.notes)

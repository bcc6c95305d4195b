"""Profiles: parsing with every problem reported by key, defaults, and the round trip."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from footcore.catalogue.loader import builtin_catalogue
from footcore.domain.errors import ValidationError
from footcore.domain.planning import generate_plan
from footcore.domain.profile import (
    DEFAULT_MINUTES,
    DEFAULT_SLOT_TIMES,
    Pain,
    Running,
    parse_profile,
    profile_to_dict,
)
from footcore.domain.vocab import Equipment, Goal, PainSite, Sex, Slot, Weekday

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _problems(data: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        parse_profile(data)
    assert info.value.subject == "profile"
    return {p.where: p.message for p in info.value.problems}


def test_the_design_profile_parses_into_typed_fields() -> None:
    data = tomllib.loads((EXAMPLES / "ana.toml").read_text(encoding="utf-8"))
    p = parse_profile(data)
    assert p.name == "Ana"
    assert p.age == 38
    assert p.sex is Sex.FEMALE
    assert p.goals == (Goal.GENERAL, Goal.PLANTAR_HEEL_PAIN)
    assert p.equipment == (Equipment.TOWEL, Equipment.BALL, Equipment.STEP, Equipment.BAND)
    assert p.minutes_per_day == 12
    assert Slot.TV not in p.slots
    assert p.cramp_prone is True
    assert p.pain == Pain(3, PainSite.HEEL)
    assert p.running == Running(
        days=(Weekday.TUE, Weekday.THU, Weekday.SAT, Weekday.SUN),
        long_run_day=Weekday.SUN,
        weekly_km=35.0,
    )


def test_only_name_and_age_are_required_and_the_rest_has_documented_defaults() -> None:
    p = parse_profile({"name": "Kim", "age": 40})
    assert p.goals == (Goal.GENERAL,)
    assert p.equipment == ()
    assert p.minutes_per_day == DEFAULT_MINUTES
    assert p.slots == tuple(Slot)
    assert p.cramp_prone is False
    assert p.pain is None
    assert p.running is None
    assert p.units == "metric"
    assert p.sex is Sex.UNSPECIFIED


def test_every_problem_is_reported_at_once_with_its_key() -> None:
    problems = _problems(
        {
            "name": "Ana",
            "age": 250,
            "goals": ["general", "heel-pain"],
            "minutes_per_day": 0,
            "running": {"days": ["tue", "funday"], "long_run_day": "sun"},
            "colour": "red",
        }
    )
    assert set(problems) == {
        "age",
        "goals[1]",
        "minutes_per_day",
        "running.days[1]",
        "colour",
    }
    assert "from 10 to 110, got 250" in problems["age"]
    assert "did you mean 'plantar-heel-pain'" in problems["goals[1]"]
    assert "from 2 to 60, got 0" in problems["minutes_per_day"]
    assert "unknown weekday 'funday'" in problems["running.days[1]"]


def test_unknown_keys_get_a_did_you_mean_at_every_level() -> None:
    problems = _problems(
        {
            "name": "Ana",
            "age": 30,
            "minutes_a_day": 10,
            "pain": {"nrs": 3, "sight": "heel"},
            "running": {"days": ["mon"], "long_day": "mon"},
        }
    )
    assert "did you mean 'minutes_per_day'" in problems["minutes_a_day"]
    assert "did you mean 'site'" in problems["pain.sight"]
    assert "did you mean 'long_run_day'" in problems["running.long_day"]


def test_the_long_run_and_hard_days_must_be_running_days() -> None:
    problems = _problems(
        {
            "name": "Ana",
            "age": 30,
            "running": {"days": ["mon", "wed"], "long_run_day": "sat", "hard_days": ["fri", "mon"]},
        }
    )
    assert (
        "the long-run day, 'sat', must be one of the running days"
        in problems["running.long_run_day"]
    )
    assert "must be one of the running days" in problems["running.hard_days[0]"]
    assert "running.hard_days[1]" not in problems


def test_the_long_run_day_cannot_also_be_a_hard_day() -> None:
    problems = _problems(
        {
            "name": "Ana",
            "age": 30,
            "running": {"days": ["mon", "sun"], "long_run_day": "sun", "hard_days": ["sun"]},
        }
    )
    assert "already the long-run day" in problems["running.hard_days[0]"]


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({"age": 30}, "name"),
        ({"name": "A"}, "age"),
        ({"name": "A", "age": True}, "age"),
        ({"name": "A", "age": 30.5}, "age"),
        ({"name": " ", "age": 30}, "name"),
        ({"name": "Ana\nB", "age": 30}, "name"),
        ({"name": "Ana\tB", "age": 30}, "name"),
        ({"name": "Ana\u2028B", "age": 30}, "name"),
        ({"name": "Ana\x00", "age": 30}, "name"),
        ({"name": "A", "age": 30, "goals": []}, "goals"),
        ({"name": "A", "age": 30, "goals": ["general", "general"]}, "goals[1]"),
        ({"name": "A", "age": 30, "slots": []}, "slots"),
        ({"name": "A", "age": 30, "equipment": "ball"}, "equipment"),
        ({"name": "A", "age": 30, "cramp_prone": "yes"}, "cramp_prone"),
        ({"name": "A", "age": 30, "pain": {"nrs": 11}}, "pain.nrs"),
        ({"name": "A", "age": 30, "pain": {"site": "heel"}}, "pain.nrs"),
        ({"name": "A", "age": 30, "pain": {"nrs": 2, "site": "knee"}}, "pain.site"),
        (
            {"name": "A", "age": 30, "running": {"days": ["mon"], "weekly_km": -1}},
            "running.weekly_km",
        ),
        ({"name": "A", "age": 30, "slot_times": {"morning": "7am"}}, "slot_times.morning"),
        ({"name": "A", "age": 30, "slot_times": {"brunch": "10:00"}}, "slot_times.brunch"),
        ({"name": "A", "age": 30, "units": "furlongs"}, "units"),
    ],
)
def test_each_bad_value_is_named_by_its_key(data: dict[str, Any], key: str) -> None:
    assert key in _problems(data)


def test_a_running_table_without_days_means_not_running() -> None:
    assert parse_profile({"name": "A", "age": 30, "running": {"days": []}}).running is None


def test_lists_are_kept_in_vocabulary_order_so_equal_profiles_compare_equal() -> None:
    a = parse_profile(
        {"name": "A", "age": 30, "slots": ["tv", "morning"], "goals": ["achilles", "general"]}
    )
    b = parse_profile(
        {"name": "A", "age": 30, "slots": ["morning", "tv"], "goals": ["general", "achilles"]}
    )
    assert a == b


def test_slot_times_and_units_round_trip() -> None:
    p = parse_profile(
        {
            "name": "A",
            "age": 30,
            "slot_times": {"tv": "20:15", "morning": "06:45"},
            "units": "imperial",
        }
    )
    assert dict(p.slot_times) == {Slot.MORNING: "06:45", Slot.TV: "20:15"}
    assert parse_profile(profile_to_dict(p)) == p


def test_every_example_profile_parses_and_round_trips() -> None:
    files = sorted(EXAMPLES.glob("*.toml")) + sorted(EXAMPLES.glob("*.json"))
    assert len(files) >= 5
    for path in files:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text) if path.suffix == ".toml" else json.loads(text)
        profile = parse_profile(data)
        assert parse_profile(profile_to_dict(profile)) == profile, path.name


#: Names a profile accepts: one line (no control characters, line or paragraph separators).
ONE_LINE_TEXT = st.text(
    alphabet=st.characters(exclude_categories=("Cc", "Zl", "Zp", "Cs")), min_size=1, max_size=20
)


@st.composite
def profile_mappings(draw: st.DrawFn) -> dict[str, Any]:
    days = draw(st.lists(st.sampled_from(Weekday.slugs()), unique=True, max_size=7))
    data: dict[str, Any] = {
        "name": draw(ONE_LINE_TEXT.filter(str.strip)),
        "age": draw(st.integers(10, 110)),
        "sex": draw(st.sampled_from(Sex.slugs())),
        "goals": draw(st.lists(st.sampled_from(Goal.slugs()), unique=True, min_size=1)),
        "equipment": draw(st.lists(st.sampled_from(Equipment.slugs()), unique=True)),
        "minutes_per_day": draw(st.integers(2, 60)),
        "slots": draw(st.lists(st.sampled_from(Slot.slugs()), unique=True, min_size=1)),
        "cramp_prone": draw(st.booleans()),
    }
    if draw(st.booleans()):
        data["pain"] = {"nrs": draw(st.integers(0, 10))}
    if days:
        running: dict[str, Any] = {"days": days, "weekly_km": draw(st.integers(0, 150))}
        if draw(st.booleans()):
            running["long_run_day"] = draw(st.sampled_from(days))
        running["hard_days"] = [
            d for d in days if d != running.get("long_run_day") and draw(st.booleans())
        ]
        data["running"] = running
    return data


@given(profile_mappings())
def test_any_valid_profile_round_trips_through_its_dict(data: dict[str, Any]) -> None:
    profile = parse_profile(data)
    assert parse_profile(profile_to_dict(profile)) == profile


def test_slot_time_is_the_profiles_own_else_the_default() -> None:
    p = parse_profile({"name": "Bo", "age": 40, "slot_times": {"desk": "13:15"}})
    assert p.slot_time(Slot.DESK) == dt.time(13, 15)
    hours, minutes = DEFAULT_SLOT_TIMES[Slot.TV].split(":")
    assert p.slot_time(Slot.TV) == dt.time(int(hours), int(minutes))


def test_a_days_sessions_come_in_time_of_day_order() -> None:
    p = parse_profile(
        {
            "name": "Bo",
            "age": 40,
            "minutes_per_day": 20,
            "slot_times": {"teeth": "22:00", "desk": "09:00", "morning": "06:30"},
            "slots": ["teeth", "desk", "morning", "tv"],
        }
    )
    plan = generate_plan(p, builtin_catalogue(), dt.date(2027, 1, 4), 2)
    for day in plan.days:
        times = [p.slot_time(s.slot) for s in day.sessions]
        assert times == sorted(times), day.date


def test_a_name_with_a_line_break_is_refused_with_the_reason() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_profile({"name": "Ana\nBea", "age": 30})
    assert [(p.where, p.message) for p in caught.value.problems] == [
        ("name", "must be one line of text, without line breaks or control characters")
    ]
    # Letters of any script, accents, emoji joined with zero-width joiners: all one line.
    assert (
        parse_profile({"name": "Zoë 李 👩\u200d👩\u200d👧", "age": 30}).name
        == "Zoë 李 👩\u200d👩\u200d👧"
    )


def test_a_profile_may_name_its_time_zone_for_calendars() -> None:
    profile = parse_profile({"name": "Ana", "age": 38, "time_zone": "Europe/Lisbon"})
    assert profile.time_zone == "Europe/Lisbon"
    assert profile_to_dict(profile)["time_zone"] == "Europe/Lisbon"
    assert "time_zone" not in profile_to_dict(parse_profile({"name": "Ana", "age": 38}))
    problems = _problems({"name": "Ana", "age": 38, "time_zone": "Europe/Lisbn"})
    assert "Europe/Lisbon" in problems["time_zone"]

"""Coach mode, pure: templates are checked, fitted to each athlete without breaking a planning
rule (saying what changed), and class sheets apply the post-run rules to the whole class."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from footcore.catalogue.loader import builtin_catalogue
from footcore.domain.coaching import (
    ClassMember,
    Template,
    apply_template,
    class_sheet,
    parse_template,
    sheet_to_text,
    template_to_dict,
)
from footcore.domain.errors import NotFoundError, ValidationError
from footcore.domain.planning import Adjustments, check_plan, generate_plan
from footcore.domain.profile import Profile, parse_profile
from footcore.domain.vocab import Equipment, RunKind, Slot, Weekday
from tests.support.profiles import ana

from .test_planner_properties import adjustments, profiles

CATALOGUE = builtin_catalogue()
MONDAY = dt.date(2027, 1, 4)

CLUB: dict[str, Any] = {
    "name": "Club feet",
    "sessions": [
        {
            "days": ["mon", "wed", "fri"],
            "slot": "morning",
            "title": "Strength",
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
            "items": ["seated-toe-taps", "calf-wall-stretch", "ball-roll-sole"],
        },
        {"days": ["sun"], "slot": "tv", "items": ["all-fours-heel-sit", "roller-sole"]},
    ],
}

ANA: dict[str, Any] = ana(
    "sex",
    "pain",
    "running.weekly_km",
    equipment=["towel", "ball", "step", "band", "mat"],
    minutes_per_day=20,
    slots=["morning", "desk", "tv", "pre-run", "post-run"],
)


def fitted(profile: Profile, template: Template, weeks: int = 8, **kw: Any) -> Any:
    base = generate_plan(profile, CATALOGUE, MONDAY, weeks, **kw)
    return apply_template(template, profile, CATALOGUE, base), base


def coach_items(plan: Any) -> list[Any]:
    return [i for d in plan.days for i in d.items if "Club feet" in i.why]


def test_a_template_round_trips_through_its_json_form() -> None:
    template = parse_template(CLUB, CATALOGUE)
    assert parse_template(template_to_dict(template), CATALOGUE) == template
    assert template.sessions[0].days == (Weekday.MON, Weekday.WED, Weekday.FRI)
    assert template.sessions[0].items[1].reps == 20


@pytest.mark.parametrize(
    ("change", "where", "says"),
    [
        ({"name": ""}, "name", "1 to 120"),
        ({"sessions": []}, "sessions", "1 to 21"),
        ({"colour": "red"}, "colour", "unknown key"),
        (
            {"sessions": [{"days": ["mon"], "slot": "lunch", "items": ["ankle-circles"]}]},
            "slot",
            "",
        ),
        (
            {"sessions": [{"days": ["mon"], "slot": "morning", "items": ["ankle-circlez"]}]},
            "exercise",
            "did you mean 'ankle-circles'",
        ),
        (
            {"sessions": [{"days": ["mon"], "slot": "desk", "items": ["towel-scrunch"]}]},
            "exercise",
            "does not suit the desk slot",
        ),
        (
            {"sessions": [{"days": ["mon"], "slot": "morning", "items": ["barefoot-walking"]}]},
            "exercise",
            "walking work",
        ),
        (
            {
                "sessions": [
                    {
                        "days": ["mon"],
                        "slot": "morning",
                        "items": [{"exercise": "ankle-circles", "sets": 11}],
                    }
                ]
            },
            "sets",
            "1 to 10",
        ),
        (
            {
                "sessions": [
                    {
                        "days": ["mon"],
                        "slot": "morning",
                        "items": [{"exercise": "ankle-circles", "from_level": 4, "until_level": 2}],
                    }
                ]
            },
            "until_level",
            "below",
        ),
        (
            {"sessions": [{"days": ["mon"], "slot": "morning", "items": ["ankle-circles"] * 5}]},
            "items",
            "1 to 4",
        ),
        (
            {
                "sessions": [
                    {"days": ["mon"], "slot": "morning", "items": ["ankle-circles"]},
                    {"days": ["mon"], "slot": "morning", "items": ["point-and-flex"]},
                ]
            },
            "sessions[1]",
            "a second morning session",
        ),
    ],
)
def test_a_broken_template_is_refused_with_the_place_and_the_reason(
    change: dict[str, Any], where: str, says: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_template({**CLUB, **change}, CATALOGUE)
    found = [p for p in caught.value.problems if where in p.where]
    assert found, caught.value.problems
    assert any(says in p.message for p in found)


def test_a_fitting_athlete_gets_the_coachs_programme_on_the_coachs_days() -> None:
    profile = parse_profile(ANA)
    plan, _ = fitted(profile, parse_template(CLUB, CATALOGUE))
    assert check_plan(plan, profile, CATALOGUE) == []
    monday = plan.days[0]
    assert [i.exercise for i in monday.items][:1] == ["ball-roll-sole"]
    assert all("Club feet" in i.why for i in monday.items)
    assert any("Coach: Slow and even." in i.why for i in coach_items(plan))


def test_missing_equipment_gets_an_easier_step_or_is_left_out_and_said() -> None:
    profile = parse_profile({**ANA, "equipment": ["ball"]})
    plan, _ = fitted(profile, parse_template(CLUB, CATALOGUE))
    assert check_plan(plan, profile, CATALOGUE) == []
    slugs = {i.exercise for i in coach_items(plan)}
    assert "towel-scrunch" not in slugs
    assert "heel-raise-step-towel" not in slugs
    assert any("Towel scrunch ->" in n and "towel" in n for n in plan.notes)
    assert any("Changed for you" in i.why for i in coach_items(plan))


def test_pain_seven_keeps_only_gentle_work_and_a_clinician_flag() -> None:
    profile = parse_profile({**ANA, "pain": {"nrs": 7, "site": "heel"}})
    plan, _ = fitted(profile, parse_template(CLUB, CATALOGUE))
    assert check_plan(plan, profile, CATALOGUE) == []
    assert "see-clinician" in {f.code for f in plan.flags}
    for item in coach_items(plan):
        assert str(item.load) == "none"
        assert CATALOGUE.get(item.exercise).stretch_depth != "deep"
    assert any("gentle" in n for n in plan.notes)


def test_a_long_run_day_takes_cramp_risk_work_out_for_a_cramp_prone_runner() -> None:
    profile = parse_profile(ANA)
    plan, _ = fitted(profile, parse_template(CLUB, CATALOGUE))
    sundays = [d for d in plan.days if d.weekday is Weekday.SUN]
    for day in sundays:
        assert all(not CATALOGUE.get(i.exercise).cramp_risk for i in day.items)
    assert any("cramp-risk work on a long-run day" in n for n in plan.notes)


def test_loading_work_never_falls_on_consecutive_days_or_before_the_long_run() -> None:
    daily = {
        "name": "Every day heavy",
        "sessions": [
            {
                "days": list(Weekday.slugs()),
                "slot": "morning",
                "items": ["calf-raise-single"],
            }
        ],
    }
    profile = parse_profile({**ANA, "cramp_prone": False})
    plan, _ = fitted(profile, parse_template(daily, CATALOGUE), weeks=8)
    assert check_plan(plan, profile, CATALOGUE) == []
    loading = [d.date for d in plan.days if any(i.load in ("moderate", "heavy") for i in d.items)]
    assert all(b - a > dt.timedelta(days=1) for a, b in itertools.pairwise(loading))


def test_days_before_the_assignment_stay_as_the_athletes_own() -> None:
    profile = parse_profile(ANA)
    base = generate_plan(profile, CATALOGUE, MONDAY, 4)
    plan = apply_template(
        parse_template(CLUB, CATALOGUE), profile, CATALOGUE, base, from_date=MONDAY.replace(day=11)
    )
    assert plan.weeks[0] == base.weeks[0]
    assert any("Club feet" in i.why for i in plan.weeks[1].days[0].items)
    assert check_plan(plan, profile, CATALOGUE) == []


def test_a_template_that_cannot_fit_falls_back_to_the_athletes_own_plan() -> None:
    only_desk = {k: v for k, v in ANA.items() if k != "running"} | {"slots": ["desk"]}
    profile = parse_profile(only_desk)
    template = parse_template(
        {
            "name": "Club feet",
            "sessions": [{"days": ["mon"], "slot": "teeth", "items": ["single-leg-balance"]}],
        },
        CATALOGUE,
    )
    plan, base = fitted(profile, template, 2)
    assert check_plan(plan, profile, CATALOGUE) == []
    assert not coach_items(plan)
    assert any("no free slot" in n for n in plan.notes)
    assert plan.weeks[0].level == base.weeks[0].level


SLOT_ITEMS = {
    slot: sorted(e.slug for e in CATALOGUE if slot in e.slots and e.dose.steps is None)
    for slot in Slot
}


@st.composite
def templates(draw: st.DrawFn) -> Template:
    sessions = []
    taken: set[tuple[str, str]] = set()
    for _ in range(draw(st.integers(1, 4))):
        slot = draw(st.sampled_from(list(Slot)))
        days = [
            d
            for d in draw(st.lists(st.sampled_from(Weekday.slugs()), min_size=1, unique=True))
            if (d, str(slot)) not in taken
        ]
        if not days:
            continue
        taken |= {(d, str(slot)) for d in days}
        items = draw(
            st.lists(st.sampled_from(SLOT_ITEMS[slot]), min_size=1, max_size=4, unique=True)
        )
        sessions.append({"days": days, "slot": str(slot), "items": items})
    fill = draw(st.booleans())
    return parse_template(
        {"name": "Club feet", "fill_other_days": fill, "sessions": sessions}, CATALOGUE
    )


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(
    profile=profiles(),
    template=templates(),
    adj=st.none() | adjustments,
    weeks=st.integers(1, 10),
)
def test_any_template_for_any_athlete_keeps_every_planning_rule(
    profile: Profile, template: Template, adj: Adjustments | None, weeks: int
) -> None:
    base = generate_plan(profile, CATALOGUE, MONDAY, weeks, adjustments=adj)
    plan = apply_template(template, profile, CATALOGUE, base)
    assert check_plan(plan, profile, CATALOGUE) == []
    assert len(plan.weeks) == weeks


# -- class sheets --------------------------------------------------------------------------

MEMBERS = (
    ClassMember("Ana", equipment=(Equipment.TOWEL, Equipment.STEP), pain_nrs=2, cramp_prone=True),
    ClassMember("Ben", equipment=(), pain_nrs=5),
    ClassMember("Cy", equipment=(Equipment.TOWEL, Equipment.STEP, Equipment.MAT)),
)


def sheet(after: RunKind, members: tuple[ClassMember, ...] = MEMBERS) -> Any:
    template = parse_template(CLUB, CATALOGUE)
    return class_sheet(
        template.sessions[0].items, CATALOGUE, after, members, title="Club", date=MONDAY
    )


def test_after_a_long_run_the_class_has_no_cramp_risk_no_deep_stretch_and_releases_first() -> None:
    s = sheet(RunKind.LONG)
    exercises = [CATALOGUE.get(i.exercise) for i in s.items]
    assert not any(e.cramp_risk or e.is_deep_stretch or str(e.load) == "heavy" for e in exercises)
    assert s.items[0].category == "release"
    assert any(i.change and i.change.startswith("Towel scrunch ->") for i in s.items)
    assert "after a long run: release first" in s.rules


def test_after_an_easy_run_cramp_prone_members_get_the_easier_version() -> None:
    s = sheet(RunKind.EASY)
    towel = next(i for i in s.items if i.exercise == "towel-scrunch")
    assert any(w.startswith("Ana") and "cramp-prone" in w for w in towel.easier_for)
    assert not any(CATALOGUE.get(i.exercise).is_deep_stretch for i in s.items)


def test_without_a_run_the_class_follows_the_template_with_timings_from_the_time_model() -> None:
    s = sheet(RunKind.NONE)
    assert [i.exercise for i in s.items] == [
        "ball-roll-sole",
        "towel-scrunch",
        "kneeling-toe-stretch",
        "heel-raise-step-towel",
    ]
    assert s.items[0].start_s == 0
    for before, after in zip(s.items, s.items[1:], strict=False):
        assert after.start_s == before.start_s + round(before.minutes * 60) + 30
    assert s.minutes == pytest.approx(sum(i.minutes for i in s.items) + 0.5 * 3, abs=0.1)
    heel = next(i for i in s.items if i.exercise == "heel-raise-step-towel")
    assert heel.easier == "calf-raise-single"
    assert any(w.startswith("Ben") and "pain 5/10" in w for w in heel.easier_for)
    assert any(w.startswith("Ben") and "no step" in w for w in heel.easier_for)
    assert not any(w.startswith("Cy") for w in heel.easier_for)


def test_the_printable_sheet_names_times_cues_and_who_does_the_easier_version() -> None:
    text = sheet_to_text(sheet(RunKind.LONG))
    assert text.startswith("Club\n2027-01-04 - after: long run\n")
    assert "1. [0:00] Ball roll under the sole" in text
    assert "easier:" in text
    assert "Rule: after a long run: release first" in text
    for cue in CATALOGUE.get("ball-roll-sole").cues:
        assert cue in text


def test_an_unknown_exercise_in_a_class_is_named() -> None:
    template = parse_template(CLUB, CATALOGUE)
    item = template.sessions[0].items[0]
    with pytest.raises(NotFoundError):
        class_sheet(
            [replace(item, exercise="nope")], CATALOGUE, RunKind.NONE, title="x", date=MONDAY
        )


def test_the_day_after_the_long_run_takes_cramp_risk_work_out_for_a_cramp_prone_runner() -> None:
    # The club's Monday strength session (towel scrunch, kneeling toe stretch) follows Ana's
    # Sunday long run: tired feet still cramp then, as the planner's own rule says.
    profile = parse_profile(ANA)
    plan, _ = fitted(profile, parse_template(CLUB, CATALOGUE))
    assert check_plan(plan, profile, CATALOGUE) == []
    mondays = [d for d in plan.days if d.weekday is Weekday.MON]
    assert any("Club feet" in i.why for d in mondays for i in d.items)
    for day in mondays:
        assert all(not CATALOGUE.get(i.exercise).cramp_risk for i in day.items)
    assert any("day after a long run" in n for n in plan.notes)

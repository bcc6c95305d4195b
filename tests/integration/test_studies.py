"""The coach's view of check-ins (only members who agreed to share) and club studies, on
both engines: consent recorded and audited, randomisation logged and verifiable, the report
with confidence intervals, the anonymised export, withdrawal and reminders."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.exc import DBAPIError

from footcore.bootstrap import App, bootstrap
from footcore.config import Settings
from footcore.domain.access import Principal
from footcore.domain.errors import FootcoreError, NotFoundError
from footcore.store.tables.outcomes import AuditEvent, StudyAllocation

from .support import FAST, TODAY, Clock
from .test_groups import again, athlete, coach

SUB_FOOT = {
    "areas": {
        "foot-ankle": {
            "participation": "reduced",
            "training": "moderate",
            "performance": "minor",
            "symptoms": "moderate",
        }
    }
}
MINOR_KNEE = {
    "areas": {
        "knee": {
            "participation": "full-with-problems",
            "training": "no",
            "performance": "no",
            "symptoms": "mild",
        }
    }
}
ARMS = [
    {"name": "Foot-core programme", "instructions": "Follow footcore's sessions."},
    {"name": "Usual warm-up", "instructions": "Warm up as the club always has."},
]


@pytest.fixture
def coach_app(db_url: str, tmp_path: Path, clock: Clock) -> Iterator[App]:
    """Accounts with cheap hashing, and a clock whose timestamps fall on its days (a
    withdrawal or an allocation happens on the day the test says)."""

    def now() -> dt.datetime:
        return dt.datetime.combine(clock.day, dt.time(9, 0), tzinfo=dt.UTC)

    app = bootstrap(Settings(database_url=db_url, data_dir=tmp_path), today=clock, now=now)
    app.services.accounts.hasher = FAST
    yield app
    app.close()


def _club(app: App, n: int) -> tuple[Principal, int, list[Principal]]:
    cleo = coach(app, "cleo@club.org")
    group = app.services.coaching.create_group(cleo, "Harriers")
    members = []
    for i in range(n):
        p = athlete(app, f"runner{i}@club.org")
        app.services.coaching.join(p, group.invite_code or "")
        members.append(again(app, p))
    return again(app, cleo), group.id, members


def _audit(app: App) -> list[str]:
    with app.uow(read_only=True) as uow:
        return list(uow.db.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_the_coach_sees_only_members_who_share_and_sharing_is_revocable(
    coach_app: App, clock: Clock
) -> None:
    app = coach_app
    cleo, group, (ana, ben, cy) = _club(app, 3)
    for p, answer in ((ana, SUB_FOOT), (ben, SUB_FOOT), (cy, MINOR_KNEE)):
        assert p.athlete_id is not None
        app.services.checkins.record(p.athlete_id, answer)
    app.services.checkins.set_sharing(ana, group, True)
    app.services.checkins.set_sharing(cy, group, True)
    # Ben does not share: his substantial problem is nowhere in the coach's view.
    clock.day = TODAY + dt.timedelta(days=7)
    view = app.services.studies.group_outcomes(cleo, group).to_dict()
    assert (view["members"], view["sharing"], view["not_sharing"]) == (3, 2, 1)
    week = next(w for w in view["weeks"] if w["week"] == TODAY.isoformat())
    assert week["responses"] == 2
    assert week["all"]["cases"] == 2
    assert week["substantial"]["cases"] == 1
    assert week["substantial_by_area"]["foot-ankle"]["cases"] == 1
    assert week["all_by_area"]["knee"]["cases"] == 1
    assert [f["name"] for f in view["flagged"]] == ["Runner0"]
    dashboard = app.services.coaching.dashboard(cleo, group).to_dict()
    flags = {m["name"]: m["checkin_flag"] for m in dashboard["members"]}
    assert flags["Runner0"] is not None
    assert "foot or ankle" in flags["Runner0"]
    assert flags["Runner1"] is None  # Ben: not shared, so nothing shown
    # Ana stops sharing: she disappears from the view at once.
    app.services.checkins.set_sharing(ana, group, False)
    view = app.services.studies.group_outcomes(cleo, group).to_dict()
    assert view["sharing"] == 1
    assert view["flagged"] == []
    assert _audit(app) == ["consent-given", "consent-given", "consent-revoked"]


def test_a_member_of_another_group_cannot_share_with_it(coach_app: App) -> None:
    app = coach_app
    _, group, _ = _club(app, 1)
    stranger = athlete(app, "zed@else.org")
    with pytest.raises(NotFoundError):
        app.services.checkins.set_sharing(stranger, group, True)


def test_a_member_cannot_see_the_group_outcomes(coach_app: App) -> None:
    app = coach_app
    _, group, (ana,) = _club(app, 1)
    with pytest.raises(FootcoreError):
        app.services.studies.group_outcomes(ana, group)


def _study(app: App, cleo: Principal, group: int, weeks: int = 8) -> int:
    return app.services.studies.create_study(
        cleo,
        group,
        title="Feet first",
        question="Does foot-core work cut injuries in our club?",
        arms=ARMS,
        follow_up_weeks=weeks,
        seed=2027,
    ).id


def test_a_study_randomises_with_a_verifiable_log_and_reports(coach_app: App, clock: Clock) -> None:
    app = coach_app
    cleo, group, members = _club(app, 8)
    study = _study(app, cleo, group)
    for i, p in enumerate(members):
        app.services.studies.join(p, study, weekly_km=10 + 7 * i, previous_injury=i % 3 == 0)
    started = app.services.studies.start(cleo, study)
    assert started.status == "running"
    assert started.starts_on == TODAY
    arms = [app.services.studies.participation(p, study) for p in members]
    assert {a.arm.code for a in arms if a and a.arm} == {"A", "B"}
    # Two weeks of check-ins; one member withdraws after the first.
    for week in range(2):
        clock.day = TODAY + dt.timedelta(days=7 * week + 1)
        for i, p in enumerate(members):
            if week == 1 and i == 0:
                continue
            assert p.athlete_id is not None
            app.services.checkins.record(p.athlete_id, SUB_FOOT if i % 4 == 0 else {"none": True})
        if week == 0:
            app.services.studies.withdraw(members[0], study)
    report = app.services.studies.report(cleo, study)
    assert report["allocation_log"]["chain_intact"]
    assert report["allocation_log"]["reproducible_from_seed"]
    assert report["allocation_log"]["entries"] == 8
    assert sum(report["balance"]["n"].values()) == 8
    assert report["too_small"] is True
    assert report["notes"][0].startswith("The numbers are too small")
    a, b = report["arms"]["A"], report["arms"]["B"]
    assert a["with_follow_up"] + b["with_follow_up"] == 8
    total = (
        a["substantial_foot_or_calf"]["participants"]
        + b["substantial_foot_or_calf"]["participants"]
    )
    assert total == 2  # members 0 and 4
    for arm in (a, b):
        share = arm["substantial_any_area"]
        assert share["ci_low"] <= share["value"] <= share["ci_high"]
        assert share["method"] == "wilson"
    comparison = report["comparisons"][0]
    assert comparison["arm"] == "B"
    assert comparison["substantial_any_area"]["risk_difference"]["method"] == "newcombe"
    # The member who withdrew: only the week before withdrawal counts.
    withdrawn_arm = report["arms"][arms[0].arm.code]  # type: ignore[union-attr]
    assert withdrawn_arm["withdrawn"] == 1
    # The export: anonymised participant-weeks and a dictionary that names every column.
    data, dictionary = app.services.studies.export(cleo, study)
    rows = list(csv.DictReader(io.StringIO(data)))
    described = [r["variable"] for r in csv.DictReader(io.StringIO(dictionary))]
    assert list(rows[0]) == described
    assert all(r["pid"].startswith("S-") for r in rows)
    codes = {p.code for p in arms if p}
    assert not codes & {r["pid"] for r in rows}  # no stored code leaks into the file
    assert len({r["pid"] for r in rows}) == 8
    again_data, _ = app.services.studies.export(cleo, study)
    assert {r["pid"] for r in csv.DictReader(io.StringIO(again_data))}.isdisjoint(
        {r["pid"] for r in rows}
    )  # fresh ids each time: two exports cannot be linked
    assert len([r for r in rows if r["withdrawn"] == "1"]) == 1  # only week 1 of the leaver
    trail = _audit(app)
    assert trail.count("allocated") == 8
    assert trail.count("study-consent-given") == 8
    assert "study-withdrawn" in trail
    assert "study-started" in trail


def test_someone_joining_a_running_study_is_allocated_at_once(coach_app: App) -> None:
    app = coach_app
    cleo, group, members = _club(app, 3)
    study = _study(app, cleo, group)
    for p in members[:2]:
        app.services.studies.join(p, study, weekly_km=30, previous_injury=False)
    app.services.studies.start(cleo, study)
    late = app.services.studies.join(members[2], study, weekly_km=30, previous_injury=False)
    assert late.arm is not None
    report = app.services.studies.report(cleo, study)
    assert report["allocation_log"]["entries"] == 3
    assert report["allocation_log"]["reproducible_from_seed"]


def test_the_allocation_log_cannot_be_updated_and_a_forgery_is_reported(coach_app: App) -> None:
    app = coach_app
    cleo, group, members = _club(app, 4)
    study = _study(app, cleo, group)
    for p in members:
        app.services.studies.join(p, study, weekly_km=25, previous_injury=False)
    app.services.studies.start(cleo, study)
    with pytest.raises(DBAPIError, match="allocation log cannot be changed"), app.uow() as uow:
        uow.db.execute(update(StudyAllocation).values(arm="A"))
    # Someone with the database's own keys deletes an entry: the report says so.
    with app.uow() as uow:
        uow.db.execute(text("DELETE FROM study_allocations WHERE seq = 2"))
    check = app.services.studies.report(cleo, study)["allocation_log"]
    assert not check["chain_intact"]
    assert any("entry 2 is missing" in p for p in check["problems"])


def test_reminders_go_to_the_quiet_participants_and_show_on_their_check_in(
    coach_app: App,
) -> None:
    app = coach_app
    cleo, group, (ana, ben) = _club(app, 2)
    study = _study(app, cleo, group)
    for p in (ana, ben):
        app.services.studies.join(p, study, weekly_km=20, previous_injury=True)
    app.services.studies.start(cleo, study)
    assert ana.athlete_id is not None
    assert ben.athlete_id is not None
    app.services.checkins.record(ana.athlete_id, {"none": True})
    assert len(app.services.studies.quiet(cleo, study)) == 1
    assert app.services.studies.remind(cleo, study) == 1
    assert app.services.checkins.status(ben.athlete_id).reminded
    assert not app.services.checkins.status(ana.athlete_id).reminded


def test_a_study_needs_two_to_four_named_arms(coach_app: App) -> None:
    app = coach_app
    cleo, group, _ = _club(app, 1)
    with pytest.raises(FootcoreError, match="study: 1 problem"):
        app.services.studies.create_study(
            cleo, group, title="One arm", question="", arms=ARMS[:1], follow_up_weeks=8
        )
    with pytest.raises(FootcoreError):
        app.services.studies.create_study(
            cleo, group, title="Same", question="", arms=[ARMS[0], ARMS[0]], follow_up_weeks=8
        )


def test_deleting_a_participant_keeps_the_log_whole_but_untraceable(coach_app: App) -> None:
    app = coach_app
    cleo, group, members = _club(app, 3)
    study = _study(app, cleo, group)
    for p in members:
        app.services.studies.join(p, study, weekly_km=15, previous_injury=False)
    app.services.studies.start(cleo, study)
    assert members[0].user_id is not None
    counts = app.services.accounts.delete_account(members[0].user_id)
    assert counts["study_participants"] == 1
    report = app.services.studies.report(cleo, study)
    assert report["allocation_log"]["entries"] == 3
    assert report["allocation_log"]["chain_intact"]
    assert report["enrolment"]["agreed"] == 2
    with app.uow(read_only=True) as uow:
        events = list(uow.db.scalars(select(AuditEvent)))
    assert all(e.athlete_id != members[0].athlete_id for e in events)
    assert "participant-deleted" in [e.action for e in events]

"""Athletes' data versions (footcore.store.data_versions) on both engines: every kind of write
that can change an athlete's answers gives the athlete a new version, in the same
transaction; reads, rolled-back writes and other people's writes do not.

The web's cached today (test_today_cache.py) is only as correct as this: a write that left
the version alone would leave a stale answer in every web worker.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, insert, select, update

from footcore.bootstrap import App, bootstrap
from footcore.config import Settings
from footcore.domain.access import Principal, Role
from footcore.services import Feedback, ItemEntry, RunEntry, SessionHeader
from footcore.services.exports import ExportService
from footcore.store.data_versions import OWN_ROWS, THROUGH, UNTRACKED, VersionReader
from footcore.store.tables import Base, CalendarFeed, ItemLog, Run, SessionLog
from footcore.store.tables import accounts as account_tables
from footcore.store.tables.accounts import Group, Membership, ProgrammeTemplate

from .support import COACH_EXERCISE, FAST, PROFILE, TODAY, Clock

PASSWORD = "correct horse battery"
T0 = dt.datetime(2027, 1, 4, 7, 0, tzinfo=dt.UTC)
ASSESSMENT = {
    "age": 38,
    "sex": "female",
    "results": {"knee_to_wall_cm": {"left": 9.5, "right": 11.0}, "pain_nrs": 3},
}
TEMPLATE = tomllib.loads(
    """
name = "Club feet"
[[sessions]]
days = ["mon", "wed", "fri"]
slot = "morning"
items = ["ball-roll-sole", { exercise = "towel-scrunch", reps = 20 }]
"""
)


def coach_exercise(sets: int = 2) -> str:
    """The coach's exercise, with ``sets`` sets a side."""
    return COACH_EXERCISE.replace("sets = 2,", f"sets = {sets},")


def header(client_id: str, day: dt.date = TODAY) -> SessionHeader:
    return SessionHeader(client_id, day, "morning", "manual", 2, 5.0, T0)


def item(index: int) -> ItemEntry:
    return ItemEntry(
        index=index,
        exercise="towel-scrunch",
        planned={"sets": 1, "reps": 15, "per_side": True, "minutes": 2.0},
        sets_done=1,
        reps={"left": 15, "right": 15},
        started_at=T0,
        ended_at=T0 + dt.timedelta(minutes=2),
    )


EASY = Feedback(difficulty=2, pain=1, cramp=False, note="fine", ended_at=T0)


@dataclass
class Club:
    """Ana (an accepted member of the coach's group, which follows the coach's template),
    Ben (an athlete of no group), the coach, and their ids."""

    app: App
    ana: int
    ben: int
    ana_p: Principal
    coach: Principal
    group: int
    template: int

    def version(self, athlete_id: int) -> int | None:
        return VersionReader(self.app.engine).version(athlete_id)


@pytest.fixture
def club(db_url: str, tmp_path: Path, clock: Clock) -> Iterator[Club]:
    app = bootstrap(Settings(database_url=db_url, data_dir=tmp_path), today=clock)
    app.services.accounts.hasher = FAST
    acc, coaching = app.services.accounts, app.services.coaching
    ana = app.services.onboard(PROFILE).athlete.id
    ben = app.services.onboard({**PROFILE, "name": "Ben"}).athlete.id
    ana_p = acc.principal(acc.sign_up("ana@example.org", PASSWORD, athlete_id=ana).id)
    coach = acc.principal(acc.create_user("coach@example.org", PASSWORD, Role.COACH).id)
    group = coaching.create_group(coach, "Tuesday club")
    coaching.join(ana_p, group.invite_code or "")
    coach = acc.principal(coach.user_id or 0)
    template = coaching.save_template(coach, TEMPLATE)
    coaching.assign_template(coach, template.id, group_id=group.id, starts_on=TODAY)
    coaching.add_exercise(coach, coach_exercise())
    app.services.today(ana)  # the programme follows the template from here on
    app.services.today(ben)
    yield Club(app, ana, ben, ana_p, coach, group.id, template.id)
    app.close()


def _in_uow(app: App, work: Callable[[Any], object]) -> Callable[[], object]:
    def run() -> object:
        with app.uow() as uow:
            return work(uow.db)

    return run


# Each case prepares what it needs and returns the write whose effect is checked.
Write = Callable[[Club], Callable[[], object]]


def _log_item(c: Club) -> Callable[[], object]:
    c.app.services.open_session(c.ana, header("s-1"))
    return lambda: c.app.services.log_item(c.ana, "s-1", item(0))


def _finish(c: Club) -> Callable[[], object]:
    c.app.services.open_session(c.ana, header("s-1"))
    c.app.services.log_item(c.ana, "s-1", item(0))
    return lambda: c.app.services.finish_session(c.ana, "s-1", EASY)


def _morning_pain(c: Club) -> Callable[[], object]:
    yesterday = TODAY - dt.timedelta(days=1)
    c.app.services.log_session(c.ana, header("s-0", yesterday), [item(0)], EASY)
    return lambda: c.app.services.record_morning_pain(c.ana, TODAY, 4)


def _revoke(c: Club) -> Callable[[], object]:
    ExportService(c.app.services.ctx).create_feed(c.ana)
    return lambda: ExportService(c.app.services.ctx).revoke_feeds(c.ana)


def _leave(c: Club) -> Callable[[], object]:
    return lambda: c.app.services.coaching.leave(c.ana_p, c.group)


def _accept(c: Club) -> Callable[[], object]:
    acc, coaching = c.app.services.accounts, c.app.services.coaching
    coaching.leave(c.ana_p, c.group)
    coaching.invite(c.coach, c.group, "ana@example.org")
    return lambda: coaching.accept(acc.principal(c.ana_p.user_id or 0), c.group)


def _template_edit(c: Club) -> Callable[[], object]:
    session = {**TEMPLATE["sessions"][0], "days": ["mon", "thu"]}
    changed = {**TEMPLATE, "sessions": [session]}
    return lambda: c.app.services.coaching.save_template(c.coach, changed)


def _assign_to_athlete(c: Club) -> Callable[[], object]:
    return lambda: c.app.services.coaching.assign_template(
        c.coach, c.template, athlete_id=c.ana, starts_on=TODAY
    )


def _remove_exercise(c: Club) -> Callable[[], object]:
    return lambda: c.app.services.coaching.remove_exercise(c.coach, "seated-toe-yoga")


def _delete_coach(c: Club) -> Callable[[], object]:
    return lambda: c.app.services.accounts.delete_account(c.coach.user_id or 0)


def _orm_delete_session(c: Club) -> Callable[[], object]:
    c.app.services.log_session(c.ana, header("s-1"), [item(0)], EASY)

    def work(session: Any) -> None:
        session.delete(session.scalars(select(ItemLog)).one())

    return _in_uow(c.app, work)


def _bulk_insert_runs(c: Club) -> Callable[[], object]:
    row = {"date": TODAY, "km": 5.0, "minutes": 30.0, "kind": "easy", "created_at": T0}
    return _in_uow(
        c.app,
        lambda s: s.execute(insert(Run), [{**row, "athlete_id": c.ana, "felt": n} for n in (3, 4)]),
    )


def _bulk_update_items(c: Club) -> Callable[[], object]:
    c.app.services.log_session(c.ana, header("s-1"), [item(0)], EASY)
    return _in_uow(c.app, lambda s: s.execute(update(ItemLog).values(note="moved")))


def _bulk_delete_logs(c: Club) -> Callable[[], object]:
    c.app.services.log_session(c.ana, header("s-1"), [item(0)], EASY)
    return _in_uow(
        c.app, lambda s: s.execute(delete(SessionLog).where(SessionLog.athlete_id == c.ana))
    )


def _delete_group(c: Club) -> Callable[[], object]:
    # Its memberships and assignments go with it (ON DELETE CASCADE): the members' plans
    # no longer follow the template.
    return _in_uow(c.app, lambda s: s.execute(delete(Group).where(Group.id == c.group)))


def _orm_edit_membership(c: Club) -> Callable[[], object]:
    def work(session: Any) -> None:
        session.scalars(select(Membership)).one().status = "left"

    return _in_uow(c.app, work)


def _restore(c: Club) -> Callable[[], object]:
    data = c.app.services.backup()
    return lambda: c.app.services.restore(data, replace=True)


WRITES: dict[str, Write] = {
    "profile saved": lambda c: (
        lambda: c.app.services.update_profile(c.ana, {**PROFILE, "minutes_per_day": 20})
    ),
    "session opened": lambda c: lambda: c.app.services.open_session(c.ana, header("s-1")),
    "item logged": _log_item,
    "session finished": _finish,
    "whole session logged": lambda c: (
        lambda: c.app.services.log_session(c.ana, header("s-1"), [item(0), item(1)], EASY)
    ),
    "morning pain": _morning_pain,
    "run recorded": lambda c: (
        lambda: c.app.services.add_run(c.ana, RunEntry(TODAY, 8.0, 45.0, "easy", 4))
    ),
    "self-test stored": lambda c: (
        lambda: c.app.services.record_assessment(c.ana, ASSESSMENT, TODAY)
    ),
    "calendar feed made": lambda c: lambda: ExportService(c.app.services.ctx).create_feed(c.ana),
    "calendar feeds revoked": _revoke,
    "left the group": _leave,
    "accepted an invitation": _accept,
    "coach edits the template": _template_edit,
    "coach assigns a template to the athlete": _assign_to_athlete,
    "coach edits an exercise": lambda c: (
        lambda: c.app.services.coaching.add_exercise(c.coach, coach_exercise(sets=3))
    ),
    "coach removes an exercise": _remove_exercise,
    "coach account deleted": _delete_coach,
    "group deleted (bulk)": _delete_group,
    "membership changed (ORM)": _orm_edit_membership,
    "item deleted (ORM)": _orm_delete_session,
    "runs inserted (bulk)": _bulk_insert_runs,
    "items updated (bulk)": _bulk_update_items,
    "session logs deleted (bulk)": _bulk_delete_logs,
    "backup restored": _restore,
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_every_kind_of_write_gives_the_athlete_a_new_version(club: Club, write: Write) -> None:
    run = write(club)
    before = club.version(club.ana)
    assert before is not None
    run()
    after = club.version(club.ana)
    assert after is not None
    assert after != before


def test_a_new_athlete_has_a_version_from_the_start(club: Club) -> None:
    cy = club.app.services.onboard({**PROFILE, "name": "Cy"}).athlete.id
    assert club.version(cy) is not None
    assert len({club.version(a) for a in (club.ana, club.ben, cy)}) == 3


def _onboard_in_a_new_app(db_url: str, tmp_path: Path, name: str) -> int | None:
    with bootstrap(Settings(database_url=db_url, data_dir=tmp_path)) as app:
        athlete = app.services.onboard({**PROFILE, "name": name}).athlete.id
        return VersionReader(app.engine).version(athlete)


def test_every_app_keeps_versions_however_many_came_before(db_url: str, tmp_path: Path) -> None:
    """Each bootstrap makes a new session factory; each must keep versions, also when
    Python hands it the memory (and id) of a factory freed just before."""
    for n in range(20):
        assert _onboard_in_a_new_app(db_url, tmp_path, f"Ana {n}") is not None, n


def test_the_first_athlete_read_says_who_and_whether_accounts_exist(club: Club) -> None:
    first = VersionReader(club.app.engine).first_athlete()
    assert first is not None
    assert (first.athlete_id, first.version, first.accounts_exist) == (
        club.ana,
        club.version(club.ana),
        True,
    )


@pytest.mark.parametrize(
    "write",
    [
        lambda c: c.app.services.add_run(c.ana, RunEntry(TODAY, 8.0, 45.0, "easy", 4)),
        lambda c: c.app.services.log_session(c.ana, header("s-1"), [item(0)], EASY),
        lambda c: c.app.services.update_profile(c.ana, {**PROFILE, "minutes_per_day": 20}),
    ],
    ids=["run", "session", "profile"],
)
def test_one_athletes_writes_leave_another_athletes_version_alone(
    club: Club, write: Callable[[Club], object]
) -> None:
    before = club.version(club.ben)
    write(club)
    assert club.version(club.ben) == before


def test_reads_and_sign_ins_leave_the_version_alone(club: Club) -> None:
    services = club.app.services
    before = club.version(club.ana)
    services.today(club.ana)
    services.today(club.ana, TODAY + dt.timedelta(days=1))
    services.progress(club.ana)
    services.runs(club.ana)
    services.backup()
    session = services.accounts.sign_in("ana@example.org", PASSWORD)
    services.accounts.resolve_session(session.token)
    services.accounts.sign_in("coach@example.org", PASSWORD)
    assert club.version(club.ana) == before


def _failing_write(app: App, athlete_id: int) -> None:
    with app.uow() as uow:
        uow.db.add(
            Run(
                athlete_id=athlete_id,
                date=TODAY,
                km=5.0,
                minutes=30.0,
                kind="easy",
                felt=3,
                created_at=T0,
            )
        )
        uow.flush()
        raise RuntimeError("the write fails after the flush")


def test_a_rolled_back_write_leaves_the_version_alone(club: Club) -> None:
    before = club.version(club.ana)
    with pytest.raises(RuntimeError):
        _failing_write(club.app, club.ana)
    assert club.version(club.ana) == before
    with club.app.uow() as uow:
        assert uow.db.scalars(select(Run)).all() == []


def test_a_rolled_back_savepoint_keeps_the_earlier_writes_version(club: Club) -> None:
    before = club.version(club.ana)
    with club.app.uow() as uow:
        uow.db.add(
            Run(athlete_id=club.ana, date=TODAY, km=5.0, minutes=30.0, kind="easy", created_at=T0)
        )
        uow.flush()
        savepoint = uow.db.begin_nested()
        uow.db.add(
            Run(athlete_id=club.ben, date=TODAY, km=5.0, minutes=30.0, kind="easy", created_at=T0)
        )
        uow.flush()
        savepoint.rollback()
    assert club.version(club.ana) != before


def test_the_version_changes_with_the_data_in_one_transaction(club: Club) -> None:
    """Until the writing transaction commits, another connection sees the old version and
    the old data; after it, both new."""
    reader = VersionReader(club.app.engine)
    before = reader.version(club.ana)
    with club.app.uow() as uow:
        uow.db.execute(
            update(CalendarFeed).where(CalendarFeed.athlete_id == club.ana).values(revoked_at=T0)
        )
        uow.db.add(CalendarFeed(athlete_id=club.ana, token_sha256="a" * 64, created_at=T0))
        uow.flush()
        assert reader.version(club.ana) == before
    assert reader.version(club.ana) != before


def test_every_table_is_classified_for_the_versions() -> None:
    """A new table must say whose answers its rows can change (or that they change none):
    an unclassified one would make every write to it renew every athlete's version."""
    assert account_tables.ACCOUNT_TABLES_IN_ORDER  # its tables are in the metadata
    known = set(OWN_ROWS) | set(THROUGH) | UNTRACKED
    assert set(Base.metadata.tables) - known == set()
    assert {t for t in known if t != "alembic_version"} <= set(Base.metadata.tables)


def test_a_template_edit_renews_only_the_athletes_who_follow_it(club: Club) -> None:
    before = {a: club.version(a) for a in (club.ana, club.ben)}
    _template_edit(club)()
    with club.app.uow() as uow:
        version = uow.db.scalar(select(ProgrammeTemplate.version))
    assert version == 2
    assert club.version(club.ana) != before[club.ana]
    assert club.version(club.ben) == before[club.ben]

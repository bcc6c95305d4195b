"""Migrations: the schema is built only by Alembic, and upgrading keeps the data."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import DBAPIError

from footcore.domain.errors import FootcoreError
from footcore.store import migrate
from footcore.store.engine import make_engine
from footcore.store.tables import Base, Run

T0 = dt.datetime(2026, 11, 1, 9, 30, tzinfo=dt.UTC)


def test_head_and_revision_list_match_the_migration_scripts(empty_db_url: str) -> None:
    engine = make_engine(empty_db_url)
    try:
        script = ScriptDirectory.from_config(migrate.alembic_config(engine))
        revisions = [r.revision for r in reversed(list(script.walk_revisions()))]
        assert script.get_current_head() == migrate.HEAD
        assert tuple(revisions) == migrate.REVISIONS
    finally:
        engine.dispose()


def test_the_migrated_schema_matches_the_table_classes(empty_db_url: str) -> None:
    engine = make_engine(empty_db_url)
    try:
        migrate.upgrade(engine)
        with engine.connect() as conn:
            diff = compare_metadata(
                MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
            )
        assert diff == []
    finally:
        engine.dispose()


def test_upgrading_a_first_revision_database_with_data_keeps_the_data(
    empty_db_url: str,
) -> None:
    engine = make_engine(empty_db_url)
    try:
        migrate.upgrade(engine, "0001")
        assert migrate.current_revision(engine) == "0001"
        with engine.begin() as conn:
            conn.execute(
                text("INSERT INTO athletes (id, name, created_at) VALUES (1, 'Ana', :t)"),
                {"t": T0},
            )
            conn.execute(
                text(
                    "INSERT INTO session_logs (id, athlete_id, client_id, date, slot, source, "
                    "planned_items, planned_minutes, started_at, difficulty, pain_during, "
                    "cramp, created_at) VALUES (1, 1, 'c-1', :d, 'morning', 'manual', 2, 4.5, "
                    ":t, 2, 1, false, :t)"
                ),
                {"d": dt.date(2026, 11, 1), "t": T0},
            )
            conn.execute(
                text(
                    "INSERT INTO item_logs (id, session_log_id, item_index, exercise, planned, "
                    "sets_done, reps_left, reps_right, skipped, started_at, ended_at, "
                    "created_at) VALUES (1, 1, 0, 'towel-scrunch', :p, 1, 15, 14, false, :t, "
                    ":t, :t)"
                ),
                {"p": '{"sets": 1, "reps": 15}', "t": T0},
            )
            conn.execute(
                text(
                    "INSERT INTO runs (id, athlete_id, date, km, minutes, kind, felt, note, "
                    "created_at) VALUES (1, 1, :d, 8.5, 47.25, 'easy', 4, 'windy', :t)"
                ),
                {"d": dt.date(2026, 11, 2), "t": T0},
            )

        migrate.upgrade(engine)

        assert migrate.current_revision(engine) == migrate.HEAD
        with engine.connect() as conn:
            assert conn.execute(text("SELECT id, name FROM athletes")).all() == [(1, "Ana")]
            assert conn.execute(
                text("SELECT client_id, slot, planned_minutes, difficulty FROM session_logs")
            ).all() == [("c-1", "morning", 4.5, 2)]
            assert conn.execute(
                text("SELECT exercise, reps_left, reps_right FROM item_logs")
            ).all() == [("towel-scrunch", 15, 14)]
            # runs was rebuilt on SQLite to gain client_id: every value survives, and reads
            # back through the head table classes.
            r = Run.__table__.c
            assert conn.execute(
                select(
                    r.id, r.date, r.km, r.minutes, r.kind, r.felt, r.note, r.client_id, r.created_at
                )
            ).all() == [(1, dt.date(2026, 11, 2), 8.5, 47.25, "easy", 4, "windy", None, T0)]
            assert conn.execute(text("SELECT count(*) FROM decisions")).scalar() == 0
    finally:
        engine.dispose()


def test_upgrade_is_a_no_op_on_a_current_database(empty_db_url: str) -> None:
    engine = make_engine(empty_db_url)
    try:
        migrate.upgrade(engine)
        migrate.upgrade(engine)
        assert migrate.current_revision(engine) == migrate.HEAD
    finally:
        engine.dispose()


def test_a_database_from_a_newer_footcore_is_refused_clearly(empty_db_url: str) -> None:
    engine = make_engine(empty_db_url)
    try:
        migrate.upgrade(engine)
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
        with pytest.raises(FootcoreError, match="newer footcore"):
            migrate.upgrade(engine)
    finally:
        engine.dispose()


def test_upgrading_to_0005_gives_every_stored_athlete_a_data_version(empty_db_url: str) -> None:
    engine = make_engine(empty_db_url)
    try:
        migrate.upgrade(engine, "0004")
        with engine.begin() as conn:
            for athlete_id, name in ((1, "Ana"), (2, "Ben"), (3, "Cy")):
                conn.execute(
                    text("INSERT INTO athletes (id, name, created_at) VALUES (:i, :n, :t)"),
                    {"i": athlete_id, "n": name, "t": T0},
                )
        migrate.upgrade(engine)
        with engine.connect() as conn:
            rows = conn.execute(
                text("SELECT athlete_id, data_version FROM athlete_versions ORDER BY athlete_id")
            ).all()
        assert [r[0] for r in rows] == [1, 2, 3]
        assert len({r[1] for r in rows}) == 3
        assert all(0 < r[1] < 2**63 for r in rows)
    finally:
        engine.dispose()


def test_downgrading_0005_drops_only_the_data_versions(empty_db_url: str) -> None:
    engine = make_engine(empty_db_url)
    try:
        migrate.upgrade(engine)
        with engine.begin() as conn:
            conn.execute(
                text("INSERT INTO athletes (id, name, created_at) VALUES (1, 'Ana', :t)"),
                {"t": T0},
            )
        config = migrate.alembic_config(engine)
        with engine.connect() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0004")
            conn.commit()
        assert migrate.current_revision(engine) == "0004"
        with engine.connect() as conn:
            assert not inspect(conn).has_table("athlete_versions")
            assert conn.execute(text("SELECT id, name FROM athletes")).all() == [(1, "Ana")]
    finally:
        engine.dispose()


def _allocation(conn: object) -> None:
    run = conn.execute  # type: ignore[attr-defined]
    run(text("INSERT INTO athletes (id, name, created_at) VALUES (1, 'Ana', :t)"), {"t": T0})
    run(
        text(
            "INSERT INTO users (id, email, password_hash, role, failed_sign_ins, created_at) "
            "VALUES (1, 'c@x.org', 'h', 'coach', 0, :t)"
        ),
        {"t": T0},
    )
    run(
        text(
            "INSERT INTO groups (id, name, kind, coach_user_id, invite_code, created_at) "
            "VALUES (1, 'Club', 'club', 1, 'ABC', :t)"
        ),
        {"t": T0},
    )
    run(
        text(
            "INSERT INTO studies (id, group_id, title, question, follow_up_weeks, seed, "
            "status, created_at) VALUES (1, 1, 'Feet', 'Does it work?', 26, 7, 'running', :t)"
        ),
        {"t": T0},
    )
    run(
        text(
            "INSERT INTO study_allocations (id, study_id, seq, participant_code, stratum, arm, "
            "allocated_at, prev_hash, hash) VALUES (1, 1, 1, 'P-1', 's', 'A', :t, 'x', 'y')"
        ),
        {"t": T0},
    )


def test_the_allocation_log_refuses_any_update_after_0006(empty_db_url: str) -> None:
    engine = make_engine(empty_db_url)
    try:
        migrate.upgrade(engine)
        with engine.begin() as conn:
            _allocation(conn)
        with (
            pytest.raises(DBAPIError, match="allocation log cannot be changed"),
            engine.begin() as conn,
        ):
            conn.execute(text("UPDATE study_allocations SET arm = 'B' WHERE id = 1"))
        with engine.connect() as conn:
            assert conn.execute(text("SELECT arm FROM study_allocations")).scalar() == "A"
        with engine.begin() as conn:  # deleting the study deletes its log (by the cascade too)
            conn.execute(text("DELETE FROM study_allocations WHERE study_id = 1"))
            conn.execute(text("DELETE FROM studies WHERE id = 1"))
    finally:
        engine.dispose()


def test_downgrading_0006_drops_the_outcome_tables_and_the_trigger(empty_db_url: str) -> None:
    engine = make_engine(empty_db_url)
    try:
        migrate.upgrade(engine)
        with engine.begin() as conn:
            _allocation(conn)
        config = migrate.alembic_config(engine)
        with engine.connect() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0005")
            conn.commit()
        with engine.connect() as conn:
            names = set(inspect(conn).get_table_names())
            assert not names & {"checkins", "studies", "study_allocations", "audit_events"}
            assert conn.execute(text("SELECT name FROM athletes")).scalar() == "Ana"
        migrate.upgrade(engine)  # and up again: the trigger and its function are made anew
    finally:
        engine.dispose()


def test_downgrading_0008_drops_only_the_reminder_tables(empty_db_url: str) -> None:
    engine = make_engine(empty_db_url)
    push_tables = {"reminder_settings", "push_subscriptions", "reminders_sent"}
    try:
        migrate.upgrade(engine)
        with engine.connect() as conn:
            before = set(inspect(conn).get_table_names())
        assert push_tables <= before
        config = migrate.alembic_config(engine)
        with engine.connect() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0007")
            conn.commit()
        with engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) == before - push_tables
        migrate.upgrade(engine)
        with engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) == before
    finally:
        engine.dispose()


def _programme_indexes(engine: object) -> dict[str, list[str]]:
    with engine.connect() as conn:  # type: ignore[attr-defined]
        return {
            str(i["name"]): list(i["column_names"]) for i in inspect(conn).get_indexes("programmes")
        }


def test_0009_swaps_the_programmes_athlete_index_for_the_covering_one(
    empty_db_url: str,
) -> None:
    engine = make_engine(empty_db_url)
    covering = {
        "ix_programmes_athlete_id_id_start_created_at": ["athlete_id", "id", "start", "created_at"]
    }
    try:
        migrate.upgrade(engine, "0008")
        assert _programme_indexes(engine) == {"ix_programmes_athlete_id": ["athlete_id"]}
        migrate.upgrade(engine)
        assert _programme_indexes(engine) == covering
        config = migrate.alembic_config(engine)
        with engine.connect() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0008")
            conn.commit()
        assert _programme_indexes(engine) == {"ix_programmes_athlete_id": ["athlete_id"]}
        migrate.upgrade(engine)
        assert _programme_indexes(engine) == covering
    finally:
        engine.dispose()

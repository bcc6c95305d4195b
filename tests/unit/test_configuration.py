"""Settings: read from the environment, defaults in the user data directory, documented."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from footcore.config import ENVIRONMENT, WEB_THREADS, Settings, default_data_dir
from footcore.domain.errors import FootcoreError
from footcore.web.security import host_allowed, same_origin

DOCS = Path(__file__).resolve().parents[2] / "docs" / "configuration.md"


def test_defaults_put_a_sqlite_file_in_the_user_data_directory() -> None:
    settings = Settings.from_env({})
    assert settings.data_dir == default_data_dir()
    assert settings.database_url == f"sqlite+pysqlite:///{default_data_dir()}/footcore.sqlite3"


def test_the_data_dir_moves_the_default_database() -> None:
    settings = Settings.from_env({"FOOTCORE_DATA_DIR": "/srv/feet"})
    assert settings.data_dir == Path("/srv/feet")
    assert settings.database_url == "sqlite+pysqlite:////srv/feet/footcore.sqlite3"


def test_a_database_url_wins_and_empty_values_count_as_unset() -> None:
    url = "postgresql+psycopg://coach@db.example/feet"
    assert Settings.from_env({"FOOTCORE_DATABASE_URL": url}).database_url == url
    blank = Settings.from_env({"FOOTCORE_DATABASE_URL": " ", "FOOTCORE_DATA_DIR": ""})
    assert blank == Settings.from_env({})


def test_settings_are_frozen() -> None:
    settings = Settings.from_env({})
    assert dataclasses.is_dataclass(settings)
    assert settings.__dataclass_params__.frozen  # type: ignore[attr-defined]


def test_every_setting_and_variable_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    fields = {f.name for f in dataclasses.fields(Settings)}
    assert set(ENVIRONMENT.values()) == fields
    missing = [name for name in [*ENVIRONMENT, *fields] if f"`{name}`" not in text]
    assert missing == []


def test_web_threads_come_from_the_environment_and_bad_values_are_refused() -> None:
    assert Settings.from_env({}).web_threads == WEB_THREADS
    assert Settings.from_env({"FOOTCORE_WEB_THREADS": " 1 "}).web_threads == 1
    assert Settings.from_env({"FOOTCORE_WEB_THREADS": "16"}).web_threads == 16
    for bad in ("0", "-2", "four", "2.5", "65"):
        with pytest.raises(FootcoreError, match=r"FOOTCORE_WEB_THREADS=.*whole number from 1"):
            Settings.from_env({"FOOTCORE_WEB_THREADS": bad})


def test_allowed_hosts_come_from_the_environment_and_bad_entries_are_refused() -> None:
    assert Settings.from_env({}).allowed_hosts == ()
    found = Settings.from_env({"FOOTCORE_ALLOWED_HOSTS": " Feet.home.arpa, localhost:9000 ,"})
    assert found.allowed_hosts == ("feet.home.arpa", "localhost:9000")
    for bad in ("http://x.example", "x.example/path", "user@x.example", "x.example:99999", ":80"):
        with pytest.raises(FootcoreError, match=r"FOOTCORE_ALLOWED_HOSTS: .*not a host name"):
            Settings.from_env({"FOOTCORE_ALLOWED_HOSTS": bad})


def test_the_own_address_rules_of_one_person_mode() -> None:
    def ok(host: str | None, port: int | None = 8000, extra: tuple[str, ...] = ()) -> bool:
        return host_allowed(host, scheme="http", server_port=port, extra=extra)

    for own in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000"):
        assert ok(own)
    assert ok("127.0.0.1", port=80)
    assert ok("localhost:1234", port=None)
    for foreign in (
        "127.0.0.1:8001",
        "attacker.example:8000",
        None,
        "127.0.0.1:8000/x",
        "",
        "[::1",
    ):
        assert not ok(foreign)
    assert ok("feet.home.arpa", extra=("feet.home.arpa",))
    assert ok("feet.home.arpa:81", extra=("feet.home.arpa",))
    assert not ok("feet.home.arpa:81", extra=("feet.home.arpa:80",))
    assert same_origin("http://localhost:8000", host="localhost:8000", scheme="http")
    assert same_origin("http://127.0.0.1", host="127.0.0.1:80", scheme="http")
    assert not same_origin("https://localhost:8000", host="localhost:8000", scheme="http")
    assert not same_origin("null", host="localhost:8000", scheme="http")
    assert not same_origin("http://localhost:8001", host="localhost:8000", scheme="http")


def test_the_push_contact_is_a_mailto_or_https_address_and_anything_else_is_refused() -> None:
    assert Settings.from_env({}).push_contact is None
    for good in ("mailto:coach@club.example", "https://club.example/contact"):
        assert Settings.from_env({"FOOTCORE_PUSH_CONTACT": f" {good} "}).push_contact == good
    for bad in ("coach@club.example", "mailto:coach", "http://club.example", "https://"):
        with pytest.raises(FootcoreError, match=r"FOOTCORE_PUSH_CONTACT=.*mailto:"):
            Settings.from_env({"FOOTCORE_PUSH_CONTACT": bad})

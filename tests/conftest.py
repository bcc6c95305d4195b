"""Shared test set-up: hypothesis profiles, and a data directory of its own for every test."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# Hypothesis profiles (docs: README.md, "Tests"). A property test states no example count of
# its own (tests/unit/test_hypothesis_profiles.py checks), so the profile decides:
# - "dev", the default: few examples, so that the unit suite runs in well under a minute;
# - "deep": many more, for `pytest -m hypothesis --hypothesis-profile=deep`, which `./dev test`
#   (and so CI) runs after the whole suite. Neither has a deadline: on a shared machine a slow
#   example is the load, not a bug (speed is measured in benchmarks/, never asserted in tests).
DEV_EXAMPLES = 10
DEEP_EXAMPLES = 100
settings.register_profile("dev", max_examples=DEV_EXAMPLES, deadline=None)
settings.register_profile("deep", max_examples=DEEP_EXAMPLES, deadline=None)
settings.load_profile("dev")


@pytest.fixture(autouse=True)
def _isolated_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """No test reads or writes the real user's footcore data: each gets its own data dir
    and the embedded SQLite default (tests that need another database set it themselves)."""
    data = tmp_path_factory.mktemp("footcore-data")
    monkeypatch.setenv("FOOTCORE_DATA_DIR", str(data))
    monkeypatch.delenv("FOOTCORE_DATABASE_URL", raising=False)
    return data


@pytest.fixture(autouse=True)
def _english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line speaks the environment's language (``footcore.cli.
    environment_language``): every test starts from an English locale, whatever the machine
    running it has; a test of another language sets it itself."""
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")

"""Fixtures of the service tests that run on the in-memory unit of work
(tests/support/fake_uow.py): the same names as the integration tests' database fixtures, so a
service test moves between the two without a change to its body."""

from __future__ import annotations

import pytest

from tests.support.clock import Clock
from tests.support.fake_uow import InMemoryApp, in_memory_app


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app(clock: Clock) -> InMemoryApp:
    """The services over fresh in-memory rows, on ``clock``'s day."""
    return in_memory_app(clock)

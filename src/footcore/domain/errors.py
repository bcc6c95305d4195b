"""Errors a person can cause and fix: bad input, unknown names, broken files.

Every user-facing failure in footcore is a :class:`FootcoreError`. Adapters (CLI, web) catch
this one type and show its message: the CLI prints it and exits non-zero, the API answers 4xx
with the same text. Anything else escaping is a bug.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located precisely.

    ``where`` names the place (a profile key such as ``running.days[2]``, or
    ``exercises.toml: exercise 'towel-scrunch': dose.reps``); ``message`` says what is wrong
    and what is allowed.
    """

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class FootcoreError(Exception):
    """Base of every error caused by input a person can correct."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems: tuple[Problem, ...] = tuple(problems)

    def __str__(self) -> str:
        if not self.problems:
            return self.message
        lines = [self.message, *(f"  - {p}" for p in self.problems)]
        return "\n".join(lines)


class ValidationError(FootcoreError):
    """An input (profile, assessment, log, catalogue file) broke one or more rules."""

    def __init__(self, subject: str, problems: Sequence[Problem]) -> None:
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{subject}: {count} {noun}", problems)
        self.subject = subject


class NotFoundError(FootcoreError):
    """A named thing (exercise, test, athlete, ...) does not exist."""

    def __init__(
        self, kind: str, name: str, known: Iterable[str] = (), *, message: str | None = None
    ) -> None:
        self.kind = kind
        self.name = name
        self.suggestions: tuple[str, ...] = tuple(suggest(name, known))
        if message is None:
            message = f"unknown {kind} '{name}'"
            if self.suggestions:
                quoted = " or ".join(f"'{s}'" for s in self.suggestions)
                message += f"; did you mean {quoted}?"
        super().__init__(message)


class ConflictError(FootcoreError):
    """A well-formed request that what is stored refuses: this week's check-in is done
    already, the athlete is set up already, nothing is logged on the day a morning-pain
    score is for (the API answers 409)."""


class UnavailableError(FootcoreError):
    """A feature this install or this person does not have: coach features without a
    coach account, a password in one-person mode (the API answers 403)."""


class DatabaseBusyError(FootcoreError):
    """Another write held the database for longer than the busy timeout (``seconds``):
    nothing was changed, and trying again later works. Raised by the store
    (``footcore.store.engine``); the API answers 503. Defined here, below every layer, so
    that the adapters can tell it without importing the store."""

    def __init__(self, seconds: int) -> None:
        super().__init__(
            f"the database is busy: another write has held it for over {seconds} s; "
            "nothing was changed, try again"
        )


def suggest(name: str, known: Iterable[str], limit: int = 3) -> list[str]:
    """Close matches for a mistyped name, best first."""
    # Deferred: only a mistyped name needs it, not a cold `footcore today` (measured).
    import difflib  # noqa: PLC0415

    candidates = list(known)
    matches = difflib.get_close_matches(name, candidates, n=limit, cutoff=0.6)
    if not matches:
        # A fragment of a slug ("scrunch") should still find the whole slug.
        lowered = name.lower()
        matches = [c for c in candidates if lowered and lowered in c.lower()][:limit]
    return matches

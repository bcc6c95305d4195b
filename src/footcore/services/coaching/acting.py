"""Who is acting: the coach's account or the athlete's training data a coaching use case
needs, or the error that says why there is none."""

from __future__ import annotations

from footcore.domain import access
from footcore.domain.access import Principal
from footcore.domain.errors import UnavailableError


def acting_coach(p: Principal) -> int:
    """The acting coach's user id."""
    if p.user_id is None:
        raise UnavailableError(
            "coach features need a coach account: footcore admin create-user EMAIL --role coach"
        )
    return p.user_id


def acting_athlete(p: Principal) -> int:
    """The acting athlete's id."""
    if p.athlete_id is None:
        raise access.AccessError(access.FORBIDDEN, "this account has no training data")
    return p.athlete_id

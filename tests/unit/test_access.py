"""The authorisation rules, over every role and ownership: who may, who gets 404, who 403."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from footcore.domain import access
from footcore.domain.access import (
    ALLOW,
    FORBIDDEN,
    NOT_FOUND,
    SIGN_IN,
    AccessError,
    GroupRef,
    Principal,
    Role,
    Verdict,
)
from footcore.domain.errors import NotFoundError

ATHLETE = 10  # Ana's training data
GROUP = GroupRef(id=100, coach_user_id=3)  # Ana's club, led by user 3

ACTORS: dict[str, Principal] = {
    "one-person": Principal.one_person(),
    "anonymous": Principal.anonymous(),
    "athlete": Principal.for_user(1, Role.ATHLETE, ATHLETE, member_groups=[100]),
    "other athlete": Principal.for_user(2, Role.ATHLETE, 20),
    "coach of the athlete": Principal.for_user(
        3, Role.COACH, None, owned_groups=[100], coached_athletes=[ATHLETE]
    ),
    "other coach": Principal.for_user(4, "coach", None, owned_groups=[200]),
    "admin": Principal.for_user(5, Role.ADMIN),
}

A, S, N, F = ALLOW, SIGN_IN, NOT_FOUND, FORBIDDEN

#: rule -> expected verdict per actor, in the order of ACTORS.
MATRIX: dict[str, tuple[Callable[[Principal], Verdict], tuple[Verdict, ...]]] = {
    "view athlete": (lambda p: access.can_view_athlete(p, ATHLETE), (A, S, A, N, A, N, A)),
    "edit athlete": (lambda p: access.can_edit_athlete(p, ATHLETE), (A, S, A, N, F, N, A)),
    "assign programme": (
        lambda p: access.can_assign_programme(p, ATHLETE),
        (A, S, F, N, A, N, A),
    ),
    "view group": (lambda p: access.can_view_group(p, GROUP), (A, S, A, N, A, N, A)),
    "manage group": (lambda p: access.can_manage_group(p, GROUP), (A, S, F, N, A, N, A)),
    "create coach content": (access.can_create_coach_content, (A, S, F, F, A, A, A)),
    "join a group": (access.can_join_group, (A, S, A, A, F, F, F)),
    "see built-in exercise": (
        lambda p: access.can_see_exercise(p, None),
        (A, A, A, A, A, A, A),
    ),
    "see coach's exercise": (
        lambda p: access.can_see_exercise(p, 3, [100]),
        (A, N, A, N, A, N, A),
    ),
    "edit coach's exercise": (
        lambda p: access.can_edit_owned(p, 3, access.can_see_exercise(p, 3, [100])),
        (A, S, F, N, A, N, A),
    ),
    "edit coach's template": (lambda p: access.can_edit_owned(p, 3), (A, S, N, N, A, N, A)),
    "manage accounts": (access.can_manage_accounts, (A, S, F, F, F, F, A)),
    "close Ana's account": (
        lambda p: access.can_close_account(p, 1),
        (A, S, A, N, N, N, A),
    ),
}

CASES = [
    pytest.param(rule, actor, expected[n], id=f"{rule} / {actor}")
    for rule, (_, expected) in MATRIX.items()
    for n, actor in enumerate(ACTORS)
]


@pytest.mark.parametrize(("rule", "actor", "expected"), CASES)
def test_every_rule_answers_as_the_table_says_for_every_actor(
    rule: str, actor: str, expected: Verdict
) -> None:
    check, _ = MATRIX[rule]
    assert check(ACTORS[actor]) is expected


def test_the_matrix_covers_every_actor_for_every_rule() -> None:
    for _, expected in MATRIX.values():
        assert len(expected) == len(ACTORS)


def test_a_member_who_left_is_a_stranger_again() -> None:
    left = Principal.for_user(1, Role.ATHLETE, ATHLETE)  # no accepted groups any more
    assert access.can_view_group(left, GROUP) is NOT_FOUND
    assert access.can_see_exercise(left, 3, [100]) is NOT_FOUND
    coach_after = Principal.for_user(3, Role.COACH, owned_groups=[100])
    assert access.can_view_athlete(coach_after, ATHLETE) is NOT_FOUND


def test_an_athlete_role_never_carries_coaching_rights() -> None:
    sneaky = Principal.for_user(6, Role.ATHLETE, 60, owned_groups=[100], coached_athletes=[10])
    assert sneaky.owned_groups == frozenset()
    assert sneaky.coached_athletes == frozenset()
    assert access.can_view_athlete(sneaky, ATHLETE) is NOT_FOUND
    owner_by_id_only = Principal.for_user(3, Role.ATHLETE, 30)
    assert access.can_manage_group(owner_by_id_only, GROUP) is NOT_FOUND


def test_verdicts_map_to_http_statuses() -> None:
    assert [v.status for v in (ALLOW, SIGN_IN, FORBIDDEN, NOT_FOUND)] == [200, 401, 403, 404]
    assert ALLOW.allowed
    assert not NOT_FOUND.allowed


def test_require_raises_not_found_exactly_like_a_missing_thing() -> None:
    with pytest.raises(NotFoundError) as denied:
        access.require(NOT_FOUND, "group", 7)
    assert str(denied.value) == str(NotFoundError("group", "7"))
    assert "did you mean" not in str(denied.value)
    with pytest.raises(AccessError) as forbidden:
        access.require(FORBIDDEN, "group", 7)
    assert forbidden.value.verdict is FORBIDDEN
    with pytest.raises(AccessError) as anonymous:
        access.require(SIGN_IN, "group", 7)
    assert anonymous.value.verdict is SIGN_IN
    access.require(ALLOW, "group", 7)


def test_principal_flags() -> None:
    assert ACTORS["admin"].is_admin
    assert ACTORS["one-person"].is_admin
    assert not ACTORS["athlete"].is_admin
    assert ACTORS["coach of the athlete"].is_coach
    assert ACTORS["admin"].is_coach
    assert not ACTORS["anonymous"].signed_in
    with pytest.raises(ValueError, match="superuser"):
        Principal.for_user(1, "superuser")

"""Who may see and change what: the one place footcore's authorisation rules live.

Every adapter (web pages, the JSON API, the CLI) asks these functions and turns the answer
into a response; none of them decides on its own. A rule answers with a :class:`Verdict`:

- ``ALLOW``;
- ``SIGN_IN``: nobody is signed in (multi-user mode) - the web answers 401 or sends the
  visitor to the sign-in page;
- ``NOT_FOUND``: deny without saying the thing exists - the web answers 404, exactly as for
  an id that does not exist (another athlete's data, another coach's group);
- ``FORBIDDEN``: deny, where the person already knows the thing exists - the web answers
  403 (a coach trying to change a member's profile, an athlete trying to manage the group
  they belong to).

A :class:`Principal` is the person acting, with everything the rules need already loaded
(their athlete, the groups they own or belong to, the athletes who accepted to be coached by
them), so the rules are pure and cheap. In one-person mode (loopback, no accounts) the
principal is :meth:`Principal.one_person`, which may do everything: it is the owner of the
only data there is.

The rules (docs/accounts.md has them as a table):

- one-person mode may do everything; an anonymous visitor must sign in (a coach's own
  exercise is simply "not found" to them); an admin may do everything;
- an athlete's data: the athlete views and changes it; the coach of an accepted member
  views it (changing it is forbidden); anyone else gets "not found";
- assigning a programme to an athlete: the coach of that accepted member;
- a group: its coach manages it; an accepted member views it (managing it is forbidden);
  anyone else gets "not found";
- a coach's own exercise: seen by that coach and the accepted members of the coach's
  groups; changed only by that coach;
- accounts (list, create with a role, reset tokens): admins only.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum

from footcore.domain.errors import FootcoreError, NotFoundError


class Role(StrEnum):
    ATHLETE = "athlete"
    COACH = "coach"
    ADMIN = "admin"

    def __str__(self) -> str:
        return self.value

    @classmethod
    def slugs(cls) -> tuple[str, ...]:
        return tuple(r.value for r in cls)


class Verdict(StrEnum):
    ALLOW = "allow"
    SIGN_IN = "sign-in"
    NOT_FOUND = "not-found"
    FORBIDDEN = "forbidden"

    @property
    def allowed(self) -> bool:
        return self is Verdict.ALLOW

    @property
    def status(self) -> int:
        """The HTTP status the web layer answers with."""
        return {
            Verdict.ALLOW: 200,
            Verdict.SIGN_IN: 401,
            Verdict.NOT_FOUND: 404,
            Verdict.FORBIDDEN: 403,
        }[self]


ALLOW = Verdict.ALLOW
SIGN_IN = Verdict.SIGN_IN
NOT_FOUND = Verdict.NOT_FOUND
FORBIDDEN = Verdict.FORBIDDEN


@dataclass(frozen=True)
class Principal:
    """The person acting.

    ``user_id``/``role`` are None for an anonymous visitor and in one-person mode.
    ``athlete_id``: their own training data (athletes; a coach or admin may have one too).
    ``member_groups``: groups they belong to with an accepted membership.
    ``owned_groups``: groups they coach.
    ``coached_athletes``: athletes with an accepted membership in a group they coach.
    """

    user_id: int | None = None
    role: Role | None = None
    athlete_id: int | None = None
    member_groups: frozenset[int] = frozenset()
    owned_groups: frozenset[int] = frozenset()
    coached_athletes: frozenset[int] = frozenset()
    local: bool = False

    @classmethod
    def one_person(cls, athlete_id: int | None = None) -> Principal:
        """The one-person mode: loopback, no accounts, no sign-in; owner of everything."""
        return cls(athlete_id=athlete_id, local=True)

    @classmethod
    def anonymous(cls) -> Principal:
        return cls()

    @classmethod
    def for_user(
        cls,
        user_id: int,
        role: Role | str,
        athlete_id: int | None = None,
        *,
        member_groups: Iterable[int] = (),
        owned_groups: Iterable[int] = (),
        coached_athletes: Iterable[int] = (),
    ) -> Principal:
        role = Role(role)
        return cls(
            user_id=user_id,
            role=role,
            athlete_id=athlete_id,
            member_groups=frozenset(member_groups),
            owned_groups=frozenset(owned_groups) if role is not Role.ATHLETE else frozenset(),
            coached_athletes=frozenset(coached_athletes)
            if role is not Role.ATHLETE
            else frozenset(),
        )

    @property
    def signed_in(self) -> bool:
        return self.user_id is not None

    @property
    def is_admin(self) -> bool:
        return self.local or self.role is Role.ADMIN

    @property
    def is_coach(self) -> bool:
        return self.role in (Role.COACH, Role.ADMIN)


#: The kinds of group a coach may make: a club, or a class that trains together.
GROUP_KINDS = ("club", "class")


@dataclass(frozen=True)
class GroupRef:
    """What the rules need to know about a group."""

    id: int
    coach_user_id: int


def _gate(p: Principal) -> Verdict | None:
    """The answer every rule shares: everything in one-person mode, sign in when anonymous,
    everything for an admin; None when the rule itself has to decide."""
    if p.local:
        return ALLOW
    if not p.signed_in:
        return SIGN_IN
    if p.role is Role.ADMIN:
        return ALLOW
    return None


# -- athletes' own data ------------------------------------------------------------------------


def can_view_athlete(p: Principal, athlete_id: int) -> Verdict:
    """Plans, logs, progress, self-tests of one athlete."""
    if (v := _gate(p)) is not None:
        return v
    if p.athlete_id == athlete_id or athlete_id in p.coached_athletes:
        return ALLOW
    return NOT_FOUND


def can_edit_athlete(p: Principal, athlete_id: int) -> Verdict:
    """Change the profile, log sessions and runs, record self-tests, export, delete."""
    if (v := _gate(p)) is not None:
        return v
    if p.athlete_id == athlete_id:
        return ALLOW
    if athlete_id in p.coached_athletes:
        return FORBIDDEN
    return NOT_FOUND


def can_assign_programme(p: Principal, athlete_id: int) -> Verdict:
    """Put an athlete on a coach's programme template."""
    if (v := _gate(p)) is not None:
        return v
    if athlete_id in p.coached_athletes and p.is_coach:
        return ALLOW
    if p.athlete_id == athlete_id:
        return FORBIDDEN
    return NOT_FOUND


# -- groups ----------------------------------------------------------------------------------


def can_create_coach_content(p: Principal) -> Verdict:
    """Create a group, a programme template or an exercise of one's own."""
    if (v := _gate(p)) is not None:
        return v
    return ALLOW if p.is_coach else FORBIDDEN


def can_view_group(p: Principal, group: GroupRef) -> Verdict:
    if (v := _gate(p)) is not None:
        return v
    if group.coach_user_id == p.user_id or group.id in p.member_groups:
        return ALLOW
    return NOT_FOUND


def can_manage_group(p: Principal, group: GroupRef) -> Verdict:
    """Invite codes, members, the dashboard, class sheets, assigning the group a template."""
    if (v := _gate(p)) is not None:
        return v
    if group.coach_user_id == p.user_id and p.is_coach:
        return ALLOW
    if group.id in p.member_groups:
        return FORBIDDEN
    return NOT_FOUND


def can_join_group(p: Principal) -> Verdict:
    """Join with an invite code: anyone signed in with training data of their own."""
    if p.local:
        return ALLOW
    if not p.signed_in:
        return SIGN_IN
    return ALLOW if p.athlete_id is not None else FORBIDDEN


# -- a coach's own content -------------------------------------------------------------------


def can_see_exercise(
    p: Principal, coach_owner_id: int | None, groups: Collection[int] = ()
) -> Verdict:
    """A built-in exercise (owner None) is public; a coach's own exercise is seen by that
    coach and the accepted members of the coach's groups (``groups``: the owner's group
    ids), never by anyone else - who gets "not found"."""
    if coach_owner_id is None or p.local:
        return ALLOW
    if not p.signed_in:
        return NOT_FOUND
    if p.role is Role.ADMIN or p.user_id == coach_owner_id:
        return ALLOW
    if p.member_groups & frozenset(groups):
        return ALLOW
    return NOT_FOUND


def can_edit_owned(p: Principal, owner_id: int, visible: Verdict = NOT_FOUND) -> Verdict:
    """Change or delete a coach's exercise or programme template. ``visible`` is whether the
    person may see it at all (for an exercise, :func:`can_see_exercise`)."""
    if (v := _gate(p)) is not None:
        return v
    if p.user_id == owner_id and p.is_coach:
        return ALLOW
    return FORBIDDEN if visible.allowed else NOT_FOUND


# -- accounts --------------------------------------------------------------------------------


def can_manage_accounts(p: Principal) -> Verdict:
    """List users, create users with a role, issue password-reset tokens."""
    if (v := _gate(p)) is not None:
        return v
    return FORBIDDEN


def can_close_account(p: Principal, user_id: int) -> Verdict:
    """Delete an account (and every row of its athlete)."""
    if (v := _gate(p)) is not None:
        return v
    return ALLOW if p.user_id == user_id else NOT_FOUND


# -- turning a verdict into an error ---------------------------------------------------------


class AccessError(FootcoreError):
    """Denied. ``verdict`` says how the web layer answers (403 or 401)."""

    def __init__(self, verdict: Verdict, message: str) -> None:
        super().__init__(message)
        self.verdict = verdict


def require(verdict: Verdict, kind: str, name: object) -> None:
    """Raise unless allowed: NOT_FOUND raises exactly what a missing ``kind`` raises (no
    suggestions, so nothing leaks), FORBIDDEN and SIGN_IN an :class:`AccessError`."""
    if verdict is ALLOW:
        return
    if verdict is NOT_FOUND:
        raise NotFoundError(kind, str(name))
    if verdict is SIGN_IN:
        raise AccessError(verdict, "sign in first")
    raise AccessError(verdict, f"you may not change this {kind}")

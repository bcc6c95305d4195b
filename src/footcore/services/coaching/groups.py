"""Groups and invite codes: a coach's groups, joining with a code, invitations by email,
accepting and leaving, and who the accepted members are."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from footcore.domain import access
from footcore.domain.access import GROUP_KINDS, GroupRef, Principal
from footcore.domain.errors import ConflictError, NotFoundError, Problem, ValidationError
from footcore.services.coaching.acting import acting_athlete, acting_coach
from footcore.services.context import Context, require_athlete

if TYPE_CHECKING:
    from footcore.services.unit_of_work import GroupRecord, UnitOfWork

MAX_GROUP_NAME = 120
#: Invite codes: 10 characters from an alphabet without look-alikes (0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


def new_invite_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


@dataclass(frozen=True)
class GroupView:
    id: int
    name: str
    kind: str
    coach_user_id: int
    invite_code: str | None  # only for the coach (and admins)
    members: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "coach_user_id": self.coach_user_id,
            "invite_code": self.invite_code,
            "members": self.members,
        }


@dataclass(frozen=True)
class MemberView:
    athlete_id: int
    name: str
    status: str
    since: dt.datetime | None


class GroupService:
    """Groups, invite codes and memberships."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def create_group(self, p: Principal, name: str, kind: str = "club") -> GroupView:
        access.require(access.can_create_coach_content(p), "group", name)
        coach = acting_coach(p)
        problems = []
        name = name.strip()
        if not name or len(name) > MAX_GROUP_NAME:
            problems.append(Problem("name", f"text of 1 to {MAX_GROUP_NAME} characters"))
        if kind not in GROUP_KINDS:
            problems.append(Problem("kind", f"one of {', '.join(GROUP_KINDS)}"))
        if problems:
            raise ValidationError("group", problems)
        with self.ctx.uow() as uow:
            group = uow.accounts.groups.add(
                {
                    "name": name,
                    "kind": kind,
                    "coach_user_id": coach,
                    "invite_code": new_invite_code(),
                    "created_at": self.ctx.now(),
                }
            )
            return group_view(uow, group, p)

    def groups(self, p: Principal) -> list[GroupView]:
        """The groups a coach leads, or an athlete belongs to (accepted)."""
        with self.ctx.uow(read_only=True) as uow:
            found: dict[int, GroupRecord] = {}
            if p.user_id is not None and p.is_coach:
                found.update({g.id: g for g in uow.accounts.groups.of_coach(p.user_id)})
            if p.athlete_id is not None:
                found.update({g.id: g for g in uow.accounts.groups.of_athlete(p.athlete_id)})
            return [group_view(uow, g, p) for _, g in sorted(found.items())]

    def group(self, p: Principal, group_id: int) -> GroupView:
        with self.ctx.uow(read_only=True) as uow:
            group = group_for(uow, p, group_id, manage=False)
            return group_view(uow, group, p)

    def new_code(self, p: Principal, group_id: int) -> GroupView:
        """A fresh invite code (the old one stops working)."""
        with self.ctx.uow() as uow:
            group = group_for(uow, p, group_id, manage=True)
            group.invite_code = new_invite_code()
            uow.flush()
            return group_view(uow, group, p)

    def join(self, p: Principal, code: str) -> GroupView:
        """Join with an invite code: the membership is accepted at once (the athlete chose
        to join). Joining again after leaving works."""
        access.require(access.can_join_group(p), "group", code)
        athlete_id = acting_athlete(p)
        now = self.ctx.now()
        with self.ctx.uow() as uow:
            group = uow.accounts.groups.by_code(code.strip().upper())
            if group is None:
                raise NotFoundError(
                    "invite code",
                    code,
                    message="no group has this invite code: check it with your coach",
                )
            m = uow.accounts.groups.add_membership(
                {
                    "group_id": group.id,
                    "athlete_id": athlete_id,
                    "status": "accepted",
                    "created_at": now,
                    "accepted_at": now,
                }
            )
            if m.status != "accepted":
                m.status, m.accepted_at, m.left_at = "accepted", now, None
                uow.flush()
            return group_view(uow, group, p)

    def invite(self, p: Principal, group_id: int, email: str) -> MemberView:
        """Invite an account's athlete by email; they see the invitation and accept it."""
        now = self.ctx.now()
        with self.ctx.uow() as uow:
            group = group_for(uow, p, group_id, manage=True)
            user = uow.accounts.users.by_email(email.strip().lower())
            if user is None or user.athlete_id is None:
                raise NotFoundError("athlete account", email.strip().lower())
            m = uow.accounts.groups.add_membership(
                {
                    "group_id": group.id,
                    "athlete_id": user.athlete_id,
                    "status": "invited",
                    "created_at": now,
                    "accepted_at": None,
                }
            )
            if m.status == "left":
                m.status, m.left_at = "invited", None
                uow.flush()
            athlete = require_athlete(uow, user.athlete_id)
            return MemberView(athlete.id, athlete.name, m.status, m.created_at)

    def invitations(self, p: Principal) -> list[GroupView]:
        """Groups that invited this athlete and wait for an answer."""
        if p.athlete_id is None:
            return []
        with self.ctx.uow(read_only=True) as uow:
            groups = uow.accounts.groups.of_athlete(p.athlete_id, status="invited")
            return [group_view(uow, g, p) for g in groups]

    def accept(self, p: Principal, group_id: int) -> GroupView:
        athlete_id = acting_athlete(p)
        with self.ctx.uow() as uow:
            m = uow.accounts.groups.membership(group_id, athlete_id)
            group = uow.accounts.groups.get(group_id)
            if m is None or group is None or m.status == "left":
                raise NotFoundError("group", str(group_id))
            m.status, m.accepted_at = "accepted", self.ctx.now()
            uow.flush()
            return group_view(uow, group, p)

    def leave(self, p: Principal, group_id: int) -> None:
        """Leave a group (or decline an invitation); the coach no longer sees the athlete."""
        athlete_id = acting_athlete(p)
        with self.ctx.uow() as uow:
            m = uow.accounts.groups.membership(group_id, athlete_id)
            if m is None or m.status == "left":
                group = uow.accounts.groups.get(group_id)
                if group is not None and p.user_id is not None and group.coach_user_id == p.user_id:
                    # The group's own coach knows it exists: say why, rather than "unknown".
                    raise ConflictError(
                        f"you coach group {group_id}, you are not a member of it: only members "
                        "leave a group"
                    )
                raise NotFoundError("group", str(group_id))
            m.status, m.left_at = "left", self.ctx.now()

    def members(self, p: Principal, group_id: int) -> list[MemberView]:
        """Accepted members only: invited and departed athletes are not shown."""
        with self.ctx.uow() as uow:
            group_for(uow, p, group_id, manage=True)
            rows = uow.accounts.groups.member_rows(group_id)
            return [MemberView(a, n, s, t) for a, n, s, t in rows]


def group_for(uow: UnitOfWork, p: Principal, group_id: int, *, manage: bool) -> GroupRecord:
    """The group, when ``p`` may see it (or manage it, with ``manage``)."""
    group = uow.accounts.groups.get(group_id)
    if group is None:
        # The same answer as for a group one may not see: existence never leaks.
        raise NotFoundError("group", str(group_id))
    ref = GroupRef(group.id, group.coach_user_id)
    rule = access.can_manage_group if manage else access.can_view_group
    access.require(rule(p, ref), "group", group_id)
    return group


def group_view(uow: UnitOfWork, group: GroupRecord, p: Principal) -> GroupView:
    """The group as ``p`` sees it: the invite code only for who manages it."""
    count = uow.accounts.groups.count_members(group.id)
    manages = access.can_manage_group(p, GroupRef(group.id, group.coach_user_id)).allowed
    return GroupView(
        group.id,
        group.name,
        group.kind,
        group.coach_user_id,
        group.invite_code if manages else None,
        count,
    )

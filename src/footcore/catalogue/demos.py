"""The demonstration of an exercise (``[exercise.demo]``) read from a table.

``demo_from_table`` builds the domain's :class:`~footcore.domain.demonstration.Demonstration`
from a table known to be good (the built-ins, or one that passed validation); the rules
that check a table live in :mod:`footcore.catalogue.demo_rules` (with pydantic, which the
fast path of loading the built-ins does without).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from footcore.domain.demonstration import (
    FRONT_JOINTS,
    GROUND,
    SIDE_JOINTS,
    Base,
    Demonstration,
    Pose,
    Prop,
    PropKind,
    View,
)

JOINT_KEYS = (*SIDE_JOINTS, *FRONT_JOINTS)


def _floats(value: Any) -> float | tuple[float, ...]:
    if isinstance(value, list | tuple):
        return tuple(float(v) for v in value)
    return float(value)


def _names(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return tuple(value) if isinstance(value, list | tuple) else (str(value),)


def _numbers(value: Any) -> tuple[float, ...]:
    if value is None:
        return ()
    return tuple(float(v) for v in value) if isinstance(value, list | tuple) else (float(value),)


def like_of(raw: Any) -> str | None:
    """The slug a demonstration table reuses (``like = "..."``), if it does."""
    if isinstance(raw, Mapping):
        like = raw.get("like")
        return str(like) if like else None
    return None


def demo_from_table(raw: Any) -> Demonstration | None:
    """The demonstration of a good ``[exercise.demo]`` table; None when there is none or it
    reuses another exercise's (the catalogue resolves ``like`` once all are read)."""
    if not isinstance(raw, Mapping) or like_of(raw) is not None:
        return None
    view = View(raw["view"])
    poses = []
    for p in raw["poses"]:
        angles = tuple((k, _floats(p[k])) for k in JOINT_KEYS if p.get(k) is not None)
        poses.append(
            Pose(
                label=p["label"],
                angles=angles,
                move_s=p.get("move_s"),
                hold_s=p.get("hold_s"),
                press=tuple(p.get("press") or ()),
                shift=float(p.get("shift") or 0.0),
            )
        )
    props = tuple(
        Prop(
            kind=PropKind(p["kind"]),
            at=_names(p["at"]),
            to=_names(p.get("to")),
            side=p.get("side"),
            turn=_numbers(p.get("turn")),
            gather=_numbers(p.get("gather")),
            gap=float(p.get("gap") or 0.0),
        )
        for p in raw.get("props") or ()
    )
    return Demonstration(
        view=view,
        poses=tuple(poses),
        base=Base(raw.get("base") or Base.STAND),
        anchor=raw.get("anchor") or GROUND,
        props=props,
        emphasis=tuple(raw.get("emphasis") or ()),
        arrows=tuple(raw.get("arrows") or ()),
        hide=tuple(raw.get("hide") or ()),
        eyes=raw.get("eyes") or "open",
    )

"""The rules of an exercise's demonstration that its schema cannot say alone.

Which keys each view takes, joint ranges, named points and parts, props, that the drawing
shows the exercise's equipment, and that an exercise that moves has at least two poses that
differ. Findings are ``(key, message)`` inside one exercise, as in
:mod:`footcore.catalogue.rules`.
"""

from __future__ import annotations

from collections.abc import Sequence

from footcore.catalogue.demos import JOINT_KEYS, _names
from footcore.catalogue.schema import DemoModel, ExerciseDraft, PoseModel, PropModel
from footcore.domain.demonstration import (
    ARM_JOINTS,
    GROUND,
    LEG_JOINTS,
    MAX_POSES,
    PROP_EQUIPMENT,
    RANGES,
    PropKind,
    View,
    joints_for,
    parts_for,
    points_for,
)
from footcore.domain.errors import suggest

Finding = tuple[str, str]
PAIRED = (*LEG_JOINTS, *ARM_JOINTS)
PER_POSE_KEYS = ("at", "to", "turn", "gather")


def _unknown(kind: str, name: str, known: Sequence[str], view: View) -> str:
    close = suggest(name, known)
    hint = "; did you mean " + " or ".join(f"'{c}'" for c in close) + "?" if close else ""
    return f"'{name}' is not a {kind} of the {view} view{hint} (allowed: {', '.join(known)})"


def _moves(m: ExerciseDraft) -> bool:
    """Whether the exercise repeats a movement, rather than holding one position (a single
    rep held, such as a 20 s stretch or a 30 s balance)."""
    d = m.dose
    if d is None:
        return False
    if d.duration_s is not None or d.steps is not None:
        return True
    return not (d.reps == 1 and d.hold_s is not None)


def check_demo(m: ExerciseDraft) -> list[Finding]:
    """Every rule about the exercise's demonstration that its schema cannot say alone."""
    demo = m.demo
    if demo is None:
        return []
    if demo.like is not None:
        others = [k for k in DemoModel.model_fields if k != "like" and k in demo.model_fields_set]
        if others:
            return [
                (
                    "demo.like",
                    f"like reuses another exercise's drawing: give it alone "
                    f"(found {', '.join(others)} too)",
                )
            ]
        return []
    found: list[Finding] = []
    if demo.view is None:
        found.append(
            (
                "demo.view",
                "missing required key: give the view (body, leg or "
                'foot-front), or like = "SLUG" to reuse another exercise\'s drawing',
            )
        )
        return found
    view = demo.view
    if not demo.poses:
        found.append(
            (
                "demo.poses",
                "give at least one pose (a hold), or two or more (start and end) for a movement",
            )
        )
        return found
    if len(demo.poses) > MAX_POSES:
        found.append(("demo.poses", f"at most {MAX_POSES} poses (found {len(demo.poses)})"))
    if demo.base is not None and not view.side:
        found.append(("demo.base", f"a base posture belongs to the side views, not {view}"))
    points = points_for(view)
    if demo.anchor is not None and demo.anchor != GROUND and demo.anchor not in points:
        found.append(("demo.anchor", _unknown("point", demo.anchor, (GROUND, *points), view)))
    for key, names, known, kind in (
        ("emphasis", demo.emphasis, parts_for(view), "part"),
        ("arrows", [a.removeprefix("around:") for a in demo.arrows], points, "point"),
        ("hide", demo.hide, (*parts_for(view), "far-leg", "far-arm", "arms"), "part"),
    ):
        for name in names:
            if name not in known:
                found.append((f"demo.{key}", _unknown(kind, name, known, view)))
    for i, pose in enumerate(demo.poses):
        found += _check_pose(f"demo.poses[{i}]", pose, view)
    for i, prop in enumerate(demo.props):
        found += _check_prop(f"demo.props[{i}]", prop, view, len(demo.poses))
    found += _check_equipment(m, demo)
    found += _check_movement(m, demo)
    return found


def _check_pose(where: str, pose: PoseModel, view: View) -> list[Finding]:
    found: list[Finding] = []
    allowed = joints_for(view)
    for joint in JOINT_KEYS:
        value = getattr(pose, joint)
        if value is None:
            continue
        if joint not in allowed:
            found.append(
                (
                    f"{where}.{joint}",
                    f"'{joint}' is not an angle of the {view} view (it takes {', '.join(allowed)})",
                )
            )
            continue
        values = value if isinstance(value, list) else [value]
        if isinstance(value, list):
            if joint == "lift":
                if len(value) not in (1, 5):
                    found.append(
                        (
                            f"{where}.lift",
                            "give one angle for all toes, or five from "
                            f"the big toe to the little toe (found {len(value)})",
                        )
                    )
            elif joint in PAIRED:
                if len(value) != 2:
                    found.append(
                        (
                            f"{where}.{joint}",
                            f"give one angle for both sides, or two: "
                            f"[near, far] (found {len(value)})",
                        )
                    )
            else:
                found.append((f"{where}.{joint}", "one angle: the body has one " + joint))
        low, high = RANGES[joint]
        for v in values:
            if not low <= v <= high:
                found.append(
                    (
                        f"{where}.{joint}",
                        f"{v:g} is out of range for {joint} (from {low:g} to {high:g})",
                    )
                )
                break
    for name in pose.press:
        if name not in points_for(view):
            found.append((f"{where}.press", _unknown("point", name, points_for(view), view)))
    return found


def _check_prop(where: str, prop: PropModel, view: View, poses: int) -> list[Finding]:
    found: list[Finding] = []
    points = points_for(view)
    for key in PER_POSE_KEYS:
        value = getattr(prop, key)
        if isinstance(value, list) and len(value) not in (1, poses):
            found.append(
                (
                    f"{where}.{key}",
                    f"give one value for every pose, or {poses}, one for each (found {len(value)})",
                )
            )
    for name in _names(prop.at):
        if name not in points:
            found.append((f"{where}.at", _unknown("point", name, points, view)))
    if prop.kind is PropKind.BAND:
        if prop.to is None:
            found.append((f"{where}.to", "a band needs to: the point it runs to, or post"))
        for name in _names(prop.to):
            if name not in (*points, "post"):
                found.append((f"{where}.to", _unknown("point", name, (*points, "post"), view)))
    elif prop.to is not None:
        found.append((f"{where}.to", "only a band runs to somewhere"))
    if prop.side is not None and prop.kind not in (
        PropKind.STEP,
        PropKind.WALL,
        PropKind.BOWL,
        PropKind.POST,
    ):
        found.append(
            (f"{where}.side", f"a {prop.kind} has no side; only a step, wall, bowl or post does")
        )
    if prop.turn is not None and prop.kind not in (PropKind.HAND, PropKind.KNEE, PropKind.BACKPACK):
        found.append((f"{where}.turn", "only a hand, a knee or a backpack turns"))
    if prop.gap is not None and prop.kind not in (PropKind.WALL, PropKind.CHAIR):
        found.append((f"{where}.gap", "only a wall or a chair keeps a gap"))
    if prop.gather is not None and prop.kind is not PropKind.TOWEL:
        found.append((f"{where}.gather", "only a towel lying flat can be gathered"))
    return found


def _check_equipment(m: ExerciseDraft, demo: DemoModel) -> list[Finding]:
    shown = {PROP_EQUIPMENT.get(p.kind) for p in demo.props}
    found: list[Finding] = []
    for equipment in m.equipment or ():
        if str(equipment) not in shown:
            kinds = [str(k) for k, e in PROP_EQUIPMENT.items() if e == str(equipment)]
            found.append(
                (
                    "demo.props",
                    f"the exercise uses a {equipment}: show it (as a prop: {' or '.join(kinds)})",
                )
            )
    return found


def _at(value: object, index: int) -> object:
    if isinstance(value, list):
        return value[min(index, len(value) - 1)] if value else None
    return value


def _signature(demo: DemoModel, index: int) -> tuple[object, ...]:
    """What a pose looks like: its angles and shift, and where its props are."""
    pose = demo.poses[index]
    own = tuple(getattr(pose, k) for k in (*JOINT_KEYS, "shift"))
    props = tuple(_at(getattr(p, k), index) for p in demo.props for k in PER_POSE_KEYS)
    return (*own, *props)


def _check_movement(m: ExerciseDraft, demo: DemoModel) -> list[Finding]:
    found: list[Finding] = []
    poses = demo.poses
    if len(poses) == 1 and _moves(m):
        found.append(
            (
                "demo.poses",
                "the exercise repeats a movement: give at least two poses "
                "(where it starts and where it goes)",
            )
        )
    for i in range(1, len(poses)):
        if _signature(demo, i) == _signature(demo, i - 1):
            found.append(
                (
                    f"demo.poses[{i}]",
                    f"the same position as pose {i}: a pose must differ from the one before",
                )
            )
    return found

"""A demonstration laid out: each pose on the floor with its props, pressure marks and
arrows, in one frame; and the animation's timeline (poses in between, eased).

A :class:`Scene` holds one :class:`Frame` per key pose (the still pictures) and the frames
of the animation (``samples``) at the times of ``times`` (0 to 1 of one loop of
``duration_s`` seconds). Every frame holds the same items, keyed alike, so the SVG writer
can animate each item from frame to frame.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from footcore.domain.demonstration import (
    FIXED_PROPS,
    GROUND,
    Demonstration,
    Pose,
    Prop,
    PropKind,
    View,
)
from footcore.domain.exercise import Dose
from footcore.drawing import figure
from footcore.drawing.geometry import (
    Place,
    Point,
    Shape,
    distance,
    ellipse,
    lerp,
    polyline,
    rounded_rect,
    smooth_closed,
    smooth_open,
    smoothstep,
)

STEP_HEIGHT = 17.0
MAT_HEIGHT = 1.4
BALL_R = 3.3
SMALL_BALL_R = 2.1
ROLLER_R = 2.6
TOWEL_ROLL_R = 3.0
TOWEL_ROLL_AHEAD = 5.2  # a rolled towel lies under the toes, ahead of the ball of the foot
MARBLE_R = 1.2
SOFT_BALL_R = 3.4
MEDICINE_BALL_R = 9.0
KNEE_TOP = 52.0  # the top of a seated person's knee above the floor
HAND_GRIP = (2.4, -12.6)  # from the finger pads of a hand prop to its wrist
STEPS_PER_MOVE = 8  # animation frames computed for each movement between two poses
AROUND = "around:"  # an arrow entry "around:POINT" draws a circle around that point


@dataclass(frozen=True)
class Item:
    """One thing drawn: a shape in its frame, placed, with a paint.

    ``paint`` names a colour role (see :mod:`footcore.drawing.svg`); ``stroke`` draws the
    shape as a line only (bands, arrows); ``solo`` outlines and fills it on its own rather
    than as part of its layer's silhouette. ``opacity`` fades pressure marks in and out.
    """

    key: str
    layer: str
    shape: Shape
    place: Place
    paint: str
    solo: bool = True
    stroke: bool = False
    opacity: float = 1.0

    def place_points(self) -> list[Point]:
        """The item's extreme points, placed (its outline's convex hull)."""
        return self.place.apply_all(self.shape.hull)


@dataclass(frozen=True)
class Frame:
    items: tuple[Item, ...]
    points: Mapping[str, Point]


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @staticmethod
    def around(points: Sequence[Point], margin: float) -> Box:
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        return Box(
            min(xs) - margin,
            min(ys) - margin,
            max(xs) - min(xs) + 2 * margin,
            max(ys) - min(ys) + 2 * margin,
        )


@dataclass(frozen=True)
class Scene:
    demo: Demonstration
    box: Box
    keys: tuple[Frame, ...]  # one still frame per pose
    samples: tuple[Frame, ...]  # the animation's frames, the first pose again at the end
    times: tuple[float, ...]  # when each sample is shown, 0 to 1 of the loop
    duration_s: float
    arrows: tuple[tuple[Item, ...], ...]  # per still frame: the arrows into that pose
    loop_arrows: tuple[Item, ...] = ()  # the whole path, for the animation
    clip: bool = False
    floor: float = 0.0
    stroke: float = 1.0  # outline width in the scene's units
    notes: tuple[str, ...] = field(default_factory=tuple)


# -- angles ----------------------------------------------------------------------------------


def resolved(demo: Demonstration, pose: Pose) -> dict[str, tuple[float, ...]]:
    """Every joint of the view with its value(s) in ``pose`` (the base posture filled in)."""
    base = demo.base_angles()
    out: dict[str, tuple[float, ...]] = {}
    for joint in set(base) | set(pose.angle_map):
        out[joint] = pose.angle(joint, base)
    return out


def blend(
    a: Mapping[str, tuple[float, ...]], b: Mapping[str, tuple[float, ...]], t: float
) -> dict[str, tuple[float, ...]]:
    out: dict[str, tuple[float, ...]] = {}
    for joint in set(a) | set(b):
        va, vb = a.get(joint, (0.0,)), b.get(joint, (0.0,))
        n = max(len(va), len(vb))
        out[joint] = tuple(
            lerp(va[min(i, len(va) - 1)], vb[min(i, len(vb) - 1)], t) for i in range(n)
        )
    return out


def _posed(demo: Demonstration, angles: Mapping[str, tuple[float, ...]]) -> figure.Posed:
    if demo.view.side:
        return figure.pose_side(angles, demo.eyes)
    return figure.pose_front(angles)


def _moved(posed: figure.Posed, dx: float, dy: float) -> figure.Posed:
    return figure.Posed(
        tuple(replace(p, place=p.place.moved(dx, dy)) for p in posed.parts),
        {k: (x + dx, y + dy) for k, (x, y) in posed.points.items()},
    )


def _visible(demo: Demonstration, parts: Sequence[figure.Part]) -> list[figure.Part]:
    hidden = set(demo.hide)
    if demo.view is View.LEG:
        hidden |= {"far-leg", "far-arm", "near-arm", "body", "near-thigh"}
    if demo.view is View.BODY:
        hidden.add("near-nail")
    out = []
    for p in parts:
        if p.layer in hidden or p.name in hidden:
            continue
        if "arms" in hidden and p.layer.endswith("-arm"):
            continue
        out.append(p)
    return out


# -- placing a pose on the floor -------------------------------------------------------------


def _surface_at_anchor(demo: Demonstration) -> float:
    """How high the anchored point rests: on a step, a ball, a rolled towel, the other
    knee, a mat; on the floor otherwise."""
    heights = {
        PropKind.STEP: STEP_HEIGHT,
        PropKind.BALL: 2 * BALL_R,
        PropKind.SMALL_BALL: 2 * SMALL_BALL_R,
        PropKind.ROLLER: 2 * ROLLER_R,
        PropKind.TOWEL_ROLL: 2 * TOWEL_ROLL_R,
        PropKind.KNEE: KNEE_TOP,
    }
    for prop in demo.props:
        if prop.kind in heights and demo.anchor in prop.at:
            return heights[prop.kind]
    if any(p.kind is PropKind.MAT for p in demo.props):
        return MAT_HEIGHT
    return 0.0


def place_pose(
    demo: Demonstration, angles: Mapping[str, tuple[float, ...]], shift: float = 0.0
) -> figure.Posed:
    """The pose with its anchor at the anchor's spot (and ``shift`` units forward)."""
    posed = _posed(demo, angles)
    lift = _surface_at_anchor(demo)
    if demo.anchor == GROUND:
        parts = _visible(demo, posed.parts)
        lowest = max(y for p in parts for _, y in p.outline())
        x0 = posed.points.get("near-hip", posed.points.get("ankle", (0.0, 0.0)))[0]
        return _moved(posed, shift - x0, -lift - lowest)
    ax, ay = posed.points[demo.anchor]
    return _moved(posed, shift - ax, -lift - ay)


# -- props -------------------------------------------------------------------------------------

PROP_LAYERS = {
    PropKind.STEP: "scenery",
    PropKind.WALL: "scenery",
    PropKind.CHAIR: "scenery",
    PropKind.SEAT: "scenery",
    PropKind.MAT: "scenery",
    PropKind.BOWL: "scenery",
    PropKind.POST: "scenery",
    PropKind.BACKPACK: "gear",
    PropKind.MEDICINE_BALL: "gear",
    PropKind.BALL: "under",
    PropKind.SMALL_BALL: "under",
    PropKind.ROLLER: "under",
    PropKind.TOWEL: "under",
    PropKind.TOWEL_BUNCHED: "under",
    PropKind.TOWEL_ROLL: "under",
    PropKind.MARBLE: "under",
    PropKind.SOFT_BALL: "under",
    PropKind.KNEE: "under",
    PropKind.BAND: "band",
    PropKind.HAND: "over",
}


@dataclass(frozen=True)
class _Surfaces:
    """The tops the figure and props can rest on: the floor, a mat, a step."""

    mat: bool
    step: Box | None
    post: float | None = None  # where a band's post stands

    def at(self, x: float) -> float:
        if self.step is not None and self.step.x <= x <= self.step.x + self.step.w:
            return self.step.y
        return -MAT_HEIGHT if self.mat else 0.0


def _step_box(prop: Prop, posed: figure.Posed, side: str) -> Box:
    x, y = posed.points[prop.point(0)]
    if side == "front":  # toes over the front edge
        return Box(x + 0.6 - 34.0, y, 34.0, -y)
    return Box(x - 2.2, y, 34.0, -y)  # heel over the back edge


def _side(prop: Prop) -> str:
    return prop.side or ("back" if prop.kind is PropKind.STEP else "front")


def fixed_props(
    demo: Demonstration, poses: Sequence[figure.Posed], extent: tuple[float, float]
) -> tuple[list[Item], _Surfaces]:
    """Props that stay put, placed by the first pose (a wall: where its point comes
    nearest it, as a knee touching the wall); and the surfaces they make."""
    first = poses[0]
    items: list[Item] = []
    step: Box | None = None
    post: float | None = None
    mat = any(p.kind is PropKind.MAT for p in demo.props)
    for i, prop in enumerate(demo.props):
        if prop.kind not in FIXED_PROPS and prop.kind is not PropKind.POST:
            continue
        key = f"prop{i}-{prop.kind}"
        at = first.points.get(prop.point(0), (0.0, 0.0))
        if prop.kind is PropKind.STEP:
            step = _step_box(prop, first, _side(prop))
            items.append(_prop_item(key, prop, rounded_rect(step.x, step.y, step.w, step.h, 0.8)))
        elif prop.kind is PropKind.MAT:
            x0, x1 = extent
            shape = rounded_rect(x0 - 6.0, -MAT_HEIGHT, x1 - x0 + 12.0, MAT_HEIGHT, 0.7)
            items.append(_prop_item(key, prop, shape))
        elif prop.kind is PropKind.WALL:
            gap = _touch_gap(prop.point(0)) + prop.gap
            xs = [posed.points.get(prop.point(k), at)[0] for k, posed in enumerate(poses)]
            x = max(xs) + gap if _side(prop) == "front" else min(xs) - gap - 5.0
            items.append(_prop_item(key, prop, rounded_rect(x, -260.0, 5.0, 260.0, 0.0)))
        elif prop.kind is PropKind.SEAT:
            items += [_prop_item(f"{key}-{n}", prop, s) for n, s in enumerate(_seat(at))]
        elif prop.kind is PropKind.CHAIR:
            below = (at[0], at[1] + prop.gap)
            items += [_prop_item(f"{key}-{n}", prop, s) for n, s in enumerate(_chair(below))]
        elif prop.kind is PropKind.BOWL:
            x = at[0] + (9.0 if _side(prop) == "front" else -9.0)
            items.append(_prop_item(key, prop, _bowl(x, -MAT_HEIGHT if mat else 0.0)))
        elif prop.kind is PropKind.POST:
            reach = 22.0 if demo.view.side else 13.0
            post = at[0] + (reach if _side(prop) == "front" else -reach)
            items.append(_prop_item(key, prop, rounded_rect(post - 1.6, -70.0, 3.2, 70.0, 0.5)))
    return items, _Surfaces(mat, step, post)


def _touch_gap(point: str) -> float:
    """How far in front of a named point a surface touching it stands."""
    kind = point.rsplit("-", 1)[-1]
    return {"hand": 0.3, "knee": 5.2, "toes": 1.6, "head": 11.0, "chest": 1.0}.get(kind, 2.0)


def _prop_item(key: str, prop: Prop, shape: Shape, place: Place | None = None) -> Item:
    return Item(key, PROP_LAYERS[prop.kind], shape, place or Place(0.0, 0.0, 0.0), str(prop.kind))


def _seat(at: Point) -> list[Shape]:
    x, y = at
    top = y + 0.3
    return [
        rounded_rect(x - 15.0, top, 32.0, 3.0, 0.8),
        rounded_rect(x - 14.0, top + 3.0, 2.6, -top - 3.0, 0.4),
        rounded_rect(x + 13.4, top + 3.0, 2.6, -top - 3.0, 0.4),
        rounded_rect(x - 15.0, top - 40.0, 2.8, 40.0, 0.8),
    ]


def _chair(at: Point) -> list[Shape]:
    """A chair seen from the side, its back under the hand, its seat away from the person."""
    x, y = at
    top = y + 0.3
    seat = -45.0
    return [
        rounded_rect(x - 1.4, top, 2.8, -top, 0.8),
        rounded_rect(x - 1.4, seat, 32.0, 3.0, 0.8),
        rounded_rect(x + 27.4, seat + 3.0, 2.6, -seat - 3.0, 0.4),
    ]


def _bowl(x: float, floor: float) -> Shape:
    return smooth_closed(
        [
            (x - 6.5, floor - 5.0),
            (x + 6.5, floor - 5.0),
            (x + 4.5, floor - 0.4),
            (x - 4.5, floor - 0.4),
        ],
        tension=0.3,
    )


@dataclass(frozen=True)
class _MovingProp:
    """One moving prop in one frame: its key, where its point is, how it is turned, and
    what it rests on (``pose_index`` is the pose being left for ``next_index``, ``blend_t``
    how far)."""

    key: str
    prop: Prop
    at: Point
    turn: float
    posed: figure.Posed
    surfaces: _Surfaces
    pose_index: int
    next_index: int
    blend_t: float

    def item(self, shape: Shape, place: Place | None = None, suffix: str = "") -> Item:
        return _prop_item(self.key + suffix, self.prop, shape, place)


def _on_floor_props(p: _MovingProp) -> list[Item]:
    """A ball or roller on the floor under the point; a towel roll just ahead of it."""
    floor = p.surfaces.at(p.at[0])
    if p.prop.kind in (PropKind.BALL, PropKind.SMALL_BALL):
        r = BALL_R if p.prop.kind is PropKind.BALL else SMALL_BALL_R
        return [p.item(ellipse(0.0, 0.0, r, r), Place(p.at[0], floor - r, 0.0))]
    if p.prop.kind is PropKind.ROLLER:
        return [p.item(_roller(), Place(p.at[0], floor - ROLLER_R, 0.0))]
    ahead = Place(p.at[0] + TOWEL_ROLL_AHEAD, floor - TOWEL_ROLL_R, 0.0)
    return [p.item(_towel_roll(), ahead)]


def _towel_props(p: _MovingProp) -> list[Item]:
    """A towel from the heel to the toes, gathered as far as the pose says (all of it when
    bunched)."""
    heel = p.posed.points.get("near-heel", p.at)
    floor = p.surfaces.at(p.at[0])
    gather = lerp(p.prop.gather_at(p.pose_index), p.prop.gather_at(p.next_index), p.blend_t)
    share = 1.0 if p.prop.kind is PropKind.TOWEL_BUNCHED else gather
    return [p.item(_towel(heel[0] - 5.0, p.at[0], floor, share))]


def _under_toes_props(p: _MovingProp) -> list[Item]:
    """A marble or soft ball held under the curled toes, just ahead of their pads; never
    below the floor."""
    r = MARBLE_R if p.prop.kind is PropKind.MARBLE else SOFT_BALL_R
    cx = p.at[0] + r * 0.75
    cy = min(p.at[1] + r * 0.35, p.surfaces.at(cx) - r)
    return [p.item(ellipse(0.0, 0.0, r, r), Place(cx, cy, 0.0))]


def _knee_props(p: _MovingProp) -> list[Item]:
    return [p.item(_knee(), Place(p.at[0], p.at[1] + 5.6, p.turn))]


def _hand_props(p: _MovingProp) -> list[Item]:
    """The finger pads on the point, the fingers along ``turn``; a forearm behind."""
    palm = Place(p.at[0], p.at[1], p.turn).then(HAND_GRIP, 0.0)
    return [
        p.item(figure.FOREARM_STUB_D, palm, "-arm"),
        p.item(figure.HAND_D, palm),
        Item(f"{p.key}-lines", "over", figure.FINGER_LINES_D, palm, "line", stroke=True),
    ]


def _backpack_props(p: _MovingProp) -> list[Item]:
    """On the back it hangs from the shoulders, turned with the trunk; elsewhere it lies on
    top of the limb."""
    trunk = {part.name: part for part in p.posed.parts}.get("trunk")
    on_back = p.prop.point(p.pose_index) in ("back", "chest")
    t = (trunk.place.turn if trunk else 0.0) if on_back else p.turn
    spot = Place(p.at[0], p.at[1] - (0.0 if on_back else 5.5), t)
    return [p.item(rounded_rect(-8.0, -4.0, 8.0, 24.0, 3.0), spot)]


def _medicine_ball_props(p: _MovingProp) -> list[Item]:
    r = MEDICINE_BALL_R
    return [p.item(ellipse(0.0, 0.0, r, r), Place(p.at[0] + r, p.at[1], 0.0))]


def _band_props(p: _MovingProp, side_view: bool) -> list[Item]:
    """A band from the point to its target (a body point, else the post or a spot ahead),
    and its loop round the point."""
    loop = 1.9 if side_view else 1.0
    end = p.posed.points.get(p.prop.target(p.pose_index) or "")
    if end is None:
        post = p.surfaces.post
        end = (post if post is not None else p.at[0] + 22.0, p.at[1] - 1.0)
    return [
        Item(p.key, "band", _band(p.at, end), Place(0.0, 0.0, 0.0), "band", stroke=True),
        Item(
            f"{p.key}-loop",
            "band",
            ellipse(0.0, 0.0, loop, loop),
            Place(p.at[0], p.at[1], 0.0),
            "band",
            stroke=True,
        ),
    ]


_MOVING_PROPS: Mapping[PropKind, Callable[[_MovingProp], list[Item]]] = {
    PropKind.BALL: _on_floor_props,
    PropKind.SMALL_BALL: _on_floor_props,
    PropKind.ROLLER: _on_floor_props,
    PropKind.TOWEL_ROLL: _on_floor_props,
    PropKind.TOWEL: _towel_props,
    PropKind.TOWEL_BUNCHED: _towel_props,
    PropKind.MARBLE: _under_toes_props,
    PropKind.SOFT_BALL: _under_toes_props,
    PropKind.KNEE: _knee_props,
    PropKind.HAND: _hand_props,
    PropKind.BACKPACK: _backpack_props,
    PropKind.MEDICINE_BALL: _medicine_ball_props,
}


def moving_props(
    demo: Demonstration,
    posed: figure.Posed,
    pose_index: int,
    blend_t: float,
    surfaces: _Surfaces,
) -> list[Item]:
    """Props that follow the body, for one frame (``pose_index`` is the pose being left,
    ``blend_t`` how far towards the next one)."""
    items: list[Item] = []
    j = (pose_index + 1) % len(demo.poses)
    for i, prop in enumerate(demo.props):
        if prop.kind in FIXED_PROPS or prop.kind is PropKind.POST:
            continue
        here = posed.points.get(prop.point(pose_index), (0.0, 0.0))
        there = posed.points.get(prop.point(j), here)
        at = (lerp(here[0], there[0], blend_t), lerp(here[1], there[1], blend_t))
        turn = lerp(prop.turn_at(pose_index), prop.turn_at(j), blend_t)
        p = _MovingProp(
            f"prop{i}-{prop.kind}", prop, at, turn, posed, surfaces, pose_index, j, blend_t
        )
        if prop.kind is PropKind.BAND:
            items += _band_props(p, demo.view.side)
        elif prop.kind in _MOVING_PROPS:
            items += _MOVING_PROPS[prop.kind](p)
    return items


def _band(a: Point, b: Point) -> Shape:
    mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    return smooth_open([a, mid, b])


@functools.cache
def _roller() -> Shape:
    return ellipse(0.0, 0.0, ROLLER_R, ROLLER_R)


@functools.cache
def _towel_roll() -> Shape:
    return ellipse(0.0, 0.0, TOWEL_ROLL_R, TOWEL_ROLL_R)


@functools.cache
def _knee() -> Shape:
    """The other leg under a resting foot: its knee (origin at the top) and its shin going
    down out of the picture."""
    return smooth_closed(
        [
            (-4.8, 1.6),
            (0.0, 0.0),
            (4.4, 1.2),
            (5.4, 5.0),
            (4.4, 12.0),
            (4.0, 40.0),
            (-4.2, 40.0),
            (-5.2, 14.0),
            (-6.0, 5.0),
        ],
        tension=0.85,
    )


def _towel(x0: float, front: float, floor: float, gather: float) -> Shape:
    """A towel on the floor from ``x0`` to a little past ``front``; ``gather`` (0 to 1)
    pulls its far end in under the toes as folds."""
    length = 16.0 * (1.0 - 0.75 * gather)
    x1 = front + length
    thick = 0.9
    folds = 3
    top: list[Point] = [(x0, floor - thick)]
    for k in range(folds):
        cx = front - 3.0 + k * 3.2 * (1 - 0.4 * gather)
        top.append((cx, floor - thick - 2.8 * gather * (1.0 - 0.2 * k)))
        top.append((cx + 1.6, floor - thick))
    top.append((x1, floor - thick))
    bottom = [(x1 + 0.6, floor - 0.2), (x0, floor - 0.2)]
    return smooth_closed([*top, *bottom], tension=0.5)


# -- pressure marks and arrows ---------------------------------------------------------------


def press_items(
    demo: Demonstration, points: Mapping[str, Point], weights: Mapping[str, float]
) -> list[Item]:
    items = []
    for name in sorted(press_points(demo)):
        x, y = points.get(name, (0.0, 0.0))
        items.append(
            Item(
                f"press-{name}",
                "marks",
                ellipse(0.0, 0.0, 1.25, 1.25),
                Place(x, y, 0.0),
                "press",
                opacity=weights.get(name, 0.0),
            )
        )
    return items


def press_points(demo: Demonstration) -> set[str]:
    return {p for pose in demo.poses for p in pose.press}


def _arrow(key: str, path: Sequence[Point], both: bool, size: float) -> list[Item]:
    """A curved arrow along ``path`` with a head at its end (and its start, ``both``)."""
    if len(path) < 2:
        return []
    items = [
        Item(
            key,
            "marks",
            smooth_open(path),
            Place(0, 0, 0),
            "arrow",
            stroke=True,
        )
    ]
    ends = [(path[-2], path[-1])] + ([(path[1], path[0])] if both else [])
    for n, (a, b) in enumerate(ends):
        items.append(
            Item(f"{key}-head{n}", "marks", _head(a, b, size), Place(0, 0, 0), "arrow-head")
        )
    return items


def _head(a: Point, b: Point, size: float) -> Shape:
    ang = math.atan2(b[1] - a[1], b[0] - a[0])
    left = (b[0] - size * math.cos(ang - 0.45), b[1] - size * math.sin(ang - 0.45))
    right = (b[0] - size * math.cos(ang + 0.45), b[1] - size * math.sin(ang + 0.45))
    tip = (b[0] + size * 0.25 * math.cos(ang), b[1] + size * 0.25 * math.sin(ang))
    return polyline([tip, left, right], closed=True)


def _circle(spots: Sequence[Point], stroke: float) -> list[Point]:
    """Most of a circle around where ``spots`` wander (a turning movement, such as ankle
    circles), from a little after the top round to a little before it."""
    xs = [p[0] for p in spots]
    ys = [p[1] for p in spots]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    r = max(max(xs) - min(xs), max(ys) - min(ys)) * 0.38 + stroke * 2.5
    return [
        (cx + r * math.sin(math.radians(a)), cy - r * math.cos(math.radians(a)))
        for a in range(30, 331, 20)
    ]


def _offset_path(path: Sequence[Point], body: Sequence[Point], gap: float) -> list[Point]:
    """``path`` moved sideways by ``gap``, to whichever side keeps it clear of ``body``."""
    a, b = path[0], path[-1]
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    normal = (-dy / length, dx / length)

    def clearance(sign: float) -> float:
        moved = [(x + sign * gap * normal[0], y + sign * gap * normal[1]) for x, y in path]
        return min(
            (px - qx) ** 2 + (py - qy) ** 2
            for px, py in moved[:: max(1, len(moved) // 6)]
            for qx, qy in body
        )

    sign = 1.0 if clearance(1.0) >= clearance(-1.0) else -1.0
    return [(x + sign * gap * normal[0], y + sign * gap * normal[1]) for x, y in path]


# -- timing ----------------------------------------------------------------------------------


def timeline(demo: Demonstration, dose: Dose | None) -> list[tuple[float, float]]:
    """(seconds moving into, seconds staying in) for each pose of one loop; the loop ends
    back in the first pose, so the first entry's move is the way back."""
    n = len(demo.poses)
    tempo = dose.tempo if dose is not None else None
    hold = dose.hold_s if dose is not None else None
    moving = dose is not None and dose.duration_s is not None
    out: list[tuple[float, float]] = []
    for i, pose in enumerate(demo.poses):
        move, stay = (1.5, 0.2) if moving else (1.0, 0.4)
        if hold and n > 1:
            move, stay = 1.2, (float(hold) if i == n - 1 else 0.6)
        if tempo is not None and n == 2:
            move, stay = (tempo.down_s, 0.6) if i == 0 else (tempo.up_s, tempo.hold_s)
        out.append(
            (
                pose.move_s if pose.move_s is not None else move,
                pose.hold_s if pose.hold_s is not None else stay,
            )
        )
    return out


# -- the scene -------------------------------------------------------------------------------

EMPHASIS_PARTS = {
    "near-toes": ("near-toes", "near-toe-tip"),
    "far-toes": ("far-toes", "far-toe-tip"),
    "big-toe": ("big-toe",),
    "small-toes": ("toe-2", "toe-3", "toe-4", "little-toe"),
}


def _working(demo: Demonstration) -> set[str]:
    out: set[str] = set()
    for name in demo.emphasis:
        out.update(EMPHASIS_PARTS.get(name, (name,)))
    return out


def _body_items(demo: Demonstration, posed: figure.Posed) -> list[Item]:
    working = _working(demo)
    items = []
    for part in _visible(demo, posed.parts):
        if part.name in working:
            paint = "work"
        elif part.layer.startswith("far"):
            paint = "far"
        else:
            paint = "skin"
        if part.name.endswith("-nail"):
            paint = "nail"
        if part.name == "eye":
            paint = "eye-shut" if demo.eyes == "closed" else "eye"
            items.append(
                Item(
                    part.name,
                    part.layer,
                    part.shape,
                    part.place,
                    paint,
                    stroke=demo.eyes == "closed",
                )
            )
            continue
        items.append(Item(part.name, part.layer, part.shape, part.place, paint, solo=part.solo))
    return items


@dataclass
class _Builder:
    demo: Demonstration
    angles: list[dict[str, tuple[float, ...]]]
    fixed: list[Item]
    surfaces: _Surfaces

    def frame(self, i: int, t: float) -> Frame:
        """The frame ``t`` (0 to 1, eased) of the way from pose ``i`` to the next."""
        demo = self.demo
        n = len(demo.poses)
        j = (i + 1) % n
        if t <= 0.0 or n == 1:
            angles, shift = self.angles[i], demo.poses[i].shift
        else:
            angles = blend(self.angles[i], self.angles[j], t)
            shift = lerp(demo.poses[i].shift, demo.poses[j].shift, t)
        posed = place_pose(demo, angles, shift)
        weights = {
            name: lerp(float(name in demo.poses[i].press), float(name in demo.poses[j].press), t)
            for name in press_points(demo)
        }
        moving = moving_props(demo, posed, i, t, self.surfaces)
        items = [*self.fixed, *_body_items(demo, posed), *moving]
        items += press_items(demo, posed.points, weights)
        return Frame(tuple(items), posed.points)


@dataclass
class _Timeline:
    """The animation's samples and their times in seconds, and the path each traced point
    follows on each move (``paths[name][i]``: from pose ``i`` to the next)."""

    times: list[float]
    samples: list[Frame]
    paths: dict[str, list[list[Point]]]
    duration: float = 0.0


def _sample_moves(
    builder: _Builder, keys: Sequence[Frame], traced: Sequence[str], dose: Dose | None
) -> _Timeline:
    """Frames along each move (eased), then the pose held while it stays, all round the
    loop, tracing the named points as they go."""
    n = len(keys)
    line = _Timeline([0.0], [keys[0]], {name: [] for name in traced})
    timing = timeline(builder.demo, dose)
    if n == 1:
        return line
    for i in range(n):
        j = (i + 1) % n
        move, stay = timing[j]
        trail = {name: [line.samples[-1].points.get(name, (0.0, 0.0))] for name in traced}
        for k in range(1, STEPS_PER_MOVE + 1):
            eased = smoothstep(k / STEPS_PER_MOVE)
            frame = keys[j] if k == STEPS_PER_MOVE else builder.frame(i, eased)
            line.duration += move / STEPS_PER_MOVE
            line.times.append(line.duration)
            line.samples.append(frame)
            for name in traced:
                trail[name].append(frame.points.get(name, (0.0, 0.0)))
        for name in traced:
            line.paths[name].append(trail[name])
        if stay > 0:
            line.duration += stay
            line.times.append(line.duration)
            line.samples.append(keys[j])
    return line


def _traced_arrows(
    paths: Mapping[str, list[list[Point]]],
    keys: Sequence[Frame],
    head: float,
    *,
    gap: float,
    size: float,
) -> tuple[list[list[Item]], list[Item]]:
    """Arrows along the traced points' moves, kept ``gap`` off the body: on the still frame
    each move ends in, and in the loop (both-headed when there are two poses). Moves back
    to the start, and moves shorter than 3% of the frame, get none."""
    n = len(keys)
    still: list[list[Item]] = [[] for _ in range(n)]
    loop: list[Item] = []
    for name, legs in paths.items():
        for i, path in enumerate(legs):
            j = (i + 1) % n
            if j == 0:
                continue  # the start is drawn plain; the way back is the way there
            if max(distance(path[0], p) for p in path) < size * 0.03:
                continue
            body = [
                p
                for item in keys[j].items
                if item.layer not in ("scenery", "marks")
                for p in item.place_points()
            ]
            moved = _offset_path(path, body, gap)
            still[j] += _arrow(f"arrow-{name}-{i}", moved, False, head)
            loop += _arrow(f"arrow-{name}-{i}", moved, n == 2, head)
    return still, loop


def _around_arrows(
    demo: Demonstration, samples: Sequence[Frame], stroke: float, head: float
) -> list[Item]:
    """A circling arrow round each point named ``around:POINT``, where it wanders."""
    arrows: list[Item] = []
    for name in demo.arrows:
        if name.startswith(AROUND):
            spots = [frame.points.get(name[len(AROUND) :], (0.0, 0.0)) for frame in samples]
            arrows += _arrow(f"arrow-{name}", _circle(spots, stroke), False, head)
    return arrows


def build(demo: Demonstration, dose: Dose | None = None) -> Scene:
    """Lay the demonstration out: still frames, animation frames, arrows and the box."""
    angles = [resolved(demo, p) for p in demo.poses]
    firsts = [place_pose(demo, a, p.shift) for a, p in zip(angles, demo.poses, strict=True)]
    floor_xs = [
        x for posed in firsts for part in _visible(demo, posed.parts) for x, _ in part.outline()
    ]
    fixed, surfaces = fixed_props(demo, firsts, (min(floor_xs), max(floor_xs)))
    builder = _Builder(demo, angles, fixed, surfaces)
    keys = tuple(builder.frame(i, 0.0) for i in range(len(demo.poses)))
    traced = [a for a in demo.arrows if not a.startswith(AROUND)]
    line = _sample_moves(builder, keys, traced, dose)
    box = _box(demo, [*keys, *line.samples[1::2]], -MAT_HEIGHT if surfaces.mat else 0.0)
    stroke = box.h * 0.0095
    head = stroke * 3.4
    still, loop = _traced_arrows(line.paths, keys, head, gap=stroke * 3.2, size=max(box.w, box.h))
    around = _around_arrows(demo, line.samples, stroke, head)
    still = [[*arrows, *around] for arrows in still]
    loop += around
    everything = [p for items in still for item in items for p in item.place_points()]
    if everything:
        box = _shaped(_union(box, Box.around(everything, head)), demo.view)
    duration = line.duration
    return Scene(
        demo=demo,
        box=box,
        keys=keys,
        samples=tuple(line.samples),
        times=tuple(t / duration if duration else 0.0 for t in line.times),
        duration_s=duration,
        arrows=tuple(tuple(a) for a in still),
        loop_arrows=tuple(loop),
        clip=True,
        floor=-MAT_HEIGHT if surfaces.mat else 0.0,
        stroke=stroke,
    )


def _union(a: Box, b: Box) -> Box:
    x0, y0 = min(a.x, b.x), min(a.y, b.y)
    x1, y1 = max(a.x + a.w, b.x + b.w), max(a.y + a.h, b.y + b.h)
    return Box(x0, y0, x1 - x0, y1 - y0)


LEG_PARTS = ("near-foot", "near-toes", "near-toe-tip", "near-nail", "near-ankle")


def _box(demo: Demonstration, frames: Sequence[Frame], floor: float) -> Box:
    """The frame: everything in ``frames`` (the key poses and every other frame of the
    animation are enough), and a strip of the floor when it is near."""
    points: list[Point] = []
    for frame in frames:
        for item in frame.items:
            if item.key.startswith("press-") or item.layer == "band":
                continue
            if demo.view is View.BODY:
                if item.layer == "scenery" and (item.key.endswith("-wall") or "-post" in item.key):
                    continue
                points += item.place_points()
            elif demo.view is View.LEG:
                if item.key.endswith(("-knee", "-arm")):
                    points += [item.place.apply((0.0, 0.0))]
                elif (
                    item.key in LEG_PARTS
                    or item.layer in ("under", "over")
                    or item.key.endswith("-bowl")
                ):
                    points += item.place_points()
                elif item.key == "near-shank":
                    points += [item.place.apply((0.0, figure.SHANK * f)) for f in (0.6, 1.0)]
            elif item.layer != "scenery" and item.key != "shank":
                points += item.place_points()
            elif item.key.endswith("-post"):  # the post a band is tied to, near its foot
                x = item.place_points()[0][0]
                points += [(x - 1.0, -12.0), (x + 4.2, 0.0)]
            elif item.key == "shank":
                points.append((0.0, -15.0))
    box = Box.around(points, 0.0)
    size = max(box.w, box.h)
    margin = size * 0.07
    box = Box(box.x - margin, box.y - margin, box.w + 2 * margin, box.h + 2 * margin)
    bottom = box.y + box.h
    if floor - bottom < size * 0.6:  # the floor is near: show a strip of it
        bottom = max(bottom, floor + size * 0.05)
    return _shaped(Box(box.x, box.y, box.w, bottom - box.y), demo.view)


def _shaped(box: Box, view: View) -> Box:
    """The box widened or heightened (about its middle; a wide box grows upwards) so that
    frames keep a similar shape: from 4:5 to 8:5."""
    low, high = (0.8, 1.6) if view is View.BODY else (1.0, 1.5)
    if box.w < low * box.h:
        extra = low * box.h - box.w
        return Box(box.x - extra / 2, box.y, box.w + extra, box.h)
    if box.w > high * box.h:
        extra = box.w / high - box.h
        return Box(box.x, box.y - extra, box.w, box.h + extra)
    return box

"""The figure: body parts drawn in their own frames, and where a pose puts them.

Proportions follow the usual segment lengths of an adult as shares of standing height
(170 units here, about a centimetre each): hip at 90, knee at 48, ankle at 6.6, shoulder
at 139, head to 170, foot 26 long. The side view faces right; the front view shows a right
foot from the front (big toe on the right of the picture).

:func:`pose_side` and :func:`pose_front` turn a pose's angles into placed parts (a path in
the part's own frame and the :class:`~footcore.drawing.geometry.Place` of that frame) and
named points, with the hip (side) or the ankle (front) at the origin.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass

from footcore.drawing.geometry import (
    Place,
    Point,
    Shape,
    curves,
    ellipse,
    limb,
    rounded_rect,
    smooth_closed,
)

THIGH = 42.0
SHANK = 41.4
TRUNK = 49.0
NECK = 7.5
UPPER_ARM = 29.5
FOREARM = 24.5
ANKLE_HEIGHT = 6.6
MTP: Point = (13.3, 5.15)  # the big-toe joint's centre in the foot's frame
DRAW_IN = 1.3  # how far the short foot draws the ball of the foot back
SHOULDER: Point = (0.5, -47.5)  # in the trunk's frame (origin at the hip)
PROXIMAL_TOE = 3.4
FOOT_SOLE = ANKLE_HEIGHT

# Layers from the back of the picture to the front.
LAYERS = ("far-arm", "far-leg", "body", "near-leg", "toes", "near-arm")


@dataclass(frozen=True)
class Part:
    """One body part: its outline in its own frame, placed; ``layer`` orders the drawing.

    The parts of one layer are drawn as one silhouette (all outlines, then all fills), so
    joints show no seams; a ``solo`` part is outlined and filled on its own, on top (the
    toes seen from the front)."""

    name: str
    layer: str
    shape: Shape
    place: Place
    solo: bool = False

    @property
    def d(self) -> str:
        return self.shape.d

    def outline(self) -> list[Point]:
        """The part's extreme points, placed (its outline's convex hull)."""
        return self.place.apply_all(self.shape.hull)


@dataclass(frozen=True)
class Posed:
    """A pose of the figure: parts in drawing order and named points (world frame)."""

    parts: tuple[Part, ...]
    points: Mapping[str, Point]


# -- shapes (each in its part's frame: origin at the upper joint, +y along it, +x front) ----

THIGH_D = limb([(0, 7.4, 8.6), (8, 7.6, 7.8), (22, 6.6, 6.4), (36, 5.3, 5.3), (THIGH, 4.9, 5.0)])
SHANK_D = limb(
    [
        (0, 4.7, 5.0),
        (7, 4.4, 6.3),
        (15, 4.0, 5.9),
        (26, 3.3, 4.0),
        (36, 2.9, 3.1),
        (SHANK, 2.9, 3.0),
    ]
)
UPPER_ARM_D = limb([(0, 4.4, 4.4), (12, 4.0, 3.9), (UPPER_ARM, 3.2, 3.2)])
FOREARM_D = limb([(0, 3.2, 3.2), (8, 3.3, 3.2), (FOREARM, 2.4, 2.4)])
# A hand hanging from the wrist, seen from the side: fingers together, the thumb in front.
_HAND = [
    (-1.7, -0.4),
    (-2.1, 3.4),
    (-1.9, 7.4),
    (-1.2, 10.3),
    (0.2, 10.9),
    (1.3, 9.9),
    (1.6, 7.2),
    (1.9, 5.2),
    (3.2, 5.0),
    (4.4, 6.4),
    (4.7, 7.6),
    (3.9, 7.7),
    (2.6, 4.2),
    (2.2, 1.8),
    (1.8, -0.4),
]
HAND_SCALE = 1.45  # the hand is about as long as the foot is wide and a half
HAND_D = smooth_closed([(x * HAND_SCALE, y * HAND_SCALE) for x, y in _HAND], tension=0.9)
# Where the fingers part, drawn as lines over the hand.
FINGER_LINES_D = curves(
    ((-1.6, 11.0), (-0.4, 11.9), (1.3, 11.2)), ((-2.2, 8.7), (-0.6, 9.6), (1.7, 8.7))
)
# A forearm reaching into the picture to a hand (drawn with the hand's frame).
FOREARM_STUB_D = limb([(-30.0, 3.3, 3.3), (-8.0, 2.9, 2.9), (0.5, 2.6, 2.6)])
# The ankle: fills the joint between the shin and the foot at every angle.
ANKLE_D = ellipse(0.0, SHANK - 0.6, 3.5, 4.3)
NECK_D = limb([(0, 4.2, 4.2), (NECK + 2, 3.4, 3.6)])
PROXIMAL_D = limb([(0, 1.5, 1.5), (PROXIMAL_TOE, 1.42, 1.42)])
DISTAL_D = limb([(0, 1.4, 1.4), (1.6, 1.42, 1.38), (2.7, 1.3, 1.25)])
NAIL_D = smooth_closed([(0.55, 0.9), (1.25, 1.1), (1.3, 2.6), (0.9, 3.1), (0.5, 2.7)], tension=0.8)


def _rotated(d_points: list[Point], turn: float) -> list[Point]:
    c, s = math.cos(math.radians(turn)), math.sin(math.radians(turn))
    return [(c * x - s * y, s * x + c * y) for x, y in d_points]


@functools.cache
def trunk_d() -> Shape:
    """The trunk from the hip up (+y points down to the hip, x to the front)."""
    return smooth_closed(
        [
            (5.2, 4.0),
            (7.6, -5.0),
            (7.6, -15.0),
            (6.9, -24.0),
            (8.6, -33.0),
            (9.0, -40.5),
            (6.8, -47.5),
            (2.0, -51.5),
            (-5.5, -50.5),
            (-8.8, -44.0),
            (-8.4, -33.0),
            (-6.6, -21.0),
            (-8.6, -9.0),
            (-11.0, -1.5),
            (-8.6, 5.2),
            (-2.0, 7.4),
        ]
    )


@functools.cache
def head_d() -> Shape:
    """The head above the neck (origin at the neck's base, +y down, x to the front): a
    rounded skull with a nose and a chin, so one can tell where the figure looks."""
    return smooth_closed(
        [
            (-6.0, -9.5),
            (-9.6, -15.0),
            (-9.4, -22.5),
            (-5.0, -27.8),
            (1.5, -28.8),
            (7.2, -25.6),
            (9.6, -20.5),
            (10.2, -17.0),
            (11.8, -14.9),
            (10.0, -13.6),
            (9.9, -11.4),
            (8.2, -8.9),
            (4.2, -8.2),
            (1.8, -6.0),
        ]
    )


@functools.cache
def foot_d(arch: float) -> Shape:
    """The foot in its frame (origin at the ankle, x forward, sole at y = 6.6); ``arch``
    (0 to 1) domes the arch and draws the ball of the foot back (the short foot)."""
    draw_in = DRAW_IN * arch
    lift = 0.55 + 1.5 * arch
    return smooth_closed(
        [
            (2.6, -4.4),
            (5.8, -1.3),
            (9.4, 1.3 + 0.3 * arch),
            (12.6 - draw_in, 2.9 + 0.2 * arch),
            (14.8 - draw_in, 3.7),
            (15.0 - draw_in, 4.9),
            (13.8 - draw_in, 6.2),
            (11.4 - draw_in, 6.6),
            (7.4 - draw_in * 0.5, FOOT_SOLE - lift),
            (2.6, FOOT_SOLE - lift * 0.75),
            (-1.6, 6.55),
            (-4.4, 6.3),
            (-5.6, 4.7),
            (-5.8, 2.2),
            (-4.5, -1.0),
            (-3.4, -4.4),
            (0.0, -5.2),
        ],
        tension=0.95,
    )


def mtp(arch: float) -> Point:
    return (MTP[0] - DRAW_IN * arch, MTP[1])


# -- the side view ---------------------------------------------------------------------------


def _get(angles: Mapping[str, tuple[float, ...]], joint: str, side: int) -> float:
    value = angles.get(joint, (0.0,))
    return value[side] if len(value) > side else value[0]


@functools.cache
def eye_d(closed: bool) -> Shape:
    """An eye on the head's frame: a dot, or a short downward curve when shut."""
    if closed:
        return curves(((4.6, -19.2), (6.2, -17.9), (7.8, -19.2)))
    return ellipse(6.5, -19.4, 0.95, 1.1)


def _leg_side(
    angles: Mapping[str, tuple[float, ...]], side: int, trunk: float
) -> tuple[list[Part], dict[str, Point]]:
    """One leg (0 near, 1 far) from the hip down to the toe tip, and its named points."""
    name = ("near", "far")[side]
    h, k = _get(angles, "hip", side), _get(angles, "knee", side)
    a, t = _get(angles, "ankle", side), _get(angles, "toes", side)
    c, arch = _get(angles, "curl", side), _get(angles, "arch", side)
    thigh = Place(0.0, 0.0, trunk - h)
    shank = thigh.then((0.0, THIGH), k)
    foot = shank.then((0.0, SHANK), -a)
    toe = foot.then(mtp(arch), -t)
    tip = toe.then((PROXIMAL_TOE, 0.0), c)
    parts = [
        Part(f"{name}-thigh", f"{name}-leg", THIGH_D, Place(thigh.x, thigh.y, thigh.turn)),
        Part(f"{name}-shank", f"{name}-leg", SHANK_D, shank),
        Part(f"{name}-ankle", f"{name}-leg", ANKLE_D, shank),
        Part(f"{name}-foot", f"{name}-leg", foot_d(round(arch, 3)), foot),
        Part(f"{name}-toes", f"{name}-leg", _toe_d(), Place(toe.x, toe.y, toe.turn - 90)),
        Part(f"{name}-toe-tip", f"{name}-leg", _tip_d(), Place(tip.x, tip.y, tip.turn - 90)),
    ]
    if side == 0:
        parts.append(
            Part("near-nail", "toes", NAIL_D, Place(tip.x, tip.y, tip.turn - 90), solo=True)
        )
    points = {
        f"{name}-hip": Place(0.0, 0.0, 0.0).apply((0.0, 0.0)),
        f"{name}-knee": shank.apply((0.0, 0.0)),
        f"{name}-shin": shank.apply((5.0, 1.2)),
        f"{name}-ankle": foot.apply((0.0, 0.0)),
        f"{name}-heel": foot.apply((-2.4, FOOT_SOLE)),
        f"{name}-arch": foot.apply((5.4, FOOT_SOLE - (0.55 + 1.5 * arch) * 0.85)),
        f"{name}-ball": foot.apply((MTP[0] - DRAW_IN * arch, FOOT_SOLE)),
        f"{name}-toes": tip.apply((1.6, 1.3)),
    }
    return parts, points


def _arm_side(
    angles: Mapping[str, tuple[float, ...]], side: int, trunk_place: Place
) -> tuple[list[Part], dict[str, Point]]:
    """One arm (0 near, 1 far) from the shoulder to the hand, and its named points."""
    name = ("near", "far")[side]
    s, e = _get(angles, "shoulder", side), _get(angles, "elbow", side)
    w = _get(angles, "wrist", side)
    upper = trunk_place.then(SHOULDER, -s)
    fore = upper.then((0.0, UPPER_ARM), -e)
    hand = fore.then((0.0, FOREARM), -w)
    parts = [
        Part(f"{name}-upper-arm", f"{name}-arm", UPPER_ARM_D, upper),
        Part(f"{name}-forearm", f"{name}-arm", FOREARM_D, fore),
        Part(f"{name}-hand", f"{name}-arm", HAND_D, hand),
    ]
    points = {
        f"{name}-shoulder": upper.apply((0.0, 0.0)),
        f"{name}-elbow": fore.apply((0.0, 0.0)),
        f"{name}-hand": hand.apply((-3.0, 8.0)),  # the palm
    }
    return parts, points


def _trunk_and_head(
    trunk_place: Place, neck: float, eyes: str
) -> tuple[list[Part], dict[str, Point]]:
    """The trunk, neck, head and eye, and the points on them."""
    neck_place = trunk_place.then((0.8, -TRUNK), neck + 180)
    head_place = trunk_place.then((0.8, -TRUNK), neck)
    parts = [
        Part("trunk", "body", trunk_d(), trunk_place),
        Part("neck", "body", NECK_D, neck_place),
        Part("head", "body", head_d(), head_place),
        Part("eye", "body", eye_d(eyes == "closed"), head_place, solo=True),
    ]
    points = {
        "head": head_place.apply((1.0, -18.5)),
        "chest": trunk_place.apply((9.0, -38.0)),
        "back": trunk_place.apply((-8.8, -38.0)),
        "seat": trunk_place.apply((-4.5, 6.6)),
    }
    return parts, points


def pose_side(angles: Mapping[str, tuple[float, ...]], eyes: str = "open") -> Posed:
    """Place every part for ``angles`` (joint -> one value, or (near, far)); hip at 0, 0."""
    trunk = _get(angles, "trunk", 0)
    trunk_place = Place(0.0, 0.0, trunk)
    points: dict[str, Point] = {}
    legs: dict[int, list[Part]] = {}
    arms: dict[int, list[Part]] = {}
    for side in (0, 1):
        legs[side], leg_points = _leg_side(angles, side, trunk)
        arms[side], arm_points = _arm_side(angles, side, trunk_place)
        points |= leg_points | arm_points
    body, body_points = _trunk_and_head(trunk_place, _get(angles, "neck", 0), eyes)
    points |= body_points
    # Far side behind the body, near side in front.
    parts = [*arms[1], *legs[1], *body, *legs[0], *arms[0]]
    return Posed(tuple(parts), points)


@functools.cache
def _toe_d() -> Shape:
    # The proximal phalanx along +x: drawn along +y and turned, as the limbs are.
    return PROXIMAL_D


@functools.cache
def _tip_d() -> Shape:
    return DISTAL_D


# -- the front view of a right foot ----------------------------------------------------------

# Toes from the big toe to the little toe: (centre x, width, height).
FRONT_TOES: tuple[tuple[float, float, float], ...] = (
    (4.05, 3.3, 3.1),
    (1.2, 2.1, 2.6),
    (-0.85, 1.95, 2.4),
    (-2.75, 1.85, 2.15),
    (-4.55, 1.65, 1.85),
)
FRONT_TOE_NAMES = ("big-toe", "toe-2", "toe-3", "toe-4", "little-toe")
PIVOT: Point = (0.0, -5.0)  # where the foot turns in and out, seen from the front


@functools.cache
def shank_front_d() -> Shape:
    """The lower leg from the front, with the ankle bones: the inner one (right of the
    picture) higher than the outer one."""
    return smooth_closed(
        [
            (-6.4, -62.0),
            (-5.6, -40.0),
            (-4.2, -22.0),
            (-3.7, -13.0),
            (-4.3, -8.6),
            (-4.6, -6.2),
            (-3.6, -4.0),
            (3.4, -4.0),
            (4.6, -6.6),
            (4.3, -9.6),
            (3.8, -14.0),
            (4.6, -24.0),
            (5.9, -40.0),
            (6.6, -62.0),
        ],
        tension=0.8,
    )


@functools.cache
def foot_front_d() -> Shape:
    """The top of the foot seen from the front: rising and narrowing from the toes to the
    ankle (the inner side, with the arch, on the right)."""
    return smooth_closed(
        [
            (-5.5, -0.2),
            (-5.7, -1.8),
            (-4.7, -4.4),
            (-3.6, -6.8),
            (0.0, -7.6),
            (3.4, -7.4),
            (4.5, -5.4),
            (5.7, -2.8),
            (6.0, -0.8),
            (5.3, 0.0),
            (0.0, 0.0),
        ],
        tension=0.85,
    )


def _front_toe(index: int, lift: float, spread: float) -> tuple[Shape, Shape, Place]:
    cx, w, h = FRONT_TOES[index]
    rise = 3.2 * math.sin(math.radians(lift))
    taller = 1.6 * math.sin(math.radians(lift))
    middle = -0.85
    dx = spread * 0.3 * (cx - middle)
    turn = spread * 8.0 * (1 if cx > middle else -1 if cx < middle else 0)
    toe = rounded_rect(-w / 2, -h - taller, w, h + taller, w * 0.47)
    nail_w, nail_h = w * 0.56, h * 0.34 + taller * 0.5
    nail = rounded_rect(-nail_w / 2, -h - taller + w * 0.16, nail_w, nail_h, nail_w * 0.42)
    return toe, nail, Place(cx + dx, -rise, turn)


def pose_front(angles: Mapping[str, tuple[float, ...]]) -> Posed:
    """Place the shank, the foot and each toe for ``tilt``, ``lift`` and ``spread``; the
    middle of the sole at 0, 0 when the foot is flat."""
    tilt = angles.get("tilt", (0.0,))[0]
    lifts = angles.get("lift", (0.0,))
    spread = angles.get("spread", (0.0,))[0]
    # The foot turns about the pivot; ``origin`` is the sole's middle in the turned frame.
    origin = Place(PIVOT[0], PIVOT[1], -tilt).then((-PIVOT[0], -PIVOT[1]), 0.0)
    parts = [
        Part("shank", "near-leg", shank_front_d(), Place(0.0, 0.0, 0.0)),
        Part("foot", "near-leg", foot_front_d(), origin),
    ]
    points: dict[str, Point] = {}
    toes: list[tuple[int, Part]] = []
    for i, name in enumerate(FRONT_TOE_NAMES):
        lift = lifts[i] if len(lifts) > i else lifts[0]
        toe, nail, place = _front_toe(i, lift, spread)
        at = origin.then((place.x, place.y), place.turn)
        toes.append((i, Part(name, "toes", toe, at, solo=True)))
        toes.append((i, Part(f"{name}-nail", "toes", nail, at, solo=True)))
        points[name] = at.apply((0.0, 0.0))
    # From the little toe to the big toe, so that each toe overlaps its smaller neighbour.
    parts += [part for _, part in sorted(toes, key=lambda t: -t[0])]
    points["ankle"] = (0.0, -7.0)
    points["heel"] = origin.apply((0.0, 0.0))
    points["inner-edge"] = origin.apply((6.0, -0.6))
    points["outer-edge"] = origin.apply((-5.9, -0.6))
    return Posed(tuple(parts), points)

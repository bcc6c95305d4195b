"""Points, turns and smooth closed outlines (in SVG's frame: x to the right, y down)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

Point = tuple[float, float]


@dataclass(frozen=True)
class Place:
    """Where a body part's own frame sits: its origin and how far it is turned.

    A part is drawn in its own frame (origin at its upper joint, +y along the part, +x to
    its front) and placed by ``translate(x y) rotate(turn)``; ``turn`` is in degrees,
    clockwise on screen.
    """

    x: float
    y: float
    turn: float

    def apply(self, p: Point) -> Point:
        c, s = math.cos(math.radians(self.turn)), math.sin(math.radians(self.turn))
        return (self.x + c * p[0] - s * p[1], self.y + s * p[0] + c * p[1])

    def moved(self, dx: float, dy: float) -> Place:
        return Place(self.x + dx, self.y + dy, self.turn)

    def then(self, local: Point, turn: float) -> Place:
        """The frame at ``local`` in this one, turned ``turn`` degrees further."""
        x, y = self.apply(local)
        return Place(x, y, self.turn + turn)


def direction(angle: float) -> Point:
    """The unit vector of a part hanging ``angle`` degrees from straight down, counter-
    clockwise on screen (0 is down, 90 points right, -90 left)."""
    a = math.radians(angle)
    return (math.sin(a), math.cos(a))


def add(p: Point, q: Point, k: float = 1.0) -> Point:
    return (p[0] + k * q[0], p[1] + k * q[1])


def lerp(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


def lerp_point(p: Point, q: Point, t: float) -> Point:
    return (lerp(p[0], q[0], t), lerp(p[1], q[1], t))


def distance(p: Point, q: Point) -> float:
    return math.hypot(q[0] - p[0], q[1] - p[1])


def num(x: float) -> str:
    """A coordinate as short text: two decimals at most, no trailing zeros, no ``-0``."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@dataclass(frozen=True)
class Shape:
    """An outline: SVG path data, and points along it (for extents and contact)."""

    d: str
    outline: tuple[Point, ...]


def _bezier(p1: Point, c1: Point, c2: Point, p2: Point, t: float) -> Point:
    u = 1 - t
    return (
        u**3 * p1[0] + 3 * u * u * t * c1[0] + 3 * u * t * t * c2[0] + t**3 * p2[0],
        u**3 * p1[1] + 3 * u * u * t * c1[1] + 3 * u * t * t * c2[1] + t**3 * p2[1],
    )


def smooth_closed(points: Sequence[Point], tension: float = 1.0) -> Shape:
    """A closed outline through ``points``: Catmull-Rom turned into cubic Béziers."""
    n = len(points)
    parts = [f"M{num(points[0][0])} {num(points[0][1])}"]
    samples: list[Point] = []
    for i in range(n):
        p0, p1, p2, p3 = points[i - 1], points[i], points[(i + 1) % n], points[(i + 2) % n]
        k = tension / 6
        c1 = (p1[0] + (p2[0] - p0[0]) * k, p1[1] + (p2[1] - p0[1]) * k)
        c2 = (p2[0] - (p3[0] - p1[0]) * k, p2[1] - (p3[1] - p1[1]) * k)
        parts.append(
            f"C{num(c1[0])} {num(c1[1])} {num(c2[0])} {num(c2[1])} {num(p2[0])} {num(p2[1])}"
        )
        samples += [_bezier(p1, c1, c2, p2, t) for t in (0.0, 0.25, 0.5, 0.75)]
    return Shape("".join(parts) + "Z", tuple(samples))


def smooth_open(points: Sequence[Point], tension: float = 1.0) -> str:
    """An open path through ``points`` (Catmull-Rom, ends clamped)."""
    n = len(points)
    if n < 2:
        return ""
    parts = [f"M{num(points[0][0])} {num(points[0][1])}"]
    for i in range(n - 1):
        p0 = points[max(i - 1, 0)]
        p1, p2 = points[i], points[i + 1]
        p3 = points[min(i + 2, n - 1)]
        k = tension / 6
        c1 = (p1[0] + (p2[0] - p0[0]) * k, p1[1] + (p2[1] - p0[1]) * k)
        c2 = (p2[0] - (p3[0] - p1[0]) * k, p2[1] - (p3[1] - p1[1]) * k)
        parts.append(
            f"C{num(c1[0])} {num(c1[1])} {num(c2[0])} {num(c2[1])} {num(p2[0])} {num(p2[1])}"
        )
    return "".join(parts)


def limb(profile: Sequence[tuple[float, float, float]]) -> Shape:
    """A smooth limb along +y: ``profile`` holds (y, front, back) widths from the upper end
    to the lower; both ends are rounded."""
    front = [(f, y) for y, f, _ in profile]
    back = [(-b, y) for y, _, b in reversed(profile)]
    y_end, f_end, b_end = profile[-1]
    y_top, f_top, b_top = profile[0]
    bottom = ((f_end - b_end) / 2, y_end + (f_end + b_end) / 2 * 0.85)
    top = ((f_top - b_top) / 2, y_top - (f_top + b_top) / 2 * 0.85)
    return smooth_closed([top, *front, bottom, *back])


def rounded_rect(x: float, y: float, w: float, h: float, r: float) -> Shape:
    r = min(r, w / 2, h / 2)
    corners = ((x, y), (x + w, y), (x + w, y + h), (x, y + h))
    return Shape(
        f"M{num(x + r)} {num(y)}H{num(x + w - r)}"
        f"A{num(r)} {num(r)} 0 0 1 {num(x + w)} {num(y + r)}V{num(y + h - r)}"
        f"A{num(r)} {num(r)} 0 0 1 {num(x + w - r)} {num(y + h)}H{num(x + r)}"
        f"A{num(r)} {num(r)} 0 0 1 {num(x)} {num(y + h - r)}V{num(y + r)}"
        f"A{num(r)} {num(r)} 0 0 1 {num(x + r)} {num(y)}Z",
        corners,
    )


def ellipse(cx: float, cy: float, rx: float, ry: float) -> Shape:
    around = tuple(
        (cx + rx * math.cos(a * math.pi / 8), cy + ry * math.sin(a * math.pi / 8))
        for a in range(16)
    )
    return Shape(
        f"M{num(cx - rx)} {num(cy)}A{num(rx)} {num(ry)} 0 1 0 {num(cx + rx)} {num(cy)}"
        f"A{num(rx)} {num(ry)} 0 1 0 {num(cx - rx)} {num(cy)}Z",
        around,
    )


def smoothstep(t: float) -> float:
    """Ease in and out: slow at both ends of a movement, as a person moves."""
    t = min(max(t, 0.0), 1.0)
    return t * t * (3 - 2 * t)

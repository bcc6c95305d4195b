"""Points, turns and smooth closed outlines (in SVG's frame: x to the right, y down)."""

from __future__ import annotations

import functools
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

    def apply_all(self, points: Sequence[Point]) -> list[Point]:
        c, s = math.cos(math.radians(self.turn)), math.sin(math.radians(self.turn))
        x, y = self.x, self.y
        return [(x + c * px - s * py, y + s * px + c * py) for px, py in points]

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


# A path is a sequence of segments: ("M", p), ("L", p), ("C", c1, c2, p) or ("Z",).
Segment = tuple[str, *tuple[Point, ...]]
KAPPA = 0.5523  # control points of a quarter circle drawn as a cubic Bézier


@dataclass(frozen=True)
class Shape:
    """An outline: its path (moves, lines and cubic curves only, so that any renderer can
    draw it), the same as SVG path data, and points along it (for extents and contact)."""

    segments: tuple[Segment, ...]
    outline: tuple[Point, ...]
    d: str = ""

    @staticmethod
    def of(segments: Sequence[Segment], outline: Sequence[Point]) -> Shape:
        return Shape(tuple(segments), tuple(outline), path_data(segments))

    @functools.cached_property
    def hull(self) -> tuple[Point, ...]:
        """The outline's convex hull: its extreme points, fewer than the outline."""
        return convex_hull(self.outline)

    def moved(self, place: Place) -> Shape:
        """The shape with every point put through ``place``."""
        moved = [(s[0], *place.apply_all(s[1:])) for s in self.segments]
        return Shape.of(moved, place.apply_all(self.outline))  # type: ignore[arg-type]


def convex_hull(points: Sequence[Point]) -> tuple[Point, ...]:
    """The convex hull (Andrew's monotone chain), counter-clockwise."""
    pts = sorted(set(points))
    if len(pts) < 3:
        return tuple(pts)

    def cross(o: Point, a: Point, b: Point) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[Point] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[Point] = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return tuple(lower[:-1] + upper[:-1])


def path_data(segments: Sequence[Segment]) -> str:
    out = []
    for s in segments:
        out.append(s[0] + " ".join(f"{num(p[0])} {num(p[1])}" for p in s[1:]))
    return "".join(out)


def _bezier(p1: Point, c1: Point, c2: Point, p2: Point, t: float) -> Point:
    u = 1 - t
    return (
        u**3 * p1[0] + 3 * u * u * t * c1[0] + 3 * u * t * t * c2[0] + t**3 * p2[0],
        u**3 * p1[1] + 3 * u * u * t * c1[1] + 3 * u * t * t * c2[1] + t**3 * p2[1],
    )


def _catmull(points: Sequence[Point], tension: float, closed: bool) -> list[Segment]:
    n = len(points)
    segments: list[Segment] = [("M", points[0])]
    k = tension / 6
    for i in range(n if closed else n - 1):
        if closed:
            p0, p1, p2, p3 = points[i - 1], points[i], points[(i + 1) % n], points[(i + 2) % n]
        else:
            p0, p1 = points[max(i - 1, 0)], points[i]
            p2, p3 = points[i + 1], points[min(i + 2, n - 1)]
        c1 = (p1[0] + (p2[0] - p0[0]) * k, p1[1] + (p2[1] - p0[1]) * k)
        c2 = (p2[0] - (p3[0] - p1[0]) * k, p2[1] - (p3[1] - p1[1]) * k)
        segments.append(("C", c1, c2, p2))
    if closed:
        segments.append(("Z",))
    return segments


def _samples(segments: Sequence[Segment]) -> list[Point]:
    found: list[Point] = []
    at: Point = (0.0, 0.0)
    for s in segments:
        points = s[1:]
        if s[0] == "C" and len(points) == 3:
            c1, c2, p = points
            found.append(_bezier(at, c1, c2, p, 0.5))
        if points:
            at = points[-1]
            found.append(at)
    return found


def smooth_closed(points: Sequence[Point], tension: float = 1.0) -> Shape:
    """A closed outline through ``points``: Catmull-Rom turned into cubic Béziers."""
    segments = _catmull(points, tension, closed=True)
    return Shape.of(segments, _samples(segments))


def smooth_open(points: Sequence[Point], tension: float = 1.0) -> Shape:
    """An open line through ``points`` (Catmull-Rom, ends clamped)."""
    segments = _catmull(points, tension, closed=False) if len(points) > 1 else []
    return Shape.of(segments, list(points))


def polyline(points: Sequence[Point], closed: bool = False) -> Shape:
    segments: list[Segment] = [("M", points[0]), *(("L", p) for p in points[1:])]
    if closed:
        segments.append(("Z",))
    return Shape.of(segments, points)


def curves(*strokes: tuple[Point, Point, Point]) -> Shape:
    """Open strokes, each a quadratic curve (start, control, end) written as a cubic."""
    segments: list[Segment] = []
    for a, c, b in strokes:
        c1 = (a[0] + 2 / 3 * (c[0] - a[0]), a[1] + 2 / 3 * (c[1] - a[1]))
        c2 = (b[0] + 2 / 3 * (c[0] - b[0]), b[1] + 2 / 3 * (c[1] - b[1]))
        segments += [("M", a), ("C", c1, c2, b)]
    return Shape.of(segments, [p for stroke in strokes for p in (stroke[0], stroke[2])])


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
    r = max(0.0, min(r, abs(w) / 2, abs(h) / 2))
    x0, x1 = min(x, x + w), max(x, x + w)
    y0, y1 = min(y, y + h), max(y, y + h)
    q = r * (1 - KAPPA)
    segments: list[Segment] = [
        ("M", (x0 + r, y0)),
        ("L", (x1 - r, y0)),
        ("C", (x1 - q, y0), (x1, y0 + q), (x1, y0 + r)),
        ("L", (x1, y1 - r)),
        ("C", (x1, y1 - q), (x1 - q, y1), (x1 - r, y1)),
        ("L", (x0 + r, y1)),
        ("C", (x0 + q, y1), (x0, y1 - q), (x0, y1 - r)),
        ("L", (x0, y0 + r)),
        ("C", (x0, y0 + q), (x0 + q, y0), (x0 + r, y0)),
        ("Z",),
    ]
    return Shape.of(segments, ((x0, y0), (x1, y0), (x1, y1), (x0, y1)))


def ellipse(cx: float, cy: float, rx: float, ry: float) -> Shape:
    kx, ky = rx * KAPPA, ry * KAPPA
    segments: list[Segment] = [
        ("M", (cx + rx, cy)),
        ("C", (cx + rx, cy + ky), (cx + kx, cy + ry), (cx, cy + ry)),
        ("C", (cx - kx, cy + ry), (cx - rx, cy + ky), (cx - rx, cy)),
        ("C", (cx - rx, cy - ky), (cx - kx, cy - ry), (cx, cy - ry)),
        ("C", (cx + kx, cy - ry), (cx + rx, cy - ky), (cx + rx, cy)),
        ("Z",),
    ]
    around = [
        (cx + rx * math.cos(a * math.pi / 8), cy + ry * math.sin(a * math.pi / 8))
        for a in range(16)
    ]
    return Shape.of(segments, around)


def smoothstep(t: float) -> float:
    """Ease in and out: slow at both ends of a movement, as a person moves."""
    t = min(max(t, 0.0), 1.0)
    return t * t * (3 - 2 * t)

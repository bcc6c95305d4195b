"""The drawing's colours and its order, and a still frame as a display list.

:func:`still_paints` turns one key pose of a :class:`~footcore.drawing.scene.Scene` into a
list of filled and stroked paths in the scene's coordinates, back to front: what the SVG
stills and the PDF handouts both draw, so that they look the same. The figure's parts are
outlined as one silhouette per layer (every outline first, then every fill), so its joints
show no seams.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from footcore.drawing.geometry import Place, Shape, ellipse, polyline
from footcore.drawing.scene import Item, Scene

T = TypeVar("T")

INK = "#3a2e26"
PAINTS: dict[str, tuple[str, str]] = {
    # role: (fill, outline)
    "skin": ("#f7ebe0", INK),
    "far": ("#e6d3c1", INK),
    "work": ("#f7bd91", INK),
    "nail": ("#fdf8f3", INK),
    "step": ("#dde3ea", "#56616e"),
    "seat": ("#dde3ea", "#56616e"),
    "chair": ("#dde3ea", "#56616e"),
    "wall": ("#e7ebf0", "#56616e"),
    "post": ("#dde3ea", "#56616e"),
    "bowl": ("#dde3ea", "#56616e"),
    "mat": ("#bcd7c9", "#4f7464"),
    "towel": ("#b5d0ea", "#45698c"),
    "towel-bunched": ("#b5d0ea", "#45698c"),
    "towel-roll": ("#b5d0ea", "#45698c"),
    "ball": ("#f2c14e", "#7d5c12"),
    "small-ball": ("#f4f1e8", "#6b6456"),
    "roller": ("#a9bccd", "#45596b"),
    "marble": ("#8cc3e6", "#2f5f80"),
    "soft-ball": ("#f5b3b8", "#8a3b43"),
    "backpack": ("#97a9bd", "#3f4f60"),
    "medicine-ball": ("#b08a66", "#5a3f26"),
    "knee": ("#e6d3c1", INK),
    "hand": ("#f7ebe0", INK),
    "band": ("none", "#2e8b57"),
    "arrow": ("none", "#c2410c"),
    "arrow-head": ("#c2410c", "#c2410c"),
    "press": ("#c2410c", "#ffffff"),
    "eye": (INK, "none"),
    "line": ("none", INK),
    "eye-shut": ("none", INK),
}
GROUND = "#efe9e3"
FLOOR_LINE = "#8b7d72"
# Silhouette layers (outlined together) and the order of every layer, back to front.
SILHOUETTES = ("far-arm", "far-leg", "body", "near-leg", "near-arm")
ORDER = (
    "scenery",
    "far-arm",
    "far-leg",
    "body",
    "gear",
    "under",
    "near-leg",
    "toes",
    "band",
    "near-arm",
    "over",
    "marks",
)


@dataclass(frozen=True)
class Paint:
    """One path of a still frame, placed, with its colours (``None``: not filled, or not
    stroked) and the width of its line; ``round`` for round ends (lines, arrows)."""

    shape: Shape
    fill: str | None
    stroke: str | None
    width: float
    round: bool = False


def stroke_width(item: Item, stroke: float) -> float:
    """How wide an item's line is, from the scene's outline width."""
    factor = {"band": 1.9, "arrow": 1.5, "press": 0.7, "eye": 0.0}.get(item.paint, 1.0)
    return stroke * factor


def layered(items: Sequence[Item], draw: Callable[[Item, bool], T]) -> list[T]:
    """Items in drawing order, ``draw(item, outline)`` for each; silhouette layers as all
    outlines, then all fills."""
    out: list[T] = []
    by_layer: dict[str, list[Item]] = {}
    for item in items:
        by_layer.setdefault(item.layer, []).append(item)
    for layer in ORDER:
        group = by_layer.get(layer, [])
        if layer in SILHOUETTES:
            joined = [i for i in group if not i.solo]
            out += [draw(i, True) for i in joined]
            out += [draw(i, False) for i in joined]
            out += [draw(i, False) for i in group if i.solo]
        else:
            out += [draw(i, False) for i in group]
    return out


def item_paint(item: Item, stroke: float, outline: bool = False) -> Paint:
    """An item placed in the frame, with its colours for the pass it is drawn in."""
    fill, line = PAINTS.get(item.paint, PAINTS["step"])
    width = stroke_width(item, stroke)
    if item.paint == "press":  # a small disc: its size follows the line, not the scene
        dot = ellipse(0.0, 0.0, stroke * 2.1, stroke * 2.1).moved(
            Place(item.place.x, item.place.y, 0)
        )
        return Paint(dot, fill, line, width)
    shape = item.shape.moved(item.place)
    if item.stroke:
        return Paint(shape, None, None if line == "none" else line, width, round=True)
    if outline:
        return Paint(shape, line, line, width * 2)
    if item.solo:
        return Paint(shape, fill, None if line == "none" or width == 0 else line, width)
    return Paint(shape, fill, None, 0.0)


def still_paints(scene: Scene, index: int) -> list[Paint]:
    """Key pose ``index`` as a display list, back to front: the floor, the props that
    stand, the figure and the props it holds, arrows and pressure marks."""
    box = scene.box
    frame = scene.keys[index]
    items = [i for i in frame.items if i.opacity > 0.01]
    out: list[Paint] = []
    if box.y + box.h > 0:
        ground = polyline(
            [
                (box.x, 0.0),
                (box.x + box.w, 0.0),
                (box.x + box.w, box.y + box.h),
                (box.x, box.y + box.h),
            ],
            closed=True,
        )
        out.append(Paint(ground, GROUND, None, 0.0))
    out += [item_paint(i, scene.stroke) for i in items if i.layer == "scenery"]
    out.append(
        Paint(polyline([(box.x, 0.0), (box.x + box.w, 0.0)]), None, FLOOR_LINE, scene.stroke)
    )
    rest = [i for i in items if i.layer != "scenery"]
    out += layered([*rest, *scene.arrows[index]], lambda i, o: item_paint(i, scene.stroke, o))
    return out

"""A laid-out demonstration as SVG: the still frames side by side, or one animated frame.

Colours are presentation attributes (no ``style``), so the drawings obey a strict
Content-Security-Policy inline in a page; the animation is SVG's own (SMIL:
``animateTransform`` and ``animate``), which needs no script and no stylesheet. The
figure's parts are outlined as one silhouette per layer (every outline first, then every
fill), so its joints show no seams.

- :func:`stills` draws each key pose in a frame of its own, side by side (for pages, the
  PDF handouts and print); ``captions`` writes each pose's label under its frame (for a
  file standing alone).
- :func:`animation` draws one frame that moves from pose to pose and back at the
  exercise's tempo, forever; a hold (one pose) is drawn still.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from footcore.drawing.geometry import num
from footcore.drawing.paints import (
    FLOOR_LINE,
    GROUND,
    INK,
    PAINTS,
    Paint,
    layered,
    still_paints,
    stroke_width,
)
from footcore.drawing.scene import Box, Item, Scene

FONT = "DejaVu Sans, Verdana, sans-serif"
CAPTION_SIZE = 0.075  # of the frame's height
GAP = 0.08  # between frames, of the frame's width


@dataclass(frozen=True)
class Text:
    """What the drawing says to a screen reader: a title and a description."""

    title: str
    desc: str


def _paint(item: Item, scene: Scene, *, outline_pass: bool = False) -> str:
    fill, line = PAINTS.get(item.paint, PAINTS["step"])
    width = stroke_width(item, scene.stroke)
    if item.stroke:
        return (
            f'fill="none" stroke="{line}" stroke-width="{num(width)}" stroke-linecap="round" '
            'stroke-linejoin="round"'
        )
    if outline_pass:
        return (
            f'fill="{line}" stroke="{line}" stroke-width="{num(width * 2)}" stroke-linejoin="round"'
        )
    if item.solo:
        return f'fill="{fill}" stroke="{line}" stroke-width="{num(width)}" stroke-linejoin="round"'
    return f'fill="{fill}"'


def _transform(item: Item) -> str:
    p = item.place
    if p.x == 0 and p.y == 0 and p.turn == 0:
        return ""
    turn = f" rotate({num(p.turn)})" if p.turn else ""
    return f' transform="translate({num(p.x)} {num(p.y)}){turn}"'


def _opacity(item: Item) -> str:
    return "" if item.opacity >= 1 else f' opacity="{num(item.opacity)}"'


def _ground(box: Box, floor: float) -> str:
    if floor >= box.y + box.h:
        return ""
    return (
        f'<rect x="{num(box.x)}" y="{num(floor)}" width="{num(box.w)}" '
        f'height="{num(box.y + box.h - floor)}" fill="{GROUND}"/>'
    )


def _floor_line(box: Box, floor: float, scene: Scene) -> str:
    return (
        f'<line x1="{num(box.x)}" y1="{num(floor)}" x2="{num(box.x + box.w)}" y2="{num(floor)}" '
        f'stroke="{FLOOR_LINE}" stroke-width="{num(scene.stroke)}"/>'
    )


def _ground_level(scene: Scene) -> float:
    return 0.0


def _static_item(item: Item, scene: Scene, outline: bool) -> str:
    if item.paint == "press":
        return _press(item, scene)
    return (
        f'<path d="{item.shape.d}"{_transform(item)} {_paint(item, scene, outline_pass=outline)}'
        f"{_opacity(item)}/>"
    )


def _press(item: Item, scene: Scene, place: bool = True) -> str:
    """A pressure mark: a small disc (its size follows the line width, not the scene)."""
    at = f' cx="{num(item.place.x)}" cy="{num(item.place.y)}"' if place else ""
    return f'<circle{at} r="{num(scene.stroke * 2.1)}" {_paint(item, scene)}{_opacity(item)}/>'


def _paint_element(paint: Paint) -> str:
    """One entry of a still frame's display list as an SVG path."""
    fill = paint.fill or "none"
    attrs = f'fill="{fill}"'
    if paint.stroke:
        attrs += (
            f' stroke="{paint.stroke}" stroke-width="{num(paint.width)}" stroke-linejoin="round"'
        )
        if paint.round:
            attrs += ' stroke-linecap="round"'
    return f'<path d="{paint.shape.d}" {attrs}/>'


def _frame_body(scene: Scene, index: int) -> str:
    return "".join(_paint_element(p) for p in still_paints(scene, index))


def _svg_open(view_box: str, text: Text, prefix: str, css_class: str, extra: str = "") -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box}" class="{escape(css_class)}" '
        f'role="img" aria-labelledby="{prefix}-t {prefix}-d"{extra}>'
        f'<title id="{prefix}-t">{escape(text.title)}</title>'
        f'<desc id="{prefix}-d">{escape(text.desc)}</desc>'
    )


def stills(
    scene: Scene,
    text: Text,
    *,
    prefix: str = "demo",
    css_class: str = "demo-frames",
    captions: Sequence[str] = (),
    numbered: bool = True,
) -> str:
    """The key poses side by side, each clipped to its frame."""
    box = scene.box
    gap = box.w * GAP
    n = len(scene.keys)
    caption_h = box.h * CAPTION_SIZE * 1.7 if captions else 0.0
    width = n * box.w + (n - 1) * gap
    height = box.h + caption_h
    out = [_svg_open(f"0 0 {num(width)} {num(height)}", text, prefix, css_class)]
    out.append("<defs>")
    for i in range(n):
        out.append(
            f'<clipPath id="{prefix}-c{i}"><rect x="{num(box.x)}" y="{num(box.y)}" '
            f'width="{num(box.w)}" height="{num(box.h)}"/></clipPath>'
        )
    out.append("</defs>")
    longest = max((len(c) for c in captions), default=12)
    size = min(box.h * CAPTION_SIZE, box.w * 1.75 / max(12, longest))
    for i in range(n):
        dx = i * (box.w + gap) - box.x
        out.append(f'<g transform="translate({num(dx)} {num(-box.y)})">')
        out.append(f'<g clip-path="url(#{prefix}-c{i})">')
        out.append(_frame_body(scene, i))
        out.append("</g>")
        if numbered and n > 1:
            out.append(_badge(box, i + 1, scene))
        if captions:
            out.append(
                f'<text x="{num(box.x + box.w / 2)}" y="{num(box.y + box.h + size * 1.35)}" '
                f'font-family="{FONT}" font-size="{num(size)}" '
                f'text-anchor="middle" fill="{INK}">{escape(captions[i])}</text>'
            )
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)


def frame(scene: Scene, index: int, *, prefix: str = "demo", css_class: str = "demo-frame") -> str:
    """One key pose in its frame, with the arrows into it, for a list that gives the
    caption as text (so the picture itself is hidden from screen readers)."""
    box = scene.box
    view_box = f"{num(box.x)} {num(box.y)} {num(box.w)} {num(box.h)}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box}" '
        f'class="{escape(css_class)}" aria-hidden="true" focusable="false">'
        f'<defs><clipPath id="{prefix}-c"><rect x="{num(box.x)}" y="{num(box.y)}" '
        f'width="{num(box.w)}" height="{num(box.h)}"/></clipPath></defs>'
        f'<g clip-path="url(#{prefix}-c)">'
        f"{_frame_body(scene, index)}</g></svg>"
    )


def _badge(box: Box, number: int, scene: Scene) -> str:
    """A small numbered disc in the frame's top left corner: the order of the poses."""
    r = max(box.w, box.h) * 0.045
    cx, cy = box.x + r * 1.4, box.y + r * 1.4
    return (
        f'<circle cx="{num(cx)}" cy="{num(cy)}" r="{num(r)}" fill="{INK}"/>'
        f'<text x="{num(cx)}" y="{num(cy + r * 0.42)}" font-family="{FONT}" '
        f'font-size="{num(r * 1.25)}" font-weight="bold" text-anchor="middle" fill="#ffffff">'
        f"{number}</text>"
    )


# -- the animation ---------------------------------------------------------------------------


def _key_times(times: Sequence[float]) -> str:
    return ";".join(num(round(t, 4)) for t in times)


def _clip_def(prefix: str, box: Box) -> str:
    return (
        f'<clipPath id="{prefix}-c"><rect x="{num(box.x)}" y="{num(box.y)}" '
        f'width="{num(box.w)}" height="{num(box.h)}"/></clipPath>'
    )


def _still(scene: Scene, text: Text, view_box: str, prefix: str, css_class: str) -> str:
    """A single pose (a hold): the one frame, marked as a hold."""
    out = [_svg_open(view_box, text, prefix, css_class, ' data-hold="true"')]
    out.append(f"<defs>{_clip_def(prefix, scene.box)}</defs>")
    out.append(f'<g clip-path="url(#{prefix}-c)">')
    out.append(_frame_body(scene, 0))
    out.append("</g></svg>")
    return "".join(out)


def _moving(inner: str, track: Sequence[Item], timing: str) -> str:
    """The shape turned, then carried, through the item's places."""
    first = track[0]
    turns = ";".join(num(round(i.place.turn, 1)) for i in track)
    spots = ";".join(f"{num(round(i.place.x, 2))} {num(round(i.place.y, 2))}" for i in track)
    inner = (
        f'<g transform="rotate({num(first.place.turn)})"><animateTransform '
        f'attributeName="transform" type="rotate" values="{turns}" {timing}/>{inner}</g>'
    )
    return (
        f'<g transform="translate({num(first.place.x)} {num(first.place.y)})">'
        f'<animateTransform attributeName="transform" type="translate" values="{spots}" '
        f"{timing}/>{inner}</g>"
    )


def _animated_shape(track: Sequence[Item], scene: Scene, timing: str) -> str | None:
    """The item's shape with what changes along its track animated (place, outline,
    opacity); None when nothing changes or the item is not in every sample."""
    first = track[0]
    moves = any(i.place != first.place for i in track)
    morphs = any(i.shape.d != first.shape.d for i in track)
    fades = any(i.opacity != first.opacity for i in track)
    if not (moves or morphs or fades) or len(track) != len(scene.times):
        return None
    if first.paint == "press":
        inner = f'<circle r="{num(scene.stroke * 2.1)}"'
        morphs = False
    else:
        inner = f'<path d="{first.shape.d}"'
    if not moves:
        inner += _transform(first)
    if morphs:
        values = ";".join(i.shape.d for i in track)
        inner += f'><animate attributeName="d" values="{values}" {timing}/></path>'
    else:
        inner += "/>"
    if moves:
        inner = _moving(inner, track, timing)
    if fades:
        values = ";".join(num(round(i.opacity, 2)) for i in track)
        inner = f'<g><animate attributeName="opacity" values="{values}" {timing}/>{inner}</g>'
    return inner


class _AnimatedDefs:
    """The animated definitions an animation uses: one per item that changes, numbered in
    the order they are first drawn; items that do not change are drawn in place."""

    def __init__(self, scene: Scene, prefix: str) -> None:
        self.scene = scene
        self.prefix = prefix
        self.defs: list[str] = []
        self._ids: dict[str, str] = {}  # key -> the id of its animated definition
        self._tracks: dict[str, list[Item]] = {}
        for sample in scene.samples:
            for item in sample.items:
                self._tracks.setdefault(item.key, []).append(item)
        self._timing = (
            f'keyTimes="{_key_times(scene.times)}" dur="{num(round(scene.duration_s, 2))}s" '
            'repeatCount="indefinite" calcMode="linear"'
        )

    def _id_of(self, key: str) -> str | None:
        if key in self._ids:
            return self._ids[key]
        if key not in self._tracks:
            return None
        inner = _animated_shape(self._tracks[key], self.scene, self._timing)
        if inner is None:
            return None
        ident = f"{self.prefix}-{len(self._ids)}"
        self.defs.append(f'<g id="{ident}">{inner}</g>')
        self._ids[key] = ident
        return ident

    def draw(self, item: Item, outline: bool) -> str:
        ident = self._id_of(item.key)
        if ident is None:
            return _static_item(item, self.scene, outline)
        return f'<use href="#{ident}" {_paint(item, self.scene, outline_pass=outline)}/>'


def animation(
    scene: Scene,
    text: Text,
    *,
    prefix: str = "demo",
    css_class: str = "demo-live",
) -> str:
    """One frame moving from pose to pose at the exercise's pace; still for a hold."""
    box = scene.box
    view_box = f"{num(box.x)} {num(box.y)} {num(box.w)} {num(box.h)}"
    if len(scene.keys) == 1:
        return _still(scene, text, view_box, prefix, css_class)
    animated = _AnimatedDefs(scene, prefix)
    items = list(scene.samples[0].items)
    scenery = [i for i in items if i.layer == "scenery"]
    rest = [i for i in items if i.layer != "scenery"]
    body = [_ground(box, _ground_level(scene))]
    body += [animated.draw(i, False) for i in scenery]
    body.append(_floor_line(box, _ground_level(scene), scene))
    body += layered([*rest, *scene.loop_arrows], animated.draw)
    out = [_svg_open(view_box, text, prefix, css_class)]
    out.append(f"<defs>{_clip_def(prefix, box)}{''.join(animated.defs)}</defs>")
    out.append(f'<g clip-path="url(#{prefix}-c)">{"".join(body)}</g></svg>')
    return "".join(out)

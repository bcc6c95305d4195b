"""The exercise drawings on the web pages: inline SVG for templates, and SVG files.

The drawings themselves come from :mod:`footcore.drawing` (the PDF handouts use the same);
this module only wraps them for pages. Inline, the animation is SVG's own and its colours
are attributes, so the Content-Security-Policy (no inline style or script) lets them be;
``static/js/demo.js`` adds a pause button, and the stylesheet shows the still frames
instead of the animation to people who ask for reduced motion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from footcore.domain.exercise import Exercise
from footcore.drawing.render import drawing_of

_UNSAFE = re.compile(r"[^a-z0-9-]")


def _prefix(prefix: str) -> str:
    return _UNSAFE.sub("-", prefix.lower())


@dataclass(frozen=True)
class Frame:
    """One still frame of a drawing, with its caption."""

    number: int
    label: str
    svg: Markup


def demo_live(ex: Exercise, prefix: str, css_class: str = "demo-live") -> Markup:
    """The animation (a held exercise: its one still frame), or nothing without a drawing."""
    drawing = drawing_of(ex)
    if drawing is None:
        return Markup("")
    return Markup(drawing.animation(prefix=_prefix(prefix), css_class=css_class))


def demo_strip(ex: Exercise, prefix: str, css_class: str = "demo-frames") -> Markup:
    """The key poses side by side in one picture, numbered."""
    drawing = drawing_of(ex)
    if drawing is None:
        return Markup("")
    return Markup(drawing.stills(prefix=_prefix(prefix), css_class=css_class))


def demo_frames(ex: Exercise, prefix: str) -> list[Frame]:
    """Each key pose on its own, for a numbered list with the captions as text."""
    drawing = drawing_of(ex)
    if drawing is None:
        return []
    return [
        Frame(i + 1, label, Markup(svg))
        for i, (label, svg) in enumerate(
            zip(drawing.labels, drawing.frames(prefix=_prefix(prefix)), strict=True)
        )
    ]


def demo_words(ex: Exercise) -> str:
    """The drawing in words (for an image's alternative text)."""
    drawing = drawing_of(ex)
    return "" if drawing is None else drawing.text.desc

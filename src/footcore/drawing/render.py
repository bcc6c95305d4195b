"""An exercise's drawing, ready to show: its scene, its words and its SVG, remembered.

:func:`drawing_of` is what the web pages, the PDF handouts and the CLI call. Laying a scene
out takes a few milliseconds; it is done once per demonstration and dose in a process,
and the SVG text once per prefix.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from footcore import i18n
from footcore.domain.demonstration import Demonstration
from footcore.domain.exercise import Dose, Exercise
from footcore.drawing import scene as scenes
from footcore.drawing import svg
from footcore.drawing.paints import Paint, still_paints
from footcore.drawing.words import describe


@dataclass(frozen=True)
class Drawing:
    """The drawing of one exercise: still frames and animation, with its words."""

    name: str
    demo: Demonstration
    dose: Dose

    @property
    def scene(self) -> scenes.Scene:
        return _scene(self.demo, self.dose)

    @property
    def text(self) -> svg.Text:
        """Its title and description, in the language of the work at hand."""
        return _text(self.name, self.demo, self.dose, i18n.current())

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(p.label for p in self.demo.poses)

    @property
    def is_hold(self) -> bool:
        return self.demo.is_hold

    def stills(
        self, *, prefix: str = "demo", captions: bool = False, css_class: str = "demo-frames"
    ) -> str:
        return _stills(self, prefix, captions, css_class, i18n.current())

    def animation(self, *, prefix: str = "demo", css_class: str = "demo-live") -> str:
        return _animation(self, prefix, css_class, i18n.current())

    def paints(self, index: int) -> tuple[Paint, ...]:
        """Key pose ``index`` as a display list (for renderers other than SVG: the PDF)."""
        return _paints(self, index)

    def frames(self, *, prefix: str = "demo") -> tuple[str, ...]:
        """Each key pose in a picture of its own (captions are the caller's)."""
        return _frames(self, prefix)

    def file(self, *, animated: bool = False, captions: bool = True) -> str:
        """An SVG file standing alone: the still frames (with their captions), or the
        animation."""
        body = (
            self.animation(prefix="demo")
            if animated
            else self.stills(prefix="demo", captions=captions)
        )
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def drawing_of(exercise: Exercise) -> Drawing | None:
    """The exercise's drawing, or None when it has none (a coach's exercise may not)."""
    if exercise.demo is None:
        return None
    return Drawing(exercise.name, exercise.demo, exercise.dose)


@functools.lru_cache(maxsize=1024)
def _text(name: str, demo: Demonstration, dose: Dose, language: str) -> svg.Text:
    # ``language`` is the current one (a key of the cache: the words depend on it).
    title = i18n.gettext("%(name)s: how it moves") % {"name": name}
    return svg.Text(title, describe(demo, dose))


@functools.lru_cache(maxsize=512)
def _scene(demo: Demonstration, dose: Dose) -> scenes.Scene:
    return scenes.build(demo, dose)


@functools.lru_cache(maxsize=1024)
def _stills(drawing: Drawing, prefix: str, captions: bool, css_class: str, language: str) -> str:
    # ``language`` keys the cache: the drawing's title and description are in it.
    return svg.stills(
        drawing.scene,
        drawing.text,
        prefix=prefix,
        css_class=css_class,
        captions=drawing.labels if captions else (),
    )


@functools.lru_cache(maxsize=1024)
def _paints(drawing: Drawing, index: int) -> tuple[Paint, ...]:
    return tuple(still_paints(drawing.scene, index))


@functools.lru_cache(maxsize=1024)
def _frames(drawing: Drawing, prefix: str) -> tuple[str, ...]:
    scene = drawing.scene
    return tuple(svg.frame(scene, i, prefix=f"{prefix}-{i + 1}") for i in range(len(scene.keys)))


@functools.lru_cache(maxsize=1024)
def _animation(drawing: Drawing, prefix: str, css_class: str, language: str) -> str:
    return svg.animation(drawing.scene, drawing.text, prefix=prefix, css_class=css_class)

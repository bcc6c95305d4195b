"""The foot map for the templates: :mod:`footcore.drawing.footmap` draws it (the PDF handouts
use it too), this marks its SVG safe for Jinja."""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup

from footcore.domain.vocab import Target
from footcore.drawing import footmap as _drawing
from footcore.drawing.footmap import targets_sentence

__all__ = ["foot_map", "targets_sentence"]


def foot_map(
    targets: Iterable[Target | str],
    *,
    id_prefix: str = "footmap",
    captions: bool = True,
    css_class: str = "footmap",
) -> Markup:
    """:func:`footcore.drawing.footmap.foot_map`, as markup a template prints unescaped."""
    svg = _drawing.foot_map(targets, id_prefix=id_prefix, captions=captions, css_class=css_class)
    return Markup(svg)  # built from escaped parts in footcore.drawing.footmap

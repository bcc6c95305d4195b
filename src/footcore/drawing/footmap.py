"""The foot map: one SVG drawing of a foot that highlights what an exercise works.

Two views of a left foot side by side: the sole (toes up) and the inner side (toes to the
right, with the lower leg), so that the calf, the Achilles tendon and the ankle have a place
too. Every :class:`~footcore.domain.vocab.Target` owns one or more shapes; the targets passed
in are filled in the highlight colour, the others stay quiet. Colours are presentation
attributes (no ``style``), so the drawing obeys a strict Content-Security-Policy and looks the
same inline in a page or saved on its own.

It lives with the drawings, below both the web app (``footcore.web.footmap`` marks it safe for
the templates) and the PDF handouts (:mod:`footcore.io.pdf`, which takes its sentences). Its
words are in the language of the work at hand (:mod:`footcore.i18n`: a page's, a handout's).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from footcore.domain.labels import label
from footcore.domain.vocab import Target
from footcore.i18n import gettext as _

SKIN = "#f6e9dc"
OUTLINE = "#5b4636"
QUIET_FILL = "#ead8c6"
QUIET_LINE = "#b89c84"
HIGHLIGHT_FILL = "#c2410c"
HIGHLIGHT_LINE = "#7c2d12"
CAPTION = "#4a3a2e"

# The foot's outline in the sole view (left foot seen from below, toes up, big toe right).
SOLE_OUTLINE = (
    "M84 296C64 296 53 284 52 262C50 240 50 222 46 200C42 178 38 152 38 130"
    "C38 112 40 100 46 92C56 82 76 76 96 74C112 72 126 72 134 80C142 90 142 108 139 126"
    "C135 146 125 162 121 182C117 202 118 222 118 244C118 276 104 296 84 296Z"
)
# Toes as (cx, cy, rx, ry, rotation); drawn under the sole so they grow out of it.
TOES = (
    (123.0, 49.0, 16.0, 23.0, 6.0),
    (99.0, 55.0, 10.5, 18.0, -2.0),
    (80.0, 62.0, 10.0, 15.5, -9.0),
    (63.0, 71.0, 9.0, 13.5, -16.0),
    (49.0, 84.0, 8.0, 11.0, -24.0),
)
# The inner side view: lower leg and foot, heel left, toes right.
# It is stroked open at the top: the leg carries on beyond the picture.
SIDE_OUTLINE = (
    "M212 24C200 52 195 86 202 120C208 150 220 178 222 204C223 226 212 246 212 264"
    "C212 280 222 288 238 288C250 288 258 282 270 282C286 282 296 288 312 288"
    "C326 288 337 284 337 275C337 266 329 262 318 258C300 251 284 241 273 229"
    "C266 221 262 212 262 198C262 150 265 80 263 24"
)
MALLEOLUS = (252.0, 222.0, 7.0)


@dataclass(frozen=True)
class _Shape:
    """One SVG element of a region: ``kind`` is the tag, ``attrs`` its geometry."""

    kind: str
    attrs: tuple[tuple[str, str], ...]
    stroke_only: bool = False  # a line (tendon): coloured by its stroke, never filled

    def render(self, fill: str, line: str, width: str) -> str:
        geometry = " ".join(f'{k}="{v}"' for k, v in self.attrs)
        if self.stroke_only:
            paint = f'fill="none" stroke="{fill}" stroke-width="{width}" stroke-linecap="round"'
        else:
            paint = f'fill="{fill}" stroke="{line}" stroke-width="1.5"'
        return f"<{self.kind} {geometry} {paint}/>"


def _path(d: str, *, line: bool = False) -> _Shape:
    return _Shape("path", (("d", d),), stroke_only=line)


def _ellipse(cx: float, cy: float, rx: float, ry: float, rotate: float = 0) -> _Shape:
    attrs = [("cx", f"{cx:g}"), ("cy", f"{cy:g}"), ("rx", f"{rx:g}"), ("ry", f"{ry:g}")]
    if rotate:
        attrs.append(("transform", f"rotate({rotate:g} {cx:g} {cy:g})"))
    return _Shape("ellipse", tuple(attrs))


# Regions in drawing order (later ones sit on top).
REGIONS: dict[Target, tuple[_Shape, ...]] = {
    Target.INTRINSIC_FOOT: (
        _path(
            "M50 122C48 152 54 190 64 222C74 240 100 240 108 224C112 202 113 180 121 160"
            "C128 142 131 124 127 110C108 100 68 102 50 122Z"
        ),
    ),
    Target.PLANTAR_FASCIA: (
        _path(
            "M74 262C72 232 64 190 53 130L60 114L68 128L75 108L84 124L92 104L100 121"
            "L109 104L113 122L120 112C112 150 100 200 96 262C90 268 80 268 74 262Z"
        ),
        _path("M228 281C250 276 268 275 306 281", line=True),
    ),
    Target.FLEXOR_HALLUCIS_BREVIS: (_ellipse(121, 126, 8, 22, 10),),
    Target.BIG_TOE_JOINT: (
        _ellipse(124, 89, 11, 10),
        _ellipse(309, 268, 7, 7),
    ),
    Target.TIBIALIS_POSTERIOR: (
        _path("M121 176C112 174 104 170 96 162", line=True),
        _path("M236 112C238 160 236 200 240 222C244 238 256 246 274 250", line=True),
    ),
    Target.TOE_FLEXORS: tuple(
        _ellipse(cx, cy - 2, rx * 0.62, ry * 0.6, rot) for cx, cy, rx, ry, rot in TOES
    ),
    Target.ACHILLES_CALF: (
        _path(
            "M211 30C203 56 198 86 205 116C210 138 217 154 221 170"
            "C229 150 236 120 236 86C236 60 233 40 228 30Z"
        ),
        _path("M221 172C222 196 220 224 216 262", line=True),
    ),
    Target.ANKLE: (_ellipse(250, 226, 20, 15),),
}

# How wide tendon lines are drawn, quiet and highlighted.
LINE_WIDTH = {False: "4", True: "6"}


def _area_name(target: Target | str) -> str:
    """A target's name inside a sentence, in the current language: its first letter in
    lower case, but for a name that starts with Achilles, who was someone."""
    name = _(label(target))
    return name if name.startswith("Achilles") else name[:1].lower() + name[1:]


def targets_sentence(targets: Iterable[Target | str]) -> str:
    """``Plantar fascia and toe flexors`` for titles and captions, in the current language."""
    names = [_area_name(t) for t in targets]
    if not names:
        return _("No particular area")
    if len(names) == 1:
        return names[0][0].upper() + names[0][1:]
    text = _("%(items)s and %(last)s") % {"items": ", ".join(names[:-1]), "last": names[-1]}
    return text[0].upper() + text[1:]


def _drawing() -> str:
    """The two drawings of the foot: toes first so that the sole overlaps their roots."""
    toes = "".join(
        f'<ellipse cx="{cx:g}" cy="{cy:g}" rx="{rx:g}" ry="{ry:g}" '
        f'transform="rotate({rot:g} {cx:g} {cy:g})"/>'
        for cx, cy, rx, ry, rot in TOES
    )
    return (
        f'<g fill="{SKIN}" stroke="{OUTLINE}" stroke-width="2.5" stroke-linejoin="round">'
        f'{toes}<path d="{SOLE_OUTLINE}"/><path d="{SIDE_OUTLINE}" stroke="none"/>'
        f'<path d="{SIDE_OUTLINE}" fill="none"/></g>'
    )


def _regions(wanted: Sequence[Target]) -> list[str]:
    """Every region, highlighted when wanted, each titled with its name."""
    out = []
    for target, shapes in REGIONS.items():
        on = target in wanted
        fill, line = (HIGHLIGHT_FILL, HIGHLIGHT_LINE) if on else (QUIET_FILL, QUIET_LINE)
        rendered = "".join(s.render(fill, line, LINE_WIDTH[on]) for s in shapes)
        state = "on" if on else "off"
        out.append(
            f'<g class="fm-region fm-{state}" data-target="{target.value}" data-state="{state}">'
            f"<title>{escape(_(label(target)))}</title>{rendered}</g>"
        )
    return out


def _malleolus() -> str:
    """The inner ankle bone, on top as a landmark."""
    cx, cy, r = MALLEOLUS
    return (
        f'<circle cx="{cx:g}" cy="{cy:g}" r="{r:g}" fill="{SKIN}" stroke="{OUTLINE}" '
        'stroke-width="2"/>'
    )


def _captions() -> str:
    sole, inner = escape(_("Sole")), escape(_("Inner side"))
    return (
        f'<g fill="{CAPTION}" font-family="system-ui, sans-serif" font-size="13" '
        'text-anchor="middle" aria-hidden="true">'
        f'<text x="88" y="313">{sole}</text><text x="270" y="313">{inner}</text></g>'
    )


def foot_map(
    targets: Iterable[Target | str],
    *,
    id_prefix: str = "footmap",
    captions: bool = True,
    css_class: str = "footmap",
) -> str:
    """SVG markup of the foot map with ``targets`` highlighted.

    ``id_prefix`` keeps the ``<title>`` ids unique when a page shows several maps;
    ``captions`` adds the small "Sole" and "Inner side" words under the two views.
    """
    wanted: list[Target] = []
    for t in targets:
        target = Target(t)
        if target not in wanted:
            wanted.append(target)
    title_id = f"{id_prefix}-title"
    areas = targets_sentence(wanted) if wanted else _("no particular area highlighted")
    title = _("Foot map: %(areas)s") % {"areas": areas[:1].lower() + areas[1:]}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 346 {316 if captions else 300}" '
        f'class="{escape(css_class)}" role="img" aria-labelledby="{escape(title_id)}" '
        f'data-targets="{escape(" ".join(wanted))}">',
        f'<title id="{escape(title_id)}">{escape(title)}</title>',
        _drawing(),
        *_regions(wanted),
        _malleolus(),
    ]
    if captions:
        parts.append(_captions())
    parts.append("</svg>")
    return "".join(parts)

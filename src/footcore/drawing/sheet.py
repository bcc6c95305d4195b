"""The contact sheet: every exercise's drawing on one page, for a reviewer to check.

One HTML page that needs nothing else: for each exercise, its name and slug, the still
frames with their captions, the animation beside them, and the alternative text, in the
catalogue's order. Written by ``footcore catalogue sheet`` (docs/demonstrations.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from footcore.domain.exercise import Exercise
from footcore.drawing.render import Drawing, drawing_of

STYLE = """
body { font-family: system-ui, sans-serif; margin: 16px; color: #2b211b; background: #fff; }
h1 { font-size: 20px; margin: 0 0 4px; }
p.lead { margin: 0 0 16px; color: #5b4a3f; }
.sheet { display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 12px; }
.entry { border: 1px solid #d9cfc7; border-radius: 6px; padding: 8px; break-inside: avoid; }
.entry h2 { font-size: 14px; margin: 0; }
.entry code { font-size: 11px; color: #6b5b50; }
.row { display: flex; gap: 8px; align-items: flex-start; margin-top: 6px; }
.row .still svg { height: 150px; width: auto; max-width: 100%; display: block; }
.row .live svg { height: 110px; width: auto; display: block; }
.entry p { font-size: 11px; margin: 6px 0 0; color: #4a3b31; }
.missing { color: #9b2c2c; font-size: 12px; }
"""


def sheet_html(exercises: Iterable[Exercise], title: str = "footcore demonstrations") -> str:
    """The contact sheet of ``exercises`` as a page of HTML."""
    entries = []
    count = 0
    for ex in exercises:
        count += 1
        head = f"<h2>{escape(ex.name)}</h2><code>{escape(ex.slug)}</code>"
        drawing = drawing_of(ex)
        if drawing is None:
            entries.append(
                f'<section class="entry">{head}<p class="missing">No drawing.</p></section>'
            )
            continue
        entries.append(_entry(head, drawing, ex.slug))
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>"
        f"<h1>{escape(title)}</h1><p class='lead'>{count} exercises: the still frames in order, "
        "the animation beside them, and the words a screen reader gives.</p>"
        f"<div class='sheet'>{''.join(entries)}</div></body></html>"
    )


def _entry(head: str, drawing: Drawing, slug: str) -> str:
    stills = drawing.stills(prefix=f"s-{slug}", captions=True)
    live = drawing.animation(prefix=f"a-{slug}")
    return (
        f'<section class="entry">{head}<div class="row"><div class="still">{stills}</div>'
        f'<div class="live">{live}</div></div><p>{escape(drawing.text.desc)}</p></section>'
    )

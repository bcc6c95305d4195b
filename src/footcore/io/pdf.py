"""Printable handouts (PDF), written with ``fpdf2``: the programme and the progress report.

Made for paper and for older eyes: DejaVu Sans (a Unicode font shipped in
``footcore/io/fonts``, Bitstream Vera licence), body text 13 pt and never below 11 pt, black
on white, and no meaning carried by colour alone: grey fills only group things, every
series in a chart has its own marker shape and a written label, and every band is named in
words. A4 and US Letter.

- :func:`programme_pdf`: a cover page (dates, minutes a day, safety messages, the pain rule,
  when each session is), then one page per week (each day's sessions with a box to tick,
  the exercises and doses), then an exercise card for every exercise in the plan (dose,
  how to do it, cues, cautions, and its drawing: the key positions in order, numbered and
  captioned, the working part shaded; the same drawing the web app shows, written as PDF
  vector paths so it stays crisp in print).
- :func:`progress_pdf`: adherence and streaks, weekly minutes (planned and done), one
  chart per self-test value with its real-change band, and pain over time.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from babel.dates import format_date
from babel.numbers import format_decimal, get_decimal_symbol
from fpdf import FPDF
from fpdf.fonts import FontFace

from footcore.domain.assessments import TESTS
from footcore.domain.errors import FootcoreError
from footcore.domain.exercise import Catalogue, Exercise
from footcore.domain.labels import label
from footcore.domain.planning import Day, Plan, PlanItem, Session, Week
from footcore.domain.progress import SelfTestTrend, WeekMinutes
from footcore.domain.progress_handout import PainPoint, ProgressHandout
from footcore.domain.wording import dose_text, item_dose_text
from footcore.drawing.footmap import targets_sentence
from footcore.drawing.render import drawing_of
from footcore.i18n import N_, current, ngettext
from footcore.i18n import gettext as _
from footcore.i18n.plan_words import plan_text
from footcore.i18n.words import dose_words, said
from footcore.io.calendar import slot_time

if TYPE_CHECKING:
    from footcore.drawing.paints import Paint
    from footcore.drawing.render import Drawing
    from footcore.drawing.scene import Box

PAPERS = {"a4": "A4", "letter": "Letter"}
FONT = "DejaVu"
BODY = 13.0
SMALL = 11.0
H1 = 24.0
H2 = 18.0
H3 = 15.0
LINE = 0.55  # mm of line height per pt of font size (about 1.55 x the size)
BLACK = 0
DARK = 60
MID = 150
LIGHT = 225
PALE = 242
BOX = "\u2610"  # ballot box, to tick by hand
MARKERS = ("circle", "square", "triangle", "diamond")

SLOT_LABELS = {
    "morning": N_("Morning"),
    "desk": N_("At the desk"),
    "teeth": N_("Brushing teeth"),
    "tv": N_("TV time"),
    "pre-run": N_("Before the run"),
    "post-run": N_("After the run"),
}
RUN_LABELS = {
    "easy": N_("Easy run today"),
    "long": N_("Long run today"),
    "hard": N_("Hard run today"),
}
#: A self-test result's real-change verdict, as the domain words it
#: (``footcore.domain.assessments.change``, ``SelfTestTrend.label``), to say in the report.
VERDICTS = (
    N_("real change (better)"),
    N_("real change (worse)"),
    N_("real change"),
    N_("within measurement noise"),
    N_("no smallest real change published"),
    N_("not scored on both dates"),
    N_("only one result so far"),
)


def paper_format(paper: str) -> str:
    try:
        return PAPERS[paper.lower()]
    except KeyError:
        raise FootcoreError(
            f"unknown paper size {paper!r}: use one of {', '.join(PAPERS)}"
        ) from None


def _font_path(name: str) -> str:
    return str(resources.files("footcore.io").joinpath("fonts", name))


class _Handout:
    """An FPDF document with footcore's fonts, margins and footer."""

    def __init__(self, paper: str, footer: str) -> None:
        footer_text = footer

        class Doc(FPDF):
            def footer(self) -> None:
                self.set_y(-14)
                self.set_font(FONT, "", SMALL)
                self.set_text_color(BLACK)
                page = _("page %(n)s of %(total)s") % {"n": self.page_no(), "total": "{nb}"}
                self.cell(0, 6, f"{footer_text}   ·   {page}", align="C")

        self._lines: dict[tuple[float, str, float, bool], tuple[str, ...]] = {}
        self._widths: dict[tuple[float, bool], dict[str, float]] = {}
        self.pdf: FPDF = Doc(orientation="P", unit="mm", format=paper_format(paper))
        pdf = self.pdf
        pdf.set_margins(16, 16, 16)
        pdf.set_auto_page_break(True, margin=20)
        pdf.add_font(FONT, "", _font_path("DejaVuSans.ttf"))
        pdf.add_font(FONT, "B", _font_path("DejaVuSans-Bold.ttf"))
        pdf.set_title(footer)
        pdf.set_creator("footcore")
        pdf.set_text_color(BLACK)
        pdf.set_draw_color(BLACK)
        pdf.alias_nb_pages()

    @property
    def width(self) -> float:
        return float(self.pdf.epw)

    def font(self, size: float, bold: bool = False) -> None:
        self.pdf.set_font(FONT, "B" if bold else "", size)

    def text(self, text: str, size: float = BODY, bold: bool = False, w: float = 0) -> None:
        self.write(w, text, size, bold)

    def write(
        self,
        w: float,
        text: str,
        size: float,
        bold: bool = False,
        *,
        align: str = "L",
        new_x: str = "LMARGIN",
    ) -> None:
        """What ``multi_cell(w, size * LINE, text, align=align, new_x=new_x)`` writes, one
        cell a line from :meth:`lines` (which remembers how each text breaks)."""
        pdf = self.pdf
        if w == 0:
            w = pdf.w - pdf.r_margin - pdf.x
        h = size * LINE
        x = pdf.get_x()
        for line in self.lines(w, text, size, bold):
            pdf.cell(w, h, line, align=align, new_x="LEFT", new_y="NEXT")
        pdf.set_x(pdf.l_margin if new_x == "LMARGIN" else x)

    def heading(self, text: str, size: float = H2) -> None:
        self.text(text, size, bold=True)
        self.pdf.ln(1.5)

    def bullets(self, items: Sequence[str], size: float = BODY, mark: str = "•") -> None:
        pdf = self.pdf
        self.font(size)
        indent = 7.0
        for item in items:
            x = pdf.get_x()
            pdf.cell(indent, size * LINE, mark)
            self.write(self.width - (x - pdf.l_margin) - indent, item, size)
            pdf.set_x(x)

    def lines(self, w: float, text: str, size: float, bold: bool = False) -> tuple[str, ...]:
        """``text`` broken into the lines a ``w`` mm wide cell holds, as fpdf2 breaks them.

        fpdf2 breaks a text character by character through several objects, which was
        most of a booklet's time; this is the same rule (break at the last space before
        the text outgrows the cell, mid-word only when a word alone is too long, and at
        each newline) over widths looked up once per character, remembered per document.
        ``tests/unit/test_io_pdf.py`` holds it to fpdf2's own breaking."""
        self.font(size, bold)
        key = (w, text, size, bold)
        found = self._lines.get(key)
        if found is None:
            found = self._lines[key] = self._break(w - 2 * self.pdf.c_margin, text, size, bold)
        return found

    def _break(self, limit: float, text: str, size: float, bold: bool) -> tuple[str, ...]:
        widths = self._widths.setdefault((size, bold), {})
        pdf = self.pdf
        out: list[str] = []
        line: list[str] = []
        width = 0.0
        space = -1  # where the last space in the line is, and the width before it
        for char in self.pdf.normalize_text(text).replace("\r", ""):
            if char == "\n":
                out.append("".join(line))
                line, width, space = [], 0.0, -1
                continue
            char_w = widths.get(char)
            if char_w is None:
                char_w = widths[char] = pdf.get_string_width(char)
            if width + char_w - limit > 1e-9:
                if char == " ":  # a space at the break is dropped
                    out.append("".join(line))
                    line, width, space = [], 0.0, -1
                    continue
                if space >= 0:  # break at the last space; its word starts the next line
                    out.append("".join(line[:space]))
                    line = line[space + 1 :]
                    width = sum(widths[c] for c in line)
                    space = -1
                    if width + char_w - limit > 1e-9 and line:
                        out.append("".join(line))
                        line, width = [], 0.0
                else:  # one word wider than the cell: break inside it
                    out.append("".join(line))
                    line, width = [], 0.0
            if char == " ":
                space = len(line)
            line.append(char)
            width += char_w
        if width or not out:
            out.append("".join(line))
        return tuple(out)

    def lines_needed(self, w: float, text: str, size: float, bold: bool = False) -> int:
        return len(self.lines(w, text, size, bold))

    def space_left(self) -> float:
        return float(self.pdf.h - self.pdf.b_margin - self.pdf.get_y())

    def output(self) -> bytes:
        return bytes(self.pdf.output())


# --------------------------------------------------------------------------------------------
# The programme


def _long_date(day: dt.date) -> str:
    """``Monday 5 January`` (``lunes 5 de enero``), in the current language."""
    # Translators: a CLDR date pattern (EEEE weekday, d day, MMMM month; quote plain words).
    return format_date(day, _("EEEE d MMMM"), locale=current())


def _full_date(day: dt.date) -> str:
    """``Monday 5 January 2027``, in the current language."""
    # Translators: a CLDR date pattern (EEEE weekday, d day, MMMM month, y year).
    return format_date(day, _("EEEE d MMMM y"), locale=current())


#: The catalogue the handout being made reads, for the exercises' names in its language.
_CATALOGUE: ContextVar[Catalogue | None] = ContextVar("footcore_pdf_catalogue", default=None)


def _name(slug: str, fallback: str) -> str:
    """An exercise's name in the current language (``fallback`` when not in the catalogue)."""
    catalogue = _CATALOGUE.get()
    if catalogue is None or slug not in catalogue:
        return fallback
    return str(catalogue.get(slug).in_language(current()).name)


def _item_text(item: PlanItem) -> str:
    return f"{_name(item.exercise, item.name)}: {item_dose_text(item, words=dose_words())}"


def _slot_time(plan: Plan, slot: Any) -> str:
    return slot_time(plan, slot).strftime("%H:%M")


def _cover(doc: _Handout, plan: Plan) -> None:
    pdf = doc.pdf
    pdf.add_page()
    doc.text(_("Your foot and ankle programme"), H1, bold=True)
    pdf.ln(2)
    doc.text(_("For %(name)s") % {"name": plan.profile.name}, H2)
    pdf.ln(2)
    weeks = len(plan.weeks)
    doc.text(
        ngettext(
            "From %(start)s to %(end)s: %(num)s week.",
            "From %(start)s to %(end)s: %(num)s weeks.",
            weeks,
        )
        % {"start": _full_date(plan.start), "end": _full_date(plan.end), "num": weeks}
    )
    doc.text(
        _("About %(minutes)s minutes a day, in short sessions spread through the day.")
        % {"minutes": plan.profile.minutes_per_day}
    )
    pdf.ln(3)
    if plan.flags:
        _boxed(doc, _("Please read first"), [f"! {plan_text(f.message)}" for f in plan.flags])
        pdf.ln(3)
    doc.heading(_("How to use this booklet"), H3)
    doc.bullets(
        [
            _("Each week has its own page. Tick the box beside a session when you have done it."),
            _(
                "The exercise cards at the back show how to do each exercise, what to feel, and "
                "what to watch out for. Their drawings show each position in order; the shaded "
                "part is the one that works."
            ),
            _(
                "Pain during an exercise: 0 to 3 out of 10 is fine; 4 or 5 is acceptable; above "
                "5, stop and ease off. Pain should settle by the next morning. If it does not, "
                "do less next time."
            ),
            _("Stop a stretch that brings on cramp."),
        ]
    )
    pdf.ln(3)
    slots = sorted({s.slot for d in plan.days for s in d.sessions}, key=plan.profile.slot_time)
    if slots:
        doc.heading(_("When the sessions are"), H3)
        doc.bullets([f"{_(SLOT_LABELS[s.value])}: {_slot_time(plan, s)}" for s in slots])
    if plan.notes:
        pdf.ln(3)
        doc.heading(_("Notes"), H3)
        doc.bullets([plan_text(n) for n in plan.notes])


def _boxed(doc: _Handout, title: str, lines: Sequence[str]) -> None:
    pdf = doc.pdf
    y0 = pdf.get_y()
    pdf.set_x(pdf.l_margin + 4)
    pdf.set_y(y0 + 3)
    pdf.set_left_margin(pdf.l_margin + 4)
    pdf.set_right_margin(pdf.r_margin + 4)
    doc.text(title, H3, bold=True)
    for line in lines:
        doc.text(line, BODY, bold=True)
    pdf.set_left_margin(pdf.l_margin - 4)
    pdf.set_right_margin(pdf.r_margin - 4)
    y1 = pdf.get_y() + 3
    pdf.set_line_width(0.8)
    pdf.rect(pdf.l_margin, y0, doc.width, y1 - y0)
    pdf.set_line_width(0.2)
    pdf.set_y(y1)


def _week_header(doc: _Handout, week: Week, size: float, continued: bool = False) -> None:
    first, last = week.days[0].date, week.days[-1].date
    if continued:
        doc.text(_("Week %(n)s, continued") % {"n": week.number}, H3, bold=True)
        doc.pdf.ln(1)
        return
    head = _("Week %(n)s   ·   level %(level)s") % {"n": week.number, "level": week.level}
    doc.text(head, H2, bold=True)
    doc.text(
        _("%(start)s to %(end)s") % {"start": _long_date(first), "end": _long_date(last)}, size
    )
    if week.focus:
        doc.text(plan_text(week.focus), max(SMALL, size - 1))
    if week.unlocks:
        doc.text(plan_text(week.unlocks), max(SMALL, size - 1))
    doc.pdf.ln(1.5)


def _week_header_height(doc: _Handout, week: Week, size: float) -> float:
    total = H2 * LINE + size * LINE + 1.5
    for text in (plan_text(week.focus), plan_text(week.unlocks)):
        if text:
            small = max(SMALL, size - 1)
            total += doc.lines_needed(doc.width, text, small) * small * LINE
    return total


LABEL_W = 66.0


def _session_label(plan: Plan, session: Session) -> str:
    return f"{BOX} {_slot_time(plan, session.slot)} {_(SLOT_LABELS[session.slot.value])}"


def _session_rows(doc: _Handout, plan: Plan, day: Day, size: float) -> list[float]:
    h = size * LINE
    rows = []
    for session in day.sessions:
        lines = sum(
            doc.lines_needed(doc.width - LABEL_W, _item_text(i), size) for i in session.items
        )
        label = doc.lines_needed(LABEL_W - 2, _session_label(plan, session), size, bold=True)
        rows.append(max(label, lines) * h + 0.8)
    return rows


def _day_height(doc: _Handout, plan: Plan, day: Day, size: float) -> float:
    h = size * LINE
    total = h + 1.8 + sum(_session_rows(doc, plan, day, size)) + 1.2
    if not day.sessions and day.walking is None:
        total += h
    if day.walking is not None:
        total += doc.lines_needed(doc.width, _walking(day.walking), size) * h
    small = max(SMALL, size - 1.5)
    for note in day.notes:
        total += doc.lines_needed(doc.width, plan_text(note), small) * small * LINE
    return total


def _week_pages(doc: _Handout, plan: Plan, week: Week) -> None:
    """The week on a new page: in 13 pt, or 12 pt when that fits it on one page; a busy
    week continues on the next page, never splitting a day."""
    page_h = doc.pdf.h - doc.pdf.t_margin - doc.pdf.b_margin
    size = BODY
    for candidate in (BODY, BODY - 1):
        need = _week_header_height(doc, week, candidate) + sum(
            _day_height(doc, plan, d, candidate) for d in week.days
        )
        if need <= page_h:
            size = candidate
            break
    doc.pdf.add_page()
    _week_header(doc, week, size)
    for day in week.days:
        if _day_height(doc, plan, day, size) > doc.space_left():
            doc.pdf.add_page()
            _week_header(doc, week, size, continued=True)
        _day_block(doc, plan, day, size)


def _day_block(doc: _Handout, plan: Plan, day: Day, size: float) -> None:
    pdf = doc.pdf
    h = size * LINE
    pdf.set_fill_color(LIGHT)
    doc.font(size + 0.5, bold=True)
    run = _(RUN_LABELS[day.run.value]) if day.run.value in RUN_LABELS else ""
    if day.sessions:
        work = _("%(minutes)s min of foot work") % {"minutes": _number(day.minutes)}
        run = f"{run}  ·  {work}" if run else work
    pdf.cell(doc.width * 0.45, h + 1, f" {_long_date(day.date)}", fill=True)
    doc.font(size)
    pdf.cell(
        doc.width * 0.55, h + 1, f"{run} ", fill=True, align="R", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.ln(0.8)
    if not day.sessions and day.walking is None:
        doc.text(_("Rest day: no foot work."), size)
    for session, row_h in zip(day.sessions, _session_rows(doc, plan, day, size), strict=True):
        y = pdf.get_y()
        pdf.set_xy(pdf.l_margin, y)
        doc.write(LABEL_W - 2, _session_label(plan, session), size, bold=True)
        pdf.set_xy(pdf.l_margin + LABEL_W, y)
        for item in session.items:
            doc.write(doc.width - LABEL_W, _item_text(item), size, new_x="LEFT")
        pdf.set_xy(pdf.l_margin, y + row_h)
    if day.walking is not None:
        doc.text(_walking(day.walking), size)
    for note in day.notes:
        doc.text(plan_text(note), max(SMALL, size - 1.5))
    pdf.ln(1.2)


def _number(value: float) -> str:
    """``11.1`` (``11,1``): a number as the current language writes it."""
    return str(format_decimal(value, "0.###", locale=current()))


def _walking(item: PlanItem) -> str:
    return _("Walking: %(item)s") % {"item": _item_text(item)}


def _card_height(doc: _Handout, ex: Exercise, item: PlanItem, text_w: float) -> float:
    total = DRAWING_H + 2.0 + _captions_height(doc, ex) if _drawing(ex) else 0.0
    for text, size, bold, mark in _card_texts(ex, item):
        width = text_w - 3 - (BULLET_W if mark else 0)
        total += doc.lines_needed(width, text, size, bold) * size * LINE + 1.0
    return total + 10.0


CardText = tuple[str, float, bool, str]  # text, size, bold, bullet mark ("" for none)
BULLET_W = 6.0
DRAWING_H = 40.0  # mm: the height of an exercise's drawing on its card


def _card_texts(ex: Exercise, item: PlanItem) -> list[CardText]:
    english = current() == "en"
    words = ex.in_language(current())
    out: list[CardText] = [(words.name, H3, True, "")]
    if english:  # the English card keeps its vocabulary's slugs, as it always printed them
        equipment = ", ".join(str(e) for e in ex.equipment) or "nothing"
        category, position = ex.category.value.capitalize(), ex.position.value
    else:
        equipment = ", ".join(_(label(e)).lower() for e in ex.equipment) or _("nothing")
        category, position = _(label(ex.category)), _(label(ex.position)).lower()
    kind = _("%(category)s, %(position)s; needs: %(equipment)s") % {
        "category": category,
        "position": position,
        "equipment": equipment,
    }
    out.append((kind, SMALL + 1, False, ""))
    areas = targets_sentence(ex.targets)
    areas = areas.lower() if english else areas[:1].lower() + areas[1:]
    works = _("Works on: %(areas)s.") % {"areas": areas}
    out.append((works, SMALL + 1, False, ""))
    dose = dose_text(item.dose, added_load=item.added_load, rest=True, words=dose_words())
    out.append((_("Dose: %(dose)s") % {"dose": dose}, BODY, True, ""))
    out.append((words.description, BODY, False, ""))
    for cue in words.cues:
        out.append((cue, BODY, False, "•"))
    for caution in words.cautions:
        out.append((_("Take care: %(caution)s") % {"caution": caution}, BODY, True, "!"))
    return out


def _drawing(ex: Exercise) -> Drawing | None:
    """The exercise's drawing, its captions in the current language."""
    return drawing_of(ex.in_language(current()))


def _frame_layout(doc: _Handout, drawing: Drawing) -> tuple[float, float, float]:
    """(frame width, gap, height) in mm for the drawing's frames across the card."""
    box = drawing.scene.box
    n = len(drawing.demo.poses)
    gap = 4.0
    height = DRAWING_H
    width = height * box.w / box.h
    room = doc.width - 6 - (n - 1) * gap
    if n * width > room:
        width = room / n
        height = width * box.h / box.w
    return width, gap, height


def _captions_height(doc: _Handout, ex: Exercise) -> float:
    drawing = _drawing(ex)
    if drawing is None:
        return 0.0
    width, _, _ = _frame_layout(doc, drawing)
    lines = max(
        doc.lines_needed(width, f"{i}. {label}", SMALL) for i, label in enumerate(drawing.labels, 1)
    )
    return lines * SMALL * LINE + 1.0


def _draw_drawing(doc: _Handout, drawing: Drawing, x: float, y: float) -> float:
    """The drawing's key poses side by side from (x, y), each captioned; returns the
    height used in mm."""
    pdf = doc.pdf
    width, gap, height = _frame_layout(doc, drawing)
    caption_h = 0.0
    for i, pose in enumerate(drawing.labels):
        fx = x + i * (width + gap)
        _vector(pdf, drawing.paints(i), drawing.scene.box, (fx, y), width)
        pdf.set_line_width(0.2)
        pdf.set_draw_color(MID)
        pdf.rect(fx, y, width, height)
        pdf.set_draw_color(BLACK)
        doc.font(SMALL)
        pdf.set_xy(fx, y + height + 1.0)
        doc.write(width, f"{i + 1}. {pose}", SMALL, new_x="LEFT")
        caption_h = max(caption_h, pdf.get_y() - (y + height))
    return height + caption_h


def _hex(colour: str) -> str:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return f"{r:.3f} {g:.3f} {b:.3f}"


def _vector(
    pdf: FPDF, paints: Sequence[Paint], box: Box, at: tuple[float, float], w: float
) -> None:
    """A drawing's display list as PDF path operators, scaled into a ``w`` mm wide frame
    at ``at`` (mm from the page's top left) and clipped to it: crisp at any print size.

    fpdf2's SVG import builds an object per path and costs about 20 ms a drawing; writing
    the operators (moves, lines and cubic curves only: footcore's shapes are nothing else)
    costs well under one."""
    k, page_h = pdf.k, pdf.h
    x, y = at
    scale = w / box.w

    def pt(p: tuple[float, float]) -> str:
        px = (x + (p[0] - box.x) * scale) * k
        py = (page_h - y - (p[1] - box.y) * scale) * k
        return f"{px:.2f} {py:.2f}"

    h = box.h * scale
    ops = ["q", f"{x * k:.2f} {(page_h - y - h) * k:.2f} {w * k:.2f} {h * k:.2f} re W n", "1 j"]
    for paint in paints:
        if paint.fill is None and paint.stroke is None:
            continue
        path = []
        for seg in paint.shape.segments:
            points = seg[1:]
            if seg[0] == "Z":
                path.append("h")
            else:
                path.append(
                    " ".join(pt(p) for p in points) + {"M": " m", "L": " l"}.get(seg[0], " c")
                )
        if paint.fill is not None:
            ops.append(f"{_hex(paint.fill)} rg")
        if paint.stroke is not None:
            ops.append(f"{_hex(paint.stroke)} RG {paint.width * scale * k:.3f} w")
            ops.append("1 J" if paint.round else "0 J")
        paint_op = "B" if paint.fill and paint.stroke else "f" if paint.fill else "S"
        ops.append(" ".join(path) + " " + paint_op)
    ops.append("Q")
    pdf._out("\n".join(ops))  # raw operators: see the docstring


def _card(doc: _Handout, ex: Exercise, item: PlanItem) -> None:
    pdf = doc.pdf
    text_w = doc.width - 6
    x0, y0 = pdf.l_margin, pdf.get_y()
    pdf.set_xy(x0 + 3, y0 + 3)
    texts = _card_texts(ex, item)
    for number, (text, size, bold, mark) in enumerate(texts):
        doc.font(size, bold)
        pdf.set_x(x0 + 3)
        if mark:
            pdf.cell(BULLET_W, size * LINE, mark)
        width = text_w - 3 - (BULLET_W if mark else 0)
        doc.write(width, text, size, bold, new_x="LEFT")
        pdf.ln(1.0)
        drawing = _drawing(ex) if number == 0 else None
        if drawing is not None:
            top = pdf.get_y() + 1.0
            used = _draw_drawing(doc, drawing, x0 + 3, top)
            pdf.set_xy(x0 + 3, top + used + 2.0)
    bottom = pdf.get_y() + 3
    pdf.set_line_width(0.5)
    pdf.rect(x0, y0, doc.width, bottom - y0)
    pdf.set_line_width(0.2)
    pdf.set_xy(x0, bottom + 5)


def programme_pdf(plan: Plan, catalogue: Catalogue, *, paper: str = "a4") -> bytes:
    """The printable programme: cover, a page per week, an exercise card per exercise."""
    token = _CATALOGUE.set(catalogue)
    try:
        return _programme(plan, catalogue, paper)
    finally:
        _CATALOGUE.reset(token)


def _programme(plan: Plan, catalogue: Catalogue, paper: str) -> bytes:
    doc = _Handout(paper, _("footcore programme for %(name)s") % {"name": plan.profile.name})
    _cover(doc, plan)
    for week in plan.weeks:
        _week_pages(doc, plan, week)
    firsts: dict[str, PlanItem] = {}
    for day in plan.days:
        for item in (*day.items, *([day.walking] if day.walking else [])):
            firsts.setdefault(item.exercise, item)
    doc.pdf.add_page()
    doc.text(_("Exercise cards"), H1, bold=True)
    doc.text(_("Each card shows the dose you start with; the week pages show how it grows."))
    doc.pdf.ln(4)
    pending = [(catalogue.get(slug), item) for slug, item in firsts.items() if slug in catalogue]
    text_w = doc.width - 6
    heights = [_card_height(doc, ex, item, text_w) for ex, item in pending]
    # Cards in the order the plan first uses them; when the next one does not fit on the
    # page, a later one that does fills the space, so that little paper is left blank.
    order = list(range(len(pending)))
    while order:
        space = doc.space_left()
        index = next((i for i in order if heights[i] <= space), None)
        if index is None:
            doc.pdf.add_page()
            index = order[0]
        order.remove(index)
        _card(doc, *pending[index])
    return doc.output()


# --------------------------------------------------------------------------------------------
# The progress report


def _g(value: float) -> str:
    """``value`` as ``:g`` writes it (``77.5``), with the current language's decimal mark
    (``77,5``)."""
    text = f"{value:g}"
    language = current()
    return text if language == "en" else text.replace(".", get_decimal_symbol(language))


def _pct(value: float | None) -> str:
    return _("nothing planned yet") if value is None else f"{_g(value)}%"


def _marker(pdf: FPDF, kind: str, x: float, y: float, r: float = 1.5) -> None:
    if kind == "circle":
        pdf.circle(x, y, r, style="DF")
    elif kind == "square":
        pdf.rect(x - r, y - r, 2 * r, 2 * r, style="DF")
    elif kind == "triangle":
        pdf.polygon([(x, y - r * 1.2), (x + r * 1.2, y + r), (x - r * 1.2, y + r)], style="DF")
    else:
        pdf.polygon(
            [(x, y - r * 1.3), (x + r * 1.3, y), (x, y + r * 1.3), (x - r * 1.3, y)], style="DF"
        )


@dataclass(frozen=True)
class _Series:
    label: str
    marker: str
    points: Sequence[tuple[dt.date, float]]
    dashed: bool = False


@dataclass(frozen=True)
class _Band:
    low: float
    high: float
    label: str


def _chart(
    doc: _Handout,
    box: tuple[float, float, float, float],
    series: Sequence[_Series],
    *,
    bands: Sequence[_Band] = (),
    y_range: tuple[float, float] | None = None,
    y_format: Callable[[float], str] = _g,
    ticks: Sequence[float] | None = None,
) -> None:
    """A small line chart in ``box`` (x, y, width, height): axes in black, bands in grey with
    their names written in."""
    x, y, w, h = box
    pdf = doc.pdf
    dates = sorted({d for s in series for d, _ in s.points})
    y_low, y_high = _chart_range(series, bands, y_range)
    doc.font(SMALL - 1)
    widest = max(
        pdf.get_string_width(y_format(round(v, 1)))
        for v in (ticks if ticks is not None else (y_low, y_high))
    )
    left = x + max(12.0, widest + 3)
    plot = _Plot(left, y, w - (left - x) - 2, h - 9, dates, y_low, y_high)
    _draw_bands(doc, plot, bands)
    _draw_axes(doc, plot, y_format, ticks)
    _draw_series(pdf, plot, series)
    pdf.set_line_width(0.2)


def _chart_range(
    series: Sequence[_Series], bands: Sequence[_Band], y_range: tuple[float, float] | None
) -> tuple[float, float]:
    """The values the y axis spans: ``y_range`` when given, else every point and band with
    some room above and below."""
    if y_range is not None:
        return y_range
    values = (
        [v for s in series for _, v in s.points] + [b.low for b in bands] + [b.high for b in bands]
    )
    low, high = min(values), max(values)
    pad = (high - low) * 0.15 or max(1.0, abs(high) * 0.1)
    return (low - pad, high + pad)


@dataclass(frozen=True)
class _Plot:
    """A chart's plot area on the page (left, top, width, height), the dates it spans and the
    values from bottom to top; ``px`` and ``py`` place a date and a value in it."""

    left: float
    top: float
    w: float
    h: float
    dates: Sequence[dt.date]
    y_low: float
    y_high: float

    def px(self, day: dt.date) -> float:
        if len(self.dates) == 1:
            return self.left + self.w / 2
        span = (self.dates[-1] - self.dates[0]).days or 1
        return self.left + 4 + (self.w - 8) * (day - self.dates[0]).days / span

    def py(self, value: float) -> float:
        return self.top + self.h - self.h * (value - self.y_low) / ((self.y_high - self.y_low) or 1)


def _draw_bands(doc: _Handout, plot: _Plot, bands: Sequence[_Band]) -> None:
    """Each band as a grey area across the plot, its name written at its top left."""
    pdf = doc.pdf
    for band in bands:
        top, bottom = plot.py(min(band.high, plot.y_high)), plot.py(max(band.low, plot.y_low))
        pdf.set_fill_color(LIGHT)
        pdf.rect(plot.left, top, plot.w, bottom - top, style="F")
        doc.font(SMALL - 1)
        pdf.set_text_color(BLACK)
        pdf.text(plot.left + 1.5, top + 3.5, band.label)


def _draw_axes(
    doc: _Handout, plot: _Plot, y_format: Callable[[float], str], ticks: Sequence[float] | None
) -> None:
    """Both axes, the y axis with its ticks (bottom, middle and top unless given) and the x
    axis with up to four dates (else the first, middle and last)."""
    pdf = doc.pdf
    left, y, plot_w, plot_h = plot.left, plot.top, plot.w, plot.h
    pdf.set_draw_color(BLACK)
    pdf.set_line_width(0.3)
    pdf.line(left, y, left, y + plot_h)
    pdf.line(left, y + plot_h, left + plot_w, y + plot_h)
    doc.font(SMALL - 1)
    y_low, y_high = plot.y_low, plot.y_high
    for value in ticks if ticks is not None else (y_low, (y_low + y_high) / 2, y_high):
        label = y_format(round(value, 1))
        pdf.text(left - 1.5 - pdf.get_string_width(label), plot.py(value) + 1.2, label)
        pdf.line(left - 1, plot.py(value), left, plot.py(value))
    dates = plot.dates
    shown = dates if len(dates) <= 4 else [dates[0], dates[len(dates) // 2], dates[-1]]
    for day in shown:
        label = format_date(day, "d MMM", locale=current())
        pdf.text(plot.px(day) - pdf.get_string_width(label) / 2, y + plot_h + 4.5, label)


def _draw_series(pdf: FPDF, plot: _Plot, series: Sequence[_Series]) -> None:
    """Each series as a line (dashed if asked) through its points, each point marked."""
    for s in series:
        pts = [(plot.px(d), plot.py(v)) for d, v in s.points]
        pdf.set_line_width(0.5)
        if s.dashed:
            pdf.set_dash_pattern(dash=1.5, gap=1.2)
        for (x1, y1), (x2, y2) in itertools.pairwise(pts):
            pdf.line(x1, y1, x2, y2)
        pdf.set_dash_pattern()
        pdf.set_fill_color(BLACK if s.marker in ("circle", "triangle") else 255)
        pdf.set_line_width(0.35)
        for px_, py_ in pts:
            _marker(pdf, s.marker, px_, py_)


def _legend(doc: _Handout, series: Sequence[_Series], x: float, y: float) -> float:
    """Each series' marker and label from (x, y), side by side; a label that would run past
    the right margin (a longer language's) starts a line of its own. Returns the baseline
    of the last line."""
    pdf = doc.pdf
    doc.font(SMALL)
    start, right = x, pdf.w - pdf.r_margin
    for s in series:
        if x > start and x + 5 + pdf.get_string_width(s.label) > right:
            x, y = start, y + SMALL * LINE + 1
        pdf.set_fill_color(BLACK if s.marker in ("circle", "triangle") else 255)
        _marker(pdf, s.marker, x + 2, y - 1.2)
        pdf.text(x + 5, y, s.label)
        x += 10 + pdf.get_string_width(s.label)
    return y


def _trend_series(trend: SelfTestTrend) -> list[tuple[dt.date, float]]:
    return [(d, float(v)) for d, v in trend.points if v is not None]


def _smallest_real_change(trend: SelfTestTrend) -> float | None:
    if trend.overall is not None and trend.overall.smallest_real_change is not None:
        return trend.overall.smallest_real_change
    test = TESTS.get(trend.test_id)
    return test.smallest_real_change if test is not None else None


@dataclass(frozen=True)
class _Scale:
    y_range: tuple[float, float] | None
    ticks: Sequence[float] | None
    words: Sequence[str] | None  # ordinal results: the word for 0, 1, 2, ...
    unit: str


def _scale(trend: SelfTestTrend) -> _Scale:
    """How a test's values are drawn: ordinal grades as words, bounded scales in full."""
    test = TESTS.get(trend.test_id)
    shape = test.shape.value if test is not None else ""
    if shape == "grade":
        return _Scale((-0.3, 2.3), (0, 1, 2), (_("poor"), _("fair"), _("good")), "")
    if shape == "pass-fail":
        return _Scale((-0.3, 1.3), (0, 1), (_("fail"), _("pass")), "")
    if shape == "toe-items":
        return _Scale((0, 9), (0, 3, 6, 9), None, _("points of 9"))
    if shape == "pain":
        return _Scale((0, 10), (0, 5, 10), None, _("out of 10"))
    if trend.unit == "%":
        return _Scale((0, 100), (0, 50, 100), None, "%")
    return _Scale(None, None, None, trend.unit)


def _shown(value: float, scale: _Scale) -> str:
    if scale.words is not None:
        index = round(value)
        return scale.words[index] if 0 <= index < len(scale.words) else _g(value)
    return f"{_g(value)} {scale.unit}".strip()


def _trend_title(trend: SelfTestTrend) -> str:
    parts = {"left": N_("left foot"), "right": N_("right foot"), "value": ""}
    if trend.test_id == "faam":
        parts = {"adl": N_("daily living"), "sports": N_("sports")}
    word = parts.get(trend.part, trend.part)
    part = _(word) if word else ""
    name = _(trend.name)  # the self-tests' names are in the catalogues (footcore.i18n.extract)
    return f"{name}, {part}" if part else name


def progress_pdf(data: ProgressHandout, *, paper: str = "a4") -> bytes:
    """The printable progress report."""
    doc = _Handout(paper, _("footcore progress report for %(name)s") % {"name": data.athlete})
    pdf = doc.pdf
    pdf.add_page()
    doc.text(_("Your progress"), H1, bold=True)
    up_to = {"name": data.athlete, "date": _full_date(data.date)}
    doc.text(_("%(name)s, up to %(date)s") % up_to, H3)
    pdf.ln(3)
    doc.heading(_("Sessions done"), H2)
    o, t = data.overall, data.this_week
    doc.bullets(
        [
            _(
                "Since the start: %(done)s of %(planned)s sessions (%(pct)s), %(done_minutes)s "
                "of %(planned_minutes)s minutes."
            )
            % {
                "done": o.done_sessions,
                "planned": o.planned_sessions,
                "pct": _pct(o.sessions_pct),
                "done_minutes": _g(o.done_minutes),
                "planned_minutes": _g(o.planned_minutes),
            },
            _("This programme week: %(done)s of %(planned)s sessions (%(pct)s).")
            % {"done": t.done_sessions, "planned": t.planned_sessions, "pct": _pct(t.sessions_pct)},
            _("Days in a row with foot work: %(now)s now, %(most)s at most.")
            % {"now": data.streaks.current, "most": data.streaks.longest},
        ]
    )
    pdf.ln(2)
    if data.weeks:
        _minutes_table(doc, data.weeks)
    pdf.ln(2)
    doc.heading(_("Pain"), H2)
    _pain_chart(doc, data.pain)
    pdf.ln(2)
    doc.heading(_("Runs"), H3)
    message = said(data.runs_message).strip()
    if message:
        message = message[0].upper() + message[1:]
        doc.text(message if message.endswith(".") else message + ".")
    _trend_pages(doc, data.trends)
    return doc.output()


def _minutes_table(doc: _Handout, weeks: Sequence[WeekMinutes]) -> None:
    pdf = doc.pdf
    doc.heading(_("Minutes each week"), H3)
    doc.font(BODY)
    rows = [(_("Week starting"), _("Planned"), _("Done"), _("Share"))]
    for w in weeks[-8:]:
        share = f"{100 * w.done_minutes / w.planned_minutes:.0f}%" if w.planned_minutes else ""
        rows.append(
            (
                _long_date(w.week_start),
                f"{_g(w.planned_minutes)} min",
                f"{_g(w.done_minutes)} min",
                share,
            )
        )
    with pdf.table(
        col_widths=(60, 30, 30, 20),
        text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT"),
        line_height=BODY * LINE,
        headings_style=_bold_heading(),
        borders_layout="HORIZONTAL_LINES",
        width=doc.width * 0.85,
        align="LEFT",
    ) as table:
        for row in rows:
            table.row(row)


def _bold_heading() -> Any:
    return FontFace(emphasis="BOLD", fill_color=LIGHT)


def _pain_chart(doc: _Handout, pain: Sequence[PainPoint]) -> None:
    during = [(p.date, float(p.during)) for p in pain if p.during is not None]
    morning = [(p.date, float(p.next_morning)) for p in pain if p.next_morning is not None]
    if not during and not morning:
        doc.text(_("No pain recorded yet."))
        return
    series = [
        _Series(_("During the foot work (filled circles)"), "circle", during),
        _Series(_("Next morning (open squares, dashed)"), "square", morning, dashed=True),
    ]
    series = [s for s in series if s.points]
    h = 62.0
    if doc.space_left() < h + 16:
        doc.pdf.add_page()
    doc.text(
        _("0 to 10. Up to 3 is fine, 4 or 5 is acceptable, above 5 means ease off."), SMALL + 1
    )
    y = doc.pdf.get_y() + 2
    _chart(
        doc,
        (doc.pdf.l_margin, y, doc.width, h),
        series,
        bands=[_Band(0, 3, _("0-3: fine"))],
        y_range=(0, 10),
    )
    last = _legend(doc, series, doc.pdf.l_margin + 12, y + h + 4)
    doc.pdf.set_y(last + 3)


def _trend_pages(doc: _Handout, trends: Sequence[SelfTestTrend]) -> None:
    pdf = doc.pdf
    _trend_intro(doc)
    usable = [t for t in trends if _trend_series(t)]
    if not usable:
        doc.text(_("No self-test results recorded yet."))
        return
    col_w = (doc.width - 8) / 2
    chart_h = 48.0
    block_h = chart_h + 34
    for index, trend in enumerate(usable):
        column = index % 2
        if column == 0 and doc.space_left() < block_h:
            pdf.add_page()
        x = pdf.l_margin + column * (col_w + 8)
        y = pdf.get_y()
        _trend_block(doc, trend, (x, y, col_w, chart_h))
        if column == 0:
            pdf.set_y(y)
        else:
            pdf.set_y(y + block_h)
            pdf.set_x(pdf.l_margin)
    if len(usable) % 2 == 1:
        pdf.set_y(pdf.get_y() + block_h)


def _trend_intro(doc: _Handout) -> None:
    """A new page, its title and how to read the charts."""
    doc.pdf.add_page()
    doc.text(_("Self-tests"), H1, bold=True)
    doc.text(
        _(
            "Each chart shows your results over time. The grey band is the range around your "
            "first result that measuring error alone can explain: a result outside it is a "
            "real change."
        )
    )
    doc.pdf.ln(3)


def _trend_block(
    doc: _Handout, trend: SelfTestTrend, box: tuple[float, float, float, float]
) -> None:
    """One test in its column: the title, the chart (``box`` is x, y, the column's width and
    the chart's height) and the latest result with its verdict."""
    x, y, col_w, chart_h = box
    pdf = doc.pdf
    pdf.set_xy(x, y)
    doc.font(BODY, bold=True)
    pdf.multi_cell(col_w, BODY * LINE, _trend_title(trend), align="L", new_x="LEFT", new_y="NEXT")
    points = _trend_series(trend)
    scale = _scale(trend)
    bands, y_range = _noise_band(trend, points, scale)
    _chart(
        doc,
        (x, pdf.get_y() + 1, col_w, chart_h),
        [_Series("results", "circle", points)],
        bands=bands,
        y_range=y_range,
        y_format=_value_label(scale.words),
        ticks=scale.ticks,
    )
    pdf.set_xy(x, pdf.get_y() + chart_h + 2)
    doc.font(SMALL + 0.5)
    latest = _("Latest: %(value)s.") % {"value": _shown(points[-1][1], scale)}
    verdict = f"{latest} {_(trend.label).capitalize()}."
    pdf.multi_cell(col_w, (SMALL + 0.5) * LINE, verdict, align="L", new_x="LEFT", new_y="NEXT")


def _noise_band(
    trend: SelfTestTrend, points: Sequence[tuple[dt.date, float]], scale: _Scale
) -> tuple[list[_Band], tuple[float, float] | None]:
    """The band around the first result that measuring error alone explains (none for a
    test graded in words), and the y range that shows it when the scale has none."""
    src = _smallest_real_change(trend) if scale.words is None else None
    bands = []
    if src is not None:
        first = points[0][1]
        bands.append(_Band(first - src, first + src, f"±{_g(src)} {scale.unit}".strip()))
    y_range = scale.y_range
    if y_range is None and src is not None:
        values = [v for _, v in points]
        low = min([*values, points[0][1] - src])
        high = max([*values, points[0][1] + src])
        pad = (high - low) * 0.12 or 1.0
        y_range = (max(0.0, low - pad), high + pad)
    return bands, y_range


def _value_label(words: Sequence[str] | None) -> Callable[[float], str]:
    """How the y axis writes a value: the number, or the grade's word (blank off the scale)."""

    def label(v: float) -> str:
        if words is None:
            return _g(v)
        index = round(v)
        return words[index] if 0 <= index < len(words) else ""

    return label

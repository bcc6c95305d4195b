"""The printable handouts: read back with pypdf (text, page sizes, fonts) and rendered to
images with pypdfium2 to prove every page opens and has ink on it."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest
from pypdf import PdfReader

from footcore import i18n
from footcore.catalogue.loader import builtin_catalogue
from footcore.domain import progress as maths
from footcore.domain.assessments import score_battery
from footcore.domain.errors import FootcoreError
from footcore.domain.planning import Plan, generate_plan
from footcore.domain.profile import parse_profile
from footcore.domain.progress_handout import PainPoint, ProgressHandout
from footcore.io.pdf import _Handout, programme_pdf, progress_pdf

START = dt.date(2027, 1, 4)
PROFILE: dict[str, Any] = {
    "name": "Zoë Ødegård",
    "age": 71,
    "sex": "female",
    "goals": ["general", "falls-prevention"],
    "equipment": ["chair", "band", "ball"],
    "minutes_per_day": 10,
    "slots": ["morning", "tv"],
    "pain": {"nrs": 6, "site": "heel"},
}
# Page sizes in PostScript points.
SIZES = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}


@pytest.fixture(scope="module")
def plan() -> Plan:
    return generate_plan(parse_profile(PROFILE), builtin_catalogue(), START, 2)


def text_of(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def assert_pages_render_with_ink(data: bytes) -> int:
    document = pdfium.PdfDocument(data)
    for index in range(len(document)):
        image = document[index].render(scale=0.5, grayscale=True).to_pil()
        darkest, _ = image.getextrema()
        assert darkest < 80, f"page {index + 1} is blank"
    pages = len(document)
    document.close()
    return pages


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_programme_prints_on_both_paper_sizes_and_every_page_renders(
    plan: Plan, paper: str
) -> None:
    data = programme_pdf(plan, builtin_catalogue(), paper=paper)
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (width, height) == pytest.approx(SIZES[paper], abs=0.5)
    pages = assert_pages_render_with_ink(data)
    assert pages == len(reader.pages) >= 1 + len(plan.weeks) + 1


def test_the_programme_holds_each_week_each_day_and_a_card_per_exercise(plan: Plan) -> None:
    text = text_of(programme_pdf(plan, builtin_catalogue()))
    assert "Your foot and ankle programme" in text
    assert "For Zoë Ødegård" in text  # Unicode survives
    for week in plan.weeks:
        assert f"Week {week.number}" in text
    assert "Monday 4 January" in text
    catalogue = builtin_catalogue()
    exercises = {i.exercise for d in plan.days for i in d.items}
    for slug in exercises:
        ex = catalogue.get(slug)
        assert ex.name in text
        assert ex.cues[0][:30] in " ".join(text.split())
    assert "Take care:" in text
    for flag in plan.flags:
        assert flag.message[:25] in " ".join(text.split())


def test_the_programme_embeds_the_unicode_font(plan: Plan) -> None:
    reader = PdfReader(io.BytesIO(programme_pdf(plan, builtin_catalogue())))
    fonts = set()
    for page in reader.pages:
        resources: Any = page["/Resources"].get_object()
        for font in resources.get("/Font", {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts
    assert all("DejaVuSans" in f for f in fonts)


def test_an_unknown_paper_size_is_a_user_error(plan: Plan) -> None:
    with pytest.raises(FootcoreError, match="unknown paper size 'a3'"):
        programme_pdf(plan, builtin_catalogue(), paper="a3")


def skin_pixels(image: Any) -> int:
    """Pixels in the drawings' skin colour (the figure's fill)."""
    colours = image.convert("RGB").getcolors(maxcolors=1 << 20) or []
    return sum(n for n, (r, g, b) in colours if abs(r - 247) + abs(g - 235) + abs(b - 224) < 6)


def test_every_exercise_card_shows_the_exercise_drawn_with_numbered_captions(plan: Plan) -> None:
    catalogue = builtin_catalogue()
    data = programme_pdf(plan, catalogue)
    used = {i.exercise for d in plan.days for i in d.items}
    document = pdfium.PdfDocument(data)
    cards = 0
    for index, page in enumerate(PdfReader(io.BytesIO(data)).pages):
        text = page.extract_text().replace("\n", " ")
        on_page = text.count("Works on:")
        if not on_page:
            continue
        cards += on_page
        image = document[index].render(scale=0.6).to_pil()
        assert skin_pixels(image) > 40 * on_page, f"page {index + 1}: a card has no drawing"
    document.close()
    assert cards == len(used)
    text = text_of(data).replace("\n", " ")
    for slug in used:
        demo = catalogue.get(slug).demo
        assert demo is not None
        assert f"1. {demo.poses[0].label}"[:18] in text


def test_remembered_line_breaks_match_fpdf2_for_each_width_size_and_weight() -> None:
    doc = _Handout("a4", "test")
    doc.pdf.add_page()
    text = "Heel raise on a step, towel under the toes: 3 x 12, 3 s up, 2 s hold, 3 s down"
    seen = set()
    for w, size, bold in ((40.0, 13.0, False), (120.0, 13.0, False), (40.0, 11.0, False),
                          (40.0, 13.0, True), (40.0, 13.0, False)):  # fmt: skip
        got = doc.lines(w, text, size, bold)
        doc.font(size, bold)
        fresh = doc.pdf.multi_cell(w, size * 0.55, text, dry_run=True, output="LINES")
        assert list(got) == fresh
        seen.add(got)
    assert len(seen) >= 3  # the widths, sizes and weights really break the text differently


def test_line_breaks_match_fpdf2_for_every_catalogue_text() -> None:
    """footcore breaks lines itself (fast); every text of the catalogue at the handout's
    widths and sizes breaks exactly as fpdf2's own multi_cell breaks it."""
    doc = _Handout("a4", "test")
    doc.pdf.add_page()
    texts = {"", "a\n\nb", "x" * 300, "word " * 40, "  leading", "trailing  "}
    for ex in builtin_catalogue():
        texts |= {ex.name, ex.description, *ex.cues, *ex.cautions, *ex.faults}
    for text in texts:
        for w in (37.3, 110.0):
            for size, bold in ((11.0, False), (13.0, True)):
                doc.font(size, bold)
                fpdf = doc.pdf.multi_cell(w, size * 0.55, text, dry_run=True, output="LINES")
                assert list(doc.lines(w, text, size, bold)) == fpdf, (text, w, size, bold)


def handout() -> ProgressHandout:
    first = {
        "age": 71,
        "sex": "female",
        "date": "2027-01-04",
        "results": {
            "knee_to_wall_cm": {"left": 8.0, "right": 11.0},
            "paper_grip": {"left": "fail", "right": "pass"},
            "pain_nrs": 5,
        },
    }
    second = {
        **first,
        "date": "2027-02-01",
        "results": {
            "knee_to_wall_cm": {"left": 10.5, "right": 11.2},
            "paper_grip": {"left": "pass", "right": "pass"},
            "pain_nrs": 2,
        },
    }
    trends = maths.self_test_trends([score_battery(first), score_battery(second)])
    return ProgressHandout(
        athlete="Zoë",
        date=dt.date(2027, 2, 1),
        overall=maths.Adherence(40, 31, 300.0, 240.5),
        this_week=maths.Adherence(3, 2, 20.0, 14.0),
        streaks=maths.Streaks(4, 9),
        weeks=[maths.WeekMinutes(START + dt.timedelta(days=7 * i), 70.0, 50.0) for i in range(4)],
        trends=trends,
        pain=[PainPoint(START + dt.timedelta(days=2 * i), 6 - i % 5, 3) for i in range(10)],
        runs_message="Too few runs to compare yet.",
    )


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_progress_report_shows_adherence_pain_and_a_chart_per_result(paper: str) -> None:
    data = progress_pdf(handout(), paper=paper)
    assert assert_pages_render_with_ink(data) >= 2
    text = " ".join(text_of(data).split())
    assert "Your progress" in text
    assert "31 of 40 sessions (77.5%)" in text
    assert "Days in a row with foot work: 4 now, 9 at most." in text
    assert "During the foot work (filled circles)" in text
    assert "Next morning (open squares, dashed)" in text
    assert "Knee-to-wall, left foot" in text
    assert "±1.9 cm" in text  # the real-change band is named in words
    assert "Latest: 10.5 cm. Real change (better)." in text
    assert "Latest: pass." in text  # ordinal results are shown as words
    assert "Too few runs to compare yet." in text


def test_the_programme_prints_in_the_language_of_the_work_at_hand(plan: Plan) -> None:
    with i18n.use("es"):
        data = programme_pdf(plan, builtin_catalogue())
    assert assert_pages_render_with_ink(data) >= 3
    text = " ".join(text_of(data).split())
    for spanish in (
        "Tu programa de pie y tobillo",
        "Cómo usar este cuadernillo",
        "Semana 1 · nivel",
        "lunes 4 de enero",
        "Fichas de ejercicios",
        "Dosis: ",
        "Trabaja: ",
        "página 1 de",
    ):
        assert spanish in text
    for english in ("How to use this booklet", "Exercise cards", "Works on:", "Rest day"):
        assert english not in text
    # The English handout is as it was.
    assert "How to use this booklet" in " ".join(
        text_of(programme_pdf(plan, builtin_catalogue())).split()
    )


def test_the_progress_report_prints_in_spanish() -> None:
    with i18n.use("es"):
        text = " ".join(text_of(progress_pdf(handout())).split())
    assert "Tu progreso" in text
    assert "Días seguidos con trabajo de pies: 4 ahora, 9 como máximo." in text
    assert "Durante el trabajo de pies (círculos rellenos)" in text
    assert "Rodilla a la pared" in text  # a self-test's name, from the catalogue
    assert "Days in a row" not in text
    # The report's own words about each result, its numbers and its dates are Spanish too.
    assert "31 de 40 sesiones (77,5%), 240,5 de 300 minutos." in text
    assert "Rodilla a la pared, pie izquierdo ±1,9 cm" in text
    assert "Último: 10,5 cm. Cambio real (a mejor)." in text
    assert "Último: 11,2 cm. Dentro del ruido de medida." in text
    assert "no superada superada" in text  # the pass/fail axis in words
    assert "Último: superada. No hay un cambio real mínimo publicado." in text
    assert "Último: 2 de 10. Cambio real (a mejor)." in text
    assert "4 ene" in text
    for english in ("Jan", "Feb", "Real change", "measurement noise", "left foot", "pass."):
        assert english not in text


def test_the_progress_report_keeps_every_word_on_the_page_in_a_longer_language() -> None:
    # The pain chart's legend is longer in Spanish than one line holds: it goes on a
    # second line instead of past the edge of the paper.
    for language in ("en", "es"):
        with i18n.use(language):
            document = pdfium.PdfDocument(progress_pdf(handout()))
        for index in range(len(document)):
            page = document[index]
            text = page.get_textpage()
            right = max(text.get_charbox(i)[2] for i in range(text.count_chars()))
            assert right <= page.get_width() - 10, (language, index + 1, right)

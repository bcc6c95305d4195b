"""The exercise library: search and filters, exercise cards, one page per exercise."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from footcore import i18n
from footcore.domain.errors import NotFoundError
from footcore.domain.exercise import Catalogue, Exercise
from footcore.domain.vocab import Category, Equipment, Goal, Slot, Target
from footcore.drawing.render import drawing_of
from footcore.i18n import gettext as _
from footcore.web.deps import CatalogueDep, LibraryQueryDep
from footcore.web.nav import NavItem
from footcore.web.page_cache import page_cache, viewer_of
from footcore.web.routing import GuardedRouter
from footcore.web.templating import render

router = GuardedRouter(include_in_schema=False)
#: The library page itself, matched before every other route (:data:`footcore.web.pages.KEPT`).
kept = GuardedRouter(include_in_schema=False)
NAV = NavItem("library", "Library", "/library")


def _is_partial(request: Request) -> bool:
    """htmx asks for the results only; a history restore needs the whole page."""
    headers = request.headers
    return "hx-request" in headers and "hx-history-restore-request" not in headers


@kept.get("/library", response_class=HTMLResponse)
async def library(request: Request, catalogue: CatalogueDep, query: LibraryQueryDep) -> Response:
    """Rendered once per query, language and viewer for the built-in catalogue, then served
    from :mod:`footcore.web.page_cache`; a catalogue with a coach's own exercises (built per
    request) is rendered every time."""
    name = "library/_results.html" if _is_partial(request) else "library/index.html"

    def rendered(csrf_token: str) -> bytes:
        context = {
            "query": query,
            "exercises": query.run(catalogue),
            "total": len(catalogue),
            "categories": list(Category),
            "slots": list(Slot),
            "targets": list(Target),
            "goals": list(Goal),
            "equipment": list(Equipment),
            "title": _("Exercise library"),
            "csrf_token": csrf_token,
        }
        return bytes(render(request, name, context).body)

    builtin = catalogue is request.app.state.footcore.services.ctx.catalogue()
    seen_by = await viewer_of(request)
    key = ("library", name, query, seen_by) if builtin else None
    return await page_cache(request).response(request, key, 0, rendered, vary=("HX-Request",))


def _linked(catalogue: Catalogue, slugs: tuple[str, ...]) -> list[Exercise]:
    return [catalogue.get(s) for s in slugs if s in catalogue]


@router.get("/library/{slug}", response_class=HTMLResponse)
def exercise_page(request: Request, slug: str, catalogue: CatalogueDep) -> HTMLResponse:
    ex = catalogue.get(slug)
    chain = [catalogue.get(s) for s in catalogue.chain_of(slug)]
    in_chain = {c.slug for c in chain}
    context = {
        "ex": ex,
        "chain": chain,
        "harder": [e for e in _linked(catalogue, ex.progressions) if e.slug not in in_chain],
        "easier": [e for e in _linked(catalogue, ex.regressions) if e.slug not in in_chain],
        "sources": [catalogue.sources[s] for s in ex.sources if s in catalogue.sources],
        "title": ex.name,
    }
    return render(request, "library/exercise.html", context)


def _drawing_file(ex: Exercise, *, animated: bool, captions: bool = False) -> Response:
    drawing = drawing_of(ex)
    if drawing is None:
        raise NotFoundError("drawing for exercise", ex.slug)
    # A coach's exercise is for the coach's people only: no shared caches.
    scope = "public" if ex.origin == "builtin" else "private"
    # One address, one file: English words whatever the browser asks (the pages carry the
    # drawings in their own language inline, and the image's alt text).
    with i18n.use(i18n.SOURCE):
        body = drawing.file(animated=animated, captions=captions)
    return Response(
        body,
        media_type="image/svg+xml",
        headers={"Cache-Control": f"{scope}, max-age=3600"},
    )


@router.get("/library/{slug}/demo.svg", response_model=None)
def exercise_animation(slug: str, catalogue: CatalogueDep) -> Response:
    """The exercise's drawing as an animated SVG file (still for a held exercise)."""
    return _drawing_file(catalogue.get(slug), animated=True)


@router.get("/library/{slug}/frames.svg", response_model=None)
def exercise_frames(slug: str, catalogue: CatalogueDep) -> Response:
    """The exercise's key poses side by side, with captions, as an SVG file."""
    return _drawing_file(catalogue.get(slug), animated=False)

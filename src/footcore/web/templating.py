"""Jinja templates: one environment per app, with footcore's helpers as globals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import jinja2
from babel.dates import format_date
from babel.numbers import format_decimal
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from footcore import __version__, i18n
from footcore.domain.languages import LANGUAGES, SOURCE
from footcore.domain.wording import (
    count,
    item_dose_text,
    result_text,
    rule_titles,
    why_text,
)
from footcore.i18n.plan_words import change_text, flag_name, plan_text
from footcore.i18n.words import dose_words
from footcore.i18n.words import said as said_in_language
from footcore.web.auth import (
    athlete_of,
    csrf_token,
    multi_user,
    principal_of,
    remember_presession,
    sign_in_of,
)
from footcore.web.demos import demo_frames, demo_live, demo_strip, demo_words
from footcore.web.footmap import foot_map, targets_sentence
from footcore.web.forms import field_name
from footcore.web.labels import EQUIPMENT_HINTS, label
from footcore.web.language import browser_language, chosen_language
from footcore.web.problems import problem_text

TEMPLATES_DIR = Path(__file__).parent / "templates"


STATIC_PREFIX = "/static/"


def static(path: str) -> str:
    """The URL of a static file (a same-origin path, never an absolute URL)."""
    return STATIC_PREFIX + path.lstrip("/")


def short_date(value: object) -> str:
    """``Saturday 21 November`` (``sábado 21 de noviembre``) for a date or an ISO date text,
    in the page's language."""
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    assert isinstance(day, dt.date)
    # Translators: a CLDR date pattern (EEEE weekday, d day, MMMM month; quote plain words).
    pattern = i18n.gettext("EEEE d MMMM")
    return format_date(day, pattern, locale=i18n.current())


def minutes_text(value: object) -> str:
    """``4.5 min`` (``4,5 min``); under a minute in seconds."""
    minutes = float(value) if isinstance(value, int | float | str) else 0.0
    if minutes < 1:
        return f"{round(minutes * 60)} s"
    return f"{format_decimal(minutes, '0.##', locale=i18n.current())} min"


def month_year(value: object) -> str:
    """``Nov 2026`` (``nov 2026``) for a date, in the page's language."""
    assert isinstance(value, dt.date)
    return format_date(value, "MMM y", locale=i18n.current())


def role_name(role: object) -> str:
    """An account's role in words, in the page's language."""
    words = {"athlete": i18n.gettext("athlete"), "coach": i18n.gettext("coach")}
    words["admin"] = i18n.gettext("admin")
    return words.get(str(role), str(role))


def group_kind(kind: object) -> str:
    """A group's kind (``club``, ``class``) in words, in the page's language."""
    words = {"club": i18n.gettext("club"), "class": i18n.gettext("class")}
    return words.get(str(kind), str(kind))


def study_status(status: object) -> str:
    """A study's state (``recruiting``, ``running``, ``closed``; ``started`` and ``closed``
    after an action) in words, in the page's language."""
    words = {"recruiting": i18n.gettext("recruiting"), "running": i18n.gettext("running")}
    words |= {"closed": i18n.gettext("closed"), "started": i18n.gettext("started")}
    return words.get(str(status), str(status))


def band_label(band: object) -> str:
    """A self-test band (``low``, ``typical``, ``high``) in words, capitalised."""
    words = {"low": i18n.gettext("Low"), "typical": i18n.gettext("Typical")}
    words["high"] = i18n.gettext("High")
    return words.get(str(band), str(band).capitalize())


def number(value: int | float) -> str:
    """A number with the page language's grouping (``2,500``; ``2500`` in Spanish, which
    groups from five digits)."""
    return format_decimal(value, locale=i18n.current())


@jinja2.pass_context
def exercise_name(context: Any, slug: object, fallback: object = "") -> str:
    """An exercise's name in the page's language, for a plan item or a log that carries its
    slug and its English name (``fallback``, also for an exercise no longer built in)."""
    request = context.get("request")
    catalogue = getattr(request.app.state, "catalogue", None) if request is not None else None
    if catalogue is not None and isinstance(slug, str) and slug in catalogue:
        return str(catalogue.get(slug).in_language(i18n.current()).name)
    return str(fallback or slug)


@jinja2.pass_context
def said(context: Any, text: object) -> str:
    """A sentence the domain kept as a ``Said`` (the class sheet's rules, changes, who needs
    the easier version) in the page's language, its exercises named in the language."""
    return said_in_language(text, lambda named: exercise_name(context, named.slug, named))


def plan_why(why: object) -> str:
    """A plan item's reason without its rule ids (``wording.why_text``), in the page's
    language (``footcore.i18n.plan_words``)."""
    return plan_text(why_text(str(why or "")))


def local_exercise(exercise: Any) -> Any:
    """An exercise with its words (name, description, cues, faults, cautions, substitutes,
    the drawing's captions) in the page's language, where the catalogue has them."""
    return exercise.in_language(i18n.current()) if hasattr(exercise, "in_language") else exercise


def local_dose_text(item: Any, *, rest: bool = False) -> str:
    """THE dose formatter (``footcore.domain.wording``) with the page language's words."""
    return item_dose_text(item, rest=rest, words=dose_words())


class LocalTest:
    """A self-test read in the page's language: its name, purpose, steps, equipment, norm
    summary and rules through the catalogue (``footcore.i18n.extract`` hands them to it);
    everything else as it is."""

    def __init__(self, test: Any) -> None:
        self._test = test

    def __getattr__(self, name: str) -> Any:
        # Deferred: PEP 562-style lazy attribute; the self-test texts load on first use.
        from footcore.i18n.extract import TEST_LISTS, TEST_TEXTS  # noqa: PLC0415

        value = getattr(self._test, name)
        if name in TEST_TEXTS and isinstance(value, str) and value:
            return i18n.gettext(value)
        if name in TEST_LISTS:
            return [i18n.gettext(v) for v in value]
        return value


def local_test(test: Any) -> Any:
    """The self-test with its words in the page's language."""
    return test if i18n.current() == SOURCE else LocalTest(test)


def make_templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=jinja2.select_autoescape(("html", "svg")),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    # {% trans %} blocks are one line of text whatever their line breaks in the template
    # (the extraction in babel.cfg says the same).
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_callables(  # type: ignore[attr-defined]
        i18n.gettext, i18n.ngettext, newstyle=True, pgettext=i18n.pgettext
    )
    env.globals.update(
        foot_map=foot_map,
        targets_sentence=targets_sentence,
        label=label,
        equipment_hints=EQUIPMENT_HINTS,
        version=__version__,
        static=static,
        field_name=field_name,
        short_date=short_date,
        number=number,
        role_name=role_name,
        group_kind=group_kind,
        study_status=study_status,
        problem_text=problem_text,
        band_label=band_label,
        month_year=month_year,
        exercise_name=exercise_name,
        minutes_text=minutes_text,
        dose_text=local_dose_text,  # the one dose formatter (footcore.domain.wording)
        count=count,
        result_text=result_text,
        why_text=plan_why,
        rule_titles=rule_titles,
        demo_live=demo_live,
        demo_strip=demo_strip,
        demo_frames=demo_frames,
        demo_words=demo_words,
        said=said,
    )
    env.filters["label"] = label
    env.filters["local"] = local_exercise
    env.filters["local_test"] = local_test
    env.filters["said_text"] = said
    env.filters["plan_text"] = plan_text
    env.filters["flag_name"] = flag_name
    env.filters["change_text"] = change_text
    env.filters["translate"] = lambda text: i18n.gettext(str(text)) if text else text
    return Jinja2Templates(env=env)


def _onboarded(request: Request) -> bool:
    """Whether the person asking has training data (asked once per request)."""
    return athlete_of(request) is not None


def account_context(request: Request) -> dict[str, Any]:
    """What every page shows about who is signed in, and the CSRF token its forms send."""
    multi = multi_user(request)
    sign_in = sign_in_of(request) if multi else None
    return {
        "csrf_token": csrf_token(request),
        "multi_user": multi,
        "account": sign_in.user if sign_in is not None else None,
        "principal": principal_of(request),
    }


def render(
    request: Request,
    name: str,
    context: dict[str, Any] | None = None,
    *,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """Render a page with the menu and the current path in its context."""
    templates: Jinja2Templates = request.app.state.templates
    principal = principal_of(request)
    full = {
        "nav": request.app.state.nav.items(
            onboarded=_onboarded(request),
            coach=principal.is_coach,
            accounts=not principal.local,
        ),
        "path": request.url.path,
        "openapi_url": request.app.openapi_url,
        "language": i18n.current(),
        "languages": LANGUAGES,
        "language_chosen": chosen_language(request),
        "language_browser": browser_language(request),
        **account_context(request),
        **(context or {}),
    }
    response = templates.TemplateResponse(
        request, name, full, status_code=status_code, headers=headers
    )
    remember_presession(request, response)
    return response

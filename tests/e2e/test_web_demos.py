"""The exercise drawings on the web: the exercise page, the SVG files, the player, the
class sheet (in-process HTTP)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest

from footcore.catalogue.loader import builtin_catalogue
from footcore.config import Settings
from footcore.web.app import create_app
from tests.e2e.browser.conftest import ANA
from tests.support.http import Client

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Client]:
    data = tmp_path_factory.mktemp("web-demos")
    c = Client(create_app(Settings.for_sqlite_file(data / "footcore.sqlite3")))
    yield c
    c.close()


def inline_svgs(html: str, css_class: str) -> list[str]:
    return re.findall(rf'<svg [^>]*class="{css_class}".*?</svg>', html, re.DOTALL)


def test_the_exercise_page_shows_the_movement_animated_and_step_by_step(client: Client) -> None:
    ex = builtin_catalogue().get("heel-raise-step-towel")
    assert ex.demo is not None
    html = client.get("/library/heel-raise-step-towel").text
    (live,) = inline_svgs(html, "demo-live")
    root = ElementTree.fromstring(live)
    assert root.findall(f".//{SVG}animateTransform")
    assert "3 s up, 2 s hold, 3 s down" in (root.findtext(f"{SVG}desc") or "")
    steps = re.findall(r'<span class="demo__number">(\d)</span> ([^<]+)</span>', html)
    assert steps == [(str(i), p.label) for i, p in enumerate(ex.demo.poses, 1)]
    assert len(inline_svgs(html, "demo-frame")) == len(ex.demo.poses)
    assert "/static/js/demo.js" in html
    assert "data-demo-pause" in html


def test_drawings_in_pages_carry_no_style_and_no_script(client: Client) -> None:
    for path in ("/library/short-foot-seated", "/library/big-toe-lift"):
        html = client.get(path).text
        for svg in inline_svgs(html, "demo-(?:live|frame)"):
            assert "style" not in svg
            assert "<script" not in svg
            assert " on" not in re.sub(r'"[^"]*"', '""', svg)  # no event handler attributes


@pytest.mark.parametrize("kind", ["demo", "frames"])
def test_each_drawing_is_an_svg_file_too(client: Client, kind: str) -> None:
    answer = client.get(f"/library/big-toe-lift/{kind}.svg")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("image/svg+xml")
    assert answer.headers["cache-control"] == "public, max-age=3600"
    root = ElementTree.fromstring(answer.content)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"


def test_a_drawing_of_an_unknown_exercise_is_a_404_with_suggestions(client: Client) -> None:
    answer = client.get("/library/big-toe-lfit/demo.svg")
    assert answer.status_code == 404
    assert "big-toe-lift" in answer.text


def test_the_player_holds_the_drawing_of_each_exercise_of_the_session(tmp_path: Path) -> None:
    c = Client(create_app(Settings.for_sqlite_file(tmp_path / "f.sqlite3")))
    try:
        start = dt.date(2027, 1, 4)
        assert (
            c.post(
                "/api/v1/onboarding", json={"profile": ANA, "start": start.isoformat()}
            ).status_code
            == 201
        )
        today = c.get("/api/v1/today", params={"date": start.isoformat()}).json()
        session = today["day"]["sessions"][0]
        html = c.get(f"/play/{session['slot']}", params={"date": start.isoformat()}).text
        held = re.findall(r'<template data-exercise="([a-z0-9-]+)">', html)
        assert held == list(dict.fromkeys(i["exercise"] for i in session["items"]))
        assert 'id="ex-demo"' in html
        for block in html.split("<template ")[1:]:
            assert 'class="demo-live"' in block
            assert 'class="demo-frames"' in block  # the still frames, for reduced motion
    finally:
        c.close()

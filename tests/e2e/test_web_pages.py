"""The pages in-process: they render, filter, draw the foot map and send security headers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from footcore.catalogue.loader import builtin_catalogue
from footcore.config import Settings
from footcore.domain import vocab
from footcore.domain.assessments import FAAM_ITEMS, TESTS
from footcore.domain.vocab import Category, Equipment, Target
from footcore.drawing import footmap
from footcore.drawing.footmap import HIGHLIGHT_FILL
from footcore.web.app import create_app
from footcore.web.demos import demo_words
from footcore.web.footmap import foot_map
from footcore.web.labels import LABELS
from footcore.web.nav import MENU, Navigation, NavItem
from tests.support.http import Client


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Client]:
    data = tmp_path_factory.mktemp("web-pages")
    c = Client(create_app(Settings.for_sqlite_file(data / "footcore.sqlite3")))
    yield c
    c.close()


class _Collector(HTMLParser):
    """Collects tags with their attributes, and the text of the whole page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> _Collector:
    c = _Collector()
    c.feed(html)
    return c


def card_slugs(html: str) -> list[str]:
    return re.findall(r'<a href="/library/([a-z0-9-]+)" class="card__link"', html)


def regions(svg: str) -> dict[str, str]:
    """Foot map region -> "on" or "off"."""
    return dict(re.findall(r'data-target="([a-z-]+)" data-state="(on|off)"', svg))


PAGES = ["/", "/library", "/library/short-foot-standing", "/self-tests", "/self-tests/faam"]


@pytest.mark.parametrize("path", PAGES)
def test_page_renders_with_layout_skip_link_and_labels(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = parse(response.text)
    tags = page.tags
    assert tags[0][0] == "html"
    assert tags[0][1]["lang"] == "en"
    assert ("a", {"class": "skip-link", "href": "#main"}) in tags
    assert any(t == "main" and a.get("id") == "main" for t, a in tags)
    assert any(t == "footer" for t, _ in tags)
    # Every form control has a label (for=id) or an aria-label.
    labelled = {a.get("for") for t, a in tags if t == "label"}
    for tag, attrs in tags:
        if tag in ("input", "select", "textarea") and attrs.get("type") != "hidden":
            assert attrs.get("id") in labelled or attrs.get("aria-label"), attrs
    # No inline script: every script is a same-origin file.
    for tag, attrs in tags:
        if tag == "script":
            assert (attrs.get("src") or "").startswith("/static/"), attrs
    assert "<script>" not in response.text


@pytest.mark.parametrize("path", PAGES)
def test_pages_send_the_security_headers(client: Client, path: str) -> None:
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["x-content-type-options"] == "nosniff"


def test_menu_before_onboarding_lists_only_pages_that_need_nobody(client: Client) -> None:
    html = client.get("/library").text
    nav = html.split('<nav class="site-nav"', 1)[1].split("</nav>", 1)[0]
    links = re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav)
    assert links == [("/library", "Library"), ("/self-tests", "Self-tests")]


def test_menu_lists_every_page_in_menu_order_once_onboarded(tmp_path: Path) -> None:
    client = Client(create_app(Settings.for_sqlite_file(tmp_path / "f.sqlite3")))
    try:
        client.post("/api/v1/onboarding", json={"profile": {"name": "Ana", "age": 38}})
        html = client.get("/library").text
    finally:
        client.close()
    nav = html.split('<nav class="site-nav"', 1)[1].split("</nav>", 1)[0]
    links = re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav)
    assert links == [
        ("/today", "Today"),
        ("/programme", "Programme"),
        ("/library", "Library"),
        ("/self-tests", "Self-tests"),
        ("/progress", "Progress"),
        ("/settings", "Settings"),
    ]
    assert list(MENU) == [
        "today",
        "programme",
        "library",
        "self-tests",
        "progress",
        "groups",
        "coach",
        "settings",
    ]
    assert 'href="/library" aria-current="page"' in nav


def test_navigation_keeps_the_menu_order_whatever_the_registration_order() -> None:
    nav = Navigation()
    nav.add(NavItem("settings", "Settings", "/settings"))
    nav.add(NavItem("today", "Today", "/today"))
    assert [i.key for i in nav.items()] == ["today", "settings"]
    with pytest.raises(ValueError, match="unknown menu entry"):
        nav.add(NavItem("shop", "Shop", "/shop"))
    with pytest.raises(ValueError, match="twice"):
        nav.add(NavItem("today", "Today", "/today"))
    assert MENU[0] == "today"


def test_library_lists_every_exercise_as_a_card(client: Client) -> None:
    html = client.get("/library").text
    assert card_slugs(html) == [ex.slug for ex in builtin_catalogue()]
    assert f"All {len(builtin_catalogue())} exercises" in html


def test_library_filters_by_search_category_and_equipment(client: Client) -> None:
    params = {"q": "heel", "category": "strengthen", "equipment": ["step", "towel"]}
    html = client.get("/library", params=params).text
    catalogue = builtin_catalogue()
    have = [Equipment.STEP, Equipment.TOWEL]
    expected = [
        ex.slug
        for ex in catalogue.filter(category=Category.STRENGTHEN, equipment=have)
        if "heel" in f"{ex.name} {ex.description} {' '.join(ex.cues)}".lower()
    ]
    assert "heel-raise-step-towel" in expected
    assert "heel-raise-step-towel-loaded" not in expected  # needs a weight
    assert card_slugs(html) == expected
    # The form shows the filters that are on.
    assert 'value="heel"' in html
    assert '<option value="strengthen" selected>' in html
    assert 'id="kit-step" name="equipment" value="step" checked' in html
    assert 'id="kit-band" name="equipment" value="band" >' in html


def test_library_form_sends_empty_choices_that_mean_any(client: Client) -> None:
    html = client.get("/library?q=&category=&slot=&target=&goal=").text
    assert len(card_slugs(html)) == len(builtin_catalogue())


def test_library_answers_htmx_with_the_results_only(client: Client) -> None:
    response = client.get("/library", params={"q": "towel"}, headers={"HX-Request": "true"})
    html = response.text
    assert "<html" not in html
    assert 'id="result-count" hx-swap-oob="true"' in html
    assert "towel-scrunch" in card_slugs(html)
    assert "HX-Request" in response.headers["vary"]
    restore = client.get(
        "/library",
        params={"q": "towel"},
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in restore.text  # a history restore needs the whole page


def test_library_says_when_nothing_matches(client: Client) -> None:
    html = client.get("/library", params={"q": "trampoline"}).text
    assert card_slugs(html) == []
    assert "No exercises match" in html


def test_library_rejects_an_unknown_filter_with_a_page_not_a_crash(client: Client) -> None:
    response = client.get("/library", params={"category": "yoga"})
    assert response.status_code == 422
    assert "text/html" in response.headers["content-type"]
    assert "query.category" in response.text


def test_exercise_page_shows_dose_cues_faults_cautions_kit_and_sources(client: Client) -> None:
    ex = builtin_catalogue().get("heel-raise-step-towel")
    html = client.get("/library/heel-raise-step-towel").text
    assert f"<h1>{ex.name}</h1>" in html
    assert "3 x 12, each rep 3 s up, 2 s hold, 3 s down, each foot" in html
    for text in (*ex.cues, *ex.faults, *ex.cautions):
        assert text.replace("'", "&#39;").replace('"', "&#34;") in html
    assert "Step" in html
    assert "Towel" in html
    sources = builtin_catalogue().sources
    for sid in ex.sources:
        assert sources[sid].citation.replace("'", "&#39;").replace("&", "&amp;") in html


def test_exercise_page_links_the_whole_progression_chain(client: Client) -> None:
    catalogue = builtin_catalogue()
    html = client.get("/library/short-foot-standing").text
    chain = catalogue.chain_of("short-foot-standing")
    assert chain[0] == "short-foot-seated"
    section = html.split('id="prog-h"', 1)[1]
    links = re.findall(r'<a href="/library/([a-z0-9-]+)" rel="(prev|next)"', section)
    assert links == [
        (s, "prev" if i == 0 else "next") for i, s in enumerate(chain) if s != "short-foot-standing"
    ]
    assert 'aria-current="step"' in section


def test_exercise_substitutes_are_offered(client: Client) -> None:
    ex = builtin_catalogue().get("ball-roll-sole")
    html = client.get("/library/ball-roll-sole").text
    text = next(iter(ex.substitutes.values()))
    assert "No ball?" in html
    assert text.replace("'", "&#39;") in html


def test_unknown_exercise_page_is_404_with_links_to_close_matches(client: Client) -> None:
    response = client.get("/library/towel-scrunh")
    assert response.status_code == 404
    assert '<a href="/library/towel-scrunch">Towel scrunch</a>' in response.text


def test_unknown_page_is_a_404_page(client: Client) -> None:
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in response.text


@pytest.mark.parametrize("target", list(Target))
def test_foot_map_highlights_exactly_the_given_target(target: Target) -> None:
    svg = str(foot_map([target], id_prefix="t"))
    states = regions(svg)
    assert set(states) == set(Target.slugs())
    assert [t for t, s in states.items() if s == "on"] == [target.value]
    on_group = svg.split(f'data-target="{target.value}"', 1)[1].split("</g>", 1)[0]
    assert HIGHLIGHT_FILL in on_group


def test_foot_map_is_labelled_with_its_targets() -> None:
    svg = str(foot_map(["plantar-fascia", "toe-flexors"], id_prefix="x"))
    assert 'role="img"' in svg
    assert 'aria-labelledby="x-title"' in svg
    title = re.search(r'<title id="x-title">([^<]+)</title>', svg)
    assert title is not None
    assert title.group(1) == "Foot map: plantar fascia and toe flexors"


def test_foot_map_with_no_target_says_so() -> None:
    svg = str(foot_map([], id_prefix="none"))
    assert "no particular area highlighted" in svg
    assert set(regions(svg).values()) == {"off"}


def test_foot_map_refuses_a_word_that_is_not_a_target() -> None:
    with pytest.raises(ValueError, match="heel"):
        foot_map(["heel"])


def test_exercise_page_foot_map_highlights_the_exercise_targets(client: Client) -> None:
    catalogue = builtin_catalogue()
    for slug in ("calf-raise-single", "big-toe-band-stretch", "towel-scrunch"):
        html = client.get(f"/library/{slug}").text
        svg = html.split('class="footmap footmap--large"', 1)[1].split("</svg>", 1)[0]
        on = {t for t, s in regions(svg).items() if s == "on"}
        assert on == {str(t) for t in catalogue.get(slug).targets}, slug


def test_library_cards_carry_each_exercise_drawn_and_described(client: Client) -> None:
    catalogue = builtin_catalogue()
    html = client.get("/library", params={"target": "ankle"}).text
    drawings = re.findall(r'<img src="/library/([a-z0-9-]+)/frames.svg" alt="([^"]*)"', html)
    assert [slug for slug, _ in drawings] == card_slugs(html)
    for slug, alt in drawings:
        assert "ankle" in catalogue.get(slug).targets
        assert alt == demo_words(catalogue.get(slug)).replace("'", "&#39;")


def test_self_tests_page_lists_every_test(client: Client) -> None:
    html = client.get("/self-tests").text
    for test in TESTS.values():
        assert f'href="/self-tests/{test.id}"' in html


def test_self_test_page_shows_numbered_steps_unit_range_and_norms(client: Client) -> None:
    test = TESTS["heel_raise_reps"]
    html = client.get("/self-tests/heel_raise_reps").text
    steps = html.split('class="steps steps--numbered"', 1)[1].split("</ol>", 1)[0]
    assert steps.count("<li>") == len(test.protocol)
    assert "<dd>reps</dd>" in html
    assert "A whole number from 0 to 150 reps" in html
    assert html.count('<th scope="row">') == len(test.norms)
    assert "female, 20-29" in html


def test_self_test_alias_redirects_to_the_canonical_page(client: Client) -> None:
    response = client.get("/self-tests/ktw")
    assert response.status_code == 308
    assert response.headers["location"] == "/self-tests/knee_to_wall_cm"


def test_static_files_are_served_with_security_headers(client: Client) -> None:
    for path in (
        "/static/css/footcore.css",
        "/static/js/footcore.js",
        "/static/vendor/htmx/htmx.min.js",
        "/static/img/footcore.svg",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["x-content-type-options"] == "nosniff"


def test_home_page_links_each_trained_area_to_the_filtered_library(client: Client) -> None:
    html = client.get("/").text
    catalogue = builtin_catalogue()
    for target in Target:
        count = len(catalogue.filter(target=target))
        if count:
            assert f'href="/library?target={target.value}" data-area="{target.value}"' in html
    css = client.get("/static/css/footcore.css").text
    for target in Target:
        # Pointing at an area in the list lights it on the map (one CSS rule per target).
        assert f'[data-area="{target.value}"]' in css, target


def _contrast(a: str, b: str) -> float:
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _palette(css: str, selector: str) -> dict[str, str]:
    start = css.index(selector + " {")
    block = css[start : css.index("}", start)]
    return dict(re.findall(r"--([a-z0-9-]+):\s*(#[0-9a-f]{6});", block))


def test_colours_meet_wcag_aa_contrast_in_the_light_and_the_dark_palette(client: Client) -> None:
    css = client.get("/static/css/footcore.css").text
    light = _palette(css, ":root")
    dark = {**light, **_palette(css, ':root[data-theme="dark"]')}
    # The system's dark setting and the switch's "dark" give the same colours.
    assert _palette(css, '  :root:not([data-theme="light"])') == _palette(
        css, ':root[data-theme="dark"]'
    )
    text_pairs = [
        ("text", "bg"),
        ("muted", "bg"),
        ("muted", "surface"),
        ("brand", "bg"),
        ("brand", "surface"),
        ("brand-dark", "brand-tint"),
        ("warn-text", "warn-bg"),
        ("ok-text", "ok-bg"),
        ("bad-text", "bad-bg"),
        ("info-text", "info-bg"),
        ("on-brand", "brand"),  # button text
        ("on-brand", "brand-dark"),
        ("text", "surface-2"),
    ]
    for name, var in (("light", light), ("dark", dark)):
        for fg, bg in text_pairs:
            assert _contrast(var[fg], var[bg]) >= 4.5, (name, fg, bg)
        assert _contrast(var["focus"], var["bg"]) >= 3, name  # focus ring
    # The foot map's highlight must stand out from the skin and the quiet regions.
    assert _contrast(footmap.HIGHLIGHT_FILL, footmap.SKIN) >= 3
    assert _contrast(footmap.HIGHLIGHT_FILL, footmap.QUIET_FILL) >= 3
    assert _contrast(footmap.OUTLINE, footmap.SKIN) >= 3


def test_questionnaire_page_lists_its_items(client: Client) -> None:
    html = client.get("/self-tests/faam").text
    assert "Daily life: 21 items" in html
    assert "Sports: 8 items" in html
    for items in FAAM_ITEMS.values():
        for item in items:
            assert item[1:] in html
    assert "Daily life:" not in client.get("/self-tests/knee_to_wall_cm").text


def test_every_vocabulary_term_shown_on_pages_has_a_readable_label() -> None:
    shown = (
        vocab.Category, vocab.Slot, vocab.Goal, vocab.Equipment, vocab.Position,
        vocab.Load, vocab.StretchDepth, vocab.Target,
    )  # fmt: skip
    terms = [term for enum in shown for term in enum]
    assert all(term in LABELS for term in terms)
    # One slug in two vocabularies would share a label silently.
    assert len({str(t) for t in terms}) == len(terms)

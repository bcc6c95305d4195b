"""Every exercise is drawn, the drawings are valid SVG a strict CSP accepts, they say the
movement in words, and they keep to the catalogue: feet on the floor, the exercise's
tempo, and what the cues say."""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest

from footcore.catalogue.loader import builtin_catalogue, load_catalogue
from footcore.domain.demonstration import PropKind, View
from footcore.domain.exercise import Catalogue, Exercise
from footcore.drawing import scene as scenes
from footcore.drawing.render import Drawing, drawing_of
from tests.integration.support import COACH_EXERCISE

SVG = "{http://www.w3.org/2000/svg}"
TOLERANCE = 1.0  # units (about a centimetre) a contact may miss by


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    """The built-ins and the coach's example exercise of the integration tests."""
    folder = tmp_path_factory.mktemp("coach")
    (folder / "coach.toml").write_text(COACH_EXERCISE, encoding="utf-8")
    return load_catalogue([folder])


def every_exercise() -> list[str]:
    return [*builtin_catalogue().slugs, "seated-toe-yoga"]


def drawing(catalogue: Catalogue, slug: str) -> Drawing:
    found = drawing_of(catalogue.get(slug))
    assert found is not None, f"{slug} has no drawing"
    return found


def moves(ex: Exercise) -> bool:
    d = ex.dose
    return not (d.reps == 1 and d.hold_s is not None and d.duration_s is None)


def parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)


def walk(root: ElementTree.Element) -> Iterator[ElementTree.Element]:
    yield from root.iter()


# -- every exercise ----------------------------------------------------------------------------


@pytest.mark.parametrize("slug", every_exercise())
def test_every_exercise_draws_valid_svg_with_a_frame_per_pose(
    catalogue: Catalogue, slug: str
) -> None:
    ex = catalogue.get(slug)
    d = drawing(catalogue, slug)
    still = parse(d.stills(prefix="t", captions=True))
    live = parse(d.animation(prefix="a"))
    assert still.tag == live.tag == f"{SVG}svg"
    poses = d.demo.poses
    # One clipped frame per pose; a movement has two or more that differ, a hold one.
    assert len(still.findall(f"{SVG}defs/{SVG}clipPath")) == len(poses)
    if moves(ex):
        assert len(poses) >= 2
        assert len({(*p.angles, p.shift) for p in poses}) >= 2 or any(
            len(set(prop.at)) > 1 for prop in d.demo.props
        )
        assert live.findall(f".//{SVG}animateTransform") or live.findall(f".//{SVG}animate")
    else:
        assert len(poses) >= 1
    texts = [t.text for t in still.iter(f"{SVG}text")]
    assert [p.label for p in poses] == [t for t in texts if t and not t.isdigit()]


@pytest.mark.parametrize("slug", every_exercise())
def test_drawings_need_no_style_or_script_and_say_the_movement_in_words(
    catalogue: Catalogue, slug: str
) -> None:
    d = drawing(catalogue, slug)
    for svg in (d.stills(prefix="t"), d.animation(prefix="a")):
        root = parse(svg)
        tags = {e.tag for e in walk(root)}
        assert f"{SVG}style" not in tags
        assert f"{SVG}script" not in tags
        assert all("style" not in e.attrib for e in walk(root))
        assert not any(k.startswith("on") for e in walk(root) for k in e.attrib)
        assert root.get("role") == "img"
        title = root.find(f"{SVG}title")
        desc = root.find(f"{SVG}desc")
        assert title is not None
        assert desc is not None
        assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        for pose in d.demo.poses:
            assert pose.label.rstrip(".") in (desc.text or "")


def test_ids_in_a_drawing_carry_its_prefix_so_several_fit_on_one_page(
    catalogue: Catalogue,
) -> None:
    d = drawing(catalogue, "heel-raise-step-towel")
    for svg, prefix in ((d.stills(prefix="one"), "one"), (d.animation(prefix="two"), "two")):
        ids = [str(e.get("id")) for e in walk(parse(svg)) if e.get("id")]
        assert ids
        assert all(i.startswith(prefix + "-") for i in ids)
        refs = re.findall(r'(?:href="#|url\(#)([^")]+)', svg)
        assert set(refs) <= set(ids)


# -- on the floor --------------------------------------------------------------------------------


def surfaces(scene: scenes.Scene, frame: scenes.Frame) -> list[tuple[float, float, float]]:
    """What a figure can rest on in a frame: (x from, x to, height), the floor first."""
    floor = scene.floor
    found = [(-1e9, 1e9, floor)]
    for item in frame.items:
        kind = item.key.split("-", 1)[1] if item.key.startswith("prop") else ""
        if kind.startswith(("step", "seat")) or kind in ("knee", "chair-0"):
            xs = [p[0] for p in item.place_points()]
            ys = [p[1] for p in item.place_points()]
            found.append((min(xs), max(xs), min(ys)))
        if kind in ("ball", "small-ball", "roller", "towel-roll", "soft-ball", "marble", "towel"):
            pts = item.place_points()
            found.append((min(p[0] for p in pts), max(p[0] for p in pts), min(p[1] for p in pts)))
    return found


BODY_LAYERS = ("far-arm", "far-leg", "body", "near-leg", "toes", "near-arm")


@pytest.mark.parametrize("slug", every_exercise())
def test_nothing_sinks_into_the_floor_and_nothing_floats(catalogue: Catalogue, slug: str) -> None:
    d = drawing(catalogue, slug)
    scene = d.scene
    for i, frame in enumerate(scene.keys):
        body = [p for item in frame.items if item.layer in BODY_LAYERS for p in item.place_points()]
        lowest = max(y for _, y in body)
        assert lowest <= scene.floor + TOLERANCE, f"{slug} pose {i + 1} sinks into the floor"
        if d.demo.view is View.FOOT_FRONT or d.demo.anchor != "ground":
            continue
        assert lowest >= scene.floor - TOLERANCE, f"{slug} pose {i + 1} floats"


@pytest.mark.parametrize("slug", every_exercise())
def test_what_presses_touches_the_floor_or_a_prop(catalogue: Catalogue, slug: str) -> None:
    d = drawing(catalogue, slug)
    scene = d.scene
    for i, (pose, frame) in enumerate(zip(d.demo.poses, scene.keys, strict=True)):
        tops = surfaces(scene, frame)
        for point in pose.press:
            x, y = frame.points[point]
            gaps = [abs(y - top) for lo, hi, top in tops if lo - 2 <= x <= hi + 2]
            assert min(gaps) <= TOLERANCE * 1.5, f"{slug} pose {i + 1}: {point} presses on air"


def test_the_anchored_point_stays_put_through_the_whole_animation(catalogue: Catalogue) -> None:
    for slug in ("calf-raise-double", "knee-over-toe-lunge", "bear-squat-down-dog"):
        d = drawing(catalogue, slug)
        spots = {
            (round(f.points[d.demo.anchor][0], 1), round(f.points[d.demo.anchor][1], 1))
            for f in d.scene.samples
        }
        assert len(spots) == 1, slug


# -- timing ------------------------------------------------------------------------------------


def test_the_rathleff_raise_moves_three_up_holds_two_and_lowers_three(
    catalogue: Catalogue,
) -> None:
    scene = drawing(catalogue, "heel-raise-step-towel").scene
    assert scene.duration_s == pytest.approx(3 + 2 + 3 + 0.6)
    heel = [f.points["near-heel"][1] for f in scene.samples]
    times = [t * scene.duration_s for t in scene.times]
    top = min(heel)  # the heel highest up (y grows downwards)
    at_top = [t for t, y in zip(times, heel, strict=True) if math.isclose(y, top, abs_tol=0.01)]
    assert at_top[0] == pytest.approx(3.0)
    assert at_top[-1] - at_top[0] == pytest.approx(2.0)
    live = drawing(catalogue, "heel-raise-step-towel").animation(prefix="r")
    assert 'dur="8.6s"' in live
    assert 'repeatCount="indefinite"' in live


def test_a_thirty_second_balance_is_drawn_still(catalogue: Catalogue) -> None:
    d = drawing(catalogue, "single-leg-balance")
    live = parse(d.animation(prefix="b"))
    assert live.get("data-hold") == "true"
    assert not live.findall(f".//{SVG}animateTransform")
    assert "Held still for 30 s" in (live.findtext(f"{SVG}desc") or "")


# -- what the cues say ---------------------------------------------------------------------------


def angles(d: Drawing, pose: int) -> dict[str, tuple[float, ...]]:
    return scenes.resolved(d.demo, d.demo.poses[pose])


@pytest.mark.parametrize(
    "slug", ["short-foot-seated", "short-foot-standing", "short-foot-long-sitting"]
)
def test_the_short_foot_domes_the_arch_while_the_toes_stay_long(
    catalogue: Catalogue, slug: str
) -> None:
    d = drawing(catalogue, slug)
    first, last = angles(d, 0), angles(d, len(d.demo.poses) - 1)
    assert last["arch"][0] > first.get("arch", (0.0,))[0]
    for pose in (first, last):
        assert pose.get("curl", (0.0,))[0] == 0  # toes not clawed
        assert abs(pose.get("toes", (0.0,))[0]) <= 5  # nor curled or lifted


def test_in_knee_to_wall_rocks_the_heel_stays_down_all_the_way(catalogue: Catalogue) -> None:
    d = drawing(catalogue, "knee-over-toe-lunge")
    scene = d.scene
    assert d.demo.anchor == "near-heel"
    knee = [f.points["near-knee"][0] for f in scene.keys]
    assert knee[1] - knee[0] > 8  # the knee travels forward over the toes
    for frame in scene.samples:
        assert frame.points["near-heel"][1] == pytest.approx(scene.floor, abs=0.05)
    wall = next(i for i in scene.keys[1].items if i.key.endswith("-wall"))
    wall_x = min(p[0] for p in wall.place_points())
    assert wall_x - knee[1] < 7  # and reaches the wall


def test_the_heel_raise_on_a_step_has_the_towel_under_the_toes(catalogue: Catalogue) -> None:
    d = drawing(catalogue, "heel-raise-step-towel")
    kinds = [p.kind for p in d.demo.props]
    assert PropKind.STEP in kinds
    assert PropKind.TOWEL_ROLL in kinds
    scene = d.scene
    step_top = -scenes.STEP_HEIGHT
    for frame in scene.keys:
        roll = next(i for i in frame.items if i.key.endswith("-towel-roll"))
        centre, radius = (roll.place.x, roll.place.y), scenes.TOWEL_ROLL_R
        toes = [p for i in frame.items if i.key in ("near-toes", "near-toe-tip")
                for p in i.place_points()]  # fmt: skip
        nearest = min(math.dist(centre, p) for p in toes)
        assert nearest == pytest.approx(radius, abs=TOLERANCE)  # the toes rest on the roll
        assert max(p[1] for p in roll.place_points()) == pytest.approx(step_top, abs=0.05)
        assert frame.points["near-ball"][1] == pytest.approx(step_top, abs=0.05)
    heel_low, heel_high = (scene.keys[i].points["near-heel"][1] for i in (0, 1))
    assert heel_low > step_top  # below the step's edge at the start
    assert heel_high < step_top - 5  # well above it at the top


def test_the_big_toe_lift_keeps_the_small_toes_down(catalogue: Catalogue) -> None:
    d = drawing(catalogue, "big-toe-lift")
    lifted = angles(d, 1)["lift"]
    assert lifted[0] > 20
    assert lifted[1:] == (0.0, 0.0, 0.0, 0.0)


def test_the_builtin_data_files_hold_a_drawing_for_every_exercise() -> None:
    data = Path(__file__).resolve().parents[2] / "src" / "footcore" / "catalogue" / "data"
    for path in data.glob("*.toml"):
        for table in tomllib.loads(path.read_text()).get("exercise", []):
            assert "demo" in table, f"{path.name}: {table['slug']}"

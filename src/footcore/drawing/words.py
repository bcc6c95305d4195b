"""A demonstration in words: what a screen reader says instead of the drawing."""

from __future__ import annotations

from collections.abc import Iterable

from footcore.domain.demonstration import Demonstration, PropKind, View
from footcore.domain.exercise import Dose, Tempo

VIEWS = {
    View.BODY: "A figure seen from the side",
    View.LEG: "The lower leg and foot seen from the side",
    View.FOOT_FRONT: "The foot seen from the front",
}
PROPS = {
    PropKind.STEP: "a step",
    PropKind.WALL: "a wall",
    PropKind.CHAIR: "a chair back",
    PropKind.SEAT: "a chair",
    PropKind.MAT: "a mat",
    PropKind.TOWEL: "a towel",
    PropKind.TOWEL_BUNCHED: "a towel",
    PropKind.TOWEL_ROLL: "a rolled towel",
    PropKind.BALL: "a ball",
    PropKind.SMALL_BALL: "a small ball",
    PropKind.ROLLER: "a foot roller",
    PropKind.BAND: "a band",
    PropKind.MARBLE: "a marble",
    PropKind.BOWL: "a bowl",
    PropKind.SOFT_BALL: "a soft ball",
    PropKind.BACKPACK: "a loaded backpack",
    PropKind.MEDICINE_BALL: "a medicine ball",
    PropKind.HAND: "a hand",
    PropKind.KNEE: "the other knee",
    PropKind.POST: "a post the band is tied to",
}
PLACES = {
    "head": "the head",
    "chest": "the chest",
    "back": "the back",
    "seat": "the seat",
    "hip": "the hip",
    "knee": "the knee",
    "shin": "the shin",
    "ankle": "the ankle",
    "heel": "the heel",
    "arch": "the arch",
    "ball": "the ball of the foot",
    "toes": "the toes",
    "shoulder": "the shoulder",
    "elbow": "the elbow",
    "hand": "the hand",
    "thigh": "the thigh",
    "shank": "the calf and shin",
    "foot": "the foot",
    "upper-arm": "the upper arm",
    "forearm": "the forearm",
    "trunk": "the trunk",
    "big-toe": "the big toe",
    "small-toes": "the small toes",
    "toe-2": "the second toe",
    "toe-3": "the middle toe",
    "toe-4": "the fourth toe",
    "little-toe": "the little toe",
    "inner-edge": "the inner edge of the foot",
    "outer-edge": "the outer edge of the foot",
}


def place_words(name: str) -> str:
    """``near-ball`` as ``the ball of the foot``; ``far-`` names say the other leg or arm."""
    other = name.startswith("far-")
    bare = name.removeprefix("near-").removeprefix("far-")
    words = PLACES.get(bare, bare.replace("-", " "))
    if other:
        return words.replace("the ", "the other ", 1)
    return words


def _listed(items: Iterable[str]) -> str:
    unique = list(dict.fromkeys(items))
    if len(unique) <= 1:
        return "".join(unique)
    return ", ".join(unique[:-1]) + " and " + unique[-1]


def _secs(x: float) -> str:
    return f"{x:g} s"


def _tempo(t: Tempo) -> str:
    return f"{_secs(t.up_s)} up, {_secs(t.hold_s)} hold, {_secs(t.down_s)} down"


def describe(demo: Demonstration, dose: Dose | None) -> str:
    """The drawing in words: the view and props, each pose in order, how it moves, and
    what the shading and the dots mark."""
    first = VIEWS[demo.view]
    props = [PROPS[p.kind] for p in demo.props]
    if props:
        first += f", with {_listed(props)}"
    sentences = [first + "."]
    n = len(demo.poses)
    if n == 1:
        sentences.append(f"{demo.poses[0].label.rstrip('.')}.")
        hold = dose.hold_s if dose is not None else None
        sentences.append(f"Held still{f' for {hold} s' if hold else ''}.")
    else:
        sentences += [f"{i}: {pose.label.rstrip('.')}." for i, pose in enumerate(demo.poses, 1)]
        order = " to ".join(str(i) for i in range(1, n + 1))
        motion = f"It moves from {order} and back"
        if dose is not None and dose.tempo is not None and n == 2:
            motion += f": {_tempo(dose.tempo)}"
        elif dose is not None and dose.hold_s:
            motion += f", holding {dose.hold_s} s in {n}"
        sentences.append(motion + ".")
    if demo.eyes == "closed":
        sentences.append("The eyes are shut.")
    if demo.emphasis:
        sentences.append(f"Shaded: {_listed(place_words(p) for p in demo.emphasis)}.")
    pressed = [p for pose in demo.poses for p in pose.press]
    if pressed:
        sentences.append(f"Dots mark where it presses: {_listed(place_words(p) for p in pressed)}.")
    return " ".join(sentences)

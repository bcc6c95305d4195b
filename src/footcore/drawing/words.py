"""A demonstration in words: what a screen reader says instead of the drawing.

The words are in the language of the work at hand (:mod:`footcore.i18n`: a page's, a
handout's); the poses' captions and the exercise's name come from the exercise itself
(``Exercise.in_language``). English is the source, written as it always was.
"""

from __future__ import annotations

from collections.abc import Iterable

from footcore import i18n
from footcore.domain.demonstration import Demonstration, PropKind, View
from footcore.domain.exercise import Dose, Tempo
from footcore.domain.languages import SOURCE
from footcore.i18n import N_
from footcore.i18n import gettext as _
from footcore.i18n.words import dose_words

VIEWS = {
    View.BODY: N_("A figure seen from the side"),
    View.LEG: N_("The lower leg and foot seen from the side"),
    View.FOOT_FRONT: N_("The foot seen from the front"),
}
PROPS = {
    PropKind.STEP: N_("a step"),
    PropKind.WALL: N_("a wall"),
    PropKind.CHAIR: N_("a chair back"),
    PropKind.SEAT: N_("a chair"),
    PropKind.MAT: N_("a mat"),
    PropKind.TOWEL: N_("a towel"),
    PropKind.TOWEL_BUNCHED: N_("a towel"),
    PropKind.TOWEL_ROLL: N_("a rolled towel"),
    PropKind.BALL: N_("a ball"),
    PropKind.SMALL_BALL: N_("a small ball"),
    PropKind.ROLLER: N_("a foot roller"),
    PropKind.BAND: N_("a band"),
    PropKind.MARBLE: N_("a marble"),
    PropKind.BOWL: N_("a bowl"),
    PropKind.SOFT_BALL: N_("a soft ball"),
    PropKind.BACKPACK: N_("a loaded backpack"),
    PropKind.MEDICINE_BALL: N_("a medicine ball"),
    PropKind.HAND: N_("a hand"),
    PropKind.KNEE: N_("the other knee"),
    PropKind.POST: N_("a post the band is tied to"),
}
PLACES = {
    "head": N_("the head"),
    "chest": N_("the chest"),
    "back": N_("the back"),
    "seat": N_("the seat"),
    "hip": N_("the hip"),
    "knee": N_("the knee"),
    "shin": N_("the shin"),
    "ankle": N_("the ankle"),
    "heel": N_("the heel"),
    "arch": N_("the arch"),
    "ball": N_("the ball of the foot"),
    "toes": N_("the toes"),
    "shoulder": N_("the shoulder"),
    "elbow": N_("the elbow"),
    "hand": N_("the hand"),
    "thigh": N_("the thigh"),
    "shank": N_("the calf and shin"),
    "foot": N_("the foot"),
    "upper-arm": N_("the upper arm"),
    "forearm": N_("the forearm"),
    "trunk": N_("the trunk"),
    "big-toe": N_("the big toe"),
    "small-toes": N_("the small toes"),
    "toe-2": N_("the second toe"),
    "toe-3": N_("the middle toe"),
    "toe-4": N_("the fourth toe"),
    "little-toe": N_("the little toe"),
    "inner-edge": N_("the inner edge of the foot"),
    "outer-edge": N_("the outer edge of the foot"),
}

#: The places of the other leg or arm (``far-`` names), each whole, for a language that
#: says "the other" its own way ("el otro pie", "la otra rodilla"); the English is always
#: the place's words with "the other" for "the" (a test holds them to it).
OTHER_PLACES = {
    "hip": N_("the other hip"),
    "knee": N_("the other knee"),
    "shin": N_("the other shin"),
    "ankle": N_("the other ankle"),
    "heel": N_("the other heel"),
    "arch": N_("the other arch"),
    "ball": N_("the other ball of the foot"),
    "toes": N_("the other toes"),
    "shoulder": N_("the other shoulder"),
    "elbow": N_("the other elbow"),
    "hand": N_("the other hand"),
    "thigh": N_("the other thigh"),
    "shank": N_("the other calf and shin"),
    "foot": N_("the other foot"),
    "upper-arm": N_("the other upper arm"),
    "forearm": N_("the other forearm"),
    "big-toe": N_("the other big toe"),
    "small-toes": N_("the other small toes"),
    "inner-edge": N_("the other inner edge of the foot"),
    "outer-edge": N_("the other outer edge of the foot"),
}


def place_words(name: str) -> str:
    """``near-ball`` as ``the ball of the foot``; ``far-`` names say the other leg or arm."""
    other = name.startswith("far-")
    bare = name.removeprefix("near-").removeprefix("far-")
    if other and bare in OTHER_PLACES:
        return _(OTHER_PLACES[bare])
    words = _(PLACES[bare]) if bare in PLACES else bare.replace("-", " ")
    if other:
        return words.replace("the ", "the other ", 1)
    return words


def _listed(items: Iterable[str]) -> str:
    unique = list(dict.fromkeys(items))
    if len(unique) <= 1:
        return "".join(unique)
    return _("%(items)s and %(last)s") % {"items": ", ".join(unique[:-1]), "last": unique[-1]}


def _secs(x: float) -> str:
    if i18n.current() == SOURCE:
        return f"{x:g} s"
    return f"{dose_words().number(x)} s"


def _tempo(t: Tempo) -> str:
    return dose_words().tempo_hold.format(
        up=_secs(t.up_s), hold=_secs(t.hold_s), down=_secs(t.down_s)
    )


def describe(demo: Demonstration, dose: Dose | None) -> str:
    """The drawing in words: the view and props, each pose in order, how it moves, and
    what the shading and the dots mark."""
    first = _(VIEWS[demo.view])
    props = [_(PROPS[p.kind]) for p in demo.props]
    if props:
        first = _("%(view)s, with %(props)s") % {"view": first, "props": _listed(props)}
    sentences = [first + "."]
    n = len(demo.poses)
    if n == 1:
        sentences.append(f"{demo.poses[0].label.rstrip('.')}.")
        hold = dose.hold_s if dose is not None else None
        sentences.append(_("Held still for %(n)s s.") % {"n": hold} if hold else _("Held still."))
    else:
        sentences += [f"{i}: {pose.label.rstrip('.')}." for i, pose in enumerate(demo.poses, 1)]
        order = "1"
        for i in range(2, n + 1):
            order = _("%(poses)s to %(pose)s") % {"poses": order, "pose": i}
        if dose is not None and dose.tempo is not None and n == 2:
            motion = _("It moves from %(order)s and back: %(tempo)s.") % {
                "order": order,
                "tempo": _tempo(dose.tempo),
            }
        elif dose is not None and dose.hold_s:
            motion = _("It moves from %(order)s and back, holding %(hold)s s in %(n)s.") % {
                "order": order,
                "hold": dose.hold_s,
                "n": n,
            }
        else:
            motion = _("It moves from %(order)s and back.") % {"order": order}
        sentences.append(motion)
    if demo.eyes == "closed":
        sentences.append(_("The eyes are shut."))
    if demo.emphasis:
        shaded = _listed(place_words(p) for p in demo.emphasis)
        sentences.append(_("Shaded: %(places)s.") % {"places": shaded})
    pressed = [p for pose in demo.poses for p in pose.press]
    if pressed:
        dots = _listed(place_words(p) for p in pressed)
        sentences.append(_("Dots mark where it presses: %(places)s.") % {"places": dots})
    return " ".join(sentences)

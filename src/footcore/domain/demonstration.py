"""How an exercise is shown: key poses of a simple figure, the props, what to look at.

A demonstration is data that sits with its exercise in the catalogue files
(``[exercise.demo]``, see docs/catalogue.md): one of three views of a simple figure, and one
or more key poses given as joint angles. ``footcore.drawing`` turns it into SVG: the poses
side by side (start and end), and an animation from pose to pose at the exercise's tempo.

Angles are in degrees from a person standing tall with the arms by the sides, the feet flat
and the toes long (every angle 0):

- ``trunk`` leans the trunk forward from the hips, ``neck`` tips the head forward;
- ``hip`` brings the thigh forward (flexion), ``knee`` bends the knee, ``ankle`` pulls the
  foot up towards the shin (dorsiflexion; negative points it), ``toes`` bends the toes up
  at their base (extension; negative curls them down), ``curl`` bends the tips of the toes
  down (a claw), ``arch`` (0 to 1) domes the arch as in the short foot;
- ``shoulder`` raises the arm forward, ``elbow`` bends it, ``wrist`` bends the hand back.

Leg and arm angles are one number for both sides or a pair ``[near, far]``: in the side
views the figure faces right, and the near leg and arm are the ones nearer the viewer.
The front view of the foot has its own angles: ``tilt`` turns the sole inwards (negative:
outwards), ``lift`` raises the toes (one angle for all five, or five from the big toe to
the little toe), ``spread`` fans them out (0 to 1).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from footcore.domain.vocab import Term


class View(Term):
    """What the drawing shows."""

    BODY = "body"  # the whole body from the side, facing right
    LEG = "leg"  # the lower leg and foot from the (inner) side, toes to the right
    FOOT_FRONT = "foot-front"  # the foot and ankle seen from the front

    @property
    def side(self) -> bool:
        return self is not View.FOOT_FRONT


class Base(Term):
    """A starting posture: the angles a pose starts from before its own are applied."""

    STAND = "stand"  # standing tall, feet flat, arms by the sides
    SIT = "sit"  # sitting on a chair, thighs level, shins upright, feet flat
    LONG_SIT = "long-sit"  # sitting on the floor, legs straight out in front
    KNEEL = "kneel"  # kneeling upright, toes tucked under
    ALL_FOURS = "all-fours"  # on hands and knees, toes tucked under


class PropKind(Term):
    """Things drawn besides the figure."""

    STEP = "step"
    WALL = "wall"
    CHAIR = "chair"  # a chair back to hold, in front of the figure
    SEAT = "seat"  # a chair or stool sat on
    MAT = "mat"
    TOWEL = "towel"  # a towel lying flat under the foot
    TOWEL_BUNCHED = "towel-bunched"  # the same towel gathered up under the toes
    TOWEL_ROLL = "towel-roll"  # a rolled towel under the toes
    BALL = "ball"
    SMALL_BALL = "small-ball"  # a golf ball
    ROLLER = "roller"
    BAND = "band"  # from ``at`` to ``to``
    MARBLE = "marble"
    BOWL = "bowl"
    SOFT_BALL = "soft-ball"
    BACKPACK = "backpack"
    MEDICINE_BALL = "medicine-ball"
    HAND = "hand"  # the person's own hand, holding or pressing at ``at``
    KNEE = "knee"  # the other knee, with the foot resting on it
    POST = "post"  # a table leg or door handle a band is tied to


#: Props that stay where the first pose puts them; the others follow the body pose by pose.
FIXED_PROPS = frozenset(
    {PropKind.STEP, PropKind.WALL, PropKind.CHAIR, PropKind.SEAT, PropKind.MAT, PropKind.BOWL}
)

#: Which catalogue equipment each prop shows (a demonstration draws what the exercise uses).
PROP_EQUIPMENT: Mapping[PropKind, str] = MappingProxyType(
    {
        PropKind.STEP: "step",
        PropKind.WALL: "wall",
        PropKind.CHAIR: "chair",
        PropKind.SEAT: "chair",
        PropKind.MAT: "mat",
        PropKind.TOWEL: "towel",
        PropKind.TOWEL_BUNCHED: "towel",
        PropKind.TOWEL_ROLL: "towel",
        PropKind.BALL: "ball",
        PropKind.SMALL_BALL: "ball",
        PropKind.ROLLER: "roller",
        PropKind.BAND: "band",
        PropKind.MARBLE: "marbles",
        PropKind.SOFT_BALL: "soft-ball",
        PropKind.BACKPACK: "weight",
        PropKind.MEDICINE_BALL: "weight",
    }
)

LEG_JOINTS = ("hip", "knee", "ankle", "toes", "curl", "arch")
ARM_JOINTS = ("shoulder", "elbow", "wrist")
SIDE_JOINTS = ("trunk", "neck", *LEG_JOINTS, *ARM_JOINTS)
FRONT_JOINTS = ("tilt", "lift", "spread")

#: What each joint can do, in degrees (``arch`` and ``spread`` 0 to 1): a pose outside
#: these is a typing slip, not a movement.
RANGES: Mapping[str, tuple[float, float]] = MappingProxyType(
    {
        "trunk": (-30.0, 150.0),
        "neck": (-60.0, 90.0),
        "hip": (-45.0, 150.0),
        "knee": (-5.0, 160.0),
        "ankle": (-70.0, 45.0),
        "toes": (-90.0, 100.0),
        "curl": (0.0, 90.0),
        "arch": (0.0, 1.0),
        "shoulder": (-60.0, 200.0),
        "elbow": (0.0, 150.0),
        "wrist": (-90.0, 100.0),
        "tilt": (-35.0, 40.0),
        "lift": (0.0, 70.0),
        "spread": (0.0, 1.0),
    }
)

#: The angles of each base posture (side views); keys not given are 0.
BASES: Mapping[Base, Mapping[str, float | tuple[float, float]]] = MappingProxyType(
    {
        Base.STAND: MappingProxyType({}),
        Base.SIT: MappingProxyType({"hip": 90.0, "knee": 90.0, "shoulder": 20.0, "elbow": 45.0}),
        Base.LONG_SIT: MappingProxyType(
            {
                "trunk": -15.0,
                "hip": 75.0,
                "ankle": -15.0,
                "shoulder": -55.0,
                "elbow": 3.0,
                "wrist": 80.0,
            }
        ),
        Base.KNEEL: MappingProxyType({"knee": 105.7, "ankle": 27.0, "toes": 74.8}),
        Base.ALL_FOURS: MappingProxyType(
            {
                "trunk": 77.0,
                "neck": -30.0,
                "hip": 77.0,
                "knee": 105.7,
                "ankle": 27.0,
                "toes": 74.8,
                "shoulder": 77.0,
                "wrist": 90.0,
            }
        ),
    }
)

SIDES = ("near", "far")
LEG_POINTS = ("hip", "knee", "shin", "ankle", "heel", "arch", "ball", "toes")
ARM_POINTS = ("shoulder", "elbow", "hand")
BODY_POINTS = ("head", "chest", "back", "seat")
FRONT_POINTS = (
    "ankle",
    "heel",
    "inner-edge",
    "outer-edge",
    "big-toe",
    "toe-2",
    "toe-3",
    "toe-4",
    "little-toe",
)
#: Named points of the side views, where props attach and what a pose keeps in place.
SIDE_POINTS = (
    *(f"{side}-{p}" for side in SIDES for p in (*LEG_POINTS, *ARM_POINTS)),
    *BODY_POINTS,
)
#: The anchor that keeps the hips above one spot and the lowest point on the floor.
GROUND = "ground"

#: Parts of the figure that can be drawn as the working part.
SIDE_PARTS = (
    *(f"{side}-{p}" for side in SIDES for p in ("thigh", "shank", "foot", "toes")),
    *(f"{side}-{p}" for side in SIDES for p in ("upper-arm", "forearm", "hand")),
    "trunk",
    "head",
)
FRONT_PARTS = ("shank", "foot", "big-toe", "small-toes")

MAX_POSES = 6
MAX_LABEL = 60


def points_for(view: View) -> tuple[str, ...]:
    return SIDE_POINTS if view.side else FRONT_POINTS


def parts_for(view: View) -> tuple[str, ...]:
    return SIDE_PARTS if view.side else FRONT_PARTS


def joints_for(view: View) -> tuple[str, ...]:
    return SIDE_JOINTS if view.side else FRONT_JOINTS


Pair = tuple[float, float]


Value = float | tuple[float, ...]


@dataclass(frozen=True)
class Pose:
    """One key position: a caption and the angles that differ from the base posture.

    ``angles`` pairs a joint with one number, or with a pair (near, far) for legs and
    arms, or (``lift`` in the front view) with five numbers from the big toe to the little
    toe. ``move_s`` is how long moving into this pose takes in the animation, ``hold_s``
    how long it stays; None takes the exercise's tempo or footcore's pace. ``press`` names
    the points that press into the floor or a prop (drawn as pressure marks); ``shift``
    moves the whole figure forward (units, about centimetres).
    """

    label: str
    angles: tuple[tuple[str, Value], ...] = ()
    move_s: float | None = None
    hold_s: float | None = None
    press: tuple[str, ...] = ()
    shift: float = 0.0

    @property
    def angle_map(self) -> dict[str, Value]:
        return dict(self.angles)

    def angle(self, joint: str, base: Mapping[str, Value]) -> tuple[float, ...]:
        """The joint's angle(s) in this pose over ``base``, as a tuple (one per side)."""
        value = self.angle_map.get(joint, base.get(joint, 0.0))
        return value if isinstance(value, tuple) else (float(value),)


@dataclass(frozen=True)
class Prop:
    """A thing drawn with the figure, placed at a named point (one per pose, or one for
    all).

    ``to`` is where a band runs to (a point, or ``post`` for a post in front); ``side``
    puts a step's edge (``back``: the heel hangs off behind; ``front``: the toes go over
    the front edge), a wall, a bowl or a post in ``front`` of the point or at the ``back``;
    ``turn`` turns a hand, a knee or a backpack (degrees clockwise from hanging down),
    ``gather`` says how far a towel is gathered in (0 to 1), pose by pose; ``gap`` leaves
    room (units, about cm) between the point and a wall or chair it comes near but does not
    touch (a hand hovering over a counter).
    """

    kind: PropKind
    at: tuple[str, ...]
    to: tuple[str, ...] = ()
    side: str | None = None
    turn: tuple[float, ...] = ()
    gather: tuple[float, ...] = ()
    gap: float = 0.0

    def point(self, pose_index: int) -> str:
        return self.at[min(pose_index, len(self.at) - 1)]

    def target(self, pose_index: int) -> str | None:
        if not self.to:
            return None
        return self.to[min(pose_index, len(self.to) - 1)]

    def turn_at(self, pose_index: int) -> float:
        return self.turn[min(pose_index, len(self.turn) - 1)] if self.turn else 0.0

    def gather_at(self, pose_index: int) -> float:
        return self.gather[min(pose_index, len(self.gather) - 1)] if self.gather else 0.0


@dataclass(frozen=True)
class Demonstration:
    """An exercise's key poses in one view, with props and what to look at."""

    view: View
    poses: tuple[Pose, ...]
    base: Base = Base.STAND
    anchor: str = GROUND
    props: tuple[Prop, ...] = ()
    emphasis: tuple[str, ...] = ()  # parts drawn as the working part
    arrows: tuple[str, ...] = ()  # points whose path is drawn as an arrow
    hide: tuple[str, ...] = ()  # parts left out ("far-leg", "far-arm")
    eyes: str = "open"  # or "closed" (balance with the eyes shut)

    @property
    def is_hold(self) -> bool:
        """One pose: the exercise is a held position, shown still."""
        return len(self.poses) == 1

    def base_angles(self) -> Mapping[str, Value]:
        return BASES.get(self.base, MappingProxyType({})) if self.view.side else {}

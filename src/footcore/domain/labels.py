"""Words people read for the vocabulary slugs (the slugs stay the public contract).

Shared by the web pages, the foot map and the PDF handouts (``footcore.web.labels`` re-exports
them for the templates).
"""

from __future__ import annotations

from footcore.domain.vocab import (
    Category,
    Equipment,
    Goal,
    Load,
    PainSite,
    Position,
    RunKind,
    Sex,
    Slot,
    StretchDepth,
    Target,
    Weekday,
)

LABELS: dict[str, str] = {
    # categories
    Category.WARM_UP: "Warm-up",
    Category.RELEASE: "Release",
    Category.ACTIVATE: "Activate",
    Category.MOBILISE: "Mobilise",
    Category.STRETCH: "Stretch",
    Category.STRENGTHEN: "Strengthen",
    Category.BALANCE: "Balance",
    Category.GAIT: "Gait",
    # slots
    Slot.MORNING: "In the morning",
    Slot.DESK: "At the desk",
    Slot.TEETH: "While brushing teeth",
    Slot.TV: "In front of the TV",
    Slot.PRE_RUN: "Before a run",
    Slot.POST_RUN: "After a run",
    # goals
    Goal.GENERAL: "General foot strength",
    Goal.PLANTAR_HEEL_PAIN: "Plantar heel pain",
    Goal.ACHILLES: "Achilles",
    Goal.ANKLE_MOBILITY: "Ankle mobility",
    Goal.MINIMALIST_TRANSITION: "Moving to minimalist shoes",
    Goal.FALLS_PREVENTION: "Falls prevention",
    Goal.POST_RUN_RECOVERY: "Recovery after runs",
    # equipment
    Equipment.TOWEL: "Towel",
    Equipment.BALL: "Ball",
    Equipment.ROLLER: "Roller",
    Equipment.STEP: "Step",
    Equipment.BAND: "Resistance band",
    Equipment.MARBLES: "Marbles or small stones",
    Equipment.SOFT_BALL: "Soft ball",
    Equipment.WEIGHT: "Weight",
    Equipment.WALL: "Wall",
    Equipment.CHAIR: "Chair",
    Equipment.MAT: "Mat",
    # positions
    Position.SEATED: "Seated",
    Position.LONG_SITTING: "Sitting, legs long",
    Position.STANDING: "Standing",
    Position.SUPPORTED_STANDING: "Standing, holding on",
    Position.SINGLE_LEG: "On one leg",
    Position.KNEELING: "Kneeling",
    Position.ALL_FOURS: "On all fours",
    Position.WALKING: "Walking",
    # loads
    Load.NONE: "No load",
    Load.LIGHT: "Light load",
    Load.MODERATE: "Moderate load",
    Load.HEAVY: "Heavy load",
    # stretch depth
    StretchDepth.GENTLE: "Gentle stretch",
    StretchDepth.DEEP: "Deep stretch",
    # targets
    Target.PLANTAR_FASCIA: "Plantar fascia",
    Target.INTRINSIC_FOOT: "Intrinsic foot muscles",
    Target.TOE_FLEXORS: "Toe flexors",
    Target.FLEXOR_HALLUCIS_BREVIS: "Short big-toe flexor (flexor hallucis brevis)",
    Target.TIBIALIS_POSTERIOR: "Tibialis posterior",
    Target.ACHILLES_CALF: "Achilles tendon and calf",
    Target.BIG_TOE_JOINT: "Big-toe joint",
    Target.ANKLE: "Ankle joint",
    # weekdays
    Weekday.MON: "Monday",
    Weekday.TUE: "Tuesday",
    Weekday.WED: "Wednesday",
    Weekday.THU: "Thursday",
    Weekday.FRI: "Friday",
    Weekday.SAT: "Saturday",
    Weekday.SUN: "Sunday",
    # sex
    Sex.FEMALE: "Female",
    Sex.MALE: "Male",
    Sex.UNSPECIFIED: "Rather not say",
    # pain sites ("achilles" and "ankle" read well with the labels above)
    PainSite.HEEL: "Heel",
    PainSite.ARCH: "Arch",
    PainSite.ACHILLES_INSERTION: "Achilles, where it meets the heel bone",
    PainSite.FOREFOOT: "Forefoot (ball of the foot)",
    PainSite.TOES: "Toes",
    # kinds of run ("none" is never shown)
    RunKind.EASY: "Easy run",
    RunKind.LONG: "Long run",
    RunKind.HARD: "Hard run",
    # adaptation decisions
    "progress": "Harder",
    "regress": "Easier",
    "hold": "Same",
    "unlock": "Level unlocked",
    "move": "Moved",
}

# Equipment in more detail, for the filter form and exercise pages.
EQUIPMENT_HINTS: dict[str, str] = {
    Equipment.BALL: "lacrosse, golf, spiky or hockey ball",
    Equipment.WEIGHT: "backpack, vest or medicine ball",
    Equipment.MARBLES: "or stones about 25 mm across",
}


def label(term: object) -> str:
    """The readable name of a vocabulary term (an enum member or its slug)."""
    key = str(term)
    # StrEnum members hash like their value, so one dictionary serves both.
    found = LABELS.get(key)
    if found is not None:
        return found
    return key.replace("-", " ").replace("_", " ").capitalize()

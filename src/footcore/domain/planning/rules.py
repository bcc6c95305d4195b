"""Every planning rule by name, with the reason a person reads ("why this exercise today").

Rule ids appear on plan items (``rules``), in the ``why`` text, in :class:`RuleViolation`
reports from ``check_plan`` and in docs/planner.md. Goal ids (``plantar-heel-pain``, ...)
appear next to them on items whose content a goal chose.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    reason: str


_RULES = (
    Rule(
        "order",
        "Safe order inside a session",
        "Each session runs warm-up, release, activate, mobilise, stretch, strengthen, balance, "
        "gait, and gentle stretches come before deep ones: tissue is warmed and loosened "
        "before it is lengthened or loaded.",
    ),
    Rule(
        "deep-after-release",
        "Deep stretch only after warm-up or release",
        "A deep foot stretch on cold tissue is where cramps and strains start, so a deep "
        "stretch always follows a warm-up or release in the same session.",
    ),
    Rule(
        "pre-run",
        "Before a run: prime, don't tire",
        "Before running the foot is only primed: a warm-up, activation, moving mobility and "
        "calf raises on two feet, two short sets at most. Long static holds (over 30 s), deep "
        "stretches and moderate or heavy loading would leave it less ready to run.",
    ),
    Rule(
        "post-run",
        "After a run: release and gentle work",
        "Straight after running the foot is tired: rolling and gentle work help it recover and "
        "deep stretching does not. Strength work may follow a hard run on a loading day, "
        "never a long run, and after a long run the sole and toes are not stretched or held "
        "at the end of their range: runners who did so often cramped.",
    ),
    Rule(
        "post-run-cramp",
        "No cramp-risk work on tired feet",
        "Cramps strike tired muscles working in a shortened position (toe curling, towel "
        "scrunches, marble pick-ups, toes-tucked kneeling and all-fours stretches). They stay "
        "off long and hard run days; a cramp-prone runner gets none on a run day at all, "
        "and after a long or "
        "hard run only rolling and a gentle calf stretch, with the toe and sole stretches "
        "moved to the next morning.",
    ),
    Rule(
        "alternate-days",
        "Moderate and heavy loading every second day",
        "Tendon and muscle adapt in the recovery after loading, so moderate or heavy "
        "strength work is never on two days in a row, never on the long-run day, the day "
        "before it or the day after it, and on a run day only after the run. Rest days "
        "come first, then hard-run days, then easy ones.",
    ),
    Rule(
        "equipment",
        "Only what you have",
        "Every exercise uses equipment you listed, or a named substitute (hands instead of a "
        "ball, manual resistance instead of a band).",
    ),
    Rule(
        "one-step-per-week",
        "One step at a time",
        "Progressions follow the catalogue's chains one step at a time, at most one step a "
        "week per chain (one every two weeks after week 6), and doses rise gradually: at "
        "most one more set and a few more reps or seconds a week.",
    ),
    Rule(
        "pain",
        "Pain sets the load",
        "Pain up to 3/10 during exercise is fine, 4-5/10 is acceptable with reduced load, "
        "above 5/10 is not: then only gentle work, and a clinician should look at it. Pain "
        "should settle by the next morning; if not, do less.",
    ),
    Rule(
        "few-exercises",
        "Few exercises per session",
        "Adherence falls as the number of exercises rises, so each session holds at most "
        "four besides a goal's protocol, and the week rotates them for variety.",
    ),
    Rule(
        "daily-minutes",
        "Within your daily time",
        "A day's sessions add up to no more than the minutes you said you have; when time "
        "is short the lowest-priority work is left out, never a safety rule.",
    ),
    Rule(
        "slot-fit",
        "Fits the moment",
        "Each exercise goes only into moments of the day it suits (seated and quiet at the "
        "desk, standing and hands-free while brushing teeth, seated or on the floor in front "
        "of the TV).",
    ),
    Rule(
        "run-slots",
        "Run sessions on run days",
        "Pre-run and post-run sessions exist only on days with a run.",
    ),
    Rule(
        "level",
        "One level a week",
        "Weeks 1-6 unlock levels 1-6, one a week; later weeks consolidate. Work above the "
        "week's level waits, except a goal's own protocol, which starts on day one as in "
        "its trial.",
    ),
    Rule(
        "little-and-often",
        "Little but often",
        "Foot work on most days in short sessions spread over the day builds the habit and "
        "the strength; the falls-prevention programme is three days a week.",
    ),
    Rule(
        "falls-safety",
        "Safe for balance",
        "For falls prevention and a fall-risk result: exercises are seated or done beside a "
        "counter or sturdy chair, balance moves on stage by stage only when steady, with no "
        "walking away from support and no floor work.",
    ),
    Rule(
        "barefoot-walking",
        "Barefoot walking builds slowly",
        "Feet new to barefoot or minimalist shoes start at no more than 2,500 steps a day "
        "and add at most 1,000 a week; self-paced minimalist running too early led to bone "
        "stress injuries, so it waits until week 8 at the earliest.",
    ),
    Rule(
        "protocol",
        "The goal's published protocol",
        "A goal's evidence-based programme comes first, at its published dose, frequency and "
        "progression; fill work uses what time is left. Where footcore departs from the "
        "protocol, or the minutes or the running week do not hold all of it, the plan says so.",
    ),
    Rule(
        "calf-once",
        "The calf is loaded once a day",
        "When two goals' protocols both ask for calf raises on the same day, the day holds "
        "the calf raises of the protocol that comes first, at its dose, and the other "
        "protocol's raises count as done, and the day's other work adds no calf raise of "
        "its own (nor a second one on a day without a protocol's): loading the calf twice "
        "in a day adds fatigue, not strength, and a tendon's pain rules govern all of its "
        "loading.",
    ),
    Rule(
        "own-balance",
        "Balance within what the self-test found",
        "A one-leg stance without support is held no longer than the person's own best in "
        "the self-test (nor the typical hold at their age), and one they held for less than "
        "5 s is left out while its supported step goes on: a hold set from the age's norm "
        "asks more than three times what someone at the edge of a fall risk can do.",
    ),
    Rule(
        "catalogue",
        "Known exercises",
        "Every item is an exercise of the catalogue, with the catalogue's category and load, "
        "and shows the minutes the time model gives.",
    ),
    Rule(
        "variety",
        "Variety across the week",
        "Exercises rotate through the week so the same few are not repeated every day.",
    ),
)

RULES: MappingProxyType[str, Rule] = MappingProxyType({r.id: r for r in _RULES})


def rule(rule_id: str) -> Rule:
    """The rule with this id (a KeyError is a programming error, not a user error)."""
    return RULES[rule_id]

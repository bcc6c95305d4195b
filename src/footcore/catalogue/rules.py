"""Rules a catalogue must keep beyond the shape of one file.

``check_exercise`` looks at one exercise (dose sanity, stretch depth, substitutes, slots);
``check_links`` looks across the whole catalogue (links, mirrored chains, cycles). Each rule
returns findings as ``(slug, key, message)``; the loader turns them into located Problems.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from footcore.catalogue.demo_rules import check_demo
from footcore.catalogue.schema import MAX_DURATION_S, DoseModel, ExerciseDraft
from footcore.domain.errors import suggest
from footcore.domain.vocab import Category, Equipment, Load, Position, Slot, StretchDepth

Finding = tuple[str, str]  # (key, message) inside one exercise
LinkFinding = tuple[str, str, str]  # (slug, key, message)

# Where each slot can happen (DESIGN.md / the agreed slot rules).
TEETH_POSITIONS = (Position.STANDING, Position.SUPPORTED_STANDING, Position.SINGLE_LEG)
DESK_POSITIONS = (Position.SEATED,)
# TV time: seated, on the floor, or standing up behind the chair with both hands on its back
# (the falls programme's supported heel raises and balance: a TV-only plan had none for 16
# weeks), or standing with both hands on a wall or chair the exercise lists (the falls
# programme's calf stretch at the wall: missing from the same plan); nothing free-standing or
# on one leg without a hold.
TV_POSITIONS = (
    Position.SEATED,
    Position.LONG_SITTING,
    Position.KNEELING,
    Position.ALL_FOURS,
    Position.SUPPORTED_STANDING,
)
#: What standing work holds on to, where it lists one (it may then be done at TV time).
HOLDS = frozenset({Equipment.WALL, Equipment.CHAIR})
PRE_RUN_MAX_HOLD_S = 30
# Seconds of work for one side of one exercise, so a slip in a dose cannot fill an hour.
MAX_WORK_S = MAX_DURATION_S


def quoted(items: Iterable[str]) -> str:
    return ", ".join(str(i) for i in items)


def did_you_mean(name: str, known: Iterable[str]) -> str:
    found = suggest(name, known)
    return "; did you mean " + " or ".join(f"'{s}'" for s in found) + "?" if found else ""


def check_exercise(m: ExerciseDraft, unknown: Iterable[str] = ()) -> list[Finding]:
    """Every rule about one exercise that its schema cannot say alone.

    ``m`` may be incomplete: a key that is ``None`` (or named in ``unknown``) could not be
    read, was already reported, and the rules that need it are skipped.
    """
    unreadable = set(unknown)
    found: list[Finding] = []
    if m.dose is not None:
        found += _check_dose(m.dose)
    found += _check_lists(m)
    found += check_texts(m)
    if m.cues is not None and len(m.cues) < 2:
        found.append(("cues", f"give at least 2 cues (found {len(m.cues)})"))
    if m.cautions is not None and not m.cautions:
        found.append(("cautions", "give at least 1 caution (when to stop, who should not)"))
    if m.category is not None and "stretch_depth" not in unreadable:
        if m.category is Category.STRETCH and m.stretch_depth is None:
            found.append(("stretch_depth", "a stretch needs a stretch_depth: gentle or deep"))
        if m.category is not Category.STRETCH and m.stretch_depth is not None:
            found.append(
                (
                    "stretch_depth",
                    f"only a stretch has a depth; remove it (category is '{m.category}')",
                )
            )
    if m.substitutes is not None and m.equipment is not None:
        for equipment in m.substitutes:
            if equipment not in m.equipment:
                listed = quoted(m.equipment) if m.equipment else "none"
                found.append(
                    (
                        f"substitutes.{equipment}",
                        f"'{equipment}' is not in this exercise's equipment (listed: {listed}); "
                        "a substitute replaces equipment the exercise uses",
                    )
                )
    found += _check_slots(m)
    found += check_demo(m)
    both = sorted(set(m.progressions or ()) & set(m.regressions or ()))
    if both:
        found.append(("regressions", f"listed as both progression and regression: {quoted(both)}"))
    return found


def _check_dose(d: DoseModel) -> list[Finding]:
    found: list[Finding] = []
    work = [k for k in ("reps", "duration_s", "steps") if getattr(d, k) is not None]
    if not work:
        found.append(("dose", "say what the work is: give one of reps, duration_s or steps"))
    elif len(work) > 1:
        found.append(
            (
                f"dose.{work[1]}",
                f"give only one of reps, duration_s or steps (found {' and '.join(work)})",
            )
        )
    if d.hold_s is not None and d.reps is None:
        found.append(
            (
                "dose.hold_s",
                "a hold belongs to each rep: give reps too "
                "(one 20 s hold is reps = 1, hold_s = 20)",
            )
        )
    if d.tempo is not None:
        if d.reps is None:
            found.append(("dose.tempo", "a tempo times each rep: give reps too"))
        if d.hold_s is not None and d.hold_s != d.tempo.hold_s:
            found.append(
                (
                    "dose.hold_s",
                    f"differs from tempo.hold_s ({d.hold_s:g} vs {d.tempo.hold_s:g}); "
                    "give the hold once, in the tempo",
                )
            )
    if d.steps is not None and d.per_side:
        found.append(("dose.per_side", "steps count both feet; per_side does not apply"))
    if d.reps is not None:
        per_rep = d.tempo.up_s + d.tempo.hold_s + d.tempo.down_s if d.tempo else (d.hold_s or 0)
        work_s = d.sets * d.reps * per_rep
        if work_s > MAX_WORK_S:
            found.append(
                (
                    "dose",
                    f"{d.sets} sets x {d.reps} reps x {per_rep:g} s is {work_s:g} s of work "
                    f"per side; keep one exercise under {MAX_WORK_S} s",
                )
            )
    elif d.duration_s is not None and d.sets * d.duration_s > MAX_WORK_S:
        found.append(
            (
                "dose",
                f"{d.sets} sets x {d.duration_s} s is {d.sets * d.duration_s} s of work "
                f"per side; keep one exercise under {MAX_WORK_S} s",
            )
        )
    return found


def check_texts(m: ExerciseDraft) -> list[Finding]:
    """A translation (``[exercise.es]``) says item for item what the English says: as many
    cues, faults and cautions, the same substitutes, and a caption for every pose of the
    exercise's own drawing."""
    text = m.es
    if text is None:
        return []
    found: list[Finding] = []
    counted = {"cues": (m.cues, text.cues), "faults": (m.faults, text.faults)}
    counted["cautions"] = (m.cautions, text.cautions)
    for key, (english, translated) in counted.items():
        if english is not None and len(translated) != len(english):
            found.append(
                (
                    f"es.{key}",
                    f"translate each of the {len(english)} {key} in order "
                    f"(found {len(translated)})",
                )
            )
    if m.substitutes is not None and set(text.substitutes) != set(m.substitutes):
        want = quoted(sorted(m.substitutes)) or "none"
        found.append(("es.substitutes", f"translate the substitutes for exactly: {want}"))
    own_poses = m.demo.poses if m.demo is not None and m.demo.like is None else None
    if text.poses and own_poses is not None and len(text.poses) != len(own_poses):
        found.append(
            (
                "es.poses",
                f"give a caption for each of the drawing's {len(own_poses)} poses "
                f"(found {len(text.poses)})",
            )
        )
    return found


def _check_lists(m: ExerciseDraft) -> list[Finding]:
    found: list[Finding] = []
    lists: dict[str, Sequence[str] | None] = {
        "equipment": m.equipment,
        "slots": m.slots,
        "targets": m.targets,
        "goals": m.goals,
        "cues": m.cues,
        "progressions": m.progressions,
        "regressions": m.regressions,
        "sources": m.sources,
    }
    for key, items in lists.items():
        seen: set[str] = set()
        for item in items or ():
            if item in seen:
                found.append((key, f"'{item}' is listed twice"))
            seen.add(item)
    for key in ("slots", "targets", "goals"):
        if lists[key] == []:
            found.append((key, "give at least one"))
    return found


def _check_slots(m: ExerciseDraft) -> list[Finding]:
    found: list[Finding] = []
    slots = m.slots or []
    pos = m.position

    def refuse(slot: Slot, why: str) -> None:
        found.append(("slots", f"'{slot}' does not fit: {why}"))

    if pos is not None:
        if Slot.TEETH in slots and pos not in TEETH_POSITIONS:
            refuse(
                Slot.TEETH,
                f"brushing teeth means standing with a hand busy, and this is done {pos}",
            )
        if Slot.DESK in slots and pos not in DESK_POSITIONS:
            refuse(Slot.DESK, f"desk work is seated and quiet, and this is done {pos}")
        held = pos is Position.STANDING and bool(set(m.equipment or ()) & HOLDS)
        if Slot.TV in slots and pos not in TV_POSITIONS and not held:
            refuse(
                Slot.TV,
                "TV time is seated, on the floor or holding a chair or wall, and this is"
                f" done {pos} without one",
            )
    deep = m.stretch_depth is StretchDepth.DEEP
    if Slot.PRE_RUN in slots:
        hold = m.dose.hold_s if m.dose is not None else None
        if hold is not None and hold > PRE_RUN_MAX_HOLD_S:
            refuse(
                Slot.PRE_RUN,
                f"no static hold over {PRE_RUN_MAX_HOLD_S} s before a run (hold_s is {hold})",
            )
        if deep:
            refuse(Slot.PRE_RUN, "no deep stretch before a run")
        if m.load is not None and m.load.rank > Load.LIGHT.rank:
            refuse(Slot.PRE_RUN, f"before a run only a light primer (load is {m.load})")
    if Slot.POST_RUN in slots:
        # Moderate and heavy work may follow a hard run on a loading day (the planner
        # decides when); a deep stretch or cramp-risk work never suits tired feet.
        if deep:
            refuse(Slot.POST_RUN, "a deep stretch on tired feet invites cramp")
        if m.cramp_risk:
            refuse(Slot.POST_RUN, "it carries a cramp risk, and tired feet cramp")
    return found


def _unknown_links(
    exercises: Mapping[str, ExerciseDraft], known_slugs: set[str]
) -> list[LinkFinding]:
    """Progressions and regressions naming an exercise nobody has."""
    found: list[LinkFinding] = []
    for slug, m in exercises.items():
        for key, links in (("progressions", m.progressions), ("regressions", m.regressions)):
            for other in links or ():
                if other not in known_slugs:
                    found.append(
                        (
                            slug,
                            key,
                            f"unknown exercise '{other}'{did_you_mean(other, known_slugs)}",
                        )
                    )
    return found


def _next_step_mirrored(
    slug: str, m: ExerciseDraft, exercises: Mapping[str, ExerciseDraft], unchangeable: set[str]
) -> list[LinkFinding]:
    """The exercise's next step (first progression) lists it among its regressions."""
    if not m.progressions:
        return []
    ahead = m.progressions[0]
    nxt = exercises.get(ahead)
    editable = slug not in unchangeable
    if (
        nxt is None
        or nxt.regressions is None
        or slug in nxt.regressions
        or (editable and ahead in unchangeable)
    ):
        return []
    return [
        (
            ahead,
            "regressions",
            f"'{slug}' names this as its next step (first progression), "
            f"so list '{slug}' among the regressions here",
        )
    ]


def _step_back_mirrored(
    slug: str, m: ExerciseDraft, exercises: Mapping[str, ExerciseDraft], unchangeable: set[str]
) -> list[LinkFinding]:
    """The exercise's step back (first regression) has it as its first progression."""
    if not m.regressions:
        return []
    back = m.regressions[0]
    prev = exercises.get(back)
    editable = slug not in unchangeable
    if prev is None or prev.progressions is None or (editable and back in unchangeable):
        return []
    if slug not in prev.progressions:
        why = (
            f"'{slug}' names this as its step back (first regression), "
            f"so list '{slug}' first among the progressions here"
        )
    elif prev.progressions[0] != slug:
        why = (
            f"'{slug}' names this as its step back (first regression), so "
            f"'{slug}' must come first here (found '{prev.progressions[0]}'), "
            "or its chain skips it"
        )
    else:
        return []
    return [(back, "progressions", why)]


def check_links(
    exercises: Mapping[str, ExerciseDraft],
    known: Iterable[str],
    fixed: Iterable[str] = (),
) -> list[LinkFinding]:
    """Links between exercises: they exist, first steps mirror each other, no loops.

    ``exercises`` maps each slug to what could be read of its exercise; ``known`` holds every
    slug seen. ``fixed`` names the exercises a user cannot edit (the built-ins): a link from
    another exercise to one of them works one way and asks nothing of the fixed one.
    """
    unchangeable = set(fixed)
    found = _unknown_links(exercises, set(known))
    for slug, m in exercises.items():
        found += _next_step_mirrored(slug, m, exercises, unchangeable)
        found += _step_back_mirrored(slug, m, exercises, unchangeable)
    found += _cycles(exercises, unchangeable)
    return found


def _cycles(exercises: Mapping[str, ExerciseDraft], fixed: set[str]) -> list[LinkFinding]:
    """Loops in the easier -> harder graph (progressions, and regressions reversed)."""
    harder: dict[str, list[str]] = {slug: [] for slug in exercises}
    for slug, m in exercises.items():
        for p in m.progressions or ():
            if p in exercises and p not in harder[slug]:
                harder[slug].append(p)
        for r in m.regressions or ():
            if r in exercises and slug not in harder[r]:
                harder[r].append(slug)

    found: list[LinkFinding] = []
    reported: set[frozenset[str]] = set()
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in harder[node]:
            if state.get(nxt) == 1:
                loop = path[path.index(nxt) :]
                members = frozenset(loop)
                if members in reported:
                    continue
                reported.add(members)
                # Name the loop from an exercise the user can edit, where there is one.
                start = next((i for i, s in enumerate(loop) if s not in fixed), 0)
                loop = [*loop[start:], *loop[:start]]
                found.append(
                    (
                        loop[0],
                        "progressions",
                        "the progression chain loops back on itself: "
                        + " -> ".join([*loop, loop[0]]),
                    )
                )
            elif nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for slug in exercises:
        if slug not in state:
            visit(slug)
    return found

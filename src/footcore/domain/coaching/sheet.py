"""Class mode: the sheet for one session done together by a group, led by one person, after
a given kind of run - order, start times and minutes from the time model, cues, who needs
the easier version and why, with the post-run rules applied to the whole class."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from footcore.domain.coaching.template import TemplateItem, coach_dose
from footcore.domain.errors import NotFoundError
from footcore.domain.exercise import Catalogue, Dose, Exercise
from footcore.domain.phrases import Listed, Named, Said
from footcore.domain.planning.safety import HARD_RUNS, falls_findings
from footcore.domain.timing import item_minutes
from footcore.domain.vocab import Category, Equipment, Load, RunKind, Slot, StretchDepth
from footcore.domain.wording import ENGLISH, DoseWords, dose_text

#: Pain at or above this gets the easier version in a class (the pain rule's reduced band).
CLASS_REDUCED_PAIN = 4
#: Seconds the leader allows to move from one exercise to the next in a class.
CLASS_CHANGEOVER_S = 30

# The sheet's sentences (English shapes, translated where the sheet is shown: babel.cfg
# hands these names to the extraction; footcore.domain.phrases).
#: The rules a run brings for the whole class.
RULE_NO_DEEP_STRETCH = "after a run: no deep stretch"
RULE_HARD_NO_CRAMP = "after a %(run)s run: no cramp-risk work and no heavy load"
RULE_HARD_RELEASE = "after a %(run)s run: release first"
RULE_EASY_CRAMP = "after a run: cramp-prone members do the easier version of cramp-risk work"
#: Why the class may not do an exercise.
REFUSED_DEEP_STRETCH = "no deep stretch after a run"
REFUSED_CRAMP = "no cramp-risk work after a %(run)s run"
REFUSED_HEAVY = "no heavy load after a %(run)s run"
#: What the run rules changed, and what they left out.
CHANGED_TO = "%(original)s -> %(easier)s: %(reason)s"
ADDED_RELEASE = "added: release first after a %(run)s run"
LEFT_OUT = "%(exercise)s: %(reason)s"
#: Who needs the easier version, and why.
WHO = "%(name)s (%(reasons)s)"
WHY_PAIN = "pain %(pain)s/10"
WHY_NO_EQUIPMENT = "no %(equipment)s"
WHY_CRAMP_PRONE = "cramp-prone"
WHY_SUPPORT = "needs support"
#: The printed sheet's lines (:func:`sheet_to_text`).
TEXT_AFTER_RUN = "%(date)s - after: %(run)s run"
TEXT_NO_RUN = "%(date)s - no run before"
TEXT_MINUTES = "%(minutes)s minutes"
TEXT_RULE = "Rule: %(rule)s"
TEXT_CHANGED = "changed: %(change)s"
TEXT_COACH = "coach: %(note)s"
TEXT_EASIER_FOR = "easier: %(name)s for %(who)s"
TEXT_EASIER_ANYONE = "easier: %(name)s for anyone who needs it"
TEXT_SKIP = "skip or go gently: %(who)s"
TEXT_LEFT_OUT = "Left out: %(what)s"


@dataclass(frozen=True)
class ClassMember:
    """What the class sheet needs to know about one member."""

    name: str
    equipment: tuple[Equipment, ...] = ()
    pain_nrs: int = 0
    cramp_prone: bool = False
    falls: bool = False


@dataclass(frozen=True)
class SheetItem:
    order: int
    exercise: str
    name: str
    category: str
    dose: str  # in English; ``amount`` for another language
    start_s: int
    minutes: float
    cues: tuple[str, ...]
    cautions: tuple[str, ...]
    easier: str | None  # slug of the easier version
    easier_name: str | None
    easier_for: tuple[Said, ...]  # "Ana (pain 5/10)"
    change: Said | None  # what the run rules changed, if anything
    note: str = ""
    amount: Dose | None = None  # the dose itself


@dataclass(frozen=True)
class ClassSheet:
    title: str
    date: dt.date
    after: RunKind
    items: tuple[SheetItem, ...]
    minutes: float
    rules: tuple[Said, ...]  # the rules applied for the whole class
    left_out: tuple[Said, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": "footcore.class-sheet/1",
            "title": self.title,
            "date": self.date.isoformat(),
            "after_run": str(self.after),
            "minutes": self.minutes,
            "rules": [str(r) for r in self.rules],
            "left_out": [str(t) for t in self.left_out],
            "items": [
                {
                    "order": i.order,
                    "exercise": i.exercise,
                    "name": i.name,
                    "category": i.category,
                    "dose": i.dose,
                    "start": _clock(i.start_s),
                    "minutes": i.minutes,
                    "cues": list(i.cues),
                    "cautions": list(i.cautions),
                    "easier": i.easier,
                    "easier_name": i.easier_name,
                    "easier_for": [str(w) for w in i.easier_for],
                    "change": str(i.change) if i.change is not None else None,
                    "note": i.note,
                }
                for i in self.items
            ],
        }


def _clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def _class_release(catalogue: Catalogue) -> Exercise | None:
    """A release the whole class can do after a run: no load, no equipment to bring (or a
    substitute for all of it), seated or standing, suited to the post-run slot."""
    for ex in catalogue.filter(category=Category.RELEASE, slot=Slot.POST_RUN, equipment=()):
        if ex.load is Load.NONE and not ex.cramp_risk:
            return ex
    return None


def class_sheet(
    items: Sequence[TemplateItem],
    catalogue: Catalogue,
    after: RunKind,
    members: Sequence[ClassMember] = (),
    *,
    title: str,
    date: dt.date,
) -> ClassSheet:
    """The leader's sheet for one session done together, after a run of kind ``after``.

    After a long or hard run: no cramp-risk work, no deep stretch, no heavy load, and a
    release first. After an easy run: no deep stretch, and cramp-risk work gets the easier
    version for every cramp-prone member. An item the rules refuse becomes the nearest
    easier step (or equivalent) that keeps them, or is left out.
    """
    left_out: list[Said] = []
    chosen = _chosen(items, catalogue, after, left_out)
    ran = after is not RunKind.NONE
    sheet: list[SheetItem] = []
    clock = 0
    for n, (ex, d, change, note) in enumerate(chosen, start=1):
        minutes = item_minutes(d, ex.load)
        easier, who = _who_needs_easier(ex, catalogue, members, ran)
        sheet.append(
            SheetItem(
                order=n,
                exercise=ex.slug,
                name=ex.name,
                category=str(ex.category),
                dose=dose_text(d),
                start_s=clock,
                minutes=minutes,
                cues=ex.cues,
                cautions=ex.cautions,
                easier=easier.slug if easier else None,
                easier_name=easier.name if easier else None,
                easier_for=who,
                change=change,
                note=note,
                amount=d,
            )
        )
        clock += round(minutes * 60) + CLASS_CHANGEOVER_S
    total = round(max(0, clock - CLASS_CHANGEOVER_S) / 60, 1) if sheet else 0.0
    return ClassSheet(
        title=title,
        date=date,
        after=after,
        items=tuple(sheet),
        minutes=total,
        rules=tuple(_run_rules(after)),
        left_out=tuple(left_out),
    )


def _run_rules(after: RunKind) -> list[Said]:
    """The rules a run of kind ``after`` brings for the whole class, as said on the sheet."""
    rules: list[Said] = []
    if after is not RunKind.NONE:
        rules.append(Said.of(RULE_NO_DEEP_STRETCH))
    if after in HARD_RUNS:
        rules.append(Said.of(RULE_HARD_NO_CRAMP, run=after))
        rules.append(Said.of(RULE_HARD_RELEASE, run=after))
    elif after is not RunKind.NONE:
        rules.append(Said.of(RULE_EASY_CRAMP))
    return rules


def _refused(ex: Exercise, after: RunKind) -> Said | None:
    """Why the class may not do ``ex`` after a run of kind ``after`` (None: it may)."""
    hard = after in HARD_RUNS
    if after is not RunKind.NONE and ex.is_deep_stretch:
        return Said.of(REFUSED_DEEP_STRETCH)
    if hard and ex.cramp_risk:
        return Said.of(REFUSED_CRAMP, run=after)
    if hard and ex.load is Load.HEAVY:
        return Said.of(REFUSED_HEAVY, run=after)
    return None


#: An exercise of the sheet: what is done, at what dose, what the run rules changed, the
#: coach's note.
_Choice = tuple[Exercise, Dose, Said | None, str]


def _chosen(
    items: Sequence[TemplateItem], catalogue: Catalogue, after: RunKind, left_out: list[Said]
) -> list[_Choice]:
    """The items the class does, in the planner's order (a release first after a long or
    hard run): each as it is or as the easier step the run rules allow; what no step allows
    goes into ``left_out``."""
    hard = after in HARD_RUNS
    chosen: list[_Choice] = []
    for ti in items:
        if ti.exercise not in catalogue:
            raise NotFoundError("exercise", ti.exercise, catalogue.slugs)
        original = catalogue.get(ti.exercise)
        reason = _refused(original, after)
        if reason is None:
            if original.slug not in {c[0].slug for c in chosen}:
                chosen.append((original, coach_dose(ti, original), None, ti.note))
            continue
        pick = None
        for alt in _class_alternatives(original, catalogue):
            if _refused(alt, after) is None:
                pick = alt
                break
        if pick is None or pick.slug in {c[0].slug for c in chosen}:
            left_out.append(Said.of(LEFT_OUT, exercise=_named(original), reason=reason))
            continue
        change = Said.of(CHANGED_TO, original=_named(original), easier=_named(pick), reason=reason)
        chosen.append((pick, pick.dose, change, ti.note))
    if hard and not any(c[0].category is Category.RELEASE for c in chosen):
        release = _class_release(catalogue)
        if release is not None:
            added = Said.of(ADDED_RELEASE, run=after)
            chosen.append((release, release.dose, added, ""))
    chosen.sort(key=lambda c: (c[0].category.rank, 1 if c[0].is_deep_stretch else 0))
    if hard:  # release before everything else
        chosen.sort(key=lambda c: 0 if c[0].category is Category.RELEASE else 1)
    return chosen


def _named(ex: Exercise) -> Named:
    return Named(ex.slug, ex.name)


def _class_alternatives(ex: Exercise, catalogue: Catalogue) -> list[Exercise]:
    chain = catalogue.chain_of(ex.slug)
    pos = chain.index(ex.slug)
    out = [catalogue.get(s) for s in reversed(chain[:pos])]
    out += [e for e in catalogue.equivalents(ex.slug, ()) if e.slug not in chain]
    if ex.category is Category.STRETCH:
        out += [
            e
            for e in catalogue.filter(category=Category.STRETCH, equipment=())
            if e.stretch_depth is StretchDepth.GENTLE
            and set(e.targets) & set(ex.targets)
            and e not in out
        ]
    return out


def _who_needs_easier(
    ex: Exercise, catalogue: Catalogue, members: Sequence[ClassMember], ran: bool
) -> tuple[Exercise | None, tuple[Said, ...]]:
    """The easier version of an item and the members who should do it, each with why."""
    chain = catalogue.chain_of(ex.slug)
    pos = chain.index(ex.slug)
    easier = catalogue.get(chain[pos - 1]) if pos > 0 else None
    if easier is None:
        lighter = [e for e in catalogue.equivalents(ex.slug, ()) if e.load.rank < ex.load.rank]
        easier = lighter[0] if lighter else None
    who: list[Said] = []
    for m in members:
        reasons: list[Said] = []
        if (m.pain_nrs > 5 and (ex.load is not Load.NONE or ex.is_deep_stretch)) or (
            m.pain_nrs >= CLASS_REDUCED_PAIN and ex.load in (Load.MODERATE, Load.HEAVY)
        ):
            reasons.append(Said.of(WHY_PAIN, pain=m.pain_nrs))
        missing = ex.needs(m.equipment)
        if missing:
            reasons.append(Said.of(WHY_NO_EQUIPMENT, equipment=Listed(missing)))
        if ran and m.cramp_prone and ex.cramp_risk:
            reasons.append(Said.of(WHY_CRAMP_PRONE))
        if m.falls and falls_findings(ex):
            reasons.append(Said.of(WHY_SUPPORT))
        if reasons:
            who.append(Said.of(WHO, name=m.name, reasons=Listed(tuple(reasons))))
    if not who:
        return easier, ()
    return easier, tuple(who)


def sheet_to_text(
    sheet: ClassSheet,
    *,
    say: Callable[[str], str] = str,
    words: DoseWords = ENGLISH,
    cues: Mapping[str, Sequence[str]] | None = None,
) -> str:
    """The sheet as plain text for printing: in English as it always was, or in another
    language with ``say`` (each sentence, a :class:`~footcore.domain.phrases.Said`, and each
    exercise's name, a :class:`~footcore.domain.phrases.Named`), the doses' ``words`` and the
    exercises' ``cues`` (by slug) in it."""
    day = sheet.date.isoformat()
    number = words.number
    lines = [
        sheet.title,
        say(Said.of(TEXT_AFTER_RUN, date=day, run=sheet.after))
        if sheet.after is not RunKind.NONE
        else say(Said.of(TEXT_NO_RUN, date=day)),
        say(Said.of(TEXT_MINUTES, minutes=number(sheet.minutes))),
        "",
    ]
    for rule in sheet.rules:
        lines.append(say(Said.of(TEXT_RULE, rule=rule)))
    if sheet.rules:
        lines.append("")
    for i in sheet.items:
        name = say(Named(i.exercise, i.name))
        dose = i.dose if words is ENGLISH or i.amount is None else dose_text(i.amount, words=words)
        clock = _clock(i.start_s)
        lines.append(f"{i.order}. [{clock}] {name} - {dose} ({number(i.minutes)} min)")
        if i.change:
            lines.append("   " + say(Said.of(TEXT_CHANGED, change=i.change)))
        if i.note:
            lines.append("   " + say(Said.of(TEXT_COACH, note=i.note)))
        for cue in (cues or {}).get(i.exercise, i.cues):
            lines.append(f"   - {cue}")
        if i.easier_name:
            easier = Named(i.easier or "", i.easier_name)
            said = (
                Said.of(TEXT_EASIER_FOR, name=easier, who=Listed(i.easier_for))
                if i.easier_for
                else Said.of(TEXT_EASIER_ANYONE, name=easier)
            )
            lines.append("   " + say(said))
        elif i.easier_for:
            lines.append("   " + say(Said.of(TEXT_SKIP, who=Listed(i.easier_for))))
    for text in sheet.left_out:
        lines.append(say(Said.of(TEXT_LEFT_OUT, what=text)))
    return "\n".join(lines) + "\n"

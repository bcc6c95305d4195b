"""The planner's texts in the current language.

The planner (``footcore.domain.planning``) writes its texts in English: every item's
``why``, each week's focus, what it brings (``unlocks``) and what comes next, and the day
notes. A stored programme keeps them as plain English in the database, and the JSON, the
API and the English pages show them as they are. The pages, the PDF handouts and the command
line in another language show them through :func:`plan_text`, which reads the text as a
run of sentences, each of a known shape below (English with named placeholders, each a
message of the translation layer), and says each again in the current language, its values
in their own way: an exercise by its name in the language, a protocol's, a level's and the
planning data's own words through the catalogue (``footcore.i18n.extract:extract_planning``
hands them to the extraction), a dose through the one dose formatter, weekdays by the
language's short names, numbers with its decimal mark.

A text is translated whole or not at all: when one of its sentences is of no known shape
it stays English as it came, never half translated. ``tests/unit/test_plan_words.py``
fails when a plan of the example profiles, or of a set of varied ones, holds such a text,
so a sentence changed in the planner shows up there.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from babel.dates import get_day_names
from babel.numbers import format_decimal

from footcore import i18n
from footcore.domain.exercise import Dose, Tempo
from footcore.domain.labels import label as english_label
from footcore.domain.languages import SOURCE
from footcore.domain.vocab import Category, Equipment, Goal
from footcore.domain.wording import dose_text
from footcore.i18n import N_

#: The sentences of an item's ``why``, a week's texts and a day's notes. A placeholder's
#: name says what it takes (:data:`_KINDS`).
SENTENCES = (
    # an item's why (footcore.domain.planning.texts.item_why)
    # (a shape that is only placeholders is the same in every language: not a message)
    "%(protocol)s.",
    "%(reason)s.",
    "%(note)s",
    N_("Protocol dose %(dose)s."),
    N_("Add: %(load)s."),
    N_("Not a loading day, so the session takes the light step of this chain today."),
    N_(
        "Today's moments that may take loading do not suit this week's step, so the session "
        "takes the hardest step one of them suits."
    ),
    N_(
        "The programme's stage for this week waits until the step before it has been done, "
        "so this is that step."
    ),
    N_("No %(kit)s in your equipment, so this is the protocol's form without it."),
    N_("No %(kit)s in your equipment, so this is the protocol's form without them."),
    N_("Pain %(n)s/10: the protocol's easier form."),
    "%(high)s",
    N_(
        "While only gentle work is safe, the protocol keeps its gentle items at their first "
        "stage; the rest wait."
    ),
    N_(
        "Fewer sets than the protocol asks for: the full dose is %(sets)s sets (%(mins)s min); "
        "your %(n)s minutes a day leave room for %(m)s today."
    ),
    N_(
        "Fewer sets than the protocol asks for: this stage's %(dose)s takes %(mins)s min; your "
        "%(n)s minutes a day leave room for 1 set, so an earlier stage's %(dose2)s holds "
        "today."
    ),
    N_(
        "Fewer sets than the protocol asks for: this stage's %(dose)s takes %(mins)s min; your "
        "%(n)s minutes a day leave room for %(sets)s sets, so an earlier stage's %(dose2)s "
        "holds today."
    ),
    N_("This week's stage, %(lname)s, needs %(gear)s, so the stage before it holds."),
    N_(
        "This week's stage, %(lname)s, suits none of your moments (%(slots)s would hold it), "
        "so the stage before it holds."
    ),
    N_("This week's stage, %(lname)s, is not safe for you yet, so the stage before it holds."),
    N_("Loosens the tissue first, so the deep stretch after it meets prepared tissue."),
    N_("Step %(step)s of %(of)s in its progression."),
    N_("Step %(step)s of %(of)s in its progression, one step up from last week."),
    N_(
        "Step %(step)s of %(of)s in its progression; this week's step is %(n)s, and today is "
        "not a loading day."
    ),
    N_(
        "Step %(step)s of %(of)s in its progression; this week's step is %(n)s, and the easier "
        "one suits %(place)s better."
    ),
    N_("Heavy load, so only on a loading day: never two days in a row."),
    N_(
        "Heavy load, so only on a loading day: never two days in a row, never on, the day "
        "before or the day after a long run."
    ),
    N_("Moderate load, so only on a loading day: never two days in a row."),
    N_(
        "Moderate load, so only on a loading day: never two days in a row, never on, the day "
        "before or the day after a long run."
    ),
    N_("It comes after today's run, never before it."),
    N_("Before the run only a light primer: two short sets at most, nothing heavy."),
    N_("After the run: release and gentle work."),
    N_("After the run the work stays light, unless today is a loading day."),
    N_("After a long or hard run nothing but rolling and a gentle calf stretch."),
    N_("Moved here from after yesterday's run, when tired feet cramp easily."),
    N_("It curls or loads the toes, so it stays off long and hard run days."),
    N_("A deep stretch, after the release in this session."),
    N_("No %(kit)s listed: %(how)s"),
    N_("Pain %(n)s/10: one set fewer on loaded work, nothing heavy."),
    N_("Gentle work only until a clinician has seen it."),
    N_("Falls safety: keep a hand on the wall, a rail or a counter all the way through."),
    N_(
        "Held %(n)s s at most: the typical one-leg hold with the eyes open at your age (the "
        "self-tests' norms)."
    ),
    N_(
        "Held %(n)s s at most: the typical one-leg hold with the eyes closed at your age (the "
        "self-tests' norms)."
    ),
    N_("Touch down and start again whenever you wobble."),
    N_(
        "Pain %(n)s/10 where it works: it stays at its first stage, one set fewer, and moves on "
        "once the pain is 3/10 or less and settled by the next morning."
    ),
    N_(
        "Pain %(n)s/10 where it works: it stays at its first stage and moves on once the pain "
        "is 3/10 or less and settled by the next morning."
    ),
    N_(
        "Held %(n)s s at most: about your own best one-leg hold with the eyes open in the "
        "self-test."
    ),
    N_(
        "Held %(n)s s at most: about your own best one-leg hold with the eyes closed in the "
        "self-test."
    ),
    N_("Touch down and start again whenever you wobble; take the test again to move it on."),
    N_("Part of your goal's protocol, so it starts before its level."),
    N_("Goal: %(goals)s."),
    N_("Goals: %(goals)s."),
    # the walking of a move to minimalist shoes (texts.walking_item)
    N_(
        "%(n)s steps today, spread over ordinary walking (at home, errands), not on top of "
        "your minutes."
    ),
    N_(
        "From week %(week)s the steps stay at %(n)s while the minimalist run-in builds: one "
        "load rises at a time."
    ),
    N_("Rest it on long-run days."),
    N_(
        "While the front of your foot hurts (%(n)s/10) the steps rise %(m)s a week, not %(a)s: "
        "it is where bone stress shows first."
    ),
    # a week's focus (texts._focus, texts._protocol_week)
    N_("Week %(week)s of your programme."),
    N_("Level %(level)s, %(title)s: %(focus)s"),
    N_("Level %(level)s, %(title)s. %(consolidate)s"),
    N_("Level %(level)s. %(consolidate)s"),
    N_(
        "Level %(level)s, %(title)s, without the heavy part: with pain at 4-5/10 heavy "
        "loading waits until pain is 3/10 or less."
    ),
    N_(
        "Level %(level)s, %(title)s, without the heavy part: the calf loading is the one of "
        "%(protocol)s, at its own dose."
    ),
    N_(
        "Level %(level)s, %(title)s, without the heavy part: the calf loading is that of "
        "%(protocols)s, each at its own dose."
    ),
    N_(
        "Level %(level)s, %(title)s, without the heavy part: none of its heavy exercises fits "
        "your equipment, moments or week."
    ),
    N_(
        "Level %(level)s, %(title)s, is open, though this plan holds none of its work: your "
        "exercises move up a step at a time, within your moments, minutes and equipment, and "
        "the earlier levels' work goes on."
    ),
    N_(
        "Level %(level)s, %(title)s: Heavy, slow calf and foot loading with a day of recovery "
        "after it, on %(days)s this week: your running week leaves no more loading days (the "
        "notes say why)."
    ),
    N_(
        "Level %(level)s waits: gentle work only until a clinician has seen your pain or your "
        "self-test result."
    ),
    N_("%(protocol)s, every day: %(items)s."),
    N_("%(protocol)s, on %(days)s: %(items)s."),
    N_(
        "%(protocol)s, every day: %(items)s (fewer sets than the protocol's dose: your "
        "minutes hold no more)."
    ),
    N_(
        "%(protocol)s, on %(days)s: %(items)s (fewer sets than the protocol's dose: your "
        "minutes hold no more)."
    ),
    # what a week brings, and what comes next (texts.week_texts)
    N_("New this week: %(names)s."),
    N_("New this week: %(names)s and %(n)s more."),
    N_("Nothing new this week: the same work, with doses rising a little."),
    N_("Nothing new this week: the same work at the same doses."),
    N_("Nothing new this week: the same work; only %(names)s grows, as its protocol allows."),
    N_("Left out for you: %(missing)s."),
    N_("%(protocol)s: this week's stage, %(lname)s, needs %(gear)s, so the stage before it holds."),
    N_(
        "%(protocol)s: this week's stage, %(lname)s, suits none of your moments (%(slots)s "
        "would hold it), so the stage before it holds."
    ),
    N_(
        "%(protocol)s: this week's stage, %(lname)s, is not safe for you yet, so the stage "
        "before it holds."
    ),
    N_("Self-test this week: %(retest)s."),
    N_(
        "Pain check this week: rate the pain during the raises and the next morning; its "
        "self-test waits until the pain is 3/10 or less, as the heavier work does."
    ),
    N_("Next week brings: %(names)s."),
    N_("Next week brings: %(names)s and %(n)s more."),
    N_("Next week: no new exercises, with doses rising a little."),
    N_("Next week: no new exercises, at the same doses."),
    N_("The last week of this plan: keep going with what you do now."),
    N_(
        "The last week of this plan: it holds only gentle work until a clinician has seen the "
        "problem; once they have, make a new plan with what they found."
    ),
    N_("Level %(level)s opens next week if most of this week's sessions are done."),
    N_(
        "Level %(level)s waits: it unlocks once most of a week's sessions are done (and no "
        "pain flag is open)."
    ),
    N_("It opens next week if most of this week's are."),
    # a day's notes (texts.day_notes)
    N_(
        "Loading day: the heavier work comes after today's run, so keep the run easy; a day "
        "without it tomorrow to recover."
    ),
    N_("Loading day: the heavier work is today, with a day without it tomorrow to recover."),
    N_("Long-run day: no moderate or heavy work today, the day before or after."),
    N_(
        "Hard-run day: while the Achilles settles, run this one easy and on the flat; fast and "
        "hill running load the tendon most."
    ),
    N_(
        "Minimalist run-in: if every start condition holds, run the first %(n)s minutes of "
        "today's easy run in your minimalist shoes, then change back."
    ),
    N_(
        "Minimalist run-in: your self-test found your single-leg heel raises below the typical "
        "range, and the run-in asks for 20 on each foot without pain; repeat the heel-raise "
        "test first, and only once you reach 20 run the first %(m)s minutes of an easy run in "
        "your minimalist shoes, then change back, adding %(a)s minutes a week from then."
    ),
    N_(
        "Minimalist run-in: your self-test found your single-leg heel raises below the typical "
        "range, and the run-in asks for 20 on each foot without pain; repeat the heel-raise "
        "test first, and only once you reach 20 run the first %(m)s minutes of an easy run in "
        "your minimalist shoes, then change back, adding %(a)s minutes every %(b)s weeks from "
        "then."
    ),
    "%(warning)s",
    N_("Running is paused until a clinician has seen the problem."),
    N_(
        "Running waits until a clinician has seen the problem: no long run while pain is above "
        "5/10. If you run at all, keep it short and easy, and only as far as pain stays at "
        "3/10 or less."
    ),
    N_(
        "Running waits until a clinician has seen the problem: no fast or hill running "
        "meanwhile. If you run at all, keep it easy, and only as far as pain stays at 3/10 or "
        "less."
    ),
    N_(
        "Running waits until a clinician has seen the problem; if you run at all, only as far "
        "as pain stays at 3/10 or less, settled by the next morning."
    ),
    # while only gentle work is safe (texts._held, texts._retests)
    N_(
        "On hold: everything with load, holds at the end of the range, deep stretches, "
        "kneeling stretches and single-leg work; the doses stay as they are until a clinician "
        "has seen the problem."
    ),
    N_(
        "On hold: everything with load, deep stretches, kneeling stretches and single-leg "
        "work; the other doses stay as they are while the pain is above 5/10."
    ),
    N_(
        "On hold: everything with load, deep stretches, kneeling stretches and single-leg "
        "work; the doses stay as they are while the pain is above 5/10."
    ),
    N_(
        "Pain check this week: rate the pain again (log it with a session, or take the pain "
        "self-test); once it is 5/10 or less the plan moves on from where it waits."
    ),
    N_(
        "Check this week: if a clinician has seen the problem and cleared you to train, take "
        "the self-tests again and make a new plan; if no one has seen it yet, book the "
        "appointment now."
    ),
    # the plan's notes (texts.plan_notes and the notes after it)
    "%(protocol)s: %(summary)s",
    N_("%(protocol)s, on hold until a clinician has seen the problem: %(summary)s"),
    N_("%(protocol)s, in full once %(until)s; %(meanwhile)s: %(summary)s"),
    N_("%(protocol)s, weeks %(n)s-%(m)s: %(beyond)s"),
    N_(
        "%(protocol)s: your %(n)s minutes a day hold only part of it, so every item keeps "
        "fewer sets."
    ),
    N_(
        "%(protocol)s: your %(n)s minutes a day hold only part of it, so every item keeps "
        "fewer sets; on %(m)s of its days, after the work that comes first, not even one set "
        "of each item fits, so it is left out there."
    ),
    N_(
        "%(protocol)s: not even one set of each item fits your %(n)s minutes a day, so this "
        "plan does not hold it."
    ),
    N_(
        "%(protocol)s: while only gentle work is safe, not even one set of its gentle items "
        "fits your %(n)s minutes a day beside the work that comes first."
    ),
    N_(
        "%(protocol)s: your %(n)s minutes a day hold one set of only part of a session, so its "
        "items take turns to wait and each comes round within the week."
    ),
    N_(
        "%(protocol)s: your %(n)s minutes a day hold one set of only part of a session, so its "
        "items take turns to wait; on %(m)s of its days not even half of its items fit, so it "
        "is left out there."
    ),
    N_(
        "The smallest change: about %(n)s minutes a day would hold the full dose on every one "
        "of its days."
    ),
    N_(
        "The smallest change: about %(n)s minutes a day would hold its gentle items on every "
        "one of its days."
    ),
    N_("The smallest change: about %(n)s minutes a day would hold them on every one of its days."),
    N_(
        "%(protocol)s asks for a session every second day (three or four a week); a weekly "
        "long run (%(day)s) keeps heavy work off that day and the days either side, which "
        "leaves %(count)s (%(days)s)."
    ),
    N_(
        "%(protocol)s asks for a session every second day (three or four a week) once its work "
        "is loaded, from week %(week)s; a weekly long run (%(day)s) keeps heavy work off that "
        "day and the days either side, which leaves %(count)s (%(days)s)."
    ),
    N_(
        "%(protocol)s asks for a session every second day (three or four a week); your running "
        "week leaves %(count)s (%(days)s)."
    ),
    N_(
        "%(protocol)s asks for a session every second day (three or four a week); your week "
        "leaves %(count)s (%(days)s)."
    ),
    N_(
        "To get more, make one run a rest day, or the long run an easy run while the problem "
        "settles."
    ),
    N_("To get more, make one run a rest day, or the long run an easy run."),
    N_("To get more, make one run a rest day while the problem settles."),
    N_("To get more, make one run a rest day."),
    N_(
        "%(protocol)s asks for %(sessions)s a week; your week holds %(sessions2)s (%(days)s): on "
        "the other days none of your moments suits it."
    ),
    N_("The smallest change: add a %(slots)s moment, which any day may hold."),
    N_(
        "%(protocol)s: its calf raises are left out on the days between the sessions of "
        "%(protocol2)s: that programme governs all the loading of the painful tendon, and the "
        "days between are for it to recover."
    ),
    N_(
        "%(protocol)s: its calf raises are left out on the days between the sessions of "
        "%(protocol2)s: that programme governs all the loading of the painful heel, and the "
        "days between are for it to recover."
    ),
    N_(
        "Its seated raise, knee bent, still comes on that day: it loads the deeper calf muscle "
        "(the soleus), which a raise with the knee straight does not."
    ),
    N_(
        "All of its sessions fall on those days, so this plan holds none of its calf raises, "
        "nor their build-up: while the heel settles, that programme's raises are the calf's "
        "loading; once it has, make a new plan to bring them back."
    ),
    N_(
        "All of its sessions fall on those days, so this plan holds none of its calf raises, "
        "nor their build-up: while the tendon settles, that programme's raises are the calf's "
        "loading; once it has, make a new plan to bring them back."
    ),
    N_(
        "%(protocol)s has days of its own, %(days)s, and %(protocol2)s the loading days, "
        "%(days2)s: neither session is cut short to make room for the other on a shared day."
    ),
    N_(
        "Its heavier steps (%(lnames)s) are loading work, which belongs on a loading day, so its "
        "sessions keep the lighter step."
    ),
    N_(
        "%(protocol)s: on a day with %(protocol2)s, that protocol's raises count as its "
        "%(work)s too (at their own dose), so the calf is not loaded twice in a day."
    ),
    N_(
        "Minimalist run-in: it waits while your foot hurts (%(n)s/10), since one of its "
        "conditions is no foot or shin pain in the mornings; once that holds, run the first "
        "%(m)s minutes of an easy run in your minimalist shoes, adding %(a)s minutes a week from "
        "then."
    ),
    N_(
        "Minimalist run-in: it waits while your foot hurts (%(n)s/10), since one of its "
        "conditions is no foot or shin pain in the mornings; once that holds, run the first "
        "%(m)s minutes of an easy run in your minimalist shoes, adding %(a)s minutes every "
        "%(b)s weeks from then."
    ),
    N_(
        "All of its sessions fall on those days, so this plan holds none of its calf raises, "
        "nor their build-up: while the tendon settles, that programme's raises are the calf's "
        "loading; once it has, make a new plan to bring them back."
    ),
    N_(
        "All of its sessions fall on those days, so this plan holds none of its calf raises, "
        "nor their build-up: while the heel settles, that programme's raises are the calf's "
        "loading; once it has, make a new plan to bring them back."
    ),
    N_(
        "%(protocol)s: its sessions take up to %(n)s minutes, and on some days only the moment "
        "while brushing teeth (about %(m)s minutes) can hold them: do them as a moment of their "
        "own after brushing."
    ),
    N_(
        "%(protocol)s: its sessions take up to %(n)s minutes, and on some days only the moment "
        "while brushing teeth (about %(m)s minutes) can hold them: do them as a moment of their "
        "own after brushing; a %(slots)s moment would hold it."
    ),
    N_("Your %(slot)s moment stays empty all plan long: %(empty)s"),
    N_("Your %(slot)s moment stays empty in week %(weeks)s: %(empty)s"),
    N_("Your %(slot)s moment stays empty in weeks %(weeks)s: %(empty)s"),
    N_(
        "%(protocol)s: its %(categories)s on the days between runs need a moment on those days, "
        "and all of yours are before or after a run; a %(slots)s moment would hold them."
    ),
    N_("%(protocol)s: its walking barefoot or in thin soles waits while %(thin)s."),
    N_(
        "Keep to your usual shoes; the minimalist run-in, which builds on the walking, waits "
        "too, and the foot and calf work goes on."
    ),
    N_(
        "The walking starts at %(n)s steps a day once the pain has settled to 3/10 or less: "
        "make the plan again then."
    ),
    N_(
        "The walking starts at %(n)s steps a day once the heel no longer hurts there and a "
        "clinician has seen it: make the plan again then."
    ),
    N_(
        "%(protocol)s: its walking barefoot or in thin soles is left out, since falls safety "
        "keeps walking work beside support, and so is the minimalist run-in that builds on it: "
        "keep running in your usual shoes."
    ),
    N_("Talk the move to minimalist shoes over with a clinician who knows your balance."),
    N_(
        "Your general foot-strength goal is served by the falls-prevention programme: it holds "
        "the ankle, toe, calf and balance work a general programme would, and keeps to three "
        "days a week so the feet recover between sessions."
    ),
    N_(
        "Your self-test found a risk of falling: balance work is done holding on or beside a "
        "counter, moves to its next stage at most every two weeks and only when the current one "
        "is steady for the whole hold (if it is not, log it as hard and the plan holds it "
        "back), and no hold goes past 20 s."
    ),
    N_(
        "Self-test results taken while a problem is acute do not steer this plan: take the "
        "self-tests again once a clinician has cleared you to train, and make a new plan with "
        "them."
    ),
    N_(
        "Your profile reports %(site)s pain (%(n)s/10), but not the '%(goal)s' goal: add it to "
        "get that pain's own programme."
    ),
    N_(
        "Meanwhile keep pain during and after exercise and runs at 5/10 or less, settled by the "
        "next morning."
    ),
    N_("Your profile reports %(site)s pain (%(n)s/10)."),
    N_(
        "Keep pain during and after exercise and runs at 5/10 or less, settled by the next "
        "morning; if it rises or lingers, do less and record it in a check-in."
    ),
    N_("Moving the big toe should not hurt at all: ease off any exercise that bends it into pain."),
    # what a protocol cannot hold, and why (texts._missing_notes, texts._minutes_notes)
    "%(protocol)s: %(absent)s.",
    N_("%(protocol)s: %(absent)s; the rest of the protocol goes ahead."),
    N_(
        "%(protocol)s: your %(n)s minutes a day hold one set of only part of it, the work it "
        "builds up first; %(exercises)s waits."
    ),
    N_(
        "%(protocol)s: your %(n)s minutes a day hold one set of only part of it, the work it "
        "builds up first; %(exercises)s wait."
    ),
    N_(
        "%(protocol)s: your %(n)s minutes a day hold one set of only part of it, the work it "
        "builds up first; %(exercises)s take turns to wait."
    ),
    # the loading days a protocol finds, or not (texts._frequency_notes)
    N_(
        "%(protocol)s: your week has no day for heavy work (never two days in a row, never "
        "on, before or after the long run, and on a run day only in a session after the run), "
        "so the protocol cannot start."
    ),
    N_("The smallest change: add a 'morning' slot, or a rest day away from the long run."),
    N_("On %(days)s none of your moments suits it."),
    N_("On %(days)s none of your moments suits it, so the plan holds none of its sessions."),
    N_("On %(days)s none of your moments suits it: a %(slots)s moment would hold it there."),
    N_(
        "On %(days)s none of your moments suits it: a %(slots)s moment would hold it there, "
        "so the plan holds none of its sessions."
    ),
    N_(
        "On %(days)s none of your moments suits it (a cramp-prone runner's post-run session "
        "holds no loading)."
    ),
    N_(
        "On %(days)s none of your moments suits it (a cramp-prone runner's post-run session "
        "holds no loading), so the plan holds none of its sessions."
    ),
    N_(
        "On %(days)s none of your moments suits it (a cramp-prone runner's post-run session "
        "holds no loading): a %(slots)s moment would hold it there."
    ),
    N_(
        "On %(days)s none of your moments suits it (a cramp-prone runner's post-run session "
        "holds no loading): a %(slots)s moment would hold it there, so the plan holds none of "
        "its sessions."
    ),
    N_(
        "%(protocol)s asks for a session every second day (three or four a week) once its work "
        "is loaded, from week %(week)s; your running week leaves %(count)s (%(days)s)."
    ),
    N_(
        "%(protocol)s asks for a session every second day (three or four a week) once its work "
        "is loaded, from week %(week)s; your week leaves %(count)s (%(days)s)."
    ),
    N_("To make room for it, %(rest)s."),
    N_(
        "To get more, %(rest)s, or add an 'after runs' moment: heavy work may follow a run, "
        "which would give %(count)s (%(days)s)."
    ),
    N_(
        "To make room for it, %(rest)s, or add an 'after runs' moment: heavy work may follow "
        "a run, which would give %(count)s (%(days)s)."
    ),
    # a runner's week without a loading day (texts._no_loading_day)
    N_(
        "Your running week leaves no day for moderate or heavy foot and calf work (never two "
        "days in a row, never on, before or after the long run, on a run day only in a session "
        "after the run), so the plan keeps to light work: calf raises on one leg and the "
        "loaded steps wait."
    ),
    N_(
        "Your running week leaves no day for moderate or heavy foot and calf work (never two "
        "days in a row, never on, before or after the long run, on a run day only in a session "
        "after the run; and after a long or hard run a cramp-prone runner's later sessions "
        "hold only rolling and a gentle stretch), so the plan keeps to light work: calf raises "
        "on one leg and the loaded steps wait."
    ),
    N_("The smallest change: make one run a rest day, away from the long run."),
    # a goal's daily care with every moment around a run (texts._care_notes)
    N_(
        "%(protocol)s: its %(categories)s on the days between runs need a moment on those "
        "days, and all of yours are before or after a run (its daily %(categories2)s suits no "
        "moment after or before a run either); a %(slots)s moment would hold them."
    ),
    # moments that cannot hold the minutes set aside (texts.unused_minutes)
    N_(
        "Your moments hold at most %(n)s of the %(m)s minutes a day you set aside (each kind "
        "of moment keeps its sessions short: about %(a)s minutes at the desk, %(b)s while "
        "brushing teeth)."
    ),
    N_(
        "Your moments hold at most %(n)s of the %(m)s minutes a day you set aside (each kind "
        "of moment keeps its sessions short: about %(a)s minutes at the desk, %(b)s while "
        "brushing teeth); adding a %(slots)s moment would use more of it."
    ),
    # a protocol item in another form since none of the moments suits its usual one
    # (texts._moment_form)
    N_("%(exercise)s suits none of your moments, so the protocol's other form takes its place."),
    N_(
        "%(exercise)s suits none of your moments, so the protocol's form without a %(kit)s "
        "takes its place."
    ),
    N_("A %(slots)s moment would let you use your equipment for it."),
    N_("A %(slots)s moment would let you use your %(kit)s for it."),
    # a week of held doses in which more than one pain-rule item grows (texts._still_rising)
    N_("Nothing new this week: the same work; only %(exercises)s grows, as its protocol allows."),
    # the plan's flags (texts.flags)
    N_(
        "Pain %(n)s/10 is acceptable but calls for less load: the protocols keep their easier "
        "form and other loaded work has one set fewer until pain is 3/10 or less."
    ),
    N_("Pain should settle by the next morning; if it does not, do less."),
    N_(
        "Pain on one spot of a bone, in the front of the foot or on the top or inner side of "
        "the midfoot, that grows with each run or hurts when you hop, can be a bone stress "
        "injury: stop running and have it examined rather than running through it."
    ),
    N_("Pain %(n)s/10 is above the 5/10 that exercise should cause."),
    N_("A sudden or acute problem needs a clinician's opinion before any loading."),
    N_("Your self-test asks for a clinician's opinion."),
    N_(
        "Please see a physiotherapist or doctor; until then the plan keeps to gentle work "
        "without load, and no end-range stretch of the painful tissue."
    ),
    N_(
        "Running: with pain above 5/10, pause running until a clinician has seen it, or at most "
        "run as far as pain stays at 3/10 or below during the run and has settled by the next "
        "morning (the pain-monitoring model, Silbernagel 2007)."
    ),
    N_(
        "Your running days stay in the plan so that its sessions keep their days; each says "
        "that running waits."
    ),
    N_("Running: stop until a clinician has seen the problem."),
    N_("The plan holds no pre-run or post-run sessions meanwhile."),
    N_("Your self-test points to an acute problem: stop loading the foot."),
    N_(
        "Until a clinician has seen it the plan holds only gentle release and mobility, seated "
        "and without load."
    ),
    N_(
        "Your balance result points to a risk of falling: balance work is done beside a counter "
        "or a sturdy chair, with no walking drills away from support."
    ),
    N_(
        "This plan holds no foot work: none of the exercises you can do (with your equipment "
        "and the safety rules) suits the moments you chose."
    ),
    N_("The smallest change: %(change)s, where gentle seated work can go."),
)


#: The moments as the planner names them (texts.SLOT_PLACE, texts.SLOT_NAMES).
PLACES = (
    N_("the morning session"),
    N_("the desk"),
    N_("brushing teeth"),
    N_("the TV"),
    N_("a pre-run primer"),
    N_("after a run"),
)
MOMENTS = (
    N_("morning"),
    N_("at the desk"),
    N_("while brushing teeth"),
    N_("in front of the TV"),
    N_("before runs"),
    N_("after runs"),
)


def _and(first: str, last: str) -> str:
    return i18n.gettext(N_("%(first)s and %(last)s")) % {"first": first, "last": last}


def _or(first: str, last: str) -> str:
    return i18n.gettext(N_("%(first)s or %(last)s")) % {"first": first, "last": last}


# -- the words of the catalogue and the planning data -----------------------------------------


@dataclass(frozen=True)
class _Words:
    """The English names the planner writes, each with its words in another language."""

    exercises: dict[str, str]  # English name -> slug
    lower: dict[str, str]  # lower-case English name -> slug
    data: dict[str, tuple[str, ...]]  # the planning data's words and the levels', by part
    substitutes: dict[str, tuple[str, Equipment]]  # the text after "listed: " -> (slug, kit)


@functools.cache
def _words() -> _Words:
    from footcore.catalogue.loader import builtin_catalogue  # noqa: PLC0415 - only when said
    from footcore.i18n.extract import planning_texts  # noqa: PLC0415

    catalogue = builtin_catalogue()
    exercises: dict[str, str] = {}
    substitutes: dict[str, tuple[str, Equipment]] = {}
    for ex in catalogue:
        exercises.setdefault(ex.name, ex.slug)
        for kit, how in ex.substitutes.items():
            substitutes.setdefault(how[:1].lower() + how[1:], (ex.slug, kit))
    lower = {name.lower(): slug for name, slug in exercises.items()}
    data = {kind: tuple(words) for kind, words in planning_texts().items()}
    return _Words(exercises, lower, data, substitutes)


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@functools.cache
def _exercise_names() -> str:
    """A pattern of every exercise's English name, the longest first."""
    return _alternatives(_words().exercises)


# -- placeholders: what each matches, and how it is said -------------------------------------

_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_ENGLISH_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_DAY = "|".join(_ENGLISH_DAYS)
_DAYS = rf"(?:{_DAY})(?:(?:, | and )(?:{_DAY}))*"


def _number(text: str) -> str:
    value = float(text.replace(",", ""))
    return format_decimal(value, locale=i18n.current())


def _days(text: str) -> str:
    names = get_day_names("abbreviated", locale=i18n.current())
    days = [names[_ENGLISH_DAYS.index(d)].rstrip(".") for d in re.findall(_DAY, text)]
    return _and(", ".join(days[:-1]), days[-1]) if len(days) > 1 else days[0]


def _exercise(slug: str) -> str:
    from footcore.catalogue.loader import builtin_catalogue  # noqa: PLC0415

    return builtin_catalogue().get(slug).in_language(i18n.current()).name


def _label(text: str) -> str:
    """An exercise as a change names it: its English name, or its slug."""
    if text in _words().exercises:
        return _names(text)
    from footcore.catalogue.loader import builtin_catalogue  # noqa: PLC0415

    catalogue = builtin_catalogue()
    if text in catalogue:
        return str(catalogue.get(text).in_language(i18n.current()).name)
    raise LookupError(text)


def _lower_names(text: str) -> str:
    """Exercises named in lower case and joined with "and" (texts._and)."""
    said = [_lower_name(n) for n in re.findall(_alternatives(_words().lower), text)]
    return _and(", ".join(said[:-1]), said[-1]) if len(said) > 1 else said[0]


def _works(text: str) -> str:
    said = [i18n.gettext(w) for w in text.split(" and ")]
    return _and(", ".join(said[:-1]), said[-1]) if len(said) > 1 else said[0]


def _names(text: str) -> str:
    found = re.findall(_exercise_names(), text)
    return ", ".join(_exercise(_words().exercises[n]) for n in found)


def _lower_name(text: str) -> str:
    name = _exercise(_words().lower[text])
    return name[:1].lower() + name[1:]


def _term(value: object) -> str:
    word = i18n.gettext(english_label(value))
    return word[:1].lower() + word[1:]


def _goals(text: str) -> str:
    return ", ".join(_term(Goal(g.replace(" ", "-"))) for g in text.split(", "))


def _kit(text: str) -> str:
    kits = [_term(Equipment(k)) for k in text.split(" or ")]
    return _or(", ".join(kits[:-1]), kits[-1]) if len(kits) > 1 else kits[0]


def _gear(text: str) -> str:
    """ "a resistance band and marbles or small stones" (texts.equipment_words)."""
    said = []
    for part in text.split(" and "):
        kit = next(
            e
            for e in Equipment
            if part in (english_label(e).lower(), f"a {english_label(e).lower()}")
        )
        said.append(_term(kit))
    return _and(", ".join(said[:-1]), said[-1]) if len(said) > 1 else said[0]


def _how(text: str) -> str:
    from footcore.catalogue.loader import builtin_catalogue  # noqa: PLC0415

    slug, kit = _words().substitutes[text]
    how = builtin_catalogue().get(slug).in_language(i18n.current()).substitutes[kit]
    return how[:1].lower() + how[1:]


def _slots(text: str) -> str:
    slots = [f"'{i18n.gettext(s)}'" for s in re.findall(r"'([^']+)'", text)]
    return _or(", ".join(slots[:-1]), slots[-1]) if len(slots) > 1 else slots[0]


def _data(text: str) -> str:
    return i18n.gettext(text)


def _protocols(text: str) -> str:
    found = re.findall(_alternatives(_words().data["protocol"]), text)
    said = [i18n.gettext(p) for p in found]
    return _and(", ".join(said[:-1]), said[-1]) if len(said) > 1 else said[0]


def _missing(text: str) -> str:
    """ "Towel scrunch (needs towel); Marble pickups (needs marbles)"."""
    out = []
    for name, needs in re.findall(r"(.+?) \(needs ([^)]+)\)(?:; |$)", text):
        kits = ", ".join(_term(Equipment(k)) for k in needs.split(", "))
        out.append(
            i18n.gettext(N_("%(name)s (needs %(kit)s)")) % {"name": _names(name), "kit": kits}
        )
    return "; ".join(out)


def _retest(text: str) -> str:
    return "; ".join(i18n.gettext(t) for t in text.split("; and "))


_TIME = r"\d+(?:\.\d+)? (?:s|min)"
_DOSE = re.compile(
    rf"(?:(?P<steps>{_NUMBER}) steps a day"
    rf"|(?:(?P<sets>\d+) x )?(?:(?P<hold>{_TIME}) hold|(?P<dur>{_TIME})|(?P<reps>\d+)(?: reps?)?)"
    rf"(?:, each rep (?P<up>{_TIME}) up(?:, (?P<tempo_hold>{_TIME}) hold)?, (?P<down>{_TIME}) down"
    rf"|, (?P<rep_hold>{_TIME}) hold)?)(?P<side>, each foot)?"
)


def _seconds(text: str | None) -> float | None:
    if text is None:
        return None
    number, unit = text.split(" ")
    return float(number) * (60 if unit == "min" else 1)


def dose_of_text(text: str) -> Dose | None:
    """The dose an English dose text writes (``wording.dose_text``), or None when it is no
    dose text: the dose written again must be the text itself."""
    found = _DOSE.fullmatch(text)
    if found is None:
        return None
    g = found.groupdict()

    def whole(name: str) -> int | None:
        value = g.get(name) or None
        if value is None:
            return None
        if name in ("steps", "sets", "reps"):
            return int(value.replace(",", ""))
        seconds = _seconds(value)
        return None if seconds is None else round(seconds)

    tempo = None
    if g["up"]:
        tempo = Tempo(
            _seconds(g["up"]) or 0.0, _seconds(g["tempo_hold"]) or 0.0, _seconds(g["down"]) or 0.0
        )
    dose = Dose(
        sets=whole("sets") or 1,
        reps=whole("reps"),
        hold_s=whole("hold") or whole("rep_hold"),
        duration_s=whole("dur"),
        per_side=bool(g["side"]),
        tempo=tempo,
        steps=whole("steps"),
    )
    return dose if dose_text(dose) == text else None


def _dose(text: str) -> str:
    from footcore.i18n.words import dose_words  # noqa: PLC0415

    dose = dose_of_text(text)
    if dose is None:
        raise LookupError(text)
    return dose_text(dose, words=dose_words())


def _items(text: str) -> str:
    """A protocol's items in a week's focus: "Name dose; Name dose on Tue and Thu; in turn:
    Name dose"."""
    names = _exercise_names()
    item = re.compile(rf"(?P<name>{names}) (?P<dose>.+?)(?: on (?P<days>{_DAYS}))?")
    out = []
    rotating = re.compile(
        rf"(?P<names>(?:{names})(?:, (?:{names}))*) or (?P<last>{names}) in turn, (?P<dose>.+)"
    )

    def listed(body: str) -> str:
        pieces = []
        for one in re.split(r", (?=(?:" + names + r") )", body):
            found = item.fullmatch(one)
            if found is None:
                raise LookupError(one)
            said = f"{_names(found['name'])} {_dose(found['dose'])}"
            if found["days"]:
                said = i18n.gettext(N_("%(item)s on %(days)s")) % {
                    "item": said,
                    "days": _days(found["days"]),
                }
            pieces.append(said)
        return ", ".join(pieces)

    for part in re.split(r"; (?=(?:in turn: )?(?:" + names + r") )", text):
        turn = part.startswith("in turn: ")
        body = part.removeprefix("in turn: ")
        if found := rotating.fullmatch(body):  # stand-ins taking turns (texts._in_turn)
            joined = i18n.gettext(N_("%(names)s or %(last)s in turn, %(dose)s")) % {
                "names": _names(found["names"]),
                "last": _names(found["last"]),
                "dose": _dose(found["dose"]),
            }
        elif body.endswith(", in turn") and " or " in body:
            first, last = body.removesuffix(", in turn").rsplit(" or ", 1)
            joined = i18n.gettext(N_("%(items)s or %(last)s, in turn")) % {
                "items": listed(first),
                "last": listed(last),
            }
        else:
            joined = listed(body)
        out.append(i18n.gettext(N_("in turn: %(items)s")) % {"items": joined} if turn else joined)
    return "; ".join(out)


@dataclass(frozen=True)
class _Kind:
    pattern: Callable[[], str]
    say: Callable[[str], str]


def _listed(one: str, joint: str) -> str:
    """A pattern for one or more of ``one`` joined by ``joint`` (a pattern itself)."""
    joint = joint if "|" in joint else re.escape(joint)
    return rf"(?:{one})(?:(?:{joint})(?:{one}))*"


def _week_numbers(text: str) -> str:
    return text


#: What a week does not hold for a moment (texts._why_empty), the end of its note.
EMPTY = (
    N_("none of the exercises you can do (with your equipment and the safety rules) suits it."),
    N_("the work that suits it opens at level %(level)s."),
    N_("the falls programme keeps to its three days and the slots that hold it."),
    N_(
        "while only gentle work is safe the plan holds a few short gentle items a day, and "
        "your other moments take them."
    ),
    N_(
        "your %(n)s minutes a day go to the work that comes first (the goal's protocol): more "
        "minutes would reach it."
    ),
    N_(
        "your %(n)s minutes a day go to the work that comes first (the goal's protocol, then "
        "the run routines): more minutes would reach it."
    ),
    N_("running is paused until a clinician has seen the problem."),
    N_("the day's work already fits your other moments, each kind of work once a day."),
)
#: Until when a protocol waits while only gentle work is safe, and what goes on meanwhile
#: (texts._waits_for).
UNTIL = (
    N_("a clinician has seen the problem"),
    N_("a clinician has seen the problem and pain is 5/10 or less"),
)
MEANWHILE = (
    N_("only its gentle holds meanwhile (see the clinician note)"),
    N_("none of it meanwhile"),
    N_("meanwhile only its gentle items, at their first stage (%(list)s)"),
)
#: Why walking in thin soles waits (texts._THIN_SOLES_WAIT).
THIN_SOLES = (
    N_(
        "the Achilles hurts where it meets the heel bone: a sole without a heel lets the ankle "
        "bend past neutral, which presses the tendon onto the bone (Jonsson 2008)"
    ),
    N_(
        "the Achilles hurts at 4/10 or more: barefoot and in minimalist shoes the tendon takes "
        "more force than in running shoes (Sinclair 2014)"
    ),
    N_(
        "the front of the foot hurts at 4/10 or more: pain on one spot of a foot bone can be a "
        "bone stress injury, the injury a move to thin soles brings"
    ),
    N_(
        "the toes hurt at 4/10 or more: pain on one spot of a foot bone can be a bone stress "
        "injury, the injury a move to thin soles brings"
    ),
)
#: The smallest change that gives a plan without foot work some (texts.nothing_fits_text).
CHANGE = (
    N_("add a seated moment ('at the desk')"),
    N_("add a seated moment ('in front of the TV')"),
    N_("add more minutes a day, or the equipment the exercises need"),
)
#: The work a protocol's items do, as the notes name it (a protocol's ``work``).
WORKS = (N_("calf raises"), N_("bent knee calf raises"))
#: Counts of days and sessions in words (texts._count, texts._count_sessions).
COUNTS = (
    N_("no day"),
    N_("one day"),
    N_("two days"),
    N_("three days"),
    N_("no sessions"),
    N_("one session"),
    N_("two sessions"),
    N_("three sessions"),
    N_("four sessions"),
    N_("five sessions"),
    N_("six sessions"),
    N_("seven sessions"),
)


#: What keeps a protocol's items out of a plan (texts._missing_notes), each part of the
#: note's sentence (:func:`_absent`).
ABSENT = (
    N_("%(piece)s needs %(gear)s"),
    N_("%(pieces)s suits none of your moments: add a %(slots)s moment to hold it"),
    N_("%(pieces)s suit none of your moments: add a %(slots)s moment to hold them"),
    N_("%(pieces)s cannot be planned for you (a safety rule, or none of your moments suits it)"),
)
#: The items that only equipment holds back (:data:`ABSENT`'s first), then what to do.
NOT_LISTED = (
    N_("%(needs)s, which your profile does not list: add it to your equipment if you have it"),
    N_("%(needs)s, which your profile does not list: add them to your equipment if you have it"),
)
#: The change to the running week that gives a protocol more loading days
#: (texts._frequency_notes).
REST_DAY = (
    N_("make one run a rest day, or the long run an easy run while the problem settles"),
    N_("make one run a rest day, or the long run an easy run"),
    N_("make one run a rest day while the problem settles"),
    N_("make one run a rest day"),
)


#: The reasons of the changes adaptation makes (``footcore.domain.adaptation``), each said
#: whole (:func:`change_text`); a reason's parts below.
CHANGES = (
    N_("%(regress)s: step back to an easier version"),
    N_(
        "%(regress)s; %(label)s is already the easiest version, so keep it gentle and stop if "
        "it hurts more"
    ),
    N_(
        "%(regress)s; %(label)s follows its programme's stages, and its pain rules set what "
        "comes next: an easier form while pain is 4-5/10, a clinician above 5/10"
    ),
    N_(
        "next-morning pain %(n)s/10 was worse than the day before: the load did not settle "
        "overnight: step back to an easier version"
    ),
    N_(
        "next-morning pain %(n)s/10 was worse than the day before: the load did not settle "
        "overnight; %(label)s is already the easiest version"
    ),
    N_("stay at %(label)s: %(clean)s"),
    N_("stay at %(label)s: %(n)s of %(m)s easy, pain-free sessions running so far"),
    N_(
        "%(label)s felt easy %(n)s sessions running, and it is already the hardest version in "
        "its chain"
    ),
    N_(
        "%(label)s: all planned work done at difficulty at most %(a)s and pain at most %(b)s, "
        "%(n)s sessions running: move one step up"
    ),
    N_(
        "a cramp struck: cramp-prone exercises (toe curling, deep toe stretches) move away from "
        "post-run slots, when tired muscles cramp most easily"
    ),
    N_(
        "week %(week)s: %(n)s of %(m)s sessions done (%(pct)s%%), but a pain flag is open "
        "(%(flag)s): level %(level)s stays locked until pain settles"
    ),
    N_(
        "week %(week)s: %(n)s of %(m)s sessions done (%(pct)s%%, the mark is %(mark)s%%) and no "
        "pain flag is open: level %(level)s unlocks"
    ),
)
#: What made a chain step back (adaptation._regress_reason).
REGRESS = (
    N_("pain %(n)s/10 during %(label)s is above %(m)s"),
    N_("a cramp struck during %(label)s"),
    N_(
        "next-morning pain %(n)s/10 was worse than the day before (the load did not settle "
        "overnight)"
    ),
)
#: Why a session does not count towards a step up (adaptation._clean).
CLEAN = (
    N_("the planned work of %(label)s was not all done"),
    N_("no difficulty was given for %(label)s"),
    N_("difficulty %(n)s/5 is above %(m)s"),
    N_("no pain score was given for %(label)s"),
    N_("pain %(n)s/10 is above %(m)s"),
    N_("a cramp struck"),
    N_("the next morning hurt more than the day before"),
)
#: Why a pain flag is open (adaptation.open_pain_flag).
PAIN_FLAG = (
    N_("pain %(n)s/10 on %(date)s"),
    N_("next-morning pain worse than the day before after %(date)s"),
)


def _site(text: str) -> str:
    """A pain's place as the planner names it ("heel", "achilles insertion", "toe")."""
    words = {
        "heel": i18n.pgettext("pain of the ...", "heel"),
        "arch": i18n.pgettext("pain of the ...", "arch"),
        "achilles": i18n.pgettext("pain of the ...", "achilles"),
        "achilles insertion": i18n.pgettext("pain of the ...", "achilles insertion"),
        "ankle": i18n.pgettext("pain of the ...", "ankle"),
        "forefoot": i18n.pgettext("pain of the ...", "forefoot"),
        "toe": i18n.pgettext("pain of the ...", "toe"),
    }
    return words[text]


def _piece_words() -> dict[str, str]:
    """A protocol's items as the planner names them (an item's id with spaces: "toe press"),
    each in the current language."""
    return {
        "standing calf raise": i18n.pgettext("a protocol's item", "standing calf raise"),
        "seated calf raise": i18n.pgettext("a protocol's item", "seated calf raise"),
        "calf hold": i18n.pgettext("a protocol's item", "calf hold"),
        "calf raise both feet": i18n.pgettext("a protocol's item", "calf raise both feet"),
        "calf raise": i18n.pgettext("a protocol's item", "calf raise"),
        "heel raise both feet": i18n.pgettext("a protocol's item", "heel raise both feet"),
        "heel raise": i18n.pgettext("a protocol's item", "heel raise"),
        "ankle circles": i18n.pgettext("a protocol's item", "ankle circles"),
        "ankle bend hold": i18n.pgettext("a protocol's item", "ankle bend hold"),
        "band in": i18n.pgettext("a protocol's item", "band in"),
        "band out": i18n.pgettext("a protocol's item", "band out"),
        "calf stretch": i18n.pgettext("a protocol's item", "calf stretch"),
        "toe press": i18n.pgettext("a protocol's item", "toe press"),
        "stone pickups": i18n.pgettext("a protocol's item", "stone pickups"),
        "big toe stretch": i18n.pgettext("a protocol's item", "big toe stretch"),
        "balance": i18n.pgettext("a protocol's item", "balance"),
        "sit to stand": i18n.pgettext("a protocol's item", "sit to stand"),
        "release": i18n.pgettext("a protocol's item", "release"),
        "knee over toe": i18n.pgettext("a protocol's item", "knee over toe"),
        "short foot": i18n.pgettext("a protocol's item", "short foot"),
        "toe control": i18n.pgettext("a protocol's item", "toe control"),
        "toe spread": i18n.pgettext("a protocol's item", "toe spread"),
    }


#: The protocol items' English words, in the order a pattern tries them (the longest first).
_PIECES = _alternatives(
    (
        "standing calf raise",
        "seated calf raise",
        "calf hold",
        "calf raise both feet",
        "calf raise",
        "heel raise both feet",
        "heel raise",
        "ankle circles",
        "ankle bend hold",
        "band in",
        "band out",
        "calf stretch",
        "toe press",
        "stone pickups",
        "big toe stretch",
        "balance",
        "sit to stand",
        "release",
        "knee over toe",
        "short foot",
        "toe control",
        "toe spread",
    )
)


def _pieces(text: str) -> str:
    """Protocol items joined with "and" or a comma (texts._missing_notes), joined with the
    language's "and"."""
    words = _piece_words()
    said = [words[w] for w in re.findall(_PIECES, text)]
    return _and(", ".join(said[:-1]), said[-1]) if len(said) > 1 else said[0]


def _exercises(text: str) -> str:
    """Exercises by their English names joined with "and" (texts._and)."""
    said = [_exercise(_words().exercises[n]) for n in re.findall(_exercise_names(), text)]
    return _and(", ".join(said[:-1]), said[-1]) if len(said) > 1 else said[0]


_NOT_LISTED = re.compile(
    r"(?P<needs>.+?), which your profile does not list: add (?P<it>it|them) to your "
    r"equipment if you have it(?:; (?P<rest>.+))?",
    re.DOTALL,
)


def _absent(text: str) -> str:
    """What keeps a protocol's items out of the plan (texts._missing_notes): the items only
    equipment holds back, those only the moments do, then the others, joined with "; "."""
    say = _fragment(ABSENT)
    parts = []
    rest: str | None = text
    if found := _NOT_LISTED.fullmatch(text):
        needs = "; ".join(say(need) for need in found["needs"].split("; "))
        shape = NOT_LISTED[0] if found["it"] == "it" else NOT_LISTED[1]
        parts.append(i18n.gettext(shape) % {"needs": needs})
        rest = found["rest"]
    if rest:
        parts += [say(part) for part in rest.split("; ")]
    return "; ".join(parts)


def _categories(text: str) -> str:
    """Kinds of work joined with "and" ("release and stretch")."""
    found = [Category(w.replace(" ", "-")) for w in re.split(r", | and ", text)]
    said = [_term(c) for c in found]
    return _and(", ".join(said[:-1]), said[-1]) if len(said) > 1 else said[0]


def _fragment(shapes: tuple[str, ...]) -> Callable[[str], str]:
    """Says a part of a sentence that is one of ``shapes`` (with placeholders of its own)."""

    def say(text: str) -> str:
        for shape in shapes:
            found = _compiled(shape).fullmatch(text)
            if found is not None:
                said = _sentence(shape, found)
                if said is not None:
                    return said
        raise LookupError(text)

    return say


def _data_pattern(kind: str) -> Callable[[], str]:
    """The pattern of one part of the planning data's words (a protocol's name, a reason)."""
    return lambda: _alternatives(_words().data.get(kind, ()))


_KINDS: dict[str, _Kind] = {
    **{
        name: _Kind(lambda: _NUMBER, _number)
        for name in (
            "n",
            "m",
            "sets",
            "mins",
            "step",
            "of",
            "week",
            "level",
            "a",
            "b",
            "pct",
            "mark",
        )
    },
    "dose": _Kind(lambda: r".+?", _dose),
    "dose2": _Kind(lambda: r".+?", _dose),
    "days": _Kind(lambda: _DAYS, _days),
    "names": _Kind(lambda: _listed(_exercise_names(), ", "), _names),
    "lname": _Kind(lambda: _alternatives(_words().lower), _lower_name),
    "goals": _Kind(
        lambda: _listed(_alternatives(str(g).replace("-", " ") for g in Goal), ", "), _goals
    ),
    "kit": _Kind(lambda: _listed(_alternatives(str(e) for e in Equipment), " or "), _kit),
    "gear": _Kind(lambda: r".+?", _gear),
    "how": _Kind(lambda: _alternatives(_words().substitutes), _how),
    "slots": _Kind(
        lambda: rf"'(?:{_alternatives(MOMENTS)})'(?: or '(?:{_alternatives(MOMENTS)})')*", _slots
    ),
    "place": _Kind(lambda: _alternatives(PLACES), i18n.gettext),
    "missing": _Kind(lambda: r".+? \(needs [^)]+\)(?:; .+? \(needs [^)]+\))*", _missing),
    "retest": _Kind(lambda: _listed(_data_pattern("retest")(), "; and "), _retest),
    "protocols": _Kind(lambda: r".+?", _protocols),
    "day": _Kind(lambda: _DAY, _days),
    "days2": _Kind(lambda: _DAYS, _days),
    "lnames": _Kind(lambda: _listed(_alternatives(_words().lower), r", | and "), _lower_names),
    "work": _Kind(lambda: _listed(_alternatives(WORKS), " and "), _works),
    "count": _Kind(lambda: _alternatives(COUNTS), i18n.gettext),
    "sessions": _Kind(lambda: _alternatives(COUNTS), i18n.gettext),
    "sessions2": _Kind(lambda: _alternatives(COUNTS), i18n.gettext),
    "slot": _Kind(lambda: rf"'(?:{_alternatives(MOMENTS)})'", _slots),
    "weeks": _Kind(lambda: r"\d+(?:-\d+|(?:, \d+)*)", _week_numbers),
    "empty": _Kind(lambda: r".+", _fragment(EMPTY)),
    "until": _Kind(lambda: _alternatives(UNTIL), i18n.gettext),
    "meanwhile": _Kind(lambda: r".+?", _fragment(MEANWHILE)),
    "list": _Kind(lambda: r".+", _names),
    "thin": _Kind(lambda: _alternatives(THIN_SOLES), i18n.gettext),
    "change": _Kind(lambda: _alternatives(CHANGE), i18n.gettext),
    "site": _Kind(lambda: "heel|arch|achilles insertion|achilles|ankle|forefoot|toe", _site),
    "goal": _Kind(lambda: _alternatives(str(g) for g in Goal), str),
    "categories": _Kind(
        lambda: _listed(_alternatives(str(c).replace("-", " ") for c in Category), r", | and "),
        _categories,
    ),
    "items": _Kind(lambda: r".+?", _items),
    "absent": _Kind(lambda: r".+?", _absent),
    "piece": _Kind(lambda: _PIECES, _pieces),
    "pieces": _Kind(lambda: _listed(_PIECES, r", | and "), _pieces),
    "exercise": _Kind(_exercise_names, _names),
    "exercises": _Kind(lambda: _listed(_exercise_names(), r", | and "), _exercises),
    "rest": _Kind(lambda: _alternatives(REST_DAY), i18n.gettext),
    "categories2": _Kind(
        lambda: _listed(_alternatives(str(c).replace("-", " ") for c in Category), r", | and "),
        _categories,
    ),
    "label": _Kind(lambda: rf"{_exercise_names()}|[a-z0-9]+(?:-[a-z0-9]+)*", _label),
    "regress": _Kind(lambda: r".+", _fragment(REGRESS)),
    "clean": _Kind(lambda: r".+", _fragment(CLEAN)),
    "flag": _Kind(lambda: r".+", _fragment(PAIN_FLAG)),
    "date": _Kind(lambda: r"\d{4}-\d{2}-\d{2}", str),
    **{
        name: _Kind(_data_pattern("protocol" if name == "protocol2" else name), _data)
        for name in (
            "protocol",
            "reason",
            "note",
            "load",
            "high",
            "warning",
            "title",
            "focus",
            "consolidate",
            "summary",
            "beyond",
            "protocol2",
        )
    },
}

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@functools.cache
def _compiled(shape: str) -> re.Pattern[str]:
    """A shape as a pattern whose named groups take each placeholder's text."""
    parts: list[str] = []
    position = 0
    for found in _PLACEHOLDER.finditer(shape):
        parts.append(re.escape(shape[position : found.start()].replace("%%", "%")))
        parts.append(f"(?P<{found.group(1)}>{_KINDS[found.group(1)].pattern()})")
        position = found.end()
    parts.append(re.escape(shape[position:].replace("%%", "%")))
    # ending where a sentence ends (a space, or the text's end)
    return re.compile("".join(parts) + r"(?= |$)", re.DOTALL)


@functools.cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((shape, _compiled(shape)) for shape in SENTENCES)


def _sentence(shape: str, found: re.Match[str]) -> str | None:
    values: dict[str, str] = {}
    for name, value in found.groupdict().items():
        try:
            values[name] = _KINDS[name].say(value)
        except (LookupError, ValueError, StopIteration):
            return None
        if name in ("note", "high", "warning") and not value.endswith((".", "!", "?")):
            return None  # a sentence of the data: a reason or a name is a sentence's part
    translated = i18n.gettext(shape)
    return translated % values if values else translated


def _say(text: str, start: int, memo: dict[int, list[str] | None]) -> list[str] | None:
    """The sentences from ``start`` to the end in the current language (None: some
    sentence there is of no known shape)."""
    if start == len(text):
        return []
    if start in memo:
        return memo[start]
    memo[start] = None
    for shape, pattern in _patterns():
        found = pattern.match(text, start)
        if found is None:
            continue
        said = _sentence(shape, found)
        if said is None:
            continue
        end = found.end()
        rest = _say(text, end + 1 if end < len(text) else end, memo)
        if rest is not None:
            memo[start] = [said, *rest]
            break
    return memo[start]


@functools.lru_cache(maxsize=4096)
def _plan_text(text: str, language: str) -> str | None:
    said = _say(text, 0, {})
    return None if said is None else " ".join(said)


def change_text(reason: object) -> str:
    """The reason of a change adaptation made (a step up or back, a hold, a level unlocked,
    a move) in the current language; as it came when English or of no known shape."""
    text = "" if reason is None else str(reason)
    if not text or i18n.current() == SOURCE:
        return text
    try:
        return _fragment(CHANGES)(text)
    except LookupError:
        return text


#: The plan's flags by name, as the pages head them (the code with its hyphens as spaces).
FLAG_NAMES = (
    N_("Stop acute"),
    N_("See clinician"),
    N_("Running"),
    N_("Reduced load"),
    N_("Fall risk"),
    N_("Nothing fits"),
)


def flag_name(code: str) -> str:
    """A flag's code as the pages head it ("see-clinician": "See clinician"), in the current
    language."""
    words = str(code).replace("-", " ")
    english = words[:1].upper() + words[1:].lower()
    return i18n.gettext(english) if english in FLAG_NAMES else english


def translated(text: str) -> str | None:
    """The planner's text in the current language, or None when some sentence of it is of
    no known shape (for the tests: English gives the text back)."""
    if i18n.current() == SOURCE:
        return text
    return _plan_text(text, i18n.current())


def plan_text(text: object) -> str:
    """A text the planner wrote (an item's why, a week's focus, what it brings or what
    comes next, a day's note) in the current language; as it came when English, empty, or
    of a sentence of no known shape."""
    if text is None:
        return ""
    value = str(text)
    if not value or i18n.current() == SOURCE:
        return value
    return translated(value) or value


__all__ = [
    "CHANGES",
    "FLAG_NAMES",
    "SENTENCES",
    "change_text",
    "dose_of_text",
    "flag_name",
    "plan_text",
    "translated",
]

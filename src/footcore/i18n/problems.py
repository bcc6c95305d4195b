"""Form errors and the command line's errors in the language of the work at hand.

A validation problem (``footcore.domain.errors.Problem``) carries its message in English:
the API answers it as it is (a contract). The pages (``footcore.web.problems``) and the
command line in another language than English (``footcore.cli.console.error_text``) show it
through :func:`problem_text`, which finds the message among the shapes below (English with named
placeholders, each a message of the translation layer) and gives it in the page's language
with the same values filled in. A message of no known shape stays as it came.

The shapes are the problems the coach's and the admin's forms and the account forms meet:
the template, group and exercise checks (``footcore.domain.coaching``,
``footcore.services.coaching``) and the account checks (``footcore.services.accounts``);
and the runner's: the profile's checks (``footcore.domain.profile``, ``footcore.web.forms``),
a run's, a self-test entry's own, a study's sign-up and set-up.
"""

from __future__ import annotations

import functools
import re

from footcore import i18n
from footcore.i18n import N_

#: The problems' shapes, most particular first (the first that matches the whole message
#: wins). A placeholder stands for a value given back unchanged: a word without spaces (a
#: slug, a number, a quoted name, an email address) or a list of them joined by ", " or
#: " or " - never running English, so a message of another shape is not half translated.
SHAPES = (
    # the coach's forms
    N_("no group has this invite code: check it with your coach"),
    N_("text of 1 to %(n)s characters"),
    N_("text of at most %(n)s characters"),
    N_("must be one of %(choices)s"),
    N_("one of %(choices)s"),
    N_("nested too deeply"),
    N_("must be a table of settings"),
    N_("must be an object"),
    N_("must be true or false"),
    N_("one [[exercise]] table per file (sources may follow)"),
    N_("'%(slug)s' is taken: choose another slug"),
    N_("unknown key; did you mean %(hint)s?"),
    N_("unknown key; known keys: %(keys)s"),
    N_("unknown key"),
    N_("unknown exercise %(slug)s; did you mean %(hint)s?"),
    N_("unknown exercise %(slug)s"),
    N_("a whole number from %(low)s to %(high)s"),
    N_("a list of 1 to %(n)s sessions"),
    N_("a list of 1 to %(n)s exercises"),
    N_("a list of weekdays (mon ... sun)"),
    N_("must be an object with days, slot and items"),
    N_("an exercise slug, or an object with 'exercise'"),
    N_("a second %(slot)s session on %(day)s (%(other)s has it)"),
    N_("walking work is planned by the minimalist-transition goal, not in a template"),
    N_("%(slug)s does not suit the %(slot)s slot (it suits %(slots)s)"),
    N_("%(slug)s is timed work: give duration_s"),
    N_("%(slug)s is counted in reps, not seconds"),
    N_("must not be below from_level"),
    N_("%(work)s s of work per side; at most %(most)s s"),
    N_("from 1 to %(n)s (the plan's weeks)"),
    N_(
        "the plan has no session that week: choose an everyday slot (morning, desk, teeth, "
        "tv), or run days for the run slots"
    ),
    N_("a date, YYYY-MM-DD"),
    N_("choose a template"),
    # the account forms and the admin's
    N_("the two passwords differ"),
    N_("the two new passwords differ"),
    N_("tick the box to confirm that everything goes"),
    N_("must be at least %(n)s characters"),
    N_("must be at most %(n)s characters"),
    N_("must not be your email address"),
    N_("must differ from the current password"),
    N_("an account with this email already exists"),
    N_("this athlete already belongs to an account"),
    N_("this account already has training data"),
    N_("this reset token is unknown, used or expired: ask an admin for a new one"),
    N_(
        "is not right (after %(n)s wrong passwords in a row the account is locked for "
        "%(minutes)s minutes)"
    ),
    N_(
        "%(email)s is the only admin account, so it cannot be made an athlete: make another "
        "account an admin first (on the Accounts page, or with footcore admin create-user "
        "EMAIL --role admin)"
    ),
    N_(
        "%(email)s is the only admin account, so it cannot be made a coach: make another "
        "account an admin first (on the Accounts page, or with footcore admin create-user "
        "EMAIL --role admin)"
    ),
    N_(
        "%(email)s is the only admin account, so it cannot be deleted: make another account "
        "an admin first (on the Accounts page, or with footcore admin create-user EMAIL "
        "--role admin)"
    ),
    N_("this athlete belongs to an admin account: delete it as one"),
    # the runner's forms: the profile (footcore.domain.profile, footcore.web.forms), a run,
    # a self-test's entry, a study's sign-up and set-up, a deletion
    N_("is required"),
    N_("is required (0-10)"),
    N_("must be a non-empty text"),
    N_("must be one line of text, without line breaks or control characters"),
    N_("must be a whole number from %(low)s to %(high)s"),
    N_("must be a whole number from %(low)s to %(high)s, got %(value)s"),
    N_("must be from %(low)s to %(high)s, got %(value)s"),
    N_("must be a number from 0 to %(most)s"),
    N_("must be a number, got %(value)s"),
    N_("must be a whole number, got %(value)s"),
    N_("must name at least one goal"),
    N_("must name at least one slot"),
    N_("the long-run day, %(day)s, must be one of the running days (%(days)s)"),
    N_("the hard day %(day)s must be one of the running days (%(days)s)"),
    N_("%(day)s is already the long-run day"),
    N_("must be a time zone name such as 'Europe/Lisbon'"),
    N_("unknown time zone %(zone)s; did you mean %(hint)s?"),
    N_("unknown time zone %(zone)s"),
    N_("give the pain (0-10) for the place you chose"),
    N_("give the day of the run"),
    N_("choose how the run felt, or leave it blank"),
    N_("give all three movements a score"),
    N_("expected a date, got %(value)s"),
    N_("enter at least one result (or skip this step)"),
    N_("tick the box to say you agree"),
    N_("your usual running per week, in km"),
    N_("answer yes or no"),
    N_("a whole number of weeks, 1 to 104"),
    N_("a whole number, or leave it empty for a random one"),
    N_("tick the box to say you mean to delete it"),
    # the command line's errors (footcore.domain.errors: a validation's heading, an unknown
    # name)
    N_("profile %(file)s: 1 problem"),
    N_("profile %(file)s: %(n)s problems"),
    N_("%(subject)s: 1 problem"),
    N_("%(subject)s: %(n)s problems"),
    N_("unknown athlete %(name)s; did you mean %(hint)s?"),
    N_("unknown athlete %(name)s"),
    N_("unknown self-test %(name)s; did you mean %(hint)s?"),
    N_("unknown self-test %(name)s"),
    N_("unknown slot %(name)s; did you mean %(hint)s?"),
    N_("unknown slot %(name)s"),
    N_("no %(slot)s session is logged on %(date)s; 'footcore log list' shows what is"),
    N_("choose a number from 1 to %(n)s, got %(value)s"),
    N_(
        "footcore is already set up: use --update to store a new profile version, or "
        "--new to add another athlete"
    ),
    N_("choose areas by number, 1 to %(n)s; got %(value)s"),
    N_("unknown account %(name)s"),
    N_("unknown group %(name)s; did you mean %(hint)s?"),
    N_("unknown group %(name)s"),
    N_("unknown programme template %(name)s; did you mean %(hint)s?"),
    N_("unknown programme template %(name)s"),
    N_("must be an email address such as %(example)s"),
    # files the command line reads (footcore.io.files, footcore.io.runfiles) and a restore
    # (footcore.store.backup)
    N_("%(file)s: no such file"),
    N_("%(file)s: no such file or folder"),
    N_("%(file)s: is a directory, expected a .toml or .json file"),
    N_("%(file)s: not UTF-8 text"),
    N_("not a footcore backup: expected format %(expected)s, found %(found)s"),
    N_(
        "the database already holds data (%(tables)s): restore into an empty database, or "
        "pass --replace to delete the current data first"
    ),
    # a backup file's own problems (footcore.store.backup, footcore.services.backup): where
    # in the file (``users[3].email``), then what is wrong there
    N_("backup file: %(where)s: expected true or false"),
    N_("backup file: %(where)s: expected a whole number"),
    N_("backup file: %(where)s: %(value)s is too large for this column"),
    N_("backup file: %(where)s: expected a number"),
    N_("backup file: %(where)s: expected a finite number"),
    N_("backup file: %(where)s: expected text"),
    N_("backup file: %(where)s: text must not contain the NUL character"),
    N_("backup file: %(where)s: longer than %(n)s characters"),
    N_("backup file: %(where)s: a value is required"),
    N_("backup file: %(where)s: must be 1 or more"),
    N_("backup file: %(where)s: expected an object"),
    N_("backup file: %(where)s: unknown columns %(columns)s"),
    N_("backup file: %(where)s: not a readable document"),
    N_("backup file: %(where)s: the same as %(other)s, but %(columns)s must be unique"),
    N_("backup file: unknown schema %(schema)s"),
    N_("backup file: 'tables' must map table names to lists of rows"),
    N_("backup file: a backup never holds the tables %(tables)s"),
    N_("backup file: unknown tables %(tables)s"),
    N_(
        "this backup was written by a newer footcore (schema %(schema)s); this footcore "
        "reads schemas up to %(head)s. Upgrade footcore, then restore again."
    ),
    N_("%(file)s: a footcore backup is a .json file"),
    # the least particular last
    N_("must be %(value)s"),
)

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")
_WORD = r"[^\s,]+"
_VALUE = rf"{_WORD}(?:(?:, | or ){_WORD})*"


def shape_pattern(shape: str, value: str = _VALUE) -> re.Pattern[str]:
    """A message shape (``"Unknown slot %(slot)s."``) as a regular expression whose named
    groups take each placeholder's text (``value``: what a placeholder may match)."""
    parts: list[str] = []
    position = 0
    for found in _PLACEHOLDER.finditer(shape):
        parts.append(re.escape(shape[position : found.start()]))
        parts.append(f"(?P<{found.group(1)}>{value})")
        position = found.end()
    parts.append(re.escape(shape[position:]))
    return re.compile("".join(parts), re.DOTALL)


@functools.cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((shape, shape_pattern(shape)) for shape in SHAPES)


def problem_text(message: object) -> str:
    """A problem's message in the current language (as it came when of no known shape)."""
    text = str(message)
    for shape, pattern in _patterns():
        found = pattern.fullmatch(text)
        if found is not None:
            translated = i18n.gettext(shape)
            return translated % found.groupdict() if found.groupdict() else translated
    return text


__all__ = ["SHAPES", "problem_text"]

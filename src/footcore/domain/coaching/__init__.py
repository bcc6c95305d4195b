"""Coach mode, pure: programme templates, fitting them to one athlete, and class sheets.

One idea a module:

- :mod:`.template`: a template's values and limits, the coach's dose, its JSON form;
- :mod:`.parse`: checking a template's JSON form against a catalogue (:func:`parse_template`);
- :mod:`.drafting`: a template drafted from one week of a generated plan
  (:func:`template_from_plan`);
- :mod:`.fitting`: a template fitted to one athlete without breaking a planning rule
  (:func:`apply_template`), with one item at a time in :mod:`.fit_items`, one day at a time
  in :mod:`.fit_days`, and the checker's last word in :mod:`.repair`;
- :mod:`.sheet`: the class sheet for one session led for a group (:func:`class_sheet`).

The names below are re-exported from those modules.
"""

from __future__ import annotations

from footcore.domain.coaching.drafting import TemplateDraft, template_from_plan
from footcore.domain.coaching.fit_days import EVERYDAY, RUN_SLOTS
from footcore.domain.coaching.fitting import apply_template
from footcore.domain.coaching.parse import parse_template
from footcore.domain.coaching.sheet import (
    CLASS_CHANGEOVER_S,
    CLASS_REDUCED_PAIN,
    ClassMember,
    ClassSheet,
    SheetItem,
    class_sheet,
    sheet_to_text,
)
from footcore.domain.coaching.template import (
    DOSE_LIMITS,
    MAX_ITEMS,
    MAX_NAME,
    MAX_NOTE,
    MAX_SESSIONS,
    MAX_WORK_PER_SIDE_S,
    SCHEMA,
    Template,
    TemplateItem,
    TemplateSession,
    coach_dose,
    template_to_dict,
)

__all__ = [
    "CLASS_CHANGEOVER_S",
    "CLASS_REDUCED_PAIN",
    "DOSE_LIMITS",
    "EVERYDAY",
    "MAX_ITEMS",
    "MAX_NAME",
    "MAX_NOTE",
    "MAX_SESSIONS",
    "MAX_WORK_PER_SIDE_S",
    "RUN_SLOTS",
    "SCHEMA",
    "ClassMember",
    "ClassSheet",
    "SheetItem",
    "Template",
    "TemplateDraft",
    "TemplateItem",
    "TemplateSession",
    "apply_template",
    "class_sheet",
    "coach_dose",
    "parse_template",
    "sheet_to_text",
    "template_from_plan",
    "template_to_dict",
]

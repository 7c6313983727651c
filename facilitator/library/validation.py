"""Checking a scenario before it is stored, and naming what is wrong in the trainer's words.

The work forms judge their own configuration (``validate_config``, through
``scenarios.from_data``); the scenario's own fields are described here with the same field
classes, and their limits are checked here.
"""

from __future__ import annotations

import math
import re
from typing import Any

from flask import current_app

from ..contract.fields import Boolean, Choice, Field, Group, LongText, Number, Repeat, Text, TextList
from ..contract.plugins import PluginHost
from ..contract.text import clean
from ..contract.workform import ConfigInvalid, InputRejected, Problem
from ..i18n import _, _l
from ..sessions import scenarios
from ..sessions.scenarios import Scenario

LANGUAGES = {"nl": _l("Dutch"), "en": _l("English")}

SCENARIO_FIELDS = [
    Text("title", _l("Title"), required=True, max_length=200),
    LongText("description", _l("Description"), max_length=2000, rows=3,
             help=_l("What the session is for; trainers see it when they choose a scenario.")),
    Text("audience", _l("Audience"), max_length=200,
         help=_l("For example: counter staff and their manager.")),
    Choice("language", _l("Language"), required=True, default=scenarios.DEFAULT_LANGUAGE,
           options=list(LANGUAGES.items())),
    Number("duration", _l("Duration in minutes"), minimum=1, maximum=600),
    Boolean("named", _l("Named session"),
            help=_l("Participants give their name. Without it, every session is anonymous.")),
]
ACTIVITY_TITLE = Text("title", _l("Title of the activity"), max_length=200,
                      help=_l("Leave empty to use the work form's name."))


def checked(data: Any, key: str, host: PluginHost) -> Scenario:
    """The scenario that ``data`` describes; raise ConfigInvalid naming every item that is wrong."""
    problems: list[Problem] = []
    try:
        scenario = scenarios.from_data(data, key, host)
    except ConfigInvalid as invalid:
        problems = list(invalid.problems)
    named = {p.where for p in problems}
    if isinstance(data, dict):
        problems += [p for p in limits(SCENARIO_FIELDS, data) if p.where not in named]
        activities = data.get("activities") if isinstance(data.get("activities"), list) else []
        problems += [p for i, activity in enumerate(activities) if isinstance(activity, dict)
                     for p in limits([ACTIVITY_TITLE], activity, f"activities[{i}].")
                     if p.where not in named]
    if problems:
        raise ConfigInvalid(problems)
    return scenario


def limits(fields: list[Field], data: dict[str, Any], prefix: str = "") -> list[Problem]:
    """The scenario's own fields against their description: type, length, range, options.

    A value left out (or null) is the field's default, as ``scenarios.from_data`` takes it.
    """
    problems = []
    for field in fields:
        value = data.get(field.name)
        if value is None:
            value = field.default
        where = prefix + field.name
        try:
            _check(field, value)
        except InputRejected as refused:
            problems.append(Problem(where, refused.message))
    return problems


def _check(field: Field, value: Any) -> None:
    if isinstance(field, Text):
        clean(value, limit=field.max_length or current_app.config["MAX_TEXT"],
              required=field.required, multiline=isinstance(field, LongText), label=field.label)
    elif isinstance(field, Number) and value is not None:
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(
                value) or (field.whole and value != int(value)):
            raise InputRejected(_("Enter a whole number.") if field.whole else _("Enter a number."))
        if field.minimum is not None and value < field.minimum:
            raise InputRejected(_("At least %(n)s.", n=field.minimum))
        if field.maximum is not None and value > field.maximum:
            raise InputRejected(_("At most %(n)s.", n=field.maximum))
    elif isinstance(field, Choice) and (value is not None or field.required):
        if value not in [option for option, _label in field.options]:
            raise InputRejected(_("Choose one of the options."))
    elif isinstance(field, Boolean) and value is not None and not isinstance(value, bool):
        raise InputRejected(_("Yes or no (true or false)."))


_SEGMENT = re.compile(r"\[(\d+)\]|([^.\[\]]+)")
ACTIVITIES = Repeat("activities", _l("Activities"), item_label=_l("Activity"))


def label_of(where: str, data: Any, host: PluginHost) -> str:
    """``activities[0].config.statements[3].text`` as "Activity 1 › Statement 4 › Text"."""
    segments = [int(index) if index else name for index, name in _SEGMENT.findall(where)]
    activities = data.get("activities") if isinstance(data, dict) else None
    fields: list[Field] = [*SCENARIO_FIELDS, ACTIVITIES]
    repeat: Repeat | TextList | None = None
    words: list[str] = []
    for position, segment in enumerate(segments):
        if isinstance(segment, int):
            words.append(f"{repeat.item_label if repeat else '#'} {segment + 1}")
            if repeat is ACTIVITIES:
                fields = _activity_fields(activities, segment, host)
            continue
        found = next((f for f in fields if f.name == segment), None)
        repeat = found if isinstance(found, Repeat | TextList) else None
        fields = list(found.fields) if isinstance(found, Repeat | Group) else []
        item_follows = position + 1 < len(segments) and isinstance(segments[position + 1], int)
        if found is None:
            words.append(segment)
        elif found.label and not (repeat and item_follows):
            words.append(str(found.label))
    return " › ".join(words)


def _activity_fields(activities: Any, index: int, host: PluginHost) -> list[Field]:
    """What an activity holds, as fields: its title, its work form and the work form's config."""
    activity = activities[index] if isinstance(activities, list) and index < len(activities) else {}
    form = host.work_forms.get(str(activity.get("type"))) if isinstance(activity, dict) else None
    return [ACTIVITY_TITLE, Text("type", _l("Work form")),
            Repeat("config", "", fields=form.fields if form else [])]

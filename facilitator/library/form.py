"""Reading the scenario editor's form back into a scenario (``rendering`` generates the form).

An input's name is the path a ``Problem`` names: ``activities[0].config.statements[3].text``. In a
submitted form an item of a list may carry any token in place of its number (the browser gives a
new item a fresh one), and the order of the items in the form is their order in the scenario: to
re-order, the browser moves the inputs. A work form without fields has its config as YAML text.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import yaml
from werkzeug.datastructures import MultiDict

from ..contract.fields import Boolean, Choice, Field, Group, LongText, Number, Repeat, TextList
from ..contract.plugins import PluginHost
from ..contract.workform import Problem
from ..i18n import _, _l
from .validation import ACTIVITY_TITLE, SCENARIO_FIELDS

YAML_CONFIG = LongText("config", _l("Configuration (YAML)"), rows=10, help=_l(
    "This work form does not describe its fields; write its configuration as YAML, one "
    "'key: value' per line, as in a scenario file."))


def placeholder(level: int) -> str:
    """The token in a new item's input names; the browser replaces it with a fresh one."""
    return f"__{level}__"


def input_id(name: str) -> str:
    return "f-" + re.sub(r"[^\w-]+", "-", name)


def locate(problems: list[Problem], names: dict[str, str]) -> list[tuple[str, Problem]]:
    """Each problem with the input name of the field, item or activity it belongs to ("" for none)."""
    located = []
    for problem in problems:
        path = problem.where
        while path and path not in names:
            path = _parent(path)
        located.append((names.get(path, ""), problem))
    return located


def _parent(path: str) -> str:
    found = re.fullmatch(r"(.*)(\.[^.\[\]]+|\[\w*\])", path)
    return found.group(1) if found else ""


# -- reading a submitted form --------------------------------------------------------------------

@dataclass
class Draft:
    """A submitted editor form: the scenario as data, and the input name of every path in it."""

    data: dict[str, Any]
    names: dict[str, str]
    problems: list[Problem]  # values the form could not read, such as a number that is none

    @classmethod
    def unchanged(cls, data: dict[str, Any]) -> Draft:
        """A scenario as it is stored, its activities named by their place."""
        places = {f"activities[{i}]": f"activities[{i}]" for i in range(len(data.get("activities") or []))}
        return cls(data, places, [])

    def position(self, token: str) -> int | None:
        """The place in the scenario of the activity whose inputs carry ``token``."""
        paths = {name: path for path, name in self.names.items()}
        found = re.fullmatch(r"activities\[(\d+)\]", paths.get(f"activities[{token}]", ""))
        return int(found.group(1)) if found else None


def read(form: MultiDict, host: PluginHost) -> Draft:
    reader = _Reader(form, host)
    data = reader.fields(SCENARIO_FIELDS, "", "")
    reader.names["activities"] = "activities"
    data["activities"] = [reader.activity(position, token)
                          for position, token in enumerate(reader.tokens("activities"))]
    return Draft(data, reader.names, reader.problems)


class _Reader:
    def __init__(self, form: MultiDict, host: PluginHost):
        self.form, self.host = form, host
        self.names: dict[str, str] = {}
        self.problems: list[Problem] = []

    def tokens(self, name: str) -> list[str]:
        pattern = re.compile(re.escape(name) + r"\[(\w+)\]")
        return list(dict.fromkeys(m.group(1) for key in self.form if (m := pattern.fullmatch(key))))

    def activity(self, position: int, token: str) -> dict[str, Any]:
        path, name = f"activities[{position}]", f"activities[{token}]"
        self.names[path] = name
        kind = self.form.get(f"{name}.type", "")
        work_form = self.host.work_forms.get(kind)
        activity = {"type": kind, "title": self.value(ACTIVITY_TITLE, f"{path}.title", f"{name}.title")}
        if work_form and work_form.fields:
            activity["config"] = self.fields(work_form.fields, f"{path}.config.", f"{name}.config.")
        else:
            activity["config"] = self.yaml(f"{path}.config", f"{name}.config")
        return activity

    def fields(self, fields: list[Field], path: str, name: str) -> dict[str, Any]:
        return {f.name: self.value(f, path + f.name, name + f.name) for f in fields}

    def value(self, described: Field, path: str, name: str) -> Any:
        self.names[path] = name
        if isinstance(described, Repeat | TextList):
            items = []
            for position, token in enumerate(self.tokens(name)):
                here, there = f"{path}[{position}]", f"{name}[{token}]"
                self.names[here] = there
                items.append(self.fields(described.fields, f"{here}.", f"{there}.")
                             if isinstance(described, Repeat) else self.text(there))
            return items
        if isinstance(described, Group):
            return self.fields(described.fields, f"{path}.", f"{name}.")
        if isinstance(described, Boolean):
            return name in self.form
        if isinstance(described, Choice) and described.multiple:
            return [_option(described, raw) for raw in self.form.getlist(name)]
        if isinstance(described, Choice):
            return _option(described, self.text(name)) or None
        if isinstance(described, Number):
            return self.number(described, path, self.text(name).strip())
        return self.text(name)

    def text(self, name: str) -> str:
        return self.form.get(name, "").replace("\r\n", "\n")

    def number(self, described: Number, path: str, raw: str) -> Any:
        if not raw:
            return None
        try:
            number = float(raw.replace(",", "."))
        except ValueError:
            number = math.nan
        if not math.isfinite(number) or (described.whole and number != int(number)):
            self.problems.append(Problem(path, _("Enter a whole number.") if described.whole
                                         else _("Enter a number.")))
            return raw
        return int(number) if described.whole else number

    def yaml(self, path: str, name: str) -> Any:
        self.names[path] = name
        text = self.text(name)
        try:
            config = yaml.safe_load(text) if text.strip() else {}
        except (yaml.YAMLError, RecursionError):
            config = None
        if isinstance(config, dict):
            return config
        self.problems.append(Problem(path, _("Write the configuration as YAML: one 'key: value' per line.")))
        return text


def _option(described: Choice, raw: str) -> Any:
    """The option's own value (a number stays a number); a value it does not know stays text."""
    return next((value for value, _label in described.options if str(value) == raw), raw)

"""The scenario editor's form, generated from the field descriptions of the scenario and of each
activity's work form; each problem is placed next to the input it names (``form`` reads it back).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..contract.fields import Field, Group, Repeat, Text, TextList
from ..contract.plugins import PluginHost
from ..contract.workform import Problem, WorkForm
from .form import YAML_CONFIG, input_id, locate, placeholder
from .transfer import dump
from .validation import ACTIVITY_TITLE, SCENARIO_FIELDS, label_of


@dataclass
class Item:
    """One item of a list (a statement, a question), or the blank one a new item is cloned from."""

    name: str
    position: int
    widgets: list[Widget]
    messages: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return input_id(self.name)


@dataclass
class Widget:
    """What the editor shows for one field: its input name, value and messages; items for lists."""

    field: Field
    name: str
    value: Any = None
    level: int = 0  # of a list: the nesting level of its items' token
    items: list[Item] = field(default_factory=list)
    blank: Item | None = None
    parts: list[Widget] = field(default_factory=list)  # of a group
    messages: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return input_id(self.name)

    @property
    def kind(self) -> str:
        return self.field.kind

    @property
    def text(self) -> str:
        return "" if self.value is None else str(self.value)

    def chosen(self) -> list[str]:
        values = self.value if isinstance(self.value, list) else [self.value]
        return [str(v) for v in values if v not in (None, "")]

    def options(self) -> list[tuple[str, str]]:
        """The choices as (value, label); a value the description does not know is kept."""
        options = [(str(value), str(label)) for value, label in self.field.options]
        known = [value for value, _label in options]
        return options + [(value, value) for value in self.chosen() if value not in known]


@dataclass
class ActivityCard:
    name: str
    position: int
    type: str
    work_form: WorkForm | None
    widgets: list[Widget]  # its title, then its config
    messages: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return input_id(self.name)


@dataclass
class EditorForm:
    scenario: list[Widget]
    activities: list[ActivityCard]
    blanks: dict[str, ActivityCard]  # by work form: what "add an activity" adds
    messages: list[str]  # problems of the scenario as a whole
    summary: list[tuple[str, str, str]]  # (input id, where in words, message) of every problem


def build(data: dict[str, Any], host: PluginHost, problems: list[Problem] = ()) -> EditorForm:
    """The editor form for a scenario, with each problem next to the field it names."""
    builder = _Builder(host)
    scenario = [builder.widget(f, f.name, data.get(f.name), 0) for f in SCENARIO_FIELDS]
    activities = data.get("activities") if isinstance(data.get("activities"), list) else []
    cards = [builder.activity(f"activities[{i}]", i, a) for i, a in enumerate(activities)]
    blanks = {name: _Builder(host).activity(f"activities[{placeholder(0)}]", 0, blank_activity(form))
              for name, form in host.work_forms.items()}
    summary = []
    for name, problem in locate(list(problems), {name: name for name in builder.found}):
        holder = builder.found.get(name)
        (holder.messages if holder is not None else builder.top).append(problem.message)
        summary.append((input_id(name) if holder is not None else "", label_of(problem.where, data, host),
                        problem.message))
    return EditorForm(scenario, cards, blanks, builder.top, summary)


class _Builder:
    def __init__(self, host: PluginHost):
        self.host = host
        self.found: dict[str, Any] = {}  # input name -> the widget, item or card shown for it
        self.top: list[str] = []

    def activity(self, name: str, position: int, activity: Any) -> ActivityCard:
        activity = activity if isinstance(activity, dict) else {}
        kind = str(activity.get("type") or "")
        work_form = self.host.work_forms.get(kind)
        config = activity.get("config")
        widgets = [self.widget(ACTIVITY_TITLE, f"{name}.title", activity.get("title"), 0)]
        if work_form and work_form.fields:
            config = config if isinstance(config, dict) else {}
            widgets += [self.widget(f, f"{name}.config.{f.name}", config.get(f.name), 0)
                        for f in work_form.fields]
        else:
            text = config if isinstance(config, str) else dump(config) if config else ""
            widgets.append(self.widget(YAML_CONFIG, f"{name}.config", text, 0))
        card = ActivityCard(name, position, kind, work_form, widgets)
        self.found[name] = card
        return card

    def widget(self, described: Field, name: str, value: Any, level: int) -> Widget:
        widget = Widget(described, name, value, level + 1)
        self.found[name] = widget
        if isinstance(described, Repeat | TextList):
            values = value if isinstance(value, list) else []
            widget.items = [self.item(described, f"{name}[{i}]", i, v, level + 1)
                            for i, v in enumerate(values)]
            new = blank(described.fields) if isinstance(described, Repeat) else ""
            widget.blank = _Builder(self.host).item(
                described, f"{name}[{placeholder(level + 1)}]", 0, new, level + 1)
        elif isinstance(described, Group):
            value = value if isinstance(value, dict) else {}
            widget.parts = [self.widget(f, f"{name}.{f.name}", value.get(f.name), level)
                            for f in described.fields]
        return widget

    def item(self, described: Repeat | TextList, name: str, position: int, value: Any,
             level: int) -> Item:
        if isinstance(described, TextList):  # one line: the input is the item
            line = Text("", described.item_label, required=True, max_length=described.max_length)
            widgets = [Widget(line, name, "" if value is None else value)]
        else:
            value = value if isinstance(value, dict) else {}
            widgets = [self.widget(f, f"{name}.{f.name}", value.get(f.name), level)
                       for f in described.fields]
        item = Item(name, position, widgets)
        self.found[name] = item
        return item


def blank(fields: list[Field]) -> dict[str, Any]:
    """The values of a new item: each field's default, and a list's minimum number of items."""
    return {f.name: _blank_value(f) for f in fields}


def _blank_value(described: Field) -> Any:
    if isinstance(described, Repeat):
        return [blank(described.fields) for _ in range(described.minimum)]
    if isinstance(described, TextList):
        return [""] * described.minimum
    if isinstance(described, Group):
        return blank(described.fields)
    return described.default


def blank_activity(work_form: WorkForm) -> dict[str, Any]:
    return {"type": work_form.name, "title": str(work_form.title),
            "config": blank(work_form.fields) if work_form.fields else {}}

"""Scenarios: YAML files with a title and an ordered list of activities, each for a work form."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .i18n import _
from .plugins import PluginHost
from .workform import ConfigInvalid, Problem

MAX_SCENARIO_BYTES = 512 * 1024


@dataclass
class Scenario:
    id: str
    title: str
    description: str = ""
    language: str = "nl"
    audience: str = ""
    duration: int | None = None
    named: bool = False
    activities: list[dict[str, Any]] = field(default_factory=list)
    source: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "title": self.title, "description": self.description, "language": self.language,
            "audience": self.audience, "duration": self.duration, "named": self.named,
            "activities": self.activities,
        }


def builtin_folders(host: PluginHost) -> list[Path]:
    import facilitator.builtin_scenarios as shipped

    folders = [Path(shipped.__file__).parent]
    for extra in host.pm.hook.register_scenario_folders():
        folders.extend(Path(f) for f in extra or [])
    return folders


def parse(text: str, scenario_id: str, host: PluginHost, source: str = "") -> Scenario:
    """Parse and validate scenario YAML; raise ConfigInvalid with every problem found."""
    if len(text.encode("utf-8", "replace")) > MAX_SCENARIO_BYTES:
        raise ConfigInvalid([Problem("", _("The file is too large."))])
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = _("line %(line)d", line=mark.line + 1) if mark else ""
        raise ConfigInvalid([Problem(where, _("This is not valid YAML."))]) from None
    return from_data(data, scenario_id, host, source)


def from_data(data: Any, scenario_id: str, host: PluginHost, source: str = "") -> Scenario:
    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise ConfigInvalid([Problem("", _("A scenario is a mapping with a title and activities."))])
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.append(Problem("title", _("A scenario needs a title.")))
    activities = data.get("activities")
    if not isinstance(activities, list) or not activities:
        problems.append(Problem("activities", _("A scenario needs at least one activity.")))
        activities = []
    cleaned = []
    for index, activity in enumerate(activities):
        where = f"activities[{index}]"
        if not isinstance(activity, dict):
            problems.append(Problem(where, _("An activity is a mapping with type and config.")))
            continue
        kind = activity.get("type")
        if kind not in host.work_forms:
            problems.append(Problem(f"{where}.type", _("Unknown work form: %(type)s", type=kind)))
            continue
        form = host.work_forms[kind]
        try:
            config = form.validate_config(activity.get("config") or {})
        except ConfigInvalid as invalid:
            problems += [Problem(f"{where}.config.{p.where}".rstrip("."), p.message)
                         for p in invalid.problems]
            continue
        cleaned.append({"type": kind, "title": str(activity.get("title") or form.title),
                        "config": config})
    if problems:
        raise ConfigInvalid(problems)
    duration = data.get("duration")
    return Scenario(
        id=scenario_id, title=title.strip(), description=str(data.get("description") or ""),
        language=str(data.get("language") or "nl"), audience=str(data.get("audience") or ""),
        duration=int(duration) if isinstance(duration, int | float) else None,
        named=bool(data.get("named", False)), activities=cleaned, source=source,
    )


def load_file(path: Path, host: PluginHost) -> Scenario:
    return parse(path.read_text(encoding="utf-8"), path.stem, host, str(path))


def builtin(host: PluginHost) -> dict[str, Scenario]:
    """Every valid shipped scenario by id; an invalid file is left out (``validate`` names it)."""
    found: dict[str, Scenario] = {}
    for folder in builtin_folders(host):
        for path in sorted(folder.glob("*.yaml")):
            try:
                found[path.stem] = load_file(path, host)
            except ConfigInvalid:
                continue
    return found


def validate_paths(paths: list[Path], host: PluginHost) -> list[str]:
    """One message per problem, naming the file and the item."""
    messages = []
    for path in paths:
        try:
            load_file(path, host)
        except ConfigInvalid as invalid:
            messages += [f"{path}: {problem}" for problem in invalid.problems]
        except OSError as error:
            messages.append(f"{path}: {error.strerror}")
    return messages

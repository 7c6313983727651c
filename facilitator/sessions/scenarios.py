"""Scenarios: YAML files with a title and an ordered list of activities, each for a work form."""

from __future__ import annotations

import copy
import logging
import math
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..contract.plugins import PluginHost
from ..contract.text import without_controls
from ..contract.workform import ConfigInvalid, Problem, WorkForm
from ..i18n import _

MAX_SCENARIO_BYTES = 512 * 1024
LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"  # of a scenario that does not say

log = logging.getLogger(__name__)
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, where PyYAML has it


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
    from .. import shipped

    folders = [shipped.folder("scenarios")]
    for extra in host.pm.hook.register_scenario_folders():
        folders.extend(Path(f) for f in extra or [])
    return folders


def parse(text: str, scenario_id: str, host: PluginHost, source: str = "") -> Scenario:
    """Parse and validate scenario YAML; raise ConfigInvalid with every problem found."""
    if len(text.encode("utf-8", "replace")) > MAX_SCENARIO_BYTES:
        raise ConfigInvalid([Problem("", _("The file is too large."))])
    try:
        data = yaml.load(text, Loader=SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = _("line %(line)d", line=mark.line + 1) if mark else ""
        raise ConfigInvalid([Problem(where, _("This is not valid YAML."))]) from None
    return from_data(data, scenario_id, host, source)


def from_data(data: Any, scenario_id: str, host: PluginHost, source: str = "") -> Scenario:
    """The scenario ``data`` describes; raise ConfigInvalid naming every item that is wrong.

    Any data may come in (a file, an upload, a stored scenario): every item's type is checked
    here, before a work form sees its config, so that nothing malformed gets further.
    """
    if not isinstance(data, dict):
        raise ConfigInvalid([Problem("", _("A scenario is a mapping with a title and activities."))])
    data = without_controls(data)  # as participants' text: no right-to-left override and the like
    problems = _scenario_problems(data)
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
        title = activity.get("title")
        if title is not None and not isinstance(title, str):
            problems.append(Problem(f"{where}.title", _("Please enter text.")))
        kind = activity.get("type")
        if not isinstance(kind, str) or not kind.strip():
            problems.append(Problem(f"{where}.type", _("Give the name of a work form.")))
            continue
        if kind not in host.work_forms:
            problems.append(Problem(f"{where}.type", _("Unknown work form: %(type)s", type=kind)))
            continue
        form = host.work_forms[kind]
        try:
            config = checked_config(form, activity.get("config"))
        except ConfigInvalid as invalid:
            problems += [Problem(f"{where}.config.{p.where}".rstrip("."), p.message)
                         for p in invalid.problems]
            continue
        cleaned.append({"type": kind, "title": title or str(form.title), "config": config})
    if problems:
        raise ConfigInvalid(problems)
    duration = data.get("duration")
    return Scenario(
        id=scenario_id, title=data["title"].strip(), description=data.get("description") or "",
        language=data.get("language") or DEFAULT_LANGUAGE, audience=data.get("audience") or "",
        duration=None if duration is None else int(duration),
        named=bool(data.get("named")), activities=cleaned, source=source,
    )


def _scenario_problems(data: dict[str, Any]) -> list[Problem]:
    """What is wrong with the scenario's own items (not its activities): their types."""
    problems = []
    title = data.get("title")
    if title is not None and not isinstance(title, str):
        problems.append(Problem("title", _("Please enter text.")))
    elif not title or not title.strip():
        problems.append(Problem("title", _("A scenario needs a title.")))
    for key in ("description", "audience"):
        if data.get(key) is not None and not isinstance(data[key], str):
            problems.append(Problem(key, _("Please enter text.")))
    language = data.get("language")
    if language is not None and language not in LANGUAGES:
        problems.append(Problem("language", _("Choose one of the options.")))
    duration = data.get("duration")
    if duration is not None and (isinstance(duration, bool) or not isinstance(duration, int | float)
                                 or not math.isfinite(duration) or duration != int(duration)):
        problems.append(Problem("duration", _("Enter a whole number.")))
    if data.get("named") is not None and not isinstance(data["named"], bool):
        problems.append(Problem("named", _("Yes or no (true or false).")))
    return problems


def checked_config(form: WorkForm, config: Any) -> dict[str, Any]:
    """``config`` as the work form normalises it; raise ConfigInvalid if it is not right.

    The work form only ever gets a mapping; a work form that fails on one (a plugin's bug) makes
    the config invalid, not the page or the command.
    """
    if config is None:
        config = {}
    if not isinstance(config, dict):
        raise ConfigInvalid([Problem("", _(
            "Write the configuration as YAML: one 'key: value' per line."))])
    try:
        normalised = form.validate_config(config)
    except ConfigInvalid:
        raise
    except Exception:
        log.exception("work form %s failed to check its configuration", form.name)
        normalised = None
    if not isinstance(normalised, dict):
        raise ConfigInvalid([Problem("", _("The work form cannot read this configuration."))])
    return normalised


def load_file(path: Path, host: PluginHost) -> Scenario:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigInvalid([Problem("", _("This is not a scenario file: it is not text."))]) from None
    return parse(text, path.stem, host, str(path))


_shipped: weakref.WeakKeyDictionary[PluginHost, tuple[tuple, dict[str, Scenario]]] = \
    weakref.WeakKeyDictionary()


def builtin(host: PluginHost) -> dict[str, Scenario]:
    """Every valid shipped scenario by id; an invalid file is left out (``validate`` names it).

    Read again only when a file changed (every dashboard asks); each caller gets its own copy."""
    paths = [path for folder in builtin_folders(host) for path in sorted(folder.glob("*.yaml"))]
    stats = [(path, path.stat()) for path in paths]
    stamp = tuple((str(path), stat.st_mtime_ns, stat.st_size) for path, stat in stats)
    known = _shipped.get(host)
    if known is None or known[0] != stamp:
        found: dict[str, Scenario] = {}
        for path in paths:
            try:
                found[path.stem] = load_file(path, host)
            except ConfigInvalid:
                continue
        _shipped[host] = known = (stamp, found)
    return copy.deepcopy(known[1])


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

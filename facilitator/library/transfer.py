"""Scenarios as YAML files: a download is the scenario file; an upload is checked in full first."""

from __future__ import annotations

from typing import Any

import yaml
from werkzeug.datastructures import FileStorage

from ..contract.plugins import PluginHost
from ..contract.workform import ConfigInvalid, Problem
from ..i18n import _
from ..sessions import scenarios
from ..sessions.scenarios import Scenario
from .validation import checked, label_of

MAX_BYTES = scenarios.MAX_SCENARIO_BYTES
UPLOAD = "upload"


class _Dumper(yaml.SafeDumper):
    """Writes text of several lines as a block, the way a person writes a scenario file."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _text)


class _Loader(yaml.SafeLoader):
    """Safe YAML without aliases: a few aliases can blow a small file up to an enormous scenario."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise _AliasFound(self.peek_event().start_mark.line)
        return super().compose_node(parent, index)


class _AliasFound(Exception):
    def __init__(self, line: int):
        super().__init__(line)
        self.line = line


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def load(upload: FileStorage | None, host: PluginHost) -> Scenario:
    """The scenario in an uploaded file; raise ConfigInvalid naming every item that is wrong."""
    if upload is None or not upload.filename:
        raise ConfigInvalid([Problem("", _("Choose a scenario file (.yaml) to upload."))])
    raw = upload.stream.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise ConfigInvalid([Problem("", _("The file is too large: at most %(n)d KB.",
                                           n=MAX_BYTES // 1024))])
    try:
        data = yaml.load(raw.decode("utf-8-sig"), Loader=_Loader)
    except _AliasFound as alias:
        raise ConfigInvalid([Problem(_("line %(line)d", line=alias.line + 1), _(
            "Anchors and aliases (& and *) cannot be used in a scenario file."))]) from None
    except UnicodeDecodeError:
        raise ConfigInvalid([Problem("", _("This is not a scenario file: it is not text."))]) from None
    except RecursionError:
        raise ConfigInvalid([Problem("", _("What you sent is nested too deeply."))]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = _("line %(line)d", line=mark.line + 1) if mark else ""
        raise ConfigInvalid([Problem(where, _("This is not valid YAML."))]) from None
    try:
        return checked(data, UPLOAD, host)
    except ConfigInvalid as invalid:
        raise ConfigInvalid([Problem(label_of(p.where, data, host), p.message)
                             for p in invalid.problems]) from None

"""What plugins add to a team's plan (the ``extra_team_plan_sections`` hook), as plain tables.

The host knows no work form here: it hands the plugins the team's sessions as plain data and shows
whatever tables they return, every cell as text.
"""

from __future__ import annotations

import copy
import logging
import re

from ..contract.plugins import plugin_host
from ..contract.workform import Table
from ..sessions.models import Workshop
from .documents import held_on

log = logging.getLogger("facilitator.teamplan")


def _plain(sessions: list[Workshop]) -> list[dict]:
    return [{"id": w.id, "title": w.title, "held_on": held_on(w),
             "activities": [{"id": a.id, "type": a.type, "title": a.title,
                             "state": copy.deepcopy(a.state or {})} for a in w.activities]}
            for w in sessions]


def _table(found, plugin: str) -> dict:
    table = Table.of(found, f"plugin {plugin}: extra_team_plan_sections")
    return {"title": table.caption, "headers": table.headers, "rows": table.rows}


KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,80}$")


def extra_documents(sessions: list[Workshop]) -> list[dict]:
    """The plugins' documents for a team plan with these sessions (the ``team_plan_documents``
    hook), each checked for its shape: ``key``, ``title``, ``paragraphs``, ``sections`` (with
    tables as ``facilitator.Table``) and ``sheet``. One of another shape is logged with the
    plugin's name and left out."""
    host = plugin_host()
    plain = _plain(sessions)
    used = {a["type"] for session in plain for a in session["activities"]}
    unused = [plugin for name, plugin in host.pm.list_name_plugin()
              if (forms := {form.name for form in host.forms_of(name)}) and not forms & used]
    found = []
    for plugin, answer in host.call_each("team_plan_documents", skip=unused, sessions=plain):
        for document in answer or []:
            try:
                if not KEY.match(str(document["key"])):
                    raise TypeError(f"key {document['key']!r}")
                found.append({
                    "key": document["key"], "title": str(document["title"]),
                    "paragraphs": [str(p) for p in document.get("paragraphs") or []],
                    "sections": [{"title": str(s["title"]),
                                  "paragraphs": [str(p) for p in s.get("paragraphs") or []],
                                  "tables": [Table.of(t, f"plugin {plugin}: team_plan_documents")
                                             for t in s.get("tables") or []]}
                                 for s in document.get("sections") or []],
                    "sheet": Table.of(document["sheet"], f"plugin {plugin}: team_plan_documents")})
            except (KeyError, TypeError):
                log.exception("plugin %s: a team plan document of another shape", plugin)
    return found


def extra_sections(sessions: list[Workshop]) -> list[dict]:
    """The plugins' tables for a team plan with these sessions; asked only of the plugins whose
    work forms the sessions used (and of plugins without work forms). Each table has the shape of
    ``facilitator.Table``; a plugin that fails, or answers with something else, is logged with its
    name (an error, not a silent loss) and the other plugins' tables still show."""
    host = plugin_host()
    plain = _plain(sessions)
    used = {a["type"] for session in plain for a in session["activities"]}
    unused = [plugin for name, plugin in host.pm.list_name_plugin()
              if (forms := {form.name for form in host.forms_of(name)}) and not forms & used]
    tables = []
    for plugin, answer in host.call_each("extra_team_plan_sections", skip=unused, sessions=plain):
        try:
            tables += [_table(found, plugin) for found in answer or []]
        except TypeError:
            log.exception("plugin %s: a team plan section that is not a table", plugin)
    return tables

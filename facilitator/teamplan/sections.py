"""What plugins add to a team's plan (the ``extra_team_plan_sections`` hook), as plain tables.

The host knows no work form here: it hands the plugins the team's sessions as plain data and shows
whatever tables they return, every cell as text.
"""

from __future__ import annotations

import copy
import logging

from ..models import Workshop
from ..plugins import plugin_host
from .documents import held_on

log = logging.getLogger("facilitator.teamplan")


def _plain(sessions: list[Workshop]) -> list[dict]:
    return [{"id": w.id, "title": w.title, "held_on": held_on(w),
             "activities": [{"id": a.id, "type": a.type, "title": a.title,
                             "state": copy.deepcopy(a.state or {})} for a in w.activities]}
            for w in sessions]


def _table(found) -> dict:
    return {"title": str(found["title"]), "headers": [str(h) for h in found.get("headers") or []],
            "rows": [[str(cell) for cell in row] for row in found.get("rows") or []]}


def extra_sections(sessions: list[Workshop]) -> list[dict]:
    """The plugins' tables for a team plan with these sessions; asked only of the plugins whose
    work forms the sessions used (and of plugins without work forms)."""
    host = plugin_host()
    plain = _plain(sessions)
    used = {a["type"] for session in plain for a in session["activities"]}
    unused = [plugin for name, plugin in host.pm.list_name_plugin()
              if (forms := {form.name for form in host.forms_of(name)}) and not forms & used]
    try:
        answers = host.pm.subset_hook_caller("extra_team_plan_sections",
                                             remove_plugins=unused)(sessions=plain)
    except Exception:
        log.exception("a plugin's extra_team_plan_sections failed")
        return []
    tables = []
    for found in (table for answer in answers for table in (answer or [])):
        try:
            tables.append(_table(found))
        except (KeyError, TypeError, AttributeError):
            log.warning("a plugin returned a team plan section that is not a table: %r", found)
    return tables

"""The team plan's section of the team workshop: per workshop, what the group keeps (the top of
"keep"), its top points to improve and how serious it found things. The evaluation session reads
it beside the agreements, and a series of workshops shows whether a "fire" became "room to
improve". Only what the screen showed is in it: the vote's top once revealed to enough people."""

from __future__ import annotations

from typing import Any

from flask_babel import format_date

from facilitator import _

from . import boards as b

NAME = "teamworkshop"


def workshops(sessions: list[dict[str, Any]]) -> list[tuple[dict, dict]]:
    """(session, activity) for every team workshop whose vote the group saw, oldest first."""
    return [(session, activity) for session in sessions
            for activity in session.get("activities", [])
            if activity.get("type") == NAME and (activity.get("state") or {}).get("vote_shown")]


def sections(sessions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for session, activity in workshops(sessions):
        state = activity["state"]
        day = session.get("held_on")
        level = state.get("seriousness")
        rows.append([format_date(day, "short") if day else "", str(activity.get("title") or ""),
                     str(b.SERIOUSNESS[level]) if level in b.SERIOUSNESS else "",
                     "; ".join(i["name"] for i in b.top_items(state, b.IMPROVE)),
                     "; ".join(i["name"] for i in b.top_items(state, b.KEEP))])
    if not rows:
        return []
    return [{"caption": _("Team workshops: top points and how serious"),
             "headers": [_("Date"), _("Workshop"), _("How serious"), _("Top could be better"),
                         _("Top keep")], "rows": rows}]

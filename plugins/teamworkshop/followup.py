"""The big list of follow-up agreements (vervolgafspraken), on plain data.

At the follow-up step everyone takes one or more solutions on: "I do this", by when, and for a
solution that needs others, with whom they take it up. The console shows the list, who has nothing
to do yet, and sends the list to the team plan: a solution for the team as a working agreement, one
for yourself as an action, one that needs others as an action naming who takes it there and to
whom (``outside_help``). Each text says which point of the workshop it came from.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from facilitator import NewAgreement, _

WHO_LIMIT = 120
VIA_LIMIT = 200
KINDS = {"self": "action", "group": "working_agreement", "others": "action"}


def checked_due(value: Any) -> str:
    """A date as the phone's date field sends it (YYYY-MM-DD), or empty."""
    text = str(value or "").strip()
    if not text:
        return ""
    return date.fromisoformat(text).isoformat()


def day(iso: str) -> str:
    """A date as people write it here: 2026-03-01 becomes 01-03-2026."""
    return date.fromisoformat(iso).strftime("%d-%m-%Y") if iso else ""


def big_list(solutions: list[dict[str, Any]], entries, names: dict[int, str]
             ) -> list[dict[str, Any]]:
    """Per solution: who takes it on (their ``names`` or what they typed), the earliest date
    given, and to whom it goes (for "others")."""
    rows = []
    for solution in solutions:
        takers = [e for e in entries if not e.passed and e.payload.get("solution") == solution["id"]]
        who = []
        for e in takers:
            name = e.payload.get("who") or names.get(e.participant_id) or ""
            if name and name not in who:
                who.append(name)
        dues = sorted(e.payload["due"] for e in takers if e.payload.get("due"))
        vias = []
        for e in takers:
            if e.payload.get("via") and e.payload["via"] not in vias:
                vias.append(e.payload["via"])
        rows.append({**solution, "takers": len(takers), "who": who, "due": dues[0] if dues else "",
                     "via": vias})
    return rows


def without_task(participants, entries) -> list[Any]:
    """The participants who have taken nothing on yet, in the order they joined."""
    busy = {e.participant_id for e in entries if not e.passed}
    return [p for p in participants if p.id not in busy]


def agreement_of(row: dict[str, Any]) -> NewAgreement:
    """One row of the big list as an agreement for the team plan."""
    text = _("%(solution)s (team workshop, point: %(point)s)", solution=row["text"],
             point=row["point"] or "–")
    owner = ", ".join(row["who"])[:WHO_LIMIT] or None
    outside = None
    if row["bucket"] == "others":
        outside = ", ".join(row["via"])[:VIA_LIMIT] or _("others inside or outside the "
                                                           "organisation")
    return NewAgreement(text, kind=KINDS[row["bucket"]], owner=owner, due=row["due"] or None,
                        outside_help=outside)

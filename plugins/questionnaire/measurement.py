"""The 0/1-measurement: the same questionnaire before (0) and after (1) a programme, compared per
question in the team plan, only when both measurements have more respondents than the minimum."""

from __future__ import annotations

from typing import Any

from facilitator import Table, _


def comparisons(sessions: list[dict[str, Any]]) -> list[Table]:
    """One table per measurement id of the team: the latest 0- and 1-measurement side by side."""
    found: dict[str, dict[str, tuple]] = {}
    for session in sessions:  # oldest first: a later measurement of the same phase wins
        for activity in session["activities"]:
            if activity["type"] != "questionnaire":
                continue
            state = activity.get("state") or {}
            tally = state.get("tally")
            measurement = (tally or {}).get("measurement") or {}
            if not tally or not measurement.get("id"):
                continue
            found.setdefault(measurement["id"], {})[measurement["phase"]] = (
                tally, measurement, session)
    tables = []
    for mid, phases in sorted(found.items()):
        if "0" not in phases or "1" not in phases:
            continue
        (zero, m0, _s0), (one, m1, _s1) = phases["0"], phases["1"]
        minimum = max(m0.get("minimum", 15), m1.get("minimum", 15))
        n0, n1 = zero["respondents"], one["respondents"]
        caption = _("0/1-measurement %(id)s", id=mid)
        headers = [_("Question"), _("0-measurement (n=%(n)d)", n=n0),
                   _("1-measurement (n=%(n)d)", n=n1)]
        if n0 <= minimum or n1 <= minimum:
            tables.append(Table(caption, headers, [[_(
                "Not shown: each measurement needs more than %(n)d respondents.", n=minimum),
                "", ""]]))
            continue
        later = {key: counts for key, _text, counts in one["rows"]}
        rows = []
        for key, text, counts in zero["rows"]:
            if key in later:
                rows.append([text, _share(zero["scale"], counts), _share(one["scale"], later[key])])
        tables.append(Table(caption, headers, rows))
    return tables


def _share(scale: list[str], counts: list[int]) -> str:
    total = sum(counts)
    if not total:
        return "-"
    return " · ".join(f"{option} {round(100 * n / total)}%" for option, n in zip(scale, counts,
                                                                                 strict=False))

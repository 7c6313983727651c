"""The 0/1-measurement: the same questionnaire before (0) and after (1) a programme, compared
per question, only when both measurements have more respondents than the minimum (source 004:
15). One comparison serves the shared screen of the 1-measurement, the team plan and the
documents a team lead files; below the minimum it holds no number at all."""

from __future__ import annotations

import re
from typing import Any

from facilitator import Table, _

DEFAULT_MINIMUM = 15


def tallies(sessions: list[dict[str, Any]]) -> dict[str, dict[str, tuple]]:
    """Per measurement id, per phase, the latest kept tally with its session (oldest first in,
    so a later measurement of the same phase wins)."""
    found: dict[str, dict[str, tuple]] = {}
    for session in sessions:
        for activity in session["activities"]:
            if activity["type"] != "questionnaire":
                continue
            tally = (activity.get("state") or {}).get("tally")
            measurement = (tally or {}).get("measurement") or {}
            if not tally or not measurement.get("id"):
                continue
            found.setdefault(measurement["id"], {})[measurement["phase"]] = (tally, session)
    return found


def baseline(sessions: list[dict[str, Any]], mid: str) -> dict[str, Any] | None:
    """The latest 0-measurement with this id in these sessions, as a tally with its session's
    title and date; None when the team has none."""
    found = tallies(sessions).get(mid, {}).get("0")
    if found is None:
        return None
    tally, session = found
    held = session.get("held_on")
    return {**tally, "session": session["title"],
            "held_on": held.isoformat() if hasattr(held, "isoformat") else held}


def compare(zero: dict[str, Any], one: dict[str, Any]) -> dict[str, Any]:
    """0 against 1 per question that both asked: per answer option the count and share of each.
    Below the minimum (either side) only that it is not shown, with no count at all."""
    minimum = max((zero.get("measurement") or {}).get("minimum", DEFAULT_MINIMUM),
                  (one.get("measurement") or {}).get("minimum", DEFAULT_MINIMUM))
    if zero["respondents"] <= minimum or one["respondents"] <= minimum:
        return {"shown": False, "minimum": minimum, "questions": []}
    later = {k: counts for k, _text, counts in one["rows"]}
    questions = []
    for k, text, counts in zero["rows"]:
        if k not in later:
            continue
        options = _options(zero, k)
        if options != _options(one, k):
            continue  # other answer options: not the same question
        before, after = counts, later[k]
        questions.append({
            "key": k, "text": text, "answered": [sum(before), sum(after)],
            "options": [{"label": o, "counts": [b, a],
                         "shares": [_percent(b, sum(before)), _percent(a, sum(after))]}
                        for o, b, a in zip(options, before, after, strict=False)]})
    return {"shown": True, "minimum": minimum, "respondents": [zero["respondents"],
                                                               one["respondents"]],
            "questions": questions}


def comparisons(sessions: list[dict[str, Any]]) -> list[Table]:
    """One table per measurement id of the team: the latest 0- and 1-measurement side by side."""
    tables = []
    for mid, phases in sorted(tallies(sessions).items()):
        if "0" not in phases or "1" not in phases:
            continue
        (zero, _s0), (one, _s1) = phases["0"], phases["1"]
        found = compare(zero, one)
        caption = _("0/1-measurement %(id)s", id=mid)
        headers = [_("Question"), _("0-measurement (n=%(n)d)", n=zero["respondents"]),
                   _("1-measurement (n=%(n)d)", n=one["respondents"])]
        if not found["shown"]:
            tables.append(Table(caption, headers, [[not_shown(found["minimum"]), "", ""]]))
            continue
        rows = [[q["text"], *(_share(q, side) for side in (0, 1))] for q in found["questions"]]
        tables.append(Table(caption, headers, rows))
    return tables


def not_shown(minimum: int) -> str:
    return _("Not shown: each measurement needs more than %(n)d respondents.", n=minimum)


def _options(tally: dict[str, Any], k: str) -> list[str]:
    return list((tally.get("options") or {}).get(k) or tally["scale"])


def _percent(n: int, total: int) -> int:
    return round(100 * n / total) if total else 0


def _share(question: dict[str, Any], side: int) -> str:
    if not question["answered"][side]:
        return "-"
    return " · ".join(f"{o['label']} {o['shares'][side]}%" for o in question["options"])


def documents(sessions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per measurement id with a 0- and a 1-measurement: the comparison as a document a team lead
    or programme owner files (the ``team_plan_documents`` hook). Below the minimum it says so
    and holds no number at all."""
    found = []
    for mid, phases in sorted(tallies(sessions).items()):
        if "0" not in phases or "1" not in phases:
            continue
        (zero, s0), (one, s1) = phases["0"], phases["1"]
        c = compare(zero, one)
        title = _("0/1-measurement %(id)s", id=mid)
        when = [_("%(phase)s: session “%(title)s” of %(date)s, %(n)d respondents.", phase=label,
                  title=s["title"], date=_day(s.get("held_on")), n=t["respondents"])
                for label, s, t in ((_("0-measurement (before)"), s0, zero),
                                    (_("1-measurement (after)"), s1, one))]
        sheet_headers = [_("Question"), _("Answer"), _("0-measurement: number"),
                         _("0-measurement: %"), _("1-measurement: number"), _("1-measurement: %"),
                         _("Difference (percentage points)")]
        if not c["shown"]:
            found.append({"key": _key(mid), "title": title,
                          "paragraphs": [not_shown(c["minimum"]), _(
                              "This protects the respondents: with small groups an answer can "
                              "be traced back to a person.")],
                          "sections": [],
                          "sheet": Table(title, sheet_headers[:1], [[not_shown(c["minimum"])]])})
            continue
        paragraphs = [_("The same questions before the programme (0-measurement) and after it "
                        "(1-measurement), answered anonymously. Per question: for each answer "
                        "how many people gave it and their share of those who answered the "
                        "question; the difference is the 1-measurement's share minus the "
                        "0-measurement's, in percentage points."), *when,
                      _("Compared only because both measurements have more than %(n)d "
                        "respondents. The answers to open questions are not compared; they are "
                        "in the session report of each measurement.", n=c["minimum"])]
        headers = [_("Answer"), _("0-measurement (n=%(n)d)", n=zero["respondents"]),
                   _("1-measurement (n=%(n)d)", n=one["respondents"]),
                   _("Difference (percentage points)")]
        sections, sheet = [], []
        for q in c["questions"]:
            # one cell per measurement, "share (number)": side by side, never added up
            rows = [[o["label"], *(_("%(share)d%% (%(n)d)", share=o["shares"][side],
                                     n=o["counts"][side]) for side in (0, 1)),
                     _difference(o["shares"][1] - o["shares"][0])] for o in q["options"]]
            sections.append({"title": q["text"], "paragraphs": [_(
                "Answered by %(zero)d (0-measurement) and %(one)d (1-measurement) people.",
                zero=q["answered"][0], one=q["answered"][1])],
                "tables": [Table("", headers, rows)]})
            sheet += [[q["text"], o["label"], o["counts"][0], o["shares"][0], o["counts"][1],
                       o["shares"][1], o["shares"][1] - o["shares"][0]] for o in q["options"]]
        found.append({"key": _key(mid), "title": title, "paragraphs": paragraphs,
                      "sections": sections, "sheet": Table(title, sheet_headers, sheet)})
    return found


def _key(mid: str) -> str:
    return "meting-" + (re.sub(r"[^a-z0-9]+", "-", mid.lower()).strip("-")[:60] or "x")


def _day(held) -> str:
    return held.strftime("%d-%m-%Y") if hasattr(held, "strftime") else str(held or "")


def _difference(points: int) -> str:
    return f"+{points}" if points > 0 else str(points)

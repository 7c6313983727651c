"""What each step shows (``results``) and leaves in the session report (``report``).

Participants' text passes ``causes.shown`` before it goes anywhere but the console: names that
look like the people involved become their role, and items the trainer hid stay hidden.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from facilitator import StepView, _

from . import cases, causes
from .factors import CHANCES, GROUPS, KINDS, PHASES
from .masking import mask

Names = list[tuple[str, str]]


def _items(view: StepView, names: Names, field: str, value: str) -> list[dict[str, Any]]:
    """The observations in one phase, or the causes of one kind, as the templates show them."""
    items = []
    for entry in view.answers():
        if entry.payload.get(field) == value:
            key, text = causes.key_of(entry), entry.payload["text"]
            items.append({"item": key, "text": text, "shown": causes.shown(text, key, view, names)})
    return items


def results(view: StepView, names: Names) -> dict[str, Any]:
    step = view.step.key
    if step == "incident":
        return {"count": len(view.answers()), "phases": [
            {"key": phase, "label": label, "observations": _items(view, names, "phase", phase)}
            for phase, label in PHASES.items()]}
    if step == "causes":
        return {"count": len(view.answers()), "kinds": [
            {"key": kind, "label": label, "causes": _items(view, names, "kind", kind)}
            for kind, label in KINDS.items()]}
    described = causes.described(view, names)
    found = {"count": len(described), "causes": described, "groups": causes.diagram(described),
             "unplaced": [c for c in described if not c["group"]],
             "repetition": _repetition(view.state.get("repetition"), names)}
    if step == "actions":
        estimates = [e.payload for e in view.answers()]
        tally = Counter(e["chance"] for e in estimates)
        total = sum(tally.values()) or 1
        found["estimates"] = [(chance, label, tally[chance], round(20 * tally[chance] / total) * 5)
                              for chance, label in CHANCES.items()]
        found["reasons"] = [mask(e["reason"], names) for e in estimates if e["reason"]]
    if step == "summary":
        found["factor_counts"] = causes.counts(described)
        found["phases"] = causes.by_phase(view, described)
        found["open"] = causes.still_to_discuss(described)
    return found


def overview(view: StepView, names: Names) -> dict[str, Any]:
    """What the screen and the phones show of the classification, the actions and the summary
    whether or not the trainer revealed anything: the trainer's work in the state (causes as
    placed, actions, the chance of repetition), no tally of participants' answers. The rest is in
    ``results``, which the host gives the screen once revealed."""
    described = causes.described(view, names, proposed=False)
    return {"count": len(described), "causes": described, "groups": causes.diagram(described),
            "unplaced": [c for c in described if not c["group"]],
            "repetition": _repetition(view.state.get("repetition"), names)}


def _repetition(repetition: dict[str, str] | None, names: Names) -> dict[str, str] | None:
    if not repetition:
        return None
    return {**repetition, "reason_shown": mask(repetition["reason"], names)}


def _shown(text: str | None) -> str:
    return text if text is not None else _("(not shown)")


def report(view: StepView, names: Names) -> dict[str, Any]:
    """The step in the session report: what a reader of the team's file needs, names masked."""
    found = results(view, names)
    paragraphs = [view.notes] if view.notes else []
    step = view.step.key
    if step == "incident":
        if not view.state.get("incident"):
            return {"paragraphs": paragraphs, "tables": []}
        incident = cases.shown(view.state["incident"], names)
        return {"paragraphs": [incident["account"], *paragraphs], "tables": [{
            "caption": incident["title"],
            "headers": [_("Phase"), _("What happened"), _("Observations")],
            "rows": [[str(p["label"]), incident[p["key"]],
                      "\n".join(_shown(o["shown"]) for o in p["observations"])]
                     for p in found["phases"]]}]}
    if step == "causes":
        return {"paragraphs": paragraphs, "tables": [{
            "caption": "", "headers": [_("Cause"), _("Direct or indirect")],
            "rows": [[_shown(c["shown"]), str(k["label"])] for k in found["kinds"]
                     for c in k["causes"]]}]}
    if step == "classify":
        return {"paragraphs": paragraphs, "tables": [{
            "caption": "", "headers": [_("Cause"), _("Direct or indirect"), _("Factor")],
            "rows": [[_shown(c["shown"]), str(c["kind_label"]), c["label"] or _("not classified")]
                     for c in found["causes"]]}, _counts_table(causes.counts(found["causes"]))]}
    repetition = found["repetition"]
    if repetition:
        paragraphs.insert(0, _("Chance of repetition: %(chance)s. %(reason)s",
                               chance=CHANCES[repetition["chance"]],
                               reason=repetition["reason_shown"]))
    if step == "actions":
        return {"paragraphs": paragraphs, "tables": [_actions_table(found["causes"])]}
    if found["open"]:
        paragraphs.append(_("Still to discuss: %(causes)s",
                            causes="; ".join(_shown(c["shown"]) for c in found["open"])))
    return {"paragraphs": paragraphs, "factor_counts": found["factor_counts"],
            "tables": [_counts_table(found["factor_counts"]), _phases_table(found["phases"])]}


def _phases_table(phases: list[dict[str, Any]]) -> dict[str, Any]:
    """In which phase lay which chances: the causes and the actions per phase."""
    return {"caption": _("Per phase of the incident"),
            "headers": [_("Phase"), _("Causes"), _("Actions")],
            "rows": [[str(p["label"]), "\n".join(_shown(c["shown"]) for c in p["causes"]),
                      "\n".join(a["what_shown"] for a in p["actions"])] for p in phases]}


def _counts_table(counts: dict[str, int]) -> dict[str, Any]:
    return {"caption": _("Causes per factor group"), "headers": [_("Factor group"), _("Causes")],
            "rows": [[str(GROUPS[group][0]), str(n)] for group, n in counts.items()]}


def _actions_table(described: list[dict[str, Any]]) -> dict[str, Any]:
    rows = []
    for cause in described:
        if not cause["group"]:
            continue
        first = [_shown(cause["shown"]), cause["label"]]
        if not cause["actions"]:
            decided = _("no action needed") if cause["needed"] is False else _("not decided")
            rows.append(first + [decided, "", "", ""])
        for action in cause["actions"]:
            rows.append(first + [action["what"], action["who"], action["when"],
                                 action["outside"] or ""])
    return {"caption": _("Agreed actions"), "headers": [
        _("Cause"), _("Factor"), _("What"), _("Who"), _("When"), _("Who outside the team")],
        "rows": rows}

"""The causes of an evaluation, as they travel from the phones into the factor diagram.

Causes arrive as entries at the causes step. When the group moves on, they are carried into the
activity's state (``state["causes"]``), where the classification, the decision on action and the
actions are added. A cause is known by a key made from who sent it and what it says, so that a
repeated or re-sent cause stays one cause and keeps its classification.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import date
from typing import Any

from facilitator import ActionRejected, Entry, StepView, _

from .factors import GROUPS, KINDS, OTHER, OTHER_LABEL, PHASES, classification, label
from .masking import mask


def slot_for(prefix: str, text: str) -> str:
    """The slot of a text input: the same text from the same person is the same input."""
    return prefix + hashlib.sha256(text.casefold().encode()).hexdigest()[:12]


def key_of(entry: Entry) -> str:
    """A cause's or observation's key: stable, and no clue to who sent it."""
    return hashlib.sha256(f"{entry.author}/{entry.slot}".encode()).hexdigest()[:10]


def carry_over(view: StepView) -> None:
    """Put the causes of the causes step into the state, keeping what was decided on them."""
    known = {cause["key"]: cause for cause in view.state.get("causes", [])}
    view.state["causes"] = [
        {**known.get(key_of(e), {}), "key": key_of(e), "text": e.payload["text"],
         "kind": e.payload["kind"], "phase": e.payload.get("phase", "")}
        for e in view.answers()
    ]


def carry_observations(view: StepView) -> None:
    """Keep the observations of the incident step, with their phase, for the summary."""
    view.state["observations"] = [
        {"key": key_of(e), "phase": e.payload.get("phase"), "text": e.payload["text"]}
        for e in view.answers()]


def proposals(view: StepView) -> dict[str, Counter]:
    """Per cause key, how often each (group, factor) was proposed at this step."""
    found: dict[str, Counter] = {}
    for entry in view.answers():
        pair = classification(f"{entry.payload.get('group')}.{entry.payload.get('factor')}")
        if pair and entry.payload.get("cause"):
            if pair[1] == OTHER:  # "other" in the sender's words: words differ, pairs do too
                pair = (*pair, entry.payload.get("other", ""))
            found.setdefault(entry.payload["cause"], Counter())[pair] += 1
    return found


def agreed(tally: Counter | None) -> tuple[str, str] | None:
    """The classification everyone who proposed one agrees on; None when they differ."""
    return next(iter(tally)) if tally and len(tally) == 1 else None


def settle_agreed(view: StepView) -> None:
    """Fix the classifications the group agreed on, so that later steps work with them."""
    tallies = proposals(view)
    for cause in view.state.get("causes", []):
        if not cause.get("group") and (pair := agreed(tallies.get(cause["key"]))):
            cause.update(group=pair[0], factor=pair[1], settled="agreed")
            if pair[1] == OTHER:
                cause["other"] = pair[2]


def find(view: StepView, key: Any) -> dict[str, Any]:
    for cause in view.state.get("causes", []):
        if cause["key"] == key:
            return cause
    raise ActionRejected(_("That cause is not (or no longer) in this evaluation."))


def shown(text: str, key: str, view: StepView, names: list[tuple[str, str]]) -> str | None:
    """What the shared screen and the phones may show of a text: masked, or None if hidden."""
    if key in view.state.get("hidden", []):
        return None
    return mask(text, names)


def described(view: StepView, names: list[tuple[str, str]], *,
              proposed: bool = True) -> list[dict[str, Any]]:
    """Every cause with its effective classification, ready for a template.

    At the classification step, a cause without the trainer's decision takes the proposal
    everyone agrees on; causes with differing proposals wait for the trainer. With ``proposed``
    False the participants' proposals are left out: only what is in the state (the trainer's
    placements and what the group settled on earlier) counts.
    """
    tallies = proposals(view) if proposed and view.step.key == "classify" else {}
    causes = []
    for cause in view.state.get("causes", []):
        tally = tallies.get(cause["key"])
        pair = (cause["group"], cause["factor"], cause.get("other", "")) if cause.get("group") \
            else agreed(tally)
        status = cause.get("settled") if cause.get("group") else (
            "agreed" if pair else "disputed" if tally else "open")
        causes.append({
            **cause, "shown": shown(cause["text"], cause["key"], view, names),
            "kind_label": KINDS.get(cause["kind"], ""), "status": status,
            "group": pair[0] if pair else None, "factor": pair[1] if pair else None,
            "other": mask(pair[2], names) if pair and len(pair) > 2 else "",
            "label": _label(pair, names) if pair else "",
            "phase_label": PHASES.get(cause.get("phase") or "", ""),
            "tally": [(_label(p, names), n) for p, n in (tally or Counter()).most_common()],
            "actions": [_action_shown(a, names) for a in cause.get("actions", [])],
            "needed": cause.get("needed"),
        })
    return causes


def _label(pair: tuple, names: list[tuple[str, str]]) -> str:
    """A classification's label; the words of an "other" are masked like any participant's."""
    group, factor, *other = pair
    return label(group, factor, mask(other[0], names) if other and other[0] else None)


def still_to_discuss(described_causes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Causes nobody decided on yet: not classified, or classified without an action and
    without "no action needed". The summary lists them; none is dropped."""
    return [c for c in described_causes
            if not c["group"] or (not c["actions"] and c["needed"] is not False)]


def by_phase(view: StepView, described_causes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per phase of the incident model: how many observations, which causes and which actions,
    so that the summary says in which phase the chances to change the course lay."""
    observations = view.state.get("observations", [])
    return [{"key": phase, "label": phase_label,
             "observations": sum(1 for o in observations if o.get("phase") == phase),
             "causes": [c for c in described_causes if c.get("phase") == phase],
             "actions": [{**a, "cause": c["key"]} for c in described_causes
                         for a in c["actions"] if (a.get("phase") or c.get("phase")) == phase]}
            for phase, phase_label in PHASES.items()]


def _action_shown(action: dict[str, Any], names: list[tuple[str, str]]) -> dict[str, Any]:
    day = date.fromisoformat(action["when"])
    return {**action, "what_shown": mask(action["what"], names),
            "who_shown": mask(action["who"], names),
            "outside_shown": mask(action["outside"] or "", names), "when_label": f"{day:%d-%m-%Y}"}


def diagram(causes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The four factor groups with their sub-factors and the causes placed in them."""
    groups = []
    for group, (name, factors) in GROUPS.items():
        placed = [c for c in causes if c["group"] == group]
        groups.append({"key": group, "label": name, "count": len(placed), "factors": [
            {"key": factor, "label": factor_label,
             "causes": [c for c in placed if c["factor"] == factor]}
            for factor, factor_label in [*factors.items(), (OTHER, OTHER_LABEL)]]})
    return groups


def counts(causes: list[dict[str, Any]]) -> dict[str, int]:
    """Causes per factor group; unclassified causes are not counted."""
    totals = dict.fromkeys(GROUPS, 0)
    for cause in causes:
        if cause["group"]:
            totals[cause["group"]] += 1
    return totals

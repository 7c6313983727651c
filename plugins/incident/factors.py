"""The incident model of the structured incident evaluation: phases, factor groups, sub-factors.

The four factor groups and their sub-factors are exactly those of the source's figure; nothing
else is a classification. Keys are stable (they are stored), labels are translated.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from facilitator import _l

#: The phases of the incident, in order.
PHASES = {
    "interaction": _l("Interaction employee – citizen"),
    "tension": _l("Tension"),
    "incident": _l("Incident"),
    "aftercare": _l("Aftercare"),
}

#: Factor group -> (label, {sub-factor: label}), in the order of the source.
GROUPS = {
    "technical": (_l("Technical factors"), {
        "building": _l("Accommodation/building"),
        "grounds": _l("Grounds"),
        "material": _l("Material"),
        "ict": _l("ICT"),
    }),
    "organisational": (_l("Organisational factors"), {
        "knowledge_transfer": _l("Knowledge transfer"),
        "protocols": _l("Protocols"),
        "service_content": _l("Content of the service"),
        "management_priority": _l("Management priority"),
        "culture": _l("Culture"),
    }),
    "employee": (_l("Employee-related factors"), {
        "knowledge": _l("Knowledge"),
        "skills": _l("Skills"),
        "experience": _l("Experience"),
        "attitude": _l("Attitude"),
    }),
    "citizen": (_l("Citizen-related factors"), {
        "confused_behaviour": _l("Confused behaviour"),
        "substance_use": _l("Substance use"),
        "earlier_aggression": _l("Earlier aggression"),
    }),
}

#: Besides the named sub-factors, each group has "other" with the group's own words, so that no
#: cause is forced into a sub-factor that does not fit (METHODS 5). Not one of the sixteen.
OTHER = "other"
OTHER_LABEL = _l("Other")

#: Who takes part in the evaluation (a setting; source: managers, the employees involved where
#: they wish, the coordinator aggression and violence).
AUDIENCES = {
    "manager": _l("The manager"),
    "employee": _l("The employee involved, where they wish"),
    "coordinator": _l("The coordinator aggression and violence"),
    "team": _l("The team"),
}
DEFAULT_AUDIENCE = ["manager", "employee", "coordinator"]

KINDS = {"direct": _l("Direct"), "indirect": _l("Indirect")}
CHANCES = {"low": _l("low"), "medium": _l("medium"), "high": _l("high")}


def classification(value: Any) -> tuple[str, str] | None:
    """``"group.factor"`` as a (group, factor) pair, or None when it is not in the model."""
    if not isinstance(value, str) or value.count(".") != 1:
        return None
    group, factor = value.split(".")
    if group in GROUPS and (factor in GROUPS[group][1] or factor == OTHER):
        return group, factor
    return None


def label(group: str, factor: str | None = None, other: str | None = None) -> str:
    """"Organisational factors", "Organisational factors – Protocols" or
    "Organisational factors – Other: <the group's words>"."""
    name, factors = GROUPS[group]
    if factor == OTHER:
        return f"{name} – {OTHER_LABEL}" + (f": {other}" if other else "")
    return f"{name} – {factors[factor]}" if factor else str(name)


def choices() -> dict[str, str]:
    """Every classification as ``"group.factor"`` with its label, in the source's order; each
    group ends with its "other"."""
    return {f"{group}.{factor}": label(group, factor)
            for group, (_name, factors) in GROUPS.items() for factor in [*factors, OTHER]}


def factor_counts(reports: Iterable[dict[str, Any]]) -> dict[str, int]:
    """Causes per factor group over several evaluations, for the team plan's trend.

    ``reports`` are what ``IncidentEvaluation.report`` or ``results`` returned, for any steps
    of any number of evaluations; only the summary step carries ``factor_counts``, so each
    evaluation is counted once. Every group is in the answer, in the source's order.
    """
    totals = dict.fromkeys(GROUPS, 0)
    for report in reports:
        for group, count in ((report or {}).get("factor_counts") or {}).items():
            if group in totals and isinstance(count, int):
                totals[group] += count
    return totals

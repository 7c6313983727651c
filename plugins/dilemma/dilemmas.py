"""The dilemmas of a run: themes, the ones a scenario prepared, the one the group chose.

A dilemma is a plain dict: ``id`` (``s1`` for a prepared one, ``e12`` for one collected at
step 1), ``title``, ``text``, ``theme`` and, when prepared, ``setting``, ``side_a``, ``side_b``.
"""

from __future__ import annotations

from typing import Any

from facilitator import _l

THEMES = {
    "limits": _l("Setting limits"),
    "conduct": _l("Professional conduct"),
    "help": _l("Calling in help"),
    "reporting": _l("Reporting an incident"),
    "police": _l("Police report"),
    "threats": _l("Threats or criminal acts"),
}

TITLE_LIMIT = 80
TEXT_LIMIT = 800
SETTING_LIMIT = 40
SIDE_LIMIT = 200


def prepared(config: dict[str, Any]) -> list[dict[str, Any]]:
    return [{**item, "id": f"s{index + 1}", "prepared": True}
            for index, item in enumerate(config.get("dilemmas", []))]


def collected(entries) -> list[dict[str, Any]]:
    return [{"id": f"e{e.id}", "title": e.payload["title"], "text": e.payload["text"],
             "theme": e.payload["theme"], "prepared": False}
            for e in entries if not e.passed]


def ballot(state: dict[str, Any], config: dict[str, Any]) -> list[dict[str, Any]]:
    """The dilemmas the group votes on: what step 1 carried over, else the prepared ones."""
    return state.get("dilemmas") or prepared(config)


def chosen(state: dict[str, Any]) -> dict[str, Any] | None:
    return state.get("chosen")


def formulation(state: dict[str, Any]) -> dict[str, str]:
    """What the trainer recorded at step 3 for the chosen dilemma (empty for another one)."""
    recorded = state.get("formulation") or {}
    pick = chosen(state) or {}
    return recorded if recorded.get("dilemma") == pick.get("id") else {}


def sides(state: dict[str, Any]) -> dict[str, str] | None:
    """Option A and option B: as formulated at step 3, or as the scenario prepared them."""
    recorded = formulation(state)
    pick = chosen(state) or {}
    a = recorded.get("side_a") or pick.get("side_a")
    b = recorded.get("side_b") or pick.get("side_b")
    return {"a": a, "b": b} if a and b else None

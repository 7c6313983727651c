"""The intervision methods, defined in data: one ``methods/<key>.yaml`` file per method.

A method is a list of phases; each phase says what it is for, who speaks, what the others do, a
suggested time, what the phones write (``PHONE_TASKS``) and what the contributor's phone shows
(``CONTRIBUTOR_VIEWS``); optionally ``labels``, the choice a phone makes with its text (the chair
someone takes, the observation task of the outer circle) and ``shows``, the key of an earlier
phase whose texts (once revealed there) come back on the screen in this one: the observers report
what they wrote, the team picks its common approach from the success factors. ``order`` places
the method in the list the trainer chooses from. Texts are English; the plugin's catalog has the
Dutch. A scenario adapts a method by giving phases with the same key (changed fields) or a new key
(an added phase).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent / "methods"

#: What phones write in a phase ("none": nothing, the phase is spoken).
PHONE_TASKS = ("none", "questions", "advice", "hypotheses", "alternative", "stakeholder",
               "success_factors", "observations")
#: What the contributor's phone shows in a phase.
CONTRIBUTOR_VIEWS = ("tell", "listen", "choose", "turn_back", "core_question", "react")
#: Who speaks in a phase.
SPEAKERS = ("contributor", "group", "in_turn", "inner_circle")
PHASE_KEYS = ("key", "title", "purpose", "speaks", "others", "minutes", "phones", "contributor")


class MethodFileInvalid(ValueError):
    pass


def check_phase(phase: Any, where: str) -> dict[str, Any]:
    """One phase, complete and of known kinds; raise ``MethodFileInvalid`` naming the field."""
    if not isinstance(phase, dict):
        raise MethodFileInvalid(f"{where}: a phase is a mapping")
    for key in PHASE_KEYS:
        if key not in phase:
            raise MethodFileInvalid(f"{where}.{key}: missing")
    if phase["phones"] not in PHONE_TASKS:
        raise MethodFileInvalid(f"{where}.phones: one of {', '.join(PHONE_TASKS)}")
    if phase["contributor"] not in CONTRIBUTOR_VIEWS:
        raise MethodFileInvalid(f"{where}.contributor: one of {', '.join(CONTRIBUTOR_VIEWS)}")
    if phase["speaks"] not in SPEAKERS:
        raise MethodFileInvalid(f"{where}.speaks: one of {', '.join(SPEAKERS)}")
    if not isinstance(phase["minutes"], int) or not 1 <= phase["minutes"] <= 120:
        raise MethodFileInvalid(f"{where}.minutes: a whole number from 1 to 120")
    labels = phase.get("labels", [])
    if not isinstance(labels, list) or len(labels) > 8 or not all(
            isinstance(label, str) and label.strip() for label in labels):
        raise MethodFileInvalid(f"{where}.labels: a list of at most 8 texts")
    shows = phase.get("shows")
    if shows is not None and not isinstance(shows, str):
        raise MethodFileInvalid(f"{where}.shows: the key of an earlier phase")
    return {**{key: phase[key] for key in PHASE_KEYS}, "labels": labels, "shows": shows}


@cache
def methods(folder: Path = HERE) -> dict[str, dict[str, Any]]:
    """Every method file in ``folder``, by key, in the order its optional ``order`` gives (the
    order in which the trainer is offered them), then by file name."""
    found: dict[str, dict[str, Any]] = {}
    order: dict[str, int] = {}
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not {"key", "title", "goal", "phases"} <= set(data):
            raise MethodFileInvalid(f"{path.name}: needs key, title, goal and phases")
        phases = [check_phase(p, f"{path.name}: phases[{i}]") for i, p in enumerate(data["phases"])]
        keys = [p["key"] for p in phases]
        if len(set(keys)) != len(keys) or {"cases", "choose", "consent", "close"} & set(keys):
            raise MethodFileInvalid(f"{path.name}: phase keys must be unique and not reserved")
        for index, phase in enumerate(phases):
            if phase["shows"] is not None and phase["shows"] not in keys[:index]:
                raise MethodFileInvalid(f"{path.name}: phases[{index}].shows: the key of an "
                                        f"earlier phase")
        if not isinstance(data.get("order", 0), int) or isinstance(data.get("order"), bool):
            raise MethodFileInvalid(f"{path.name}: order is a whole number")
        found[data["key"]] = {"key": data["key"], "title": data["title"], "goal": data["goal"],
                              "phases": phases}
        order[data["key"]] = data.get("order", len(found) + 1000)
    if not found:  # a package built without its data files: say so, never run without methods
        raise MethodFileInvalid(f"no method files in {folder}")
    return {key: found[key] for key in sorted(found, key=lambda k: order[k])}

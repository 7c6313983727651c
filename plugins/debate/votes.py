"""The opening and closing votes on the statement: for or against, and who changed their mind.

The opening votes are kept in the activity's state (``{"opening": {"<participant id>": side}}``)
when the sides are formed, so that the closing vote can show the movement.
"""

from __future__ import annotations

from typing import Any

from facilitator import StepView

from .sides import SIDES


def votes(view: StepView) -> dict[int, str]:
    """Each participant's vote at this step (passes left out)."""
    return {e.participant_id: e.payload["choice"] for e in view.answers()
            if e.participant_id is not None}


def keep_opening(view: StepView) -> dict[int, str]:
    chosen = votes(view)
    view.state["opening"] = {str(pid): side for pid, side in chosen.items()}
    return chosen


def count(view: StepView, *, closing: bool) -> dict[str, Any]:
    chosen = votes(view)
    counts = {side: list(chosen.values()).count(side) for side in SIDES}
    answered = sum(counts.values())
    result = {"counts": counts, "answered": answered, "passes": len(view.entries) - answered,
              "percent": {side: round(100 * n / answered) if answered else 0
                          for side, n in counts.items()}}
    opening = view.state.get("opening")
    if closing and opening:
        before = {side: list(opening.values()).count(side) for side in SIDES}
        changed = {side: sum(1 for pid, choice in chosen.items()
                             if choice == side and opening.get(str(pid)) not in (None, side))
                   for side in SIDES}
        result["movement"] = {"before": before, "changed_to": changed}
    return result

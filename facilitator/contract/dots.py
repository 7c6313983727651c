"""Dot voting: each participant has ``view.config["dots"]`` dots to spread over a ballot.

A participant's dots at a step are one entry, ``{"dots": {item id: number}}``, changed with each
tap of a dot button: the phone sends ``{"action": "dots", <the item>, "n": number}``, the
number of dots the item now gets from that person (0 takes them back)::

    def accept(self, view, data, me):
        ballot = {item["id"] for item in self.ballot(view)}
        return Contribution({"dots": allocate_dots(
            view, data, str(data.get("item") or ""), ballot=ballot,
            not_on_ballot=_("That idea is not on the list."),
            too_many=ngettext("You have %(num)d dot and have given it.",
                              "You have %(num)d dots and have given them all.",
                              view.config["dots"]))})
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from .workform import InputRejected, StepView, _


def dots_given(view: StepView) -> dict[str, int]:
    """The viewer's own dots at this step, by item id (empty outside a participant's view)."""
    mine = [e for e in view.entries if e.mine and not e.passed]
    return dict(mine[0].payload.get("dots", {})) if mine else {}


def allocate_dots(view: StepView, data: dict[str, Any], target: str, *,
                  ballot: Collection[str], not_on_ballot: str, too_many: str,
                  budget: Collection[str] | None = None) -> dict[str, int]:
    """The viewer's dots with ``target`` given ``data["n"]`` dots; ``InputRejected`` when the
    phone did not use the dot buttons, ``target`` is not on the ``ballot`` (``not_on_ballot``)
    or the dots counted against the allowance are more than ``view.config["dots"]``
    (``too_many``). Dots on items that left the ballot are dropped. ``budget``: the items whose
    dots count against the allowance (one board of several); by default the whole ballot."""
    if data.get("action") != "dots":
        raise InputRejected(_("Give your dots with the dot buttons."))
    if target not in ballot:
        raise InputRejected(not_on_ballot)
    allowed = view.config["dots"]
    try:
        count = int(data.get("n"))
    except (TypeError, ValueError):
        raise InputRejected(_("Give your dots with the dot buttons.")) from None
    if not 0 <= count <= allowed:
        raise InputRejected(_("Give your dots with the dot buttons."))
    allocation = {k: v for k, v in dots_given(view).items() if k in ballot and k != target}
    if count:
        allocation[target] = count
    counted = ballot if budget is None else budget
    if sum(v for k, v in allocation.items() if k in counted) > allowed:
        raise InputRejected(too_many)
    return allocation

"""Steps 1 and 2: collect dilemmas from the work, and choose one with dots."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from facilitator import (
    ANONYMOUS,
    ActionRejected,
    Contribution,
    InputRejected,
    Phase,
    _,
    allocate_dots,
    clean,
    dots_given,
    ngettext,
    pgettext,
)

from ..dilemmas import TEXT_LIMIT, THEMES, TITLE_LIMIT, ballot, collected, prepared
from .base import entry_of, own, room_for_one_more, table, text_slot, widths

MOST_DILEMMAS = 5


def _dilemma(data: dict[str, Any]) -> dict[str, str]:
    theme = data.get("theme")
    if theme not in THEMES:
        raise InputRejected(_("Choose the theme that fits best."))
    return {
        "title": clean(data.get("title"), limit=TITLE_LIMIT, label=_("The short title")),
        "text": clean(data.get("text"), limit=TEXT_LIMIT, multiline=True,
                      label=_("The description")),
        "theme": theme,
    }


class Collect(Phase):
    key = "collect"
    number = 1

    def title(self):
        return _("Collect dilemmas")

    def step(self, config):
        return replace(super().step(config), visibility=config.get("visibility", ANONYMOUS))

    def accept(self, view, data, me):
        dilemma = _dilemma(data)
        slot = text_slot("d", dilemma["title"], dilemma["text"])
        room_for_one_more(own(view), slot, MOST_DILEMMAS)
        return Contribution(dilemma, slot)

    def act(self, view, action, data):
        if action == "add_dilemma":
            dilemma = _dilemma(data)
            slot = text_slot("d", dilemma["title"], dilemma["text"])
            if any(e.slot == slot for e in view.entries):
                raise ActionRejected(_("This dilemma is on the list already."))
            view.add(dilemma, slot)
        elif action == "drop_dilemma":
            view.remove(entry_of(view, data.get("entry")).id)
        else:
            super().act(view, action, data)

    def dilemmas(self, view) -> list[dict[str, Any]]:
        return collected(view.entries) + prepared(view.config)

    def leave(self, view):
        view.state["dilemmas"] = self.dilemmas(view)

    def results(self, view):
        dilemmas = self.dilemmas(view)
        themes = Counter(d["theme"] for d in dilemmas)
        return {"dilemmas": dilemmas, "count": len(dilemmas),
                "themes": [(key, themes[key]) for key in THEMES if themes[key]]}

    def report(self, view):
        rows = [[str(THEMES[d["theme"]]), d["title"], d["text"],
                 _("prepared") if d["prepared"] else _("from the group")]
                for d in self.dilemmas(view)]
        return {"paragraphs": [], "tables": [table(_("Dilemmas"), [
            _("Theme"), _("Title"), _("Description"),
            pgettext("where a dilemma comes from", "Source")], rows)]}


class Choose(Phase):
    key = "choose"
    number = 2

    def title(self):
        return _("Choose a dilemma")

    def accept(self, view, data, me):
        return Contribution({"dots": allocate_dots(
            view, data, str(data.get("dilemma") or ""),
            ballot={d["id"] for d in ballot(view.state, view.config)},
            not_on_ballot=_("That dilemma is not on the list."),
            too_many=ngettext("You have %(num)d dot and have given it. Take it back first.",
                              "You have %(num)d dots and have given them all. Take one back "
                              "first.", view.config["dots"]))})

    def act(self, view, action, data):
        if action != "choose":
            return super().act(view, action, data)
        wanted = str(data.get("dilemma") or "")
        for dilemma in ballot(view.state, view.config):
            if dilemma["id"] == wanted:
                view.state["chosen"] = dict(dilemma)
                view.state["chosen_by_dots"] = False
                return
        raise ActionRejected(_("That dilemma is not on the list."))

    def leave(self, view):
        """Without the trainer's pick the dilemma with the most dots goes on, marked as such."""
        if view.state.get("chosen") and not view.state.get("chosen_by_dots"):
            return
        ranked = self.results(view)["ranked"]
        if ranked and ranked[0]["dots"]:
            view.state["chosen"] = dict(ranked[0]["dilemma"])
            view.state["chosen_by_dots"] = True

    def results(self, view):
        dilemmas = ballot(view.state, view.config)
        dots: Counter[str] = Counter()
        voters = 0
        for entry in view.answers():
            given = entry.payload.get("dots", {})
            voters += bool(given)
            dots.update(given)
        numbered = sorted(enumerate(dilemmas, 1), key=lambda item: -dots[item[1]["id"]])
        counts = [dots[d["id"]] for _number, d in numbered]
        return {"ranked": [{"number": number, "dilemma": d, "dots": n, "width": w}
                           for (number, d), n, w in zip(numbered, counts, widths(counts),
                                                        strict=True)],
                "voters": voters, "given": sum(counts)}

    def phone_context(self, view, me, mine):
        given = dots_given(view)
        return {"my_dots": given, "dots_left": view.config["dots"] - sum(given.values())}

    def report(self, view):
        pick = view.state.get("chosen") or {}
        rows = [[r["dilemma"]["title"], str(r["dots"]),
                 "✓" if r["dilemma"]["id"] == pick.get("id") else ""]
                for r in self.results(view)["ranked"]]
        return {"paragraphs": [], "tables": [table(_("Dot vote"), [
            _("Dilemma"), _("Dots"), _("Chosen")], rows)]}

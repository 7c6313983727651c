"""Steps 5 and 6: the table of stakeholders, values and norms, and the alternatives weighed
against it."""

from __future__ import annotations

from facilitator import ActionRejected, Contribution, InputRejected, Phase, _, _l, clean

from .base import (
    entry_of,
    own,
    percent,
    room_for_one_more,
    table,
    text_slot,
)

COLUMNS = {"stakeholders": _l("Stakeholders"), "values": _l("Values"), "norms": _l("Norms")}
CELL_LIMIT = 120
MOST_CELLS = 15
MARKS = ("yes", "partly", "no")
ALTERNATIVE_LIMIT = 200
MOST_ALTERNATIVES = 6


class ValuesAndNorms(Phase):
    key = "values"
    number = 5

    def title(self):
        return _("Values and norms")

    def _cell(self, data, label) -> dict[str, str]:
        """A cell; a value or a norm may name the stakeholder it belongs to (``for``)."""
        column = data.get("column")
        if column not in COLUMNS:
            raise InputRejected(_("Choose a column: stakeholders, values or norms."))
        cell = {"column": column, "text": clean(data.get("text"), limit=CELL_LIMIT, label=label)}
        stakeholder = clean(data.get("for"), limit=CELL_LIMIT, required=False,
                            label=_("The stakeholder"))
        if column != "stakeholders":
            cell["for"] = stakeholder
        return cell

    def accept(self, view, data, me):
        cell = self._cell(data, _("Your contribution"))
        slot = text_slot(cell["column"], cell["text"])
        room_for_one_more(own(view), slot, MOST_CELLS)
        return Contribution(cell, slot)

    def act(self, view, action, data):
        if action == "add_cell":
            cell = self._cell(data, _("The text"))
            if any(c["text"].casefold() == cell["text"].casefold()
                   for c in self.columns(view)[cell["column"]]):
                raise ActionRejected(_("That is already in the table."))
            view.add(cell, text_slot("t" + cell["column"], cell["text"]))
        elif action == "edit_cell":
            entry = entry_of(view, data.get("entry"))
            entry.payload = {**entry.payload, "text": clean(data.get("text"), limit=CELL_LIMIT,
                                                            label=_("The text"))}
            if "for" in data and entry.payload["column"] != "stakeholders":
                entry.payload = {**entry.payload, "for": clean(
                    data.get("for"), limit=CELL_LIMIT, required=False,
                    label=_("The stakeholder"))}
        elif action == "merge_cells":
            self._merge(view, entry_of(view, data.get("entry")), entry_of(view, data.get("into")))
        elif action == "drop_cell":
            view.remove(entry_of(view, data.get("entry")).id)
        else:
            super().act(view, action, data)

    def _merge(self, view, duplicate, keeper) -> None:
        if duplicate.id == keeper.id:
            raise ActionRejected(_("Choose another item to merge with."))
        if duplicate.payload["column"] != keeper.payload["column"]:
            raise ActionRejected(_("Only items in the same column can be merged."))
        keeper.payload = {**keeper.payload, "count": keeper.payload.get("count", 1) +
                          duplicate.payload.get("count", 1)}
        view.remove(duplicate.id)

    def columns(self, view) -> dict[str, list[dict]]:
        cells: dict[str, list[dict]] = {column: [] for column in COLUMNS}
        for entry in view.answers():
            cells[entry.payload["column"]].append({
                "id": entry.id, "text": entry.payload["text"],
                "count": entry.payload.get("count", 1), "for": entry.payload.get("for", "")})
        return cells

    def rows(self, columns: dict[str, list[dict]]) -> list[dict]:
        """The table by stakeholder: each with the values and norms named for them; a value or
        norm for a stakeholder not in the first column gets a row of its own, and those tied to
        nobody come last, in a row without a stakeholder."""
        rows: dict[str, dict] = {}
        for cell in columns["stakeholders"]:
            rows.setdefault(cell["text"].casefold(), {"stakeholder": cell, "values": [],
                                                      "norms": []})
        loose = {"stakeholder": None, "values": [], "norms": []}
        for column in ("values", "norms"):
            for cell in columns[column]:
                name = cell["for"].strip()
                if not name:
                    loose[column].append(cell)
                    continue
                row = rows.setdefault(name.casefold(), {
                    "stakeholder": {"id": None, "text": name, "count": 0, "for": ""},
                    "values": [], "norms": []})
                row[column].append(cell)
        return [*rows.values(), *([loose] if loose["values"] or loose["norms"] else [])]

    def results(self, view):
        columns = self.columns(view)
        return {"columns": columns, "rows": self.rows(columns),
                "count": sum(len(c) for c in columns.values())}

    def leave(self, view):
        view.state["table"] = {column: [c["text"] for c in cells]
                               for column, cells in self.columns(view).items()}
        view.state["table_rows"] = [
            {"stakeholder": row["stakeholder"]["text"] if row["stakeholder"] else "",
             "values": [c["text"] for c in row["values"]],
             "norms": [c["text"] for c in row["norms"]]}
            for row in self.rows(self.columns(view))]

    def phone_context(self, view, me, mine):
        return {"cells": [{"slot": e.slot, **e.payload} for e in own(view)]}

    def report(self, view):
        rows = [[row["stakeholder"]["text"] if row["stakeholder"] else "—",
                 "; ".join(c["text"] for c in row["values"]),
                 "; ".join(c["text"] for c in row["norms"])]
                for row in self.rows(self.columns(view))]
        return {"paragraphs": [], "tables": [
            table(_("Values and norms"), [str(label) for label in COLUMNS.values()], rows)]}


class Alternatives(Phase):
    """First a brainstorm of alternatives; then, once the trainer starts the marking, everyone
    marks for each alternative whether it does justice to the values and norms."""

    key = "alternatives"
    number = 6

    def title(self):
        return _("Alternatives")

    def accept(self, view, data, me):
        if data.get("action") == "mark":
            return self._mark(view, data)
        if view.data.get("marking"):
            raise InputRejected(_("The group is marking the alternatives now. Tell the trainer "
                                  "your idea; the trainer can still add it."))
        text = clean(data.get("alternative"), limit=ALTERNATIVE_LIMIT, label=_("Your alternative"))
        slot = text_slot("x", text)
        room_for_one_more(self._mine(view), slot, MOST_ALTERNATIVES)
        return Contribution({"kind": "alternative", "text": text}, slot)

    def _mine(self, view):
        return [e for e in own(view) if e.payload.get("kind") == "alternative"]

    def _mark(self, view, data) -> Contribution:
        if not view.data.get("marking"):
            raise InputRejected(_("Marking starts when the trainer says so."))
        target = next((a for a in self.alternatives(view) if str(a.id) == str(data.get("entry"))),
                      None)
        if target is None:
            raise InputRejected(_("That alternative is no longer there."))
        if data.get("mark") not in MARKS:
            raise InputRejected(_("Choose yes, partly or no."))
        return Contribution({"kind": "mark", "alternative": target.id, "mark": data["mark"]},
                            f"m{target.id}")

    def act(self, view, action, data):
        if action == "marking":
            view.data["marking"] = data.get("on") == "1"
        elif action == "add_alternative":
            text = clean(data.get("text"), limit=ALTERNATIVE_LIMIT, label=_("The alternative"))
            if any(a.payload["text"].casefold() == text.casefold()
                   for a in self.alternatives(view)):
                raise ActionRejected(_("This alternative is on the list already."))
            view.add({"kind": "alternative", "text": text}, text_slot("t", text))
        elif action == "drop_alternative":
            dropped = entry_of(view, data.get("entry")).id
            for entry in list(view.entries):
                if dropped in (entry.id, entry.payload.get("alternative")):
                    view.remove(entry.id)
        else:
            super().act(view, action, data)

    def alternatives(self, view):
        return [e for e in view.answers() if e.payload.get("kind") == "alternative"]

    def ranked(self, view) -> list[dict]:
        """The alternatives, the ones that do most justice to the values and norms first.

        ``justice`` counts a yes as a whole and a partly as half; unmarked ones come last.
        """
        marks = [e.payload for e in view.answers() if e.payload.get("kind") == "mark"]
        rows = []
        for alternative in self.alternatives(view):
            given = [m["mark"] for m in marks if m["alternative"] == alternative.id]
            count = {mark: given.count(mark) for mark in MARKS}
            justice = percent(2 * count["yes"] + count["partly"], 2 * len(given))
            rows.append({"id": alternative.id, "text": alternative.payload["text"],
                         "marks": len(given), **count, "justice": justice,
                         "width": justice // 5 * 5})
        rows.sort(key=lambda r: (-r["justice"], -r["marks"]) if r["marks"] else (1, 0))
        return rows

    def results(self, view):
        return {"ranked": self.ranked(view), "marking": bool(view.data.get("marking"))}

    def leave(self, view):
        view.state["alternatives"] = [{k: r[k] for k in ("text", "justice", "marks")}
                                      for r in self.ranked(view)]

    def phone_context(self, view, me, mine):
        return {"marking": bool(view.data.get("marking")), "table": view.state.get("table"),
                "alternatives": [{"id": a.id, "text": a.payload["text"]}
                                 for a in self.alternatives(view)],
                "marks": {e.payload["alternative"]: e.payload["mark"] for e in own(view)
                          if e.payload.get("kind") == "mark"},
                "mine": [e.payload["text"] for e in self._mine(view)]}

    def report(self, view):
        rows = [[r["text"], str(r["yes"]), str(r["partly"]), str(r["no"]), f"{r['justice']}%"]
                for r in self.ranked(view)]
        return {"paragraphs": [], "tables": [table(
            _("Alternatives, ranked by how well they do justice to the values and norms"),
            [_("Alternative"), _("Yes"), _("Partly"), _("No"), _("Does justice")], rows)]}

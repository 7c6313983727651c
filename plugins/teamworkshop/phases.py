"""The five steps of the team workshop on the day itself, in the order the group goes through them.
The work form hands every call to the step the group is at."""

from __future__ import annotations

import hashlib
from typing import Any

from facilitator import (
    ANONYMOUS,
    NAMED,
    ActionRejected,
    Contribution,
    InputRejected,
    Phase,
    StepView,
    _,
    allocate_dots,
    clean,
    dots_given,
    ngettext,
)

from . import boards as b
from . import followup as f
from . import groups as g

MOST_NOTES = 30
MOST_SOLUTIONS = 20
NO_REPORT: dict[str, list] = {"paragraphs": [], "tables": []}


def text_slot(prefix: str, *parts: str) -> str:
    """A slot named after the text itself: a double tap or a resend lands in the same slot."""
    digest = hashlib.sha1("\n".join(parts).casefold().encode()).hexdigest()
    return f"{prefix}{digest[:12]}"


def own(view: StepView):
    return [e for e in view.entries if e.mine and not e.passed]


def room_for_one_more(view: StepView, slot: str, limit: int) -> None:
    mine = own(view)
    if slot not in {e.slot for e in mine} and len(mine) >= limit:
        raise InputRejected(_("You have written %(n)d already; that is the most for this step.",
                              n=limit))


def entry_of(view: StepView, value: Any):
    wanted = str(value or "").lstrip("ns")
    for entry in view.entries:
        if str(entry.id) == wanted and not entry.passed:
            return entry
    raise ActionRejected(_("That note is no longer there; it may have been removed."))


def one_of(value: Any, known: dict) -> bool:
    """Whether a value someone sent is one of these keys (a list or a number never is)."""
    return isinstance(value, str) and value in known


def ids(value: Any) -> list[str]:
    """One id or a list of them, as a form with checkboxes sends it."""
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    return []


def shown_to_all(view: StepView) -> bool:
    """What this step gathered was on the screen: revealed, from the minimum group on."""
    writers = len({e.author for e in view.answers()})
    return view.revealed and (view.step.visibility != ANONYMOUS or writers >= view.minimum_group)


def table(caption, headers, rows) -> dict[str, Any]:
    return {"caption": caption, "headers": headers, "rows": rows}


def not_shown(view) -> dict[str, Any]:
    return {"paragraphs": [_("Not shown to the group (not revealed, or fewer than %(n)d people "
                             "took part), so not in the report.", n=view.minimum_group)],
            "tables": []}


# -- 1. collect ------------------------------------------------------------------------------------

class Collect(Phase):
    key = "collect"
    number = 1

    def title(self):
        return _("What goes well, what could be better?")

    def accept(self, view, data, me):
        board = data.get("board")
        if not one_of(board, b.BOARDS):
            raise InputRejected(_("Choose the board: keep, or could be better."))
        text = clean(data.get("text"), limit=b.NOTE_LIMIT, label=_("Your note"))
        slot = text_slot("n", board, text)
        room_for_one_more(view, slot, MOST_NOTES)
        return Contribution({"board": board, "text": text}, slot)

    def act(self, view, action, data):
        if action != "drop_note":
            return super().act(view, action, data)
        view.remove(entry_of(view, data.get("note")).id)

    def leave(self, view):
        view.state["notes"] = b.notes_of(view.entries)
        view.state["notes_public"] = shown_to_all(view)

    def results(self, view):
        ordered = b.boards({"notes": b.notes_of(view.entries)})
        return {"boards": ordered, "count": sum(x["count"] for x in ordered),
                "writers": len({e.author for e in view.answers()}),
                "notes": {x["key"]: x["count"] for x in ordered}}

    def phone_context(self, view, me, mine):
        notes = [{"slot": e.slot, **e.payload} for e in mine if not e.passed]
        return {"notes": notes, "counts": {k: sum(n["board"] == k for n in notes)
                                           for k in b.BOARDS}}

    def report(self, view):
        if not shown_to_all(view):
            return not_shown(view)
        rows = [[str(board["label"]), n["text"]]
                for board in self.results(view)["boards"] for n in board["loose"]]
        return {"paragraphs": [], "tables": [table(_("Notes on the two boards"),
                                                   [_("Board"), _("Note")], rows)]}


# -- 2. cluster ------------------------------------------------------------------------------------

class Cluster(Phase):
    key = "cluster"
    number = 2
    takes_input = False

    def title(self):
        return _("Order the notes by subject")

    def act(self, view, action, data):
        state = view.state
        notes = {n["id"]: n for n in state.get("notes") or []}
        clusters = b.clusters(state)
        if action == "cluster":
            picked = ids(data.get("notes"))
            if not picked:
                raise ActionRejected(_("Tick the notes that belong together first."))
            if any(n not in notes for n in picked):
                raise ActionRejected(_("That note is no longer there; it may have been removed."))
            board = {notes[n]["board"] for n in picked}
            if len(board) > 1:
                raise ActionRejected(_("A cluster holds notes of one board only."))
            board = board.pop()
            into = str(data.get("into") or "")
            clusters = [{**c, "notes": [n for n in c["notes"] if n not in picked]}
                        for c in clusters]
            target = next((c for c in clusters if c["id"] == into), None)
            if into and target is None:
                raise ActionRejected(_("That cluster is no longer there."))
            if target is not None:
                if target["board"] != board:
                    raise ActionRejected(_("A cluster holds notes of one board only."))
                target["notes"] = target["notes"] + picked
            else:
                name = clean(data.get("name"), limit=b.CLUSTER_NAME_LIMIT,
                             label=_("The name of the cluster"))
                number = int(state.get("next_cluster") or 1)
                state["next_cluster"] = number + 1
                clusters.append({"id": f"c{number}", "board": board, "name": name,
                                 "notes": picked})
        elif action == "rename":
            target = self._cluster(clusters, data)
            target["name"] = clean(data.get("name"), limit=b.CLUSTER_NAME_LIMIT,
                                   label=_("The name of the cluster"))
        elif action == "dissolve":
            target = self._cluster(clusters, data)
            target["notes"] = []
        elif action == "take_out":
            note = str(data.get("note") or "")
            clusters = [{**c, "notes": [n for n in c["notes"] if n != note]} for c in clusters]
        else:
            return super().act(view, action, data)
        state["clusters"] = [c for c in clusters if c["notes"]]

    @staticmethod
    def _cluster(clusters, data):
        wanted = str(data.get("cluster") or "")
        for cluster in clusters:
            if cluster["id"] == wanted:
                return cluster
        raise ActionRejected(_("That cluster is no longer there."))

    def results(self, view):
        return {"boards": b.boards(view.state)}

    def primary(self, view):
        return "cluster" if any(board["loose"] for board in b.boards(view.state)) else "next"

    def report(self, view):
        rows = []
        for board in b.boards(view.state):
            for cluster in board["clusters"]:
                notes = ("; ".join(n["text"] for n in cluster["notes"])
                         if view.state.get("notes_public") else "")
                rows.append([str(board["label"]), cluster["name"], str(len(cluster["notes"])),
                             notes])
        if not rows:
            return NO_REPORT
        return {"paragraphs": [], "tables": [table(_("Clusters"), [
            _("Board"), _("Cluster"), _("Notes"), _("What the notes say")], rows)]}


# -- 3. vote ---------------------------------------------------------------------------------------

class Vote(Phase):
    key = "vote"
    number = 3

    def title(self):
        return _("Vote: what matters most?")

    def accept(self, view, data, me):
        item = str(data.get("item") or "")
        board = b.item_board(view.state, item)
        return Contribution({"dots": allocate_dots(
            view, data, item,
            ballot={i["id"] for key in b.BOARDS for i in b.ballot(view.state, key)},
            budget={i["id"] for i in b.ballot(view.state, board)} if board else (),
            not_on_ballot=_("That point is not on the boards."),
            too_many=ngettext(
                "You have %(num)d dot for this board and have given it. Take it back first.",
                "You have %(num)d dots for this board and have given them all. Take one back "
                "first.", view.config["dots"]))})

    def act(self, view, action, data):
        if action != "seriousness":
            return super().act(view, action, data)
        level = data.get("level")
        if not one_of(level, b.SERIOUSNESS):
            raise ActionRejected(_("Choose fire, unrest or room to improve."))
        view.state["seriousness"] = level

    def results(self, view):
        allocations = [e.payload.get("dots", {}) for e in view.answers()]
        ranking = b.ranking(view.state, allocations, view.config["top"])
        # for the results file (numbers only): dots per cluster by its name, a loose note by its
        # id, never by what someone typed
        clustered = {c["id"] for c in b.clusters(view.state)}
        dots = {f"{key}: " + (item["name"] if item["id"] in clustered else item["id"]):
                item["dots"] for key, items in ranking.items() for item in items}
        return {"ranking": ranking, "voters": sum(1 for given in allocations if given),
                "seriousness": view.state.get("seriousness"), "dots": dots}

    def leave(self, view):
        view.state["ranking"] = self.results(view)["ranking"]
        view.state["vote_shown"] = shown_to_all(view)

    def phone_context(self, view, me, mine):
        given = dots_given(view)
        left = {}
        for key in b.BOARDS:
            on_board = {i["id"] for i in b.ballot(view.state, key)}
            left[key] = view.config["dots"] - sum(v for k, v in given.items() if k in on_board)
        return {"my_dots": given, "dots_left": left}

    def report(self, view):
        if not shown_to_all(view):
            return not_shown(view)
        found = self.results(view)
        rows = [[item["name"], str(b.BOARDS[key]), str(item["dots"]), "✓" if item["top"] else ""]
                for key, items in found["ranking"].items() for item in items]
        paragraphs = []
        if found["seriousness"]:
            paragraphs.append(_("How serious the group finds it: %(level)s",
                                level=b.SERIOUSNESS[found["seriousness"]]))
        return {"paragraphs": paragraphs, "tables": [table(
            _("Dot vote (top %(n)d per board)", n=view.config["top"]),
            [_("Point"), _("Board"), _("Dots"), _("Top")], rows)]}


# -- 4. solutions in small groups ------------------------------------------------------------------

class Solutions(Phase):
    key = "solutions"
    number = 4

    def title(self):
        return _("Solutions in small groups")

    @staticmethod
    def points(state) -> list[dict[str, Any]]:
        """What the groups can work on: the top of "could be better", or its whole ballot when
        the group did not vote."""
        return b.top_items(state, b.IMPROVE) or b.ballot(state, b.IMPROVE)

    def names(self, state) -> dict[str, str]:
        return {item["id"]: item["name"] for item in b.ballot(state, b.IMPROVE)}

    def solutions(self, view) -> list[dict[str, Any]]:
        return g.solutions_of(view.entries, view.state.get("groups") or [],
                              self.names(view.state))

    def act(self, view, action, data):
        state = view.state
        groups = list(state.get("groups") or [])
        if action == "form_groups":
            if view.answers():
                raise ActionRejected(_("The groups are at work already; forming them again "
                                       "would lose what they wrote."))
            try:
                size = int(data.get("size") or view.config["group_size"])
            except (TypeError, ValueError):
                raise ActionRejected(_("Give a group size from 2 to 8.")) from None
            if not 2 <= size <= 8:
                raise ActionRejected(_("Give a group size from 2 to 8."))
            if not view.participants:
                raise ActionRejected(_("Nobody has joined yet."))
            state["groups"] = g.form_groups([p.id for p in view.participants], size,
                                            [p["id"] for p in self.points(state)])
            state["presented"], state["presenting"] = {}, None
        elif action == "assign":
            group = self._group(groups, data)
            point = str(data.get("point") or "")
            if point not in self.names(state):
                raise ActionRejected(_("That point is not on the board \"could be better\"."))
            group["point"] = point
            state["groups"] = groups
        elif action == "move":
            group = self._group(groups, data)
            wanted = str(data.get("person") or "")
            person = next((p.id for p in view.participants if str(p.id) == wanted), None)
            if person is None:
                raise ActionRejected(_("That person has not joined this session."))
            for other in groups:
                other["members"] = [m for m in other["members"] if m != person]
            group["members"].append(person)
            state["groups"] = groups
        elif action == "present":
            group = self._group(groups, data)
            shown = [s for s in self.solutions(view) if s["group"] == group["id"]]
            state["presented"] = {**(state.get("presented") or {}), group["id"]: shown}
            state["presenting"] = group["id"]
        elif action == "drop_solution":
            view.remove(entry_of(view, data.get("solution")).id)
        else:
            super().act(view, action, data)

    @staticmethod
    def _group(groups, data):
        wanted = str(data.get("group") or "")
        for group in groups:
            if group["id"] == wanted:
                return group
        raise ActionRejected(_("That group is not there."))

    def participant_joined(self, view, me):
        groups = list(view.state.get("groups") or [])
        if groups:
            g.add_to_smallest(groups, me.id)
            view.state["groups"] = groups

    def accept(self, view, data, me):
        group = g.group_of(view.state.get("groups") or [], me.id)
        if group is None:
            raise InputRejected(_("You are not in a group yet. Wait a moment for the trainer."))
        bucket = data.get("bucket")
        if not one_of(bucket, g.BUCKETS):
            raise InputRejected(_("Choose who can do it: you, the team, or others."))
        text = clean(data.get("text"), limit=g.SOLUTION_LIMIT, label=_("Your solution"))
        slot = text_slot("s", bucket, text)
        room_for_one_more(view, slot, MOST_SOLUTIONS)
        return Contribution({"group": group["id"], "bucket": bucket, "text": text}, slot)

    def results(self, view):
        found = self.solutions(view)
        names = self.names(view.state)
        rows = []
        for group in view.state.get("groups") or []:
            own_ = [s for s in found if s["group"] == group["id"]]
            rows.append({**group, "point_name": names.get(group["point"] or "", ""),
                         "solutions": g.by_bucket(own_), "count": len(own_),
                         "presented": group["id"] in (view.state.get("presented") or {})})
        return {"groups": rows, "count": len(found),
                "buckets": {key: sum(1 for x in found if x["bucket"] == key) for key in g.BUCKETS}}

    def leave(self, view):
        view.state["solutions"] = self.solutions(view)

    def waiting(self, view) -> list[str]:
        """The groups, in order, with solutions the screen has not shown yet."""
        presented = view.state.get("presented") or {}
        shown = {s["id"] for group in presented.values() for s in group}
        new = {s["group"] for s in self.solutions(view) if s["id"] not in shown}
        return [group["id"] for group in view.state.get("groups") or [] if group["id"] in new]

    def primary(self, view):
        """Groups first; then the reveal (the screen shows nothing of the groups' work before
        it); then each group that has something new, on stage; then on."""
        if not view.state.get("groups"):
            return "form_groups"
        if not view.revealed:
            return "reveal" if view.answers() else ""
        return "present" if self.waiting(view) else "next"

    def next_to_present(self, view) -> str | None:
        waiting = self.waiting(view)
        return waiting[0] if waiting else None

    def phone_context(self, view, me, mine):
        groups = view.state.get("groups") or []
        group = g.group_of(groups, me.id)
        names = self.names(view.state)
        mates = []
        if group and view.named_session:
            by_id = {p.id: p.name for p in view.participants}
            mates = [by_id[m] for m in group["members"] if m != me.id and by_id.get(m)]
        return {"group": group, "point": names.get((group or {}).get("point") or "", ""),
                "mates": mates,
                "keep": [item["name"] for item in b.top_items(view.state, b.KEEP)],
                "mine": [{"slot": e.slot, **e.payload} for e in mine if not e.passed]}

    def report(self, view):
        rows = [[_("Group %(n)d", n=s["number"]), s["point"], str(g.BUCKET_SHORT[s["bucket"]]),
                 s["text"]]
                for s in self.solutions(view)]
        if not rows:
            return NO_REPORT
        return {"paragraphs": [], "tables": [table(_("Solutions of the groups"), [
            _("Group"), _("Point"), _("Who can do it"), _("Solution")], rows)]}


# -- 5. follow-up ----------------------------------------------------------------------------------

class FollowUp(Phase):
    key = "followup"
    number = 5
    visibility = NAMED

    def title(self):
        return _("Follow-up: who does what, and when?")

    def solutions(self, view) -> list[dict[str, Any]]:
        return list(view.state.get("solutions") or [])

    def accept(self, view, data, me):
        wanted = str(data.get("solution") or "")
        solution = next((s for s in self.solutions(view) if s["id"] == wanted), None)
        if solution is None:
            raise InputRejected(_("Choose one of the solutions."))
        try:
            due = f.checked_due(data.get("due"))
        except ValueError:
            raise InputRejected(_("Give the date as the date field offers it.")) from None
        payload = {"solution": wanted, "due": due}
        via = clean(data.get("via"), limit=f.VIA_LIMIT, required=False, label=_("With whom"))
        if via and solution["bucket"] == "others":
            payload["via"] = via
        if not view.named_session:
            who = clean(data.get("who"), limit=f.WHO_LIMIT, required=False, label=_("Your name"))
            if who:
                payload["who"] = who
        return Contribution(payload, wanted)

    def names(self, view) -> dict[int, str]:
        return {e.participant_id: e.name for e in view.entries if e.name} if view.named_session \
            else {}

    def rows(self, view) -> list[dict[str, Any]]:
        return f.big_list(self.solutions(view), view.entries, self.names(view))

    def act(self, view, action, data):
        if action != "to_plan":
            return super().act(view, action, data)
        planned = list(view.state.get("planned") or [])
        new = [row for row in self.rows(view) if row["takers"] and row["id"] not in planned]
        if not new:
            raise ActionRejected(_("Nothing new for the team plan: nobody has taken on a "
                                   "solution that is not in the plan yet."))
        for row in new:
            view.propose_agreement(f.agreement_of(row))
            planned.append(row["id"])
        view.state["planned"] = planned

    def results(self, view):
        rows = self.rows(view)
        planned = set(view.state.get("planned") or [])
        return {"rows": [{**row, "planned": row["id"] in planned} for row in rows],
                "taken": sum(1 for row in rows if row["takers"]),
                "without": [p.id for p in f.without_task(view.participants, view.entries)]}

    def primary(self, view):
        planned = set(view.state.get("planned") or [])
        if any(row["takers"] and row["id"] not in planned for row in self.rows(view)):
            return "to_plan"
        return None

    def phone_context(self, view, me, mine):
        taken = {e.payload["solution"]: e.payload for e in mine if not e.passed}
        group = g.group_of(view.state.get("groups") or [], me.id)
        ordered = sorted(self.solutions(view),
                         key=lambda s: (s["group"] != (group or {}).get("id"), s["number"]))
        return {"solutions": ordered, "taken": taken}

    def report(self, view):
        found = self.results(view)
        rows = [[_("%(solution)s (point: %(point)s)", solution=row["text"], point=row["point"]),
                 str(g.BUCKET_SHORT[row["bucket"]]),
                 ", ".join(row["who"]) or (str(row["takers"]) if row["takers"] else "–"),
                 f.day(row["due"]), ", ".join(row["via"]), "✓" if row["planned"] else ""]
                for row in found["rows"]]
        if not rows:
            return NO_REPORT
        paragraphs = [ngettext("%(num)d solution has someone who takes it on.",
                               "%(num)d solutions have someone who takes them on.",
                               found["taken"])]
        return {"paragraphs": paragraphs, "tables": [table(_("Follow-up: the big list"), [
            _("Solution"), _("Who can do it"), _("Who"), _("When"), _("Taken to"),
            _("In the team plan")], rows)]}


PHASES: list[Phase] = [Collect(), Cluster(), Vote(), Solutions(), FollowUp()]
BY_KEY = {phase.key: phase for phase in PHASES}

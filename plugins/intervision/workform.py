"""The intervision work form, on plain data.

Steps: bring in cases (anonymous), choose one by dots (anonymous), the contributor's consent, the
choice of the method (only where the scenario leaves it to the session), one step per phase of the
method, and the close. A method chosen in the session becomes the activity's configuration for the
rest of the session (``view.change_config``), so its phases are planned as if the scenario had
fixed it. Who brought a case in is known only to their own
phone: the case carries a random token that only that phone is shown again (``mine_at``); the
contributor proves it is them by sending it back. What was said in the round lives in the entries
and the activity's state until the session ends; ``session_ended`` wipes it.
"""

from __future__ import annotations

import secrets
import time
from collections import Counter
from typing import Any

from facilitator import (
    ANONYMOUS,
    NAMED,
    ActionRejected,
    Boolean,
    Choice,
    ConfigInvalid,
    Contribution,
    InputRejected,
    LongText,
    NewAgreement,
    Number,
    Problem,
    Repeat,
    Step,
    StepView,
    Text,
    WorkForm,
    _,
    _l,
    clean,
)

from .method_files import CONTRIBUTOR_VIEWS, PHONE_TASKS, SPEAKERS, methods

MAX_TITLE = 80
MAX_LINE = 200
MAX_TEXT = 400
WIPED = ("cases", "tally", "ranking", "chosen", "contributor_name", "said")


def said(text: str) -> str:
    """A text from a method file, in the session's language (the catalog has the Dutch)."""
    return _(text)


def method_options():
    said_later = _l  # a text from a method file, translated when shown
    return [(key, said_later(m["title"])) for key, m in methods().items()]


class Intervision(WorkForm):
    name = "intervision"
    title = _l("Intervision")
    description = _l("A small group brings in cases, chooses one and works on it with one of six "
                     "intervision methods. Confidential: what is said is wiped when the session ends.")
    fields = [
        Choice("method", _l("Method"), options=method_options(), help=_l(
            "Leave it empty to choose the method with the group in the session, once the case "
            "is known.")),
        Boolean("choose_in_session", _l("Choose or change the method in the session"), help=_l(
            "The method above is then a suggestion the trainer can change before the phases "
            "start.")),
        Number("dots", _l("Dots per person"), minimum=1, maximum=5, default=2,
               help=_l("How many votes each phone gives when the group chooses a case.")),
        Repeat("phases", _l("Adapted phases"), item_label=_l("Phase"), help=_l(
            "Change a phase of the method by giving its key, or add one with a new key."), fields=[
            Text("key", _l("Key"), required=True, max_length=30),
            Text("title", _l("Title"), max_length=120),
            LongText("purpose", _l("Purpose"), max_length=400, rows=2),
            LongText("others", _l("What the others do"), max_length=400, rows=2),
            Number("minutes", _l("Suggested minutes"), minimum=1, maximum=120),
            Choice("speaks", _l("Who speaks"), options=[(s, s) for s in SPEAKERS]),
            Choice("phones", _l("What phones write"), options=[(t, t) for t in PHONE_TASKS]),
            Choice("contributor", _l("The contributor's phone"),
                   options=[(c, c) for c in CONTRIBUTOR_VIEWS]),
            Boolean("skip", _l("Leave this phase out")),
        ]),
    ]

    # -- configuration ---------------------------------------------------------------------------
    def validate_config(self, config: dict[str, Any]) -> dict[str, Any]:
        problems: list[Problem] = []
        method = config.get("method") or ""
        choose = bool(config.get("choose_in_session")) or not method
        if method and method not in methods():
            problems.append(Problem("method", _("Unknown method: %(method)s", method=method)))
        dots = config.get("dots", 2)
        if isinstance(dots, bool) or not isinstance(dots, int) or not 1 <= dots <= 5:
            problems.append(Problem("dots", _("Give a whole number from 1 to 5.")))
        phases = []
        known = {p["key"] for key, m in methods().items() if key == method or not method
                 for p in m["phases"]}
        for index, item in enumerate(config.get("phases") or []):
            where = f"phases[{index}]"
            if not isinstance(item, dict) or not str(item.get("key") or "").strip():
                problems.append(Problem(f"{where}.key", _("A phase needs a key.")))
                continue
            kept = {k: v for k, v in item.items() if v not in (None, "", False)}
            kept["key"] = str(kept["key"]).strip()
            if kept["key"] in ("cases", "choose", "consent", "close"):
                problems.append(Problem(f"{where}.key", _("This key is the work form's own.")))
            unknown = set(kept) - {"key", "title", "purpose", "others", "minutes", "speaks",
                                   "phones", "contributor", "skip"}
            if unknown:
                problems.append(Problem(where, _("Unknown: %(keys)s", keys=", ".join(sorted(unknown)))))
            for field, allowed in (("speaks", SPEAKERS), ("phones", PHONE_TASKS),
                                   ("contributor", CONTRIBUTOR_VIEWS)):
                if field in kept and kept[field] not in allowed:
                    problems.append(Problem(f"{where}.{field}", _("Choose one of the list.")))
            minutes = kept.get("minutes")
            if minutes is not None and (isinstance(minutes, bool) or not isinstance(minutes, int)
                                        or not 1 <= minutes <= 120):
                problems.append(Problem(f"{where}.minutes", _("Give a whole number from 1 to 120.")))
            if kept["key"] not in known and not kept.get("skip") and not (
                    kept.get("title") and kept.get("purpose")):
                problems.append(Problem(where, _("A new phase needs a title and a purpose.")))
            phases.append(kept)
        if problems:
            raise ConfigInvalid(problems)
        return {"method": method, "choose_in_session": choose, "dots": dots, "phases": phases}

    def phases(self, config: dict[str, Any]) -> list[dict[str, Any]]:
        """The method's phases with the scenario's changes applied (none before it is chosen)."""
        if not config.get("method"):
            return []
        result = [dict(p) for p in methods()[config["method"]]["phases"]]
        for change in config.get("phases") or []:
            here = next((p for p in result if p["key"] == change["key"]), None)
            if change.get("skip"):
                result = [p for p in result if p["key"] != change["key"]]
            elif here is not None:
                here.update({k: v for k, v in change.items() if k != "skip"})
            elif not (change.get("title") and change.get("purpose")):
                continue  # a change of another method's phase (the method is chosen live)
            else:
                result.append({"speaks": "group", "others": "", "minutes": 10, "phones": "none",
                               "contributor": "listen", "labels": [], **change})
        return result

    def plan(self, config: dict[str, Any]) -> list[Step]:
        steps = [Step("cases", _("Bring in a case"), ANONYMOUS, True),
                 Step("choose", _("Choose a case"), ANONYMOUS, True),
                 Step("consent", _("The contributor"), ANONYMOUS, True)]
        if config.get("choose_in_session"):
            steps.append(Step("method", _("Choose the method"), NAMED, False))
        for phase in self.phases(config):
            steps.append(Step(f"phase-{phase['key']}", said(phase["title"]), NAMED,
                              phase["phones"] != "none" or phase["contributor"] in ("choose",),
                              {**phase, "title": said(phase["title"])}))
        steps.append(Step("close", _("Close"), NAMED, True))  # only the contributor writes
        return steps

    def method(self, config: dict[str, Any]) -> dict[str, Any] | None:
        """The method in use; None while it is still to be chosen in the session."""
        return methods()[config["method"]] if config.get("method") else None

    def method_choices(self, view: StepView) -> list[dict[str, Any]]:
        """For the choice in the session: every method with its purpose, phases and time, with
        the scenario's changes applied; the one in use marked."""
        found = []
        for key, method in methods().items():
            phases = self.phases({**view.config, "method": key})
            found.append({"key": key, "title": said(method["title"]), "goal": said(method["goal"]),
                          "phases": [said(p["title"]) for p in phases],
                          "minutes": sum(p["minutes"] for p in phases),
                          "chosen": key == view.config.get("method")})
        return found

    # -- input ----------------------------------------------------------------------------------
    def accept(self, view: StepView, data: dict[str, Any], me) -> Contribution:
        key = view.step.key
        if key == "cases":
            title = clean(data.get("title"), limit=MAX_TITLE, label=_l("The case"))
            line = clean(data.get("line"), limit=MAX_LINE, required=False, label=_l("One line"))
            named = data.get("named") in ("yes", True, "on") and bool(me.name)
            return Contribution({"title": title, "line": line, "token": secrets.token_hex(8),
                                 "name": me.name if named else None}, slot=secrets.token_hex(6))
        if key == "choose":
            return Contribution({"votes": self._votes(view, data)})
        if key == "consent":
            self._check_token(view, data)
            if data.get("consent") not in ("yes", "no"):
                raise InputRejected(_("Choose yes or no."))
            return Contribution({"consent": data["consent"]})
        if key == "close":
            self._check_token(view, data)
            text = clean(data.get("takeaway"), limit=MAX_TEXT, multiline=True,
                         label=_l("What you take away"))
            return Contribution({"takeaway": text}, slot="takeaway")
        phase = view.step.item
        if data.get("action") == "pick":
            if phase["contributor"] != "choose":
                raise InputRejected(_("In this phase the contributor listens."))
            self._check_token(view, data)
            wanted = str(data.get("entry") or "")
            if wanted not in {str(e.id) for e in view.answers() if "text" in e.payload}:
                raise InputRejected(_("That question is no longer there."))
            return Contribution({"pick": wanted}, slot="pick")
        if phase["phones"] == "none":
            raise InputRejected(_("In this phase nothing is written; the group talks."))
        if self._is_contributor_token(view, data.get("token")):
            raise InputRejected(_("As the contributor you listen in this phase."))
        text = clean(data.get("text"), limit=MAX_TEXT, multiline=True, label=_l("Your text"))
        label = data.get("label") or None
        if label is not None and label not in phase.get("labels", []):
            raise InputRejected(_("Choose one of the list."))
        return Contribution({"text": text, "label": label, "held": False},
                            slot=secrets.token_hex(6))

    def _votes(self, view: StepView, data: dict[str, Any]) -> list[int]:
        ids = {case["id"] for case in view.state.get("cases", [])}
        raw = data.get("votes")
        raw = raw if isinstance(raw, list) else [raw] if raw not in (None, "") else []
        try:
            votes = [int(v) for v in raw]
        except (TypeError, ValueError):
            raise InputRejected(_("Choose among the cases.")) from None
        if not votes or any(v not in ids for v in votes):
            raise InputRejected(_("Choose among the cases."))
        if len(votes) > view.config["dots"]:
            raise InputRejected(_("You have %(n)d dots.", n=view.config["dots"]))
        return votes

    def _chosen(self, view: StepView) -> dict[str, Any] | None:
        return next((c for c in view.state.get("cases", []) if c["id"] == view.state.get("chosen")),
                    None)

    def _is_contributor_token(self, view: StepView, token: Any) -> bool:
        chosen = self._chosen(view)
        return bool(chosen and token and secrets.compare_digest(str(token), chosen["token"]))

    def _check_token(self, view: StepView, data: dict[str, Any]) -> None:
        if not self._is_contributor_token(view, data.get("token")):
            raise InputRejected(_("Only the contributor answers here."))

    # -- the trainer ----------------------------------------------------------------------------
    def act(self, view: StepView, action: str, data: dict[str, Any]) -> None:
        key = view.step.key
        if action == "use_method" and key == "method":
            method = data.get("method")
            if method not in methods():
                raise ActionRejected(_("Choose one of the methods."))
            if view.state.get("phases_begun") and method != view.config.get("method"):
                raise ActionRejected(_("The phases of this method have begun; it stays."))
            if method != view.config.get("method"):
                view.change_config({**view.config, "method": method})
            view.state["method_chosen"] = method
        elif action == "next_case" and key == "consent":
            ranking = view.state.get("ranking", [])
            here = view.state.get("chosen")
            later = ranking[ranking.index(here) + 1:] if here in ranking else []
            if not later:
                raise ActionRejected(_("There is no other case; ask the group to bring one in."))
            view.state["chosen"] = later[0]
            for entry in list(view.entries):
                view.remove(entry.id)
        elif action in ("hold", "release") and key.startswith("phase-"):
            if view.step.item["phones"] != "questions":
                raise ActionRejected(_("Only questions are held back."))
            entry = next((e for e in view.entries if str(e.id) == str(data.get("entry"))), None)
            if entry is None or "text" not in entry.payload:
                raise ActionRejected(_("That text is no longer there."))
            entry.payload["held"] = action == "hold"
        elif action in ("next_turn", "previous_turn") and key.startswith("phase-"):
            turn = int(view.data.get("turn", 1)) + (1 if action == "next_turn" else -1)
            view.data["turn"] = max(1, min(turn, self.turns(view)))
        elif action == "show_again" and key.startswith("phase-") and \
                view.step.item.get("shows"):
            view.data["shown_again"] = not view.data.get("shown_again")
        elif action == "to_plan" and key.startswith("phase-") and "said" in data:
            self._plan_said(view, data.get("said"))
        elif action == "to_plan" and key.startswith("phase-"):
            entry = next((e for e in view.entries if str(e.id) == str(data.get("entry"))), None)
            if entry is None or "text" not in entry.payload:
                raise ActionRejected(_("That text is no longer there."))
            if entry.payload.get("planned"):
                raise ActionRejected(_("This text is already in the team plan."))
            view.propose_agreement(NewAgreement(entry.payload["text"], "working_agreement"))
            entry.payload["planned"] = True
            view.state["outcomes"] = [*view.state.get("outcomes", []), "agreement"]
        elif action == "timer" and key.startswith("phase-"):
            view.data["timer"] = self._timer(view, data.get("do"))
        elif action == "decide" and key == "close":
            self._decide(view, data)
        else:
            raise ActionRejected(_("This action does not fit this step."))

    def _plan_said(self, view: StepView, index: Any) -> None:
        """The group puts a text of an earlier phase, shown again here, in the team plan."""
        shows = view.step.item.get("shows")
        said_here = dict(view.state.get("said") or {})
        items = list(said_here.get(shows) or []) if shows else []
        try:
            item = dict(items[int(index)])
        except (TypeError, ValueError, IndexError):
            raise ActionRejected(_("That text is no longer there.")) from None
        if item.get("planned"):
            raise ActionRejected(_("This text is already in the team plan."))
        view.propose_agreement(NewAgreement(item["text"], "working_agreement"))
        item["planned"] = True
        items[int(index)] = item
        said_here[shows] = items
        view.state["said"] = said_here
        view.state["outcomes"] = [*view.state.get("outcomes", []), "agreement"]

    def _decide(self, view: StepView, data: dict[str, Any]) -> None:
        outcome = data.get("outcome")
        if outcome not in ("agreement", "outside", "nothing"):
            raise ActionRejected(_("Choose what follows."))
        outcomes = list(view.state.get("outcomes", []))
        if outcome != "nothing":
            text = clean(data.get("text"), limit=2000, multiline=True, label=_l("The agreement"))
            owner = clean(data.get("owner"), limit=120, required=False, label=_l("Who")) or ""
            if outcome == "agreement":
                view.propose_agreement(NewAgreement(text, "working_agreement", owner,
                                                    data.get("due") or None))
            else:
                person = clean(data.get("outside_help"), limit=200, label=_l("Whom to approach"))
                view.propose_agreement(NewAgreement(text, "action", owner,
                                                    data.get("due") or None, person))
        outcomes.append(outcome)
        view.state["outcomes"] = outcomes

    EXTRA_SECONDS = 120

    def _timer(self, view: StepView, do: Any) -> dict[str, Any]:
        """The phase's countdown: start (or go on), pause, or two minutes more."""
        now = int(time.time())
        timer = dict(view.data.get("timer") or {})
        left = timer.get("left", view.step.item["minutes"] * 60)
        running = timer.get("running", False)
        if running:
            left = max(0, int(timer["deadline"]) - now)
        if do == "start":
            running = True
        elif do == "pause":
            running = False
        elif do == "extend":
            left += self.EXTRA_SECONDS
        else:
            raise ActionRejected(_("This action does not fit this step."))
        return {"left": left, "running": running, "deadline": now + left if running else None}

    def clock(self, view: StepView) -> dict[str, Any]:
        """For the templates: the countdown as it stands, and the server's time now."""
        timer = view.data.get("timer") or {}
        now = int(time.time())
        left = timer.get("left", view.step.item.get("minutes", 0) * 60)
        if timer.get("running"):
            left = max(0, int(timer["deadline"]) - now)
        return {"running": bool(timer.get("running")), "deadline": timer.get("deadline"),
                "now": now, "left": left, "shown": f"{left // 60}:{left % 60:02d}",
                "started": bool(timer)}

    def turns(self, view: StepView) -> int:
        """How many turns a round has: everyone but the contributor."""
        return max(1, len(view.participants) - 1)

    # -- moving on ------------------------------------------------------------------------------
    def leave(self, view: StepView) -> None:
        key = view.step.key
        if key.startswith("phase-"):
            view.state["phases_begun"] = True
            self._carry_texts(view)
        elif key == "cases":
            view.state["cases"] = [{"id": e.id, "title": e.payload["title"],
                                    "line": e.payload.get("line", ""), "token": e.payload["token"],
                                    "name": e.payload.get("name")}
                                   for e in view.answers()]
        elif key == "choose":
            tally = Counter(v for e in view.answers() for v in e.payload["votes"])
            order = [c["id"] for c in view.state.get("cases", [])]
            ranking = sorted(order, key=lambda i: (-tally[i], order.index(i)))
            view.state["tally"] = {str(i): tally[i] for i in order}
            view.state["ranking"] = ranking
            view.state["chosen"] = ranking[0] if ranking else None
        elif key == "consent":
            chosen = self._chosen(view)
            view.state["consented"] = any(e.payload.get("consent") == "yes" for e in view.answers())
            view.state["contributor_name"] = chosen["name"] if chosen and view.state[
                "consented"] else None

    def _carry_texts(self, view: StepView) -> None:
        """What the group wrote in a phase, for a later phase that ``shows`` it (the observers
        report, the team picks its approach from the success factors); held-back questions stay
        out. The screen shows them there once the trainer says so (``show_again``), as a reveal.
        Wiped with the rest when the session ends."""
        phase = view.step.item
        if phase["phones"] == "none":
            return
        said_here = dict(view.state.get("said") or {})
        picks = {e.payload["pick"] for e in view.answers() if "pick" in e.payload}
        said_here[phase["key"]] = [
            {"text": e.payload["text"], "label": e.payload.get("label"),
             "planned": bool(e.payload.get("planned")), "picked": str(e.id) in picks}
            for e in view.answers() if "text" in e.payload and not e.payload.get("held")]
        view.state["said"] = said_here

    def shown_again(self, view: StepView, role: str = "console") -> dict[str, Any] | None:
        """For the templates: the earlier phase this one ``shows``, with its texts; on the
        screen and the phones only once the trainer showed them here."""
        if role != "console" and not view.data.get("shown_again"):
            return None
        shows = (view.step.item or {}).get("shows")
        items = (view.state.get("said") or {}).get(shows) if shows else None
        if not items:
            return None
        title = next((p["title"] for p in self.phases(view.config) if p["key"] == shows), shows)
        phones = next((p["phones"] for p in self.phases(view.config) if p["key"] == shows), "")
        return {"title": said(title), "phones": phones, "texts": [
            {"index": index, "text": item["text"], "planned": item.get("planned", False),
             "picked": item.get("picked", False),
             "label": said(item["label"]) if item.get("label") else ""}
            for index, item in enumerate(items)]}

    def session_ended(self, view: StepView) -> None:
        """What was said does not outlive the session: the texts, the cases, who brought them,
        and the trainer's discussion notes (what the group keeps goes to the team plan)."""
        for entry in list(view.entries):
            view.remove(entry.id)
        view.data.clear()
        view.notes = ""
        for key in WIPED:
            view.state.pop(key, None)
        view.state["wiped"] = True

    # -- what the views show --------------------------------------------------------------------
    def consent(self, view: StepView) -> str | None:
        """"yes", "no" or None: the contributor's answer at the consent step (not a tally)."""
        answers = [e.payload["consent"] for e in view.answers() if "consent" in e.payload]
        return answers[-1] if answers else None

    def chosen(self, view: StepView) -> dict[str, Any] | None:
        """The chosen case's title and line, without its token."""
        chosen = self._chosen(view)
        return {"title": chosen["title"], "line": chosen["line"]} if chosen else None

    def contributor_name(self, view: StepView) -> str | None:
        return view.state.get("contributor_name") if view.named_session else None

    def cases(self, view: StepView) -> list[dict[str, Any]]:
        return [{"id": c["id"], "title": c["title"], "line": c["line"]}
                for c in view.state.get("cases", [])]

    def speaker(self, view: StepView) -> str:
        return {"contributor": _("The contributor"), "group": _("The group, one at a time"),
                "in_turn": _("Everyone in turn, starting left of the contributor"),
                "inner_circle": _("The inner circle")}[view.step.item["speaks"]]

    def results(self, view: StepView) -> dict[str, Any]:
        key = view.step.key
        if key == "cases":
            return {"cases": [{"title": e.payload["title"], "line": e.payload.get("line", "")}
                              for e in view.answers()], "count": len(view.answers())}
        if key == "choose":
            tally = Counter(v for e in view.answers() for v in e.payload["votes"])
            return {"tally": [(c["title"], tally[c["id"]]) for c in view.state.get("cases", [])],
                    "count": len(view.answers())}
        if key == "close":
            return {"takeaways": [e.payload["takeaway"] for e in view.answers()
                                  if "takeaway" in e.payload]}
        if key == "consent":
            return {}
        picks = {e.payload["pick"] for e in view.answers() if "pick" in e.payload}
        texts = [{"id": e.id, "text": e.payload["text"], "held": e.payload.get("held", False),
                  "label": said(e.payload["label"]) if e.payload.get("label") else "",
                  "picked": str(e.id) in picks, "planned": e.payload.get("planned", False)}
                 for e in view.answers() if "text" in e.payload]
        return {"texts": texts, "shown": [t for t in texts if not t["held"]],
                "count": len(texts)}

    def phone_context(self, view: StepView, me, mine) -> dict[str, Any]:
        key = view.step.key
        own_cases = {e.payload.get("token") for e in view.mine_at("cases")} if key != "cases" \
            else set()
        chosen = self._chosen(view)
        token = chosen["token"] if chosen and chosen["token"] in own_cases else None
        contributor = bool(token) and (key == "consent" or any(
            e.payload.get("consent") == "yes" for e in view.mine_at("consent")))
        context: dict[str, Any] = {"token": token if (key == "consent" or contributor) else None,
                                   "contributor": contributor and key != "consent",
                                   "owner": bool(token) and key == "consent"}
        if key == "cases":
            context["mine"] = [e.payload["title"] for e in mine if "title" in e.payload]
        elif key == "choose":
            votes = [v for e in mine for v in e.payload.get("votes", [])]
            context["votes"] = votes
        elif key.startswith("phase-"):
            context["mine"] = [(said(e.payload["label"]) + ": " if e.payload.get("label") else "")
                               + e.payload["text"] for e in mine if "text" in e.payload]
        elif key == "close":
            context["shared"] = any("takeaway" in e.payload for e in mine)
        return context

    def visibility_note(self, view: StepView) -> str | None:
        """Confidential by design: the phone says so before anything is typed."""
        key = view.step.key
        if key == "cases":
            return _("Without your name: only your own phone knows the case is yours.")
        if key == "choose":
            return _("Anonymous: nobody sees where you put your dots.")
        if key == "consent":
            return _("Only the person who brought the case in answers here; a no stays unknown "
                     "to the group.")
        if key == "close":
            return _("What you take away stays on your phone unless you share it.")
        return _("For this group only; wiped when the session ends.")

    def notes_note(self, view: StepView) -> str | None:
        return _("Confidential: these notes are wiped when the session ends, like everything "
                 "said in the round. What the group wants to keep: record it below as an "
                 "agreement for the team plan.")

    def console_primary(self, view: StepView) -> str | None:
        """One primary action per state: the consent, the next turn, reveal, the decision."""
        key = view.step.key
        if key == "consent":
            answer = self.consent(view)
            return "next" if answer == "yes" else "next_case" if answer == "no" else ""
        if key == "close":
            return "" if view.state.get("outcomes") else "decide"
        if key == "method":
            return "next" if view.state.get("method_chosen") else "use_method"
        if key.startswith("phase-"):
            phase = view.step.item
            if phase["speaks"] == "in_turn" and int(view.data.get("turn", 1)) < self.turns(view):
                return "next_turn"
            if phase["phones"] != "none" and view.answers() and not view.revealed:
                return "reveal"
            if self.shown_again(view) and not view.data.get("shown_again"):
                return "show_again"
            return "next"
        return None

    def offers_pass(self, view: StepView, me) -> bool:
        """Where phones write; not to the contributor, who listens, nor at the consent and the
        close (there only the contributor answers, and not answering is their choice)."""
        key = view.step.key
        if key in ("consent", "close", "method"):
            return False
        if key.startswith("phase-"):
            return view.step.item["phones"] != "none" and \
                not self.phone_context(view, me, [])["contributor"]
        return True

    # -- report: the method, its phases and what followed; never what was said -------------------
    def report(self, view: StepView) -> dict[str, Any]:
        """At the close: the method, its phases and how many agreements and follow-ups came of
        it (the agreements themselves are in the team plan). Never what was said."""
        if view.step.key != "close":
            return {"paragraphs": [], "tables": []}
        method = self.method(view.config)
        counts = Counter(view.state.get("outcomes", []))
        return {"paragraphs": [
            _("Method: %(method)s (%(goal)s).", method=said(method["title"]),
              goal=said(method["goal"])) if method else _("No method was chosen."),
            *([_("The method was chosen in the session.")]
              if view.state.get("method_chosen") else []),
            _("Confidential: what was said is not kept."),
            _("Agreements for the team plan: %(n)d.", n=counts["agreement"]),
            _("Follow-ups with someone outside the group: %(n)d.", n=counts["outside"])],
            "tables": [{"caption": _("Phases"),
                        "headers": [_("Phase"), _("Purpose"), _("Suggested minutes")],
                        "rows": [[said(p["title"]), said(p["purpose"]), str(p["minutes"])]
                                 for p in self.phases(view.config)]}]}

"""A small work form for the language tests, outside ``plugins/``, as a third party writes one:
its own Dutch catalog in ``translations/``, a lazy title and lazy step titles, translated text
from ``results``, ``phone_context``, ``report`` and a refusal."""

from facilitator import (
    ActionRejected,
    Contribution,
    InputRejected,
    NewAgreement,
    Step,
    WorkForm,
    _,
    _l,
    hookimpl,
    ngettext,
    pgettext,
)


class Tally(WorkForm):
    name = "tally"
    title = _l("Show of hands")

    def plan(self, config):
        return [Step(key="hands", title=_l("Hands up if you agree")),
                Step(key="again", title=_("Once more, after the talk"))]

    def accept(self, view, data, me):
        if data.get("hand") not in ("up", "down"):
            raise InputRejected(_("Raise your hand or keep it down."))
        return Contribution({"hand": data["hand"]})

    def results(self, view):
        up = sum(1 for e in view.answers() if e.payload["hand"] == "up")
        return {"summary": ngettext("%(num)d hand up", "%(num)d hands up", up),
                "label": pgettext("hands counted", "Counted")}

    def phone_context(self, view, me, mine):
        return {"hint": _("Raise your hand if you agree.")}

    def act(self, view, action, data):
        """Lazy text where the contract takes text: a refusal, the state, an agreement."""
        if action != "agree":
            raise ActionRejected(_l("Only agreeing is possible here."))
        view.state["last"] = _l("Agreed by a show of hands")
        view.propose_agreement(NewAgreement(_l("We count hands at every meeting"), kind="action"))

    def report(self, view):
        return {"paragraphs": [self.results(view)["summary"]],
                "tables": [{"caption": _l("Hands"), "headers": [_("Hand")], "rows": [["-"]]}]}


@hookimpl
def register_work_forms():
    return [Tally]

"""The safety thermometer: a third-party work form, as a plugin author outside facilitator writes
one, with its own Dutch catalog (``translations/``), a lazy title, and a ``track_event`` that
raises (its statistics server is down), to show that such a hook never stops a session.

Everyone says how safe they feel at work, from 1 (very unsafe) to 5 (very safe); once revealed,
the shared screen shows how many chose each.
"""

from facilitator import Contribution, InputRejected, Step, Table, WorkForm, _, _l, hookimpl

__version__ = "1.0.0"

FEELINGS = {1: _l("very unsafe"), 2: _l("unsafe"), 3: _l("neutral"), 4: _l("safe"),
            5: _l("very safe")}


class Thermometer(WorkForm):
    name = "thermometer"
    title = _l("Safety thermometer")
    description = _l("Everyone says how safe they feel at work, from 1 to 5.")

    def plan(self, config):
        return [Step(key="feel", title=config.get("question") or "?")]

    def accept(self, view, data, me):
        try:
            score = int(data.get("score"))
        except (TypeError, ValueError):
            score = 0
        if score not in FEELINGS:
            raise InputRejected(_("Choose a number from 1 to 5."))
        return Contribution({"score": score})

    def results(self, view):
        scores = [e.payload["score"] for e in view.answers()]
        return {"count": len(scores), "label": _("How we feel"),
                "rows": [(score, str(feeling), scores.count(score))
                         for score, feeling in FEELINGS.items()]}

    def report(self, view):
        found = self.results(view)
        return {"paragraphs": [], "tables": [Table(
            caption=found["label"], headers=[_("Feeling"), _("How many")],
            rows=[[feeling, str(n)] for _score, feeling, n in found["rows"]])]}


class StatisticsServerDown(RuntimeError):
    pass


@hookimpl
def register_work_forms():
    return [Thermometer]


@hookimpl
def track_event(event, workshop_id, detail):
    raise StatisticsServerDown(f"could not count {event}")

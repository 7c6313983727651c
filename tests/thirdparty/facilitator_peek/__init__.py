"""A work form whose screen template tries to read the results itself, before any reveal: the
host's privacy gate must stop it (see tests/test_lifecycle.py)."""

from facilitator import Contribution, Step, WorkForm, hookimpl


class Peek(WorkForm):
    name = "peek"
    title = "Peek"

    def plan(self, config):
        return [Step(key="word", title="A word")]

    def accept(self, view, data, me):
        return Contribution({"word": str(data.get("word", ""))[:30]})

    def results(self, view):
        return {"words": sorted(e.payload["word"] for e in view.answers())}


@hookimpl
def register_work_forms():
    return [Peek]

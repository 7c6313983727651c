"""One word: everyone sums up how they feel in one word; the screen shows the words that came up.

A complete third-party work form in one file, used by facilitator's own tests and docs.
"""

from collections import Counter

from facilitator import Contribution, Step, WorkForm, _l, clean, hookimpl

__version__ = "1.0.0"


class OneWord(WorkForm):
    name = "oneword"
    title = _l("One word")

    def plan(self, config):
        return [Step(key="word", title=config.get("question", "In one word?"))]

    def accept(self, view, data, me):
        word = clean(data.get("word"), limit=30, label=_l("Your word")).lower()
        return Contribution({"word": word})

    def results(self, view):
        counts = Counter(e.payload["word"] for e in view.answers())
        return {"words": counts.most_common(), "count": sum(counts.values())}


@hookimpl
def register_work_forms():
    return [OneWord]

"""A work form changes its activity's configuration for the rest of a session
(``view.change_config``), and its step's discussion notes (``view.notes``): the host validates the
new configuration, plans the steps anew, keeps the steps the group passed, refuses to take out a
step the group has been at, and stores nothing of a refused call. Live, on real rows."""

from __future__ import annotations

import types

from facilitator import (
    ActionRejected,
    ConfigInvalid,
    Problem,
    Step,
    StepView,
    WorkForm,
    hookimpl,
)
from facilitator.testing import LiveSession


class Rounds(WorkForm):
    """A number of rounds, set in the session ("rounds"), then a close."""

    name = "rounds"
    title = "Rounds"

    def validate_config(self, config):
        rounds = config.get("rounds", 1)
        if not isinstance(rounds, int) or not 1 <= rounds <= 5:
            raise ConfigInvalid([Problem("rounds", "From 1 to 5 rounds.")])
        return {"rounds": rounds}

    def plan(self, config):
        return [Step("start", "Start", takes_input=False),
                *[Step(f"r{n}", f"Round {n}", takes_input=False)
                  for n in range(1, config["rounds"] + 1)],
                Step("close", "Close", takes_input=False)]

    def act(self, view: StepView, action, data):
        if action == "rounds":
            view.state["asked"] = view.state.get("asked", 0) + 1
            view.change_config({"rounds": data.get("n")})
        elif action == "forget_notes":
            view.notes = ""
        else:
            raise ActionRejected("No.")


plugin = types.ModuleType("facilitator_rounds")
plugin.register_work_forms = hookimpl(lambda: [Rounds])


def rows(session):
    from facilitator.extensions import db
    from facilitator.sessions.models import Activity, StepState

    with session.app.app_context():
        found = ([r.key for r in db.session.query(StepState).order_by(StepState.position)],
                 db.session.query(Activity).one().state.get("asked", 0),
                 [r.notes for r in db.session.query(StepState).order_by(StepState.position)])
        db.session.remove()
    return found


def test_the_plan_follows_a_configuration_changed_in_the_session(tmp_path):
    session = LiveSession({"activities": [{"type": "rounds", "config": {"rounds": 1}}]},
                          folder=tmp_path, plugins=[plugin])
    trainer = session.trainer
    assert trainer.do("start")["ok"]
    assert trainer.do("rounds", n=3)["ok"]
    assert rows(session)[0] == ["start", "r1", "r2", "r3", "close"]
    assert "Round 3" in trainer.html  # the console's outline
    refused = trainer.do("rounds", n=9)
    assert refused == {"ok": False, "error": "From 1 to 5 rounds."}
    assert rows(session)[1] == 1  # nothing of the refused call was kept

    assert trainer.do("next")["ok"] and trainer.do("next")["ok"]  # the group was at r1 and r2
    assert trainer.do("goto", position=0)["ok"]
    refused = trainer.do("rounds", n=1)
    assert not refused["ok"] and "al bij een stap geweest" in refused["error"]
    assert trainer.do("rounds", n=2)["ok"]  # r3 was never entered: it may go
    assert rows(session)[0] == ["start", "r1", "r2", "close"]
    assert session.trainer.meta["total"] == 4


def test_the_steps_the_group_passed_stay_as_they_were(tmp_path):
    session = LiveSession({"activities": [{"type": "rounds", "config": {"rounds": 2}}]},
                          folder=tmp_path, plugins=[plugin])
    trainer = session.trainer
    assert trainer.do("start")["ok"] and trainer.do("next")["ok"] and trainer.do("next")["ok"]
    refused = trainer.do("rounds", n=1)  # at r2: it would vanish under the group's feet
    assert not refused["ok"] and "al voorbij is" in refused["error"]
    assert rows(session)[0] == ["start", "r1", "r2", "close"]


def test_a_work_form_changes_the_notes_of_its_step(tmp_path):
    session = LiveSession({"activities": [{"type": "rounds", "config": {}}]},
                          folder=tmp_path, plugins=[plugin])
    trainer = session.trainer
    assert trainer.do("start")["ok"]
    assert trainer.do("notes", step="start", notes="Wie zei wat")["ok"]
    assert rows(session)[2][0] == "Wie zei wat"
    assert trainer.do("forget_notes")["ok"]
    assert rows(session)[2][0] == ""

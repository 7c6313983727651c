"""A harness to run a work form on plain data, without a database or a server.

    bench = Bench(Statements(), {"statements": [{"text": "..."}]})
    bench.answer(1, {"choice": "agree"})
    bench.results()  # what the console would show

Plugin tests use it to check their rules quickly; the host is not involved.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .workform import Contribution, Entry, Participant, StepView, WorkForm


class Bench:
    def __init__(self, form: WorkForm, config: dict[str, Any], *, participants: int = 0,
                 named: bool = False, minimum_group: int = 3):
        self.form = form
        self.config = form.validate_config(config)
        self.steps = form.plan(self.config)
        self.position = 0
        self.state: dict[str, Any] = {}
        self.data: dict[str, dict[str, Any]] = {s.key: {} for s in self.steps}
        self.entries: dict[str, list[Entry]] = {s.key: [] for s in self.steps}
        self.named = named
        self.minimum_group = minimum_group
        self.status: dict[str, str] = {s.key: "open" for s in self.steps}
        self.revealed: dict[str, bool] = {s.key: False for s in self.steps}
        self.participants = [Participant(i, f"P{i}" if named else None, True)
                             for i in range(1, participants + 1)]
        self._next_id = 1
        self.arrived = False

    # -- moving --------------------------------------------------------------------------------
    @property
    def step(self):
        return self.steps[self.position]

    def go(self, key_or_index) -> StepView:
        if isinstance(key_or_index, int):
            target = key_or_index
        else:
            target = [s.key for s in self.steps].index(key_or_index)
        if self.arrived and target != self.position:
            view = self.view()
            self.form.leave(view)
            self._keep(view)
        self.position = target
        if not self.arrived:
            self.arrived = True
            view = self.view()
            self.form.arrive(view)
            self._keep(view)
        return self.view()

    def join(self, participant_id: int | None = None) -> Participant:
        participant_id = participant_id or len(self.participants) + 1
        me = Participant(participant_id, f"P{participant_id}" if self.named else None, True)
        self.participants.append(me)
        if self.arrived:
            view = self.view()
            self.form.participant_joined(view, me)
            self._keep(view)
        return me

    def view(self, viewer: int | None = None) -> StepView:
        key = self.step.key
        entries = [replace(e, mine=viewer is not None and e.participant_id == viewer)
                   for e in self.entries[key]]
        return StepView(
            activity_id=1, activity_title="activity", config=self.config, state=dict(self.state),
            step=self.step, data=dict(self.data[key]), status=self.status[key],
            revealed=self.revealed[key], entries=entries, participants=list(self.participants),
            named_session=self.named, minimum_group=self.minimum_group,
            earlier=None if viewer is None else lambda step_key: [
                replace(e, mine=True) for e in self.entries.get(step_key, [])
                if e.participant_id == viewer])

    def _keep(self, view: StepView) -> None:
        key = self.step.key
        self.state = dict(view.state)
        self.data[key] = dict(view.data)
        by_id = {e.id: e for e in view.entries}
        self.entries[key] = [by_id[e.id] for e in self.entries[key]
                             if e.id in by_id and e.id not in view.removed]
        for added in view.added:
            self._put(key, "trainer", added, None)

    # -- participants --------------------------------------------------------------------------
    def answer(self, participant_id: int, data: dict[str, Any] | None = None, *,
               passing: bool = False) -> Entry:
        """Put in an answer as the host would (raises InputRejected like the host)."""
        view = self.view(participant_id)
        me = next((p for p in self.participants if p.id == participant_id),
                  Participant(participant_id, None, True))
        contribution = Contribution({"pass": True}) if passing else \
            self.form.accept(view, data or {}, me)
        return self._put(self.step.key, f"p{participant_id}", contribution, participant_id)

    def _put(self, key, author, contribution: Contribution, participant_id) -> Entry:
        for entry in self.entries[key]:
            if entry.author == author and entry.slot == contribution.slot:
                entry.payload = dict(contribution.payload)
                return entry
        entry = Entry(self._next_id, author, contribution.slot, dict(contribution.payload),
                      participant_id, f"P{participant_id}" if self.named and participant_id
                      else None)
        self._next_id += 1
        self.entries[key].append(entry)
        return entry

    # -- trainer -------------------------------------------------------------------------------
    def act(self, action: str, data: dict[str, Any] | None = None) -> StepView:
        view = self.view()
        self.form.act(view, action, data or {})
        self._keep(view)
        return view

    def results(self) -> dict[str, Any]:
        return self.form.results(self.view())

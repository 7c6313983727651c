"""A work form made of phases: a fixed row of steps, each its own class.

Where a work form's steps each do something of their own (collect, cluster, vote...), each step
can be a ``Phase`` and the work form a ``PhasedWorkForm``: it plans one step per phase and hands
every call to the phase the group is at. A phase overrides only what it does. See
``docs/plugins.md``, "A work form made of phases", for an example.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Any, ClassVar

from .workform import (
    ANONYMOUS,
    ActionRejected,
    Contribution,
    Entry,
    InputRejected,
    Participant,
    Step,
    StepView,
    WorkForm,
    _,
)


class Phase(ABC):
    """One step of a ``PhasedWorkForm``; the defaults take no input, have no action and report
    nothing. The step's title is its number and ``title()``: "3. Vote"."""

    key: ClassVar[str] = ""
    number: ClassVar[int] = 0
    visibility: ClassVar[str] = ANONYMOUS
    takes_input: ClassVar[bool] = True

    @abstractmethod
    def title(self) -> str:
        """The phase's name in the language in force, without its number."""

    def step(self, config: dict[str, Any]) -> Step:
        """The planned step; ``item`` holds the phase's ``number``."""
        return Step(key=self.key, title=_("%(n)d. %(title)s", n=self.number, title=self.title()),
                    visibility=self.visibility, takes_input=self.takes_input,
                    item={"number": self.number})

    def accept(self, view: StepView, data: dict[str, Any], me: Participant) -> Contribution:
        raise InputRejected(_("This step takes no input."))

    def act(self, view: StepView, action: str, data: dict[str, Any]) -> None:
        raise ActionRejected(_("This step has no action %(action)s.", action=action))

    def leave(self, view: StepView) -> None:
        """Carry what the phase gathered into ``view.state`` for the phases after it."""

    def participant_joined(self, view: StepView, me: Participant) -> None:
        pass

    def results(self, view: StepView) -> dict[str, Any]:
        return {}

    def report(self, view: StepView) -> dict[str, Any]:
        return {"paragraphs": [], "tables": []}

    def phone_context(self, view: StepView, me: Participant, mine: list[Entry]) -> dict[str, Any]:
        return {}

    def primary(self, view: StepView) -> str | None:
        """The console's primary action, as ``WorkForm.console_primary``; None: the host's."""
        return None


class PhasedWorkForm(WorkForm):
    """A work form whose steps are its ``phases``, in order; each call goes to the phase the
    group is at (``at``). The session report adds the trainer's discussion notes to a phase's
    report; ``open_point`` says what a phase the trainer set aside puts in the team plan."""

    phases: ClassVar[Sequence[Phase]] = ()

    def plan(self, config: dict[str, Any]) -> list[Step]:
        return [phase.step(config) for phase in self.phases]

    def at(self, view: StepView) -> Phase:
        """The phase the group is at (templates may use it for that phase's own helpers)."""
        return next(phase for phase in self.phases if phase.key == view.step.key)

    def open_point(self, view: StepView) -> str | None:
        """The open point for the team plan while the trainer sets this step aside; None: none."""
        return None

    def accept(self, view, data, me):
        return self.at(view).accept(view, data, me)

    def act(self, view, action, data):
        self.at(view).act(view, action, data)

    def leave(self, view):
        self.at(view).leave(view)
        point = self.open_point(view)
        if point is not None:
            view.keep_open_point(point)

    def participant_joined(self, view, me):
        self.at(view).participant_joined(view, me)

    def results(self, view):
        return self.at(view).results(view)

    def report(self, view):
        report = self.at(view).report(view)
        if view.notes:
            report = {**report, "paragraphs": [*report["paragraphs"], view.notes]}
        return report

    def phone_context(self, view, me, mine):
        return self.at(view).phone_context(view, me, mine)

    def console_primary(self, view):
        return self.at(view).primary(view)

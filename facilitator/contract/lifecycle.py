"""A work form's life in a session: what the host hands it at each moment, and what it takes back.

The live host (``workshops``, ``participation``, ``answers``, ``snapshots``) and the test harness
(``facilitator.testing``) both go through these functions, so that a work form tested on the bench
meets the same rules in a live session:

- **The state rule.** A work form gets its own copy of the activity's ``state``, the step's
  ``data`` and every entry's payload, as they come back from storage (JSON: tuples become lists,
  keys become strings). It may change that copy freely in ``arrive``, ``participant_joined``,
  ``act`` and ``leave``; what it leaves in the view when the call returns is what the host stores
  (``Changes``). Nothing kept from an earlier call is ever seen again. The same holds for the
  step's discussion ``notes`` and for a new configuration asked for with ``change_config``.
- **Pass handling.** A "Pass" goes to ``accept_pass``, any other input to ``accept``; both may
  refuse with ``InputRejected``.
- **The privacy gate.** Templates get results only from here: the console always, the shared
  screen and the phones only once the trainer revealed the step and, for an anonymous step, when
  at least the minimum group answered (``results_for``). Templates get the work form through
  ``TemplateForm``, which has no ``results`` or ``report``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..i18n import _, as_json_text
from .workform import (
    ANONYMOUS,
    Contribution,
    InputRejected,
    NewAgreement,
    Participant,
    StatusChange,
    StepView,
    WorkForm,
)

CONSOLE, SCREEN, PHONE = "console", "screen", "phone"
ROLES = (PHONE, SCREEN, CONSOLE)


class NotStorable(TypeError):
    """A work form left something in the view that cannot be stored (it is not JSON)."""


def _text(value: Any, what: str, form: WorkForm | None = None) -> str:
    try:
        return json.dumps(value, sort_keys=True, ensure_ascii=False, default=as_json_text)
    except (TypeError, ValueError) as wrong:
        name = form.name if form is not None else "a work form"
        raise NotStorable(f"{name}: {what} cannot be stored as JSON ({wrong}); keep plain dicts, "
                          f"lists, strings, numbers, booleans and None there") from None


def handed(value: Any, what: str = "the state", form: WorkForm | None = None) -> Any:
    """The copy a work form gets of stored data: as storage gives it back (the state rule)."""
    return json.loads(_text(value, what, form)) if value is not None else None


@dataclass
class Changes:
    """What a work form left in a view when a call returned: what the host stores."""

    state: dict[str, Any]
    data: dict[str, Any]
    payloads: dict[int, dict[str, Any]] = field(default_factory=dict)  # entry id -> new payload
    removed: list[int] = field(default_factory=list)
    added: list[Contribution] = field(default_factory=list)
    agreements: list[NewAgreement] = field(default_factory=list)
    withdrawn: list[NewAgreement] = field(default_factory=list)
    statuses: list[StatusChange] = field(default_factory=list)
    config: dict[str, Any] | None = None  # the activity's new configuration (``change_config``)
    notes: str | None = None  # the step's discussion notes, when the work form changed them

    def leave_as_they_were(self, state: dict[str, Any], data: dict[str, Any]) -> bool:
        """Whether storing these would change nothing: the same state and data as ``state`` and
        ``data`` (as stored), and nothing else asked for."""
        return (self.state == state and self.data == data and self.config is None
                and self.notes is None and not (self.payloads or self.removed or self.added
                                                or self.agreements or self.withdrawn
                                                or self.statuses))


def _before(view: StepView) -> dict[int, str]:
    """The entries' payloads as text before a work form's call, to see afterwards which it
    changed. Entries the host reads only when someone looks at them (``when_made``) are noted
    when they are read, if the call looks at them at all."""
    before: dict[int, str] = {}

    def note(entries) -> None:
        before.update((e.id, _text(e.payload, "an entry's payload")) for e in entries)

    if (when_made := getattr(view.entries, "when_made", None)) is not None:
        when_made(note)
    else:
        note(view.entries)
    return before


def _taken_back(form: WorkForm, view: StepView, before: dict[int, str],
                notes: str | None = None) -> Changes:
    payloads = {}
    for entry in view.entries if getattr(view.entries, "made", True) else ():
        now = _text(entry.payload, "an entry's payload", form)
        if entry.id in before and now != before[entry.id]:
            payloads[entry.id] = json.loads(now)
    return Changes(
        state=handed(view.state or {}, "the state", form),
        data=handed(view.data or {}, "the step's data", form),
        payloads=payloads, removed=list(view.removed),
        added=[Contribution(handed(a.payload, "an added entry", form), a.slot) for a in view.added],
        agreements=list(view.agreements), withdrawn=list(view.withdrawn),
        statuses=list(view.statuses),
        config=handed(view.new_config, "the new config", form),
        notes=str(view.notes or "") if notes is not None and view.notes != notes else None)


# -- the moments of a work form's life ------------------------------------------------------------

def arrive(form: WorkForm, view: StepView) -> Changes:
    """The group first enters the activity (``view`` is the step it enters)."""
    before, notes = _before(view), view.notes
    form.arrive(view)
    return _taken_back(form, view, before, notes)


def joined(form: WorkForm, view: StepView, me: Participant) -> Changes:
    """Someone joins while the activity runs."""
    before, notes = _before(view), view.notes
    form.participant_joined(view, me)
    return _taken_back(form, view, before, notes)


def act(form: WorkForm, view: StepView, action: str, data: Any) -> Changes:
    """A trainer action that is not the host's own."""
    before, notes = _before(view), view.notes
    form.act(view, action, data if isinstance(data, dict) else {})
    return _taken_back(form, view, before, notes)


def leave(form: WorkForm, view: StepView) -> Changes:
    """The group moves on from this step, or the session ends at it."""
    before, notes = _before(view), view.notes
    form.leave(view)
    return _taken_back(form, view, before, notes)


def ended(form: WorkForm, view: StepView) -> Changes:
    """The trainer ended the session; called for every step of an activity the group entered."""
    before, notes = _before(view), view.notes
    form.session_ended(view)
    return _taken_back(form, view, before, notes)


def contribution(form: WorkForm, view: StepView, me: Participant, data: Any, *,
                 passing: bool = False) -> Contribution:
    """What the work form makes of a participant's input, or of a pass (which it may refuse)."""
    if passing:
        taken = form.accept_pass(view, me)
    else:
        if not isinstance(data, dict):
            raise InputRejected(_("Please fill in the form."))
        taken = form.accept(view, data, me)
    if not isinstance(taken, Contribution) or not isinstance(taken.payload, dict):
        raise TypeError(f"{form.name}: accept and accept_pass return a Contribution, not {taken!r}")
    return Contribution(handed(taken.payload, "an answer's payload", form), str(taken.slot or ""))


def offers_pass(form: WorkForm, view: StepView, me: Participant) -> bool:
    return bool(form.offers_pass(view, me))


# -- the privacy gate -----------------------------------------------------------------------------

def enough(view: StepView) -> bool:
    """Aggregates of an anonymous step are not shown for groups below the minimum size."""
    if view.step.visibility != ANONYMOUS:
        return True
    return len(view.answers()) >= view.minimum_group


def shown(view: StepView, role: str) -> bool:
    """Whether ``role`` may see the step's results now."""
    if role == CONSOLE:
        return True
    return view.revealed and enough(view)


def results_for(form: WorkForm, view: StepView, role: str, computed: Any = None) -> Any:
    """The results ``role``'s templates get: None until revealed and below the minimum group
    (except on the console). ``computed`` is ``form.results(view)`` when the caller has it."""
    if not shown(view, role):
        return None
    return computed if computed is not None else form.results(view)


#: What a template may not call on a work form: the host's moments, and results only through the
#: gate (the template variable ``results``).
HIDDEN_FROM_TEMPLATES = frozenset({
    "results", "report", "accept", "accept_pass", "act", "arrive", "leave", "participant_joined",
    "validate_config", "plan"})


class NotForTemplates(RuntimeError):
    """A template asked the work form for what only the host hands out (results, a report)."""


class TemplateForm:
    """A work form as its templates see it: everything but results, reports and the moments the
    host calls. ``form.results(view)`` in a template is an error; use ``results``."""

    __slots__ = ("_form",)

    def __init__(self, form: WorkForm):
        object.__setattr__(self, "_form", form)

    def __getattr__(self, name: str):
        if name in HIDDEN_FROM_TEMPLATES:  # not an AttributeError: Jinja would make it Undefined
            raise NotForTemplates(f"templates get {name!r} from the host, not from the work form "
                                  f"{self._form.name!r}: use the template variable 'results'")
        return getattr(self._form, name)

    def __setattr__(self, name: str, value) -> None:
        raise AttributeError("templates cannot change the work form")

    def __repr__(self) -> str:
        return f"<template view of work form {self._form.name!r}>"


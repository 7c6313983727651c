"""The work-form contract: what a plugin's work-form class does, on plain data.

A plugin returns ``WorkForm`` subclasses from the ``register_work_forms`` hook. The host hands
each method plain Python data (no database rows, no sockets) and takes care of storing,
authorising, rendering and broadcasting. See ``docs/plugins.md`` for a complete example.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, ClassVar


def _(string: str, **variables) -> str:
    """The host's gettext, imported on first use: importing the contract stays cheap for a plugin."""
    from ..i18n import _ as gettext

    return gettext(string, **variables)

ANONYMOUS = "anonymous"  # nobody, not even the database, links the input to a person
NAMED = "named"  # the input carries the participant's name where the session is named
TRAINER_ONLY = "trainer"  # only the trainer console sees the input
VISIBILITIES = (ANONYMOUS, NAMED, TRAINER_ONLY)
OPEN_POINTS = "_open_points"  # state key: the open points set-aside steps proposed, by step key


class InputRejected(Exception):
    """A participant's input that the step does not take; ``message`` is shown on the phone."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ActionRejected(InputRejected):
    """A trainer action that does not fit the state; ``message`` is shown on the console."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a scenario's configuration.

    ``where`` names the item, e.g. ``statements[3].text``.
    """

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class ConfigInvalid(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Step:
    """One thing the trainer moves the group through, planned by the work form from its config."""

    key: str
    title: str
    visibility: str = ANONYMOUS
    takes_input: bool = True
    item: dict[str, Any] = field(default_factory=dict)
    #: A suggested time for the step, in minutes: the console then offers a countdown that the
    #: trainer starts, pauses and extends, shown on the shared screen too (``countdown``).
    minutes: float | None = None


@dataclass(frozen=True)
class Participant:
    """A participant as a work form sees one. ``name`` is None when the session is anonymous.

    ``display_name`` is the name the person gave, also in an anonymous session: only for rosters of
    physical groups (who sits in which team or on which side: presence is not an answer). Never
    show it beside an answer or on the shared screen of an anonymous session.
    """

    id: int
    name: str | None = None
    connected: bool = False
    display_name: str | None = field(default=None, repr=False)


@dataclass
class Entry:
    """One input at a step. ``name`` is set only for named steps of a named session."""

    id: int
    author: str
    slot: str
    payload: dict[str, Any]
    participant_id: int | None = None
    name: str | None = None
    mine: bool = False

    @property
    def passed(self) -> bool:
        return bool(self.payload.get("pass"))


@dataclass
class Contribution:
    """What ``accept`` makes of a participant's input: the cleaned payload, and its slot.

    One participant has one entry per step and slot; a step that takes several inputs from one
    person (ideas, questions) gives each its own slot, for example the client's id.
    """

    payload: dict[str, Any]
    slot: str = ""


@dataclass
class NewAgreement:
    """An agreement a work form proposes for the team plan."""

    text: str
    kind: str = "working_agreement"
    owner: str | None = None
    due: str | None = None  # ISO date
    outside_help: str | None = None


AGREEMENT_KINDS = ("working_agreement", "action_agreement", "action", "open_point", "learning_goal")
AGREEMENT_STATUSES = ("open", "in_progress", "done", "dropped")


@dataclass
class StatusChange:
    """A new status for an agreement of the team plan, asked for with
    ``view.set_agreement_status``; the host applies it with the rest of the call's changes."""

    agreement_id: int
    status: str
    note: str = ""


@dataclass(frozen=True)
class Table:
    """A table in the session report (``report()["tables"]``) and on the team plan
    (``extra_team_plan_sections``): a caption, the column headers, and rows of cells (text)."""

    caption: str
    headers: list[str]
    rows: list[list[str]]

    @classmethod
    def of(cls, found: Any, where: str = "") -> Table:
        """``found`` as a Table: a Table, or a mapping with exactly ``caption``, ``headers`` and
        ``rows``. Anything else is a ``TypeError`` that says what is wrong and where."""
        if isinstance(found, Table):
            table = found
        elif isinstance(found, dict) and set(found) == {"caption", "headers", "rows"}:
            table = cls(found["caption"], found["headers"], found["rows"])
        else:
            keys = sorted(found) if isinstance(found, dict) else type(found).__name__
            raise TypeError(f"{where}: a table is a Table or a dict with exactly the keys "
                            f"'caption', 'headers' and 'rows', not {keys!r}")
        if not isinstance(table.headers, list | tuple) or not isinstance(table.rows, list | tuple) \
                or not all(isinstance(row, list | tuple) for row in table.rows):
            raise TypeError(f"{where}: a table's headers are a list and its rows a list of lists")
        return cls(str(table.caption or ""), [str(h) for h in table.headers],
                   [[str(cell) for cell in row] for row in table.rows])


@dataclass
class StepView:
    """Everything a work form may look at for one step, as plain data.

    ``state`` belongs to the activity and ``data`` to the step. Each call gets its own copy (see
    ``facilitator.contract.lifecycle``); in ``arrive``, ``participant_joined``, ``act`` and ``leave`` a work
    form may change both, edit the entries' payloads, remove entries (``remove``), add entries in
    the trainer's name (``add``), propose and withdraw agreements and ask for an agreement's new
    status (``set_agreement_status``): what it leaves in the view when the call returns is what
    the host stores, in one transaction.
    """

    activity_id: int
    activity_title: str
    config: dict[str, Any]
    state: dict[str, Any]
    step: Step
    data: dict[str, Any]
    status: str = "open"  # pending | open | closed
    revealed: bool = False
    set_aside: bool = False
    notes: str = ""
    entries: list[Entry] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    #: Every name participants gave, also in an anonymous session, sorted and tied to nobody:
    #: only for recognising and masking names in text; never show it.
    names_to_mask: list[str] = field(default_factory=list, repr=False)
    named_session: bool = False
    minimum_group: int = 3
    #: Set by the host on a participant's own view only: finds that person's own entries at
    #: another step of this activity (see ``mine_at``).
    earlier: Any = field(default=None, repr=False, compare=False)
    removed: list[int] = field(default_factory=list)
    added: list[Contribution] = field(default_factory=list)
    agreements: list[NewAgreement] = field(default_factory=list)
    withdrawn: list[NewAgreement] = field(default_factory=list)
    statuses: list[StatusChange] = field(default_factory=list)
    #: Set by ``change_config``: the activity's configuration for the rest of this session.
    new_config: dict[str, Any] | None = None

    @property
    def open(self) -> bool:
        return self.status == "open"

    def remove(self, entry_id: int) -> None:
        self.removed.append(entry_id)
        self.entries = [e for e in self.entries if e.id != entry_id]

    def add(self, payload: dict[str, Any], slot: str) -> None:
        """Add an entry in the trainer's name (for example a merged or prepared item)."""
        self.added.append(Contribution(payload, slot))

    def propose_agreement(self, agreement: NewAgreement) -> None:
        self.agreements.append(agreement)

    def withdraw_agreement(self, agreement: NewAgreement) -> None:
        """Take back an agreement this step proposed before. The host removes it from the team
        plan only while nobody has touched it there (still open, never edited)."""
        self.withdrawn.append(agreement)

    def set_agreement_status(self, agreement_id: int, status: str, note: str = "") -> None:
        """Ask the host to set the status of an agreement of this session's team plan (one of
        ``AGREEMENT_STATUSES``), with a note for its history. The host applies it together with
        the rest of the call's changes, after the call returns; an agreement of another team is
        refused (``ActionRejected``) and nothing of the call is stored."""
        self.statuses.append(StatusChange(agreement_id, status, note))

    def change_config(self, config: dict[str, Any]) -> None:
        """Ask the host to use ``config`` as this activity's configuration for the rest of this
        session (the scenario stays as it is): for example the method a trainer chose with the
        group. The host checks it with ``validate_config`` and plans the steps anew; the steps up
        to the current one must stay as they were, and a later step the group has already been at
        must stay in the plan (otherwise ``ActionRejected`` and nothing of the call is stored)."""
        self.new_config = dict(config)

    def keep_open_point(self, text: str) -> None:
        """Keep the team plan in step with the trainer's "set aside" for this step; call it in
        ``leave``. While the step is set aside, ``text`` is proposed as an open point, once however
        often the group passes the step; once the trainer has un-set it, that open point is taken
        back (``withdraw_agreement``). What was proposed is kept in ``state["_open_points"]``."""
        points = dict(self.state.get(OPEN_POINTS) or {})
        key = self.step.key
        if self.set_aside and key not in points:
            points[key] = text
            self.propose_agreement(NewAgreement(text, kind="open_point"))
        elif not self.set_aside and key in points:
            self.withdraw_agreement(NewAgreement(points.pop(key), kind="open_point"))
        else:
            return
        self.state[OPEN_POINTS] = points

    def mine_at(self, step_key: str) -> list[Entry]:
        """The viewer's own entries at another step of this activity, for their own phone (in
        ``phone_context``): for example their private intuitive choice beside a later vote. An
        anonymous step's entries are found again by the same keyed hash that marks them ``mine``;
        nothing that links them to the person is stored. Empty outside a participant's view."""
        return list(self.earlier(step_key)) if self.earlier else []

    def answers(self) -> list[Entry]:
        """The entries that are not a pass."""
        return [e for e in self.entries if not e.passed]


class WorkForm(ABC):
    """Base class of a work form. Subclass it, set ``name`` and ``title``, override what you need.

    Templates are found by convention in the plugin's ``templates/<name>/`` folder:
    ``phone.html``, ``screen.html`` and ``console.html``; each is rendered with ``view`` (the
    ``StepView``), ``form`` (this work form, without ``results`` and ``report``) and ``results``
    (from ``results``: always on the console; on the screen and the phones only once revealed
    and, for an anonymous step, from the minimum group on; otherwise None) and, on the phone,
    ``me`` (the ``Participant``), ``mine`` (the participant's own entries) and ``extra`` (what
    ``phone_context`` returned). See docs/plugins.md for the full list.
    """

    name: ClassVar[str] = ""
    title: ClassVar[str] = ""
    description: ClassVar[str] = ""
    #: True when one participant's input changes what the other phones show (a queue, a team's
    #: answer); the host then refreshes every phone after an input, not only the sender's. False:
    #: until the phones see results, a page shows the stored step and the person's own input only,
    #: and the host keeps it for the next phones that look the same (``live.phone_pages``).
    shared_input: ClassVar[bool] = False
    #: False when the shared screen shows nothing of the participants' input until results are
    #: revealed, other than how many answered (the host's line below the work form's part): the
    #: host then sends the screen only that count after an input, not the whole screen. True (the
    #: default, always right) when the screen follows the input as it comes: a queue, seats in a
    #: hall, a team's board, a count of its own.
    screen_follows_input: ClassVar[bool] = True
    fields: ClassVar[list] = []
    """The fields of the configuration (``facilitator.contract.fields``), from which the scenario editor
    generates this work form's form. Without fields the editor shows the config as YAML text."""

    # -- configuration ---------------------------------------------------------------------
    def validate_config(self, config: dict[str, Any]) -> dict[str, Any]:
        """Check a scenario's config for this work form; return it normalised.

        Raise ``ConfigInvalid`` with one ``Problem`` per thing wrong, naming the item.
        """
        return dict(config or {})

    @abstractmethod
    def plan(self, config: dict[str, Any]) -> list[Step]:
        """The steps the trainer will move through, in order."""

    # -- participants ------------------------------------------------------------------------
    def accept(self, view: StepView, data: dict[str, Any], me: Participant) -> Contribution:
        """Validate a participant's input for the step; raise ``InputRejected`` if it does not fit."""
        raise InputRejected(_("This step takes no input."))

    def accept_pass(self, view: StepView, me: Participant) -> Contribution:
        """A participant's "Pass" at the step; raise ``InputRejected`` when a pass does not fit.

        By default a pass is always taken, as an entry ``{"pass": True}`` in the answer's slot. A
        work form whose answers build on each other (a team's answer, a confirmation) refuses a
        pass once it would undo or stand in for what was already given.
        """
        return Contribution({"pass": True})

    def offers_pass(self, view: StepView, me: Participant) -> bool:
        """Whether the phone shows the Pass button: by default when ``accept_pass`` takes it.

        Like ``phone_context`` it may depend on the person only through their own entries (in
        ``view``, marked ``mine``) and what ``phone_context`` returns.
        """
        try:
            self.accept_pass(view, me)
        except InputRejected:
            return False
        return True

    def arrive(self, view: StepView) -> None:
        """Called once, when the trainer first moves the group into this activity.

        ``view`` is the activity's first step; a work form may set up ``view.state`` here, for
        example divide ``view.participants`` into teams. Keys starting with ``_`` are the host's.
        """

    def participant_joined(self, view: StepView, me: Participant) -> None:
        """Called when someone joins, or first arrives at this activity (late joiners too)."""

    def leave(self, view: StepView) -> None:
        """Called when the group moves on from this step (next, previous, goto) or the trainer
        ends the session there; it may be called again when the group comes back and leaves again.

        Like ``act`` it may change ``view.state``, ``view.data`` and the entries and propose
        agreements; use it to carry what the step gathered into ``state`` for later steps, and
        ``view.keep_open_point(text)`` to put a step the trainer set aside in the team plan.
        """

    def session_ended(self, view: StepView) -> None:
        """Called when the trainer ends the session, after ``leave``, once for every step of
        this activity if the group ever entered it (``view`` is that step). It may change the
        same things as ``leave``: use it to remove what must not outlive the session (the
        intervision work form wipes what was said in the round).
        """

    def phone_context(self, view: StepView, me: Participant, mine: list[Entry]) -> dict[str, Any]:
        """Extra template variables for one participant's phone."""
        return {}

    def personal_document(self, view: StepView, me: Participant, mine: list[Entry],
                          data: dict[str, Any]) -> dict[str, Any] | None:
        """A document for one participant alone (their own profile and goal, say), made when
        their phone asks (``POST /p/<code>/mine.pdf`` with ``data`` from the phone) and never
        stored: ``{"title", "filename", "paragraphs", "sections"}`` in the shape of
        ``team_plan_documents``; ``None``: this step offers none. Like ``phone_context`` it may
        use only the person's own entries (``mine``, ``view.mine_at``) and what they sent."""
        return None

    def visibility_note(self, view: StepView) -> str | None:
        """What the phone says about who sees the input, where the step's visibility alone would
        not be true (a quiz answer is seen by the own team). None: the host's label."""
        return None

    def notes_note(self, view: StepView) -> str | None:
        """What the console says under the trainer's discussion notes about what happens to them,
        where the host's default (kept in the session report) is not true: a work form that wipes
        ``view.notes`` in ``session_ended`` says so here. None: nothing is added."""
        return None

    def console_primary(self, view: StepView) -> str | None:
        """The console's one primary action in this state, when the work form decides it.

        ``None`` (the default): the host decides (reveal while there are answers to reveal, else
        next). Otherwise the work form's console template marks its own button primary and returns
        its action name, or returns ``"next"``, ``"reveal"`` or ``"close"`` to have the host's
        button primary,
        or ``""`` while the group is at work and nothing should be pressed.
        """
        return None

    # -- trainer -------------------------------------------------------------------------------
    def act(self, view: StepView, action: str, data: dict[str, Any]) -> None:
        """Carry out a trainer action of this work form; raise ``ActionRejected`` if it does not fit."""
        raise ActionRejected(_("Unknown action: %(action)s", action=action))

    # -- results -------------------------------------------------------------------------------
    def results(self, view: StepView) -> dict[str, Any]:
        """The summary of the step's entries, for the console and (once revealed) the screen."""
        return {"count": len(view.answers()), "passes": len(view.entries) - len(view.answers())}

    def report(self, view: StepView) -> dict[str, Any]:
        """The step in the session report: ``{"paragraphs": [str], "tables": [Table]}``; a table
        is a ``Table`` or a dict with exactly ``caption``, ``headers`` and ``rows``."""
        return {"paragraphs": [], "tables": []}

    # -- templates -----------------------------------------------------------------------------
    def template(self, role: str) -> str:
        return f"{self.name}/{role}.html"

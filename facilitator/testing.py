"""Test harnesses for work forms, public for plugin authors.

``Bench`` runs one work form on plain data, without a database or a server, through the same
``facilitator.contract.lifecycle`` functions the live host uses (the state rule, passes, leaving a step,
the privacy gate):

    bench = Bench(Statements(), {"statements": [{"text": "..."}]}, participants=3)
    bench.answer(1, {"choice": "agree"})
    bench.results()          # what the console shows
    bench.reveal()
    bench.results("screen")  # what the shared screen gets: None until revealed and enough

``LiveSession`` (and the pytest fixture ``facilitator_session`` of the ``facilitator`` pytest
plugin) runs a real session in-process: the app, a database, a trainer's console, the shared
screen and phones over Socket.IO, rendered snapshots. See docs/plugins.md, "Testing a work form".
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from .contract import lifecycle
from .contract.workform import (
    ANONYMOUS,
    TRAINER_ONLY,
    ActionRejected,
    ConfigInvalid,
    Entry,
    InputRejected,
    NewAgreement,
    Participant,
    StatusChange,
    Step,
    StepView,
    Table,
    WorkForm,
)

__all__ = ["Bench", "LiveSession", "Phone", "Screen", "Trainer"]


class Bench:
    """One activity of one work form, moved through as the host would, on plain data.

    The activity starts (``arrive``) at the first ``go``, or at step 0 with the first answer or
    action. Moving on closes the open step and calls ``leave``, as the host does; coming back to
    a closed step leaves it closed until ``open()``. What the work form proposes for the team plan
    is in ``agreements`` (withdrawn ones taken out) and the statuses it asks for in ``statuses``.
    """

    def __init__(self, form: WorkForm, config: dict[str, Any], *, participants: int = 0,
                 named: bool = False, minimum_group: int = 3):
        self.form = form
        self.config = lifecycle.handed(form.validate_config(config), "the config", form)
        self.steps: list[Step] = form.plan(self.config)
        keys = [s.key for s in self.steps]
        self.position = 0
        self.state: dict[str, Any] = {}
        self.data: dict[str, dict[str, Any]] = {k: {} for k in keys}
        self.entries: dict[str, list[Entry]] = {k: [] for k in keys}
        self.named = named
        self.minimum_group = minimum_group
        self.status: dict[str, str] = dict.fromkeys(keys, "pending")
        self.revealed: dict[str, bool] = dict.fromkeys(keys, False)
        self.aside: dict[str, bool] = dict.fromkeys(keys, False)
        self.notes: dict[str, str] = dict.fromkeys(keys, "")
        self.participants = [Participant(i, f"P{i}" if named else None, True)
                             for i in range(1, participants + 1)]
        self.agreements: list[NewAgreement] = []
        self.statuses: list[StatusChange] = []
        self.arrived = False
        self.ended = False
        self._next_id = 1

    # -- moving --------------------------------------------------------------------------------
    @property
    def step(self) -> Step:
        return self.steps[self.position]

    def start(self) -> StepView:
        """The trainer's "start": the group enters the activity at its first step."""
        if not self.arrived:
            self._enter(0)
        return self.view()

    def go(self, key_or_index) -> StepView:
        """Move the group to a step (by key or index), as "next", "previous" and "goto" do; the
        first ``go`` enters the activity at that step."""
        target = key_or_index if isinstance(key_or_index, int) else \
            [s.key for s in self.steps].index(key_or_index)
        if not 0 <= target < len(self.steps):
            raise IndexError(f"no step {key_or_index!r}")
        if self.arrived and target != self.position:
            self._leave()
        self._enter(target)
        return self.view()

    def end(self) -> None:
        """The trainer ends the session at the current step: it is left, as moving on would."""
        self.start()
        self._leave()
        here = self.position
        for index in range(len(self.steps)):  # session_ended, step by step, as the host does
            self.position = index
            self._keep(lifecycle.ended(self.form, self.view()))
        self.position = here
        self.ended = True

    def _enter(self, target: int) -> None:
        self.position = target
        if self.status[self.step.key] == "pending":
            self.status[self.step.key] = "open"
        if not self.arrived:
            self.arrived = True
            self._keep(lifecycle.arrive(self.form, self.view()))

    def _leave(self) -> None:
        key = self.step.key
        if self.status[key] == "open":
            self.status[key] = "closed"
        self._keep(lifecycle.leave(self.form, self.view()))

    def join(self, participant_id: int | None = None) -> Participant:
        participant_id = participant_id or len(self.participants) + 1
        me = Participant(participant_id, f"P{participant_id}" if self.named else None, True)
        self.participants.append(me)
        if self.arrived:
            self._keep(lifecycle.joined(self.form, self.view(), me))
        return me

    # -- what the work form sees ---------------------------------------------------------------
    def author(self, participant_id: int) -> str:
        """Who wrote an entry, as the host stores it: a name-free key at an anonymous step."""
        return self._author_at(self.step, participant_id)

    @staticmethod
    def _author_at(step: Step, participant_id: int) -> str:
        if step.visibility != ANONYMOUS:
            return f"p{participant_id}"
        digest = hashlib.sha256(f"{step.key}:{participant_id}".encode()).hexdigest()
        return "a" + digest[:40]

    def view(self, viewer: int | None = None) -> StepView:
        """The current step as the work form gets it (its own copy); ``viewer`` marks that
        participant's entries ``mine``."""
        key = self.step.key
        own = self.author(viewer) if viewer is not None else None
        entries = [Entry(e.id, e.author, e.slot, lifecycle.handed(e.payload), e.participant_id,
                         e.name, e.author == own) for e in self.entries[key]]
        return StepView(
            activity_id=1, activity_title="activity", config=self.config,
            state=lifecycle.handed(self.state), step=self.step,
            data=lifecycle.handed(self.data[key]), status=self.status[key],
            revealed=self.revealed[key], set_aside=self.aside[key], notes=self.notes[key],
            entries=entries, participants=list(self.participants),
            names_to_mask=sorted(p.name for p in self.participants if p.name),
            named_session=self.named, minimum_group=self.minimum_group,
            earlier=None if viewer is None else lambda step_key: [
                Entry(e.id, e.author, e.slot, lifecycle.handed(e.payload), e.participant_id, e.name,
                      True)
                for e in self.entries.get(step_key, [])  # an anonymous step: by its keyed hash
                if e.author == self._author_at(self._step_at(step_key), viewer)])

    def _step_at(self, step_key: str) -> Step:
        return next((s for s in self.steps if s.key == step_key), self.step)

    def _keep(self, changes: lifecycle.Changes) -> None:
        if changes.config is not None:  # first: refused, nothing of the call is kept (as live)
            self._reconfigure(changes.config)
        key = self.step.key
        self.state = changes.state
        self.data[key] = changes.data
        kept = []
        for entry in self.entries[key]:
            if entry.id in changes.removed:
                continue
            if entry.id in changes.payloads:
                entry.payload = changes.payloads[entry.id]
            kept.append(entry)
        self.entries[key] = kept
        for added in changes.added:
            self._put(key, "trainer", added.payload, added.slot or secrets.token_hex(8), None)
        self.agreements += changes.agreements
        for taken_back in changes.withdrawn:
            if taken_back in self.agreements:
                self.agreements.remove(taken_back)
        self.statuses += changes.statuses
        if changes.notes is not None:
            self.notes[key] = changes.notes

    def _reconfigure(self, config: dict[str, Any]) -> None:
        """``view.change_config``, as the host applies it: the steps up to the current one stay,
        a later step goes only while the group has not been at it."""
        try:
            config = lifecycle.handed(self.form.validate_config(config), "the new config", self.form)
        except ConfigInvalid as wrong:
            raise ActionRejected(wrong.problems[0].message) from None
        steps = self.form.plan(config)
        keys = [s.key for s in steps]
        passed = [s.key for s in self.steps[:self.position + 1]]
        if keys[:len(passed)] != passed:
            raise ActionRejected("This change would alter steps the group has already passed.")
        for gone in (s.key for s in self.steps if s.key not in keys):
            if self.status[gone] != "pending" or self.entries[gone]:
                raise ActionRejected("The group has already been at a step this change would "
                                     "take out.")
        for key in keys:
            self.data.setdefault(key, {})
            self.entries.setdefault(key, [])
            self.status.setdefault(key, "pending")
            self.revealed.setdefault(key, False)
            self.aside.setdefault(key, False)
            self.notes.setdefault(key, "")
        self.config, self.steps = config, steps

    # -- participants --------------------------------------------------------------------------
    def answer(self, participant_id: int, data: dict[str, Any] | None = None, *,
               passing: bool = False) -> Entry:
        """Put in an answer, or a pass (``passing=True``, through ``accept_pass``), as the host
        would; raises ``InputRejected`` where the host refuses."""
        self.start()
        if self.ended:
            raise InputRejected("This session has ended.")
        if not self.step.takes_input:
            raise InputRejected("This step takes no input.")
        if self.status[self.step.key] != "open":
            raise InputRejected("This step is closed; answers are no longer taken.")
        me = next((p for p in self.participants if p.id == participant_id),
                  Participant(participant_id, None, True))
        taken = lifecycle.contribution(self.form, self.view(participant_id), me, data or {},
                                       passing=passing)
        anonymous = self.step.visibility == ANONYMOUS
        return self._put(self.step.key, self.author(participant_id), taken.payload, taken.slot,
                         None if anonymous else participant_id)

    def offers_pass(self, participant_id: int) -> bool:
        me = next((p for p in self.participants if p.id == participant_id),
                  Participant(participant_id, None, True))
        return lifecycle.offers_pass(self.form, self.view(participant_id), me)

    def phone_context(self, participant_id: int) -> dict[str, Any]:
        """What ``phone_context`` gives this participant's phone now."""
        view = self.view(participant_id)
        me = next((p for p in self.participants if p.id == participant_id),
                  Participant(participant_id, None, True))
        return self.form.phone_context(view, me, [e for e in view.entries if e.mine])

    def _put(self, key: str, author: str, payload: dict, slot: str, participant_id) -> Entry:
        for entry in self.entries[key]:
            if entry.author == author and entry.slot == slot:
                entry.payload = payload
                return entry
        named = self.named and participant_id is not None
        entry = Entry(self._next_id, author, slot, payload, participant_id,
                      f"P{participant_id}" if named else None)
        self._next_id += 1
        self.entries[key].append(entry)
        return entry

    # -- trainer -------------------------------------------------------------------------------
    def act(self, action: str, data: dict[str, Any] | None = None) -> StepView:
        """A trainer action of the work form (``act``); its changes are kept as the host keeps
        them. Returns the view as the work form left it."""
        self.start()
        view = self.view()
        self._keep(lifecycle.act(self.form, view, action, data or {}))
        return view

    def reveal(self) -> None:
        self.start()
        self.revealed[self.step.key] = True

    def hide(self) -> None:
        self.revealed[self.step.key] = False

    def close(self) -> None:
        self.status[self.step.key] = "closed"

    def open(self) -> None:
        self.status[self.step.key] = "open"

    def write_notes(self, text: str) -> None:
        """The host's "notes" action: the trainer's discussion notes at the current step."""
        self.start()
        self.notes[self.step.key] = text

    def set_aside(self) -> None:
        """The host's "set aside" toggle for the current step."""
        self.aside[self.step.key] = not self.aside[self.step.key]

    # -- what people see -----------------------------------------------------------------------
    def results(self, role: str = lifecycle.CONSOLE) -> dict[str, Any] | None:
        """The step's results as ``role``'s templates get them (``"console"``, ``"screen"`` or
        ``"phone"``): always on the console; elsewhere None until revealed and below the minimum
        group (the host's privacy gate)."""
        view = self.view()
        if role == lifecycle.SCREEN and view.step.visibility == TRAINER_ONLY:
            view.entries = []  # as the host: the screen never gets a trainer-only step's input
        return lifecycle.results_for(self.form, view, role)

    def report(self) -> dict[str, Any]:
        """The current step's part of the session report, checked as the host checks it: a table
        of the wrong shape is a ``TypeError`` here."""
        found = self.form.report(self.view()) or {}
        return {"paragraphs": [str(p) for p in found.get("paragraphs") or []],
                "tables": [Table.of(t, f"work form {self.form.name}: report")
                           for t in found.get("tables") or []]}



# -- a live session in-process ------------------------------------------------------------------

TRAINER_EMAIL = "trainer@example.nl"
TRAINER_PASSWORD = "a trainer's password for tests"


class _Live:
    """One live view (console, screen or phone): a Socket.IO test client on the app."""

    role = ""

    def __init__(self, session: LiveSession, http, auth: dict):
        from .extensions import socketio

        self.session = session
        self.http = http
        self.sio = socketio.test_client(session.app, flask_test_client=http, auth=auth)
        if not self.sio.is_connected():
            raise AssertionError(f"the {self.role} could not connect")

    def snapshot(self) -> dict:
        """What the view shows now: ``{"html": ..., "meta": {...}}``, rendered by the host."""
        ack = self.sio.emit("hello", {}, callback=True)
        if not ack.get("ok"):
            raise AssertionError(f"the {self.role} got no snapshot: {ack.get('error')}")
        return ack["snapshot"]

    @property
    def html(self) -> str:
        return self.snapshot()["html"]

    @property
    def meta(self) -> dict:
        return self.snapshot()["meta"]

    def received(self) -> list[dict]:
        """The snapshots pushed to this view since last asked."""
        return [m["args"][0] for m in self.sio.get_received() if m["name"] == "snapshot"]

    def close(self) -> None:
        if self.sio.is_connected():
            self.sio.disconnect()


class Trainer(_Live):
    """The trainer's console: signed in, connected to the session."""

    role = "console"

    def do(self, action: str, **data) -> dict:
        """A console action: the host's own (``start``, ``next``, ``previous``, ``goto``,
        ``open``, ``close``, ``reveal``, ``hide``, ``set_aside``, ``notes``, ``agreement``,
        ``end``) or the work form's (reaches ``act``). Returns the acknowledgement
        ``{"ok": True}`` or ``{"ok": False, "error": message}``."""
        return self.sio.emit("control", {"action": action, "data": data}, callback=True)


class Screen(_Live):
    """The shared screen."""

    role = "screen"


class Phone(_Live):
    """A participant's phone, joined through the join page with its own cookies."""

    role = "phone"

    def __init__(self, session: LiveSession, name: str | None = None):
        http = session.app.test_client()
        response = http.post(f"/j/{session.code}", data={"name": name or ""})
        if response.status_code != 302:
            raise AssertionError(f"joining failed ({response.status_code}): "
                                 f"{response.get_data(as_text=True)[:500]}")
        super().__init__(session, http, {"role": "phone", "code": session.code})

    def answer(self, data: dict | None = None, *, passing: bool = False,
               step: str | None = None) -> dict:
        """Send an answer (or a pass) to the current step, as the page script does; returns the
        acknowledgement."""
        payload = {"step": step or self.meta["step"], "data": data or {},
                   "client_id": secrets.token_hex(8)}
        if passing:
            payload["pass"] = True
        return self.sio.emit("answer", payload, callback=True)

    def withdraw(self, slot: str, *, step: str | None = None) -> dict:
        return self.sio.emit("withdraw", {"step": step or self.meta["step"], "slot": slot},
                             callback=True)


class LiveSession:
    """A live session in this process, from a scenario given as a dict (the YAML's content):
    the app with its database (SQLite in ``folder``), a signed-in trainer's console, the shared
    screen and ``phones`` joined phones, all over Socket.IO. Plugins not installed are
    registered with ``plugins=[module]``.

        session = LiveSession({"activities": [{"type": "oneword", "config": {}}]},
                              folder=tmp_path, plugins=[facilitator_oneword], phones=3)
        session.trainer.do("start")
        session.phones[0].answer({"word": "moe"})
        session.trainer.do("reveal")
        assert "moe" in session.screen.html

    ``language`` is the session's (the scenario's) language; ``console_language`` the language
    the trainer chose for the app (the ``lang`` cookie), when it differs.
    """

    def __init__(self, scenario: dict[str, Any], *, folder, plugins=(), phones: int = 0,
                 names: list[str] | None = None, language: str | None = None,
                 console_language: str | None = None, named: bool | None = None,
                 team: str | None = "Team", config: dict[str, Any] | None = None):
        import os
        from pathlib import Path
        from unittest import mock

        from . import create_app
        from .database import upgrade

        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        settings = {"TESTING": True, "INSTANCE_FOLDER": str(folder),
                    "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'facilitator.sqlite'}",
                    "SECRET_KEY": "a secret for tests", "WTF_CSRF_ENABLED": False,
                    "RATELIMIT_ENABLED": False, "COALESCE_SECONDS": 0,
                    "ANSWERS_GATHER_SECONDS": 0, "ANSWERS_REST_SECONDS": 0,
                    "EXTRA_PLUGINS": list(plugins), **(config or {})}
        with mock.patch.dict(os.environ, {"FACILITATOR_INSTANCE": str(folder)}):
            self.app = create_app(settings)
        upgrade(self.app)
        data = {"title": "Test session", **scenario}
        if language is not None:
            data["language"] = language
        self.workshop_id, self.code = self._create(data, named, team)
        http = self.app.test_client()
        if console_language is not None:
            http.get(f"/login?lang={console_language}")  # remembered in the "lang" cookie
        response = http.post("/login", data={"email": TRAINER_EMAIL,
                                             "password": TRAINER_PASSWORD})
        if response.status_code != 302:
            raise AssertionError(f"the trainer could not sign in ({response.status_code})")
        self.trainer = Trainer(self, http, {"role": "console", "workshop": self.workshop_id})
        self.screen = Screen(self, http, {"role": "screen", "workshop": self.workshop_id})
        names = list(names or [])
        self.phones: list[Phone] = []
        for index in range(max(phones, len(names))):
            self.join(names[index] if index < len(names) else None)

    def _create(self, data: dict, named: bool | None, team: str | None) -> tuple[int, str]:
        from flask_babel import force_locale

        from .contract.plugins import plugin_host
        from .extensions import db
        from .sessions import scenarios, workshops
        from .web.accounts import add_user

        with self.app.app_context(), force_locale(data.get("language") or "nl"):
            user = add_user(TRAINER_EMAIL, TRAINER_PASSWORD, "trainer")
            scenario = scenarios.from_data(data, "test", plugin_host())  # in the session's language
            made = workshops.create(scenario, user, team_name=team, named=named)
            found = made.id, made.code
            db.session.remove()
        return found

    def join(self, name: str | None = None) -> Phone:
        """Another phone joins (a late joiner once the session runs)."""
        phone = Phone(self, name)
        self.phones.append(phone)
        return phone

    def report(self) -> list[dict[str, Any]]:
        """The session report's sections as plain data: ``title``, ``paragraphs`` and ``tables``
        (``caption``, ``headers``, ``rows``), with the host's privacy rules applied."""
        from .extensions import db
        from .sessions.models import Workshop
        from .teamplan.documents import session_report

        with self.app.test_request_context():
            found = session_report(db.session.get(Workshop, self.workshop_id))
            sections = [{"title": s.title, "paragraphs": list(s.paragraphs),
                         "tables": [{"caption": t.caption, "headers": t.headers, "rows": t.rows}
                                    for t in s.tables]} for s in found.sections]
            db.session.remove()
        return sections

    def team_plan_sections(self) -> list[Table]:
        """What the plugins' ``extra_team_plan_sections`` add to the team plan of this session's
        team, called strictly: a plugin that raises, or answers with something that is not a
        table, fails here (live, the host logs it and leaves it out)."""
        from .contract.plugins import plugin_host
        from .extensions import db
        from .sessions.models import Workshop
        from .teamplan.sections import _plain

        with self.app.test_request_context():
            sessions = _plain([db.session.get(Workshop, self.workshop_id)])
            hook = plugin_host().pm.hook.extra_team_plan_sections
            found = [Table.of(table, f"plugin {impl.plugin_name}: extra_team_plan_sections")
                     for impl in reversed(hook.get_hookimpls())
                     for table in impl.function(sessions=sessions) or []]
            db.session.remove()
        return found

    def close(self) -> None:
        from .extensions import db

        for view in [self.trainer, self.screen, *self.phones]:
            view.close()
        with self.app.app_context():
            db.session.remove()
            db.engine.dispose()

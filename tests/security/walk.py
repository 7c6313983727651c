"""A walk through a whole session as a trainer, a shared screen and three phones, typing a script
or HTML payload into every form the live views offer (found in their HTML, see forms.py).

``Walk.through(scenario_id)`` presses what it must to get there (a work form's own buttons: divide
the group, open the written round), tries 20,000 characters in every text field first, and keeps
every view's HTML of every step in ``seen`` for the caller to check. After every answer and every
action of the trainer it also requires the page each phone was last sent to be the page the phone
gets afresh when it reconnects: pages sent are kept between refreshes (facilitator/live/
phone_pages.py), pages got afresh are rendered.
"""

from __future__ import annotations

import re

from facilitator.contract.plugins import plugin_host
from facilitator.extensions import db, socketio
from facilitator.sessions import scenarios, workshops
from facilitator.sessions.models import User

from ..conftest import Console, Phone
from .forms import actions, choices, forms
from .payloads import PAYLOADS

HUGE = "x" * 20_000
#: The host's console actions; a work form's own buttons are pressed once per step.
HOST_ACTIONS = {"start", "next", "previous", "goto", "open", "close", "reveal", "hide", "set_aside",
                "notes", "agreement", "end", "remove_participant"}


def _timeless(html: str) -> str:
    """A page without the moments in it: a countdown's end and the server's time, and the time
    left that a countdown shows (rendered as the page is made, a second later it differs)."""
    html = re.sub(r'(<span class="countdown)[^"]*("[^>]*>)[^<]*', r"\1\2T", html)
    return re.sub(r"\b1\d{9}(\.\d+)?\b", "T", html)


class Walk:
    """A trainer, a shared screen and three phones going through one session."""

    def __init__(self, app, trainer_id: int, trainer_client, scenario_id: str):
        with app.app_context():
            found = scenarios.builtin(plugin_host())[scenario_id]
            made = workshops.create(found, db.session.get(User, trainer_id),
                                    team_name="Team Payload", named=True)
            session = {"id": made.id, "code": made.code}
        self.scenario_id = scenario_id
        self.seen: list[tuple[str, str, str]] = []  # (step, view, html)
        self.console = Console(app, trainer_client, session["id"])
        self.screen = socketio.test_client(app, flask_test_client=trainer_client,
                                           auth={"role": "screen", "workshop": session["id"]})
        self.phones = [Phone(app, session["code"], PAYLOADS[i][:40]) for i in range(3)]
        self.typed = self.refused_huge = self.compared = self.ticking = 0
        for phone in self.phones:
            phone.answer = self._compared(phone.answer)
        self.console.do = self._compared(self.console.do)

    def _compared(self, act):
        """``act``, after which every phone's last page sent is the page it gets afresh."""
        def compared(*args, **kwargs):
            outcome = act(*args, **kwargs)
            for number, phone in enumerate(self.phones):
                pushed = phone.received()
                if not pushed:
                    continue
                fresh = phone.snapshot()
                assert _timeless(pushed[-1]["html"]) == _timeless(fresh["html"]), \
                    f"{self.scenario_id}, step {fresh['meta'].get('step')}: phone {number} was " \
                    f"sent another page than it gets afresh, after {act.__name__} {args} {kwargs}"
                assert pushed[-1]["meta"].get("mine") == fresh["meta"].get("mine")
                self.compared += 1
                self.ticking += 'class="countdown' in fresh["html"]
            return outcome
        return compared

    def payload(self) -> str:
        return PAYLOADS[self.typed % len(PAYLOADS)]

    def phones_act(self, step: str) -> None:
        """Each phone picks a choice, presses its first own button and fills every form."""
        for phone in self.phones:
            for choice in choices(phone.snapshot()["html"])[:1]:
                phone.answer(choice, step=step)
            for action, data in actions(phone.snapshot()["html"], "data-phone-action")[:1]:
                phone.answer({"action": action, **data}, step=step)
            for form in forms(phone.snapshot()["html"], "data-answer"):
                if form.texts:
                    huge = phone.answer(form.fill(HUGE, obey_maxlength=False), step=step)
                    assert huge["ok"] is False and huge["error"], \
                        f"{self.scenario_id}, {step}: {sorted(form.texts)} took 20,000 characters"
                    self.refused_huge += 1
                ack = phone.answer(form.fill(self.payload()), step=step)
                self.typed += bool(ack["ok"] and form.texts)

    def console_types(self) -> None:
        for form in forms(self.console.snapshot()["html"], "data-control"):
            if form.texts:
                self.console.do(form.name, **form.fill(self.payload()))
                self.typed += 1

    def views(self) -> dict[str, str]:
        return {"console": self.console.snapshot()["html"],
                "shared screen": self.screen.emit("hello", {}, callback=True)["snapshot"]["html"],
                **{f"phone {i}": p.snapshot()["html"] for i, p in enumerate(self.phones)}}

    def through(self) -> Walk:
        console = self.console
        assert console.do("start")["ok"]
        for _step in range(console.snapshot()["meta"]["total"]):
            meta = console.snapshot()["meta"]
            self.phones_act(meta["step"])
            for action, data in actions(console.snapshot()["html"], "data-action"):
                if action not in HOST_ACTIONS:  # e.g. divide the group, open the written round
                    console.do(action, **data)
                    self.phones_act(meta["step"])
            self.console_types()
            if meta.get("takes_input"):
                console.do("reveal", step=meta["step"])
            self.seen += [(meta["step"], view, html) for view, html in self.views().items()]
            if meta["position"] + 1 < meta["total"]:
                assert console.do("next", step=meta["step"])["ok"]
        return self

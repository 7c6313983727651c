"""Issue 26, item 5: signing out ends that trainer's live connections: every console of the
account is disconnected, and nothing a console still sends is carried out, also when it is
connected to another server process (which learns of the sign-out through the shared storage)."""

from __future__ import annotations

from facilitator.extensions import db, socketio
from facilitator.live import signouts
from facilitator.sessions.models import Workshop

from ..conftest import Console, login


def _position(app, workshop_id):
    with app.app_context():
        return db.session.get(Workshop, workshop_id).position


def test_signing_out_disconnects_every_console_of_the_account(app, trainer_client, workshop):
    console = Console(app, trainer_client, workshop["id"])
    elsewhere = app.test_client()
    login(elsewhere)
    other_browser = Console(app, elsewhere, workshop["id"])
    assert console.do("start")["ok"]
    assert trainer_client.post("/logout").status_code == 302
    assert not console.sio.is_connected() and not other_browser.sio.is_connected()
    again = socketio.test_client(app, flask_test_client=trainer_client,
                                 auth={"role": "console", "workshop": workshop["id"]})
    assert not again.is_connected()  # this browser is signed out
    back = Console(app, elsewhere, workshop["id"])  # the other one is still signed in
    assert back.do("next")["ok"] and _position(app, workshop["id"]) == 1


def test_a_console_on_another_process_is_refused_at_its_next_event(app, trainer_client, workshop,
                                                                   trainer):
    console = Console(app, trainer_client, workshop["id"])
    assert console.do("start")["ok"]
    with app.app_context():  # what a sign-out on another process leaves in the shared storage
        signouts.count_sign_out(trainer)
    refused = console.do("next")
    assert refused["ok"] is False and "opnieuw aan" in refused["error"]
    assert not console.sio.is_connected()
    assert _position(app, workshop["id"]) == 0


def test_disabling_an_account_ends_its_live_consoles(app, trainer_client, workshop, trainer):
    """Issue 23 (accounts): a disabled account's consoles end, as at a sign-out."""
    from facilitator.sessions.models import User
    from facilitator.web import accounts

    console = Console(app, trainer_client, workshop["id"])
    assert console.do("start")["ok"]
    with app.test_request_context():
        accounts.set_disabled(db.session.get(User, trainer), True)
    assert not console.sio.is_connected()
    assert _position(app, workshop["id"]) == 0
    again = socketio.test_client(app, flask_test_client=trainer_client,
                                 auth={"role": "console", "workshop": workshop["id"]})
    assert not again.is_connected()

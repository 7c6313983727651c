"""A live session through the Flask-SocketIO test client: trainer, screen and several phones."""

from sqlalchemy import func, select

from facilitator.extensions import db, socketio
from facilitator.sessions.models import Entry, Participant


def test_phones_follow_the_trainer_and_vote_and_the_reveal_shows_the_counts(
        app, console, phones, trainer_client, workshop):
    screen = socketio.test_client(app, flask_test_client=trainer_client,
                                  auth={"role": "screen", "workshop": workshop["id"]})
    a, b, c = phones(3)
    assert a.snapshot()["meta"]["status"] == "waiting"
    assert console.do("start") == {"ok": True}
    step = a.snapshot()["meta"]
    assert step["status"] == "running" and step["step"] == "s1"
    assert "Een klant die tegen mij scheldt" in a.received()[-1]["html"]

    assert a.answer({"choice": "disagree"})["ok"]
    assert b.answer({"choice": "disagree"})["ok"]
    assert c.answer({"choice": "agree"})["ok"]

    screen.get_received()
    before = screen.emit("hello", {}, callback=True)["snapshot"]
    assert 'data-count="agree"' not in before["html"], "results show before the reveal"
    assert before["meta"]["answered"] == 3

    assert console.do("reveal", step="s1") == {"ok": True}
    shown = [m["args"][0] for m in screen.get_received() if m["name"] == "snapshot"][-1]
    assert 'data-count="agree">1<' in shown["html"]
    assert 'data-count="disagree">2<' in shown["html"]
    assert "67%" in shown["html"]  # two of three gave the policy answer


def test_a_double_tap_and_a_retry_store_one_answer_and_a_change_replaces_it(
        app, console, phones):
    (phone,) = phones(1)
    console.do("start")
    first = phone.answer({"choice": "agree"}, client_id="tap-1")
    again = phone.answer({"choice": "agree"}, client_id="tap-1")
    assert first == {"ok": True, "changed": True}
    assert again == {"ok": True, "changed": False}
    assert phone.answer({"choice": "disagree"})["changed"] is True
    assert phone.answer({"choice": "disagree"})["changed"] is False  # the same answer again
    with app.app_context():
        payloads = [e.payload for e in db.session.scalars(select(Entry))]
    assert payloads == [{"choice": "disagree"}]


def test_a_closed_step_and_an_old_step_refuse_answers_with_a_message(app, console, phones):
    (phone,) = phones(1)
    console.do("start")
    console.do("close", step="s1")
    refused = phone.answer({"choice": "agree"}, step="s1")
    assert refused["ok"] is False and "gesloten" in refused["error"]
    assert console.do("next") == {"ok": True}
    assert console.snapshot()["meta"]["step"] == "s2"
    late = phone.answer({"choice": "agree"}, step="s1")
    assert late["ok"] is False and late["error"]


def test_answers_of_anonymous_steps_carry_no_link_to_the_participant(app, console, phones):
    (phone,) = phones(1, names=["Fatima"])
    console.do("start")
    phone.answer({"choice": "agree"})
    with app.app_context():
        entry = db.session.scalar(select(Entry))
        assert entry.participant_id is None
        assert "Fatima" not in entry.author and not entry.author.startswith("p")


def test_only_the_sessions_trainer_controls_it(app, phones, workshop, trainer):
    from facilitator.web.accounts import add_user

    from .conftest import PASSWORD, Console, login

    with app.app_context():
        add_user("other@example.nl", PASSWORD, "trainer")
    other = app.test_client()
    login(other, "other@example.nl")
    refused = socketio.test_client(app, flask_test_client=other,
                                   auth={"role": "console", "workshop": workshop["id"]})
    assert not refused.is_connected()
    (phone,) = phones(1)
    assert phone.sio.emit("control", {"action": "start"}, callback=True)["ok"] is False
    assert Console  # the owner's console is tested everywhere else


def test_a_phone_that_reconnects_is_the_same_participant_with_its_answer(app, console, phones):
    (phone,) = phones(1)
    console.do("start")
    phone.answer({"choice": "agree"})
    phone.sio.disconnect()
    phone.connect()
    snapshot = phone.snapshot()
    assert 'aria-pressed="true"' in snapshot["html"] and "agree" in snapshot["html"]
    with app.app_context():
        assert db.session.scalar(select(func.count(Participant.id))) == 1


def test_pass_is_always_possible_and_counted(app, console, phones):
    a, b, c = phones(3)
    console.do("start")
    a.answer(passing=True)
    b.answer({"choice": "agree"})
    c.answer({"choice": "agree"})
    console.do("reveal")
    assert 'data-count="pass">1<' in console.snapshot()["html"]


def test_i_need_a_moment_is_seen_by_the_trainer_only(app, console, phones, trainer_client,
                                                     workshop):
    (phone,) = phones(1, names=["Sam"])
    assert phone.sio.emit("moment", {"on": True}, callback=True) == {"ok": True}
    assert "moment-flag" in console.snapshot()["html"]
    screen = socketio.test_client(app, flask_test_client=trainer_client,
                                  auth={"role": "screen", "workshop": workshop["id"]})
    assert "moment" not in screen.emit("hello", {}, callback=True)["snapshot"]["html"]


def test_results_of_a_group_below_the_minimum_are_not_shown(app, console, phones, trainer_client,
                                                           workshop):
    a, b = phones(2)
    console.do("start")
    a.answer({"choice": "agree"})
    b.answer({"choice": "disagree"})
    console.do("reveal")
    screen = socketio.test_client(app, flask_test_client=trainer_client,
                                  auth={"role": "screen", "workshop": workshop["id"]})
    html = screen.emit("hello", {}, callback=True)["snapshot"]["html"]
    assert 'data-count="agree"' not in html
    assert "Te weinig antwoorden" in html


def test_the_trainer_records_notes_sets_aside_and_adds_an_agreement(app, console, phones):
    from facilitator.sessions.models import Agreement, StepState

    console.do("start")
    assert console.do("notes", notes="Niet iedereen kent het protocol", step="s1")["ok"]
    assert console.do("set_aside", step="s1")["ok"]
    assert console.do("agreement", text="Ook verbale agressie melden", owner="Teamleider",
                      due="2026-12-31")["ok"]
    assert console.do("agreement", text="", owner="x")["ok"] is False
    with app.app_context():
        row = db.session.scalar(select(StepState).where(StepState.key == "s1"))
        assert row.set_aside and row.notes == "Niet iedereen kent het protocol"
        agreement = db.session.scalar(select(Agreement))
        assert agreement.text == "Ook verbale agressie melden" and agreement.team_id is not None
    assert console.do("next")["ok"]  # leaving a statement set aside puts it in the team plan
    with app.app_context():
        points = db.session.scalars(select(Agreement).where(Agreement.kind == "open_point")).all()
        assert [p.text[:25] for p in points] == ["Apart gehouden stelling: "]


def test_ending_the_session_closes_its_code(app, console, client, workshop):
    console.do("start")
    console.do("end")
    response = client.post(f"/j/{workshop['code']}", data={"name": ""})
    assert response.status_code == 404
    assert "afgelopen" in response.get_data(as_text=True)


def test_a_phone_that_drops_out_while_a_broadcast_reaches_it_leaves_the_broadcast_intact(
        app, console, phones, workshop):
    """Engine.IO closes a phone that missed its pings when something is sent to it, and runs the
    disconnect handler right there, in the thread that was sending (a step change, a coalesced
    refresh). The handler's database work must not end the sender's session halfway."""
    from facilitator.sessions.models import Workshop

    (phone,) = phones(1)
    console.do("start")
    with app.app_context(), app.test_request_context("/"):
        sending = db.session.get(Workshop, workshop["id"])
        session = db.session()
        db.session.commit()  # the sender's objects are expired, as after any commit
        socketio.server._handle_eio_disconnect(phone.sio.eio_sid, "ping timeout")
        assert db.session() is session
        assert sending.language == "nl"  # still bound: loads again from the database
        assert db.session.scalar(select(func.sum(Participant.connections))) == 0

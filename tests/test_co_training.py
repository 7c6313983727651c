"""A co-trainer runs the same session from their own console; the owner adds and removes them."""

from __future__ import annotations

from facilitator.web.accounts import add_user

from .conftest import PASSWORD, Console, login

CO = "co@example.nl"


def _second_trainer(app, email=CO):
    with app.app_context():
        add_user(email, PASSWORD, "trainer")
    client = app.test_client()
    assert login(client, email).status_code == 302
    return client


def test_the_owner_adds_a_co_trainer_who_then_runs_the_same_console(app, trainer_client, workshop):
    co = _second_trainer(app)
    console_url = f"/w/{workshop['id']}/console"
    assert co.get(console_url).status_code == 404  # not yet
    refused = trainer_client.post(f"/w/{workshop['id']}/co-trainers", data={"email": "nobody@x.nl"},
                                  follow_redirects=True)
    assert "Er is geen traineraccount met dit e-mailadres." in refused.get_data(as_text=True)
    added = trainer_client.post(f"/w/{workshop['id']}/co-trainers", data={"email": CO.upper()},
                                follow_redirects=True)
    assert f"{CO} kan deze console nu openen." in added.get_data(as_text=True)
    page = co.get(console_url)
    assert page.status_code == 200
    assert "Je leidt deze sessie samen met trainer@example.nl." in page.get_data(as_text=True)
    assert "Sessies die je samen met een andere trainer leidt" in co.get("/trainer").get_data(
        as_text=True)
    assert co.get(f"/w/{workshop['id']}/screen").status_code == 200

    owner, second = Console(app, trainer_client, workshop["id"]), Console(app, co, workshop["id"])
    assert second.do("start")["ok"]
    assert owner.snapshot()["meta"]["status"] == "running"
    owner.sio.get_received()
    assert second.do("next", step="s1")["ok"]
    pushed = [m["args"][0] for m in owner.sio.get_received() if m["name"] == "snapshot"]
    assert pushed and pushed[-1]["meta"]["step"] == "s2"  # the owner's console sees it

    # only the owner adds, removes and deletes
    assert co.post(f"/w/{workshop['id']}/co-trainers", data={"email": CO}).status_code == 404
    assert co.post(f"/trainer/sessions/{workshop['id']}/delete").status_code == 404
    with app.app_context():
        from facilitator.sessions.models import User
        co_id = User.query.filter_by(email=CO).one().id
    assert trainer_client.post(f"/w/{workshop['id']}/co-trainers/{co_id}/remove").status_code == 302
    assert co.get(console_url).status_code == 404


def test_a_team_lead_cannot_be_a_co_trainer(app, trainer_client, workshop):
    with app.app_context():
        add_user("lead@example.nl", PASSWORD, "teamlead")
    refused = trainer_client.post(f"/w/{workshop['id']}/co-trainers",
                                  data={"email": "lead@example.nl"}, follow_redirects=True)
    assert "Er is geen traineraccount met dit e-mailadres." in refused.get_data(as_text=True)


def test_a_co_trainer_removed_while_their_console_is_open_can_no_longer_run_it(
        app, trainer_client, workshop):
    """The trainer's rights are checked again for every action of an open console, not only
    when it connected: removed, or no longer a trainer, the next action is refused."""
    co = _second_trainer(app)
    assert trainer_client.post(f"/w/{workshop['id']}/co-trainers",
                               data={"email": CO}).status_code == 302
    second = Console(app, co, workshop["id"])
    assert second.do("start")["ok"]
    with app.app_context():
        from facilitator.sessions.models import User
        co_id = User.query.filter_by(email=CO).one().id
    assert trainer_client.post(f"/w/{workshop['id']}/co-trainers/{co_id}/remove").status_code == 302
    refused = second.do("next", step="s1")
    assert refused == {"ok": False, "error": "Alleen de begeleider van deze sessie kan dat doen."}
    owner = Console(app, trainer_client, workshop["id"])
    assert owner.snapshot()["meta"]["position"] == 0  # the removed one's "next" did nothing

    assert trainer_client.post(f"/w/{workshop['id']}/co-trainers",
                               data={"email": CO}).status_code == 302  # back, then demoted
    assert second.do("next", step="s1")["ok"]
    with app.app_context():
        from facilitator.extensions import db
        db.session.get(User, co_id).role = "teamlead"
        db.session.commit()
    assert second.do("next", step="s2") == refused
    assert owner.snapshot()["meta"]["position"] == 1

"""Issue 26, item 3: the trainer removes a participant from the console (someone posing as a
colleague); their phone says so, and nothing it still sends is taken."""

from __future__ import annotations

from facilitator.extensions import db
from facilitator.sessions.models import Participant

from ..conftest import Phone


def test_the_trainer_removes_a_participant_and_their_phone_is_told(app, console, workshop):
    real, fake = Phone(app, workshop["code"], "Anna"), Phone(app, workshop["code"], "Nep-collega")
    with app.app_context():
        fake_id = db.session.scalar(db.select(Participant.id).where(
            Participant.display_name == "Nep-collega"))
    html = console.snapshot()["html"]
    assert f'data-action="remove_participant" data-participant="{fake_id}"' in html
    assert console.do("start")["ok"]
    assert fake.answer({"choice": "disagree"}, step="s1")["ok"]  # an anonymous answer
    fake.sio.get_received()
    assert console.do("remove_participant", participant=str(fake_id))["ok"]
    told = [m["args"][0] for m in fake.sio.queue if m["name"] == "snapshot"]  # got before the close
    assert told and told[-1]["meta"]["status"] == "removed"
    assert "De trainer heeft je uit deze sessie gehaald" in told[-1]["html"]
    assert not fake.sio.is_connected()
    with app.app_context():
        assert db.session.get(Participant, fake_id) is None
    assert "Nep-collega" not in console.snapshot()["html"]
    assert real.answer({"choice": "agree"}, step="s1")["ok"]
    assert console.snapshot()["meta"]["answered"] == 1  # the removed one's answer went too
    refused = console.do("remove_participant", participant="999999")
    assert refused["ok"] is False and refused["error"]
    assert console.do("remove_participant", participant="²")["ok"] is False

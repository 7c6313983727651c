"""An agreement's expected result: typed on the plan page, kept, shown in the exports."""

from __future__ import annotations

from facilitator.extensions import db
from facilitator.sessions.models import Agreement


def test_the_expected_result_is_entered_edited_and_exported(app, world, trainer_client, lead_client):
    team = world["balie"]
    page = trainer_client.get(f"/teams/{team}").get_data(as_text=True)
    assert 'name="expected_result"' in page and "Beoogd resultaat" in page
    response = trainer_client.post(f"/teams/{team}/agreements", data={
        "text": "Alarmknop maandelijks testen", "kind": "action", "owner": "Facilitair",
        "expected_result": "De knop werkt altijd als het nodig is"})
    assert response.status_code == 302
    with app.app_context():
        made = db.session.query(Agreement).filter_by(text="Alarmknop maandelijks testen").one()
        assert made.expected_result == "De knop werkt altijd als het nodig is"
        made_id = made.id
    edit = trainer_client.get(f"/teams/{team}/agreements/{made_id}").get_data(as_text=True)
    assert "De knop werkt altijd als het nodig is</textarea>" in edit
    response = trainer_client.post(f"/teams/{team}/agreements/{made_id}", data={
        "text": "Alarmknop maandelijks testen", "kind": "action", "owner": "Facilitair",
        "status": "open", "expected_result": "Iedereen weet waar de knop zit"})
    assert response.status_code == 302
    history = trainer_client.get(f"/teams/{team}/agreements/{made_id}").get_data(as_text=True)
    assert "Beoogd resultaat" in history and "Iedereen weet waar de knop zit" in history
    text = lead_client.get(f"/teams/{team}/export.md").get_data(as_text=True)
    assert "Beoogd resultaat: Iedereen weet waar de knop zit" in text

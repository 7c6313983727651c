"""A trainer's display name stands in the team plan and its downloads instead of the e-mail."""

from facilitator.extensions import db
from facilitator.sessions.models import User
from facilitator.web import accounts


def test_the_display_name_replaces_the_e_mail_in_the_plan_and_exports(app, world, trainer_client,
                                                                     lead_client):
    with app.app_context():
        accounts.set_display_name(db.session.get(User, world["trainer"]), "Tessa de Trainer")
    plan = lead_client.get(f"/teams/{world['balie']}/export.md").get_data(as_text=True)
    assert "Tessa de Trainer" in plan and "trainer@example.nl" not in plan
    report = trainer_client.get(f"/sessions/{world['session']}/report.md").get_data(as_text=True)
    assert "Tessa de Trainer" in report and "trainer@example.nl" not in report

"""Times are stored in UTC and shown where the training was held (Europe/Amsterdam by default):
a session that starts at 00:30 in Amsterdam carries that day, not the day before in UTC."""

from __future__ import annotations

from datetime import UTC, datetime

from facilitator.extensions import db
from facilitator.sessions.models import Agreement, Workshop

from .test_api import _auth, _new_token

# 00:30 on 1 March 2026 in Amsterdam (CET, UTC+1) is 23:30 on 28 February in UTC.
HALF_PAST_MIDNIGHT = datetime(2026, 2, 28, 23, 30, tzinfo=UTC)


def _after_midnight(app, world):
    with app.app_context():
        workshop = db.session.get(Workshop, world["session"])
        workshop.created_at = workshop.started_at = HALF_PAST_MIDNIGHT
        agreement = db.session.get(Agreement, world["agreements"][0])
        agreement.created_at = HALF_PAST_MIDNIGHT
        db.session.commit()
        stored = db.session.get(Workshop, world["session"])
        db.session.refresh(stored)
        assert stored.created_at == HALF_PAST_MIDNIGHT and stored.created_at.tzinfo is not None


def test_a_session_after_midnight_carries_its_amsterdam_date_everywhere(app, world, trainer_client,
                                                                        lead_client):
    _after_midnight(app, world)
    balie = world["balie"]
    dashboard = trainer_client.get("/trainer").get_data(as_text=True)
    assert "01-03-2026, 00:30" in dashboard and "28-02-2026" not in dashboard
    page = lead_client.get(f"/teams/{balie}").get_data(as_text=True)
    assert "01-03-2026" in page and "28-02-2026" not in page
    markdown = lead_client.get(f"/teams/{balie}/export.md").get_data(as_text=True)
    assert "1 maart 2026" in markdown and "28 februari" not in markdown
    report = trainer_client.get(f"/sessions/{world['session']}/report.md").get_data(as_text=True)
    assert "1 maart 2026" in report and "28 februari" not in report
    agreement = lead_client.get(f"/teams/{balie}/agreements/{world['agreements'][0]}")
    assert "01-03-2026, 00:30" in agreement.get_data(as_text=True)

    token = _new_token(trainer_client)
    found = trainer_client.get(f"/api/teams/{balie}/agreements", headers=_auth(token)).get_json()
    first = next(a for a in found["agreements"] if a["id"] == world["agreements"][0])
    assert first["session"]["held_on"] == "2026-03-01"
    assert first["created_at"] == "2026-03-01T00:30:00+01:00"


def test_the_time_zone_is_a_setting(make_app, monkeypatch):
    from facilitator import clock

    with make_app().test_request_context():
        assert clock.local_day(HALF_PAST_MIDNIGHT).isoformat() == "2026-03-01"
    monkeypatch.setenv("FACILITATOR_TIMEZONE", "Europe/London")
    with make_app().test_request_context():
        assert clock.local_day(HALF_PAST_MIDNIGHT).isoformat() == "2026-02-28"
        assert clock.iso(HALF_PAST_MIDNIGHT) == "2026-02-28T23:30:00+00:00"

"""Duplicating a session from the dashboard, and the archive's search by team, day and scenario."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from facilitator.contract.plugins import plugin_host
from facilitator.extensions import db
from facilitator.sessions import scenarios, workshops
from facilitator.sessions.models import Activity, User, Workshop


def test_duplicate_makes_a_new_session_with_the_same_scenario_and_settings(app, trainer_client,
                                                                           workshop, console):
    console.do("start")
    with app.app_context():
        first = db.session.get(Workshop, workshop["id"])
        first.named = True
        first.activities[0].config = {**first.activities[0].config, "visibility": "named"}
        db.session.commit()
    response = trainer_client.post(f"/trainer/sessions/{workshop['id']}/duplicate")
    assert response.status_code == 302
    copy_id = int(re.search(r"/w/(\d+)/console", response.location).group(1))
    assert copy_id != workshop["id"]
    page = trainer_client.get(response.location).get_data(as_text=True)
    with app.app_context():
        first, copy = db.session.get(Workshop, workshop["id"]), db.session.get(Workshop, copy_id)
        assert copy.code != first.code and f"de code is {copy.code}" in page
        assert (copy.title, copy.scenario_id, copy.team_id, copy.named, copy.language) == \
            (first.title, first.scenario_id, first.team_id, True, first.language)
        assert [(a.type, a.title, a.config) for a in copy.activities] == \
            [(a.type, a.title, a.config) for a in first.activities]
        assert copy.status == "waiting" and copy.participants == []
        assert db.session.query(Activity).filter_by(workshop_id=copy_id).count() == \
            len(first.activities)


def test_the_archive_finds_sessions_by_team_day_and_scenario(app, trainer_client, trainer):
    with app.app_context():
        user = db.session.get(User, trainer)
        found = scenarios.builtin(plugin_host())
        zuid = workshops.create(found["stellingen-veilig-werken"], user, team_name="Team Zuid")
        noord = workshops.create(found["kennisquiz-agressiebeleid"], user, team_name="Team Noord")
        zuid.created_at = datetime(2026, 2, 28, 23, 30, tzinfo=UTC)  # 1 March in Amsterdam
        noord.created_at = datetime(2026, 3, 5, 10, 0, tzinfo=UTC)
        db.session.commit()
        zuid, noord = zuid.id, noord.id

    def shown(query: str) -> set[int]:
        page = trainer_client.get(f"/trainer?{query}").get_data(as_text=True)
        return {int(i) for i in re.findall(r'href="/w/(\d+)/console"', page)}

    assert shown("") == {zuid, noord}
    assert shown("team=zuid") == {zuid}
    assert shown("day=2026-03-01") == {zuid}
    assert shown("day=2026-02-28") == set()
    assert shown("scenario=kennisquiz-agressiebeleid") == {noord}
    assert shown("team=noord&day=2026-03-05") == {noord}
    assert shown("day=not-a-date") == {zuid, noord}  # a bad date is left out, not an error
    assert "1 sessie gevonden" in trainer_client.get("/trainer?team=zuid").get_data(as_text=True)

"""The incident trend on the team plan: causes per factor group, per evaluation and in total,
brought in by the plugin through the ``extra_team_plan_sections`` hook."""

import re
from datetime import datetime

from facilitator.contract.plugins import plugin_host
from facilitator.extensions import db
from facilitator.sessions import scenarios, workshops
from facilitator.sessions.models import Activity, User
from plugins.incident import trend

CASE = {"title": "Dreiging door Anouk de Vries", "setting": "Balie", "account": "Iets gebeurde.",
        "people": [{"role": "medewerker A", "names": ["Anouk de Vries"]}]}


def _cause(key, group=None, factor=None):
    cause = {"key": key, "text": f"Oorzaak {key}", "kind": "direct"}
    return cause | ({"group": group, "factor": factor} if group else {})


def _evaluation(app, trainer, day, causes, team="Team Werkplein"):
    data = {"title": f"Evaluatie {day}", "activities": [
        {"type": "incident", "title": "Incidentevaluatie", "config": {"cases": [CASE]}}]}
    with app.app_context():
        made = workshops.create(scenarios.from_data(data, "test", plugin_host()),
                                db.session.get(User, trainer), team_name=team)
        made.started_at = datetime.fromisoformat(day)
        activity = db.session.query(Activity).filter_by(workshop_id=made.id).one()
        activity.state = {"incident": activity.config["cases"][0], "causes": causes}
        db.session.commit()
        return made.team_id


def _table(page: str) -> list[list[str]]:
    section = page.split("Oorzaken per factorgroep</h2>")[1].split("</section>")[0]
    return [re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", row)
            for row in re.findall(r"<tr>(.*?)</tr>", section, re.S)]


def test_the_team_plan_shows_causes_per_factor_group_per_evaluation_and_in_total(
        app, trainer, trainer_client):
    team = _evaluation(app, trainer, "2026-01-12", [
        _cause("a", "organisational", "protocols"), _cause("b", "organisational", "culture"),
        _cause("c", "technical", "ict"), _cause("d")])  # d is not classified: not counted
    _evaluation(app, trainer, "2026-03-02", [
        _cause("e", "organisational", "protocols"), _cause("f", "citizen", "substance_use")])
    _evaluation(app, trainer, "2026-04-01", [_cause("g", "technical", "ict")], team="Ander team")
    page = trainer_client.get(f"/teams/{team}").get_data(as_text=True)
    assert _table(page) == [
        ["Datum", "Evaluatie", "Technische factoren", "Organisatorische factoren",
         "Medewerkergebonden factoren", "Burgergebonden factoren"],
        ["12-01-2026", "Dreiging door medewerker A", "1", "2", "0", "0"],
        ["02-03-2026", "Dreiging door medewerker A", "0", "1", "0", "1"],
        ["Totaal", "", "1", "3", "0", "1"],
    ]
    assert "Anouk" not in page


def test_a_team_without_incident_evaluations_gets_no_trend_table(app, trainer, trainer_client):
    with app.app_context():
        scenario = scenarios.builtin(plugin_host())["stellingen-veilig-werken"]
        team = workshops.create(scenario, db.session.get(User, trainer), team_name="Balie").team_id
    page = trainer_client.get(f"/teams/{team}").get_data(as_text=True)
    assert "Balie" in page
    assert "Oorzaken per factorgroep" not in page and "data-extra-section" not in page


def test_an_evaluation_whose_causes_were_not_collected_yet_is_left_out(app):
    session = {"id": 1, "title": "S", "held_on": datetime(2026, 1, 12).date(), "activities": [
        {"id": 1, "type": "incident", "title": "Incidentevaluatie", "state": {"incident": CASE}},
        {"id": 2, "type": "quiz", "title": "Quiz", "state": {"causes": [_cause("x", "technical", "ict")]}},
    ]}
    with app.test_request_context():
        assert trend.sections([session]) == []

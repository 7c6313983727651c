"""The work form "review the team plan": on plain data, and live against a real team plan."""

from __future__ import annotations

import re

import pytest

from facilitator import ActionRejected, ConfigInvalid, InputRejected
from facilitator.extensions import db, socketio
from facilitator.sessions.models import Agreement
from facilitator.teamplan.models import AgreementChange
from facilitator.testing import Bench
from plugins.review.workform import ReviewTeamPlan

from ..conftest import Console, Phone

AGREEMENTS = [
    {"id": 7, "text": "Samen naar de balie", "kind": "working_agreement", "owner": "Iedereen",
     "due": "2026-03-01", "status": "open"},
    {"id": 9, "text": "Meldformulier korter", "kind": "action", "owner": None, "due": None,
     "status": "in_progress"},
]


class OnPaper(ReviewTeamPlan):
    """The review with its team plan on paper: no database."""

    def load_agreements(self, view):
        return [dict(a) for a in AGREEMENTS]


def saved(bench):
    """The status changes the review asked the host for (``view.set_agreement_status``)."""
    return [(c.agreement_id, c.status, c.note) for c in bench.statuses]


def _bench(people=4) -> Bench:
    bench = Bench(OnPaper(), {"intro": "Denk aan de afgelopen zes weken."}, participants=people)
    bench.go("grade")
    return bench


def test_it_plans_an_anonymous_grading_step_and_a_step_to_show_the_decisions():
    form = ReviewTeamPlan()
    steps = form.plan(form.validate_config({}))
    assert [(s.key, s.visibility, s.takes_input) for s in steps] == [
        ("grade", "anonymous", True), ("decide", "anonymous", False)]
    with pytest.raises(ConfigInvalid):
        form.validate_config({"intro": "x" * 401})


def test_a_grade_and_still_needed_come_in_separately_and_end_up_in_one_answer():
    bench = _bench()
    bench.answer(1, {"action": "rate", "item": "7", "grade": "8"})
    entry = bench.answer(1, {"action": "rate", "item": "7", "needed": "yes"})
    assert (entry.slot, entry.payload) == ("a7", {"grade": 8, "needed": "yes"})
    bench.answer(1, {"action": "rate", "item": "7", "grade": "6"})  # changing the grade keeps "yes"
    assert bench.entries["grade"][0].payload == {"grade": 6, "needed": "yes"}
    bench.answer(1, {"action": "rate", "item": "9", "needed": "no"})
    assert len(bench.entries["grade"]) == 2  # one answer per agreement


@pytest.mark.parametrize("data", [
    {"item": "7", "grade": "11"}, {"item": "7", "grade": "0"}, {"item": "7", "grade": "zeven"},
    {"item": "7", "needed": "misschien"}, {"item": "8", "grade": "5"}, {"item": "7"}, {}])
def test_wrong_input_is_refused(data):
    with pytest.raises(InputRejected):
        _bench().answer(1, {"action": "rate", **data})


def test_results_show_figures_only_from_the_minimum_group():
    bench = _bench()
    for person, grade, needed in [(1, 8, "yes"), (2, 7, "yes"), (3, 6, "no")]:
        bench.answer(person, {"item": "7", "grade": grade})
        bench.answer(person, {"item": "7", "needed": needed})
    bench.answer(1, {"item": "9", "grade": 3})
    bench.answer(2, {"item": "9", "grade": 4})
    bench.answer(4, passing=True)
    first, second = bench.results()["items"]
    assert (first["answers"], first["average_text"], first["yes"], first["no"], first["shown"]) == (
        3, "7.0", 2, 1, True)
    assert (second["answers"], second["shown"]) == (2, False)
    assert bench.results()["people"] == 3
    report = bench.form.report(bench.view())
    rows = report["tables"][0]["rows"]
    assert rows[0][:5] == ["Samen naar de balie", "3", "7.0", "2", "1"]
    assert rows[1][:5] == ["Meldformulier korter", "2", "–", "–", "–"]
    assert any("minimum group" in p for p in report["paragraphs"])


def test_the_trainer_sets_a_status_once_and_the_plan_hears_of_it():
    bench = _bench()
    for person in (1, 2, 3):
        bench.answer(person, {"item": "7", "grade": 5 + person, "needed": "no"})
    bench.act("decide", {"item": "7", "status": "done"})
    bench.act("decide", {"item": "7", "status": "done"})  # a double click
    assert saved(bench) == [(7, "done", "Average grade 7.0; still needed: 0 yes, 3 no.")]
    assert bench.state["decisions"] == {"7": "done"}
    assert bench.results()["items"][0]["decision"] == "done"
    with pytest.raises(ActionRejected):
        bench.act("decide", {"item": "7", "status": "finished"})
    with pytest.raises(ActionRejected):
        bench.act("decide", {"item": "12", "status": "done"})


def test_the_decisions_step_still_knows_the_figures_of_the_grading():
    bench = _bench()
    for person in (1, 2, 3):
        bench.answer(person, {"item": "9", "grade": 4, "needed": "yes"})
    bench.go("decide")
    assert bench.results()["items"][1]["average_text"] == "4.0"
    bench.act("decide", {"item": "9", "status": "in_progress"})
    assert saved(bench) == [(9, "in_progress", "Average grade 4.0; still needed: 3 yes, 0 no.")]
    with pytest.raises(InputRejected):
        bench.answer(1, {"item": "9", "grade": 5})  # no more grading here


def test_due_dates_read_the_dutch_way():
    assert ReviewTeamPlan.day("2026-03-01") == "01-03-2026" and ReviewTeamPlan.day(None) == ""


# -- live ------------------------------------------------------------------------------------------

@pytest.fixture
def review(app, world):
    from facilitator.contract.plugins import plugin_host
    from facilitator.sessions import scenarios, workshops
    from facilitator.sessions.models import User

    with app.app_context():
        db.session.get(Agreement, world["agreements"][2]).status = "dropped"
        scenario = scenarios.builtin(plugin_host())["teamplan-bespreken"]
        made = workshops.create(scenario, db.session.get(User, world["trainer"]),
                                team_name="Balie Burgerzaken")
        return {"id": made.id, "code": made.code}


def _screen(app, http, workshop_id):
    screen = socketio.test_client(app, flask_test_client=http,
                                  auth={"role": "screen", "workshop": workshop_id})
    return screen.emit("hello", {}, callback=True)["snapshot"]["html"]


def test_a_later_session_reviews_the_open_agreements_live(app, world, review, trainer_client):
    together, form = world["agreements"][:2]
    console = Console(app, trainer_client, review["id"])
    phones = [Phone(app, review["code"]) for _ in range(3)]
    console.do("start")
    html = phones[0].snapshot()["html"]
    assert "Bij dreiging lopen we met z&#39;n tweeën" in html and "Meldformulier korter maken" in html
    assert "Wie belt de wijkagent?" not in html  # dropped: not reviewed
    assert SECRET not in html
    assert html.count('data-phone-action="rate"') == 2 * 12

    for phone, grade in zip(phones, [8, 7, 7], strict=True):
        assert phone.answer({"action": "rate", "item": str(together), "grade": str(grade)})["ok"]
        assert phone.answer({"action": "rate", "item": str(together), "needed": "yes"})["ok"]
    for phone in phones[:2]:
        assert phone.answer({"action": "rate", "item": str(form), "grade": "4"})["ok"]
    mine = phones[0].snapshot()["html"]
    assert re.search(r'data-grade="8" aria-pressed="true"', mine)
    assert "Opgeslagen." in mine

    assert "7,3" not in _screen(app, trainer_client, review["id"])  # not before the reveal
    console.do("reveal", step="grade")
    screen = _screen(app, trainer_client, review["id"])
    assert "7,3" in screen and "gemiddeld cijfer" in screen
    assert "Te weinig antwoorden om cijfers te tonen" in screen  # the second has only 2
    assert "4,0" not in screen

    assert console.do("decide", item=str(together), status="done")["ok"]
    assert console.do("decide", item=str(together), status="done")["ok"]
    refused = console.do("decide", item=str(world["secret"]), status="dropped")
    assert refused == {"ok": False, "error": "Deze afspraak hoort niet bij de terugblik."}
    with app.app_context():
        assert db.session.get(Agreement, together).status == "done"
        changes = db.session.query(AgreementChange).filter_by(agreement_id=together).all()
        assert len(changes) == 1 and changes[0].action == "reviewed"
        assert "Gemiddeld cijfer 7,3; nog nodig: 3 ja, 0 nee." in changes[0].note
        assert "Teamplan bespreken" in changes[0].note

    console.do("next")
    assert "Besloten: Afgerond" in _screen(app, trainer_client, review["id"])
    page = trainer_client.get(f"/teams/{world['balie']}/agreements/{together}").get_data(as_text=True)
    assert "Besproken in een sessie" in page


def test_the_host_refuses_a_status_change_for_another_teams_agreement(app, world, review):
    from facilitator.sessions.models import Workshop
    from facilitator.teamplan.followup import set_agreement_status

    with app.test_request_context():
        activity = db.session.get(Workshop, review["id"]).activities[0]
        with pytest.raises(ActionRejected):
            set_agreement_status(activity.id, world["secret"], "dropped")
        with pytest.raises(ActionRejected):
            set_agreement_status(activity.id, world["agreements"][0], "finished")


SECRET = "Geheime afspraak van Handhaving"

"""METHODS.md "Team plan (borgen)", rule by rule: an agreement carries its expected result and the
term within which it should show; who outside the team has influence is a follow-up item (person,
date asked, answer); handelingsafspraak and werkafspraak are different kinds; an open point the
team takes up gets an owner and a date; the dilemma's team choice goes in with a date."""

from datetime import date

from facilitator.extensions import db
from facilitator.sessions.models import Agreement
from facilitator.testing import Bench
from plugins.dilemma.workform import Dilemma

FULL = {"text": "Bij dreiging lopen we met z'n tweeën", "kind": "action_agreement",
        "owner": "Iedereen", "due": "2031-03-01", "status": "open", "outside_help": "Facilitair",
        "expected_result": "Niemand staat alleen aan de balie bij een dreigende klant",
        "expected_term": "2031-06-01", "outside_asked_on": "2031-02-01",
        "outside_answer": "Facilitair zet een tweede balie open"}


def test_teamplan_agreement_has_expected_result_and_term_and_a_follow_up_item(app, world,
                                                                              trainer_client):
    first = world["agreements"][0]
    response = trainer_client.post(f"/teams/{world['balie']}/agreements/{first}", data=FULL)
    assert response.status_code == 302
    with app.app_context():
        a = db.session.get(Agreement, first)
        assert a.expected_result == FULL["expected_result"]
        assert a.expected_term.date() == date(2031, 6, 1)
        assert (a.outside_help, a.outside_asked_on.date(), a.outside_answer) == (
            "Facilitair", date(2031, 2, 1), "Facilitair zet een tweede balie open")
        assert a.kind == "action_agreement"
    page = trainer_client.get(f"/teams/{world['balie']}").get_data(as_text=True)
    assert "Niemand staat alleen aan de balie" in page and "01-06-2031" in page
    assert "Facilitair zet een tweede balie open" in page and "01-02-2031" in page
    assert "Handelingsafspraak" in page
    form = trainer_client.get(f"/teams/{world['balie']}/agreements/{first}").get_data(as_text=True)
    assert 'name="expected_result"' in form and 'name="outside_answer"' in form


def test_teamplan_handelingsafspraak_and_werkafspraak_are_separate_kinds(app, world,
                                                                        trainer_client):
    page = trainer_client.get(f"/teams/{world['balie']}/agreements/{world['agreements'][0]}")
    html = page.get_data(as_text=True)
    assert 'value="action_agreement"' in html and 'value="working_agreement"' in html
    assert "Handelingsafspraak" in html and "Werkafspraak" in html


def test_teamplan_an_open_point_taken_up_gets_an_owner_and_a_date(app, world, trainer_client):
    point = world["agreements"][2]  # "Wie belt de wijkagent?", an open point without owner
    taken = trainer_client.post(f"/teams/{world['balie']}/agreements/{point}/status",
                                data={"status": "in_progress"}, follow_redirects=True)
    assert "eigenaar en een datum" in taken.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Agreement, point).status == "open"
    done = trainer_client.post(f"/teams/{world['balie']}/agreements/{point}", data={
        "text": "Wie belt de wijkagent?", "kind": "open_point", "owner": "Teamleider",
        "due": "2031-04-01", "status": "in_progress"})
    assert done.status_code == 302
    with app.app_context():
        assert db.session.get(Agreement, point).status == "in_progress"


def test_teamplan_the_dilemma_team_choice_gets_a_date():
    bench = Bench(Dilemma(), {}, participants=2)
    bench.go("agreement")
    bench.act("record", {"choice": "We sturen bezoekers na sluitingstijd weg",
                         "grounds": "Veiligheid"})
    view = bench.act("choice_to_plan", {"due": "2031-05-01"})
    (agreement,) = view.agreements
    assert (agreement.kind, agreement.due) == ("action_agreement", "2031-05-01")

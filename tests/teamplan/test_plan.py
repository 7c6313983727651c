"""The team plan page: editing, merging, re-ordering, status, overdue, and the history of it all."""

import re

from facilitator.extensions import db
from facilitator.sessions.models import Agreement
from facilitator.teamplan.models import AgreementChange


def _texts_in_order(page: str) -> list[str]:
    return re.findall(r'<span class="text">([^<]*)</span>', page)


def _plan(client, world) -> str:
    response = client.get(f"/teams/{world['balie']}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_plan_shows_every_agreement_of_the_team_and_marks_the_overdue_one(world, trainer_client):
    page = _plan(trainer_client, world)
    assert _texts_in_order(page) == ["Bij dreiging lopen we met z&#39;n tweeën",
                                     "Meldformulier korter maken", "Wie belt de wijkagent?"]
    overdue_row = re.search(rf'<tr id="a{world["agreements"][0]}" class="([^"]*)"', page).group(1)
    assert "overdue" in overdue_row
    assert "Te laat" in page and "1 afspraak is over de datum en staat nog open." in page
    assert 'class="status-open"' in page.replace(" overdue", "")  # the others are not marked


def test_a_team_lead_edits_an_agreement_and_the_history_says_who_changed_what(app, world, lead_client):
    first = world["agreements"][1]
    response = lead_client.post(f"/teams/{world['balie']}/agreements/{first}", data={
        "text": "Meldformulier korter maken: hooguit één pagina", "kind": "action",
        "owner": "Fatima", "due": "2031-05-01", "status": "in_progress", "outside_help": "Arbodienst"})
    assert response.status_code == 302
    page = lead_client.get(f"/teams/{world['balie']}/agreements/{first}").get_data(as_text=True)
    assert "lead@balie.nl" in page
    assert "Wie: Teamleider → Fatima" in page
    assert "Status: Open → In uitvoering" in page
    assert "Wanneer: " in page and "→ 01-05-2031" in page
    with app.app_context():
        agreement = db.session.get(Agreement, first)
        assert (agreement.owner, agreement.status) == ("Fatima", "in_progress")


def test_saving_without_changes_adds_no_history(app, world, trainer_client):
    first = world["agreements"][2]
    with app.app_context():
        a = db.session.get(Agreement, first)
        same = {"text": a.text, "kind": a.kind, "owner": "", "due": "", "status": a.status,
                "outside_help": ""}
    trainer_client.post(f"/teams/{world['balie']}/agreements/{first}", data=same)
    with app.app_context():
        assert db.session.query(AgreementChange).filter_by(agreement_id=first).count() == 0


def test_merging_keeps_the_first_and_the_texts_of_the_others(app, world, trainer_client):
    first, second, third = world["agreements"]
    trainer_client.post(f"/teams/{world['balie']}/agreements/{second}/status", data={"status": "in_progress"})
    form = trainer_client.get(f"/teams/{world['balie']}/merge?ids={second}&ids={first}")
    assert form.status_code == 200
    proposal = form.get_data(as_text=True)
    assert "Bij dreiging lopen we met z&#39;n tweeën\nMeldformulier korter maken" in proposal
    response = trainer_client.post(f"/teams/{world['balie']}/merge", data={
        "ids": [str(first), str(second)], "text": "Samen naar de balie en een kort meldformulier",
        "kind": "working_agreement", "owner": "Iedereen", "due": "", "status": "open",
        "outside_help": "Arbodienst"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Agreement, second) is None
        kept = db.session.get(Agreement, first)
        assert kept.text == "Samen naar de balie en een kort meldformulier"
        changes = db.session.query(AgreementChange).filter_by(agreement_id=first).all()
        actions = sorted(c.action for c in changes)
        assert actions == ["merged", "status"]  # the removed one's history came along
        merged = next(c for c in changes if c.action == "merged")
        assert "Meldformulier korter maken" in merged.note
    page = _plan(trainer_client, world)
    assert _texts_in_order(page) == ["Samen naar de balie en een kort meldformulier",
                                     "Wie belt de wijkagent?"]


def test_merging_needs_two_agreements_of_the_same_team(world, trainer_client):
    first = world["agreements"][0]
    response = trainer_client.get(f"/teams/{world['balie']}/merge?ids={first}", follow_redirects=True)
    assert "Kies minstens twee afspraken om samen te voegen." in response.get_data(as_text=True)
    foreign = trainer_client.get(f"/teams/{world['balie']}/merge?ids={first}&ids={world['secret']}")
    assert foreign.status_code == 404


def test_moving_up_and_down_changes_the_order_and_is_recorded(app, world, trainer_client):
    first, second, third = world["agreements"]
    trainer_client.post(f"/teams/{world['balie']}/agreements/{third}/move", data={"direction": "up"})
    assert _texts_in_order(_plan(trainer_client, world)) == [
        "Bij dreiging lopen we met z&#39;n tweeën", "Wie belt de wijkagent?", "Meldformulier korter maken"]
    trainer_client.post(f"/teams/{world['balie']}/agreements/{first}/move", data={"direction": "up"})
    trainer_client.post(f"/teams/{world['balie']}/agreements/{first}/move", data={"direction": "down"})
    assert _texts_in_order(_plan(trainer_client, world))[:2] == [
        "Wie belt de wijkagent?", "Bij dreiging lopen we met z&#39;n tweeën"]
    page = trainer_client.get(f"/teams/{world['balie']}/agreements/{third}").get_data(as_text=True)
    assert "Plaats: 3 → 2" in page


def test_done_agreements_move_to_their_own_list_and_are_no_longer_overdue(world, trainer_client):
    first = world["agreements"][0]
    response = trainer_client.post(f"/teams/{world['balie']}/agreements/{first}/status",
                                   data={"status": "done"}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Status opgeslagen: Afgerond." in page
    finished = page.split('<details class="finished"')[1]
    assert "met z&#39;n tweeën" in finished
    assert "data-overdue" not in page


def test_a_new_agreement_is_added_at_the_end_and_text_is_shown_as_text(world, trainer_client):
    response = trainer_client.post(f"/teams/{world['balie']}/agreements", data={
        "text": "<script>alert('x')</script> =HYPERLINK(\"http://x\")", "kind": "learning_goal",
        "owner": "Ömer", "due": "2030-01-31", "status": "open", "outside_help": ""})
    assert response.status_code == 302
    page = _plan(trainer_client, world)
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert _texts_in_order(page)[-1].startswith("&lt;script&gt;")
    assert "toegevoegd op het teamplan" in page


def test_bad_input_is_refused_with_a_clear_message(app, world, trainer_client):
    first = world["agreements"][0]
    cases = [({"text": "   "}, "De afspraak is leeg."),
             ({"text": "x" * 2001}, "De afspraak is te lang: maximaal 2000 tekens."),
             ({"text": "Goed", "due": "31-01-2030"}, "Wanneer: geef een datum zoals 2026-03-01."),
             ({"text": "Goed", "status": "klaar"}, "Onbekende status."),
             ({"text": "Goed", "kind": "wens"}, "Onbekend soort afspraak.")]
    for data, message in cases:
        response = trainer_client.post(f"/teams/{world['balie']}/agreements/{first}", data=data,
                                       follow_redirects=True)
        assert message in response.get_data(as_text=True), data
    with app.app_context():
        assert db.session.get(Agreement, first).text == "Bij dreiging lopen we met z'n tweeën"


def test_goals_and_evaluation_moment_are_kept(world, lead_client):
    lead_client.post(f"/teams/{world['balie']}/details",
                     data={"goals": "Niemand staat er alleen voor\n\nElk incident melden",
                           "evaluation_on": "2031-06-01"})
    page = lead_client.get(f"/teams/{world['balie']}").get_data(as_text=True)
    assert "Niemand staat er alleen voor\n\nElk incident melden</textarea>" in page
    assert 'value="2031-06-01"' in page


def test_a_trainer_creates_and_renames_a_team(app, trainer_client):
    response = trainer_client.post("/teams", data={"name": "  Team   Zoë ", "unit": "Wijkteams"})
    assert response.status_code == 302
    team_id = int(response.location.rsplit("/", 1)[1])
    again = trainer_client.post("/teams", data={"name": "team zoë"}, follow_redirects=True)
    assert "Er is al een team met deze naam." in again.get_data(as_text=True)
    trainer_client.post(f"/teams/{team_id}/edit", data={"name": "Team Zoë Noord", "unit": ""})
    page = trainer_client.get(f"/teams/{team_id}").get_data(as_text=True)
    assert "Teamplan: Team Zoë Noord" in page and "Geen organisatieonderdeel opgegeven" in page


def test_a_session_without_team_can_be_put_in_a_team_plan(app, trainer, trainer_client, world):
    from facilitator.contract.plugins import plugin_host
    from facilitator.sessions import scenarios, workshops
    from facilitator.sessions.models import User

    with app.app_context():
        scenario = scenarios.builtin(plugin_host())["stellingen-veilig-werken"]
        loose = workshops.create(scenario, db.session.get(User, trainer))
        db.session.add(Agreement(workshop_id=loose.id, text="Losse afspraak zonder team"))
        db.session.commit()
        loose_id = loose.id
    report = trainer_client.get(f"/sessions/{loose_id}/report").get_data(as_text=True)
    assert "Deze sessie hoort nog niet bij een team" in report
    trainer_client.post(f"/sessions/{loose_id}/team", data={"team": str(world["balie"])})
    assert "Losse afspraak zonder team" in _plan(trainer_client, world)


def test_a_team_lead_withdraws_an_agreement_on_its_page_and_its_history_stays(app, world, lead_client):
    first, second, _third = world["agreements"]
    page = lead_client.get(f"/teams/{world['balie']}/agreements/{second}").get_data(as_text=True)
    assert page.count(f'action="/teams/{world["balie"]}/agreements/{second}/withdraw"') == 1
    assert re.search(r"<title>\s*Afspraak · Balie Burgerzaken", page), "the title is the page's name"
    assert page.index('id="history-title"') < page.index('id="withdraw"')  # below the history
    response = lead_client.post(f"/teams/{world['balie']}/agreements/{second}/withdraw",
                                data={"note": "Het nieuwe meldsysteem maakt dit overbodig"},
                                follow_redirects=True)
    assert response.status_code == 200
    assert "De afspraak is ingetrokken" in response.get_data(as_text=True)
    assert _texts_in_order(_plan(lead_client, world)) == [
        "Bij dreiging lopen we met z&#39;n tweeën", "Wie belt de wijkagent?"]
    with app.app_context():
        kept = db.session.get(Agreement, second)
        assert kept.withdrawn_at is not None
        change = db.session.query(AgreementChange).filter_by(agreement_id=second).one()
        assert (change.action, change.note) == ("withdrawn",
                                                "Het nieuwe meldsysteem maakt dit overbodig")
    # Withdrawn is gone from the pages; withdrawing it again (a second tab) changes nothing more.
    assert lead_client.get(f"/teams/{world['balie']}/agreements/{second}").status_code == 403
    assert lead_client.post(f"/teams/{world['balie']}/agreements/{second}/withdraw").status_code == 302
    with app.app_context():
        assert db.session.query(AgreementChange).filter_by(agreement_id=second).count() == 1
    too_long = lead_client.post(f"/teams/{world['balie']}/agreements/{first}/withdraw",
                                data={"note": "x" * 3000}, follow_redirects=True)
    assert "is te lang: maximaal 1000 tekens" in too_long.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Agreement, first).withdrawn_at is None  # nothing lost

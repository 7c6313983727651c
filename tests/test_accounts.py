"""Accounts: change one's own password, reset one (command line and the trainers' page), disable
an account, list accounts, a display name, and the first-run page that explains the roles."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from facilitator.cli import main
from facilitator.web import accounts

from .conftest import PASSWORD, login

NEW = "een heel nieuw wachtwoord"


def _cli(tmp_path, monkeypatch, *args, input=None):
    monkeypatch.setenv("FACILITATOR_INSTANCE", str(tmp_path))
    monkeypatch.setenv("FACILITATOR_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite'}")
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_the_command_line_lists_resets_disables_and_enables_accounts(tmp_path, monkeypatch):
    run = lambda *a, **k: _cli(tmp_path, monkeypatch, *a, **k)  # noqa: E731
    assert run("user", "add", "t@example.nl", "--role", "trainer", "--name", "Tessa de Trainer",
               "--password-stdin", input=PASSWORD + "\n").exit_code == 0
    assert run("user", "add", "lead@example.nl", "--role", "teamlead", "--password-stdin",
               input=PASSWORD + "\n").exit_code == 0
    listed = json.loads(run("user", "list", "--json").output)
    assert listed == [{"email": "t@example.nl", "role": "trainer", "name": "Tessa de Trainer",
                       "disabled": False},
                      {"email": "lead@example.nl", "role": "teamlead", "name": None,
                       "disabled": False}]
    assert "lead@example.nl  teamleider" in run("user", "list").output
    reset = run("user", "password", "lead@example.nl", "--password-stdin", input=NEW + "\n")
    assert reset.exit_code == 0 and "Nieuw wachtwoord ingesteld voor lead@example.nl" in reset.output
    short = run("user", "password", "lead@example.nl", "--password-stdin", input="kort\n")
    assert short.exit_code == 1 and "minstens 10 tekens" in short.output
    link = run("user", "password", "lead@example.nl", "--link", "--base-url", "http://10.0.0.5:5000")
    assert re.fullmatch(r"http://10\.0\.0\.5:5000/reset/\S+\n", link.output)
    assert run("user", "disable", "lead@example.nl").exit_code == 0
    assert "(uitgeschakeld)" in run("user", "list").output
    assert run("user", "enable", "lead@example.nl").exit_code == 0
    assert "(uitgeschakeld)" not in run("user", "list").output
    assert run("user", "disable", "nobody@example.nl").exit_code == 1


def test_a_trainer_changes_their_own_password_and_name(app, trainer_client):
    wrong = trainer_client.post("/account", data={"what": "password", "current": "nope",
                                                  "password": NEW, "password2": NEW})
    assert wrong.status_code == 400 and "Je huidige wachtwoord klopt niet." in wrong.get_data(
        as_text=True)
    done = trainer_client.post("/account", data={"what": "password", "current": PASSWORD,
                                                 "password": NEW, "password2": NEW},
                               follow_redirects=True)
    assert "Je wachtwoord is gewijzigd." in done.get_data(as_text=True)
    assert login(app.test_client(), password=NEW).status_code == 302
    assert login(app.test_client()).status_code == 401
    named = trainer_client.post("/account", data={"what": "name", "name": "  Tessa   de Trainer "},
                                follow_redirects=True)
    assert 'value="Tessa de Trainer"' in named.get_data(as_text=True)


def test_the_trainers_page_gives_a_reset_link_that_works_once(app, trainer_client, client):
    with app.app_context():
        lead = accounts.add_user("lead@example.nl", PASSWORD, "teamlead").id
    page = trainer_client.post(f"/trainer/accounts/{lead}/reset")
    assert page.headers["Cache-Control"] == "no-store"
    link = re.search(r"data-reset-link>([^<]+)<", page.get_data(as_text=True)).group(1)
    path = "/" + link.split("/", 3)[3]
    assert "Voor het account lead@example.nl" in client.get(path).get_data(as_text=True)
    assert client.post(path, data={"password": NEW, "password2": NEW}).status_code == 302
    assert client.get(path).status_code == 404  # once
    assert login(app.test_client(), "lead@example.nl", NEW).status_code == 302
    lead_client = app.test_client()
    login(lead_client, "lead@example.nl", NEW)
    assert lead_client.get("/trainer/accounts").status_code == 403


def test_a_disabled_account_is_signed_out_and_cannot_sign_in(app, trainer_client):
    with app.app_context():
        lead = accounts.add_user("lead@example.nl", PASSWORD, "teamlead").id
    lead_client = app.test_client()
    assert login(lead_client, "lead@example.nl").status_code == 302
    assert lead_client.get("/teams").status_code == 200
    done = trainer_client.post(f"/trainer/accounts/{lead}/disable", data={"disabled": "1"},
                               follow_redirects=True)
    assert "lead@example.nl is uitgeschakeld" in done.get_data(as_text=True)
    assert lead_client.get("/teams").status_code == 302  # signed out at the next request
    refused = login(app.test_client(), "lead@example.nl")
    assert refused.status_code == 401
    assert "Dit account is uitgeschakeld" in refused.get_data(as_text=True)
    with app.app_context():
        me = accounts.find("trainer@example.nl").id
    own = trainer_client.post(f"/trainer/accounts/{me}/disable", follow_redirects=True)
    assert "Je kunt je eigen account niet uitschakelen." in own.get_data(as_text=True)
    trainer_client.post(f"/trainer/accounts/{lead}/disable", data={"disabled": "0"})
    assert login(app.test_client(), "lead@example.nl").status_code == 302


def test_the_first_run_page_explains_the_roles_and_takes_a_name(app, client):
    with app.test_request_context():
        token = accounts.setup_token()
    page = client.get(f"/setup/{token}").get_data(as_text=True)
    for role in ("Trainers", "Teamleiders", "Deelnemers"):
        assert f"<dt>{role}</dt>" in page
    client.post(f"/setup/{token}", data={"email": "t@example.nl", "name": "Tessa",
                                         "password": PASSWORD, "password2": PASSWORD})
    with app.app_context():
        assert accounts.find("t@example.nl").shown_name == "Tessa"

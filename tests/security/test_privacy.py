"""Privacy (AVG/GDPR): names and "I need a moment" signals are removed after the retention period
(by the command and by the server itself), a deleted session leaves no trace in the database or
its file, and the notice on the join page says what the code does."""

from __future__ import annotations

import re
import sqlite3
import time
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from facilitator.cli import main
from facilitator.contract.plugins import plugin_host
from facilitator.extensions import db
from facilitator.sessions import retention, scenarios, workshops
from facilitator.sessions.models import (
    Activity,
    Agreement,
    Entry,
    Participant,
    StepState,
    User,
    Workshop,
    utcnow,
)
from facilitator.web.accounts import add_user

from ..conftest import Console, Phone
from ..servers import Server
from .conftest import dump

SCENARIO = "stellingen-veilig-werken"


def _named_session(app, trainer_id: int, *, team: str | None = "Team Oost") -> dict:
    with app.app_context():
        made = workshops.create(scenarios.builtin(plugin_host())[SCENARIO],
                                db.session.get(User, trainer_id), team_name=team, named=True)
        return {"id": made.id, "code": made.code}


def _run_named_session(app, trainer_client, session: dict, names: list[str]) -> list[Phone]:
    console = Console(app, trainer_client, session["id"])
    phones = [Phone(app, session["code"], name) for name in names]
    assert console.do("start")["ok"]
    for phone, choice in zip(phones, ["agree", "agree", "disagree"], strict=False):
        assert phone.answer({"choice": choice})["ok"]
    assert phones[0].sio.emit("moment", {"on": True}, callback=True)["ok"]
    assert console.do("notes", step="s1", notes="Bespreking ging goed")["ok"]
    assert console.do("agreement", step="s1", text="Elk incident melden binnen een dag")["ok"]
    assert console.do("end")["ok"]
    return phones


def _people(app, workshop_id: int) -> list[tuple]:
    with app.app_context():
        return [(p.display_name, p.needs_moment_since) for p in db.session.query(Participant)
                .filter_by(workshop_id=workshop_id).order_by(Participant.id)]


def _kept(app, workshop_id: int) -> tuple:
    """What retention must leave alone: the answers, the notes and the team plan."""
    with app.app_context():
        entries = sorted(str(e.payload) for e in db.session.query(Entry))
        agreements = [a.text for a in db.session.query(Agreement).filter_by(workshop_id=workshop_id)]
        notes = [s.notes for a in db.session.get(Workshop, workshop_id).activities for s in a.steps]
        return entries, agreements, notes


def test_names_and_moments_go_after_the_retention_period_results_and_plan_stay(
        app, trainer, trainer_client):
    session = _named_session(app, trainer)
    _run_named_session(app, trainer_client, session, ["Femke", "Bram", "Yusuf"])
    kept = _kept(app, session["id"])
    with app.app_context():
        ended = db.session.get(Workshop, session["id"]).ended_at
        early = retention.forget_names(ended + timedelta(days=29))
        counted = retention.forget_names(ended + timedelta(days=31), dry_run=True)
    assert early == retention.Forgotten(0, 0, 0)
    assert counted == retention.Forgotten(sessions=1, names=3, moments=1)
    assert [name for name, _ in _people(app, session["id"])] == ["Femke", "Bram", "Yusuf"]

    with app.app_context():
        done = retention.forget_names(ended + timedelta(days=31))
    assert done == counted
    assert _people(app, session["id"]) == [(None, None)] * 3
    assert _kept(app, session["id"]) == kept
    html = Console(app, trainer_client, session["id"]).snapshot()["html"]
    assert "Femke" not in html and "Deelnemer 1" in html


def test_the_period_is_configurable_and_sessions_in_use_are_left_alone(make_app):
    app = make_app(RETENTION_DAYS=7)
    client = app.test_client()
    with app.app_context():
        trainer = add_user("t@example.nl", "correct horse battery", "trainer").id
    client.post("/login", data={"email": "t@example.nl", "password": "correct horse battery"})
    ended = _named_session(app, trainer)
    _run_named_session(app, client, ended, ["Femke"])
    running, abandoned = _named_session(app, trainer), _named_session(app, trainer, team=None)
    for session, name in ((running, "Anouk"), (abandoned, "Kees")):
        Phone(app, session["code"], name)
    with app.app_context():
        db.session.get(Workshop, ended["id"]).ended_at = utcnow() - timedelta(days=8)
        old = db.session.get(Workshop, abandoned["id"])  # never ended, nobody seen for 8 days
        old.created_at = utcnow() - timedelta(days=8)
        for person in db.session.query(Participant).filter_by(workshop_id=old.id):
            person.last_seen = utcnow() - timedelta(days=8)
        db.session.commit()
        assert retention.forget_names() == retention.Forgotten(sessions=2, names=2, moments=1)
    assert _people(app, running["id"])[0][0] == "Anouk"
    assert _people(app, ended["id"])[0][0] is None and _people(app, abandoned["id"])[0][0] is None


def test_the_retention_command_counts_then_removes(make_app, tmp_path):
    app = make_app()
    database = tmp_path / "test.sqlite"
    with app.app_context():
        trainer = add_user("t@example.nl", "correct horse battery", "trainer").id
    client = app.test_client()
    client.post("/login", data={"email": "t@example.nl", "password": "correct horse battery"})
    session = _named_session(app, trainer)
    _run_named_session(app, client, session, ["Femke", "Bram"])
    with app.app_context():
        db.session.get(Workshop, session["id"]).ended_at = utcnow() - timedelta(days=31)
        db.session.commit()
        db.engine.dispose()
    env = {"FACILITATOR_DATABASE_URL": f"sqlite:///{database}", "FACILITATOR_INSTANCE": str(tmp_path),
           "FACILITATOR_SECRET_KEY": "test-secret"}
    dry = CliRunner().invoke(main, ["retention", "--dry-run"], env=env)
    assert dry.exit_code == 0, dry.output
    assert ("Zou 2 naam/namen en 1 'Ik heb even een moment nodig'-signaal/signalen verwijderen, "
            "in 1 sessie(s)") in dry.output
    assert _people(app, session["id"])[0][0] == "Femke"
    done = CliRunner().invoke(main, ["retention"], env=env)
    assert "2 naam/namen en 1" in done.output and "langer dan 30 dagen" in done.output
    assert _people(app, session["id"]) == [(None, None)] * 2
    assert b"Femke" not in _file_bytes(database)


def _file_bytes(database: Path) -> bytes:
    """The database file and its write-ahead log, as they lie on disk."""
    return b"".join(p.read_bytes() for p in database.parent.glob(database.name + "*") if p.is_file())


def test_the_server_removes_names_by_itself(tmp_path):
    server = Server(tmp_path, extra_env={"FACILITATOR_RETENTION_DAYS": "0"})
    server.prepare()
    session = server.create_session(SCENARIO, named=True)
    database = tmp_path / "db.sqlite"
    with sqlite3.connect(database) as db_file:  # a participant of a session that ended yesterday
        db_file.execute("insert into participants (workshop_id, token_hash, display_name, joined_at, "
                        "last_seen, connections, needs_moment_since) values (?, 'x', 'Femke', "
                        "datetime('now'), datetime('now'), 0, datetime('now'))", (session["id"],))
        db_file.execute("update workshops set status = 'ended', ended_at = datetime('now', '-1 day')")
    server.start()
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with sqlite3.connect(database) as db_file:
                left = db_file.execute("select display_name, needs_moment_since from participants"
                                       ).fetchone()
            if left == (None, None):
                break
            time.sleep(0.5)
        assert left == (None, None), "the server did not run the retention job"
    finally:
        server.stop()


MARK = "Zeldzaam-merkteken-7Q"


def test_deleting_a_session_leaves_no_trace_in_any_table_or_in_the_file(
        app, trainer, trainer_client, tmp_path):
    kept = _named_session(app, trainer, team="Team West")  # another session: it stays
    Phone(app, kept["code"], "Blijft")
    session = _named_session(app, trainer, team=None)
    console = Console(app, trainer_client, session["id"])
    phones = [Phone(app, session["code"], f"{MARK} {n}") for n in range(3)]
    assert console.do("start")["ok"]
    for phone in phones:
        assert phone.answer({"choice": "agree"})["ok"]
    assert phones[0].sio.emit("moment", {"on": True}, callback=True)["ok"]
    assert console.do("notes", step="s1", notes=f"Aantekening {MARK}")["ok"]
    assert console.do("agreement", step="s1", text=f"Afspraak {MARK}", owner=MARK)["ok"]
    assert MARK in str(dump(app))

    response = trainer_client.post(f"/trainer/sessions/{session['id']}/delete")
    assert response.status_code == 302
    assert MARK not in str(dump(app)), "the marker survived in a table"
    assert MARK.encode() not in _file_bytes(tmp_path / "test.sqlite"), "the marker is still on disk"
    with app.app_context():
        assert db.session.get(Workshop, session["id"]) is None
        assert db.session.get(Workshop, kept["id"]) is not None
        # its activities, steps and the three answers went with it (the kept session has none)
        assert db.session.scalars(select(Activity.workshop_id).distinct()).all() == [kept["id"]]
        assert db.session.scalar(select(func.count(Entry.id))) == 0
        kept_activities = select(Activity.id).where(Activity.workshop_id == kept["id"])
        assert db.session.scalar(select(func.count(StepState.id))
                                 .where(StepState.activity_id.not_in(kept_activities))) == 0
    assert _people(app, kept["id"]) == [("Blijft", None)]
    refused = phones[1].sio.emit("hello", {}, callback=True)  # a phone that was in it
    assert refused == {"ok": False, "error": "Deze sessie bestaat niet meer."}


def test_deleting_a_team_session_keeps_its_agreements_in_the_team_plan(app, trainer, trainer_client):
    session = _named_session(app, trainer, team="Team Noord")
    console = Console(app, trainer_client, session["id"])
    assert console.do("start")["ok"]
    assert console.do("agreement", step="s1", text="Samen naar huis na de avonddienst")["ok"]
    trainer_client.post(f"/trainer/sessions/{session['id']}/delete")
    with app.app_context():
        kept = db.session.query(Agreement).one()
        assert kept.text == "Samen naar huis na de avonddienst" and kept.team_id is not None
        assert kept.workshop_id is None and kept.activity_id is None


@pytest.mark.parametrize("days", [30, 14])
def test_the_notice_on_the_join_page_says_what_the_code_does(make_app, days):
    app = make_app(RETENTION_DAYS=days)
    with app.app_context():
        trainer = add_user("t@example.nl", "correct horse battery", "trainer")
        made = workshops.create(scenarios.builtin(plugin_host())[SCENARIO], trainer)
        code = made.code
    page = app.test_client().get(f"/j/{code}").get_data(as_text=True)
    notice = re.search(r'<details class="privacy".*?</details>', page, re.S).group(0)
    text = " ".join(re.sub(r"<[^>]+>", " ", notice).split())
    assert "Wat we bewaren, en hoe lang" in text
    assert "Antwoorden in anonieme stappen bewaren we zonder enige koppeling aan jou" in text
    assert f"{days} dagen na afloop van de sessie" in text
    assert "„Ik heb even een moment nodig”" in text  # the signal is named, and goes too
    assert "anonieme resultaten en de afspraken van het team blijven" in text
    assert "De begeleider kan de hele sessie eerder verwijderen" in text

"""The production database: the same schema, constraints and live flow on PostgreSQL."""

import threading
import uuid

import pytest
from sqlalchemy import func, select

from facilitator.contract.plugins import plugin_host
from facilitator.extensions import db
from facilitator.sessions import scenarios, workshops
from facilitator.sessions.models import Entry
from facilitator.web.accounts import add_user

from . import pg
from .conftest import PASSWORD, Console, Phone, login

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_app(make_app):
    """The app on a schema of its own in the test role's database (see tests/pg.py)."""
    with pg.schema() as url:
        app = make_app(SQLALCHEMY_DATABASE_URI=url)
        yield app
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def _started(app, trainer_email: str) -> str:
    """A running session of the starter scenario; its join code."""
    with app.app_context():
        user = add_user(trainer_email, PASSWORD, "trainer")
        scenario = scenarios.builtin(plugin_host())["stellingen-veilig-werken"]
        made = workshops.create(scenario, user)
        workshops.control(made.id, "start", {})
        return made.code


def test_a_live_session_on_postgresql(pg_app):
    with pg_app.app_context():
        user = add_user("pg@example.nl", PASSWORD, "trainer")
        scenario = scenarios.builtin(plugin_host())["stellingen-veilig-werken"]
        made = workshops.create(scenario, user, team_name="Team PG")
        code, workshop_id = made.code, made.id
    http = pg_app.test_client()
    login(http, "pg@example.nl")
    console = Console(pg_app, http, workshop_id)
    phones = [Phone(pg_app, code) for _ in range(4)]
    assert console.do("start") == {"ok": True}
    for phone, choice in zip(phones, ["agree", "agree", "disagree", "agree"], strict=True):
        assert phone.answer({"choice": choice})["ok"]
    console.do("reveal")
    html = console.snapshot()["html"]
    assert 'data-count="agree">3<' in html and 'data-count="disagree">1<' in html


def test_simultaneous_double_taps_store_one_answer_on_postgresql(pg_app):
    """The one-answer rule is the database's: racing inserts of the same phone end as one row."""
    from facilitator.sessions import participation
    from facilitator.sessions.models import Participant

    code = _started(pg_app, "pg2@example.nl")
    with pg_app.app_context():
        participant_id = participation.join(code, "")[0].id
    barrier = threading.Barrier(8)
    results = []

    def tap(choice):
        with pg_app.app_context(), pg_app.test_request_context():
            person = db.session.get(Participant, participant_id)
            barrier.wait()
            results.append(participation.submit(person, "s1", {"choice": choice},
                                                client_id=uuid.uuid4().hex))
            db.session.remove()

    threads = [threading.Thread(target=tap, args=("agree",)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with pg_app.app_context():
        assert db.session.scalar(select(func.count(Entry.id))) == 1
    assert results.count(True) >= 1


def test_a_retry_or_the_same_answer_again_changes_nothing_on_postgresql(pg_app):
    """The insert-or-update tells a real change from a retry (same client id) and a repeat."""
    phone = Phone(pg_app, _started(pg_app, "pg3@example.nl"))
    assert phone.answer({"choice": "agree"}, client_id="tap-1") == {"ok": True, "changed": True}
    assert phone.answer({"choice": "agree"}, client_id="tap-1") == {"ok": True, "changed": False}
    assert phone.answer({"choice": "agree"}, client_id="tap-2") == {"ok": True, "changed": False}
    assert phone.answer({"choice": "disagree"}, client_id="tap-3") == {"ok": True, "changed": True}
    with pg_app.app_context():
        assert [e.payload for e in db.session.scalars(select(Entry))] == [{"choice": "disagree"}]

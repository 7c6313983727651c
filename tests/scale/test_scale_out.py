"""Scale-out: two server processes share PostgreSQL and Redis; the trainer is on one, a few hundred
phones on the other. Every phone follows every step change and no answer is lost on the way.
(Heavier runs live in bench/, not in the test suite.)"""

import uuid

import psycopg
import pytest

from facilitator.loadtest import Plan, rehearse

from .. import pg
from ..clients import run_coroutine
from ..servers import Server

pytestmark = [pytest.mark.server, pytest.mark.postgres]
REDIS = "redis://127.0.0.1:6379/0"
PHONES = 300
ROUNDS = 2


@pytest.fixture
def database():
    """A schema of its own in the test role's database (see tests/pg.py)."""
    with pg.schema("scale") as url:
        yield url


@pytest.fixture
def two_processes(tmp_path, database):
    shared = {"FACILITATOR_MESSAGE_QUEUE": REDIS,  # a channel of its own: other runs share Redis
              "FACILITATOR_MESSAGE_QUEUE_CHANNEL": f"scale-test-{uuid.uuid4().hex[:8]}"}
    trainers, phones = (Server(tmp_path / name, database_url=database, extra_env=shared)
                        for name in ("trainers", "phones"))
    trainers.prepare()
    trainers.start()
    phones.start()
    yield trainers, phones
    phones.stop()
    trainers.stop()


def test_phones_on_one_process_follow_the_trainer_on_another(two_processes, database):
    trainers, phones = two_processes
    plan = Plan(trainers.url, PHONES, rounds=ROUNDS, think=2.0, phone_urls=(phones.url,),
                trainer=trainers.trainer_email, password=trainers.password, keep=True)
    report = run_coroutine(rehearse(plan))

    assert report.errors == [], report.text()
    assert report.connected == PHONES
    assert report.steps_missed == 0, "a phone did not show a step change"
    assert report.answers_sent == PHONES * ROUNDS
    assert report.answers_lost == 0, "the shared screen did not count every answer"
    assert report.server["connections"] == {"phone": 0, "screen": 1, "console": 1}, \
        "the phones should all have been on the other process"
    with psycopg.connect(pg.plain(database)) as stored:
        assert stored.execute("select count(*) from entries").fetchone()[0] == PHONES * ROUNDS
        assert stored.execute("select count(*) from participants").fetchone()[0] == PHONES

"""Answers arriving together are taken together: one view of the step for many answers, each
answer stored once, each phone told its own outcome, and nobody left waiting."""

import threading
import time
import uuid

import pytest
from sqlalchemy import func, select

from facilitator.config import DEFAULTS
from facilitator.contract.plugins import plugin_host
from facilitator.extensions import db
from facilitator.live import answers
from facilitator.sessions import participation, scenarios, workshops
from facilitator.sessions.models import Entry, User

PHONES = 40
GATHERING = DEFAULTS["ANSWERS_GATHER_SECONDS"]


@pytest.fixture
def app(make_app):
    """The desk as it is served: gathering the answers that follow each other closely, and
    resting between turns while answers keep coming (the other tests' app takes them at once)."""
    app = make_app(ANSWERS_GATHER_SECONDS=GATHERING,
                   ANSWERS_REST_SECONDS=DEFAULTS["ANSWERS_REST_SECONDS"])
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def started(app, trainer):
    with app.test_request_context():
        scenario = scenarios.builtin(plugin_host())["stellingen-veilig-werken"]
        workshop = workshops.create(scenario, db.session.get(User, trainer))
        workshops.control(workshop.id, "start", {})
        people = [participation.join(workshop.code, "")[0].id for _ in range(PHONES)]
        return workshop.id, people


def answer_together(app, workshop_id, people, step_for=lambda person: "s1"):
    """Every phone answers at the same moment; return each one's outcome."""
    outcomes, gate = {}, threading.Barrier(len(people))

    def phone(person):
        with app.app_context(), app.test_request_context():
            gate.wait()
            try:
                outcomes[person] = answers.submit(workshop_id, person, step_for(person),
                                                  {"choice": "agree"}, client_id=uuid.uuid4().hex)
            except Exception as refused:  # noqa: BLE001  (the outcome is what we check)
                outcomes[person] = refused
            finally:
                db.session.remove()

    threads = [threading.Thread(target=phone, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not any(thread.is_alive() for thread in threads), "an answer is still waiting its turn"
    return outcomes


def stored(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Entry.id)))


def test_forty_phones_answering_at_once_share_a_few_turns_and_each_is_stored_once(
        app, started, monkeypatch):
    workshop_id, people = started
    turns, take_together = [], answers.take_together

    def slow_first_turn(workshop, batch):  # the first turn takes a while: the rest queue up
        turns.append(len(batch))
        if len(turns) == 1:
            threading.Event().wait(0.2)
        return take_together(workshop, batch)

    monkeypatch.setattr(answers, "take_together", slow_first_turn)
    outcomes = answer_together(app, workshop_id, people)

    assert outcomes == {person: True for person in people}
    assert stored(app) == PHONES
    assert sum(turns) == PHONES and len(turns) <= 3, f"{PHONES} answers in turns of {turns}"


def test_an_answer_waiting_for_its_turn_makes_no_database_session(app, started, monkeypatch):
    """Only whoever takes a turn reads and writes; the others wait without a session of their
    own (making one only to close it again was 2 % of the CPU of a room answering)."""
    workshop_id, people = started
    turns, take_together, made = [], answers.take_together, []
    make = db.session.registry.createfunc

    def slow_first_turn(workshop, batch):
        turns.append(len(batch))
        if len(turns) == 1:
            threading.Event().wait(0.2)
        return take_together(workshop, batch)

    monkeypatch.setattr(answers, "take_together", slow_first_turn)
    monkeypatch.setattr(db.session.registry, "createfunc",
                        lambda *args, **kwargs: made.append(1) or make(*args, **kwargs))
    outcomes = answer_together(app, workshop_id, people)

    assert outcomes == {person: True for person in people}
    assert len(made) <= len(turns), f"{len(made)} sessions for {len(turns)} turns"


def test_the_same_answers_again_change_nothing(app, started):
    workshop_id, people = started
    answer_together(app, workshop_id, people)
    again = answer_together(app, workshop_id, people)
    assert again == {person: False for person in people}
    assert stored(app) == PHONES


def test_an_answer_for_a_step_that_has_passed_is_refused_alone(app, started):
    workshop_id, people = started
    late = people[0]
    outcomes = answer_together(app, workshop_id, people,
                               step_for=lambda person: "s0" if person == late else "s1")
    assert "niet meer open" in str(outcomes.pop(late))
    assert outcomes == {person: True for person in people[1:]}
    assert stored(app) == PHONES - 1


def answer_one_by_one(app, workshop_id, people, every: float) -> dict[int, float]:
    """Each phone answers ``every`` seconds after the one before; return how long each waited
    for its acknowledgement."""
    waited, threads = {}, []

    def phone(person):
        with app.app_context(), app.test_request_context():
            began = time.monotonic()
            try:
                answers.submit(workshop_id, person, "s1", {"choice": "agree"},
                               client_id=uuid.uuid4().hex)
            finally:
                waited[person] = time.monotonic() - began
                db.session.remove()

    for person in people:
        threads.append(threading.Thread(target=phone, args=(person,)))
        threads[-1].start()
        time.sleep(every)
    for thread in threads:
        thread.join(30)
    return waited


def test_answers_that_follow_each_other_closely_are_gathered_into_fewer_turns(
        app, started, monkeypatch):
    """A room answering several times a second: each answer soon after the one before waits a
    moment for the next ones, so that a turn (a view of the step and a commit) takes several."""
    workshop_id, people = started
    turns, take_together = [], answers.take_together
    monkeypatch.setattr(answers, "take_together",
                        lambda workshop, batch: (turns.append(len(batch)),
                                                 take_together(workshop, batch))[1])
    waited = answer_one_by_one(app, workshop_id, people, every=GATHERING / 8)

    assert stored(app) == PHONES
    assert sum(turns) == PHONES and len(turns) <= PHONES / 3, f"turns of {turns}"
    assert max(waited.values()) < 1.0


def test_an_answer_to_a_quiet_session_is_taken_at_once(app, started, monkeypatch):
    """Its turn begins when it arrives, without the pause that gathers the answers of a room
    answering several times a second. (Measured up to the turn's beginning: the turn's own work,
    the first in a process especially, is not what this is about.)"""
    workshop_id, people = started
    turns, before_turn, take_together = [], [], answers.take_together

    def watched(workshop, batch):
        before_turn.append(time.monotonic() - min(answer.arrived for answer in batch))
        turns.append(len(batch))
        return take_together(workshop, batch)

    monkeypatch.setattr(answers, "take_together", watched)
    waited = answer_one_by_one(app, workshop_id, people[:3], every=GATHERING * 3)

    assert turns == [1, 1, 1]
    assert max(before_turn) < GATHERING / 2, before_turn
    assert max(waited.values()) < 1.0, waited

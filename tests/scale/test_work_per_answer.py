"""An answer's work does not grow with the sessions stored before it.

A server that has run a year of trainings holds thousands of sessions, their steps, people and
answers. What a live session does on every answer, refresh and step change reads its own rows
only: each of those statements finds them through an index, never by scanning a whole table.
SQLite's query plan says which it does (``EXPLAIN QUERY PLAN``: "SCAN table" reads every row,
"SEARCH table USING INDEX" only the ones it needs).
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import event

from facilitator.contract.plugins import plugin_host
from facilitator.extensions import db
from facilitator.live import answers, broadcast, snapshots
from facilitator.sessions import scenarios, workshops
from facilitator.sessions.models import Participant, User

#: The tables that grow with every session held.
GROWING = {"workshops", "activities", "steps", "participants", "entries", "agreements"}


def _session(trainer: User, people: int) -> tuple[int, list[int]]:
    made = workshops.create(scenarios.builtin(plugin_host())["stellingen-veilig-werken"], trainer,
                            team_name="Wijkteam Noord")
    joined = [Participant(workshop_id=made.id, token_hash=f"{made.id}-{n}", connections=1)
              for n in range(people)]
    db.session.add_all(joined)
    db.session.commit()
    return made.id, [person.id for person in joined]


@pytest.fixture
def statements(app):
    """Every statement SQLite runs while the block is on, with its values written in (SQLite's
    trace callback: it also sees the prepared reads, which SQLAlchemy's events do not)."""
    seen: list[tuple[str, object]] = []
    traced = []

    def trace(dbapi_connection, _record, _proxy):
        dbapi_connection.set_trace_callback(lambda statement: seen.append((statement, ())))
        traced.append(dbapi_connection)

    with app.app_context():
        event.listen(db.engine, "checkout", trace)
        yield seen
        event.remove(db.engine, "checkout", trace)
        for dbapi_connection in traced:
            dbapi_connection.set_trace_callback(None)


def _scans(statement: str, parameters) -> list[str]:
    """The growing tables this statement reads from end to end."""
    plan = db.session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + statement,
                                                   parameters).all()
    return [detail for *_ids, detail in plan
            if (found := re.match(r"SCAN (\w+)", detail)) and found.group(1) in GROWING]


def test_answers_refreshes_and_step_changes_read_their_own_session_by_index(app, trainer,
                                                                            statements):
    with app.test_request_context("/"):
        user = db.session.get(User, trainer)
        for _earlier in range(3):  # sessions held before this one
            _session(user, 5)
        workshop_id, people = _session(user, 20)
        workshops.control(workshop_id, "start", {})
        db.session.remove()
        statements.clear()

        turn = [answers.Answer(person, "s1", {"choice": "agree"}, f"c{person}", False)
                for person in people[:5]]
        answers.take_together(workshop_id, turn)  # the answers, one turn
        assert [answer.failure for answer in turn] == [None] * 5
        db.session.remove()
        reading = snapshots.read_by_id(workshop_id)  # a refresh: every view
        reading.screen(), reading.console(), reading.console_patch(), list(reading.phones())
        db.session.remove()
        workshops.control(workshop_id, "next", {})  # a step change
        db.session.remove()

        run = [(statement, parameters) for statement, parameters in statements
               if statement.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE"))]
        assert len(run) > 10
        assert any("FROM participants" in statement for statement, _parameters in run)
        scanning = {statement: scans for statement, parameters in run
                    if (scans := _scans(statement, parameters))}
        assert not scanning, "read whole tables: " + "\n\n".join(
            f"{scans}: {statement}" for statement, scans in scanning.items())



@pytest.mark.parametrize("together", [1, 5])
def test_a_turn_of_a_work_form_that_does_not_look_at_the_entries_reads_none(
        app, trainer, statements, together, monkeypatch):
    """A turn reads the step's entries only if the work form looks at them (then with the
    answerer's own marked). Read for every turn, they make each answer dearer the more have
    answered; looking up the answerers' own entries alone, to mark them in advance, was a query
    of every turn too (about 2 % of a server's CPU with fifty sessions of 20). The statements do
    not look."""
    with app.test_request_context("/"):
        workshop_id, people = _session(db.session.get(User, trainer), 30)
        workshops.control(workshop_id, "start", {})
        answers.take_together(workshop_id, [answers.Answer(person, "s1", {"choice": "agree"},
                                                           f"a{person}", False)
                                            for person in people[:20]])
        db.session.remove()
        statements.clear()

        # the refresh that follows reads them all to count them (that is its job): not now
        monkeypatch.setitem(app.extensions, "facilitator.refresher",
                            broadcast.Refresher(app, 1, background=False))
        turn = [answers.Answer(person, "s1", {"choice": "disagree"}, f"b{person}", False)
                for person in people[:together]]  # changing their stand: they answered before
        answers.take_together(workshop_id, turn)
        assert [answer.failure for answer in turn] == [None] * together
        assert all(answer.changed for answer in turn)
        assert any(statement.lstrip().upper().startswith("INSERT INTO ENTRIES")
                   for statement, _parameters in statements), "the turn stored nothing?"
        reads = [statement for statement, _parameters in statements
                 if statement.lstrip().upper().startswith("SELECT") and "FROM entries" in statement]
        assert not reads, reads
        assert app.extensions["facilitator.refresher"].flush() == 1  # and then it counts them
        assert any("FROM entries" in statement for statement, _parameters in statements)


def test_a_refresh_switches_language_without_parsing_a_locale_each_time(app, trainer,
                                                                         monkeypatch):
    """Every view of a refresh runs in the session's language, nested a few times over (the
    view, its results, each phone); Babel's ``Locale.parse`` looks on disk each time it runs."""
    from babel import Locale

    parsed = []
    real = Locale.parse.__func__
    monkeypatch.setattr(Locale, "parse", classmethod(
        lambda cls, *args, **kwargs: parsed.append(args[0]) or real(cls, *args, **kwargs)))
    with app.test_request_context("/"):
        workshop_id, people = _session(db.session.get(User, trainer), 4)
        workshops.control(workshop_id, "start", {})
        for _refresh in range(2):
            parsed.clear()
            reading = snapshots.read_by_id(workshop_id)
            reading.screen(), reading.console_patch(), list(reading.phones())
            db.session.remove()
        assert parsed == [], "a locale was parsed again in a refresh"


def test_a_refresh_looks_up_the_language_once_per_view_not_at_every_switch(app, trainer,
                                                                         monkeypatch):
    """A refresh enters the session's language a dozen times, mostly inside itself, and each
    template it renders is given the translators of that language; Flask-Babel's locale lookup
    (through ``g``, several proxies deep) is done when a view begins, not again at each of the
    switches nested in it or for each template."""
    from facilitator import i18n

    looked = []
    real = i18n.get_locale
    monkeypatch.setattr(i18n, "get_locale", lambda: looked.append(1) or real())
    with app.test_request_context("/"):
        workshop_id, people = _session(db.session.get(User, trainer), 4)
        workshops.control(workshop_id, "start", {})
        turn = [answers.Answer(person, "s1", {"choice": "agree"}, f"c{person}", False)
                for person in people[:2]]
        answers.take_together(workshop_id, turn)
        db.session.remove()
        reading = snapshots.read_by_id(workshop_id)
        looked.clear()
        reading.screen(), reading.console_patch()
        phones = list(reading.phones(people[:2]))
        assert len(phones) == 1  # both chose "agree": one rendering
        # once for each view, and for the phones once more for their group (15 times before)
        assert 1 <= len(looked) <= 4, f"the locale was looked up {len(looked)} times for 3 views"

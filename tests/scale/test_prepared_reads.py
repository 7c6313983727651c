"""Prepared reads give what SQLAlchemy gives, on SQLite and on PostgreSQL.

Every answer and every refresh reads the session through ``facilitator.prepared``: the SQL
compiled once, run on the DBAPI connection, each column read as SQLAlchemy reads it. Here each of
those statements runs both ways on a session with answers, and the rows must be equal, value by
value and type by type (JSON decoded, dates as dates, booleans as booleans).
"""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlalchemy import exc, select, text

from facilitator.contract.plugins import plugin_host
from facilitator.extensions import db
from facilitator.live import answers
from facilitator.prepared import Prepared
from facilitator.sessions import scenarios, stepviews, workshops
from facilitator.sessions.models import Participant
from facilitator.web.accounts import add_user

from .. import pg

#: Every prepared read of stepviews, with the values it takes.
READS = ("workshop_and_step", "workshop_and_last_step", "workshop", "people", "person",
         "headcount", "places", "outline_rows", "activity_and_step", "entries", "entries_by")


def _session_with_answers(app) -> dict:
    """A running session of five, three of whom answered (one needs a moment); the values of
    every read."""
    with app.test_request_context("/"):
        trainer = add_user("prepared@example.nl", "prepared password 1", "trainer")
        made = workshops.create(scenarios.builtin(plugin_host())["stellingen-veilig-werken"],
                                trainer, team_name="Team Balie")
        people = [Participant(workshop_id=made.id, token_hash=f"t{n}", connections=n % 2,
                              display_name=f"Deelnemer {n}") for n in range(5)]
        db.session.add_all(people)
        db.session.commit()
        people[0].needs_moment_since = datetime(2026, 12, 6, 14, 30)
        db.session.commit()
        workshops.control(made.id, "start", {})
        turn = [answers.Answer(p.id, "s1", {"choice": "agree"}, f"c{p.id}", False)
                for p in people[:3]]
        answers.take_together(made.id, turn)
        assert [answer.failure for answer in turn] == [None] * 3
        _workshop, (_activity, row) = stepviews.workshop_and_step(made.id)
        author = stepviews.author_key(row.id, people[1].id, "anonymous")
        return {"workshop": made.id, "step": row.id, "one": people[1].id, "author": author}


def _values(name: str, known: dict) -> dict:
    if name == "activity_and_step":
        return {"step": known["step"]}
    if name.startswith("entries"):
        return {"step": known["step"], **({"one": known["author"]} if name == "entries_by" else {})}
    return {"workshop": known["workshop"], **({"one": known["one"]} if name == "person" else {})}


def _both_ways(app) -> None:
    known = _session_with_answers(app)
    with app.test_request_context("/"):
        for name in READS:
            values = _values(name, known)
            by_sqlalchemy = [tuple(row) for row in
                             db.session.execute(stepviews._statement(name), values).all()]
            prepared = [tuple(row) for row in stepviews._read(name, **values)]
            assert prepared, name
            assert prepared == by_sqlalchemy, name
            assert [[type(v) for v in row] for row in prepared] == \
                [[type(v) for v in row] for row in by_sqlalchemy], name
            assert stepviews._prepared(name).tuples(**values) == by_sqlalchemy, name
        entries = stepviews._read("entries", step=known["step"])  # the payload as stored: text
        assert [json.loads(entry.payload) for entry in entries] == [{"choice": "agree"}] * 3
        _workshop, (_activity, row) = stepviews.workshop_and_step(known["workshop"])
        payloads = [entry.payload for entry in stepviews.entries_of(row, {})]
        assert payloads == [{"choice": "agree"}] * 3
        assert len({id(payload) for payload in payloads}) == 3, "each entry its own payload"
        moment = stepviews._read("person", workshop=known["workshop"],
                                 one=db.session.scalar(select(Participant.id).where(
                                     Participant.token_hash == "t0")))[0]
        assert moment.needs_moment_since.replace(tzinfo=None) == datetime(2026, 12, 6, 14, 30)


def test_prepared_reads_give_what_sqlalchemy_gives_on_sqlite(app):
    _both_ways(app)


@pytest.mark.postgres
def test_prepared_reads_give_what_sqlalchemy_gives_on_postgresql(make_app):
    with pg.schema() as url:
        app = make_app(SQLALCHEMY_DATABASE_URI=url)
        try:
            _both_ways(app)
        finally:
            with app.app_context():
                db.session.remove()
                db.engine.dispose()


def test_a_prepared_read_sees_what_the_session_has_not_flushed_yet(app):
    known = _session_with_answers(app)
    with app.test_request_context("/"):
        db.session.add(Participant(workshop_id=known["workshop"], token_hash="late", connections=1))
        assert stepviews.headcount(known["workshop"]).joined == 6
        db.session.rollback()
        assert stepviews.headcount(known["workshop"]).joined == 5


def test_a_database_error_reaches_the_caller_as_sqlalchemys_own(app):
    """The live handlers answer "the database is away" to SQLAlchemy's OperationalError."""
    with app.test_request_context("/"):
        db.session.execute(text("CREATE TABLE gone (id INTEGER)"))
        read = Prepared(select(text("id")).select_from(text("gone")))
        assert read.rows() == []
        db.session.execute(text("DROP TABLE gone"))
        with pytest.raises(exc.OperationalError, match="no such table"):
            read.rows()
        db.session.rollback()


def test_a_prepared_read_refuses_what_it_cannot_take(app):
    with app.test_request_context("/"):
        for _twice in range(2):  # the same, whether the read was compiled before or not
            with pytest.raises(TypeError, match="no parameter step"):
                Prepared(stepviews._statement("headcount")).rows(workshop=1, step=2)
            with pytest.raises(TypeError, match="no parameter step"):
                stepviews._prepared("headcount").rows(workshop=1, step=2)
            assert stepviews._prepared("headcount").rows(workshop=1)
        with pytest.raises(TypeError, match="takes workshop, not $"):
            stepviews._prepared("headcount").rows()
        with pytest.raises(TypeError, match="no parameter step"):
            Prepared(stepviews._statement("places")).rows(workshop=1, step=2)
        with pytest.raises(TypeError, match="not IN lists"):
            Prepared(stepviews._statement("people", only=True)).rows(workshop=1)


def test_payloads_given_alike_are_decoded_once_and_each_entry_still_gets_its_own(app,
                                                                                 monkeypatch):
    """A room's thousand ``{"choice": "agree"}`` are decoded once per read and copied; a work
    form that changes one entry's payload changes no other, nor what the next read gives."""
    known = _session_with_answers(app)
    payload = stepviews._Payloads()
    nested = [payload('{"ideas": ["samen", "rust"]}') for _n in range(2)]
    nested[0]["ideas"].append("weglopen")
    assert nested[1] == {"ideas": ["samen", "rust"]}, "a nested payload shared its list"
    with app.test_request_context("/"):
        _workshop, (_activity, row) = stepviews.workshop_and_step(known["workshop"])
        decoded = []
        monkeypatch.setattr(stepviews.json, "loads",
                            lambda text, _loads=json.loads: decoded.append(text) or _loads(text))
        entries = stepviews.entries_of(row, {})
        assert len(decoded) == 1, "three payloads alike, decoded three times"
        monkeypatch.undo()
        for changed, entry in enumerate(entries):
            entry.payload["choice"] = "disagree"
            assert [e.payload["choice"] for e in entries[changed + 1:]] == \
                ["agree"] * (len(entries) - changed - 1), "payloads were shared"
        assert [entry.payload for entry in stepviews.entries_of(row, {})] == \
            [{"choice": "agree"}] * 3


def test_the_current_step_is_sorted_out_by_id_not_with_every_activitys_configuration(app):
    """Every answer and every refresh read the session's current step. Finding it means putting
    the session's steps in order; SQLite does that in a temporary tree, and with the step's wide
    row in it (each activity's whole configuration, a few KB for a list of statements, once for
    each of its steps) that read cost twice as much. The order is to hold ids only: the sort
    sits in the subquery that finds the step, not in the read of the row."""
    known = _session_with_answers(app)
    with app.test_request_context("/"):
        for name in ("workshop_and_step", "workshop_and_last_step"):
            compiled = stepviews._statement(name).compile(db.engine)
            plan = db.session.connection().exec_driver_sql(
                "EXPLAIN QUERY PLAN " + str(compiled),
                tuple(known["workshop"] if key == "workshop" else compiled.params[key]
                      for key in compiled.positiontup)).all()
            nested = {row[0] for row in plan if "SUBQUERY" in row[3]}
            sorts = [row for row in plan if "TEMP B-TREE" in row[3]]
            assert sorts, f"{name}: no sort at all? {plan}"
            assert all(row[1] in nested for row in sorts), \
                f"{name} sorts whole rows: {[row[3] for row in plan]}"
        _workshop, (_activity, row) = stepviews.workshop_and_step(known["workshop"])
        assert (row.key, row.status) == ("s1", "open")

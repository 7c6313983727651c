"""A dilemma step the trainer sets aside goes to the team plan as an open point, like a quiz
question; un-set, the open point is taken back unless the team has taken it up."""

from dataclasses import replace

from sqlalchemy import select

from facilitator import NewAgreement
from facilitator.extensions import db
from facilitator.sessions.models import Agreement
from facilitator.testing import Bench
from plugins.dilemma.workform import Dilemma

from . import test_live_run as live

session, ok = live.session, live.ok  # the live run's fixture and helper

PREPARED = {"title": "Schelden aan de balie", "text": "Een bezoeker scheldt.", "theme": "limits"}


def test_leaving_a_set_aside_step_proposes_one_open_point_with_the_dilemma():
    bench = Bench(Dilemma(), {"dilemmas": [PREPARED]}, participants=4)
    bench.go("collect")
    bench.state["chosen"] = {"id": "s1", "title": "Schelden aan de balie"}
    view = replace(bench.view(), set_aside=True)
    Dilemma().leave(view)
    assert view.agreements == [NewAgreement(
        "Set aside in the dilemma method, 1. Collect dilemmas: Schelden aan de balie",
        kind="open_point")]
    Dilemma().leave(view)
    assert len(view.agreements) == 1, "the open point is proposed once"
    unset = replace(view, set_aside=False, agreements=[])
    Dilemma().leave(unset)
    assert unset.withdrawn == view.agreements and not unset.agreements


def test_a_step_not_set_aside_proposes_nothing():
    bench = Bench(Dilemma(), {"dilemmas": [PREPARED]}, participants=4)
    bench.go("collect")
    view = bench.view()
    Dilemma().leave(view)
    assert view.agreements == [] and view.withdrawn == []


def open_points(app):
    with app.app_context():
        return [a.text for a in db.session.scalars(
            select(Agreement).where(Agreement.kind == "open_point"))]


def test_a_set_aside_step_is_an_open_point_in_the_team_plan_until_it_is_un_set(app, session):
    console, screen, phones = session
    ok(console.do("start"))
    ok(console.do("set_aside", step="collect"))
    ok(console.do("next"))
    assert open_points(app) == ["Apart gehouden in de dilemmamethodiek: 1. Dilemma's verzamelen"]
    ok(console.do("previous"))
    ok(console.do("set_aside", step="collect"))  # un-set
    ok(console.do("next"))
    assert open_points(app) == []


def test_an_open_point_the_team_took_up_stays_when_the_step_is_un_set(app, session):
    console, screen, phones = session
    ok(console.do("start"))
    ok(console.do("set_aside", step="collect"))
    ok(console.do("next"))
    with app.app_context():
        point = db.session.scalar(select(Agreement).where(Agreement.kind == "open_point"))
        point.status = "done"
        db.session.commit()
    ok(console.do("previous"))
    ok(console.do("set_aside", step="collect"))
    ok(console.do("next"))
    assert len(open_points(app)) == 1

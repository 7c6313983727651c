"""Steps 6 and 7 of the team workshop, in a later session of the same team: the team plan review
(``plugins/review``) grades every chosen solution from 1 to 10, asks for the situation now in at
most five words, and the trainer sets each solution's status in the plan."""

import re

import pytest
from sqlalchemy import select

from facilitator import InputRejected
from facilitator.extensions import db, socketio
from facilitator.sessions.models import Agreement
from facilitator.testing import Bench
from plugins.review.workform import ReviewTeamPlan

from ..conftest import Console, Phone


class OnPaper(ReviewTeamPlan):
    def load_agreements(self, view):
        return [{"id": 3, "text": "Ik test elke ochtend de alarmknop", "kind": "action",
                 "owner": "Anna", "due": None, "status": "open"}]


def test_the_five_words_step_comes_only_with_a_question_and_takes_at_most_five_words():
    form = ReviewTeamPlan()
    plain = form.validate_config({"intro": "x"})
    assert plain == {"intro": "x"} and [s.key for s in form.plan(plain)] == ["grade", "decide"]
    config = form.validate_config({"intro": "", "words_question": " Hoe is het  nu? "})
    assert config == {"intro": "", "words_question": "Hoe is het nu?"}
    assert form.validate_config(config) == config
    assert [s.key for s in form.plan(config)] == ["grade", "words", "decide"]
    bench = Bench(OnPaper(), config, participants=4)
    bench.go("words")
    for person, words in enumerate(["rustiger", "veiliger maar nog druk", "knop werkt nu"], 1):
        bench.answer(person, {"words": words})
    with pytest.raises(InputRejected, match="at most 5 words"):
        bench.answer(4, {"words": "een twee drie vier vijf zes"})
    assert bench.results("screen") is None
    bench.reveal()
    assert bench.results("screen")["words"] == ["rustiger", "veiliger maar nog druk",
                                                "knop werkt nu"]
    assert bench.report()["tables"][0].rows == [["rustiger"], ["veiliger maar nog druk"],
                                                ["knop werkt nu"]]


def _session(app, trainer, scenario_id, team):
    from facilitator.contract.plugins import plugin_host
    from facilitator.sessions import scenarios, workshops
    from facilitator.sessions.models import User

    with app.app_context():
        scenario = scenarios.builtin(plugin_host())[scenario_id]
        made = workshops.create(scenario, db.session.get(User, trainer), team_name=team)
        return made.id, made.code


def ok(ack):
    assert ack["ok"], ack
    return ack


def test_a_later_session_grades_the_workshops_solutions_and_changes_their_status(
        app, trainer, trainer_client):
    # the workshop: two notes, one point, one group, two solutions taken on
    workshop_id, code = _session(app, trainer, "teamworkshop-samen-veilig-aan-de-balie", "Team Balie")
    console = Console(app, trainer_client, workshop_id)
    phones = [Phone(app, code, name) for name in ("Anna", "Bram", "Chris")]
    ok(console.do("start"))
    for phone in phones:
        ok(phone.answer({"board": "improve", "text": "De alarmknop werkt niet"}))
    ok(console.do("goto", position=3))
    ok(console.do("form_groups", size="3"))
    ok(phones[0].answer({"bucket": "self", "text": "Ik test elke ochtend de alarmknop"}))
    ok(phones[1].answer({"bucket": "others", "text": "Facilitair repareert de knop"}))
    ok(console.do("next"))
    html = phones[2].snapshot()["html"]
    ids = {text: value for value, text in
           re.findall(r'<option value="(s\d+)"[^>]*>[^:<]+: ([^<]+)</option>', html)}
    ok(phones[0].answer({"solution": ids["Ik test elke ochtend de alarmknop"]}))
    ok(phones[2].answer({"solution": ids["Facilitair repareert de knop"], "via": "facilitair"}))
    ok(console.do("to_plan", step="followup"))
    ok(console.do("end"))

    # months later: the same team reviews what it chose
    later_id, later_code = _session(app, trainer, "teamworkshop-terugblik", "Team Balie")
    console = Console(app, trainer_client, later_id)
    phones = [Phone(app, later_code) for _ in range(3)]
    ok(console.do("start"))
    with app.app_context():
        plan = {a.text.split(" (")[0]: a.id for a in db.session.scalars(select(Agreement))}
    page = phones[0].snapshot()["html"]
    assert "Ik test elke ochtend de alarmknop" in page and "Facilitair repareert de knop" in page
    for phone, grade in zip(phones, (8, 7, 9), strict=True):
        ok(phone.answer({"action": "rate", "item": str(plan["Ik test elke ochtend de alarmknop"]),
                         "grade": str(grade), "needed": "no"}))
        ok(phone.answer({"action": "rate", "item": str(plan["Facilitair repareert de knop"]),
                         "grade": "3", "needed": "yes"}))
    ok(console.do("reveal", step="grade"))
    ok(console.do("next"))
    assert "Hoe is het nu aan de balie" in phones[0].snapshot()["html"]
    for phone, words in zip(phones, ("rustiger aan de balie", "knop werkt eindelijk",
                                     "nog steeds lange rijen"), strict=True):
        ok(phone.answer({"words": words}))
    too_long = phones[0].answer({"words": "het is nu echt veel beter"})
    assert too_long["ok"] is False and "hooguit 5 woorden" in too_long["error"]
    screen = socketio.test_client(app, flask_test_client=trainer_client,
                                  auth={"role": "screen", "workshop": later_id})
    assert "knop werkt eindelijk" not in screen.emit("hello", {}, callback=True)["snapshot"]["html"]
    ok(console.do("reveal", step="words"))
    assert "knop werkt eindelijk" in screen.emit("hello", {}, callback=True)["snapshot"]["html"]
    ok(console.do("next"))
    ok(console.do("decide", item=str(plan["Ik test elke ochtend de alarmknop"]), status="done"))
    ok(console.do("decide", item=str(plan["Facilitair repareert de knop"]),
                  status="in_progress"))
    with app.app_context():
        statuses = {a.text.split(" (")[0]: a.status for a in db.session.scalars(select(Agreement))}
    assert statuses == {"Ik test elke ochtend de alarmknop": "done",
                        "Facilitair repareert de knop": "in_progress"}

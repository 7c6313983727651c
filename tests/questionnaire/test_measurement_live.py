"""The 1-measurement on the shared screen: after the reveal, per question the team's earlier
0-measurement against now, with the n of each; below the minimum only that it is not shown."""

from datetime import UTC, datetime, timedelta

MIXED = {
    "scale": ["eens", "oneens"], "attention": ["oneens"],
    "aspects": [
        {"title": "Afgelopen jaar", "type": "frequency",
         "statements": ["Hoe vaak werd je uitgescholden?"]},
        {"title": "Melden", "type": "yesno", "statements": ["Weet je waar je meldt?"]},
        {"title": "Tot slot", "type": "open", "statements": ["Wat helpt je?"]},
    ],
}


def scenario(phase, minimum):
    return {"title": f"{phase}-meting", "activities": [{"type": "questionnaire", "title": "Meting",
            "config": {**MIXED, "measurement": {"id": "vw", "phase": phase, "minimum": minimum}}}]}


def held_before(session, minimum, respondents=4, other_team=False, days_ago=90):
    """An earlier session of the same team (or another) whose 0-measurement kept its tally."""
    from sqlalchemy import select

    from facilitator.contract.plugins import plugin_host
    from facilitator.extensions import db
    from facilitator.sessions import scenarios, workshops
    from facilitator.sessions.models import User
    from facilitator.testing import TRAINER_EMAIL

    with session.app.app_context():
        trainer = db.session.scalar(select(User).where(User.email == TRAINER_EMAIL))
        made = workshops.create(scenarios.from_data(scenario("0", minimum), "zero", plugin_host()),
                                trainer, team_name="Ander team" if other_team else "Team")
        made.status, made.started_at = "ended", datetime.now(UTC) - timedelta(days=days_ago)
        [activity] = made.activities
        activity.state = {"tally": {
            "measurement": {"id": "vw", "phase": "0", "minimum": minimum},
            "respondents": respondents, "scale": ["eens", "oneens"],
            "rows": [["0.0", "Hoe vaak werd je uitgescholden?", [0, 1, 1, respondents - 2]],
                     ["1.0", "Weet je waar je meldt?", [1, respondents - 1]]],
            "options": {"0.0": ["nooit", "1 keer", "2 tot 5 keer", "vaker dan 5 keer"],
                        "1.0": ["ja", "nee"]}}}
        db.session.commit()
        db.session.remove()


def answer_all(session, open_text=True):
    for number, phone in enumerate(session.phones):
        assert phone.answer({"aspect": "0", "q-0-0": "nooit"})["ok"]
        assert phone.answer({"aspect": "1", "q-1-0": "ja"})["ok"]
        if open_text:
            assert phone.answer({"aspect": "2", "q-2-0": f"Een collega erbij ({number})"})["ok"]


def test_after_the_reveal_the_screen_compares_0_and_1_per_question_with_each_n(
        facilitator_session):
    session = facilitator_session(scenario("1", 2), phones=3)
    held_before(session, minimum=2, respondents=4)
    held_before(session, minimum=2, respondents=9, other_team=True)  # not this team's
    session.trainer.do("start")
    answer_all(session)
    screen = session.screen.html
    assert "data-comparison" not in screen and "Een collega erbij" not in screen  # not yet
    session.trainer.do("close")
    assert "data-comparison" not in session.screen.html
    session.trainer.do("reveal")
    screen = session.screen.html
    assert "data-comparison" in screen
    assert "0-meting (n=4)" in screen and "1-meting (n=3)" in screen  # the other team's n=9 not
    question = screen.split('data-compare="0.0"')[1].split("</figure>")[0]
    assert "Hoe vaak werd je uitgescholden?" in question
    before = [cell.split(">", 1)[1].split("<")[0].strip()
              for cell in question.split('data-side="0"')[1:]]
    now = [cell.split(">", 1)[1].split("<")[0].strip()
           for cell in question.split('data-side="1"')[1:]]
    assert before == ["0%", "25%", "25%", "50%"] and now == ["100%", "0%", "0%", "0%"]
    assert 'data-compare="1.0"' in screen
    assert "Een collega erbij (0)" in screen  # the open answers, after the reveal, without names


def test_below_the_minimum_on_either_side_the_screen_says_so_and_shows_nothing(
        facilitator_session):
    session = facilitator_session(scenario("1", 3), phones=3)  # 3 now: not more than 3
    held_before(session, minimum=3, respondents=20)
    session.trainer.do("start")
    answer_all(session)
    session.trainer.do("close")
    session.trainer.do("reveal")
    screen = session.screen.html
    assert "data-no-comparison" in screen and "meer dan 3 respondenten" in screen
    assert "data-compare=" not in screen and "%" not in screen.split("data-comparison")[1]
    assert "Een collega erbij" not in screen and "n=20" not in screen


def test_without_a_0_measurement_of_the_team_there_is_nothing_to_compare(facilitator_session):
    session = facilitator_session(scenario("1", 2), phones=3)
    session.trainer.do("start")
    answer_all(session, open_text=False)
    session.trainer.do("close")
    session.trainer.do("reveal")
    assert "geen 0-meting van dit team" in session.screen.html and "data-compare=" not in session.screen.html


def test_a_0_measurement_held_later_is_not_the_baseline(facilitator_session):
    session = facilitator_session(scenario("1", 2), phones=3)
    held_before(session, minimum=2, respondents=9, days_ago=-30)  # started after this one
    session.trainer.do("start")
    answer_all(session, open_text=False)
    session.trainer.do("close")
    session.trainer.do("reveal")
    assert "geen 0-meting van dit team" in session.screen.html

"""A live debate through the Flask-SocketIO test client: a trainer, the screen and six phones."""

import re

import pytest
from sqlalchemy import select

from facilitator.extensions import db, socketio
from facilitator.sessions.models import Agreement

from ..conftest import Console, Phone

SCENARIO = "lagerhuis-stellingen"


@pytest.fixture
def debate_session(app, trainer):
    from facilitator.contract.plugins import plugin_host
    from facilitator.sessions import scenarios, workshops
    from facilitator.sessions.models import User

    with app.app_context():
        scenario = scenarios.builtin(plugin_host())[SCENARIO]
        made = workshops.create(scenario, db.session.get(User, trainer), team_name="Team Wijkzaken")
        return {"id": made.id, "code": made.code}


@pytest.fixture
def console(app, trainer_client, debate_session):
    return Console(app, trainer_client, debate_session["id"])


@pytest.fixture
def screen(app, trainer_client, debate_session):
    client = socketio.test_client(app, flask_test_client=trainer_client,
                                  auth={"role": "screen", "workshop": debate_session["id"]})
    return lambda: client.emit("hello", {}, callback=True)["snapshot"]["html"]


@pytest.fixture
def six(app, debate_session):
    return [Phone(app, debate_session["code"]) for _ in range(6)]


def side_of(phone):
    found = re.search(r'data-side="(for|against)"', phone.snapshot()["html"])
    return found and found.group(1)


def queue_order(console):
    """Participant ids in the order of the places shown in the console's two queue columns."""
    found = re.findall(r'data-participant="(\d+)" data-place="(\d+)"', console.snapshot()["html"])
    return [int(pid) for pid, _place in sorted(found, key=lambda item: int(item[1]))]


def participant_id(phone):
    from facilitator.sessions import participation

    with phone.app.app_context():
        return participation.by_token(phone.http.get_cookie(f"fac_{phone.code}").value).id


def run_opening_vote(console, phones):
    assert console.do("start") == {"ok": True}
    for index, phone in enumerate(phones):
        assert phone.answer({"choice": "for" if index < 5 else "against"})["ok"]
    assert console.do("divide", step="opening") == {"ok": True}
    assert console.do("next") == {"ok": True}  # the preparation
    assert console.do("next") == {"ok": True}  # the debate


def test_six_phones_debate_and_the_screen_keeps_count(app, console, screen, six):
    run_opening_vote(console, six)
    sides = [side_of(p) for p in six]
    assert sorted(sides) == ["against"] * 3 + ["for"] * 3, "divided at random, balanced"
    html = six[0].snapshot()["html"]
    word = {"for": "Voor", "against": "Tegen"}[sides[0]]
    assert f'class="debate-side side-{sides[0]}"' in html and f"Jouw kant <strong>{word}</strong>" in html
    assert "Ik sta op" in html

    pro = [p for p, s in zip(six, sides, strict=True) if s == "for"]
    con = [p for p, s in zip(six, sides, strict=True) if s == "against"]
    order = [con[0], pro[0], pro[1], con[1]]
    for phone in order:
        assert phone.answer({"action": "stand"})["ok"]
    assert queue_order(console) == [participant_id(p) for p in order]
    assert "nummer 2 in de rij" in pro[0].snapshot()["html"]

    assert console.do("floor", step="debate") == {"ok": True}
    assert "Je hebt het woord" in con[0].snapshot()["html"]
    assert "Je hebt het woord" not in pro[0].snapshot()["html"]
    refused = pro[0].answer({"action": "argument", "text": "Ik praat voor mijn beurt."})
    assert refused["ok"] is False and "woord" in refused["error"]
    huge = con[0].answer({"action": "argument", "text": "x" * 5000})
    assert huge["ok"] is False and "te lang" in huge["error"]
    said = con[0].answer({"action": "argument", "text": "Aangifte kost <b>uren</b> werk."})
    assert said["ok"]
    assert "Aangifte kost &lt;b&gt;uren&lt;/b&gt; werk." in screen()

    assert console.do("floor", step="debate") == {"ok": True}  # the next in line: pro[0]
    argument_id = re.search(r'id="debate-arg-(\d+)" data-argument="T1"', screen()).group(1)
    reply = pro[0].answer({"action": "argument", "text": "Zonder aangifte gebeurt er niets.",
                           "answers": argument_id})
    assert reply["ok"]
    html = screen()
    assert 'data-answers="T1"' in html and "beantwoord door V1" in html
    assert re.search(r'data-count="for"[^>]*>1<', html) and re.search(r'data-count="against"[^>]*>1<', html)

    assert console.do("argument", step="debate", side="for", text="De politie leert ervan.")["ok"]
    assert console.do("argument", step="debate", side="for", text="")["ok"] is False
    assert console.do("finish", step="debate") == {"ok": True}
    assert "Voor wint met 2 argumenten tegen 1" in screen()
    assert con[1].answer({"action": "stand"})["ok"] is False


def test_sitting_down_withdraws_and_standing_again_joins_the_back(app, console, six):
    run_opening_vote(console, six)
    first, second, third = six[:3]
    for phone in (first, second, third):
        assert phone.answer({"action": "stand"})["ok"]
    slot = re.search(r'data-withdraw="(up\d+)"', first.snapshot()["html"]).group(1)
    assert first.sio.emit("withdraw", {"step": "debate", "slot": slot}, callback=True)["ok"]
    assert first.answer({"action": "stand"})["ok"]
    assert queue_order(console) == [participant_id(p) for p in (second, third, first)]
    again = first.answer({"action": "stand"})  # a double tap keeps the place
    assert again == {"ok": True, "changed": False}


def test_a_speaker_who_disconnects_loses_the_floor_to_the_next_in_line(app, console, six):
    run_opening_vote(console, six)
    speaker, next_up = six[0], six[1]
    speaker.answer({"action": "stand"})
    next_up.answer({"action": "stand"})
    console.do("floor", step="debate")
    assert "Je hebt het woord" in speaker.snapshot()["html"]
    speaker.sio.disconnect()
    html = console.snapshot()["html"]
    assert f'data-speaker="{participant_id(next_up)}"' in html
    assert "ging het woord vanzelf naar" in html
    assert "Je hebt het woord" in next_up.snapshot()["html"]
    assert next_up.answer({"action": "argument", "text": "Ik ga verder."})["ok"]


def test_the_sides_stand_from_the_start_and_the_opening_vote_does_not_change_them(
        app, console, six):
    console.do("start")
    sides = [side_of(p) for p in six]
    assert sorted(sides) == ["against"] * 3 + ["for"] * 3
    for phone in six:
        phone.answer({"choice": "against"})
    console.do("next")
    console.do("next")
    assert [side_of(p) for p in six] == sides
    assert six[0].answer({"action": "stand"})["ok"]


def test_a_late_joiner_lands_on_the_smaller_side(app, console, six, debate_session):
    console.do("start")
    for phone in six[:5]:
        phone.answer({"choice": "for"})
    console.do("divide", step="opening")
    late = Phone(app, debate_session["code"])
    assert side_of(late) in ("for", "against")
    sides = [side_of(p) for p in [*six, late]]
    assert abs(sides.count("for") - sides.count("against")) <= 1
    across = "against" if sides[-1] == "for" else "for"
    assert console.do("move", participant=participant_id(late), side=across, step="opening")["ok"]
    assert side_of(late) == across


def test_closing_vote_and_debrief_put_conclusions_in_the_team_plan(app, console, screen, six):
    run_opening_vote(console, six)
    console.do("finish", step="debate")
    console.do("next")
    for phone in six:
        assert phone.answer({"choice": "against"})["ok"]
    console.do("reveal", step="closing")
    html = screen()
    assert "Bij de start: 5 voor en 1 tegen." in html
    assert "Van mening veranderd: 0 naar voor, 5 naar tegen." in html
    console.do("next")
    assert console.do("conclusion", step="debrief", text="We doen altijd aangifte van bedreiging.",
                      plan="1", owner="Teamleider")["ok"]
    assert console.do("conclusion", step="debrief", text="Alleen voor het verslag.")["ok"]
    with app.app_context():
        agreements = db.session.scalars(select(Agreement)).all()
        assert [(a.text, a.owner) for a in agreements] == [
            ("We doen altijd aangifte van bedreiging.", "Teamleider")]
        assert agreements[0].team_id is not None
    assert "We doen altijd aangifte van bedreiging." in screen()


def test_names_stay_off_the_shared_screen_in_an_anonymous_session(app, console, screen,
                                                                   debate_session):
    fatima, joost = (Phone(app, debate_session["code"], name) for name in ("Fatima", "Joost"))
    console.do("start")
    console.do("next")
    fatima.answer({"action": "stand"})
    console.do("floor", step="debate")
    fatima.answer({"action": "argument", "text": "Een grens stellen beschermt ook de klant."})
    assert "Fatima" in console.snapshot()["html"], "the trainer sees who speaks"
    assert "Fatima" not in screen() and "Fatima" not in joost.snapshot()["html"]


def test_a_stand_up_during_a_running_countdown_sends_the_console_the_time_left_now(
        app, console, six):
    """The console counts a running countdown on from the time left in its last snapshot
    (live.js). A patch for an answer puts the console's current step together again from the
    parts it brings: the countdown must be among them with the time left now, or every stand-up
    would set the trainer's clock back to the time of the last trainer action."""
    import time

    from ..clients import put_in_place

    def left(html):
        return float(re.search(r'data-countdown[^>]*data-left="([\d.]+)"', html).group(1))

    run_opening_vote(console, six)
    assert console.do("countdown", step="debate", do="start")["ok"]
    shown = console.snapshot()
    console.sio.get_received()
    time.sleep(1.2)
    assert six[0].answer({"action": "stand"})["ok"]
    patches = [args[0] for event in console.sio.get_received() if event["name"] == "snapshot"
               for args in [event["args"]] if "parts" in args[0]]
    assert patches and "countdown" in patches[-1]["parts"]
    shown = put_in_place(shown, patches)
    full = console.snapshot()["html"]
    assert left(shown["html"]) <= left(full) + 0.5 and left(shown["html"]) < 20 * 60 - 1.0
    assert re.sub(r'data-left="[\d.]+"', "", shown["html"]) == \
        re.sub(r'data-left="[\d.]+"', "", full)

"""METHODS.md section 4 (lower-house debate), rule by rule: the trainer divides the group, each
side prepares its arguments out of the other side's sight, the first to stand gets the floor, and
the console never skips the person the floor passed to by itself."""

import re

import pytest

from facilitator import ActionRejected
from facilitator.testing import Bench
from plugins.debate.workform import Debate

from ..conftest import Console, Phone
from .test_debate_on_bench import STATEMENTS, on_side, queue, sit_down, stand
from .test_live_debate import debate_session, participant_id, side_of  # noqa: F401 (fixture)


def bench(people=6, **config):
    return Bench(Debate(), {"statements": STATEMENTS, **config}, participants=people)


def test_debate_4_the_trainer_divides_the_group_random_and_balanced_by_default():
    b = bench(7)
    assert [s.key for s in b.steps] == ["opening", "prepare", "debate", "closing", "debrief"]
    b.go("opening")
    sides = b.state["sides"]
    assert len(sides) == 7 and abs(len(on_side(b, "for")) - len(on_side(b, "against"))) == 1
    for pid in range(1, 8):  # everyone votes for: the sides stay as the trainer divided them
        b.answer(pid, {"choice": "for"})
    b.go("prepare")
    assert b.state["sides"] == sides
    assert b.state["opening"] == {str(pid): "for" for pid in range(1, 8)}, "the vote is kept"
    b.act("move", {"participant": "1", "side": "against" if sides["1"] == "for" else "for"})
    assert b.state["sides"]["1"] != sides["1"], "by hand if needed"


def test_debate_4_the_opening_vote_divides_the_group_only_as_an_option():
    b = bench(4, sides_from_vote=True)
    b.go("opening")
    assert not b.state.get("sides")
    for pid in (1, 2):
        b.answer(pid, {"choice": "against"})
    b.go("prepare")
    assert b.state["sides"]["1"] == b.state["sides"]["2"] == "against"


def test_debate_4_preparation_each_side_collects_arguments_visible_to_its_own_side_only():
    b = bench(4, opening_vote=False)
    b.go("prepare")
    pro, con = on_side(b, "for"), on_side(b, "against")
    b.answer(pro[0], {"text": "Aangifte laat zien dat we het menen."})
    b.answer(pro[1], {"text": "De politie krijgt een beeld."})
    b.answer(con[0], {"text": "Aangifte kost uren."})
    form = Debate()

    def seen(pid):
        me = next(p for p in b.participants if p.id == pid)
        return form.phone_context(b.view(pid), me, [])["prepared"]

    assert seen(pro[1]) == ["Aangifte laat zien dat we het menen.", "De politie krijgt een beeld."]
    assert seen(con[1]) == ["Aangifte kost uren."]
    shown = form.results(b.view())
    assert shown == {"prepared": {"for": 2, "against": 1}}, "the screen gets counts, no texts"
    b.go("debate")  # each side takes its own list into the debate
    me = next(p for p in b.participants if p.id == con[1])
    assert form.phone_context(b.view(con[1]), me, [])["prepared"] == ["Aangifte kost uren."]


def test_debate_4_first_to_stand_gets_the_floor_passing_over_needs_a_logged_reason():
    b = bench(6, opening_vote=False)
    b.go("debate")
    for pid in (4, 2, 6):
        stand(b, pid)
    later = next(e for e in b.entries["debate"] if e.participant_id == 2)
    with pytest.raises(ActionRejected, match="reason"):
        b.act("floor", {"entry": str(later.id)})
    b.act("floor", {"entry": str(later.id), "reason": "Heeft nog niet gesproken vandaag"})
    hall = Debate().hall(b.view())
    assert hall.speaker.participant == 2 and queue(b) == [4, 6]
    log = b.data["debate"]["passed_over"]
    assert [(x["passed"], x["to"], x["reason"]) for x in log] == [
        ([4], 2, "Heeft nog niet gesproken vandaag")]
    b.act("floor")  # the first standing gets it, no reason needed
    assert Debate().hall(b.view()).speaker.participant == 4


def test_debate_4_console_trap_the_floor_that_passed_on_is_not_skipped():
    b = bench(6, opening_vote=False)
    b.go("debate")
    for pid in (1, 2, 3):
        stand(b, pid)
    b.act("floor")
    sit_down(b, 1)  # the speaker sits down: the floor passes to 2 by itself
    hall = Debate().hall(b.view())
    assert hall.speaker.participant == 2 and hall.speaker.passed_on
    b.act("floor")  # the trainer presses the primary button, from a console a moment old
    hall = Debate().hall(b.view())
    assert hall.speaker.participant == 2, "the person the floor passed to was skipped"
    assert queue(b) == [3]


# -- live, through the host ----------------------------------------------------------------------

def primaries(html):
    return re.findall(r'<button[^>]*class="[^"]*\bprimary\b[^"]*"[^>]*data-action="(\w+)"', html) \
        + re.findall(r'<button[^>]*data-action="(\w+)"[^>]*class="[^"]*\bprimary\b', html)


def test_debate_4_console_one_primary_action_per_state_and_the_passed_floor_is_shown(
        app, trainer_client, debate_session):  # noqa: F811
    console = Console(app, trainer_client, debate_session["id"])
    names = ["Anouk", "Bram", "Chantal", "Dirk"]
    phones = [Phone(app, debate_session["code"], name) for name in names]
    assert console.do("start") == {"ok": True}
    assert all(side_of(p) for p in phones), "the trainer's division is there from the start"
    console.do("next")  # the preparation
    pro = [p for p in phones if side_of(p) == "for"]
    con = [p for p in phones if side_of(p) == "against"]
    assert pro[0].answer({"text": "Een grens beschermt ook de klant."})["ok"]
    assert "Een grens beschermt ook de klant." in pro[1].snapshot()["html"]
    assert "Een grens beschermt ook de klant." not in con[0].snapshot()["html"]
    console.do("next")  # the debate
    html = console.snapshot()["html"]
    assert primaries(html) == [], primaries(html)  # nobody stands: nothing to press
    first, second, third = pro[0], con[0], pro[1]
    for phone in (first, second, third):
        assert phone.answer({"action": "stand"})["ok"]
    html = console.snapshot()["html"]
    assert primaries(html) == ["floor"], primaries(html)
    assert console.do("floor", step="debate") == {"ok": True}
    slot = re.search(r'data-withdraw="(up\d+)"', first.snapshot()["html"]).group(1)
    assert first.sio.emit("withdraw", {"step": "debate", "slot": slot}, callback=True)["ok"]
    html = console.snapshot()["html"]
    assert primaries(html) == ["floor"]
    button = re.search(r'<button[^>]*class="primary"[^>]*>(.*?)</button>', html, re.S).group(1)
    name = {id(phone): n for n, phone in zip(names, phones, strict=True)}
    assert "Volgende in de rij" not in button and name[id(third)] not in button, button
    assert name[id(second)] in button, button
    floor = html[html.index("data-floor"):html.index("debate-queues")]
    assert name[id(first)] in floor and name[id(second)] in floor, "what happened by itself"
    assert console.do("floor", step="debate", entry=re.search(
        r'class="primary"[^>]*data-entry="(\d+)"', html).group(1)) == {"ok": True}
    assert "Je hebt het woord" in second.snapshot()["html"]
    assert participant_id(third) in [int(x) for x in re.findall(
        r'data-participant="(\d+)" data-place', console.snapshot()["html"])]


def test_debate_4_set_aside_points_reach_the_team_plan_as_open_points():
    b = bench(4, opening_vote=False)
    b.go("debate")
    view = b.view()
    view.set_aside = True
    Debate().leave(view)
    assert [(a.kind, a.text) for a in view.agreements] == [
        ("open_point", f"Set aside in the lower-house debate: {STATEMENTS[0]}")]

"""The debate on plain data: sides, the queue, the floor, arguments and the count.

No app runs here, so refusals come in English (the msgids); the live tests see Dutch."""

from dataclasses import replace

import pytest

from facilitator import ActionRejected, ConfigInvalid, InputRejected
from facilitator.testing import Bench
from plugins.debate.workform import Debate

STATEMENTS = ["Bij elke bedreiging doen we aangifte.", "Een beveiliger maakt het kantoor veiliger."]


def bench(people=6, **config):
    return Bench(Debate(), {"statements": STATEMENTS, **config}, participants=people)


def debate(people=6, **config):
    """A bench at the debate step, sides drawn by lot (no opening vote)."""
    b = bench(people, opening_vote=False, **config)
    b.go("debate")
    return b


def side(b, pid):
    return b.state["sides"][str(pid)]


def on_side(b, wanted):
    return [int(pid) for pid, s in b.state["sides"].items() if s == wanted]


def queue(b):
    return [e.participant_id for e in Debate().hall(b.view()).queue]


def stand(b, pid):
    return b.answer(pid, {"action": "stand"})


def sit_down(b, pid):
    """What the host does with a withdraw: the participant's latest stand-up entry is deleted."""
    mine = [e for e in b.entries["debate"] if e.participant_id == pid and e.slot.startswith("up")]
    b.entries["debate"].remove(mine[-1])


def go_offline(b, pid):
    b.participants = [replace(p, connected=False) if p.id == pid else p for p in b.participants]


def test_the_plan_has_the_votes_only_when_configured():
    keys = [s.key for s in Debate().plan(Debate().validate_config({"statements": STATEMENTS}))]
    assert keys == ["opening", "prepare", "debate", "closing", "debrief"]
    short = Debate().validate_config({"statements": STATEMENTS, "opening_vote": False,
                                      "closing_vote": False, "preparation": False})
    assert [s.key for s in Debate().plan(short)] == ["debate", "debrief"]
    assert not Debate().plan(short)[-1].takes_input


@pytest.mark.parametrize("config, where", [
    ({}, "statements"),
    ({"statements": []}, "statements"),
    ({"statements": ["  "]}, "statements[0].text"),
    ({"statements": ["x" * 301]}, "statements[0].text"),
    ({"statements": ["ok"], "speaking_time": -5}, "speaking_time"),
    ({"statements": ["ok"], "debate_time": "lang"}, "debate_time"),
    ({"statements": ["ok"], "closing_vote": "ja"}, "closing_vote"),
])
def test_a_bad_config_names_the_item(config, where):
    with pytest.raises(ConfigInvalid) as raised:
        Debate().validate_config(config)
    assert where in [p.where for p in raised.value.problems]


def test_without_an_opening_vote_the_sides_are_drawn_by_lot_and_balanced():
    b = debate(7)
    assert sorted(map(len, (on_side(b, "for"), on_side(b, "against")))) == [3, 4]
    assert set(b.state["sides"]) == {str(i) for i in range(1, 8)}


def test_the_opening_vote_forms_the_sides_and_the_larger_side_gives_up_people_by_lot():
    b = bench(8, sides_from_vote=True)
    b.go("opening")
    for pid in range(1, 7):
        b.answer(pid, {"choice": "for"})
    b.answer(7, {"choice": "against"})  # participant 8 does not vote
    b.act("divide")
    assert len(on_side(b, "for")) == 4 and len(on_side(b, "against")) == 4
    assert side(b, 7) == "against" and side(b, 8) == "against"
    assert len(b.state["moved"]) == 2 and all(1 <= pid <= 6 for pid in b.state["moved"])
    assert all(side(b, pid) == "against" for pid in b.state["moved"])
    assert b.state["opening"]["1"] == "for"


def test_a_late_joiner_goes_to_the_smaller_side_and_the_trainer_can_move_a_person():
    b = debate(5)
    smaller = "for" if len(on_side(b, "for")) == 2 else "against"
    late = b.join(6)
    assert side(b, late.id) == smaller
    b.act("move", {"participant": 6, "side": "for"})
    b.act("move", {"participant": "6", "side": "against"})
    assert side(b, 6) == "against"
    with pytest.raises(ActionRejected):
        b.act("move", {"participant": 99, "side": "for"})


def test_the_queue_is_the_order_of_arrival_and_a_double_tap_keeps_the_place():
    b = debate(6)
    for pid in (4, 2, 6, 1):
        stand(b, pid)
    first = stand(b, 2)  # a double tap: same entry, same place
    assert queue(b) == [4, 2, 6, 1]
    assert len([e for e in b.entries["debate"] if e.participant_id == 2]) == 1
    assert first.slot == "up1"


def test_sitting_down_and_standing_up_again_goes_to_the_back_of_the_queue():
    b = debate(6)
    for pid in (1, 2, 3):
        stand(b, pid)
    sit_down(b, 1)
    assert queue(b) == [2, 3]
    again = stand(b, 1)
    assert queue(b) == [2, 3, 1]
    assert again.slot == "up1"  # the old entry is gone; a fresh one takes its place
    assert Debate().hall(b.view()).place_of(1) == 3


def test_only_someone_on_a_side_can_stand_up():
    b = debate(4)
    b.state["sides"].pop("4")  # somebody the division left out
    with pytest.raises(InputRejected, match="not on a side"):
        stand(b, 4)
    stand(b, 3)


def test_moving_on_from_the_vote_divides_the_group_and_the_debrief_keeps_the_count():
    b = bench(4, written_arguments=True, sides_from_vote=True)
    b.go("opening")
    for pid in (1, 2):
        b.answer(pid, {"choice": "against"})
    b.go("debate")  # the trainer did not press "divide"
    assert side(b, 1) == side(b, 2) == "against" and side(b, 3) == side(b, 4) == "for"
    b.answer(3, {"action": "argument", "text": "Een argument voor"})
    b.go("closing")
    assert b.state["result"] == {"count": {"for": 1, "against": 0},
                                 "replies": {"for": 0, "against": 0}, "winner": "for"}


def test_the_floor_goes_to_the_first_in_line_who_may_then_record_an_argument():
    b = debate(6)
    stand(b, 3)
    stand(b, 5)
    b.act("floor")
    hall = Debate().hall(b.view())
    assert hall.speaker.participant == 3 and queue(b) == [5]
    context = Debate().phone_context(b.view(3), b.participants[2], [])
    assert context["has_floor"] and context["can_write"]
    argument = b.answer(3, {"action": "argument", "text": "Aangifte laat zien dat we het menen."})
    assert argument.payload["side"] == side(b, 3)
    with pytest.raises(InputRejected, match="have the floor"):
        b.answer(5, {"action": "argument", "text": "Ik heb het woord niet."})


def test_when_the_trainer_allows_written_arguments_anyone_on_a_side_may_type_one():
    b = debate(4)
    b.act("written")
    entry = b.answer(2, {"action": "argument", "text": "Schriftelijk argument"})
    assert entry.payload["side"] == side(b, 2)
    b.act("written")
    with pytest.raises(InputRejected):
        b.answer(2, {"action": "argument", "text": "Nog een"})


@pytest.mark.parametrize("text", ["", "   ", "x" * 281, None, 42])
def test_empty_or_huge_arguments_are_refused(text):
    b = debate(4, written_arguments=True)
    with pytest.raises(InputRejected):
        b.answer(1, {"action": "argument", "text": text})


def test_a_counter_argument_is_linked_and_must_answer_the_other_side():
    b = debate(4, written_arguments=True)
    pro, con = on_side(b, "for")[0], on_side(b, "against")[0]
    first = b.answer(pro, {"action": "argument", "text": "Aangifte helpt de politie."})
    reply = b.answer(con, {"action": "argument", "text": "Maar kost veel tijd.",
                           "answers": str(first.id)})
    assert reply.payload["answers"] == first.id
    hall = Debate().hall(b.view())
    assert [a.id for a in hall.replies_to(first.id)] == [reply.id]
    for bad in (str(first.id), "9999", "abc"):  # own side, unknown, not a number
        with pytest.raises(InputRejected, match="other side"):
            b.answer(pro, {"action": "argument", "text": f"Weerwoord {bad}", "answers": bad})


def test_the_same_argument_sent_twice_is_recorded_once():
    b = debate(4, written_arguments=True)
    b.answer(1, {"action": "argument", "text": "Eén keer"})
    b.answer(1, {"action": "argument", "text": "Eén keer"})
    assert len(Debate().hall(b.view()).arguments) == 1


def test_a_speaker_who_disconnects_passes_the_floor_to_the_next_connected_in_line():
    clock = iter(range(1000, 2000, 10))
    form = Debate()
    form.clock = lambda: next(clock)
    b = Bench(form, {"statements": STATEMENTS, "opening_vote": False}, participants=5)
    b.go("debate")
    for pid in (1, 2, 3):
        stand(b, pid)
    b.act("floor")
    go_offline(b, 1)
    go_offline(b, 2)  # the next in line is offline too: skipped
    hall = form.hall(b.view())
    assert hall.speaker.participant == 3 and hall.speaker.passed_on and hall.speaker.until is None
    b.answer(3, {"action": "argument", "text": "Ik neem het over."})
    b.act("end_turn")  # any trainer action writes the passed floor down first
    assert b.data["debate"]["floor"] is None
    b.participants = [replace(p, connected=True) for p in b.participants]
    assert form.hall(b.view()).queue and queue(b) == [2]


def test_giving_the_floor_sets_the_speaking_time_and_starts_the_debate_clock():
    form = Debate()
    form.clock = lambda: 5000.0
    b = Bench(form, {"statements": STATEMENTS, "opening_vote": False, "speaking_time": 45,
                     "debate_time": 15}, participants=4)
    b.go("debate")
    stand(b, 1)
    b.act("floor")
    assert b.data["debate"]["floor"]["until"] == 5045.0
    assert b.data["debate"]["debate_until"] == 5000.0 + 15 * 60


def test_an_offline_person_cannot_be_given_the_floor_and_an_empty_queue_says_so():
    b = debate(4)
    with pytest.raises(ActionRejected, match="Nobody"):
        b.act("floor")
    stand(b, 2)
    go_offline(b, 2)
    entry = b.entries["debate"][0]
    with pytest.raises(ActionRejected, match="offline"):
        b.act("floor", {"entry": str(entry.id)})


def test_the_side_with_most_arguments_wins_and_a_tie_is_a_tie():
    b = debate(4, written_arguments=True)
    pro, con = on_side(b, "for"), on_side(b, "against")
    b.answer(pro[0], {"action": "argument", "text": "Een"})
    b.answer(con[0], {"action": "argument", "text": "Twee"})
    assert b.results()["winner"] is None
    assert "tie" in Debate().outcome(b.results()["count"], None).lower()
    b.act("argument", {"side": "against", "text": "Door de begeleider genoteerd"})
    assert b.results() == {"count": {"for": 1, "against": 2}, "replies": {"for": 0, "against": 0},
                           "winner": "against"}
    b.act("finish")
    assert b.state["result"]["winner"] == "against"
    with pytest.raises(InputRejected, match="over"):
        stand(b, pro[0])


def test_the_trainer_removes_an_argument_and_its_replies_lose_the_link():
    b = debate(4, written_arguments=True)
    pro, con = on_side(b, "for")[0], on_side(b, "against")[0]
    first = b.answer(pro, {"action": "argument", "text": "Eerste"})
    reply = b.answer(con, {"action": "argument", "text": "Reactie", "answers": first.id})
    b.act("remove_argument", {"entry": first.id})
    hall = Debate().hall(b.view())
    assert [a.id for a in hall.arguments] == [reply.id] and hall.arguments[0].answers is None


def test_the_closing_vote_shows_who_changed_their_mind():
    b = bench(4)
    b.go("opening")
    for pid, choice in [(1, "for"), (2, "for"), (3, "against"), (4, "against")]:
        b.answer(pid, {"choice": choice})
    b.act("divide")
    b.go("closing")
    for pid, choice in [(1, "against"), (2, "for"), (3, "against"), (4, "for")]:
        b.answer(pid, {"choice": choice})
    movement = b.results()["movement"]
    assert movement == {"before": {"for": 2, "against": 2}, "changed_to": {"for": 1, "against": 1}}


def test_the_debrief_records_conclusions_that_become_agreements():
    b = bench(2, opening_vote=False)
    b.go("debrief")
    view = b.act("conclusion", {"text": "Bedreigingen melden we altijd.", "plan": "1",
                                "owner": "Teamleider"})
    assert [a.text for a in view.agreements] == ["Bedreigingen melden we altijd."]
    assert view.agreements[0].owner == "Teamleider"
    quiet = b.act("conclusion", {"text": "Alleen genoteerd."})
    assert quiet.agreements == []
    assert [c["in_plan"] for c in b.data["debrief"]["conclusions"]] == [True, False]
    with pytest.raises(ActionRejected):
        b.act("conclusion", {"text": "Bedreigingen melden we altijd.", "plan": "1"})


def test_the_statement_can_be_chosen_until_the_first_argument():
    b = debate(4, written_arguments=True)
    b.act("statement", {"statement": "1"})
    assert Debate().statement(b.view()) == STATEMENTS[1]
    b.answer(1, {"action": "argument", "text": "Eerste argument"})
    with pytest.raises(ActionRejected):
        b.act("statement", {"statement": "0"})


def test_back_at_the_opening_vote_after_the_debate_the_statement_stays():
    b = bench(4, written_arguments=True)
    b.go("opening")
    b.go("debate")
    b.answer(1, {"action": "argument", "text": "Eerste argument"})
    b.go("opening")
    with pytest.raises(ActionRejected):
        b.act("statement", {"statement": "1"})

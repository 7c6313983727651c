"""The arena conversation on plain data (facilitator.testing.Bench): the rings, the two rounds,
the swap, and the points for a solution that go to the team plan."""

import random

import pytest

from facilitator import ActionRejected, ConfigInvalid, InputRejected
from facilitator.testing import Bench
from plugins.arena.rings import INNER, OUTER, draw
from plugins.arena.workform import Arena

QUESTIONS = [{"theme": "experiences", "text": "Wat maakte je mee?"},
             {"theme": "impact", "text": "Wat deed het met je?"},
             {"theme": "expectations", "text": "Wat verwacht je van de organisatie?"}]


def bench(swap=False, people=8, **options):
    config = Arena().validate_config({"inner_party": "Medewerkers", "outer_party": "Managers",
                                      "inner_size": 3, "questions": QUESTIONS, "swap": swap})
    return Bench(Arena(), config, participants=people, **options)


def inner_and_outer(b):
    rings = b.state["rings"]["1"]
    inner = [int(k) for k, ring in rings.items() if ring == INNER]
    outer = [int(k) for k, ring in rings.items() if ring == OUTER]
    return inner, outer


def test_the_config_is_checked_item_by_item_and_comes_back_unchanged():
    form = Arena()
    with pytest.raises(ConfigInvalid) as wrong:
        form.validate_config({"questions": [{"theme": "gossip", "text": "x"}, {"text": ""}],
                              "inner_size": 40})
    assert {p.where for p in wrong.value.problems} == {"questions[0].theme", "questions[1].text",
                                                       "inner_size"}
    with pytest.raises(ConfigInvalid):
        form.validate_config({})
    with pytest.raises(ConfigInvalid):  # odd types from a hand-written file: a problem, not a crash
        form.validate_config({"questions": [{"theme": ["impact"], "text": ["x"]}], "swap": "ja",
                              "inner_party": 3})
    good = form.validate_config({"questions": ["Wat maakte je mee?"]})
    assert good["questions"] == [{"theme": "experiences", "text": "Wat maakte je mee?"}]
    assert form.validate_config(good) == good


def test_steps_without_and_with_the_swap():
    assert [s.key for s in bench().steps] == ["rings", "listen", "ask", "close"]
    assert [s.key for s in bench(swap=True).steps] == [
        "rings", "listen", "ask", "rings-2", "listen-2", "ask-2", "close"]


def test_the_draw_puts_the_configured_number_in_the_inner_ring_people_in_the_room_first():
    from facilitator import Participant
    people = [Participant(i, None, connected=i > 2) for i in range(1, 9)]
    rings = draw(people, 3, random.Random(1))
    inner = {int(k) for k, r in rings.items() if r == INNER}
    assert len(inner) == 3 and not inner & {1, 2}  # the two offline people are not drawn
    assert len(rings) == 8


def test_the_trainer_divides_moves_and_swaps_and_phones_know_their_ring():
    b = bench()
    b.start()
    assert set(b.state["rings"]["1"].values()) == {OUTER}  # nobody placed: all in the outer ring
    assert b.form.console_primary(b.view()) == "draw"
    b.act("draw")
    inner, outer = inner_and_outer(b)
    assert len(inner) == 3 and len(outer) == 5
    assert b.form.console_primary(b.view()) == "next"
    assert b.phone_context(inner[0])["ring"] == INNER
    assert b.phone_context(outer[0])["ring"] == OUTER
    b.act("move", {"participant": str(outer[0]), "ring": INNER})
    assert b.phone_context(outer[0])["ring"] == INNER
    with pytest.raises(ActionRejected):
        b.act("move", {"participant": "99", "ring": INNER})
    b.act("swap")
    assert b.phone_context(outer[0])["ring"] == OUTER and b.phone_context(outer[1])["ring"] == INNER
    late = b.join()
    assert b.phone_context(late.id)["ring"] == OUTER


def test_round_1_questions_one_by_one_and_only_the_outer_ring_notes_anonymously():
    b = bench()
    b.start()
    b.act("draw")
    inner, outer = inner_and_outer(b)
    b.go("listen")
    assert b.form.question(b.view())["number"] == 1
    assert b.form.console_primary(b.view()) == "question"
    with pytest.raises(InputRejected):
        b.answer(inner[0], {"text": "Ik zit binnen"})
    assert not b.offers_pass(inner[0]) and b.offers_pass(outer[0])
    with pytest.raises(InputRejected):
        b.answer(inner[0], passing=True)
    b.answer(outer[0], {"text": "Niemand meldt verbaal geweld"})
    b.act("question", {"to": "next"})
    b.answer(outer[1], {"text": "De nazorg hangt af van wie dienst heeft"})
    b.answer(outer[1], {"text": "Men voelt zich alleen"})
    assert [e.participant_id for e in b.entries["listen"]] == [None, None, None]  # anonymous
    with pytest.raises(ActionRejected):
        b.act("question", {"to": "7"})
    b.act("question", {"to": "2"})
    assert b.form.console_primary(b.view()) == "reveal"
    assert b.results("screen") is None  # not before the reveal
    b.reveal()
    by_question = b.results("screen")["by_question"]
    assert by_question[0]["notes"] == ["Niemand meldt verbaal geweld"]
    assert by_question[1]["notes"] == ["De nazorg hangt af van wie dienst heeft", "Men voelt zich alleen"]
    report = b.report()
    assert report["paragraphs"] == ["Inner ring: 3 people (Medewerkers); Outer ring: 5 people "
                                    "(Managers)."]  # how many, never who
    assert report["tables"][1].rows[0] == ["1", "Niemand meldt verbaal geweld"]


def test_round_1_below_the_minimum_group_nothing_shows_on_the_screen():
    b = bench()
    b.start()
    b.go("listen")
    b.answer(1, {"text": "Eén ding"})
    b.reveal()
    assert b.results("screen") is None


def test_round_2_the_leader_picks_questions_and_only_those_are_reported():
    b = bench()
    b.start()
    b.act("draw")
    inner, outer = inner_and_outer(b)
    b.go("ask")
    with pytest.raises(InputRejected):
        b.answer(inner[0], {"text": "Mag ik ook?"})
    first = b.answer(outer[0], {"text": "Wat had je op dat moment nodig?"})
    b.answer(outer[1], {"text": "Weet je leidinggevende ervan?"})
    b.answer(outer[2], {"text": "Een vraag die de leider laat liggen"})
    assert b.form.console_primary(b.view()) == "show"
    b.act("show", {"entry": str(first.id)})
    assert b.form.current(b.view())["text"] == "Wat had je op dat moment nodig?"
    assert b.phone_context(outer[0])["mine"][0]["asked"]
    assert b.form.console_primary(b.view()) == "discussed"
    b.act("discussed")
    assert b.form.current(b.view()) is None
    second = b.entries["ask"][1]
    b.act("show", {"entry": str(second.id)})
    b.act("discussed")
    with pytest.raises(ActionRejected):
        b.act("discussed")
    assert [w["text"] for w in b.form.waiting(b.view())] == ["Een vraag die de leider laat liggen"]
    b.reveal()
    assert b.results("screen")["asked"] == ["Wat had je op dat moment nodig?",
                                            "Weet je leidinggevende ervan?"]
    report = b.report()
    assert "Een vraag die de leider laat liggen" not in repr(report)


def test_the_swap_turns_the_rings_round_and_the_trainer_can_still_move_people():
    b = bench(swap=True)
    b.start()
    b.act("draw")
    inner, outer = inner_and_outer(b)
    b.go("rings-2")
    assert b.phone_context(inner[0])["ring"] == OUTER and b.phone_context(outer[0])["ring"] == INNER
    assert b.form.party(b.view(), INNER) == "Managers"
    b.act("move", {"participant": str(outer[0]), "ring": OUTER})
    assert b.phone_context(outer[0])["ring"] == OUTER
    b.go("listen-2")
    with pytest.raises(InputRejected):
        b.answer(outer[1], {"text": "Nu zit ik binnen"})
    b.answer(inner[0], {"text": "Managers twijfelen ook"})
    b.go("ask")  # back in the first conversation: the first division stands
    assert b.phone_context(inner[0])["ring"] == INNER


def test_points_for_a_solution_go_to_the_team_plan_with_their_source():
    b = bench()
    b.start()
    b.go("close")
    assert b.form.console_primary(b.view()) == "point"
    b.act("point", {"text": "Na elk incident belt de leidinggevende binnen een dag",
                    "owner": "Teamleider", "due": "2027-02-01"})
    b.act("point", {"text": "Meldpunt bespreken met de politie", "outside_help": "Wijkagent"})
    with pytest.raises(ActionRejected):
        b.act("point", {"text": "Meldpunt bespreken met de politie"})
    with pytest.raises(ActionRejected):
        b.act("point", {"text": "Iets", "due": "volgende week"})
    suggestion = b.answer(4, {"text": "Een vaste collega als maatje bij huisbezoeken"})
    b.act("adopt", {"entry": str(suggestion.id)})
    with pytest.raises(ActionRejected):
        b.act("adopt", {"entry": str(suggestion.id)})
    b.answer(5, {"text": "Niet overgenomen idee"})
    kinds = [(a.text, a.kind, a.owner, a.due, a.outside_help) for a in b.agreements]
    assert kinds == [
        ("Na elk incident belt de leidinggevende binnen een dag", "working_agreement",
         "Teamleider", "2027-02-01", None),
        ("Meldpunt bespreken met de politie", "action", None, None, "Wijkagent"),
        ("Een vaste collega als maatje bij huisbezoeken", "working_agreement", None, None, None)]
    assert b.form.console_primary(b.view()) == "reveal"
    b.reveal()
    report = b.report()
    rows = report["tables"][0].rows
    assert [r[-1] for r in rows] == ["named in the group", "named in the group", "sent from a phone"]
    assert report["tables"][1].rows == [["Niet overgenomen idee"]]


def test_actions_that_do_not_fit_the_step_are_refused():
    b = bench()
    b.start()
    for action in ("question", "show", "point", "launch"):
        with pytest.raises(ActionRejected):
            b.act(action, {"to": "next"})
    with pytest.raises(InputRejected):
        b.answer(1, {"text": "Bij de ringen"})


def test_a_late_joiner_sits_in_the_outer_ring_also_after_the_swap():
    b = bench(swap=True)
    b.start()
    b.act("draw")
    early = b.join()  # during the first conversation: outer, so inner after the swap
    b.go("listen-2")
    late = b.join()
    assert b.phone_context(early.id)["ring"] == INNER
    assert b.phone_context(late.id)["ring"] == OUTER


def test_the_draw_leaves_at_least_one_person_for_the_outer_ring():
    b = bench(people=3)
    b.start()
    assert b.form.draw_size(b.view()) == 2
    b.act("draw")
    inner, outer = inner_and_outer(b)
    assert len(inner) == 2 and len(outer) == 1

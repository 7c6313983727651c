"""The team workshop on plain data: notes on two boards, clusters, the dot vote with its top and
the group's verdict, small groups with solutions in three buckets, and the big list that goes to
the team plan."""

import pytest

from facilitator import ActionRejected, ConfigInvalid, InputRejected
from facilitator.testing import Bench
from plugins.teamworkshop import groups as g
from plugins.teamworkshop.workform import TeamWorkshop

CONFIG = {"theme": "Agressie aan de balie", "dots": 3, "top": 3, "group_size": 2}


def bench(people=5, **config):
    return Bench(TeamWorkshop(), {**CONFIG, **config}, participants=people, named=True)


def note_id(board, text, b):
    return next(n["id"] for n in b.state["notes"] if n["text"] == text and n["board"] == board)


def collected(b):
    """Five people write notes on both boards, and the trainer moves on to clustering."""
    notes = {1: [("keep", "Collega's springen bij"), ("improve", "Geen alarmknop bij loket 3")],
             2: [("improve", "Alarmknop werkt niet altijd"), ("improve", "Lange wachttijd")],
             3: [("keep", "Goede nazorg na incident"), ("improve", "Wachtrij loopt uit")],
             4: [("improve", "Niemand reageert op de knop")],
             5: [("keep", "Teamleider komt direct")]}
    for person, items in notes.items():
        for board, text in items:
            b.answer(person, {"board": board, "text": text})
    b.reveal()
    b.go("cluster")


def test_the_config_is_checked_and_comes_back_unchanged():
    form = TeamWorkshop()
    clean = form.validate_config(CONFIG)
    assert form.validate_config(clean) == clean
    assert clean == {**CONFIG, "intro": ""}
    with pytest.raises(ConfigInvalid) as problems:
        form.validate_config({"theme": "", "dots": 9, "top": 4, "group_size": True})
    assert {p.where for p in problems.value.problems} == {"theme", "dots", "top", "group_size"}


def test_notes_land_on_their_board_and_stay_hidden_until_the_reveal():
    b = bench()
    b.answer(1, {"board": "keep", "text": "  Collega's   springen bij "})
    b.answer(1, {"board": "keep", "text": "Collega's springen bij"})  # a resend: same slot
    b.answer(2, {"board": "improve", "text": "Geen alarmknop"})
    assert b.results()["count"] == 2
    assert b.phone_context(1)["counts"] == {"keep": 1, "improve": 0}
    with pytest.raises(InputRejected):
        b.answer(3, {"board": "elsewhere", "text": "x"})
    with pytest.raises(InputRejected):
        b.answer(3, {"board": "keep", "text": "   "})
    b.reveal()
    assert b.results("screen") is None  # two writers: below the minimum group
    b.answer(3, {"board": "improve", "text": "Lange wachttijd"})
    screen = b.results("screen")
    assert [n["text"] for n in screen["boards"][1]["loose"]] == ["Geen alarmknop", "Lange wachttijd"]


def test_clusters_are_made_by_picking_notes_and_named():
    b = bench()
    collected(b)
    alarm = [note_id("improve", t, b) for t in ("Geen alarmknop bij loket 3",
                                                 "Alarmknop werkt niet altijd")]
    b.act("cluster", {"notes": alarm, "name": "Alarmknop", "into": ""})
    cluster = b.state["clusters"][0]
    b.act("cluster", {"notes": note_id("improve", "Niemand reageert op de knop", b),
                      "into": cluster["id"]})
    waiting = [note_id("improve", t, b) for t in ("Lange wachttijd", "Wachtrij loopt uit")]
    b.act("cluster", {"notes": waiting, "name": "Wachttijd"})
    improve = b.results()["boards"][1]
    assert [(c["name"], len(c["notes"])) for c in improve["clusters"]] == [("Alarmknop", 3),
                                                                            ("Wachttijd", 2)]
    assert improve["loose"] == []
    with pytest.raises(ActionRejected, match="one board"):
        b.act("cluster", {"notes": [note_id("keep", "Teamleider komt direct", b), alarm[0]],
                          "name": "Mix"})
    with pytest.raises(InputRejected):
        b.act("cluster", {"notes": [note_id("keep", "Teamleider komt direct", b)], "name": ""})
    b.act("rename", {"cluster": cluster["id"], "name": "De alarmknop"})
    b.act("take_out", {"note": alarm[0]})
    assert [len(c["notes"]) for c in b.state["clusters"]] == [2, 2]
    b.act("dissolve", {"cluster": b.state["clusters"][1]["id"]})
    assert [c["name"] for c in b.state["clusters"]] == ["De alarmknop"]
    assert b.report()["tables"][0].rows[0][:3] == ["Could be better", "De alarmknop", "2"]


def clustered_and_voted(b):
    collected(b)
    alarm = [note_id("improve", t, b) for t in ("Geen alarmknop bij loket 3",
                                                 "Alarmknop werkt niet altijd",
                                                 "Niemand reageert op de knop")]
    b.act("cluster", {"notes": alarm, "name": "Alarmknop"})
    b.act("cluster", {"notes": [note_id("improve", "Lange wachttijd", b),
                                note_id("improve", "Wachtrij loopt uit", b)], "name": "Wachttijd"})
    b.go("vote")
    alarm_id, wait_id = (c["id"] for c in b.state["clusters"])
    keep = {i["name"]: i["id"] for i in b.form.ballot(b.view(), "keep")}
    for person in range(1, 6):
        b.answer(person, {"action": "dots", "item": alarm_id, "n": 2})
        b.answer(person, {"action": "dots", "item": wait_id, "n": 1})
        b.answer(person, {"action": "dots", "item": keep["Collega's springen bij"], "n": "3"})
    return alarm_id, wait_id, keep


def test_dots_per_board_the_top_and_the_groups_verdict():
    b = bench()
    alarm_id, wait_id, keep = clustered_and_voted(b)
    with pytest.raises(InputRejected, match="3 dots"):
        b.answer(1, {"action": "dots", "item": keep["Teamleider komt direct"], "n": 1})
    b.answer(2, {"action": "dots", "item": alarm_id, "n": 0})  # takes two dots back
    b.answer(2, {"action": "dots", "item": keep["Teamleider komt direct"], "n": 0})
    assert b.phone_context(2)["dots_left"] == {"keep": 0, "improve": 2}
    found = b.results()
    improve = found["ranking"]["improve"]
    assert [(i["name"], i["dots"], i["top"]) for i in improve] == [("Alarmknop", 8, True),
                                                                   ("Wachttijd", 5, True)]
    assert [i["name"] for i in found["ranking"]["keep"] if i["top"]] == ["Collega's springen bij"]
    # the results file gets numbers only: a cluster by its name, a loose note by its id
    assert found["dots"]["improve: Alarmknop"] == 8
    assert not any("springen" in key for key in found["dots"])
    assert b.results("screen") is None
    b.act("seriousness", {"level": "onrust"})
    with pytest.raises(ActionRejected):
        b.act("seriousness", {"level": "paniek"})
    b.reveal()
    assert b.results("screen")["seriousness"] == "onrust"
    report = b.report()
    assert report["paragraphs"] == ["How serious the group finds it: Unrest: take it seriously"]
    b.go("solutions")
    assert [i["name"] for i in b.form.top(b.view(), "improve")] == ["Alarmknop", "Wachttijd"]


def test_groups_get_a_point_from_the_top_write_in_three_buckets_and_present():
    b = bench()
    alarm_id, wait_id, _keep = clustered_and_voted(b)
    b.reveal()
    b.go("solutions")
    with pytest.raises(InputRejected, match="not in a group"):
        b.answer(1, {"bucket": "self", "text": "Ik test de knop"})
    b.act("form_groups", {"size": "2"})
    groups = b.state["groups"]
    assert [(x["number"], x["point"], x["members"]) for x in groups] == [
        (1, alarm_id, [1, 4]), (2, wait_id, [2, 5]), (3, alarm_id, [3])]
    late = b.join()
    assert late.id in b.state["groups"][2]["members"]  # the smallest group
    b.act("move", {"person": str(late.id), "group": "g1"})
    assert [x["members"] for x in b.state["groups"]] == [[1, 4, 6], [2, 5], [3]]
    with pytest.raises(ActionRejected, match="not joined"):
        b.act("move", {"person": "99", "group": "g1"})
    b.act("move", {"person": str(late.id), "group": "g3"})
    b.answer(1, {"bucket": "self", "text": "Ik test elke ochtend de knop"})
    b.answer(4, {"bucket": "others", "text": "Facilitair: knop bij loket 3 repareren"})
    b.answer(2, {"bucket": "group", "text": "Vaste looproute naar de wachtruimte"})
    with pytest.raises(InputRejected):
        b.answer(2, {"bucket": "maybe", "text": "x"})
    with pytest.raises(ActionRejected, match="at work"):
        b.act("form_groups", {})
    assert b.form.console_primary(b.view()) == "reveal"
    b.act("present", {"group": "g1"})
    assert b.form.on_stage(b.view(), b.results("screen")) is None  # not before the reveal
    b.reveal()
    on_stage = b.form.on_stage(b.view(), b.results("screen"))
    assert on_stage["point_name"] == "Alarmknop"
    assert [s["text"] for s in on_stage["solutions"]["others"]] == [
        "Facilitair: knop bij loket 3 repareren"]
    assert b.form.console_primary(b.view()) == "present"
    assert b.form.next_to_present(b.view()) == "g2"
    b.act("present", {"group": "g2"})
    assert b.form.console_primary(b.view()) == "next"
    b.answer(4, {"bucket": "self", "text": "Later toegevoegd"})
    assert b.form.next_to_present(b.view()) == "g1"  # group 1 has something new to show
    b.act("present", {"group": "g1"})
    assert len(b.form.on_stage(b.view(), b.results("screen"))["solutions"]["self"]) == 2
    assert b.form.console_primary(b.view()) == "next"
    b.act("assign", {"group": "g3", "point": wait_id})
    with pytest.raises(ActionRejected):
        b.act("assign", {"group": "g3", "point": "nope"})
    rows = b.report()["tables"][0].rows
    assert ["Group 1", "Alarmknop"] == rows[0][:2] and len(rows) == 4


def test_everyone_takes_something_on_and_the_list_goes_to_the_team_plan():
    b = bench()
    clustered_and_voted(b)
    b.go("solutions")
    b.act("form_groups", {})
    b.answer(1, {"bucket": "self", "text": "Ik test elke ochtend de knop"})
    b.answer(3, {"bucket": "others", "text": "Knop bij loket 3 laten repareren"})
    b.answer(2, {"bucket": "group", "text": "Vaste looproute naar de wachtruimte"})
    b.go("followup")
    solutions = {s["text"]: s["id"] for s in b.state["solutions"]}
    assert b.form.console_primary(b.view()) is None
    b.answer(1, {"solution": solutions["Ik test elke ochtend de knop"], "due": "2026-03-01"})
    b.answer(3, {"solution": solutions["Knop bij loket 3 laten repareren"], "due": "",
                 "via": "facilitair beheer"})
    b.answer(4, {"solution": solutions["Vaste looproute naar de wachtruimte"],
                 "due": "2026-02-15"})
    b.answer(5, {"solution": solutions["Vaste looproute naar de wachtruimte"],
                 "due": "2026-02-01"})
    with pytest.raises(InputRejected):
        b.answer(2, {"solution": "s999"})
    with pytest.raises(InputRejected):
        b.answer(2, {"solution": solutions["Ik test elke ochtend de knop"], "due": "1 maart"})
    found = b.results()
    assert found["without"] == [2]
    route = next(r for r in found["rows"] if r["bucket"] == "group")
    assert route["who"] == ["P4", "P5"] and route["due"] == "2026-02-01"
    assert b.form.console_primary(b.view()) == "to_plan"
    b.act("to_plan")
    kinds = {a.kind: a for a in b.agreements}
    assert set(kinds) == {"action", "working_agreement"}
    assert len(b.agreements) == 3
    outside = next(a for a in b.agreements if a.outside_help)
    assert outside.owner == "P3" and outside.outside_help == "facilitair beheer"
    assert "Knop bij loket 3 laten repareren" in outside.text and "Alarmknop" in outside.text
    team = kinds["working_agreement"]
    assert (team.owner, team.due) == ("P4, P5", "2026-02-01")
    with pytest.raises(ActionRejected):
        b.act("to_plan")  # nothing new: no double agreements
    b.answer(2, {"solution": solutions["Ik test elke ochtend de knop"]})
    assert b.results()["without"] == []
    with pytest.raises(ActionRejected):
        b.act("to_plan")  # the row already in the plan is not proposed again
    assert len(b.agreements) == 3
    assert b.form.console_primary(b.view()) is None
    table = b.report()["tables"][0]
    assert len(table.rows) == 3 and all(row[-1] == "✓" for row in table.rows)


def test_in_an_anonymous_session_the_plan_names_only_who_typed_their_own_name():
    b = Bench(TeamWorkshop(), CONFIG, participants=3)
    b.go("solutions")
    b.state["groups"] = g.form_groups([1, 2, 3], 3, [])
    assert b.form.members_shown(b.view(), b.state["groups"][0]) == []  # no names on the screen
    b.answer(1, {"bucket": "self", "text": "Ik meld elk incident"})
    b.go("followup")
    solution = b.state["solutions"][0]["id"]
    b.answer(1, {"solution": solution, "who": "AB"})
    b.answer(2, {"solution": solution})
    row = b.results()["rows"][0]
    assert row["who"] == ["AB"] and row["takers"] == 2
    b.act("to_plan")
    assert b.agreements[0].owner == "AB"


def test_the_team_plan_section_shows_only_a_vote_the_group_saw(app):
    from datetime import date

    from plugins.teamworkshop import teamplan

    b = bench()
    clustered_and_voted(b)
    b.act("seriousness", {"level": "brand"})
    b.go("solutions")
    hidden = {"title": "Werkoverleg", "held_on": date(2026, 1, 12), "activities": [
        {"id": 1, "type": "teamworkshop", "title": "Samen aanpakken", "state": b.state}]}
    with app.test_request_context():
        assert teamplan.sections([hidden]) == []  # the vote was never revealed
    b.go("vote")
    b.reveal()
    b.go("solutions")
    shown = {**hidden, "activities": [{**hidden["activities"][0], "state": b.state}]}
    with app.test_request_context():
        (table,) = teamplan.sections([shown])
    assert table["rows"][0][2:] == ["Brand: nu ingrijpen", "Alarmknop; Wachttijd",
                                    "Collega's springen bij"]


def test_notes_the_screen_never_showed_stay_off_it_while_clustering():
    b = bench()
    for person in (1, 2, 3):
        b.answer(person, {"board": "improve", "text": f"Punt {person}"})
    b.go("cluster")  # moved on without the reveal
    assert b.state["notes_public"] is False
    b.act("cluster", {"notes": [n["id"] for n in b.state["notes"][:2]], "name": "Samen"})
    report = b.report()["tables"][0].rows
    assert report == [["Could be better", "Samen", "2", ""]]  # the name, not the notes


def test_a_step_set_aside_becomes_an_open_point_in_the_team_plan():
    b = bench()
    collected(b)
    b.set_aside()
    b.go("vote")
    assert [(a.kind, a.text) for a in b.agreements] == [
        ("open_point", "Set aside in the team workshop (Agressie aan de balie): "
                       "2. Order the notes by subject")]


ODD = [None, 7, 2.5, True, [], ["x"], {}, {"a": 1}, "", "x" * 5000]


def test_odd_payloads_are_refused_with_a_message_never_an_error():
    b = bench()
    clustered_and_voted(b)
    b.go("solutions")
    b.act("form_groups", {})
    b.answer(1, {"bucket": "self", "text": "Ik test de knop"})
    b.go("followup")
    keys = {"collect": (["board", "text"], ["drop_note"], ["note"]),
            "cluster": ([], ["cluster", "rename", "dissolve", "take_out"],
                        ["notes", "name", "into", "cluster", "note"]),
            "vote": (["action", "item", "n"], ["seriousness"], ["level"]),
            "solutions": (["bucket", "text"], ["form_groups", "assign", "present",
                                               "drop_solution"], ["size", "group", "point",
                                                                  "solution"]),
            "followup": (["solution", "due", "via", "who"], ["to_plan"], []),
            }
    tried = 0
    for step, (answer_keys, actions, action_keys) in keys.items():
        b.go(step)
        b.open()
        for odd in ODD:
            if answer_keys:
                for key in answer_keys:
                    data = {"board": "keep", "text": "ok", "bucket": "self", "action": "dots",
                            "solution": b.state["solutions"][0]["id"], key: odd}
                    try:
                        b.answer(2, data)
                    except InputRejected:
                        pass
                    tried += 1
            for action in actions + ["nonsense"]:
                for key in action_keys or ["x"]:
                    try:
                        b.act(action, {key: odd})
                    except InputRejected:  # ActionRejected is one
                        pass
                    tried += 1
    assert tried > 300

"""Each step of the dilemma method on plain data, with the Bench: no database, no server."""

import pytest

from facilitator import ActionRejected, ConfigInvalid, InputRejected, NewAgreement
from facilitator.testing import Bench
from plugins.dilemma.workform import Dilemma

PREPARED = {"title": "Schelden aan de balie", "text": "Een bezoeker scheldt.", "theme": "limits",
            "setting": "Balie", "side_a": "Doorhelpen", "side_b": "Grens stellen"}


def bench(participants=4, **config):
    return Bench(Dilemma(), {"dilemmas": [PREPARED], **config}, participants=participants)


def at(key, participants=4, **config):
    b = bench(participants, **config)
    b.go(key)
    return b


def dilemma(title="Telefoon", theme="reporting"):
    return {"title": title, "text": "Wat er gebeurde.", "theme": theme}


# -- configuration and plan ------------------------------------------------------------------

def test_plans_the_nine_steps_with_their_privacy():
    steps = bench().steps
    assert [s.key for s in steps] == ["collect", "choose", "formulate", "clarify", "values",
                                      "alternatives", "weighing", "agreement", "evaluate"]
    assert steps[0].title == "1. Collect dilemmas" and steps[8].title == "9. Look back"
    assert {s.key: s.visibility for s in steps if s.visibility != "anonymous"} == \
        {"weighing": "named"}
    assert bench(visibility="named").steps[0].visibility == "named"


@pytest.mark.parametrize("config, where", [
    ({"dots": 0}, "dots"), ({"dots": 6}, "dots"), ({"dots": "3"}, "dots"),
    ({"visibility": "public"}, "visibility"),
    ({"dilemmas": "one"}, "dilemmas"),
    ({"dilemmas": [{"title": "", "text": "x", "theme": "limits"}]}, "dilemmas[0].title"),
    ({"dilemmas": [{"title": "x", "text": "x" * 801, "theme": "limits"}]}, "dilemmas[0].text"),
    ({"dilemmas": [{"title": "x", "text": "x", "theme": "weather"}]}, "dilemmas[0].theme"),
    ({"dilemmas": [{"title": "x", "text": "x", "theme": "help", "side_a": "A"}]},
     "dilemmas[0].side_b"),
])
def test_a_wrong_config_names_the_item(config, where):
    with pytest.raises(ConfigInvalid) as invalid:
        Dilemma().validate_config(config)
    assert where in [p.where for p in invalid.value.problems]


def test_config_defaults_to_three_dots_anonymous_and_no_prepared_dilemmas():
    assert Dilemma().validate_config({}) == {"visibility": "anonymous", "dots": 3, "dilemmas": []}


# -- 1. collect ------------------------------------------------------------------------------

def test_collect_takes_several_dilemmas_each_with_a_theme_and_carries_them_on():
    b = at("collect")
    first = b.answer(1, dilemma("Telefoon"))
    b.answer(1, dilemma("Huisbezoek", "help"))
    assert b.answer(1, dilemma("Telefoon")).id == first.id  # a resend is the same dilemma
    b.answer(2, {**dilemma("<script>x</script>"), "text": "  twee\n\n\n\nregels "})
    results = b.results()
    assert [d["title"] for d in results["dilemmas"]] == [
        "Telefoon", "Huisbezoek", "<script>x</script>", "Schelden aan de balie"]
    assert results["dilemmas"][2]["text"] == "twee\n\nregels"
    assert results["themes"] == [("limits", 1), ("help", 1), ("reporting", 2)]
    b.go("choose")
    assert [d["id"] for d in b.state["dilemmas"]] == ["e1", "e2", "e3", "s1"]


@pytest.mark.parametrize("data, message", [
    ({"title": "", "text": "x", "theme": "limits"}, "title"),
    ({"title": "x" * 81, "text": "x", "theme": "limits"}, "too long"),
    ({"title": "x", "text": "x" * 801, "theme": "limits"}, "too long"),
    ({"title": "x", "text": "x", "theme": ""}, "theme"),
    ({"title": ["x"], "text": "x", "theme": "limits"}, "text"),
])
def test_collect_refuses_empty_huge_or_themeless_dilemmas(data, message):
    with pytest.raises(InputRejected) as refused:
        at("collect").answer(1, data)
    assert message in refused.value.message


def test_collect_takes_at_most_five_dilemmas_from_one_person():
    b = at("collect")
    for n in range(5):
        b.answer(1, dilemma(f"Dilemma {n}"))
    with pytest.raises(InputRejected):
        b.answer(1, dilemma("Nummer zes"))
    b.answer(2, dilemma("Nummer zes"))  # somebody else still can


def test_the_trainer_adds_a_told_dilemma_and_removes_one():
    b = at("collect")
    b.answer(1, dilemma("Dubbel"))
    b.act("add_dilemma", dilemma("Verteld door Sam", "police"))
    with pytest.raises(ActionRejected, match="already"):
        b.act("add_dilemma", dilemma("Verteld door Sam", "police"))
    b.act("drop_dilemma", {"entry": "1"})
    assert [d["title"] for d in b.results()["dilemmas"]] == ["Verteld door Sam",
                                                             "Schelden aan de balie"]
    with pytest.raises(ActionRejected):
        b.act("drop_dilemma", {"entry": "1"})


# -- 2. choose -------------------------------------------------------------------------------

def test_dots_are_given_up_to_the_number_allowed_and_can_be_taken_back():
    b = at("collect", dots=3)
    b.answer(2, dilemma("Telefoon"))
    b.go("choose")
    b.answer(1, {"action": "dots", "dilemma": "s1", "n": "3"})
    with pytest.raises(InputRejected, match="3 dots"):
        b.answer(1, {"action": "dots", "dilemma": "e1", "n": "1"})
    with pytest.raises(InputRejected):
        b.answer(1, {"action": "dots", "dilemma": "s1", "n": "4"})
    b.answer(1, {"action": "dots", "dilemma": "s1", "n": "1"})
    b.answer(1, {"action": "dots", "dilemma": "e1", "n": "2"})
    assert b.form.phone_context(b.view(1), None, [])["dots_left"] == 0
    b.answer(1, {"action": "dots", "dilemma": "e1", "n": "0"})
    assert b.form.phone_context(b.view(1), None, []) == {"my_dots": {"s1": 1}, "dots_left": 2}


@pytest.mark.parametrize("data", [{"action": "dots", "dilemma": "s9", "n": "1"},
                                  {"action": "dots", "dilemma": "s1", "n": "-1"},
                                  {"action": "dots", "dilemma": "s1", "n": "x"},
                                  {"dilemma": "s1", "n": "1"}])
def test_dots_for_an_unknown_dilemma_or_a_strange_number_are_refused(data):
    with pytest.raises(InputRejected):
        at("choose").answer(1, data)


def test_the_tally_ranks_by_dots_and_the_trainer_picks():
    b = bench()
    b.go("collect")
    b.answer(1, dilemma("Telefoon"))
    b.go("choose")
    b.answer(1, {"action": "dots", "dilemma": "e1", "n": "1"})
    b.answer(2, {"action": "dots", "dilemma": "e1", "n": "2"})
    b.answer(3, {"action": "dots", "dilemma": "s1", "n": "2"})
    ranked = b.results()["ranked"]
    assert [(r["number"], r["dilemma"]["id"], r["dots"], r["width"]) for r in ranked] == [
        (1, "e1", 3, 100), (2, "s1", 2, 65)]
    b.act("choose", {"dilemma": "s1"})
    b.go("formulate")
    assert b.state["chosen"]["title"] == "Schelden aan de balie"
    b.go("choose")
    with pytest.raises(ActionRejected):
        b.act("choose", {"dilemma": "nope"})


def test_without_a_pick_the_dilemma_with_most_dots_goes_on():
    b = at("choose")
    b.go("formulate")
    assert "chosen" not in b.state  # no dots, no pick
    b.go("choose")
    b.open()  # the trainer reopens the step the group left
    b.answer(1, {"action": "dots", "dilemma": "s1", "n": "1"})
    b.go("formulate")
    assert b.state["chosen"]["id"] == "s1" and b.state["chosen_by_dots"]


# -- 3. formulate ----------------------------------------------------------------------------

def test_the_intuitive_vote_waits_for_both_sides_and_the_last_vote_counts():
    b = at("formulate")
    with pytest.raises(InputRejected, match="two sides"):
        b.answer(1, {"choice": "a"})
    b.act("formulate", {"title": "Na sluitingstijd", "facts": "Iemand blijft.",
                        "side_a": "Binnenlaten", "side_b": "Wegsturen"})
    b.answer(1, {"choice": "a", "line": "uit gevoel"})
    b.answer(1, {"choice": "b"})
    b.answer(2, {"choice": "b", "line": "<i>ook</i>"})
    b.answer(3, passing=True)
    result = b.results()
    assert result["counts"] == {"a": 0, "b": 2} and result["percent"] == {"a": 0, "b": 100}
    assert result["passes"] == 1 and result["lines"] == [{"choice": "b", "line": "<i>ook</i>"}]
    with pytest.raises(InputRejected):
        b.answer(4, {"choice": "c"})


def test_prepared_sides_open_the_vote_and_the_reveal_fixes_it():
    b = at("choose")
    b.act("choose", {"dilemma": "s1"})
    b.go("formulate")
    b.answer(1, {"choice": "a"})
    b.revealed["formulate"] = True
    with pytest.raises(InputRejected, match="stays as it was"):
        b.answer(1, {"choice": "b"})
    b.go("clarify")
    assert b.state["before"] == {"counts": {"a": 1, "b": 0}, "percent": {"a": 100, "b": 0},
                                 "answered": 1}


def test_the_trainer_names_both_sides_or_neither():
    b = at("formulate")
    with pytest.raises(InputRejected):
        b.act("formulate", {"facts": "x"})  # nothing chosen: a title is needed
    with pytest.raises(ActionRejected, match="both sides"):
        b.act("formulate", {"title": "T", "side_a": "alleen A"})
    with pytest.raises(InputRejected, match="too long"):
        b.act("formulate", {"title": "T", "facts": "x" * 1001})


# -- 4. clarify ------------------------------------------------------------------------------

def test_held_back_questions_never_reach_the_screen_and_new_ones_wait_for_the_trainer():
    b = at("clarify")
    b.answer(1, {"question": "Wie was er nog meer?"})
    advice = b.answer(2, {"question": "Ik zou de politie bellen."})
    assert b.results()["questions"] == [] and b.results()["waiting"] == 2
    b.act("hold", {"entry": str(advice.id)})
    b.act("let_through")
    b.answer(3, {"question": "Hoe laat was het?"})
    assert b.results() == {"questions": ["Wie was er nog meer?"], "waiting": 1, "held": 1}
    statuses = b.form.phone_context(b.view(2), None, [])["questions"]
    assert [q["status"] for q in statuses] == ["held"]
    with pytest.raises(InputRejected, match="held"):
        b.answer(2, {"question": "Ik zou de politie bellen."})
    b.act("restore", {"entry": str(advice.id)})
    b.act("let_through")
    assert len(b.results()["questions"]) == 3
    assert b.form.report(b.view())["tables"][0]["rows"][1] == ["Ik zou de politie bellen."]


def test_a_question_must_have_text_and_one_person_asks_at_most_eight():
    b = at("clarify")
    with pytest.raises(InputRejected):
        b.answer(1, {"question": "   "})
    for n in range(8):
        b.answer(1, {"question": f"Vraag {n}?"})
    with pytest.raises(InputRejected):
        b.answer(1, {"question": "Nog een?"})


# -- 5. values and norms ---------------------------------------------------------------------

def test_the_table_has_three_columns_and_the_trainer_merges_edits_and_adds():
    b = at("values")
    one = b.answer(1, {"column": "stakeholders", "text": "de bezoeker"})
    two = b.answer(2, {"column": "stakeholders", "text": "De bezoeker"})
    three = b.answer(3, {"column": "values", "text": "respect"})
    with pytest.raises(InputRejected):
        b.answer(4, {"column": "wishes", "text": "x"})
    b.act("merge_cells", {"entry": str(two.id), "into": str(one.id)})
    with pytest.raises(ActionRejected):
        b.act("merge_cells", {"entry": str(three.id), "into": str(one.id)})
    with pytest.raises(ActionRejected):
        b.act("merge_cells", {"entry": str(one.id), "into": str(one.id)})
    b.act("edit_cell", {"entry": str(one.id), "text": "de  bezoeker\nna sluitingstijd"})
    b.act("add_cell", {"column": "norms", "text": "huisregels"})
    with pytest.raises(ActionRejected):
        b.act("add_cell", {"column": "norms", "text": "Huisregels"})
    columns = b.results()["columns"]
    assert [(c["text"], c["count"]) for c in columns["stakeholders"]] == [
        ("de bezoeker na sluitingstijd", 2)]
    assert [c["text"] for c in columns["norms"]] == ["huisregels"]
    b.go("alternatives")
    assert b.state["table"] == {"stakeholders": ["de bezoeker na sluitingstijd"],
                                "values": ["respect"], "norms": ["huisregels"]}


# -- 6. alternatives -------------------------------------------------------------------------

def test_alternatives_are_brainstormed_then_marked_and_ranked():
    b = at("alternatives")
    police = b.answer(1, {"alternative": "Politie bellen"})
    pair = b.answer(2, {"alternative": "Met z'n tweeën"})
    with pytest.raises(InputRejected, match="trainer says so"):
        b.answer(3, {"action": "mark", "entry": str(pair.id), "mark": "yes"})
    b.act("marking", {"on": "1"})
    with pytest.raises(InputRejected, match="marking"):
        b.answer(3, {"alternative": "Laat idee"})
    b.act("add_alternative", {"text": "Leidinggevende erbij"})
    with pytest.raises(ActionRejected, match="already"):
        b.act("add_alternative", {"text": "leidinggevende  erbij"})
    for voter, marks in enumerate([("no", "yes"), ("partly", "yes"), ("no", "partly")], 1):
        b.answer(voter, {"action": "mark", "entry": str(police.id), "mark": marks[0]})
        b.answer(voter, {"action": "mark", "entry": str(pair.id), "mark": marks[1]})
    with pytest.raises(InputRejected):
        b.answer(4, {"action": "mark", "entry": str(pair.id), "mark": "maybe"})
    ranked = b.results()["ranked"]
    assert [(r["text"], r["justice"], r["marks"]) for r in ranked] == [
        ("Met z'n tweeën", 83, 3), ("Politie bellen", 17, 3), ("Leidinggevende erbij", 0, 0)]
    b.act("drop_alternative", {"entry": str(police.id)})
    assert [r["text"] for r in b.results()["ranked"]] == ["Met z'n tweeën",
                                                          "Leidinggevende erbij"]
    assert all(e.payload.get("alternative") != police.id for e in b.view().entries)


# -- 7. weighing -----------------------------------------------------------------------------

def test_the_first_to_weigh_is_the_contributor_and_the_trainer_can_type_or_release():
    b = at("weighing")
    with pytest.raises(InputRejected, match="first line"):
        b.answer(1, {"sake": "respect"})
    b.answer(1, {"right": "Ik stel mijn grens", "need_team": "steun"})
    with pytest.raises(InputRejected, match="contributor"):
        b.answer(2, {"right": "Iets anders"})
    b.act("weigh", {"right": "Ik stel mijn grens, rustig", "need_team": "steun"})
    assert b.results() == {"weighing": {**{k: "" for k in Dilemma.prompts},
                                        "right": "Ik stel mijn grens, rustig",
                                        "need_team": "steun"}, "by": "contributor"}
    b.act("release")
    assert b.results()["weighing"] is None
    b.act("weigh", {"right": "Getypt door de begeleider"})
    assert b.results()["by"] == "trainer"
    b.answer(2, {"right": "Toch zelf"})
    assert b.results()["weighing"]["right"] == "Toch zelf"


# -- 8. agreement ----------------------------------------------------------------------------

def test_agreement_shows_the_shift_and_sends_the_choice_and_working_agreements_to_the_plan():
    b = at("choose")
    b.act("choose", {"dilemma": "s1"})
    b.go("formulate")
    for voter, choice in enumerate("aaab", 1):
        b.answer(voter, {"choice": choice})
    b.go("agreement")
    for voter, choice in enumerate("abbb", 1):
        b.answer(voter, {"choice": choice})
    result = b.results()
    assert result["before"]["percent"] == {"a": 75, "b": 25}
    assert result["after"]["percent"] == {"a": 25, "b": 75}
    assert result["shift"] == {"a": -50, "b": 50}

    with pytest.raises(ActionRejected, match="team's choice"):
        b.act("choice_to_plan", {"due": "2026-12-31"})
    b.act("record", {"agree": "Veiligheid eerst", "choice": "We stellen onze grens",
                     "grounds": "Respect voor collega's"})
    with pytest.raises(ActionRejected, match="date"):
        b.act("choice_to_plan")
    view = b.act("choice_to_plan", {"due": "2026-12-31"})
    assert view.agreements == [NewAgreement(
        "Action agreement: We stellen onze grens\nGrounds: Respect voor collega's",
        kind="action_agreement", owner="The team", due="2026-12-31")]
    with pytest.raises(ActionRejected):
        b.act("choice_to_plan", {"due": "2026-12-31"})
    view = b.act("working_agreement", {"text": "Met z'n tweeën afsluiten", "owner": "Teamleider",
                                       "due": "2026-12-31"})
    assert view.agreements == [NewAgreement("Met z'n tweeën afsluiten", kind="working_agreement",
                                            owner="Teamleider", due="2026-12-31")]
    for wrong in ({"text": "Met z'n tweeën afsluiten", "owner": "Teamleider",
                   "due": "2026-12-31"},
                  {"text": "x", "owner": "y", "due": "31-12-2026"},
                  {"text": "x", "owner": "", "due": "2026-12-31"},
                  {"text": "", "owner": "y", "due": "2026-12-31"}):
        with pytest.raises(InputRejected):
            b.act("working_agreement", wrong)
    assert b.view().data["agreements"] == [
        {"text": "Met z'n tweeën afsluiten", "owner": "Teamleider", "due": "2026-12-31"}]


def test_without_an_intuitive_vote_there_is_no_shift():
    b = at("choose")
    b.act("choose", {"dilemma": "s1"})
    b.go("agreement")
    b.answer(1, {"choice": "a"})
    assert b.results()["before"] is None and b.results()["shift"] is None


# -- 9. evaluate -----------------------------------------------------------------------------

def test_evaluation_summarises_marks_and_words():
    b = at("evaluate")
    for voter, (mark, word) in enumerate([(8, "Veilig"), (6, "veilig"), (9, ""), (7, "rust")], 1):
        b.answer(voter, {"score": str(mark), "word": word})
    result = b.results()
    assert result["average"] == 7.5 and result["count"] == 4
    assert result["words"] == [("veilig", 2), ("rust", 1)]
    assert [m["count"] for m in result["marks"]][5:9] == [1, 1, 1, 1]


@pytest.mark.parametrize("data", [{"score": "0"}, {"score": "11"}, {"score": "acht"}, {},
                                  {"score": "7", "word": "twee woorden"},
                                  {"score": "7", "word": "<b>"}])
def test_evaluation_refuses_marks_outside_1_to_10_and_more_than_one_word(data):
    with pytest.raises(InputRejected):
        at("evaluate").answer(1, data)


def test_every_step_has_a_report_and_notes_go_with_it():
    b = at("collect")
    for key in [s.key for s in b.steps]:
        b.go(key)
        report = b.form.report(b.view())
        assert set(report) == {"paragraphs", "tables"}
    view = b.view()
    view.notes = "Apart houden voor het werkoverleg"
    assert "Apart houden voor het werkoverleg" in b.form.report(view)["paragraphs"]


def test_a_step_refuses_actions_of_another_step():
    with pytest.raises(ActionRejected):
        at("collect").act("choose", {"dilemma": "s1"})

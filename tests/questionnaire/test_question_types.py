"""Mixed kinds of question in one questionnaire (METHODS.md section 7, the 0/1-measurement):
statements on a scale, how often, yes/no and an open question, each aspect its own options; open
answers anonymous, as a list only after the reveal, in the report too."""

import pytest

from facilitator import ConfigInvalid, InputRejected
from facilitator.testing import Bench
from plugins.questionnaire.workform import Questionnaire

MIXED = {
    "scale": ["helemaal mee eens", "mee eens", "mee oneens", "helemaal mee oneens"],
    "attention": ["mee oneens", "helemaal mee oneens", "2 tot 5 keer", "vaker dan 5 keer", "nee"],
    "aspects": [
        {"title": "Afgelopen jaar", "type": "frequency",
         "statements": ["Hoe vaak werd je uitgescholden?"]},
        {"title": "Beleving", "statements": ["Ik voel me veilig in mijn werk."]},
        {"title": "Melden", "type": "yesno", "statements": ["Weet je waar je een incident meldt?"]},
        {"title": "Tot slot", "type": "open", "statements": ["Wat zou je veiliger laten werken?"]},
    ],
}


def bench(**kw):
    return Bench(Questionnaire(), MIXED, participants=4, **kw)


def test_each_kind_has_its_own_answer_options():
    config = Questionnaire().validate_config(MIXED)
    assert [a["type"] for a in config["aspects"]] == ["frequency", "scale", "yesno", "open"]
    b = bench()
    assert b.phone_context(1)["options"] == [
        ["nooit", "1 keer", "2 tot 5 keer", "vaker dan 5 keer"], MIXED["scale"], ["ja", "nee"], []]
    assert Questionnaire().validate_config(config) == config  # its own output unchanged


def test_answers_are_checked_against_their_own_kind():
    b = bench()
    b.answer(1, {"aspect": "0", "q-0-0": "1 keer"})
    b.answer(1, {"aspect": "2", "q-2-0": "nee"})
    b.answer(1, {"aspect": "3", "q-3-0": "  Een tweede uitgang aan de balie.  "})
    assert b.phone_context(1)["answers"] == {
        "0.0": "1 keer", "2.0": "nee", "3.0": "Een tweede uitgang aan de balie."}
    for data in ({"aspect": "0", "q-0-0": "mee eens"}, {"aspect": "2", "q-2-0": "vaak"},
                 {"aspect": "3", "q-3-0": "x" * 1001}, {"aspect": "3", "q-3-0": ["lijst"]}):
        with pytest.raises(InputRejected):
            b.answer(2, data)
    b.answer(1, {"aspect": "3", "q-3-0": ""})  # emptied again: no answer
    assert "3.0" not in b.phone_context(1)["answers"]


def test_open_answers_only_after_the_reveal_as_a_list_without_names_and_in_the_report():
    b = bench()
    for person, text in ((1, "Een tweede uitgang."), (2, "Camera bij de balie."), (3, "")):
        b.answer(person, {"aspect": "3", "q-3-0": text, "aspect_note": "x"})
        b.answer(person, {"aspect": "2", "q-2-0": "nee"})
    assert b.results("screen") is None  # nothing before the reveal
    b.close()
    b.reveal()
    results = b.results("screen")
    [open_row] = results["aspects"][3]["rows"]
    assert open_row["open"] == ["Camera bij de balie.", "Een tweede uitgang."]  # sorted, no author
    yes_no = results["aspects"][2]
    assert yes_no["options"] == ["ja", "nee"] and yes_no["rows"][0]["counts"] == [0, 3]
    assert [c["key"] for c in results["candidates"]] == ["2.0"]  # 'nee' points to a goal
    tables = b.report()["tables"]
    assert tables[3].headers == ["Question", "Answer"]
    assert [row[1] for row in tables[3].rows] == ["Camera bij de balie.", "Een tweede uitgang."]
    assert tables[0].headers[1:5] == ["nooit", "1 keer", "2 tot 5 keer", "vaker dan 5 keer"]


def test_the_tally_of_a_measurement_keeps_counts_with_their_options_and_no_open_text():
    b = Bench(Questionnaire(), {**MIXED, "measurement": {"id": "m", "phase": "0", "minimum": 2}},
              participants=3)
    b.answer(1, {"aspect": "2", "q-2-0": "ja"})
    b.answer(1, {"aspect": "3", "q-3-0": "Iets persoonlijks."})
    b.end()
    tally = b.state["tally"]
    assert [row[0] for row in tally["rows"]] == ["0.0", "1.0", "2.0"]
    assert tally["options"]["2.0"] == ["ja", "nee"]
    assert "Iets persoonlijks" not in repr(b.state)


@pytest.mark.parametrize("aspect, where", [
    ({"title": "A", "type": "quiz", "statements": ["x"]}, "aspects[0].type"),
    ({"title": "A", "type": "open", "options": ["a", "b"], "statements": ["x"]},
     "aspects[0].options"),
    ({"title": "A", "type": "yesno", "options": ["ja", "ja"], "statements": ["x"]},
     "aspects[0].options"),
])
def test_odd_kinds_are_refused_naming_their_place(aspect, where):
    with pytest.raises(ConfigInvalid) as caught:
        Questionnaire().validate_config({"aspects": [aspect]})
    assert where in [p.where for p in caught.value.problems]

"""The 0/1-measurement on plain data: two sessions of a team with the same measurement id are
compared per question in the team plan, only when both have more respondents than the minimum."""

from datetime import date

from facilitator.testing import Bench
from plugins.questionnaire import extra_team_plan_sections
from plugins.questionnaire.workform import Questionnaire


class OnPaper(Questionnaire):
    """A questionnaire whose team has no earlier sessions: no database."""

    def load_baseline(self, view):
        return None


def measured(phase, answers, minimum=2, mid="vpt-2027"):
    config = {"scale": ["nooit", "1 keer", "vaker"], "attention": ["vaker"],
              "measurement": {"id": mid, "phase": phase, "minimum": minimum},
              "aspects": [{"title": "Afgelopen jaar", "statements": [
                  "Hoe vaak werd je uitgescholden?", "Hoe vaak werd je bedreigd?"]}]}
    bench = Bench(OnPaper(), config, participants=len(answers))
    for person, answer in enumerate(answers, start=1):
        bench.answer(person, {"aspect": "0", "q-0-0": answer})
    bench.end()  # leaving the step keeps the anonymous tally in the state
    return bench.state


def sessions(*states):
    return [{"id": n, "title": f"Sessie {n}", "held_on": date(2027, n, 1), "activities": [
        {"id": n, "type": "questionnaire", "title": "Meting", "state": state}]}
        for n, state in enumerate(states, start=1)]


def test_the_tally_is_anonymous_counts_only():
    state = measured("0", ["vaker", "vaker", "1 keer"])
    assert state["tally"]["respondents"] == 3
    assert state["tally"]["rows"][0] == ["0.0", "Hoe vaak werd je uitgescholden?", [0, 1, 2]]
    assert "answers" not in repr(state)


def test_0_and_1_are_compared_per_question_with_their_respondents():
    [table] = extra_team_plan_sections(sessions(
        measured("0", ["vaker", "vaker", "1 keer"]), measured("1", ["nooit", "nooit", "vaker"])))
    assert "vpt-2027" in str(table.caption)
    assert list(table.headers[1:]) == ["0-measurement (n=3)", "1-measurement (n=3)"]  # no locale: English
    assert table.rows[0] == ["Hoe vaak werd je uitgescholden?",
                             "nooit 0% · 1 keer 33% · vaker 67%",
                             "nooit 67% · 1 keer 0% · vaker 33%"]
    assert table.rows[1][1:] == ["-", "-"]  # nobody answered the second question


def test_at_or_below_the_minimum_nothing_is_compared():
    [table] = extra_team_plan_sections(sessions(
        measured("0", ["vaker", "vaker", "1 keer"], minimum=3),
        measured("1", ["nooit"] * 5, minimum=3)))
    assert len(table.rows) == 1
    assert str(table.rows[0][0]).startswith("Not shown") and "3" in str(table.rows[0][0])
    assert "%" not in repr(table.rows)


def test_the_default_minimum_is_15_as_in_source_004():
    config = Questionnaire().validate_config({"aspects": [{"title": "A", "statements": ["x"]}]})
    assert config["measurement"] == {"id": "", "phase": "0", "minimum": 15}
    [table] = extra_team_plan_sections(sessions(
        measured("0", ["vaker"] * 15, minimum=15), measured("1", ["nooit"] * 16, minimum=15)))
    assert str(table.rows[0][0]).startswith("Not shown")


def test_different_ids_or_a_single_measurement_give_no_comparison():
    assert extra_team_plan_sections(sessions(
        measured("0", ["vaker"] * 3), measured("1", ["nooit"] * 3, mid="ander"))) == []
    assert extra_team_plan_sections(sessions(measured("0", ["vaker"] * 3))) == []

"""METHODS.md section 6 (intervision methods), on plain data: every preset's phase order, who may
write what when, the contributor's consent, and that what was said vanishes when the session ends."""

import pytest

from facilitator import ActionRejected, ConfigInvalid, InputRejected
from facilitator.testing import Bench
from plugins.intervision.method_files import methods
from plugins.intervision.workform import Intervision

EXPECTED = {
    "vijf-stappen": ["tell", "questions", "core", "advice", "react"],
    "roddel": ["tell", "questions", "gossip", "react", "lessons"],
    "viskom": ["tell", "inner", "observers", "react"],
    "clinic": ["tell", "alternatives", "roleplay", "react"],
    "successen": ["tell", "questions", "factors", "common"],
    "stoel": ["tell", "chairs", "react"],
}


def bench(method="vijf-stappen", people=6, **config):
    return Bench(Intervision(), {"method": method, **config}, participants=people)


def token_of(b, pid):
    """The token only the phone that brought the case in is shown (its own phone_context)."""
    return b.phone_context(pid)["token"]


def to_round(b, owner=1, consent="yes"):
    """Cases from phones 1 and 2; everyone dots phone 1's case; its owner consents."""
    b.go("cases")
    b.answer(1, {"title": "Dreiging bij huisbezoek", "line": "Een man pakte een mes"})
    b.answer(2, {"title": "Grenzen stellen aan de telefoon"})
    b.go("choose")
    first = b.state["cases"][0]["id"] if owner == 1 else b.state["cases"][1]["id"]
    for pid in range(1, 7):
        b.answer(pid, {"votes": [str(first)]})
    b.go("consent")
    if consent:
        b.answer(owner, {"consent": consent, "token": token_of(b, owner)})
    return b


def test_six_methods_are_data_files_with_their_phases_in_order():
    assert set(methods()) == set(EXPECTED)
    for key, phases in EXPECTED.items():
        keys = [s.key for s in bench(key).steps]
        assert keys == ["cases", "choose", "consent", *[f"phase-{p}" for p in phases], "close"]
        for step in bench(key).steps[3:-1]:
            item = step.item
            assert item["purpose"] and item["others"] and item["minutes"] >= 1


@pytest.mark.parametrize("method", sorted(EXPECTED))
def test_who_may_write_what_when(method):
    b = to_round(bench(method))
    token = token_of(b, 1)
    for step in b.steps[3:-1]:
        b.go(step.key)
        assert b.phone_context(1)["contributor"] is True
        assert b.phone_context(2)["contributor"] is False
        assert b.offers_pass(1) is False  # the contributor listens; nothing to pass
        assert b.offers_pass(2) is (step.item["phones"] != "none")
        if step.item["phones"] == "none":
            with pytest.raises(InputRejected):
                b.answer(2, {"text": "Ik vraag me af..."})
        else:  # the others write; the contributor listens
            b.answer(2, {"text": "Wat gebeurde er vlak daarvoor?"})
            assert b.results()["count"] == 1
            with pytest.raises(InputRejected):
                b.answer(1, {"text": "Ik schrijf mee", "token": token})
        if step.takes_input:
            b.answer(3, passing=True)  # a pass is always possible where phones write


def test_the_roddelmethode_turns_the_contributors_back_and_lets_the_group_gossip():
    b = to_round(bench("roddel"))
    b.go("phase-gossip")
    assert b.step.item["contributor"] == "turn_back" and b.step.item["phones"] == "hypotheses"
    b.answer(4, {"text": "Misschien wilde ze het te snel oplossen."})
    assert b.results()["shown"][0]["text"].startswith("Misschien")


def test_advice_in_disguise_is_held_back_from_the_screen():
    b = to_round(bench())
    b.go("phase-questions")
    b.answer(2, {"text": "Waarom bel je de politie niet?"})
    b.answer(3, {"text": "Wat zei hij precies?"})
    held = b.entries["phase-questions"][0].id
    b.act("hold", {"entry": held})
    b.reveal()
    assert [t["text"] for t in b.results("screen")["shown"]] == ["Wat zei hij precies?"]
    assert len(b.results("console")["texts"]) == 2
    b.go("phase-advice")
    with pytest.raises(ActionRejected):
        b.act("hold", {"entry": held})  # advice is not held back


def test_the_contributor_picks_the_question_that_helps_only_with_their_token():
    b = to_round(bench())
    b.go("phase-questions")
    b.answer(2, {"text": "Wat zei hij precies?"})
    entry = b.entries["phase-questions"][0].id
    with pytest.raises(InputRejected):
        b.answer(3, {"action": "pick", "entry": str(entry), "token": "raden"})
    b.answer(1, {"action": "pick", "entry": str(entry), "token": token_of(b, 1)})
    assert b.results()["texts"][0]["picked"] is True


def test_consent_only_from_the_one_who_brought_it_in_and_anonymous_until_then():
    b = to_round(bench(named=True), consent=None)
    assert b.phone_context(1)["owner"] is True and b.phone_context(2)["owner"] is False
    assert b.phone_context(2)["token"] is None
    with pytest.raises(InputRejected):
        b.answer(2, {"consent": "yes", "token": "0" * 16})
    assert Intervision().consent(b.view()) is None
    b.answer(1, {"consent": "no", "token": token_of(b, 1)})
    assert b.form.console_primary(b.view()) == "next_case"
    b.act("next_case")  # phone 2's case is next; its owner is asked now
    assert b.phone_context(2)["owner"] is True and b.phone_context(1)["owner"] is False
    b.answer(2, {"consent": "yes", "token": token_of(b, 2)})
    b.go("phase-tell")
    assert b.state["consented"] is True
    assert b.phone_context(2)["contributor"] and not b.phone_context(1)["contributor"]


def test_a_named_case_shows_its_name_only_after_consent():
    b = Bench(Intervision(), {"method": "roddel"}, participants=3, named=True)
    b.go("cases")
    b.answer(1, {"title": "Melden of niet", "named": "yes"})
    b.go("choose")
    assert "P1" not in repr(Intervision().cases(b.view()))
    b.answer(2, {"votes": [str(b.state["cases"][0]["id"])]})
    b.go("consent")
    assert Intervision().contributor_name(b.view()) is None
    b.answer(1, {"consent": "yes", "token": token_of(b, 1)})
    b.go("phase-tell")
    assert Intervision().contributor_name(b.view()) == "P1"


def test_dots_are_limited_and_the_most_dots_win():
    b = bench(dots=1)
    b.go("cases")
    b.answer(1, {"title": "A"})
    b.answer(2, {"title": "B"})
    b.go("choose")
    a, bb = (c["id"] for c in b.state["cases"])
    with pytest.raises(InputRejected):
        b.answer(3, {"votes": [str(a), str(bb)]})
    with pytest.raises(InputRejected):
        b.answer(3, {"votes": ["999"]})
    b.answer(3, {"votes": str(bb)})
    b.answer(4, {"votes": [str(bb)]})
    b.answer(5, {"votes": [str(a)]})
    b.go("consent")
    assert b.state["chosen"] == bb


def test_turns_in_an_advice_round_skip_nobody():
    b = to_round(bench(people=6))
    b.go("phase-advice")
    assert b.form.console_primary(b.view()) == "next_turn"
    for _ in range(10):
        b.act("next_turn")
    assert b.data["phase-advice"]["turn"] == 5  # six people, one of them the contributor


def test_close_an_agreement_or_someone_outside_and_the_takeaway_stays_on_the_phone():
    b = to_round(bench())
    b.go("close")
    assert b.form.console_primary(b.view()) == "decide"
    b.act("decide", {"outcome": "agreement", "text": "Huisbezoek bij dreiging altijd met z'n tweeën",
                     "owner": "Teamleider"})
    b.act("decide", {"outcome": "outside", "text": "Bespreken: alarmknop in de spreekkamer",
                     "outside_help": "Facilitair manager"})
    kinds = [(a.kind, a.outside_help) for a in b.agreements]
    assert kinds == [("working_agreement", None), ("action", "Facilitair manager")]
    assert b.entries["close"] == []  # nothing of the take-away reached the server
    with pytest.raises(InputRejected):
        b.answer(2, {"takeaway": "Niet van mij", "token": "x"})
    b.answer(1, {"takeaway": "Ik vraag eerder om hulp.", "token": token_of(b, 1)})  # shared by choice
    assert b.results()["takeaways"] == ["Ik vraag eerder om hulp."]


def test_what_was_said_vanishes_when_the_session_ends_and_the_report_never_holds_it():
    b = to_round(bench("roddel"))
    b.go("phase-questions")
    b.answer(2, {"text": "Wat zei hij precies?"})
    b.go("phase-gossip")
    b.answer(3, {"text": "Misschien voelde ze zich alleen."})
    b.go("close")
    b.act("decide", {"outcome": "agreement", "text": "Na een incident belt de teamleider dezelfde dag"})
    said = ("Dreiging bij huisbezoek", "Een man pakte", "Wat zei hij", "voelde ze zich alleen")
    assert any(s in repr(b.entries) for s in said)
    b.end()
    assert all(entries == [] for entries in b.entries.values())
    assert not any(s in repr(b.state) + repr(b.data) for s in said)
    report = repr([b.form.report(b.view())] + [b.report()])
    assert not any(s in report for s in said)
    b.go("close")
    first = b.report()
    assert "Roddelmethode" in repr(first) or "Gossip method" in repr(first)
    assert len(b.agreements) == 1  # the agreement the group marked for the plan stays


def test_a_scenario_adapts_a_method():
    b = bench("vijf-stappen", phases=[{"key": "advice", "minutes": 25},
                                      {"key": "core", "skip": True},
                                      {"key": "check", "title": "Terugblik", "purpose": "Hoe ging het?"}])
    keys = [s.key for s in b.steps]
    assert "phase-core" not in keys and keys[-2] == "phase-check"
    assert b.steps[keys.index("phase-advice")].item["minutes"] == 25
    config = Intervision().validate_config(b.config)
    assert config == b.config  # its own output comes back unchanged
    with pytest.raises(ConfigInvalid):
        Intervision().validate_config({"method": "onbekend"})
    with pytest.raises(ConfigInvalid):
        Intervision().validate_config({"method": "roddel", "phases": [{"key": "nieuw"}]})
    with pytest.raises(ConfigInvalid):
        Intervision().validate_config({"method": "roddel", "phases": [{"key": "tell", "phones": "x"}]})


def test_the_trainer_starts_pauses_and_extends_the_phase_time():
    b = to_round(bench())
    b.go("phase-advice")  # 20 minutes suggested
    assert b.form.clock(b.view())["started"] is False
    b.act("timer", {"do": "start"})
    clock = b.form.clock(b.view())
    assert clock["running"] and 20 * 60 - 2 <= clock["deadline"] - clock["now"] <= 20 * 60
    b.act("timer", {"do": "pause"})
    b.act("timer", {"do": "extend"})
    clock = b.form.clock(b.view())
    assert not clock["running"] and 22 * 60 - 2 <= clock["left"] <= 22 * 60
    with pytest.raises(ActionRejected):
        b.act("timer", {"do": "rewind"})


def test_the_group_marks_an_item_for_the_plan_and_only_that_outlives_the_session():
    b = to_round(bench())
    b.go("phase-advice")
    b.answer(2, {"text": "Spreek af dat je bij dreiging altijd een collega erbij haalt."})
    b.answer(3, {"text": "Iets wat alleen in de groep blijft."})
    marked = b.entries["phase-advice"][0].id
    b.act("to_plan", {"entry": marked})
    with pytest.raises(ActionRejected):
        b.act("to_plan", {"entry": marked})  # once
    assert [a.text for a in b.agreements] == [
        "Spreek af dat je bij dreiging altijd een collega erbij haalt."]
    b.end()
    assert b.entries["phase-advice"] == []
    assert "alleen in de groep" not in repr(b.state) + repr(b.data) + repr(b.agreements)
    b.go("close")
    assert "Afspraken voor het teamplan: 1." in repr(b.report()) or \
        "Agreements for the team plan: 1." in repr(b.report())

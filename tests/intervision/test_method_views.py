"""What makes each method its own on the phones (issue 20): the chair a member takes in "op de
stoel van een ander" and the observation task of the viskom's outer circle come from the method
file; what the group wrote in one phase comes back, once revealed, in the phase that works with
it (the team picks its common approach from the success factors), and is wiped at the end."""

import pytest

from facilitator import ActionRejected, InputRejected
from facilitator.testing import Bench
from plugins.intervision.method_files import MethodFileInvalid, check_phase
from plugins.intervision.workform import Intervision

from .test_intervision_on_bench import to_round


def bench(method):
    return to_round(Bench(Intervision(), {"method": method}, participants=6))


@pytest.mark.parametrize(("method", "phase", "label"), [
    ("stoel", "phase-chairs", "The citizen"), ("viskom", "phase-inner", "Values")])
def test_a_member_picks_a_chair_or_task_from_the_methods_list(method, phase, label):
    b = bench(method)
    b.go(phase)
    assert label in b.step.item["labels"]
    b.answer(2, {"text": "Ik wil gewoon geholpen worden", "label": label})
    assert b.results()["texts"][0]["label"] == label
    assert b.phone_context(2)["mine"] == [f"{label}: Ik wil gewoon geholpen worden"]
    with pytest.raises(InputRejected):
        b.answer(3, {"text": "Als koning", "label": "The king"})


def test_labels_in_a_method_file_are_checked():
    phase = {"key": "x", "title": "X", "purpose": "P", "speaks": "group", "others": "",
             "minutes": 5, "phones": "stakeholder", "contributor": "listen"}
    assert check_phase(phase, "p")["labels"] == []
    with pytest.raises(MethodFileInvalid):
        check_phase({**phase, "labels": "The citizen"}, "p")


def test_the_success_factors_come_back_when_the_team_picks_its_approach():
    b = bench("successen")
    b.go("phase-factors")
    b.answer(2, {"text": "Ze bleef rustig en noemde zijn naam"})
    b.answer(3, {"text": "Een collega stond in de buurt"})
    b.go("phase-common")
    form = Intervision()
    assert form.shown_again(b.view(), "screen") is None  # not on the screen until shown there
    assert form.console_primary(b.view()) == "show_again"
    b.act("show_again")
    assert form.console_primary(b.view()) == "next"
    assert len(form.shown_again(b.view(), "screen")["texts"]) == 2
    again = form.shown_again(b.view())
    assert [t["text"] for t in again["texts"]] == ["Ze bleef rustig en noemde zijn naam",
                                                   "Een collega stond in de buurt"]
    b.act("to_plan", {"said": "1"})
    with pytest.raises(ActionRejected):
        b.act("to_plan", {"said": "1"})
    with pytest.raises(ActionRejected):
        b.act("to_plan", {"said": "7"})
    assert [a.text for a in b.agreements] == ["Een collega stond in de buurt"]
    assert Intervision().shown_again(b.view())["texts"][1]["planned"] is True
    b.end()
    assert "said" not in b.state and "rustig" not in repr(b.state)
    assert [a.text for a in b.agreements] == ["Een collega stond in de buurt"]  # the plan keeps it


def test_the_advice_comes_back_when_the_contributor_says_what_helps():
    b = bench("vijf-stappen")
    b.go("phase-advice")
    b.answer(2, {"text": "Bel de volgende keer meteen je leidinggevende"})
    b.reveal()
    b.go("phase-react")
    assert len(Intervision().shown_again(b.view())["texts"]) == 1


def test_every_text_of_the_method_files_has_its_dutch():
    from pathlib import Path

    from babel.messages.pofile import read_po

    from plugins.intervision.method_files import methods

    po = Path(__file__).parents[2] / "plugins/intervision/translations/nl/LC_MESSAGES/messages.po"
    dutch = {m.id: m.string for m in read_po(po.open("rb")) if m.id and m.string}
    texts = {text for m in methods().values() for text in (
        m["title"], m["goal"], *[t for p in m["phases"] for t in (
            p["title"], p["purpose"], p["others"], *p["labels"]) if t])}
    assert sorted(texts - set(dutch)) == []

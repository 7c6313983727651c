"""METHODS.md section 1 (dilemma method), rule by rule: the intuitive judgement is private first and
comes back on the person's own phone at step 8; values and norms belong to a stakeholder; step 4
is "Verhelderen en verplaatsen"; the prepared dilemmas show also below the minimum group."""

import re

from sqlalchemy import select

from facilitator.extensions import db
from facilitator.sessions.models import Entry, StepState
from facilitator.testing import Bench
from plugins.dilemma.workform import Dilemma

from .test_live_run import ok, session, shown  # noqa: F401 (fixture)

SIDES = {"facts": "Na sluitingstijd staat iemand binnen.", "side_a": "Ik laat hem binnen",
         "side_b": "Ik stuur hem weg"}


def test_dilemma_1_intuitive_judgement_private_first_and_compared_on_the_own_phone(app, session):  # noqa: F811
    console, screen, (p1, p2, p3, p4) = session
    ok(console.do("start"))
    ok(console.do("next"))
    ok(console.do("next"))  # 3. formulate
    ok(console.do("formulate", step="formulate", title="Na sluitingstijd", **SIDES))
    ok(p1.answer({"choice": "a", "line": "Hij is al binnen"}))
    ok(p2.answer({"choice": "b", "line": ""}))
    ok(p3.answer({"choice": "b", "line": "Veiligheid eerst"}))
    assert "Hij is al binnen" in p1.snapshot()["html"], "the phone keeps its own line"
    assert "Hij is al binnen" not in p2.snapshot()["html"]
    assert "data-ab" not in shown(screen), "no distribution before the trainer reveals it"
    with app.app_context():
        row = db.session.scalar(select(StepState).where(StepState.key == "formulate"))
        stored = db.session.scalars(select(Entry).where(Entry.step_id == row.id)).all()
        assert len(stored) == 3 and all(e.participant_id is None for e in stored)
    ok(console.do("reveal", step="formulate"))
    assert 'data-ab="b">67%' in shown(screen)
    for _ in range(5):
        ok(console.do("next"))
    assert p1.snapshot()["meta"]["step"] == "agreement"
    mine = p1.snapshot()["html"]
    assert 'data-intuition="a"' in mine and "Hij is al binnen" in mine
    assert "Ik laat hem binnen" in mine[mine.index("data-intuition"):]
    assert 'data-intuition="b"' in p3.snapshot()["html"]
    assert "Veiligheid eerst" not in p2.snapshot()["html"], "nobody sees another's line"
    assert "data-intuition" not in p4.snapshot()["html"], "who did not choose sees nothing"
    for phone, choice in ((p1, "b"), (p2, "b"), (p3, "b")):
        ok(phone.answer({"choice": choice}))
    ok(console.do("reveal", step="agreement"))
    html = shown(screen)
    assert "data-shift" in html and "Hij is al binnen" not in html


def test_dilemma_1_values_and_norms_tied_to_a_stakeholder():
    bench = Bench(Dilemma(), {}, participants=4)
    bench.go("values")
    bench.answer(1, {"column": "stakeholders", "text": "de bezoeker"})
    bench.answer(2, {"column": "stakeholders", "text": "mijn collega"})
    bench.answer(3, {"column": "values", "text": "respect", "for": "De bezoeker"})
    bench.answer(4, {"column": "norms", "text": "huisregels", "for": "de bezoeker"})
    bench.answer(1, {"column": "values", "text": "veiligheid", "for": "mijn collega"})
    bench.answer(2, {"column": "norms", "text": "de wet"})
    rows = {(r["stakeholder"]["text"] if r["stakeholder"] else None):
            ([c["text"] for c in r["values"]], [c["text"] for c in r["norms"]])
            for r in bench.results()["rows"]}
    assert rows == {"de bezoeker": (["respect"], ["huisregels"]),
                    "mijn collega": (["veiligheid"], []), None: ([], ["de wet"])}
    law = next(e for e in bench.entries["values"] if e.payload["text"] == "de wet")
    bench.act("edit_cell", {"entry": str(law.id), "text": "de wet", "for": "mijn collega"})
    rows = {r["stakeholder"]["text"]: r for r in bench.results()["rows"] if r["stakeholder"]}
    assert [c["text"] for c in rows["mijn collega"]["norms"]] == ["de wet"]
    table = Dilemma().report(bench.view())["tables"][0]
    assert ["de bezoeker", "respect", "huisregels"] in table["rows"]


def test_dilemma_1_step_4_is_verhelderen_en_verplaatsen(session):  # noqa: F811
    console, _screen, (p1, *_rest) = session
    ok(console.do("start"))
    html = console.snapshot()["html"]
    assert "4. Verhelderen en verplaatsen" in html


def test_dilemma_1_prepared_dilemmas_show_with_fewer_than_the_minimum_contributions(session):  # noqa: F811
    console, screen, (p1, *_rest) = session
    ok(console.do("start"))
    ok(p1.answer({"title": "Eigen dilemma", "text": "Iets van mij.", "theme": "limits"}))
    ok(console.do("reveal", step="collect"))
    html = shown(screen)
    assert "Schelden aan de balie" in html, "the prepared dilemmas are not the group's input"
    assert "Eigen dilemma" not in html, "one contribution stays below the minimum group"
    assert re.search(r"Minder dan \d+ bijdragen", html)

"""Fixtures for the export tests: sample documents full of hostile text, in English and Dutch."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pytest
from flask import Flask
from flask_babel import Babel

from facilitator.exports import (
    TRANSLATIONS,
    AgreementRow,
    ReportSection,
    ReportTable,
    SessionLine,
    SessionReport,
    TeamPlanDocument,
)

FORMULAS = ['=HYPERLINK("http://x","klik")', "+1", "-1", "@SUM(A1)", "\tTab ervoor", "\rCR ervoor"]
HOSTILE = [
    *FORMULAS,
    "Zoë, Renée en Jürgen: “aanhalingstekens” en 'enkele' — € 50",
    "Emoji 👍🏽 en 👨‍👩‍👧 mogen niet crashen",
    "<script>alert('x')</script> & &amp;",
    "Eerste regel\nTweede regel\r\nDerde regel",
    "Cel | met | pipes",
    "**vet** _schuin_ [link](http://x) # kop `code`",
    "- lijkt op een lijst",
    "1. lijkt op een genummerde lijst",
    "Stuurtekens \x00\x07\x1b\ud800 weg",
]


@dataclass(frozen=True)
class Language:
    """The labels each test expects in the language it runs in."""

    code: str
    team_plan: str
    agreements: str
    open_points: str
    who: str
    what: str
    when: str
    evaluation: str
    session_report: str
    anonymous: str
    named: str
    trainer_only: str
    in_progress: str
    due_text: str  # how the due date of the sample agreements is written out in a table
    evaluation_text: str  # how the plan's evaluation date is written out


ENGLISH = Language(
    "en",
    "Team plan",
    "Agreements",
    "Open points",
    "Who",
    "What",
    "When",
    "Evaluation moment",
    "Session report",
    "Anonymous",
    "Named",
    "Trainer only",
    "In progress",
    "Mar 1, 2026",
    "June 1, 2026",
)
DUTCH = Language(
    "nl",
    "Teamplan",
    "Afspraken",
    "Open punten",
    "Wie",
    "Wat",
    "Wanneer",
    "Evaluatiemoment",
    "Sessieverslag",
    "Anoniem",
    "Met naam",
    "Alleen begeleider",
    "In uitvoering",
    "1 mrt 2026",
    "1 juni 2026",
)


@pytest.fixture
def formulas() -> list[str]:
    return FORMULAS


@pytest.fixture
def hostile() -> list[str]:
    return HOSTILE


@pytest.fixture(params=["en", "nl"])
def lang(request):
    """Run the test twice: plain (English msgids) and inside a Flask-Babel app set to Dutch."""
    if request.param == "en":
        yield ENGLISH
        return
    app = Flask(__name__)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = TRANSLATIONS
    Babel(app, locale_selector=lambda: "nl")
    with app.test_request_context():
        yield DUTCH


def agreement(text: str, **changes) -> AgreementRow:
    row = AgreementRow(
        text=text,
        kind="action",
        owner="Teamleider Ömer Şahin",
        due=date(2026, 3, 1),
        status="in_progress",
        outside_help=None,
        source="Sessie 1: Wat gebeurde er?",
    )
    return replace(row, **changes)


@pytest.fixture
def plan() -> TeamPlanDocument:
    agreements = [
        agreement(
            "We lopen bij een dreigend gesprek altijd met z'n tweeën naar de balie.",
            kind="working_agreement",
            owner="Iedereen",
            due=None,
            status="open",
        ),
        agreement("Meldingsformulier agressie vereenvoudigen", outside_help="Arbodienst"),
        agreement("Leren de-escaleren aan de telefoon", kind="learning_goal", status="done"),
        *(agreement(text, owner=text, outside_help=text, source=text) for text in HOSTILE),
        agreement(
            "Wie neemt contact op met de wijkagent?",
            kind="open_point",
            owner=None,
            due=None,
            outside_help="Politie",
        ),
        agreement("Nazorg na een incident in het weekend", kind="open_point", owner="Anouk"),
    ]
    return TeamPlanDocument(
        team_name="Team Zoë Publiekszaken",
        unit="Burgerzaken & Belastingen",
        trainer="Inge de Vries-Özdemir",
        generated_on=date(2026, 2, 14),
        participant_count=14,
        sessions=[
            SessionLine("Sessie 1: Wat gebeurde er?", date(2026, 1, 20), 12),
            SessionLine("Sessie 2: Afspraken", None, 14),
        ],
        goals=["Niemand staat er alleen voor", "Elk incident wordt gemeld\nook kleine"],
        agreements=agreements,
        evaluation_moment=date(2026, 6, 1),
    )


@pytest.fixture
def report() -> SessionReport:
    return SessionReport(
        title="Sessie 1: Wat gebeurde er?",
        held_on=date(2026, 1, 20),
        trainer="Inge de Vries-Özdemir",
        team_name="Team Zoë Publiekszaken",
        participant_count=12,
        sections=[
            ReportSection(
                title="Incidenten",
                work_form_title="Tijdlijn",
                visibility="anonymous",
                paragraphs=["Er werden zeven incidenten genoemd.", *HOSTILE],
                tables=[
                    ReportTable(
                        caption="Soorten incidenten",
                        headers=["Soort", "Aantal"],
                        rows=[["Schelden", "5"], ["Dreigen | intimideren", "2"], ["Rest"]],
                    )
                ],
            ),
            ReportSection("Wat helpt", "Rondje", "named", ["Anouk: samen naar de balie."], []),
            ReportSection("Notities", None, "trainer", ["Alleen voor de begeleider."], []),
        ],
    )

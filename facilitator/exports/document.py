"""The plain data the renderers turn into documents.

Everything here is decided upstream (what to include, what is private); the renderers only lay it
out. Text fields may hold anything a person can type: the renderers make it safe for each format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

Kind = Literal["working_agreement", "action_agreement", "action", "open_point", "learning_goal"]
Status = Literal["open", "in_progress", "done", "dropped"]
Visibility = Literal["anonymous", "named", "trainer"]

_NUMBER = re.compile(r"^\s*-?\d+(?:[.,]\d+)?\s*(?:½|%)?\s*$")

KINDS: tuple[Kind, ...] = ("working_agreement", "action_agreement", "action", "open_point",
                           "learning_goal")
STATUSES: tuple[Status, ...] = ("open", "in_progress", "done", "dropped")


@dataclass(frozen=True)
class AgreementRow:
    """One line of the team plan: who does what by when."""

    text: str
    kind: Kind
    owner: str | None = None
    due: date | None = None
    status: Status = "open"
    outside_help: str | None = None  # e.g. "vertrouwenspersoon"; None when none is needed
    source: str = ""  # where it came from: "session, date, activity"
    number: int | None = None  # its place in the plan, 1 for the first
    overdue: bool = False  # due date passed while still open or in progress
    expected_result: str | None = None  # what the team will see when it is done
    updated_at: datetime | None = None  # last change, as stored (UTC)
    followup: str = ""  # the latest follow-up note (e.g. from a review in a session)


@dataclass(frozen=True)
class SessionLine:
    title: str
    held_on: date | None = None
    participant_count: int = 0


@dataclass(frozen=True)
class TeamPlanDocument:
    team_name: str
    unit: str
    trainer: str
    generated_on: date
    participant_count: int
    sessions: list[SessionLine] = field(default_factory=list)
    goals: list[str] = field(default_factory=list)
    agreements: list[AgreementRow] = field(default_factory=list)
    evaluation_moment: date | str | None = None
    author: str = ""  # who makes the document (display name or e-mail), for its properties

    @property
    def overdue_count(self) -> int:
        return sum(row.overdue for row in self.agreements)

    @property
    def open_points(self) -> list[AgreementRow]:
        """Agreements of kind "open_point": shown in their own section."""
        return [row for row in self.agreements if row.kind == "open_point"]

    @property
    def settled_agreements(self) -> list[AgreementRow]:
        """All other agreements: the rows of the agreements table."""
        return [row for row in self.agreements if row.kind != "open_point"]


@dataclass(frozen=True)
class ReportTable:
    caption: str
    headers: list[str]
    rows: list[list[str]]

    @property
    def width(self) -> int:
        return max([len(self.headers), *(len(row) for row in self.rows)], default=0)

    def padded_rows(self) -> list[list[str]]:
        """The rows, each padded with empty cells to the table's width."""
        return [list(row) + [""] * (self.width - len(row)) for row in self.rows]

    def padded_headers(self) -> list[str]:
        return list(self.headers) + [""] * (self.width - len(self.headers))

    def numeric_columns(self) -> tuple[int, ...]:
        """The columns that hold only numbers (counts, points, percentages)."""
        rows = self.padded_rows()
        return tuple(i for i in range(self.width)
                     if rows and all(_NUMBER.match(row[i]) for row in rows))

    def shares(self) -> list[float]:
        """Each column's share of the width, after how much text it holds: a column of numbers
        gets room for its heading, a column of sentences the most (they add up to 1)."""
        rows, numeric, weights = self.padded_rows(), self.numeric_columns(), []
        for column, header in enumerate(self.padded_headers()):
            # Bold headings are wider than body text: room for the longest word of the heading.
            # (Word adds about 0.4 cm of cell margins, which a narrow column feels most.)
            heading_word = max((len(w) for w in header.split()), default=1) * 1.4 + 3
            longest_word = max((len(w) for r in rows for w in r[column].split()), default=1)
            if column in numeric:
                weight = max(heading_word, longest_word + 2, 5)
            else:
                average = sum(len(r[column]) for r in rows) / max(len(rows), 1)
                weight = max(min(average, 60), longest_word, heading_word, 6)
            weights.append(weight)
        total = sum(weights) or 1
        return [weight / total for weight in weights]


@dataclass(frozen=True)
class ReportSection:
    title: str
    work_form_title: str | None
    visibility: Visibility
    paragraphs: list[str] = field(default_factory=list)
    tables: list[ReportTable] = field(default_factory=list)


@dataclass(frozen=True)
class SessionReport:
    title: str
    held_on: date | None
    trainer: str
    team_name: str
    participant_count: int
    sections: list[ReportSection] = field(default_factory=list)
    author: str = ""
    final: bool = True  # False while the session runs: more steps may still be revealed
    notice: str = ""  # what the report says about itself, e.g. that it is not final yet
    heading: str = ""  # the document's own heading instead of "Session report" (a plugin's)
    facts: list[tuple[str, str]] | None = None  # its own header block instead of the session's

"""The plain data the renderers turn into documents.

Everything here is decided upstream (what to include, what is private); the renderers only lay it
out. Text fields may hold anything a person can type: the renderers make it safe for each format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Kind = Literal["working_agreement", "action", "open_point", "learning_goal"]
Status = Literal["open", "in_progress", "done", "dropped"]
Visibility = Literal["anonymous", "named", "trainer"]

KINDS: tuple[Kind, ...] = ("working_agreement", "action", "open_point", "learning_goal")
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
    source: str = ""  # where it came from, e.g. the session or work form


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
    final: bool = True  # False while the session runs: more steps may still be revealed
    notice: str = ""  # what the report says about itself, e.g. that it is not final yet

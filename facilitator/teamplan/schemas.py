"""The shapes of the JSON API, as pydantic models: the handlers in ``api.py`` send every answer
through them, and ``openapi.py`` makes the OpenAPI document from them, so the two cannot drift."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from ..exports.document import KINDS, STATUSES

Kind = Literal[KINDS]  # type: ignore[valid-type]
Status = Literal[STATUSES]  # type: ignore[valid-type]
Action = Literal["created", "edited", "status", "moved", "merged", "reviewed", "withdrawn"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Problem(Model):
    """An error (RFC 9457), with a stable ``code`` to act on and a ``detail`` for people, in the
    language of the request's Accept-Language (Dutch or English)."""

    type: str = Field("about:blank", description="Always about:blank: the code says what it is.")
    title: str = Field(description="The HTTP status phrase, e.g. Not Found.")
    status: int
    code: str = Field(description="Stable, machine-readable, e.g. not_found, precondition_failed.")
    detail: str = Field(description="What went wrong, for people, in the request's language.")


class Links(Model):
    self: str
    first: str
    last: str
    next: str | None
    prev: str | None


class Paged(Model):
    page: int = Field(ge=1)
    per_page: int = Field(ge=1, le=200)
    total: int = Field(ge=0, description="Number of items on all pages together.")
    links: Links


class Team(Model):
    id: int
    name: str
    unit: str | None
    sessions: int = Field(description="Number of sessions of this team.")
    open: int = Field(description="Open and in-progress agreements.")


class TeamList(Paged):
    teams: list[Team]


class Session(Model):
    id: int
    title: str
    status: Literal["waiting", "running", "ended"]
    held_on: date
    participants: int


class SessionRef(Model):
    id: int
    title: str
    held_on: date


class ActivityRef(Model):
    id: int
    title: str
    type: str = Field(description="The work form, e.g. `incident`.")
    step: str | None = Field(description="The key of the step it was agreed at.")


class Agreement(Model):
    id: int
    team_id: int
    place: int | None = Field(description="1 for the first agreement of the plan; null once withdrawn.")
    text: str
    kind: Kind
    owner: str | None
    due: date | None
    status: Status
    outside_help: str | None
    expected_result: str | None = Field(description="What the team will notice when it is done.")
    overdue: bool = Field(description="Due date passed while still open or in progress.")
    withdrawn: bool = Field(description="Taken out of the plan (DELETE); kept with its history.")
    session: SessionRef | None = Field(
        description="The session it was agreed in; null when added on the team plan.")
    activity: ActivityRef | None = Field(
        description="The activity of the session it was agreed in; null when not known.")
    created_at: AwareDatetime
    updated_at: AwareDatetime


class Change(Model):
    at: AwareDatetime
    actor: str
    action: Action
    changes: dict[str, Annotated[list, Field(min_length=2, max_length=2)]] = Field(
        description="Per field: [before, after].")
    note: str


class AgreementWithHistory(Agreement):
    history: list[Change] = Field(description="Newest first.")


class AgreementList(Paged):
    agreements: list[Agreement]


class AgreementOrder(Model):
    agreements: list[Agreement]


class AgreementInput(Model):
    text: str = Field(max_length=2000)
    kind: Kind = "working_agreement"
    owner: str | None = Field(None, max_length=120)
    due: date | None = None
    status: Status = "open"
    outside_help: str | None = Field(None, max_length=200)
    expected_result: str | None = Field(None, max_length=500)


class AgreementPatch(Model):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"minProperties": 1})

    text: str | None = Field(None, max_length=2000)
    kind: Kind | None = None
    owner: str | None = Field(None, max_length=120)
    due: date | None = None
    status: Status | None = None
    outside_help: str | None = Field(None, max_length=200)
    expected_result: str | None = Field(None, max_length=500)


class OrderInput(Model):
    agreement_ids: list[int] = Field(description="Every agreement of the team, each once.")


class Table(Model):
    title: str
    headers: list[str]
    rows: list[list[str]]


class Summary(Model):
    open: int
    in_progress: int
    done: int
    dropped: int
    overdue: int


class TeamPlan(Model):
    team: Team
    goals: list[str]
    evaluation_on: date | None
    summary: Summary
    agreements: list[Agreement]
    sessions: list[Session]
    sections: list[Table] = Field(description=(
        "What plugins add to the team plan, e.g. the incident evaluation's causes per factor "
        "group, per evaluation and in total."))


Cell = str | int | float


class ReportTable(Model):
    caption: str
    headers: list[str]
    rows: list[list[Cell]] = Field(description=(
        "Counts and percentages as numbers (a percentage as 0-100), everything else as text."))


class ReportSection(Model):
    title: str
    work_form_title: str | None
    visibility: Literal["anonymous", "named", "trainer"]
    paragraphs: list[str]
    tables: list[ReportTable]


class SessionReport(Model):
    session: Session
    title: str
    held_on: date | None
    trainer: str
    team_name: str
    participant_count: int
    final: bool = Field(description="false while the session runs: only steps whose results were "
                        "shown to the group are in it, and more may follow")
    notice: str = Field(description="what the report says about itself; empty once the session ended")
    sections: list[ReportSection]


MODELS = [Problem, TeamList, TeamPlan, AgreementList, AgreementOrder, Agreement,
          AgreementWithHistory, AgreementInput, AgreementPatch, OrderInput, SessionReport]

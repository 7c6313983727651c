"""Labels and value formatting shared by the renderers, all through the translation layer.

Call these while rendering (not at import time) so they follow the request's locale. Outside an
app context Flask-Babel returns the English msgid, and dates are formatted in English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import flask_babel
from babel.dates import format_date
from flask import current_app, has_app_context
from flask_babel import get_locale
from flask_babel import gettext as _

from .document import AgreementRow


@dataclass(frozen=True)
class Cell:
    """A table cell of the documents: its main text, an alert (e.g. "Overdue") and smaller notes."""

    text: str = ""
    alert: str = ""
    notes: list[str] = field(default_factory=list)

    def plain(self) -> str:
        return "\n".join(part for part in (self.text, self.alert, *self.notes) if part)


def kind_label(kind: str) -> str:
    labels = {
        "working_agreement": _("Working agreement"),
        "action_agreement": _("Action agreement"),
        "action": _("Action"),
        "open_point": _("Open point"),
        "learning_goal": _("Learning goal"),
    }
    return labels.get(kind, kind)


def status_label(status: str) -> str:
    labels = {
        "open": _("Open"),
        "in_progress": _("In progress"),
        "done": _("Done"),
        "dropped": _("Dropped"),
    }
    return labels.get(status, status)


def visibility_label(visibility: str) -> str:
    labels = {
        "anonymous": _("Anonymous"),
        "named": _("Named"),
        "trainer": _("Trainer only"),
    }
    return labels.get(visibility, visibility)


def _babel_app() -> bool:
    return has_app_context() and "babel" in current_app.extensions


def format_day(day: date | None, format: str = "long") -> str:
    """A date written out for people, e.g. "3 maart 2026"; empty when there is none.

    Inside an app it goes through Flask-Babel, so a stored time (UTC) is shown in the app's
    time zone; outside one it is formatted in English."""
    if day is None:
        return ""
    if _babel_app():
        return flask_babel.format_date(day, format=format)
    if isinstance(day, datetime):
        day = day.date()
    return format_date(day, format=format, locale=str(get_locale() or "en"))


def format_moment(moment: datetime | None) -> str:
    """A stored time (UTC) for people, e.g. "3 mrt 2026 14:05", in the app's time zone."""
    if moment is None:
        return ""
    if _babel_app():
        return flask_babel.format_datetime(moment, format="medium")[:-3]  # without seconds
    return moment.strftime("%Y-%m-%d %H:%M")


def local_day(moment: datetime | None) -> date | None:
    """The calendar day of a stored time (UTC) in the app's time zone."""
    if moment is None:
        return None
    if _babel_app():
        return flask_babel.to_user_timezone(moment).date()
    return moment.date()


def evaluation_label(moment: date | str | None) -> str:
    if moment is None or moment == "":
        return _("Not scheduled yet")
    if isinstance(moment, date):
        return format_day(moment)
    return moment


def overdue_label() -> str:
    return _("Overdue")


def overdue_summary(count: int) -> str:
    """The line under the plan's header, as on the web page: "7 agreements are past their date"."""
    return flask_babel.ngettext("%(num)d agreement is past its date and still open.",
                                "%(num)d agreements are past their date and still open.", count)


def agreement_headers() -> list[str]:
    """Column headings of the agreements table in the documents (docx, pdf, markdown)."""
    return [_("No."), _("What"), _("Who"), _("When"), _("Status"), _("Kind"),
            _("Outside help needed")]


def agreement_notes(row: AgreementRow) -> list[str]:
    """The smaller lines under an agreement's text: expected result, follow-up, source."""
    notes = []
    if row.expected_result:
        notes.append(_("Expected result: %(result)s", result=row.expected_result))
    if row.followup:
        notes.append(_("Follow-up: %(note)s", note=row.followup))
    if row.source:
        notes.append(_("Source: %(source)s", source=row.source))
    return notes


def agreement_cells(row: AgreementRow) -> list[Cell]:
    """One row of that table; callers still escape the text for their format."""
    updated = format_day(row.updated_at, "medium") if row.updated_at else ""
    return [
        Cell(str(row.number) if row.number is not None else ""),
        Cell(row.text, notes=agreement_notes(row)),
        Cell(row.owner or ""),
        Cell(format_day(row.due, "medium"), alert=overdue_label() if row.overdue else ""),
        Cell(status_label(row.status),
             notes=[_("Updated %(date)s", date=updated)] if updated else []),
        Cell(kind_label(row.kind)),
        Cell(row.outside_help or ""),
    ]


def register_headers() -> list[str]:
    """Column headings of the agreements register (xlsx, csv): every field, one column each."""
    return [_("No."), _("Who"), _("What"), _("Expected result"), _("When"), _("Overdue"),
            _("Status"), _("Kind"), _("Outside help needed"), _("Last update"), _("Follow-up"),
            _("Source")]


def register_values(row: AgreementRow) -> list[str | int | date | None]:
    """One register row; dates stay dates so each format can write them its own way."""
    return [
        row.number,
        row.owner or "",
        row.text,
        row.expected_result or "",
        row.due,
        _("Yes") if row.overdue else "",
        status_label(row.status),
        kind_label(row.kind),
        row.outside_help or "",
        local_day(row.updated_at),
        row.followup,
        row.source,
    ]


def open_point_details(row: AgreementRow) -> str:
    """The line under an open point: its number, status, who picks it up and by when, if known."""
    details = [_("No. %(n)s", n=row.number)] if row.number is not None else []
    if row.status != "open" or row.owner or row.due:
        details.append(status_label(row.status))
    if row.overdue:
        details.append(overdue_label())
    if row.owner:
        details.append(_("Who: %(owner)s", owner=row.owner))
    if row.due:
        details.append(_("When: %(date)s", date=format_day(row.due)))
    if row.outside_help:
        details.append(_("Outside help: %(help)s", help=row.outside_help))
    return " · ".join([*details, *agreement_notes(row)])


def section_meta(work_form_title: str | None, visibility: str) -> str:
    """The line under a report section's title: its work form and who may see it."""
    parts = []
    if work_form_title:
        parts.append(_("Work form: %(title)s", title=work_form_title))
    parts.append(_("Visibility: %(label)s", label=visibility_label(visibility)))
    return " · ".join(parts)

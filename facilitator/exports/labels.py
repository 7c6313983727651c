"""Labels and value formatting shared by the renderers, all through the translation layer.

Call these while rendering (not at import time) so they follow the request's locale. Outside an
app context Flask-Babel returns the English msgid, and dates are formatted in English.
"""

from __future__ import annotations

from datetime import date

from babel.dates import format_date
from flask_babel import get_locale
from flask_babel import gettext as _

from .document import AgreementRow


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


def format_day(day: date | None) -> str:
    """A date written out for people, e.g. "3 maart 2026"; empty when there is none."""
    if day is None:
        return ""
    return format_date(day, format="long", locale=str(get_locale() or "en"))


def evaluation_label(moment: date | str | None) -> str:
    if moment is None or moment == "":
        return _("Not scheduled yet")
    if isinstance(moment, date):
        return format_day(moment)
    return moment


def agreement_headers() -> list[str]:
    """Column headings of the agreements table in the documents (docx, pdf, markdown)."""
    return [_("Who"), _("What"), _("When"), _("Status"), _("Kind"), _("Outside help needed")]


def agreement_cells(row: AgreementRow) -> list[str]:
    """One row of that table as display text; callers still escape it for their format."""
    return [
        row.owner or "",
        row.text,
        format_day(row.due),
        status_label(row.status),
        kind_label(row.kind),
        row.outside_help or "",
    ]


def register_headers() -> list[str]:
    """Column headings of the agreements register (xlsx, csv): the table's, plus the source."""
    return [*agreement_headers(), _("Source")]


def register_values(row: AgreementRow) -> list[str | date | None]:
    """One register row; the due date stays a date so each format can write it its own way."""
    return [
        row.owner or "",
        row.text,
        row.due,
        status_label(row.status),
        kind_label(row.kind),
        row.outside_help or "",
        row.source,
    ]


def open_point_details(row: AgreementRow) -> str:
    """The line under an open point: who picks it up and by when, if known."""
    details = []
    if row.owner:
        details.append(_("Who: %(owner)s", owner=row.owner))
    if row.due:
        details.append(_("When: %(date)s", date=format_day(row.due)))
    if row.outside_help:
        details.append(_("Outside help: %(help)s", help=row.outside_help))
    return " · ".join(details)


def section_meta(work_form_title: str | None, visibility: str) -> str:
    """The line under a report section's title: its work form and who may see it."""
    parts = []
    if work_form_title:
        parts.append(_("Work form: %(title)s", title=work_form_title))
    parts.append(_("Visibility: %(label)s", label=visibility_label(visibility)))
    return " · ".join(parts)

"""The export files of a team plan and of a session report: one place that knows, per format,
the renderer, the media type and the file name; used by the pages, the API and the command line."""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from flask import current_app

from .. import clock, serving
from ..exports import csv, docx, labels, markdown, pdf, spreadsheet
from ..sessions.models import Team, Workshop
from . import documents, results


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    media_type: str
    filename: str


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEAM_PLAN_FORMATS = {
    "docx": (DOCX, docx.render_team_plan),
    "pdf": ("application/pdf", pdf.render_team_plan),
    "xlsx": (XLSX, spreadsheet.render_agreements),
    "csv": ("text/csv; charset=utf-8", csv.render_agreements),
    "md": ("text/markdown; charset=utf-8", markdown.render_team_plan),
}
SESSION_FORMATS = {
    "docx": (DOCX, docx.render_session_report),
    "pdf": ("application/pdf", pdf.render_session_report),
    "md": ("text/markdown; charset=utf-8", markdown.render_session_report),
}


def slug(text: str) -> str:
    """A file-name-safe form of a name: "Balie Zoë & Co" becomes "balie-zoe-co"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60] or "export"


def _render(formats: dict, fmt: str, document) -> tuple[bytes, str]:
    """The document (read from the database already) laid out as a file. Off the event loop,
    except a PDF (laid out in a child process of its own, see ``pdf.write``)."""
    if fmt == "pdf":
        return _laid_out(formats, fmt, document)
    return serving.off_the_loop(_laid_out, formats, fmt, document)


def _laid_out(formats: dict, fmt: str, document) -> tuple[bytes, str]:
    media_type, render = formats[fmt]
    if fmt == "md":
        return render(document).encode("utf-8"), media_type
    out = io.BytesIO()
    if fmt == "docx":
        render(document, out, template=current_app.config.get("DOCX_TEMPLATE"))
    else:
        render(document, out)
    return out.getvalue(), media_type


def team_plan_file(team: Team, fmt: str, today: date | None = None, author: str = "") -> ExportFile:
    document = documents.team_plan(team, today, author)
    content, media_type = _render(TEAM_PLAN_FORMATS, fmt, document)
    name = f"teamplan-{slug(team.name)}-{document.generated_on.isoformat()}.{fmt}"
    return ExportFile(content, media_type, name)


def session_report_file(workshop: Workshop, fmt: str) -> ExportFile:
    report = documents.session_report(workshop)
    content, media_type = _render(SESSION_FORMATS, fmt, report)
    name = f"sessieverslag-{slug(workshop.title)}-{report.held_on.isoformat()}.{fmt}"
    return ExportFile(content, media_type, name)


DOCUMENT_FORMATS = {"docx": DOCX, "pdf": "application/pdf", "xlsx": XLSX}


def team_document_file(team: Team, key: str, fmt: str, today: date | None = None,
                       author: str = "") -> ExportFile | None:
    """A plugin's document of this team's plan (``team_plan_documents``), e.g. the comparison of
    a 0- and a 1-measurement, as Word, PDF or Excel; None when the team has no such document."""
    from ..exports import ReportSection, ReportTable, SessionReport
    from ..i18n import _
    from . import sections, teams

    found = next((d for d in sections.extra_documents(teams.sessions(team)) if d["key"] == key),
                 None)
    if found is None:
        return None
    today = today or clock.local_day(clock.utcnow())
    out = io.BytesIO()
    if fmt == "xlsx":
        sheet = found["sheet"]
        spreadsheet.render_rows(found["title"], [str(h) for h in sheet.headers],
                                [[_number(c) for c in row] for row in sheet.rows], out,
                                widths=[48, 18, *[max(12, len(str(h)) + 3) for h in sheet.headers[2:]]])
    else:
        def table(t):
            return ReportTable(str(t.caption), [str(h) for h in t.headers],
                               [[str(c) for c in row] for row in t.rows])

        parts = [ReportSection(_("About this document"), None, "anonymous",
                               found["paragraphs"], [])] if found["paragraphs"] else []
        parts += [ReportSection(s["title"], None, "anonymous", s["paragraphs"],
                                [table(t) for t in s["tables"]]) for s in found["sections"]]
        document = SessionReport(
            title=found["title"], held_on=today, trainer=author, team_name=team.name,
            participant_count=0, sections=parts, author=author, heading=found["title"],
            facts=[(_("Team"), team.name), (_("Unit"), team.unit or ""),
                   (_("Date"), labels.format_day(today))])
        render = SESSION_FORMATS[fmt][1]
        if fmt == "docx":
            render(document, out, template=current_app.config.get("DOCX_TEMPLATE"))
        else:
            render(document, out)
    name = f"{slug(found['title'])}-{slug(team.name)}-{today.isoformat()}.{fmt}"
    return ExportFile(out.getvalue(), DOCUMENT_FORMATS[fmt], name)


def _number(cell):
    """A whole number as a number in the sheet (a Table's cells arrive as text)."""
    text = str(cell)
    return int(text) if re.fullmatch(r"-?\d{1,15}", text) else text


RESULT_FORMATS = {"xlsx": XLSX, "csv": "text/csv; charset=utf-8"}


def session_results_file(workshop: Workshop, fmt: str) -> ExportFile:
    """The session's raw results (see ``results``) as a sheet or CSV."""
    headers, rows = results.table(workshop)
    out = io.BytesIO()
    if fmt == "xlsx":
        serving.off_the_loop(spreadsheet.render_rows, workshop.title, headers, rows, out,
                             widths=[30, 12, 28, 18, 36, 14, 14, 16, 10])
    else:
        serving.off_the_loop(csv.render_rows, headers, rows, out)
    name = f"resultaten-{slug(workshop.title)}-{documents.held_on(workshop).isoformat()}.{fmt}"
    return ExportFile(out.getvalue(), RESULT_FORMATS[fmt], name)

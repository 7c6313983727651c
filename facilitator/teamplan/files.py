"""The export files of a team plan and of a session report: one place that knows, per format,
the renderer, the media type and the file name; used by the pages, the API and the command line."""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from flask import current_app

from .. import serving
from ..exports import csv, docx, markdown, pdf, spreadsheet
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

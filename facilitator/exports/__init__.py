"""Exports: the team plan and session reports as .docx, .pdf, .xlsx, .csv and Markdown.

Plain data in (see ``document``), a file out; no database or app needed. Each renderer module
has ``render_*(document, out)`` writing to a binary file-like object, except ``markdown``,
whose ``render_*(document)`` returns text. Labels follow the request's locale when called inside
a Flask-Babel app (add this package's ``translations`` folder to BABEL_TRANSLATION_DIRECTORIES).
"""

from pathlib import Path

from .document import (
    AgreementRow,
    ReportSection,
    ReportTable,
    SessionLine,
    SessionReport,
    TeamPlanDocument,
)

TRANSLATIONS = str(Path(__file__).parent / "translations")

__all__ = [
    "TRANSLATIONS",
    "AgreementRow",
    "ReportSection",
    "ReportTable",
    "SessionLine",
    "SessionReport",
    "TeamPlanDocument",
]

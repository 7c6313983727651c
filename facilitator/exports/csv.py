"""A CSV file of the agreements register, the way Dutch Excel opens it with a double click.

UTF-8 with a byte order mark (else Excel reads it as Windows-1252 and mangles ë), semicolons as
separators (Dutch Excel expects them, the comma being the decimal sign), CRLF line ends, and every
text cell neutralised against formula injection. Dates are written as ISO 8601 (2026-03-01).
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import BinaryIO

from . import labels
from .document import TeamPlanDocument
from .text import spreadsheet_text

BOM = "\ufeff"


def render_agreements(plan: TeamPlanDocument, out: BinaryIO) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([_cell(header) for header in labels.register_headers()])
    for row in plan.agreements:
        writer.writerow([_cell(value) for value in labels.register_values(row)])
    out.write((BOM + buffer.getvalue()).encode("utf-8"))


def render_rows(headers: list[str], rows: list[list], out: BinaryIO) -> None:
    """Any table as CSV for Dutch Excel (see the module's description)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([_cell(header) for header in headers])
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    out.write((BOM + buffer.getvalue()).encode("utf-8"))


def _cell(value: str | int | float | date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")  # Dutch Excel's decimal comma
    if isinstance(value, date):
        return value.isoformat()
    return spreadsheet_text(value)

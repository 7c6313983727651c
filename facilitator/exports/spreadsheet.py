"""An Excel workbook (.xlsx) of the agreements register, with openpyxl.

One sheet, one row per agreement (open points included, see the Kind column). Every text cell is
stored as a string, never a formula: a cell that looks like one (``=...``, ``+31 6 ...``,
``- eerst navragen``) is written as text with Excel's quote-prefix style, so it shows exactly as
typed, without the apostrophe the CSV needs. Due dates and last updates are real dates.
"""

from __future__ import annotations

import re
from datetime import date
from math import ceil
from typing import BinaryIO

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from . import labels
from .document import TeamPlanDocument
from .text import FORMULA_TRIGGERS, clean

EXCEL_CELL_LIMIT = 32_767  # Excel refuses to open a file with a longer cell
EXCEL_MAX_ROW_HEIGHT = 409  # points
LINE_HEIGHT = 15  # points per line of 11 pt text
# Nr, Wie, Wat, Beoogd resultaat, Wanneer, Te laat, Status, Soort, Hulp van buiten nodig,
# Laatst bijgewerkt, Opvolging, Bron
COLUMN_WIDTHS = {"A": 5, "B": 18, "C": 45, "D": 28, "E": 12, "F": 8, "G": 13, "H": 16, "I": 18,
                 "J": 12, "K": 32, "L": 26}
# Built-in format 14: Excel shows it in the reader's own short date format (23-11-2025 in NL).
DATE_FORMAT = "mm-dd-yy"
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
TOP_WRAPPED = Alignment(vertical="top", wrap_text=True)
CENTRED = Alignment(vertical="top", horizontal="center")
CENTRED_COLUMNS = ("A", "E", "F", "J")  # Nr, Wanneer, Te laat, Laatst bijgewerkt: apart from the text


def render_agreements(plan: TeamPlanDocument, out: BinaryIO) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Agreements")[:31]
    workbook.properties.title = clean(_("Agreements: %(team)s", team=plan.team_name))[:255]

    sheet.append([_cell(header) for header in labels.register_headers()])
    for row in plan.agreements:
        sheet.append([_cell(value) for value in labels.register_values(row)])
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS):
                cell.data_type = "s"  # text, never a formula
                cell.quotePrefix = True  # and Excel keeps it text when someone edits it

    for cell in sheet[1]:
        cell.font = Font(name="Calibri", size=11, bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = TOP_WRAPPED
    sheet.row_dimensions[1].height = 2 * LINE_HEIGHT
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = CENTRED if cell.column_letter in CENTRED_COLUMNS else TOP_WRAPPED
            if isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
        sheet.row_dimensions[row[0].row].height = _row_height(row)
    for column, width in COLUMN_WIDTHS.items():
        sheet.column_dimensions[column].width = width

    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    workbook.save(out)


def _row_height(row) -> float:
    """Points for the wrapped text of the fullest cell: not every program fits rows itself."""
    needed = 1
    for cell in row:
        if isinstance(cell.value, str):
            chars_per_line = COLUMN_WIDTHS[cell.column_letter] - 2
            wrapped = [ceil(len(line) / chars_per_line) or 1 for line in cell.value.splitlines()]
            needed = max(needed, sum(wrapped))
    return min(LINE_HEIGHT * needed, EXCEL_MAX_ROW_HEIGHT)


def _cell(value: str | int | float | date | None) -> str | int | float | date | None:
    if value is None or isinstance(value, date | int | float):
        return value
    return clean(value)[:EXCEL_CELL_LIMIT]


def sheet_name(title: str) -> str:
    """A sheet's name as Excel allows it: without : \\ / ? * [ ], at most 31 characters."""
    return " ".join(re.sub(r"[:\\/?*\[\]]", "", clean(title)).split())[:31] or "Sheet"


def render_rows(title: str, headers: list[str], rows: list[list], out: BinaryIO,
                widths: list[int] | None = None) -> None:
    """Any table as a sheet for analysis: bold frozen header row, autofilter, dates as dates,
    numbers as numbers, text as text (never a formula)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_name(title)
    workbook.properties.title = clean(title)[:255]
    sheet.append([_cell(h) for h in headers])
    for row in rows:
        sheet.append([_cell(v) for v in row])
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS):
                cell.data_type = "s"
                cell.quotePrefix = True
            if isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
    for cell in sheet[1]:
        cell.font = Font(name="Calibri", size=11, bold=True)
        cell.fill = HEADER_FILL
    for index, width in enumerate(widths or [], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    sheet.page_setup.orientation = "landscape"  # printed: every column on the page's width
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    workbook.save(out)

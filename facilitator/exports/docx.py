"""Word documents (.docx) of the team plan and of a session report, with python-docx."""

from __future__ import annotations

from typing import BinaryIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from flask_babel import gettext as _

from . import labels
from .document import ReportTable, SessionReport, TeamPlanDocument
from .text import lines

FONT = "Calibri"
CONTENT_WIDTH = 17.0  # cm: A4 minus 2 cm margins
# Wie / Wat / Wanneer / Status / Soort / Hulp van buiten nodig, in cm.
AGREEMENT_WIDTHS = [2.4, 4.8, 2.3, 2.3, 2.3, 2.9]
NAVY, NAVY_HEX = RGBColor(0x1F, 0x38, 0x64), "1F3864"
LIGHT_HEX = "F3F5F9"
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
MUTED = RGBColor(0x59, 0x59, 0x59)


def render_team_plan(plan: TeamPlanDocument, out: BinaryIO) -> None:
    doc = _new_document(_("Team plan: %(team)s", team=plan.team_name))
    doc.add_heading(_("Team plan"), level=0)
    _facts(
        doc,
        [
            (_("Team"), plan.team_name),
            (_("Unit"), plan.unit),
            (_("Date"), labels.format_day(plan.generated_on)),
            (_("Trainer"), plan.trainer),
            (_("Number of participants"), str(plan.participant_count)),
        ],
    )

    if plan.sessions:
        doc.add_heading(_("Sessions"), level=1)
        _table(
            doc,
            [_("Session"), _("Date"), _("Participants")],
            [[s.title, labels.format_day(s.held_on), str(s.participant_count)] for s in plan.sessions],
            [10.0, 4.5, 2.5],
        )

    doc.add_heading(_("Goals"), level=1)
    _bullets(doc, plan.goals, empty=_("No goals recorded."))

    doc.add_heading(_("Agreements"), level=1)
    if plan.settled_agreements:
        rows = [labels.agreement_cells(row) for row in plan.settled_agreements]
        _table(doc, labels.agreement_headers(), rows, AGREEMENT_WIDTHS)
    else:
        _paragraph(doc, _("No agreements recorded yet."))

    doc.add_heading(_("Open points"), level=1)
    if plan.open_points:
        for row in plan.open_points:
            _paragraph(doc, row.text, style="List Bullet")
            details = labels.open_point_details(row)
            if details:
                _paragraph(doc, details, muted=True).paragraph_format.left_indent = Cm(0.63)
    else:
        _paragraph(doc, _("No open points."))

    doc.add_heading(_("Evaluation moment"), level=1)
    _paragraph(doc, labels.evaluation_label(plan.evaluation_moment))
    doc.save(out)


def render_session_report(report: SessionReport, out: BinaryIO) -> None:
    doc = _new_document(_("Session report: %(title)s", title=report.title))
    doc.add_heading(_("Session report"), level=0)
    _facts(
        doc,
        [
            (_("Session"), report.title),
            (_("Team"), report.team_name),
            (_("Date"), labels.format_day(report.held_on)),
            (_("Trainer"), report.trainer),
            (_("Number of participants"), str(report.participant_count)),
        ],
    )
    if report.notice:
        _paragraph(doc, report.notice)
    for section in report.sections:
        doc.add_heading(_text(section.title), level=1)
        meta = labels.section_meta(section.work_form_title, section.visibility)
        _paragraph(doc, meta, muted=True)
        for text in section.paragraphs:
            _paragraph(doc, text)
        for table in section.tables:
            _report_table(doc, table)
    doc.save(out)


def _new_document(title: str):
    title = " ".join(lines(title))
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4, not python-docx's Letter
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    for name in ("Normal", "Title", "Heading 1"):
        _use_font(doc.styles[name], FONT)
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.styles["Normal"].paragraph_format.space_after = Pt(4)
    doc.styles["Title"].font.color.rgb = NAVY
    doc.styles["Heading 1"].font.color.rgb = NAVY
    doc.core_properties.title = title[:255]
    footer = section.footer.paragraphs[0].add_run(title[:200])
    footer.font.size = Pt(8)
    footer.font.color.rgb = MUTED
    return doc


def _use_font(style, name: str) -> None:
    """Set the style's font, dropping the theme fonts that would otherwise win in Word."""
    style.font.name = name
    fonts = style.element.rPr.rFonts
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def _text(value: object) -> str:
    """Cleaned text with one \\n per line break: python-docx writes \\n as a break, \\t as a tab."""
    return "\n".join(lines(value))


def _paragraph(doc, text: object, style: str | None = None, muted: bool = False):
    paragraph = doc.add_paragraph(style=style)
    run = paragraph.add_run(_text(text))
    if muted:
        run.font.color.rgb = MUTED
        run.font.size = Pt(9)
    return paragraph


def _bullets(doc, items: list[str], empty: str) -> None:
    for item in items:
        _paragraph(doc, item, style="List Bullet")
    if not items:
        _paragraph(doc, empty)


def _facts(doc, facts: list[tuple[str, object]]) -> None:
    """The header block: a shaded box of label/value pairs, without grid lines."""
    table = doc.add_table(rows=0, cols=2)
    for label, value in facts:
        cells = table.add_row().cells
        _write(cells[0], label, bold=True)
        _write(cells[1], value)
        for cell in cells:
            _shade(cell, LIGHT_HEX)
    _set_widths(table, [4.5, CONTENT_WIDTH - 4.5])


def _table(doc, headers: list[str], rows: list[list[str]], widths: list[float]) -> None:
    """A bordered table with a navy header row that repeats on every page."""
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    header = table.rows[0]
    _repeat_as_header(header)
    for cell, text in zip(header.cells, headers, strict=True):
        _write(cell, text, bold=True, color=WHITE)
        _shade(cell, NAVY_HEX)
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            _write(cell, text)
    _set_widths(table, widths)


def _report_table(doc, table: ReportTable) -> None:
    if table.width == 0:
        return
    if table.caption:
        doc.add_paragraph().add_run(_text(table.caption)).bold = True
    widths = [CONTENT_WIDTH / table.width] * table.width
    _table(doc, table.padded_headers(), table.padded_rows(), widths)
    doc.add_paragraph()  # keeps Word from merging it with a next table


def _write(cell, text: object, bold: bool = False, color: RGBColor | None = None) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_before = Pt(2)
    paragraph.paragraph_format.space_after = Pt(2)
    run = paragraph.add_run(_text(text))
    run.font.size = Pt(9.5)
    run.bold = bold
    if color:
        run.font.color.rgb = color


def _set_widths(table, widths_cm: list[float]) -> None:
    """Fixed column widths; Word reads them from the cells, LibreOffice from the grid."""
    table.autofit = False
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def _repeat_as_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)

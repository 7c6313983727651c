"""Word documents (.docx) of the team plan and of a session report, with python-docx.

Each document carries its title, author (the trainer), today's dates and its language (nl-NL in
Dutch, so Word checks the spelling in Dutch) in its properties, and "pagina X van Y" in the footer.
An installation may give a reference document (``template``, from FACILITATOR_DOCX_TEMPLATE): its
styles, page set-up, headers and footers are used, its body is left out.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import BinaryIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor, Twips
from flask_babel import get_locale
from flask_babel import gettext as _

from . import charts, labels
from .document import ReportTable, SessionReport, TeamPlanDocument
from .text import lines

FONT = "Calibri"
CONTENT_WIDTH = 17.0  # cm: A4 minus 2 cm margins
# Nr / Wat / Wie / Wanneer / Status / Soort / Hulp van buiten nodig, in cm.
AGREEMENT_WIDTHS = [1.1, 4.5, 2.3, 2.1, 2.2, 2.9, 1.9]
LANGUAGES = {"nl": "nl-NL", "en": "en-GB"}
NAVY, NAVY_HEX = RGBColor(0x1F, 0x38, 0x64), "1F3864"
ALERT = RGBColor(0xA4, 0x00, 0x00)
LIGHT_HEX = "F3F5F9"
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
MUTED = RGBColor(0x59, 0x59, 0x59)


def render_team_plan(plan: TeamPlanDocument, out: BinaryIO, template: str | None = None) -> None:
    doc = _new_document(_("Team plan: %(team)s", team=plan.team_name), plan.author or plan.trainer,
                        template)
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
    if plan.overdue_count:
        line = doc.add_paragraph()
        line.paragraph_format.space_before = Pt(8)
        summary = line.add_run(labels.overdue_summary(plan.overdue_count))
        summary.bold = True
        summary.font.color.rgb = ALERT

    if plan.sessions:
        doc.add_heading(_("Sessions"), level=1)
        _table(
            doc,
            [_("Session"), _("Date"), _("Participants")],
            [[s.title, labels.format_day(s.held_on), str(s.participant_count)] for s in plan.sessions],
            [9.5, 4.5, 3.0],
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


def render_session_report(report: SessionReport, out: BinaryIO, template: str | None = None) -> None:
    doc = _new_document(report.title if report.heading else
                        _("Session report: %(title)s", title=report.title),
                        report.author or report.trainer, template)
    doc.add_heading(report.heading or _("Session report"), level=0)
    _facts(
        doc,
        report.facts if report.facts is not None else [
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
        if report.facts is None:
            meta = labels.section_meta(section.work_form_title, section.visibility)
            _paragraph(doc, meta, muted=True)
        for text in section.paragraphs:
            _paragraph(doc, text)
        for table in section.tables:
            _report_table(doc, table)
    doc.save(out)


def language() -> str:
    code = str(get_locale() or "en").split("_")[0]
    return LANGUAGES.get(code, code)


def _new_document(title: str, author: str, template: str | None = None):
    title = " ".join(lines(title))
    if template:
        doc = Document(template)
        body = doc.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        section = doc.sections[0]
        _borrow_missing_styles(doc)
    else:
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
    _set_language(doc, language())
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    properties = doc.core_properties
    properties.title = title[:255]
    properties.author = properties.last_modified_by = " ".join(lines(author))[:255]
    properties.created = properties.modified = now
    properties.language = language()
    properties.revision = 1
    properties.comments = properties.keywords = properties.subject = ""
    _footer(section, title[:200])
    return doc


STYLES_USED = ("Normal", "Title", "Heading 1", "List Bullet", "Table Grid")


def _borrow_missing_styles(doc) -> None:
    """A house-style template made in Word often defines only the styles it changed: take the
    others from python-docx's own template, so the document still has headings and bullets."""
    import copy

    default = Document()
    for name in STYLES_USED:
        try:
            doc.styles[name]
        except KeyError:
            doc.styles.element.append(copy.deepcopy(default.styles[name].element))


def _set_language(doc, tag: str) -> None:
    """The language of the text (w:lang in the document defaults and the Normal style), so that
    Word checks the spelling in that language."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    targets = [doc.styles["Normal"].element.get_or_add_rPr()]
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is not None and rpr_default.find(qn("w:rPr")) is not None:
            targets.append(rpr_default.find(qn("w:rPr")))
    for rpr in targets:
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), tag)
        lang.set(qn("w:eastAsia"), tag)
        lang.set(qn("w:bidi"), "ar-SA")
    theme_language = doc.settings.element.find(qn("w:themeFontLang"))
    if theme_language is not None:
        theme_language.set(qn("w:val"), tag)


def _footer(section, title: str) -> None:
    """The footer: the title, and "pagina X van Y" as Word fields (filled in by Word itself)."""
    paragraph = section.footer.paragraphs[0] if section.footer.paragraphs else section.footer.add_paragraph()
    if paragraph.text.strip():  # a house-style footer: keep it, add ours below
        paragraph = section.footer.add_paragraph()
    tabs = paragraph.paragraph_format.tab_stops
    for inherited in (Twips(4680), Twips(9360)):  # the Footer style's centre and right stops
        tabs.add_tab_stop(inherited, WD_TAB_ALIGNMENT.CLEAR)
    tabs.add_tab_stop(Cm(CONTENT_WIDTH), WD_TAB_ALIGNMENT.RIGHT)
    page = _("Page %(page)s of %(total)s", page="\x00PAGE\x00", total="\x00NUMPAGES\x00")
    _muted(paragraph.add_run(title + "\t"))
    for index, part in enumerate(page.split("\x00")):
        if index % 2:
            _field(paragraph, part)
        elif part:
            _muted(paragraph.add_run(part))


def _muted(run) -> None:
    run.font.size = Pt(8)
    run.font.color.rgb = MUTED


def _field(paragraph, instruction: str) -> None:
    """A simple field such as PAGE or NUMPAGES, with a placeholder until Word updates it."""
    begin, code, separate, end = (OxmlElement("w:fldChar"), OxmlElement("w:instrText"),
                                  OxmlElement("w:fldChar"), OxmlElement("w:fldChar"))
    begin.set(qn("w:fldCharType"), "begin")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    separate.set(qn("w:fldCharType"), "separate")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, code, separate):
        run = paragraph.add_run()
        _muted(run)
        run._r.append(element)
    _muted(paragraph.add_run("1"))
    run = paragraph.add_run()
    _muted(run)
    run._r.append(end)


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


def _table(doc, headers: list[str], rows: list[list[str]], widths: list[float],
           numeric: tuple[int, ...] = ()) -> None:
    """A bordered table with a navy header row that repeats on every page."""
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    header = table.rows[0]
    _repeat_as_header(header)
    for cell, text in zip(header.cells, headers, strict=True):
        _write(cell, text, bold=True, color=WHITE)
        _shade(cell, NAVY_HEX)
    for values in rows:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            if isinstance(value, labels.Cell):
                _write_cell(cell, value)
            else:
                _write(cell, value)
    for column in numeric:  # numbers right-aligned, heading included
        for cell in table.columns[column].cells:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _set_widths(table, widths)


def _report_table(doc, table: ReportTable) -> None:
    if table.width == 0:
        return
    if table.caption:
        caption = doc.add_paragraph()
        caption.paragraph_format.keep_with_next = True
        caption.add_run(_text(table.caption)).bold = True
    chart = charts.chart_of(table)
    if chart is not None:  # the numbers as bars, the table below for the exact figures
        picture = doc.add_paragraph()
        picture.paragraph_format.keep_with_next = True
        picture.add_run().add_picture(io.BytesIO(charts.png(chart)), width=Cm(CONTENT_WIDTH - 1))
        properties = picture._p.xpath(".//wp:docPr")
        if properties:  # alternative text, for screen readers and Word's accessibility check
            properties[0].set("descr", charts.description(chart)[:2000])
            properties[0].set("title", _text(table.caption) or _("Chart"))
    widths = [CONTENT_WIDTH * share for share in table.shares()]
    _table(doc, table.padded_headers(), table.padded_rows(), widths, numeric=table.numeric_columns())
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


def _write_cell(cell, value: labels.Cell) -> None:
    """A cell with its text, an alert in red (e.g. "Te laat") and smaller grey notes."""
    _write(cell, value.text)
    if value.alert:
        run = cell.add_paragraph().add_run(_text(value.alert))
        run.bold = True
        run.font.size = Pt(9)
        run.font.color.rgb = ALERT
    for note in value.notes:
        paragraph = cell.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(2)
        run = paragraph.add_run(_text(note))
        run.font.size = Pt(8)
        run.font.color.rgb = MUTED


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

"""PDF versions of the team plan and of a session report, with ReportLab's platypus.

Font: Source Sans Pro (SIL OFL) from the ``font-source-sans-pro`` package. It covers Latin with
its extensions (Dutch, Turkish, Polish names), Greek, Cyrillic, € and typographic quotes. Characters
it has no glyph for, such as emoji, are shown as a dotted circle (◌) instead.
"""

from __future__ import annotations

import re
from functools import lru_cache, partial
from typing import BinaryIO
from xml.sax.saxutils import escape

import font_source_sans_pro
from flask_babel import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from . import labels
from .document import ReportTable, SessionReport, TeamPlanDocument
from .text import lines

REGULAR, BOLD = "SourceSansPro", "SourceSansPro-Bold"
PLACEHOLDER = "\u25cc"  # ◌
NAVY = colors.HexColor("#1F3864")
GREY = colors.HexColor("#595959")
RULE = colors.HexColor("#9AA5B8")
ZEBRA = colors.HexColor("#F3F5F9")
MARGIN = 2 * cm
FRAME_PADDING = 6  # platypus' default inside the margins
LEFT = MARGIN + FRAME_PADDING
WIDTH = A4[0] - 2 * LEFT
# Wie / Wat / Wanneer / Status / Soort / Hulp van buiten nodig, as shares of the page width;
# the last column is wide enough for long Dutch words such as "vertrouwenspersoon".
AGREEMENT_WIDTHS = [WIDTH * share for share in (0.14, 0.27, 0.13, 0.14, 0.15, 0.17)]


def render_team_plan(plan: TeamPlanDocument, out: BinaryIO) -> None:
    s = _styles()
    story = [Paragraph(_markup(_("Team plan")), s["title"])]
    story.append(
        _facts(
            [
                (_("Team"), plan.team_name),
                (_("Unit"), plan.unit),
                (_("Date"), labels.format_day(plan.generated_on)),
                (_("Trainer"), plan.trainer),
                (_("Number of participants"), plan.participant_count),
            ]
        )
    )

    if plan.sessions:
        story += _heading(_("Sessions"))
        story.append(
            _table(
                [_("Session"), _("Date"), _("Participants")],
                [[x.title, labels.format_day(x.held_on), x.participant_count] for x in plan.sessions],
                [WIDTH * 0.6, WIDTH * 0.25, WIDTH * 0.15],
            )
        )

    story += _heading(_("Goals"))
    for goal in plan.goals:
        story.append(Paragraph(_markup(goal), s["bullet"], bulletText="•"))
    if not plan.goals:
        story.append(Paragraph(_markup(_("No goals recorded.")), s["body"]))

    story += _heading(_("Agreements"))
    if plan.settled_agreements:
        rows = [labels.agreement_cells(row) for row in plan.settled_agreements]
        story.append(_table(labels.agreement_headers(), rows, AGREEMENT_WIDTHS))
    else:
        story.append(Paragraph(_markup(_("No agreements recorded yet.")), s["body"]))

    story += _heading(_("Open points"))
    for row in plan.open_points:
        story.append(Paragraph(_markup(row.text), s["bullet"], bulletText="•"))
        details = labels.open_point_details(row)
        if details:
            story.append(Paragraph(_markup(details), s["bullet_meta"]))
    if not plan.open_points:
        story.append(Paragraph(_markup(_("No open points.")), s["body"]))

    story += _heading(_("Evaluation moment"))
    story.append(Paragraph(_markup(labels.evaluation_label(plan.evaluation_moment)), s["body"]))
    _build(story, out, title=_("Team plan: %(team)s", team=plan.team_name))


def render_session_report(report: SessionReport, out: BinaryIO) -> None:
    s = _styles()
    story = [Paragraph(_markup(_("Session report")), s["title"])]
    story.append(
        _facts(
            [
                (_("Session"), report.title),
                (_("Team"), report.team_name),
                (_("Date"), labels.format_day(report.held_on)),
                (_("Trainer"), report.trainer),
                (_("Number of participants"), report.participant_count),
            ]
        )
    )
    if report.notice:
        story.append(Paragraph(_markup(report.notice), s["body"]))
    for section in report.sections:
        story += _heading(section.title)
        meta = labels.section_meta(section.work_form_title, section.visibility)
        story.append(Paragraph(_markup(meta), s["meta"]))
        story.extend(Paragraph(_markup(text), s["body"]) for text in section.paragraphs)
        for table in section.tables:
            story.extend(_report_table(table))
    _build(story, out, title=_("Session report: %(title)s", title=report.title))


def _build(story: list, out: BinaryIO, title: str) -> None:
    title = _printable(" ".join(lines(title)))
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        title=title[:200],
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
    )
    doc.build(story, canvasmaker=partial(_FooterCanvas, footer=title))


class _FooterCanvas(Canvas):
    """Draws "title · Page n of N" under every page; N is known only once all pages are laid out."""

    def __init__(self, *args, footer: str, **kwargs):
        super().__init__(*args, **kwargs)
        self._footer = footer if len(footer) <= 90 else footer[:89] + "…"
        self._page_states: list[dict] = []

    def showPage(self):
        self._page_states.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._page_states)
        for state in self._page_states:
            self.__dict__.update(state)
            self._draw_footer(total)
            super().showPage()
        super().save()

    def _draw_footer(self, total: int) -> None:
        y = MARGIN / 2
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(LEFT, y + 11, LEFT + WIDTH, y + 11)
        self.setFont(REGULAR, 8)
        self.setFillColor(GREY)
        self.drawString(LEFT, y, self._footer)
        page = _("Page %(page)s of %(total)s", page=self._pageNumber, total=total)
        self.drawRightString(LEFT + WIDTH, y, page)


def _heading(text: str) -> list:
    """A section heading, moved to the next page rather than left alone at the bottom."""
    return [CondPageBreak(3 * cm), Paragraph(_markup(text), _styles()["h1"])]


def _facts(facts: list[tuple[str, object]]) -> Table:
    """The header block: a shaded box of label/value pairs."""
    s = _styles()
    data = [[Paragraph(_markup(k), s["fact_label"]), Paragraph(_markup(v), s["body"])] for k, v in facts]
    table = Table(data, colWidths=[4.5 * cm, WIDTH - 4.5 * cm], splitInRow=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), ZEBRA),
                ("LINEABOVE", (0, 0), (-1, 0), 1.5, NAVY),
                ("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


def _table(headers: list[str], rows: list[list[object]], widths: list[float]) -> Table:
    """A bordered table with a navy header row that repeats on every page.

    Rows may be split over pages (splitInRow), so even a 10,000-character cell fits.
    """
    s = _styles()
    data = [[Paragraph(_markup(h), s["th"]) for h in headers]]
    data += [[Paragraph(_markup(value), s["td"]) for value in row] for row in rows]
    table = Table(data, colWidths=widths, repeatRows=1, splitInRow=1, hAlign="LEFT")
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), NAVY),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    style += [("BACKGROUND", (0, i), (-1, i), ZEBRA) for i in range(2, len(data), 2)]
    table.setStyle(TableStyle(style))
    return table


def _report_table(table: ReportTable) -> list:
    if table.width == 0:
        return []
    s = _styles()
    caption = [Paragraph(_markup(table.caption), s["caption"])] if table.caption else []
    widths = [WIDTH / table.width] * table.width
    return [*caption, _table(table.padded_headers(), table.padded_rows(), widths), Spacer(0, 6)]


def _markup(value: object) -> str:
    """User text as ReportLab paragraph markup: escaped, printable, line breaks kept."""
    return "<br/>".join(escape(_printable(line.replace("\t", " "))) for line in lines(value))


def _printable(text: str) -> str:
    """Replace each run of characters the font cannot show (emoji and the like) by ◌."""
    return _unsupported_run_pattern().sub(PLACEHOLDER, text)


@lru_cache(maxsize=1)
def _unsupported_run_pattern() -> re.Pattern:
    glyphs = set(_register_fonts())
    # A run of characters without a glyph, e.g. 👍🏽 or 👨‍👩‍👧, becomes a single placeholder.
    return re.compile("[^" + "".join(re.escape(chr(c)) for c in sorted(glyphs)) + "]+")


@lru_cache(maxsize=1)
def _register_fonts() -> frozenset[int]:
    """Register the font family once; return the code points both weights can show."""
    files = font_source_sans_pro.font_files_ttf
    regular = TTFont(REGULAR, files["SourceSansPro"])
    bold = TTFont(BOLD, files["SourceSansProBold"])
    for font in (regular, bold):
        pdfmetrics.registerFont(font)
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    return frozenset(regular.face.charToGlyph) & frozenset(bold.face.charToGlyph)


@lru_cache(maxsize=1)
def _styles() -> dict[str, ParagraphStyle]:
    _register_fonts()
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=10, leading=13.5, spaceAfter=4)
    return {
        "body": body,
        "title": ParagraphStyle(
            "title", body, fontName=BOLD, fontSize=22, leading=26, textColor=NAVY, spaceAfter=10
        ),
        "h1": ParagraphStyle(
            "h1",
            body,
            fontName=BOLD,
            fontSize=13,
            leading=16,
            textColor=NAVY,
            spaceBefore=14,
            spaceAfter=6,
        ),
        "meta": ParagraphStyle("meta", body, fontSize=8.5, leading=11, textColor=GREY),
        "bullet": ParagraphStyle("bullet", body, leftIndent=14, bulletIndent=2, spaceAfter=2),
        "bullet_meta": ParagraphStyle(
            "bullet_meta",
            body,
            fontSize=8.5,
            leading=11,
            textColor=GREY,
            leftIndent=14,
            spaceAfter=4,
        ),
        "fact_label": ParagraphStyle("fact_label", body, fontName=BOLD, spaceAfter=0),
        "th": ParagraphStyle(
            "th",
            body,
            fontName=BOLD,
            fontSize=9,
            leading=11.5,
            textColor=colors.white,
            spaceAfter=0,
        ),
        "td": ParagraphStyle("td", body, fontSize=9, leading=11.5, spaceAfter=0),
        "caption": ParagraphStyle("caption", body, fontName=BOLD, fontSize=9.5, spaceBefore=6, spaceAfter=3),
    }

"""Markdown of the team plan and of a session report, for pasting into an intranet page.

User text is escaped so it shows literally: no markup, links, HTML (<script>) or tables can be
injected, and pipes cannot break a table row. Line breaks inside a table cell become <br>.
"""

from __future__ import annotations

import re

from flask_babel import gettext as _

from . import labels
from .document import ReportTable, SessionReport, TeamPlanDocument
from .text import lines

# Inline markup, HTML, entities and table pipes: escaped wherever they appear.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&#])")
# Block markup that only counts at the start of a line: lists, quotes, setext underlines.
_LINE_START = re.compile(r"^(\d+)([.)])|^([-+=>])")


def escape(value: object) -> list[str]:
    """Each line of the text, escaped so Markdown shows it literally."""
    return [_escape_line(line) for line in lines(value)]


def _escape_line(line: str) -> str:
    line = _INLINE.sub(r"\\\1", line.strip())  # leading spaces would make a code block
    return _LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", line)


def text(value: object) -> str:
    """A paragraph; the author's line breaks kept as hard breaks."""
    return "  \n".join(escape(value))


def cell(value: object) -> str:
    if isinstance(value, labels.Cell):
        parts = [cell(value.text)] if value.text else []
        parts += [f"**{cell(value.alert)}**"] if value.alert else []
        parts += [f"*{cell(note)}*" for note in value.notes]
        return "<br>".join(parts)
    return "<br>".join(line for line in escape(value) if line)


def table(headers: list[str], rows: list[list[object]]) -> str:
    out = ["| " + " | ".join(cell(h) or " " for h in headers) + " |"]
    out.append("|" + "---|" * len(headers))
    out += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(out)


def bullet(value: object) -> str:
    return "- " + "  \n  ".join(escape(value))


def render_team_plan(plan: TeamPlanDocument) -> str:
    blocks = [
        "# " + _("Team plan: %(team)s", team=cell(plan.team_name)),
        _facts(
            [
                (_("Team"), plan.team_name),
                (_("Unit"), plan.unit),
                (_("Date"), labels.format_day(plan.generated_on)),
                (_("Trainer"), plan.trainer),
                (_("Number of participants"), plan.participant_count),
            ]
        ),
    ]
    if plan.overdue_count:
        blocks.append(f"**{cell(labels.overdue_summary(plan.overdue_count))}**")
    if plan.sessions:
        blocks += [
            "## " + _("Sessions"),
            table(
                [_("Session"), _("Date"), _("Participants")],
                [[s.title, labels.format_day(s.held_on), s.participant_count] for s in plan.sessions],
            ),
        ]

    blocks.append("## " + _("Goals"))
    blocks.append("\n".join(bullet(g) for g in plan.goals) or text(_("No goals recorded.")))

    blocks.append("## " + _("Agreements"))
    if plan.settled_agreements:
        rows = [labels.agreement_cells(row) for row in plan.settled_agreements]
        blocks.append(table(labels.agreement_headers(), rows))
    else:
        blocks.append(text(_("No agreements recorded yet.")))

    blocks.append("## " + _("Open points"))
    points = [_open_point(row) for row in plan.open_points]
    blocks.append("\n".join(points) or text(_("No open points.")))

    blocks.append("## " + _("Evaluation moment"))
    blocks.append(text(labels.evaluation_label(plan.evaluation_moment)))
    return "\n\n".join(blocks) + "\n"


def render_session_report(report: SessionReport) -> str:
    blocks = [
        "# " + _("Session report: %(title)s", title=cell(report.title)),
        _facts(
            [
                (_("Team"), report.team_name),
                (_("Date"), labels.format_day(report.held_on)),
                (_("Trainer"), report.trainer),
                (_("Number of participants"), report.participant_count),
            ]
        ),
    ]
    if report.notice:
        blocks.append(f"**{cell(report.notice)}**")
    for section in report.sections:
        blocks.append(f"## {cell(section.title)}")
        blocks.append(f"*{cell(labels.section_meta(section.work_form_title, section.visibility))}*")
        blocks += [text(p) for p in section.paragraphs]
        blocks += [_report_table(t) for t in section.tables if t.width]
    return "\n\n".join(blocks) + "\n"


def _facts(facts: list[tuple[str, object]]) -> str:
    return "\n".join(f"- **{cell(label)}:** {cell(value)}" for label, value in facts)


def _open_point(row) -> str:
    details = labels.open_point_details(row)
    return bullet(row.text) + (f"  \n  *{cell(details)}*" if details else "")


def _report_table(t: ReportTable) -> str:
    caption = f"**{cell(t.caption)}**\n\n" if t.caption else ""
    return caption + table(t.padded_headers(), t.padded_rows())

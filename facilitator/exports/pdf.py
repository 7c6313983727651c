"""The team plan and session reports as accessible PDF (PDF/UA-1, tagged, in the document's
language), laid out from HTML and CSS by WeasyPrint.

Why WeasyPrint: it writes a tagged PDF with a structure tree (headings, tables with header cells,
lists, figures with alternative text) and the document language, and checks PDF/UA-1 where asked
(``pdf_variant="pdf/ua-1"``); ReportLab tags nothing. The CSS does what the team lead notices on
paper: proportional column widths, Dutch hyphenation (``hyphens: auto`` with ``lang="nl-NL"``, via
Pyphen's dictionaries) so that "vertrouwenspersoon" breaks as "vertrouwens-persoon" and never
mid-syllable, a table's header row repeated once per page, headings kept with what follows,
"Pagina n van N" in the margin, and results as bar charts (see ``charts``).

Font: Source Sans Pro (SIL OFL 1.1) from the ``font-source-sans-pro`` package; runs of characters
it has no glyph for (emoji) are printed as one ``◌``.
"""

from __future__ import annotations

import base64
import re
import subprocess
import sys
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

import font_source_sans_pro
from flask_babel import get_locale
from flask_babel import gettext as _
from fontTools.ttLib import TTFont
from jinja2 import DictLoader, Environment, select_autoescape
from markupsafe import Markup, escape

from . import charts, labels
from .document import ReportTable, SessionReport, TeamPlanDocument
from .text import lines

PLACEHOLDER = "\u25cc"  # ◌
PDF_VARIANT = "pdf/ua-1"
LANGUAGES = {"nl": "nl-NL", "en": "en-GB"}

CSS = """
@font-face { font-family: "Source Sans Pro"; src: url("%(regular)s"); font-weight: normal; }
@font-face { font-family: "Source Sans Pro"; src: url("%(bold)s"); font-weight: bold; }
@page {
  size: A4; margin: 2cm 2cm 2.2cm 2cm;
  @bottom-left { content: "%(footer)s"; font: 8pt "Source Sans Pro"; color: #595959;
                 border-top: 0.5pt solid #9AA5B8; vertical-align: top; padding-top: 3pt; }
  @bottom-right { content: %(page)s; font: 8pt "Source Sans Pro"; color: #595959;
                  border-top: 0.5pt solid #9AA5B8; vertical-align: top; padding-top: 3pt; }
}
html { font-family: "Source Sans Pro"; font-size: 10pt; line-height: 1.35; color: #111; }
body { margin: 0; }
h1 { font-size: 22pt; color: #1F3864; margin: 0 0 8pt; line-height: 1.15; }
h2 { font-size: 13pt; color: #1F3864; margin: 14pt 0 5pt; break-after: avoid; line-height: 1.2; }
h3 { font-size: 10.5pt; margin: 8pt 0 3pt; break-after: avoid; }
h1, h2, h3 { hyphens: manual; }
p { margin: 0 0 4pt; orphans: 2; widows: 2; }
.meta, .note { color: #595959; font-size: 8.5pt; }
.alert { color: #A40000; font-weight: bold; }
.summary { color: #A40000; font-weight: bold; margin: 6pt 0; }
ul { margin: 0 0 4pt; padding-left: 14pt; }
li { margin-bottom: 3pt; }
table { border-collapse: collapse; width: 100%%; table-layout: fixed; margin-bottom: 6pt; }
td, th { hyphens: auto; overflow-wrap: break-word; text-align: left; vertical-align: top; }
th { hyphens: manual; }
table.grid th { background: #1F3864; color: #FFFFFF; font-size: 9pt; padding: 3pt 4pt; }
table.grid td { font-size: 9pt; padding: 3pt 4pt; border: 0.5pt solid #9AA5B8; }
table.grid th { border: 0.5pt solid #9AA5B8; }
table.grid tbody tr:nth-child(even) td { background: #F3F5F9; }
table.grid td p { margin: 0; }
table.grid td .note { margin-top: 2pt; }
table.grid td.number, table.grid th.number { text-align: right; }
table.facts { background: #F3F5F9; border-top: 1.5pt solid #1F3864; border-bottom: 0.5pt solid #9AA5B8; }
table.facts th { width: 4.5cm; padding: 3pt 6pt; font-weight: bold; }
table.facts td { padding: 3pt 6pt; }
caption { caption-side: top; text-align: left; font-weight: bold; font-size: 9.5pt; padding: 4pt 0 3pt; }
.keep { break-inside: avoid; }
figure { margin: 4pt 0 8pt; break-inside: avoid; }
figure img { width: 16cm; }
"""

TEMPLATES = {
    "base.html": """<!DOCTYPE html>
<html lang="{{ language }}"><head><meta charset="utf-8"><title>{{ title }}</title>
<meta name="author" content="{{ author }}"><meta name="generator" content="facilitator">
<style>{{ css }}</style></head>
<body>{% block body %}{% endblock %}</body></html>""",
    "macros.html": """
{% macro align(index, numeric) %}{% if index in numeric %} class="number"{% endif %}{% endmacro %}
{% macro facts(items) %}<table class="facts">
{% for label, value in items %}<tr><th scope="row">{{ label|text }}</th><td>{{ value|text }}</td></tr>
{% endfor %}</table>{% endmacro %}
{% macro grid(headers, rows, widths, numeric=()) %}<table class="grid">
<colgroup>{% for w in widths %}<col style="width: {{ '%.1f'|format(w) }}%">{% endfor %}</colgroup>
<thead><tr>{% for h in headers %}<th scope="col"{{ align(loop.index0, numeric) }}>{{ h|text }}</th>
{% endfor %}</tr></thead>
<tbody>{% for row in rows %}<tr>{% for cell in row %}<td{{ align(loop.index0, numeric) }}>{{ cell|cell }}</td>
{% endfor %}</tr>
{% endfor %}</tbody></table>{% endmacro %}
""",
    "team_plan.html": """{% extends "base.html" %}{% from "macros.html" import facts, grid %}
{% block body %}
<h1>{{ _("Team plan") }}</h1>
{{ facts(header) }}
{% if plan.overdue_count %}<p class="summary">{{ overdue_summary }}</p>{% endif %}
{% if plan.sessions %}<h2>{{ _("Sessions") }}</h2>
{{ grid(session_headers, session_rows, [62, 26, 12], (2,)) }}{% endif %}
<h2>{{ _("Goals") }}</h2>
{% if plan.goals %}<ul>{% for goal in plan.goals %}<li>{{ goal|text }}</li>{% endfor %}</ul>
{% else %}<p>{{ _("No goals recorded.") }}</p>{% endif %}
<h2>{{ _("Agreements") }}</h2>
{% if agreement_rows %}{{ grid(agreement_headers, agreement_rows, agreement_widths, (0,)) }}
{% else %}<p>{{ _("No agreements recorded yet.") }}</p>{% endif %}
<h2>{{ _("Open points") }}</h2>
{% if plan.open_points %}<ul>{% for row in plan.open_points %}<li><p>{{ row.text|text }}</p>
{% if details(row) %}<p class="note">{{ details(row)|text }}</p>{% endif %}</li>{% endfor %}</ul>
{% else %}<p>{{ _("No open points.") }}</p>{% endif %}
<h2>{{ _("Evaluation moment") }}</h2>
<p>{{ evaluation|text }}</p>
{% endblock %}""",
    "session_report.html": """{% extends "base.html" %}{% from "macros.html" import facts, grid %}
{% block body %}
<h1>{{ heading or _("Session report") }}</h1>
{{ facts(header) }}
{% if notice %}<p class="notice"><strong>{{ notice|text }}</strong></p>{% endif %}
{% for section in sections %}
<h2>{{ section.title|text }}</h2>
{% if section.meta %}<p class="meta">{{ section.meta|text }}</p>{% endif %}
{% for text in section.paragraphs %}<p>{{ text|text }}</p>{% endfor %}
{% for table in section.tables %}
{% if table.caption %}<h3>{{ table.caption|text }}</h3>{% endif %}
{% if table.chart %}<figure><img src="{{ table.chart }}" alt="{{ table.alt }}"></figure>{% endif %}
{{ grid(table.headers, table.rows, table.widths, table.numeric) }}
{% endfor %}
{% endfor %}
{% endblock %}""",
}


def render_team_plan(plan: TeamPlanDocument, out: BinaryIO) -> None:
    widths = [5, 35, 13, 11, 12, 12, 12]  # No. / What / Who / When / Status / Kind / Outside help
    rows = [labels.agreement_cells(row) for row in plan.settled_agreements]
    html = _environment().get_template("team_plan.html").render(
        **_base(_("Team plan: %(team)s", team=plan.team_name), plan.author or plan.trainer),
        plan=plan,
        header=[(_("Team"), plan.team_name), (_("Unit"), plan.unit),
                (_("Date"), labels.format_day(plan.generated_on)), (_("Trainer"), plan.trainer),
                (_("Number of participants"), plan.participant_count)],
        overdue_summary=labels.overdue_summary(plan.overdue_count),
        session_headers=[_("Session"), _("Date"), _("Participants")],
        session_rows=[[s.title, labels.format_day(s.held_on), s.participant_count] for s in plan.sessions],
        agreement_headers=labels.agreement_headers(), agreement_rows=rows, agreement_widths=widths,
        details=labels.open_point_details, evaluation=labels.evaluation_label(plan.evaluation_moment),
    )
    write(html, out)


def render_session_report(report: SessionReport, out: BinaryIO) -> None:
    sections = [{
        "title": section.title,
        "meta": labels.section_meta(section.work_form_title, section.visibility)
        if report.facts is None else "",
        "paragraphs": section.paragraphs,
        "tables": [_report_table(t) for t in section.tables if t.width],
    } for section in report.sections]
    html = _environment().get_template("session_report.html").render(
        **_base(report.title if report.heading else
                _("Session report: %(title)s", title=report.title), report.author or report.trainer),
        header=report.facts if report.facts is not None else [
            (_("Session"), report.title), (_("Team"), report.team_name),
            (_("Date"), labels.format_day(report.held_on)), (_("Trainer"), report.trainer),
            (_("Number of participants"), report.participant_count)],
        notice=report.notice, sections=sections, heading=report.heading,
    )
    write(html, out)


def write(html: str, out: BinaryIO) -> None:
    """Lay out the HTML as a tagged PDF/UA-1 document and write it.

    Laying out takes a while (about 1.5 s for a plan of 40 agreements). On gevent's event loop
    that would hold up every phone of the process, so there it runs in a child process, which
    the loop waits for without blocking."""
    if _on_event_loop():
        done = subprocess.run([sys.executable, "-m", __name__], input=html.encode("utf-8"),
                              capture_output=True, check=True, timeout=600)
        out.write(done.stdout)
    else:
        layout(html, out)


def layout(html: str, out: BinaryIO) -> None:
    from weasyprint import HTML  # imported on use: it loads Pango

    HTML(string=html).write_pdf(out, pdf_variant=PDF_VARIANT)


def _on_event_loop() -> bool:
    if "gevent" not in sys.modules:
        return False
    from gevent import monkey

    return monkey.is_module_patched("subprocess")


# -- building blocks --------------------------------------------------------------------------------

def language() -> str:
    """The document language as a BCP 47 tag, e.g. nl-NL."""
    code = str(get_locale() or "en").split("_")[0]
    return LANGUAGES.get(code, code)


def _base(title: str, author: str) -> dict:
    title = _printable(" ".join(lines(title)))
    footer = title if len(title) <= 90 else title[:89] + "…"
    page = _("Page %(page)s of %(total)s", page="\x00page\x00", total="\x00total\x00")
    css_parts = []
    for index, part in enumerate(page.split("\x00")):  # "Pagina ", "page", " van ", "total", ""
        if index % 2:
            css_parts.append("counter(page)" if part == "page" else "counter(pages)")
        elif part:
            css_parts.append(_css_string(part))
    page_css = " ".join(css_parts)
    fonts = font_source_sans_pro.font_files_ttf
    css = CSS % {"regular": Path(fonts["SourceSansPro"]).as_uri(),
                 "bold": Path(fonts["SourceSansProBold"]).as_uri(),
                 "footer": _css_string(footer)[1:-1], "page": page_css}
    return {"title": title, "author": _printable(" ".join(lines(author))), "css": Markup(css),
            "language": language(), "_": _}


def _css_string(text: str) -> str:
    """Text as a CSS string literal."""
    return '"' + re.sub(r'["\\\n]', lambda m: "\\" + format(ord(m[0]), "x") + " ", text) + '"'


def _report_table(table: ReportTable) -> dict:
    rows = table.padded_rows()
    numeric = table.numeric_columns()
    chart = charts.chart_of(table)
    image = alt = ""
    if chart is not None:
        image = "data:image/svg+xml;base64," + base64.b64encode(charts.svg(chart).encode()).decode()
        alt = _printable(charts.description(chart))
    return {"caption": table.caption, "headers": table.padded_headers(), "rows": rows,
            "widths": [100 * share for share in table.shares()], "numeric": numeric,
            "chart": image, "alt": alt}


def _text(value: object) -> Markup:
    """User text for the HTML: escaped, printable, its line breaks kept."""
    return Markup("<br>").join(escape(_printable(line.replace("\t", " "))) for line in lines(value))


def _cell(value: object) -> Markup:
    if isinstance(value, labels.Cell):
        parts = [_text(value.text)] if value.text else []
        if value.alert:
            parts.append(Markup('<p class="alert">{}</p>').format(_text(value.alert)))
        parts += [Markup('<p class="note">{}</p>').format(_text(note)) for note in value.notes]
        return Markup("").join(parts)
    return _text(value)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(loader=DictLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["text"] = _text
    env.filters["cell"] = _cell
    return env


def _printable(text: str) -> str:
    """Replace each run of characters the font cannot show (emoji and the like) by ◌."""
    return _unsupported_run_pattern().sub(PLACEHOLDER, text)


@lru_cache(maxsize=1)
def _unsupported_run_pattern() -> re.Pattern:
    # A run of characters without a glyph, e.g. 👍🏽 or 👨‍👩‍👧, becomes a single placeholder.
    glyphs = sorted(_glyphs() | {0x0A})
    return re.compile("[^" + "".join(re.escape(chr(c)) for c in glyphs) + "]+")


@lru_cache(maxsize=1)
def _glyphs() -> frozenset[int]:
    """The code points both weights of the font can show."""
    files = font_source_sans_pro.font_files_ttf
    maps = [set(TTFont(files[name]).getBestCmap()) for name in ("SourceSansPro", "SourceSansProBold")]
    return frozenset(maps[0] & maps[1])


if __name__ == "__main__":  # the child process of ``write``: HTML on stdin, PDF on stdout
    layout(sys.stdin.buffer.read().decode("utf-8"), sys.stdout.buffer)

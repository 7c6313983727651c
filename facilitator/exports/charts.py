"""Results as bar charts: which tables of a session report people would rather look at than read.

A table gets a chart when it has a column of labels and one or more columns of counts (the
statements' agree / disagree / pass, the quiz's points per team, the incident's causes per factor
group). The chart is an SVG with the same numbers as the table, which stays beside it for whoever
needs the exact figures (and for screen readers). A ranking column (1, 2, 3 ...) and percentages
are not charted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from .document import ReportTable
from .text import clean

_NUMBER = re.compile(r"^\s*-?\d+(?:[.,]\d+)?\s*(½)?\s*$")
# Colours that print well in grey too, with text in black beside them (WCAG contrast on white).
SERIES_COLOURS = ["#1F3864", "#C55A11", "#8C8C8C", "#548235", "#7030A0"]
LABEL_WIDTH = 250  # px of the 640 px wide chart
LABEL_CHARACTERS = 40  # per line of a label; a label has at most two lines
BAR_HEIGHT = 18
ROW_HEIGHT = 32


@dataclass(frozen=True)
class Chart:
    series: list[str]  # the headers of the charted columns
    bars: list[tuple[str, list[float]]]  # per row: its label and its value per series

    @property
    def stacked(self) -> bool:
        return len(self.series) > 1


def number(text: str) -> float | None:
    """A count as the work forms write it: "3", "2,5", "1½"; None for anything else."""
    match = _NUMBER.match(text or "")
    if not match:
        return None
    value = float(match[0].replace("½", "").replace(",", ".").strip() or 0)
    return value + (0.5 if match[1] else 0)


def _is_ranking(values: list[float]) -> bool:
    return len(values) > 1 and values == sorted(values) and values[0] == 1 and values[-1] <= len(values)


def chart_of(table: ReportTable) -> Chart | None:
    """The chart of a table of counts, or None when the table is not one."""
    rows = table.padded_rows()
    if not rows or table.width < 2:
        return None
    numeric, labels = [], []
    for column in range(table.width):
        values = [number(row[column]) for row in rows]
        if all(v is not None for v in values):
            if not _is_ranking(values):
                numeric.append(column)
        elif all("%" not in row[column] for row in rows):
            labels.append(column)
    if not numeric or not labels:
        return None
    if len(rows) == 1 and len(numeric) == 1:
        return None  # one number: nothing to compare
    headers = table.padded_headers()
    label = labels[0]
    bars = [(clean(row[label]), [number(row[c]) or 0.0 for c in numeric]) for row in rows]
    if not any(sum(values) for _, values in bars):
        return None
    return Chart([clean(headers[c]) for c in numeric], bars)


def _short(text: str, limit: int = 38) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _label_lines(text: str) -> list[str]:
    """A label in at most two lines, broken between words; the rest ends in an ellipsis."""
    words, lines, line = " ".join(text.split()).split(" "), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > LABEL_CHARACTERS:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    if len(lines) > 2:
        lines = [lines[0], _short(" ".join(lines[1:]), LABEL_CHARACTERS)]
    return [_short(one, LABEL_CHARACTERS + 4) for one in lines]


def _figure(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.1f}".replace(".", ",")


def svg(chart: Chart, width: int = 640) -> str:
    """The chart as a self-contained SVG: a bar per row, stacked per series, numbers in the bars."""
    legend_height = 24 if chart.stacked else 0
    height = legend_height + len(chart.bars) * ROW_HEIGHT + 4
    plot = width - LABEL_WIDTH - 50
    largest = max(sum(values) for _, values in chart.bars) or 1
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="Source Sans Pro, sans-serif" font-size="12">']
    if chart.stacked:
        x = LABEL_WIDTH
        for name, colour in zip(chart.series, SERIES_COLOURS, strict=False):
            parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{colour}"/>')
            parts.append(f'<text x="{x + 16}" y="14">{escape(_short(name, 24))}</text>')
            x += 30 + 7 * min(len(name), 24)
    for index, (label, values) in enumerate(chart.bars):
        top = legend_height + index * ROW_HEIGHT
        y = top + (ROW_HEIGHT - BAR_HEIGHT) // 2
        label_lines = _label_lines(label)
        first = top + ROW_HEIGHT // 2 + 4 - 7 * (len(label_lines) - 1)
        for number_, line in enumerate(label_lines):
            parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{first + 14 * number_}" text-anchor="end">'
                         f'{escape(line)}</text>')
        x = float(LABEL_WIDTH)
        for value, colour in zip(values, SERIES_COLOURS, strict=False):
            length = plot * value / largest
            if length > 0:
                parts.append(f'<rect x="{x:.1f}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" '
                             f'fill="{colour}"/>')
                if chart.stacked and length >= 18:
                    parts.append(f'<text x="{x + length / 2:.1f}" y="{y + 13}" text-anchor="middle" '
                                 f'fill="#FFFFFF">{_figure(value)}</text>')
            x += length
        if not chart.stacked or any(plot * v / largest < 18 for v in values if v):
            total = " / ".join(_figure(v) for v in values) if chart.stacked else _figure(values[0])
            parts.append(f'<text x="{x + 6:.1f}" y="{y + 13}">{escape(total)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def description(chart: Chart) -> str:
    """The chart in words, for its alternative text."""
    return "; ".join(
        f"{_short(label, 60)}: " + ", ".join(f"{name} {_figure(v)}" for name, v in
                                             zip(chart.series, values, strict=False))
        for label, values in chart.bars)


def png(chart: Chart, width: int = 640, scale: int = 3) -> bytes:
    """The same chart as a PNG (for Word, which shows no SVG everywhere), drawn with Pillow in
    Source Sans Pro, ``scale`` times the size for sharp print."""
    import io

    import font_source_sans_pro
    from PIL import Image, ImageDraw, ImageFont

    legend_height = 24 if chart.stacked else 0
    height = legend_height + len(chart.bars) * ROW_HEIGHT + 4
    image = Image.new("RGB", (width * scale, height * scale), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(font_source_sans_pro.font_files_ttf["SourceSansPro"], 12 * scale)

    def text(x: float, y: float, words: str, anchor: str = "ls", fill: str = "#111111") -> None:
        draw.text((x * scale, y * scale), words, font=font, anchor=anchor, fill=fill)

    def box(x: float, y: float, w: float, h: float, colour: str) -> None:
        draw.rectangle([x * scale, y * scale, (x + w) * scale - 1, (y + h) * scale - 1], fill=colour)

    plot = width - LABEL_WIDTH - 50
    largest = max(sum(values) for _, values in chart.bars) or 1
    if chart.stacked:
        x = LABEL_WIDTH
        for name, colour in zip(chart.series, SERIES_COLOURS, strict=False):
            box(x, 4, 12, 12, colour)
            text(x + 16, 14, _short(name, 24))
            x += 30 + 7 * min(len(name), 24)
    for index, (label, values) in enumerate(chart.bars):
        top = legend_height + index * ROW_HEIGHT
        y = top + (ROW_HEIGHT - BAR_HEIGHT) // 2
        label_lines = _label_lines(label)
        first = top + ROW_HEIGHT // 2 + 4 - 7 * (len(label_lines) - 1)
        for number_, line in enumerate(label_lines):
            text(LABEL_WIDTH - 8, first + 14 * number_, line, anchor="rs")
        x = float(LABEL_WIDTH)
        for value, colour in zip(values, SERIES_COLOURS, strict=False):
            length = plot * value / largest
            if length > 0:
                box(x, y, length, BAR_HEIGHT, colour)
                if chart.stacked and length >= 18:
                    text(x + length / 2, y + 13, _figure(value), anchor="ms", fill="#FFFFFF")
            x += length
        if not chart.stacked or any(plot * v / largest < 18 for v in values if v):
            total = " / ".join(_figure(v) for v in values) if chart.stacked else _figure(values[0])
            text(x + 6, y + 13, total)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()

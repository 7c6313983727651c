import io
import re

import pypdf

from facilitator.exports import pdf


def render(render_function, document) -> tuple[pypdf.PdfReader, str]:
    out = io.BytesIO()
    render_function(document, out)
    assert out.getvalue().startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(out.getvalue()))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    """Extracted text with line wrapping undone, to look for phrases that may wrap."""
    return re.sub(r"\s+", " ", re.sub(r"\u2010\s+", "", text))


def test_team_plan_content(plan, lang):
    reader, text = render(pdf.render_team_plan, plan)
    assert "Team Zoë Publiekszaken" in text
    assert "ë" in text and "Ö" in text and "Ş" in text
    assert "Meldingsformulier agressie vereenvoudigen" in flat(text)
    for label in (lang.team_plan, lang.agreements, lang.open_points, lang.evaluation):
        assert label in text
    assert lang.evaluation_text in text
    assert reader.metadata.title.endswith("Team Zoë Publiekszaken")


def test_hostile_text(plan):
    _, text = render(pdf.render_team_plan, plan)
    flattened = flat(text)
    assert "<script>alert('x')</script> & &amp;" in flattened
    assert '=HYPERLINK("http://x","klik")' in flattened
    assert "“aanhalingstekens”" in flattened and "€ 50" in flattened
    assert "Emoji ◌ en ◌ mogen niet crashen" in flattened  # emoji replaced, one mark per run


def test_page_numbers(plan, lang):
    reader, _ = render(pdf.render_team_plan, plan)
    total = len(reader.pages)
    last_page = reader.pages[-1].extract_text()
    assert f"{total}" in last_page
    assert ("Page" if lang.code == "en" else "Pagina") in last_page


def test_session_report(report, lang):
    _, text = render(pdf.render_session_report, report)
    assert lang.session_report in text
    for label in (lang.anonymous, lang.named, lang.trainer_only):
        assert label in text
    assert "Dreigen | intimideren" in text
    assert "Tijdlijn" in text


def test_on_the_event_loop_the_layout_runs_in_a_child_process(plan, monkeypatch):
    """Under gevent the PDF is laid out by ``python -m facilitator.exports.pdf``, so that the
    process's phones are not held up; the file is the same kind of document."""
    monkeypatch.setattr(pdf, "_on_event_loop", lambda: True)
    calls = []
    real_run = pdf.subprocess.run
    monkeypatch.setattr(pdf.subprocess, "run", lambda *a, **k: calls.append(a) or real_run(*a, **k))
    reader, text = render(pdf.render_team_plan, plan)
    assert calls and calls[0][0][1:] == ["-m", "facilitator.exports.pdf"]
    assert "Team Zoë Publiekszaken" in text
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]

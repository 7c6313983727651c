import io

import docx as python_docx

from facilitator.exports import docx
from facilitator.exports.text import clean


def render(render_function, document):
    out = io.BytesIO()
    render_function(document, out)
    return python_docx.Document(io.BytesIO(out.getvalue()))


NUMBER = {"en": "No.", "nl": "Nr."}


def table_with_header(doc, first_header):
    return next(t for t in doc.tables if t.rows[0].cells[0].text == first_header)


def paragraphs_after(doc, heading):
    texts = [p.text for p in doc.paragraphs]
    return texts[texts.index(heading) + 1 :]


def test_team_plan_header_block(plan, lang):
    doc = render(docx.render_team_plan, plan)
    assert doc.paragraphs[0].text == lang.team_plan
    facts = {row.cells[0].text: row.cells[1].text for row in doc.tables[0].rows}
    assert "Team Zoë Publiekszaken" in facts.values()
    assert "Burgerzaken & Belastingen" in facts.values()
    assert "Inge de Vries-Özdemir" in facts.values()
    assert "14" in facts.values()
    assert doc.core_properties.title.endswith("Team Zoë Publiekszaken")
    section = doc.sections[0]
    assert round(section.page_width.cm, 1) == 21.0  # A4


def test_agreements_table(plan, lang):
    doc = render(docx.render_team_plan, plan)
    table = table_with_header(doc, NUMBER[lang.code])
    headers = [cell.text for cell in table.rows[0].cells]
    assert headers[:4] == [NUMBER[lang.code], lang.what, lang.who, lang.when]
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert len(rows) == len(plan.settled_agreements)
    assert rows[1][1].split("\n")[0] == "Meldingsformulier agressie vereenvoudigen"
    assert rows[1][2:5] == ["Teamleider Ömer Şahin", lang.due_text, lang.in_progress]
    assert rows[1][6] == "Arbodienst"
    texts = [row[1] for row in rows]
    assert "Wie neemt contact op met de wijkagent?" not in texts  # an open point


def test_hostile_text_is_kept_verbatim(plan, lang, hostile):
    doc = render(docx.render_team_plan, plan)
    texts = [row.cells[1].paragraphs[0].text
             for row in table_with_header(doc, NUMBER[lang.code]).rows[1:]]
    for text in hostile:
        # Trimmed; line breaks and inner tabs are kept as Word elements that read back as text.
        expected = clean(text).strip().replace("\r\n", "\n").replace("\r", "\n")
        assert expected in texts
    assert "<script>alert('x')</script> & &amp;" in texts


def test_open_points_and_evaluation(plan, lang):
    doc = render(docx.render_team_plan, plan)
    after = paragraphs_after(doc, lang.open_points)
    assert after[0] == "Wie neemt contact op met de wijkagent?"
    assert "Politie" in after[1]
    assert "Nazorg na een incident in het weekend" in after
    assert paragraphs_after(doc, lang.evaluation)[0] == lang.evaluation_text


def test_session_report_shows_visibility_of_each_section(report, lang):
    doc = render(docx.render_session_report, report)
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == lang.session_report
    assert "Incidenten" in texts and "Wat helpt" in texts and "Notities" in texts
    meta = [t for t in texts if lang.anonymous in t or lang.named in t or lang.trainer_only in t]
    assert len(meta) == 3
    assert "Tijdlijn" in meta[0] and lang.anonymous in meta[0]
    assert lang.trainer_only in meta[2]
    table = table_with_header(doc, "Soort")
    assert [c.text for c in table.rows[2].cells] == ["Dreigen | intimideren", "2"]
    assert [c.text for c in table.rows[3].cells] == ["Rest", ""]  # ragged row padded

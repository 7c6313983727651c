"""FACILITATOR_DOCX_TEMPLATE: a municipality's house style (.docx) for the Word exports."""

from __future__ import annotations

import io

import docx as python_docx
from docx.shared import Pt, RGBColor

from facilitator.config import from_environment

from ..conftest import PASSWORD, login


def test_the_setting_is_read_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("FACILITATOR_INSTANCE", str(tmp_path))
    monkeypatch.setenv("FACILITATOR_DOCX_TEMPLATE", "/srv/huisstijl.docx")
    assert from_environment()["DOCX_TEMPLATE"] == "/srv/huisstijl.docx"


def test_the_word_files_take_the_house_style(make_app, tmp_path):
    house = python_docx.Document()
    house.styles["Normal"].font.name = "Georgia"
    house.styles["Heading 1"].font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    house.styles["Normal"].font.size = Pt(12)
    house.sections[0].header.paragraphs[0].text = "Gemeente Voorbeeld — intern"
    house.add_paragraph("Deze tekst van het sjabloon hoort niet in het teamplan.")
    template = tmp_path / "huisstijl.docx"
    house.save(template)

    app = make_app(DOCX_TEMPLATE=str(template))
    with app.app_context():
        from facilitator.extensions import db
        from facilitator.teamplan import teams
        from facilitator.web.accounts import add_user

        add_user("trainer@example.nl", PASSWORD, "trainer")
        team = teams.create("Balie", "Publiekszaken")
        db.session.commit()
        team_id = team.id
    client = app.test_client()
    login(client)
    data = client.get(f"/teams/{team_id}/export.docx").data
    doc = python_docx.Document(io.BytesIO(data))
    assert doc.sections[0].header.paragraphs[0].text == "Gemeente Voorbeeld — intern"
    assert doc.styles["Normal"].font.name == "Georgia"
    assert doc.styles["Heading 1"].font.color.rgb == RGBColor(0xC0, 0x00, 0x00)
    texts = [p.text for p in doc.paragraphs]
    assert "Teamplan" in texts and not any("sjabloon" in t for t in texts)
    footer = "".join(p.text for p in doc.sections[0].footer.paragraphs)
    assert "Pagina" in footer
    assert doc.core_properties.language == "nl-NL"

import csv as stdlib_csv
import io

from facilitator.exports import csv


def render(plan) -> bytes:
    out = io.BytesIO()
    csv.render_agreements(plan, out)
    return out.getvalue()


def read(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8-sig")
    return list(stdlib_csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_utf8_bom_semicolons_and_crlf(plan, lang):
    data = render(plan)
    assert data.startswith(b"\xef\xbb\xbf")
    first_line = data[3:].split(b"\r\n")[0].decode("utf-8")
    no = "No." if lang.code == "en" else "Nr."
    assert first_line.startswith(f"{no};{lang.who};{lang.what};")


def test_round_trip(plan, lang):
    rows = read(render(plan))
    assert len(rows) == len(plan.agreements) + 1
    assert all(len(row) == 12 for row in rows)
    by_text = {row[2]: row for row in rows[1:]}
    row = by_text["Meldingsformulier agressie vereenvoudigen"]
    assert row == [
        "",  # the sample rows have no number
        "Teamleider Ömer Şahin",
        "Meldingsformulier agressie vereenvoudigen",
        "",
        "2026-03-01",
        "",
        lang.in_progress,
        "Action" if lang.code == "en" else "Actie",
        "Arbodienst",
        "",
        "",
        "Sessie 1: Wat gebeurde er?",
    ]
    assert "Cel | met | pipes" in by_text
    assert "Eerste regel\nTweede regel\r\nDerde regel" in by_text
    assert "Emoji 👍🏽 en 👨‍👩‍👧 mogen niet crashen" in by_text
    assert by_text["Wie neemt contact op met de wijkagent?"][4] == ""


def test_formula_injection_is_neutralised(plan, formulas):
    rows = read(render(plan))
    cells = [cell for row in rows for cell in row]
    for formula in formulas:
        assert "'" + formula in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]

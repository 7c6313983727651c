import pytest

from facilitator.exports import markdown
from facilitator.exports.text import clean, lines, neutralise_formula, spreadsheet_text


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","klik")', "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_formula_triggers_get_a_quote(text):
    assert neutralise_formula(text) == "'" + text


@pytest.mark.parametrize("text", ["gewoon", "", " =1", "'al gequote", "1+1", "e-mail"])
def test_harmless_text_is_left_alone(text):
    assert neutralise_formula(text) == text


def test_clean_drops_what_xml_cannot_store_but_keeps_layout():
    assert clean("a\x00b\x07c\ud800d\te\nf\rg") == "abcd\te\nf\rg"
    assert clean(None) == ""
    assert clean(12) == "12"


def test_hidden_control_character_cannot_smuggle_a_formula():
    assert spreadsheet_text("\x01=1+1") == "'=1+1"


def test_lines_split_every_kind_of_line_break():
    assert lines("a\r\nb\rc\nd\te") == ["a", "b", "c", "d\te"]
    assert lines("") == [""]
    assert lines("\r\n  a \n") == ["a"]


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a | b", r"a \| b"),
        ("<script>", r"\<script\>"),
        ("**vet** _x_", r"\*\*vet\*\* \_x\_"),
        ("[link](http://x)", r"\[link\](http://x)"),
        ("# kop", r"\# kop"),
        ("- lijst", r"\- lijst"),
        ("+ lijst", r"\+ lijst"),
        ("> quote", r"\> quote"),
        ("12. genummerd", r"12\. genummerd"),
        ("    code", "code"),
        ("&amp;", r"\&amp;"),
        ("Zoë is 1,5 uur bezig - prima.", "Zoë is 1,5 uur bezig - prima."),
    ],
)
def test_markdown_escape(text, escaped):
    assert markdown.escape(text) == [escaped]

from facilitator.exports import markdown


def table_rows(text: str, first_header: str) -> list[str]:
    lines = text.splitlines()
    start = lines.index(next(line for line in lines if line.startswith(f"| {first_header} |")))
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append(line)
    return rows


def unescaped_pipes(row: str) -> int:
    return row.replace("\\|", "").count("|")


def test_team_plan_headings(plan, lang):
    text = markdown.render_team_plan(plan)
    assert text.startswith(f"# {lang.team_plan}: Team Zoë Publiekszaken\n")
    for heading in (lang.agreements, lang.open_points, lang.evaluation):
        assert f"\n## {heading}\n" in text
    assert lang.evaluation_text in text


def test_agreements_table_pipes_are_escaped(plan, lang):
    rows = table_rows(markdown.render_team_plan(plan), "No." if lang.code == "en" else "Nr.")
    assert len(rows) == 2 + len(plan.settled_agreements)
    assert rows[1] == "|---|---|---|---|---|---|---|"
    assert all(unescaped_pipes(row) == 8 for row in rows)  # 7 columns, nothing broke out
    assert any(r"Cel \| met \| pipes" in row for row in rows)
    assert any("Eerste regel<br>Tweede regel<br>Derde regel" in row for row in rows)


def test_user_text_cannot_inject_markup(plan):
    text = markdown.render_team_plan(plan)
    assert "<script>" not in text
    assert r"\<script\>alert('x')\</script\> \& \&amp;" in text
    assert "[link]" not in text and r"\[link\]" in text


def test_open_points_are_a_list(plan, lang):
    text = markdown.render_team_plan(plan)
    section = text.split(f"## {lang.open_points}\n\n")[1].split("\n\n")[0]
    assert section.startswith("- Wie neemt contact op met de wijkagent?")
    assert "- Nazorg na een incident in het weekend" in section


def test_session_report(report, lang):
    text = markdown.render_session_report(report)
    assert text.startswith(f"# {lang.session_report}: Sessie 1: Wat gebeurde er?")
    for label in (lang.anonymous, lang.named, lang.trainer_only):
        assert label in text
    rows = table_rows(text, "Soort")
    assert r"| Dreigen \| intimideren | 2 |" in rows
    assert "| Rest |  |" in rows

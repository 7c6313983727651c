"""axe-core on the trainer's other pages: the team plan and its lists, and the scenario editor with
the fields of every work form (the built-in full workshop holds all five; the review form comes
with the team-plan scenario). No serious or critical violations, at laptop and at phone size."""

from __future__ import annotations

from playwright.sync_api import expect

from . import a11y


def test_team_plan_and_editor_pages_have_no_serious_barriers(live_server, trainer_page):
    session = live_server.create_session("stellingen-veilig-werken", team="Team Toegankelijk")
    page = trainer_page(session["console_url"])
    page.click("[data-action=start]")
    page.fill("#ag-text", "We lopen samen naar de balie bij een dreigend gesprek")
    page.click(".agreement-form button")
    expect(page.locator(".agreements")).to_contain_text("samen naar de balie")
    team_plan = live_server.url + page.locator("[data-team-plan]").get_attribute("href")
    editor = live_server.url + "/trainer/library"
    pages = {
        "team plan": team_plan,
        "teams": live_server.url + "/teams",
        "library": editor,
        "new scenario": editor + "/new",
        "editor, all five work forms": editor + "/builtin/volledige-workshop",
        "editor, team plan review": editor + "/builtin/teamplan-bespreken",
    }
    found = {}
    for name, url in pages.items():
        page.goto(url)
        found[name] = a11y.axe(page)
    page.goto(team_plan)
    expect(page.locator("table.plan")).to_contain_text("samen naar de balie")
    page.set_viewport_size({"width": 360, "height": 740})  # a team lead reads the plan on a phone
    found["team plan on a phone"] = a11y.axe(page) + a11y.reflow(page)
    problems = {name: barriers for name, barriers in found.items() if barriers}
    assert not problems, problems

"""The library page: search, duplicate, delete, share, and starting a session from any scenario."""

import re
from pathlib import Path

import yaml
from sqlalchemy import select

from facilitator.extensions import db
from facilitator.library.models import StoredScenario
from facilitator.sessions.models import Activity, Workshop

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def _titles(page: str) -> list[str]:
    return re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', page)


def _duplicate(client, key="stellingen-veilig-werken") -> int:
    return int(client.post(f"/trainer/library/{key}/duplicate").location.rsplit("/", 1)[1])


def test_the_library_lists_built_in_scenarios_as_templates(trainer_client):
    page = trainer_client.get("/trainer/library").get_data(as_text=True)
    assert "Stellingen: veilig werken met burgers" in _titles(page)
    card = page[page.index('data-key="stellingen-veilig-werken"'):]
    card = card[:card.index("</li>")]
    assert "Ingebouwd" in card and "Kopiëren" in card and "Bekijken" in card
    assert "Verwijderen" not in card and "Bewerken" not in card


def test_search_by_title_and_by_work_form(trainer_client):
    stored_id = _duplicate(trainer_client)
    page = trainer_client.get("/trainer/library?q=VEILIG+werken+met+BURGERS").get_data(as_text=True)
    assert _titles(page) == ["Stellingen: veilig werken met burgers (kopie)",
                             "Stellingen: veilig werken met burgers"]
    assert "2 scenario's gevonden." in page
    by_form = _titles(trainer_client.get("/trainer/library?form=statements").get_data(as_text=True))
    assert "Stellingen: veilig werken met burgers (kopie)" in by_form
    shipped = {data["title"]: {a["type"] for a in data["activities"]}
               for data in map(yaml.safe_load, map(Path.read_text, SCENARIOS.glob("*.yaml")))}
    assert all("statements" in shipped.get(t.removesuffix(" (kopie)"), {"statements"})
               for t in by_form)  # only scenarios that use the statements work form
    assert "Kennisquiz" not in " ".join(by_form) and len(by_form) >= 3
    none = trainer_client.get("/trainer/library?q=bestaat+niet").get_data(as_text=True)
    assert _titles(none) == [] and "Geen scenario gevonden" in none
    assert f'href="/trainer/library/{stored_id}"' in trainer_client.get("/trainer/library").get_data(
        as_text=True)


def test_only_the_owner_deletes_and_is_asked_first(app, trainer_client, colleague_client):
    stored_id = _duplicate(trainer_client)
    page = trainer_client.get("/trainer/library").get_data(as_text=True)
    assert re.search(rf'action="/trainer/library/{stored_id}/delete" class="inline" data-confirm="[^"]+'
                     r'verwijderen\? Dit kan niet ongedaan worden gemaakt.', page)
    assert colleague_client.post(f"/trainer/library/{stored_id}/delete").status_code == 404
    trainer_client.post(f"/trainer/library/{stored_id}/share", data={"shared": "1"})
    assert colleague_client.post(f"/trainer/library/{stored_id}/delete").status_code == 403
    deleted = trainer_client.post(f"/trainer/library/{stored_id}/delete")
    assert "is verwijderd" in trainer_client.get(deleted.location).get_data(as_text=True)
    with app.app_context():
        assert db.session.get(StoredScenario, stored_id) is None


def test_a_shared_scenario_is_visible_to_colleagues_until_sharing_stops(trainer_client, colleague_client):
    stored_id = _duplicate(trainer_client)
    title = "Stellingen: veilig werken met burgers (kopie)"
    assert title not in _titles(colleague_client.get("/trainer/library").get_data(as_text=True))
    assert colleague_client.get(f"/trainer/library/{stored_id}").status_code == 404

    trainer_client.post(f"/trainer/library/{stored_id}/share", data={"shared": "1"})
    page = colleague_client.get("/trainer/library").get_data(as_text=True)
    assert title in _titles(page) and "Gedeeld door trainer@example.nl" in page
    editor = colleague_client.get(f"/trainer/library/{stored_id}").get_data(as_text=True)
    assert "Gedeeld door trainer@example.nl" in editor
    assert "Niet meer delen" not in page, "only the owner stops sharing"

    trainer_client.post(f"/trainer/library/{stored_id}/share", data={"shared": "0"})
    assert title not in _titles(colleague_client.get("/trainer/library").get_data(as_text=True))


def test_a_session_starts_from_an_own_scenario_on_the_dashboard(app, trainer_client, colleague_client):
    stored_id = _duplicate(trainer_client)
    key = f"stored-{stored_id}"
    dashboard = trainer_client.get("/trainer").get_data(as_text=True)
    assert f'value="{key}"' in dashboard
    assert f'value="{key}"' not in colleague_client.get("/trainer").get_data(as_text=True)
    refused = colleague_client.post("/trainer/sessions", data={"scenario": key})
    assert "/w/" not in refused.location

    started = trainer_client.post("/trainer/sessions", data={"scenario": key, "team": "Team Noord"})
    assert re.fullmatch(r"/w/\d+/console", started.location)
    with app.app_context():
        workshop = db.session.scalar(select(Workshop))
        assert workshop.scenario_id == key
        assert workshop.title == "Stellingen: veilig werken met burgers (kopie)"
        activity = db.session.scalar(select(Activity).where(Activity.workshop_id == workshop.id))
        assert len(activity.config["statements"]) == 12 and len(activity.steps) == 12


def test_a_stored_scenario_that_no_longer_checks_out_is_marked_and_cannot_start(app, trainer_client):
    stored_id = _duplicate(trainer_client)
    with app.app_context():
        stored = db.session.get(StoredScenario, stored_id)
        stored.content = {**stored.content, "activities": [{"type": "verdwenen", "config": {}}]}
        db.session.commit()
    page = trainer_client.get("/trainer/library").get_data(as_text=True)
    card = page[page.index(f'data-key="stored-{stored_id}"'):]
    card = card[:card.index("</li>")]
    assert "Moet worden hersteld" in card and "Onbekende werkvorm: verdwenen" in card
    assert "Sessie starten" not in card
    started = trainer_client.post("/trainer/sessions", data={"scenario": f"stored-{stored_id}"})
    assert "/w/" not in started.location
    editor = trainer_client.get(f"/trainer/library/{stored_id}").get_data(as_text=True)
    assert "Onbekende werkvorm: verdwenen" in editor, "the editor still opens, to repair it"


def test_pages_are_for_trainers_only(client, trainer_client):
    assert client.get("/trainer/library").status_code == 302
    assert client.post("/trainer/library/preview").status_code in (302, 401)
    assert trainer_client.get("/trainer/library/stored-999/download").status_code == 404
    assert trainer_client.get("/trainer/library/builtin/../../etc").status_code == 404

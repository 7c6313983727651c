"""The editor: saving, messages next to the right input, re-ordering, a third-party work form, the
refusal of a save that would overwrite a colleague's, and the preview."""

import re
from html import unescape

import pytest
from werkzeug.datastructures import MultiDict

from facilitator.extensions import db
from facilitator.library.models import StoredScenario

from .conftest import editor_fields


@pytest.fixture
def copy_url(trainer_client):
    return trainer_client.post("/trainer/library/stellingen-veilig-werken/duplicate").location


def _stored(app, url) -> StoredScenario:
    with app.app_context():
        stored = db.session.get(StoredScenario, int(url.rsplit("/", 1)[1]))
        db.session.expunge(stored)
        return stored


def _set(fields, name, value):
    return [(n, value if n == name else v) for n, v in fields]


def _messages_for(page: str, name: str) -> list[str]:
    found = re.search(rf'data-messages-for="{re.escape(name)}"[^>]*>(.*?)</ul>', page, re.S)
    assert found, f"no place for messages of {name}"
    return [unescape(m) for m in re.findall(r"<li>(.*?)</li>", found.group(1))]


def test_a_problem_the_work_form_finds_is_shown_next_to_the_input_it_names(app, trainer_client, copy_url):
    fields = _set(editor_fields(trainer_client, copy_url), "activities[0].config.statements[3].text", "  ")
    refused = trainer_client.post(copy_url, data=MultiDict(fields))
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert _messages_for(page, "activities[0].config.statements[3].text") == [
        "Een stelling heeft een tekst nodig."]
    assert _messages_for(page, "activities[0].config.statements[2].text") == []
    assert 'href="#f-activities-0-config-statements-3-text">Activiteit 1 › Stelling 4 › Tekst</a>' in page
    assert _stored(app, copy_url).version == 1, "a refused save must change nothing"


def test_items_keep_the_order_of_the_form_and_new_items_may_carry_any_token(app, trainer_client, copy_url):
    fields = editor_fields(trainer_client, copy_url)
    first = [f for f in fields if f[0].startswith("activities[0].config.statements[0]")]
    rest = [f for f in fields if f not in first]
    new = [("activities[0].config.statements[n1x]", ""),
           ("activities[0].config.statements[n1x].text", "Ik weet waar het meldformulier staat."),
           ("activities[0].config.statements[n1x].policy_answer", "agree")]
    saved = trainer_client.post(copy_url, data=MultiDict(new + rest + first))
    assert saved.status_code == 302
    statements = _stored(app, copy_url).content["activities"][0]["config"]["statements"]
    assert len(statements) == 13
    assert statements[0]["text"] == "Ik weet waar het meldformulier staat."
    assert statements[0]["policy_answer"] == "agree"
    assert statements[-1]["text"].startswith("Een klant die tegen mij scheldt")


def test_a_new_scenario_is_written_from_scratch(app, trainer_client):
    page = trainer_client.get("/trainer/library/new").get_data(as_text=True)
    assert '<template data-template="statements">' in page
    saved = trainer_client.post("/trainer/library/new", data=MultiDict([
        ("title", "Korte check-in"), ("language", "nl"), ("duration", "15"),
        ("activities[a]", ""), ("activities[a].type", "statements"), ("activities[a].title", ""),
        ("activities[a].config.visibility", "anonymous"),
        ("activities[a].config.statements[b]", ""),
        ("activities[a].config.statements[b].text", "Ik voel me veilig aan de balie.")]))
    assert saved.status_code == 302, saved.get_data(as_text=True)[:2000]
    content = _stored(app, saved.location).content
    assert content["duration"] == 15 and content["named"] is False
    assert content["activities"][0]["title"] == "Stellingen eens/oneens"


def test_an_empty_scenario_is_refused_with_the_reasons(trainer_client):
    refused = trainer_client.post("/trainer/library/new", data={"title": "", "language": "nl"})
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "Een scenario heeft een titel nodig." in _messages_for(page, "title")
    assert "Niet opgeslagen: 2 punten moeten nog worden verbeterd." in page


def test_the_second_of_two_trainers_saving_the_same_version_is_refused(app, trainer_client,
                                                                       colleague_client, copy_url):
    trainer_client.post(copy_url + "/share", data={"shared": "1"})
    mine = editor_fields(trainer_client, copy_url)
    theirs = editor_fields(colleague_client, copy_url)
    assert ("version", "1") in mine and ("version", "1") in theirs

    saved = colleague_client.post(copy_url, data=MultiDict(_set(theirs, "title", "Versie van collega")))
    assert saved.status_code == 302
    refused = trainer_client.post(copy_url, data=MultiDict(_set(mine, "title", "Mijn versie")))
    assert refused.status_code == 409
    page = refused.get_data(as_text=True)
    assert "Niet opgeslagen: iemand anders heeft dit scenario opgeslagen nadat jij het opende." in page
    assert "collega@example.nl sloeg het op om" in page
    assert 'value="Mijn versie"' in page, "the refused changes must still be in the form"
    stored = _stored(app, copy_url)
    assert (stored.content["title"], stored.version) == ("Versie van collega", 2)

    as_copy = trainer_client.post(copy_url, data=MultiDict(
        _set(mine, "title", "Mijn versie") + [("as_copy", "1")]))
    assert as_copy.status_code == 302 and as_copy.location != copy_url
    assert _stored(app, as_copy.location).content["title"] == "Mijn versie"
    assert _stored(app, copy_url).content["title"] == "Versie van collega"


def test_a_save_racing_another_is_refused_by_the_database(app, trainer):
    from facilitator.contract.plugins import plugin_host
    from facilitator.library import store
    from facilitator.sessions.models import User

    with app.app_context():
        user = db.session.get(User, trainer)
        scenario = store.find("stellingen-veilig-werken", user, plugin_host()).scenario
        stored = store.create(scenario, user)
        db.session.execute(db.update(StoredScenario).values(version=2))  # saved meanwhile elsewhere
        with pytest.raises(store.EditConflict):
            store.save(stored, scenario, 1, user)  # the object in memory still says version 1


def test_a_work_form_without_fields_is_edited_as_yaml(oneword_client):
    client = oneword_client
    page = client.get("/trainer/library/new").get_data(as_text=True)
    assert 'name="activities[__0__].config"' in page and "Instellingen (YAML)" in page
    data = [("title", "Check-in"), ("language", "nl"), ("activities[0]", ""),
            ("activities[0].type", "oneword"), ("activities[0].title", "Eén woord"),
            ("activities[0].config", "question: Hoe kom je binnen?\n")]
    saved = client.post("/trainer/library/new", data=MultiDict(data))
    assert saved.status_code == 302
    assert "question: Hoe kom je binnen?" in client.get(saved.location).get_data(as_text=True)
    refused = client.post("/trainer/library/new", data=MultiDict(
        data[:-1] + [("activities[0].config", "- not\n- a mapping")]))
    assert _messages_for(refused.get_data(as_text=True), "activities[0].config") == [
        "Schrijf de instellingen als YAML: één 'sleutel: waarde' per regel."]


def test_the_preview_renders_a_step_with_the_live_templates(trainer_client, copy_url):
    fields = _set(editor_fields(trainer_client, copy_url), "activities[0].config.statements[1].text",
                  "Ik meld ook <b>kleine</b> incidenten.")
    answer = trainer_client.post("/trainer/library/preview",
                                 data=MultiDict(fields + [("activity", "0"), ("step", "1")])).get_json()
    assert answer["problems"] == []
    shown = answer["preview"]
    assert shown["step"] == 1 and len(shown["steps"]) == 12
    assert '<h1 class="statement">Ik meld ook &lt;b&gt;kleine&lt;/b&gt; incidenten.</h1>' in shown["phone"]
    assert 'data-field="choice" value="agree"' in shown["phone"]  # the phone's own buttons
    assert "stap 2 van 12" in shown["phone"]
    assert '<h1 class="statement">Ik meld ook &lt;b&gt;kleine&lt;/b&gt; incidenten.</h1>' in shown["screen"]
    assert "K4T7PX" in shown["screen"] and "data-count" not in shown["screen"]


def test_the_live_check_places_each_problem_at_the_submitted_input(trainer_client, copy_url):
    fields = editor_fields(trainer_client, copy_url)
    renamed = [(n.replace("statements[5]", "statements[xy9]"), v) for n, v in fields]
    renamed = _set(renamed, "activities[0].config.statements[xy9].text", "")
    answer = trainer_client.post("/trainer/library/preview",
                                 data=MultiDict(renamed + [("activity", "0")])).get_json()
    assert answer["problems"] == [{"name": "activities[0].config.statements[xy9].text",
                                   "message": "Een stelling heeft een tekst nodig."}]
    assert answer["preview"] is None, "no preview of an activity with problems"


def test_a_built_in_scenario_is_shown_read_only_and_previews_by_key(trainer_client):
    page = trainer_client.get("/trainer/library/builtin/stellingen-veilig-werken").get_data(as_text=True)
    assert "Kopiëren en aanpassen" in page and 'id="save"' not in page
    assert "Omhoog" not in page and "Verwijderen" not in page and " disabled" in page
    answer = trainer_client.post("/trainer/library/preview", data={
        "scenario": "stellingen-veilig-werken", "activity": "0", "step": "99"}).get_json()
    assert answer["preview"]["step"] == 11

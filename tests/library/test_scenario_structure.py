"""A scenario of any shape is judged, never crashed on: every item of the wrong type is named, the
upload is refused and nothing changes; a work form only ever gets a mapping as its config."""

from types import SimpleNamespace

import pytest
from werkzeug.datastructures import MultiDict

from facilitator.contract.workform import ConfigInvalid, Step, WorkForm
from facilitator.extensions import db
from facilitator.library.models import StoredScenario
from facilitator.sessions import scenarios

from .test_transfer import _count, _upload

FIRST = "  - type: statements\n    config: {statements: [Eerste stelling]}\n"


@pytest.mark.parametrize("content, expected", [
    ("title: X\nactivities:\n" + FIRST + "  - type: statements\n    config: [1]\n",
     "Activiteit 2: Schrijf de instellingen als YAML: één 'sleutel: waarde' per regel."),
    ("title: X\nactivities:\n  - type: statements\n    config: hello\n",
     "Activiteit 1: Schrijf de instellingen als YAML: één 'sleutel: waarde' per regel."),
    ("title: X\nactivities:\n" + FIRST + "  - type: [a]\n",
     "Activiteit 2 › Werkvorm: Geef de naam van een werkvorm."),
    ("title: X\nactivities:\n  - config: {}\n", "Activiteit 1 › Werkvorm: Geef de naam van een werkvorm."),
    ("title: X\nduration: .inf\nactivities:\n" + FIRST, "Duur in minuten: Vul een heel getal in."),
    ("title: X\nduration: .nan\nactivities:\n" + FIRST, "Duur in minuten: Vul een heel getal in."),
    ("title: [a, b]\nactivities:\n" + FIRST, "Titel: Vul tekst in."),
    ("title: X\ndescription: {a: 1}\nactivities:\n" + FIRST, "Beschrijving: Vul tekst in."),
    ("title: X\nactivities: hello\n", "Activiteiten: Een scenario heeft minstens één activiteit nodig."),
    ("title: X\nactivities:\n" + FIRST + "  - hello\n",
     "Activiteit 2: Een activiteit heeft een type en een configuratie."),
    ("title: X\nactivities:\n  - type: statements\n    title: [a]\n    config: {statements: [a]}\n",
     "Activiteit 1 › Titel van de activiteit: Vul tekst in."),
    ("title: X\nnamed: ja\nactivities:\n" + FIRST, "Sessie op naam: Ja of nee (true of false)."),
    ("title: X\nlanguage: [nl]\nactivities:\n" + FIRST, "Taal: Kies een van de mogelijkheden."),
], ids=["config-a-list", "config-text", "type-a-list", "type-missing", "duration-inf", "duration-nan",
        "title-a-list", "description-a-mapping", "activities-text", "activity-text",
        "activity-title-a-list", "named-text", "language-a-list"])
def test_a_malformed_file_is_refused_naming_the_item(app, trainer_client, content, expected):
    before = _count(app)
    refused = _upload(trainer_client, content.encode())
    assert refused.status_code == 422
    page = refused.get_data(as_text=True).replace("&#39;", "'").replace("&#34;", '"')
    assert "Het bestand is niet geüpload; er is niets veranderd." in page
    assert expected in page
    assert _count(app) == before


def test_a_scenario_without_a_language_is_dutch_in_the_upload_and_in_the_files(app, trainer_client,
                                                                                host):
    content = "title: Zonder taal\nactivities:\n" + FIRST
    uploaded = _upload(trainer_client, content.encode())
    assert uploaded.status_code == 302, uploaded.get_data(as_text=True)[:2000]
    stored_id = int(uploaded.location.rsplit("/", 1)[1])
    with app.app_context():
        assert db.session.get(StoredScenario, stored_id).content["language"] == "nl"
    assert scenarios.parse(content, "zonder-taal", host).language == "nl"
    refused = _upload(trainer_client, content.replace("title:", "language: fr\ntitle:").encode())
    assert refused.status_code == 422
    assert "Taal: Kies een van de mogelijkheden." in refused.get_data(as_text=True)
    with pytest.raises(ConfigInvalid, match="language"):
        scenarios.parse(content.replace("title:", "language: fr\ntitle:"), "frans", host)


class _Picky(WorkForm):
    """A work form that remembers what it was given, and fails on what it does not expect."""

    name = "picky"
    title = "Picky"
    seen: list = []

    def validate_config(self, config):
        self.seen.append(config)
        return {"rounds": int(config["rounds"])}  # KeyError, ValueError, TypeError...

    def plan(self, config):
        return [Step("one", "One")]


@pytest.mark.parametrize("config", [[1], "hello", 3, {"rounds": "many"}, {}, {"rounds": [2]}])
def test_a_work_form_gets_only_a_mapping_and_its_failure_is_a_problem(app, config):
    form = _Picky()
    form.seen = []
    host = SimpleNamespace(work_forms={"picky": form})
    data = {"title": "X", "activities": [{"type": "picky", "config": config}]}
    with app.app_context(), pytest.raises(ConfigInvalid) as invalid:
        scenarios.from_data(data, "x", host)
    assert [p.where for p in invalid.value.problems] == ["activities[0].config"]
    assert all(isinstance(seen, dict) for seen in form.seen)
    with app.app_context():
        good = scenarios.from_data({**data, "activities": [{"type": "picky", "config": {"rounds": 2}}]},
                                   "x", host)
    assert good.activities[0]["config"] == {"rounds": 2} and good.language == "nl"


def test_the_preview_of_an_invalid_yaml_config_shows_the_problem(oneword_client):
    client = oneword_client
    base = [("title", "Check-in"), ("language", "nl"), ("activities[a1]", ""),
            ("activities[a1].type", "oneword"), ("activities[a1].title", "Eén woord"),
            ("activity", "a1")]
    for text in ["- not\n- a mapping", "just words", "question: [unclosed"]:
        answer = client.post("/trainer/library/preview",
                             data=MultiDict(base + [("activities[a1].config", text)]))
        assert answer.status_code == 200, text
        shown = answer.get_json()
        assert shown["preview"] is None
        assert shown["problems"] == [{
            "name": "activities[a1].config",
            "message": "Schrijf de instellingen als YAML: één 'sleutel: waarde' per regel."}]
    good = client.post("/trainer/library/preview", data=MultiDict(
        base + [("activities[a1].config", "question: Hoe kom je binnen?\n")])).get_json()
    assert good["problems"] == [] and good["preview"]["steps"] == ["Hoe kom je binnen?"]

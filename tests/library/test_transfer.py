"""Download and upload: every shipped scenario round-trips; a wrong file is refused and changes nothing."""

import io

import pytest
import yaml
from sqlalchemy import func, select

from facilitator.extensions import db
from facilitator.library.models import StoredScenario
from facilitator.library.transfer import MAX_BYTES
from facilitator.sessions import scenarios

from .test_fields import SHIPPED


def _upload(client, content: bytes, name="scenario.yaml"):
    return client.post("/trainer/library/upload", data={"file": (io.BytesIO(content), name)},
                       content_type="multipart/form-data")


def _count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(StoredScenario.id)))


@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_every_shipped_scenario_round_trips_through_download_and_upload(app, trainer_client, host,
                                                                        scenario_id):
    original = scenarios.builtin(host)[scenario_id].as_dict()
    downloaded = trainer_client.get(f"/trainer/library/{scenario_id}/download")
    assert downloaded.status_code == 200
    assert "attachment" in downloaded.headers["Content-Disposition"]
    assert yaml.safe_load(downloaded.data) == original

    uploaded = _upload(trainer_client, downloaded.data)
    assert uploaded.status_code == 302, uploaded.get_data(as_text=True)[:2000]
    stored_id = int(uploaded.location.rsplit("/", 1)[1])
    with app.app_context():
        assert db.session.get(StoredScenario, stored_id).content == original
    again = trainer_client.get(f"/trainer/library/stored-{stored_id}/download")
    assert again.data == downloaded.data


def test_multi_line_text_is_written_as_a_readable_block(trainer_client):
    text = trainer_client.get("/trainer/library/stellingen-veilig-werken/download").get_data(as_text=True)
    assert "title: 'Stellingen: veilig werken met burgers'" in text
    assert "    - text: Een klant die tegen mij scheldt" in text


STATEMENTS = """title: Mijn stellingen
activities:
  - type: statements
    config:
      statements:
        - text: Eerste stelling
        - text: ""
"""


@pytest.mark.parametrize("content, expected", [
    (b"title: [unclosed", "geen geldige YAML"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "geen tekst"),
    (b"- just\n- a list\n", "Een scenario bestaat uit een titel en activiteiten."),
    (b"title: X\nbig: &a [1, 2]\nbigger: [*a, *a]\n", "regel 3: Ankers en aliassen"),
    (b"title: Leeg\nactivities: {}\n", "minstens één activiteit"),
    (b"title: X\nactivities:\n  - type: kahoot\n", "Onbekende werkvorm: kahoot"),
    (STATEMENTS.encode(), "Activiteit 1 › Stelling 2 › Tekst: Een stelling heeft een tekst nodig."),
    (b"title: X\nduration: lang\nactivities:\n  - type: statements\n    config: {statements: [a]}\n",
     "Duur in minuten: Vul een heel getal in."),
    (("title: " + "x" * 300 + "\nactivities:\n  - type: statements\n    config: {statements: [a]}\n")
     .encode(), "Titel is te lang: maximaal 200 tekens."),
], ids=["not-yaml", "not-text", "a-list", "aliases", "no-activities", "unknown-work-form", "names-the-item",
        "duration-not-a-number", "title-too-long"])
def test_a_wrong_file_is_refused_with_a_message_naming_the_item(app, trainer_client, content, expected):
    before = _count(app)
    refused = _upload(trainer_client, content)
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "Het bestand is niet geüpload; er is niets veranderd." in page
    assert expected in page.replace("&#34;", '"')
    assert _count(app) == before


def test_a_huge_file_is_refused_and_changes_nothing(app, trainer_client):
    before = _count(app)
    padding = "# " + "x" * 1000 + "\n"
    huge = (STATEMENTS.replace('""', "Tweede") + padding * (MAX_BYTES // len(padding) + 1)).encode()
    refused = _upload(trainer_client, huge)
    assert refused.status_code == 422
    assert "Het bestand is te groot: hooguit 512 kB." in refused.get_data(as_text=True)
    beyond_request_limit = _upload(trainer_client, b"#" * (3 * 1024 * 1024))
    assert beyond_request_limit.status_code == 302
    page = trainer_client.get(beyond_request_limit.location).get_data(as_text=True)
    assert "Het bestand is te groot: hooguit 512 kB." in page
    assert _count(app) == before


def test_no_file_is_a_clear_message(trainer_client):
    refused = trainer_client.post("/trainer/library/upload", data={},
                                  content_type="multipart/form-data")
    assert "Kies een scenariobestand (.yaml) om te uploaden." in refused.get_data(as_text=True)

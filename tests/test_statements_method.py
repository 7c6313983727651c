"""METHODS.md section 3 (statements with film clips), rule by rule: a clip that ships with the
scenario is served by the app itself, with range requests so that seeking works on a closed
network; the shipped scenario with the project's own clip; the debrief prompt after the reveal,
also when the group is below the minimum."""

import re
from pathlib import Path

import pytest

from facilitator.extensions import db, socketio

from .conftest import Console, Phone

CLIP = Path(__file__).resolve().parents[1] / "scenarios" / "media" / "balie-fragment.webm"


@pytest.fixture
def clip_session(app, trainer):
    from facilitator.contract.plugins import plugin_host
    from facilitator.sessions import scenarios, workshops
    from facilitator.sessions.models import User

    with app.app_context():
        scenario = scenarios.builtin(plugin_host())["stellingen-met-filmfragment"]
        made = workshops.create(scenario, db.session.get(User, trainer), team_name="Balie Zuid")
        return {"id": made.id, "code": made.code}


def test_statements_3_clip_under_the_scenario_is_served_with_range_requests(app, trainer_client,
                                                                           clip_session):
    whole = CLIP.read_bytes()
    assert whole[:4] == b"\x1a\x45\xdf\xa3", "the shipped clip is a WebM (Matroska) file"
    client = app.test_client()
    url = f"/w/{clip_session['id']}/media/balie-fragment.webm"
    full = client.get(url)
    assert full.status_code == 200 and full.data == whole
    assert full.headers["Accept-Ranges"] == "bytes" and full.mimetype == "video/webm"
    part = client.get(url, headers={"Range": "bytes=100-199"})
    assert part.status_code == 206 and part.data == whole[100:200]
    assert part.headers["Content-Range"] == f"bytes 100-199/{len(whole)}"
    again = client.get(url, headers={"If-None-Match": full.headers["ETag"]})
    assert again.status_code == 304
    assert client.get(f"/w/{clip_session['id']}/media/../stellingen-met-filmfragment.yaml"
                      ).status_code == 404
    assert client.get(f"/w/{clip_session['id']}/media/nothing.webm").status_code == 404


def test_statements_3_shipped_scenario_shows_its_own_clip_on_the_screen(app, trainer_client,
                                                                       clip_session):
    console = Console(app, trainer_client, clip_session["id"])
    screen = socketio.test_client(app, flask_test_client=trainer_client,
                                  auth={"role": "screen", "workshop": clip_session["id"]})
    Phone(app, clip_session["code"])
    assert console.do("start")["ok"]
    html = screen.emit("hello", {}, callback=True)["snapshot"]["html"]
    src = re.search(r'<video src="([^"]+)"', html).group(1)
    assert src == f"/w/{clip_session['id']}/media/balie-fragment.webm"
    assert "youtube" not in html and "https://" not in src


def test_statements_3_debrief_prompt_also_below_the_minimum_group(app, trainer_client,
                                                                 clip_session):
    console = Console(app, trainer_client, clip_session["id"])
    screen = socketio.test_client(app, flask_test_client=trainer_client,
                                  auth={"role": "screen", "workshop": clip_session["id"]})
    phone = Phone(app, clip_session["code"])
    assert console.do("start")["ok"]
    assert console.do("next")["ok"]  # the statement with a policy answer
    assert phone.answer({"choice": "agree"})["ok"]  # one answer: below the minimum group
    html = screen.emit("hello", {}, callback=True)["snapshot"]["html"]
    assert "data-debrief" not in html, "the debrief comes after the reveal"
    assert console.do("reveal", step="s2")["ok"]
    html = screen.emit("hello", {}, callback=True)["snapshot"]["html"]
    assert 'data-count="agree"' not in html, "no breakdown below the minimum group"
    assert "data-debrief" in html and "nog niet hetzelfde als dat het in de praktijk werkt" in html

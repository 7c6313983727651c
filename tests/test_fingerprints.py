"""Static files carry a hash of their content in the URL and are cached for a year."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import facilitator


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def test_static_urls_carry_the_content_hash_and_are_cached_long(app, client, trainer_client, trainer):
    from facilitator.contract.plugins import plugin_host
    from facilitator.extensions import db
    from facilitator.sessions import scenarios, workshops
    from facilitator.sessions.models import User

    with app.app_context():  # the debate brings its own stylesheet and script
        debate = workshops.create(scenarios.builtin(plugin_host())["lagerhuis-stellingen"],
                                  db.session.get(User, trainer)).id
    page = trainer_client.get(f"/w/{debate}/console").get_data(as_text=True)
    static = Path(facilitator.__file__).parent / "static"
    css = re.search(r'href="(/static/app\.css\?v=(\w+))"', page)
    assert css and css.group(2) == _digest(static / "app.css")
    js = re.search(r'src="(/static/live\.js\?v=(\w+))"', page)
    assert js and js.group(2) == _digest(static / "live.js")
    plugin = re.search(r'"(/plugins/debate/static/debate\.js\?v=\w+)"', page)
    assert plugin
    for url in [css.group(1), js.group(1), plugin.group(1)]:
        response = client.get(url)
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable", url


def test_an_old_or_missing_fingerprint_is_not_cached_long(client):
    for url in ("/static/app.css", "/static/app.css?v=000000000000"):
        response = client.get(url)
        assert response.status_code == 200
        assert "max-age=31536000" not in response.headers.get("Cache-Control", "")
    assert client.get("/static/nope.css?v=abc").status_code == 404

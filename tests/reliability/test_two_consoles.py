"""Two trainer windows on one session (laptop and tablet): both follow every change, and when
both press a button for the same moment, the first one counts and the second is told why not."""

from __future__ import annotations

import re

from facilitator.extensions import db
from facilitator.sessions.models import Workshop

from ..conftest import Console, login

MOVED_ON = "De sessie is al verder; dit was voor een andere stap."


def _button(html: str, action: str) -> dict:
    """The data attributes of the console button for this action, as live.js sends them."""
    tag = re.search(rf'<button[^>]*data-action="{action}"[^>]*>', html).group(0)
    return {k: v for k, v in re.findall(r'data-([a-z-]+)="([^"]*)"', tag)
            if k not in ("action", "key", "confirm-key")}


def _latest(console: Console) -> dict:
    return [m["args"][0] for m in console.sio.get_received() if m["name"] == "snapshot"][-1]


def test_both_windows_follow_and_a_stale_next_is_refused_with_a_reason(app, workshop, trainer_client):
    laptop = Console(app, trainer_client, workshop["id"])
    tablet_http = app.test_client()
    login(tablet_http)
    tablet = Console(app, tablet_http, workshop["id"])

    assert laptop.do("start") == {"ok": True}
    assert _latest(tablet)["meta"]["step"] == "s1", "the tablet did not follow the start"
    seen_by_both = {c: c.snapshot()["html"] for c in (laptop, tablet)}

    # Both press "next" on the step they both see; the laptop's arrives first.
    assert laptop.do("next", **_button(seen_by_both[laptop], "next")) == {"ok": True}
    late = tablet.do("next", **_button(seen_by_both[tablet], "next"))
    assert late == {"ok": False, "error": MOVED_ON}
    with app.app_context():
        assert db.session.get(Workshop, workshop["id"]).position == 1, "the group skipped a step"
    assert _latest(tablet)["meta"]["step"] == "s2" and _latest(laptop)["meta"]["step"] == "s2"

    # The same for "previous", and for a reveal meant for a step that is gone.
    html = tablet.snapshot()["html"]
    assert laptop.do("previous", **_button(html, "previous")) == {"ok": True}
    assert tablet.do("previous", **_button(html, "previous")) == {"ok": False, "error": MOVED_ON}
    assert tablet.do("reveal", **_button(html, "reveal")) == {"ok": False, "error": MOVED_ON}
    with app.app_context():
        assert db.session.get(Workshop, workshop["id"]).position == 0

    # Pressing what both windows agree on twice does no harm: a second reveal, a second end.
    html = tablet.snapshot()["html"]
    assert laptop.do("reveal", **_button(html, "reveal")) == {"ok": True}
    assert tablet.do("reveal", **_button(html, "reveal")) == {"ok": True}
    assert _latest(tablet)["meta"]["revealed"] is True
    assert laptop.do("end") == {"ok": True}
    assert tablet.do("end") == {"ok": False, "error": "Deze sessie is afgelopen."}
    assert _latest(tablet)["meta"]["status"] == "ended"


def test_notes_typed_in_one_window_show_in_the_other(app, workshop, trainer_client):
    laptop = Console(app, trainer_client, workshop["id"])
    tablet_http = app.test_client()
    login(tablet_http)
    tablet = Console(app, tablet_http, workshop["id"])
    laptop.do("start")
    assert laptop.do("notes", step="s1", notes="Groep twijfelt over melden") == {"ok": True}
    assert "Groep twijfelt over melden" in _latest(tablet)["html"]

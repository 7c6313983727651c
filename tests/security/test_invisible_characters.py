"""Issue 26, item 7: right-to-left overrides and other invisible control characters are taken out
of uploaded scenario text the same way as out of participants' text."""

from __future__ import annotations

import io
import json

from facilitator.contract.text import clean
from facilitator.extensions import db
from facilitator.library.models import StoredScenario

INVISIBLE = ["\u202e", "\u202d", "\u2066", "\u2069", "\u200b", "\u200f", "\u2060", "\ufeff",
             "\u061c", "\x07", "\x1b"]
TRICK = "Sche\u202eldt\u2066 niet\u2069\u200b\ufeff\u2060\u061c\x07\x1b"

SCENARIO = """\
title: "Ov\u202eerval"
description: "Tekst met\u2066 verborgen\u2069 tekens\u200b"
activities:
  - type: statements
    title: "Stell\u202eingen"
    config:
      statements:
        - text: "{}"
          explanation: "Uitleg\u200f met\u2060 tekens"
""".format(TRICK.replace("\x07", "\\a").replace("\x1b", "\\e"))  # YAML's own escapes for these


def test_participant_text_and_scenario_text_are_cleaned_alike(app, trainer_client):
    typed = clean(TRICK, limit=200)
    assert not any(ch in typed for ch in INVISIBLE)
    response = trainer_client.post("/trainer/library/upload", data={
        "file": (io.BytesIO(SCENARIO.encode()), "verborgen.yaml")},
        content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    with app.app_context():
        stored = db.session.scalars(db.select(StoredScenario)).one()
        content = json.dumps(stored.content, ensure_ascii=False)
    assert not [ch for ch in INVISIBLE if ch in content], repr(content)
    assert "Overval" in content and "Stellingen" in content
    assert typed in content  # the statement as a participant's text would have come out

"""Issue 26, item 10: a film clip is a file name under the scenario's media folder or an https://
address; absolute paths, network paths and anything else are refused when the scenario is read."""

from __future__ import annotations

import pytest

from facilitator.contract.workform import ConfigInvalid
from plugins.statements.workform import Statements

REFUSED = ["/etc/passwd", "//host/x.mp4", "/clips/balie.mp4", "clips//balie.mp4",
           "clips/../../etc/passwd", "..", "./clips/x.mp4", "clips\\x.mp4", "C:/x.mp4",
           "file:///etc/passwd", "https://", "https:///etc/passwd", "https://host/x .mp4",
           "javascript:alert(1)", "clips/", "clips/.mp4/", ".", "x" * 300 + ".mp4"]
ACCEPTED = ["balie.mp4", "clips/balie-1_kort.mp4", "https://www.youtube.com/watch?v=abcdefghijk",
            "https://media.example.nl/films/balie.mp4"]


@pytest.mark.parametrize("clip", REFUSED)
def test_a_clip_outside_the_media_folder_is_refused(clip):
    with pytest.raises(ConfigInvalid) as raised:
        Statements().validate_config({"statements": [{"text": "ok", "clip": clip}]})
    assert "statements[0].clip" in [p.where for p in raised.value.problems]


@pytest.mark.parametrize("clip", ACCEPTED)
def test_a_file_name_or_an_https_address_is_taken(clip):
    config = Statements().validate_config({"statements": [{"text": "ok", "clip": clip}]})
    assert config["statements"][0]["clip"] == clip

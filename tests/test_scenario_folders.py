"""Shipped scenarios are read once and again only when a file changes; every caller gets its own
copy, so a dashboard that edits one for a new session leaves the next dashboard's alone."""

import os
import types

from facilitator import hookimpl
from facilitator.contract.plugins import plugin_host
from facilitator.sessions import scenarios

SCENARIO = """title: {title}
activities:
  - type: statements
    config:
      statements: ["Een collega mag altijd om hulp vragen."]
"""


def test_a_plugins_scenario_folder_is_read_again_when_a_file_changes(make_app, tmp_path):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    path = folder / "teamstart.yaml"
    path.write_text(SCENARIO.format(title="Teamstart"), encoding="utf-8")
    plugin = types.ModuleType("teamstart_plugin")
    plugin.register_scenario_folders = hookimpl(lambda: [str(folder)])
    app = make_app(EXTRA_PLUGINS=[plugin])

    with app.app_context():
        host = plugin_host()
        first = scenarios.builtin(host)
        assert first["teamstart"].title == "Teamstart"
        assert "stellingen-veilig-werken" in first

        first["teamstart"].activities.clear()  # a caller's change stays in its copy
        assert scenarios.builtin(host)["teamstart"].activities

        path.write_text(SCENARIO.format(title="Teamstart na de zomer"), encoding="utf-8")
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
        assert scenarios.builtin(host)["teamstart"].title == "Teamstart na de zomer"

        path.write_text("title: [", encoding="utf-8")  # broken: left out, the rest stays
        assert "teamstart" not in scenarios.builtin(host)
        assert "stellingen-veilig-werken" in scenarios.builtin(host)

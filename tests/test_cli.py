"""The facilitator command line."""

import json

from click.testing import CliRunner

from facilitator.cli import main


def _run(tmp_path, monkeypatch, *args, input=None):
    monkeypatch.setenv("FACILITATOR_INSTANCE", str(tmp_path))
    monkeypatch.setenv("FACILITATOR_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite'}")
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_user_add_plugins_scenarios_and_session_create(tmp_path, monkeypatch):
    added = _run(tmp_path, monkeypatch, "user", "add", "T@Example.nl", "--role", "trainer",
                 "--password-stdin", input="een lang wachtwoord\n")
    assert added.exit_code == 0 and "t@example.nl" in added.output
    plugins = json.loads(_run(tmp_path, monkeypatch, "plugins", "--json").output)
    assert {"name": "statements", "title": "Stellingen eens/oneens"} in \
        next(p for p in plugins if p["name"] == "statements")["work_forms"]
    created = _run(tmp_path, monkeypatch, "session", "create", "--scenario",
                   "stellingen-veilig-werken", "--trainer", "t@example.nl", "--team", "Team Zuid",
                   "--json", "--base-url", "http://10.0.0.5:5000")
    row = json.loads(created.output)
    assert len(row["code"]) == 6
    assert row["join_url"] == f"http://10.0.0.5:5000/j/{row['code']}"
    assert row["screen_url"].startswith(f"http://10.0.0.5:5000/w/{row['id']}/screen?key=")


def test_a_short_password_and_an_unknown_trainer_are_refused(tmp_path, monkeypatch):
    short = _run(tmp_path, monkeypatch, "user", "add", "a@example.nl", "--role", "trainer",
                 "--password-stdin", input="kort\n")
    assert short.exit_code == 1 and "minstens 10 tekens" in short.output
    unknown = _run(tmp_path, monkeypatch, "session", "create", "--scenario",
                   "stellingen-veilig-werken", "--trainer", "nobody@example.nl")
    assert unknown.exit_code == 1


def test_scenarios_validate_names_the_file_and_the_item(tmp_path, monkeypatch):
    bad = tmp_path / "kapot.yaml"
    bad.write_text("title: Kapot\nactivities:\n  - type: statements\n    config:\n"
                   "      statements:\n        - text: ''\n  - type: nope\n")
    result = _run(tmp_path, monkeypatch, "scenarios", "validate", str(bad))
    assert result.exit_code == 1
    assert f"{bad}: activities[0].config.statements[0].text:" in result.output
    assert f"{bad}: activities[1].type:" in result.output
    not_yaml = tmp_path / "niet.yaml"
    not_yaml.write_text("title: [unclosed\n")
    assert _run(tmp_path, monkeypatch, "scenarios", "validate", str(not_yaml)).exit_code == 1

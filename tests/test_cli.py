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


def test_scenarios_validate_names_each_malformed_item_and_never_crashes(tmp_path, monkeypatch):
    bad = tmp_path / "vorm.yaml"
    bad.write_text("title: [a]\nduration: .inf\nnamed: ja\nactivities:\n  - type: [a]\n"
                   "  - type: statements\n    config: [1]\n  - hello\n  - type: statements\n"
                   "    config: hello\n")
    result = _run(tmp_path, monkeypatch, "scenarios", "validate", str(bad))
    assert result.exit_code == 1
    for line in ["title: Vul tekst in.", "duration: Vul een heel getal in.",
                 "named: Ja of nee (true of false).",
                 "activities[0].type: Geef de naam van een werkvorm.",
                 "activities[1].config: Schrijf de instellingen als YAML: één 'sleutel: waarde' per regel.",
                 "activities[2]: Een activiteit heeft een type en een configuratie.",
                 "activities[3].config: Schrijf de instellingen als YAML"]:
        assert f"{bad}: {line}" in result.output
    nan = tmp_path / "nan.yaml"
    nan.write_text("title: X\nduration: .nan\nactivities:\n  - type: statements\n"
                   "    config: {statements: [a]}\n")
    binary = tmp_path / "plaatje.yaml"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\xff")
    result = _run(tmp_path, monkeypatch, "scenarios", "validate", str(nan), str(binary))
    assert result.exit_code == 1
    assert f"{nan}: duration: Vul een heel getal in." in result.output
    assert f"{binary}: Dit is geen scenariobestand: het is geen tekst." in result.output


def test_scenarios_validate_takes_a_scenario_without_language_as_dutch(tmp_path, monkeypatch):
    plain = tmp_path / "zonder-taal.yaml"
    plain.write_text("title: Zonder taal\nactivities:\n  - type: statements\n"
                     "    config: {statements: [a]}\n")
    result = _run(tmp_path, monkeypatch, "scenarios", "validate", str(plain))
    assert result.exit_code == 0, result.output
    french = tmp_path / "frans.yaml"
    french.write_text("language: fr\n" + plain.read_text())
    result = _run(tmp_path, monkeypatch, "scenarios", "validate", str(french))
    assert result.exit_code == 1
    assert f"{french}: language: Kies een van de mogelijkheden." in result.output


def test_session_create_takes_a_stored_scenario_by_its_library_key(tmp_path, monkeypatch):
    for email in ("t@example.nl", "o@example.nl"):
        assert _run(tmp_path, monkeypatch, "user", "add", email, "--role", "trainer",
                    "--password-stdin", input="een lang wachtwoord\n").exit_code == 0
    from facilitator.app import create_app
    from facilitator.contract.plugins import plugin_host
    from facilitator.extensions import db
    from facilitator.library.models import StoredScenario
    from facilitator.sessions import scenarios
    from facilitator.sessions.models import User, Workshop

    app = create_app()
    with app.app_context():
        base = scenarios.builtin(plugin_host())["stellingen-veilig-werken"].as_dict()
        owners = {u.email: u.id for u in db.session.scalars(db.select(User))}
        stored = {}
        for name, owner, shared in [("eigen", "t@example.nl", False),
                                    ("prive", "o@example.nl", False),
                                    ("gedeeld", "o@example.nl", True)]:
            row = StoredScenario(owner_id=owners[owner], content={**base, "title": name.title()},
                                 shared=shared, updated_by_id=owners[owner])
            db.session.add(row)
            db.session.commit()
            stored[name] = row.key

    def create(key):
        return _run(tmp_path, monkeypatch, "session", "create", "--scenario", key, "--trainer",
                    "t@example.nl", "--json", "--base-url", "http://10.0.0.5:5000")

    own, shared = create(stored["eigen"]), create(stored["gedeeld"])
    assert own.exit_code == 0 and shared.exit_code == 0, own.output + shared.output
    with app.app_context():
        titles = [db.session.get(Workshop, json.loads(r.output)["id"]).title for r in (own, shared)]
    assert titles == ["Eigen", "Gedeeld"]
    private = create(stored["prive"])
    assert private.exit_code == 1 and stored["prive"] in private.output
    assert create("stored-999").exit_code == 1
    assert create("stellingen-veilig-werken").exit_code == 0
    with app.app_context():
        db.engine.dispose()


def test_the_command_line_speaks_the_configured_language(tmp_path, monkeypatch):
    """Dutch by default, English with FACILITATOR_LANGUAGE=en; an unknown language falls back to
    Dutch rather than to untranslated text."""
    _run(tmp_path, monkeypatch, "user", "add", "a@example.nl", "--role", "teamlead",
         "--password-stdin", input="een lang wachtwoord\n")
    dutch = _run(tmp_path, monkeypatch, "user", "disable", "a@example.nl")
    assert dutch.output.strip() == "a@example.nl is uitgeschakeld: dit account kan niet meer inloggen."
    assert "a@example.nl  teamleider  (uitgeschakeld)" in _run(tmp_path, monkeypatch, "user", "list").output
    monkeypatch.setenv("FACILITATOR_LANGUAGE", "en")
    english = _run(tmp_path, monkeypatch, "user", "enable", "a@example.nl")
    assert english.output.strip() == "Enabled a@example.nl: it can sign in again."
    missing = CliRunner().invoke(main, ["user", "disable", "nobody@example.nl"])
    assert missing.exit_code == 1 and "No account 'nobody@example.nl'" in missing.output
    monkeypatch.setenv("FACILITATOR_LANGUAGE", "fr")
    assert "Er is geen account 'nobody@example.nl'" in CliRunner().invoke(
        main, ["user", "disable", "nobody@example.nl"]).output

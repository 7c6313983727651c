"""A non-editable `pip install .` into a fresh virtual environment is a complete app: every
built-in plugin, template, static file, translation, migration and scenario comes along."""

import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from .servers import Server

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    where = tmp_path_factory.mktemp("install")
    subprocess.run([sys.executable, "-m", "venv", str(where / "venv")], check=True)
    pip = where / "venv" / "bin" / "pip"
    subprocess.run([str(pip), "install", "-q", "--disable-pip-version-check", str(ROOT)],
                   check=True, cwd=where, timeout=600)
    return where


def _run(installed, *args):
    done = subprocess.run([str(installed / "venv" / "bin" / "facilitator"), *args], cwd=installed,
                          capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "FACILITATOR_INSTANCE": str(installed / "inst")})
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_installed_package_has_every_plugin_and_scenario(installed):
    plugins = {p["name"]: p for p in json.loads(_run(installed, "plugins", "--json"))}
    for folder in (ROOT / "plugins").iterdir():
        if (folder / "__init__.py").exists():
            assert folder.name in plugins, f"plugin {folder.name} missing after pip install"
    assert plugins["statements"]["work_forms"][0]["name"] == "statements"
    listed = {s["id"] for s in json.loads(_run(installed, "scenarios", "list", "--json"))}
    assert listed == {p.stem for p in (ROOT / "scenarios").glob("*.yaml")}


def test_the_installed_app_serves_pages_in_dutch_with_its_static_files(installed):
    site = next((installed / "venv" / "lib").glob("python*/site-packages"))
    assert not (site / "facilitator" / "__editable__").exists()
    server = Server(installed / "srv", bin_dir=installed / "venv" / "bin",
                    extra_env={"PATH": "/usr/bin:/bin"})
    server.prepare()
    session = server.create_session("stellingen-veilig-werken")
    server.start()
    try:
        def get(path):
            with urllib.request.urlopen(server.url + path, timeout=10) as response:
                return response.status, response.read().decode()

        assert "Meedoen aan een sessie" in get("/")[1]
        assert "Doe mee" in get(f"/j/{session['code']}")[1]
        assert get("/static/app.css")[0] == 200
        assert "Socket.IO" in get("/static/vendor/socket.io.min.js")[1][:200]
        assert get("/static/live.js")[0] == 200
    finally:
        server.stop()


def test_every_module_of_the_source_tree_is_installed(installed):
    site = next((installed / "venv" / "lib").glob("python*/site-packages"))
    expected = [Path("facilitator") / p.relative_to(ROOT / "facilitator")
                for p in (ROOT / "facilitator").rglob("*.py") if "__pycache__" not in p.parts]
    for folder in (ROOT / "plugins").iterdir():
        if (folder / "__init__.py").exists():
            expected += [Path(f"facilitator_{folder.name}") / p.relative_to(folder)
                         for p in folder.rglob("*.py") if "__pycache__" not in p.parts]
    missing = [str(path) for path in expected if not (site / path).is_file()]
    assert len(expected) > 100
    assert missing == [], f"modules left out of the package: {missing}"

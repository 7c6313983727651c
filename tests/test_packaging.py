"""A non-editable `pip install .` into a fresh virtual environment is a complete app: every
built-in plugin, template, static file, translation, migration and scenario comes along, under the
same import names as in the source tree (no folder is remapped at build time), and the test suite
passes against it."""

import fcntl
import json
import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from .servers import Server

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def installed(tmp_path_factory, worker_id):
    """One installation for the whole run: the xdist worker that comes first makes it (a minute
    or more), the others wait for it and use it, instead of each making its own."""
    run = tmp_path_factory.getbasetemp()
    run = run.parent if worker_id != "master" else run  # the workers' folders share a parent
    where = run / "install"
    with open(run / "install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (where / "installed").exists():
            shutil.rmtree(where, ignore_errors=True)
            where.mkdir()
            subprocess.run([sys.executable, "-m", "venv", str(where / "venv")], check=True)
            pip = where / "venv" / "bin" / "pip"
            subprocess.run([str(pip), "install", "-q", "--disable-pip-version-check",
                            "-c", str(ROOT / "constraints.txt"), f"{ROOT}[test]"],
                           check=True, cwd=where, timeout=600)
            (where / "installed").touch()
    return where


def _site(installed) -> Path:
    return next((installed / "venv" / "lib").glob("python*/site-packages"))


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
    site = _site(installed)
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


def test_every_file_of_the_source_tree_is_installed_under_the_same_name(installed):
    site = _site(installed)
    assert not any(str(ROOT) in p.read_text() for p in site.glob("*.pth"))  # not editable
    tracked = subprocess.run(["git", "ls-files", "facilitator", "plugins", "templates", "scenarios"],
                             cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    shipped = {"templates": Path("facilitator/_shipped/templates"),
               "scenarios": Path("facilitator/_shipped/scenarios")}
    expected = []
    for name in tracked:
        path = Path(name)
        top = path.parts[0]
        expected.append(shipped[top] / path.relative_to(top) if top in shipped else path)
    missing = [str(path) for path in expected if not (site / path).is_file()]
    assert len(expected) > 250
    assert missing == [], f"files left out of the package: {missing}"
    assert not (site / "templates").exists() and not (site / "scenarios").exists()
    assert not (site / "plugins" / "__init__.py").exists()  # a namespace: other packages may add to it


def test_the_import_names_are_those_of_the_source_tree(installed):
    where = subprocess.run(
        [str(installed / "venv" / "bin" / "python"), "-c",
         "import facilitator, plugins.dilemma, plugins.quiz.rounds; "
         "from facilitator import shipped; "
         "print(facilitator.__file__); print(plugins.dilemma.__file__); "
         "print(shipped.folder('templates')); print(shipped.folder('scenarios'))"],
        cwd=installed, capture_output=True, text=True, check=True).stdout.split()
    site = _site(installed).resolve()
    assert all(Path(w).resolve().is_relative_to(site) for w in where), where


# A part of the suite that covers the plugins, their templates and catalogs, the scenarios and a live
# session; the whole suite is run against a non-editable install the same way (README).
SELECTION = ["tests/test_plugin_contract.py", "tests/test_scenario_folders.py",
             "tests/test_statements_workform.py", "tests/test_translations.py",
             "tests/test_live_session.py", "tests/dilemma", "tests/quiz/test_scoring.py",
             "tests/incident/test_evaluation_rules.py", "tests/teamplan/test_review.py",
             "tests/teamworkshop/test_workshop_steps.py"]


def test_the_suite_passes_against_the_installed_package(installed):
    # --import-mode=append puts the repository after site-packages, so that `facilitator` and
    # `plugins` are imported from the installed package and only `tests` from the source tree.
    done = subprocess.run(
        [str(installed / "venv" / "bin" / "pytest"), "--import-mode=append", "-q", "-x",
         "-p", "no:cacheprovider", "-m", "not browser and not server", *SELECTION],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
        env={**os.environ, "PATH": f"{installed / 'venv' / 'bin'}:/usr/bin:/bin"})
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert " passed" in done.stdout.splitlines()[-1]

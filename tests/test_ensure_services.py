"""Issue 26, item 11: scripts/ensure-services.sh lets the test suite into PostgreSQL as its own
role to its own database, and nothing more. Run against private PostgreSQL instances set up as a
stock Debian install (passwords over TCP) and as CI's (everything trusted already)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg
import pytest

from .reliability.postgres import BIN
from .servers import free_port

pytestmark = [pytest.mark.postgres,
              pytest.mark.skipif(os.geteuid() != 0 or BIN is None,
                                 reason="needs root and PostgreSQL's server binaries")]
SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "ensure-services.sh"
SOCKETS = "/var/run/postgresql"


class Instance:
    """A PostgreSQL instance on a free port, run as the postgres user, its socket where psql
    looks by default, so that the script finds it with PGPORT alone."""

    def __init__(self, host_auth: str):
        self.folder = Path(tempfile.mkdtemp(prefix="facilitator-hba-"))
        shutil.chown(self.folder, "postgres")
        self.port = free_port()
        self._pg("initdb", "-D", str(self.folder / "data"), "-U", "postgres", "--auth-local=peer",
                 f"--auth-host={host_auth}", "--no-sync", "-E", "UTF8")
        self.hba = self.folder / "data" / "pg_hba.conf"
        self._pg("pg_ctl", "-D", str(self.folder / "data"), "-l", str(self.folder / "log"), "-w",
                 "-o", f"-p {self.port} -k {SOCKETS} -c listen_addresses=127.0.0.1", "start")

    def _pg(self, tool, *args):
        subprocess.run(["runuser", "-u", "postgres", "--", str(BIN / tool), *args], check=True,
                       capture_output=True, timeout=120)

    def can_connect(self, user: str, database: str) -> bool:
        try:
            with psycopg.connect(host="127.0.0.1", port=self.port, user=user, dbname=database,
                                 password="", connect_timeout=5):
                return True
        except psycopg.OperationalError:
            return False

    def run_script(self) -> subprocess.CompletedProcess:
        return subprocess.run(["bash", str(SCRIPT)], env={**os.environ, "PGPORT": str(self.port)},
                              capture_output=True, text=True, timeout=300)

    def remove(self):
        subprocess.run(["runuser", "-u", "postgres", "--", str(BIN / "pg_ctl"), "-D",
                        str(self.folder / "data"), "-m", "immediate", "-w", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def instances():
    made = []
    yield lambda auth: made.append(Instance(auth)) or made[-1]
    for instance in made:
        instance.remove()


def _host_lines(hba: Path) -> list[str]:
    return [" ".join(line.split("#")[0].split()) for line in hba.read_text().splitlines()
            if line.strip().startswith("host")]


def test_on_a_stock_install_only_the_test_role_to_its_database_is_trusted(instances):
    pg = instances("scram-sha-256")
    assert not pg.can_connect("postgres", "postgres")
    done = pg.run_script()
    assert done.returncode == 0, done.stderr
    trusted = [line for line in _host_lines(pg.hba) if line.endswith("trust")]
    assert trusted == ["host facilitator_test facilitator_test 127.0.0.1/32 trust"], trusted
    assert pg.can_connect("facilitator_test", "facilitator_test")
    assert not pg.can_connect("postgres", "postgres")  # nobody else got in
    assert not pg.can_connect("facilitator_test", "postgres")  # nor the role elsewhere
    assert pg.run_script().returncode == 0  # and again: nothing more is added
    assert len([line for line in _host_lines(pg.hba) if line.endswith("trust")]) == 1


def test_an_older_wide_line_of_the_script_is_taken_back(instances):
    pg = instances("scram-sha-256")
    pg.hba.write_text("host all all 127.0.0.1/32 trust # facilitator-tests\n" + pg.hba.read_text())
    subprocess.run(["runuser", "-u", "postgres", "--", "psql", "-p", str(pg.port), "-Atc",
                    "select pg_reload_conf()"], check=True, capture_output=True)
    assert pg.run_script().returncode == 0
    assert "host all all 127.0.0.1/32 trust" not in _host_lines(pg.hba)
    assert not pg.can_connect("postgres", "postgres")
    assert pg.can_connect("facilitator_test", "facilitator_test")


def test_where_everything_is_trusted_already_the_file_is_left_alone(instances):
    pg = instances("trust")  # as on CI
    before = pg.hba.read_text()
    done = pg.run_script()
    assert done.returncode == 0, done.stderr
    assert pg.hba.read_text() == before
    assert pg.can_connect("facilitator_test", "facilitator_test")

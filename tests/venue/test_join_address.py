"""The venue network: phones get an address they can reach, never loopback; `facilitator serve`
says clearly what it does (port taken, a new database, Ctrl-C)."""

from __future__ import annotations

import ipaddress
import json
import re
import signal
import subprocess

from click.testing import CliRunner

from facilitator.cli import main
from facilitator.web import venue

from ..conftest import PASSWORD
from ..servers import Server, free_port


def console_at(client, workshop, base_url, page="console"):
    """The console (or screen) as a browser that opened the site at ``base_url`` sees it."""
    client.post("/login", data={"email": "trainer@example.nl", "password": PASSWORD},
                base_url=base_url)
    response = client.get(f"/w/{workshop['id']}/{page}", base_url=base_url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def interface_addresses() -> set[str]:
    """This machine's reachable IPv4 addresses, read independently with iproute2."""
    found = set()
    for link in json.loads(subprocess.run(["ip", "-j", "addr"], capture_output=True, text=True,
                                          check=True).stdout):
        if link.get("operstate") == "DOWN":
            continue
        for entry in link.get("addr_info", []):
            if entry["family"] == "inet" and entry.get("scope") == "global":
                found.add(entry["local"])
    return found


def test_the_network_addresses_come_from_the_interfaces_and_never_loopback():
    found = venue.addresses()
    assert found, "this machine has a network interface"
    assert set(found) == interface_addresses()
    assert not any(ipaddress.ip_address(a).is_loopback for a in found)


def test_a_console_opened_at_loopback_shows_the_network_address_and_says_so(
        make_app, trainer_client, workshop):
    html = console_at(trainer_client, workshop, "http://127.0.0.1:5000")
    shown = re.search(r"data-join-url>([^<]+)<", html).group(1)
    assert "127.0.0.1" not in shown and "localhost" not in shown
    host = shown.split("//")[1].split(":")[0]
    assert host in interface_addresses()
    assert shown == f"http://{host}:5000/j/{workshop['code']}"
    assert "data-venue-note" in html and "127.0.0.1:5000" in html  # tells the trainer why
    screen = console_at(trainer_client, workshop, "http://localhost:5000", "screen")
    assert f"http://{host}:5000" in screen and "localhost:5000" not in screen


def test_a_console_opened_at_the_network_address_or_with_a_public_url_keeps_it(
        make_app, trainer_client, workshop, app):
    html = console_at(trainer_client, workshop, "http://192.168.7.9:8080")
    assert f"data-join-url>http://192.168.7.9:8080/j/{workshop['code']}<" in html
    assert "data-venue-note" not in html
    app.config["PUBLIC_URL"] = "https://training.example.nl/"
    html = console_at(trainer_client, workshop, "http://127.0.0.1:5000")
    assert f"data-join-url>https://training.example.nl/j/{workshop['code']}<" in html


def test_the_trainer_can_only_choose_one_of_this_machines_addresses(trainer_client, workshop, app):
    url = f"/w/{workshop['id']}/join-address"
    assert trainer_client.post(url, data={"address": "127.0.0.1"}).status_code == 400
    assert trainer_client.post(url, data={"address": "8.8.8.8"}).status_code == 400
    mine = venue.addresses()[-1]
    assert trainer_client.post(url, data={"address": mine}).status_code == 302
    html = console_at(trainer_client, workshop, "http://127.0.0.1:5000")
    assert f"data-join-url>http://{mine}:5000/j/" in html


def _cli(tmp_path, monkeypatch, *args):
    monkeypatch.setenv("FACILITATOR_INSTANCE", str(tmp_path))
    monkeypatch.setenv("FACILITATOR_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite'}")
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_db_upgrade_says_created_for_a_new_database_and_up_to_date_after(tmp_path, monkeypatch):
    assert _cli(tmp_path, monkeypatch, "db", "upgrade").output.strip() == "De database is aangemaakt."
    assert _cli(tmp_path, monkeypatch, "db", "upgrade").output.strip() == \
        "De database was al bijgewerkt: er is niets veranderd."


def test_serve_on_a_port_in_use_says_so_in_one_line(tmp_path):
    server = Server(tmp_path / "first").start()
    try:
        second = Server(tmp_path / "second", port=server.port)
        done = subprocess.run(second.command_line(), env=second.env, capture_output=True,
                              text=True, timeout=60, cwd=second.folder)
        assert done.returncode == 1
        assert "Traceback" not in done.stderr + done.stdout
        assert "draait" not in done.stdout
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and f"Poort {server.port} is al in gebruik" in lines[0]
    finally:
        server.stop()


def test_serve_tells_about_a_new_database_and_ctrl_c_ends_quietly(tmp_path):
    server = Server(tmp_path, port=free_port(), extra_env={"FACILITATOR_PUBLIC_URL": ""},
                    command=[str(Server(tmp_path).bin / "facilitator"), "serve", "--host",
                             "0.0.0.0", "--port", "{port}"]).start()
    process = server.process
    server.stop(signal.SIGINT)
    assert process.returncode == 0
    log = (tmp_path / "server.log").read_text()
    assert "de tabellen zijn aangemaakt" in log and "al bijgewerkt" not in log
    running = re.search(r"Telefoons op hetzelfde netwerk openen: http://([0-9.]+):", log).group(1)
    assert running in interface_addresses()
    assert "Traceback" not in log and "KeyboardInterrupt" not in log
    assert log.rstrip().endswith("facilitator is gestopt.")

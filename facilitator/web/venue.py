"""The venue network: the address phones use to join.

Phones can only reach this machine at an address of one of its network interfaces (or at the
configured public URL, behind a proxy). The trainer's own browser may have opened the console at
``127.0.0.1`` or ``localhost``: an address that means "this device" on every phone too. So the
join address is never a loopback address: it is the public URL, else the address the trainer's
browser used when that one is reachable from elsewhere, else this machine's network address,
read from the interfaces (``psutil``), which works on a closed network without a default route.
When the machine has several (wired and wireless, a virtual machine's bridge), the trainer picks
one on the console; the choice is kept in the instance folder for every session and process.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import psutil
from flask import current_app, request

CHOICE_FILE = "join-address"


def _is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _route_address() -> str | None:
    """The address the default route leaves from, if there is a default route."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # TEST-NET address: connecting a UDP socket sends nothing
        return probe.getsockname()[0]
    except OSError:
        return None
    finally:
        probe.close()


def addresses() -> list[str]:
    """This machine's IPv4 addresses that other devices on a network can reach: those of the
    interfaces that are up, without loopback and link-local ones; the default route's first."""
    stats = psutil.net_if_stats()
    found: list[str] = []
    for name, entries in psutil.net_if_addrs().items():
        if name in stats and not stats[name].isup:
            continue
        for entry in entries:
            if entry.family != socket.AF_INET:
                continue
            address = ipaddress.ip_address(entry.address)
            if address.is_loopback or address.is_link_local or address.is_unspecified:
                continue
            if entry.address not in found:
                found.append(entry.address)
    routed = _route_address()
    if routed in found:
        found.remove(routed)
        found.insert(0, routed)
    return found


def _choice_path() -> Path:
    return Path(current_app.config["INSTANCE_FOLDER"]) / CHOICE_FILE


def chosen(candidates: list[str]) -> str | None:
    """The address the trainer chose on the console, while this machine still has it."""
    path = _choice_path()
    if path.is_file():
        choice = path.read_text().strip()
        if choice in candidates:
            return choice
    return None


def choose(address: str) -> bool:
    if address not in addresses():
        return False
    _choice_path().write_text(address + "\n")
    return True


@dataclass
class JoinAddress:
    """Where phones join, and what the console should tell the trainer about it."""

    base: str  # scheme://host:port, no trailing slash
    opened_via_loopback: bool = False  # the trainer's browser used 127.0.0.1 or localhost
    unreachable: bool = False  # no network address found: phones cannot reach this machine
    choices: list[str] = field(default_factory=list)  # several network addresses to pick from
    current: str | None = None  # the chosen one of the choices

    def url(self, path: str) -> str:
        return self.base + path


def for_request() -> JoinAddress:
    """The join address for the page being served now."""
    public = current_app.config.get("PUBLIC_URL")
    if public:
        return JoinAddress(public.rstrip("/"))
    parts = urlsplit(request.host_url)
    host = parts.hostname or ""
    if not _is_loopback(host):
        return JoinAddress(request.host_url.rstrip("/"))
    port = parts.port
    found = addresses()
    if not found:
        return JoinAddress(request.host_url.rstrip("/"), opened_via_loopback=True, unreachable=True)
    address = chosen(found) or found[0]
    netloc = address if port is None else f"{address}:{port}"
    return JoinAddress(f"{parts.scheme}://{netloc}", opened_via_loopback=True,
                       choices=found if len(found) > 1 else [], current=address)

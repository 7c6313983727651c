"""On gevent's event loop (``facilitator serve``) the Word file, the sheet and the CSV of a session
are laid out in a thread beside the loop (``serving.off_the_loop``): they still come out whole,
in the session's language, and phones are served meanwhile."""

from __future__ import annotations

import io
import threading
import zipfile

import pytest
from openpyxl import load_workbook

from ..clients import Browser, close_all, join_phone, trainer_console
from ..servers import Server

pytestmark = pytest.mark.server
PHONES = 6


def _download(browser: Browser, path: str) -> bytes:
    with browser.opener.open(browser.base + path, timeout=60) as response:
        assert response.status == 200
        return response.read()


def test_reports_laid_out_beside_the_loop_are_whole_while_phones_are_served(tmp_path):
    server = Server(tmp_path)
    server.prepare()
    session = server.create_session("stellingen-veilig-werken")
    server.start()
    clients = []
    try:
        console = trainer_console(server.url, server.trainer_email, server.password, session["id"])
        phones = [join_phone(server.url, session["code"]) for _ in range(PHONES)]
        clients = [console, *phones]
        assert console.call("control", {"action": "start"})["ok"]
        for phone in phones:
            assert phone.call("answer", {"step": "s1", "data": {"choice": "agree"}})["ok"]
        assert console.call("control", {"action": "reveal", "data": {"step": "s1"}})["ok"]
        assert console.call("control", {"action": "end"})["ok"]

        trainer = Browser(server.url)
        assert trainer.post("/login", {"email": server.trainer_email,
                                       "password": server.password}) == 302
        files, failures = {}, []

        def fetch(name: str, path: str) -> None:
            try:
                files[name] = _download(trainer, path)
            except Exception as failed:  # noqa: BLE001  (reported below)
                failures.append(f"{name}: {failed!r}")

        base = f"/sessions/{session['id']}"
        downloads = [threading.Thread(target=fetch, args=(name, base + path)) for name, path in (
            ("docx", "/report.docx"), ("md", "/report.md"), ("xlsx", "/results.xlsx"),
            ("csv", "/results.csv"))]
        for thread in downloads:
            thread.start()
        for phone in phones:  # meanwhile the phones are answered
            assert phone.call("hello", {}, timeout=30)["ok"]
        for thread in downloads:
            thread.join(90)
        assert not failures, failures

        with zipfile.ZipFile(io.BytesIO(files["docx"])) as document:
            body = document.read("word/document.xml").decode()
        assert "Sessieverslag" in body or "sessieverslag" in body.lower()
        assert "eens" in files["md"].decode().lower()
        sheet = load_workbook(io.BytesIO(files["xlsx"])).active
        assert sheet.max_row > 1
        assert files["csv"].decode("utf-8-sig").count("\n") > 1
    finally:
        close_all(clients)
        server.stop()

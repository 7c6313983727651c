"""Signing in never sends the trainer to another site, whatever ``?next=`` says.

Browsers read a Location header leniently: a backslash counts as a slash and tabs and line breaks
are dropped, so ``/\\evil.example`` leads to ``//evil.example``. The check below reads the answer
the way a browser does.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest

from ..conftest import PASSWORD

BASE = "http://localhost/"


def as_a_browser_reads_it(location: str) -> str:
    for character in "\t\n\r":
        location = location.replace(character, "")
    return urljoin(BASE, location.replace("\\", "/"))


@pytest.mark.parametrize("target", [
    "//evil.example/", "/\\evil.example", "\\\\evil.example", "/\t/evil.example", "https://evil.example",
    "/%5Cevil.example", "javascript:alert(1)", " //evil.example",
])
def test_next_cannot_lead_off_site(client, trainer, target):
    response = client.post("/login", query_string={"next": target},
                           data={"email": "trainer@example.nl", "password": PASSWORD})
    assert response.status_code == 302
    landed = as_a_browser_reads_it(response.headers["Location"])
    assert urlsplit(landed).netloc == "localhost", f"?next={target!r} led to {landed}"


def test_next_within_the_site_is_followed(client, trainer):
    response = client.post("/login", query_string={"next": "/teams"},
                           data={"email": "trainer@example.nl", "password": PASSWORD})
    assert response.headers["Location"] == "/teams"

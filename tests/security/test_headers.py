"""Security headers on every answer the app gives: pages, refusals, files and the API; and no
inline script, style or event handler in any page (the CSP would block them)."""

from __future__ import annotations

import re

from .matrix import ROUTES
from .test_authorisation import ORDER, _request, _url
from .world import ROLES

INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline script"),
    (re.compile(r"<style\b", re.I), "style element"),
    (re.compile(r"\sstyle=\"", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+=\"", re.I), "event-handler attribute"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def assert_safe_headers(response, where: str) -> None:
    headers = response.headers
    csp = headers.get("Content-Security-Policy", "")
    directives = dict((d.strip().split(" ", 1) + [""])[:2] for d in csp.split(";") if d.strip())
    assert directives.get("script-src") == "'self'", f"{where}: script-src is {directives.get('script-src')}"
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp, f"{where}: {csp}"
    assert directives.get("frame-ancestors") == "'none'", f"{where}: may be framed"
    assert directives.get("object-src") == "'none'" and directives.get("base-uri") == "'none'", where
    assert headers.get("X-Content-Type-Options") == "nosniff", where
    assert headers.get("Referrer-Policy") in ("same-origin", "no-referrer"), where
    assert headers.get("X-Frame-Options") == "DENY", where


def test_every_route_answers_every_role_with_the_security_headers(world, tmp_path, monkeypatch):
    monkeypatch.setenv("FACILITATOR_INSTANCE", str(tmp_path))
    app = world.app(tmp_path)
    answers = 0
    for (endpoint, method), _access in sorted(ROUTES.items()):
        if method != "GET":
            continue
        url = _url(app, world, endpoint)
        for role in ROLES:
            response = _request(app, world, role, method, url, endpoint)
            assert_safe_headers(response, f"GET {url} as {role} ({response.status_code})")
            answers += 1
            if response.mimetype == "text/html":
                html = response.get_data(as_text=True)
                for pattern, what in INLINE:
                    found = pattern.search(html)
                    assert not found, f"{what} in GET {url} as {role}: {html[found.start():][:120]}"
    assert answers >= len(ROLES) * 30


def test_refusals_and_error_pages_have_them_too(make_app, client):
    for path in ("/no-such-page", "/w/999999/console", "/j/ZZZZZZ", "/api/teams"):
        assert_safe_headers(client.get(path), path)
    limited = make_app(RATELIMIT_ENABLED=True, JOIN_RATE_LIMIT="1 per minute",
                       MAX_CONTENT_LENGTH=1024, WTF_CSRF_ENABLED=True).test_client()
    limited.get("/j/ZZZZZZ")
    for response, status in ((limited.get("/j/ZZZZZY"), 429),
                             (limited.post("/login", data={"x": "y" * 4096}), 413),
                             (limited.post("/login", data={"email": "a@b.nl"}), 400)):
        assert response.status_code == status
        assert_safe_headers(response, f"the {status} page")
        assert "<html lang=\"nl\">" in response.get_data(as_text=True)


def test_the_order_of_roles_covers_everyone():
    assert sorted(ORDER) == sorted(ROLES)


def test_an_unexpected_error_gets_a_dutch_page_with_the_headers(make_app):
    app = make_app(TESTING=False, PROPAGATE_EXCEPTIONS=False)

    @app.route("/stuk")
    def broken():
        raise RuntimeError("a bug")

    response = app.test_client().get("/stuk")
    assert response.status_code == 500
    assert "Er ging iets mis. Probeer het opnieuw." in response.get_data(as_text=True)
    assert "a bug" not in response.get_data(as_text=True)
    assert_safe_headers(response, "the 500 page")

"""Static files with a fingerprint: every stylesheet, script and image URL carries a hash of the
file's content (``?v=…``), so a phone may keep it for a year without asking again (one round
trip less per page on a slow venue network) and still gets a changed file at once: a changed
file has a new URL. A URL without the current fingerprint is served as before, checked each time.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Flask, request

YEAR = 365 * 24 * 3600
_hashes: dict[tuple[str, int, int], str] = {}


def content_hash(path: Path) -> str | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _hashes:
        _hashes[key] = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    return _hashes[key]


def _static_file(app: Flask, endpoint: str, values: dict) -> Path | None:
    filename = values.get("filename")
    if not filename:
        return None
    if endpoint == "static":
        folder = app.static_folder
    elif endpoint.endswith(".static") and endpoint.split(".")[0] in app.blueprints:
        folder = app.blueprints[endpoint.split(".")[0]].static_folder
    elif endpoint == "plugin_static":
        from ..contract.plugins import plugin_host

        folder = next((p.folder / "static" for p in plugin_host().plugins()
                       if p.name == values.get("name")), None)
    else:
        return None
    if folder is None:
        return None
    path = (Path(folder) / filename).resolve()
    return path if path.is_relative_to(Path(folder).resolve()) else None


def fingerprinted(app: Flask, url: str) -> str:
    """A plugin's asset URL (``/plugins/NAME/static/FILE``) with its fingerprint."""
    parts = url.split("/", 4)
    if len(parts) == 5 and parts[1] == "plugins" and parts[3] == "static" and "?" not in url:
        path = _static_file(app, "plugin_static", {"name": parts[2], "filename": parts[4]})
        digest = content_hash(path) if path else None
        if digest:
            return f"{url}?v={digest}"
    return url


def init_app(app: Flask) -> None:
    @app.url_defaults
    def add_fingerprint(endpoint: str, values: dict) -> None:
        if "v" in values or not (endpoint == "static" or endpoint.endswith(".static")
                                 or endpoint == "plugin_static"):
            return
        path = _static_file(app, endpoint, values)
        digest = content_hash(path) if path else None
        if digest:
            values["v"] = digest

    @app.after_request
    def cache_fingerprinted(response):
        endpoint = request.endpoint or ""
        wanted = request.args.get("v")
        if wanted and response.status_code == 200 and (
                endpoint == "static" or endpoint.endswith(".static") or endpoint == "plugin_static"):
            path = _static_file(app, endpoint, request.view_args or {})
            if path is not None and content_hash(path) == wanted:
                response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
        return response

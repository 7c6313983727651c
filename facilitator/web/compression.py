"""Static files (stylesheets, scripts) go out gzip-compressed: a training room often shares weak Wi-Fi
between dozens of phones, and the socket.io client shrinks from 47 to 15 kB.

Only the app's own static files are compressed, never pages: a page can carry a CSRF token next to
text someone typed, the mix that compression attacks (BREACH) feed on. The compressed copy keeps the
file's validator as a weak ETag, so a phone that reloads still gets a bodiless 304.
"""

from __future__ import annotations

import gzip

from flask import Flask, Response, request

ENDPOINTS = {"static", "plugin_static"}
TYPES = {"text/css", "text/javascript", "application/javascript", "image/svg+xml"}
SMALLEST = 1024  # below this the gzip header eats the gain
KEPT = 64  # compressed files remembered, by path and ETag


def init_app(app: Flask) -> None:
    compressed: dict[tuple[str, str], bytes] = {}

    @app.after_request
    def compress_static(response: Response) -> Response:
        if (request.endpoint not in ENDPOINTS or response.status_code != 200
                or response.mimetype not in TYPES or "Content-Encoding" in response.headers):
            return response
        response.vary.add("Accept-Encoding")
        if "gzip" not in request.accept_encodings or (response.content_length or 0) < SMALLEST:
            return response
        etag, _weak = response.get_etag()
        key = (request.path, etag or "")
        body = compressed.get(key) if etag else None
        if body is None:
            response.direct_passthrough = False
            body = gzip.compress(response.get_data(), compresslevel=9, mtime=0)
            if etag:
                if len(compressed) >= KEPT:
                    compressed.clear()
                compressed[key] = body
        elif hasattr(response.response, "close"):  # the file we do not read
            response.call_on_close(response.response.close)
        response.direct_passthrough = False
        response.set_data(body)
        response.headers["Content-Encoding"] = "gzip"
        response.headers.pop("Accept-Ranges", None)
        if etag:
            response.set_etag(etag, weak=True)
        return response

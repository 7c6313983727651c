"""Static files travel gzip-compressed, still revalidate with a bodiless 304; pages never compress."""

import gzip
from pathlib import Path

import facilitator

SOCKET_IO = Path(facilitator.__file__).parent / "static" / "vendor" / "socket.io.min.js"


def test_the_socket_io_client_is_sent_compressed_and_revalidates(client):
    first = client.get("/static/vendor/socket.io.min.js", headers={"Accept-Encoding": "gzip, br"})
    assert first.status_code == 200 and first.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in first.headers["Vary"]
    assert gzip.decompress(first.data) == SOCKET_IO.read_bytes()
    assert int(first.headers["Content-Length"]) == len(first.data) < SOCKET_IO.stat().st_size / 2
    again = client.get("/static/vendor/socket.io.min.js",
                       headers={"Accept-Encoding": "gzip", "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    cached = client.get("/static/vendor/socket.io.min.js", headers={"Accept-Encoding": "gzip"})
    assert cached.data == first.data


def test_plugin_stylesheets_compress_and_plain_clients_get_plain_files(client):
    css = client.get("/plugins/quiz/static/quiz.css", headers={"Accept-Encoding": "gzip"})
    assert css.headers["Content-Encoding"] == "gzip" and b".quiz" in gzip.decompress(css.data)
    plain = client.get("/static/app.css")
    assert "Content-Encoding" not in plain.headers and b":root" in plain.data


def test_pages_are_never_compressed(client):
    page = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert page.status_code == 200 and "Content-Encoding" not in page.headers

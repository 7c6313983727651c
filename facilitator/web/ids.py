"""Ids and short keys that come from outside (a URL, a form, a live message), checked before
they reach the database: odd ones are "not found" or a refusal, never an error.

A database id is a whole number of ASCII digits below 2**63 (what PostgreSQL's ``bigint`` and
SQLite's ``INTEGER`` hold). ``"²"`` and ``"٣"`` are digits to ``str.isdigit`` but no id here.
"""

from __future__ import annotations

from werkzeug.routing import BaseConverter

MAX_ID = 2**63 - 1
ID_PATTERN = "[0-9]{1,18}"


def as_id(value) -> int | None:
    """The id ``value`` stands for, or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value <= MAX_ID else None
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 18:
        return int(value)
    return None


def as_text(value, limit: int) -> str | None:
    """``value`` if it is a string a database can store (valid UTF-8, no lone surrogate) of at
    most ``limit`` characters, else None."""
    if not isinstance(value, str) or len(value) > limit:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return value


class IdConverter(BaseConverter):
    """``<int:...>`` in every route: ASCII digits, at most 18 of them; anything else is a 404."""

    regex = ID_PATTERN
    weight = 50
    part_isolating = True

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))


def init_app(app) -> None:
    app.url_map.converters["int"] = IdConverter

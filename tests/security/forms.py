"""Read the forms of a snapshot's HTML the way live.js does, to fill every text a person can type.

``forms(html, "data-answer")`` finds what a phone can send, ``forms(html, "data-control")`` what a
console can; ``fill`` puts a text in every text field (cut to its ``maxlength`` as a browser does,
or not, as a hand-made client may) and picks the first option of every choice, so that a work form
written later is tried without a new test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    name: str  # the data-control action, or "" for a phone's answer
    texts: dict[str, int] = field(default_factory=dict)  # field -> maxlength
    fixed: dict[str, str] = field(default_factory=dict)  # hidden fields, first choices

    def fill(self, text: str, *, obey_maxlength: bool = True) -> dict[str, str]:
        return {**self.fixed, **{name: text[:limit] if obey_maxlength else text
                                 for name, limit in self.texts.items()}}


class _Reader(HTMLParser):
    def __init__(self, marker: str):
        super().__init__()
        self.marker, self.found, self.current = marker, [], None
        self.select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and self.marker in attrs:
            self.current = Form(attrs.get(self.marker) or "")
            self.found.append(self.current)
        if self.current is None:
            return
        if tag == "option" and self.select and attrs.get("value"):
            self.current.fixed.setdefault(self.select, attrs["value"])
        if not attrs.get("name"):
            return
        name, kind = attrs["name"], attrs.get("type", "text")
        if tag == "textarea" or (tag == "input" and kind in ("text", "search", "email")):
            self.current.texts[name] = int(attrs.get("maxlength") or 100_000)
        elif tag == "input" and kind in ("radio", "checkbox", "hidden"):
            self.current.fixed.setdefault(name, attrs.get("value", "on"))
        elif tag == "input" and kind == "number":
            self.current.fixed.setdefault(name, attrs.get("min") or "1")
        elif tag == "input" and kind == "date":
            self.current.fixed.setdefault(name, "2030-06-01")
        elif tag == "select":
            self.select = name

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        if tag == "select":
            self.select = None


def forms(html: str, marker: str) -> list[Form]:
    reader = _Reader(marker)
    reader.feed(html)
    return reader.found


class _Buttons(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[dict[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "button" and "data-answer" in attrs and attrs.get("type") == "button":
            self.found.append({attrs.get("data-field") or "choice": attrs.get("value", "")})


def choices(html: str) -> list[dict[str, str]]:
    """The answers a phone's choice buttons send (``data-answer data-field value``)."""
    reader = _Buttons()
    reader.feed(html)
    return reader.found


def _camel(name: str) -> str:
    head, *rest = name.split("-")
    return head + "".join(part.capitalize() for part in rest)


class _Actions(HTMLParser):
    def __init__(self, marker: str):
        super().__init__()
        self.marker, self.found = marker, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "button" and attrs.get(self.marker) and "disabled" not in attrs:
            data = {_camel(k[5:]): v or "" for k, v in attrs.items() if k.startswith("data-")
                    and k not in (self.marker, "data-key", "data-confirm-key")}
            self.found.append((attrs[self.marker], data))


def actions(html: str, marker: str) -> list[tuple[str, dict[str, str]]]:
    """Buttons as live.js sends them: (name, data) for ``data-action`` or ``data-phone-action``."""
    reader = _Actions(marker)
    reader.feed(html)
    return reader.found

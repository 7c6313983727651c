"""Cleaning of text that people type: never trusted, always plain, always bounded."""

from __future__ import annotations

import re
import unicodedata

from flask_babel.speaklater import LazyString

from ..i18n import _
from .workform import InputRejected

#: Control characters and invisible formatting: bidirectional overrides and isolates (which turn
#: text around on screen), zero-width characters, the word joiner, the byte-order mark.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u061c\u180e\u200b-\u200f"
                      r"\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def without_controls(value):
    """``value`` (text, or lists and mappings of it, as a scenario file holds) with the control
    and invisible characters taken out of every string, as ``clean`` does for typed text."""
    if isinstance(value, str):
        return _CONTROL.sub("", value)
    if isinstance(value, list):
        return [without_controls(item) for item in value]
    if isinstance(value, dict):
        return {without_controls(k) if isinstance(k, str) else k: without_controls(v)
                for k, v in value.items()}
    return value


def clean(value, *, limit: int, required: bool = True, multiline: bool = False,
          label: str | None = None) -> str:
    """Return the text stripped and normalised, or raise InputRejected with a clear message."""
    if value is None:
        value = ""
    if isinstance(value, LazyString):  # a work form's own text, e.g. an agreement it proposes
        value = str(value)
    if not isinstance(value, str):
        raise InputRejected(_("Please enter text."))
    value = unicodedata.normalize("NFC", _CONTROL.sub("", value))
    if not multiline:
        value = " ".join(value.split())
    else:
        value = "\n".join(line.rstrip() for line in value.strip().splitlines())
        value = re.sub(r"\n{3,}", "\n\n", value)
    value = value.strip()
    if required and not value:
        raise InputRejected(_("%(what)s is empty.", what=label or _("The text")))
    if len(value) > limit:
        raise InputRejected(
            _("%(what)s is too long: at most %(limit)d characters.",
              what=label or _("The text"), limit=limit)
        )
    return value

"""Making arbitrary user text safe for the export formats."""

from __future__ import annotations

import re

# Characters that XML 1.0 (docx, xlsx) cannot hold, plus lone surrogates, which cannot be encoded.
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# OWASP "CSV injection": a cell starting with one of these may be run as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def clean(value: object) -> str:
    """The text as a string without characters that no document format can store.

    Tabs and line breaks are kept; None becomes the empty string.
    """
    if value is None:
        return ""
    return _UNSTORABLE.sub("", str(value))


def lines(value: object) -> list[str]:
    """Cleaned, trimmed text split into lines, for documents: \\r\\n, \\r and \\n all end a line."""
    return clean(value).strip().splitlines() or [""]


def neutralise_formula(text: str) -> str:
    """Prefix a single quote so spreadsheet programs show the cell as text, never run it."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def spreadsheet_text(value: object) -> str:
    """Cleaned text that is safe in a spreadsheet cell (xlsx or csv)."""
    return neutralise_formula(clean(value))

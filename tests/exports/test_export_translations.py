from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

import facilitator.exports
from facilitator.exports import TRANSLATIONS

CATALOG = Path(TRANSLATIONS) / "nl" / "LC_MESSAGES"


def test_every_label_in_the_code_has_a_dutch_translation():
    with open(CATALOG / "messages.po", "rb") as f:
        po = read_po(f)
    in_code = {_key(message) for _, _, message, _, _ in extract_from_dir(facilitator.exports.__path__[0])}
    translated = {_key(m.id): m.string for m in po
                  if m.id and m.string and all(m.string if isinstance(m.string, tuple) else [m.string])
                  and not m.fuzzy}
    assert in_code - set(translated) == set()


def test_compiled_catalog_matches_the_po_file():
    with open(CATALOG / "messages.po", "rb") as f:
        po = {_key(m.id): _key(m.string) for m in read_po(f) if m.id}
    with open(CATALOG / "messages.mo", "rb") as f:
        mo = {_key(m.id): _key(m.string) for m in read_mo(f) if m.id}
    assert mo == po


def _key(message):
    """A message id or translation as a hashable value (plural forms are tuples or lists)."""
    return tuple(message) if isinstance(message, list | tuple) else message

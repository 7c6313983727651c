"""Dutch first: every message of the library and its templates is in the library's own catalog."""

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "facilitator" / "library" / "translations" / "nl" / "LC_MESSAGES" / "messages.po"


def test_every_message_of_the_library_is_translated(tmp_path):
    config = tmp_path / "babel.cfg"
    config.write_text("[python: **.py]\n[jinja2: **.html]\n")
    pot = tmp_path / "library.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", str(config), "-k", "_l",
         "-o", str(pot), str(ROOT / "facilitator" / "library"), str(ROOT / "templates" / "library")],
        capture_output=True, check=True)
    used = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(pot.open("rb")) if m.id}
    known = {m.id if isinstance(m.id, str) else m.id[0]: m.string for m in read_po(CATALOG.open("rb"))
             if m.id}
    assert used, "nothing extracted"
    missing = sorted(used - set(known))
    assert not missing, f"not in the library's Dutch catalog: {missing[:10]}"
    untranslated = sorted(m for m in used if not known[m])
    assert not untranslated, untranslated

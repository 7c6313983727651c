"""Dutch first: every message of the host and the built-in plugins has a Dutch translation, and
the compiled catalogs are up to date with their sources."""

import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
CATALOGS = sorted(ROOT.glob("**/translations/nl/LC_MESSAGES/messages.po"))
CATALOGS = [p for p in CATALOGS if not {".venv", "build"} & set(p.relative_to(ROOT).parts)]


def _extract(path: Path, config: str) -> set:
    with tempfile.TemporaryDirectory() as scratch:
        cfg, pot = Path(scratch) / "babel.cfg", Path(scratch) / "messages.pot"
        cfg.write_text(config)
        subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F",
                        str(cfg), "-k", "_l", "-o", str(pot), str(path)],
                       capture_output=True, check=True)
        return {_key(m.id) for m in read_po(pot.open("rb")) if m.id}


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalog_is_complete_and_compiled(po):
    catalog = read_po(po.open("rb"))
    untranslated = [m.id for m in catalog if m.id and not (
        m.string if isinstance(m.string, str) else all(m.string))]
    assert not untranslated, f"untranslated in {po}: {untranslated[:10]}"
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not fuzzy, f"fuzzy translations in {po}: {fuzzy[:10]}"
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo} is missing: run make translations"
    compiled = {_key(m.id): _key(m.string) for m in read_mo(mo.open("rb")) if m.id}
    for message in catalog:
        if message.id:
            assert compiled.get(_key(message.id)) == _key(message.string), \
                f"{mo} is older than {po}: run make translations"


def _key(value):
    return tuple(value) if isinstance(value, list | tuple) else value


def _plugin_dirs():
    return sorted(p for p in (ROOT / "plugins").iterdir() if (p / "__init__.py").exists())


@pytest.mark.parametrize("plugin", _plugin_dirs(), ids=lambda p: p.name)
def test_every_message_of_a_plugin_is_in_its_catalog(plugin):
    po = plugin / "translations" / "nl" / "LC_MESSAGES" / "messages.po"
    used = _extract(plugin, "[python: **.py]\n[jinja2: templates/**.html]\n")
    if not used:
        return
    assert po.exists(), f"{plugin.name} uses translatable text but has no Dutch catalog"
    known = {_key(m.id) for m in read_po(po.open("rb")) if m.id}
    missing = sorted(str(m) for m in used - known)
    assert not missing, f"{plugin.name}: not in the Dutch catalog: {missing[:10]}"


def test_every_message_of_the_host_is_in_its_catalog():
    """The host's catalogs (its own and those of its packages, merged at run time) know every
    message of the host's code and templates."""
    known = set()
    for po in (ROOT / "facilitator").glob("**/translations/nl/LC_MESSAGES/messages.po"):
        known |= {_key(m.id) for m in read_po(po.open("rb")) if m.id}
    used = set()
    for folder, config in [(ROOT / "facilitator", "[python: *.py]\n[python: views/*.py]\n"),
                           (ROOT / "templates", "[jinja2: **.html]\n")]:
        used |= _extract(folder, config)
    missing = sorted(str(m) for m in used - known)
    assert not missing, f"host messages not in the Dutch catalog: {missing[:10]}"

"""Dutch first: every message of the host and the built-in plugins has a Dutch translation in its
own domain's catalog, and the compiled catalogs are up to date with their sources. The list of
catalogs is the app's own (``facilitator.catalogs``)."""

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from facilitator import catalogs

DOMAINS = catalogs.domains()
CATALOGS = [po for domain in DOMAINS for po in domain.po_files() if po.exists()]


def test_the_list_of_catalogs_holds_the_host_and_every_built_in_plugin():
    assert [d.name for d in DOMAINS][:1] == ["facilitator"]
    assert {"arena", "checklist", "debate", "dilemma", "incident", "intervision", "questionnaire",
            "quiz", "review", "statements", "teamworkshop"} <= {d.name for d in DOMAINS}
    assert len(CATALOGS) == 4 + 11


def _name(po):
    """``facilitator/exports/translations``, ``quiz/translations``: where the catalog lives."""
    folder = po.parents[2]
    for root in (catalogs.HERE.parent, *(d.root.parent for d in DOMAINS[1:])):
        if folder.is_relative_to(root):
            return folder.relative_to(root).as_posix()
    return folder.as_posix()


@pytest.mark.parametrize("po", CATALOGS, ids=_name)
def test_catalog_is_complete_and_compiled(po):
    catalog = read_po(po.open("rb"))
    untranslated = [m.id for m in catalog if m.id and not (
        m.string if isinstance(m.string, str) else all(m.string))]
    assert not untranslated, f"untranslated in {po}: {untranslated[:10]}"
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not fuzzy, f"fuzzy translations in {po}: {fuzzy[:10]}"
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo} is missing: run make translations"
    compiled = {(_text(m.context), _key(m.id)): _key(m.string)
                for m in read_mo(mo.open("rb")) if m.id}
    for message in catalog:
        if message.id:
            assert compiled.get((message.context, _key(message.id))) == _key(message.string), \
                f"{mo} is older than {po}: run make translations"


def _text(value):  # Babel's read_mo gives a context as bytes
    return value.decode() if isinstance(value, bytes) else value


def _key(value):
    return tuple(value) if isinstance(value, list | tuple) else value


@pytest.mark.parametrize("domain", DOMAINS, ids=lambda d: d.name)
def test_every_message_of_a_domain_is_in_its_own_catalogs(domain):
    """Each domain's code and templates (the host's: ``facilitator/`` and ``templates/``, with
    ``babel-host.cfg``; a plugin's: its folder, with ``babel.cfg``) find every message in the
    domain's own catalogs; another domain's catalog does not count."""
    missing = sorted(f"{context}|{msgid}" if context else msgid
                     for context, msgid in domain.missing())
    assert not missing, f"{domain.name}: not in its Dutch catalog: {missing[:10]}"

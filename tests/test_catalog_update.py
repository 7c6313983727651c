"""`python -m facilitator.catalogs update` adds a plugin's new messages to its catalog and keeps
what is there: a message used with ngettext stays a plural message with both Dutch forms (pybabel
would otherwise turn it into a fuzzy singular one, which compiles to English)."""

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from facilitator import catalogs

PO = "translations/nl/LC_MESSAGES/messages.po"


def test_an_ngettext_message_keeps_its_plural_and_its_translation(tmp_path):
    (tmp_path / "templates" / "teller").mkdir(parents=True)
    (tmp_path / "templates" / "teller" / "screen.html").write_text(
        '{{ ngettext("%(num)d note", "%(num)d notes", n) }} {{ _("New words") }}\n')
    existing = Catalog(locale="nl", project="teller")
    existing.add(("%(num)d note", "%(num)d notes"), ("%(num)d notitie", "%(num)d notities"))
    (tmp_path / PO).parent.mkdir(parents=True)
    with (tmp_path / PO).open("wb") as out:
        write_po(out, existing)
    domain = catalogs.Domain("teller", tmp_path, catalogs.PLUGIN_MAPPING,
                             (tmp_path / "translations",))

    catalogs.update([catalogs.domains([])[0], domain])

    with (tmp_path / PO).open("rb") as source:
        updated = read_po(source)
    note = updated.get("%(num)d note")
    assert note.id == ("%(num)d note", "%(num)d notes") and not note.fuzzy
    assert note.string == ("%(num)d notitie", "%(num)d notities")
    assert updated.get("New words") is not None  # the new message is added, to be translated

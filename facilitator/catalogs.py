"""The message catalogs, one list of them, and the commands that keep them.

A translation domain is the host's or one plugin's (see ``facilitator.i18n``). Its catalogs are,
for the host, the folders in ``i18n.HOST_CATALOGS``; for a plugin, its package's
``translations/`` folder. Which plugins there are is what the app itself loads (the plugin host:
built-in and installed plugins alike). Messages are found with the mapping files in the
repository: ``babel-host.cfg`` for the host (paths from the repository's root), ``babel.cfg``
for a plugin (paths from the plugin's folder).

``python -m facilitator.catalogs`` (what ``make translations`` runs), from the repository::

    check     list, per domain, the messages its code uses that none of its catalogs has
    compile   compile every catalog's .po files into the .mo files the app reads
    update    add a plugin's new messages to its catalog (``pybabel update``; rewrites the .po)

Without a command: ``check``, then ``compile``.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import CommandLineInterface, parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from .i18n import HERE, HOST_CATALOGS


def _repository() -> Path:
    """The checkout with the mapping files and the host's sources: the working directory when it
    has them (an installed, not editable, package lives elsewhere), else the package's parent."""
    for folder in (Path.cwd(), HERE.parent):
        if (folder / "babel-host.cfg").is_file():
            return folder
    return HERE.parent


REPOSITORY = _repository()
HOST_MAPPING = REPOSITORY / "babel-host.cfg"
PLUGIN_MAPPING = REPOSITORY / "babel.cfg"
#: The translation functions of ``facilitator`` and Flask-Babel, for extraction.
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None,
            "lazy_pgettext": ((1, "c"), 2)}
SKIPPED = {"node_modules", "build", "dist", "__pycache__"}
LANGUAGES = ("nl",)


@dataclass(frozen=True)
class Domain:
    """One translation domain: where its messages are written and where they are translated."""

    name: str
    root: Path  # the folder the mapping's paths start from
    mapping: Path
    catalogs: tuple[Path, ...]  # ``translations`` folders

    def __str__(self) -> str:
        return self.name

    def po_files(self, language: str = "nl") -> list[Path]:
        return [folder / language / "LC_MESSAGES" / "messages.po" for folder in self.catalogs]

    def _extracted(self):
        with self.mapping.open() as mapping:
            method_map, options_map = parse_mapping_cfg(mapping, str(self.mapping))
        yield from extract_from_dir(
            self.root, method_map, options_map, keywords=KEYWORDS,
            directory_filter=lambda path: Path(path).name not in SKIPPED
            and not Path(path).name.startswith("."))

    def used(self) -> dict[tuple[str | None, str], list[str]]:
        """The messages this domain's code and templates use: (context, id) -> where."""
        found: dict[tuple[str | None, str], list[str]] = {}
        for filename, lineno, message, _comments, context in self._extracted():
            found.setdefault((context, _msgid(message)), []).append(f"{filename}:{lineno}")
        return found

    def plurals(self) -> dict[tuple[str | None, str], str]:
        """The plural form of each message used with ``ngettext``: (context, id) -> plural."""
        return {(context, message[0]): message[1]
                for _file, _line, message, _comments, context in self._extracted()
                if isinstance(message, tuple | list) and len(message) > 1 and message[1]}

    def known(self, language: str = "nl") -> set[tuple[str | None, str]]:
        """The messages this domain's catalogs translate (context, id)."""
        known = set()
        for po in self.po_files(language):
            if po.exists():
                with po.open("rb") as source:
                    known |= {(m.context, _msgid(m.id)) for m in read_po(source) if m.id}
        return known

    def missing(self, language: str = "nl") -> dict[tuple[str | None, str], list[str]]:
        known = self.known(language)
        return {key: where for key, where in self.used().items() if key not in known}


def _msgid(value) -> str:
    return value[0] if isinstance(value, tuple | list) else value


def domains(plugins=None) -> list[Domain]:
    """The host's domain and that of every plugin the app loads (``plugins``: the plugin host's
    ``plugins()``, by default those installed), in that order."""
    if plugins is None:
        from .contract.plugins import PluginHost

        plugins = PluginHost().plugins()
    found = [Domain("facilitator", REPOSITORY, HOST_MAPPING,
                    tuple(HERE / folder for folder in HOST_CATALOGS))]
    for plugin in plugins:
        if (plugin.folder / "translations").is_dir() or (plugin.folder / "templates").is_dir():
            found.append(Domain(plugin.name, plugin.folder, PLUGIN_MAPPING,
                                (plugin.folder / "translations",)))
    return found


def check(all_domains: list[Domain]) -> int:
    problems = 0
    for domain in all_domains:
        for (context, msgid), where in sorted(domain.missing().items(),
                                              key=lambda item: item[0][1]):
            problems += 1
            label = f"{context}|{msgid}" if context else msgid
            print(f"{domain.name}: not in its catalog: {label!r} ({where[0]})")
    return problems


def compile_all(all_domains: list[Domain]) -> None:
    for domain in all_domains:
        for folder in domain.catalogs:
            if folder.is_dir():
                CommandLineInterface().run(["pybabel", "-q", "compile", "-d", str(folder)])


def update(all_domains: list[Domain]) -> None:
    """Add new messages to the plugins' catalogs (the host's are several; add to the one of the
    feature by hand, ``check`` names them)."""
    for domain in all_domains[1:]:
        catalog = Catalog(project=domain.name)
        plurals = domain.plurals()  # kept, or pybabel would make an ngettext message fuzzy
        for (context, msgid), where in domain.used().items():
            plural = plurals.get((context, msgid))
            catalog.add((msgid, plural) if plural else msgid, context=context,
                        locations=[(w.rsplit(":", 1)[0], int(w.rsplit(":", 1)[1])) for w in where])
        with tempfile.TemporaryDirectory() as scratch:
            pot = Path(scratch) / "messages.pot"
            with pot.open("wb") as out:
                write_po(out, catalog)
            for language in LANGUAGES:
                po = domain.catalogs[0] / language / "LC_MESSAGES" / "messages.po"
                command = "update" if po.exists() else "init"
                CommandLineInterface().run(["pybabel", "-q", command, "-i", str(pot), "-l",
                                            language, "-d", str(domain.catalogs[0])])


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "all"
    all_domains = domains()
    if command == "update":
        update(all_domains)
        return 0
    if command == "compile":
        compile_all(all_domains)
        return 0
    problems = check(all_domains)
    if command == "check":
        return 1 if problems else 0
    compile_all(all_domains)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

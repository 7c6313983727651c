"""The plugin manager of one app, and the registry of work forms it yields."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pluggy
from flask import Flask, current_app

from . import hookspecs
from .workform import WorkForm

ENTRY_POINT_GROUP = "facilitator"
log = logging.getLogger("facilitator.plugins")


@dataclass(frozen=True)
class LoadedPlugin:
    name: str
    module: object
    version: str | None
    folder: Path


class PluginHost:
    """Per-app plugin state: the pluggy manager and the work forms by name."""

    def __init__(self, extra_plugins=()):
        self.pm = pluggy.PluginManager("facilitator")
        self.pm.add_hookspecs(hookspecs)
        self.pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
        for plugin in extra_plugins:
            self.pm.register(plugin)
        self.pm.check_pending()
        self.work_forms: dict[str, WorkForm] = {}
        self.provided_by: dict[str, str] = {}
        for plugin_name, plugin in self.pm.list_name_plugin():
            impls = [i for i in self.pm.hook.register_work_forms.get_hookimpls()
                     if i.plugin is plugin]
            for impl in impls:
                for cls in impl.function() or []:
                    if not (isinstance(cls, type) and issubclass(cls, WorkForm)) or not cls.name:
                        raise TypeError(f"{plugin_name} registered {cls!r}, not a named WorkForm")
                    if cls.name in self.work_forms:
                        raise ValueError(f"Two plugins provide the work form {cls.name!r}")
                    self.work_forms[cls.name] = cls()
                    self.provided_by[cls.name] = plugin_name

    def plugins(self) -> list[LoadedPlugin]:
        versions = {}
        for dist, plugin in [(d, p) for p, d in self.pm.list_plugin_distinfo()]:
            versions[id(plugin)] = dist.version
        loaded = []
        for name, module in self.pm.list_name_plugin():
            folder = Path(getattr(module, "__file__", "") or ".").parent
            version = versions.get(id(module)) or getattr(module, "__version__", None)
            loaded.append(LoadedPlugin(name, module, version, folder))
        return sorted(loaded, key=lambda p: p.name)

    def forms_of(self, plugin_name: str) -> list[WorkForm]:
        return [f for n, f in self.work_forms.items() if self.provided_by[n] == plugin_name]

    def folders(self, sub: str) -> list[Path]:
        """The existing ``sub`` folders of every plugin (templates, static, translations)."""
        return [p.folder / sub for p in self.plugins() if (p.folder / sub).is_dir()]

    def work_form(self, name: str) -> WorkForm:
        return self.work_forms[name]

    def call_each(self, hook_name: str, *, skip=(), **arguments) -> list[tuple[str, Any]]:
        """Call every plugin's implementation of an observational or page hook on its own, in
        pluggy's order, and return (plugin name, answer) for each that answered. A plugin whose
        implementation raises is logged with its name and left out: it never stops the host's
        action (a trainer's "start", a page) nor the other plugins. ``skip``: plugin objects not
        to ask."""
        answers = []
        for impl in reversed(getattr(self.pm.hook, hook_name).get_hookimpls()):
            if impl.plugin in skip:
                continue
            try:
                answer = impl.function(*[arguments[name] for name in impl.argnames])
            except Exception:
                log.exception("plugin %s: its %s hook failed", impl.plugin_name, hook_name)
                continue
            answers.append((impl.plugin_name, answer))
        return answers


def init_app(app: Flask, extra_plugins=()) -> PluginHost:
    host = PluginHost(extra_plugins)
    app.extensions["facilitator.plugins"] = host
    return host


def plugin_host() -> PluginHost:
    return current_app.extensions["facilitator.plugins"]


def work_form(name: str) -> WorkForm:
    return plugin_host().work_form(name)

"""What every template can use: labels for visibility, plugin assets, the language switch."""

from __future__ import annotations

from functools import lru_cache

from flask import Flask
from flask_babel import force_locale, get_locale

from ..contract.plugins import plugin_host
from ..contract.workform import ANONYMOUS, NAMED, TRAINER_ONLY
from ..i18n import _l
from .fingerprints import fingerprinted

VISIBILITY_LABELS = {
    ANONYMOUS: _l("Anonymous: nobody sees who gave this answer"),
    NAMED: _l("With your name: the group may see who gave this answer"),
    TRAINER_ONLY: _l("Only the trainer sees this"),
}
VISIBILITY_SHORT = {ANONYMOUS: _l("Anonymous"), NAMED: _l("Named"), TRAINER_ONLY: _l("Trainer only")}
STEP_STATUS = {"pending": _l("not yet open"), "open": _l("open"), "closed": _l("closed")}
AGREEMENT_KINDS = {
    "working_agreement": _l("Working agreement"), "action_agreement": _l("Action agreement"),
    "action": _l("Action"),
    "open_point": _l("Open point"), "learning_goal": _l("Learning goal"),
}


def labels() -> dict:
    """The labels every template may show (lazy: they read in the language in force)."""
    return {"visibility_labels": VISIBILITY_LABELS, "visibility_short": VISIBILITY_SHORT,
            "step_status": STEP_STATUS, "agreement_kinds": AGREEMENT_KINDS}


@lru_cache(maxsize=16)
def labels_in(language: str) -> dict:
    """``labels`` read in ``language``, once per process: plain text, for the live views, which
    show them dozens of times a second (a lazy text looks its language and catalog up again each
    time it is shown: a twentieth of a console's rendering)."""
    with force_locale(language):
        return {name: {key: str(text) for key, text in texts.items()}
                for name, texts in labels().items()}


def init_app(app: Flask) -> None:
    import segno

    @app.context_processor
    def host_context():
        def plugin_assets(kind: str, role: str, workshop=None) -> list[str]:
            """The plugins' stylesheets or scripts; for a workshop, only those of the plugins whose
            work forms it uses (and of plugins without work forms), to keep a phone's page light."""
            host = plugin_host()
            name = "extra_css_urls" if kind == "css" else "extra_js_urls"
            unused = []
            if workshop is not None:
                used = {activity.type for activity in workshop.activities}
                unused = [plugin for plugin_name, plugin in host.pm.list_name_plugin()
                          if (forms := {form.name for form in host.forms_of(plugin_name)})
                          and not forms & used]
            found = host.call_each(name, skip=unused, role=role)
            return [fingerprinted(app, url) for _plugin, urls in found for url in (urls or [])]

        return {
            **labels(), "plugin_assets": plugin_assets,
            "locale": str(get_locale() or "nl"),
        }

    @app.template_filter("qr_svg")
    def qr_svg(url: str) -> str:
        from markupsafe import Markup

        return Markup(segno.make(url, error="m").svg_inline(scale=10, border=2, dark="#111",
                                                            light="#fff", omitsize=True))

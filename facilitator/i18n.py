"""The translation layer. Dutch is the default; English is the second language.

Messages are written in English in the code and translated in the catalogs: the host's in
``facilitator/translations`` and each plugin's in its own ``translations`` folder; Flask-Babel
merges them.
"""

from __future__ import annotations

from flask import Flask, current_app, g, request
from flask_babel import gettext, lazy_gettext, ngettext  # noqa: F401  (re-exported)

from .extensions import babel

_ = gettext
_l = lazy_gettext

LANG_COOKIE = "lang"


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    forced = getattr(g, "locale", None)
    if forced in languages:
        return forced
    if request:
        chosen = request.args.get("lang") or request.cookies.get(LANG_COOKIE)
        if chosen in languages:
            return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def init_app(app: Flask, translation_folders: list[str]) -> None:
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(translation_folders)
    babel.init_app(app, locale_selector=select_locale)

    @app.after_request
    def remember_language(response):
        chosen = request.args.get("lang")
        if chosen in app.config["LANGUAGES"]:
            response.set_cookie(LANG_COOKIE, chosen, max_age=365 * 24 * 3600, samesite="Lax")
        return response

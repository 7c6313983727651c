"""The translation layer. Dutch is the default; English is the second language.

Messages are written in English in the code and translated in the catalogs: the host's in
``facilitator/translations`` and each plugin's in its own ``translations`` folder; Flask-Babel
merges them.
"""

from __future__ import annotations

from flask import Flask, current_app, g, request
from flask_babel import get_translations, gettext, lazy_gettext, ngettext  # noqa: F401
from jinja2 import pass_context
from markupsafe import Markup

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
    from .extensions import babel

    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(translation_folders)
    babel.init_app(app, locale_selector=select_locale)

    @app.after_request
    def remember_language(response):
        chosen = request.args.get("lang")
        if chosen in app.config["LANGUAGES"]:
            response.set_cookie(LANG_COOKIE, chosen, max_age=365 * 24 * 3600, samesite="Lax")
        return response


def template_translators() -> dict:
    """``gettext`` and ``ngettext`` for one rendering, bound to the catalog of the language in
    force now: passed to ``render_template``, they stand in for Flask-Babel's, which look the
    language and the catalog up again for every message (a console snapshot has dozens). They
    behave as Jinja's "newstyle" gettext does: autoescaped, and always a format string."""
    catalog = get_translations()

    @pass_context
    def template_gettext(context, string: str, **variables) -> str:
        text = catalog.ugettext(string)
        return (Markup(text) if context.eval_ctx.autoescape else text) % variables

    @pass_context
    def template_ngettext(context, singular: str, plural: str, num: int, **variables) -> str:
        variables.setdefault("num", num)
        text = catalog.ungettext(singular, plural, num)
        return (Markup(text) if context.eval_ctx.autoescape else text) % variables

    return {"gettext": template_gettext, "ngettext": template_ngettext}

"""The translation layer. Dutch is the default; English is the second language.

Messages are written in English in the code and translated in catalogs, one translation domain
per owner, never merged across owners:

- the host's domain: the catalogs in ``HOST_CATALOGS`` (its own and those of its feature folders);
- each plugin's domain: the ``translations/`` folder of the plugin's package.

Python code resolves a message in the domain of the package it is written in: ``_("Next")`` in
``plugins/quiz/workform.py`` looks in ``plugins/quiz/translations``, in ``facilitator/live/handlers.py`` in
the host's catalogs. Templates resolve in the domain of the package the template comes from
(``templates/`` is the host's, ``plugins/quiz/templates/`` the quiz's). Where one English word
needs two Dutch ones, the code gives a context: ``pgettext("state", "Set aside")``.

Which language is in force is the caller's business: live snapshots, ``results()``,
``phone_context()``, ``plan()`` and acknowledgements run in the session's language (see
``docs/plugins.md``, "Language").
"""

from __future__ import annotations

import sys
from contextlib import nullcontext
from functools import lru_cache
from pathlib import Path

from babel import Locale
from flask import Flask, current_app, g, request
from flask_babel import Domain, force_locale, get_locale
from flask_babel.speaklater import LazyString
from jinja2 import pass_context
from markupsafe import Markup

HERE = Path(__file__).parent
#: The host's catalogs, relative to this package: one domain, the host's. The one list of them:
#: the app, ``make translations`` (``python -m facilitator.catalogs``) and the tests read it.
HOST_CATALOGS = ("translations", "exports/translations", "teamplan/translations",
                 "library/translations")
LANG_COOKIE = "lang"

_domains: dict[tuple[str, ...], Domain] = {}
_by_module: dict[str, Domain] = {}


def domain_of(*folders: Path | str) -> Domain:
    """The one translation domain of these ``translations`` folders (made once, then shared)."""
    key = tuple(str(Path(f).resolve()) for f in folders)
    if key not in _domains:
        _domains[key] = Domain(list(key))
    return _domains[key]


def host_domain() -> Domain:
    return domain_of(*(HERE / folder for folder in HOST_CATALOGS))


def domain_of_module(name: str) -> Domain:
    """The domain of the code in module ``name``: the host's for ``facilitator`` and its
    submodules; otherwise the nearest enclosing package that has a ``translations/`` folder (a
    plugin without one has an empty domain: its messages stay in English)."""
    found = _by_module.get(name)
    if found is not None:
        return found
    if name == "facilitator" or name.startswith("facilitator."):
        found = host_domain()
    else:
        parts = name.split(".")
        folders = []
        for end in range(len(parts), 0, -1):
            module = sys.modules.get(".".join(parts[:end]))
            file = getattr(module, "__file__", None)
            if file:
                folders.append(Path(file).parent / "translations")
        found = next((domain_of(f) for f in folders if f.is_dir()),
                     domain_of(folders[0]) if folders else host_domain())
    _by_module[name] = found
    return found


def _caller() -> Domain:
    return domain_of_module(sys._getframe(2).f_globals.get("__name__", ""))


# -- for Python code: each call resolves in the domain of the module that makes it -------------
def gettext(string: str, **variables) -> str:
    return _caller().gettext(string, **variables)


def ngettext(singular: str, plural: str, num: int, **variables) -> str:
    return _caller().ngettext(singular, plural, num, **variables)


def pgettext(context: str, string: str, **variables) -> str:
    return _caller().pgettext(context, string, **variables)


def npgettext(context: str, singular: str, plural: str, num: int, **variables) -> str:
    return _caller().npgettext(context, singular, plural, num, **variables)


def lazy_gettext(string: str, **variables) -> LazyString:
    return _caller().lazy_gettext(string, **variables)


def lazy_pgettext(context: str, string: str, **variables) -> LazyString:
    return _caller().lazy_pgettext(context, string, **variables)


_ = gettext
_l = lazy_gettext


def plain(value):
    """``value`` with every lazy string in it made a plain one, in the language in force now:
    for what leaves the process as JSON (snapshots' meta, acknowledgements)."""
    if isinstance(value, LazyString):
        return str(value)
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    if type(value) in (list, tuple):
        return type(value)(plain(v) for v in value)
    return value


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


# -- for templates: each template resolves in the domain of the package it comes from ----------
class TemplateDomains:
    """Which domain each template's messages are in: a plugin's templates in the plugin's, every
    other template (the host's) in the host's."""

    def __init__(self, host_templates: Path, plugins) -> None:
        self.host = host_domain()
        own = _template_names(host_templates)
        self.by_name: dict[str, Domain] = {}
        for plugin in plugins:
            folder = plugin.folder / "templates"
            if folder.is_dir():
                domain = domain_of(plugin.folder / "translations")
                for name in _template_names(folder) - own:
                    self.by_name.setdefault(name, domain)

    def of(self, template_name: str | None) -> Domain:
        return self.by_name.get(template_name, self.host)


def _template_names(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def template_domains() -> TemplateDomains:
    return current_app.extensions["facilitator.template_domains"]


def init_app(app: Flask, host_templates: Path, plugins) -> None:
    from .extensions import babel  # here, so that a plugin importing the contract loads no app

    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(
        str(HERE / folder) for folder in HOST_CATALOGS)
    babel.init_app(app, locale_selector=select_locale)
    domains = app.extensions["facilitator.template_domains"] = TemplateDomains(host_templates,
                                                                               plugins)

    def catalog(context):
        return domains.of(context.name).get_translations()

    # Jinja's i18n extension wraps these "newstyle" (autoescaping, formatting with the keywords)
    app.jinja_env.install_gettext_callables(
        gettext=pass_context(lambda c, s: catalog(c).ugettext(s)),
        ngettext=pass_context(lambda c, s, p, n: catalog(c).ungettext(s, p, n)),
        pgettext=pass_context(lambda c, x, s: catalog(c).upgettext(x, s)),
        npgettext=pass_context(lambda c, x, s, p, n: catalog(c).unpgettext(x, s, p, n)),
        newstyle=True)

    @app.after_request
    def remember_language(response):
        chosen = request.args.get("lang")
        if chosen in app.config["LANGUAGES"]:
            response.set_cookie(LANG_COOKIE, chosen, max_age=365 * 24 * 3600, samesite="Lax")
        return response


@lru_cache(maxsize=32)
def _locale(code: str) -> Locale:
    return Locale.parse(code)


def speaking(code: str):
    """``flask_babel.force_locale(code)`` for the many switches of one live refresh (the
    session's language around each view, a phone's own inside it): nothing to do when ``code`` is
    in force already, and the locale is parsed once per process instead of at every switch
    (Babel looks on disk whether it exists)."""
    current = get_locale()
    if current is not None and str(current) == code:
        return nullcontext()
    return force_locale(_locale(code))


def template_translators(language: str | None = None) -> dict:
    """``gettext`` (also as ``_``), ``ngettext``, ``pgettext`` and ``npgettext`` for one
    rendering, bound to the language in force now (``language``, when the caller knows which it
    is: looking it up costs more than the rest): passed to a template (``snapshots.live_template``
    passes them to every live view), they stand in for the app's, which look
    the language and the catalog up again for every message (a console snapshot has dozens).
    Each message resolves in the domain of the template it is in. They behave as Jinja's
    "newstyle" gettext does: autoescaped, and always a format string."""
    domains, locale, catalogs = template_domains(), language or str(get_locale()), {}

    def catalog(context):
        domain = domains.of(context.name)
        found = catalogs.get(id(domain))
        if found is None:
            found = catalogs[id(domain)] = domain.cache.get((locale, domain.domain[0])) \
                or domain.get_translations()
        return found

    def finish(context, text: str, variables: dict) -> str:
        text = Markup(text) if context.eval_ctx.autoescape else text
        # most messages have nothing to fill in: formatting them changes nothing but costs a
        # Markup escape round (only "%%" must still become "%")
        return text % variables if variables or "%" in text else text

    @pass_context
    def template_gettext(context, string: str, **variables) -> str:
        return finish(context, catalog(context).ugettext(string), variables)

    @pass_context
    def template_ngettext(context, singular: str, plural: str, num: int, **variables) -> str:
        variables.setdefault("num", num)
        return finish(context, catalog(context).ungettext(singular, plural, num), variables)

    @pass_context
    def template_pgettext(context, ctx: str, string: str, **variables) -> str:
        return finish(context, catalog(context).upgettext(ctx, string), variables)

    @pass_context
    def template_npgettext(context, ctx: str, singular: str, plural: str, num: int,
                           **variables) -> str:
        variables.setdefault("num", num)
        return finish(context, catalog(context).unpgettext(ctx, singular, plural, num), variables)

    # ``_`` too: Jinja's own ``_`` looks ``gettext`` up in the context and calls it again
    return {"gettext": template_gettext, "_": template_gettext, "ngettext": template_ngettext,
            "pgettext": template_pgettext, "npgettext": template_npgettext}


def as_json_text(value):
    """``json.dumps(..., default=as_json_text)``: lazy text (``_l``) is stored as the text it reads
    in the language in force (the session's, see docs/plugins.md); anything else stays an error."""
    if isinstance(value, LazyString):
        return str(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")

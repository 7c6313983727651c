"""Each plugin translates in its own domain and the host in its own: no catalog's wording leaks
into another's pages (issue 18)."""

import re
from collections import defaultdict

from babel.messages.pofile import read_po
from jinja2 import pass_context
from markupsafe import Markup

from facilitator import catalogs, i18n
from facilitator.extensions import db, socketio
from facilitator.live import snapshots
from tests.conftest import Console, Phone


def _button(html: str, action: str) -> str:
    found = re.search(rf'<button[^>]*data-action="{action}"[^>]*>([^<]*)</button>', html)
    assert found, f"no {action} button"
    return found.group(1).strip()


def test_the_dutch_console_offers_to_set_a_step_aside_in_the_hosts_words(app, console, phones):
    """The button is an action, "Apart houden"; the quiz's heading for what was set aside is a
    state, "Apart gehouden". One merged catalog showed the quiz's word on the host's button."""
    phones(1)
    assert console.do("start") == {"ok": True}
    assert _button(console.snapshot()["html"], "set_aside") == "Apart houden"


def test_one_message_has_one_dutch_wording_across_all_catalogs():
    """The same English message, in the same context, reads the same in every catalog; where two
    owners need two Dutch words, they give the message a context (``pgettext``). Before domains
    were split, 84 messages were shared and 6 read two ways; the last catalog loaded won."""
    wordings = defaultdict(dict)
    for domain in catalogs.domains():
        for po in domain.po_files():
            with po.open("rb") as source:
                for message in read_po(source):
                    if message.id:
                        key = (message.context, _key(message.id))
                        wordings[key][f"{domain.name}: {po}"] = _key(message.string)
    two_ways = {key: found for key, found in wordings.items() if len(set(found.values())) > 1}
    assert not two_ways, f"translated two ways without a context: {two_ways}"
    assert len([key for key, found in wordings.items() if len(found) > 1]) > 50  # shared, alike


def _key(value):
    return tuple(value) if isinstance(value, list | tuple) else value


# -- every template of every built-in work form, in Dutch, in its own catalog's words -----------
ROLES = ("console", "screen", "phone")


def _catalog(*po_files) -> dict:
    found = {}
    for po in po_files:
        with po.open("rb") as source:
            for message in read_po(source):
                if message.id:
                    found[(message.context, _key(message.id))] = _key(message.string)
    return found


def _owners() -> dict:
    """Template name -> (owner, its catalog), by where the file is on disk."""
    owners = {}
    for domain in catalogs.domains()[1:]:
        own = _catalog(*domain.po_files())
        for path in (domain.root / "templates").rglob("*.html"):
            owners[path.relative_to(domain.root / "templates").as_posix()] = (domain.name, own)
    return owners


def _recording(calls: list):
    """``template_translators`` that note every message a template looks up, and what came out."""
    real = i18n.template_translators

    def translators(language=None):
        found = real(language)

        def spy(kind, translate):
            @pass_context
            def looked_up(context, *args, **variables):
                out = context.call(translate, *args, **variables)
                calls.append((context.name, kind, args, dict(variables), str(out),
                              context.eval_ctx.autoescape))
                return out
            return looked_up

        return {kind: spy(kind, translate) for kind, translate in found.items()}

    return translators


def _expected(catalog: dict, kind: str, args: tuple, variables: dict, autoescape: bool):
    """What the catalog says a lookup gives, or None when the catalog lacks the message."""
    context = args[0] if kind in ("pgettext", "npgettext") else None
    words = args[1:] if context is not None else args
    if kind in ("ngettext", "npgettext"):
        singular, plural, num = words
        string = catalog.get((context, (singular, plural)))
        if string is None:
            return None
        variables = {"num": num, **variables}
        string = string[0 if num == 1 else 1]  # Dutch: one form for 1, one for the rest
    else:
        string = catalog.get((context, words[0]))
        if string is None:
            return None
    return str((Markup(string) if autoescape else string) % variables)


def test_every_template_of_every_built_in_form_speaks_in_its_own_catalogs_words(
        app, trainer_client, monkeypatch):
    """Through a whole Dutch session of every built-in work form (the full workshop and the team
    plan review), every message a console, screen or phone template looks up reads as its own
    catalog has it: a plugin's template in the plugin's catalog, a host template in the host's.
    A word from another catalog, or a message its own catalog lacks, fails."""
    from facilitator.contract.plugins import plugin_host
    from facilitator.sessions import scenarios, workshops
    from facilitator.sessions.models import User

    calls = []
    monkeypatch.setattr(snapshots, "template_translators", _recording(calls))
    owners = _owners()
    host = _catalog(*catalogs.domains()[0].po_files())
    rendered = set()
    for scenario_id in ("volledige-workshop", "teamplan-bespreken", "arenagesprek-veilig-werken",
                        "thematisch-werkoverleg", "teamworkshop-samen-veilig-aan-de-balie",
                        "teamworkshop-terugblik"):
        with app.app_context():
            scenario = scenarios.builtin(plugin_host())[scenario_id]
            assert scenario.language == "nl"
            made = workshops.create(scenario, db.session.get(User, 1), team_name="Balie")
            workshop_id, code = made.id, made.code
        console = Console(app, trainer_client, workshop_id)
        screen = socketio.test_client(app, flask_test_client=trainer_client,
                                      auth={"role": "screen", "workshop": workshop_id})
        phones = [Phone(app, code, name) for name in ("Anna", "Bram", "Chris")]
        assert console.do("start") == {"ok": True}
        while True:
            meta = console.snapshot()["meta"]
            if meta["takes_input"]:
                for phone in phones:
                    phone.answer(passing=True)
                assert console.do("reveal", step=meta["step"])["ok"]
            for view in (console, screen, *phones):
                (view.snapshot() if view is not screen else
                 screen.emit("hello", {}, callback=True)["snapshot"])
            if meta["position"] + 1 >= meta["total"]:
                break
            assert console.do("next") == {"ok": True}

    wrong = []
    for name, kind, args, variables, out, autoescape in calls:
        rendered.add(name)
        owner, catalog = owners.get(name, ("facilitator", host))
        expected = _expected(catalog, kind, args, variables, autoescape)
        if expected != out:
            wrong.append(f"{name} ({owner}): {args} gave {out!r}, its catalog says {expected!r}")
    assert not wrong, "\n".join(sorted(set(wrong))[:20])
    forms = ("arena", "checklist", "debate", "dilemma", "incident", "quiz", "review", "statements",
             "teamworkshop")
    unseen = [f"{form} {role}" for form in forms for role in ROLES
              if not any(name.startswith(f"{form}/") and role in name for name in rendered)]
    assert not unseen, f"no template of these forms and roles of these forms looked a message up: {unseen}"
    assert len(calls) > 1000
    assert {"live/console_step.html", "live/screen_step.html", "live/phone_step.html"} <= rendered


def test_a_plugins_python_code_speaks_in_its_own_catalogs_words(app):
    """``_``/``_l`` in a plugin's modules look in the plugin's catalog: each built-in form's title
    and its configuration fields' labels read, in Dutch, as its own catalog has them (bound to
    the host's catalog, they would stay English)."""
    from flask_babel import force_locale

    from facilitator.contract.plugins import plugin_host

    checked = 0
    with app.test_request_context(), force_locale("nl"):
        loaded = plugin_host()
        for domain in catalogs.domains()[1:]:
            own = _catalog(*domain.po_files())
            for form in loaded.forms_of(domain.name):
                labels = [form.title, *(f.label for f in form.fields)]
                for label in labels:
                    english = label._args[0]
                    assert str(label) == own[(None, english)], (domain.name, english)
                    checked += 1
    assert checked >= 12

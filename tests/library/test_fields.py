"""Every built-in work form describes its configuration, and the generated form loses nothing."""

from pathlib import Path

import pytest
from werkzeug.datastructures import MultiDict

from facilitator.contract.fields import Choice, Field, Group, Repeat
from facilitator.extensions import db
from facilitator.library.models import StoredScenario
from facilitator.sessions import scenarios

from .conftest import editor_fields

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted(p.stem for p in [*ROOT.glob("scenarios/*.yaml"), *ROOT.glob("plugins/*/*.yaml")])


def _problems(fields, where=""):
    names = [f.name for f in fields]
    yield from (f"{where}{n}: named twice" for n in set(names) if names.count(n) > 1)
    for f in fields:
        if not isinstance(f, Field) or not f.name or not str(f.label):
            yield f"{where}{f!r}: a field needs a name and a label"
        elif isinstance(f, Repeat | Group):
            yield from _problems(f.fields, f"{where}{f.name}.") if f.fields else [f"{where}{f.name}: empty"]
        elif isinstance(f, Choice) and not f.options:
            yield f"{where}{f.name}: a choice without options"


def test_every_built_in_work_form_describes_its_fields(host):
    built_in = {p.name for p in host.plugins() if (ROOT / "plugins" / p.name).is_dir()}
    forms = {name: form for name, form in host.work_forms.items() if host.provided_by[name] in built_in}
    assert "statements" in forms
    without = sorted(name for name, form in forms.items() if not form.fields)
    assert not without, f"work forms without a field description: {without}"
    wrong = [f"{name}: {problem}" for name, form in forms.items() for problem in _problems(form.fields)]
    assert not wrong, wrong


@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_the_generated_form_gives_back_every_shipped_scenario_unchanged(app, trainer_client, host,
                                                                         scenario_id):
    original = scenarios.builtin(host)[scenario_id].as_dict()
    copied = trainer_client.post(f"/trainer/library/{scenario_id}/duplicate")
    url = copied.location
    fields = editor_fields(trainer_client, url)
    assert ("activities[0].type", original["activities"][0]["type"]) in fields
    saved = trainer_client.post(url, data=MultiDict(fields))
    assert saved.status_code == 302, saved.get_data(as_text=True)[:3000]
    with app.app_context():
        stored = db.session.get(StoredScenario, int(url.rsplit("/", 1)[1]))
        assert stored.version == 2
        assert stored.content == {**original, "title": f"{original['title']} (kopie)"}

"""The incident being evaluated: prepared in the scenario as a case, or described by the trainer.

An incident is plain data::

    {"title": "...", "setting": "...", "account": "...",
     "people": [{"role": "medewerker A", "about": "...", "names": "Anouk, Anouk de Vries"}],
     "interaction": "...", "tension": "...", "incident": "...", "aftercare": "...",
     "names": "..."}

People appear as roles. ``names`` (of a person, or of the incident; comma separated, so that
the scenario editor shows them as one line) are never shown: they are only used to mask those
names wherever participants' text reaches the shared screen.
"""

from __future__ import annotations

from typing import Any

from facilitator import LongText, Problem, Repeat, Text, _, _l, clean

from .factors import PHASES
from .masking import mask

LIMITS = {"title": 120, "setting": 80, "account": 2000, "role": 60, "about": 160, "phase": 600,
          "name": 60}
MAX_CASES = 12
MAX_PEOPLE = 8
MAX_NAMES = 12

#: The cases as the scenario editor asks for them.
FIELDS = [Repeat("cases", _l("Prepared cases"), item_label=_l("Case"), maximum=MAX_CASES, help=_l(
    "The trainer chooses one, or describes an incident on the console."), fields=[
    Text("title", _l("Title"), required=True, max_length=LIMITS["title"]),
    Text("setting", _l("Where (counter, home visit, phone…)"), max_length=LIMITS["setting"]),
    LongText("account", _l("What happened"), required=True, max_length=LIMITS["account"],
             help=_l("Describe people by their role (employee A, citizen B), never by name.")),
    Repeat("people", _l("People involved"), item_label=_l("Person"), maximum=MAX_PEOPLE, fields=[
        Text("role", _l("Role"), required=True, max_length=LIMITS["role"]),
        Text("about", _l("Who it is"), max_length=LIMITS["about"]),
        Text("names", _l("Names that must never appear on the screen (comma separated)"),
             help=_l("Participants may type them; the screen shows the role instead.")),
    ]),
    *(LongText(phase, label, rows=2, max_length=LIMITS["phase"]) for phase, label in PHASES.items()),
])]


def _names(value: Any) -> list[str] | None:
    """A list of names from a list or a comma-separated text; None when it is neither."""
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(n, str) for n in value):
        return None
    return [" ".join(n.split()) for n in value if n.strip()]


def _text(value: Any, limit: int, where: str, problems: list[Problem], required=False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        problems.append(Problem(where, _("Please enter text.")))
        return ""
    value = value.strip()
    if required and not value:
        problems.append(Problem(where, _("This is required.")))
    elif len(value) > limit:
        problems.append(Problem(where, _("At most %(n)d characters.", n=limit)))
    return value


def validate_case(case: Any, where: str, problems: list[Problem]) -> dict[str, Any]:
    """One prepared case as an incident; every problem is added to ``problems``."""
    if not isinstance(case, dict):
        problems.append(Problem(where, _("A case needs a title and an account.")))
        return {}
    people = []
    items = case.get("people") or []
    if not isinstance(items, list) or len(items) > MAX_PEOPLE:
        problems.append(Problem(f"{where}.people", _(
            "A list of at most %(n)d people involved.", n=MAX_PEOPLE)))
        items = []
    for index, person in enumerate(items):
        here = f"{where}.people[{index}]"
        if isinstance(person, str):
            person = {"role": person}
        if not isinstance(person, dict):
            problems.append(Problem(here, _("A person involved needs a role.")))
            continue
        names = _names(person.get("names"))
        if names is None or len(names) > MAX_NAMES or any(len(n) > LIMITS["name"] for n in names):
            problems.append(Problem(f"{here}.names", _("A list of short names.")))
            names = []
        people.append({"role": _text(person.get("role"), LIMITS["role"], f"{here}.role", problems,
                                     required=True),
                       "about": _text(person.get("about"), LIMITS["about"], f"{here}.about",
                                      problems),
                       "names": ", ".join(names)})
    return {
        "title": _text(case.get("title"), LIMITS["title"], f"{where}.title", problems, True),
        "setting": _text(case.get("setting"), LIMITS["setting"], f"{where}.setting", problems),
        "account": _text(case.get("account"), LIMITS["account"], f"{where}.account", problems,
                         True),
        "people": people,
        **{phase: _text(case.get(phase), LIMITS["phase"], f"{where}.{phase}", problems)
           for phase in PHASES},
        "names": "",
    }


def validate_cases(config: dict[str, Any]) -> tuple[list[dict[str, Any]], list[Problem]]:
    problems: list[Problem] = []
    items = config.get("cases") or []
    if not isinstance(items, list) or len(items) > MAX_CASES:
        return [], [Problem("cases", _("A list of at most %(n)d cases.", n=MAX_CASES))]
    cases = [validate_case(case, f"cases[{index}]", problems) for index, case in enumerate(items)]
    return cases, problems


def incident_from_form(data: dict[str, Any]) -> dict[str, Any]:
    """The incident as the trainer describes it on the console; raises InputRejected."""
    roles = clean(data.get("roles"), limit=(LIMITS["role"] + LIMITS["about"] + 2) * MAX_PEOPLE,
                  multiline=True, required=False, label=_("The people involved"))
    names = _names(clean(data.get("names"), limit=LIMITS["name"] * MAX_NAMES, required=False,
                         label=_("The names")))
    return {
        "title": clean(data.get("title"), limit=LIMITS["title"], label=_("The title")),
        "setting": clean(data.get("setting"), limit=LIMITS["setting"], required=False,
                         label=_("Where")),
        "account": clean(data.get("account"), limit=LIMITS["account"], multiline=True,
                         label=_("What happened")),
        "people": [_person(line) for line in roles.splitlines() if line.strip()][:MAX_PEOPLE],
        **{phase: clean(data.get(phase), limit=LIMITS["phase"], multiline=True, required=False,
                        label=str(label))
           for phase, label in PHASES.items()},
        "names": ", ".join(names[:MAX_NAMES]),
    }


def _person(line: str) -> dict[str, Any]:
    """"medewerker A: baliemedewerker" as a person involved, with a role and who that is."""
    role, _colon, about = line.partition(":")
    return {"role": role.strip()[:LIMITS["role"]], "about": about.strip()[:LIMITS["about"]],
            "names": ""}


def all_names(incident: dict[str, Any]) -> list[str]:
    """Every name that is masked for this incident, for the trainer's form."""
    return [n for p in incident.get("people", []) for n in _names(p.get("names"))] + \
        _names(incident.get("names"))


def shown(incident: dict[str, Any], names: list[tuple[str, str]]) -> dict[str, Any]:
    """The incident as the shared screen and the phones show it: names become roles."""
    return {**incident, **{key: mask(incident[key], names) for key in ("title", "account", *PHASES)}}


def masked_names(incident: dict[str, Any] | None) -> list[tuple[str, str]]:
    """(name, replacement) pairs of the people involved: a name becomes the person's role."""
    if not incident:
        return []
    pairs = [(name, person["role"]) for person in incident.get("people", [])
             for name in _names(person.get("names"))]
    return pairs + [(name, _("[name]")) for name in _names(incident.get("names"))]

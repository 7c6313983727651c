"""The debate's configuration in a scenario: the statements to choose from, the votes and the
clocks. ``FIELDS`` is what the scenario editor shows; ``validate`` is the judge."""

from __future__ import annotations

from typing import Any

from facilitator import Boolean, ConfigInvalid, LongText, Number, Problem, Repeat, _, _l

MAX_STATEMENT = 300
DEFAULTS = {"opening_vote": True, "sides_from_vote": False, "preparation": True,
            "closing_vote": True, "written_arguments": False,
            "speaking_time": 60, "debate_time": 20}
LIMITS = {"speaking_time": 600, "debate_time": 120}  # seconds per turn, minutes in all

FIELDS = [
    Repeat("statements", _l("Statements"), item_label=_l("Statement"), minimum=1,
           help=_l("The trainer chooses one on the console before the debate starts."), fields=[
               LongText("text", _l("Text"), required=True, max_length=MAX_STATEMENT, rows=2)]),
    Boolean("opening_vote", _l("Opening vote on the statement"), default=True),
    Boolean("sides_from_vote", _l("Form the sides from the opening vote (otherwise the trainer "
                                  "divides the group at random)"), default=False),
    Boolean("preparation", _l("Preparation: each side collects arguments on its phones"),
            default=True),
    Boolean("closing_vote", _l("Closing vote that shows who changed their mind"), default=True),
    Number("speaking_time", _l("Speaking time per turn, in seconds (0: no limit)"), minimum=0,
           maximum=LIMITS["speaking_time"], default=DEFAULTS["speaking_time"]),
    Number("debate_time", _l("Debate time, in minutes (0: no limit)"), minimum=0,
           maximum=LIMITS["debate_time"], default=DEFAULTS["debate_time"]),
    Boolean("written_arguments", _l("Everyone may type arguments, also without the floor")),
]


def validate(config: dict[str, Any] | None) -> dict[str, Any]:
    """The config with its defaults filled in; ConfigInvalid names every problem."""
    config = {**DEFAULTS, **(config or {})}
    items = config.get("statements")
    if not isinstance(items, list) or not items:
        raise ConfigInvalid([Problem("statements", _("Add at least one statement."))])
    problems, statements = [], []
    for index, item in enumerate(items):
        text = item.get("text") if isinstance(item, dict) else item
        where = f"statements[{index}].text"
        if not isinstance(text, str) or not text.strip():
            problems.append(Problem(where, _("A statement needs a text.")))
        elif len(text.strip()) > MAX_STATEMENT:
            problems.append(Problem(where, _("At most %(n)d characters.", n=MAX_STATEMENT)))
        else:
            statements.append({"text": " ".join(text.split())})
    for key in ("opening_vote", "sides_from_vote", "preparation", "closing_vote",
                "written_arguments"):
        if not isinstance(config[key], bool):
            problems.append(Problem(key, _("Choose true or false.")))
    for key, limit in LIMITS.items():
        value = config[key]
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= limit:
            problems.append(Problem(key, _("A whole number from 0 (no limit) to %(n)d.", n=limit)))
    if problems:
        raise ConfigInvalid(problems)
    return {**{key: config[key] for key in DEFAULTS}, "statements": statements}

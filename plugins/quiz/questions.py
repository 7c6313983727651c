"""The quiz's questions as a scenario gives them: checked, with a clear message per problem.

A fact question is multiple choice (``options`` and the ``correct`` letter or letters), true/false
(``correct: true`` or ``false``, no options) or open (an ``answer`` the trainer judges by).
An opinion question has no correct answer: ``options`` to choose from, or none for a free answer.
"""

from __future__ import annotations

from typing import Any

from facilitator import Choice, ConfigInvalid, LongText, Number, Problem, Repeat, Text, TextList, _, _l

SPOKESPERSON, MAJORITY = "spokesperson", "majority"
MODES = (SPOKESPERSON, MAJORITY)
FACT, OPINION = "fact", "opinion"
CHOICE, TRUE_FALSE, OPEN = "choice", "true_false", "open"
LETTERS = "ABCDEF"
TRUE_FALSE_CHOICES = ("true", "false")
MIN_TEAMS, MAX_TEAMS = 2, 6
MAX_QUESTION, MAX_OPTION, MAX_ANSWER = 300, 120, 400
MAX_EXPLANATION, MAX_SOURCE, MAX_POINTS = 1200, 200, 100

FIELDS = [  # what the scenario editor shows; read_config stays the judge
    Choice("mode", _l("Who answers for a team"), required=True, default=SPOKESPERSON, options=[
        (SPOKESPERSON, _l("A spokesperson, in turn")), (MAJORITY, _l("The majority of the team"))]),
    Number("teams", _l("Number of teams"), required=True, default=3, minimum=MIN_TEAMS,
           maximum=MAX_TEAMS),
    Repeat("questions", _l("Questions"), item_label=_l("Question"), minimum=1, fields=[
        LongText("text", _l("Question"), required=True, max_length=MAX_QUESTION, rows=2),
        Choice("type", _l("Kind of question"), required=True, default=FACT, options=[
            (FACT, _l("Fact question: has a right answer")),
            (OPINION, _l("Opinion question: no right answer"))]),
        TextList("options", _l("Options"), item_label=_l("Option"), max_length=MAX_OPTION,
                 maximum=len(LETTERS), help=_l(
                     "Two to six, lettered A, B, C… Leave empty for a true/false or open question.")),
        Choice("correct", _l("Correct answer"), multiple=True, options=[
            *((letter, letter) for letter in LETTERS), ("true", _l("true")), ("false", _l("false"))],
            help=_l("The letter of each correct option, or true or false for a statement without "
                    "options. None for an open or an opinion question.")),
        Text("answer", _l("Answer the trainer judges by"), max_length=MAX_ANSWER,
             help=_l("For an open fact question only.")),
        Number("points", _l("Points"), default=2, minimum=1, maximum=MAX_POINTS),
        Number("steal_points", _l("Points for stealing"), default=1, minimum=0, maximum=MAX_POINTS,
               help=_l("Fact questions only; 0 for an opinion question.")),
        LongText("explanation", _l("Explanation"), max_length=MAX_EXPLANATION),
        Text("source", _l("Source"), max_length=MAX_SOURCE),
    ]),
]


def read_config(config: dict[str, Any]) -> dict[str, Any]:
    """The quiz config, normalised; raise ConfigInvalid naming every item that is wrong."""
    problems: list[Problem] = []
    mode = config.get("mode", SPOKESPERSON)
    if mode not in MODES:
        problems.append(Problem("mode", _("Choose spokesperson or majority.")))
    teams = config.get("teams", 3)
    if isinstance(teams, bool) or not isinstance(teams, int) or not MIN_TEAMS <= teams <= MAX_TEAMS:
        problems.append(Problem("teams", _("Choose between %(low)d and %(high)d teams.",
                                           low=MIN_TEAMS, high=MAX_TEAMS)))
    points = _points(config.get("points", 2), "points", problems, minimum=1)
    steal = _points(config.get("steal_points", 1), "steal_points", problems, minimum=0)
    items = config.get("questions")
    if not isinstance(items, list) or not items:
        problems.append(Problem("questions", _("Add at least one question.")))
        items = []
    questions = [_question(item, f"questions[{index}]", problems, points or 2, steal or 0)
                 for index, item in enumerate(items)]
    if problems:
        raise ConfigInvalid(problems)
    return {"mode": mode, "teams": teams, "questions": questions}


def choices(question: dict[str, Any]) -> list[str]:
    """What a team can choose from: option letters, true/false, or nothing (a written answer)."""
    if question["format"] == TRUE_FALSE:
        return list(TRUE_FALSE_CHOICES)
    return list(LETTERS[: len(question["options"])])


def _question(item: Any, where: str, problems: list[Problem], points: int,
              steal: int) -> dict[str, Any]:
    if not isinstance(item, dict):
        problems.append(Problem(where, _("A question is a mapping with at least a text.")))
        return {}
    text = _text(item.get("text"), f"{where}.text", problems, MAX_QUESTION, required=True)
    kind = item.get("type", FACT)
    if kind not in (FACT, OPINION):
        problems.append(Problem(f"{where}.type", _("The type is fact or opinion.")))
    options = _options(item.get("options"), f"{where}.options", problems)
    question = {
        "text": text, "type": kind, "options": options, "correct": [], "answer": "",
        "points": _points(item.get("points", points), f"{where}.points", problems, minimum=1),
        "steal_points": 0,
        "explanation": _text(item.get("explanation"), f"{where}.explanation", problems,
                             MAX_EXPLANATION),
        "source": _text(item.get("source"), f"{where}.source", problems, MAX_SOURCE),
    }
    correct = item.get("correct")
    if correct == [] or isinstance(correct, list) and len(correct) == 1 and not options:
        correct = correct[0] if correct else None  # as read_config gives it: a list
    if kind == OPINION:
        if correct is not None or item.get("steal_points") not in (None, 0):
            problems.append(Problem(f"{where}.correct", _(
                "An opinion question has no correct answer and no steal points.")))
        question["format"] = CHOICE if options else OPEN
        return question
    question["steal_points"] = _points(item.get("steal_points", steal), f"{where}.steal_points",
                                       problems, minimum=0)
    if (question["steal_points"] or 0) > (question["points"] or 0):
        problems.append(Problem(f"{where}.steal_points", _(
            "Steal points cannot be more than the question's points.")))
    if options:
        question["format"] = CHOICE
        question["correct"] = _letters(correct, len(options), f"{where}.correct", problems)
    elif isinstance(correct, bool) or correct in TRUE_FALSE_CHOICES:
        question["format"] = TRUE_FALSE
        question["correct"] = [str(correct).lower()]
    elif correct is None:
        question["format"] = OPEN
        question["answer"] = _text(item.get("answer"), f"{where}.answer", problems, MAX_ANSWER,
                                   required=True)
    else:
        problems.append(Problem(f"{where}.correct", _(
            "Give options with the correct letter, true or false, or an answer the trainer "
            "judges by.")))
    return question


def _text(value: Any, where: str, problems: list[Problem], limit: int, *,
          required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        problems.append(Problem(where, _("Write this as text.")))
        return ""
    value = " ".join(str(value).split())
    if required and not value:
        problems.append(Problem(where, _("This is empty.")))
    if len(value) > limit:
        problems.append(Problem(where, _("At most %(n)d characters.", n=limit)))
    return value


def _options(value: Any, where: str, problems: list[Problem]) -> list[str]:
    if value is None or value == []:
        return []
    if not isinstance(value, list) or not 2 <= len(value) <= len(LETTERS):
        problems.append(Problem(where, _("Give between 2 and %(n)d options.", n=len(LETTERS))))
        return []
    return [_text(option, f"{where}[{index}]", problems, MAX_OPTION, required=True)
            for index, option in enumerate(value)]


def _letters(value: Any, count: int, where: str, problems: list[Problem]) -> list[str]:
    if isinstance(value, str):
        value = value.replace(",", " ").split()
    allowed = LETTERS[:count]
    if not isinstance(value, list) or not value or not all(
            isinstance(letter, str) and letter.upper() in allowed for letter in value):
        problems.append(Problem(where, _(
            "Name the correct option by its letter, from A to %(last)s.", last=allowed[-1])))
        return []
    return sorted({letter.upper() for letter in value})


def _points(value: Any, where: str, problems: list[Problem], *, minimum: int) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= MAX_POINTS:
        problems.append(Problem(where, _("Points are a whole number from %(low)d to %(high)d.",
                                         low=minimum, high=MAX_POINTS)))
        return None
    return value

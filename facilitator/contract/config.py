"""Checking a list of texts in a scenario's configuration (questions, statements, outcomes).

``text_items`` walks the list and adds a ``Problem`` for each thing wrong, at the place the
scenario editor shows it (``questions[2].text``); it yields each usable item for the work form's
own checks of its other keys::

    problems = []
    questions = []
    for where, item, text in text_items(
            config.get("questions"), "questions", problems, limit=300,
            needs_text=_("A question needs a text."),
            at_least_one=_("Add at least one question."),
            most=20, too_many=_("At most 20 questions.")):
        if item.get("theme") not in THEMES:
            problems.append(Problem(f"{where}.theme", _("Choose one of the themes.")))
        questions.append({"theme": item.get("theme"), "text": text})
    if problems:
        raise ConfigInvalid(problems)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .workform import Problem, _


def text_items(items: Any, name: str, problems: list[Problem], *, limit: int, needs_text: str,
               at_least_one: str | None = None, most: int | None = None,
               too_many: str | None = None,
               ) -> Iterator[tuple[str, dict[str, Any], str]]:
    """Each item of the list ``items`` (the config's ``name``) that has a text, as ``(where,
    item, text)``: ``where`` is ``name[i]``, ``item`` the mapping (a plain string ``s`` stands
    for ``{"text": s}``), ``text`` its text stripped.

    Problems are added to ``problems`` as the list is walked, so that they stand in the order of
    the items: with ``at_least_one``, at ``name`` when ``items`` is not a list or is empty
    (nothing is yielded); with ``most``, ``too_many`` at ``name`` when there are more (all are
    still walked); ``needs_text`` at ``name[i]`` for an item that is no mapping and at
    ``name[i].text`` for one without a text (not yielded); "At most N characters" at
    ``name[i].text`` for a text longer than ``limit`` (yielded still)."""
    if not isinstance(items, list) or not items:
        if at_least_one is not None:
            problems.append(Problem(name, at_least_one))
        return
    if most is not None and len(items) > most:
        problems.append(Problem(name, too_many or ""))
    for index, item in enumerate(items):
        where = f"{name}[{index}]"
        if isinstance(item, str):
            item = {"text": item}
        if not isinstance(item, dict):
            problems.append(Problem(where, needs_text))
            continue
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            problems.append(Problem(f"{where}.text", needs_text))
            continue
        text = text.strip()
        if len(text) > limit:
            problems.append(Problem(f"{where}.text", _("At most %(n)d characters.", n=limit)))
        yield where, item, text

"""The fields of a work form's configuration: what the scenario editor shows for it.

A work form lists its fields in ``WorkForm.fields``; the editor generates a form from them, so a
plugin needs no editor code of its own::

    fields = [
        Choice("visibility", _l("Who sees the answers"), required=True, default=ANONYMOUS,
               options=[(ANONYMOUS, _l("Anonymous")), (NAMED, _l("Named"))]),
        Repeat("statements", _l("Statements"), item_label=_l("Statement"), minimum=1, fields=[
            LongText("text", _l("Statement"), required=True, max_length=400),
            Choice("policy_answer", _l("Policy answer"), options=[("agree", _l("agree"))]),
        ]),
    ]

``name`` is the key in the config (``statements``, and ``text`` within each item), so a problem
that ``validate_config`` names ``statements[3].text`` is shown next to the fourth statement's text.
The limits (``required``, ``max_length``, ``minimum``...) only guide the form: the work form's own
``validate_config`` stays the judge. Labels and help are lazy translatable strings (``_l``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import KW_ONLY, dataclass
from typing import Any, ClassVar


@dataclass(frozen=True)
class Field:
    """One key of a configuration. Subclasses say how the editor asks for its value."""

    name: str
    label: str
    _: KW_ONLY
    help: str = ""
    required: bool = False
    default: Any = None
    kind: ClassVar[str] = ""


@dataclass(frozen=True, kw_only=True)
class Text(Field):
    """One line of text."""

    max_length: int | None = None
    kind: ClassVar[str] = "text"


@dataclass(frozen=True, kw_only=True)
class LongText(Text):
    """Text of several lines (a case description, an explanation)."""

    rows: int = 4
    kind: ClassVar[str] = "longtext"


@dataclass(frozen=True, kw_only=True)
class Choice(Field):
    """A value from a list: ``options`` are ``(value, label)`` pairs. Not required: may be empty.

    With ``multiple`` the value is a list of the chosen values, and the editor shows checkboxes.
    """

    options: Sequence[tuple[Any, str]] = ()
    multiple: bool = False
    kind: ClassVar[str] = "choice"


@dataclass(frozen=True, kw_only=True)
class Number(Field):
    """A number, whole unless ``whole`` is False."""

    minimum: float | None = None
    maximum: float | None = None
    whole: bool = True
    kind: ClassVar[str] = "number"


@dataclass(frozen=True, kw_only=True)
class Boolean(Field):
    """Yes or no: a checkbox."""

    default: Any = False
    kind: ClassVar[str] = "boolean"


@dataclass(frozen=True, kw_only=True)
class TextList(Field):
    """A list of short texts (answer options, names), each added, removed and re-ordered."""

    item_label: str = ""
    max_length: int | None = None
    minimum: int = 0
    maximum: int | None = None
    kind: ClassVar[str] = "textlist"


@dataclass(frozen=True, kw_only=True)
class Group(Field):
    """Fields kept together under one key, as a mapping (the four phases of an incident)."""

    fields: Sequence[Field] = ()
    kind: ClassVar[str] = "group"


@dataclass(frozen=True, kw_only=True)
class Repeat(Field):
    """A list of items, each a mapping of ``fields`` (questions, statements, dilemmas, cases).

    The editor adds, removes and re-orders items; ``item_label`` names one ("Statement 3").
    """

    fields: Sequence[Field] = ()
    item_label: str = ""
    minimum: int = 0
    maximum: int | None = None
    kind: ClassVar[str] = "repeat"

"""facilitator: live team sessions on aggression and violence against public-service staff.

The names below are the public surface for plugins; import nothing else from the package.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

# Each public name and the module it lives in. They are imported on first use (PEP 562), so that
# `from facilitator import WorkForm` in a plugin does not load the web app, the database layer or
# Socket.IO.
_PUBLIC = {
    "facilitator.contract.fields": [
        "Boolean", "Choice", "Group", "LongText", "Number", "Repeat", "Text", "TextList",
    ],
    "facilitator.contract.config": ["text_items"],
    "facilitator.contract.dots": ["allocate_dots", "dots_given"],
    "facilitator.contract.hookspecs": ["hookimpl"],
    "facilitator.i18n": ["_", "_l", "gettext", "lazy_pgettext", "ngettext", "npgettext", "pgettext"],
    "facilitator.contract.phases": ["Phase", "PhasedWorkForm"],
    "facilitator.contract.text": ["clean"],
    "facilitator.contract.workform": [
        "ANONYMOUS", "NAMED", "TRAINER_ONLY", "VISIBILITIES", "ActionRejected", "ConfigInvalid",
        "Contribution", "Entry", "InputRejected", "NewAgreement", "Participant", "Problem",
        "StatusChange", "Step", "StepView", "Table", "WorkForm",
    ],
}
_WHERE = {name: module for module, names in _PUBLIC.items() for name in names}

if TYPE_CHECKING:  # for type checkers and editors; at run time __getattr__ imports these
    from .contract.config import text_items  # noqa: F401
    from .contract.dots import allocate_dots, dots_given  # noqa: F401
    from .contract.fields import (  # noqa: F401
        Boolean,
        Choice,
        Group,
        LongText,
        Number,
        Repeat,
        Text,
        TextList,
    )
    from .contract.hookspecs import hookimpl  # noqa: F401
    from .contract.phases import Phase, PhasedWorkForm  # noqa: F401
    from .contract.text import clean  # noqa: F401
    from .contract.workform import (  # noqa: F401
        ANONYMOUS,
        NAMED,
        TRAINER_ONLY,
        VISIBILITIES,
        ActionRejected,
        ConfigInvalid,
        Contribution,
        Entry,
        InputRejected,
        NewAgreement,
        Participant,
        Problem,
        StatusChange,
        Step,
        StepView,
        Table,
        WorkForm,
    )
    from .i18n import _, _l, gettext, lazy_pgettext, ngettext, npgettext, pgettext  # noqa: F401


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'facilitator' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next lookup is an ordinary one
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))


__version__ = "0.1.0"

__all__ = [
    "ANONYMOUS", "NAMED", "TRAINER_ONLY", "VISIBILITIES", "ActionRejected", "Boolean", "Choice",
    "ConfigInvalid", "Group", "LongText", "Number", "Repeat", "Text", "TextList",
    "Contribution", "Entry", "InputRejected", "NewAgreement", "Participant", "Problem",
    "StatusChange", "Step", "StepView", "Table", "WorkForm", "_", "_l", "clean", "create_app",
    "gettext", "hookimpl", "lazy_pgettext", "ngettext", "npgettext", "open_agreements", "pgettext",
    "earlier_sessions", "Phase", "PhasedWorkForm", "allocate_dots", "dots_given", "text_items",
]


def create_app(config=None):
    from .app import create_app as factory

    return factory(config)


def earlier_sessions(activity_id):
    """The team's earlier sessions with this activity's work form, as plain data (see
    teamplan.followup)."""
    from .teamplan.followup import earlier_sessions as found

    return found(activity_id)


def open_agreements(activity_id):
    """The open agreements of the team plan of this activity's session (see teamplan.followup)."""
    from .teamplan.followup import open_agreements as found

    return found(activity_id)


"""facilitator: live team sessions on aggression and violence against public-service staff.

The names below are the public surface for plugins; import nothing else from the package.
"""

from .fields import Boolean, Choice, Group, LongText, Number, Repeat, Text, TextList
from .hookspecs import hookimpl
from .i18n import _, _l, gettext, lazy_pgettext, ngettext, npgettext, pgettext
from .text import clean
from .workform import (
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

__version__ = "0.1.0"

__all__ = [
    "ANONYMOUS", "NAMED", "TRAINER_ONLY", "VISIBILITIES", "ActionRejected", "Boolean", "Choice",
    "ConfigInvalid", "Group", "StatusChange", "LongText", "Number", "Repeat", "Text", "TextList",
    "Contribution", "Entry", "InputRejected", "NewAgreement", "Participant", "Problem", "Step",
    "StepView", "Table", "WorkForm", "_", "_l", "clean", "create_app", "gettext", "hookimpl",
    "lazy_pgettext", "ngettext", "npgettext", "open_agreements", "pgettext",
]


def create_app(config=None):
    from .app import create_app as factory

    return factory(config)


def open_agreements(activity_id):
    """The open agreements of the team plan of this activity's session (see teamplan.followup)."""
    from .teamplan.followup import open_agreements as found

    return found(activity_id)


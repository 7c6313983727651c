"""The nine steps of the dilemma method, in the order the group goes through them."""

from facilitator import Phase

from .closing import AgreementAndDifferences, Evaluate, Weighing
from .collect import Choose, Collect
from .formulate import Clarify, Formulate
from .table import Alternatives, ValuesAndNorms

STEPS: list[Phase] = [Collect(), Choose(), Formulate(), Clarify(), ValuesAndNorms(),
                      Alternatives(), Weighing(), AgreementAndDifferences(), Evaluate()]

__all__ = ["STEPS"]

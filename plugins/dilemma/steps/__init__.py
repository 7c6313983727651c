"""The nine steps of the dilemma method, in the order the group goes through them."""

from .base import MethodStep
from .closing import AgreementAndDifferences, Evaluate, Weighing
from .collect import Choose, Collect
from .formulate import Clarify, Formulate
from .table import Alternatives, ValuesAndNorms

STEPS: list[MethodStep] = [Collect(), Choose(), Formulate(), Clarify(), ValuesAndNorms(),
                           Alternatives(), Weighing(), AgreementAndDifferences(), Evaluate()]
BY_KEY = {step.key: step for step in STEPS}

__all__ = ["BY_KEY", "STEPS", "MethodStep"]

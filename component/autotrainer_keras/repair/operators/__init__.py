"""Repair operators: pure `TrainingSpec -> TrainingSpec` transformations, one per solution.

op = get_operator("gradient")
new_spec, params = op.apply(spec, try_index=0, rng=attempt_rng(seed, "gradient", 0))
op.describe(params)  # one sentence for the report
"""

from autotrainer_keras.repair.operators.base import RepairOperator, attempt_rng, validate_spec
from autotrainer_keras.repair.operators.registry import OPERATORS, PAPER_OPERATORS, get_operator

__all__ = [
    "OPERATORS",
    "PAPER_OPERATORS",
    "RepairOperator",
    "attempt_rng",
    "get_operator",
    "validate_spec",
]

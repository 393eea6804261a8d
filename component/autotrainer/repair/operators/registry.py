"""Every repair operator by solution id.

Ids are the paper's (spec section 4), except that its direction-dependent `lr` is split
into `lr_up` and `lr_down` (see `learning_rate`).
"""

from __future__ import annotations

from autotrainer.errors import InputError
from autotrainer.repair.operators.activation import OPERATORS as ACTIVATION
from autotrainer.repair.operators.base import RepairOperator
from autotrainer.repair.operators.batch_size import OPERATORS as BATCH_SIZE
from autotrainer.repair.operators.batchnorm import OPERATORS as BATCHNORM
from autotrainer.repair.operators.clipping import OPERATORS as CLIPPING
from autotrainer.repair.operators.initializer import OPERATORS as INITIALIZER
from autotrainer.repair.operators.learning_rate import OPERATORS as LEARNING_RATE
from autotrainer.repair.operators.noise import OPERATORS as NOISE
from autotrainer.repair.operators.optimizer import OPERATORS as OPTIMIZER
from autotrainer.repair.operators.overfitting import OPERATORS as OVERFITTING

# A family's operators in this order; a new family is one import line and one entry here.
_FAMILIES = (ACTIVATION, BATCHNORM, CLIPPING, INITIALIZER, BATCH_SIZE, LEARNING_RATE,
             OPTIMIZER, NOISE, OVERFITTING)

OPERATORS: dict[str, RepairOperator] = {op.id: op for family in _FAMILIES for op in family}


def get_operator(solution_id: str) -> RepairOperator:
    """The operator with this solution id.

    Raises:
        InputError: No operator has this id (the message lists the ids that exist).
    """
    try:
        return OPERATORS[solution_id]
    except KeyError:
        hint = " (the paper's 'lr' is 'lr_up' or 'lr_down' here)" if solution_id == "lr" else ""
        raise InputError(
            f"unknown repair solution {solution_id!r}{hint}; known: {', '.join(OPERATORS)}"
        ) from None

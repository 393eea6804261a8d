"""Every repair operator by solution id.

Ids are the paper's (spec section 4), except that its direction-dependent `lr` is split
into `lr_up` and `lr_down` (see `learning_rate`).
"""

from __future__ import annotations

from autotrainer.errors import InputError
from autotrainer.repair.operators import (
    activation,
    batch_size,
    batchnorm,
    clipping,
    initializer,
    learning_rate,
    noise,
    optimizer,
    overfitting,
)
from autotrainer.repair.operators.base import RepairOperator

_FAMILIES = (activation, batchnorm, clipping, initializer, batch_size, learning_rate,
             optimizer, noise, overfitting)

OPERATORS: dict[str, RepairOperator] = {
    op.id: op for family in _FAMILIES for op in family.OPERATORS
}


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

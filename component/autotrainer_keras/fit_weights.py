"""Sample weights as Keras' `fit` takes them.

One output: one finite number per row (or, for targets with steps, one per step). Several
outputs: that one array for every output, or one such array per output, as a dict by output
name or a list in the outputs' order (Keras asks for every output then). A domain-adversarial
model weighs its label head's loss by a mask of the labelled rows and its domain head's by
ones (practice batch 67).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autotrainer_keras.errors import InputError
from autotrainer_keras.io.arrays import Arrays


def checked_weights(
    given: Any, rows: int, what: str, x_name: str = "x", targets: Any = None
) -> Arrays:
    """`given` checked: one array (`checked_row_weights`), or for `targets` by output name
    (a multi-output model's) a dict of them by output name, in the targets' order.

    Raises:
        InputError: `what` is not of a form `fit` takes (the message names the allowed ones).
    """
    if isinstance(targets, dict) and _per_output(given):
        return _output_weights(given, rows, what, x_name, targets)
    if isinstance(given, dict):
        raise InputError(
            f"{what} is a dict: weights by output name are for a model with several outputs; "
            "pass one weight per row"
        )
    return checked_row_weights(given, rows, what, x_name, targets)


def _per_output(given: Any) -> bool:
    """A dict, or a list of arrays (not of numbers): one entry per output."""
    if isinstance(given, dict):
        return True
    return (isinstance(given, list | tuple) and bool(given)
            and all(np.ndim(entry) >= 1 for entry in given))  # fmt: skip


def _output_weights(
    given: Any, rows: int, what: str, x_name: str, targets: dict[str, Any]
) -> dict[str, np.ndarray]:
    names = list(targets)
    if isinstance(given, dict):
        missing = [name for name in names if name not in given]
        unknown = sorted(str(name) for name in given if name not in targets)
        if missing or unknown:
            wrong = "; ".join(part for part in (
                f"missing {', '.join(missing)}" if missing else "",
                f"no output named {', '.join(unknown)}" if unknown else "",
            ) if part)  # fmt: skip
            raise InputError(
                f"{what} by output name must name every output ({', '.join(names)}) and no "
                f"other, as Keras' fit asks: {wrong}"
            )
        by_name = given
    else:
        if len(given) != len(names):
            raise InputError(
                f"{what} holds {len(given)} arrays but the model has {len(names)} outputs "
                f"({', '.join(names)}); pass one per output, in that order, or a dict by "
                "output name"
            )
        by_name = dict(zip(names, given, strict=True))
    return {name: checked_row_weights(by_name[name], rows, f"{what}['{name}']", x_name,
                                      targets[name])
            for name in names}  # fmt: skip


def checked_row_weights(
    given: Any, rows: int, what: str, x_name: str = "x", targets: Any = None
) -> np.ndarray:
    """Sample weights for one output: one finite number per row (shape `(rows,)`, or
    `(rows, 1)`), as float64 of shape `(rows,)`; or, for `targets` with steps (a sequence
    tagger's), one per step: the shape of the targets' leading axes, kept.

    Raises:
        InputError: `what` is not numbers, not one per row (or step), or holds NaN/Inf (which
            the weighted loss turns into a NaN loss that reads as an exploding gradient).
    """
    try:
        weights = np.asarray(given, dtype=np.float64)
    except (TypeError, ValueError):
        raise InputError(
            f"{what} must be numbers, one weight per row, got {type(given).__name__}"
        ) from None
    if weights.ndim == 2 and weights.shape[1] == 1:
        weights = weights[:, 0]
    if weights.ndim != 1 and not _per_step(weights, targets):
        steps = ("" if not isinstance(targets, np.ndarray) or targets.ndim < 3
                 else f", or one per step, shape {tuple(targets.shape[:-1])}")  # fmt: skip
        raise InputError(
            f"{what} must hold one weight per row, shape ({rows},){steps}, got shape "
            f"{weights.shape}"
        )
    if len(weights) != rows:
        raise InputError(f"{what} has {len(weights)} rows but {x_name} has {rows}")
    bad = int(weights.size - np.count_nonzero(np.isfinite(weights)))
    if bad:
        raise InputError(f"{what} contains {bad} NaN/Inf values; clean them first")
    return weights


def _per_step(weights: np.ndarray, targets: Any) -> bool:
    """Weights with one value per step of the targets (Keras weighs each step's loss)."""
    return (isinstance(targets, np.ndarray) and 2 <= weights.ndim < targets.ndim
            and tuple(targets.shape[:weights.ndim]) == weights.shape)  # fmt: skip


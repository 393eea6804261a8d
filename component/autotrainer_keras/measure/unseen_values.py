"""How many validation values of a string input the training rows never hold.

A string column (a city, a device, a category: one string per row) that a `StringLookup` or
`Hashing` layer reads means what its training values meant only if the validation values are
spelled the same way: an export that lower-cases them, trims them or codes them otherwise
turns every validation row into an unknown token. The share of validation rows whose value
no training row holds is near the training's own share of rare values for rows drawn alike,
and near 1 when the spelling changed. The noise is measured: the same share for a part of
the training rows (as many as the validation sample) against the rest. Free text (a sentence
per row) is unseen in both, so its excess stays near 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from autotrainer_keras.measure.sample_rows import held_out_part
from autotrainer_keras.measure.validation_distance import validation_sample


@dataclass(frozen=True)
class UnseenValues:
    """`share`: validation rows whose value no training row holds; `noise`: that share for a
    part of the training rows against the rest. Both 0 when not measured."""

    share: float = 0.0
    noise: float = 0.0


def _strings(array: object) -> list[str] | None:
    """One string per row ((rows,) or (rows, 1) of str, bytes or object), bytes decoded;
    None for other arrays."""
    if not isinstance(array, np.ndarray) or array.dtype.kind not in "OUS" or not array.size:
        return None
    if array.ndim > 2 or (array.ndim == 2 and array.shape[1] != 1):
        return None
    values = []
    for value in array.reshape(-1):
        if isinstance(value, bytes):
            value = value.decode("utf-8", "replace")
        if not isinstance(value, str):
            return None
        values.append(value)
    return values


def unseen_values(
    train_sample: np.ndarray, x_val: object, sample_rows: int, sample_entries: int | None
) -> UnseenValues:
    """The unseen share of the validation strings `x_val` (at most `VAL_ROWS` rows, evenly
    spaced) against the training rows `train_sample` (already a sample)."""
    if not isinstance(x_val, np.ndarray) or not len(x_val) or len(train_sample) < 4:
        return UnseenValues()
    val = _strings(validation_sample(x_val, sample_rows, sample_entries))
    train = _strings(train_sample)
    if val is None or train is None:
        return UnseenValues()
    held = held_out_part(len(train), len(val))
    rest = {value for value, out in zip(train, held, strict=True) if not out}
    part = [value for value, out in zip(train, held, strict=True) if out]
    seen = set(train)
    return UnseenValues(
        share=sum(value not in seen for value in val) / len(val),
        noise=sum(value not in rest for value in part) / len(part),
    )

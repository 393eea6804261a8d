"""Inputs with missing values (NaN) that the model itself maps away: an imputation layer of
the user's own (NaN -> a fill value, plus was-missing indicator columns) takes the raw table
with its gaps, as scikit-learn's `SimpleImputer` would before it (practice batch 77's house
prices: 2,471 NaN, healthy, refused before this check). Rows whose NaN reach the outputs
train to a NaN loss from the first step, and are refused."""

from __future__ import annotations

import keras
import numpy as np

from autotrainer_keras.errors import InputError
from autotrainer_keras.io.arrays import Arrays, items, take
from autotrainer_keras.measure.rate_profile import evaluation_errors

PROBED_ROWS = 64
"""Rows with missing values the model is run on."""


def _missing(x: Arrays) -> tuple[str, int, np.ndarray]:
    """The first input holding NaN (its name, "" for a single array), its NaN count, and the
    indices of rows with a NaN in any input; ("", 0, empty) when none does."""
    first, count, rows = "", 0, None
    for name, array in items(x):
        if array.dtype.kind != "f" or array.ndim == 0:
            continue
        nan = np.isnan(array.reshape(len(array), -1))
        if not nan.any():
            continue
        if not count:
            first, count = name, int(nan.sum())
        hit = nan.any(axis=1)
        rows = hit if rows is None else rows | hit
    return first, count, np.flatnonzero(rows) if rows is not None else np.array([], int)


def check_missing_inputs(model: keras.Model, x: Arrays, origin: str = "data") -> None:
    """Raise InputError when input rows hold NaN and the model's outputs on (up to
    `PROBED_ROWS` of) them are not all finite, or the model cannot be run on them; quiet when
    no input holds NaN or the model maps them to finite outputs.

    Raises:
        InputError: Naming the input, the NaN count and the two ways out.
    """
    name, count, rows = _missing(x)
    if not count:
        return
    try:
        outputs = model(take(x, rows[:PROBED_ROWS]), training=False)
        finite = all(bool(np.isfinite(keras.ops.convert_to_numpy(o)).all())
                     for o in keras.tree.flatten(outputs))  # fmt: skip
    except evaluation_errors():
        finite = False
    if finite:
        return
    what = f"x['{name}']" if name else "'x'"
    raise InputError(
        f"{origin}: {what} contains {count} NaN values and the model's outputs on those rows "
        "are not finite; fill them first (an imputer, with a was-missing column), or map "
        "them inside the model"
    )
